"""Who operates an installation, read from every sentence of the article that mentions it.

Each mention (the phrase "Russia's Hmeimim air base", or the bare "Incirlik" later on) is read through the
parse: who keeps, uses or stations forces there ("Russian forces are stationed at …", "which Russia has used"),
who it is handed to ("handed the garrison to the Syrian army"), an owner written beside it ("Incirlik, a Turkish
air base", "Russia's main air hub"). Who strikes it says nothing; who left it or handed it over is a former
operator, and a sentence about a year long past ("built by the Soviet Union in 1971") counts for little.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from bot.core import names
from bot.core.extract.guesses import ATTACK_VERBS
from bot.core.extract.keeping import (
    BELONGING,
    BUILDING,
    BUILT_WEIGHT,
    CLOSING,
    COALITION_NOUNS,
    CONTROL_NOUNS,
    CONVERTING,
    EXPELLING,
    FALLING,
    GRANTED_NOUNS,
    HANDED_TO,
    HANDING,
    HEADS,
    HELD_BY_COMPOUNDS,
    HOME_NOUNS,
    HOSTING,
    KEEPING,
    LEAVING,
    LEAVING_NOUNS,
    LISTING,
    MOVING,
    OPENING,
    OUT_OF,
    PART_NOUNS,
    PLACING_WORDS,
    PRESENCE_PREPOSITIONS,
    RUN_WEIGHT,
    RUNNING,
    SERVING,
    SITE_NOUNS,
    TAKING,
    TRAINER_WEIGHT,
    TRAINING,
    VISITING,
)
from bot.core.extract.mentions import Token
from bot.core.extract.parties import (
    COUNTRIES,
    GOVERNMENT,
    MILITARY_NOUNS,
    country_named_with,
    entity_text,
    led_by,
    named_group,
    named_party,
    party_of,
    subject_party,
    verb_of,
)
from bot.core.extract.tense import ONCE_WORDS, a_year, clause_year, latest_year, only_proposed, present, until
from bot.core.lexicon import CAPITALS, COUNTRY_VARIANTS, DEMONYMS, INSTALLATION_HEADS

# How much a claim from a sentence about a past year counts ("In 1971 the Soviet navy began to use …").
HISTORY_WEIGHT = 0.25
# The words that name a kind of site, joined once (not at every reading).
_SITE_WORDS = SITE_NOUNS | INSTALLATION_HEADS.keys()
# A host's own claim ("Incirlik has hosted U.S. aircraft") is weaker than a claim of the one who keeps it.
HOSTED_WEIGHT = 0.5
# An owner that is the country the installation stands in, against any other party's word.
HOST_OWNER_WEIGHT = 0.5
# How many words may stand between "a" and the kind of site in an apposition ("an Azerbaijani Air Force installation").
APPOSED_KIND_WORDS = 5
# How many years before the latest year an article names a takeover is history rather than a change of hands that
# still holds (a generation: bases change hands again within one).
LONG_AGO_YEARS = 25
# Forms of "to be", which say that what stands after them is what their subject is.
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "remained"})
# Kinds of site only a military keeps, which an apposition after a place's name still says of the base before it.
_MILITARY_SITES = frozenset({"base", "airbase", "airfield", "garrison", "outpost", "installation", "facility", "camp"})
# Words for a part of what a verb of leaving takes away ("withdrew most of their jets"): who takes a part stays.
_SOME_OF = frozenset({"most", "some", "part", "half", "many", "several", "few", "one", "two", "three"})
# An operator needs at least one present-day claim of ordinary weight.
OPERATOR_FLOOR = 0.5


@dataclass(frozen=True)
class Claim:
    """One sentence's word on who operates (or operated) the installation."""

    party: str
    former: bool = False
    weight: float = 1.0
    # A change of hands ("handed to the Iraqi army in 2020", "took control of it in 2023") lasts until another is
    # told: a past year does not make it history.
    lasting: bool = False


def decide(claims: Iterable[Claim]) -> str | None:
    """The party with the most present-day weight, unless the article says that party has left."""
    current: dict[str, float] = {}
    former: dict[str, float] = {}
    for claim in claims:
        into = former if claim.former else current
        into[claim.party] = into.get(claim.party, 0.0) + claim.weight
    ranked = sorted(current.items(), key=lambda kv: -kv[1])
    for party, weight in ranked:
        if weight >= OPERATOR_FLOOR and former.get(party, 0.0) < weight:
            return party
    return None


def after_takeovers(by_sentence: Iterable[tuple[int, list[Claim]]]) -> list[Claim]:
    """ "The garrison was held by French and then by UN troops before the Malian army took control of it": in a
    sentence where a party takes the installation over, whoever else is said to hold it held it before. Claims
    come with the start of their sentence."""
    listed = list(by_sentence)
    takers: dict[int, set[str]] = {}
    for sent, claims in listed:
        # a site handed over to no one named goes to its country's government, which takes it from no one it names
        takers.setdefault(sent, set()).update(
            c.party for c in claims if c.lasting and not c.former and c.party != GOVERNMENT
        )
    return [
        Claim(c.party, True, c.weight) if takers[sent] - {c.party} and not (c.lasting or c.former) else c
        for sent, claims in listed
        for c in claims
    ]


