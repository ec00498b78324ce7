"""Full-text search over articles, with highlighted snippets.

SQLite: an FTS5 table ranked by BM25. PostgreSQL: a generated, weighted tsvector column with a GIN index,
ranked by ts_rank_cd, snippets by ts_headline. User text never reaches either query syntax as-is: it is cut
into words and each word is quoted, so operators, quotes and parentheses in a query are just characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, text

# Markers that cannot occur in article text, replaced by mrkdwn bold after escaping the snippet.
HIT_START, HIT_END = "\x02", "\x03"
# The headline weighs more than the body: a word in the headline says more about what the article is about.
HEADLINE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
SNIPPET_TOKENS = 28
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    "headline, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


@dataclass(frozen=True)
class Hit:
    """One search result."""

    article_id: int
    headline: str
    published: datetime
    source: str
    url: str | None
    snippet: str  # corpus text with HIT_START / HIT_END around the matched words


_PG_DDL = (
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_articles_search_vector ON articles USING GIN (search_vector)",
)
_PG_HEADLINE_OPTIONS = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxFragments=1, MaxWords=35, MinWords=15"


def _postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def ddl(dialect: str) -> tuple[str, ...]:
    """The statements that create the search index on a dialect (used by the baseline migration)."""
    return _PG_DDL if dialect == "postgresql" else (_FTS_DDL,)


def index_article(conn: Connection, article_id: int, headline: str, body: str) -> None:
    """Add one article to the search index, in the caller's transaction (PostgreSQL's is generated)."""
    if _postgres(conn):
        return
    conn.execute(
        text("INSERT INTO article_fts(rowid, headline, text) VALUES (:id, :headline, :body)"),
        {"id": article_id, "headline": headline, "body": body},
    )


def query_words(query: str) -> list[str]:
    """The words of a user's query, the only part of it that reaches the search engine."""
    return _WORD.findall(query)[:MAX_QUERY_WORDS]


def match_expression(words: list[str], any_word: bool = False) -> str:
    """An FTS5 expression matching all (or any) of the words, each quoted so none is an operator."""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    return (" OR " if any_word else " ").join(quoted)


def search(conn: Connection, query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """Articles matching every word (or, failing that, any word), best first, and how many match."""
    words = query_words(query)
    if not words:
        return [], 0
    if _postgres(conn):
        return _search_postgres(conn, words, limit, offset)
    for any_word in (False, True):
        expression = match_expression(words, any_word)
        total = conn.execute(
            text("SELECT count(*) FROM article_fts WHERE article_fts MATCH :q"), {"q": expression}
        ).scalar_one()
        if total:
            return _page(conn, expression, limit, offset), int(total)
    return [], 0


def _page(conn: Connection, expression: str, limit: int, offset: int) -> list[Hit]:
    rows = conn.execute(
        text(
            "SELECT a.id, a.headline, a.published_at, a.source, a.url, "
            f"snippet(article_fts, 1, :hs, :he, '…', {SNIPPET_TOKENS}) AS snip "
            "FROM article_fts JOIN articles a ON a.id = article_fts.rowid "
            "WHERE article_fts MATCH :q "
            f"ORDER BY bm25(article_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT}), a.published_at DESC, a.id DESC "
            "LIMIT :limit OFFSET :offset"
        ),
        {"q": expression, "hs": HIT_START, "he": HIT_END, "limit": limit, "offset": offset},
    ).all()
    return [Hit(r.id, r.headline, _when(r.published_at), r.source, r.url, r.snip) for r in rows]


def _when(value: datetime | str) -> datetime:
    value = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _search_postgres(conn: Connection, words: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
    for operator in (" & ", " | "):
        # Words are runs of letters and digits, so quoting them makes any user text a plain tsquery.
        expression = operator.join(f"'{w}'" for w in words)
        total = conn.execute(
            text("SELECT count(*) FROM articles WHERE search_vector @@ to_tsquery('english', :q)"), {"q": expression}
        ).scalar_one()
        if total:
            rows = conn.execute(
                text(
                    "SELECT a.id, a.headline, a.published_at, a.source, a.url, "
                    "ts_headline('english', a.text, q, :options) AS snip "
                    "FROM articles a, to_tsquery('english', :q) q WHERE a.search_vector @@ q "
                    "ORDER BY ts_rank_cd(a.search_vector, q) DESC, a.published_at DESC, a.id DESC "
                    "LIMIT :limit OFFSET :offset"
                ),
                {"q": expression, "options": _PG_HEADLINE_OPTIONS, "limit": limit, "offset": offset},
            ).all()
            return [Hit(r.id, r.headline, _when(r.published_at), r.source, r.url, r.snip) for r in rows], int(total)
    return [], 0
