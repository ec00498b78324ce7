"""What counts as the database being away (retry later) and what is one write's own failure."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from bot.core.store import Store, availability, is_outage


def test_a_missing_table_as_in_a_database_being_restored_is_an_outage(store: Store) -> None:
    with pytest.raises(DBAPIError) as missing, store.engine.connect() as conn:
        conn.execute(text("SELECT value FROM no_such_table_yet"))
    assert is_outage(missing.value)


def test_a_value_the_database_refuses_is_not_an_outage(store: Store) -> None:
    with pytest.raises(DBAPIError) as refused, store.engine.begin() as conn:
        conn.execute(text("CREATE TABLE once (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO once (id) VALUES (1), (1)"))
    assert not is_outage(refused.value)


def _cut_every_connection(store: Store) -> None:
    """End every server process serving the store's database, as a server restart does."""
    admin = create_engine(store.engine.url, poolclass=NullPool)
    with admin.connect() as conn:
        ended = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    admin.dispose()
    assert ended >= 1


@pytest.mark.parametrize("idle", [True, False], ids=["idle", "just-used"])
def test_a_pooled_connection_that_died_while_idle_is_replaced_before_a_question(
    store: Store, idle: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to lose")
    store.article_count()  # a connection in the pool, then returned to it
    _cut_every_connection(store)
    # As if the connection had been idle past the limit (idle), or returned a moment ago (just used).
    monkeypatch.setattr(availability, "PING_AFTER_IDLE_SECONDS", 0.0 if idle else 3600.0)
    if idle:
        assert store.article_count() == 0  # checked before use, found dead, replaced: answered
    else:
        # A connection used a moment ago is not checked: the read fails, the pool drops its connections, and the
        # next read is answered.
        with pytest.raises(DBAPIError) as lost:
            store.article_count()
        assert is_outage(lost.value)
        assert store.article_count() == 0