def claims_at(anchor: Token, owner: str | None = None, hosts: Collection[str | None] = ()) -> list[Claim]:
    """Every claim the sentence of one mention makes; `anchor` is the mention's head word. An owner written into
    the phrase that is a `hosts` country ("Libya's al-Watiya air base") may say where the base is rather than who
    keeps it: it counts as a guess."""
    year = clause_year(anchor)
    past, long_ago = year is not None, _long_ago(anchor, year)
    owner = owner or (party_of(anchor, direct=True) if anchor.lower_ in _SITE_WORDS else None)
    owner = owner or _held_by_compound(anchor)
    former = _is_former_phrase(anchor) or _left_by_owner(anchor)
    found = list(_modifier_claims(anchor))
    if (
        _left_by_owner(anchor) and anchor.head.lower_ in CLOSING
    ):  # "the base, leased to the United States in 2016, was closed in 2024": whoever kept it, no more
        found = [Claim(c.party, True, c.weight) for c in found]
    if not any(t.dep_ == "appos" for t in anchor.subtree):
        found += _apposed_kind_claims(anchor)
    found += _clause_claims(anchor, hosts)
    found += _claims_after_its_place(anchor)
    found += _housing_after(anchor)
    if owner:
        # "Syria's Hmeimim air base, where Russian forces are stationed": a country written as the owner, when its
        # own sentence keeps another country's forces there, is the host
        hosted = owner in hosts or (_is_country(owner) and any(_is_country(c.party) for c in found if not c.former))
        found.insert(0, Claim(owner, former, HOST_OWNER_WEIGHT if hosted and owner not in _parties(found) else 1.0))
    # "the Force's Camp Velmor … was reopened in 2023": the owner written into the phrase is whose it is as written,
    # not a part of what the past year tells
    written = found[0] if owner else None
    return [
        Claim(c.party, c.former, c.weight * HISTORY_WEIGHT)
        if past and not (c.former or (c.lasting and not long_ago)) and c is not written
        else c
        for c in found
    ]


def _long_ago(anchor: Token, year: int | None) -> bool:
    """ "German paratroopers seized the base in 1941", in an article about 2025: a takeover so long before the latest
    year the article names is history, though a recent one ("handed to the Iraqi army in 2020") still holds. `year`
    is the past year the anchor's clause is set in (`clause_year`)."""
    if year is None:
        return False
    latest = latest_year(anchor)
    return latest is not None and latest - year > LONG_AGO_YEARS


def _housing_after(anchor: Token, parsed: bool = True) -> Iterator[Claim]:
    """ "the air base housing U.S. troops": read from the words when the parser took "housing" for a noun (or, not
    `parsed`, whatever it took it for: a kind hung on a place is outside the parse of the base's phrase)."""
    doc = anchor.doc
    nxt = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in HOSTING or (parsed and nxt.pos_ not in {"NOUN", "PROPN"}):
        return  # a verb "housing" is read from the parse (see `_modifier_claims`)
    for tok in doc[nxt.i + 1 : min(len(doc), nxt.i + 1 + APPOSED_KIND_WORDS)]:
        if tok.lower_ in MILITARY_NOUNS:
            if party := party_of(tok) or party_of(tok, direct=True) or _coalition_of(tok):
                yield Claim(party, weight=HOSTED_WEIGHT)
            return


def _is_country(party: str) -> bool:
    return names.fold(party) in COUNTRIES


def _parties(claims: Iterable[Claim]) -> set[str]:
    return {c.party for c in claims if not c.former}


def _left_by_owner(anchor: Token) -> bool:
    """ "the UAE dismantled its military base", "its base was abandoned": a site its owner is said to have left or
    closed is theirs no more."""
    return anchor.dep_ in {"dobj", "nsubjpass"} and _left(anchor.head)


def _claims_after_its_place(anchor: Token) -> Iterator[Claim]:
    """ "the King Khalid Air Base in Khamis Mushait, in the southern Asir region, which is used by the Saudi air
    force": a relative clause of keeping after the phrase that places the installation speaks of the installation,
    though the parser hangs it on the last place (a town or a region is not "used by" an air force)."""
    doc = anchor.doc
    for tok in doc[_name_end(anchor) : anchor.sent.end]:
        if tok.lower_ in {"which", "that"} and doc[tok.i - 1].text == ",":
            verb = tok.head
            # "…, which is used by the Saudi air force", "…, which American sailors have operated since 2016"
            object_of = tok.dep_ in {"nsubjpass", "dobj"}
            holder = _name_holder(anchor)
            read = holder.left_edge.i <= verb.i <= holder.right_edge.i  # read with the phrase (`_modifier_claims`)
            if verb.dep_ == "relcl" and _hung_on_its_phrase(verb, anchor) and object_of and not read:
                # "…, which the United States built and left in 2024": a verb joined to the clause says more of it
                for v in (verb, *_joined_to_the_clause(verb)):
                    if v.lower_ in KEEPING or (v is not verb and v.lower_ in LEAVING):
                        yield from _verb_claims(v, "object")
            else:
                yield from _verb_taken_for_a_noun(tok)
            return
        if not _placing_word(tok):
            return


def _hung_on_its_phrase(verb: Token, anchor: Token) -> bool:
    """Whether a relative clause after the installation hangs on the place after it ("… in Khamis Mushait, which …")
    or on the word the installation's name is set beside ("a base in Gabon, Camp Velmor in Tarsk, which …")."""
    if verb.head.i > anchor.i:
        return True
    root = anchor
    while root.dep_ in {"compound", "nmod"} and root.head.i > root.i:
        root = root.head
    return bool(root.dep_ == "appos" and verb.head.i == root.head.i)


def _name_end(anchor: Token) -> int:
    """Where the name the anchor opens ends: "Camp de Gaulle" runs on past words the tagger takes for no name ("de")
    while the model reads them as one entity."""
    doc = anchor.doc
    end: int = anchor.i + 1
    last: int = anchor.sent.end
    while end < last and anchor.ent_type_ and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _joined_to_the_clause(verb: Token) -> Iterator[Token]:
    """ "which the United States built … and left in August 2024": verbs joined by "and" to a relative clause, with
    no subject or relative word of their own, that say more of what the clause is about."""
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        if not any(c.dep_ in {"nsubj", "nsubjpass"} or c.tag_ in {"WDT", "WRB"} for c in conj.children):
            yield conj


