"""Whose a word says something is: a country by its name, capital or demonym, an armed group by its acronym, the
owner of a military noun ("Russian forces", "the Navy's supply point", "its presence"), a verb's subject."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.document import span_text, view_of
from bot.core.extract.mentions import ACRONYM, Token
from bot.core.lexicon import CAPITALS, COUNTRY_VARIANTS, DEMONYMS, INSTALLATION_HEADS, NATIONAL_FORCES

COUNTRIES = frozenset(names.fold(c) for c in DEMONYMS.values()) | frozenset(COUNTRY_VARIANTS)
# Nouns for armed people and their kit: whose they are is whose the place they are kept at is.
MILITARY_NOUNS = frozenset(
    """
    forces force troops soldiers military navy fleet warships ships vessels submarines warplanes jets aircraft
    bombers planes helicopters presence personnel contingent units sailors technicians crews guards police
    fighters army conscripts marines garrison team teams officers drones engineers commandos paratroopers
    advisers advisors instructors battalion battalions brigade brigades regiment
    destroyers frigates corvettes carriers cruisers gunboats minehunters minesweepers tankers interceptors squadron
    squadrons detachment
    detachments pilots airmen servicemen peacekeepers militiamen militia militias mercenaries reservists aviation
    """.split()
)
# Last words of the names of a state's forces and bodies, which stand for the state, not for a group.
_FORCE_HEADS = frozenset(
    """
    command corps guard guards service services ministry agency directorate force forces navy army fleet flotilla
    """.split()
)
_FORCES_WORDS = MILITARY_NOUNS | _FORCE_HEADS  # joined once, not at every reading
# "government forces", "regime troops": the government of the country the installation is in (see `sites`).
# Plural nouns for a nation's people that are not its demonym plus "s" ("Russians", "Iraqis" are).
PEOPLE_NOUNS = {"turks": "Turkey", "brits": "United Kingdom", "french": "France", "chinese": "China"}
GOVERNMENT = "(the government)"
# Pronouns that, as the subject of a clause joined to another, stand for that clause's subject.
_THEY = frozenset({"they", "them", "it"})
GOVERNMENT_WORDS = frozenset({"government", "regime"})
# Plural pronouns that, opening a sentence, stand for the forces the sentence before named.
_FORCES_BEFORE = frozenset({"they", "them"})


def verb_of(noun: Token) -> Token | None:
    """The verb whose subject or object the noun is, or belongs to ("kept a contingent of sailors and technicians")."""
    node = noun
    while node.dep_ in {"conj", "appos", "pobj", "prep"} and node.head is not node:
        node = node.head
    return node.head if node.dep_ in {"nsubj", "nsubjpass", "dobj"} else None


def subject_party(verb: Token | None) -> str | None:
    """The party of a verb's subject: "Russia keeps …", "U.S. forces began …", "The United States, which keeps …"."""
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ in {"xcomp", "conj"}:
        return subject_party(verb.head)
    if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        return _accused_party(verb.head.head)
    if subject is None and verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBG"}:
        subject = verb.head  # "UNDOF, headquartered at Camp Faouar", "troops stationed at the base", "jets flying from"
    if subject is not None and subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return None
    of = [g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "conj" and any(w.lower_ in _THEY for w in (subject, *of)):
        return subject_party(verb.head)  # "Russian troops withdrew …, and the last of them left the airfield"
    if pronoun := next((w for w in (subject, *of) if w.lower_ in _FORCES_BEFORE), None):
        # "Britain keeps about 2,000 troops in Cyprus. Most of them are stationed at …"
        return _opening_owner(pronoun)
    party = party_of(subject) or named_party(subject) or next(filter(None, map(party_of, of)), None)
    party = party or led_by(subject) or _coalition_led_before(subject)  # "The Saudi-led coalition uses the base"
    return party or _untagged_country(subject)


def _untagged_country(subject: Token) -> str | None:
    """ "Cyprus rebuilds Mari naval base": a country's own name as a verb's subject, which the model tagged as no
    place (or as a person, as it may a name opening a headline), is that country."""
    if subject.pos_ != "PROPN" or subject.ent_type_ not in {"", "PERSON"}:
        return None
    folded = names.fold(entity_text(subject))
    return (COUNTRY_VARIANTS.get(folded) or names.clean_surface(entity_text(subject))) if folded in COUNTRIES else None


def _accused_party(head: Token) -> str | None:
    """ "accused Israel of using the outpost", "suspects Iran of running it": the one said to do what the gerund after
    "of" says is the verb's object (or the noun "of" hangs on), never the one who accuses."""
    doer = next((c for c in head.children if c.dep_ == "dobj"), None) if head.pos_ in {"VERB", "AUX"} else head
    return (party_of(doer) or named_party(doer)) if doer is not None else None


def named_party(tok: Token) -> str | None:
    """A country named by itself, its capital or its demonym; or an armed group's acronym ("the SDF")."""
    own = names.fold(tok.text)
    text = entity_text(tok)
    folded = names.fold(names.clean_surface(text))
    if folded in DEMONYMS:  # the whole name first: "South Korean" is not "Korean"
        return DEMONYMS[folded]
    words = folded.split()
    if len(words) > 2 and own == words[0] and (two := " ".join(words[:2])) in DEMONYMS:
        return DEMONYMS[two]  # "the Central African Armed Forces": a name that opens with a demonym of two words
    if own in DEMONYMS:
        return DEMONYMS[own]
    if people := _people(own):
        return people
    if folded in CAPITALS:
        return CAPITALS[folded]
    if folded in COUNTRY_VARIANTS:
        return COUNTRY_VARIANTS[folded]
    if tok.ent_type_ in {"GPE", "NORP", "LOC"} and folded in COUNTRIES:  # the model may call "Uzbekistan" a people
        return names.clean_surface(text)
    if tok.ent_type_ == "ORG" and (served := _served(folded)):
        return _country_after_of(tok) or served  # "the Royal Air Force of Oman" is Oman's, not Britain's
    if tok.ent_type_ in {"ORG", "GPE"} and ACRONYM.match(tok.text):  # the model calls "UNDOF" a place too
        return str(tok.text)
    if tok.ent_type_ == "ORG" and tok.dep_ in {"compound", "poss"} and own in COUNTRIES:
        # "the Qatar Emiri Air Force": a country's own force; "Croatia's navy", the country read as a body
        return COUNTRY_VARIANTS.get(own) or str(tok.text)
    return None


def _country_after_of(tok: Token) -> str | None:
    """The country named right after "of" at the end of the name `tok` is part of ("… Air Force of Oman")."""
    doc, end = view_of(tok), tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end + 1 >= len(doc) or doc[end].lower_ != "of":
        return None
    country = names.fold(doc[end + 1].text)
    return COUNTRY_VARIANTS.get(country) or (str(doc[end + 1].text) if country in COUNTRIES else None)


def _served(folded: str) -> str | None:
    """The country a national force or body named without a country word serves ("the People's Liberation Army
    Navy", "the IRGC")."""
    words = folded.removeprefix("the ").split()
    for n in range(len(words), 0, -1):
        if (country := NATIONAL_FORCES.get(" ".join(words[:n]))) is not None:
            return country
    return None


def _people(word: str) -> str | None:
    """ "the Turks", "the Russians", "Americans": a nation's people, written as a plural noun, for its country."""
    if word in PEOPLE_NOUNS:
        return PEOPLE_NOUNS[word]
    return DEMONYMS.get(word[:-1]) if word.endswith(("ans", "is")) and len(word) > 4 else None


def party_of(noun: Token, direct: bool = False) -> str | None:
    """Whose a noun says it is: "Russian forces", "U.S. troops", "Syrian army soldiers", "SDF fighters",
    "its presence" (the clause's subject). With `direct`, only for nouns of control or kinds of site."""
    if not direct and noun.lower_ not in MILITARY_NOUNS and noun.pos_ != "PROPN" and not _unit(noun):
        return None
    governed = False
    for child in noun.children:
        if child.dep_ not in {"poss", "amod", "compound", "nmod"}:
            continue
        if child.lower_ in {"its", "their"}:  # the owner is the subject of a clause above, never the noun itself
            return subject_party(_verb_of_ancestors(noun)) or _opening_owner(child)
        if child.lower_ == "whose":
            return _antecedent_party(noun)
        party = (
            named_party(child)
            or led_by(child)
            or (_country_opening(child) if child.dep_ == "compound" else None)
            or (_untagged_country(child) if child.dep_ == "poss" else None)  # "Chad's army", "Chad" read as a person
            # "the Israeli regime's air base": a government's possession is its country's
            # "a Russian fighter regiment": the country is written before the word that names the unit's kind
            or (
                party_of(child, direct=child.lower_ in GOVERNMENT_WORDS or _names_a_kind_of_force(child))
                if child.dep_ in {"compound", "poss"}
                else None
            )
        )
        if party:
            return party
        governed = governed or child.lower_ in GOVERNMENT_WORDS
    if governed:
        return GOVERNMENT
    return (_said_before(noun) or _named_in_full_before(noun)) if not direct else None


# Nouns of a body of forces that a military noun before them makes a unit ("its aviation group", "a naval group").
_UNIT_NOUNS = frozenset({"group", "groups", "wing", "wings", "unit", "division", "divisions"})


def _unit(noun: Token) -> bool:
    """ "its aviation group", "the naval group": a body of forces named by the kind of forces before it."""
    return noun.lower_ in _UNIT_NOUNS and any(
        c.dep_ in {"compound", "amod"} and c.lower_ in MILITARY_NOUNS | {"naval", "air"} for c in noun.children
    )


# How many words a country's name opening a chain of compounds may have ("United States Air Force B-52 bombers").
_COUNTRY_WORDS = 3


def _country_opening(child: Token) -> str | None:
    """ "United States Air Force B-52 bombers": the country whose name opens the chain of capitalised compounds
    before a noun, when the model tagged none of it."""
    doc = view_of(child)
    words = [t for t in doc[child.left_edge.i : child.i + 1] if t.dep_ not in {"det", "nummod"}]
    for n in range(min(_COUNTRY_WORDS, len(words) - 1), 0, -1):
        folded = names.fold(" ".join(t.text for t in words[:n]))
        if all(t.text[:1].isupper() for t in words[:n]) and folded in COUNTRIES:
            return COUNTRY_VARIANTS.get(folded) or " ".join(t.text for t in words[:n])
    return None


# How many sentences back "the troops" may take the party of troops named with one.
ANAPHOR_SENTENCES = 2


def _said_before(noun: Token) -> str | None:
    """ "Russian troops left the airport on Sunday. … the troops would be flown out from the base": forces written
    with "the" and nothing else are those of the same word named with their party a sentence or two before. A
    state's force ("the army", "the air force") is the one of that kind named last before it anywhere in the
    article: an article names a country's army once and then calls it "the army"."""
    # "the bombers deployed from …": a clause after the noun says what they did, not whose they are
    kind = _force_kind(noun)
    owners = [c.lower_ for c in noun.children if c.dep_ in {"det", "amod", "compound", "nummod", "poss", "nmod"}]
    if noun.lower_ not in MILITARY_NOUNS or owners != ["the", *kind[:-1]]:
        return None
    doc = view_of(noun)
    first = noun.sent.start
    for _ in range(ANAPHOR_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    if len(kind) > 1 or noun.lower_ in _STATE_FORCES:
        first = 0
    for tok in reversed(doc[first : noun.i]):
        if tok.lower_ == noun.lower_ and tok.i != noun.i and _force_kind(tok) == kind:
            if any(c.dep_ != "det" and c.lower_ not in kind for c in tok.children):
                return party_of(tok, direct=True)
            if not first:
                continue  # "… held by the army's 1st Military Region": an earlier bare mention says no more
            return None
    return None


def _named_in_full_before(noun: Token) -> str | None:
    """ "U.S. Southern Command said … Southern Command also has troops at …": a state's body written without its
    country is the country the article wrote before its same words when it first named it in full."""
    if noun.pos_ != "PROPN" or noun.lower_ not in _FORCE_HEADS:
        return None
    words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.text[:1].isupper()]
    if any(c.dep_ in {"poss", "amod", "nmod"} for c in noun.children):
        return None  # "Egypt's Southern Command": whose it is is written, by `party_of`
    doc = view_of(noun)
    first = words[0].i if words else noun.i
    written = [t.lower_ for t in doc[first : noun.i + 1]]
    for start in range(first - 1, len(written) - 1, -1):
        if [t.lower_ for t in doc[start - len(written) + 1 : start + 1]] != written:
            continue
        before = start - len(written)
        if before >= 0 and (country := named_party(doc[before])) and names.fold(country) in COUNTRIES:
            return country
    return None


# A state's forces of one kind, which an article names once with their country and then calls "the army".
_STATE_FORCES = frozenset({"army", "navy"})
# Lower-case words that, with the noun after them, name a kind of force ("the air force", "the coast guard").
_FORCE_KIND_WORDS = frozenset({"air", "coast"})


def _force_kind(noun: Token) -> list[str]:
    """The words of the kind of force a noun names: ["air", "force"] for "the air force" or "the Israeli Air
    Force", the noun alone otherwise."""
    before = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.lower_ in _FORCE_KIND_WORDS]
    return [*before[-1:], noun.lower_]


