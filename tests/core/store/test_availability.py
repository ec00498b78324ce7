"""What counts as the database being away (retry later) and what is one write's own failure."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.core.store import Store, is_outage


def test_a_missing_table_as_in_a_database_being_restored_is_an_outage(store: Store) -> None:
    with pytest.raises(DBAPIError) as missing, store.engine.connect() as conn:
        conn.execute(text("SELECT value FROM no_such_table_yet"))
    assert is_outage(missing.value)


def test_a_value_the_database_refuses_is_not_an_outage(store: Store) -> None:
    with pytest.raises(DBAPIError) as refused, store.engine.begin() as conn:
        conn.execute(text("CREATE TABLE once (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO once (id) VALUES (1), (1)"))
    assert not is_outage(refused.value)
