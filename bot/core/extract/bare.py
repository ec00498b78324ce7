"""Installations named without their kind, by where forces are kept: "Russian forces stationed at Hmeimim",
"U.S. troops at Kharab al-Jir", "jets taking off from Kuweires".

A name after "at" or "from" that a military noun or a verb of keeping forces governs is a site forces are kept
at. Towns take "in" far more than "at", and the model tags a town it knows as a place (GPE): a name it tags so,
or a country, capital or people, is left to be a place.
"""

from __future__ import annotations

from bot.core import names
from bot.core.extract.bases import InstallationPhrase
from bot.core.extract.keeping import KEEPING
from bot.core.extract.mentions import Doc, Token
from bot.core.extract.naming import is_name_token
from bot.core.extract.parties import MILITARY_NOUNS, named_party
from bot.core.lexicon import DEMONYMS, INSTALLATION_HEADS

# Verbs of forces kept at a site ("based at"), and of aircraft flying from one ("took off from"); never verbs of
# leaving, which towns take as often ("withdrew from Manbij").
_AT_VERBS = KEEPING | frozenset("stationed deployed based moored docked landed landing".split())
_FROM_VERBS = frozenset("fly flies flying flew flown took taking launched launch operate operates operating".split())
# Forms of "take", which fly from a site only with "off" ("took off from Korvik").
_TAKING = frozenset({"took", "taking"})
_SITE_PREPOSITIONS = frozenset({"at", "from"})
# Labels the model gives to what it takes for a town or a country: such a name is a place, not a site.
_TOWN_LABELS = frozenset({"GPE", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
BARE_KIND = "base"
# Military nouns that say too little to make a place a site ("Russia's naval presence at Tartus", a town).
_NOT_KEPT = frozenset({"presence", "military", "army", "navy", "force", "team", "teams", "officers", "police"})
# Words of the names of bodies and forces, which are no sites ("… at the Syrian Democratic Forces").
_BODY_WORDS = MILITARY_NOUNS | frozenset(
    "command corps guard guards ministry agency council party group front coalition movement".split()
)


def find_bare_installations(doc: Doc, taken: set[int]) -> list[InstallationPhrase]:
    """Every name a sentence keeps forces at, outside the tokens already taken by installation phrases."""
    found = []
    for prep in doc:
        if prep.lower_ not in _SITE_PREPOSITIONS or prep.dep_ != "prep" or not _keeps_forces(prep.head, prep.lower_):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            span = _name_span(doc, obj)
            if span is None or any(i in taken for i in range(*span)):
                continue
            name = names.clean_surface(doc[span[0] : span[1]].text)
            if not names.key(name):
                continue
            found.append(_bare_site(name, range(*span), obj))
            taken.update(range(*span))
    return found


# Kinds of site whose name a copula may give ("whose home base is Geilenkirchen"); a port is also its town's name.
_COPULA_KINDS = frozenset({"base", "airbase", "airfield", "garrison"})
_COPULAS = frozenset({"is", "remains", "was"})


def find_named_by_copula(doc: Doc, taken: set[int]) -> list[InstallationPhrase]:
    """ "The AWACS planes, whose home base is Velmorhafen in Germany", "The squadron's main airfield is Korvik": a
    name a copula says a kind of site is, whatever the model took it for (a town, a person)."""
    found = []
    for name in doc:
        if name.dep_ not in {"attr", "acomp"} or name.pos_ != "PROPN" or name.head.lower_ not in _COPULAS:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in _COPULA_KINDS for c in name.head.children):
            continue
        start = min([name.i, *(c.i for c in name.children if c.dep_ == "compound" and is_name_token(c))])
        span = range(start, name.i + 1)
        text = names.clean_surface(doc[start : name.i + 1].text)
        if any(i in taken for i in span) or not names.key(text) or named_party(name) is not None:
            continue
        found.append(_bare_site(text, span, name))
        taken.update(span)
    return found


# Verbs of a site holding forces ("Korvik hosts the forward headquarters of …").
_HOSTING = frozenset("hosts hosted houses housed accommodates accommodated".split())
# What only a military site hosts: forces, a command's headquarters, a unit.
_HOSTED = MILITARY_NOUNS - _NOT_KEPT | frozenset({"headquarters", "wing", "wings", "squadrons", "squadron"})
# Nouns of an apposition that make the name a settlement's or an area's ("Olbek, a desert town, hosts …").
_SETTLED = frozenset("town city village capital port province region district county island country".split())


def find_hosting_names(doc: Doc, taken: set[int]) -> list[InstallationPhrase]:
    """ "Korvik, west of Olbek, hosts the forward headquarters of U.S. Central Command": a name the model does not
    take for a town that hosts or houses forces, a unit or a command's headquarters is a site forces are kept at."""
    found = []
    for verb in (t for t in doc if t.lower_ in _HOSTING and t.pos_ == "VERB"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        hosted = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _HOSTED]
        if subject is None or not hosted or any(c.dep_ == "appos" and c.lower_ in _SETTLED for c in subject.children):
            continue
        span = _name_span(doc, subject)
        if span is None or any(i in taken for i in range(*span)):
            continue
        name = names.clean_surface(doc[span[0] : span[1]].text)
        if names.key(name):
            found.append(_bare_site(name, range(*span), subject))
            taken.update(range(*span))
    return found


def _bare_site(name: str, span: range, head: Token) -> InstallationPhrase:
    """A site called by its bare name over the tokens `span`, whose keeper and place its sentences will say."""
    return InstallationPhrase(
        name=name, full_name=name, kind=BARE_KIND, name_start=span.start, name_end=span.stop, operator=None,
        location=None, sentence=head.sent.text.strip(), tokens=frozenset(span), head=head.i,
    )  # fmt: skip


def _keeps_forces(word: Token, preposition: str) -> bool:
    """ "Russian forces at …", "stationed at …", "flying from …" (a "presence at" a port may be the port's)."""
    if word.pos_ in {"VERB", "AUX"}:
        if preposition == "from" and any(c.lower_ == "in" and c.dep_ in {"prt", "advmod"} for c in word.children):
            return False  # "who flew in from Erbil": arriving from somewhere, as people do from towns
        if word.lower_ in _TAKING and not any(c.lower_ == "off" for c in word.children):
            return False  # "took over the agency from Ali Varan": taken from someone, not taking off from a site
        return word.lower_ in (_AT_VERBS if preposition == "at" else _FROM_VERBS) and not _a_site_kept(word)
    return preposition == "at" and word.lower_ in MILITARY_NOUNS and word.lower_ not in _NOT_KEPT


def _a_site_kept(verb: Token) -> bool:
    """ "The 7th Military Base is based at Olbek near Tarsk": what a verb keeps at a name is itself a site with a name
    of its own, so the name is the town the site stands in, not another site ("their main base is at Olbek" names
    the base by it)."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in INSTALLATION_HEADS]
    return any(s.pos_ == "PROPN" or any(_names_it(c) for c in s.children) for s in subjects)


def _names_it(word: Token) -> bool:
    """Whether a word before a kind of site gives it a name of its own ("Camp Velmor", "the 7th base")."""
    return word.dep_ in {"compound", "nummod", "amod"} and (word.pos_ == "PROPN" or word.text[:1].isdigit())


def _name_span(doc: Doc, obj: Token) -> tuple[int, int] | None:
    """The name `obj` stands in ("Ain al-Asad", "Kharab al-Jir"), when it is a name the model does not take for a
    town, a country or a people, nor part of a body's name ("the Syrian Democratic Forces")."""
    if obj.pos_ != "PROPN" or obj.ent_type_ in _TOWN_LABELS or not is_name_token(obj):
        return None
    start, end = obj.i, obj.i + 1
    while start > obj.sent.start and (is_name_token(doc[start - 1]) or doc[start - 1].text == "-"):
        start -= 1
    while end < obj.sent.end and (is_name_token(doc[end]) or doc[end].text == "-"):
        end += 1
    while start < end and doc[start].text == "-":
        start += 1
    while end > start and doc[end - 1].text == "-":
        end -= 1
    words = doc[start:end]
    if start > 0 and (doc[start].ent_iob_ == "I" or names.fold(doc[start - 1].text) in DEMONYMS):
        return None  # the end of a longer name
    if any(t.lower_ in _BODY_WORDS for t in words) or names.fold(words.text) in DEMONYMS:
        return None
    if _holds_a_named_site(doc, end):
        return None  # "flown from Olbek, where they were kept at the 10th Tanker Base": a town with a base in it
    return None if named_party(obj) is not None else (start, end)


# How many words of a "where" clause may stand before the named site it keeps.
WHERE_CLAUSE_WORDS = 10


def _holds_a_named_site(doc: Doc, end: int) -> bool:
    """Whether ", where …" after a name keeps something at a site named in its own right ("at the 10th Tanker
    Base"), which makes the name a town's."""
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "where":
        return False
    for tok in doc[end + 2 : min(len(doc), end + 2 + WHERE_CLAUSE_WORDS)]:
        if tok.text in {",", ";", "."}:
            return False
        if tok.lower_ in INSTALLATION_HEADS and tok.i > 0 and doc[tok.i - 1].text[:1].isupper():
            return True  # "the 10th Tanker Base", "the Velmor air base" (not "the base")
    return False
