"""Entity mentions from spaCy's NER, cleaned, weighed and grouped into one cluster per entity per article."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.core import names
from bot.core.extract.bodies import bodies_joined
from bot.core.extract.document import span_text, tokens, view_of
from bot.core.extract.furniture import furniture
from bot.core.extract.placecues import (
    DIRECTIONS,
    PLACE_NOUN_VOTE,
    conjunct_cue,
    dateline_span,
    named_areas,
    named_settlements,
    place_cue,
    place_noun_after,
    plural_place_noun_after,
    plural_place_noun_before,
)
from bot.core.extract.units import numbered_unit, numbered_units, untagged_units
from bot.core.lexicon import (
    BODY_HEADS,
    COUNTRY_VARIANTS,
    DEMONYMS,
    HONORIFICS,
    PERSON_NOUNS,
    SHORT_RANKS,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from bot.core.models import EntityType, decide_type

Doc = Any  # spacy.tokens.Doc: spaCy ships no type information
Span = Any
Token = Any

LABEL_VOTES: dict[str, tuple[EntityType, float]] = {
    "PERSON": (EntityType.PERSON, 1.0),
    "ORG": (EntityType.ORGANISATION, 1.0),
    "GPE": (EntityType.PLACE, 1.0),
    "LOC": (EntityType.PLACE, 1.0),
    "FAC": (EntityType.PLACE, 1.0),
    # The small model files odd proper names (a town, an airbase) under NORP: a weak hint of a place.
    "NORP": (EntityType.PLACE, 0.5),
}
# The keys of the countries the lexicon knows (as the countries its demonyms name).
_COUNTRY_KEYS = frozenset(names.key(country) for country in DEMONYMS.values())
# Labels the small model gives lesser-known towns ("Manbij", "Quneitra" as products): a name only where the words
# around it say it is a place.
CUED_ONLY_LABELS = frozenset({"PRODUCT"})
# The same for names the model takes for a work's title ("around Qamishli and Kobani"), where only a preposition of
# space says place: a work is also "in" a paper or "at" a festival.
TITLE_LABELS = frozenset({"WORK_OF_ART"})
_SPATIAL_PREPOSITIONS = frozenset({"near", "outside", "across", "toward", "towards", "around", "beyond"})
# An all-capitals word the model calls a person is nearly always an agency or a broadcaster ("SANA", "BBC").
ACRONYM_ORG_VOTE = 2.0
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# Last words that make a name the model calls a person's a place or a body named after one ("Omar Badr Street",
# "the Fatima Zahra Institute"): none is a family name, as "Hall", "Park" or "Bridge" may be.
_NAMED_AFTER_TAILS: dict[str, EntityType] = {
    **dict.fromkeys(
        "street avenue boulevard road square highway hospital mosque dam airport".split(), EntityType.PLACE
    ),
    **dict.fromkeys("foundation institute university movement brigade brigades".split(), EntityType.ORGANISATION),
}
# Outweighs the person's label.
NAMED_AFTER_VOTE = 2.0
# Last words of a news outlet's or a watchdog's name ("Horn Lens Agency", "Caucasus Wire", "Black Sea Live", "Tel Aviv
# Review"), which the model reads as a person's or a place's: none ends a person's or a place's name.
OUTLET_TAILS = frozenset(
    """
    agency wire review live courier herald observer monitor desk gazette tribune chronicle journal bulletin watch
    """.split()
)
# Outweighs a place's cue ("at the 5th Fighter Wing"): a number and a unit's last word say a body of troops.
UNIT_VOTE = 2.0
# Clerics' titles, which open a person's name and no body's ("Imam X"; "the Imam Ali Mosque" ends in its kind).
_CLERICS = frozenset({"imam", "sheikh", "mufti", "ayatollah"})
# Group words the model labels NORP that are neither places nor things with profiles.
_GROUP_SUFFIXES = ("ian", "ians", "ish", "ese", "i", "is", "an", "ans", "ic", "ist", "ists", "ite", "ites")
_GROUP_WORDS = frozenset(
    """
    arab arabs kurds sunni sunnis shia shiite shiites muslim muslims christian christians jewish jews druze alawite
    alawites yazidi yazidis turkmen circassians assyrians western
    """.split()
)
# Arabic, Turkish and Hebrew geographic words that open place names as "Mount" or "Lake" do in English (hill,
# cape, spring, village, monastery, mountain, valley, well, gate, plain): "Tal Abyad", "Ras al-Ayn", "Wadi Barada";
# and the English ones ("Mount Hermon").
TOPONYM_HEADS = frozenset(
    "tal tell ras ayn ain kafr kfar deir dayr jabal jebel wadi bir bab sahl marj khirbet khirbat tel ein givat"
    " mount mt lake cape".split()
)
# The Arabic article as transliterated before a hyphen ("ez-Zor", "al-Ain").
_GLUED_ARTICLES = frozenset({"al", "el", "ez", "az", "as", "ash", "ad", "ar", "at", "an", "es", "ed", "er"})
# Compass points written alone ("in the South", "the North-East"): directions, not place names.
_POINTS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
_COMPASS = frozenset({*_POINTS, "north east", "north west", "south east", "south west"})
# A model's code ("Su-24", "F-16", "MiG-29", "S400") and the nouns of weapons after which it names no entity.
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]{0,4}-?\d{1,3}[A-Z]?$")
_EQUIPMENT = frozenset(
    "bomber bombers jet jets fighter fighters helicopter helicopters drone drones missile missiles aircraft plane "
    "planes warplane warplanes tank tanks rocket rockets system systems launcher launchers".split()
)
# Nouns of a ship's kind, after which a capitalised name is the ship's ("the frigate Vesterberg"), and the most
# letters of a navy's prefix before a ship's name ("HMS", "HNoMS").
VESSELS = frozenset(
    "ship frigate corvette destroyer submarine cruiser vessel tanker minesweeper icebreaker warship freighter".split()
)
MAX_SHIP_PREFIX = 5
# Time zones the model takes for organisations ("0600 GMT").
TIME_ZONES = frozenset({"gmt", "utc", "et", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "msk"})
# The most words a title with its owner may have ("Aleppo Governor", "Kremlin Spokesman") read as one name.
MAX_TITLED_WORDS = 3
# Capitalised words after an abbreviated rank name a person; how many may, and how sure that is.
MAX_NAME_WORDS = 3
RANK_VOTE = 2.0
# Ranks written in full that, like an abbreviated one, say a person's name follows ("Rear Admiral Shahram Irani").
RANKS = frozenset(
    {
        "admiral",
        "commodore",
        "general",
        "colonel",
        "brigadier",
        "lieutenant",
        "major",
        "captain",
        "commander",
        "sergeant",
        "corporal",
        "marshal",
    }
)
# Last words of a name that make it a building or a body rather than a person ("Governor Office Building").
# The last words of bodies whose offices are titles ("Secretary of the Security Council", "Chief of the General Staff").
_OFFICE_BODIES = frozenset(
    "council committee ministry staff command commission assembly parliament office republic".split()
)
_NOT_PERSON_TAILS = frozenset(
    "office building hall palace centre center headquarters ministry council department school hospital university"
    " plant airport station street square bridge road house".split()
)
# The last words of a site's or a body's name that may be named after a person ("Colonel Yusuf Street"): no title
# before such a name makes it a person's ("Hall" and "House" are family names as often).
NAMED_AFTER_SOMEONE = (_NOT_PERSON_TAILS | frozenset(_NAMED_AFTER_TAILS)) - {"hall", "house"}


TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS | {"ayatollah", "supreme"}
# Verbs of speaking aloud, which a person does and a publication does not ("Foreign Policy reported").
_SPOKEN = frozenset(
    "say says said tell tells told add adds added insist insists insisted warn warns warned explain explains explained"
    " stress stresses stressed ask asks asked reply replies replied".split()
)
# Ranks written in full that, alone before capitalised words, say a person's name follows: none opens a company's
# name as "General" ("General Motors"), "Major" or "Captain" may.
# A prince's title opens no body's name either ("Prince X bin Y" read as a body); a king's opens causeways and ports.
_PRINCES = frozenset({"prince", "princess"})
_LONE_RANKS = frozenset({"sergeant", "colonel", "lieutenant", "brigadier", "corporal", "marshal"})
# An ordinal written in figures, as ranks of some navies have one ("Captain 2nd Rank").
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_ORDINAL_WORDS = frozenset({"first", "second", "third"})
# Joined once: asked of every name the model tags (a union made at each reading cost more than the test).
_TITLE_OR_RANK_WORDS = TITLE_WORDS | SHORT_RANKS


@dataclass
class Candidate:
    """One mention in a document, as token positions, with the evidence about what it is."""

    start: int
    end: int
    surface: str
    key: str
    votes: dict[EntityType, float] = field(default_factory=dict)
    cluster: Cluster | None = None
    alias: bool = False  # introduced as another name ("also known as …"): never the entity's name
    given_name: bool = False  # a person called by the first name only ("Rojda said"): never stored as an alias
    writer: bool = False  # the byline's writer, whom the story itself does not call by the family name alone
    written: str | None = None  # the name as the text writes it, when it is named otherwise ("Foreign Ministry")
    site_name: bool = False  # an alias cue's name for an installation spoken of again ("the base, known as T4")
    acts: bool = False  # the subject of a verb ("Abu Qasra affirmed …"), as a place seldom is

    def vote(self, kind: EntityType, weight: float) -> None:
        """Add evidence that this mention is of `kind`."""
        self.votes[kind] = self.votes.get(kind, 0.0) + weight


@dataclass
class Cluster:
    """The mentions of one entity in one article."""

    members: list[Candidate] = field(default_factory=list)
    installation_kind: str | None = None
    # The canonical mention, kept up to date as mentions are added: reading a cluster's key (for every mention
    # matched against it) must not cost a pass over all its mentions, or long articles take quadratic time.
    _best: Candidate | None = field(default=None, compare=False, repr=False)

    def votes(self) -> dict[EntityType, float]:
        """The summed evidence of every mention."""
        total: dict[EntityType, float] = {}
        for member in self.members:
            for kind, weight in member.votes.items():
                total[kind] = total.get(kind, 0.0) + weight
        return total

    def type(self) -> EntityType:
        """The type the evidence favours."""
        members = self.members  # most entities are named once in an article: their one mention's votes, not a sum
        return decide_type(members[0].votes if len(members) == 1 else self.votes())

    @property
    def key(self) -> str:
        """The key of the fullest name among the mentions."""
        best = self._best  # read for every mention matched against the cluster: the kept one without a call
        return (best if best is not None else self.best()).key

    def best(self) -> Candidate:
        """The canonical name: not an alias, the most words, then not a shouted dateline ("ANKARA"), then the
        first."""
        if self._best is None:
            self._best = max(self.members, key=_rank)
        return self._best

    def add(self, candidate: Candidate) -> None:
        """Make `candidate` a mention of this entity."""
        candidate.cluster = self
        self.members.append(candidate)
        # Ties keep the earlier mention, as max() over the members in order does; a cluster built with members
        # already in it works its best out when first asked.
        if len(self.members) == 1 or (self._best is not None and _rank(candidate) > _rank(self._best)):
            self._best = candidate

    def absorb(self, other: Cluster) -> None:
        """Take every mention of `other`, which then holds none. (Mentions are marked as aliases only just before
        their cluster is absorbed, so the canonical mention kept here never goes stale.)"""
        for member in other.members:
            self.add(member)
        other.members = []
        other._best = None


def _rank(c: Candidate) -> tuple[bool, int, bool, int]:
    return (not (c.alias or c.given_name), len(c.key.split()), not c.surface.isupper(), -c.start)


def is_group_word(text: str) -> bool:
    """Demonyms and group names ("Russian", "Syrians", "Arab") that are not entities of their own."""
    folded = names.fold(text)
    if folded in DEMONYMS or folded in _GROUP_WORDS:
        return True
    if names.key(text) in _COUNTRY_KEYS:  # "Tajikistan", "Pakistan": a country, whatever its ending
        return False
    return " " not in folded and folded.endswith(_GROUP_SUFFIXES)


def _is_title(tok: Token) -> bool:
    """A title word, written out or abbreviated ("Adm.", "Gen." are listed with their dot; "Maj Gen", "Lt-Col" are
    written without it)."""
    return bool(tok.lower_ in TITLE_WORDS or tok.lower_.rstrip(".") in TITLE_WORDS or short_rank(tok))


def short_rank(tok: Token) -> bool:
    """A rank abbreviated without its dot, as British and Gulf outlets write them ("Maj Gen", "Lt Col"), or the
    hyphen that joins two ("Maj-Gen"): capitalised, since "col" and "gen" are words of their own in lower case."""
    doc = view_of(tok)
    if tok.text[:1].isupper() and tok.lower_ in SHORT_RANKS:
        return tok.i + 1 >= len(doc) or _opens_a_name(doc[tok.i + 1])
    inside = 0 < tok.i < len(doc) - 1 and tok.text in _HYPHENS
    return inside and all(t.text[:1].isupper() and t.lower_ in SHORT_RANKS for t in (doc[tok.i - 1], doc[tok.i + 1]))


_HYPHENS = frozenset({"-", "\u2011"})


def _opens_a_name(tok: Token) -> bool:
    """Whether a word after a dotless rank goes on to a name (or to the next rank): "Col de Varenne" is a mountain
    pass and "Gen Z" a generation, as a lowercase word or a lone letter follows no rank before a person."""
    return tok.text in _HYPHENS or (tok.text[:1].isupper() and len(tok.text) > 1)


# Countries' own names, folded ("philippines"), which no people's plural is.
_COUNTRY_NAMES = frozenset(names.fold(country) for country in DEMONYMS.values())


@lru_cache(maxsize=4096)  # an article names the same few groups again and again
def _listed_group(text: str) -> bool:
    """A people, a faith or a pair of nationalities however the model labelled it ("Druze", "Alawites", "Syrians",
    "U.S.-Turkish"): listed words only, since the suffix guess of `is_group_word` would take "Tunis" for one."""
    parts = [p for p in re.split(r"[\s-]+", names.fold(text)) if p]
    # "US" is a country, "U.S.-Turkish" a pair; "Philippines" a country, though it ends as a people's plural would
    adjectives = [p for p in parts if p not in COUNTRY_VARIANTS and p not in _COUNTRY_NAMES]
    listed = all(p in _GROUP_WORDS or p in DEMONYMS or p.removesuffix("s") in DEMONYMS for p in parts)
    return bool(adjectives) and listed


def _trim(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = view_of(span)
    # "the", a preposition opening a sentence ("Without Hmeimim, Russia …") and a verb form opening one ("Losing
    # Hmeimim would …") are no part of a name
    while start < end - 1 and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].pos_ in {"ADP", "SCONJ"} or _opening_verb(doc[start])
    ):
        start += 1
    # "Captain 1st Rank Igor Belousov" read as "Rank Igor Belousov": the rank's last word is no part of the name
    if end - start > 1 and ordinal_rank(doc, start):
        start += 1
    elif end - start > 2 and ordinal_rank(doc, start + 1):
        start += 2  # "Second Rank Pavel Sedykh" of "Captain Second Rank Pavel Sedykh"
    # "First Lady Asma al-Assad", "President Putin": the title is not part of the name.
    while span.label_ == "PERSON" and end - start > 1 and _is_title(doc[start]):
        start += 1
    # "Lattakia Governor Mohammad Nour Haidar": a title inside, with a name after it, ends what comes before it
    inner = [j for j in range(start + 1, end - 1) if doc[j].lower_ in TITLE_HEADS and doc[j].text[:1].isupper()]
    named_after = inner and end - inner[-1] - 1 >= 2  # "Abdullahi Sheikh Omar": a title word inside one name
    if span.label_ == "PERSON" and named_after and all(doc[j].text[:1].isupper() for j in range(inner[-1] + 1, end)):
        start = inner[-1] + 1
    # "Rear Adm. Zeki Aktürk" read as an organisation: an abbreviated rank says a person follows.
    rank = start
    while rank < end - 1 and _is_title(doc[rank]):
        rank += 1
    if rank > start and any(doc[j].text.endswith(".") or short_rank(doc[j]) for j in range(start, rank)):
        start = rank
    elif rank > start and span.label_ not in _PLACE_OR_BODY_LABELS and _full_rank(doc[rank - 1]) and end - rank >= 2:
        start = rank  # "Rear Admiral Tomas Verilo" read as a work's title: a rank in full, then a person's names
    end = _before_trailing_rank(doc, start, end)
    if span.label_ == "PERSON":  # "Ayşe Kaya |21.05.2026": a byline's separator and date are no part of a name
        end = next((j for j in range(start + 1, end) if doc[j].text.startswith("|") or doc[j].like_num), end)
        start = _hyphenated_given_name(doc, start)
    # "Ministry of National Defense (KSB": the model ran on into the initials in parentheses after the name; "Velmora -
    # Tarkov": a spaced dash sets two phrases apart (a headline's), where a name's hyphen joins its words unspaced
    end = next((j for j in range(start + 1, end) if doc[j].text == "(" or _spaced_dash(doc, j)), end)
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


# Labels of places and bodies, whose names may open with a rank's words ("General Command of the Armed Forces").
_PLACE_OR_BODY_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC", "NORP"})


def _before_trailing_rank(doc: Doc, start: int, end: int) -> int:
    """ "the Kuwaiti Army Lieutenant General Bandar …" read as one body: a rank at a name's end, with a capitalised
    name right after it, is the next person's rank, not part of the name."""
    if end >= len(doc) or not (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()):
        return end
    cut = end
    while cut - 1 > start and _is_title(doc[cut - 1]) and doc[cut - 1].text[:1].isupper():
        cut -= 1
    has_rank = any(doc[j].lower_.rstrip(".") in RANKS for j in range(cut, end + 1))
    return cut if has_rank else end


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _spaced_dash(doc: Doc, i: int) -> bool:
    """A hyphen or dash with a space on both sides: a dash between phrases, never inside a name."""
    return doc[i].text in _DASHES and bool(doc[i].whitespace_) and bool(doc[i - 1].whitespace_)


