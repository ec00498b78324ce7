"""Several processes writing one store at once: no article or entity twice, on each backend."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from bot.core.ingest.pipeline import ingest
from bot.core.store import open_store
from bot.core.store import schema as s
from tests.conftest import ARTICLES, ROOT, fresh_database

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def test_two_ingestions_of_overlapping_files_at_once_store_each_article_once(database_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(ARTICLES, first)
    shutil.copytree(ARTICLES, second)
    for extra in FIXTURES.glob("*.txt"):
        shutil.copy(extra, first)
        shutil.copy(extra, second / f"copy-of-{extra.name}")
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(folder)], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (first, second)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    store = open_store(database_url)
    assert store.article_count() == len(list(first.glob("*.txt")))
    with store.engine.connect() as conn:
        doubled = conn.execute(
            select(s.entities.c.key, s.entities.c.type).group_by(s.entities.c.key, s.entities.c.type)
            .having(func.count() > 1)
        ).all()  # fmt: skip
    assert doubled == []
    new_counts = sorted(int(out.split(" new")[0]) for out, _ in outputs)
    assert sum(new_counts) == store.article_count()
    store.engine.dispose()


def test_ingestion_with_two_worker_processes_indexes_the_same(database_url: str, nlp: object, tmp_path: Path) -> None:
    sources = [ARTICLES, FIXTURES]
    serial = open_store(database_url)
    one = ingest(sources, serial, nlp, report=lambda _line: None)
    with fresh_database("sqlite", tmp_path / "parallel") as url:
        parallel = open_store(url)
        two = ingest(sources, parallel, nlp, report=lambda _line: None, workers=2)
        assert (two.new, two.entities, two.failed) == (one.new, one.entities, 0)
        assert parallel.stats() == serial.stats()
        assert [i.entity.name for i in parallel.installations()] == [i.entity.name for i in serial.installations()]
