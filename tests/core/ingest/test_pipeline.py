"""Ingestion end to end: the real model, real stores, `python -m bot ingest | index | stats` on SQLite files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Engine, func, select, text

from bot.core.ingest import pipeline as ingest_module
from bot.core.ingest.pipeline import ingest
from bot.core.models import Article, Extracted, Role
from bot.core.store import Store, open_store
from bot.core.store import schema as s
from tests.conftest import ARTICLES, ROOT, RunBot

MIB = 1024 * 1024
SUMMARY = re.compile(r"^(\d+) new, (\d+) duplicate, (\d+) failed, (\d+) entities, \d+\.\d s$")
NOW = datetime(2030, 1, 1, tzinfo=UTC)


def story(number: int, town: str = "Velmar") -> str:
    """A short generated article; `number` makes its content (and so its hash) unique."""
    return (
        f"Bulletin {number} from {town}. Defence Minister Ivan Petrov visited {town} on March {number % 27 + 1}, "
        f"2025, and inspected the Korvik naval base near {town}.\n"
        f"“We will stay as long as we are needed,” Petrov said after meeting Olga Brandt, the foreign minister "
        f"of Southland, for the {number}th time.\n"
    )


def quiet(_line: str) -> None:
    """A `report` callback for runs whose error lines the test does not read."""


def counts(engine: Engine) -> dict[str, int]:
    """Rows in every table of the store (and, on SQLite, documents in the FTS5 index)."""
    with engine.connect() as conn:
        found = {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in s.metadata.sorted_tables
        }
        if engine.dialect.name == "sqlite":
            found["article_fts"] = int(conn.execute(text("SELECT count(*) FROM article_fts_docsize")).scalar_one())
    return found


def article_rows(engine: Engine) -> list[tuple[Any, ...]]:
    """Every stored article as a row of all its columns but the id, in content-hash order."""
    columns = [c for c in s.articles.c if c.name != "id"]
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*columns).order_by(s.articles.c.content_hash))]


def searched(store: Store, word: str) -> int:
    """How many articles the store's full-text search finds for one word."""
    return store.search(word, limit=1)[1]


def search_index_is_consistent(engine: Engine) -> None:
    """On SQLite, FTS5's own check that its index holds exactly what the articles table holds (raises if not)."""
    if engine.dialect.name != "sqlite":
        return  # PostgreSQL's search column is generated from the row itself
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")


# --- a batch with bad inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    """Files for one ingestion run: good ones, bad ones, and what each bad one must be reported as."""

    paths: list[Path]
    bad: dict[str, str]  # the name an error line must carry -> a phrase of the reason


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """Two good articles, a JSON Lines file with a bad line between two good ones, four bad files, a missing path."""
    folder = tmp_path_factory.mktemp("batch")
    good_one = folder / "good_one.txt"
    good_one.write_text(story(1), encoding="utf-8")
    good_two = folder / "good_two.md"
    good_two.write_text(story(2, "Drovna"), encoding="utf-8")
    feed = folder / "feed.jsonl"
    records = [{"text": story(3), "url": "https://news.example/3"}, {"text": story(4), "url": "https://news.example/4"}]
    feed.write_text(
        json.dumps(records[0]) + "\n" + '{"text": "cut off' + "\n" + json.dumps(records[1]) + "\n", encoding="utf-8"
    )
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    binary = folder / "binary.txt"
    binary.write_bytes(b"Bulletin\x00\x01\x02 from a program")
    latin = folder / "latin.txt"
    latin.write_bytes("Le ministre a visité Velmar.".encode("latin-1"))
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * MIB)  # sparse: 50 MB long, nothing written
    missing = folder / "missing.txt"
    return Batch(
        paths=[good_one, empty, binary, feed, latin, huge, missing, good_two],
        bad={
            str(empty): "empty file",
            str(binary): "binary",
            f"{feed}:2": "malformed JSON",
            str(latin): "not UTF-8",
            str(huge): "too large",
            str(missing): "no such file",
        },
    )