def _hyphenated_given_name(doc: Doc, start: int) -> int:
    """ "Jean-Pierre Lacroix" read as "Pierre Lacroix": the capitalised word joined by a hyphen before the name."""
    if start < 2 or doc[start - 1].text != "-" or doc[start - 1].whitespace_ or doc[start - 2].whitespace_:
        return start
    given = doc[start - 2]
    return start - 2 if given.is_alpha and given.text[:1].isupper() and not _is_title(given) else start


def _opening_verb(tok: Token) -> bool:
    """A gerund or participle opening a sentence, or the quotation that opens one ("Losing …", "Asked …")."""
    first = tok.sent.start
    opens = tok.i == first or (tok.i == first + 1 and view_of(tok)[first].is_quote)
    return bool(opens and tok.tag_ in {"VBG", "VBN"} and tok.pos_ == "VERB")


def candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Named mentions spaCy found, cleaned, minus the tokens already claimed (installation names)."""
    found: list[Candidate] = []
    joined = 0  # where a name the one before took in ends ("the Islamic Resistance in" + "Iraq")
    for ent in _whole_people(doc, bodies_joined(doc, numbered_units(doc, doc.ents))):
        if any(t.i in taken for t in ent) or ent.start < joined:
            continue
        if ent.label_ in CUED_ONLY_LABELS and place_cue(doc, *_trim(ent)) > 0:
            found.append(_cued_place(doc, *_trim(ent)))  # "toward the Quneitra area", "around Manbij"
            continue
        if ent.label_ in TITLE_LABELS and ent.start > 0 and doc[ent.start - 1].lower_ in _SPATIAL_PREPOSITIONS:
            first, last = _trim(ent)
            found += [_cued_place(doc, *part) for part in _coordinated_places(doc, first, last, "GPE")]
            continue
        if ent.label_ not in LABEL_VOTES and not (
            ent.label_ in _MISREAD_NAME_LABELS and speaking_name(doc, *_trim(ent))
        ):
            continue
        first, last = _trim(ent)
        label = ent.label_ if ent.label_ in LABEL_VOTES else "PERSON"
        if label != "PERSON" and (named := _name_after_title(doc, first, last)) is not None:
            first, label = named, "PERSON"  # "Gilan Governor Hadi Haghshenas" read as a building
        elif label in {"ORG", "GPE"} and (named := _name_after_office_body(doc, first, last)) is not None:
            # "Secretary of the Security Council Armen Grigoryan": him; the council is left to the title, whose
            # country the words do not say ("the Security Council" is also the UN's)
            first, label = named, "PERSON"
        last = joined = _ezafe_tail(doc, _glued_article_tail(doc, _place_after_preposition(doc, last, label)))
        for start, end in _coordinated_places(doc, first, last, label):
            candidate = _candidate(doc, start, end, label, found[-1] if found else None)
            if candidate is not None:
                found.append(candidate)
    for c in found:
        if a_persons_name_said(doc, c):
            c.vote(EntityType.PERSON, REAL_NAME_VOTE)  # "whose real name is Siyar Bozkurt", read as a body
    claimed = taken | {i for c in found for i in range(c.start, c.end)}
    found += [_cued_place(doc, start, end) for start, end in named_settlements(doc, claimed)]  # "the town of Suruç"
    claimed |= {i for c in found for i in range(c.start, c.end)}
    found += [_area_place(doc, start, end) for start, end in named_areas(doc, claimed)]  # "the Deir ez-Zor countryside"
    filed = dateline_span(doc)
    if filed is not None and not claimed.intersection(range(*filed)):
        found.append(_cued_place(doc, *filed))  # "KYIV, November 24 (Agency) -": the model tagged no name there
    return sorted(found, key=lambda c: c.start)


# A name a copula says is someone's name ("whose real name is X", "his full name was X"): outweighs the model's label.
REAL_NAME_VOTE = 2.0
# Nouns of a person whose name "whose name is" may give ("the man, whose real name is X"), besides the lexicon's.
_PEOPLE = frozenset(
    """
    man woman boy girl individual person suspect gunman attacker bomber fighter commander leader child son daughter
    brother sister wife husband cousin
    """.split()
)
_PERSONS_WORDS = _PEOPLE | PERSON_NOUNS | TITLE_HEADS  # joined once, not at every reading


def a_persons_name_said(doc: Doc, c: Candidate) -> bool:
    """Whether a name of two words or more is what a person's name "is" or "was" ("whose real name is X", "his full
    name was X"); not an operation's, a ship's or a group's ("the operation, whose code name is X")."""
    last = doc[c.end - 1]
    if c.end - c.start < 2 or last.dep_ != "attr" or last.head.lower_ not in {"is", "was"}:
        return False
    return any(
        child.dep_ == "nsubj" and child.lower_ == "name" and any(_a_persons(w) for w in child.children)
        for child in last.head.children
    )


