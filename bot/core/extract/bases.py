"""Military installations, found by the phrase that names them, with operator and location from context.

"the Tartous naval port", "Russia's Hmeimim air base", "the naval base at Tartus", "Incirlik Air Base": a named
head noun with a military word beside it (or one military by itself, like "airbase" or "garrison"). "Base of
operations", "power base", "database" and towns taken in fighting are not installations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core import names
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.extract.operators import KEEPING
from bot.core.lexicon import (
    CAPITALS,
    COUNTRY_VARIANTS,
    DEMONYMS,
    INSTALLATION_HEADS,
    MILITARY_MODIFIERS,
    NON_INSTALLATION_AFTER,
    NON_INSTALLATION_BEFORE,
    SELF_MILITARY_HEADS,
)

_MILITARY_CONTEXT = frozenset(
    """
    military troops forces army navy naval soldiers deployed deployment warplanes jets fighter strikes
    airstrikes defence defense missile missiles drones garrison bases base presence warships fleet
    militia militias fighters coalition brigade brigades battalion battalions insurgents
    """.split()
)
_MILITARY_NOUNS = frozenset(
    """
    bases base forces troops soldiers military navy fleet warships ships vessels submarines warplanes jets aircraft
    bombers planes presence personnel contingent units
    """.split()
)
# Heads that are nouns whatever the tagger says.
_NEVER_VERBS = frozenset({"airfield", "airfields", "airbase", "airbases", "airport", "airports", "airstrip"})
_NAME_PREPOSITIONS = frozenset({"at", "in", "near", "of", "outside"})
# Words after a place that make it the installation's surroundings rather than its name.
_AREA_NOUNS = frozenset({"district", "province", "governorate", "region", "countryside", "area", "suburb"})
# Civil kinds of site that a military can use ("Qamishli airport", after years as a Russian outpost).
_USED_BY_A_MILITARY = frozenset({"airport", "port"})
# How many sentences after an airport or a port may say that forces are kept at it.
FOLLOWING_SENTENCES = 2
# Words that say forces are kept somewhere, as opposed to words of an attack on it.
_PRESENCE_CONTEXT = frozenset(
    """
    military troops forces army soldiers deployed deployment garrison presence outpost personnel contingent
    police stationed
    """.split()
)
_ATTACK_VERBS = frozenset(
    """
    struck strike strikes hit hits attacked attack attacks targeted target targets bombed shelled raided
    """.split()
)
_ARTICLE_PREFIXES = frozenset({"al", "el", "ad", "as", "ash", "ar", "at", "az", "es", "ez", "ed", "en", "er", "ul"})
_LOCATION_PREPOSITIONS = frozenset({"in", "near", "outside"})
# Who built a base long ago is history, not its operator: "built" is not here.
_OPERATED_BY = frozenset({"operated", "run", "used", "controlled", "held", "leased", "manned"})
# Verbs of keeping forces somewhere ("Russia keeps warships at Tartus", "troops stationed at al-Tanf").
_KEEPING_VERBS = frozenset(
    """
    keep keeps kept keeping maintain maintains maintained station stations stationed deploy deploys deployed
    use uses used have has had operate operates operated base based host hosts hosted remain remains remained
    be is are was were
    """.split()
)
# How many lower-case nouns of a site may stand between its name and the head ("Conoco gas field base").
MAX_SITE_NOUNS = 2
# Verbs of a relative clause that place the installation it follows ("the base they built in Gao").
_PLACED_BY = KEEPING | frozenset("built build builds set established establish opened open leased lease".split())
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_NAME_ENTS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PERSON", "PRODUCT", ""})
COUNTRIES = frozenset(names.fold(c) for c in DEMONYMS.values()) | frozenset(COUNTRY_VARIANTS)


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
    heads = [t for t in doc if _installation_head(doc, t)]
    for tok in heads:
        phrase = _phrase(doc, tok)
        if phrase is not None:
            found.append(phrase)
            found += _coordinated(doc, tok, phrase) + _listed_after(doc, tok, phrase)
    known = frozenset(names.key(p.name) for p in found)
    done = {p.head for p in found}
    for tok in (t for t in heads if t.i not in done):
        phrase = _phrase(doc, tok, known)
        if phrase is not None:
            found.append(phrase)
    return sorted(found, key=lambda p: p.name_start)


def _installation_head(doc: Doc, tok: Token) -> bool:
    is_noun = tok.pos_ in {"NOUN", "PROPN"} or tok.lower_ in _NEVER_VERBS  # the tagger calls "airfield" a verb
    return tok.lower_ in INSTALLATION_HEADS and is_noun and not _other_sense(doc, tok)


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
        start = _name_start_before(doc, end, sent)
        if start >= end:
            break
        name = names.clean_surface(doc[start:end].text)
        full = f"{name} {doc[last.name_end : head.i].text_with_ws}{_singular(head.text)}"
        out.append(replace(last, name=name, full_name=full, name_start=start, name_end=end,
                           tokens=frozenset(range(start, end))))  # fmt: skip
        end = start
    return out


def _names_listed_after(doc: Doc, head: Token, sent: Span) -> list[Span]:
    """ "Russia's bases at Hmeimim and Tartus", "US bases at Conoco, al-Omar and Shaddadi": the names listed after a
    plural head and "at" (never "in": "bases in Latakia and Tartus" says where they are, not what they are called)."""
    if not head.lower_.endswith("s") or head.i + 2 >= sent.end or doc[head.i + 1].lower_ != "at":
        return []
    found: list[Span] = []
    i = head.i + 2
    while i < sent.end:
        while i < sent.end and doc[i].lower_ in {"the", "a"}:
            i += 1
        start = i
        while i < sent.end and (is_name_token(doc[i]) or (doc[i].text == "-" and i > start)):
            i += 1
        if i == start or (i < sent.end and doc[i].lower_ in _AREA_NOUNS):
            break
        if names.fold(doc[start:i].text) not in COUNTRIES:
            found.append(doc[start:i])
        if i + 1 < sent.end and doc[i].lower_ in {",", "and"}:
            i += 2 if doc[i].text == "," and doc[i + 1].lower_ == "and" else 1
            continue
        break
    return found


def _listed_after(doc: Doc, head: Token, first: InstallationPhrase) -> list[InstallationPhrase]:
    """The other installations of a list after a plural head, with what the sentence says of the first."""
    if first.name_start < head.i:
        return []
    suffix = first.full_name[len(first.name) :]
    return [
        replace(first, name=names.clean_surface(span.text), full_name=names.clean_surface(span.text + suffix),
                name_start=span.start, name_end=span.end, tokens=frozenset(range(span.start, span.end)))
        for span in _names_listed_after(doc, head, head.sent)[1:]
    ]  # fmt: skip


def _other_sense(doc: Doc, head: Token) -> bool:
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    prev = doc[head.i - 1] if head.i > 0 else None
    return (nxt is not None and nxt.lower_ in NON_INSTALLATION_AFTER) or (
        prev is not None and prev.lower_ in NON_INSTALLATION_BEFORE
    )


def _phrase(doc: Doc, head: Token, known: frozenset[str] = frozenset()) -> InstallationPhrase | None:
    sent = head.sent
    i = head.i - 1
    while i >= sent.start and doc[i].lower_ in MILITARY_MODIFIERS:
        i -= 1
    modifiers = [MILITARY_MODIFIERS[doc[j].lower_] for j in range(i + 1, head.i)]
    kind = _kind(modifiers, INSTALLATION_HEADS[head.lower_])
    name_end = i + 1
    name_start = _name_start_before(doc, name_end, sent)
    if name_start == name_end and (site := _site_name_before(doc, name_end, head, sent)) is not None:
        name_start = site  # "the Conoco gas field base": the site's whole name
    owner = _owner_before(doc, name_start, sent)
    if name_start < name_end:
        name = doc[name_start:name_end].text
        full = doc[name_start : head.i].text_with_ws + _singular(head.text)
    elif (titled := _name_following(doc, i + 1, head, sent)) is not None:
        name_start, name_end = i + 1, titled.end  # "Air Base 201", "Camp Lemonnier": the kind is in the name
        name = full = doc[name_start:name_end].text
    else:
        listed_after = _names_listed_after(doc, head, sent)
        after = _name_after(doc, head, sent) or _name_in_relative_clause(head) or next(iter(listed_after), None)
        if after is None:
            return None
        name_start, name_end = after.start, after.end
        name = after.text
        full = f"{name} {doc[i + 1 : head.i].text_with_ws.lower()}{_singular(head.lower_)}"
    listed = head.lower_.endswith("s") and _listed_before(doc, name_start, sent)  # "the Khmeimim and Tartus bases"
    listed = listed or (name_start > head.i and head.lower_.endswith("s"))  # "its bases at Hmeimim and Tartus"
    military = listed or _is_military(kind, modifiers, sent) or names.key(name) in known
    if not military or names.fold(name) in {*COUNTRIES, *DEMONYMS}:
        return None
    operator = owner or _stationed_at(head) or _operated_by(doc, head, sent) or _operator_in_sentence(sent, head)
    return InstallationPhrase(
        name=names.clean_surface(name),
        full_name=names.clean_surface(full),
        kind=kind,
        name_start=name_start,
        name_end=name_end,
        operator=operator,
        location=_location(sent, head, operator, names.clean_surface(name)),
        sentence=sent.text.strip(),
        tokens=frozenset(range(name_start, name_end)),
        head=head.i,
        owner=owner,
    )


def _singular(word: str) -> str:
    return word[:-1] if word.lower().endswith("s") and word.lower() != "barracks" else word


def _listed_before(doc: Doc, name_start: int, sent: Span) -> bool:
    """Whether another name is listed before this one ("Khmeimim and" Tartus bases)."""
    i = name_start - 1
    return i - 1 >= sent.start and doc[i].lower_ in {"and", ","} and is_name_token(doc[i - 1])


def _kind(modifiers: list[str], head_kind: str) -> str:
    words = [m for m in dict.fromkeys(modifiers) if m not in head_kind.split()]
    return " ".join([*words, head_kind])


def is_name_token(tok: Token) -> bool:
    """Whether a word may be part of an installation's name."""
    if _ORDINAL.match(tok.text) and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the":
        return True  # "the 201st military base"
    if tok.lower_ in _ARTICLE_PREFIXES and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":
        return True  # the "al" of "al-Tanf"
    return (
        tok.text[:1].isupper()
        and tok.pos_ in {"PROPN", "NOUN", "ADJ", "NUM", "X"}
        and tok.ent_type_ in _NAME_ENTS
        and names.fold(tok.text) not in DEMONYMS
        and not (tok.is_sent_start and tok.pos_ != "PROPN")
    )


