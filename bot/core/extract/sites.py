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
    capital_country,
    country_itself,
    ent_at,
    host_countries,
    main_country,
    sentence_country,
)
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.lexicon import INSTALLATION_HEADS

# How far after a mention a locating phrase may start ("…, a Turkish air base near the southern city of Adana").
LOCATING_WINDOW = 14
# Words that locate what comes before them.
_LOCATING = frozenset({"in", "near", "outside", "around", "inside"})
# Words after which "of" locates: "the city of Jableh", "east of Aleppo", "the outskirts of Adana".
_OF_AFTER = frozenset(
    """
    city town village port outskirts edge east west north south northeast northwest southeast southwest province
    governorate region district countryside heart centre center suburbs
    """.split()
)
_DIRECTIONS = frozenset("east west north south northeast northwest southeast southwest east-northeast".split())
_DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "miles", "mi", "kms", "metres", "meters"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SETTLEMENTS = frozenset({"town", "village", "city"})
_AREAS = frozenset({"region", "province", "governorate", "district", "county", "oblast"})
_WEAK_PLACE_LABELS = frozenset({"ORG", "NORP", "PERSON"})  # the small model's labels for lesser-known towns
# A phrase's sentence-wide guess at an operator, used only when no mention says anything clearer.
GUESS_WEIGHT = 0.5

# Civil sites take the name of the town they serve ("Qamishli airport"): that town is where they are.
TOWN_NAMED_KINDS = frozenset({"airport", "port"})
# Words after a town's name in an airport's name that say what it serves ("Erbil International Airport").
_SERVICE_WORDS = frozenset({"international", "regional", "national", "municipal", "civil", "military", "domestic"})
# Words after which what is named is no longer where the installation is ("from X to the Y base in Libya").
_CLAUSE_ENDS = frozenset({"which", "where", "who", "to", "from", "(", ";", "—", "–"})
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Words that open an apposition after a comma, which may still locate what it follows.
_APPOSITION_OPENERS = frozenset({"the", "a", "an", "about", "some", "just", "roughly", "around"})


@dataclass(frozen=True)
class Sighting:
    """One mention of an installation: its head word, where its words end, and the owner written into it."""

    anchor: Token
    end: int
    owner: str | None = None
    guess: str | None = None  # the phrase's own reading of its sentence, when the parse says nothing clearer


@dataclass(frozen=True)
class Placed:
    """Where one mention puts the installation: the nearest place, and the country when one is named."""

    place: str | None
    country: str | None
    setting: str | None = None  # the country the sentence is set in ("a military presence in Syria")


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
    if operator is None and not claims:  # a site nobody is said to keep or to have left is its country's
        operator = next((p.country for p in placed if p.country), None) or main_country(doc)
    return operator, _location(doc, placed, name, operator, kind.split()[-1] in TOWN_NAMED_KINDS)


def _placed(doc: Doc, s: Sighting, name: str) -> Placed:
    """Where one mention puts the installation: the place its own words name ("… sits near the town of Jableh"),
    else the place a "where" clause holding it hangs on."""
    own = locate(doc, s.end, s.anchor.sent, name)
    return own if own.place is not None else _where_clause(s.anchor) or own


