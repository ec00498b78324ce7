"""Other names of what an article already names: acronyms ("the Syrian Democratic Forces (SDF)"), initials ("UN"
beside "the United Nations"), alias statements ("also known as", "nom de guerre", "X, as Iraqis call Y") and family
names the model missed ("Pedersen, for his part, …"), with relatives who share a family name kept apart."""

from __future__ import annotations

from bot.core import names
from bot.core.extract.document import span_text, tokens
from bot.core.extract.mentions import ACRONYM, TITLE_WORDS, Candidate, Cluster, Doc, Token
from bot.core.extract.parties import COUNTRIES
from bot.core.extract.placecues import SETTLEMENT_NOUNS
from bot.core.models import EntityType

# Phrases that introduce another name for what was just named, and how far apart the two may stand.
ALIAS_CUES = (
    ("known", "as"), ("nom", "de", "guerre"), ("also", "called"), ("aka",), ("a.k.a.",), ("alias",),
    ("also", "spelled"), ("also", "spelt"), ("also", "written"), ("also", "transliterated"),
    # a writer's or a fighter's other name: "who writes under the name Y", "under the pen name Y"
    ("writes", "under", "the", "name"), ("under", "the", "name"), ("pen", "name"),
)  # fmt: skip
ALIAS_FILLER = frozenset({"simply", "widely", "locally", "also", "as", "the", "his", "her", "its", ",", "“", '"', "'"})
ALIAS_CUE_TOKENS = 9
# A short name in parentheses is at most this many words ("AK Party").
SHORT_FORM_WORDS = 3
# Verbs that, with "as" before a name a few words on, give the name something goes by ("known to pilots as T4",
# "appears on government maps as Ayn al-Arab"); not "listed as" or "referred to … as", which describe.
ALIAS_VERBS = frozenset({"known", "appears", "appear"})
ALIAS_REACH = 12
# Every cue opens with one of these words.
_CUE_OPENERS = frozenset(cue[0] for cue in ALIAS_CUES) | ALIAS_VERBS
# A given name the model missed before a family name it knows ("Rezan Abdi" beside "Mazloum Abdi"): a person.
RELATIVE_VOTE = 1.0
# A name introduced with its own initials in parentheses is an organisation's: as sure as a credit.
INITIALS_VOTE = 3.0
# A capitalised word equal to a person's family name in the same article: likely him, weakly evidence.
RECALLED_NAME_VOTE = 0.5


def merge_acronyms(doc: Doc, found: list[Candidate], clusters: list[Cluster]) -> None:
    """ "The Syrian Democratic Forces (SDF)": the acronym and every later "SDF" name the same organisation."""
    by_start = {c.start: c for c in found}
    for full in list(found):
        inner = by_start.get(full.end + 1)
        if _introduces_initials(doc, full):  # "Hayat Tahrir al-Sham (HTS)": a body, whatever the model said
            full.vote(EntityType.ORGANISATION, INITIALS_VOTE)
        short = inner.surface if inner is not None and inner.cluster is not None else _bare_initials(doc, full)
        if (
            short is None or full.cluster is None or (inner is not None and inner.cluster is full.cluster)
            or full.end >= len(doc) or doc[full.end].text != "("
            or (inner is not None and (inner.end >= len(doc) or doc[inner.end].text != ")"))
            or not _short_form(short) or not _abbreviates(short, full.surface)
            or full.cluster.type() in {EntityType.PERSON, EntityType.PLACE}  # "Mazloum Abdi (SDF)", "Syria (AP)"
            or _dateline_credit(doc, full)  # "UNITED NATIONS (AP) —": the agency's, not the body's initials
        ):  # fmt: skip
            continue
        owner, short_key = full.cluster, names.key(short)
        for other in clusters:
            # "the UNIFIL base" is the body's base, named after it by its initials, not the body
            if other is not owner and other.members and other.key == short_key and not other.installation_kind:
                owner.absorb(other)


