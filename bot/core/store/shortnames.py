"""Shorter names an entity goes by in other articles, and the other spelling of a name with "ş" or "ç" ("Şamî" and
"Shamî"): an organisation's initials ("UN" for "United Nations"), a news agency's name without "Agency" ("Anadolu"),
a person's name without the middle name ("Asaad al-Shaibani" for "Asaad Hassan al-Shaibani"), a landform without its
kind ("the Golan"), a base at a named site by the site's name. The full name's entity keeps the short name as an
alias, so that an article that uses only the short name finds it; an article with the full name finds the entity
stored so far under the short one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from bot.core import names
from bot.core.lexicon import COUNTRY_VARIANTS, DEMONYMS, INSTALLATION_HEADS, MILITARY_MODIFIERS
from bot.core.models import EntityType, Extracted
from bot.core.store import schema as s
from bot.core.store.patterns import entities_opening

# Initials of fewer letters name too many things to stand for one organisation.
MIN_INITIALS = 2
# The generic last words of a news agency's name, which its own copy often leaves out ("Anadolu Agency").
AGENCY_WORDS = ("news", "agency")
# The last words of the bodies an organisation has, which go by their own name ("the Security Council").
INSTITUTIONS = frozenset({"council", "assembly", "commission", "command", "committee"})
# Words that open a name of three words and belong with the next one, not a given name with a middle name after it
# ("Abu Mohammed al-Jolani" is not "Abu al-Jolani").
BOUND_FIRST_WORDS = frozenset({"abu", "umm", "ibn", "bin", "bint"})
# The words of a personal name that has a middle name to leave out.
FULL_NAME_WORDS = 3
# Words for a landform after its name, which copy often leaves out ("the Golan Heights" and "the Golan").
LANDFORM_WORDS = frozenset({"heights", "river", "mountains", "hills", "valley", "plain", "plateau", "desert"})
# Country names and adjectives are never a landform's short name ("the Jordan Valley" is not "Jordan").
_COUNTRY_WORDS = frozenset(DEMONYMS) | frozenset(COUNTRY_VARIANTS) | {names.fold(c) for c in DEMONYMS.values()}


def short_names(found: Extracted) -> list[str]:
    """The shorter names `found` may go by elsewhere (as written, not keyed)."""
    return list(_short_names(found.name, found.key, found.type))


# Names recur from article to article, and each entity's are asked for two or three times while it is stored.
@lru_cache(maxsize=4096)
def _short_names(name: str, key: str, kind: EntityType) -> tuple[str, ...]:
    """`short_names` of an entity by its name, key and type."""
    spelled = names.digraph_spelling(name) if kind in {EntityType.PERSON, EntityType.PLACE} else None
    if spelled is None:
        return _shorter_names(name, key, kind)
    return (*_shorter_names(name, key, kind), spelled, *_shorter_names(spelled, names.key(spelled), kind))


def _shorter_names(name: str, key: str, kind: EntityType) -> tuple[str, ...]:
    """The shorter names of an entity by its name, key and type."""
    if kind is EntityType.ORGANISATION:
        short = [_own_initials(name), _country_initials(name), _without_agency(name), _without_parent(name)]
        return tuple(n for n in short if len(n) >= MIN_INITIALS and names.key(n) != key)
    words, key_words = name.split(), key.split()
    if kind is EntityType.PERSON and len(words) == len(key_words) == FULL_NAME_WORDS:
        return () if key_words[0] in BOUND_FIRST_WORDS else (f"{words[0]} {words[-1]}",)
    if kind is EntityType.PLACE:
        return tuple(n for n in [_without_landform(name)] if n and names.key(n) != key)
    if kind is EntityType.INSTALLATION:
        return tuple(n for n in [_site_name(name)] if n and names.key(n) != key)
    return ()


def _own_initials(name: str) -> str:
    """ "UN" of "United Nations"; "" for a body named after its country ("Iraqi Air Force", "Turkish Red Crescent"):
    the same body of every country whose name begins with that letter has those initials ("IAF" is also the Israeli
    and the Indian Air Force), so a bare "IAF" elsewhere says nothing of which. An article that writes the body's
    initials beside its name still gives them as an alias of its own."""
    words = name.split()
    return "" if words and names.fold(words[0]) in _COUNTRY_WORDS else names.initials(name)


# Initials this short stand for too many bodies of one country to be given a country ("AA", "TV").
AMBIGUOUS_INITIALS = 2
# Each country by its name, its other names and its people's adjective, folded ("israeli", "israel" -> "Israel").
_COUNTRY_OF = (
    {names.fold(c): c for c in DEMONYMS.values()}
    | {names.fold(v): c for v, c in COUNTRY_VARIANTS.items()}
    | {names.fold(d): c for d, c in DEMONYMS.items()}
)


def _country_initials(name: str) -> str:
    """ "IAF Israel" of "Israeli Air Force": the initials of a body named after its country, with the country, which
    no other country's body of the same initials shares; an article that writes only "IAF" gives its country too
    (`with_country`). "" for a name not of that kind."""
    words = name.split()
    country = _COUNTRY_OF.get(names.fold(words[0])) if words else None
    initials = names.initials(name)
    return f"{initials} {country}" if country and len(initials) > AMBIGUOUS_INITIALS else ""


def is_country_initials(short: str) -> bool:
    """Whether a short name is initials with their country (`_country_initials`)."""
    first, _, country = short.partition(" ")
    return names.is_acronym(first) and country in _COUNTRIES


_COUNTRIES = frozenset(_COUNTRY_OF.values())


def country_named(name: str) -> str | None:
    """The country a name is, by its name, another of its names or its people's adjective ("Israeli": Israel)."""
    return _COUNTRY_OF.get(names.fold(name))


