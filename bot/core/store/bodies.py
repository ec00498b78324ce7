"""Bodies named by generic words alone ("the Foreign Ministry", "the General Staff"), which every country has: one
an article names so, without its country, joins the one stored under that name only when no article that named it
was set in another country than this article is; one whose stored name carries its country ("Chilean Interior
Ministry") only when this article is set in that country."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from bot.core import names
from bot.core.models import EntityType, Extracted
from bot.core.store import schema as s
from bot.core.store.shortnames import country_named

# An article is set in the country it names at least this many times as often as the next (as the extraction's
# `countries.main_country` reads a story's own country) ...
SETTING_LEAD = 2
# ... and at least this often: a country named once is an aside, not where the story is; twice, with no other named
# more than once, it is (a caption story's "Iraq began building it with money from the Interior Ministry").
SETTING_MENTIONS = 2


def article_setting(extracted: Iterable[Extracted]) -> str | None:
    """The country an article is set in, by how often it names each country; None when none clearly leads."""
    counted: Counter[str] = Counter()
    for found in extracted:
        if found.type is EntityType.PLACE and (country := country_named(found.name)):
            counted[country] += len(found.mentions)
    return _leading(counted)


# How many of the stored body's newest articles are read for where they were set: a bare "Foreign Ministry" may be
# named in tens of thousands, and reading the places of all of them for every article that names one would make
# storing grow with the corpus.
SETTINGS_READ = 20


def kept_apart(conn: Connection, found: Extracted, entity_id: int, setting: str | None) -> bool:
    """Whether a body named by generic words alone in an article set in `setting` is not the stored body `entity_id`
    of that name: the stored body's own name carries another country than `setting` (or the article is set in none),
    or one of that body's newest articles (`SETTINGS_READ`) was set in another country."""
    if found.type is not EntityType.ORGANISATION or not names.bare_body(found.key):
        return False
    if (own := _country_in_name(conn, entity_id)) is not None:
        return own != setting
    if setting is None:
        return False
    by_article: dict[int, Counter[str]] = {}
    for row in conn.execute(_countries_beside(), {"body": entity_id, "newest": SETTINGS_READ}):
        if country := country_named(row.name):
            by_article.setdefault(row.article_id, Counter())[country] += row.mentions
    return any((where := _leading(counted)) is not None and where != setting for counted in by_article.values())


def _country_in_name(conn: Connection, entity_id: int) -> str | None:
    """The country a stored body's own name carries ("Syrian Ministry of Defense", "Security Council of Russia",
    "Jordan's army"): such a body is one country's, which a body named by generic words alone is only in an article
    set in that country."""
    name = conn.execute(_entity_name(), {"entity": entity_id}).scalar()
    for word in (name or "").split():
        if country := country_named(_POSSESSIVE.sub("", word)):
            return country
    return None


_POSSESSIVE = re.compile(r"['’]s$")


@cache
def _entity_name() -> Select[Any]:
    """A stored entity's own name (built once, see `writer._counting`)."""
    return select(s.entities.c.name).where(s.entities.c.id == bindparam("entity"))


def _leading(counted: Counter[str]) -> str | None:
    ranked = counted.most_common(2)
    if (
        not ranked
        or ranked[0][1] < SETTING_MENTIONS
        or (len(ranked) == 2 and ranked[1][1] * SETTING_LEAD > ranked[0][1])
    ):
        return None
    return ranked[0][0]


@cache
def _countries_beside() -> Select[Any]:
    """The places named in each of the newest articles that name a body, with how often (built once, see
    `writer._counting`); the newest are read off the (entity_id, published_at) index."""
    links, e = s.entity_articles.c, s.entities.c
    newest = (
        select(links.article_id)
        .where(links.entity_id == bindparam("body"))
        .order_by(links.published_at.desc())
        .limit(bindparam("newest"))
        .subquery()
    )
    other = s.entity_articles.alias("other")
    return (
        select(other.c.article_id, e.name, other.c.mentions)
        .join_from(newest, other, newest.c.article_id == other.c.article_id)
        .join(s.entities, e.id == other.c.entity_id)
        .where(e.type == EntityType.PLACE)
    )
