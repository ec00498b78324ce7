"""One operator and one location per installation per article, from every mention of it.

A phrase ("the Tartus naval base") and the bare name later ("Incirlik, a Turkish air base near … Adana") each
say something; the article's answer is what they say together. The location is the nearest place that locates
the installation ("near the city of Jableh in Latakia province" gives Jableh), a province before a country, the
installation's own town ("Tartus naval base") before a country, and a country only when nothing nearer is said.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core import names
from bot.core.extract import operators, parties
from bot.core.extract.countries import (
    countries_named,
    country_itself,
    host_countries,
    main_country,
    main_nation,
    sentence_country,
)
from bot.core.extract.document import span_text
from bot.core.extract.guesses import ATTACK_VERBS
from bot.core.extract.locating import (
    Placed,
    area_owner,
    based_prefix,
    housed_in,
    locate,
    opening_town,
    where_clause,
)
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.extract.naming import on_island
from bot.core.extract.placecues import dateline
from bot.core.lexicon import CAPITALS, COUNTRY_VARIANTS, INSTALLATION_HEADS

# A phrase's sentence-wide guess at an operator, used only when no mention says anything clearer.
GUESS_WEIGHT = 0.5

# Words for an area written after a place's name.
_AREA_WORDS = frozenset({"province", "governorate", "district", "region", "countryside", "city"})
# Prepositions by which a kind of installation is named after the town or height it stands in or on ("of": "the
# naval base of Bandar Velm").
NAMING_PREPOSITIONS = frozenset({"in", "on", "of"})
# Civil sites take the name of the town they serve ("Qamishli airport"): that town is where they are.
TOWN_NAMED_KINDS = frozenset({"airport", "port"})
# Words after a town's name in an airport's name that say what it serves ("Erbil International Airport").
_SERVICE_WORDS = frozenset({"international", "regional", "national", "municipal", "civil", "military", "domestic"})


@dataclass(frozen=True)
class Sighting:
    """One mention of an installation: its head word, where its words end, and the owner written into it."""

    anchor: Token
    end: int
    owner: str | None = None
    guess: str | None = None  # the phrase's own reading of its sentence, when the parse says nothing clearer
    bare: bool = False  # the name alone, written as the town's ("the port city of Tartus")


def describe(doc: Doc, sightings: Iterable[Sighting], name: str, kind: str) -> tuple[str | None, str | None]:
    """The installation's operator and location in this article (`kind` as "air base", "airport")."""
    seen = list({s.anchor.i: s for s in sightings}.values())
    placed = [_placed(doc, s, name) for s in seen]
    hosts = host_countries(doc) | {p.country for p in placed if p.country}
    claims = operators.after_takeovers(
        [(s.anchor.sent.start, operators.claims_at(s.anchor, s.owner, hosts)) for s in seen]
    )
    if not claims:
        claims = [operators.Claim(s.guess, weight=GUESS_WEIGHT) for s in seen if s.guess]
    operator = operators.decide(_governments_named(doc, claims, placed, seen[0].anchor.sent))
    # a site nobody is said to keep or to have left (or only long ago) is its country's
    if operator is None and not any(c.weight >= operators.OPERATOR_FLOOR for c in claims):
        operator = next((p.country for p in placed if p.country), None) or _capitals_country(placed)
        operator = operator or main_country(doc) or _filed_in(doc) or _nation_of_the_story(doc, claims, seen)
    if island := next((s for s in seen if on_island(doc, s.end - len(name.split()), s.end)), None):
        return operator, span_text(doc, island.end - len(name.split()), island.end + 1)  # "on Velmor Island"
    if any(_named_by_its_town(doc, s, name) for s in seen):
        return operator, name  # "the naval base in Tartus": the town it is named by is where it is
    if any(s.bare for s in seen):
        return operator, name  # "Olbek, a village in the hills of Kashan province": the town it is named after
    return operator, _location(doc, placed, name, kind.split()[-1] in TOWN_NAMED_KINDS)


def _nation_of_the_story(doc: Doc, claims: list[operators.Claim], seen: list[Sighting]) -> str | None:
    """ "An F-16 of the Turkish Air Force lands at …, where they were kept at the 10th Tanker Base": the nation a story
    about one nation's forces names far more than any other, by name or adjective; not one whose word on the site
    the article puts in the past ("In 1980 the Soviet Union built the base, which Soviet pilots used until 1991"),
    nor one a sentence about the site names beside a strike ("Israeli jets struck the Velmor air base")."""
    nation = main_nation(doc)
    if nation is None or nation in {c.party for c in claims}:
        return None
    strikers = [w for s in seen for verb in s.anchor.sent if verb.lower_ in ATTACK_VERBS for w in _doers(verb)]
    return None if any(parties.named_party(w) == nation for w in strikers) else nation


