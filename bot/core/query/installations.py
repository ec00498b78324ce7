"""Military installations as the corpus describes them: kind, operator and location voted across sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.core import names
from bot.core.lexicon import COUNTRY_VARIANTS, DEMONYMS
from bot.core.store import Store
from bot.core.store.records import ArticleRow, EntityRow, Installation, Stated

# Distinct operator, location, kind and installation names number in the hundreds; their keys are computed once.
NAME_KEYS_CACHED = 4096


@dataclass(frozen=True)
class InstallationSummary:
    """An installation's facts, voted across every sentence about it."""

    entity: EntityRow
    kind: str
    operator: str | None
    location: str | None
    context: str
    article: ArticleRow
    stated: tuple[str, ...]  # every operator and location any sentence states, the minority ones too

    @cached_property
    def fields(self) -> frozenset[str]:
        """What a filter is matched against: name, kind, and every operator and location stated."""
        return frozenset(f for f in (self.entity.name, self.kind, self.operator, self.location, *self.stated) if f)


def _answering(text: str) -> Callable[[str], bool]:
    """Whether a name, kind, operator or location answers a /bases filter ("Russia", "naval", "Tartus",
    "American"): the filter's words stand in it whole, with their spellings; a country matches by any of its names
    and demonyms ("US", "U.S.", "USA", "American", "United States"), never by a piece of another word ("us" in
    "Russia")."""
    wanted, party = names.key(text).split(), _party(text)
    return lambda value: _has_words(_key(value).split(), wanted) or bool(party and _party(value) == party)


def _has_words(words: list[str], wanted: list[str]) -> bool:
    """Whether `wanted` stands in `words` as consecutive whole words, each allowing its transliteration variants."""
    n = len(wanted)
    return n > 0 and any(
        all(names.same_token(a, b) for a, b in zip(words[i : i + n], wanted, strict=True))
        for i in range(len(words) - n + 1)
    )


@lru_cache(maxsize=NAME_KEYS_CACHED)
def _party(value: str) -> str | None:
    """The country a name, a variant or a demonym stands for ("American", "U.S." give "united states")."""
    folded = names.fold(names.clean_surface(value)).strip()
    country = DEMONYMS.get(folded) or COUNTRY_VARIANTS.get(folded) or DEMONYMS.get(folded.rstrip("s"))
    if country is None and folded in _COUNTRY_NAMES:
        country = folded
    return names.key(country) if country else None


_COUNTRY_NAMES = frozenset(names.fold(c) for c in DEMONYMS.values()) | frozenset(
    names.fold(c) for c in COUNTRY_VARIANTS.values()
)


@lru_cache(maxsize=NAME_KEYS_CACHED)
def _key(value: str) -> str:
    return names.key(value)


def summarise_installation(item: Installation) -> InstallationSummary:
    """The most stated kind, operator and location of an installation, and its newest context sentence."""
    return InstallationSummary(
        entity=item.entity,
        kind=_most_stated(item.kinds) or item.newest.kind,
        operator=_most_stated(item.operators),
        location=_most_stated(item.locations),
        context=item.newest.sentence,
        article=item.article,
        stated=tuple(s.value for s in (*item.operators, *item.locations)),
    )


def _most_stated(values: Sequence[Stated]) -> str | None:
    """The value most sentences state; a tie goes to the one stated in the newest article, then to the one the
    corpus stated first."""
    best = max(values, key=lambda s: (s.count, s.last, -s.first_id), default=None)
    return best.value if best else None


def installations(store: Store, text: str = "") -> list[InstallationSummary]:
    """Every installation, or those whose operator, location, kind or name matches `text`: those it operates
    first ("/bases Turkey" lists Turkey's own bases before the ones in Turkey or once said to be Turkish), each
    group in the store's order."""
    summarised = _summarised(store.installations())
    if not text.strip():
        return list(summarised.summaries)
    answers = _answering(text)
    matched = {value for value in summarised.values if answers(value)}  # each distinct value tested once
    found = [s for s in summarised.summaries if not matched.isdisjoint(s.fields)]
    return sorted(found, key=lambda s: _match_order(s, matched))


def _match_order(summary: InstallationSummary, matched: set[str]) -> int:
    """0 when the filter matches the operator most sentences state, 1 its name, kind or location, 2 only what a
    minority of sentences state."""
    if summary.operator in matched:
        return 0
    return 1 if {summary.entity.name, summary.kind, summary.location} & matched else 2


@dataclass(frozen=True)
class _Summarised:
    """The summaries of one list of installations, and every value a filter is matched against."""

    items: list[Installation]
    summaries: tuple[InstallationSummary, ...]
    values: frozenset[str]


_last: list[_Summarised] = []  # the summaries of the list the store last handed out


def _summarised(items: list[Installation]) -> _Summarised:
    """The summaries of `items`, worked out once per list: the store hands out the same list until an ingestion
    changes it (a million articles: a thousand installations, fifty stated locations each), and a changed list
    holds the same objects for the installations that did not change: their summaries are kept."""
    last = _last[0] if _last else None
    if last is not None and last.items is items:
        return last
    kept = {id(item): summary for item, summary in zip(last.items, last.summaries, strict=True)} if last else {}
    summaries = tuple(kept.get(id(i)) or summarise_installation(i) for i in items)
    made = _Summarised(items, summaries, frozenset(v for s in summaries for v in s.fields))
    _last[:] = [made]
    return made
