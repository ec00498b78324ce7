"""What an installation phrase's own sentence suggests of its operator and location: an owner written into it
("Russia's Hmeimim air base"), forces stationed at it, "operated by" someone, a nationality beside a military noun,
a place right after it. `sites` weighs these against every other mention of the installation."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.mentions import Doc, Span, Token
from bot.core.extract.parties import COUNTRIES, entity_text, named_party, party_of
from bot.core.extract.tense import ONCE_WORDS, only_proposed
from bot.core.lexicon import CAPITALS, COUNTRY_VARIANTS, DEMONYMS

# Nouns for a state's forces and their kit; "force" and "army" end a force's name ("a jet of the Egyptian Air Force").
_MILITARY_NOUNS = frozenset(
    """
    bases base force forces army troops soldiers military navy fleet warships ships vessels submarines warplanes
    jets aircraft bombers planes presence personnel contingent units
    """.split()
)

ATTACK_VERBS = frozenset(
    """
    struck strike strikes hit hits attacked attack attacks targeted target targets bombed shelled raided
    striking hitting attacking targeting bombing shelling raiding pounded pounding bombarded bombarding destroyed
    rocketed fired firing launched launching
    """.split()
)

# Verbs of coming to a place as a guest, whose doers do not keep it.
_VISITING = frozenset("arrive arrives arrived arriving visit visits visited visiting call calls called".split())

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


def owner_before(doc: Doc, start: int, sent: Span) -> str | None:
    """ "Russia's Hmeimim air base", "the Russian naval base": the operator written into the phrase."""
    i = start - 1
    if i >= sent.start and doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    if i > sent.start and doc[i].tag_ == "POS":
        return _possessor(doc[i - 1])
    for j in range(start - 1, max(sent.start, start - 3) - 1, -1):
        if names.fold(doc[j].text) in DEMONYMS and doc[j].head.i >= start:  # modifies the phrase, not a verb
            return country(doc[j].text)
    return _body_before(doc, start, sent)


# How many adjectives in lower case may stand between a body's initials and the kind ("temporary operating").
BODY_GAP = 2


def _body_before(doc: Doc, start: int, sent: Span) -> str | None:
    """ "the UNVEM temporary operating base": a body's initials after "the" and before the adjectives of the
    kind say whose the base is."""
    i = start - 1
    while i >= sent.start and start - 1 - i < BODY_GAP and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        i -= 1
    if i - 1 < sent.start or doc[i - 1].lower_ != "the":
        return None
    tok = doc[i]
    initials = tok.text.isupper() and len(tok.text) > 2 and tok.text.isalpha()
    return tok.text if initials and tok.pos_ == "PROPN" and named_party(tok) is None else None


def _possessor(tok: Token) -> str | None:
    """ "Saudi Arabia's", "the Thai navy's", "Hezbollah's": the party whose the phrase is, read from the whole name
    the possessive ends (a country, a state's force), or that name itself when it is a body's own."""
    if party := named_party(tok) or party_of(tok):
        return party
    if full := _named_in_full_before(tok):
        return full
    if tok.ent_type_ in {"GPE", "ORG", "NORP"}:
        name = names.clean_surface(entity_text(tok)).removeprefix("the ").removeprefix("The ")
        said = country(name)
        if tok.ent_type_ == "GPE" and said == name and names.fold(name) not in COUNTRIES:
            return None  # "Olbek's Velmor air base": a town's is where it is, not whose
        return None if names.fold(said) in _GENERIC_FORCES else said  # "the Army's …": no party named
    return None


# Names of a state's forces that say nothing of which state's they are.
_GENERIC_FORCES = frozenset({"army", "navy", "air force", "armed forces", "military", "forces"})


# Words that stand, capitalised after "the", for a body the article has named in full ("the Force", "the Mission").
_SHORT_BODY_WORDS = frozenset({"force", "mission", "agency", "fleet", "flotilla", "command", "corps"})


def _named_in_full_before(tok: Token) -> str | None:
    """ "the Force's Camp Faouar", after "the United Nations Observer Force (UNOF)": the body named in full before
    whose last word the possessive repeats, by the acronym it was given if any."""
    doc = tok.doc
    if (
        tok.lower_ not in _SHORT_BODY_WORDS
        or not tok.text[:1].isupper()
        or tok.i == 0
        or doc[tok.i - 1].lower_ != "the"
    ):
        return None
    for ent in reversed([e for e in doc.ents if e.end <= tok.i - 1 and e.label_ == "ORG" and len(e) > 1]):
        if ent[-1].lower_ == tok.lower_:
            after = doc[ent.end + 1] if ent.end + 2 < len(doc) and doc[ent.end].text == "(" else None
            return str(after.text) if after is not None and after.is_upper else names.clean_surface(ent.text)
    return None


def stationed_at(head: Token) -> str | None:
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
                return None if only_proposed(holder) else _nationality(child)
            if child.dep_ == "nsubj" and (child.ent_type_ == "GPE" or names.fold(child.text) in CAPITALS):
                subject = country(entity_text(child))
                return subject if names.fold(subject) in COUNTRIES else None
    return None


def _nationality(noun: Token) -> str | None:
    """ "Russian forces", "U.S. troops", "Russia's warships": whose a military noun says they are."""
    for child in noun.children:
        if names.fold(child.text) in DEMONYMS or child.ent_type_ in {"GPE", "NORP"}:
            found = country(entity_text(child))
            if names.fold(found) in COUNTRIES:
                return found
    return None


def _attacked(sent: Span) -> bool:
    return any(tok.lower_ in ATTACK_VERBS for tok in sent)


def operated_by(doc: Doc, head: Token, sent: Span) -> str | None:
    """ "… air base, operated by Turkey": the party after "operated by", "run by" and the like."""
    for i in range(head.i + 1, min(sent.end - 1, head.i + 6)):
        if doc[i].lower_ in _OPERATED_BY and doc[i + 1].lower_ == "by":
            if doc[i - 1].lower_ in ONCE_WORDS:
                return None  # "…, once operated by Russia,": who held it before
            ent = next((t for t in _phrase_after(doc, i + 2, sent.end) if t.ent_type_ in {"GPE", "NORP", "ORG"}), None)
            return country(entity_text(ent)) if ent is not None else None
    return None


def _phrase_after(doc: Doc, start: int, end: int) -> list[Token]:
    """The words of the phrase after "by", up to a comma or the next clause ("used by the U.S.-led coalition, lies
    in Hasakah province": not Hasakah)."""
    words = []
    for tok in doc[start:end]:
        if tok.text in {",", ";", ":", "(", "—", "–"} or tok.tag_ in {"VBZ", "VBD", "VBP", "MD", "WDT"}:
            break
        words.append(tok)
    return words


def operator_in_sentence(sent: Span, head: Token) -> str | None:
    """A nationality beside a military noun ("Russian bases"), or a country as the subject of the clause.

    Not in a sentence about an attack: there the nationality is the attacker's ("Israeli jets struck the base").
    """
    if any(tok.lower_ in ATTACK_VERBS for tok in sent):
        return None
    for tok in sent:
        if names.fold(tok.text) in DEMONYMS and (forces := _forces_described(tok)) is not None:
            if _joint(tok) or (forces.dep_ == "nsubj" and forces.head.lower_ in _VISITING):
                continue  # "Iranian and Russian warships began a drill", "two Russian ships arrived at the base"
            if forces.dep_ == "dobj" and only_proposed(forces.head):
                continue  # "a plan to station Turkish air defences at the base"
            return country(tok.text)
    for verb in (_governing_verb(head), sent.root):
        for child in verb.children if verb is not None else ():
            if child.dep_ == "nsubj" and child.ent_type_ == "GPE":
                subject = country(entity_text(child))
                if names.fold(subject) in COUNTRIES:
                    return subject
    return None


def _forces_described(tok: Token) -> Token | None:
    """The military noun a demonym describes, itself or as one of a list of demonyms before it ("Iranian, Russian
    warships")."""
    doc = tok.doc
    i = tok.i
    while i + 1 < len(doc) and (doc[i + 1].text in {",", "and"} or names.fold(doc[i + 1].text) in DEMONYMS):
        i += 1
    after = doc[i + 1] if i + 1 < len(doc) else tok.head
    return next((n for n in (tok.head, after) if n.lower_ in _MILITARY_NOUNS), None)


def _joint(tok: Token) -> bool:
    """Whether a demonym stands in a list of demonyms ("Iranian, Russian warships", "U.S. and British jets"): forces
    of several countries together, none of whom the sentence makes the keeper."""
    doc = tok.doc
    near = [doc[j] for j in (tok.i - 2, tok.i + 2) if 0 <= j < len(doc) and doc[(j + tok.i) // 2].text in {",", "and"}]
    return any(names.fold(n.text) in DEMONYMS and names.fold(n.text) != names.fold(tok.text) for n in near)


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose clause holds the phrase ("Moscow *keeps* its fleet at the … port, officials said")."""
    for ancestor in tok.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return ancestor
    return None


def phrase_location(sent: Span, head: Token, operator: str | None, name: str) -> str | None:
    """Where the sentence puts the installation: a place right after it ("near Adana", "in Homs province"),
    else the country the sentence is set in ("a military presence in Syria"); never the operator or the name."""
    after = [t for t in sent if t.i > head.i and t.lower_ in _LOCATION_PREPOSITIONS]
    anywhere = [t for t in sent if t.lower_ == "in"]
    for candidates, countries_only in ((after[:1], False), (anywhere, True)):
        for tok in candidates:
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
            if nxt is None or nxt.ent_type_ not in {"GPE", "LOC"}:
                continue
            place = country(entity_text(nxt))
            if place in {operator, name} or (countries_only and names.fold(place) not in COUNTRIES):
                continue
            return place
    return None


def country(text: str) -> str:
    """A country's usual name from a demonym, a capital or a variant ("Russian", "Moscow" give "Russia")."""
    folded = names.fold(names.clean_surface(text))
    if folded in DEMONYMS:
        return DEMONYMS[folded]
    return CAPITALS.get(folded) or COUNTRY_VARIANTS.get(folded) or names.clean_surface(text)
