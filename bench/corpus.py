"""A deterministic generator of realistic news articles, as text (for ingestion) and as extracted records.

Names are made up from syllables; every entity's distinctive word is unique by its consonant skeleton, so the
store's resolution (same key or spelling variant -> same entity) never merges two generated entities and a
bulk loader can predict exactly what the real writer does. Records carry consistent character offsets.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.core import names
from bot.core.ingest.article import normalise_text, to_article
from bot.core.models import Article, BaseFact, Document, EntityType, Extracted, Mention, Quote, Role

# Bump when the generated corpus changes (or what the bulk loader writes of it): cached databases are keyed by it.
GENERATOR_VERSION = "2"
SEED = 6
SYLLABLES = (
    "ka ve lor mir tan sha dov rin zel bar nak qo vesh tal mar os ul ev dra gor hal pen sur tor bel kas "
    "nur fen gal dar ris mon zar tek vil hur jas lem pra sor vak yul ber cin dum fal gis hok"
).split()
SUFFIXES = ("", "", "ov", "ani", "oglu", "ski", "ev", "in", "ar", "ez")
GIVEN = "Amir Lena Omar Sergei Nadia Yusuf Irina Karim Layla Pavel Hana Tariq Mira Farid Zeynep Daniel Rania".split()
TITLES = (
    "Foreign Minister", "Defence Minister", "Prime Minister", "President", "Interior Minister",
    "army spokesman", "deputy foreign minister", "Energy Minister", "intelligence chief", "central bank governor",
)  # fmt: skip
ORG_HEADS = ("Council", "Front", "Institute", "Brigade", "Energy", "Party", "Movement", "Relief Agency")
# Real countries: operators of bases and places in the news (the lexicon knows their adjectives).
COUNTRIES = {
    "Russia": "Russian", "Turkey": "Turkish", "Iran": "Iranian", "United States": "American",
    "France": "French", "China": "Chinese", "Syria": "Syrian", "Iraq": "Iraqi", "Israel": "Israeli",
    "Jordan": "Jordanian", "Egypt": "Egyptian", "Qatar": "Qatari", "Lebanon": "Lebanese", "Greece": "Greek",
}  # fmt: skip
BASE_KINDS = ("air base", "naval port", "airfield", "garrison")
OUTLETS = ("Levant Wire", "Meridian News", "Coastal Post", "Northern Herald", "Desert Dispatch", "Harbour Times")
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
CLAUSES = (
    "the ceasefire would hold through the winter", "talks would resume in the capital next week",
    "aid convoys had been stopped at the border", "the government was ready to negotiate",
    "the offensive had been halted after heavy losses", "new sanctions would hurt ordinary families",
    "the agreement on prisoner exchanges was close", "fuel shipments would restart within days",
    "the border crossings would reopen for trade", "the militias had withdrawn from the highway",
    "elections could be held before the summer", "reconstruction funds were being misused",
    "the water network had been badly damaged", "drone strikes had hit a fuel depot overnight",
    "the refugees would be allowed to return home", "the pipeline deal would be signed this month",
)  # fmt: skip
QUOTES = (
    "We will not accept any solution imposed from outside", "Our forces remain ready to defend the country",
    "This agreement opens a new chapter for the region", "Nobody wants a return to open war",
    "The humanitarian situation is getting worse every day", "We expect our partners to keep their word",
    "There can be no stability without justice for the victims", "The talks were frank and useful",
    "We have made real progress on the question of prisoners", "Sanctions only punish ordinary people",
)  # fmt: skip
SUBJECTS = (
    "Analysts", "Diplomats in the region", "Aid workers", "Local officials", "Residents", "Observers",
    "Western governments", "Economists", "Military experts", "Human rights groups", "Traders in the old market",
)  # fmt: skip
PREDICATES = (
    "said the talks could reshape the balance of power in the region",
    "warned that the humanitarian crisis was deepening as winter approached",
    "described long queues for bread and fuel in several towns",
    "expected the negotiations to drag on for months without a breakthrough",
    "noted that prices of wheat and medicine had doubled since the spring",
    "said the reconstruction of schools and hospitals had barely begun",
    "pointed to a sharp rise in smuggling along the mountain roads",
    "questioned whether the ceasefire monitors had enough access",
    "reported that electricity returned for only a few hours a day",
    "said the displaced families lacked shelter, water and medical care",
    "argued that the sanctions regime needed a thorough review",
    "stressed that any settlement would need guarantees from several powers",
)  # fmt: skip


@dataclass(frozen=True)
class Entity:
    """One generated person, organisation, place or installation."""

    name: str
    kind: EntityType
    short: str  # family name (person) or bare name (installation); the name itself otherwise
    title: str = ""
    country: str = ""  # a person's country, an installation's operator
    base_kind: str = ""
    location: str = ""


@dataclass
class Universe:
    """Every entity an article may name, each list ordered from most to least written about."""

    people: list[Entity]
    orgs: list[Entity]
    places: list[Entity]
    bases: list[Entity]
    countries: list[Entity]


def _word(rng: random.Random, taken: set[str]) -> str:
    """A new made-up word whose consonant skeleton no other entity word has."""
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))) + rng.choice(SUFFIXES)
        skeleton = names.consonants(names.key(word))
        if len(word) >= 5 and skeleton not in taken:
            taken.add(skeleton)
            return word.capitalize()


def universe(n_articles: int, seed: int = SEED) -> Universe:
    """The entities of a corpus of `n_articles`, scaled with it."""
    rng = random.Random(f"universe-{seed}-{n_articles}")
    taken = {names.consonants(names.key(w)) for c in COUNTRIES for w in c.split()}
    taken |= {names.consonants(names.key(g)) for g in GIVEN}
    countries = [Entity(c, EntityType.PLACE, c) for c in COUNTRIES]
    places = [Entity(w, EntityType.PLACE, w) for w in (_word(rng, taken) for _ in range(100 + n_articles // 40))]
    people = []
    for _ in range(200 + n_articles // 5):
        family = _word(rng, taken)
        people.append(
            Entity(
                f"{rng.choice(GIVEN)} {family}",
                EntityType.PERSON,
                family,
                rng.choice(TITLES),
                rng.choice(list(COUNTRIES)),
            )
        )
    orgs = [
        Entity(f"{_word(rng, taken)} {rng.choice(ORG_HEADS)}", EntityType.ORGANISATION, "")
        for _ in range(50 + n_articles // 50)
    ]
    bases = []
    for _ in range(20 + n_articles // 1000):
        bare, kind = _word(rng, taken), rng.choice(BASE_KINDS)
        bases.append(
            Entity(
                f"{bare} {kind}",
                EntityType.INSTALLATION,
                bare,
                country=rng.choice(list(COUNTRIES)),
                base_kind=kind,
                location=rng.choice(places).name,
            )
        )
    return Universe(people, orgs, places, bases, countries)


# A segment of a sentence: literal text, or (entity, surface) for a mention.
Segment = str | tuple[Entity, str]


@dataclass
class Sentence:
    """A sentence as segments, with what it states: a role, a quote, an installation fact."""

    parts: list[Segment]
    role: tuple[Entity, str] | None = None
    quote: tuple[Entity, str] | None = None
    base: Entity | None = None


@dataclass
class Plan:
    """An article before rendering: its headline, source, date and paragraphs of sentences."""

    headline: str
    source: str
    published: datetime
    paragraphs: list[list[Sentence]]
    number: int = 0


@dataclass
class _Cast:
    people: list[Entity]
    orgs: list[Entity]
    places: list[Entity]
    countries: list[Entity]
    bases: list[Entity]
    introduced: set[str] = field(default_factory=set)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _intro(rng: random.Random, cast: _Cast, p: Entity) -> Sentence:
    """The sentence that first names a person, in full, with a title."""
    day, clause, place = rng.choice(DAYS), rng.choice(CLAUSES), rng.choice(cast.places)
    demonym = COUNTRIES[p.country]
    match rng.randrange(4):
        case 0:
            return Sentence([f"{_cap(p.title)} ", (p, p.name), f" said on {day} that {clause}."], role=(p, p.title))
        case 1:
            return Sentence(
                [(p, p.name), f", the {demonym} envoy for ", (place, place.name), f", told reporters that {clause}."],
                role=(p, f"{demonym} envoy for {place.name}"),
            )
        case 2:
            return Sentence(
                [f"{demonym} {p.title} ", (p, p.name), " met officials in ", (place, place.name), f" on {day}."],
                role=(p, f"{demonym} {p.title}"),
            )
    quote = rng.choice(QUOTES)
    country = Entity(p.country, EntityType.PLACE, p.country)
    return Sentence(
        [f"“{quote},” said ", (p, p.name), f", the {p.title} of ", (country, p.country), "."],
        role=(p, p.title),
        quote=(p, quote),
    )


def _again(rng: random.Random, cast: _Cast, p: Entity) -> Sentence:
    """A later sentence about a person, by family name."""
    quote, clause, place = rng.choice(QUOTES), rng.choice(CLAUSES), rng.choice(cast.places)
    match rng.randrange(4):
        case 0:
            return Sentence([f"“{quote},” ", (p, p.short), " said."], quote=(p, quote))
        case 1:
            return Sentence([(p, p.short), f" added that {clause}."])
        case 2:
            return Sentence([(p, p.short), f" warned, “{quote}.”"], quote=(p, quote))
    return Sentence(["Asked about ", (place, place.name), ", ", (p, p.short), f" said {clause}."])


def _person(rng: random.Random, cast: _Cast) -> Sentence:
    p = rng.choice(cast.people)
    if p.name in cast.introduced:
        return _again(rng, cast, p)
    cast.introduced.add(p.name)
    return _intro(rng, cast, p)


def _org(rng: random.Random, cast: _Cast) -> Sentence:
    o, place = rng.choice(cast.orgs), rng.choice(cast.places)
    match rng.randrange(3):
        case 0:
            return Sentence(["The ", (o, o.name), f" said in a statement that {rng.choice(CLAUSES)}."])
        case 1:
            return Sentence(
                ["A spokesman for the ", (o, o.name), " declined to comment on events in ", (place, place.name), "."]
            )
    return Sentence(["Members of the ", (o, o.name), f" {rng.choice(PREDICATES)}."])


def _place(rng: random.Random, cast: _Cast) -> Sentence:
    place = rng.choice(cast.places)
    match rng.randrange(3):
        case 0:
            return Sentence(
                [
                    "Fighting was reported near ",
                    (place, place.name),
                    f" on {rng.choice(DAYS)}, according to local officials.",
                ]
            )
        case 1:
            return Sentence(["In ", (place, place.name), f", {rng.choice(SUBJECTS).lower()} {rng.choice(PREDICATES)}."])
    a, b = rng.choice(cast.countries), rng.choice(cast.countries)
    if a == b:
        return Sentence([(a, a.name), " sent more troops to the crossings near ", (place, place.name), "."])
    return Sentence(
        [(a, a.name), " and ", (b, b.name), " traded accusations over the crossings near ", (place, place.name), "."]
    )


def _base(rng: random.Random, cast: _Cast) -> Sentence:
    b = rng.choice(cast.bases)
    operator = Entity(b.country, EntityType.PLACE, b.country)
    where = Entity(b.location, EntityType.PLACE, b.location)
    match rng.randrange(3):
        case 0:
            parts: list[Segment] = [
                f"{COUNTRIES[b.country]} forces operate the ",
                (b, b.short),
                f" {b.base_kind} near ",
                (where, where.name),
                ".",
            ]
        case 1:
            parts = [
                "Satellite images showed new hangars at the ",
                (b, b.short),
                f" {b.base_kind}, which ",
                (operator, operator.name),
                f" has used since {rng.randint(1970, 2020)}.",
            ]
        case _:
            parts = [
                (operator, operator.name),
                " keeps troops at the ",
                (b, b.short),
                f" {b.base_kind} outside ",
                (where, where.name),
                ".",
            ]
    return Sentence(parts, base=b)


def _filler(rng: random.Random, _cast: _Cast) -> Sentence:
    if rng.random() < 0.3:
        return Sentence([f"Officials in the capital said {rng.choice(CLAUSES)}."])
    return Sentence([f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}."])


def _words(sentence: Sentence) -> int:
    return sum(len((p if isinstance(p, str) else p[1]).split()) for p in sentence.parts)


# Share of articles that re-publish a recent story with light edits (agency copy): what digests group together.
REPUBLISHED = 0.04
# Share of articles that name a military installation.
WITH_BASE = 0.15
START = datetime(2023, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=1400)
_KINDS = ((_person, 0.34), (_filler, 0.34), (_place, 0.14), (_org, 0.10), (_base, 0.08))


class _Popular:
    """Picks from a list ordered by popularity with a Zipf-like law: a few names are in many articles."""

    def __init__(self, items: list[Entity]) -> None:
        self.items = items
        total, self.cum = 0.0, []
        for rank in range(len(items)):
            total += 1.0 / (rank + 5)
            self.cum.append(total)

    def pick(self, rng: random.Random, k: int) -> list[Entity]:
        chosen: dict[str, Entity] = {}
        for _ in range(k * 4):
            item = rng.choices(self.items, cum_weights=self.cum)[0]
            chosen.setdefault(item.name, item)
            if len(chosen) == k:
                break
        return list(chosen.values())


def plans(n: int, seed: int = SEED) -> Iterator[Plan]:
    """The plans of `n` articles, oldest first; the same every time for the same `n` and `seed`."""
    world = universe(n, seed)
    rng = random.Random(f"plans-{seed}-{n}")
    pickers = [_Popular(x) for x in (world.people, world.orgs, world.places, world.countries, world.bases)]
    recent: list[Plan] = []
    for number in range(n):
        published = START + SPAN * (number / max(n, 1)) + timedelta(minutes=rng.randint(0, 600))
        if recent and rng.random() < REPUBLISHED:
            plan = _republish(rng, rng.choice(recent), published)
        else:
            plan = _compose(rng, pickers, published)
        plan.number = number
        recent = [*recent[-29:], plan]
        yield plan


def _compose(rng: random.Random, pickers: list[_Popular], published: datetime) -> Plan:
    people, orgs, places, countries, bases = pickers
    cast = _Cast(
        people.pick(rng, rng.randint(2, 4)),
        orgs.pick(rng, rng.randint(1, 2)),
        places.pick(rng, rng.randint(1, 3)),
        countries.pick(rng, rng.randint(1, 2)),
        bases.pick(rng, 1) if rng.random() < WITH_BASE else [],
    )
    sentences = [_intro(rng, cast, cast.people[0]), _place(rng, cast)]
    cast.introduced.add(cast.people[0].name)
    if cast.bases:
        sentences.append(_base(rng, cast))
    target, words = rng.randint(400, 800), sum(_words(s) for s in sentences)
    kinds = [k for k, _ in _KINDS if k is not _base or cast.bases]
    weights = [w for k, w in _KINDS if k is not _base or cast.bases]
    while words < target:
        sentence = rng.choices(kinds, weights)[0](rng, cast)
        sentences.append(sentence)
        words += _words(sentence)
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.randint(3, 6)
        paragraphs.append(sentences[i : i + size])
        i += size
    lead, place = cast.people[0], cast.places[0]
    headline = rng.choice(
        (
            f"{lead.short} says {rng.choice(CLAUSES)}",
            f"Talks in {place.name} stall as {lead.short} hardens stance",
            f"{place.name}: {rng.choice(SUBJECTS).lower()} fear new fighting",
            f"{lead.name} visits {place.name}",
        )
    )
    return Plan(headline, rng.choice(OUTLETS), published, paragraphs)


def _republish(rng: random.Random, original: Plan, published: datetime) -> Plan:
    """The same story from another outlet: one sentence dropped, another headline."""
    paragraphs = [list(p) for p in original.paragraphs]
    longest = max(paragraphs, key=len)
    if len(longest) > 1:
        del longest[rng.randrange(1, len(longest))]
    source = rng.choice([o for o in OUTLETS if o != original.source])
    return Plan(f"{original.headline} ({source})", source, published, paragraphs)


@dataclass
class Rendered:
    """An article's text with every mention located: (entity, surface, start, end, sentence index)."""

    text: str
    sentences: list[tuple[int, int]]
    mentions: list[tuple[Entity, str, int, int, int]]


