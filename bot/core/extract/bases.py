"""Military installations, found by the phrase that names them, with operator and location from context.

"the Tartous naval port", "Russia's Hmeimim air base", "the naval base at Tartus", "Incirlik Air Base": a named
head noun with a military word beside it (or one military by itself, like "airbase" or "garrison"). "Base of
operations", "power base", "database" and towns taken in fighting are not installations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core import names
from bot.core.extract.document import span_text
from bot.core.extract.guesses import (
    ATTACK_VERBS,
    operated_by,
    operator_in_sentence,
    owner_before,
    phrase_location,
    stationed_at,
)
from bot.core.extract.keeping import HELD_BY_COMPOUNDS
from bot.core.extract.locating import scope_of_comparison
from bot.core.extract.mentions import Doc, Span, Token, title_case_line
from bot.core.extract.naming import (
    UNIT_WORDS,
    is_name_token,
    joining_particle,
    listed_before,
    name_after,
    name_following,
    name_in_relative_clause,
    name_start_before,
    names_listed_after,
    singular,
    site_name_before,
)
from bot.core.extract.parties import COUNTRIES, named_party
from bot.core.lexicon import (
    CONTINENT_ADJECTIVES,
    CONTINENT_WORDS,
    DEMONYMS,
    INSTALLATION_HEADS,
    MILITARY_MODIFIERS,
    NATIONAL_FORCES,
    NON_INSTALLATION_AFTER,
    NON_INSTALLATION_BEFORE,
    OPERATING_MODIFIERS,
    SELF_MILITARY_HEADS,
    SITE_HEADS,
    SITE_MODIFIERS,
    TRAINING_HEADS,
    TRAINING_MODIFIERS,
)

_MILITARY_CONTEXT = frozenset(
    """
    military troops forces army navy naval soldiers deployed deployment warplanes jets fighter strikes
    airstrikes defence defense missile missiles drones garrison bases base presence warships fleet
    militia militias fighters coalition brigade brigades battalion battalions insurgents
    defences defenses
    """.split()
)
# The kind of site each head noun names, grounds where forces train included (see `_training_ground`).
_HEAD_KINDS = INSTALLATION_HEADS | TRAINING_HEADS | SITE_HEADS
# The words before a training ground's head that say what sort it is ("missile testing ground").
_GROUND_MODIFIERS = MILITARY_MODIFIERS | TRAINING_MODIFIERS
# The words before a general place's head that say what forces do there ("naval logistics point", "test site").
_SITE_SORTS = MILITARY_MODIFIERS | SITE_MODIFIERS
# The words before a base's head that say what sort it is ("naval air base", "forward operating base").
_BASE_SORTS = MILITARY_MODIFIERS | OPERATING_MODIFIERS
# Kinds of installation military by themselves, whose word in a sentence says that it speaks of forces ("airbase").
_SELF_MILITARY_WORDS = frozenset(w for w, kind in INSTALLATION_HEADS.items() if kind in SELF_MILITARY_HEADS)
# Heads that are nouns whatever the tagger says.
_NEVER_VERBS = frozenset({"airfield", "airfields", "airbase", "airbases", "airport", "airports", "airstrip"})

# Civil kinds of site that a military can use ("Qamishli airport", after years as a Russian outpost).
_USED_BY_A_MILITARY = frozenset({"airport", "port"})
# Prepositions of nearness, after which a civil site is a landmark that places something else.
_NEARNESS = frozenset({"near", "beside", "outside", "opposite", "behind", "nearby"})
# Kinds that open towns' names ("Port Sudan", "Port Said"): followed by a name, they are a town's first word.
_TOWN_NAME_OPENERS = frozenset({"port"})
# How many sentences after an airport or a port may say that forces are kept at it.
FOLLOWING_SENTENCES = 2
# Words that say forces are kept somewhere, as opposed to words of an attack on it.
_PRESENCE_CONTEXT = frozenset(
    """
    military troops forces army soldiers deployed deployment garrison presence outpost personnel contingent
    police stationed
    """.split()
)

# Verbs of flying aircraft from a site, and aircraft only a military flies ("jets" and "aircraft" may be airliners):
# a civil airport they fly from is in military use.
_FLYING = frozenset("fly flies flying flew flown operate operates operating operated launch launches launching".split())
_WARPLANES = frozenset("drones drone warplanes warplane fighter fighters bombers bomber gunships".split())


@dataclass(frozen=True)
class InstallationPhrase:
    """One phrase naming an installation."""

    name: str  # the bare name: "Tartous"
    full_name: str  # as written with its kind: "Tartous naval port"
    kind: str  # normalised: "naval port", "air base"
    name_start: int
    name_end: int
    operator: str | None
    location: str | None
    sentence: str
    tokens: frozenset[int]
    head: int = -1  # the head noun ("base"), where the parse of the sentence is read from
    owner: str | None = None  # the owner written into the phrase ("Russia's", "the Russian")


def find_installations(doc: Doc) -> list[InstallationPhrase]:
    """Every named military installation phrase in the document. A name with its kind that the article calls
    military once is military wherever else it stands with that kind ("rockets target Ain al-Asad base")."""
    found: list[InstallationPhrase] = []
    heads = [t for t in doc if t.lower_ in _HEAD_KINDS and _installation_head(doc, t)]  # cheap test first
    for tok in heads:
        phrase = _phrase(doc, tok)
        if phrase is not None:
            found.append(phrase)
            found += _coordinated(doc, tok, phrase) + _listed_after(doc, tok, phrase)
    known = frozenset(names.key(p.name) for p in found)
    done = {p.head for p in found}
    heads += _grounds_named_again(doc, found)
    for tok in (t for t in heads if t.i not in done):
        phrase = _phrase(doc, tok, known)
        if phrase is not None:
            found.append(phrase)
    return sorted(found, key=lambda p: p.name_start)


def _installation_head(doc: Doc, tok: Token) -> bool:
    if tok.lower_ in TRAINING_HEADS:
        return _training_ground(doc, tok)
    if tok.lower_ in SITE_HEADS:
        return _forces_site(doc, tok)
    if tok.lower_ not in INSTALLATION_HEADS:
        return False
    is_noun = tok.pos_ in {"NOUN", "PROPN"} or tok.lower_ in _NEVER_VERBS  # the tagger calls "airfield" a verb
    return is_noun and not _other_sense(doc, tok)


def _training_ground(doc: Doc, tok: Token) -> bool:
    """Whether a range, ground or area is one where forces train or test weapons: a word before it says so ("the
    Velmor training range", "a firing range"); "a range of", a mountain range or a play area is not."""
    if tok.i == 0 or doc[tok.i - 1].lower_ not in TRAINING_MODIFIERS or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    return not _other_sense(doc, tok)


def _forces_site(doc: Doc, tok: Token) -> bool:
    """Whether a site, point, center or hub is one where forces test, launch, move or supply: a word before it says
    so ("the Velmor test site", "the logistics point in Velmor") in a sentence that speaks of forces or their bases
    ("… used by the United States to supply its troops"); "a test site for new phones" or "a logistics hub for
    retailers" is not."""
    if tok.i == 0 or doc[tok.i - 1].lower_ not in SITE_MODIFIERS or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    military = (t.lower_ in _MILITARY_CONTEXT or t.lower_ in _SELF_MILITARY_WORDS for t in tok.sent if t.i != tok.i)
    return any(military) and not _other_sense(doc, tok)


def _grounds_named_again(doc: Doc, found: list[InstallationPhrase]) -> list[Token]:
    """Ranges, grounds and areas named by a name alone where something is done (after a preposition), in an article
    that has called one of the same sort a training ground ("the Velmor training range …, a drill at the Kostrova
    range"): the kind is the article's."""
    sorts = {p.kind.split()[-1] for p in found if p.kind.split()[-1] in TRAINING_HEADS.values()}
    return [
        t
        for t in doc
        if TRAINING_HEADS.get(t.lower_) in sorts
        and t.i > 0
        and doc[t.i - 1].lower_ not in TRAINING_MODIFIERS
        and is_name_token(doc[t.i - 1])
        and t.pos_ in {"NOUN", "PROPN"}
        and t.dep_ == "pobj"  # "a drill at the Kostrova range"; "The Zagros range runs along …" is a mountain chain
        and not _other_sense(doc, t)
    ]


def _coordinated(doc: Doc, head: Token, last: InstallationPhrase) -> list[InstallationPhrase]:
    """ "the Khmeimim and Tartus bases", "the al-Tanf, Rmeilan and Kharab al-Jir bases": every name listed before
    a plural head is an installation of that kind, with what the sentence says of the last one."""
    if not head.lower_.endswith("s") or last.name_start >= head.i:
        return []
    out: list[InstallationPhrase] = []
    end, sent = last.name_start, head.sent
    while end - 1 > sent.start and doc[end - 1].lower_ in {"and", ","}:
        end -= 1
        if doc[end - 1].lower_ in {"and", ","}:
            end -= 1
        start = name_start_before(doc, end, sent)
        if start >= end:
            break
        name = names.clean_surface(span_text(doc, start, end))
        full = f"{name} {doc[last.name_end : head.i].text_with_ws}{singular(head.text)}"
        out.append(replace(last, name=name, full_name=full, name_start=start, name_end=end,
                           tokens=frozenset(range(start, end))))  # fmt: skip
        end = start
    return out


def _listed_after(doc: Doc, head: Token, first: InstallationPhrase) -> list[InstallationPhrase]:
    """The other installations of a list after a plural head, with what the sentence says of the first."""
    if first.name_start < head.i:
        return []
    suffix = first.full_name[len(first.name) :]
    return [
        replace(first, name=names.clean_surface(span.text), full_name=names.clean_surface(span.text + suffix),
                name_start=span.start, name_end=span.end, tokens=frozenset(range(span.start, span.end)))
        for span in names_listed_after(doc, head, head.sent)[1:]
    ]  # fmt: skip


def _other_sense(doc: Doc, head: Token) -> bool:
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    prev = doc[head.i - 1] if head.i > 0 else None
    if nxt is not None and nxt.lower_ in UNIT_WORDS and nxt.text[:1].isupper():
        return True  # "the U.S. Air Force's 39th Air Base Wing": a unit, not a place
    if nxt is not None and nxt.lower_ == "of" and (_named_by_of(doc, head) or _of_a_force(doc, head)):
        return False  # "the naval base of Bandar Velm": a military kind "of" a place's name is that place's base
    return (nxt is not None and nxt.lower_ in NON_INSTALLATION_AFTER) or (
        prev is not None and prev.lower_ in NON_INSTALLATION_BEFORE and not _inside_a_name(doc, head)
    )


# Labels of names that, after "the naval base of", say whose it is rather than where ("of Wagner"; towns the model
# does not know it often calls people).
_WHOSE_LABELS = frozenset({"ORG", "NORP"})


def _named_by_of(doc: Doc, head: Token) -> bool:
    """Whether a kind of site with a military word before it is followed by "of" and a place's name straight away
    ("the naval base of Bandar Velm", not "a base of support" nor "the naval base of the fleet")."""
    if head.i + 2 >= len(doc) or head.i == 0 or doc[head.i - 1].lower_ not in MILITARY_MODIFIERS:
        return False
    after = doc[head.i + 2]
    named = after.pos_ == "PROPN" and after.text[:1].isupper() and after.ent_type_ not in _WHOSE_LABELS
    # "the naval base of Bandar-e Velm": a name its hyphen joins to more words is not read whole here
    return named and not (after.i + 1 < len(doc) and doc[after.i + 1].text == "-")


def _of_a_force(doc: Doc, head: Token) -> bool:
    """Whether a kind of site with a military word before it is followed by "of" and a force's name ("the Velmor
    naval base of the Arvelian Navy", "the air base of the Olbek Air Force"): whose it is, the site named before it;
    not "the naval base of the future" nor "a base of support"."""
    if head.i == 0 or doc[head.i - 1].lower_ not in MILITARY_MODIFIERS:
        return False
    i = head.i + 2
    i += i < len(doc) and doc[i].lower_ == "the"
    start = i
    while i < len(doc) and doc[i].text[:1].isupper() and doc[i].pos_ in {"PROPN", "NOUN", "ADJ"}:
        i += 1
    return i > start and doc[i - 1].lower_ in _FORCE_NAME_ENDS


def _inside_a_name(doc: Doc, head: Token) -> bool:
    """Whether a capitalised kind ends a longer capitalised name ("the Joint Logistics Support Base"): its words are
    the name's, not a "support base" or a "power base"."""
    start = head.i - 2
    if start <= head.sent.start or not head.text[:1].isupper():
        return False
    return all(t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN"} for t in doc[start : head.i])


def _phrase(doc: Doc, head: Token, known: frozenset[str] = frozenset()) -> InstallationPhrase | None:
    sent = head.sent
    i = head.i - 1
    if _air_force_base(doc, head, sent):
        i -= 1  # "Andersen Air Force Base": "Air Force Base" is the kind, "Andersen" the name
    kind_words = _kind_words(head)
    while i >= sent.start and doc[i].lower_ in kind_words:
        i -= 1
    modifiers = [kind_words[doc[j].lower_] for j in range(i + 1, head.i) if doc[j].lower_ != "force"]
    kind = _kind(modifiers, _HEAD_KINDS[head.lower_])
    name_end = i + 1
    name_start = name_start_before(doc, name_end, sent)
    if name_start == name_end and (site := site_name_before(doc, name_end, head, sent)) is not None:
        name_start = site  # "the Conoco gas field base": the site's whole name
    owner = owner_before(doc, name_start, sent)
    named_by_kind = of_a_force = False
    # "Kemal Arslanoglu, the base commander": a kind that modifies the noun after it heads no apposition of a site
    # "Camp Velmor, … the main US Army logistics hub": a general word for a place describes a site named by its own
    # phrase, it names none by apposition or copula
    general = head.lower_ in SITE_HEADS
    apposed = None if _modifies_noun_after(head) or general else _apposed_name(doc, i + 1, sent)
    said = None
    if apposed is None and not general and (name_start == name_end or _a_forces_kind(doc, name_start, name_end, head)):
        said = _named_by_copula(doc, head, sent)  # "Velmor is an Egyptian air base near Tanta"
    if apposed is not None or said is not None:  # "Tower 22, a small U.S. outpost": the name the kind describes
        name_start, name_end = apposed or said[:2]  # type: ignore[index]
        name = span_text(doc, name_start, name_end)
        full = f"{name} {doc[i + 1 : head.i].text_with_ws.lower()}{singular(head.lower_)}"
        owner = _party_between(doc, name_end if said is None else said[2], i + 1)
    elif (numbered := _numbered_of_a_party(doc, name_start, name_end)) is not None:
        # "the 102nd Russian military base": the unit's number names it, the demonym between says whose it is
        name_start, name_end = numbered, numbered + 1
        name = doc[numbered].text
        full = doc[numbered : head.i].text_with_ws + singular(head.text)
        owner = owner or owner_before(doc, i + 1, sent)
    elif name_start < name_end and _a_forces_kind(doc, name_start, name_end, head):
        if (at := name_after(doc, head, sent)) is None:
            return None  # "… is a Kuwait Air Force base where …": whose kind of site it is, not a name
        owner = owner or _party_between(doc, name_start, name_end) or _force_named(doc, name_start, name_end)
        name, (name_start, name_end) = at.text, (at.start, at.end)  # "the Egyptian Air Force base at Velmor"
        of_a_force = True  # "its Royal Air Force station at Velmor": a force's station is military
        full = f"{name} {doc[i + 1 : head.i].text_with_ws.lower()}{singular(head.lower_)}"
    elif name_start < name_end and (titled := _after_a_forces_name(doc, name_start, name_end, head)) is not None:
        # "Marine Corps Air Station Velmor": a force's name, its kind in capitals, then the name of the site
        name, full = titled.text, span_text(doc, name_start, titled.end)
        owner = owner or _party_between(doc, name_start, name_end)
        name_start, name_end = titled.start, titled.end
        named_by_kind = True
    elif name_start < name_end:
        if not _described_not_named(doc, name_start, name_end, head):
            name = span_text(doc, name_start, name_end)
            full = doc[name_start : head.i].text_with_ws + singular(head.text)
        elif _when_words(doc, name_start, name_end) and (at := name_after(doc, head, sent)) is not None:
            name, (name_start, name_end) = at.text, (at.start, at.end)  # "the World War Two airfield at North Field"
            full = f"{name} {doc[i + 1 : head.i].text_with_ws.lower()}{singular(head.lower_)}"
        else:
            return None  # "a former Khmer Rouge airstrip", "the World War II airfield": whose or when, no name
    elif head.lower_ not in _TOWN_NAME_OPENERS and (titled := name_following(doc, i + 1, head, sent)) is not None:
        name_start, name_end = i + 1, titled.end  # "Air Base 201", "Camp Lemonnier": the kind is in the name
        name = full = span_text(doc, name_start, name_end)
        named_by_kind = True
    elif _describes_the_one_before(doc, head):
        return None  # "the Sevastopol naval base, the fleet's main base in Crimea": where it is, not another base
    elif head.lower_ in TRAINING_HEADS:
        return None  # "a training ground in the Velmor region": where an unnamed ground lies, not its name
    else:
        listed_after = names_listed_after(doc, head, sent)
        after = name_after(doc, head, sent) or name_in_relative_clause(head) or next(iter(listed_after), None)
        if after is None or scope_of_comparison(doc, after.start):
            return None  # "France's largest base in Africa": where it is compared with others, not its name
        name_start, name_end = after.start, after.end
        name = after.text
        full = f"{name} {doc[i + 1 : head.i].text_with_ws.lower()}{singular(head.lower_)}"
    listed = head.lower_.endswith("s") and listed_before(doc, name_start, sent)  # "the Khmeimim and Tartus bases"
    listed = listed or (name_start > head.i and head.lower_.endswith("s"))  # "its bases at Hmeimim and Tartus"
    if name_end <= head.i and singular(head.lower_) != head.lower_ and not listed:
        return None  # "Russia's Caucasus bases": the bases of a region, none of them named so
    if not names.key(name):
        return None  # particles alone ("Al base") name nothing
    # "Camp Lemonnier": a camp whose name opens with its kind is a base (people's camps are named first: "al-Hol camp")
    military = listed or (named_by_kind and kind == "camp") or of_a_force or _is_military(kind, modifiers, sent, head)
    military = military or head.lower_ in TRAINING_HEADS  # found by `_training_ground` or named again
    military = military or head.lower_ in SITE_HEADS  # found by `_forces_site`
    military = military or _base_in_a_proper_name(doc, name_start, name_end, head, kind)
    military = military or names.key(name) in known or _numbered(doc[name_start], kind)
    if not military or _only_parties(name):
        return None  # "the Russian base", "the joint U.S.-British military base": whose it is, not its name
    if name_end <= head.i and _a_region_or_people_only(doc, name_start, name_end):
        return None  # "the Arctic garrison", "its largest African base", "Velmoria training base": where or whose
    if _body_doing_the_deed(head):
        return None  # "it is run by U.S. Army Garrison Velmor": the body that runs a site, not the site
    if name_end == i + 1 and _initials_in_the_name(doc, name_start, head):
        # "the UK Naval Support Facility": the country's initials open the proper name as written; the name without
        # them stays the key that "the Naval Support Facility" further on shares
        full = f"{doc[name_start - 1].text} {full}"
    operator = owner or stationed_at(head) or operated_by(doc, head, sent) or operator_in_sentence(sent, head)
    return InstallationPhrase(
        name=names.clean_surface(name),
        full_name=names.clean_surface(full),
        kind=kind,
        name_start=name_start,
        name_end=name_end,
        operator=operator,
        location=phrase_location(sent, head, operator, names.clean_surface(name)),
        sentence=sent.text.strip(),
        tokens=frozenset(range(name_start, name_end)),
        head=head.i,
        owner=owner,
    )


def regions_describing_bases(doc: Doc) -> set[int]:
    """ "the Arctic garrison", "Arctic surveillance": a continent's or a polar region's adjective that modifies a
    common noun in lower case says where; it is not a place written of its own (a continent's own name is: "its
    Africa logistics")."""
    return {
        tok.i
        for tok in doc
        if tok.lower_ in CONTINENT_ADJECTIVES
        and tok.dep_ in {"compound", "amod"}
        and tok.head.i > tok.i
        and tok.head.pos_ == "NOUN"
        and tok.head.text.islower()
    }


def _a_region_or_people_only(doc: Doc, start: int, end: int) -> bool:
    """Whether the words before a kind are a continent's or a polar region's name alone ("the Arctic garrison", "its
    largest African base"), or a country's with the sort of base after it ("Velmoria training base" in a
    headline)."""
    words = list(doc[start:end])
    while words and words[-1].lower_ in TRAINING_MODIFIERS:
        words.pop()  # "Velmoria training": the kind's own word, left out of the name
    if not words:
        return False
    if len(words) < end - start and _only_parties(span_text(doc, start, words[-1].i + 1)):
        return True
    return len(words) == 1 and words[0].lower_ in CONTINENT_WORDS


# The words of a passive's agent ("run by …", "operated by …").
_AGENT_PATH = frozenset({"compound", "pobj", "appos", "conj"})


def _body_doing_the_deed(head: Token) -> bool:
    """Whether the kind is a word of the name after "by" in a passive ("it is run by U.S. Army Garrison Velmor"):
    the body that runs the site, not a site."""
    tok = head
    while tok.dep_ in _AGENT_PATH and tok.head.i != tok.i:
        if tok.dep_ == "pobj":
            return bool(tok.head.dep_ == "agent")
        tok = tok.head
    return False


def _kind_words(head: Token) -> dict[str, str]:
    """The words that may stand before a head as part of its kind ("naval air base", "missile testing ground")."""
    if head.lower_ in TRAINING_HEADS:
        return _GROUND_MODIFIERS
    return _SITE_SORTS if head.lower_ in SITE_HEADS else _BASE_SORTS


# How many words an apposition may put between its article and the kind ("a small U.S. outpost").
APPOSITION_WORDS = 4
# How many more words a force's name may add to such an apposition ("a Royal Air Force of Oman base").
BODY_NAME_WORDS = 3
# Articles that open an apposition of a kind of site ("the" only before a force's name: see `_apposed_name`).
_ARTICLES = frozenset({"a", "an", "the"})
# The last word of a force's name ("Air Force", "Navy", "National Guard").
_FORCE_NAME_ENDS = frozenset({"force", "forces", "navy", "army", "guard", "corps"})
# Dependencies of a sentence's subject: a definite kind of site that is one opens the clause, it is no apposition.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How many words the name before such an apposition may have ("Tower 22", "Camp al-Hol").
APPOSED_NAME_WORDS = 3


def _modifies_noun_after(head: Token) -> bool:
    """Whether the kind's word is only a modifier of a common noun after it ("the base commander", "the airfield
    staff"): the phrase is a person or a thing of the base, not the base."""
    if head.dep_ == "poss" and any(c.dep_ == "case" for c in head.children):
        return True  # "Rafael Ostan, the airfield's commander": the kind owns the noun after it
    return head.dep_ in {"compound", "amod"} and head.head.i > head.i and head.head.pos_ == "NOUN"


def _apposed_name(doc: Doc, kind_start: int, sent: Span) -> tuple[int, int] | None:
    """ "Tower 22, a small U.S. outpost …", "Korvik, a Turkish air base": the name before the comma that opens an
    apposition whose noun is the installation's kind. The kind may be a force's ("Korvik, a Royal Air Force of Oman
    base", "Korvik, the Egyptian Air Force base east of Tanta"): the force's name is whose it is, not the base's."""
    j = kind_start - 1
    while j > sent.start and kind_start - j <= APPOSITION_WORDS + BODY_NAME_WORDS and doc[j].lower_ not in _ARTICLES:
        j -= 1
    if doc[j].lower_ not in _ARTICLES or j - 1 <= sent.start or doc[j - 1].text != ",":
        return None
    between = doc[j + 1 : kind_start]
    # "the South Korean-run air base": the keeper before "-run" is one word that says whose the kind is
    held = next((t.i for t in between if t.lower_ in HELD_BY_COMPOUNDS and doc[t.i - 1].text == "-"), None)
    said = doc[held + 1 : kind_start] if held is not None else between
    words = len(said) + (held is not None) + 1
    described = all(_describes_the_kind(t) for t in said) and words <= APPOSITION_WORDS
    if not described and not _a_forces_words(between):
        return None  # "Olbek, a town near the air base": the apposition's noun is another
    end = start = j - 1
    while (
        start > sent.start
        and end - start < APPOSED_NAME_WORDS
        and (
            _apposed_word(doc[start - 1]) or joining_particle(doc, start - 1, sent)  # "Camp de la Paix, the base …"
        )
    ):
        start -= 1
    if doc[j].lower_ == "the" and (_opening_phrase(doc, start, sent) or doc[kind_start].dep_ in _SUBJECTS):
        return None  # "In Olbek, the Turkish air base at Korvik was hit": the base is the subject, not more of Olbek
    if (
        start == end
        or not doc[start].text[:1].isupper()
        or names.fold(span_text(doc, start, end)) in {*COUNTRIES, *DEMONYMS}
    ):
        return None
    if _places_a_base_before(doc, start, sent):
        return None  # "Al Velm Air Base south of Abu Dhabi, an Emirati base": the apposition is the base's
    return start, end


# How many words may stand between a base's kind and the preposition that places it ("Air Base south of").
PLACING_GAP = 3


# Verbs that say what their subject is ("Velmor is an Egyptian air base").
_PRESENT_COPULAS = frozenset({"is", "remains"})


def _named_by_copula(doc: Doc, head: Token, sent: Span) -> tuple[int, int, int] | None:
    """ "Velmor is an Egyptian air base", "Velmor, north of Tanta, is an Egyptian Air Force base": the name a copula
    says is the kind of site; its start, its end and where the kind's phrase opens (its article)."""
    det = next((c for c in head.children if c.dep_ == "det" and c.lower_ in _ARTICLES), None)
    if det is None or head.dep_ != "attr" or head.head.lower_ not in _PRESENT_COPULAS:
        return None
    subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if subject is None or not subject.text[:1].isupper() or subject.i < sent.start:
        return None
    if subject.lower_ in INSTALLATION_HEADS:
        return None  # "Korvik Air Base … is a Kuwait Air Force base": named by its own phrase already
    if subject.pos_ != "PROPN" and not subject.ent_type_:  # the model may tag a name it does not know as an adverb
        return None
    start = min(name_start_before(doc, subject.i + 1, sent), subject.i)  # a name the tagger took for an adverb
    if names.fold(span_text(doc, start, subject.i + 1)) in {*COUNTRIES, *DEMONYMS}:
        return None
    return start, subject.i + 1, det.i


# Words that may stand between an indefinite article and the capitalised words it opens ("a former …", "a new …").
_BEFORE_A_NAME = frozenset({"ADJ", "ADV"})
# Last words of a model's name ("Daryal-type", "Nimitz-class").
_MODEL_WORDS = frozenset({"type", "class"})
# A model's code ("S-400", "Su-24"): letters, a hyphen, digits.
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]{0,4}-\d{2,3}[A-Z]?$")
# Plural nouns a kind of site may qualify, saying several sites of that kind ("radar sites", "base installations").
_SEVERAL_SITES = frozenset({"sites", "systems", "positions", "installations", "batteries", "stations"})
# Kinds of entity the model gives to words that say when or what happened, never what a site is called.
_NOT_A_SITES_NAME = frozenset({"EVENT", "DATE"})


def _air_force_base(doc: Doc, head: Token, sent: Span) -> bool:
    """Whether a capitalised kind follows "Air Force" with a name before them ("Andersen Air Force Base"), the way
    an air force names its stations: the force's words are the kind's, not the name's."""
    i = head.i
    if i - 3 < sent.start or not head.text[:1].isupper() or doc[i - 1].text != "Force" or doc[i - 2].text != "Air":
        return False
    return is_name_token(doc[i - 3]) and names.fold(doc[i - 3].text) not in DEMONYMS


def _described_not_named(doc: Doc, start: int, end: int, head: Token) -> bool:
    """Whether the capitalised words before a kind of site describe it rather than name it: after "a" or "an" they
    say whose or what sort of site it is ("a former Khmer Rouge airstrip", "an Arvelian Navy station", "a Russian
    S-400 radar"), a site's name taking "the" or nothing; words the model reads as an event or a date say when it was
    used ("the World War II airfield"); a model's code says what kit a radar is ("the S-400 radar"); a kind that only
    qualifies several sites ("Houthi radar sites") names none; a sea or a region after "only" says which of its sort
    it is."""
    sent = head.sent
    if all(t.ent_type_ in _NOT_A_SITES_NAME for t in doc[start:end]) or doc[end - 1].lower_ in _MODEL_WORDS:
        return True  # "the World War II airfield"; "a Daryal-type radar": a model of kit, not a site's name
    if head.lower_ == "radar" and _MODEL_CODE.match(doc[start:end].text):
        return True
    if head.dep_ == "compound" and head.head.i > head.i and head.head.lower_ in _SEVERAL_SITES:
        return True
    if start > sent.start and doc[start - 1].lower_ == "only" and all(t.ent_type_ == "LOC" for t in doc[start:end]):
        return True  # "Russia's only Mediterranean naval facility": the one on that sea, whatever it is called
    i = start - 1
    while i >= sent.start and _describing_word(doc[i]):
        i -= 1
    return i >= sent.start and doc[i].lower_ in {"a", "an"}


def _when_words(doc: Doc, start: int, end: int) -> bool:
    """Whether the capitalised words before a kind say when it was used ("the World War Two airfield"), which leaves
    the name to the words after it; words after "a" that say whose it is ("a Kenya Navy station in Lamu County") do
    not."""
    return all(t.ent_type_ in _NOT_A_SITES_NAME for t in doc[start:end])


def _only_parties(name: str) -> bool:
    """Whether a name is countries or their adjectives alone, one or several joined by hyphens ("U.S.-British")."""
    return names.fold(name) in _PARTIES or all(names.fold(part) in _PARTIES for part in _JOINED_PARTIES.split(name))


_PARTIES = frozenset({*COUNTRIES, *DEMONYMS})
# Hyphens and slashes between the countries of a joint site ("U.S.-British", "Franco/German").
_JOINED_PARTIES = re.compile(r"\s*[-–/]\s*(?=[A-Z])")


def _describing_word(tok: Token) -> bool:
    """A word that may stand between "a" and the words before a kind: an adjective or adverb in lower case, or a
    people's adjective ("a Russian S-400 radar")."""
    return (tok.pos_ in _BEFORE_A_NAME and tok.text.islower()) or names.fold(tok.text) in DEMONYMS


def _describes_the_kind(tok: Token) -> bool:
    """A word an apposition may put before the kind of site: an adjective ("a small U.S. outpost"), a country, or a
    noun in lower case that says what sort of site it is ("a desert airstrip", "a helicopter base")."""
    return tok.pos_ == "ADJ" or named_party(tok) is not None or (tok.dep_ == "compound" and tok.text.islower())


def _a_forces_words(words: Span) -> bool:
    """Whether the words before a kind of site are a force's name, with adjectives or a country before it ("Egyptian
    Air Force", "Royal Air Force of Oman"): capitalised words, the force's own word ("Force", "Navy") last or before
    "of" and its country."""
    ends = [t.i for t in words if t.lower_ in _FORCE_NAME_ENDS and t.text[:1].isupper()]
    if not ends:
        return False
    tail = words.doc[ends[-1] + 1 : words.end]
    if len(tail) and (tail[0].lower_ != "of" or len(tail) == 1):
        return False
    return all(t.text[:1].isupper() or t.pos_ == "ADJ" for t in words if t.lower_ != "of")


def _a_forces_kind(doc: Doc, start: int, end: int, head: Token) -> bool:
    """Whether the capitalised words before a kind of site in lower case are a force's name, with at most a country
    before it ("an Israeli Air Force base", "the Kuwait Air Force base"), not a base's ("Ramstein Air Base")."""
    if not head.text.islower() or doc[end - 1].lower_ not in _FORCE_NAME_ENDS:
        return False
    return _a_forces_words(doc[start:end]) and not any(names.fold(doc[start].text) == w for w in ("camp", "fort"))


def _after_a_forces_name(doc: Doc, start: int, end: int, head: Token) -> Span | None:
    """The name after a capitalised kind of site that a force's name opens ("Marine Corps Air Station Velmor")."""
    if head.text.islower() or doc[end - 1].lower_ not in _FORCE_NAME_ENDS or not _a_forces_words(doc[start:end]):
        return None
    return name_following(doc, end, head, head.sent)


def _places_a_base_before(doc: Doc, start: int, sent: Span) -> bool:
    """Whether the name at `start` is the place a preposition right before it puts a base named just before in
    ("Camp Velm III in central Olbek, a base housing advisers": the apposition is the camp's)."""
    prep = start - 1
    while prep > sent.start and doc[prep].pos_ == "ADJ" and doc[prep].text.islower():
        prep -= 1
    if prep <= sent.start or doc[prep].pos_ != "ADP":
        return False
    return any(doc[j].lower_ in INSTALLATION_HEADS for j in range(max(sent.start, prep - PLACING_GAP), prep))


def _opening_phrase(doc: Doc, start: int, sent: Span) -> bool:
    """Whether the name at `start` is the object of the preposition a sentence opens with ("For the Velmor
    government, the bases …"): the definite phrase after its comma then begins the sentence's own clause, where
    "at Olbek, the Turkish air base where …" further on says more of the name."""
    i = start - 1
    while i > sent.start and doc[i].pos_ in {"DET", "ADJ", "PROPN"}:
        i -= 1
    opener = doc[i].pos_ in {"ADP", "SCONJ"}
    if opener and i > sent.start and doc[i - 1].text == ",":
        # "Far to the north, in Olbek, the …": an opening phrase after another, with no verb before it
        return not any(t.pos_ in {"VERB", "AUX"} for t in doc[sent.start : i])
    return opener and all(t.is_punct for t in doc[sent.start : i])


def _apposed_word(tok: Token) -> bool:
    """A word of a name: capitalised ("Korvik"), or a number after one ("Tower 22")."""
    capitalised = tok.text[:1].isupper() and tok.pos_ == "PROPN" and names.fold(tok.text) not in DEMONYMS
    return capitalised or (tok.like_num and tok.i > 0 and tok.doc[tok.i - 1].text[:1].isupper())


def _party_between(doc: Doc, start: int, end: int) -> str | None:
    """The country an apposition's words name before the kind ("a small U.S. outpost", "a Turkish air base"); the one
    after "of" in a force's name ("a Royal Air Force of Oman base")."""
    after_of = next((t.i + 1 for t in doc[start:end] if t.lower_ == "of"), start)
    return next((p for tok in doc[after_of:end] if (p := named_party(tok))), None)


def _force_named(doc: Doc, start: int, end: int) -> str | None:
    """The country a force's name stands for when no country word is in it ("Royal Air Force")."""
    return NATIONAL_FORCES.get(names.fold(span_text(doc, start, end)).removeprefix("the "))


def _kind(modifiers: list[str], head_kind: str) -> str:
    words = [m for m in dict.fromkeys(modifiers) if m not in head_kind.split()]
    return " ".join([*words, head_kind])


def _describes_the_one_before(doc: Doc, head: Token) -> bool:
    """Whether an unnamed installation noun's phrase comes right after another installation and a comma, as an
    apposition that says more of it: whose it is or what it is ("…, the fleet's main base in Crimea", "…, a base
    in Crimea"), not the next of a list ("the Velmor air base, the naval base in Ismailia and …")."""
    left = head.left_edge.i
    if left < 2 or doc[left - 1].text != "," or doc[left - 2].lower_ not in INSTALLATION_HEADS:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"a", "an"}) for c in head.children)