def _name_start_before(doc: Doc, end: int, sent: Span) -> int:
    i = end - 1
    while i >= sent.start and (is_name_token(doc[i]) or (doc[i].text == "-" and i > sent.start)):
        i -= 1
    start = i + 1
    while start < end and doc[start].text == "-":
        start += 1
    return start


def _owner_before(doc: Doc, start: int, sent: Span) -> str | None:
    """ "Russia's Hmeimim air base", "the Russian naval base": the operator written into the phrase."""
    i = start - 1
    if i >= sent.start and doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    if i > sent.start and doc[i].tag_ == "POS" and doc[i - 1].ent_type_ in {"GPE", "ORG", "NORP"}:
        return country(doc[i - 1].text)
    for j in range(start - 1, max(sent.start, start - 3) - 1, -1):
        if names.fold(doc[j].text) in DEMONYMS and doc[j].head.i >= start:  # modifies the phrase, not a verb
            return country(doc[j].text)
    return None


def _name_after(doc: Doc, head: Token, sent: Span) -> Span | None:
    """ "the naval base at Tartus": a singular installation named by the place after it."""
    if head.lower_.endswith("s") and head.lower_ not in {"barracks"}:
        return None
    i = head.i + 1
    if i >= sent.end or doc[i].lower_ not in _NAME_PREPOSITIONS:
        return None
    i += 1
    while i < sent.end and doc[i].lower_ in {"the", "a"}:
        i += 1
    start = i
    while i < sent.end and is_name_token(doc[i]):
        i += 1
    if i < sent.end and doc[i].lower_ in _AREA_NOUNS:
        return None  # "the logistics base in the Tarsus district": where it is, not what it is called
    while i > start and i < sent.end and doc[i].pos_ == "NOUN" and doc[i - 1].dep_ == "compound":
        i += 1  # "an outpost at the Conoco gas field": the site's whole name
    return doc[start:i] if i > start else None