def named_group(noun: Token) -> str | None:
    """ "the Kurdish Peshmerga", "Hezbollah": a group known by a name of its own, not by a common word for armed
    forces ("the Syrian Arab Army" is Syria's, unless a person's: "Haftar's Libyan National Army"), is a party of its
    own, whatever nationality its name carries."""
    if noun.pos_ != "PROPN" or noun.ent_type_ != "ORG":
        return None
    if noun.lower_ in _FORCES_WORDS and not _a_persons(noun):
        return None
    if noun.dep_ in {"compound", "poss", "amod"} or ACRONYM.match(noun.text):
        return None  # a word inside a longer name; acronyms are read by `named_party`
    if any(c.dep_ == "poss" and c.lower_ in _FORCES_WORDS and party_of(c) for c in noun.children):
        return None  # "the Egyptian army's 4th Armored Division": a unit of a state's forces is that state's
    name = names.clean_surface(entity_text(noun))
    if _of_a_person(noun):  # "the Libyan National Army of Khalifa Haftar": the body's name ends before "of"
        name = names.clean_surface(name[: name.find(" of ")] if " of " in name else name)
    name = name[4:] if name.lower().startswith("the ") else name
    folded = names.fold(name)
    if folded in COUNTRIES or folded in DEMONYMS or folded in CAPITALS or _served(folded):
        return None
    return country_named_with(noun, name) or name