def _doers(verb: Token) -> list[Token]:
    """The words of a verb's doer: its subject, or the one "by" names after it ("struck by Israeli jets")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return [w for d in doers for w in d.subtree]


def _capitals_country(placed: list[Placed]) -> str | None:
    """ "the military base south of the capital": the country of a capital a mention places the installation by."""
    return next((CAPITALS[f] for p in placed if p.place and (f := names.fold(p.place)) in CAPITALS), None)


def _filed_in(doc: Doc) -> str | None:
    """The country the dateline names or whose capital the story is filed from ("TEHRAN, Oct. 27 (IRNA) --"),
    unless the story names other countries and never that one: "BEIRUT (AP) —" over a story about Syria is a
    bureau covering a region, not Lebanon's news."""
    filed = dateline(doc)
    if filed is None:
        return None
    country = country_itself(filed[1]) if filed[1] and country_itself(filed[1]) else CAPITALS.get(names.fold(filed[0]))
    if country is None:
        return None
    named = countries_named(doc)
    return None if named and not named[names.key(country)] else country


def _named_by_its_town(doc: Doc, s: Sighting, name: str) -> bool:
    """Whether a mention names the installation by the place it is in, right after its kind ("the naval base in
    Tartus", "an outpost on Mount Hermon")."""
    i = s.anchor.i + 1
    if i >= len(doc) or doc[i].lower_ not in NAMING_PREPOSITIONS:
        return False
    start = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    return start < s.end and names.key(span_text(doc, start, s.end)) == names.key(name)


def _placed(doc: Doc, s: Sighting, name: str) -> Placed:
    """Where one mention puts the installation: the place its own words name ("… sits near the town of Jableh"),
    else the place a "where" clause holding it hangs on."""
    if (prefixed := based_prefix(s.anchor)) is not None and prefixed.place is not None:
        return prefixed  # "the Olbek-based Naval Support Activity Tarsk, in the capital's Vardi district"
    own = locate(doc, s.end, s.anchor.sent, name)
    if own.measured and s.bare:
        # "the port city of Tartus, about 220 km northwest of Damascus": a bare name measured from elsewhere is the
        # town, not the installation
        own = Placed(None, own.country, own.setting)
    return (
        own
        if own.place is not None
        else where_clause(s.anchor) or area_owner(s.anchor) or housed_in(s.anchor) or opening_town(s.anchor) or own
    )


def _governments_named(
    doc: Doc, claims: list[operators.Claim], placed: list[Placed], sent: Span
) -> list[operators.Claim]:
    """ "handed over to government forces": the government of the country the installation is placed in, or that
    its sentence names (by name or capital), or of the article's own country; a claim no country can be found for
    says nothing."""
    if all(c.party != parties.GOVERNMENT for c in claims):
        return claims
    givers = {_country_key(c.party) for c in claims if c.former}
    candidates = [p.country or p.setting for p in placed] + [sentence_country(sent), main_country(doc)]
    # "US forces handed over the drone base": the country that gave it up is not the government that got it
    country = next((c for c in candidates if c and _country_key(c) not in givers), None)
    kept = [c for c in claims if c.party != parties.GOVERNMENT]
    if country is None:
        return kept
    return kept + [operators.Claim(country, c.former, c.weight) for c in claims if c.party == parties.GOVERNMENT]


def _country_key(name: str) -> str:
    """A country's key whatever variant of its name is written ("US", "U.S." and "United States" agree)."""
    return names.key(COUNTRY_VARIANTS.get(names.fold(name), name))


def _location(doc: Doc, placed: list[Placed], name: str, kind_named_after_town: bool) -> str | None:
    """Where the installation is: a place a mention puts it in, its own town, a point measured from, its country
    (even when that country keeps it), the dateline's town, its own name."""
    # "whose headquarters is in the town of Olbek": a place written as a town is nearer than a region said more often
    if place := _most_said([p for p in placed if not p.measured and p.settled], {name}):
        return place
    if place := _most_said([p for p in placed if not p.measured], {name}, [p for p in placed if p.measured]):
        return place
    if kind_named_after_town or any(p.place == name for p in placed):  # "… near the town of Kant"
        return _town_of(name)
    if place := _most_said(placed, {name}):  # "about 220 km northwest of Damascus", and nothing nearer
        return place
    country = next((p.country for p in placed if p.country), None)
    setting = next((p.setting for p in placed if p.setting), None)
    if country or setting:
        return country or setting
    # the town it is named after, when the article names that town, before the town the story is filed from
    if name[:1].isalpha() and _is_a_town(doc, name):
        return name
    own = name if name[:1].isalpha() and _one_word_place_name(name) else None
    return _filed_from(doc, placed, name) or own or main_country(doc)  # else the country the article is about


