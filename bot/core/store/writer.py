"""Writing one article and everything extracted from it, and resolving its entities against the corpus.

Called inside a write transaction, each article in a savepoint of its own (`Store.add_articles`): either all of an
article is indexed or none of it. What each article touched is returned, to be recorded once per transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Select, Update, bindparam, delete, func, insert, or_, select, update

from bot.core import names
from bot.core.lexicon import SPEECH_VERBS
from bot.core.models import Article, EntityType, Extracted, decide_type
from bot.core.store import changes
from bot.core.store import schema as s
from bot.core.store.bodies import article_setting, kept_apart
from bot.core.store.families import FamilyNames, family_name
from bot.core.store.known import COUNTED_COLUMNS, DECIDED_COLUMNS, ENTITY_STATE, KnownNames, State
from bot.core.store.patterns import entities_opening
from bot.core.store.rows import ArticleRows, insert_ignore, update_rows
from bot.core.store.search import index_article
from bot.core.store.shortnames import (
    article_countries,
    clipped_orphans,
    known_by_clipped_words,
    known_by_short_name,
    short_names,
    with_country,
    with_short_names,
)


def find_duplicate(conn: Connection, article: Article) -> int | None:
    """The id of an article already stored with the same content or URL."""
    return conn.execute(_same_article(), {"hash": article.content_hash, "url": article.url or None}).scalar()


@cache
def _same_article() -> Select[Any]:
    """Articles with a content hash or a URL, built once (see `_counting`); no URL (NULL) equals none stored."""
    a = s.articles.c
    return select(a.id).where(or_(a.content_hash == bindparam("hash"), a.url == bindparam("url"))).limit(1)


def add_article(
    conn: Connection, article: Article, extracted: Sequence[Extracted], now: datetime
) -> tuple[int, changes.Touched]:
    """Store a new article and its entities: its id, and the entities it touched (for `changes.record`)."""
    inserted = conn.execute(_inserting_article(), article_values(article, now)).inserted_primary_key
    assert inserted is not None
    article_id = int(inserted[0])
    index_article(conn, article_id, article.headline, article.text)
    return article_id, add_entities(conn, article_id, article.published, outlet_named(article.source, extracted))


# The outlet an article comes from, named in its own copy ("witnesses told the Rojava Herald"), is a body: as sure
# as an agency's credit (`extract.credits.CREDIT_VOTE`).
OUTLET_VOTE = 3.0


def outlet_named(source: str, extracted: Sequence[Extracted]) -> list[Extracted]:
    """The article's entities, the one its source names (an outlet's name, not a file's path or an address) with
    the evidence of a body."""
    outlet = names.key(source) if "/" not in source and "." not in source else ""
    return [_voted_body(found) if outlet and found.key == outlet else found for found in extracted]


def _voted_body(found: Extracted) -> Extracted:
    votes = {**found.votes, EntityType.ORGANISATION: found.votes.get(EntityType.ORGANISATION, 0.0) + OUTLET_VOTE}
    return replace(found, votes=votes, type=decide_type(votes))


def article_values(article: Article, ingested: datetime) -> dict[str, Any]:
    """An article's row in `articles`, but for its id."""
    return {
        "content_hash": article.content_hash,
        "url": article.url,
        "source": article.source,
        "headline": article.headline,
        "text": article.text,
        "published_at": article.published,
        "dated": article.dated,
        "ingested_at": ingested,
        "word_count": len(article.text.split()),
    }


@cache
def _inserting_article() -> Insert:
    """An article's row, its values given as parameters: built once, and compiled once (see `_counting`), instead
    of a statement built with the values in it, whose cache key SQLAlchemy works out anew for every article."""
    return insert(s.articles)


