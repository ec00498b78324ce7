"""Installations spoken of again without their name: "… at al-Watiya air base. The base, about 140 km southwest of
the capital, …", "Erbil International Airport … US troops are based at a military section of the airport".

A definite installation noun with no name of its own ("the base", "the sprawling base", "the airfield") in one of
the few sentences after a named installation is that installation again, when the installation's kind allows the
word ("the base" for a garrison or an air base, "the airport" only for an airport), so that what its sentence
says of operator and location counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.core import names
from bot.core.extract.bases import InstallationPhrase
from bot.core.extract.document import tokens, view_of
from bot.core.extract.mentions import Cluster, Doc, Token
from bot.core.extract.placecues import settlement_cue
from bot.core.extract.sites import Sighting
from bot.core.lexicon import DEMONYMS, INSTALLATION_HEADS, NAMING_WORDS, NON_INSTALLATION_AFTER

# How many sentences back the named installation may stand (its own sentence is 0).
ANAPHOR_SENTENCES = 3
# The word that speaks of an installation again, and the kinds (their last word) it may speak of: a base or a
# facility may be any military site; an airport or a port is only one of its own kind.
_MILITARY_KINDS = frozenset({"base", "airfield", "garrison", "outpost", "camp", "facility", "barracks"})
ANAPHOR_KINDS: dict[str, frozenset[str]] = {
    "base": _MILITARY_KINDS | {"airport"},  # "Velmor airport … the base": an airport forces keep, spoken of again
    "airbase": frozenset({"base", "airfield"}),
    "airfield": frozenset({"base", "airfield"}),
    "airstrip": frozenset({"base", "airfield"}),
    "garrison": _MILITARY_KINDS,
    "outpost": frozenset({"outpost", "base", "garrison"}),
    "facility": _MILITARY_KINDS,
    "airport": frozenset({"airport"}),
    "port": frozenset({"port"}),
    "site": _MILITARY_KINDS | {"station", "airport", "port"},
    "installation": _MILITARY_KINDS | {"station"},
    "camp": frozenset({"camp"}),
    "station": frozenset({"station"}),
    "cosmodrome": frozenset({"cosmodrome"}),
    "compound": _MILITARY_KINDS,  # "Some 4,000 troops work on the compound": a base or a camp again
    "range": frozenset({"range", "area", "ground"}),  # "… at the Velmor training area. The range is run by …"
}
# Nouns that speak of any kind of installation again without being a kind themselves ("the site", "the installation").
_GENERAL_SITE_NOUNS = frozenset({"site", "installation", "compound"})
# Nouns that speak of a training ground again ("… at the Velmor training area. The range is run by …").
_GROUND_NOUNS = frozenset({"range"})
# Words before the noun that make it another installation ("a base", "another base", "its base", "Russia's").
_DETERMINERS = frozenset({"the", "this"})
# ("appos" only with a name: "the base, about 80 km south-east of Riyadh," is no other base)
_OWN_NAME_DEPS = frozenset({"poss", "nummod"})

# Parts of a site, which stand where the site stands ("its apron near Jableh").
SITE_PARTS = frozenset({"apron", "runway", "runways", "perimeter", "hangars", "quays", "piers", "gate", "gates"})
# Participles that, opening a sentence, place its subject ("Built in the desert east of Homs, it …").
PLACING_PARTICIPLES = frozenset({"built", "located", "situated", "set", "perched", "nestled", "sited", "lying"})
# Verbs whose subject's place follows them ("the base is located near …", "the airfield lies in …").
LOCATING_VERBS = frozenset("located situated lies lie lay sits sit stands based lying stationed headquartered".split())
# "is in …", "was near …": the forms of "to be", and the words after them that open a place.
COPULAS = frozenset({"is", "was", "are", "were"})
CONTROL_WORDS = frozenset({"hands", "control", "command", "charge"})
PLACING_OPENERS = frozenset({"in", "near", "outside", "about", "some", "roughly", "just", "around"})
# A pronoun's places in its clause that can stand for an installation, and whose may not stand between.
_PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_OTHER_HOLDERS = frozenset({"GPE", "ORG", "FAC", "LOC"})  # what "it" may be instead
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
# Pronouns that, opening the next sentence as its subject, speak of what the sentence before named.
FOLLOW_UP_SUBJECTS = frozenset({"both", "it", "they"})
# How many words may open such a sentence before its pronoun ("Today, it …").
OPENING_WORDS = 3


def spoken_of_again(
    doc: Doc, clusters: list[Cluster], facts: dict[int, list[InstallationPhrase]]
) -> dict[int, list[Token]]:
    """The unnamed nouns ("the base", "the airport") that speak of each installation again, by cluster."""
    homes = [c for c in clusters if c.members and facts.get(id(c))]
    named = [(m.start, facts[id(c)][0].kind.split()[-1], c) for c in homes for m in c.members]
    named += [(p.head, p.kind.split()[-1], c) for c in homes for p in facts[id(c)] if p.head >= 0]
    taken = {i for c in homes for p in facts[id(c)] for i in (*p.tokens, p.head)}
    numbers = {id(c): n for n, c in enumerate(homes)}
    found = _anaphors(doc, [(start, kind, numbers[id(c)]) for start, kind, c in named], taken)
    out: dict[int, list[Token]] = {}
    for n, nouns in found.items():
        out.setdefault(id(named[n][2]), []).extend(nouns)
    return out


def sightings(doc: Doc, c: Cluster, phrases: list[InstallationPhrase], again: list[Token]) -> list[Sighting]:
    """Every mention of an installation: its phrases, then its bare name wherever else it stands."""
    seen = [Sighting(doc[p.head], max(p.head + 1, p.name_end), p.owner, p.operator) for p in phrases]
    # "Velmor, in the desert north of Tanta, is an air base": the words after a name a copula describes place it too
    seen += [Sighting(doc[p.name_end - 1], p.name_end) for p in phrases if _described_by_copula(doc, p)]
    named = {p.name_start for p in phrases}
    for m in (m for m in c.members if m.start not in named and not _origin_of_a_name(doc, m.start)):
        root = doc[m.start : m.end].root
        if root.dep_ in {"compound", "nmod"} and root.head.lower_ in INSTALLATION_HEADS:
            root = root.head  # "Russia's Hemeimeem base" where the phrase itself was not taken for one
        town = root.lower_ not in INSTALLATION_HEADS and bool(settlement_cue(doc, m.start, m.end))
        seen.append(Sighting(root, max(m.end, root.i + 1), bare=town))  # "the port city of Tartus, …"
    seen += [Sighting(tok, tok.i + 1) for tok in again]
    seen += _described_sightings(seen, phrases[0].kind.split()[-1]) + _pronoun_sightings(doc, seen)
    seen += _later_pronouns(doc, seen)
    seen += _opening_participles(doc, seen) + _its_parts(doc, seen)
    return [_located(s) for s in seen]


# How many words may stand between "named after" ("takes its name from") and the name ("from the village of Olbek").
NAME_ORIGIN_WORDS = 5


def _origin_of_a_name(doc: Doc, start: int) -> bool:
    """ "The airbase takes its name from the village of Olbek", "named after the town of Olbek": the town a name comes
    from is written as the origin of a name, not as the installation again."""
    first = max(doc[start].sent.start, start - NAME_ORIGIN_WORDS)
    for j in range(start - 1, first, -1):
        if doc[j].lower_ in {"after", "for", "from"} and doc[j - 1].lower_ in NAMING_WORDS:
            return True
    return False


def _described_by_copula(doc: Doc, p: InstallationPhrase) -> bool:
    """Whether a phrase's name stands as the subject of the copula its kind follows ("Velmor … is an air base")."""
    return p.head >= 0 and p.name_end < p.head and doc[p.head].dep_ == "attr" and doc[p.name_end - 1].dep_ == "nsubj"