_DASHES = frozenset({"—", "–", "-"})


def _dateline_credit(doc: Doc, full: Candidate) -> bool:
    """Whether a name opening a line is a dateline's, the parentheses after it an agency's credit before a dash."""
    close = full.end + 2
    opens_line = full.start == 0 or "\n" in doc[full.start - 1].text_with_ws
    return opens_line and close + 1 < len(doc) and doc[close].text == ")" and doc[close + 1].text in _DASHES


def _bare_initials(doc: Doc, full: Candidate) -> str | None:
    """ "Ministry of National Defense (MSB)" where the model tagged no name inside the parentheses: the acronym there,
    which names the body wherever else the article writes it."""
    if full.end + 2 >= len(doc) or doc[full.end].text != "(" or doc[full.end + 2].text != ")":
        return None
    word = doc[full.end + 1].text
    return word if ACRONYM.match(word) else None


# How many capitalised words the model may have left off the front of a name its initials then spell out.
MAX_LEFT_OFF = 2


def widen_to_initials(doc: Doc, found: list[Candidate], taken: set[int]) -> None:
    """ "Hayat Tahrir al-Sham (HTS)" read by the model as "Tahrir al-Sham": the untagged capitalised words before a
    name whose initials in parentheses after it they complete belong to it; "the Autonomous Administration of North
    and East Syria (AANES)" read as "Autonomous Administration of North": so do the words after it, up to them."""
    for c in list(found):
        if any(kept is c for kept in found):  # not taken into a name widened before it
            _widen_rightwards(doc, c, found, taken)
    for c in found:
        if c.end + 2 >= len(doc) or doc[c.end].text != "(" or doc[c.end + 2].text != ")":
            continue
        short = doc[c.end + 1].text
        if not ACRONYM.match(short) or names.initials(c.surface) == short:
            continue
        for start in range(c.start - 1, max(-1, c.start - 1 - MAX_LEFT_OFF), -1):
            word = doc[start]
            if start in taken or word.ent_type_ or not word.text[:1].isupper() or not word.is_alpha:
                break
            surface = names.clean_surface(span_text(doc, start, c.end))
            if names.initials(surface) == short:
                c.start, c.surface, c.key = start, surface, names.key(surface)
                break


# How many words a name may have been cut short of before the initials in parentheses that spell all of it.
MAX_CUT_OFF = 4


def _widen_rightwards(doc: Doc, c: Candidate, found: list[Candidate], taken: set[int]) -> None:
    """`widen_to_initials` after a name: capitalised words and the small words initials leave out, up to the
    parenthesised initials they complete; a name found inside them is part of it."""
    for end in range(c.end, min(len(doc) - 2, c.end + MAX_CUT_OFF + 1)):
        if doc[end].text == "(":
            short = doc[end + 1].text
            surface = names.clean_surface(span_text(doc, c.start, end))
            if end > c.end and doc[end + 2].text == ")" and ACRONYM.match(short) and _spelled_by(short, surface):
                found[:] = [o for o in found if o is c or not c.start <= o.start < end]
                c.end, c.surface, c.key = end, surface, names.key(surface)
            return
        word = doc[end]
        if end in taken or not ((word.text[:1].isupper() and word.is_alpha) or word.lower_ in names.INITIALS_SKIPPED):
            return


def _spelled_by(short: str, surface: str) -> bool:
    """Whether capitals are a name's initials, with or without the small words' ("United Nations Interim Force in
    Lebanon" gives "UNIFIL", its "in" written as a capital too)."""
    return short in {names.initials(surface), names.initials(surface, small_words=True).upper()}


def _introduces_initials(doc: Doc, full: Candidate) -> bool:
    """Whether a name is followed by its own initials in parentheses: people are not introduced so, bodies are."""
    if full.end + 2 >= len(doc) or doc[full.end].text != "(" or doc[full.end + 2].text != ")":
        return False
    return len(full.surface.split()) > 1 and doc[full.end + 1].text == names.initials(full.surface)