def country_named_with(noun: Token, name: str) -> str | None:
    """ "The Georgian Defence Forces held a parade … The Defence Forces also use the air base": a state's forces
    the article named with their country's demonym before, written again without it, are still that country's."""
    if name.split()[-1].lower() not in _FORCE_HEADS:
        return None
    doc, width = view_of(noun), len(name.split())
    wanted = names.fold(name)
    for tok in doc[: noun.i]:
        country = DEMONYMS.get(names.fold(tok.text))
        if country is not None and names.fold(doc[tok.i + 1 : min(len(doc), tok.i + 1 + width)].text) == wanted:
            return country
    return None


def _a_persons(noun: Token) -> bool:
    """ "Haftar's Libyan National Army", "the Libyan National Army of Khalifa Haftar": a force a person is said to own
    is that person's faction, not a state's."""
    if _of_a_person(noun):
        return True
    return any(
        c.dep_ == "poss"
        and c.pos_ == "PROPN"
        and c.ent_type_ != "GPE"
        and named_party(c) is None
        and c.lower_ not in _FORCES_WORDS  # "the National Guard's Naval Command": a force's unit
        for c in noun.children
    )  # the model may take the person for a body ("Haftar" as ORG); a country's own ("Russia's Navy") is no person


def _of_a_person(noun: Token) -> bool:
    """ "the Libyan National Army of Khalifa Haftar": a person's name after "of" (the model may read it into the
    body's name), two words or more, neither a place's nor a country's."""
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for owner in (g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"):
            given = [c for c in owner.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if owner.ent_type_ == "PERSON" or (given and owner.ent_type_ not in {"GPE", "LOC"}):
                return named_party(owner) is None and not any(named_party(c) for c in given)
    return False


# Nouns of forces of several countries that, bare ("the coalition"), speak again of one the article named.
_ALLIANCE_NOUNS = frozenset({"coalition", "alliance"})


def _coalition_led_before(noun: Token) -> str | None:
    """ "The Saudi-led coalition says … The coalition has used the base": a bare "the coalition" is the one the
    article named before with the country that leads it (only when it named one such leader)."""
    if noun.lower_ not in _ALLIANCE_NOUNS or any(c.dep_ in {"amod", "compound", "poss"} for c in noun.children):
        return None
    doc = view_of(noun)
    leaders = {p for t in doc[: noun.i] if t.lower_ == noun.lower_ and (p := led_by(t))}
    return next(iter(leaders)) if len(leaders) == 1 else None


def led_by(tok: Token) -> str | None:
    """ "the US-led coalition's garrison": a coalition, alliance or force led by a country is that country's."""
    before, dash, after = tok.text.rpartition("-")  # "U.S.-led", which the tokenizer keeps whole
    if dash and before and after.lower() == "led":
        folded = names.fold(before)
        return DEMONYMS.get(folded) or COUNTRY_VARIANTS.get(folded) or CAPITALS.get(folded)
    doc = view_of(tok)
    if tok.i < 3 or doc[tok.i - 1].lower_ != "led" or doc[tok.i - 2].text != "-":
        return None
    return named_party(doc[tok.i - 3])


def _opening_owner(pronoun: Token) -> str | None:
    """ "Turkish forces keep dozens of outposts. Their best-known base is at Zilkan": a possessive that no word of
    its own sentence before it can stand for ("About 900 of them remain, and their jets fly from …") is the subject
    of the sentence before."""
    sent = pronoun.sent
    if sent.start == 0 or any(_names_someone(t) for t in view_of(pronoun)[sent.start : pronoun.i]):
        return None
    root = view_of(pronoun)[sent.start - 1].sent.root
    return subject_party(root) or _site_owner(root)


def _names_someone(tok: Token) -> bool:
    """Whether a word names a party or a person a possessive after it could stand for."""
    return tok.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} or named_party(tok) is not None


def _site_owner(verb: Token) -> str | None:
    """ "The 102nd Russian military base … is part of the district. Its aviation group flies from …": the owner
    written into a kind of site that is the subject of the sentence before (a site's units are its keeper's)."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ not in INSTALLATION_HEADS:
        return None
    return party_of(subject, direct=True)


def _names_a_kind_of_force(child: Token) -> bool:
    """ "fighter" in "a Russian fighter regiment", "tank" in "Iraqi tank crews": a common noun in lower case that
    says what kind of unit the military noun after it is."""
    return child.dep_ == "compound" and child.pos_ == "NOUN" and child.head.lower_ in MILITARY_NOUNS


def _antecedent_party(noun: Token) -> str | None:
    """ "Syria's defence ministry, whose forces have held the base": the owner "whose" stands for is the noun the
    relative clause describes (whose own owner it may be written with)."""
    clause = next((a for a in noun.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return None
    antecedent = clause.head
    return named_party(antecedent) or party_of(antecedent, direct=True) or named_group(antecedent)


def _verb_of_ancestors(tok: Token) -> Token | None:
    """The nearest verb above `tok` whose subject is something else ("The SDF said their fighters had left": said)."""
    for verb in (a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and not any(s.left_edge.i <= tok.i <= s.right_edge.i for s in subjects):
            return verb
    return None


def entity_text(tok: Token) -> str:
    """The text of the entity `tok` is part of (read from the tokens' IOB tags: `doc.ents` builds every entity of
    the article at each reading), or the token's own."""
    if tok.ent_iob_ not in {"B", "I"}:
        return str(tok.text)
    doc, start, end = view_of(tok), tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return span_text(doc, start, end)