def _its_parts(doc: Doc, seen: list[Sighting]) -> list[Sighting]:
    """ "… at the Hemeimeem air base … Russian aircraft are still parked on its apron near Jableh": a part of a site
    ("its apron", "its runway") in the sentence that names the installation or the next is a part of it, and where
    that part is, it is."""
    taken = {s.anchor.i for s in seen}
    found = []
    for start in sorted({s.anchor.sent.start for s in seen}):
        sent = doc[start].sent
        end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end  # to the end of the next sentence
        for tok in tokens(doc, start, end):
            if tok.lower_ not in SITE_PARTS or tok.i in taken:
                continue
            its = any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children)
            if its and _last_site_named(doc, tok, taken):
                found.append(Sighting(tok, tok.i + 1))
                taken.add(tok.i)
    return found


def _last_site_named(doc: Doc, part: Token, anchors: set[int]) -> bool:
    """Whether the last installation noun or mention before `part` is one of `anchors` (so that "its" is it)."""
    for tok in reversed(tokens(doc, part.sent.start - 60, part.i)):
        if tok.i in anchors:
            return True
        if tok.lower_ in INSTALLATION_HEADS:
            return False
    return False


def _opening_participles(doc: Doc, seen: list[Sighting]) -> list[Sighting]:
    """ "… the Tiyas air base. Built in the desert east of Homs, it has changed hands …": a sentence after one that
    names the installation, opening with a participle of placing whose clause's subject is "it", places it."""
    found = []
    for sent_end in sorted({s.anchor.sent.end for s in seen}):
        first = doc[sent_end] if sent_end < len(doc) else None
        if first is None or first.tag_ != "VBN" or first.lower_ not in PLACING_PARTICIPLES or first.dep_ != "advcl":
            continue
        if any(c.dep_ == "nsubj" and c.lower_ == "it" for c in first.head.children):
            found.append(Sighting(first, first.i + 1))
    for s in seen:  # "Located in Hama province, the Velmor air base …": the sentence that names it opens so
        first = doc[s.anchor.sent.start]
        if first.lower_ in PLACING_PARTICIPLES and first.dep_ == "advcl" and first.head == s.anchor.head:
            found.append(Sighting(first, first.i + 1))
    return found