def render(plan: Plan) -> Rendered:
    """The article's text, paragraphs separated by a blank line, with character offsets of what it names."""
    chunks: list[str] = []
    spans: list[tuple[int, int]] = []
    found: list[tuple[Entity, str, int, int, int]] = []
    pos = 0
    for p_index, paragraph in enumerate(plan.paragraphs):
        if p_index:
            chunks.append("\n\n")
            pos += 2
        for s_index, sentence in enumerate(paragraph):
            if s_index:
                chunks.append(" ")
                pos += 1
            start = pos
            for part in sentence.parts:
                surface = part if isinstance(part, str) else part[1]
                if not isinstance(part, str):
                    found.append((part[0], surface, pos, pos + len(surface), len(spans)))
                chunks.append(surface)
                pos += len(surface)
            spans.append((start, pos))
    return Rendered("".join(chunks), spans, found)


def texts(n: int, seed: int = SEED) -> list[str]:
    """`n` article texts for the ingestion benchmark."""
    return [render(plan).text for plan in plans(n, seed)]


Record = tuple[Article, datetime, list[Extracted]]


def records(n: int, seed: int = SEED) -> Iterator[Record]:
    """`n` articles with what extraction would find in them, without spaCy: (article, ingested at, entities)."""
    for plan in plans(n, seed):
        yield record(plan)