def _a_persons(owner: Token) -> bool:
    """Whether the owner of a name (its possessive) is a person: "his", "the suspect's", "whose" said of a person."""
    if owner.dep_ != "poss":
        return False
    if owner.lower_ == "whose":  # the noun the relative clause is said of
        clause = next((t for t in owner.ancestors if t.dep_ == "relcl"), None)
        owner = clause.head if clause is not None else owner
    return owner.lower_ in {"his", "her"} or owner.ent_type_ == "PERSON" or owner.lower_ in _PERSONS_WORDS


# How many words a person's name the model took for a work or a product may have ("Rezan Derwish told …").
SPEAKER_NAME_WORDS = (2, 4)
# Labels the model gives people's names it does not know (never a law's or an event's: "the Minsk Agreement says").
_MISREAD_NAME_LABELS = TITLE_LABELS | CUED_ONLY_LABELS


def speaking_name(doc: Doc, start: int, end: int) -> bool:
    """ "Rezan Derwish told the paper" read by the model as a work's title: a given and a family name, proper nouns in
    capitals, that is the subject of a verb of speaking, is a person's."""
    words = doc[start:end]
    if not SPEAKER_NAME_WORDS[0] <= end - start <= SPEAKER_NAME_WORDS[1]:
        return False
    if start > 0 and doc[start - 1].lower_ == "the":
        return False  # "the Rojava Herald said": a paper's or a work's name
    if not all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words):
        return False
    root = doc[end - 1]
    return root.dep_ == "nsubj" and root.head.lower_ in _SPOKEN and root.head.i >= end


