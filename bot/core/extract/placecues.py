"""The words around a name that say it is a place: a preposition before it ("near X", "in Tartus"), a place noun
after it ("Hatay province") or before it ("the town of X", "east of X"), a list it shares a cue with, a dateline."""

from __future__ import annotations

import re
from typing import Any

from bot.core import names
from bot.core.extract.document import once, span_text, tokens
from bot.core.lexicon import BODY_HEADS

Doc = Any  # spacy.tokens.Doc (as in `mentions`, which uses this module)
Token = Any  # spacy.tokens.Token
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")

# Words before a name that say it is a place, and how strongly: people are rarely "near" anything, while "in"
# also precedes organisations ("in NATO"); "the towns of Kafr Nabl and …" is as clear as it gets.
_PLACE_PREPOSITIONS = {
    "near": 1.5, "outside": 1.5, "across": 1.5, "along": 1.5, "toward": 1.5, "towards": 1.5, "around": 1.0,
    "beyond": 1.5, "in": 0.5, "into": 0.5, "inside": 0.5,
}  # fmt: skip
# Nouns of a way somewhere: "the road to Palmyra", "flights to Erbil".
_ROUTES = frozenset({"road", "roads", "highway", "route", "routes", "flight", "flights", "corridor", "trip", "journey"})
# The same, for a name written as a word rather than an acronym ("in Tartus", "at Tartus", not "in NATO").
_WORD_PLACE_PREPOSITIONS = {"in": 1.5, "at": 1.0}
_PLACE_NOUNS = frozenset(
    """
    town towns city cities village villages province provinces region regions district districts area areas
    countryside suburb suburbs neighbourhood neighborhood governorate port outskirts
    waters bank banks shore shores coast valley basin river rivers island islands archipelago peninsula
    """.split()
)
PLACE_NOUN_VOTE = 2.0
# Place nouns that also follow the names of what is not a place ("the DP World port", "the SDF area").
_NOT_SETTLEMENTS = frozenset({"port", "area", "areas"})
# "east of X": only a place lies in a direction.
DIRECTIONS = frozenset("east west north south northeast northwest southeast southwest".split())
# The last words of bodies' names, which being "in" or "at" makes no place ("took part in the … Organization"); a
# district or a centre may be either.
_BODY_TAILS = BODY_HEADS - {"district", "center", "centre"}
# A dateline names the city the story was filed from; the model often takes it for an organisation.
DATELINE_VOTE = 3.0


def place_cue(doc: Doc, start: int, end: int) -> float:
    """How strongly the words around a name say it is a place ("near X", "the village of X", "east of the X",
    a dateline)."""
    if _is_dateline(doc, start, end) or _dateline_region(doc, start, end):
        return DATELINE_VOTE
    if start >= 1 and doc[start - 1].lower_ == "the":
        start -= 1  # "across the Euphrates", "east of the Euphrates"
    modifier = doc[start - 1] if start >= 2 else None
    if modifier is not None and modifier.text.islower() and modifier.dep_ in {"amod", "compound"}:
        start -= 1 if start <= modifier.head.i < end else 0  # "in neighbouring Niger", "across northern Syria"
    if start >= 2 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ in _ROUTES:
        return PLACE_NOUN_VOTE  # "the road to Palmyra"
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _PLACE_NOUNS | DIRECTIONS:
        return PLACE_NOUN_VOTE
    if start == 0 or _holder_of(doc, end):
        return 0.0
    cue = _PLACE_PREPOSITIONS.get(doc[start - 1].lower_, 0.0)
    # "in NATO" is an organisation's acronym and "in the Collective Defence Organization" a body by its last word;
    # "in Tartus", "at Tartus", "in Niamey" are places
    if doc[end - 1].lower_ in _BODY_TAILS:
        return cue
    if doc[start - 1].lower_ in _WORD_PLACE_PREPOSITIONS and not _ACRONYM.match(span_text(doc, start, end)):
        return max(cue, _WORD_PLACE_PREPOSITIONS[doc[start - 1].lower_])
    return cue


# Nouns of ground someone holds ("in Hezbollah strongholds"), and the participles of holding it ("in Houthi-held
# areas"): the name before them is who holds it, and a preposition before the name places the ground, not the name.
_HELD_GROUND = frozenset({"stronghold", "strongholds", "positions", "territory", "bastion", "bastions", "areas"})
_HOLDING = frozenset({"held", "controlled", "run", "dominated"})