def _verb_taken_for_a_noun(which: Token) -> Iterator[Claim]:
    """ "…, which the Spanish Air Force runs", "…, which the Kuwait Air Force shares with …": after "which" and a
    force's name, a verb of keeping the tagger took for a plural noun (it reads "Force runs" as one noun phrase):
    the force keeps the site."""
    doc = which.doc
    i = which.i + 1 + (which.i + 1 < len(doc) and doc[which.i + 1].lower_ == "the")
    start = i
    while i < which.sent.end and doc[i].pos_ == "PROPN":
        i += 1
    if i == start or i >= which.sent.end:
        return
    verb = doc[i]
    if verb.tag_ == "NNS" and verb.lower_ in KEEPING and (party := _party_by(doc[i - 1])):
        yield Claim(party, weight=_keeping_weight(verb.lower_, "object"))


def _placing_word(tok: Token) -> bool:
    """A word of a phrase that places something ("in Khamis Mushait, in the southern Asir region", "east of
    Benghazi", "about 20 km south of the capital")."""
    if tok.pos_ in {"PROPN", "DET", "ADJ", "NUM", "PUNCT"} and tok.text not in {";", "(", ")", "—", "–"}:
        return True
    if tok.tag_ == "POS":
        return True  # "in Romania's Olt county"
    return tok.lower_ in PLACING_WORDS


def _held_by_compound(anchor: Token) -> str | None:
    """ "the Turkish-controlled base": "Turkish", "-", "controlled" before the head."""
    doc = anchor.doc
    for tok in doc[max(anchor.sent.start, anchor.i - 6) : anchor.i]:
        if tok.lower_ in HELD_BY_COMPOUNDS and tok.i >= 2 and doc[tok.i - 1].text == "-":
            party = named_party(doc[tok.i - 2])
            if party:
                return party
        before, dash, after = tok.text.rpartition("-")  # "U.S.-run", which the tokenizer keeps whole
        if dash and before and after.lower() in HELD_BY_COMPOUNDS and (party := _party_named(before)):
            return party
    return None


def _party_named(text: str) -> str | None:
    """The country a written name or demonym is ("U.S.", "Turkish"), without a parse."""
    folded = names.fold(text)
    return DEMONYMS.get(folded) or COUNTRY_VARIANTS.get(folded) or CAPITALS.get(folded)


def _once(tok: Token) -> bool:
    """ "…, once a U.S. outpost,", "…, formerly a Soviet facility,", "…, until 2021 a British facility,": an
    apposition said of a time gone."""
    return any(
        (c.dep_ == "advmod" and c.lower_ in ONCE_WORDS) or (c.dep_ == "prep" and c.lower_ == "until")
        for c in tok.children
    )


def _is_former_phrase(anchor: Token) -> bool:
    return any(child.lower_ in {"former", "ex", "old"} for child in anchor.children)


def _name_holder(anchor: Token) -> Token:
    """ "Camp Faouar, the headquarters of …", "at Camp Faouar": a kind that opens a name hangs on the name, which
    holds the mention's place in the parse."""
    while anchor.dep_ == "compound" and anchor.head.i > anchor.i and anchor.head.pos_ == "PROPN":
        anchor = anchor.head
    return anchor


def _modifier_claims(anchor: Token) -> Iterator[Claim]:
    """Appositions and relative clauses inside the mention's phrase: "Incirlik, a Turkish air base",
    "near Latakia, Russia's main air hub", "which American troops left in 2019 and which SDF fighters have used"."""
    anchor = _name_holder(anchor)
    for tok in anchor.subtree:
        if tok.dep_ in {"appos", "advmod"} and tok.lower_ == "home" and tok.head.i < tok.i:  # "…, home to …"
            yield from _home_to_claims(tok)
        elif tok.dep_ == "appos" and tok.lower_ in PLACING_WORDS:
            continue  # "… in Gyumri, Armenia's second city": whose the town is, not the base
        elif tok.dep_ == "appos" and tok.pos_ in {"NOUN", "PROPN", "ADJ"}:  # ADJ: "…, Russia's largest abroad"
            party = party_of(tok, direct=True) or _held_by_compound(tok)  # "…, a Turkish-controlled facility,"
            if party is None and tok.lower_ in HOME_NOUNS:  # "…, the headquarters of the UN force,"
                party = _whose_part(tok)
            if party:
                yield Claim(party, _is_former_phrase(tok) or _once(tok))
        elif tok.dep_ == "acl" and tok.lower_ in HANDED_TO and not _agent(tok):  # "…, leased to Russia"
            yield from _taker_claims(tok)
        elif tok.dep_ == "acl" and tok.tag_ == "VBN" and _agent(tok):  # "…, used by the U.S.-led coalition"
            yield from _verb_claims(tok, "object")
        elif tok.dep_ == "acl" and tok.lower_ in HOSTING:  # "the air base housing U.S. troops"
            yield from _guest_claims(tok)
        elif tok.dep_ == "prep" and tok.head == anchor and tok.lower_ in {"under", "in"}:  # "…, under SDF control,"
            for noun in (c for c in tok.children if c.dep_ == "pobj" and c.lower_ in CONTROL_NOUNS):
                if party := party_of(noun, direct=True) or _whose_part(noun):
                    yield Claim(party, weight=RUN_WEIGHT)
        elif tok.dep_ == "relcl" or (tok.dep_ == "conj" and tok.head.dep_ == "relcl"):
            role = _relative_role(tok)
            if role in {"dobj", "nsubjpass"}:
                yield from _verb_claims(tok, "object")
            elif role == "advmod":  # "where Russian forces are stationed"
                yield from _verb_claims(tok, "place")
            elif role == "nsubj":  # "which hosts U.S. troops", "which remains under Turkish command"
                yield from _subject_claims(tok)


