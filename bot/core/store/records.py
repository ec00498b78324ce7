"""What the store hands back to readers: typed records, each built from a row by one mapper."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.models import BaseFact, EntityType
from bot.core.store import schema as s
from bot.core.store.timestamps import utc

_A = s.articles.c
_E = s.entities.c
# The columns `article_row` and `entity_row` read: select these, then map.
ARTICLE_COLUMNS = (_A.id, _A.headline, _A.published_at, _A.source, _A.url, _A.dated)
ENTITY_COLUMNS = (_E.id, _E.name, _E.type, _E.article_count)


@dataclass(frozen=True)
class ArticleRow:
    """An article as lists show it."""

    id: int
    headline: str
    published: datetime
    source: str
    url: str | None
    dated: bool = True  # False: `published` is when it was indexed (the article gave no date)


@dataclass(frozen=True)
class EntityRow:
    """An entity as profiles and lists show it."""

    id: int
    name: str
    type: EntityType
    article_count: int


@dataclass(frozen=True)
class Sighting:
    """An article that mentions an entity, with the sentence that does."""

    article: ArticleRow
    sentence: str


@dataclass(frozen=True)
class Said:
    """A role or a quote with the article it comes from."""

    text: str
    sentence: str
    article: ArticleRow


@dataclass(frozen=True)
class Stated:
    """A kind, operator or location stated about an installation: in how many sentences, and how recently."""

    value: str
    count: int
    last: datetime  # when the newest article stating it was published
    first_id: int  # the lowest id of a fact stating it: breaks a tie between values last stated on one date


@dataclass(frozen=True)
class Installation:
    """A military installation: each stated kind, operator and location with its count, and the newest fact."""

    entity: EntityRow
    kinds: tuple[Stated, ...]
    operators: tuple[Stated, ...]
    locations: tuple[Stated, ...]
    newest: BaseFact
    article: ArticleRow


def article_row(row: Any, id_field: str = "id") -> ArticleRow:
    """The article in a row of `ARTICLE_COLUMNS` (its id under `id_field` when the row holds other ids too)."""
    return ArticleRow(getattr(row, id_field), row.headline, utc(row.published_at), row.source, row.url, row.dated)


def entity_row(row: Any) -> EntityRow:
    """The entity in a row of `ENTITY_COLUMNS`."""
    return EntityRow(row.id, row.name, EntityType(row.type), row.article_count)


def sighting(row: Any) -> Sighting:
    """A row of `ARTICLE_COLUMNS` and the `sentence` naming the entity."""
    return Sighting(article_row(row), row.sentence)


def said(row: Any) -> Said:
    """A row of `ARTICLE_COLUMNS` with what was `said` (a title or a quote) and its `sentence`."""
    return Said(row.said, row.sentence, article_row(row))


def stated(row: Any, field: str) -> Stated:
    """One value of `field` (kind, operator or location) in a row of fact counts (`n`, `last`, `first_id`)."""
    return Stated(getattr(row, field), int(row.n), utc(row.last), int(row.first_id))


def installation(row: Any, counted: Mapping[str, tuple[Stated, ...]]) -> Installation:
    """An installation from a row of its entity, newest fact and that fact's article, with its counted values."""
    return Installation(
        entity=entity_row(row),
        kinds=counted["kind"],
        operators=counted["operator"],
        locations=counted["location"],
        newest=BaseFact(row.kind, row.operator, row.location, row.sentence),
        article=article_row(row, id_field="article_id"),
    )