def ordinal_rank(doc: Doc, i: int) -> bool:
    """Whether token `i` is the "Rank" of a naval rank with an ordinal ("Captain 1st Rank", "Captain Third Rank")."""
    return doc[i].text == "Rank" and i >= 2 and _ordinal(doc[i - 1]) and doc[i - 2].lower_ in RANKS


def _ordinal(tok: Token) -> bool:
    """An ordinal in figures or a capitalised word, as naval ranks write them ("2nd", "Second")."""
    return bool(_ORDINAL.fullmatch(tok.text)) or (tok.lower_ in _ORDINAL_WORDS and tok.text[:1].isupper())


def _whole_people(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """The model's entities, with a person's name it cut in two made whole again ("Hassan Sheikh" + "Mohamud"): two
    people's names side by side with only a space between, every word a capitalised proper noun and the first name's
    last word leaning on the second (a compound), are one name. A name's words the model left out at either end are
    taken back first (`_mended`)."""
    whole: list[Span] = []
    for ent in _mended(doc, ents):
        before = whole[-1] if whole else None
        if (
            before is not None and before.label_ == ent.label_ == "PERSON" and before.end == ent.start
            and doc[before.end - 1].whitespace_ == " " and before.start <= doc[before.end - 1].head.i < ent.end
            and doc[before.end - 1].dep_ in {"compound", "flat"}
            and all(_part_of_a_name(t) for t in doc[before.start : ent.end])
            and doc[ent.end - 1].lower_ not in _NOT_PERSON_TAILS
        ):  # fmt: skip
            whole[-1] = doc.span(before.start, ent.end, ent.label)
        else:
            whole.append(ent)
    return whole


def _part_of_a_name(tok: Token) -> bool:
    """A capitalised proper noun, or the particle or hyphen of a name written with them ("al-Harith", "bin")."""
    return bool(
        (tok.pos_ == "PROPN" and tok.text[:1].isupper())
        or tok.lower_ in _LINKING_PARTICLES
        or (tok.text == "-" and not tok.whitespace_)
    )


# The most words a person's name mended at its ends may have ("Al-Harith Idriss al-Harith Mohamed" counts its hyphens).
_MENDED_NAME_TOKENS = 9
# Lower-case words that carry a name on after a given name: "Mohammed bin Abdulrahman Al Thani".
_LINKING_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "ben", "abu", "van", "von", "de", "da"})


def _mended(doc: Doc, ents: Sequence[Span]) -> list[Span]:
    """People's names with the words the model left out at their ends taken back: capitalised proper nouns it tagged
    as nothing, leaning on the name (compounds of a word inside it) before it ("Hashim" of "Hashim Finyan
    al-Saraji"), a one-word "organisation" leaning on it the same way ("Yury" of "Presidential aide Yury Ushakov"),
    and after it the family name the name leans on (`_family_name_after`)."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        if out and out[-1].end == start and out[-1].label_ == "ORG" and _split_given_name(doc[start - 1], start, end):
            out.pop()  # the model's "organisation" was the name's first word
            start -= 1
        while start > 0 and end - start < _MENDED_NAME_TOKENS:
            if _left_out(doc[start - 1], start, end):
                start -= 1
            elif (given := _given_name_before_particles(doc, start, end)) is not None:
                start = given  # "Maarten van der Horst": the model tagged "Horst" alone
            else:
                break
        end = _family_name_after(doc, start, end)
        out.append(ent if (start, end) == (ent.start, ent.end) else doc.span(start, end, ent.label))
    return out


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun that is no title and no people's or country's name."""
    word = tok.text
    return bool(
        tok.pos_ == "PROPN" and tok.is_alpha and word[:1].isupper() and not word.isupper() and not _is_title(tok)
        and not _listed_group(word) and names.key(word) not in _COUNTRY_KEYS
    )  # fmt: skip


# Heads of bodies' names that also head places' names ("District of Columbia", "Union of Soviet Socialist Republics").
_PLACE_AND_BODY_HEADS = frozenset({"district", "union"})


def _headed_by_a_body_noun(name_key: str) -> bool:
    """A name that opens with a body's noun and says what the body is for or of ("Center for Strategic Studies",
    "Institute for the Study of War", "Council on Foreign Relations"): a body, however the model labelled it."""
    words = name_key.split()
    return len(words) >= 3 and words[0] in BODY_HEADS - _PLACE_AND_BODY_HEADS and words[1] in {"for", "of", "on"}


