"""How an installation phrase's name is found: the capitalised words before its kind ("Kant air base"), the place
after it ("the naval base at Tartus"), a name that starts with its kind ("Air Base 201"), the site it stands at
("the Conoco gas field base"), where a relative clause puts it ("the base they built in Gao") and lists ("the
Khmeimim and Tartus bases", "its bases at Hmeimim and Tartus")."""

from __future__ import annotations

import re

from bot.core import names
from bot.core.extract.document import span_text, tokens, view_of
from bot.core.extract.keeping import KEEPING
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.extract.parties import COUNTRIES
from bot.core.lexicon import DEMONYMS, INSTALLATION_HEADS, MILITARY_MODIFIERS, STATION_DESIGNATIONS

_NAME_PREPOSITIONS = frozenset({"at", "in", "of"})

_APPOSITION_MARKS = frozenset({",", ":", "—", "–"})
_KIND_WORDS = frozenset(INSTALLATION_HEADS) | frozenset(MILITARY_MODIFIERS)
# "on the summit of …", and the first words of the names of heights ("on Mount Hermon", "on Jabal Zawiya").
_HEIGHTS = frozenset({"summit", "top", "peak", "crest", "slopes"})
_HILL_WORDS = frozenset({"mount", "mt", "jabal", "jebel", "hill", "tal", "tell"})
# Words after a place that make it the installation's surroundings rather than its name.
AREA_NOUNS = frozenset({"district", "province", "governorate", "region", "countryside", "area", "suburb"})

_ARTICLE_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "ar", "at", "az", "es", "ez", "ed", "en", "er", "ul"})

# How many lower-case nouns of a site may stand between its name and the head ("Conoco gas field base", "Meron air
# traffic control base").
MAX_SITE_NOUNS = 3

# Verbs of a relative clause that place the installation it follows ("the base they built in Gao").
_PLACED_BY = KEEPING | frozenset("built build builds set established establish opened open leased lease".split())

# Last words of a military unit's name, which may hold an installation's kind ("the 39th Air Base Wing").
UNIT_WORDS = frozenset("wing wings squadron group brigade regiment division command battalion corps fleet unit".split())
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")

# Labels of numbers and times, which no name carries; the small model gives names it does not know any other label
# ("Lask air base" as a LAW, "Zilkan" as an EVENT).
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE"})
# "the U.S.-run Manas air base": a party joined to a participle of control is who holds it, not its name.
HELD_BY_SUFFIXES = ("-run", "-operated", "-controlled", "-held", "-led", "-backed", "-built", "-manned")


def names_listed_after(doc: Doc, head: Token, sent: Span) -> list[Span]:
    """ "Russia's bases at Hmeimim and Tartus", "US bases at Conoco, al-Omar and Shaddadi", "its two bases, Hmeimim
    and Tartus,": the names listed after a plural head and "at", or set beside it (two names at least, so that "the
    bases, Putin said" lists nothing); never after "in" ("bases in Latakia and Tartus" says where they are)."""
    if not head.lower_.endswith("s") or head.i + 2 >= sent.end:
        return []
    if (example := _examples_start(doc, head.i + 1, sent)) is not None:
        return _listed_names(doc, example, sent)  # "several air bases, including Velmor": one name is enough
    opener = doc[head.i + 1].text
    if opener.lower() != "at" and opener not in _APPOSITION_MARKS:
        return []
    found = _listed_names(doc, head.i + 2, sent)
    return found if opener.lower() == "at" or len(found) >= 2 else []


# Words that open examples of what a plural noun before them counts ("bases, including Velmor", "such as").
_EXAMPLE_OPENERS = frozenset({"including", "notably", "especially"})


def _examples_start(doc: Doc, i: int, sent: Span) -> int | None:
    """Where the examples after a plural head begin ("air bases, including Velmor and Olbek", "bases such as
    Velmor"), or None when no word that opens examples follows it."""
    i += i < sent.end and doc[i].text == ","
    if i + 1 < sent.end and doc[i].lower_ in _EXAMPLE_OPENERS:
        return i + 1
    if i + 2 < sent.end and doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
        return i + 2
    return None