def _landmark(head: Token) -> bool:
    """Whether an installation noun stands after a preposition of nearness ("near X airport", "next to X airport"):
    a point that something else is placed by."""
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None:
        return False
    if prep.lower_ == "of" and prep.head.lower_ in _SURROUNDINGS:
        return True  # "on the outskirts of the Velmor port": where another site is
    site = prep.head
    if prep.lower_ in {"at", "inside", "within"} and site.pos_ == "NOUN" and site.lower_ not in _MILITARY_CONTEXT:
        named = site.doc[site.left_edge.i : site.i]  # "the Velmor transit center at the X airport": its place
        return any(w.dep_ == "compound" and w.pos_ == "PROPN" for w in named)
    return prep.lower_ in _NEARNESS or (prep.lower_ == "to" and prep.head.lower_ in {"next", "close"})


# Nouns of what lies around a site, whose "of" makes the site a landmark ("on the outskirts of the port").
_SURROUNDINGS = frozenset({"outskirts", "edge", "edges", "perimeter", "gates", "vicinity", "fringes", "environs"})


def _is_military(kind: str, modifiers: list[str], sent: Span, head: Token) -> bool:
    if modifiers or kind in SELF_MILITARY_HEADS:
        return True
    if kind == "base":
        # "a Royal Air Force of Oman base": a force's name, capitalised, is military context too
        military = (t for t in sent if t.lower_ in _MILITARY_CONTEXT or t.text == "Force")
        return any(t.lower_ not in {"base", "bases"} for t in military) or any(map(_a_partys_control, sent))
    if kind in _USED_BY_A_MILITARY and _landmark(head):
        return False  # "located next to X International Airport": where another site is, not a site of its own
    if kind in _KEPT_KINDS and (_kept_by_a_force(head) or _armed_at(head)):
        return True  # "the Navy runs the Velmor communications station"; "Turkish armoured vehicles at the … camp"
    if kind in _USED_BY_A_MILITARY:  # an airport or a port is military while forces are kept there, not when struck
        return _kept_in(sent) or _kept_in_next(sent, kind)
    return False


