"""Hypothesis against every reader: random bytes, text in other encodings, truncated and wrongly typed JSON,
extreme dates, feeds. Whatever arrives becomes documents or one clear error line per bad input, never an
exception, and every document becomes an article that can be stored, or is refused with a reason.

The readers are fuzzed without spaCy (fast); `test_isolation.py` takes the bad inputs through the whole
pipeline on both stores. The "ingest-fuzz" profile keeps the example counts modest for the suite; run with
`--hypothesis-profile=ingest-fuzz-long` to search harder.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.ingest.article import MAX_ARTICLE_CHARS, Unusable, to_article
from bot.core.ingest.feeds import item_of, malformed
from bot.core.ingest.files import MAX_REASON_CHARS, SUPPORTED_SUFFIXES, read_sources
from bot.core.ingest.nlp import pieces
from bot.core.models import Article, Document, SourceError

settings.register_profile(
    "ingest-fuzz", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
settings.register_profile("ingest-fuzz-long", max_examples=2000, deadline=None)
FUZZ = settings.get_profile("ingest-fuzz")
# feedparser warns about its own date-field fallback on every Atom entry without a published date.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:feedparser")
NOW = datetime(2030, 1, 1, tzinfo=UTC)

EXTREME_DATES = [
    "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01", "9999-12-31", "2025-02-30",
    "+10000-01-01", "0000-00-00", "2025-13-01T25:61:61", "1970-01-01T00:00:00Z", "2025-10-15T08:00:00+14:00",
    "", " ", "yesterday", "2025-10-15\x00", "\ud800",
]  # fmt: skip
any_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
field_value = st.one_of(
    any_json,
    st.sampled_from(EXTREME_DATES),
    st.text(max_size=200),
    st.text(alphabet="\x00\ud800\udfff a\n", max_size=30),
)
record = (
    st.fixed_dictionaries(
        {},
        optional={name: field_value for name in ("text", "title", "published", "source", "url")},
    )
    | any_json
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252", "koi8-r"])


def read(name: str, data: bytes) -> list[Document | SourceError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        found = list(read_sources([path]))
        for item in found:
            where = item.source if isinstance(item, SourceError) else (item.origin or "")
            assert where.startswith(str(path)), where  # every line names the file (and record)
        return found


def checked(found: list[Document | SourceError]) -> list[Article]:
    """Every error is one short line; every document becomes a storable article or is refused with a reason."""
    articles = []
    for item in found:
        if isinstance(item, SourceError):
            assert item.reason and "\n" not in item.reason and len(item.reason) < MAX_REASON_CHARS + 100
            assert "Traceback" not in item.reason
            continue
        try:
            article = to_article(item, NOW)
        except Unusable as refused:
            assert str(refused)
            continue
        for value in (article.text, article.headline, article.source, article.url or ""):
            value.encode("utf-8")  # no lone surrogate left: every encoder and both stores accept it
            assert "\x00" not in value
        assert article.published.tzinfo is not None and article.published <= NOW + timedelta(days=1)
        assert 0 < len(article.text) <= MAX_ARTICLE_CHARS
        articles.append(article)
    return articles


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)))
def test_random_bytes_in_any_supported_file_are_documents_or_one_reason(data: bytes, suffix: str) -> None:
    found = read("input" + suffix, data)
    assert found  # never silence: a document or a reason
    checked(found)


@FUZZ
@example(text="\x00", encoding="utf-8", suffix=".txt")  # found by a run: UTF-8 without a mark, and a NUL
@given(text=st.text(max_size=500), encoding=encodings, suffix=st.sampled_from([".txt", ".md"]))
def test_text_in_any_encoding_is_read_or_refused_as_not_utf8(text: str, encoding: str, suffix: str) -> None:
    data = text.encode(encoding, errors="replace")
    [found] = read("story" + suffix, data)
    unicode = encoding.startswith("utf")
    if encoding == "utf-8" and "\x00" in text:  # no byte-order mark: a NUL byte says binary, not text
        assert isinstance(found, SourceError) and found.reason.startswith("binary file")
    elif unicode and text.strip():  # UTF-8, or UTF-16 / UTF-32 with the byte-order mark Python writes
        assert isinstance(found, Document) and found.text == text.removeprefix("\ufeff")
    elif isinstance(found, SourceError):
        assert found.reason.startswith(("empty file", "not UTF-8 text", "binary file"))
    checked([found])


@FUZZ
@given(records=st.lists(record, min_size=1, max_size=6), cut=st.integers(min_value=0, max_value=4000))
def test_json_lists_of_any_records_name_each_bad_one(records: list[Any], cut: int) -> None:
    whole = json.dumps(records, ensure_ascii=bool(cut % 2))
    data = whole if cut >= len(whole) else whole[:cut]  # truncated on every other size
    raw = data.encode("utf-8", errors="surrogatepass")  # a lone surrogate written raw is not UTF-8: refused
    found = read("records.json", raw)
    if data == whole and raw == data.encode("utf-8", errors="replace"):
        assert len(found) == len(records)  # one document or one error per record
        good = [r for r in records if isinstance(r, dict) and isinstance(r.get("text"), str) and r["text"].strip()]
        assert sum(isinstance(f, Document) for f in found) == len(good)
    checked(found)


@FUZZ
@given(
    lines=st.lists(record, min_size=1, max_size=6),
    garbage=st.lists(st.text(st.characters(exclude_characters="\x00\n"), max_size=30), max_size=3),
)
@example(lines=[{}], garbage=["\ud800"])  # a line whose bytes are not UTF-8 refused the whole file once
def test_jsonl_reads_every_good_line_around_wrongly_typed_and_broken_ones(lines: list[Any], garbage: list[str]) -> None:
    body = [json.dumps(r) for r in lines] + garbage  # a raw NUL would make it a binary file: tested elsewhere
    found = read("lines.jsonl", "\n".join(body).encode("utf-8", errors="surrogatepass"))
    assert len(found) == len([line for line in body if line.strip()])  # one item per non-blank line
    checked(found)


@FUZZ
@given(
    published=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]),
    ) | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(1, 1, 2)).map(
        lambda d: d.replace(tzinfo=timezone(timedelta(hours=5)))
    ),
)  # fmt: skip
def test_any_published_time_gives_a_date_in_utc_never_an_overflow(published: datetime) -> None:
    found = read("dated.json", json.dumps({"text": "A story.", "published": published.isoformat()}).encode())
    [article] = checked(found)
    assert article.published.utcoffset() == timedelta(0)


@settings(FUZZ, max_examples=10)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_huge_single_lines_are_read_cut_into_pieces_and_dated_without_stalling(seed: int) -> None:
    word = f"Word{seed}"
    line = " ".join([word] * (MAX_ARTICLE_CHARS // (len(word) + 1) - 1)) if seed % 2 else "x" * (MAX_ARTICLE_CHARS - 1)
    found = read("one-line.txt", line.encode())
    [article] = checked(found)
    assert "".join(pieces(article.text)) == article.text


FEED_DATES = ["Mon, 01 Jan 0001 00:00:00 +0500", "Fri, 31 Dec 9999 23:59:59 -1400", "Sun, 30 Feb 2025 00:00:00 GMT",
              "0000-00-00T00:00:00Z", "99999-01-01T00:00:00Z", "not a date", ""]  # fmt: skip


@FUZZ
@given(
    titles=st.lists(st.text(max_size=40), min_size=1, max_size=4),
    dates=st.lists(st.sampled_from(FEED_DATES), min_size=4, max_size=4),
    atom=st.booleans(),
    cut=st.integers(min_value=0, max_value=2000),
)
def test_feeds_with_any_items_and_dates_give_items_or_one_problem(
    titles: list[str], dates: list[str], atom: bool, cut: int
) -> None:
    from xml.sax.saxutils import escape

    pairs = list(enumerate(zip(titles, dates[: len(titles)], strict=True)))
    if atom:
        entries = "".join(
            f"<entry><title>{escape(t)}</title><id>urn:{i}</id><updated>{d}</updated><summary>{escape(t)}</summary>"
            "</entry>"
            for i, (t, d) in pairs
        )
        body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{entries}</feed>'
    else:
        entries = "".join(
            f"<item><title>{escape(t)}</title><link>https://example.org/{i}</link><pubDate>{d}</pubDate></item>"
            for i, (t, d) in pairs
        )
        body = f'<rss version="2.0"><channel><title>F</title>{entries}</channel></rss>'
    data = body.encode("utf-8", errors="replace")[: cut if cut < len(body) else None]
    parsed = feedparser.parse(data)
    problem = malformed(parsed)
    assert problem is None or ("\n" not in problem and len(problem) < 200)
    for entry in parsed.entries:
        item = item_of(entry)  # never an exception, whatever the date
        assert item.published is None or item.published.tzinfo is not None


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_a_feed_are_a_problem_or_items(data: bytes) -> None:
    parsed = feedparser.parse(data)
    malformed(parsed)
    for entry in parsed.entries:
        item_of(entry)