def _relative_role(verb: Token) -> str | None:
    """What the relative word is to a relative clause's verb ("which Russia uses": its object); a verb joined to the
    clause with no subject or relative word of its own takes the clause's ("which Russia built and left")."""
    role = next((c.dep_ for c in verb.children if c.tag_ in {"WDT", "WRB"}), None)
    if role is None and verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return next((c.dep_ for c in verb.head.children if c.tag_ in {"WDT", "WRB"}), None)
    return role


def _apposed_kind_claims(anchor: Token) -> Iterator[Claim]:
    """ "…at the Dollyar air base, an Azerbaijani Air Force installation in the west": an apposition naming a kind of
    site with its owner, read from the words when the parser hung it elsewhere."""
    doc = anchor.doc
    i = anchor.i + 1
    kinds = SITE_NOUNS | HEADS
    while i < anchor.sent.end and doc[i].text != "," and _placing_word(doc[i]):
        i += 1  # "Velmor Air Base south of Tanta, an Egyptian base that …": after the phrase that places it
        kinds = _MILITARY_SITES  # "… near Olbek, a Syrian port": of the place, not of the base
    if i + 2 >= len(doc) or doc[i].text != "," or not _opens_an_apposed_kind(doc[i + 1]):
        return
    start = i + 2 if doc[i + 1].lower_ in {"a", "an"} else i + 3  # past "a" or "Turkey's"
    for j in range(start, min(len(doc), start + APPOSED_KIND_WORDS)):
        if _singular(doc[j].lower_) in kinds:
            party = next((p for t in doc[i + 1 : j] if (p := named_party(t))), None)
            if party:
                yield Claim(party)
            else:  # "…in central Olbek, a base housing US-led coalition advisers"
                yield from _housing_after(doc[j], parsed=False)
            return
        if doc[j].pos_ not in {"ADJ", "PROPN", "NOUN"}:
            return


def _opens_an_apposed_kind(tok: Token) -> bool:
    """ "a" or "an", or an owner's name with "'s" ("…in Olbek, Turkey's largest training facility abroad"), opening an
    apposition that may name a kind of site."""
    if tok.lower_ in {"a", "an"}:
        return True
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return after is not None and after.tag_ == "POS" and named_party(tok) is not None


def _home_to_claims(home: Token) -> Iterator[Claim]:
    """ "home to Russian warplanes", "home to Israel's F-35 squadrons", "home to the Egyptian Air Force's flight
    school": whose the forces, or the force's school or unit, a site is home to are."""
    for to in (c for c in home.children if c.lower_ == "to"):
        for noun in (c for c in to.children if c.dep_ == "pobj"):
            if party := party_of(noun) or _whose_part(noun) or _possessor_party(noun):
                yield Claim(party)


def _possessor_party(noun: Token) -> str | None:
    """ "the Egyptian Air Force's flight school", "Israel's drone academy": the country or force a noun of any
    kind is written as the possession of (a base is home to what the force keeps there, not only to troops)."""
    owners = (c for c in noun.children if c.dep_ == "poss")
    return next((p for c in owners if (p := named_party(c) or party_of(c))), None)


def _whose_part(noun: Token) -> str | None:
    """ "the forward headquarters of U.S. Central Command", "a squadron of the Royal Air Force": the party a
    unit or part belongs to, written after "of"."""
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for owner in (c for c in of.children if c.dep_ == "pobj"):
            party = party_of(owner) or named_party(owner) or named_group(owner) or _held_by_compound(owner)
            party = party or _body_named_before(owner)  # "under the control of the Velmor force"
            if party := party or party_of(owner, direct=True):  # "in the hands of the new Syrian authorities"
                return party
            # "the headquarters of the United Nations Observer Force (UNOF)": a force known by its acronym
            if party := next((p for c in owner.children if c.dep_ == "appos" and (p := named_party(c))), None):
                return party
    return None