def assert_one_line_per_bad_input(lines: Sequence[str], batch: Batch) -> None:
    """Every bad input named by exactly one line, with its reason; no other lines."""
    assert len(lines) == len(batch.bad), lines
    for name, reason in batch.bad.items():
        # "feed.jsonl:2" must not also be matched by a line about "feed.jsonl" alone, hence the separator.
        naming = [line for line in lines if f"{name}:" in line]
        assert len(naming) == 1, (name, lines)
        assert reason in naming[0], naming[0]


def test_bad_inputs_are_each_reported_once_and_the_good_ones_indexed(batch: Batch, store: Store, nlp: Any) -> None:
    lines: list[str] = []
    summary = ingest(batch.paths, store, nlp, report=lines.append, now=lambda: NOW)

    assert_one_line_per_bad_input(lines, batch)
    assert (summary.new, summary.duplicate, summary.failed) == (4, 0, len(batch.bad))
    assert summary.entities > 0
    assert len(summary.errors) == len(batch.bad)
    assert store.article_count() == 4
    hits, total, _ = store.search("Bulletin", limit=10)
    assert total == 4
    towns = {1: "Velmar", 2: "Drovna", 3: "Velmar", 4: "Velmar"}
    assert sorted(h.headline for h in hits) == [f"Bulletin {n} from {town}." for n, town in towns.items()]
    assert {h.url for h in hits} == {None, "https://news.example/3", "https://news.example/4"}