def add_entities(
    conn: Connection, article_id: int, published: datetime, extracted: Sequence[Extracted]
) -> changes.Touched:
    """Resolve an article's entities against the corpus and store what was found about each.

    Entities are resolved one at a time, since one may turn out to be another found just before; what was found
    about them is gathered and written together at the end: a few statements per article, not a dozen per entity.
    An entity found by its full name also keeps its shorter names ("UN", "Anadolu"), and takes over the entity
    stored so far under one of them.
    """
    rows = ArticleRows(article_id, published)
    countries, setting = article_countries(extracted), article_setting(extracted)
    extracted = [with_country(with_short_names(found), countries) for found in extracted]
    known = KnownNames(conn, extracted)
    families = FamilyNames(conn, extracted)
    own_families = _family_skeletons(extracted)
    tallies = Tallies(known.entities)
    touched = changes.Touched()  # for every process's caches
    for found in extracted:
        apart = _lone_name_apart(conn, found, own_families)
        entity_id = None if apart else _resolve_any(conn, found, known, countries)
        if entity_id is not None and kept_apart(conn, found, entity_id, setting):
            entity_id, apart = None, True  # another country's "Foreign Ministry": nor joined by a name it shares
        created = entity_id is None
        if entity_id is None:
            entity_id, state = _create(conn, found, tallies)
            rows.add(conn, entity_id, found)
        else:
            first_link = rows.add(conn, entity_id, found)
            state = tallies.add(conn, entity_id, found.votes, articles=int(first_link), name=found.name)
        rows.new_aliases(entity_id, found)
        known.learn(entity_id, state, found.aliases)
        orphans = _surname_orphans(conn, entity_id, found, tallies, families) if found.type is EntityType.PERSON else []
        orphans += [other for other in known.also_named(entity_id, found) if other not in orphans and not apart]
        if found.type is EntityType.INSTALLATION:
            orphans += [other for other in _misread_as_a_person(conn, known, entity_id, found) if other not in orphans]
        if created:  # an acronym stored before could only be waiting for the body named in full to appear
            orphans += [other for other in clipped_orphans(conn, found, entity_id) if other not in orphans]
        touched.entities.update((entity_id, *orphans))
        if orphans:
            rows.flush(conn)  # a merge moves stored rows and reads stored counts: this article's are written first
            tallies.flush(conn)
            for orphan in orphans:
                known.merged(orphan, entity_id, merge(conn, orphan, entity_id))
                rows.merged(orphan, entity_id)
            tallies.forget((entity_id, *orphans))
            touched.merged = families.merged = True
    rows.flush(conn)
    tallies.flush(conn)
    return touched


def _lone_name_apart(conn: Connection, found: Extracted, own_families: set[str]) -> bool:
    """Whether a person named by one word alone stays a new entity, joined to none stored.

    A family name two of the article's own people bear ("Rojda Ali", "Mahmoud al-Ali", then "Ali said") is one of
    theirs, which the article left undecided: it is no one's of another article. "Saddam" alone here and
    "Saddam" alone there may be two men the corpus names in full, and no one's family name: each stays apart (the
    indexed family names are asked first: most lone names are someone's)."""
    if found.type is not EntityType.PERSON or " " in found.key:
        return False
    skel = names.skeleton(found.key)
    if skel in own_families:
        return True
    return not conn.execute(_people_named(), {"family": skel}).first() and _given_name_of_several(conn, found.key)


def _family_skeletons(extracted: Sequence[Extracted]) -> set[str]:
    """The family names (by skeleton) that two or more of the people an article names in full bear: a lone one of
    these is one of theirs, which the article could not settle, and it joins none of another article's people."""
    borne = Counter(
        named[1] for found in extracted if found.type is EntityType.PERSON and (named := family_name(found))
    )
    return {skel for skel, people in borne.items() if people >= SHARED_FAMILY_NAME}


def _resolve_any(conn: Connection, found: Extracted, known: KnownNames, countries: set[str]) -> int | None:
    """The stored entity `found` is: by its name, then by the initials with their country it is known by here, then
    by a shorter name of its own, then as the body an acronym of clipped words spells (last: it reads the stored
    bodies by a pattern no index serves, and only a new acronym needs it)."""
    return (
        resolve(conn, found, known)
        or _resolved_as_spelled_otherwise(conn, found, known)
        or known.named_in_full_by_country_initials(found)
        or known_by_short_name(conn, found)
        or known_by_clipped_words(conn, found, countries)
    )


def _resolved_as_spelled_otherwise(conn: Connection, found: Extracted, known: KnownNames) -> int | None:
    """The stored entity a person or place is by another name it goes by, spelled as the corpus spells it: "Ferhad
    Şamî" as "Ferhad Shamî" (stored as "Farhad Shami"), "Asaad Hassan al-Shibani" as "Asaad al-Shibani" (stored as
    "Asaad al-Shaibani"); the stored names of those names were read with the article's (`with_short_names`). A
    place goes by its other spelling only, not by a shorter name ("the Golan" is `known_by_short_name`'s)."""
    if found.type is EntityType.PERSON:
        others = short_names(found)
    elif found.type is EntityType.PLACE:
        others = [spelled] if (spelled := names.digraph_spelling(found.name)) else []
    else:
        return None
    for other in others:
        if entity_id := resolve(conn, replace(found, name=other, key=names.key(other)), known):
            return entity_id
    return None


