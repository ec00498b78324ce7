"""SQL lives only in bot/core/store: the rest of the core calls its queries and gets typed records."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

CORE = ROOT / "bot" / "core"
STORE = CORE / "store"
# The store's modules that define tables or write rows: naming them is writing SQL.
TABLE_MODULES = {"bot.core.store.schema", "bot.core.store.state", "bot.core.store.rows"}
# A Store's connection handles: whoever holds one runs SQL.
CONNECTION_ATTRIBUTES = {"engine", "reads", "writing"}


def sql_uses(source: str) -> list[str]:
    """What in a source file speaks SQL: SQLAlchemy imports, table modules, a store's connections."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_sql(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named = [node.module] if _is_sql(node.module) else [f"{node.module}.{a.name}" for a in node.names]
            found += [m for m in named if _is_sql(m)]
        elif isinstance(node, ast.Attribute) and node.attr in CONNECTION_ATTRIBUTES:
            found.append(f".{node.attr}")
    return found


def _is_sql(module: str) -> bool:
    return module.split(".")[0] == "sqlalchemy" or module in TABLE_MODULES


def test_the_check_sees_sql() -> None:
    source = """
import sqlalchemy as sa
from sqlalchemy import select
from bot.core.store import Store, schema as s
from bot.core.store.state import watches
from bot.core.store.rows import insert_ignore
from bot.core.store import alerts


def later(store):
    with store.engine.connect() as conn, store.writing() as other:
        from sqlalchemy.dialects import sqlite
"""
    assert sorted(sql_uses(source)) == [
        ".engine",
        ".writing",
        "bot.core.store.rows",
        "bot.core.store.schema",
        "bot.core.store.state",
        "sqlalchemy",
        "sqlalchemy",
        "sqlalchemy.dialects",
    ]


def test_only_the_store_speaks_sql() -> None:
    outside = [p for p in sorted(CORE.rglob("*.py")) if STORE not in p.parents]
    # Not vacuous: the feature packages that used to hold queries are walked.
    assert {p.parent.name for p in outside} >= {"digest", "alerts", "ingest", "query"}
    offenders = {_name(p): found for p in outside if (found := sql_uses(p.read_text(encoding="utf-8")))}
    assert offenders == {}


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))