def article_countries(extracted: Iterable[Extracted]) -> set[str]:
    """The countries an article names as places."""
    return {c for found in extracted if found.type is EntityType.PLACE and (c := country_named(found.name))}


def with_country(found: Extracted, countries: set[str]) -> Extracted:
    """A body an article names only by initials ("the IAF"), with them and their country as an alias ("IAF Israel"),
    when exactly one country the article names is one whose name or people's adjective opens with the initials' first
    letter: then it is that country's body; an article naming Iraq and Iran leaves its "IAF" alone."""
    if found.type is not EntityType.ORGANISATION or not names.is_acronym(found.name):
        return found
    if len(found.name) <= AMBIGUOUS_INITIALS:
        return found  # "AA": an agency's, an airline's, too many bodies' of one country
    if not all(names.is_acronym(alias) for alias in found.aliases):
        return found
    fitting = {c for c in countries if found.name[0] in _INITIAL_LETTERS[c]}
    if len(fitting) != 1:
        return found
    return replace(found, aliases=found.aliases | {f"{found.name} {fitting.pop()}"})


# The letters a country's bodies' initials may open with: its name's, its other names' and its adjective's.
_INITIAL_LETTERS: dict[str, set[str]] = {}
for _folded, _country in _COUNTRY_OF.items():
    _INITIAL_LETTERS.setdefault(_country, set()).add(_folded[:1].upper())


def _without_landform(name: str) -> str:
    """ "Golan" of "Golan Heights", "Euphrates" of "Euphrates River"; "" for a name not of that kind."""
    words = name.split()
    if len(words) < 2 or names.fold(words[-1]) not in LANDFORM_WORDS:
        return ""
    bare = " ".join(words[:-1])
    return "" if names.fold(bare) in _COUNTRY_WORDS else bare


def _site_name(name: str) -> str:
    """ "Lafarge" of "Lafarge cement plant base": an installation named after a site by the site's own name and
    what it is, known also by the name alone; "" for a name not of that kind."""
    words = name.split()
    proper = next((n for n, w in enumerate(words) if not w[:1].isupper()), len(words))
    described = [
        w for w in words[proper:] if w.lower() not in INSTALLATION_HEADS and w.lower() not in MILITARY_MODIFIERS
    ]
    return " ".join(words[:proper]) if proper and described and all(w.islower() for w in words[proper:]) else ""


def _without_parent(name: str) -> str:
    """ "Security Council" of "UN Security Council", "Central Command" of "US Central Command": a body of an
    organisation named by its acronym, known by its own name; "" for a name not of that kind."""
    words = name.split()
    if len(words) >= 3 and names.is_acronym(words[0].replace(".", "")) and names.fold(words[-1]) in INSTITUTIONS:
        return " ".join(words[1:])
    return ""


def _without_agency(name: str) -> str:
    """ "Anadolu" of "Anadolu Agency", "Xinhua" of "Xinhua News Agency"; "" for a name not of that kind."""
    words = name.split()
    bare = len(words)
    while bare > 1 and names.fold(words[bare - 1]) in AGENCY_WORDS:
        bare -= 1
    return " ".join(words[:bare]) if bare < len(words) else ""