def _clause_claims(anchor: Token, hosts: Collection[str | None] = ()) -> Iterator[Claim]:
    """What the clause around the mention says: forces kept at it, a verb done to it, a verb it does."""
    node = _name_holder(anchor)
    while node.dep_ == "conj" and node.head is not node:  # "the Hmeimim and Tartus bases"
        node = node.head
    name = node.doc[node.i - 1] if node.i > 0 else node
    if node.dep_ == "dep" and name.pos_ == "PROPN" and name.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"}:
        node = name  # "keeps jets at Velbor airfield", the kind left hanging: the name holds its place in the clause
    if _describes_the_name_before(node) or (
        _describes_the_name_before(node, "the") and not any(_modifier_claims(node))
    ):
        # "Velbor, a desert airstrip, hosts U.S. drones", "… are kept at Velbor, the naval base on the peninsula" (when
        # "the …" says nothing itself of who keeps it): the name it describes holds the place
        node = node.head
    if node.dep_ == "appos" and (kind := _apposed_kind(node)) is not None:
        # "The other main base of the Lebanese Air Force, Rayak air base, …": whose the kind it is set beside is
        if party := party_of(kind, direct=True) or _whose_part(kind):
            yield Claim(party)
        node = kind
    dep, head = node.dep_, node.head
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in CONTROL_NOUNS | GRANTED_NOUNS:
        node = head.head  # "handed control of the airport … to government troops", "gave Russia the use of it"
        dep, head = node.dep_, node.head
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in SITE_NOUNS | PART_NOUNS:
        node = head.head  # "a naval presence at the port of Tartous"
        dep, head = node.dep_, node.head
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in OUT_OF:
        verb = head.head.head  # "Russian troops pulled out of the air base", "F-16s operating out of it"
        if verb.lower_ in LEAVING or verb.lower_ in KEEPING:
            yield from _verb_claims(verb, "place")
        elif verb.lower_ in EXPELLING:
            yield from _expeller_claims(verb)
        return
    if dep == "pobj" and head.lower_ in LISTING and head.head.pos_ in {"NOUN", "PROPN"}:
        yield from _clause_claims(head.head, hosts)  # "forces would remain at a few locations, including the garrison"
        return
    if dep == "pobj" and head.lower_ in {"into", "to"} and head.head.lower_ in MOVING:
        if _to_come(head.head):
            return  # "the bombers will deploy to the base": not there yet, and guests when they are
        if party := subject_party(head.head):  # "Russian instructors moved into the base", "relocated to it"
            yield Claim(party, lasting=True)  # "In 2013 the drones moved to the airfield": there since, not history
        return
    if dep == "pobj" and head.dep_ == "prep" and head.lower_ in PRESENCE_PREPOSITIONS:
        holder = _holder(head)
        if holder.lower_ in MILITARY_NOUNS:
            yield from _holder_claims(holder)
        elif holder.lower_ in SITE_NOUNS and holder is not anchor:  # "the Navy's supply point in Tartus"
            yield from claims_at(holder, party_of(holder, direct=True), hosts)
        elif holder.lower_ in LEAVING_NOUNS:
            party = party_of(holder) or subject_party(verb_of(holder))
            if party:
                yield Claim(party, former=True)
        elif holder.pos_ in {"VERB", "AUX"}:
            yield from _verb_claims(holder, "place")
            yield from _described_site_claims(holder)  # "Their best-known base is at Zilkan"
    elif dep in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        yield from _verb_claims(head, "object")
        for then in _passives_going_on(head) if dep == "nsubjpass" else ():
            yield from _verb_claims(then, "object")
    elif dep == "attr" and head.pos_ in {"VERB", "AUX"}:
        yield from _described_site_claims(head)  # "Their largest base is the Velmor air base"
    if dep in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        yield from _subject_claims(head)


def _passives_going_on(verb: Token) -> Iterator[Token]:
    """ "The airfield was used by Soviet bombers until 1991 and is now operated by the Kazakh air force": a passive
    joined by "and" with no subject of its own and a doer after "by" says more of the same subject."""
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children) and _agent(conj) is not None:
            yield conj


def _describes_the_name_before(kind: Token, article: str = "a") -> bool:
    """Whether a kind of site is an apposition "a …" (or, with `article`, "the …") after the name it describes
    ("Velbor, a desert airstrip", "Velbor, the naval base on the peninsula")."""
    articles = {"a", "an"} if article == "a" else {article}
    described = any(c.dep_ == "det" and c.lower_ in articles for c in kind.children)
    before = kind.head.pos_ == "PROPN" and kind.head.i < kind.i
    return kind.dep_ == "appos" and described and kind.lower_ in HEADS and before


def _apposed_kind(name: Token) -> Token | None:
    """The kind of site a name is set beside: "The base, officially Velmor Air Base, …", and "the main base of the
    Lebanese Air Force, Rayak air base," when the parser hangs the name on the force rather than on the base."""
    kinds = _SITE_WORDS
    head = name.head
    if _singular(head.lower_) in kinds:
        return head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and _singular(head.head.head.lower_) in kinds:
        return head.head.head
    return None


def _described_site_claims(verb: Token) -> Iterator[Claim]:
    """ "Turkey's largest base abroad is at Zilkan", "their main base is the Velmor airfield": a copula whose
    subject is a kind of site someone owns says whose the site named after it is."""
    if verb.lower_ not in _COPULAS:
        return
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if _singular(subject.lower_) in _SITE_WORDS and (party := party_of(subject, True)):
            yield Claim(party, former=until(verb))


