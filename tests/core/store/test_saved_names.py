"""The typo-matching name keys a process keeps beside the search index: the next process takes them instead of
reading every alias, brings them up to date from what changed since, and reads the store instead when the file
is missing, damaged or another store's."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.models import EntityType
from bot.core.query.resolve import lookup
from bot.core.store import Store, caches, open_store, saved_names
from tests.core.store.test_caches import TYPOS, _article, _entity


@pytest.fixture
def indexed(database_url: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A store's URL holding a few names, and the search index folder its processes share."""
    store = open_store(database_url)
    people = [_entity(n, EntityType.PERSON, 2.0, []) for n in ("Sergey Lavrov", "Dmitry Peskov", "Asma al-Assad")]
    store.add_article(_article(1), people)
    store.add_article(_article(2), [_entity("Tartus", EntityType.PLACE, 2.0, [])])
    store.engine.dispose()
    yield database_url, tmp_path / "search"


def process(url: str, folder: Path | None) -> Store:
    """A new process's store (its own connections and caches), keeping its search index in `folder`."""
    return open_store(url, folder)


def _rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rebuilt: list[int] = []
    original = caches.NameIndex.rebuild

    def counting(self: Any, conn: Any) -> Any:
        rebuilt.append(1)
        return original(self, conn)

    monkeypatch.setattr(caches.NameIndex, "rebuild", counting)
    return rebuilt


def _answers(store: Store) -> list[Any]:
    return [lookup(store, typo) for typo in TYPOS]


def test_a_new_process_takes_the_kept_keys_and_answers_as_one_reading_the_store(
    indexed: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, folder = indexed
    first = process(url, folder)
    expected = _answers(first)  # read from the store, then kept
    assert (folder / saved_names.FILE_NAME).is_file()
    rebuilt = _rebuilds(monkeypatch)

    second = process(url, folder)

    assert _answers(second) == expected and second.name_index == first.name_index
    assert rebuilt == []  # not one alias read: the kept keys were current


def test_kept_keys_are_brought_up_to_date_with_what_changed_since(
    indexed: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, folder = indexed
    assert process(url, folder).name_index[0]  # read, and kept at this generation
    writer = process(url, None)
    writer.add_article(
        _article(3), [_entity("Lavrov", EntityType.PERSON, 1.0, []), _entity("Tarsus", EntityType.PLACE, 2.0, [])]
    )
    writer.add_article(_article(4), [_entity("Hmeimim air base", EntityType.INSTALLATION, 3.0, [])])
    rebuilt = _rebuilds(monkeypatch)

    later = process(url, folder)
    kept, answers = later.name_index, _answers(later)
    assert rebuilt == []  # refreshed from the changed entities, not read whole

    fresh = process(url, None)
    assert kept == fresh.name_index and answers == _answers(fresh)  # equal to keys read afresh


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "another format"])
def test_a_missing_or_damaged_file_is_read_afresh_and_written_again(
    indexed: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    url, folder = indexed
    expected = _answers(process(url, folder))
    kept = folder / saved_names.FILE_NAME
    if damage == "missing":
        kept.unlink()
    elif damage == "truncated":
        kept.write_bytes(kept.read_bytes()[:100])
    elif damage == "garbage":
        kept.write_bytes(b"\x00not marshal at all")
    else:
        kept.write_bytes(marshal.dumps((saved_names.FORMAT + 1, 0)))
    rebuilt = _rebuilds(monkeypatch)

    assert _answers(process(url, folder)) == expected
    assert rebuilt == [1] and kept.is_file()


def test_keys_kept_for_another_store_are_not_taken(
    indexed: tuple[str, Path], database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, folder = indexed
    assert process(url, folder).name_index[0]
    other_folder = tmp_path / "other-search"
    other_folder.mkdir()
    (other_folder / saved_names.FILE_NAME).write_bytes((folder / saved_names.FILE_NAME).read_bytes())
    other_url = url.replace("test.db", "other.db") if url.startswith("sqlite") else None
    if other_url is None:
        pytest.skip("one PostgreSQL database per test")
    other = process(other_url, other_folder)
    other.add_article(_article(1), [_entity("Hakan Fidan", EntityType.PERSON, 2.0, [])])
    rebuilt = _rebuilds(monkeypatch)

    fresh = process(other_url, other_folder)

    assert fresh.name_index[0] == ["fidan", "hakan fidan"] and rebuilt == [1]


def test_an_unwritable_folder_only_costs_the_next_process_a_read(
    indexed: tuple[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, _ = indexed
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    store = process(url, blocked)  # its search index folder cannot be made: a file stands there

    assert lookup(store, "Lavrof").entity is not None
    assert "could not keep the name keys" in caplog.text