def resolve(conn: Connection, found: Extracted, known: KnownNames) -> int | None:
    """The stored entity `found` is, by name, spelling variant or (for a lone family name) surname."""
    skel = names.skeleton(found.key)
    installation = found.type is EntityType.INSTALLATION
    matching = [
        (entity_id, key, state)
        for entity_id, key, state in known.matching(found.key)
        if known.spelled_alike(found, key) and not known.family_name_left_to_a_body(entity_id, key)
    ]
    named = [(entity_id, state) for entity_id, _, state in matching]
    if _clearly_a_place(found.votes):
        # "near the town of Zahriyah" is no "al-Zahri": a name the article reads as a place joins no person
        named = [(entity_id, state) for entity_id, state in named if not known.a_named_person(entity_id)]
    same_kind = [
        (entity_id, state) for entity_id, state in named if (state.type == EntityType.INSTALLATION) == installation
    ]
    # A bare "Hmeimim" elsewhere is the airbase when nothing else bears that name; "Tartus" the city stays
    # a city when the corpus knows one, and a town the article places things in ("in Qamishli") is a town even
    # when only its airport is known so far; so is the town the article says another of its bases stands in.
    if (
        not same_kind
        and found.type is EntityType.PLACE
        and not _clearly_a_place(found.votes)
        and found.key not in known.towns
    ):
        same_kind = named
    # "Washington moved those operations to Al Udeid in Qatar": a name the model once took for a person's, with
    # nothing else to say so (no title, no quote, one reading), is the one thing the corpus knows by that very name
    if not same_kind and _barely_a_person(found):
        exact = {entity_id: state for entity_id, key, state in matching if key == found.key}
        same_kind = list(exact.items()) if len(exact) == 1 else []
    if same_kind:
        # the most written-about; of two as written-about, the one stored first (not whichever row came first)
        return max(same_kind, key=lambda pair: (pair[1].article_count, -pair[0]))[0]
    # a lone name the article reads as a body ("Hezbollah") is no one's family name, even one a longer body's name
    # ends with and that an article took for a person ("Kataib Hezbollah")
    if installation or names.surname(found.key) or _clearly_a_place(found.votes) or _clearly_a_body(found.votes):
        return None
    owners = conn.execute(_people_named(), {"family": skel}).all()
    return int(owners[0].id) if len(owners) == 1 else None


@cache
def _people_named() -> Select[Any]:
    """The people with a family name, by its skeleton (built once, see `_counting`)."""
    e = s.entities.c
    return select(e.id).where(e.surname == bindparam("family"), e.type == EntityType.PERSON)


# How many of an article's people bearing one family name leave that name alone to none of them.
SHARED_FAMILY_NAME = 2
# How many people named in full by a given name make that name alone anyone's.
SHARED_GIVEN_NAME = 2


def _given_name_of_several(conn: Connection, given: str) -> bool:
    """Whether at least two people stored with a full name bear this given name."""
    rows = entities_opening(conn, [f"{given} "])
    return sum(1 for row in rows if row.type == EntityType.PERSON.value) >= SHARED_GIVEN_NAME


# The most a person's votes may add up to and still be the model's one reading of one mention.
ONE_READING = 1.0


def _misread_as_a_person(conn: Connection, known: KnownNames, base_id: int, found: Extracted) -> list[int]:
    """The one stored "person" named exactly as this installation's bare name, read so once by the model in one
    article and nothing more ("Washington moved those operations to Al Udeid in Qatar", stored before the base was
    named in full): it was the base. None when two such are stored."""
    misread = {
        entity_id
        for entity_id, key, state in known.matching(found.key)
        if key == found.key and entity_id != base_id and _one_reading_as_a_person(known, entity_id, state)
    }
    return sorted(misread) if len(misread) == 1 and _named_once_with_nothing_said(conn, *misread) else []


def _named_once_with_nothing_said(conn: Connection, entity_id: int) -> bool:
    """Whether a stored entity was mentioned once, with no title and no quote."""
    mentions = s.mentions.c
    count = select(func.count()).select_from(s.mentions).where(mentions.entity_id == entity_id)
    if conn.execute(count).scalar_one() > 1:
        return False
    if any(
        conn.execute(select(table.c.entity_id).where(table.c.entity_id == entity_id).limit(1)).first()
        for table in (s.roles, s.quotes)
    ):
        return False
    return not _speaks(conn, entity_id)