def _listed_names(doc: Doc, i: int, sent: Span) -> list[Span]:
    """The names of a list that starts at token `i` ("Conoco, al-Omar and Shaddadi"), countries left out."""
    found: list[Span] = []
    while i < sent.end:
        while i < sent.end and doc[i].lower_ in {"the", "a"}:
            i += 1
        start = i
        while i < sent.end and (is_name_token(doc[i]) or (doc[i].text == "-" and i > start)):
            i += 1
        if i == start or (i < sent.end and doc[i].lower_ in AREA_NOUNS | _KIND_WORDS):
            break  # "outposts at the Tartous naval port": a name with a kind of its own is its own phrase
        if names.fold(span_text(doc, start, i)) not in COUNTRIES:
            found.append(doc[start:i])
        if i + 1 < sent.end and doc[i].lower_ in {",", "and"}:
            i += 2 if doc[i].text == "," and doc[i + 1].lower_ == "and" else 1
            continue
        break
    return found


def singular(word: str) -> str:
    """A head noun in the singular ("bases" gives "base"; "barracks" stays)."""
    return word[:-1] if word.lower().endswith("s") and word.lower() != "barracks" else word


def listed_before(doc: Doc, name_start: int, sent: Span) -> bool:
    """Whether another name is listed before this one ("Khmeimim and" Tartus bases)."""
    i = name_start - 1
    return i - 1 >= sent.start and doc[i].lower_ in {"and", ","} and is_name_token(doc[i - 1])


def is_name_token(tok: Token) -> bool:
    """Whether a word may be part of an installation's name."""
    doc = view_of(tok)
    before = doc[tok.i - 1] if tok.i > 0 else None
    if _ORDINAL.match(tok.text) and before is not None and (before.lower_ == "the" or before.tag_ == "POS"):
        return True  # "the 201st military base", "Russia's 102nd military base"
    if _ORDINAL.match(tok.text) and _capitalised_kind_after(doc, tok.i + 1):
        return True  # "The Gyumri-based 102nd Military Base": a number its kind's capitals follow names it
    if tok.lower_ in _ARTICLE_PREFIXES and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-":
        return True  # the "al" of "al-Tanf"
    if _capitalised_article(doc, tok):
        return True  # the "As" of "Camp As Sayliyah"
    if _hyphened_tail(doc, tok):
        return True  # the "lo" of "Lal-lo airport"
    return (
        tok.text[:1].isupper()
        and tok.pos_ in {"PROPN", "NOUN", "ADJ", "NUM", "X"}
        and tok.ent_type_ not in _NOT_NAME_ENTS
        and not tok.lower_.endswith(HELD_BY_SUFFIXES)
        and names.fold(tok.text) not in DEMONYMS
        and not (tok.is_sent_start and tok.pos_ != "PROPN" and not _a_name_elsewhere(tok))
    )


