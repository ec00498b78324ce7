"""The gold file (tests/eval/gold.json): the facts each article states, written by reading it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.core import names
from bot.core.models import EntityType

TUNE = "tune"
HOLDOUT = "holdout"


@dataclass(frozen=True)
class GoldEntity:
    """An entity an article names, with every form it takes there; installations with their facts."""

    id: str
    name: str
    type: EntityType
    forms: tuple[str, ...]
    operator: str | None = None
    former_operators: tuple[str, ...] = ()
    location: str | None = None


@dataclass(frozen=True)
class GoldQuote:
    """Words in quotation marks and who said them (None: an unnamed speaker)."""

    speaker: str | None
    contains: str


@dataclass(frozen=True)
class GoldArticle:
    """One article's facts."""

    file: str
    split: str
    style: str
    headline: str
    date: date | None
    entities: tuple[GoldEntity, ...]
    roles: tuple[tuple[str, str], ...]  # (entity id, title)
    quotes: tuple[GoldQuote, ...]
    not_installations: tuple[str, ...]

    def ids_by_form(self) -> dict[str, set[str]]:
        """Each form's matching key, and the entities of this article written that way."""
        found: dict[str, set[str]] = {}
        for entity in self.entities:
            for form in (*entity.forms, entity.name):
                if form_key := names.key(form):
                    found.setdefault(form_key, set()).add(entity.id)
        return found


def load(path: Path) -> dict[str, GoldArticle]:
    """Every article's gold record, by file name."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: _article(name, record) for name, record in data["articles"].items()}


def _article(name: str, r: dict[str, Any]) -> GoldArticle:
    return GoldArticle(
        file=name,
        split=r["split"],
        style=r.get("style", ""),
        headline=r["headline"],
        date=date.fromisoformat(r["date"]) if r.get("date") else None,
        entities=tuple(_entity(e) for e in r["entities"]),
        roles=tuple((x["id"], x["title"]) for x in r.get("roles", [])),
        quotes=tuple(GoldQuote(q.get("id"), q["contains"]) for q in r.get("quotes", [])),
        not_installations=tuple(r.get("not_installations", [])),
    )


def _entity(e: dict[str, Any]) -> GoldEntity:
    return GoldEntity(
        id=e["id"],
        name=e["name"],
        type=EntityType(e["type"]),
        forms=tuple(e.get("forms", [])),
        operator=e.get("operator"),
        former_operators=tuple(e.get("former_operators") or ()),
        location=e.get("location"),
    )
