"""Everything the query layer reads from the store, as plain rows."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Column, Connection, Engine, Table, desc, func, select

from bot.core import names
from bot.core.models import EntityType
from bot.core.search.syntax import SearchQuery, parse
from bot.core.store import caches, changes, installations, saved_names, search
from bot.core.store import schema as s
from bot.core.store.records import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    Installation,
    article_row,
    entity_row,
    said,
    sighting,
)

# Names imported "as" themselves are re-exported: callers import them from here.
from bot.core.store.records import ArticleRow as ArticleRow
from bot.core.store.records import EntityRow as EntityRow
from bot.core.store.records import Said as Said
from bot.core.store.records import Sighting as Sighting
from bot.core.store.search_index import SearchIndex
from bot.core.store.timestamps import utc as utc

T = TypeVar("T")

# Co-occurrence is counted over an entity's most recent articles: enough to rank companions, bounded in cost.
COMPANION_WINDOW = 300

_A = s.articles.c
_E = s.entities.c


def newest_article_id(conn: Connection) -> int:
    """The highest article id stored, 0 when the store is empty."""
    return int(conn.execute(select(func.coalesce(func.max(_A.id), 0))).scalar_one())


class Reader:
    """Read queries over the store. The names for fuzzy matching and the installation summaries are cached, and
    brought up to date from the entities changed since (`caches`): every change to the index, in any process,
    takes a new generation and records the entities it changed."""

    def __init__(self, engine: Engine, search_index: SearchIndex | None = None) -> None:
        self.engine = engine
        # Searches look words up there when it holds every article (`bot.core.store.search_index`).
        self.search_index = search_index
        # Reads are one statement each: on PostgreSQL they run without BEGIN and ROLLBACK, a third of the round
        # trips. (SQLite's transactions are begun by the store's own hook, and cost no round trip.)
        postgres = engine.dialect.name == "postgresql"
        self.reads = engine.execution_options(isolation_level="AUTOCOMMIT") if postgres else engine
        # A cache is brought up to date in one snapshot: the generation and the rows it reads agree. (SQLite's
        # read transactions are snapshots already.)
        self._snapshots = engine.execution_options(isolation_level="REPEATABLE READ") if postgres else engine
        # Shared by the copies `Store.for_team` makes: one per process.
        # Kept beside the search index for the next process (`saved_names`), when there is one.
        kept = search_index.directory / saved_names.FILE_NAME if search_index is not None else None
        self._names = caches.NameIndex(kept)
        self._installations = caches.InstallationIndex()

    def generation(self) -> changes.Generation:
        """The store's generation: a number every change to the index increases, in any process."""
        with self.reads.connect() as conn:
            return changes.current(conn)

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        with self._snapshots.connect() as conn, conn.begin():
            yield conn

    def _current(self, cache: caches.Cache[T]) -> T:
        """The cache's value, brought up to date with the store's generation first if it changed."""
        return cache.current(self.generation(), self._snapshot)

    @property
    def name_index(self) -> caches.NameKeys:
        """Keys to match typed names against (every alias, and people's family names), each once and sorted, with
        the entities bearing each."""
        return self._current(self._names)

    def likely_names(self, name_key: str) -> caches.NameKeys:
        """The name keys worth scoring against a typed key (all of them, or those the trigram index proposes when
        there are many), sorted, with the entities bearing each."""
        self._current(self._names)
        return self._names.likely(name_key)

    def entities_by_surname(self, name_key: str) -> list[EntityRow]:
        """People whose full name ends with this one-word family name ("fidan" finds "Hakan Fidan")."""
        if " " in name_key:
            return []
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(*ENTITY_COLUMNS)
                .where(_E.surname == names.skeleton(name_key), _E.type == EntityType.PERSON.value)
                .order_by(desc(_E.article_count))
            ).all()
        return [entity_row(r) for r in rows]

    def entities_by_key(self, name: str) -> list[EntityRow]:
        """Entities with a name of the same key or spelling skeleton as `name`, most written-about first."""
        name_key = names.key(name)
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(*ENTITY_COLUMNS)
                .distinct()
                .join(s.aliases, s.aliases.c.entity_id == _E.id)
                .where((s.aliases.c.key == name_key) | (s.aliases.c.skeleton == names.skeleton(name_key)))
                .order_by(desc(_E.article_count))
            ).all()
        return [entity_row(r) for r in rows]

    def alias_keys(self, entity_id: int) -> list[str]:
        """The keys of every name an entity is stored under ("rapid support forces", "rsf")."""
        with self.reads.connect() as conn:
            rows = conn.execute(select(s.aliases.c.key).where(s.aliases.c.entity_id == entity_id)).all()
        return sorted(r.key for r in rows)

    def entities(self, ids: Collection[int]) -> dict[int, EntityRow]:
        """Entities by id (those still stored)."""
        if not ids:
            return {}
        with self.reads.connect() as conn:
            rows = conn.execute(select(*ENTITY_COLUMNS).where(_E.id.in_(sorted(ids)))).all()
        return {row.id: entity_row(row) for row in rows}

    def entity(self, entity_id: int) -> EntityRow | None:
        """One entity by id."""
        return self.entities([entity_id]).get(entity_id)

    def sightings(self, entity_id: int, limit: int, offset: int = 0) -> list[Sighting]:
        """The entity's articles, newest first, each with the first sentence that names it."""
        ea = s.entity_articles.c
        text = func.substr(_A.text, ea.sent_start + 1, ea.sent_end - ea.sent_start)
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(*ARTICLE_COLUMNS, text.label("sentence"))
                .join(s.entity_articles, ea.article_id == _A.id)
                .where(ea.entity_id == entity_id)
                .order_by(desc(ea.published_at), desc(ea.article_id))
                .limit(limit)
                .offset(offset)
            ).all()
        return [sighting(r) for r in rows]

    def roles(self, entity_id: int) -> list[Said]:
        """The titles the corpus gives the entity, newest article first."""
        return self._said(s.roles, s.roles.c.title, entity_id, limit=50)

    def role_holders(self, words: Sequence[str], limit: int) -> list[tuple[int, Said]]:
        """(entity id, role) for every stated title holding each of `words` (any case), newest first."""
        title = func.lower(s.roles.c.title)
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(s.roles.c.entity_id, s.roles.c.title.label("said"), s.roles.c.sentence, *ARTICLE_COLUMNS)
                .join(s.articles, _A.id == s.roles.c.article_id)
                .where(*(title.contains(word.lower(), autoescape=True) for word in words))
                .order_by(desc(s.roles.c.published_at), s.roles.c.id)
                .limit(limit)
            ).all()
        return [(int(r.entity_id), said(r)) for r in rows]

    def quotes(self, entity_id: int, limit: int) -> list[Said]:
        """The entity's quotes, newest article first."""
        return self._said(s.quotes, s.quotes.c.text, entity_id, limit)

    def _said(self, table: Table, column: Column[str], entity_id: int, limit: int) -> list[Said]:
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(column.label("said"), table.c.sentence, *ARTICLE_COLUMNS)
                .join(s.articles, _A.id == table.c.article_id)
                .where(table.c.entity_id == entity_id)
                .order_by(desc(table.c.published_at), table.c.id)
                .limit(limit)
            ).all()
        return [said(r) for r in rows]

    def companions(self, entity_id: int, limit: int) -> list[tuple[EntityRow, int]]:
        """Entities named in the same articles (of the entity's newest COMPANION_WINDOW), with how many articles
        they share, most first (then the most written about, by name, by id: the same list every time). The
        shared articles are counted per entity id first, and only the entities that can make the list (sharing at
        least as many as the `limit`-th) are read: a famous entity's window names a thousand others, most of them
        once."""
        ea = s.entity_articles
        recent = (
            select(ea.c.article_id)
            .where(ea.c.entity_id == entity_id)
            .order_by(desc(ea.c.published_at), desc(ea.c.article_id))
            .limit(COMPANION_WINDOW)
            .subquery()
        )
        other = ea.alias("other")
        counts = (
            select(other.c.entity_id, func.count().label("shared"))
            .where(other.c.article_id.in_(select(recent.c.article_id)), other.c.entity_id != entity_id)
            .group_by(other.c.entity_id)
            .cte("counts")
        )
        least = select(counts.c.shared).order_by(desc(counts.c.shared)).limit(1).offset(limit - 1).scalar_subquery()
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(*ENTITY_COLUMNS, counts.c.shared)
                .join(counts, counts.c.entity_id == _E.id)
                .where(counts.c.shared >= func.coalesce(least, 0))
                .order_by(desc(counts.c.shared), desc(_E.article_count), _E.name, _E.id)
                .limit(limit)
            ).all()
        return [(entity_row(r), int(r.shared)) for r in rows]

    def installations(self) -> list[Installation]:
        """Every military installation with facts, summarised in SQL, most written-about first (cached: every
        /bases answer lists or filters all of them)."""
        return self._current(self._installations)

    def installation(self, entity_id: int) -> Installation | None:
        """One installation's summary: from the cached list once there is one, else from its own facts only."""
        if self._installations.cached() is not None:
            return caches.listed(self.installations(), entity_id)
        with self.reads.connect() as conn:
            found = installations.summarise(conn, entity_id)
        return found[0] if found else None

    def latest_articles(self, limit: int, offset: int = 0) -> list[ArticleRow]:
        """The newest articles by publication date."""
        with self.reads.connect() as conn:
            rows = conn.execute(
                select(*ARTICLE_COLUMNS).order_by(desc(_A.published_at), desc(_A.id)).limit(limit).offset(offset)
            ).all()
        return [article_row(r) for r in rows]

    def newest_article_id(self) -> int:
        """The highest article id stored, 0 when the store is empty."""
        with self.reads.connect() as conn:
            return newest_article_id(conn)

    def stored_articles(self) -> list[tuple[int, str]]:
        """Every article's id and text, oldest first (for re-extraction)."""
        with self.reads.connect() as conn:
            return [(r.id, r.text) for r in conn.execute(select(_A.id, _A.text).order_by(_A.id))]

    def search(
        self, query: str | SearchQuery, limit: int, offset: int = 0, now: datetime | None = None
    ) -> search.Found:
        """Ranked full-text search of a parsed query (plain text is parsed, any `about:` dropped: resolving a
        name is the query layer's work, `bot.core.search.about`); see `bot.core.store.search`."""
        now = now or datetime.now(UTC)
        parsed = parse(query, now.date()).without_about() if isinstance(query, str) else query
        with self.engine.connect() as conn:  # in a transaction: PostgreSQL's search sets planner options in it
            return search.search(conn, parsed, limit, offset, now, self.search_index)

    def stats(self) -> dict[str, int]:
        """What the index holds: articles, entities of each type, mentions, roles, quotes."""
        with self.reads.connect() as conn:
            counts = {
                "articles": conn.execute(select(func.count()).select_from(s.articles)).scalar_one(),
                "mentions": conn.execute(select(func.count()).select_from(s.mentions)).scalar_one(),
                "roles": conn.execute(select(func.count()).select_from(s.roles)).scalar_one(),
                "quotes": conn.execute(select(func.count()).select_from(s.quotes)).scalar_one(),
            }
            for kind, n in conn.execute(select(_E.type, func.count()).group_by(_E.type)).all():
                counts[f"{kind}s" if not kind.endswith("s") else kind] = n
        return {k: int(v) for k, v in counts.items()}