def _speaks(conn: Connection, entity_id: int) -> bool:
    """Whether the word right after the entity's one mention is a verb of speech ("Hamdan told reporters …"): one
    who speaks is a person, whatever base is later named after him."""
    mentions = s.mentions.c
    query = (
        select(mentions.end, s.articles.c.text)
        .join(s.articles, s.articles.c.id == mentions.article_id)
        .where(mentions.entity_id == entity_id)
        .limit(1)
    )
    row = conn.execute(query).first()
    if row is None:
        return False
    after = row.text[row.end :].split()[:1]
    return bool(after) and after[0].strip(",.;:").lower() in SPEECH_VERBS


def _one_reading_as_a_person(known: KnownNames, entity_id: int, state: State) -> bool:
    """Whether a stored entity is a person of one word, from one article, with no more than one reading's votes."""
    stored = known.entities.get(entity_id, {})
    votes = sum(float(stored.get(column) or 0.0) for column in s.VOTE_COLUMNS.values())
    one_word = " " not in (stored.get("key") or " ")
    return state.type == EntityType.PERSON and state.article_count == 1 and one_word and votes <= ONE_READING


def _barely_a_person(found: Extracted) -> bool:
    """Read as a person by the model alone, once, with no title or quote."""
    votes = found.votes
    return (
        found.type is EntityType.PERSON
        and not found.roles
        and not found.quotes
        and sum(votes.values()) <= ONE_READING
        and len(found.mentions) == 1
    )


# How many times a person's votes a place's must be for a name the model once took for a person's to be clearly a
# place ("near the town of Tal Baydar", with one reading of the name as a man's).
CLEAR_MARGIN = 3.0


def _clearly_a_place(votes: dict[EntityType, float]) -> bool:
    place = votes.get(EntityType.PLACE, 0.0)
    return place >= 2 and place >= CLEAR_MARGIN * votes.get(EntityType.PERSON, 0.0)


def _clearly_a_body(votes: dict[EntityType, float]) -> bool:
    return votes.get(EntityType.ORGANISATION, 0.0) >= 2 and not votes.get(EntityType.PERSON)


def _create(conn: Connection, found: Extracted, tallies: Tallies) -> tuple[int, State]:
    """A new entity, with the found name, votes and one article."""
    totals = {kind: found.votes.get(kind, 0.0) for kind, _ in _vote_columns()}
    values: dict[str, Any] = {
        "name": found.name,
        "key": found.key,
        "article_count": 1,
        **_kind_and_surname(decide_type(totals), names.key(found.name)),
        **{column: totals[kind] for kind, column in _vote_columns()},
    }
    inserted = conn.execute(_creating(), values).inserted_primary_key
    assert inserted is not None
    entity_id = int(inserted[0])
    tallies.created(entity_id, values)
    return entity_id, State(values["type"], 1)


@cache
def _creating() -> Insert:
    return insert(s.entities)


def _kind_and_surname(kind: EntityType, name_key: str) -> dict[str, Any]:
    surname = names.surname(name_key) if kind is EntityType.PERSON else None
    return {"type": kind.value, "surname": names.skeleton(surname) if surname else None}


