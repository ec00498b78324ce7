"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
    true,
)

metadata = MetaData()


@contextmanager
def write_transaction(engine: Engine, lock_key: int) -> Iterator[Connection]:
    """A transaction that excludes every other writer holding the same lock, in any process, until it ends.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: BEGIN IMMEDIATE (the engine's "begin" hook reads
    the `writer` option), so a transaction that reads and then writes waits its turn instead of failing.
    """
    with engine.connect() as conn:
        conn = conn.execution_options(writer=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key})
            yield conn


# The PostgreSQL advisory lock that serialises schema changes across processes (any constant all share).
SCHEMA_LOCK_KEY = 0x6E657773
# The advisory lock a write transaction holds so that concurrent ingestions resolve entities one at a time.
WRITE_LOCK_KEY = 0x6E657774

# The `meta` key every write transaction that changes the index sets to a new value: the next generation number
# (kept as text; releases before `entity_changes` wrote a random token). A process whose caches were built at an
# older number reads which entities changed since (`bot.core.store.changes`).
GENERATION_KEY = "generation"
# The `meta` key holding the newest generation number, written with `GENERATION_KEY`: when the two differ, an older
# release wrote last, and the number still says where counting resumes (numbers are never given twice).
COUNTER_KEY = "generation_number"
# The `meta` key holding the newest generation at which anything may have changed (entities emptied, bulk loads):
# caches built before it are rebuilt, not brought up to date.
RESET_KEY = "generation_reset"
# The `meta` key holding the newest generation that merged an entity into another (moving its rows): caches that
# count rows per entity (the installation summaries) count the changed entities afresh when it is newer than them.
MERGED_KEY = "generation_merged"

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, unique=True),
    Column("source", Text, nullable=False),
    Column("headline", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, index=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False, index=True),
    Column("word_count", Integer, nullable=False),
    # False when neither the article nor its source gave a date: published_at is then when it was indexed.
    Column("dated", Boolean, nullable=False, server_default=true()),
    # What search reads of every recent match (its date) and filters on, without reading the article's text.
    Index("ix_articles_id_published_at_source", "id", "published_at", "source"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False, index=True),
    Column("type", String(16), nullable=False, index=True),
    # For people with a full name: the family name's skeleton, so "Lavrov" elsewhere finds "Sergey Lavrov".
    Column("surname", Text, index=True),
    Column("votes_person", Float, nullable=False, default=0.0),
    Column("votes_organisation", Float, nullable=False, default=0.0),
    Column("votes_place", Float, nullable=False, default=0.0),
    Column("votes_installation", Float, nullable=False, default=0.0),
    Column("article_count", Integer, nullable=False, default=0),
)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("alias", Text, nullable=False),
    Column("skeleton", Text, nullable=False, index=True),
    # The skeleton without vowels: proposes vowel variants ("Ahmad"/"Ahmed") that `names.same_name` then decides.
    Column("consonants", Text, nullable=False, server_default=""),
    Index("ix_aliases_key", "key"),
    Index("ix_aliases_consonants", "consonants"),
)

# One row per entity per article: counts, co-occurrence and "recent articles" without scanning mentions.
entity_articles = Table(
    "entity_articles",
    metadata,
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("mentions", Integer, nullable=False),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
    # What this article's text said the entity is ({"person": 4.0, ...}), kept so an export can be re-imported
    # and re-resolved without the NLP.
    Column("votes", JSON, nullable=False, default=dict),
    # The article's date, here and in the other link tables: an entity's newest articles, roles and quotes are
    # read off the (entity_id, published_at) index instead of sorting every article that names it. An article
    # never changes its date, so the copy cannot go stale.
    Column("published_at", DateTime(timezone=True), nullable=False),
    Index("ix_entity_articles_entity_id_published_at", "entity_id", "published_at", "article_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("surface", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("title", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Index("ix_roles_entity_id_published_at", "entity_id", "published_at", "id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entity_id", "article_id", "text"),
    Index("ix_quotes_entity_id_published_at", "entity_id", "published_at", "id"),
)

base_facts = Table(
    "base_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("operator", Text),
    Column("location", Text),
    Column("sentence", Text, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Index("ix_base_facts_entity_id_published_at", "entity_id", "published_at", "id"),
)

# The generation at which each entity last changed (created, counted, renamed, retyped, given a name or a fact,
# merged into another or away): what a process reads to bring its caches up to date. No foreign key: an entity
# merged away keeps its row, so that caches drop it.
entity_changes = Table(
    "entity_changes",
    metadata,
    Column("entity_id", Integer, primary_key=True, autoincrement=False),
    Column("generation", Integer, nullable=False, index=True),
)

# Everything extraction produced, parents first: what re-extraction empties.
EXTRACTED_TABLES = (entities, aliases, entity_articles, mentions, roles, quotes, base_facts)
# Tables whose rows belong to an entity: what a merge of two entities moves across.
ENTITY_OWNED = (mentions, roles, quotes, base_facts)
VOTE_COLUMNS = {
    "person": "votes_person",
    "organisation": "votes_organisation",
    "place": "votes_place",
    "installation": "votes_installation",
}