def run_bot_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot ARGS` as its own process from the repository root (the ingestion smoke test)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def bot_env(database: Path, articles_dir: Path | None = None) -> dict[str, str]:
    """The process environment without Slack credentials, with our own store (and corpus folder)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env.pop("ARTICLES_DIR", None)
    if articles_dir is not None:
        env["ARTICLES_DIR"] = str(articles_dir)
    return env


def summary_numbers(stdout: str) -> tuple[int, int, int, int]:
    """new, duplicate, failed, entities from the summary line, which must be the last line of stdout."""
    match = SUMMARY.match(stdout.strip().splitlines()[-1])
    assert match, stdout
    new, duplicate, failed, entities = (int(g) for g in match.groups())
    return new, duplicate, failed, entities


def test_cli_names_each_bad_input_on_stderr_and_exits_non_zero(batch: Batch, tmp_path: Path) -> None:
    env = bot_env(tmp_path / "bot.db")
    done = run_bot_process(env, "ingest", *map(str, batch.paths))

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    assert_one_line_per_bad_input(lines, batch)
    new, duplicate, failed, entities = summary_numbers(done.stdout)
    assert (new, duplicate, failed) == (4, 0, len(batch.bad))
    assert entities > 0
    assert open_store(env["DATABASE_URL"]).article_count() == 4


def test_cli_exits_zero_when_every_input_is_good(tmp_path: Path, run_bot: RunBot) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(story(number + 10), encoding="utf-8")
    env = bot_env(tmp_path / "bot.db")

    first = run_bot(env, "ingest", str(folder))
    again = run_bot(env, "ingest", str(folder / "0.txt"))

    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert summary_numbers(first.stdout)[:3] == (3, 0, 0)
    assert again.returncode == 0, again.stderr
    assert summary_numbers(again.stdout) == (0, 1, 0, 0)


def test_cli_stats_prints_what_the_index_holds(tmp_path: Path, nlp: Any, run_bot: RunBot) -> None:
    database = tmp_path / "bot.db"
    store = open_store(f"sqlite:///{database}")
    ingest([ARTICLES], store, nlp, report=quiet)
    expected = store.stats()

    done = run_bot(bot_env(database), "stats")

    assert done.returncode == 0, done.stderr
    printed = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()}
    assert printed == expected
    assert expected["articles"] == len(list(ARTICLES.glob("*.txt")))
    assert expected["persons"] > 0 and expected["mentions"] > expected["persons"]


# --- idempotency ----------------------------------------------------------------------------------------


def test_the_same_content_is_one_article_whatever_its_name_or_line_endings(
    tmp_path: Path, store: Store, nlp: Any
) -> None:
    original = tmp_path / "original.txt"
    original.write_text(story(5), encoding="utf-8")
    renamed = tmp_path / "copy of original.md"
    renamed.write_text(story(5), encoding="utf-8")
    windows = tmp_path / "windows.txt"
    windows.write_bytes(story(5).replace("\n", "\r\n").encode("utf-8"))

    first = ingest([original, renamed], store, nlp, report=quiet)
    second = ingest([windows, original], store, nlp, report=quiet)

    assert (first.new, first.duplicate, first.failed) == (1, 1, 0)
    assert (second.new, second.duplicate, second.failed) == (0, 2, 0)
    assert store.article_count() == 1
    assert searched(store, "Bulletin") == 1
    [only] = store.latest_articles(10)
    assert only.source == str(original)


def test_the_same_url_twice_is_one_article(tmp_path: Path, store: Store, nlp: Any) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"text": story(6), "url": "https://news.example/6", "title": "First version"},
        {"text": story(7), "url": "https://news.example/6", "title": "Updated version"},
        {"text": story(8), "url": "https://news.example/8"},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    later = tmp_path / "later.json"
    later.write_text(json.dumps({"text": story(9), "url": "https://news.example/8"}), encoding="utf-8")

    first = ingest([feed], store, nlp, report=quiet)
    second = ingest([later], store, nlp, report=quiet)

    assert (first.new, first.duplicate, first.failed) == (2, 1, 0)
    assert (second.new, second.duplicate) == (0, 1)
    assert store.article_count() == 2
    assert sorted(a.headline for a in store.latest_articles(10)) == ["Bulletin 8 from Velmar.", "First version"]


# --- one transaction per article ------------------------------------------------------------------------


class CrashingStore(Store):
    """A real store whose extraction result for articles containing `marker` is broken in a given way.

    The broken part is appended after the article's real entities, so the article row, its search entry and
    its first entities are written before the failure.
    """

    def __init__(self, engine: Engine, marker: str, breakage: str) -> None:
        super().__init__(engine)
        self.marker = marker
        self.breakage = breakage

    def add_articles(
        self,
        found: Iterable[tuple[Article, Sequence[Extracted]]],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> list[int | Exception | None]:
        """Index the articles, poisoning the extraction result of those carrying the marker."""
        poisoned = ((article, self._poisoned(article, extracted)) for article, extracted in found)
        return super().add_articles(poisoned, now)

    def _poisoned(self, article: Article, extracted: Sequence[Extracted]) -> Sequence[Extracted]:
        if self.marker not in article.text or not extracted:
            return extracted
        first = extracted[0]
        if self.breakage == "constraint":
            # A role without a title: its row violates the NOT NULL constraint, mid-article.
            return [*extracted, replace(first, roles=[Role(title=cast(str, None), sentence="…")])]
        # An entity with no mention: the writer fails reading its first mention, mid-article.
        return [*extracted, replace(first, mentions=[])]


@pytest.mark.parametrize(
    ("breakage", "error"),
    [("constraint", "IntegrityError"), ("missing mention", "IndexError")],
    ids=["constraint", "crash"],
)
def test_a_failure_mid_article_leaves_nothing_of_it_and_stores_the_others(
    tmp_path: Path, database_url: str, nlp: Any, breakage: str, error: str
) -> None:
    files = []
    for number, marker in [(20, ""), (21, "Zebulon"), (22, "")]:
        path = tmp_path / f"{number}.txt"
        path.write_text(story(number) + (f"{marker} was there.\n" if marker else ""), encoding="utf-8")
        files.append(path)
    good = open_store(database_url)
    assert ingest(files[:1], good, nlp, report=quiet).new == 1
    crashing = CrashingStore(good.engine, marker="Zebulon", breakage=breakage)
    lines: list[str] = []

    summary = ingest(files, crashing, nlp, report=lines.append)

    # The failing article is one line and one count; the article after it is stored all the same.
    assert (summary.new, summary.duplicate, summary.failed) == (1, 1, 1)
    assert len(lines) == 1 and lines[0].startswith(f"error: {files[1]}: not stored: {error}"), lines
    assert "Zebulon" not in lines[0]  # the reason never quotes the article
    assert searched(crashing, "Zebulon") == 0
    assert searched(crashing, "Bulletin") == 2
    with crashing.engine.connect() as conn:  # nothing of the failed article
        assert not any("Zebulon" in str(row) for row in conn.execute(select(s.entities)).all())
    search_index_is_consistent(crashing.engine)

    rerun = ingest(files, good, nlp, report=quiet)
    assert (rerun.new, rerun.duplicate, rerun.failed) == (1, 2, 0)
    assert searched(good, "Zebulon") == 1
    search_index_is_consistent(good.engine)
    good.engine.dispose()


# --- python -m bot index --------------------------------------------------------------------------------


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of data/articles with the files' times kept, for tests that change the folder."""
    copy = tmp_path / "articles"
    shutil.copytree(ARTICLES, copy)
    return copy


def test_index_builds_then_is_up_to_date_then_follows_a_changed_file(
    tmp_path: Path, corpus_copy: Path, run_bot: RunBot
) -> None:
    database = tmp_path / "bot.db"
    shipped = len(list(ARTICLES.glob("*.txt")))

    built = run_bot(bot_env(database), "index")  # the default folder: data/articles
    assert built.returncode == 0, built.stderr
    assert "the index is empty" in built.stderr
    assert summary_numbers(built.stdout)[:3] == (shipped, 0, 0)

    # The copy keeps the files' times, which are older than the index: nothing to do.
    current = run_bot(bot_env(database, corpus_copy), "index")
    assert current.returncode == 0, current.stderr
    assert current.stdout.strip() == f"Index is up to date ({shipped} articles)."

    touched = sorted(corpus_copy.glob("*.txt"))[0]
    stamp = time.time()  # the same clock the index time was taken from, in a process that has ended
    os.utime(touched, (stamp, stamp))
    redone = run_bot(bot_env(database, corpus_copy), "index")
    assert redone.returncode == 0, redone.stderr
    assert "new or changed articles" in redone.stderr
    assert summary_numbers(redone.stdout)[:3] == (0, shipped, 0)
    assert (
        run_bot(bot_env(database, corpus_copy), "index").stdout.strip() == f"Index is up to date ({shipped} articles)."
    )

    (corpus_copy / "added.txt").write_text(story(31), encoding="utf-8")
    grown = run_bot(bot_env(database, corpus_copy), "index")
    assert grown.returncode == 0, grown.stderr
    assert summary_numbers(grown.stdout)[:3] == (1, shipped, 0)
    settled = run_bot(bot_env(database, corpus_copy), "index")
    assert settled.stdout.strip() == f"Index is up to date ({shipped + 1} articles)."


def test_index_notices_a_new_article_whose_file_time_is_old(tmp_path: Path, corpus_copy: Path, run_bot: RunBot) -> None:
    database = tmp_path / "bot.db"
    assert run_bot(bot_env(database, corpus_copy), "index").returncode == 0
    added = corpus_copy / "added.txt"
    added.write_text(story(30), encoding="utf-8")
    old = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    os.utime(added, (old, old))

    done = run_bot(bot_env(database, corpus_copy), "index")

    assert done.returncode == 0, done.stderr
    assert open_store(f"sqlite:///{database}").search("Bulletin", limit=5)[1] == 1


def test_a_new_extractor_version_re_extracts_and_keeps_every_article(
    tmp_path: Path, corpus_copy: Path, nlp: Any, run_bot: RunBot
) -> None:
    database = tmp_path / "bot.db"
    assert run_bot(bot_env(database, corpus_copy), "index").returncode == 0
    store = open_store(f"sqlite:///{database}")
    # An article from outside the corpus folder must survive the re-extraction too.
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(story(40), encoding="utf-8")
    assert ingest([elsewhere], store, nlp, report=quiet).new == 1
    articles_before = article_rows(store.engine)
    stats_before = store.stats()
    # What an older extractor left behind: a different version, and (say) no entities at all.
    with store.engine.begin() as conn:
        conn.execute(s.entities.delete())
    store.set_meta("extractor_version", "0")
    assert store.stats()["mentions"] == 0

    done = run_bot(bot_env(database, corpus_copy), "index")

    assert done.returncode == 0, done.stderr
    assert "the extractor changed" in done.stderr
    assert summary_numbers(done.stdout)[:3] == (0, len(list(corpus_copy.glob("*.txt"))), 0)
    store = open_store(f"sqlite:///{database}")
    assert store.get_meta("extractor_version") == ingest_module.EXTRACTOR_VERSION
    assert store.stats() == stats_before
    assert article_rows(store.engine) == articles_before
    assert store.search("Bulletin", limit=5)[1] == 1
    search_index_is_consistent(store.engine)
    again = run_bot(bot_env(database, corpus_copy), "index")
    assert again.stdout.strip().startswith("Index is up to date")


@pytest.mark.parametrize("overlapped", [False, True])
def test_batches_are_stored_in_order_one_at_a_time_beside_the_parsing_or_in_its_thread(overlapped: bool) -> None:
    import threading

    events: list[tuple[str, int, bool]] = []
    busy = threading.Lock()

    def store(n: int) -> None:
        assert busy.acquire(blocking=False), "two batches stored at once"
        events.append(("stored", n, threading.current_thread() is threading.main_thread()))
        time.sleep(0.01)
        busy.release()

    with ingest_module._writer(overlapped) as write:
        for n in range(4):
            write(partial(store, n))
            events.append(("handed", n, True))
    assert [n for kind, n, _ in events if kind == "stored"] == [0, 1, 2, 3]
    assert {here for kind, _, here in events if kind == "stored"} == {not overlapped}
    if overlapped:  # the next batch is handed over only when the one before it is stored
        for n in range(1, 4):
            assert events.index(("stored", n - 1, False)) < events.index(("handed", n, True))


def test_one_worker_overlaps_storing_with_parsing_only_for_a_store_across_a_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[bool] = []
    real = ingest_module._writer

    def writer(overlapped: bool) -> Any:
        asked.append(overlapped)
        return real(overlapped)

    monkeypatch.setattr(ingest_module, "_writer", writer)
    from types import SimpleNamespace

    sqlite = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    # nothing to read: only where the store is is asked, so PostgreSQL's can be a stand-in
    postgresql = cast(Store, SimpleNamespace(across_a_network=True))
    for store in (sqlite, postgresql):
        for workers in (1, 2):
            ingest([], store, nlp=None, report=lambda _line: None, workers=workers)
    assert asked == [False, False, True, False], "only one worker on PostgreSQL stores in a thread of its own"


@pytest.mark.parametrize(("hold", "transactions"), [(60.0, 1), (0.0, 3)])
def test_a_batch_holds_the_write_lock_for_a_bounded_time_then_goes_on_in_a_new_transaction(
    tmp_path: Path, database_url: str, nlp: Any, monkeypatch: pytest.MonkeyPatch, hold: float, transactions: int
) -> None:
    # Every write transaction takes one generation: three articles of one batch take one, or one each when the
    # transaction may hold the lock no time at all (other writers get in between them).
    files = []
    for number in (30, 31, 32):
        path = tmp_path / f"{number}.txt"
        path.write_text(story(number), encoding="utf-8")
        files.append(path)
    store = open_store(database_url)
    before = store.generation().number or 0
    monkeypatch.setattr(ingest_module, "LOCK_HOLD_SECONDS", hold)

    summary = ingest(files, store, nlp, report=quiet)

    assert (summary.new, summary.failed) == (3, 0)
    assert store.generation().number == before + transactions