class Tallies:
    """The counts of the entities an article names (votes by type, articles), added to in memory and written in
    one statement at the end, rather than an `UPDATE … RETURNING` per entity (half of an article's statements).
    An entity's stored counts come with the names it was matched by (`KnownNames.entities`), or are read once.
    The writer holds the write lock, so the counts read are still the stored ones when they are written back.
    A merge reads and writes counts in SQL: the tallies are written before one, and its entities read again after.
    The type and name decided again from the counts are written at once, as resolution reads them."""

    def __init__(self, stored: dict[int, dict[str, Any]]) -> None:
        self._stored = stored  # entity id -> its counted and decided columns as stored before the article
        self._now: dict[int, dict[str, Any]] = {}  # entity id -> those columns as this article leaves them
        self._unwritten: set[int] = set()

    def created(self, entity_id: int, values: dict[str, Any]) -> None:
        """A new entity, stored with these values."""
        self._now[entity_id] = {column: values[column] for column in ENTITY_STATE}

    def add(
        self, conn: Connection, entity_id: int, votes: dict[EntityType, float], articles: int, name: str | None
    ) -> State:
        """Add an article's evidence to an entity, then decide its type again and keep its fullest name."""
        row = self._current(conn, entity_id)
        for kind, column in _vote_columns():
            row[column] += votes.get(kind, 0.0)
        row["article_count"] += articles
        self._unwritten.add(entity_id)
        row.update(_decide_again(conn, entity_id, row, name))
        return State(row["type"], int(row["article_count"]))

    @property
    def now(self) -> dict[int, dict[str, Any]]:
        """The entities created or counted so far, with their columns as this article leaves them."""
        return self._now

    def votes(self, entity_id: int, stored: Any) -> dict[EntityType, float]:
        """An entity's votes as this article leaves them so far (`stored`: its row as read from the store)."""
        row = self._now.get(entity_id)
        return {kind: float(row[column] if row else getattr(stored, column)) for kind, column in _vote_columns()}

    def flush(self, conn: Connection) -> None:
        """Write the counts added to since the last flush."""
        if self._unwritten:
            counted = [
                {"id": entity_id, **{c: self._now[entity_id][c] for c in COUNTED_COLUMNS}}
                for entity_id in sorted(self._unwritten)
            ]
            update_rows(conn, s.entities, "id", counted)
            self._unwritten.clear()

    def forget(self, entity_ids: Iterable[int]) -> None:
        """These entities were changed in SQL (merged): read them again when next counted."""
        for entity_id in entity_ids:
            self._now.pop(entity_id, None)
            self._stored.pop(entity_id, None)

    def _current(self, conn: Connection, entity_id: int) -> dict[str, Any]:
        row = self._now.get(entity_id)
        if row is None:
            stored = self._stored.get(entity_id)
            if stored is None:
                read = conn.execute(_reading_counts(), {"read": entity_id}).one()
                stored = {column: getattr(read, column) for column in ENTITY_STATE}
            row = self._now[entity_id] = dict(stored)
        return row


@cache
def _reading_counts() -> Select[Any]:
    e = s.entities.c
    return select(*(e[column] for column in ENTITY_STATE)).where(e.id == bindparam("read"))


# From how many articles an entity's evidence is the corpus's rather than one article's (see `decide_type`).
MANY_ARTICLES = 2


def _decide_again(conn: Connection, entity_id: int, row: Any, name: str | None) -> dict[str, Any]:
    """The type an entity's counts decide, and its fullest name (an installation keeps the name it has), with
    the keys that go with them, written when they changed. `row` maps the entity's columns as counted (a dict, or
    a row's `_mapping`)."""
    votes = {kind: float(row[column]) for kind, column in _vote_columns()}
    kind = decide_type(votes, row["key"] if row["article_count"] >= MANY_ARTICLES else None)
    fuller = name is not None and kind is not EntityType.INSTALLATION and _fuller(name, row["name"])
    decided = {
        "name": name if fuller else row["name"],
        "key": names.key(name) if fuller and name else row["key"],
    }
    # the family name is the kept name's: a lone "Hammoud" that joined "Jassem al-Hamad" leaves him his family name
    decided.update(_kind_and_surname(kind, names.key(decided["name"])))
    if any(row[column] != value for column, value in decided.items()):
        conn.execute(_deciding(), {"decided": entity_id, **{f"new_{c}": v for c, v in decided.items()}})
    return decided


def _fuller(name: str, stored: str) -> bool:
    """Whether a name replaces the stored one: a longer name replaces one word ("Sergey Lavrov" the "Lavrov" an
    article began with, "Syrian Democratic Forces" "SDF"), and a name of several words when it keeps its first and
    last words ("Asaad Hassan al-Shaibani" for "Asaad al-Shaibani"); not another name the corpus joined to it (a
    nom de guerre, "Abu Mohammed al-Jolani" for "Ahmed al-Sharaa")."""
    if len(name.split()) <= len(stored.split()):
        return False
    longer, kept = names.key(name).split(), names.key(stored).split()
    return len(kept) <= 1 or (kept[0] in longer and kept[-1] in longer)


@cache
def _deciding() -> Update:
    """Set an entity's type, name and keys (built once, see `_counting`)."""
    values: dict[str, Any] = {column: bindparam(f"new_{column}") for column in DECIDED_COLUMNS}
    return update(s.entities).where(s.entities.c.id == bindparam("decided")).values(values)


