"""The benchmark at toy sizes: the generator is sound, the bulk loader writes what the real writer writes, and every
measurement runs and lands in the table. No timing is asserted: speed targets live in `python -m bench.run`."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from bench import bulk, corpus, databases, realistic, run
from bot.core.ingest.article import content_hash, normalise_text
from bot.core.ingest.files import read_sources
from bot.core.models import Document
from bot.core.store import Store, open_store
from bot.core.store import schema as s
from bot.core.store.reader import utc
from bot.settings import database_url as normalise_url
from tests.conftest import BACKENDS, TEST_DATABASE_URL


def test_generated_records_are_deterministic_and_their_offsets_point_at_their_names() -> None:
    first, again = list(corpus.records(25)), list(corpus.records(25))
    assert [r[0] for r in first] == [r[0] for r in again]
    for article, _ingested, extracted in first:
        assert corpus.normalised(article.text) and len(article.text.split()) >= 400
        for found in extracted:
            for m in found.mentions:
                assert article.text[m.start : m.end] == m.surface
                assert m.sent_start <= m.start < m.end <= m.sent_end
    kinds = {found.type for _a, _i, extracted in first for found in extracted}
    assert len(kinds) == 4, "people, organisations, places and installations are all generated"


def _rows(store: Store) -> dict[str, Any]:
    """Every stored row (without the ids the writer leaves to the database) and a few FTS lookups."""
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for table in bulk.COPIED_TABLES:
            columns = [c for c in table.columns if c.name != "id" or table in (s.articles, s.entities)]
            rows = [tuple(utc(v) if hasattr(v, "year") else v for v in r) for r in conn.execute(select(*columns))]
            out[table.name] = sorted(rows, key=repr)
        for word in ("ceasefire", "council", "hangars"):
            found = (
                conn.execute(
                    text("SELECT rowid FROM article_fts WHERE article_fts MATCH :w ORDER BY rowid"), {"w": word}
                )
                .scalars()
                .all()
            )
            out[f"fts {word}"] = found
    return out


def test_bulk_loader_writes_what_the_real_writer_writes(tmp_path: Path) -> None:
    records = list(corpus.records(40))
    real = open_store(f"sqlite:///{tmp_path / 'real.db'}")
    for article, ingested, extracted in records:
        real.add_article(article, extracted, ingested)
    fast = open_store(f"sqlite:///{tmp_path / 'bulk.db'}")
    assert bulk.BulkLoader(fast).load(records) == len(records)
    expected, got = _rows(real), _rows(fast)
    assert expected["articles"] and expected["quotes"] and expected["base_facts"]
    assert got == expected


def test_indexes_dropped_for_a_load_come_back_as_they_were(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'bulk.db'}")
    listed = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with store.engine.connect() as conn:
        before = conn.exec_driver_sql(listed).all()
    with bulk.deferred_indexes(store.engine, bulk.COPIED_TABLES):
        with store.engine.connect() as conn:
            during = conn.exec_driver_sql(listed).all()
        bulk.BulkLoader(store).load(corpus.records(5))
    with store.engine.connect() as conn:
        after = conn.exec_driver_sql(listed).all()
    assert after == before
    dropped = {name for name, _sql in before} - {name for name, _sql in during}
    assert {"ix_mentions_entity_id", "ix_articles_published_at", "ix_aliases_skeleton"} <= dropped
    assert not any(name.startswith("sqlite_autoindex") for name in dropped)  # keys and unique constraints stay


def test_bench_sizes_come_from_the_environment_or_default() -> None:
    assert run._sizes(None) == run.SIZES
    assert run._sizes("  ") == run.SIZES
    assert run._sizes("1000000, 1000 10000") == [1000, 10000, 1000000]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Generated corpora go to a temporary folder, not bench/.cache."""
    monkeypatch.setattr(databases, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(run, "STARTUP_RUNS", 1)
    return tmp_path


def test_every_measurement_runs_on_tiny_inputs_and_fills_the_table(cache: Path) -> None:
    figures = run.ingestion(["sqlite"], 3, cache)
    figures += run.answers(["sqlite"], (30,))
    figures += run.after_ingestion(["sqlite"], (30,), cache)
    figures += run.database_sizes(["sqlite"], (30,))
    figures += run.startup(["sqlite"], (30,))
    figures += run.digests(["sqlite"], (30,))
    shown = run.table(figures)
    assert shown.splitlines()[0].startswith("| Measure | Backend | Articles | Result | Target | Status |")
    for expected in (
        "Ingestion vs bare nlp.pipe",
        "2 workers vs 1",
        "/who NAME",
        "/bases",
        "/search WORDS",
        "DM question",
        run.AFTER_INGESTION,
        "Storing an article",
        "Database size per article",
        "Start-up to first answer",
        "Resident memory",
        "Digest",
    ):
        assert expected in shown
    assert all(f.status in {"PASS", "MISS", "—"} for f in figures)
    assert len(shown.splitlines()) == len(figures) + 2


def test_realistic_copies_are_the_eval_articles_and_none_is_a_duplicate(tmp_path: Path) -> None:
    made = realistic.copies(2, tmp_path / "copies")
    articles = sorted(p for p in realistic.ARTICLES.iterdir() if p.is_file())
    assert len(made.paths) == len(made.texts) == 2 * len(articles)
    documents = [d for d in read_sources(made.paths) if isinstance(d, Document)]
    assert len(documents) == len(made.paths)
    assert len({content_hash(d.text) for d in documents}) == len(documents), "no copy is a duplicate"
    assert len({d.url for d in documents}) == len(documents)
    first = next(d for d in read_sources([articles[1]]) if isinstance(d, Document))  # a JSON record with a title
    copy = documents[1]
    assert copy.text.startswith(first.text.rstrip()) and copy.text.endswith("Edition 1 of 2.")
    assert (copy.title, copy.published, copy.source) == (first.title, first.published, first.source)
    assert made.texts[1] == normalise_text(copy.text)


def test_the_realistic_ingestion_rows_fill_the_table(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    few = cache / "few"
    few.mkdir()
    for path in sorted(realistic.ARTICLES.iterdir())[:3]:
        shutil.copy(path, few / path.name)
    monkeypatch.setattr(realistic, "ARTICLES", few)
    figures = run.realistic_ingestion(["sqlite"], 2, cache)
    assert [f.measure for f in figures] == [run.REALISTIC, "Ingestion, 2 workers vs 1, realistic articles (wall time)"]
    assert all(f.articles == "6 (2× 3 eval articles)" and f.status in {"PASS", "MISS"} for f in figures)
    assert " vs " in figures[0].result and figures[0].result.endswith("%)")
    assert "the bot's own batches" in figures[0].result


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_ack_measurement_serves_the_shipped_corpus_from_a_new_database_on_each_backend(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if TEST_DATABASE_URL:  # the server the tests were given, not the benchmark's default
        monkeypatch.setattr(databases, "POSTGRES_URL", TEST_DATABASE_URL)
    # A prefix of this run's own, so that other people's benchmark databases on the server do not count.
    prefix = f"bench_smoke_{uuid.uuid4().hex[:8]}_"
    monkeypatch.setattr(databases, "PREFIX", prefix)

    [figure] = run.acknowledgements([backend], 5, tmp_path)

    assert figure.backend == backend
    assert figure.measure.startswith("Slack ack p50 / p99, 5 requests"), figure.result
    assert " ms, " in figure.result and figure.status in {"PASS", "MISS"}
    if backend == "postgresql":
        assert _databases_named(prefix) == [], "the database made for the run is dropped afterwards"


def _databases_named(prefix: str) -> list[str]:
    """The databases on the benchmark's PostgreSQL server whose names start with `prefix`."""
    admin = create_engine(normalise_url(databases.POSTGRES_URL))
    try:
        with admin.connect() as conn:
            found = conn.execute(text("SELECT datname FROM pg_database WHERE starts_with(datname, :p)"), {"p": prefix})
            return list(found.scalars().all())
    finally:
        admin.dispose()
