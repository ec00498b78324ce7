"""database_deadline: answers wait a bounded time on PostgreSQL, other work is never cut off."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.core.store import open_store
from bot.core.store.deadline import database_deadline, remaining
from handlers import build_registry
from tests.conftest import TEST_DATABASE_URL, fresh_database

needs_postgres = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="the deadline bounds PostgreSQL's waits")


def test_outside_a_deadline_nothing_is_left_to_count() -> None:
    assert remaining() is None


def test_an_inner_deadline_spends_the_outer_ones_budget() -> None:
    with database_deadline(1.0), database_deadline(60.0):
        left = remaining()
        assert left is not None and left <= 1.0
    assert remaining() is None


def test_only_waiting_on_the_database_spends_the_budget(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'bot.db'}")
    with database_deadline(0.5):
        time.sleep(0.7)  # a fetch, a parse: not the database's time
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
        left = remaining()
        assert left is not None and left > 0


def test_slow_commands_are_known_through_the_main_command_too() -> None:
    registry = build_registry()
    assert registry.resolve("/news ingest https://example.com/a") is registry.get("ingest")
    assert registry.resolve("/ingest https://example.com/a") is registry.get("ingest")
    assert registry.resolve("/news who Lavrov") is registry.get("who")
    assert registry.resolve("/news") is registry.main
    assert registry.is_slow("/news ingest https://example.com/a") and registry.is_slow("/feeds add x")
    assert not registry.is_slow("/news who Lavrov") and not registry.is_slow("/nothing")


@needs_postgres
def test_a_statement_past_the_deadline_is_cut_off_and_the_next_one_runs(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        store = open_store(url)
        try:
            began = time.monotonic()
            with database_deadline(0.5), pytest.raises(OperationalError), store.engine.connect() as conn:
                conn.execute(text("SELECT pg_sleep(5)"))
            assert time.monotonic() - began < 3.0
            with store.engine.connect() as conn:  # the cut connection was dropped from the pool, not reused
                assert conn.execute(text("SELECT 1")).scalar() == 1
        finally:
            store.engine.dispose()


@needs_postgres
def test_without_a_deadline_a_long_statement_runs_to_its_end(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        store = open_store(url)
        try:
            with database_deadline(0.3):
                pass
            with store.engine.connect() as conn:
                assert conn.execute(text("SELECT pg_sleep(1), 7")).all()[0][1] == 7
        finally:
            store.engine.dispose()
