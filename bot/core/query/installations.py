"""Military installations as the corpus describes them: kind, operator and location voted across sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core import names
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

    def matches(self, text: str) -> bool:
        """Whether a filter ("Russia", "naval", "Hmeimim") names its name, kind, or any stated operator or location."""
        needle, wanted = names.fold(text).strip(), names.key(text)
        fields = [self.entity.name, self.kind, self.operator or "", self.location or "", *self.stated]
        return any(needle in _fold(f) or names.same_name(wanted, _key(f)) for f in fields if f)


@lru_cache(maxsize=NAME_KEYS_CACHED)
def _fold(value: str) -> str:
    return names.fold(value)


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
    """Every installation, or those whose operator, location, kind or name matches `text`."""
    summaries = [summarise_installation(i) for i in store.installations()]
    return [s for s in summaries if s.matches(text)] if text.strip() else summaries