def _site_name_before(doc: Doc, end: int, head: Token, sent: Span) -> int | None:
    """ "the Conoco gas field base", "the Lafarge cement plant base": a name and the lower-case nouns of the site it
    names, compounds of the head; where the name starts, or None."""
    i = end - 1
    while i >= sent.start and end - i <= MAX_SITE_NOUNS and doc[i].pos_ == "NOUN" and doc[i].text.islower():
        if doc[i].dep_ != "compound" or not any(a.i == head.i for a in doc[i].ancestors):
            return None
        i -= 1
    if i == end - 1:
        return None
    start = _name_start_before(doc, i + 1, sent)
    return start if start <= i else None


def _name_following(doc: Doc, first: int, head: Token, sent: Span) -> Span | None:
    """ "Air Base 201", "Naval Support Activity Bahrain": a kind written in capitals and followed at once by a
    number or a name is a name that starts with its kind."""
    if not all(t.text[:1].isupper() for t in doc[first : head.i + 1]) or head.is_sent_start:
        return None
    if head.dep_ == "compound" and head.head.i > head.i:
        return None  # "the 39th Air Base Wing": the words name a unit, not a place
    i = head.i + 1
    while i < sent.end and (doc[i].like_num or (is_name_token(doc[i]) and doc[i].pos_ == "PROPN")):
        i += 1
    return doc[head.i + 1 : i] if i > head.i + 1 else None