def with_short_names(found: Extracted) -> Extracted:
    """`found` with its shorter names among its aliases."""
    short = short_names(found)
    return replace(found, aliases=found.aliases | set(short)) if short else found


def known_by_short_name(conn: Connection, found: Extracted) -> int | None:
    """The one stored entity of `found`'s type named so far only by one of its shorter names, if there is one."""
    keys = [k for n in short_names(found) if (k := names.key(n))]
    if not keys:
        return None
    rows = conn.execute(_named(), {"keys": keys, "type": found.type.value}).all()
    return int(rows[0].id) if len(rows) == 1 else None


# The fewest letters of each of the two words an acronym of clipped words keeps ("CENT" and "COM"): fewer, and the
# agencies' initials ("IRNA") read as clipped words ("Iranian Navy").
MIN_CLIPPED = 3
# The most bodies a clipped acronym's first part is looked up among (more than one is already too many).
CLIPPED_CANDIDATES = 3


def known_by_clipped_words(conn: Connection, found: Extracted, countries: set[str] | None = None) -> int | None:
    """The one stored body whose name's last two words an acronym of clipped words spells ("CENTCOM" of "US Central
    Command", "AFRICOM" of "Africa Command"), with at most a country before them; None when none does, or two do.
    Given the countries the acronym's story names, a stored name's country must be one of them, and a name without
    one fits only a story naming none: "Central Command" alone may be any army's ("the IDF's Central Command"), and
    a story naming countries says whose its acronym is."""
    acronym = found.name
    # one word in capitals, however long ("INDOPACOM" is longer than initials usually are)
    if found.type is not EntityType.ORGANISATION or not acronym.isalpha() or not acronym.isupper():
        return None
    if len(acronym) < 2 * MIN_CLIPPED:
        return None
    fitting: set[int] = set()
    for cut in range(MIN_CLIPPED, len(acronym) - MIN_CLIPPED + 1):
        head, tail = acronym[:cut].lower(), acronym[cut:].lower()
        rows = conn.execute(_clipped(), {"pattern": f"%{head}% {tail}%"}).all()
        fitting |= {int(row.id) for row in rows if _clips(row.key, head, tail, countries)}
    return fitting.pop() if len(fitting) == 1 else None


def clipped_orphans(conn: Connection, found: Extracted, entity_id: int) -> list[int]:
    """The bodies stored so far only by an acronym of clipped words that spells `found`'s name and no other stored
    body's (`known_by_clipped_words` the other way round: the acronym came first)."""
    words = found.key.split()
    if found.type is not EntityType.ORGANISATION or len(words) < 2 or min(map(len, words[-2:])) < MIN_CLIPPED:
        return []
    rows = entities_opening(conn, [words[-2][:MIN_CLIPPED], words[-1][:MIN_CLIPPED]])
    return [
        int(row.id) for row in rows
        if int(row.id) != entity_id and row.type == EntityType.ORGANISATION.value and " " not in row.key
        and known_by_clipped_words(conn, replace(found, name=row.key.upper(), key=row.key)) == entity_id
    ]  # fmt: skip


def _clips(name_key: str, head: str, tail: str, countries: set[str] | None = None) -> bool:
    """Whether a key's last two words open with `head` and `tail`, after nothing or a country (one of `countries`, and
    nothing only when they are empty, when given)."""
    words = name_key.split()
    if len(words) < 2 or not words[-2].startswith(head) or not words[-1].startswith(tail):
        return False
    if len(words) == 2:
        return not countries
    return len(words) == 3 and words[0] in _COUNTRY_OF and (countries is None or _COUNTRY_OF[words[0]] in countries)


@cache
def _clipped() -> Select[Any]:
    """A few bodies whose key matches a LIKE pattern (built once)."""
    e = s.entities.c
    return (
        select(e.id, e.key)
        .where(e.key.like(bindparam("pattern")), e.type == EntityType.ORGANISATION.value)
        .limit(CLIPPED_CANDIDATES)
    )


@cache
def _named() -> Select[Any]:
    """Up to two entities of a type with one of some keys: built once, as every new entity stored asks it."""
    e = s.entities.c
    return select(e.id).where(e.key.in_(bindparam("keys", expanding=True)), e.type == bindparam("type")).limit(2)