def _split_given_name(tok: Token, start: int, end: int) -> bool:
    """The one word before a name, tagged an organisation, that is a given name of it: it leans on the name."""
    return bool(tok.whitespace_ and tok.dep_ in {"compound", "flat"} and start <= tok.head.i < end and _name_word(tok))


def _left_out(tok: Token, start: int, end: int) -> bool:
    """A word right before a name that the model tagged as nothing and that leans on the name, not the last item of
    a list before it ("Envoy for the Middle East and Africa Mikhail Bogdanov")."""
    listed = tok.i > 0 and view_of(tok)[tok.i - 1].lower_ in {"and", "or"}
    return not tok.ent_type_ and not listed and _split_given_name(tok, start, end)


# Lower-case words that may follow a linking particle inside a family name ("van der", "van den", "de la").
_SECOND_PARTICLES = frozenset({"der", "den", "la", "du", "des"})


def _given_name_before_particles(doc: Doc, start: int, end: int) -> int | None:
    """Where a name starts when the model left out its given name and the lower-case particles that open the family
    name ("Maarten van der Horst", "Ilse von Brandt"): the particles lean on the name, the given name before them
    too, the first particle being one that links a family name ("van", "von", "de", "bin")."""
    j = start - 1
    while j > 0 and doc[j].text.islower() and doc[j].text in _LINKING_PARTICLES | _SECOND_PARTICLES:
        if doc[j].dep_ not in {"compound", "flat"} or not start <= doc[j].head.i < end:
            return None
        j -= 1
    if j == start - 1 or doc[j + 1].text not in _LINKING_PARTICLES or j < 0 or doc[j].ent_type_:
        return None
    return j if _split_given_name(doc[j], start, end) else None


def _family_name_after(doc: Doc, start: int, end: int) -> int:
    """Where a name ends once the family name the model left off after it is taken back: untagged capitalised words
    the name's own last word leans on ("Claire" + "Dubreuil", "Jean-Baptiste" + "Ndong Obiang"), or opened by a
    particle ("… bin Abdulrahman" + "Al Thani"); not in a line in title case, where a verb is capitalised too."""
    last = doc[end - 1]
    head: int = last.head.i
    if not (end <= head <= end + 2 and last.dep_ in {"compound", "flat"}):
        return end
    rest = tokens(doc, end, head + 1)
    particle = rest[0].lower_ in _LINKING_PARTICLES
    if any(t.ent_type_ or not t.text[:1].isupper() for t in rest) or not all(map(_name_word, rest[particle:])):
        return end
    return head + 1 if particle or not title_case_line(doc, start) else end


def title_case_line(doc: Doc, i: int) -> bool:
    """Whether the sentence holding token `i` is written in title case (a headline): hardly a lower-case word."""
    sent = doc[i].sent
    return sum(1 for t in tokens(doc, sent.start, sent.end) if t.is_alpha and t.text.islower()) < 3