def merge_initials(clusters: list[Cluster]) -> None:
    """ "UN" and "the United Nations", "AP" and "the Associated Press" in one article: an acronym that is exactly
    the initials of one organisation's name there names it, even when it was never introduced in parentheses."""
    by_initials: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.members and c.type() is EntityType.ORGANISATION and not ACRONYM.match(c.best().surface):
            # "MoPA" beside "the Ministry of Peshmerga Affairs": initials that keep the small words' letters
            for spelled in {names.initials(c.best().surface), names.initials(c.best().surface, small_words=True)}:
                by_initials.setdefault(spelled, []).append(c)
    for short in clusters:
        if not short.members or not all(_written_as_initials(m.surface) for m in short.members):
            continue
        owners = by_initials.get(short.best().surface, [])
        if len(owners) == 1 and short.type() is not EntityType.PERSON:
            owners[0].absorb(short)


def _written_as_initials(surface: str) -> bool:
    return bool(ACRONYM.match(surface)) or names.is_mixed_acronym(surface)


def _short_form(surface: str) -> bool:
    """An acronym ("SDF"), or a short name that opens with one ("AK Party", "HTS group")."""
    words = surface.split()
    return bool(words) and len(words) <= SHORT_FORM_WORDS and bool(ACRONYM.match(words[0]))


def _abbreviates(acronym: str, full: str) -> bool:
    """Whether a parenthesised acronym can stand for the name before it: its initials in English ("SDF"), or, for
    a name of several words, the initials of the name in its own language ("Kurdistan Workers' Party (PKK)")."""
    words = len(full.split())
    letters = acronym.split()[0]
    return words >= 2 and (letters[0] == full[0].upper() or words >= len(letters) - 1)


# The evidence of the model's label alone, with no cue, title or quote beside it.
BARE_LABEL = 1.0


def merge_name_tails(clusters: list[Cluster]) -> None:
    """ "Al-Asad is an Iraqi base again" beside "Ain al-Asad air base": a name the model read as a body's, on its label
    alone, that is the last word of the name (of two words or more) of one installation of the article, is that
    installation, not the family name of someone the corpus knows. Not one it read as a person's: "Bandar-e Abbas"
    cut to "Abbas" would bring a person's vote to the town the base is named after."""
    # each base's last word, read once: a base's key may change as it absorbs
    tails = [(b, b.key.rsplit(" ", 1)[-1]) for b in clusters if b.members and b.type() is EntityType.INSTALLATION
             and " " in b.key]  # fmt: skip
    for c in clusters:
        if (
            not c.members
            or " " in c.key
            or c.type() is not EntityType.ORGANISATION
            or sum(c.votes().values()) > BARE_LABEL
        ):
            continue
        owners = [b for b, tail in tails if b is not c and tail == c.key]
        if len(owners) == 1:
            owners[0].absorb(c)


def merge_aliases(doc: Doc, found: list[Candidate]) -> None:
    """ "Tiyas air base, known to pilots simply as T4", "al-Sharaa, formerly known by his nom de guerre Abu
    Mohammed al-Jolani", "ISIS, also called Daesh": the second name is the first one's alias."""
    ordered = sorted(found, key=lambda c: c.start)
    for i, alias in enumerate(ordered):
        cue = _alias_cue(doc, alias.start)
        if cue is None or alias.cluster is None:
            continue
        sentence = doc[cue].sent.start  # "(Photo: AFP)\n\nThe city, known in Arabic as …": not the credit's alias
        owners = [
            c for c in ordered[:i]
            if c.end <= cue and cue - c.end <= ALIAS_REACH and c.cluster is not None and c.start >= sentence
            and not _clause_between(doc, c.end, cue)
        ]  # fmt: skip
        # "Saleh Dorran, who fought in Kordania and is known as Abu Laith": the clause's subject, not a name inside it
        clause_owners = [c for c in owners if _own_clause(doc, c.end, cue)]
        owners = clause_owners[-1:] or owners
        owner = owners[-1].cluster if owners else _named_just_before(doc, cue, ordered)
        if owner is not None and owner is not alias.cluster and alias.cluster.members:
            for member in alias.cluster.members:
                member.alias = True  # the name the owner is known by stays its name
            owner.absorb(alias.cluster)