def _holder_of(doc: Doc, end: int) -> bool:
    """Whether a name is written as who holds the ground after it ("Hezbollah strongholds", "Houthi-held")."""
    if end >= len(doc):
        return False
    if doc[end].text == "-" and not doc[end].whitespace_:
        return end + 1 < len(doc) and doc[end + 1].lower_ in _HOLDING
    return doc[end].lower_ in _HELD_GROUND


# Nouns before "of" that make what follows a settlement, where people live: "the port city of X", "residents of X".
_SETTLEMENT_OWNERS = frozenset({"town", "city", "village", "port", "outskirts", "residents", "people", "streets"})


def settlement_cue(doc: Doc, start: int, end: int) -> bool:
    """Whether the words before a name say it is a town rather than a site: forces are "at" a base, while people and
    things are "in" a town ("in Tartous"), which also has residents, a port, outskirts and datelines."""
    if _is_dateline(doc, start, end) or _dateline_region(doc, start, end):
        return True
    if start < 1 or _ACRONYM.match(span_text(doc, start, end)):
        return False
    before = doc[start - 1].lower_
    return before == "in" or (before == "of" and start >= 2 and doc[start - 2].lower_ in _SETTLEMENT_OWNERS)


def place_noun_after(doc: Doc, end: int) -> float:
    """ "the Hilaliye neighbourhood", "the Reyhanlı district", "Hatay province": a name before a singular place noun
    is the place's name."""
    if end < len(doc) and doc[end].lower_ == "and":
        return _shared_plural_place_noun(doc, end + 1)  # "the Tigris and Euphrates rivers": the first river
    if end >= len(doc) or doc[end].lower_ not in _PLACE_NOUNS or doc[end].lower_ in _NOT_SETTLEMENTS:
        return 0.0
    if doc[end].tag_ == "NNS" and end >= 2 and _after_a_conjoined_name(doc, end):
        return PLACE_NOUN_VOTE  # "the Tigris and Euphrates rivers": the second river
    return PLACE_NOUN_VOTE if doc[end].tag_ == "NN" else 0.0


def plural_place_noun_after(doc: Doc, end: int) -> bool:
    """Whether a plural place noun follows a name ("the Abu Musa and Greater Tunb islands"): the name before it is
    two places' names, however the model labelled them."""
    return end < len(doc) and _plural_place_noun(doc[end])


def plural_place_noun_before(doc: Doc, start: int) -> bool:
    """Whether "of" after a plural place noun opens a name ("the islands of Abu Musa and Greater Tunb"): the name is
    two places' names, however the model labelled them."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    return _plural_place_noun(doc[start - 2])


def _plural_place_noun(tok: Any) -> bool:
    """A plural noun of places that are no settlements ("rivers", "islands")."""
    return bool(tok.tag_ == "NNS" and tok.lower_ in _PLACE_NOUNS and tok.lower_ not in _NOT_SETTLEMENTS)


# The most words of the second of two names sharing a plural place noun ("the Tigris and Euphrates rivers").
MAX_SHARING_WORDS = 3


def _shared_plural_place_noun(doc: Doc, start: int) -> float:
    """Whether the capitalised words from `start` are a name followed by a plural place noun both names share."""
    j = start
    while j < len(doc) and j - start < MAX_SHARING_WORDS and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    if j == start or j >= len(doc):
        return 0.0
    return PLACE_NOUN_VOTE if _plural_place_noun(doc[j]) else 0.0


def _after_a_conjoined_name(doc: Doc, end: int) -> bool:
    """Whether the capitalised words just before token `end` follow "and" after another capitalised word."""
    j = end
    while j > 0 and end - j < MAX_SHARING_WORDS and doc[j - 1].text[:1].isupper() and doc[j - 1].is_alpha:
        j -= 1
    return j < end and j >= 2 and doc[j - 1].lower_ == "and" and doc[j - 2].text[:1].isupper()


def conjunct_cue(doc: Doc, previous_start: int, previous_end: int, start: int) -> float:
    """ "near Tarsus and Hama": the second name shares the cue when only "and" or a comma stands between."""
    between = [t.text for t in tokens(doc, previous_end, start)]
    if not between or len(between) > 2 or not set(between) <= {",", "and"}:
        return 0.0
    return place_cue(doc, previous_start, previous_end)


def _dateline_region(doc: Doc, start: int, end: int) -> bool:
    """ "QAMISHLO, Rojava –", "DAMASCUS, Syria (AP) —": the region or country after a dateline's city."""
    if start < 2 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text not in {"(", "—", "–", "-"}:
        return False
    city = doc[start - 2]
    return bool(city.text.isupper() and len(city.text) > 3 and (city.i == 0 or "\n" in doc[city.i - 1].text_with_ws))