def _most_said(placed: list[Placed], unwanted: set[str | None], measured: Iterable[Placed] = ()) -> str | None:
    """The place most mentions put the installation at; of two said as often, one that a distance is also measured
    from ("in the Olbek district … 20 km north of Olbek"), else the first said."""
    places = Counter(p.place for p in placed if p.place and p.place not in unwanted)
    if not places:
        return None
    best = max(places.values())
    tied = [p.place for p in placed if p.place and places.get(p.place) == best]
    points = {_bare_place(p.place) for p in measured if p.place}
    return next((place for place in tied if _bare_place(place) in points), tied[0])


def _bare_place(place: str) -> str:
    """A place's key without the area word written after it ("Olbek district" is Olbek)."""
    words = names.key(place).split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _AREA_WORDS else " ".join(words)


def _filed_from(doc: Doc, placed: list[Placed], name: str) -> str | None:
    """ "JABLEH, Syria – … the air base a few kilometres to the north": an installation no sentence places is near
    the town the story is filed from, unless that is a capital (stories about a whole country are filed there) or
    the dateline's country is not the one the installation is placed in, or the article names another site after
    that town while this one has a place's name of its own."""
    filed = dateline(doc)
    if filed is None or names.fold(filed[0]) in CAPITALS or country_itself(filed[0]):
        return None
    countries = {p.country for p in placed if p.country}
    region = country_itself(filed[1]) if filed[1] else None
    if region and countries and region not in countries:
        return None
    return None if _a_site_named_after(doc, filed[0]) and _one_word_place_name(name) else filed[0]


# Words that may stand between a town's name and the kind of site named after it ("Misawa Air Base").
_KIND_WORDS = frozenset({"air", "naval", "military", "army", "international"})


def _a_site_named_after(doc: Doc, town: str) -> bool:
    """Whether the article names another installation after the dateline's town ("MISAWA - … Misawa Air Base"):
    the town is then that site's, and a base called by a name of its own is where its name says."""
    words = names.key(town).split()
    for tok in doc:
        if names.key(doc[tok.i : tok.i + len(words)].text).split() != words or tok.text.isupper():
            continue  # the dateline itself is written in capitals
        nxt = tok.i + len(words)
        nxt += nxt < len(doc) and doc[nxt].lower_ in _KIND_WORDS
        if nxt < len(doc) and doc[nxt].lower_ in INSTALLATION_HEADS:
            return True
    return False


def _town_of(name: str) -> str:
    """ "Erbil International" (Airport) is at Erbil: the words that say what kind of airport it is go."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _SERVICE_WORDS:
        words.pop()
    return " ".join(words)


def _one_word_place_name(name: str) -> bool:
    """A base called by one word ("Tartous", "Rmeilan") is, like most, called after the place it stands at; a code
    ("T4") or a person's name ("Imam Ali") is not."""
    return name.isalpha() and name[:1].isupper()


def _is_a_town(doc: Doc, name: str) -> bool:
    """Whether the installation is named after a place the article names as such ("Tartus naval base")."""
    name_key = names.key(name)
    if any(ent.label_ == "GPE" and names.same_name(names.key(ent.text), name_key) for ent in doc.ents):
        return True
    return _named_as_a_town(doc, name)


def _named_as_a_town(doc: Doc, name: str) -> bool:
    """ "… told reporters at the naval headquarters in Bandar Anzali": a name written alone after "in" or "near",
    with no kind of installation after it, is a town's, whatever the model took it for."""
    words = name.split()
    if words[0].lower() in INSTALLATION_HEADS:
        return False  # "near Camp Faouar": a name that opens with a kind of site is no town's
    for tok in doc:
        if tok.lower_ not in {"in", "near", "outside"} or tok.i + len(words) >= len(doc):
            continue
        span = doc[tok.i + 1 : tok.i + 1 + len(words)]
        after = doc[span.end] if span.end < len(doc) else None
        if [t.text for t in span] == words and (after is None or after.lower_ not in INSTALLATION_HEADS):
            return not (after is not None and after.pos_ == "PROPN")
    return False