@cache
def _counting() -> Update:
    """Add to an entity's votes and article count and read it back (a merge's counting)."""
    e = s.entities.c
    added = {column: e[column] + bindparam(f"add_{column}") for column in s.VOTE_COLUMNS.values()}
    added["article_count"] = e.article_count + bindparam("add_articles")
    return update(s.entities).where(e.id == bindparam("counted")).values(added).returning(s.entities)


def _add_votes(conn: Connection, entity_id: int, votes: dict[EntityType, float], articles: int) -> State:
    """Add evidence to a stored entity in SQL, then decide its type again."""
    added = {f"add_{column}": votes.get(kind, 0.0) for kind, column in _vote_columns()}
    row = conn.execute(_counting(), {"counted": entity_id, "add_articles": articles, **added}).one()._mapping
    decided = _decide_again(conn, entity_id, row, None)
    return State(decided["type"], int(row["article_count"]))


@cache  # an enum's constructor is slow, and every entity stored asks this
def _vote_columns() -> tuple[tuple[EntityType, str], ...]:
    return tuple((EntityType(kind), column) for kind, column in s.VOTE_COLUMNS.items())


def _surname_orphans(
    conn: Connection, person_id: int, found: Extracted, tallies: Tallies, families: FamilyNames
) -> list[int]:
    """Entities known so far only by this person's family name, if no other person shares it: they are him."""
    named = family_name(found)
    if named is None:
        return []
    family, skel = named
    bearers = families.bearers(conn, family, skel, tallies.now)
    if len([b for b in bearers if b.surname == skel and b.type == EntityType.PERSON]) != 1:
        return []
    orphans = [b for b in bearers if b.key in (family, skel) and b.id != person_id]
    # a place or a body the corpus reads as such is not his family name alone ("Hezbollah" of "Kataib Hezbollah")
    return [b.id for b in orphans if not _read_as_place_or_body(tallies.votes(b.id, b.stored))]


def _read_as_place_or_body(votes: dict[EntityType, float]) -> bool:
    """Whether the corpus reads a name as a place or a body rather than a person: clearly, or by more of its
    evidence ("Hezbollah", which a story or two took for a person, is a body by most of its mentions)."""
    person = votes.get(EntityType.PERSON, 0.0)
    most = max(votes.get(EntityType.PLACE, 0.0), votes.get(EntityType.ORGANISATION, 0.0))
    return _clearly_a_place(votes) or _clearly_a_body(votes) or most >= MANY_ARTICLES * max(person, 1.0)


def _drop_quotes_the_target_has(conn: Connection, source_id: int, target_id: int) -> None:
    """A quote both entities hold from one article is kept once, the target's (quotes are unique per article)."""
    q, kept = s.quotes.c, s.quotes.alias("kept").c
    same = select(kept.id).where(kept.entity_id == target_id, kept.article_id == q.article_id, kept.text == q.text)
    conn.execute(delete(s.quotes).where(q.entity_id == source_id, same.exists()))


def merge(conn: Connection, source_id: int, target_id: int) -> State:
    """Fold entity `source_id` into `target_id`: its aliases, mentions, roles, quotes, facts and votes."""
    source = conn.execute(select(s.entities).where(s.entities.c.id == source_id)).one()
    _drop_quotes_the_target_has(conn, source_id, target_id)
    for table in s.ENTITY_OWNED:
        conn.execute(update(table).where(table.c.entity_id == source_id).values(entity_id=target_id))
    alias_rows = conn.execute(select(s.aliases).where(s.aliases.c.entity_id == source_id)).mappings().all()
    insert_ignore(conn, s.aliases, [{**r, "entity_id": target_id} for r in alias_rows], ("entity_id", "key"))
    links = conn.execute(select(s.entity_articles).where(s.entity_articles.c.entity_id == source_id)).mappings()
    insert_ignore(conn, s.entity_articles, [{**r, "entity_id": target_id} for r in links], ("entity_id", "article_id"))
    conn.execute(delete(s.entity_articles).where(s.entity_articles.c.entity_id == source_id))
    conn.execute(delete(s.aliases).where(s.aliases.c.entity_id == source_id))
    conn.execute(delete(s.entities).where(s.entities.c.id == source_id))
    count = conn.execute(
        select(func.count()).select_from(s.entity_articles).where(s.entity_articles.c.entity_id == target_id)
    ).scalar_one()
    votes = {kind: float(getattr(source, column)) for kind, column in _vote_columns()}
    conn.execute(update(s.entities).where(s.entities.c.id == target_id).values(article_count=0))
    return _add_votes(conn, target_id, votes, articles=int(count))
