"""Each article is its own failure domain: every bad input the issue names, beside good articles, on both stores;
a failure while parsing one article of a batch; the drop folder going on past bad files."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core.ingest import inbox
from bot.core.ingest.article import MAX_ARTICLE_CHARS
from bot.core.ingest.pipeline import ingest
from bot.core.store import Store, open_store
from tests.conftest import RunBot

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def story(number: int, town: str) -> str:
    """A short article, unique by `number`, naming a person, a place and an organisation."""
    return (
        f"Bulletin {number} from {town}\n\n"
        f"Defence Minister Ivan Petrov visited {town} on March {number % 27 + 1}, 2025, and met officials of the "
        f"Northern Relief Agency for the {number}th time.\n\n"
        f"“We will stay as long as we are needed,” Petrov said in {town}.\n"
    )


def long_text(chars: int) -> str:
    """Paragraphs of news prose, `chars` characters or a little more."""
    paragraphs = (story(n, f"Town{n % 50}") for n in range(10**6))
    out: list[str] = []
    size = 0
    while size < chars:
        out.append(next(paragraphs))
        size += len(out[-1]) + 1
    return "\n".join(out)


def write(path: Path | bytes, content: str | bytes) -> None:
    """Write a file, settled in the past (the drop folder takes only files nobody is still writing)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(path, "wb") as handle:
        handle.write(data)
    past = time.time() - 60
    os.utime(path, (past, past))


def bad_batch(folder: Path) -> tuple[list[str], list[str]]:
    """Every bad input of issue #12 beside good articles. Returns the names of the inputs that must each give one
    error line, and the words that must be found in the articles that must be indexed."""
    folder.mkdir(parents=True, exist_ok=True)
    indexed = []
    for number in (1, 2, 3):
        write(folder / f"good{number}.txt", story(number, f"Goodtown{number}"))
        indexed.append(f"Goodtown{number}")
    # 1.3 MB of text: more than MAX_ARTICLE_CHARS; refused with one line, before any parsing.
    write(folder / "huge.txt", long_text(1_300_000))
    # `published` out of range: before year 1 in UTC, and past year 9999 in UTC.
    dates = [
        {"text": story(4, "Earlytown"), "published": "0001-01-01T00:00:00+05:00"},
        {"text": story(5, "Latetown"), "published": "9999-12-31T23:59:59-05:00"},
    ]
    write(folder / "dates.json", json.dumps(dates))
    indexed += ["Earlytown", "Latetown"]
    # A lone surrogate in JSON text (it broke the content hash), and a NUL (PostgreSQL refuses it).
    write(folder / "surrogate.json", '{"text": "' + story(6, "Surrotown").replace("\n", "\\n") + ' \\ud800 end"}')
    write(folder / "nul.jsonl", json.dumps({"text": story(7, "Nultown") + "\u0000 end", "title": "Nul\u0000 title"}))
    indexed += ["Surrotown", "Nultown"]
    # A file name that is not UTF-8.
    write(os.path.join(os.fsencode(folder), b"caf\xe9-bytes.txt"), story(8, "Bytetown"))
    indexed.append("Bytetown")
    # Inputs that cannot be read at all: each one line.
    write(folder / "truncated.json", '{"text": "Cut off in the mid')
    write(folder / "latin1.txt", "Caf\xe9 society in Paris".encode("latin-1"))
    write(folder / "typed.jsonl", json.dumps({"text": story(9, "Typetown")}) + "\n" + json.dumps({"text": 42}) + "\n")
    indexed.append("Typetown")
    bad = [
        str(folder / "huge.txt"),
        str(folder / "truncated.json"),
        str(folder / "latin1.txt"),
        f"{folder / 'typed.jsonl'}:2",
    ]
    return bad, indexed


def searched(store: Store, word: str) -> int:
    return store.search(word, limit=1)[1]


def test_a_batch_of_every_bad_input_indexes_all_the_good_articles(
    tmp_path: Path, database_url: str, run_bot: RunBot
) -> None:
    bad, indexed = bad_batch(tmp_path / "batch")
    ran = run_bot({"DATABASE_URL": database_url}, "ingest", str(tmp_path / "batch"))

    assert ran.returncode == 1
    lines = ran.stderr.strip().split("\n")
    assert len(lines) == len(bad), ran.stderr  # one line per bad input, nothing else (no traceback)
    for name, line in zip(sorted(bad), sorted(lines), strict=True):
        assert line.startswith(f"error: {name}: "), line
    assert any("article too long (1,3" in line and f"the limit is {MAX_ARTICLE_CHARS:,}" in line for line in lines)
    assert ran.stdout.startswith(f"{len(indexed)} new, 0 duplicate, {len(bad)} failed")
    store = open_store(database_url)
    try:
        for word in indexed:
            assert searched(store, word) == 1, word
        articles = {a.headline: a for a in store.latest_articles(50)}
        assert "Nul title" in articles  # NUL removed, not the article refused
        texts = [text for _, text in store.stored_articles()]
        assert not any("\x00" in text for text in texts)
        assert any("\ufffd end" in text for text in texts)  # the lone surrogate became U+FFFD
        sources = {a.source for a in articles.values()}
        assert str(tmp_path / "batch" / "caf\ufffd-bytes.txt") in sources
    finally:
        store.engine.dispose()