def _name_in_relative_clause(head: Token) -> Span | None:
    """ "the military base they built in Gao", "the airfield that Russia keeps at Kamyr": a singular installation
    named by where the clause right after it says it was built or is kept."""
    if head.lower_.endswith("s") or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    for verb in (c for c in head.children if c.dep_ == "relcl" and c.lower_ in _PLACED_BY):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "near"}):
            place = next((c for c in prep.children if c.dep_ == "pobj" and is_name_token(c)), None)
            if place is not None and place.pos_ == "PROPN":
                start = min([place.i, *(c.i for c in place.children if c.dep_ == "compound" and is_name_token(c))])
                return place.doc[start : place.i + 1]
    return None


def _is_military(kind: str, modifiers: list[str], sent: Span) -> bool:
    if modifiers or kind in SELF_MILITARY_HEADS:
        return True
    if kind == "base":
        return any(t.lower_ in _MILITARY_CONTEXT and t.lower_ not in {"base", "bases"} for t in sent)
    if kind in _USED_BY_A_MILITARY:  # an airport or a port is military while forces are kept there, not when struck
        return _kept_in(sent) or _kept_in_next(sent, kind)
    return False


def _kept_in(sent: Span) -> bool:
    """Whether a sentence keeps forces somewhere rather than attacks something."""
    return not any(t.lower_ in _ATTACK_VERBS for t in sent) and any(t.lower_ in _PRESENCE_CONTEXT for t in sent)


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