def _later_pronouns(doc: Doc, seen: list[Sighting]) -> list[Sighting]:
    """ "Russia withdrew its forces from the base in early 2025, and it is now held by the Syrian army", "… before the
    Malian army took control of it": "it" later in a sentence that names the installation is the installation, when
    no country or body stands between as a noun of its own (in "… since Turkey said it was considering …" "it" is
    Turkey)."""
    taken = {s.anchor.i for s in seen}
    found = []
    for first in sorted({s.anchor.sent.start: s.anchor for s in seen}.values(), key=lambda t: t.i):
        anchors = [s.anchor.i for s in seen if s.anchor.sent.start == first.sent.start]
        for tok in tokens(doc, min(anchors) + 1, first.sent.end):
            if tok.lower_ != "it" or tok.i in taken or tok.dep_ not in _PRONOUN_DEPS:
                continue
            last = doc[max(a for a in anchors if a < tok.i)]
            between = doc[last.i + 1 : tok.i]
            # a place inside the installation's own phrase ("the base in Deir ez-Zor … handed it") is no rival
            rivals = [t for t in between if t.ent_type_ in _OTHER_HOLDERS and t.dep_ not in _MODIFIER_DEPS]
            if not any(last not in t.ancestors for t in rivals):
                found.append(Sighting(tok, tok.i + 1))
    return found


def _located(s: Sighting) -> Sighting:
    """ "The air base is located about 20 km east of Bishkek": an installation that is the subject of a verb of
    lying somewhere is located by the words after the verb."""
    subject = _subject_it_is_part_of(s.anchor)
    verb = subject.head
    if (
        subject.dep_ in {"nsubj", "nsubjpass"}
        and verb.i >= s.end
        and (verb.lower_ in LOCATING_VERBS or _placing_copula(verb))
    ):
        return replace(s, end=verb.i + 1)
    return s


# Pronouns that sum up the names before them as a verb's subject ("… both lie in …").
_SUMMING = frozenset({"both", "all"})


def _subject_it_is_part_of(anchor: Token) -> Token:
    """ "Korvik and Camp Velmor both lie in Tessal": the subject a mention is one of the coordinated names of (or a
    word of, as "Camp" is of "Camp Velmor"), which the verb after them places as a whole."""
    node = anchor
    while node.dep_ == "compound" and node.head.i > node.i:
        node = node.head
    while node.dep_ == "conj" and node.head.i < node.i:
        node = node.head
    if node.dep_ in {"nsubj", "nsubjpass"}:
        return node
    # "Korvik and Camp Velmor, …, both lie in Tessal": a pronoun of number after them is the subject they make up
    summed = (c for c in node.head.children if c.dep_ == "nsubj" and c.lower_ in _SUMMING and c.i > node.i)
    return next(summed, anchor)