# "Sepah, as Iranians call the Revolutionary Guards": a name, then "as", who calls it (a few words) and a form of
# "call" right before the name it stands for.
CALLED_REACH = 5
CALL_VERBS = frozenset({"call", "calls", "called"})


def _clause_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a verb stands between a name and an alias cue: "Hamid Vahedi said that the air base, known as
    Shahid Vahdati, …" gives the base another name, not the speaker ("formerly known by his nom de guerre" does)."""
    if _own_clause(doc, start, end):
        return False  # "Omar Rassan, who led the militia and was known as Abu Firas": the clause says it of him
    return any(t.pos_ == "VERB" and t.lower_ not in ALIAS_VERBS for t in tokens(doc, start, end))


# Relative pronouns that open a clause about the name right before them.
_RELATIVE_PRONOUNS = frozenset({"who", "which"})


def _own_clause(doc: Doc, end: int, cue: int) -> bool:
    """Whether the alias cue ends a relative clause about the name right before it ("X, who … and is known as"):
    after a form of "be", as the clause's verb; "X, who said the base, known as T4, …" names the base."""
    at = end + 1 if end < len(doc) and doc[end].text == "," else end
    return at < len(doc) and doc[at].lower_ in _RELATIVE_PRONOUNS and doc[cue - 1].lower_ in _FORMS_OF_BE


_FORMS_OF_BE = frozenset({"is", "was", "are", "were", "been", "be"})


def merge_names_as_called(doc: Doc, found: list[Candidate]) -> None:
    """ "Sepah, as Iranians call the Revolutionary Guards, held drills", "in Sour, as Tyre is called in Arabic": the
    name before ", as … call" or ", as Y is called" is an alias of the name that is called so."""
    starts = {c.start: c for c in found if c.cluster is not None}
    for alias in found:
        after = tokens(doc, alias.end, alias.end + CALLED_REACH + 3)
        if alias.cluster is None or len(after) < 3 or after[0].text != "," or after[1].lower_ != "as":
            continue
        owner = _called_actively(doc, after, starts) or _called_passively(doc, after[2].i, alias, found, starts)
        if owner is not None and owner is not alias.cluster and owner.members:
            for member in alias.cluster.members:
                member.alias = True
            owner.absorb(alias.cluster)


def _called_actively(doc: Doc, after: list[Token], starts: dict[int, Candidate]) -> Cluster | None:
    """ ", as Iranians call the Revolutionary Guards": the name right after the form of "call"."""
    calls = [t for t in after[2 : 2 + CALLED_REACH] if t.lower_ in CALL_VERBS]
    if not calls:
        return None
    name_at = calls[0].i + 1 + (doc[calls[0].i + 1].lower_ == "the" if calls[0].i + 1 < len(doc) else 0)
    owner = starts.get(name_at)
    return owner.cluster if owner is not None else None


# ", as Tyre is called", ", as the town is also known", ", as Sulaimani is written in Kurdish": a form of "be", a
# few adverbs, and a participle that gives a name.
NAMING_PARTICIPLES = frozenset({"called", "known", "written", "spelled", "spelt", "named"})
_PASSIVE_ADVERBS = frozenset({"also", "often", "usually", "sometimes", "locally", "commonly", "widely", "still"})
# How far before the alias the place "the town" stands for may be named (about two sentences).
ANAPHOR_REACH = 60