# How far into an article its dateline may stand (after a headline, a byline and a date line).
DATELINE_WITHIN = 80


def dateline(doc: Doc) -> tuple[str, str | None] | None:
    """The city a story is filed from, and the region or country the dateline adds ("JABLEH, Syria –" gives
    ("Jableh", "Syria")); None when the article has no dateline."""
    return once(doc, _dateline)


def _dateline(doc: Doc) -> tuple[str, str | None] | None:
    span = dateline_span(doc)
    if span is None:
        return None
    start, end = span
    if not span_text(doc, start, end).isupper():
        return span_text(doc, start, end), None  # "Damascus, SANA –"
    region = doc[end + 1] if end + 1 < len(doc) and doc[end].text == "," else None
    if region is not None and (not region.text[:1].isupper() or not region.is_alpha or region.ent_type_ == "DATE"):
        region = None  # "BEIRUT, March 3 (Reuters)": a date, not a region
    return span_text(doc, start, end).title(), region.text if region is not None else None


def dateline_span(doc: Doc) -> tuple[int, int] | None:
    """Where the city of a story's dateline is written: (start, end) tokens; None when the article has no dateline."""
    return once(doc, _dateline_span)  # asked by the candidates and by `dateline`


def _dateline_span(doc: Doc) -> tuple[int, int] | None:
    for tok in doc[:DATELINE_WITHIN]:
        if tok.i and "\n" not in doc[tok.i - 1].text_with_ws:
            continue
        end = tok.i
        while end < len(doc) and (_capitals(doc[end]) or _joining_hyphen(doc, end)):
            end += 1
        if end > tok.i and _is_dateline(doc, tok.i, end):
            return tok.i, end
        if (agency_end := _agency_dateline(doc, tok.i)) is not None:
            return tok.i, agency_end
    return None


def _capitals(tok: Token) -> bool:
    """A word in capitals, as a dateline writes its town."""
    return bool(tok.text.isupper() and tok.is_alpha)


def _joining_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen between two words in capitals, written without spaces: "DEIR EZ-ZOR" is one town's name."""
    return (
        0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
        and _capitals(doc[i - 1]) and _capitals(doc[i + 1])
    )  # fmt: skip


# How many words the town of a state agency's dateline may have ("Deir ez-Zor, SANA –").
AGENCY_DATELINE_WORDS = 3


def _agency_dateline(doc: Doc, start: int) -> int | None:
    """ "Damascus, SANA –", "Tehran, IRNA, Nov 8": a line opening with a town in ordinary capitals, a comma and an
    agency's name in capitals, as state agencies date their stories; where the town's name ends, or None."""
    end = start
    while end < len(doc) and end - start < AGENCY_DATELINE_WORDS and doc[end].is_title and doc[end].is_alpha:
        end += 1
    if end == start or end + 2 >= len(doc) or doc[end].text != ",":
        return None
    if (bracketed := _agency_after_date(doc, end + 1)) is not None:
        return end if bracketed else None
    agency, after = doc[end + 1].text, doc[end + 2].text
    name = agency.rstrip("-–—")  # "Lattakia, SANA- Minister …": the dash may cling to the agency's name
    if not (name.isupper() and name.isalpha() and len(name) > 2):
        return None
    return end if name != agency or after in {",", "-", "–", "—"} else None


# How many tokens the date of an agency's dateline may have before the agency ("Nov. 26": three).
DATELINE_DATE_TOKENS = 4