def _placing_copula(verb: Token) -> bool:
    """ "the base is in the city of Olbek", "it is about 40 km south of Homs": "to be" followed by the words of a
    place."""
    doc = view_of(verb)
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if verb.lower_ not in COPULAS or nxt is None or not (nxt.lower_ in PLACING_OPENERS or nxt.like_num):
        return False
    # "was in Russian hands", "is under Turkish control": whose it is, not where
    return not any(t.lower_ in CONTROL_WORDS for t in tokens(doc, verb.i + 1, verb.i + 5))


def _described_sightings(seen: list[Sighting], head: str) -> list[Sighting]:
    """ "US forces completed their pullout from al-Tanf and handed the desert garrison to the Syrian army": in a
    sentence that names the installation, "the [adjective] garrison" of its own kind, with no name of its own, is
    it again."""
    taken = {s.anchor.i for s in seen}
    found = []
    for sent in {s.anchor.sent.start: s.anchor.sent for s in seen}.values():
        for tok in sent:
            if tok.lower_ != head or tok.i in taken or tok.ent_type_:
                continue
            children = list(tok.children)
            # "the 4th military base": a number names a base as a proper name does
            named = any(c.pos_ == "PROPN" or c.dep_ == "poss" or any(ch.isdigit() for ch in c.text) for c in children)
            if not named and any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not _placed_by_name(tok):
                found.append(Sighting(tok, tok.i + 1))
    return found


def _placed_by_name(kind: Token) -> bool:
    """ "as did the Jordanian air base at Velmor": a kind of site "at" a name is named by that place, another site."""
    at = (c for c in kind.children if c.dep_ == "prep" and c.lower_ == "at")
    return any(o.dep_ == "pobj" and o.pos_ == "PROPN" for a in at for o in a.children)


def _pronoun_sightings(doc: Doc, seen: list[Sighting]) -> list[Sighting]:
    """ "… at Kuweires air base. Both are now under Syrian government control.": a sentence that opens with a
    pronoun subject goes on about what the sentence before it named."""
    found = []
    for sent_end in sorted({s.anchor.sent.end for s in seen}):
        opening = tokens(doc, sent_end, sent_end + OPENING_WORDS)
        # "Today it is home to …": an adverb of time may come before the pronoun
        first = next((t for t in opening if not _opening_adverbial(t)), None)
        if first is not None and first.lower_ in FOLLOW_UP_SUBJECTS and first.dep_ in {"nsubj", "nsubjpass"}:
            found.append(Sighting(first, first.i + 1))
    return found


def _opening_adverbial(tok: Token) -> bool:
    """ "Today", "Now", "Since then": words of time or manner that may open a sentence before its subject."""
    return tok.is_space or tok.pos_ in {"ADV", "PUNCT"} or tok.dep_ in {"npadvmod", "advmod"} or tok.ent_type_ == "DATE"


def _anaphors(doc: Doc, named: Sequence[tuple[int, str, int]], taken: Iterable[int]) -> dict[int, list[Token]]:
    """The unnamed installation nouns that speak of a named installation again, by the index in `named` of the
    installation they speak of. `named` holds, for each mention of an installation, its first token, the last word
    of the installation's kind and which installation it is; `taken` are tokens of named phrases. Before any
    installation is named, the noun is the article's one installation of that kind, if it names one only."""
    skip = set(taken)
    marks = sorted((start, n, kind) for n, (start, kind, _) in enumerate(named))
    groups = [group for _, _, group in named]
    found: dict[int, list[Token]] = {}
    for tok in doc:
        word = tok.lower_  # the cheap tests of both kinds of noun first: most tokens are neither
        if word not in ANAPHOR_KINDS and not word.endswith("s"):
            continue
        if tok.i not in skip and (kind_word := _plural_anaphor(tok)) is not None:
            recent = {
                n: start for start, n, kind in marks
                if start < tok.i and kind in ANAPHOR_KINDS[kind_word]
                and _sentences_between(doc, start, tok.i) <= ANAPHOR_SENTENCES
            }  # fmt: skip
            wanted = _PLURAL_COUNTS.get(next((c.lower_ for c in tok.children if c.lower_ in _PLURAL_COUNTS), ""))
            counted: dict[int, int] = {}  # the installations named last before the noun, nearest first
            for n in sorted(recent, key=lambda n: -recent[n]):
                if wanted is None or len(counted) < wanted:
                    counted.setdefault(groups[n], n)
            if len(counted) >= (wanted or 2):  # "both airfields": the two named just before
                for n in counted.values():
                    found.setdefault(n, []).append(tok)
            continue
        if tok.i in skip or not _unnamed_definite(doc, tok):
            continue
        allowed = ANAPHOR_KINDS[tok.lower_]
        before = [(start, n) for start, n, kind in marks if start < tok.i and kind in allowed]
        if not before:
            ahead = {groups[n] for _, n, kind in marks if kind == tok.lower_}
            if len(ahead) == 1:  # "The outpost, which …" before the article names its one outpost
                found.setdefault(next(n for _, n, kind in marks if kind == tok.lower_), []).append(tok)
            elif (next_one := _named_next(doc, tok, marks)) is not None:
                found.setdefault(next_one, []).append(tok)
            continue
        start, n = before[-1]
        nearest = max(s for s, _, _ in marks if s < tok.i)
        if start != nearest or _sentences_between(doc, start, tok.i) > ANAPHOR_SENTENCES:
            continue  # another installation was named since: "the base" may be that one
        found.setdefault(n, []).append(tok)
    return found