def _where_clause(anchor: Token) -> Placed | None:
    """ "… to Dushanbe, where he will inspect the 201st military base": a place that a "where" clause holding the
    mention hangs on is where the installation is."""
    for verb in (a for a in anchor.ancestors if a.dep_ == "relcl"):
        if not any(c.lower_ == "where" for c in verb.children):
            continue
        place = verb.head
        if place.lower_ in _AREAS:  # "in Hasakah province, where …"
            place = next((c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN"), place)
        if place.ent_type_ in _PLACE_LABELS | _WEAK_PLACE_LABELS and place.pos_ == "PROPN":
            ent = next((e for e in place.doc.ents if e.start <= place.i < e.end), None)
            text = names.clean_surface(ent.text if ent is not None else place.text)
            own = country_itself(text)
            return Placed(None if own else text, own or capital_country(place), None)
        return None
    return None


def _governments_named(
    doc: Doc, claims: list[operators.Claim], placed: list[Placed], sent: Span
) -> list[operators.Claim]:
    """ "handed over to government forces": the government of the country the installation is placed in, or that
    its sentence names (by name or capital), or of the article's own country; a claim no country can be found for
    says nothing."""
    if all(c.party != parties.GOVERNMENT for c in claims):
        return claims
    country = next((p.country or p.setting for p in placed if p.country or p.setting), None)
    country = country or sentence_country(sent) or main_country(doc)
    kept = [c for c in claims if c.party != parties.GOVERNMENT]
    if country is None:
        return kept
    return kept + [operators.Claim(country, c.former, c.weight) for c in claims if c.party == parties.GOVERNMENT]


def _location(
    doc: Doc, placed: list[Placed], name: str, operator: str | None, kind_named_after_town: bool
) -> str | None:
    places = Counter(p.place for p in placed if p.place and p.place not in {operator, name})
    if places:
        best = max(places.values())
        return next(p.place for p in placed if p.place and places.get(p.place) == best)
    if kind_named_after_town or any(p.place == name for p in placed):  # "… near the town of Kant"
        return _town_of(name)
    country = next((p.country for p in placed if p.country and p.country != operator), None)
    setting = next((p.setting for p in placed if p.setting and p.setting != operator), None)
    town = name[:1].isalpha() and (_is_a_town(doc, name) or _one_word_place_name(name))  # never "201st"
    return country or setting or (name if town else None)


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
    return any(ent.label_ == "GPE" and names.same_name(names.key(ent.text), name_key) for ent in doc.ents)


def locate(doc: Doc, end: int, sent: Span, name: str) -> Placed:
    """The first place a locating phrase right after the mention names, preferring a town or a province over a
    country; stops where the next clause begins."""
    stop = min(sent.end, end + LOCATING_WINDOW)
    country = None
    i = end
    while i < stop:
        tok = doc[i]
        if _clause_starts(doc, i, end):
            break  # another clause, another place: "… air base on the night of …, many in Moscow assumed"
        if tok.ent_iob_ == "B" and _locating_before(doc, i, end):
            ent = ent_at(doc, i)
            if ent is not None and (_measured_from(doc, i) or _natural_feature(doc, ent)):
                i = ent.end  # "about 20 km east of Bishkek", "west of the Euphrates": a point to measure from
                continue
            if ent is not None and (
                ent.label_ in _PLACE_LABELS or _strongly_located(doc, i) or _area_after(doc, ent.end)
            ):
                text = names.clean_surface(ent.text)
                as_country = country_itself(text) if ent.label_ == "GPE" else None
                if as_country is None and (names.key(text) != names.key(name) or _strongly_located(doc, i)):
                    if _directed_from(doc, i) and (nearer := _settlement_after(doc, ent.end, stop, end)):
                        return nearer  # "southeast of Latakia, near the town of Jableh": the town it is at
                    host = country or capital_country(tok) or _country_after(doc, ent.end, stop)
                    return Placed(_with_area(doc, ent.end, text), host, None)
                country = country or as_country
                i = ent.end
                continue
        if _untagged_town(doc, i) and _strongly_located(doc, i) and not _measured_from(doc, i):
            return Placed(str(tok.text), country or _country_after(doc, i + 1, stop), None)  # "… east of Aleppo"
        i += 1
    return Placed(None, country, _setting(doc, sent))


def _natural_feature(doc: Doc, ent: Span) -> bool:
    """ "the Euphrates", "the Mediterranean": a river, a sea or a range (a non-political place with "the") is no town
    a base stands in."""
    starts_with_the = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
    return bool(ent.label_ == "LOC" and starts_with_the)


def _directed_from(doc: Doc, i: int) -> bool:
    """Whether the place at `i` follows a direction ("southeast of Latakia")."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _DIRECTIONS


def _settlement_after(doc: Doc, start: int, stop: int, end: int) -> Placed | None:
    """A town, village or city named further on in the same locating phrase (", near the town of Jableh")."""
    for i in range(start, stop):
        if _clause_starts(doc, i, end):
            return None
        if doc[i].ent_iob_ == "B" and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _SETTLEMENTS:
            ent = ent_at(doc, i)
            if ent is not None:
                return Placed(names.clean_surface(ent.text), None, None)
    return None


def _untagged_town(doc: Doc, i: int) -> bool:
    """A capitalised name the model left untagged, standing alone ("east of Aleppo", "near Kelmar")."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    alone = nxt is None or not (nxt.pos_ == "PROPN" or nxt.text == "-")
    return tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and tok.text[:1].isupper() and alone


def _clause_starts(doc: Doc, i: int, end: int) -> bool:
    """Whether token `i` begins another clause: a finite verb (never an installation's head, which the tagger
    sometimes reads as one), a relative word, or a comma not opening an apposition ("…, the desert airfield
    southwest of Tripoli", "…, about 20 km east of Bishkek")."""
    tok = doc[i]
    if tok.tag_ in _FINITE and tok.lower_ not in INSTALLATION_HEADS:
        return True
    if tok.text != "," or i == end:
        return tok.lower_ in _CLAUSE_ENDS
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or not (nxt.lower_ in _APPOSITION_OPENERS | _LOCATING or nxt.like_num)


def _country_after(doc: Doc, i: int, stop: int) -> str | None:
    """ "near Adana in southern Türkiye": the country the place just named is in."""
    for tok in doc[i:stop]:
        if tok.tag_ in _FINITE or tok.lower_ in _CLAUSE_ENDS or tok.text == ",":
            return None
        ent = ent_at(doc, tok.i) if tok.ent_iob_ == "B" and tok.ent_type_ == "GPE" else None
        country = country_itself(names.clean_surface(ent.text)) if ent is not None else None
        if country:
            return country
    return None


def _setting(doc: Doc, sent: Span) -> str | None:
    """The country a sentence says things happen in ("… a military presence in Syria for years, with …")."""
    for tok in sent:
        if tok.lower_ == "in" and tok.i + 1 < sent.end and doc[tok.i + 1].ent_type_ == "GPE":
            ent = ent_at(doc, tok.i + 1)
            if ent is None or (ent.end < sent.end and doc[ent.end].lower_ in operators.CONTROL_NOUNS):
                continue  # "remains in US hands": whose it is, not where
            country = country_itself(names.clean_surface(ent.text))
            if country:
                return country
    return None


def _locating_before(doc: Doc, i: int, end: int) -> bool:
    """A locating word stands a few words before the name ("near the southern city of Adana", "in Syria's Homs")."""
    for j in range(i - 1, max(end, i - 5) - 1, -1):
        word = doc[j].lower_
        if word in _LOCATING or (word == "of" and j > 0 and doc[j - 1].lower_ in _OF_AFTER):
            return True
        if doc[j].pos_ in {"VERB", "AUX"}:
            return False
    return False


def _measured_from(doc: Doc, i: int) -> bool:
    """Whether the place at `i` follows a distance and a direction ("180 km west of", "45 kilometres north of")."""
    if i < 3 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in _DIRECTIONS:
        return False
    unit = doc[i - 3]
    return unit.lower_ in _DISTANCE_UNITS or (
        unit.text == ")" and any(t.lower_ in _DISTANCE_UNITS for t in doc[max(0, i - 8) : i - 3])
    )


def _area_after(doc: Doc, end: int) -> bool:
    """ "in the Kidal region": a name before an area noun is a place, whatever the model labelled it."""
    return end < len(doc) and doc[end].lower_ in _AREAS


def _strongly_located(doc: Doc, i: int) -> bool:
    prev = doc[i - 1].lower_ if i > 0 else ""
    return prev in {"near", "outside"} or (prev == "of" and i > 1 and doc[i - 2].lower_ in _OF_AFTER)


def _with_area(doc: Doc, ent_end: int, text: str) -> str:
    """ "Homs province": the area word stays with the name, as the reader wrote it."""
    if (
        ent_end < len(doc)
        and doc[ent_end].lower_ in {"province", "governorate"}
        and not text.lower().endswith(("province", "governorate"))
    ):
        return f"{text} {doc[ent_end].text}"
    return text