def _hyphened_tail(doc: Doc, tok: Token) -> bool:
    """Whether a word in lower case is the end of a name a hyphen joins it to ("Lal-lo", "Pag-asa"): written tight
    against a capitalised word, and read by the model as part of a name, not as a word of its own ("Soviet-era",
    "Velmor-based")."""
    if tok.i < 2 or not tok.is_alpha or not tok.text.islower() or tok.pos_ != "PROPN":
        return False
    hyphen, first = doc[tok.i - 1], doc[tok.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_ and first.text[:1].isupper()


def _capitalised_kind_after(doc: Doc, i: int) -> bool:
    """Whether capitalised military words and a capitalised kind of installation follow at `i` ("Military Base")."""
    while i < len(doc) and doc[i].lower_ in MILITARY_MODIFIERS and doc[i].text[:1].isupper():
        i += 1
    return i < len(doc) and doc[i].lower_ in INSTALLATION_HEADS and doc[i].text[:1].isupper()


def _capitalised_article(doc: Doc, tok: Token) -> bool:
    """Whether a capitalised Arabic article inside a sentence opens the name after it ("Camp As Sayliyah", "Ash
    Shaddadi"): the English words it looks like ("As", "At") are not capitalised there, and it is no name alone."""
    if tok.lower_ not in _ARTICLE_PREFIXES or not tok.text[:1].isupper() or tok.is_sent_start:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN" and nxt.text.isalpha()


def _a_name_elsewhere(tok: Token) -> bool:
    """ "Ādaži military base, east of Riga, …": a word opening a sentence, which the tagger may take for an
    adjective, is a name when its letters are not English ones or the article writes it capitalised inside a
    sentence too ("… grows at Ādaži")."""
    if not tok.text.isascii() and tok.text.isalpha():
        return True
    return any(t.text == tok.text and not t.is_sent_start for t in view_of(tok))


def name_start_before(doc: Doc, end: int, sent: Span) -> int:
    """Where the name that ends at `end` starts: the capitalised words (and "al-" pieces) before it."""
    i = end - 1
    while i >= sent.start and (
        is_name_token(doc[i])
        or (doc[i].text == "-" and i > sent.start)
        or joining_particle(doc, i, sent)
        or _peoples(doc, i, sent)
    ):
        i -= 1
    start = i + 1
    while start < end and doc[start].text == "-":
        start += 1
    return start


def _peoples(doc: Doc, i: int, sent: Span) -> bool:
    """The "'s" of "People's" inside a name ("the People's Liberation Army Support Base"): a word of the name, not a
    possessive that says whose the site is."""
    return i > sent.start and doc[i].text in {"'s", "’s"} and doc[i - 1].text == "People"


# Lower-case words that join the capitalised parts of a name ("Tariq bin Ziyad", "Ibn Battuta", "Vasco da Gama").
_NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "ben", "da", "de", "del", "der", "van", "von", "al", "el"})


def joining_particle(doc: Doc, i: int, sent: Span) -> bool:
    """A particle between two capitalised words of one name, or between hyphens inside one ("Mont-de-Marsan"); or a
    word of a run of particles that opens with one between two such words ("Camp de la Paix")."""
    if doc[i].lower_ not in _NAME_PARTICLES or not doc[i].text.islower() or i - 1 < sent.start or i + 1 >= len(doc):
        return _in_particle_run(doc, i, sent)
    hyphenated = doc[i - 1].text == "-" == doc[i + 1].text and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    return hyphenated or (is_name_token(doc[i - 1]) and (is_name_token(doc[i + 1]) or _in_particle_run(doc, i, sent)))


def _in_particle_run(doc: Doc, i: int, sent: Span) -> bool:
    """Whether a word is one of two or more particles in lower case between two capitalised words of one name, the
    first a joining one ("de la", "van der")."""
    if doc[i].text not in _NAME_PARTICLES | _OPENING_PARTICLES:
        return False
    start, end = i, i + 1
    while start - 1 >= sent.start and doc[start - 1].text in _NAME_PARTICLES | _OPENING_PARTICLES:
        start -= 1
    while end < sent.end and doc[end].text in _NAME_PARTICLES | _OPENING_PARTICLES:
        end += 1
    if end - start < 2 or start - 1 < sent.start or end >= sent.end or doc[start].text not in _NAME_PARTICLES:
        return False
    return is_name_token(doc[start - 1]) and is_name_token(doc[end])


