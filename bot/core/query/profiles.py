"""What the corpus says about one entity: roles, recent articles, quotes and the names it appears with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.core import names
from bot.core.models import EntityType
from bot.core.query.installations import InstallationSummary, installations, summarise_installation
from bot.core.store import Store
from bot.core.store.records import EntityRow, Said, Sighting


@dataclass(frozen=True)
class RoleSummary:
    """A title and how often the corpus gives it, with the sentence it was first found in."""

    title: str
    count: int
    example: Said


@dataclass(frozen=True)
class Profile:
    """What the corpus says about one entity."""

    entity: EntityRow
    roles: list[RoleSummary]
    sightings: list[Sighting]
    quotes: list[Said]
    companions: list[tuple[EntityRow, int]]
    installation: InstallationSummary | None = None
    # a place's: the installations it keeps or that stand there, as `/bases PLACE` lists them
    installations_there: list[InstallationSummary] = field(default_factory=list)


def profile(store: Store, entity: EntityRow, articles: int, offset: int = 0) -> Profile:
    """Gather an entity's roles, recent articles, quotes and companions."""
    summary = None
    if entity.type is EntityType.INSTALLATION:
        found = store.installation(entity.id)
        summary = summarise_installation(found) if found else None
    there = installations(store, entity.name) if entity.type is EntityType.PLACE else []
    return Profile(
        entity=entity,
        roles=summarise_roles(store.roles(entity.id)),
        sightings=store.sightings(entity.id, articles, offset),
        quotes=store.quotes(entity.id, limit=5),
        companions=store.companions(entity.id, limit=12),
        installation=summary,
        installations_there=there,
    )


def summarise_roles(roles: list[Said]) -> list[RoleSummary]:
    """Distinct titles (ignoring case and apostrophe style), most often stated first."""
    counts: Counter[str] = Counter()
    first: dict[str, Said] = {}
    for said in roles:
        role_key = names.fold(said.text)
        counts[role_key] += 1
        first.setdefault(role_key, said)
    return [RoleSummary(first[k].text, n, first[k]) for k, n in counts.most_common()]