def _called_passively(
    doc: Doc, at: int, alias: Candidate, found: list[Candidate], starts: dict[int, Candidate]
) -> Cluster | None:
    """ ", as Tyre is called in Arabic": the name between "as" and "is called"; ", as the border town is also
    called": the place named last before the alias (a town, city, village or province the text spoke of)."""
    owner = starts.get(at)
    if owner is not None:
        end = owner.end
    elif at < len(doc) and doc[at].lower_ == "the":
        end = at + 1
        while end < len(doc) and end - at <= 3 and doc[end].lower_ not in SETTLEMENT_NOUNS and doc[end].is_alpha:
            end += 1  # "the border town"
        if end >= len(doc) or doc[end].lower_ not in SETTLEMENT_NOUNS:
            return None
        end += 1
    else:
        return None
    if end >= len(doc) or doc[end].lower_ not in _FORMS_OF_BE:
        return None
    verb = end + 1
    while verb < len(doc) and doc[verb].lower_ in _PASSIVE_ADVERBS:
        verb += 1
    if verb >= len(doc) or doc[verb].lower_ not in NAMING_PARTICIPLES:
        return None
    return owner.cluster if owner is not None else _place_named_before(alias, found)


def _place_named_before(alias: Candidate, found: list[Candidate]) -> Cluster | None:
    """The place other than a country an article named last before a name, near it: what "the town" stands for."""
    places = [
        c.cluster for c in sorted(found, key=lambda c: c.start)
        if c.cluster is not None and c.cluster is not alias.cluster and c.end <= alias.start
        and alias.start - c.end <= ANAPHOR_REACH and c.cluster.type() is EntityType.PLACE and c.key not in COUNTRIES
    ]  # fmt: skip
    return places[-1] if places else None