class FailingNlp:
    """The real pipeline, except that a batch holding one given word fails, as spaCy fails on a text it cannot
    take (E088 and the like): what ingestion does about a parser's failure, with everything else real."""

    def __init__(self, nlp: Any, word: str) -> None:
        self.nlp = nlp
        self.word = word

    def pipe(self, texts: Iterable[str]) -> Iterator[Any]:
        given = list(texts)
        if any(self.word in text for text in given):
            raise ValueError(f"[E088] Text of length {sum(map(len, given))} exceeds maximum")
        return iter(self.nlp.pipe(given))


def test_a_parser_failure_loses_only_its_article_not_its_batch(tmp_path: Path, store: Store, nlp: Any) -> None:
    for number in range(1, 6):
        write(tmp_path / f"{number}.txt", story(number, "Zebulon" if number == 3 else f"Town{number}"))
    lines: list[str] = []

    summary = ingest([tmp_path], store, FailingNlp(nlp, "Zebulon"), report=lines.append)

    assert (summary.new, summary.failed) == (4, 1)
    assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path / '3.txt'}: not parsed: ValueError: [E088] Text")
    assert searched(store, "Bulletin") == 4 and searched(store, "Zebulon") == 0


def test_the_drop_folder_moves_every_bad_file_aside_and_goes_on(tmp_path: Path, store: Store, nlp: Any) -> None:
    box = tmp_path / "inbox"
    _bad, indexed = bad_batch(box)

    run = inbox.process(box, store, lambda: nlp, NOW)

    failed_files = {"huge.txt", "truncated.json", "latin1.txt", "typed.jsonl"}
    assert set(run.failed) == failed_files
    assert len(run.processed) == 7 and "caf\ufffd-bytes.txt" in run.processed
    assert not [p for p in box.iterdir() if p.is_file()]  # nothing left behind to block the next run
    reason = (box / "failed" / "huge.txt.reason.txt").read_text(encoding="utf-8")
    assert reason.startswith(f"error: {box / 'huge.txt'}: article too long")
    typed = (box / "failed" / "typed.jsonl.reason.txt").read_text(encoding="utf-8")
    assert "typed.jsonl:2: record has no text" in typed and "1 other article(s) from this file were indexed" in typed
    assert os.path.exists(os.path.join(os.fsencode(box / "processed"), b"caf\xe9-bytes.txt"))
    for word in indexed:
        assert searched(store, word) == 1, word
    assert inbox.process(box, store, lambda: nlp, NOW).failed == []


@pytest.mark.parametrize("chars", [MAX_ARTICLE_CHARS + 1])
def test_a_text_over_the_limit_is_refused_by_url_ingestion_too(chars: int, store: Store, nlp: Any) -> None:
    from bot.core.ingest.web import index_documents
    from bot.core.models import Document, SourceError

    [result] = index_documents([Document(text="a" * chars, source="wire", url="https://example.org/x")], store,
                               lambda: nlp, NOW)  # fmt: skip
    assert isinstance(result, SourceError)
    assert result.reason == f"article too long ({chars:,} characters; the limit is {MAX_ARTICLE_CHARS:,})"


def test_re_extraction_skips_an_article_that_fails_and_keeps_the_others(tmp_path: Path, store: Store, nlp: Any) -> None:
    from bot.core.ingest.pipeline import reindex

    for number in range(1, 4):
        write(tmp_path / f"{number}.txt", story(number, "Zebulon" if number == 2 else f"Town{number}"))
    assert ingest([tmp_path], store, nlp, report=lambda _line: None).new == 3
    lines: list[str] = []

    summary = reindex(store, FailingNlp(nlp, "Zebulon"), report=lines.append)

    assert summary.failed == 1 and len(lines) == 1 and "not parsed: ValueError: [E088]" in lines[0]
    assert summary.entities > 0 and store.search("Town3", limit=1)[1] == 1