# Words before a plural installation noun that make it the installations just named ("both bases", "the two bases").
_PLURAL_DETERMINERS = frozenset({"both", "the", "these", "two", "three"})
# How many installations such words count: "both bases" are two, never the three named before.
_PLURAL_COUNTS = {"both": 2, "two": 2, "three": 3}


def _plural_anaphor(tok: Token) -> str | None:
    """The kind a plural noun speaks of again ("both airfields": "airfield"), when it has no name or owner of its
    own; None otherwise."""
    word = tok.lower_
    if not word.endswith("s"):
        return None
    single = word[:-3] + "y" if word.endswith("ies") else word[:-1]
    if single not in ANAPHOR_KINDS or tok.pos_ != "NOUN":
        return None
    children = list(tok.children)
    if any(
        c.dep_ in {"poss", "compound", "amod"} and (c.pos_ in {"PROPN", "PRON"} or names.fold(c.text) in DEMONYMS)
        for c in children
    ):
        return None  # "Russia's bases", "its bases", "the Syrian bases": whose or where, not which
    return single if any(c.lower_ in _PLURAL_DETERMINERS for c in children) else None


# How many sentences after "the base" the installation it speaks of ahead of its name may be named.
CATAPHOR_SENTENCES = 2


def _named_next(doc: Doc, tok: Token, marks: Sequence[tuple[int, int, str]]) -> int | None:
    """ "The base remains under Russian control …" said before any base is named, when the next sentence names one
    ("The site, known as the 954th … base, lies …"): that one, the installation named first after it."""
    after = [(start, n) for start, n, kind in marks if start > tok.i and kind in ANAPHOR_KINDS[tok.lower_]]
    if not after:
        return None
    start, n = min(after)
    return n if _sentences_between(doc, tok.i, start) <= CATAPHOR_SENTENCES else None


def _unnamed_definite(doc: Doc, tok: Token) -> bool:
    """ "the base", "the sprawling desert base", "this airfield": a singular installation noun with "the" and no
    name, owner or number of its own, and not in another sense ("the base of the hill")."""
    if tok.lower_ not in ANAPHOR_KINDS or tok.pos_ not in {"NOUN", "PROPN", "VERB"} or tok.text[:1].isupper():
        return False
    children = list(tok.children)
    if not any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in children):
        return False
    if any(c.dep_ in _OWN_NAME_DEPS or (c.dep_ in {"compound", "appos"} and c.pos_ == "PROPN") for c in children):
        return False
    if any(c.dep_ == "amod" and names.fold(c.text) in DEMONYMS for c in children):
        return False  # "the Turkish base" after a base of another is another base, not that one again
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (nxt is None or nxt.lower_ not in NON_INSTALLATION_AFTER) and (
        tok.lower_ in INSTALLATION_HEADS or tok.lower_ in _GENERAL_SITE_NOUNS or tok.lower_ in _GROUND_NOUNS
    )


def _sentences_between(doc: Doc, earlier: int, later: int) -> int:
    """How many sentence starts lie after token `earlier` up to token `later`."""
    return sum(1 for t in tokens(doc, earlier + 1, later + 1) if t.is_sent_start)
