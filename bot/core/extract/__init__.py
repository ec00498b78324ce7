"""From a parsed article to its entities: mentions, types, roles, quotes and military installations."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from bot.core import names
from bot.core.extract import parties
from bot.core.extract.aliases import (
    RECALLED_NAME_VOTE,
    merge_acronyms,
    merge_aliases,
    merge_anaphor_aliases,
    merge_group_plurals,
    merge_initials,
    merge_name_tails,
    merge_names_as_called,
    recall_family_names,
    widen_to_initials,
)
from bot.core.extract.appositives import described_bodies, described_people, vote_aged_people
from bot.core.extract.bare import BARE_KIND, find_bare_installations, find_hosting_names, find_named_by_copula
from bot.core.extract.bases import InstallationPhrase, find_installations, regions_describing_bases
from bot.core.extract.counterparts import counterpart_roles
from bot.core.extract.countries import capital_country, country_itself, host_countries
from bot.core.extract.credits import credit_writers, credited_agencies
from bot.core.extract.designations import designation_only, find_designated_installations
from bot.core.extract.document import char_bounds, reading, span_text
from bot.core.extract.grouping import cluster
from bot.core.extract.kinship import take_family_names, vote_speaking_family_names
from bot.core.extract.leaders import leader_roles
from bot.core.extract.mentions import (
    Candidate,
    Cluster,
    Doc,
    Token,
    candidates,
    named_before_body_noun,
    outlet_mastheads,
    ranked_people,
    titled_speakers,
    unnamed_units,
)
from bot.core.extract.naming import bare_name, on_island, undesignated, unkinded
from bot.core.extract.placecues import dateline, settlement_cue
from bot.core.extract.quotes import find_quotes
from bot.core.extract.roles import find_roles
from bot.core.extract.sightings import sightings, spoken_of_again
from bot.core.extract.sites import describe
from bot.core.extract.units import merge_numbered_units
from bot.core.extract.unnamed_titles import unnamed_titles
from bot.core.lexicon import CAPITALS, DEMONYMS, NATIONAL_BODY_HEADS
from bot.core.models import BaseFact, EntityType, Extracted, Mention

# The prepositions by which a kind of installation is named after the town it stands in ("the naval base in Tartus").
# With how sure a reading of a place each is: a base "in" a place stands in a town, which the store then keeps apart
# from an installation of that name; a base "at" a place may be called by the site's own name ("the base at Rmelan").
TOWN_PREPOSITIONS = {"in": 2.0, "at": 1.0}
# Who may be quoted: people, and bodies that issue statements ("the Defence Ministry said").
SPEAKERS = frozenset({EntityType.PERSON, EntityType.ORGANISATION})
# A named installation phrase is near-certain evidence: it outweighs any number of NER labels on its name.
INSTALLATION_VOTE = 5.0
# A headline in title case capitalises every word longer than this, and is at least this long.
HEADLINE_SHORT_WORD = 3
HEADLINE_MIN_WORDS = 4
# Lower-case armed services after a demonym ("the Syrian army") and how sure a reading that is of an organisation.
ARMED_SERVICES = frozenset({"army", "navy"})
NATIONAL_FORCE_VOTE = 2.0
# Bodies a country has by that name only when its name says whose ("Russia's Security Council"; the UN has one too).
OWNED_BODY_HEADS = NATIONAL_BODY_HEADS | {"council"}
# A country's key to its adjective ("russia" to "Russian"): the first demonym listed for it.
_ADJECTIVES = {names.key(country): demonym.title() for demonym, country in reversed(DEMONYMS.items())}


def extract(doc: Doc) -> list[Extracted]:
    """Every entity the article names, resolved within the article."""
    if not len(doc):
        return []  # an empty text has no sentence to read
    with reading(doc) as view:
        return _extract(view)


def _extract(doc: Doc) -> list[Extracted]:
    # "RAAF Base Tindal": a designation alone ("RAAF Base") names no station; the designation's reader takes it whole
    phrases = [p for p in find_installations(doc) if not designation_only(doc, p)]
    phrases += find_designated_installations(doc, {i for p in phrases for i in (*p.tokens, p.head)})
    phrases += find_bare_installations(doc, {i for p in phrases for i in (*p.tokens, p.head)})
    phrases += find_named_by_copula(doc, {i for p in phrases for i in (*p.tokens, p.head)})
    phrases += find_hosting_names(doc, {i for p in phrases for i in (*p.tokens, p.head)})
    seeded, facts = _installation_clusters(phrases)
    taken = {i for phrase in phrases for i in phrase.tokens} | regions_describing_bases(doc)
    found = candidates(doc, taken)
    widen_to_initials(doc, found, taken)
    found += credit_writers(doc, found, taken)
    found += _national_forces(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found += credited_agencies(doc, found, taken | {i for c in found for i in range(c.start, c.end)})
    found += ranked_people(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found += named_before_body_noun(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found += unnamed_units(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found += outlet_mastheads(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found += titled_speakers(doc, taken | {i for c in found for i in range(c.start, c.end)})
    found = sorted(found + described_people(doc, found, taken | {i for c in found for i in range(c.start, c.end)}),
                   key=lambda c: c.start)  # fmt: skip
    _qualify_national_bodies(doc, found)
    take_family_names(doc, found)
    vote_speaking_family_names(doc, found)
    vote_aged_people(doc, found)
    described_bodies(doc, found)
    roles = find_roles(doc, found) + unnamed_titles(doc, found)
    roles += counterpart_roles(doc, found, roles) + leader_roles(doc, found)
    roles.sort(key=lambda pair: pair[0].start)  # "the minister said": the title named last before it
    clusters = cluster(found, seeded)
    _join_names_in_parentheses(doc, clusters, facts)
    _join_bases_called_by_their_town(doc, clusters, facts)
    merge_acronyms(doc, found, clusters)
    merge_initials(clusters)
    merge_aliases(doc, found + [m for c in seeded for m in c.members])
    merge_names_as_called(doc, found)
    merge_name_tails(clusters)
    merge_numbered_units(clusters)
    merge_group_plurals(clusters)
    headline = _title_case_headline(doc)
    clusters = [c for c in clusters if c.members and not _headline_fragment(doc, c, headline)]
    recalled = recall_family_names(doc, clusters, taken | {i for c in found for i in range(c.start, c.end)})
    # "Rezan Abdi, a political analyst"; "Butusov, editor of the Censor.net website,": a family name the model missed
    # holds the titles set beside it as the full name does
    roles += find_roles(doc, recalled)
    found += recalled
    found += _recall_installation_names(doc, seeded, taken | {i for c in found for i in range(c.start, c.end)})
    kept = {id(c) for c in clusters}  # a headline's fragment is no entity, and so no speaker
    quotes = find_quotes(doc, found, lambda c: id(c) in kept and c.type() in SPEAKERS, roles)
    again = spoken_of_again(doc, clusters, facts)
    merge_anaphor_aliases(doc, clusters, again, {id(speaker) for speaker, _ in quotes})
    clusters = [c for c in clusters if c.members]
    built = {id(c): _build(doc, c, facts.get(id(c), []), again.get(id(c), [])) for c in clusters}
    kinds = {id(c): c.type() for c in clusters}  # decided once each: nothing votes after this point
    for candidate, role in roles:
        if candidate.cluster is not None and kinds.get(id(candidate.cluster)) is EntityType.PERSON:
            built[id(candidate.cluster)].roles.append(role)
    for speaker, quote in quotes:
        built[id(speaker)].quotes.append(quote)
    town_sites = [  # installations that share their name with a town
        c for c in clusters if facts.get(id(c)) and _a_town_too(doc, c, facts[id(c)]) and not _only_bare(facts[id(c)])
    ]
    towns = [(_town_installation(doc, c, facts[id(c)], again.get(id(c), [])), facts[id(c)]) for c in town_sites]
    for c in town_sites:
        if site_names := [m for m in c.members if m.site_name]:
            _leave_to_the_installation(doc, built[id(c)], site_names)
    named = {c.key for c in clusters if kinds[id(c)] is EntityType.PLACE} | {t.key for t, _ in towns}
    entities = _fold_bases_named_by_their_town([(e, facts.get(c, [])) for c, e in built.items()] + towns)
    return entities + _towns_named_after(doc, clusters, facts, named)


def _fold_bases_named_by_their_town(found: list[tuple[Extracted, list[InstallationPhrase]]]) -> list[Extracted]:
    """ "the Russian military base in Gyumri" beside "the 102nd base, stationed in Gyumri"; "Russian airfield in
    Crimea" over a story about "the Saky airfield in Russian-occupied Crimea": a base the article names only by the
    place after its kind is the one base of that kind ("base", "airfield"; not a garrison beside a base) with a name
    of its own that stands there (its location, or a place its own sentences name apart from the description's),
    when there is one. Its mentions and facts join that base's; its name, a description, is not another of its."""
    described = {id(e) for e, phrases in found if phrases and all(p.name_start > p.head for p in phrases)}
    named = [e for e, _ in found if e.type is EntityType.INSTALLATION and id(e) not in described]
    kept = []
    for e, phrases in found:
        if id(e) in described and e.type is EntityType.INSTALLATION:
            kinds = {p.kind.split()[-1] for p in phrases}
            sentences = {p.sentence for p in phrases}
            there = [
                b
                for b in named
                if kinds & {f.kind.split()[-1] for f in b.base_facts} and _stands_in(b, e.key, sentences)
            ]
            if len(there) == 1:
                there[0].mentions.extend(e.mentions)
                there[0].base_facts.extend(e.base_facts)
                continue
        kept.append(e)
    return kept


def _stands_in(base: Extracted, place_key: str, elsewhere: set[str]) -> bool:
    """Whether a sentence about `base` other than those in `elsewhere` places it at the place of this key or names
    that place."""
    return any(
        (f.location and names.key(f.location) == place_key) or f" {place_key} " in f" {names.key(f.sentence)} "
        for f in base.base_facts
        if f.sentence not in elsewhere  # "the Velmor naval base and the naval base in Olbek": two bases
    )


def _towns_named_after(
    doc: Doc, clusters: list[Cluster], facts: dict[int, list[InstallationPhrase]], named: set[str]
) -> list[Extracted]:
    """ "the naval base in Tartus", "the air base at Kant": an installation named by the place it is in or at names
    that town too, which the article names no other way."""
    found: dict[str, Extracted] = {}
    for c in clusters:
        for p in facts.get(id(c), []):
            if p.name_start <= p.head or (vote := _town_vote(doc, p)) is None:
                continue
            end = p.name_end + (1 if on_island(doc, p.name_start, p.name_end) else 0)
            name = span_text(doc, p.name_start, end)  # "the air base on Velmor Island": the island is the place
            key = names.key(name)
            if key and key not in named:
                town = found.setdefault(key, Extracted(name=name, key=key, type=EntityType.PLACE, aliases={name}))
                town.votes[EntityType.PLACE] = town.votes.get(EntityType.PLACE, 0.0) + vote
                town.mentions.append(_mention(doc, Candidate(p.name_start, end, name, key)))
    return list(found.values())


def _town_vote(doc: Doc, p: InstallationPhrase) -> float | None:
    """How surely the place a base is named by after its kind is a town ("in Tartus", "at Kant", "on Velmor
    Island"), or None when no such place names it."""
    if on_island(doc, p.name_start, p.name_end):
        return TOWN_PREPOSITIONS["in"]
    return TOWN_PREPOSITIONS.get(doc[p.name_start - 1].lower_)


def _title_case_headline(doc: Doc) -> int | None:
    """Where the first line ends, when it is a headline in title case; None otherwise (`doc.text` is rebuilt on
    every reading, so the article's text is read once here, not once per entity)."""
    text = doc.text
    first_line = text.find("\n")
    if first_line < 0:
        return None
    words = [w for w in text[:first_line].split() if w[:1].isalpha() and len(w) > HEADLINE_SHORT_WORD]
    return first_line if len(words) >= HEADLINE_MIN_WORDS and all(w[:1].isupper() for w in words) else None


def _headline_fragment(doc: Doc, c: Cluster, headline_end: int | None) -> bool:
    """ "Humanitarian Needs" of "Humanitarian Needs in Syria Remain Vast …": in a headline in title case every word
    looks like a name; a person or body named there and nowhere in the story is a fragment of the headline."""
    if headline_end is None or c.type() not in SPEAKERS:
        return False
    return not any(doc[m.start].idx > headline_end for m in c.members)


def _qualify_national_bodies(doc: Doc, found: list[Candidate]) -> None:
    """ "Russia's Defense Ministry" is the "Russian Defense Ministry": a country's ministry or armed service named
    after its possessive takes the country's adjective, so that one country's ministry never stands for another's
    elsewhere in the corpus (every country has a "Foreign Ministry")."""
    by_end = {c.end: c for c in found}
    for body in found:
        words = body.key.split()
        if words and words[-1] in NATIONAL_BODY_HEADS and body.start >= 1:
            _take_demonym(doc, body)  # "Iranian Foreign Ministry" read as "Iranian" and "Foreign Ministry"
        # an air force after a possessive may be named after a ruler ("the Sultan of Oman's Air Force"): its own name
        owned = bool(words) and (words[-1] in OWNED_BODY_HEADS or (names.bare_body(body.key) and words[-1] != "force"))
        if body.start < 2 or doc[body.start - 1].lower_ != "'s":
            continue
        if not owned:
            _someone_elses(body)
            continue
        country = by_end.get(body.start - 1)
        # else the country's own word: the model may have run it into the name on the line before
        adjective = (_ADJECTIVES.get(country.key) if country is not None else None) or _ADJECTIVES.get(
            names.key(doc[body.start - 2].text)
        )
        if adjective is not None:
            _qualify(body, adjective)
    filed_from = _filed_from_capital(doc)
    for body in found:
        if names.bare_body(body.key):
            adjective = _only_country_adjective(doc, body) or _its_country_adjective(doc, body)
            adjective = adjective or (filed_from if _named_so_alone(body, found) else None)
        else:
            adjective = _seated_in(doc, body)
        if adjective:
            _qualify(body, adjective)


def _qualify(body: Candidate, adjective: str) -> None:
    """Name a body after its country's adjective; its mention keeps the words the text has there."""
    body.written = body.written or body.surface
    body.surface = f"{adjective} {body.surface}"
    body.key = names.key(body.surface)


def _someone_elses(body: Candidate) -> None:
    """ "the Sultan of Oman's Air Force": a body named by generic words after its owner's possessive is the owner's,
    not a shorter name the article's "Royal Air Force" goes by elsewhere in the corpus."""
    if names.bare_body(body.key):
        body.given_name = True


def _take_demonym(doc: Doc, body: Candidate) -> None:
    """A country's adjective written just before its body's name is part of the name."""
    before = doc[body.start - 1]
    if before.text[:1].isupper() and names.fold(before.text) in DEMONYMS and not body.surface.startswith(before.text):
        body.start -= 1
        body.surface = f"{before.text} {body.surface}"
        body.key = names.key(body.surface)


def _filed_from_capital(doc: Doc) -> str | None:
    """ "Damascus, SANA –" over a story set in no other country: the adjective of the country whose capital the story
    is filed from, whose own government its bare "Ministry of Defence" is; None when it sets things in another."""
    filed = dateline(doc)
    country = CAPITALS.get(names.fold(filed[0])) if filed is not None else None
    if country is None or host_countries(doc) - {country}:
        return None
    return _ADJECTIVES.get(names.key(country))


def _named_so_alone(body: Candidate, found: list[Candidate]) -> bool:
    """Whether a body's name has more than its head ("Ministry of Defence", not "the Ministry") and is no shorter
    name of another the article names ("the Navy" of "the Islamic Republic of Iran Navy"), which it is to join."""
    tail = f" {body.key}"
    return len(body.key.split()) > 1 and not any(other.key.endswith(tail) for other in found)


def _its_country_adjective(doc: Doc, body: Candidate) -> str | None:
    """ "The Republic of Varnia protested, its Ministry of Foreign Affairs said": a body named after "its" is the
    country's its sentence names before it, when it names one; None when it names none or several."""
    if body.start < 1 or doc[body.start - 1].lower_ != "its":
        return None
    sent = doc[body.start].sent
    countries = {  # whatever the model took the country for ("Varnia, which …" may read as a body)
        country for ent in sent.ents if ent.end < body.start
        and (country := country_itself(names.clean_surface(ent.text)) or capital_country(ent.root))
    }  # fmt: skip
    return _ADJECTIVES.get(names.key(countries.pop())) if len(countries) == 1 else None


def _seated_in(doc: Doc, body: Candidate) -> str | None:
    """ "a meeting of the Security Council in Baku": a council, which the UN has too, is a country's when the words
    right after it set it in that country or its capital."""
    words = body.key.split()
    if not words or words[-1] != "council" or body.end + 1 >= len(doc) or doc[body.end].lower_ != "in":
        return None
    party = parties.named_party(doc[body.end + 1])
    return _ADJECTIVES.get(names.key(party)) if party and names.fold(party) in parties.COUNTRIES else None


def _only_country_adjective(doc: Doc, body: Candidate) -> str | None:
    """The adjective of the one country the body's sentence is set in ("in" a country or its capital): "In Moscow,
    Foreign Ministry spokeswoman Maria Zakharova said …" is Russia's ministry. None when it is set in none or
    several; a country named otherwise ("shipments from Iraq", "his Turkish counterpart") says nothing."""
    sent = doc[body.start].sent
    countries = {
        party for tok in sent if tok.i > sent.start and tok.ent_type_ == "GPE" and _set_in(doc, sent.start, tok.i)
        and not _where_a_later_thing_is(doc, tok, body) and (party := parties.named_party(tok))
    }  # fmt: skip
    return _ADJECTIVES.get(names.key(countries.pop())) if len(countries) == 1 else None


def _where_a_later_thing_is(doc: Doc, place: Token, body: Candidate) -> bool:
    """ "The Army will draw vehicles … for exercises in Jordan": a place that says where a thing named after the body
    is (a common noun's "in"), not the body's own ("the ministry's mansion in Moscow") nor where the sentence
    happens ("In a briefing in Moscow, Foreign Ministry spokeswoman …")."""
    preposition = next((doc[j] for j in range(place.i - 1, max(place.i - 3, -1), -1) if doc[j].lower_ == "in"), None)
    if preposition is None or preposition.head.pos_ != "NOUN" or preposition.head.i < body.end:
        return False
    return not any(child.dep_ == "poss" and body.start <= child.i < body.end for child in preposition.head.children)


def _set_in(doc: Doc, start: int, i: int) -> bool:
    """ "in Moscow", "in central Moscow": a place something happens in (`start`: where its sentence starts)."""
    before = doc[i - 1]
    described = i - 2 >= start and before.tag_ == "JJ" and before.text.islower() and doc[i - 2].lower_ == "in"
    return before.lower_ == "in" or described or _set_in_too(doc, start, i)


def _set_in_too(doc: Doc, start: int, i: int) -> bool:
    """ "in northern Varnia and northern Ostia": the second of two places something happens in."""
    head = doc[i].head
    return doc[i].dep_ == "conj" and start <= head.i < i and head.ent_type_ == "GPE" and _set_in(doc, start, head.i)


def _national_forces(doc: Doc, taken: set[int]) -> list[Candidate]:
    """ "the Syrian army", "Syrian army soldiers", "the Turkish navy": a country's armed service, written in lower
    case so that the model does not see a name, is an organisation."""
    found = []
    for tok in doc:
        if tok.lower_ not in ARMED_SERVICES or tok.text[:1].isupper() or tok.i == 0 or tok.i in taken:
            continue
        demonym = doc[tok.i - 1]
        if (owned := _owned_service(doc, tok, taken)) is not None:
            found.append(owned)  # "Kuwait's army said …": the Kuwaiti army
            continue
        if demonym.i in taken or names.fold(demonym.text) not in DEMONYMS or not demonym.text[:1].isupper():
            continue
        surface = f"{demonym.text} {tok.text}"
        candidate = Candidate(demonym.i, tok.i + 1, surface, names.key(surface))
        candidate.vote(EntityType.ORGANISATION, NATIONAL_FORCE_VOTE)
        found.append(candidate)
    return found


def _owned_service(doc: Doc, service: Token, taken: set[int]) -> Candidate | None:
    """ "Kuwait's army": a country's armed service named by the country's possessive, as "the Kuwaiti army"."""
    if service.i < 2 or doc[service.i - 1].tag_ != "POS":
        return None
    country = doc[service.i - 2]
    if country.ent_type_ != "GPE" or names.key(country.text) not in _ADJECTIVES:
        return None
    # the mention is the service's word alone (the country stays a place); `_qualify_national_bodies` then names it
    # after the country's adjective, as it does "Russia's Defense Ministry"
    candidate = Candidate(service.i, service.i + 1, str(service.text), names.key(service.text))
    candidate.vote(EntityType.ORGANISATION, NATIONAL_FORCE_VOTE)
    return candidate


def _recall_installation_names(doc: Doc, seeded: list[Cluster], taken: set[int]) -> list[Candidate]:
    """An installation's bare name the model left untagged ("Korvik, a Turkish air base, …") is a mention of it,
    so that what its sentence says counts."""
    recalled: list[Candidate] = []
    homes = [c for c in seeded if c.members]
    if not homes:
        return recalled
    last_words = {c.key.split()[-1] for c in homes}
    # Only capitalised words whose own key is the last word of an installation's name can end a mention of it.
    ends = [t.i for t in doc if t.text[:1].isupper() and t.i not in taken and names.key(t.text) in last_words]
    for home in homes:
        _recall_name(doc, home, home.key, ends, taken, recalled)
        if (bare := bare_name(home.key)) is not None:  # "Camp Velmor … Velmor, some 30 km from the capital"
            _recall_name(doc, home, bare, ends, taken, recalled)
    return recalled


def _recall_name(
    doc: Doc, home: Cluster, key: str, ends: list[int], taken: set[int], recalled: list[Candidate]
) -> None:
    """Each mention of `key` ending at one of `ends`, outside `taken`, recalled as a mention of `home`."""
    words = key.split()
    for last in ends:
        start, end = last - len(words) + 1, last + 1
        if start < 0 or not doc[start].text[:1].isupper() or any(i in taken for i in range(start, end)):
            continue
        tok = doc[start]
        if names.key(span_text(doc, tok.i, end)) == key and not (key != home.key and tok.text.isupper()):
            candidate = Candidate(tok.i, end, names.clean_surface(span_text(doc, tok.i, end)), key)
            candidate.vote(EntityType.INSTALLATION, RECALLED_NAME_VOTE)
            home.add(candidate)
            recalled.append(candidate)
            taken.update(range(tok.i, end))


def _installation_clusters(
    phrases: Iterable[InstallationPhrase],
) -> tuple[list[Cluster], dict[int, list[InstallationPhrase]]]:
    clusters: list[Cluster] = []
    facts: dict[int, list[InstallationPhrase]] = {}
    for phrase in phrases:
        candidate = Candidate(phrase.name_start, phrase.name_end, phrase.name, names.key(phrase.name))
        candidate.vote(EntityType.INSTALLATION, INSTALLATION_VOTE)
        # "built by the British as RAF Velbury": a base's name under a designation is another name of it, and the
        # bare one it is called by elsewhere stays its name (later mentions of that are recalled by it)
        candidate.alias = undesignated(candidate.key) is not None
        home = next((c for c in clusters if _same_base_name(c.key, candidate.key)), None)
        if home is None:
            home = Cluster(installation_kind=phrase.kind)
            clusters.append(home)
        home.add(candidate)
        facts.setdefault(id(home), []).append(phrase)
    return clusters, facts


def _same_base_name(one: str, other: str) -> bool:
    """Whether two bases' names are one: the same name, or the same with the words that open one written by their
    initials in the other ("Velmar Defence Force Support Base" and "VDF Support Base")."""
    one, other = unkinded(one), unkinded(other)
    return names.same_name(one, other) or _initials_of(one, other) or _initials_of(other, one)


# The fewest letters of initials that may stand for the words opening another name of a base.
FEWEST_INITIALS = 2


def _initials_of(short: str, long: str) -> bool:
    """Whether the first word of `short` is the initials of the words opening `long`, the words after them the same
    in both ("vdf support" and "velmar defence force support")."""
    short_words, long_words = short.split(), long.split()
    if not short_words or len(short_words[0]) < FEWEST_INITIALS:
        return False
    count = len(short_words[0])
    if len(long_words) != count + len(short_words) - 1 or len(short_words) < 2:
        return False
    initials = "".join(w[0] for w in long_words[:count])
    return initials == short_words[0] and long_words[count:] == short_words[1:]


# The most words a base's other name in parentheses may have ("the Tiyas base (T4)").
PARENTHESISED_NAME_WORDS = 3


def _join_names_in_parentheses(doc: Doc, clusters: list[Cluster], facts: dict[int, list[InstallationPhrase]]) -> None:
    """ "the Tiyas base (T4)" beside "the T4 airbase": a name in parentheses right after a base's phrase that another
    base of the article is called by is the same base's other name (a place there, "(Latakia)", names no base)."""
    for owner in clusters:
        for phrase in list(facts.get(id(owner), [])):
            start = max(*phrase.tokens, phrase.head) + 1
            close = next((i for i in range(start + 1, min(len(doc), start + 2 + PARENTHESISED_NAME_WORDS))
                          if doc[i].text == ")"), None)  # fmt: skip
            if close is None or doc[start].text != "(" or not owner.members:
                continue
            inner = names.key(span_text(doc, start + 1, close))
            for other in clusters:
                if (
                    other is not owner
                    and other.members
                    and id(other) in facts
                    and names.same_name(unkinded(other.key), inner)
                ):
                    owner.absorb(other)
                    facts[id(owner)] += facts.pop(id(other), [])
    clusters[:] = [c for c in clusters if c.members]


# The words that place a named base at a town right after its name ("Air Base 301 near Velmor").
_PLACED_AFTER_NAME = frozenset({"near", "in", "outside", "at"})


def _join_bases_called_by_their_town(
    doc: Doc, clusters: list[Cluster], facts: dict[int, list[InstallationPhrase]]
) -> None:
    """ "Air Base 301 near Velmor …. The drone base in Velmor, built …": a base written only as "the base in" a town
    is the one base the article names otherwise and places at that town right after its name."""
    for town_named in clusters:
        phrases = facts.get(id(town_named), [])
        if not phrases or not town_named.members or not all(_called_by_its_town(doc, p) for p in phrases):
            continue
        town = names.key(phrases[0].name)
        placed = [c for c in clusters if c is not town_named and c.members and _placed_at(doc, facts, c, town)]
        if len(placed) == 1:
            placed[0].absorb(town_named)
            facts[id(placed[0])] += facts.pop(id(town_named), [])
    clusters[:] = [c for c in clusters if c.members]


def _called_by_its_town(doc: Doc, phrase: InstallationPhrase) -> bool:
    """ "the drone base in Velmor": a singular base after "the", its name the place after its kind."""
    head = doc[phrase.head]
    first_of_kind = min([phrase.head, *(t.i for t in head.lefts if t.dep_ in {"amod", "compound"})])
    return phrase.name_start > phrase.head and first_of_kind > 0 and doc[first_of_kind - 1].lower_ == "the"


def _placed_at(doc: Doc, facts: dict[int, list[InstallationPhrase]], cluster: Cluster, town: str) -> bool:
    """Whether one of a base's phrases, where its name comes before the town, places it at `town` right after."""
    for phrase in facts.get(id(cluster), []):
        end = max(*phrase.tokens, phrase.head) + 1
        if phrase.name_start > phrase.head or end + 1 >= len(doc) or doc[end].lower_ not in _PLACED_AFTER_NAME:
            continue
        if names.key(span_text(doc, end + 1, end + 1 + len(town.split()))) == town:
            return True
    return False


def _build(doc: Doc, c: Cluster, phrases: list[InstallationPhrase], again: list[Token]) -> Extracted:
    if phrases and _a_town_too(doc, c, phrases):  # the town: its installation is built apart
        named = {p.name_start for p in phrases}
        town = [m for m in c.members if m.start not in named]
        votes: dict[EntityType, float] = {EntityType.PLACE: 0.0}
        for member in town:
            for kind, weight in member.votes.items():
                if kind is not EntityType.INSTALLATION:
                    votes[kind] = votes.get(kind, 0.0) + weight
        return _entity(doc, Cluster(list(town)), EntityType.PLACE, votes)
    if phrases and c.type() is EntityType.INSTALLATION:
        return _installation(doc, c, phrases, again, c.members)
    extracted = _entity(doc, c, c.type(), c.votes())
    extracted.base_facts.extend(BaseFact(p.kind, None, None, p.sentence) for p in phrases)
    return extracted


def _entity(doc: Doc, c: Cluster, kind: EntityType, votes: dict[EntityType, float]) -> Extracted:
    best = c.best()
    return Extracted(
        name=names.readable(best.surface),
        key=best.key,
        type=kind,
        votes=votes,
        aliases={m.surface for m in c.members if not m.given_name},
        mentions=[_mention(doc, m) for m in sorted(c.members, key=lambda m: m.start)],
    )


def _installation(
    doc: Doc, c: Cluster, phrases: list[InstallationPhrase], again: list[Token], members: list[Candidate]
) -> Extracted:
    """An installation with its operator and location, named as most of its phrases name it."""
    # the name most phrases use; of two used as often, the one that says more ("Darvin air base", not "Darvin base")
    name = max((p.full_name for p in phrases), key=lambda full: (sum(p.full_name == full for p in phrases), len(full)))
    operator, location = describe(doc, sightings(doc, c, phrases, again), phrases[0].name, phrases[0].kind)
    votes = c.votes() if members is c.members else {EntityType.INSTALLATION: INSTALLATION_VOTE * len(phrases)}
    return Extracted(
        name=name,
        key=c.best().key,
        type=EntityType.INSTALLATION,
        votes=votes,
        aliases={m.surface for m in members if not m.given_name} | {p.full_name for p in phrases},
        mentions=[_mention(doc, m) for m in sorted(members, key=lambda m: m.start)],
        base_facts=[BaseFact(p.kind, operator, location, p.sentence) for p in phrases],
    )


def _a_town_too(doc: Doc, c: Cluster, phrases: list[InstallationPhrase]) -> bool:
    """ "the naval facility in Tartous" in a story filed from Tartous: an installation named after the town it
    stands in is both when the article uses its bare name for the town, by the words before it ("shops in Tartous",
    "the port city of Tartus", a dateline) or by the votes (which make it a place, the model tagging it as one)."""
    named = {p.name_start for p in phrases}
    bare = [m for m in c.members if m.start not in named]
    if any(settlement_cue(doc, m.start, m.end) for m in bare):  # "moored at Tartus naval base … shops in Tartus"
        return True
    return any(doc[m.start].ent_type_ == "GPE" for m in bare) and c.type() is EntityType.PLACE


def _only_bare(phrases: list[InstallationPhrase]) -> bool:
    """Whether every phrase names the site by a bare name ("based at Velmor"): a town the article names as such,
    where forces are based, is that town, not a base called after it."""
    return all(p.kind == BARE_KIND and p.full_name == p.name for p in phrases)


def _town_installation(doc: Doc, c: Cluster, phrases: list[InstallationPhrase], again: list[Token]) -> Extracted:
    """The installation that shares its name with a town, with only the mentions its own phrases make and the names
    an alias cue gives it where it is spoken of again ("the base, known as Shahid Vahdati")."""
    named = {p.name_start for p in phrases}
    return _installation(doc, c, phrases, again, [m for m in c.members if m.start in named or m.site_name])


def _leave_to_the_installation(doc: Doc, town: Extracted, site_names: list[Candidate]) -> None:
    """Take from a town the names that are only its installation's (`_town_installation`)."""
    gone = {(mention.start, mention.end) for mention in map(partial(_mention, doc), site_names)}
    town.mentions = [m for m in town.mentions if (m.start, m.end) not in gone]
    town.aliases -= {m.surface for m in site_names}


def _mention(doc: Doc, m: Candidate) -> Mention:
    sent = doc[m.start].sent
    return Mention(m.written or m.surface, *char_bounds(doc, m.start, m.end), sent.start_char, sent.end_char)