def name_after(doc: Doc, head: Token, sent: Span) -> Span | None:
    """ "the naval base at Tartus": a singular installation named by the place after it."""
    if head.lower_.endswith("s") and head.lower_ not in {"barracks"}:
        return None
    i = head.i + 1
    if i >= sent.end or doc[i].lower_ not in _NAME_PREPOSITIONS | {"on"}:
        return None
    on = doc[i].lower_ == "on"
    i += 1
    while i < sent.end and doc[i].lower_ in {"the", "a"}:
        i += 1
    if on:  # "an outpost on the summit of Mount Hermon": only a height or a hill names what stands on it
        if i + 1 < sent.end and doc[i].lower_ in _HEIGHTS and doc[i + 1].lower_ == "of":
            i += 2
        elif (island := _island_name_end(doc, i, sent.end)) is not None:
            return doc[i:island]  # "the air base on Velmor Island": a base on an island is called after it
        elif not (i < sent.end and doc[i].lower_ in _HILL_WORDS):
            return None
    start = i
    while i < sent.end and is_name_token(doc[i]):
        i += 1
    if i < sent.end and doc[i].lower_ in AREA_NOUNS:
        return None  # "the logistics base in the Tarsus district": where it is, not what it is called
    if not on and doc[start - 1].lower_ == "the" and i > start and all(t.ent_type_ == "LOC" for t in doc[start:i]):
        return None  # "its only naval base in the Mediterranean": a sea or a region holds a base, names none
    while i > start and i < sent.end and doc[i].pos_ == "NOUN" and doc[i - 1].dep_ == "compound":
        i += 1  # "an outpost at the Conoco gas field": the site's whole name
    if any(t.lower_ in INSTALLATION_HEADS for t in doc[start:i]):
        return None  # "a small garrison at the Velmor air base": another installation, where this one is kept
    return doc[start:i] if i > start else None


# Nouns after a name that make it an island's ("Velmor Island"), which names the base standing on it.
ISLAND_WORDS = frozenset({"island", "isle", "atoll"})


def _island_name_end(doc: Doc, start: int, end: int) -> int | None:
    """Where the name of an island written from `start` ends, before its "Island" ("Velmor Island"), or None."""
    i = start
    while i < end and (is_name_token(doc[i]) or _inner_hyphen(doc, i, start)) and doc[i].lower_ not in ISLAND_WORDS:
        i += 1
    return i if start < i < end and doc[i].lower_ in ISLAND_WORDS else None


def _inner_hyphen(doc: Doc, i: int, start: int) -> bool:
    """Whether the word at `i` is a hyphen inside a name begun at `start` ("Pag-asa")."""
    return doc[i].text == "-" and i > start and i + 1 < len(doc) and is_name_token(doc[i + 1])


def on_island(doc: Doc, start: int, end: int) -> bool:
    """Whether the name from `start` to `end` is an island's a base stands "on" ("on Velmor Island")."""
    return start > 0 and end < len(doc) and doc[start - 1].lower_ == "on" and doc[end].lower_ in ISLAND_WORDS


def site_name_before(doc: Doc, end: int, head: Token, sent: Span) -> int | None:
    """ "the Conoco gas field base", "the Lafarge cement plant base": a name and the lower-case nouns of the site it
    names, compounds of the head; where the name starts, or None."""
    i = end - 1
    while i >= sent.start and end - i <= MAX_SITE_NOUNS and doc[i].pos_ == "NOUN" and doc[i].text.islower():
        if doc[i].dep_ != "compound" or not any(a.i == head.i for a in doc[i].ancestors):
            return None
        i -= 1
    if i == end - 1:
        return None
    start = name_start_before(doc, i + 1, sent)
    return start if start <= i else None


def name_following(doc: Doc, first: int, head: Token, sent: Span) -> Span | None:
    """ "Air Base 201", "Naval Support Activity Bahrain": a kind written in capitals and followed at once by a
    number or a name is a name that starts with its kind; a plural kind opens none ("… Hold Libyan Air Bases Five
    Years after …" in a headline's capitals)."""
    if not all(t.text[:1].isupper() for t in tokens(doc, first, head.i + 1)) or singular(head.lower_) != head.lower_:
        return None
    if head.is_sent_start and not (_opens_a_named_entity(doc, head) or _opens_a_named_subject(doc, head)):
        return None  # a sentence's first word is capitalised whatever it is
    if head.dep_ == "compound" and head.head.lower_ in UNIT_WORDS:
        return None  # "the 39th Air Base Wing": the words name a unit, not a place
    i = head.i + 1
    while i < sent.end - 1 and (
        doc[i].like_num
        or (is_name_token(doc[i]) and doc[i].pos_ == "PROPN")
        or _capitalised_article(doc, doc[i])  # "Camp As Sayliyah"
        or (i > head.i + 1 and joining_particle(doc, i, sent))  # "Camp de Gaulle": a particle inside the name
        or (i > head.i + 1 and _elided_particle_word(doc[i]))  # "Camp Velard d'Ostel"
        or _opening_particle(doc, head, i, sent.end)
    ):
        i += 1
    return doc[head.i + 1 : i] if i > head.i + 1 else None