def _numbered_of_a_party(doc: Doc, start: int, end: int) -> int | None:
    """Where a unit's number stands before the demonym that ends the words before a kind ("the 102nd Russian
    military base", with or without "the"); None when the words are no such pair."""
    demonym = end - 1
    number = demonym - 1
    if number < 0 or names.fold(doc[demonym].text) not in DEMONYMS or not _ORDINAL_NUMBER.fullmatch(doc[number].text):
        return None
    if number > 0 and (doc[number - 1].tag_ in {"PRP$", "POS"}):
        return None  # "its 3rd Turkish base in Iraq": the number counts the owner's bases, it names none
    return number if start in {number, demonym, end} else None


def _numbered(first: Token, kind: str) -> bool:
    """ "the 954th torpedo testing base", "the 7th base": a base numbered as a military unit is numbered."""
    return kind == "base" and bool(_ORDINAL_NUMBER.fullmatch(first.text))


_ORDINAL_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)")


def _base_in_a_proper_name(doc: Doc, start: int, end: int, head: Token, kind: str) -> bool:
    """Whether a name and "Base" are written in capitals as one proper name, the way forces name their bases ("the
    former Eagle Base near Tuzla"), with no military word needed around it. Not in a headline in title case, where
    every word is capitalised, nor before a noun it qualifies ("the Coast Guard Base commander"). Another kind is one
    when a military word is among the name's capitals ("the Naval Support Facility in Velm")."""
    military_word = any(t.lower_ in MILITARY_MODIFIERS and t.text[:1].isupper() for t in doc[start:end])
    if (kind != "base" and not military_word) or end != head.i or start >= end or not head.text[:1].isupper():
        return False
    if head.dep_ == "compound" and head.head.i > head.i:
        return False
    return all(is_name_token(t) for t in doc[start:end]) and not title_case_line(doc, head.i)