def _holder(prep: Token) -> Token:
    """What a preposition of place belongs to: "forces at the base"; the noun just before it when the parser hung
    it on a word further off ("consultations on the future of the Russian presence at the base", "the airbase and
    the Navy's supply point in Tartus"), unless that noun is the doer of the verb the preposition hangs on."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep.head
    if before.dep_ == "pobj" and before.head.dep_ == "agent":
        return prep.head  # "the raid carried out by Israeli aircraft on the base": the doer of another verb
    return before if before.lower_ in MILITARY_NOUNS | SITE_NOUNS and before.head is not prep else prep.head


def _holder_claims(holder: Token) -> Iterator[Claim]:
    """ "Russian forces at the base", "its presence at the bases": the forces' party; left, if their verb says so.
    Forces trained there are not the ones who keep it: their trainer is, a little ("Turkey trains Libyan forces at
    the air base")."""
    verb = verb_of(holder)
    if verb is not None and only_proposed(verb):
        return  # "a plan to station Turkish air defences at the base"
    if _visited(holder):
        return  # "the general greets Rwandan officers at the camp": visitors there, not its keepers
    if verb is not None and verb.lower_ in TRAINING and holder.dep_ == "dobj":
        if trainer := subject_party(verb):
            yield Claim(trainer, weight=TRAINER_WEIGHT)
        return
    party = party_of(holder) or _keeping_country(verb) or _group_forces(holder)
    weight = 1.0
    if party is None and verb is not None and verb.lower_ in KEEPING | BUILDING:
        party = subject_party(verb)  # "Russia has started forming a grouping of forces at the base"
        weight = 1.0 if verb.lower_ in KEEPING else BUILT_WEIGHT
    if party:
        yield Claim(party, former=verb is not None and _left(verb), weight=weight)


def _keeping_country(verb: Token | None) -> str | None:
    """ "Paris keeps Mirage jets at the base": a country (or its capital) that keeps forces named by their model or
    maker keeps them, whatever name stands before them."""
    if verb is None or verb.lower_ not in KEEPING:
        return None
    party = subject_party(verb)
    return party if party is not None and _is_country(party) else None


def _visited(holder: Token) -> bool:
    """Whether forces are what a verb of meeting has met ("greets Rwandan officers at …"), read from the word before
    them as well as from the parse (the tagger takes a caption's "greets" for a plural noun)."""
    start = holder.left_edge.i
    before = holder.doc[start - 1] if start > holder.sent.start else None
    verb = verb_of(holder)
    return (before is not None and before.lower_ in VISITING) or (
        verb is not None and verb.lower_ in VISITING and holder.dep_ == "dobj"
    )


def _verb_claims(verb: Token, role: str) -> Iterator[Claim]:
    """The claim of a verb whose object or place the installation is."""
    lemma = verb.lower_
    by = _agent(verb)
    if lemma in CONVERTING and any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        lemma = "handed"  # "the base was turned over to the army": handed, not made into something else
    if lemma in HANDING and role == "object" and _to_come(verb):
        if giver := subject_party(verb):  # "the SDF will hand the base over to the army next month": theirs till then
            yield Claim(giver)
    elif lemma in HANDING and role == "object":
        # "was handed back by US forces": the giver is the doer "by" names after a passive
        if giver := _party_by(by) if by is not None else subject_party(verb):
            yield Claim(giver, former=True)
        takers = list(_taker_claims(verb))
        yield from takers
        if not takers and _handed_over(verb):
            # "US forces handed over the drone base", "was handed back in 2024": to the country it stands in
            yield Claim(GOVERNMENT, lasting=True)
    elif lemma in HANDED_TO and role == "object" and (takers := list(_taker_claims(verb))):
        yield from takers  # "leased by Djibouti to the United States": the lessor owns it, the lessee keeps it
    elif lemma in CONVERTING and role == "object":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in ATTACK_VERBS and (party := subject_party(verb)):
            yield Claim(party)  # "Azerbaijan will turn the radar station into a command centre"
        elif subject is not None and subject.pos_ == "PROPN" and names.fold(subject.text) in COUNTRIES:
            yield Claim(str(subject.text))  # the model may take a country opening a sentence for a body
    elif lemma in LEAVING:
        if party := _party_by(by) if by is not None else subject_party(verb):  # "evacuated by Russian forces"
            yield Claim(party, former=_left(verb))
        if role == "object":
            yield from _taker_claims(verb)  # "…, leaving it to the Kurdish-led SDF"
        yield from _handed_on_after_leaving(verb)
    elif lemma in OPENING and role != "object":
        return  # "opened fire on the base"
    elif (lemma in KEEPING or lemma in BUILDING) and not only_proposed(verb):
        party = _party_by(by) if by is not None else subject_party(verb) or _subject_group(verb)
        doer = by if by is not None else next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if doer is not None and _of_several_countries(doer):
            # "where Polish and Romanian soldiers patrol", "where Japanese and American aircraft are stationed": forces
            # of several countries, none of which keeps it
            party = None
        weight = _keeping_weight(lemma, role)
        later = list(_later_doers(verb)) if by is not None else []
        if party:
            former = until(verb) or _keepers_left(verb) or bool(later)
            # "built in 1980, … which the Syrian air force now uses", "used … until 1991 and is now operated by …": a
            # relative or joined clause in the present is no history
            lasting = lemma in TAKING or (verb.dep_ in {"relcl", "conj"} and present(verb))
            if not lasting and verb.dep_ == "relcl" and _set_in_a_year(verb):
                weight *= HISTORY_WEIGHT  # "the base, which the Soviet air force built in the 1950s, now houses …"
            yield Claim(party, former=former, weight=weight, lasting=lasting)
        if lemma in TAKING and role == "object":
            yield from _taken_from(verb)
        for doer, ended in later:
            yield Claim(doer, former=ended, weight=weight)


def _keeping_weight(lemma: str, role: str) -> float:
    """How much a verb of keeping or building says: running the site itself ("run by the Estonian Air Force", "which
    the Navy operates") says most, being there ("deployed at it", "flies from it") less, building it least."""
    if lemma in RUNNING and role == "object":
        return RUN_WEIGHT
    return 1.0 if lemma in KEEPING else BUILT_WEIGHT


# Words that stand for the sites a verb of leaving named, as the object of a verb of handing after it.
_THE_SITES_LEFT = frozenset({"it", "them", "both", "all", "each"})


def _taken_from(verb: Token) -> Iterator[Claim]:
    """ "Chad's army took over the air base from French forces": who a site is taken from held it before."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for from_ in (c for h in (verb, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"):
        for holder in (c for c in from_.children if c.dep_ == "pobj"):
            if party := _party_by(holder):
                yield Claim(party, former=True)


def _handed_on_after_leaving(verb: Token) -> Iterator[Claim]:
    """ "French troops withdrew from the naval station and the airfield in March, handing both to Senegal": who a
    verb of handing joined to a verb of leaving gives what was left to holds it from then on."""
    for handing in (c for c in verb.children if c.dep_ in {"advcl", "conj"} and c.lower_ in HANDING):
        if any(c.dep_ == "dobj" and c.lower_ in _THE_SITES_LEFT for c in handing.children) and not _to_come(handing):
            yield from _taker_claims(handing)


def _later_doers(verb: Token) -> Iterator[tuple[str, bool]]:
    """ "used by the Soviet and then the Russian Navy", "by Soviet troops and then by American forces until 2021":
    the doers "then" adds after the first, who held the site after it (and whether they too held it only until a
    time)."""
    # "used by the Soviet Union, then by Russia": without "and", the parser hangs the second "by" as another agent
    later = (c for c in verb.children if c.dep_ in {"conj", "agent"} and any(a.lower_ == "then" for a in c.children))
    for conj in later:
        doer = next((c for c in conj.children if c.dep_ == "pobj"), None) if conj.lower_ == "by" else conj
        if doer is not None and doer.pos_ in {"PROPN", "NOUN"} and (party := _party_by(doer)):
            yield party, any(c.lower_ == "until" for c in conj.children) or until(verb)


def _agent(verb: Token) -> Token | None:
    """The doer "by" names after a passive verb ("used by the U.S.-led coalition")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _subject_group(verb: Token) -> str | None:
    """ "Hayat Tahrir al-Sham overran the base", "fighters of the group overran it": a group with a name of its own
    that is the subject, or that the subject's forces belong to."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ not in MILITARY_NOUNS:
        return named_group(subject)
    return _whose_part(subject) or _group_forces(subject)


def _group_forces(noun: Token) -> str | None:
    """ "Hezbollah fighters", "Wagner mercenaries": forces named by a group with a name of its own."""
    for child in (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ == "ORG"):
        name = names.clean_surface(entity_text(child)).removeprefix("the ")
        if any(ch.isdigit() for ch in name):
            continue  # "MiG-29 fighters", "F-16 jets": a model of aircraft, nobody's name
        if names.fold(name) not in COUNTRIES and named_party(child) is None:
            return country_named_with(child, name) or name  # "the Defence Forces", named with "Georgian" before
    return None


# Nouns in lower case of an armed body that a name before them names ("the Velmor force", "the Tarsk militia").
_BODY_NOUNS = frozenset({"force", "militia", "group", "faction"})


def _body_named_before(noun: Token) -> str | None:
    """ "the Velmor force", "the Tarsk brigade": an armed body in lower case whose own name is written before it,
    which the model may not know for a body (a country's or a place's name there says whose or where it is)."""
    if noun.lower_ not in _BODY_NOUNS or not noun.text.islower():
        return None  # "the Golani Brigade", "the … Observer Force": a name of its own, read as one
    words = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not words or any(w.ent_type_ in {"GPE", "LOC", "NORP"} or named_party(w) for w in words):
        return None
    return names.clean_surface(noun.doc[words[0].left_edge.i : words[-1].i + 1].text)


def _party_by(by: Token) -> str | None:
    """The party of the doer after "by": a group with a name of its own, a state's forces, a country, a coalition
    a country leads."""
    party = named_group(by) or party_of(by) or named_party(by) or party_of(by, direct=True) or _whose_part(by)
    return party or led_by(by)  # "used by the Saudi-led coalition"


def _keepers_left(verb: Token) -> bool:
    """ "French forces, which had been stationed at the base, completed their withdrawal": forces a relative clause
    keeps at a site, whose own clause says they left (a leaving verb, or a noun of leaving done)."""
    if verb.dep_ != "relcl":
        return False
    main = verb.head.head
    if verb.head.dep_ not in {"nsubj", "nsubjpass"} or main.pos_ not in {"VERB", "AUX"}:
        return False
    return _left(main) or any(c.dep_ == "dobj" and c.lower_ in LEAVING_NOUNS for c in main.children)


def _expeller_claims(verb: Token) -> Iterator[Claim]:
    """ "Uzbekistan ordered American forces out of the air base in 2005": the forces put out kept it before; who
    put them out holds it from then on."""
    for put_out in (c for c in verb.children if c.dep_ == "dobj"):
        if party := party_of(put_out):
            yield Claim(party, former=True)
    if holder := subject_party(verb):
        yield Claim(holder, lasting=True)


def _handed_over(verb: Token) -> bool:
    """Whether a verb of handing is "handed over" or "handed back" (a site handed back goes to the country it stands
    in), as against "handed" alone, which names no one it goes to."""
    return any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"over", "back"} for c in verb.children)


def _taker_claims(verb: Token) -> Iterator[Claim]:
    """Who a verb of giving gives the installation to ("handed … to the Syrian army", "leased to Russia")."""
    # "handed back to the Peshmerga": the parser may hang "to" on the particle
    # "handed the camp, its largest site, over to the army": past a long object "over" is parsed as a preposition
    holders = [
        verb,
        *(c for c in verb.children if c.dep_ in {"prt", "advmod", "prep"} and c.lower_ in {"back", "over"}),
    ]
    preps = [c for h in holders for c in h.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"]
    takers = [c for prep in preps for c in prep.children if c.dep_ == "pobj"]
    takers += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}]  # "gave Russia the use"
    for taker in takers:
        if party := _party_by(taker):
            yield Claim(party, lasting=True)


def _subject_claims(verb: Token) -> Iterator[Claim]:
    """ "Incirlik … remains under Turkish command", "… has hosted U.S. aircraft", "is expected to remain in US
    hands": what a verb whose subject is the installation says of who holds it."""
    chain = [verb, *(c for c in verb.children if c.dep_ == "xcomp" or _goes_on_about_it(c))]
    for v in chain:
        for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ in {"in", "under", "at"}):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lower_ in CONTROL_NOUNS | {"disposal"}):
                if party := party_of(noun, direct=True) or _whose_part(noun):  # "under the control of the army"
                    # "was in Russian hands until 2025"; who controls it runs it, whoever else is there
                    yield Claim(party, former=until(v), weight=RUN_WEIGHT)
        if v.lower_ in BELONGING | FALLING:  # "the base belongs to the Syrian army", "fell to rebel fighters"
            yield from _taker_claims(v)
        for own in (c for c in v.children if c.dep_ in {"acomp", "attr"} and names.fold(c.text) in DEMONYMS):
            yield Claim(DEMONYMS[names.fold(own.text)], former=until(v))  # "the base will remain Russian"
        for home in (c for c in v.children if c.dep_ in {"attr", "advmod"} and c.lower_ == "home"):
            yield from _home_to_claims(home)  # "the base is home to Israel's F-35 squadrons"
        kinds = [c for c in v.children if c.dep_ == "attr"]
        kinds += [g for c in v.children if c.dep_ == "prep" and c.lower_ == "among" for g in c.children]
        kinds += [g for c in kinds if c.lower_ == "one" for p in c.children if p.lower_ == "of" for g in p.children]
        for kind in (c for c in kinds if _singular(c.lower_) in SITE_NOUNS | HOME_NOUNS):
            # "… is among the oldest airfields of the Israeli air force", "… is one of the bases of the army"
            # "… is a Russian-run base", "… is the headquarters of U.S. Air Forces Central Command"
            if party := party_of(kind, direct=True) or _held_by_compound(kind) or _whose_part(kind):
                yield Claim(party)
        if v.lower_ in HOSTING:
            yield from _guest_claims(v)
        for clause in (c for c in v.children if c.dep_ in {"ccomp", "advcl"} and c.lower_ in KEEPING):
            if any(w.lower_ == "where" for w in clause.children):  # "the base is where the U.S. keeps its drones"
                yield from _verb_claims(clause, "place")
        if v.lower_ in SERVING:  # "… serves as the main hub for U.S. air operations"
            yield from _served_as_claims(v)