def _named_just_before(doc: Doc, cue: int, found: list[Candidate]) -> Cluster | None:
    """ "Dagalo, widely known as Hemedti", "Qarvan, also written Karwan" over "the Qarvan air base": the capitalised
    words before an alias cue that the model did not take for a name are the one entity of the article they name,
    a person by the family name or anything by its whole (an installation by its bare name)."""
    end = cue
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ALIAS_FILLER):
        end -= 1
    start = end
    while start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start:
        start -= 1
    if start > 0 and doc[start - 1].text[:1].isupper():
        start -= 1  # the sentence's first word, capitalised whatever it is
    if start == end:
        return None
    key = names.key(span_text(doc, start, end))
    owners = {
        id(c.cluster): c.cluster
        for c in found
        if c.cluster is not None
        and (c.cluster.key == key or (c.cluster.type() is EntityType.PERSON and names.surname(c.cluster.key) == key))
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def merge_anaphor_aliases(doc: Doc, clusters: list[Cluster], again: dict[int, list[Token]], keep: set[int]) -> None:
    """ "… hit a hangar at the base, also known as Tiyas, …": a name that an alias cue gives right after an
    installation spoken of again without its name ("the base") is that installation's. Clusters in `keep` (by id:
    speakers already quoted) stay as they are."""
    # Sorted by position alone: two clusters may hold mentions starting at one token (a name inside a longer one).
    starts = sorted(((m.start, c) for c in clusters for m in c.members if id(c) not in keep), key=lambda s: s[0])
    for home in clusters:
        for noun in again.get(id(home), []):
            for start, other in starts:
                cue = _alias_cue(doc, start) if noun.i < start <= noun.i + ALIAS_REACH else None
                if cue is None or other is home or not other.members:
                    continue
                if cue > noun.i and all(t.is_punct or t.lower_ in ALIAS_FILLER for t in doc[noun.i + 1 : cue]):
                    for member in other.members:
                        member.alias = member.site_name = True
                    home.absorb(other)


def _alias_cue(doc: Doc, start: int) -> int | None:
    """Where an alias cue ("also known as", "nom de guerre", "also called") before token `start` begins."""
    window = tokens(doc, start - ALIAS_CUE_TOKENS, start)
    words = [t.lower_ for t in window]
    if _CUE_OPENERS.isdisjoint(words):
        return None  # read first: almost no name has a cue before it
    for cue in ALIAS_CUES:
        for j in range(len(words) - len(cue) + 1):
            if words[j : j + len(cue)] == list(cue) and _only_filler(words[j + len(cue) :]):
                return int(window[j].i)
    # "known to pilots simply as T4": "known", a few words, then "as" just before the name
    tail = len(words)
    while tail and words[tail - 1] in ALIAS_FILLER - {"as"}:
        tail -= 1
    verbs = [n for n, w in enumerate(words[: tail - 1]) if w in ALIAS_VERBS]
    if tail and words[tail - 1] == "as" and verbs:
        return int(window[verbs[0]].i)
    return None


def _only_filler(words: list[str]) -> bool:
    return all(w in ALIAS_FILLER for w in words)


def recall_family_names(doc: Doc, clusters: list[Cluster], taken: set[int]) -> list[Candidate]:
    """Family names the model missed ("Pedersen, for his part, …") join the one person in the article so named."""
    owners: dict[str, list[Cluster]] = {}
    for c in clusters:  # a family name is one of a full name's: a lone word the model calls a person may be no name
        if all(m.writer for m in c.members):
            continue  # the byline's writer, whom the story never calls by the family name alone
        if c.type() is EntityType.PERSON and len(c.key.split()) > 1 and (family := names.surname(c.key)):
            owners.setdefault(family, []).append(c)
    recalled = []
    relatives: dict[str, Cluster] = {}
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper() or tok.pos_ != "PROPN":
            continue
        people = owners.get(names.key(tok.text), [])
        if len(people) == 1 and _another_given_name(doc, tok, people[0], taken):
            recalled.append(_relative(doc, tok, relatives, clusters))  # "Rezan Abdi", not Mazloum Abdi
        elif len(people) == 1:
            candidate = Candidate(tok.i, tok.i + 1, names.clean_surface(tok.text), names.key(tok.text))
            candidate.vote(EntityType.PERSON, RECALLED_NAME_VOTE)
            people[0].add(candidate)
            recalled.append(candidate)
    return recalled


def _relative(doc: Doc, family: Token, relatives: dict[str, Cluster], clusters: list[Cluster]) -> Candidate:
    """A person the model missed who shares a family name with one it found: a person of their own."""
    surface = names.clean_surface(span_text(doc, family.i - 1, family.i + 1))
    candidate = Candidate(family.i - 1, family.i + 1, surface, names.key(surface))
    candidate.vote(EntityType.PERSON, RELATIVE_VOTE)
    home = relatives.get(candidate.key)
    if home is None:
        home = relatives[candidate.key] = Cluster()
        clusters.append(home)
    home.add(candidate)
    return candidate


def _another_given_name(doc: Doc, family: Token, person: Cluster, taken: set[int]) -> bool:
    """Whether a capitalised word other than a title, and other than the person's own given names, stands just
    before the family name: then it names someone else of that family."""
    if family.i == 0 or family.i - 1 in taken:
        return False
    given = doc[family.i - 1]
    word = names.fold(given.text).rstrip(".")
    if not given.text[:1].isupper() or given.pos_ != "PROPN" or word in TITLE_WORDS:
        return False
    own = {w for m in person.members for w in names.key(m.surface).split()[:-1]}
    return not any(names.same_token(names.key(given.text), w) for w in own)


def merge_group_plurals(clusters: list[Cluster]) -> None:
    """ "the Houthis" and "Houthi fighters": a group named in the plural and read as a body is what its singular
    names in the same article, a body or a lone word the model took for a person's name (a place stays a place)."""
    words = {c.key: c for c in clusters if c.members and " " not in c.key}
    for key, plural in words.items():
        singular = words.get(key[:-1]) if key.endswith("s") else None
        if (
            singular is not None
            and singular.members
            and plural.members
            and plural.type() is EntityType.ORGANISATION
            and singular.type() in {EntityType.ORGANISATION, EntityType.PERSON}
        ):
            plural.absorb(singular)