def _stationed_at(head: Token) -> str | None:
    """ "U.S. forces at the al-Tanf garrison", "Russian forces are stationed at the Khmeimim air base", "Russia
    keeps warships at Tartus": who has forces at the place the phrase names (never in an attack's sentence)."""
    prep = head.head
    while prep.dep_ == "conj" and prep.head is not prep:  # "at the X air base and in Tartus"
        prep = prep.head
    if prep.dep_ != "prep" or prep.lower_ not in {"at", "in", "on", "from"}:
        return None
    holder = prep.head
    if holder.lower_ in _MILITARY_NOUNS:
        return _nationality(holder)
    if holder.pos_ in {"VERB", "AUX"} and holder.lower_ in _KEEPING_VERBS and not _attacked(holder.sent):
        for child in holder.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.lower_ in _MILITARY_NOUNS:
                return _nationality(child)
            if child.dep_ == "nsubj" and (child.ent_type_ == "GPE" or names.fold(child.text) in CAPITALS):
                subject = country(_ent_text(child))
                return subject if names.fold(subject) in COUNTRIES else None
    return None


def _nationality(noun: Token) -> str | None:
    """ "Russian forces", "U.S. troops", "Russia's warships": whose a military noun says they are."""
    for child in noun.children:
        if names.fold(child.text) in DEMONYMS or child.ent_type_ in {"GPE", "NORP"}:
            found = country(_ent_text(child))
            if names.fold(found) in COUNTRIES:
                return found
    return None


def _attacked(sent: Span) -> bool:
    return any(tok.lower_ in _ATTACK_VERBS for tok in sent)


def _operated_by(doc: Doc, head: Token, sent: Span) -> str | None:
    for i in range(head.i + 1, min(sent.end - 1, head.i + 6)):
        if doc[i].lower_ in _OPERATED_BY and doc[i + 1].lower_ == "by":
            ent = next((t for t in doc[i + 2 : sent.end] if t.ent_type_ in {"GPE", "NORP", "ORG"}), None)
            return country(_ent_text(ent)) if ent is not None else None
    return None


def _operator_in_sentence(sent: Span, head: Token) -> str | None:
    """A nationality beside a military noun ("Russian bases"), or a country as the subject of the clause.

    Not in a sentence about an attack: there the nationality is the attacker's ("Israeli jets struck the base").
    """
    if any(tok.lower_ in _ATTACK_VERBS for tok in sent):
        return None
    for tok in sent:
        if names.fold(tok.text) in DEMONYMS and tok.head.lower_ in _MILITARY_NOUNS:
            return country(tok.text)
    for verb in (_governing_verb(head), sent.root):
        for child in verb.children if verb is not None else ():
            if child.dep_ == "nsubj" and child.ent_type_ == "GPE":
                subject = country(_ent_text(child))
                if names.fold(subject) in COUNTRIES:
                    return subject
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose clause holds the phrase ("Moscow *keeps* its fleet at the … port, officials said")."""
    for ancestor in tok.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def _location(sent: Span, head: Token, operator: str | None, name: str) -> str | None:
    """Where the sentence puts the installation: a place right after it ("near Adana", "in Homs province"),
    else the country the sentence is set in ("a military presence in Syria"); never the operator or the name."""
    after = [t for t in sent if t.i > head.i and t.lower_ in _LOCATION_PREPOSITIONS]
    anywhere = [t for t in sent if t.lower_ == "in"]
    for candidates, countries_only in ((after[:1], False), (anywhere, True)):
        for tok in candidates:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
            if nxt is None or nxt.ent_type_ not in {"GPE", "LOC"}:
                continue
            place = country(_ent_text(nxt))
            if place in {operator, name} or (countries_only and names.fold(place) not in COUNTRIES):
                continue
            return place
    return None


def _ent_text(tok: Token) -> str:
    """The text of the entity holding `tok` (read from the token's own entity tags: `doc.ents` is rebuilt from
    every token on each access)."""
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return str(tok.text)
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def country(text: str) -> str:
    """A country's usual name from a demonym, a capital or a variant ("Russian", "Moscow" give "Russia")."""
    folded = names.fold(names.clean_surface(text))
    if folded in DEMONYMS:
        return DEMONYMS[folded]
    return CAPITALS.get(folded) or COUNTRY_VARIANTS.get(folded) or names.clean_surface(text)
