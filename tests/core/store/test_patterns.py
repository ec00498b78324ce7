"""Entities read by the opening letters of their key: exactly the keys the pattern spells (its wildcard characters
taken literally), and read through an index on both stores, not by reading every entity."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, select, text

from bot.core.store import Store
from bot.core.store import schema as s
from bot.core.store.patterns import opening, opening_with

KEYS = ["saddam hussein", "saddam haftar", "saddamiya", "sad dam", "centcom", "cen_com", "cen%com", "c*n?[x]", "ce"]


def _add(conn: Connection, keys: list[str]) -> None:
    conn.execute(insert(s.entities), [{"name": k, "key": k, "type": "person"} for k in keys])


def _read(conn: Connection, parts: list[str]) -> set[str]:
    dialect = conn.dialect.name
    query = select(s.entities.c.key).where(opening_with(s.entities.c.key, "pattern", dialect))
    return {row.key for row in conn.execute(query, {"pattern": opening(parts, dialect)})}


def _spells(key: str, parts: list[str]) -> bool:
    at = 0
    for n, part in enumerate(parts):
        found = key.find(part, at) if n else (0 if key.startswith(part) else -1)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_a_pattern_reads_the_keys_opening_with_its_parts_and_takes_wildcards_literally(store: Store) -> None:
    with store.engine.begin() as conn:
        _add(conn, KEYS)
        assert _read(conn, ["saddam "]) == {"saddam hussein", "saddam haftar"}
        assert _read(conn, ["cen", "com"]) == {"centcom", "cen_com", "cen%com"}
        assert _read(conn, ["cen_"]) == {"cen_com"}
        assert _read(conn, ["cen%"]) == {"cen%com"}
        assert _read(conn, ["c*n?[x]"]) == {"c*n?[x]"}
        conn.rollback()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="ab *?[]%_/\\c", min_size=1, max_size=3), min_size=1, max_size=2))
def test_any_parts_read_exactly_the_keys_they_spell(store: Store, parts: list[str]) -> None:
    keys = ["ab c", "a*b", "a?b", "[a]b", "a%b", "a_b", "a/b", "a\\b", "abc", "c ab", "b"]
    with store.engine.begin() as conn:
        _add(conn, keys)
        assert _read(conn, parts) == {k for k in keys if _spells(k, parts)}
        conn.rollback()


def test_the_look_up_reads_an_index_not_every_entity(store: Store) -> None:
    with store.engine.begin() as conn:
        _add(conn, [f"name{n} other" for n in range(200)])
        dialect = conn.dialect.name
        query = select(s.entities.c.id).where(opening_with(s.entities.c.key, "pattern", dialect))
        compiled = query.compile(conn)
        pattern = opening(["name7 "], dialect)
        params = {"pattern": pattern}
        if dialect == "sqlite":  # the driver's parameters are positional there
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", (pattern,)))
            assert "INDEX" in plan and "SCAN entities" not in plan, plan
        else:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {compiled}", params))
            assert "ix_entities_key_prefix" in plan, plan
        conn.rollback()