# A word opening with an elided French or Italian particle before a capital ("d'Ostel", "l'Arsenal", "dell'Orto").
_ELIDED_PARTICLE = re.compile(r"^(?:d|l|dell|dall|nell|sull)['’][A-Z]")


def _elided_particle_word(tok: Token) -> bool:
    """ "Camp Velard d'Ostel": a word whose particle is elided onto the capitalised name after it is a word of the
    name, though it opens in lower case."""
    return bool(_ELIDED_PARTICLE.match(tok.text))


# Particles of French and Spanish names that may open a name after its kind ("Camp de Gaulle", "Fort de France").
_OPENING_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "del", "los", "las"})


def _opening_particle(doc: Doc, head: Token, i: int, end: int) -> bool:
    """ "Camp de Gaulle", "Camp de la Paix": a word of the run of particles right after the kind, when a capitalised
    word of the name follows the run."""
    after = head.i + 1
    while after < end and doc[after].text in _OPENING_PARTICLES:
        after += 1
    return head.i < i < after < end and is_name_token(doc[after])


def _opens_a_named_entity(doc: Doc, head: Token) -> bool:
    """ "Camp Arifjan, south of the capital, remains …": a kind opening a sentence is the first word of a name
    when the model reads it and the capitalised word after it as one name."""
    nxt = head.i + 1
    return bool(head.ent_iob_ == "B" and nxt < len(doc) and doc[nxt].ent_iob_ == "I" and doc[nxt].pos_ == "PROPN")


def _opens_a_named_subject(doc: Doc, head: Token) -> bool:
    """ "Camp Velsk, next to the airport, was …" under a heading ("## The Americans"), which may keep the model from
    reading it as a name: a kind opening a sentence that the parser hangs on the proper noun right after it, the
    sentence's subject, names the site with it."""
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if nxt is None or head.dep_ != "compound" or head.head.i != nxt.i:
        return False
    return nxt.pos_ == "PROPN" and nxt.dep_ in {"nsubj", "nsubjpass"}


def name_in_relative_clause(head: Token) -> Span | None:
    """ "the military base they built in Gao", "the airfield that Russia keeps at Kamyr": a singular installation
    named by where the clause right after it says it was built or is kept."""
    if head.lower_.endswith("s") or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    for verb in (c for c in head.children if c.dep_ == "relcl" and c.lower_ in _PLACED_BY):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "near"}):
            place = next((c for c in prep.children if c.dep_ == "pobj" and is_name_token(c)), None)
            if place is not None and place.pos_ == "PROPN":
                start = min([place.i, *(c.i for c in place.children if c.dep_ == "compound" and is_name_token(c))])
                return view_of(place)[start : place.i + 1]
    return None


def unkinded(name_key: str) -> str:
    """ "lemonnier" of "camp lemonnier": a name that opens with its kind ("Camp Lemonnier") is the same name as the
    bare one a list gives ("the Lemonnier and Chabelley bases")."""
    if (bare := undesignated(name_key)) is not None:
        return bare
    words = name_key.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in INSTALLATION_HEADS else name_key


def undesignated(name_key: str) -> str | None:
    """ "akrotiri" of "raf akrotiri": a station's own name without the designation its forces write before it, or
    None when the name opens with none."""
    words = name_key.split()
    for n in range(len(words) - 1, 0, -1):
        if " ".join(words[:n]) in STATION_DESIGNATIONS:
            return " ".join(words[n:])
    return None


def bare_name(name_key: str) -> str | None:
    """ "velmor" of "camp velmor": the bare name a base named with its kind first is called by again ("Camp Velmor
    … Velmor, some 30 km from the capital"). None for a name without its kind first, for a station's designation,
    which opens a town's name ("RAF Akrotiri", "NSA Bahrain"), and for a country's name."""
    bare = unkinded(name_key)
    if bare == name_key or undesignated(name_key) is not None or bare in COUNTRIES:
        return None
    return bare