def _goes_on_about_it(verb: Token) -> bool:
    """ "The base … lies north of the city, and it belongs to the air force", "… is under the control of the army and
    will remain a Syrian facility": a verb joined by "and" whose subject is "it", or that has no subject of its own,
    goes on speaking of the same site."""
    if verb.dep_ != "conj":
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return not subjects or any(c.dep_ == "nsubj" and c.lower_ == "it" for c in subjects)


def _served_as_claims(verb: Token) -> Iterator[Claim]:
    """What a site serves as, and whose: "a hub for Russian operations", "the headquarters of the Fifth Fleet",
    "a U.S. staging post"."""
    for as_ in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        for kind in (c for c in as_.children if c.dep_ == "pobj" and _singular(c.lower_) in SITE_NOUNS | HOME_NOUNS):
            party = party_of(kind, direct=True) or _whose_part(kind)
            for for_ in (c for c in kind.children if c.dep_ == "prep" and c.lower_ == "for"):
                for user in (c for c in for_.children if c.dep_ == "pobj"):
                    party = party or _party_by(user) or party_of(user, direct=True)
            if party:
                yield Claim(party, former=until(verb))


def _guest_claims(verb: Token) -> Iterator[Claim]:
    """ "… has hosted U.S. aircraft", "the air base housing U.S. troops", "which accommodates the U.S.-led coalition
    forces": whose the forces a site hosts are (a host's own word, which counts less)."""
    for obj in (
        c
        for c in verb.children
        if c.dep_ == "dobj" and (c.lower_ in MILITARY_NOUNS | COALITION_NOUNS | {"headquarters"} or _owned_unit(c))
    ):
        if _of_several_countries(obj):
            continue  # "has hosted French and Greek aircraft": guests together, none of whom keeps it
        if party := party_of(obj) or party_of(obj, direct=True) or _coalition_of(obj) or _whose_part(obj):
            yield Claim(party, former=until(verb), weight=HOSTED_WEIGHT)  # "hosted U.S. troops until 2021"