def _name_after_title(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts after a capitalised title inside a name the model gave another label ("Gilan
    Governor Hadi Haghshenas"): a given and a family name, capitalised, after the last title word."""
    # "Imam Tarek Obeidat", "Sergeant X Y" read as a body: a cleric's title or such a rank opens no body's name as
    # "General" opens "General Motors"
    first = start if doc[start].lower_ in _CLERICS | _LONE_RANKS | _PRINCES else start + 1
    inner = [j for j in range(first, end - 2) if doc[j].lower_ in TITLE_HEADS and doc[j].text[:1].isupper()]
    tail = doc[end - 1].lower_
    # "Prince Abdulaziz bin Saud bin Naif": the words joining a name's parts ("bin", "al") make no name longer
    words = sum(1 for j in range(inner[-1] + 1, end) if doc[j].lower_ not in _LINKING_PARTICLES) if inner else 0
    if not inner or words > MAX_NAME_WORDS or tail in _NOT_PERSON_TAILS or tail in _NAMED_AFTER_TAILS:
        return None  # "General Motors …" opens with its title word; "… Governor Office Building" is a building
    if not all(doc[j].pos_ == "PROPN" and not _is_title(doc[j]) for j in range(inner[-1] + 1, end)):
        return None
    return inner[-1] + 1


def _name_after_office_body(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts inside a body's name that ends a title "of" it ("Secretary of the Security
    Council Armen Grigoryan" read as one body): two or three capitalised words after the body's own last word."""
    before = start - 1
    while before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before < 1 or doc[before].lower_ != "of" or doc[before - 1].lower_ not in TITLE_HEADS:
        return None
    inner = [j for j in range(start, end - 2) if doc[j].lower_ in _OFFICE_BODIES]
    if not inner:
        return None
    tail = tokens(doc, inner[-1] + 1, end)
    words = [t for t in tail if t.text != "-"]  # "Ahmad al-Sharaa": three words
    if not 2 <= len(words) <= MAX_NAME_WORDS or not all(_part_of_a_name(t) and not _is_title(t) for t in tail):
        return None
    return inner[-1] + 1


def _place_after_preposition(doc: Doc, end: int, label: str) -> int:
    """ "the Islamic Resistance in" + "Iraq": a body's name the model cut before the place it is "in" or "of" goes
    on to the place's end; "the Autonomous Administration of North" + "and East Syria" goes on past both points."""
    if label == "ORG" and end >= 2 and doc[end - 2].lower_ == "of" and doc[end - 1].lower_ in DIRECTIONS:
        return _second_point(doc, end)
    if label != "ORG" or end >= len(doc) or doc[end - 1].lower_ not in {"in", "of"} or doc[end].ent_iob_ != "B":
        return end
    if doc[end].ent_type_ != "GPE":
        return end
    end += 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _second_point(doc: Doc, end: int) -> int:
    """The end of "and East Syria" after a point of the compass that ends a body's name, when it follows."""
    joined = end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].lower_ in DIRECTIONS
    if not (joined and doc[end + 1].text[:1].isupper() and doc[end + 2].text[:1].isupper()):
        return end
    if doc[end + 2].ent_type_ == "NORP" or names.fold(doc[end + 2].text) in DEMONYMS:
        return end  # "the Command of North and East Kordanian militias": a people's adjective, no place of the name
    end += 3
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _glued_article_tail(doc: Doc, end: int) -> int:
    """ "Deir" + "ez-Zor", "Dayr" + "az Zawr": the Arabic article and the word it is glued to, or written apart from
    in lower case (spelled so it is no English word: not "as", "at", "an"), left out of the name, belong to it."""
    glued = end + 2 < len(doc) and doc[end].lower_ in _GLUED_ARTICLES and doc[end].whitespace_ == ""
    joined = glued and doc[end + 1].text == "-" and doc[end + 1].whitespace_ == ""
    if joined and doc[end + 2].text[:1].isupper():
        return end + 3
    apart = end + 1 < len(doc) and doc[end].text in _SPACED_ARTICLES and doc[end - 1].whitespace_ == " "
    return end + 2 if apart and doc[end].whitespace_ == " " and _name_word(doc[end + 1]) else end


def _ezafe_tail(doc: Doc, end: int) -> int:
    """ "Bandar" + "-e Abbas": the Persian "of" hyphened to a name's word, and the capitalised word it links it to,
    belong to the name (the model reads the two halves as two names)."""
    if end + 2 >= len(doc) or doc[end].text != "-" or doc[end].whitespace_ or doc[end - 1].whitespace_:
        return end
    linked = doc[end + 1].lower_ in _EZAFE and doc[end + 1].whitespace_ == " "
    return end + 3 if linked and _name_word(doc[end + 2]) else end


# The Persian ezafe as English copy hyphens it ("Bandar-e Abbas", "Qasr-e Shirin").
_EZAFE = frozenset({"e", "ye"})


# The Arabic article written as a word of its own between two words of a name ("Dayr az Zawr", "Jisr ash Shughur").
_SPACED_ARTICLES = _GLUED_ARTICLES - {"as", "at", "an", "er"}


def _area_place(doc: Doc, start: int, end: int) -> Candidate:
    """A name written before a noun of an area ("the Deir ez-Zor countryside"): a place, as the noun says."""
    surface = names.clean_surface(span_text(doc, start, end))
    candidate = Candidate(start, end, surface, names.key(surface))
    candidate.vote(EntityType.PLACE, PLACE_NOUN_VOTE)
    return candidate


def _cued_place(doc: Doc, start: int, end: int) -> Candidate:
    surface = names.clean_surface(span_text(doc, start, end))
    candidate = Candidate(start, end, surface, names.key(surface))
    candidate.vote(EntityType.PLACE, place_cue(doc, start, end))
    return candidate


def _coordinated_places(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """ "Lattakia and Tartous", "Raqqa to Kobani" read as one place, "the Abu Musa and Greater Tunb islands" or "the
    islands of Abu Musa and Greater Tunb" as one body: two places."""
    shared = plural_place_noun_after(doc, end) or plural_place_noun_before(doc, start)  # "the islands of X and Y"
    if label in {"GPE", "LOC"} or shared:
        for i in range(start + 1, end - 1):
            if i - 1 == start and doc[start].lower_ in DIRECTIONS:
                break  # "North and East Syria" is one region
            if doc[i].lower_ in {"and", "to"} and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper():
                return [(start, i), (i + 1, end)]
    return [(start, end)]


def _candidate(doc: Doc, start: int, end: int, label: str, previous: Candidate | None) -> Candidate | None:
    """One mention with the evidence of its label and its context, or None when it is no name."""
    surface = names.clean_surface(span_text(doc, start, end)) if end > start else ""
    name_key = names.key(surface)
    if not name_key or not any(map(str.isupper, surface)) or set(name_key.split()) <= _TITLE_OR_RANK_WORDS:
        return None  # nothing, lowercase, or only a title ("Supreme" of "Supreme Leader", "Lt." of "Lt. Col. …")
    if surface.lower() in HONORIFICS:
        return None  # "H.H. said": a form of address standing for the one it was printed before, no name
    if 1 < end - start <= MAX_TITLED_WORDS and doc[end - 1].lower_ in TITLE_HEADS and label in {"PERSON", "ORG"}:
        return None  # "Aleppo Governor", "Kremlin Spokesman": a title with whose it is, before a name or alone
    if _title_fragment(doc, name_key, end):
        return None
    if _common_plural_opening(doc, start, end, label):
        return None  # "Farmers cross the river near …", "Warplanes struck …": a caption's first noun, no name
    group = is_group_word(surface) if label == "NORP" else _listed_group(surface)
    if (
        group
        or name_key in TIME_ZONES
        or name_key in _COMPASS
        or _clause(doc, start, end)
        or furniture(doc, start, end)
        or _model_of_equipment(doc, surface, end)
        or _named_ship(doc, start, end)
        or _only_a_weapons_name(doc, surface, start, end)
    ):
        return None
    candidate = Candidate(start, end, surface, name_key, acts=doc[end - 1].dep_ == "nsubj")
    kind, weight = LABEL_VOTES[label]
    if label == "PERSON" and ACRONYM.match(surface):
        kind, weight = EntityType.ORGANISATION, ACRONYM_ORG_VOTE
    elif label == "PERSON" and _a_groups_plural(doc, start, end):
        kind = EntityType.ORGANISATION  # "the Houthis", beside "Houthi fighters": a movement, not a man
    elif label in {"ORG", "PERSON"} and name_key in _COUNTRY_KEYS:
        # "Armenia froze its membership", "the governments of Mali and Burkina Faso" (read as people): a country
        # that acts, or that the model mistakes for a name, is still a country
        kind = EntityType.PLACE
    elif label == "PERSON" and end - start > 1 and (named_after := _named_after(doc[end - 1])) is not None:
        kind, weight = named_after, NAMED_AFTER_VOTE  # "Police closed Omar Badr Street"
    elif label != "ORG" and _outlet_name(doc, start, end):
        kind, weight = EntityType.ORGANISATION, NAMED_AFTER_VOTE  # "Photographs by X | Horn Lens Agency |"
    elif numbered_unit(doc, start, end):
        kind, weight = EntityType.ORGANISATION, UNIT_VOTE  # "the 35th Fighter Wing", read as a building
    elif _headed_by_a_body_noun(name_key):
        candidate.vote(EntityType.ORGANISATION, NAMED_AFTER_VOTE)
        return candidate  # "at the Center for Strategic Studies in Washington": a body, wherever it sits
    candidate.vote(kind, weight)
    if len(name_key.split()) >= 2 and name_key.split()[0] in TOPONYM_HEADS:
        candidate.vote(EntityType.PLACE, PLACE_NOUN_VOTE)  # "Tal Abyad", "Ras al-Ayn", "Kafr Sousa"
    cue = (
        place_cue(doc, start, end)
        or place_noun_after(doc, end)
        or (conjunct_cue(doc, previous.start, previous.end, start) if previous else 0.0)
    )
    if cue:
        candidate.vote(EntityType.PLACE, cue)
    return candidate


def _common_plural_opening(doc: Doc, start: int, end: int, label: str) -> bool:
    """A single word opening a sentence, capitalised only for that, that the tagger reads as a common noun in the
    plural ("Farmers", "Warplanes"), which the model took for a body's or a person's name."""
    tok = doc[start]
    return end - start == 1 and label in {"ORG", "PERSON"} and tok.is_sent_start and tok.tag_ == "NNS"


def _outlet_name(doc: Doc, start: int, end: int) -> bool:
    """A name of two words or more whose capitalised last word is an outlet's ("Gulf Morning Live", "Sahel Watch")."""
    last = doc[end - 1]
    return end - start > 1 and last.text[:1].isupper() and last.lower_ in OUTLET_TAILS


def _a_groups_plural(doc: Doc, start: int, end: int) -> bool:
    """ "the Houthis" where the article also writes "Houthi": one capitalised word in the plural after "the", whose
    singular the article uses too, names a group's members, not a person."""
    word = doc[start].text
    if end - start != 1 or start == 0 or doc[start - 1].lower_ != "the" or len(word) < 4 or not word.endswith("s"):
        return False
    return any(t.text == word[:-1] for t in doc)


def _named_after(last: Token) -> EntityType | None:
    """What a name the model calls a person's is when its last word, capitalised, says a place or a body."""
    return _NAMED_AFTER_TAILS.get(last.lower_) if last.text[:1].isupper() else None


def _model_of_equipment(doc: Doc, surface: str, end: int) -> bool:
    """ "the first Su-24 and Su-34 bombers", "F-16 jets", "Bayraktar TB2 drones": a model's code (after its maker's
    name) before a noun of weapons is no entity."""
    if not _MODEL_CODE.match(surface.rsplit(" ", 1)[-1]):
        return False
    j = end
    while j < len(doc) and (doc[j].lower_ in {"and", ",", "or"} or _MODEL_CODE.match(doc[j].text)):
        j += 1
    return j < len(doc) and doc[j].lower_ in _EQUIPMENT


def _named_ship(doc: Doc, start: int, end: int) -> bool:
    """ "the frigate Vesterberg", "the destroyer HMS Corrowdale", "two corvettes, the Ardyn and the Velkor": a name
    right after a noun of a ship's kind, or set in apposition to one, names a ship, which is no person, place or
    body. Not a name that does something after a plural ("the patrol vessels Velmor has ordered")."""
    if doc[start].ent_type_ == "GPE" or _does_in_a_clause(doc[end - 1]):
        return False  # "the tanker Iran seized", "to ship Israel more bombs": a state, or who did something
    i = start - 1
    if i > 0 and _ship_prefix(doc[i].text):
        i -= 1  # "the destroyer HMS Corrowdale" read as "Corrowdale"
    if i >= 0 and doc[i].text.islower() and doc[i].lower_ in VESSELS and doc[i].pos_ != "VERB":
        return True
    last = doc[end - 1]
    while last.dep_ in {"conj", "appos"} and last.head.i < last.i:
        last = last.head
    return last.i < start and last.text.islower() and last.lemma_.lower() in VESSELS


# Nouns of weapons a maker's or a model's name is written before ("Tarvon cruise missiles", "a Kestrel battery"); not
# those that follow others' names as often ("Wagner fighters", "an Ankara think tank", "an airline's planes", "its
# health system"). How many lower-case words and hyphens may stand between ("anti-ship", "close-in weapon").
_WEAPONS = frozenset(
    "missile missiles drone drones rocket rockets launcher launchers bomber bombers helicopter helicopters warplane "
    "warplanes battery batteries weapon weapons".split()
)
_WEAPON_MODIFIER_WORDS = 5


def _only_a_weapons_name(doc: Doc, surface: str, start: int, end: int) -> bool:
    """ "fired Tarvon cruise missiles", "a Merl missile", "Morsk-class ships": a name written right before a
    noun of weapons (or "-class") names a weapon, unless the article writes it elsewhere on its own, as a body
    that fires them is ("Hezbollah drones" where Hezbollah also speaks). A place's name is whose the weapons are
    ("the Gaza rocket fire"), and so is a body's with no word of the weapon's kind between ("Wagner drones", "Airbus
    helicopters"); a noun of weapons qualifying another ("drone attacks", "weapons depots") names no weapon."""
    label = doc[start].ent_type_
    if not _before_a_weapon(doc, end) or names.key(surface) in _COUNTRY_KEYS:
        return False
    model = _a_class(doc, end) or any(ch.isdigit() for ch in surface)  # "Morsk-class", "an MQ-9 Reaper drone"
    if not model and (label in _ACTORS_PLACES or (label == "ORG" and _weapon_right_after(doc, end))):
        return False
    length = end - start
    return all(_before_a_weapon(doc, t.i + length) for t in doc if t.text == doc[start].text)


# The model's labels of places, whose names stand before weapons as their owners' ("the Gaza rocket fire").
_ACTORS_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _a_class(doc: Doc, end: int) -> bool:
    """Whether "-class" follows the name ("Morsk-class ships"): a design's name, whatever the model calls it."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "class"


def _weapon_right_after(doc: Doc, end: int) -> bool:
    """Whether the noun of weapons is the very next word ("Wagner drones"), with no word of its kind between."""
    return end < len(doc) and doc[end].lower_ in _WEAPONS


def _does_in_a_clause(tok: Token) -> bool:
    """Whether a name is the subject of a relative clause ("the tanker Iran seized last week"): someone acting."""
    return bool(tok.dep_ == "nsubj" and tok.head.dep_ == "relcl")


def _before_a_weapon(doc: Doc, end: int) -> bool:
    """Whether a noun of weapons follows token `end` after at most a few lower-case words, or "-class" does."""
    if _a_class(doc, end):
        return True
    j = end
    while j < len(doc) and j - end <= _WEAPON_MODIFIER_WORDS and _modifies_a_weapon(doc, j):
        if doc[j].lower_ in _WEAPONS:
            return not _qualifies_a_noun(doc, j)
        j += 1
    return False


def _qualifies_a_noun(doc: Doc, j: int) -> bool:
    """Whether a word qualifies the lower-case noun after it ("drone attacks", "weapons depots", "rocket fire"), a
    weapon's system excepted ("a close-in weapon system")."""
    after = doc[j + 1] if j + 1 < len(doc) else None
    return after is not None and after.pos_ == "NOUN" and after.text.islower() and after.lower_ not in _SYSTEMS


_SYSTEMS = frozenset({"system", "systems"})


def _modifies_a_weapon(doc: Doc, j: int) -> bool:
    """A lower-case noun or adjective of a weapon's kind ("cruise", "anti-ship", "close-in weapon"), not a verb or a
    number that makes the name before it the one who acts ("Velmor fired two missiles")."""
    tok = doc[j]
    hyphened = tok.text == "-" or (j > 0 and doc[j - 1].text == "-")
    return (tok.text.islower() and (hyphened or tok.pos_ in {"ADJ", "NOUN"})) or tok.text == "-"


def _ship_prefix(word: str) -> bool:
    """A navy's prefix before a ship's name: a short word of letters, mostly capitals ("HMS", "TCG", "HNoMS")."""
    return word.isalpha() and len(word) <= MAX_SHIP_PREFIX and sum(map(str.isupper, word)) >= len(word) - 1 >= 1


def _title_fragment(doc: Doc, name_key: str, end: int) -> bool:
    """ "Turkish Energy" of "Turkish Energy Minister Alparslan Bayraktar", "Turkish National" of "Turkish National
    Defense Minister …": a country's adjective and title words, with the title going on after them, are no name."""
    rest = [w for w in name_key.split() if w not in DEMONYMS]
    go_on = end < len(doc) and doc[end].text[:1].isupper() and _is_title(doc[end])
    return bool(rest) and len(rest) < len(name_key.split()) and set(rest) <= TITLE_WORDS and go_on


def _clause(doc: Doc, start: int, end: int) -> bool:
    """A title-case headline read as one name: "Special Envoy Tells Security Council", "New Bridge Brings
    Trade". A name has no finite verb and no comma inside it."""
    return end - start > 2 and any(t.tag_ in {"VBZ", "VBD", "VBP"} or t.text == "," for t in tokens(doc, start, end))


def ranked_people(doc: Doc, taken: set[int]) -> list[Candidate]:
    """ "Chief of General Staff Gen. Selçuk Bayraktaroğlu", untagged by the model: capitalised words after a rank
    ("Gen.", "Adm.", "Rear Admiral") are a person's name."""
    found = []
    for tok in doc:
        if not tok.text[:1].isupper() or not _is_title(tok):
            continue
        # "Sergeant X cleans his rifle": no company is named "Sergeant …"; "Ministers X, Y and Z": a plural title
        plural = tok.lower_.endswith("s") and tok.lower_[:-1] in TITLE_HEADS and not title_case_line(doc, tok.i)
        naval = tok.i + 2 < len(doc) and ordinal_rank(doc, tok.i + 2)  # "Captain First Rank …"
        ranked = tok.text.endswith(".") or short_rank(tok) or _full_rank(tok) or tok.lower_ in _LONE_RANKS
        if not (ranked or plural or naval or _hyphenated_title_end(doc, tok.i)):
            continue
        first = tok.i + 1
        if first + 1 < len(doc) and ordinal_rank(doc, first + 1):
            first += 2  # "Captain First Rank Dmitry Orlov": the rank's ordinal and "Rank" go before the name
        end = first
        while end < len(doc) and end - first < MAX_NAME_WORDS and untagged_name_word(doc[end], taken):
            end += 1
        if end - first >= 2 and doc[end - 1].lower_ not in NAMED_AFTER_SOMEONE:
            # a given and a family name, not a lone capitalised word, nor a site named after someone ("… Street")
            surface = names.clean_surface(span_text(doc, first, end))
            candidate = Candidate(first, end, surface, names.key(surface))
            candidate.vote(EntityType.PERSON, RANK_VOTE)
            found.append(candidate)
    return found


def titled_speakers(doc: Doc, taken: set[int]) -> list[Candidate]:
    """ "Commander-in-Chief of the Armed Forces of Velmor Oleksandr Kestrenko said": two or three capitalised words
    the model tagged as nothing, right before a speech verb and right after a title's "of" and the body it names, are
    the title holder's name (however the parser hung them)."""
    found = []
    for verb in doc:
        if verb.lower_ not in SPEECH_VERBS or verb.pos_ != "VERB" or verb.i < 2:
            continue
        last = verb.i - 1
        start = last + 1
        while start > 0 and last + 1 - start < MAX_NAME_WORDS and untagged_name_word(doc[start - 1], taken):
            start -= 1
        if start < last and _after_a_titles_body(doc, start):
            surface = names.clean_surface(span_text(doc, start, last + 1))
            candidate = Candidate(start, last + 1, surface, names.key(surface))
            candidate.vote(EntityType.PERSON, RANK_VOTE)
            found.append(candidate)
    return found


def _after_a_titles_body(doc: Doc, start: int) -> bool:
    """Whether the words before token `start` are a body the model tagged, after a capitalised title and "of"
    ("Chief of the Armed Forces of Velmor")."""
    k = start - 1
    if k < 0 or doc[k].ent_type_ not in {"ORG", "GPE"}:
        return False
    while k > 0 and doc[k].ent_type_:
        k -= 1
    return k > 0 and doc[k].lower_ == "of" and _is_title(doc[k - 1]) and doc[k - 1].text[:1].isupper()


# Nouns that name what kind of body the capitalised words before them are ("the Islamic State group").
_BODY_KINDS = frozenset({"group", "militia", "movement", "faction", "organisation", "organization", "network"})
# The words of such a name the model may have read as a group word or left untagged: "Islamic" (NORP) "State".
_NAME_LABELS = frozenset({"", "NORP"})


def named_before_body_noun(doc: Doc, taken: set[int]) -> list[Candidate]:
    """ "the Islamic State group", read by the model as a demonym and a stray word: capitalised words between "the"
    and a lower-case noun of a body's kind are that body's name, when there are two or more and not all are words
    for a people or of titles ("the Syrian Kurdish group" names none)."""
    found = []
    for kind in doc:
        if kind.lower_ not in _BODY_KINDS or not kind.text.islower():
            continue
        start = kind.i
        while (
            start > 0 and kind.i - start < MAX_NAME_WORDS and (word := doc[start - 1]).text[:1].isupper()
            and word.is_alpha and word.ent_type_ in _NAME_LABELS and word.i not in taken
        ):  # fmt: skip
            start -= 1
        if kind.i - start < 2 or start == 0 or doc[start - 1].lower_ != "the":
            continue
        surface = names.clean_surface(span_text(doc, start, kind.i))
        words = surface.split()
        if all(map(is_group_word, words)) or all(word.casefold() in TITLE_WORDS for word in words):
            continue  # "the Syrian Kurdish group", "the General Staff group"
        candidate = Candidate(start, kind.i, surface, names.key(surface))
        candidate.vote(EntityType.ORGANISATION, RANK_VOTE)
        found.append(candidate)
    return found


# How far into an article a masthead line may stand (after the headline), in tokens, and the most words of its name.
MASTHEAD_REACH = 40
MAX_MASTHEAD_WORDS = 5


def outlet_mastheads(doc: Doc, taken: set[int]) -> list[Candidate]:
    """ "Gulf Desk Live | 9 July 2026", "Frontline Syria Live" on a line of its own near the top: capitalised words
    that fill a line, or stand before a "|", and end in an outlet's word are the outlet's name."""
    found = []
    for tok in doc[: min(len(doc), MASTHEAD_REACH)]:
        if tok.i in taken or not (tok.i == 0 or "\n" in doc[tok.i - 1].text):
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < MAX_MASTHEAD_WORDS and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
        line_ends = end == len(doc) or "\n" in doc[end].text or doc[end].text == "|"
        if not line_ends or not _outlet_name(doc, tok.i, end) or taken.intersection(range(tok.i, end)):
            continue
        surface = names.clean_surface(span_text(doc, tok.i, end))
        candidate = Candidate(tok.i, end, surface, names.key(surface))
        candidate.vote(EntityType.ORGANISATION, NAMED_AFTER_VOTE)
        found.append(candidate)
    return found


def unnamed_units(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Numbered units the model tagged nothing of ("the 18th Wing of the US Air Force"): bodies (`untagged_units`)."""
    found = []
    for start, end in untagged_units(doc, taken):
        surface = names.clean_surface(span_text(doc, start, end))
        candidate = Candidate(start, end, surface, names.key(surface))
        candidate.vote(EntityType.ORGANISATION, UNIT_VOTE)
        found.append(candidate)
    return found


def _full_rank(tok: Token) -> bool:
    """A rank written in full after another title word ("Rear Admiral", "Navy Commander", "Major General"), where
    no company's name ("General Motors") stands."""
    before = view_of(tok)[tok.i - 1] if tok.i > 0 else None
    return tok.lower_ in RANKS and before is not None and _is_title(before) and before.text[:1].isupper()


def _hyphenated_title_end(doc: Doc, i: int) -> bool:
    """Whether token `i` ends a title hyphenated from title words ("Secretary-General", "Commander-in-Chief"): no
    body's or place's name is written so, and the capitalised words after it are the holder's name."""
    j = i
    while j >= 2 and doc[j - 1].text in _HYPHENS and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_:
        j -= 2
        if doc[j].lower_ == "in" and j >= 2 and doc[j - 1].text in _HYPHENS:
            continue  # the "in" of "Commander-in-Chief"
        if not _is_title(doc[j]):
            return False
    return j < i and doc[j].text[:1].isupper() and _is_title(doc[j])


def untagged_name_word(tok: Token, taken: set[int]) -> bool:
    """A capitalised proper noun the model tagged as nothing and no rule has taken, and no title."""
    untagged = tok.i not in taken and not tok.ent_type_ and tok.pos_ == "PROPN" and tok.text[:1].isupper()
    return bool(untagged and not _is_title(tok))