def later_records(n: int, count: int, seed: int = SEED) -> Iterator[Record]:
    """`count` new articles about the corpus of `n` (its people, places and bases), published after all of it:
    what an ingestion adds to a running index."""
    world = universe(n, seed)
    rng = random.Random(f"later-{seed}-{n}")
    pickers = [_Popular(x) for x in (world.people, world.orgs, world.places, world.countries, world.bases)]
    for number in range(n, n + count):
        plan = _compose(rng, pickers, START + SPAN + timedelta(minutes=number - n))
        plan.number = number
        yield record(plan)


def record(plan: Plan) -> Record:
    """One planned article as an `Article` and its `Extracted` entities, in order of first mention."""
    done = render(plan)
    slug = plan.source.lower().replace(" ", "-")
    document = Document(
        text=done.text,
        source=plan.source,
        url=f"https://{slug}.example/{plan.published:%Y/%m}/{plan.number}",
        title=plan.headline,
        published=plan.published,
    )
    article = to_article(document, plan.published)
    assert article.text == done.text, "generated text must need no normalisation, or offsets would move"
    flat = [s for paragraph in plan.paragraphs for s in paragraph]
    found: dict[str, Extracted] = {}
    for entity, surface, start, end, s_index in done.mentions:
        item = found.get(entity.name)
        if item is None:
            item = found[entity.name] = _extracted(entity)
        item.aliases.add(surface)
        s_start, s_end = done.sentences[s_index]
        item.mentions.append(Mention(surface, start, end, s_start, s_end))
    for s_index, sentence in enumerate(flat):
        text = done.text[slice(*done.sentences[s_index])]
        if sentence.role:
            found[sentence.role[0].name].roles.append(Role(sentence.role[1], text))
        if sentence.quote:
            found[sentence.quote[0].name].quotes.append(Quote(sentence.quote[1], text))
        if sentence.base:
            b = sentence.base
            location = b.location if b.location in text else None
            found[b.name].base_facts.append(BaseFact(b.base_kind, b.country, location, text))
    for item in found.values():
        weight = 5.0 if item.type is EntityType.INSTALLATION else 1.0
        item.votes = {item.type: weight * len(item.mentions) + len(item.roles)}
    return article, plan.published + timedelta(hours=1), list(found.values())


def _extracted(entity: Entity) -> Extracted:
    if entity.kind is EntityType.INSTALLATION:
        return Extracted(entity.name, _key(entity.short), entity.kind, aliases={entity.name})
    return Extracted(entity.name, _key(entity.name), entity.kind)


# The same names recur in thousands of articles: their keys are worked out once (a tenth of generation's time).
_key = functools.lru_cache(maxsize=1 << 20)(names.key)


def normalised(text: str) -> bool:
    """Whether ingestion would keep `text` as it is (what the generator promises)."""
    return normalise_text(text) == text
