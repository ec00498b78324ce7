"""Export and import: the index moves between stores (SQLite <-> PostgreSQL) without running the NLP."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from bot.core.ingest.pipeline import ingest
from bot.core.ingest.transfer import export, import_lines
from bot.core.registry import Context
from bot.core.render.blockkit import plain
from bot.core.store import open_store
from handlers import build_registry
from tests.conftest import ARTICLES, BACKENDS, ROOT, fresh_database

QUESTIONS = ["/who Lavrov", "/who Erdogan", "/bases", "/bases Russia", "/who Pedersen", "/search Astana process"]


def answers(url: str) -> list[str]:
    """The console answers to QUESTIONS; for searches only the articles found, as snippets differ by backend."""
    ctx = Context(store=open_store(url), registry=build_registry())
    out = []
    for command, text in _commands(ctx):
        reply = command.answer(text, ctx)
        out.append(plain(reply) if command.name != "search" else reply.text)
    return out


def _commands(ctx: Context) -> list[tuple[Any, str]]:
    out = []
    for line in QUESTIONS:
        name, _, text = line[1:].partition(" ")
        command = ctx.registry.get(name)
        assert command is not None
        out.append((command, text))
    return out


@pytest.mark.parametrize("target", BACKENDS)
def test_an_export_imported_elsewhere_answers_the_same(
    database_url: str, target: str, nlp: Any, tmp_path: Path
) -> None:
    source = open_store(database_url)
    ingest([ARTICLES, ROOT / "tests" / "fixtures" / "articles"], source, nlp, report=lambda _line: None)
    dump = io.StringIO()
    assert export(source, dump) == source.article_count()
    with fresh_database(target, tmp_path / "target") as target_url:
        summary = import_lines(open_store(target_url), dump.getvalue().splitlines())
        assert (summary.new, summary.duplicate, summary.failed) == (source.article_count(), 0, 0)
        assert open_store(target_url).stats() == source.stats()
        assert answers(target_url) == answers(database_url)
        flags = [a.dated for a in source.latest_articles(100)]
        assert [a.dated for a in open_store(target_url).latest_articles(100)] == flags and len(set(flags)) == 2
        again = import_lines(open_store(target_url), dump.getvalue().splitlines())
        assert (again.new, again.duplicate) == (0, source.article_count())


def test_bad_lines_are_reported_and_skipped(store: Any, nlp: Any, tmp_path: Path) -> None:
    ingest([ARTICLES], store, nlp, report=lambda _line: None)
    dump = io.StringIO()
    export(store, dump)
    good = dump.getvalue().splitlines()
    errors: list[str] = []
    with fresh_database("sqlite", tmp_path / "target") as url:
        not_a_flag = good[0].replace('"dated": false', '"dated": "no"').replace('"dated": true', '"dated": "no"')
        lines = ["{not json", good[0], '{"format": 99}', good[1], not_a_flag]
        summary = import_lines(open_store(url), lines, errors.append)
    assert (summary.new, summary.failed) == (2, 3)
    assert [e.split(":")[0:2] for e in errors] == [["error", " line 1"], ["error", " line 3"], ["error", " line 5"]]
    assert "dated must be true or false" in errors[2]