def _of_several_countries(noun: Token) -> bool:
    """Whether a noun's modifiers name more than one country ("French and Greek aircraft", "U.S. and British
    troops")."""
    owners = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    parties = {p for c in owners for t in (c, *c.conjuncts) if (p := named_party(t))}
    return len(parties) > 1


def _owned_unit(noun: Token) -> bool:
    """ "the US Air Force's 386th Air Expeditionary Wing": a unit with a name of its own and an owner before it."""
    return noun.pos_ == "PROPN" and any(c.dep_ == "poss" for c in noun.children)


def _coalition_of(noun: Token) -> str | None:
    """ "the U.S.-led coalition forces": the country that leads the coalition the forces belong to."""
    return next((p for c in noun.children if c.lower_ in COALITION_NOUNS and (p := party_of(c, direct=True))), None)


def _singular(noun: str) -> str:
    """ "facilities" as "facility", "bases" as "base" (the pipeline runs without a lemmatizer)."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun


def _set_in_a_year(verb: Token) -> bool:
    """Whether a verb's own words set it in a year ("which France built in the 1960s", "used in 1991"), whatever
    the tense of the clause it hangs on."""
    return any(
        a_year(g.text) and g.ent_type_ == "DATE"
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in {"in", "during"}
        for g in c.subtree
    )


def _to_come(verb: Token) -> bool:
    """Whether a verb tells what is still to come ("will hand over", "is due to be handed", "would transfer")."""
    return any(c.tag_ == "MD" or (c.dep_ in {"aux", "auxpass"} and c.lower_ == "to") for c in verb.children)


def _left(verb: Token) -> bool:
    """Whether a leaving verb is done (left, withdrew, had pulled out) rather than under way (begin pulling out) or
    to come (will be closed)."""
    if verb.lower_ not in LEAVING:
        return False
    if _to_come(verb):
        return False  # "the base will be closed", "troops are due to be withdrawn": not yet
    if any(c.dep_ == "dobj" and c.lower_ in _SOME_OF for c in verb.children):
        return False  # "Russian troops have withdrawn most of their helicopters from the airport": they stay
    return verb.tag_ in {"VBD", "VBN"} or any(c.lower_ in {"completed", "complete"} for c in verb.ancestors)