# The first words of the names forces give sites from common words ("Naval Support Facility", "Joint Logistics …").
_SERVICE_NAME_OPENERS = frozenset({*MILITARY_MODIFIERS, "joint", "combined"})


def _initials_in_the_name(doc: Doc, start: int, head: Token) -> bool:
    """Whether a country's initials stand before a name written in capitals with its kind and a military word ("the
    UK Naval Support Facility", "the UK Joint Logistics Support Base"): a name of common words, which the country opens
    as well as saying whose it is; not a name of its own ("the US Velmor Air Base"), nor a country's name or adjective
    ("Britain's", "the British")."""
    if start == 0 or not head.text[:1].isupper():
        return False
    initials = doc[start - 1]
    if not initials.text.replace(".", "").isupper() or named_party(initials) is None:
        return False
    words = doc[start : head.i]
    return all(t.text[:1].isupper() for t in words) and words[0].lower_ in _SERVICE_NAME_OPENERS


# Kinds of site that are military when a force keeps them ("a communications station", "a fuel depot").
_KEPT_KINDS = frozenset({"station", "facility", "depot", "camp"})
# Forces that run a camp where they train others ("Russian instructors have run a training camp at Velmor").
_TRAINERS = frozenset({"instructors", "advisers", "advisors", "trainers", "mercenaries", "peacekeepers"})
# Verbs of running a site, whose subject keeps it.
_RUNNING = frozenset("runs run ran operates operated operate maintains maintained keeps kept uses used".split())