def _agency_after_date(doc: Doc, i: int) -> bool | None:
    """ "Damascus, Nov. 26 (SANA) -": whether the date from token `i` is followed by an agency's name in capitals,
    in brackets; None when no date opens there."""
    end = i
    while end < len(doc) and end - i < DATELINE_DATE_TOKENS and (doc[end].ent_type_ == "DATE" or doc[end].text == "."):
        end += 1
    if end == i:
        return None
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    name = doc[end + 1].text
    return name.isupper() and name.isalpha() and len(name) > 2


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "BEIRUT (Reuters) —", "ANKARA, March 3 —": a city in capitals opening the article or a paragraph."""
    if not (start == 0 or "\n" in doc[start - 1].text_with_ws) or end >= len(doc):
        return False  # read first: most names open no line
    text = span_text(doc, start, end)
    return text.isupper() and len(text) > 3 and doc[end].text in {",", "(", "—", "–", "-"} and not _seat_of(doc, text)


def _seat_of(doc: Doc, text: str) -> bool:
    """ "UNITED NATIONS (AP) —": a dateline naming a body at its seat, which the story calls by its initials ("the
    UN", "the U.N."), names no town."""
    initials = names.initials(text.title())
    return len(initials) > 1 and any(tok.ent_type_ == "ORG" and tok.text.replace(".", "") == initials for tok in doc)


# Nouns of a settlement that name the place after "of" ("the town of Suruç").
SETTLEMENT_NOUNS = frozenset({"town", "village", "city", "district", "province", "governorate"})
# How many capitalised words such a name may have ("the town of Ras al-Ain" has three).
MAX_SETTLEMENT_WORDS = 3


def named_settlements(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """The names the model left untagged after "the town of", "the village of": (start, end) token spans."""
    spans = []
    for tok in doc:
        if tok.lower_ != "of" or tok.i < 1 or doc[tok.i - 1].lower_ not in SETTLEMENT_NOUNS:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= MAX_SETTLEMENT_WORDS and end not in taken and _name_word(doc[end]):
            end += 1
        if end > tok.i + 1 and doc[end - 1].text[:1].isupper():
            spans.append((tok.i + 1, end))
    return spans


def _name_word(tok: Any) -> bool:
    """A capitalised word, or the Arabic article joining two ("Ras al-Ain")."""
    return bool(tok.text[:1].isupper() or (tok.lower_ in {"al", "el", "-"} and tok.whitespace_ == ""))


# Nouns of an area after its name ("the Deir ez-Zor countryside", "the Olbek region"), and the most words of a name
# the model left untagged before one.
AREA_AFTER_NAME = frozenset({"province", "region", "district", "countryside", "governorate", "desert", "valley"})
MAX_AREA_NAME_WORDS = 5
_NAME_TAGS = frozenset({"PROPN", "ADJ", "NOUN"})
# The Arabic article and the hyphen joining it, inside a transliterated name ("Deir ez-Zor", "Ras al-Ain").
_JOINING = frozenset({"al", "el", "ez", "az", "as", "ash", "ad", "ar", "at", "an", "es", "ed", "er", "-"})


def untagged_area_name(doc: Doc, i: int) -> int | None:
    """Where a name the model left untagged ends, when it starts at token `i` and a singular noun of an area follows
    it ("in the Deir ez-Zor countryside"): its words capitalised proper nouns or the Arabic article joined to them."""
    first = doc[i]
    # the tagger reads a transliterated first word as an adjective ("Deir" of "Deir ez-Zor"); a sentence's first word
    # is capitalised whatever it is
    if first.ent_iob_ != "O" or first.pos_ not in _NAME_TAGS or not first.text[:1].isupper() or first.is_sent_start:
        return None
    end = i + 1
    while end < len(doc) and end - i < MAX_AREA_NAME_WORDS and doc[end].ent_iob_ == "O" and _inside_a_name(doc[end]):
        end += 1
    if end >= len(doc) or doc[end].lower_ not in AREA_AFTER_NAME or doc[end].tag_ != "NN":
        return None
    return end if doc[end - 1].text[:1].isupper() else None


def _inside_a_name(tok: Any) -> bool:
    """A capitalised proper noun, or the Arabic article or its hyphen written without a space after it inside a name
    ("ez-Zor"): spaced, "as" or "at" are words of the sentence."""
    if tok.lower_ in _JOINING:
        return not tok.whitespace_
    return bool(tok.pos_ == "PROPN" and tok.text[:1].isupper())


def named_areas(doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
    """The names of two words or more the model left untagged before a noun of an area ("the Deir ez-Zor
    countryside"): (start, end) token spans. One word alone may be a sentence's first word or a person's name."""
    spans = []
    i = 0
    while i < len(doc):
        end = untagged_area_name(doc, i) if i not in taken and (i == 0 or doc[i - 1].ent_iob_ == "O") else None
        if end is not None and end - i >= 2 and not taken.intersection(range(i, end)):
            spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


def area_name_cut_short(doc: Doc, end: int) -> int | None:
    """Where a place's name ends when the model tagged only its first word before the Arabic article glued to the
    rest ("Kafr" of "the Kafr ez-Velmor countryside") and a singular noun of an area follows the whole name."""
    j = end
    while j < len(doc) and doc[j].lower_ in _JOINING and not doc[j].whitespace_:
        j += 1
    if j == end or j >= len(doc) - 1 or not doc[j].text[:1].isupper():
        return None
    area = doc[j + 1]
    return j + 1 if area.lower_ in AREA_AFTER_NAME and area.tag_ == "NN" else None