def _kept_by_a_force(head: Token) -> bool:
    """Whether the site is what a force runs, operates or keeps ("The Russian Navy also runs the … station")."""
    verb = head.head
    if head.dep_ != "dobj" or verb.lower_ not in _RUNNING:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (
        subject.lower_ in _MILITARY_CONTEXT | _TRAINERS or subject.text in {"Force", "Forces"}
    )


# Nouns of soldiers, and of weapons that only armies keep ("armoured vehicles", "tanks"), kept at a site.
_SOLDIERS = frozenset({"troops", "soldiers", "tanks", "artillery"})
_ARMOURED = frozenset({"armoured", "armored"})
# Prepositions that put what a noun names at a site.
_AT_A_SITE = frozenset({"at", "in", "inside"})


def _armed_at(head: Token) -> bool:
    """Whether the site is where soldiers or armoured vehicles are said to be ("Turkish armoured vehicles at the
    Velmor camp", "troops at the Olbek depot"); "families at the Velmor camp" are not."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in _AT_A_SITE:
        return False
    held = prep.head
    armoured = any(c.lower_ in _ARMOURED for c in held.children)
    return held.lower_ in _SOLDIERS or (armoured and held.lower_ in {"vehicles", "vehicle", "carriers"})


# Nouns of control, which say a site is military when a country or a force holds it ("under Egyptian control").
_CONTROL = frozenset({"control", "command", "hands"})


def _a_partys_control(tok: Token) -> bool:
    """ "Egyptian control", "the command of the Egyptian army", "Egypt's hands": control a country or a force has."""
    if tok.lower_ not in _CONTROL:
        return False
    owners = [c for c in tok.children if c.dep_ in {"amod", "poss", "compound"}]
    owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(named_party(o) is not None or o.lower_ in _MILITARY_CONTEXT for o in owners)


def _kept_in(sent: Span) -> bool:
    """Whether a sentence keeps forces somewhere rather than attacks something."""
    if any(t.lower_ in ATTACK_VERBS for t in sent):
        return False
    # "the German air force ran a transport hub at the airport": an air force is kept where it runs something
    if any(
        t.lower_ in _PRESENCE_CONTEXT or (t.lower_ == "force" and t.i > sent.start and t.nbor(-1).lower_ == "air")
        for t in sent
    ):
        return True
    # "Turkey has begun flying drones from Gecitkale airport": warplanes are kept where they fly from
    return any(t.lower_ in _FLYING for t in sent) and any(t.lower_ in _WARPLANES for t in sent)


def _kept_in_next(sent: Span, kind: str) -> bool:
    """ "Erbil International Airport had not been affected. US-led coalition troops are based at a military section
    of the airport …": a civil site that one of the next sentences, speaking of "the airport", keeps forces at."""
    doc, end = sent.doc, sent.end
    for _ in range(FOLLOWING_SENTENCES):
        if end >= len(doc):
            return False
        nxt = doc[end].sent
        again = any(t.lower_ == kind and any(c.lower_ == "the" for c in t.children) for t in nxt)
        if again and _kept_in(nxt):
            return True
        end = nxt.end
    return False
