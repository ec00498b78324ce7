"""Scoring what the bot extracted from each article against what a reader wrote down (pure: no store)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.core import names
from bot.core.lexicon import (
    DEMONYMS,
    INSTALLATION_HEADS,
    MILITARY_MODIFIERS,
    OPERATING_MODIFIERS,
    SITE_HEADS,
    SITE_MODIFIERS,
    TRAINING_HEADS,
    TRAINING_MODIFIERS,
)
from bot.core.models import EntityType
from bot.evaluation.gold import GoldArticle, GoldEntity

# A predicted entity is the corpus entity it was resolved to: its type, key and name.
Identity = tuple[str, str, str]
# How much a matching type adds to a form's vote when a predicted entity's forms point at several gold ones.
TYPE_TIE_BREAK = 0.5


@dataclass(frozen=True)
class PredictedEntity:
    """One corpus entity as linked to one article: how it was written there and what was said of it."""

    identity: Identity
    name: str
    type: EntityType
    surfaces: tuple[str, ...]
    roles: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Predicted:
    """What the store holds of one article."""

    headline: str
    published: datetime
    dated: bool  # whether the article's date is its own (not the file's time)
    file_time: datetime | None
    entities: tuple[PredictedEntity, ...]


@dataclass
class Tally:
    """Right answers out of those scored, with what went wrong."""

    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        """Score one answer; `what` describes it when it is wrong."""
        self.total += 1
        self.hit += ok
        if not ok:
            self.misses.append(what)

    @property
    def value(self) -> float | None:
        """The share right, or None when nothing was scored."""
        return self.hit / self.total if self.total else None


@dataclass
class Scores:
    """Every measure, by name (ratios as tallies; counts of errors as lists)."""

    ratios: dict[str, Tally] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def tally(self, name: str) -> Tally:
        """The tally called `name`, started on first use."""
        return self.ratios.setdefault(name, Tally())

    def error(self, name: str, what: str) -> None:
        """Record one error of the kind `name`."""
        self.errors.setdefault(name, []).append(what)


def score(pairs: Sequence[tuple[GoldArticle, Predicted]]) -> Scores:
    """Every measure over these articles."""
    scores = Scores()
    assigned: dict[str, set[Identity]] = {}
    claimed: dict[Identity, set[str]] = {}
    forms: dict[str, set[str]] = {}
    for gold, _ in pairs:
        for entity in gold.entities:
            forms.setdefault(entity.id, set()).update(k for f in entity.forms if (k := names.key(f)))
    for gold, predicted in pairs:
        for found, gold_id in _score_article(scores, gold, predicted):
            assigned.setdefault(gold_id, set()).add(found.identity)
            claimed.setdefault(found.identity, set()).add(gold_id)
    _score_merges(scores, assigned, claimed, forms)
    return scores


def _score_article(scores: Scores, gold: GoldArticle, predicted: Predicted) -> list[tuple[PredictedEntity, str]]:
    by_form = gold.ids_by_form()
    by_id = {e.id: e for e in gold.entities}
    matches = [(e, gid) for e in predicted.entities if (gid := _assign(e, by_form, by_id))]
    matched = {id(e): gid for e, gid in matches}
    where = gold.file
    for entity in predicted.entities:
        gid = matched.get(id(entity))
        scores.tally("entity precision").add(gid is not None, f"{where}: {entity.name} ({entity.type})")
        if entity.type is EntityType.INSTALLATION and (gid is None or by_id[gid].type is not EntityType.INSTALLATION):
            scores.error("false bases", f"{where}: {entity.name}")
        type_ok = gid is not None and by_id[gid].type is entity.type
        scores.tally(f"{entity.type} precision").add(type_ok, f"{where}: {entity.name}")
        if gid is not None:
            scores.tally("type accuracy").add(
                type_ok, f"{where}: {entity.name} is {entity.type}, not {by_id[gid].type}"
            )
    found = {gid: [e for e, g in matches if g == gid] for gid in by_id}
    for gid, wanted in by_id.items():
        typed = [e for e in found[gid] if e.type is wanted.type]
        scores.tally("entity recall").add(bool(found[gid]), f"{where}: {wanted.name}")
        scores.tally(f"{wanted.type} recall").add(bool(typed), f"{where}: {wanted.name}")
        if wanted.type is EntityType.INSTALLATION:
            _score_installation(scores, gold, wanted, typed, by_form)
    _score_roles(scores, gold, found)
    _score_quotes(scores, gold, predicted, matched)
    _score_article_fields(scores, gold, predicted)
    return matches


def _assign(entity: PredictedEntity, by_form: dict[str, set[str]], by_id: dict[str, GoldEntity]) -> str | None:
    """The gold entity a predicted one stands for: the one most of its forms name, a matching type breaking ties.
    An installation's forms also match by their bare names ("Tartus naval base" and "the naval base at Tartus")."""
    votes: dict[str, float] = {}
    for surface in {*entity.surfaces, entity.name}:
        for gid in _named_by(surface, entity.type, by_form, by_id):
            votes[gid] = votes.get(gid, 0.0) + 1.0 + (TYPE_TIE_BREAK if by_id[gid].type is entity.type else 0.0)
    return max(votes, key=lambda gid: (votes[gid], gid)) if votes else None


def _named_by(surface: str, kind: EntityType, by_form: dict[str, set[str]], by_id: dict[str, GoldEntity]) -> set[str]:
    found = set(by_form.get(names.key(surface), ()))
    if kind is EntityType.INSTALLATION:
        bare = _bare(names.key(surface))
        found |= {
            e.id for e in by_id.values()
            if e.type is EntityType.INSTALLATION and any(_bare(names.key(f)) == bare for f in (*e.forms, e.name))
        }  # fmt: skip
    return found


def _bare(name_key: str) -> str:
    """An installation's name without its kind: "tartus naval base" gives "tartus", and so does "naval base at
    tartus" (the word placing the name after its kind goes with the kind)."""
    words = [w for w in name_key.split() if w not in _KIND_WORDS]
    if len(words) > 1 and words[0] in _PLACING_WORDS and name_key.split()[0] != words[0]:
        words = words[1:]
    return " ".join(words) or name_key


# The words of an installation's kind, as the extraction reads them ("naval base", "test site", "training area").
_KIND_WORDS = frozenset(
    {
        *INSTALLATION_HEADS,
        *MILITARY_MODIFIERS,
        *TRAINING_HEADS,
        *TRAINING_MODIFIERS,
        *SITE_HEADS,
        *SITE_MODIFIERS,
        *OPERATING_MODIFIERS,
    }
)
# The words between a kind and the name of the place after it ("the naval base at Tartus").
_PLACING_WORDS = frozenset({"at", "in", "on", "near"})


def _score_installation(
    scores: Scores, gold: GoldArticle, base: GoldEntity, found: list[PredictedEntity], by_form: dict[str, set[str]]
) -> None:
    where = f"{gold.file}: {base.name}"
    operators = [op for e in found for op in e.operators]
    said = _most_common(operators)
    if base.operator is not None or said is not None:
        right = said is not None and base.operator is not None and _same_party(said, base.operator, by_form)
        scores.tally("operator accuracy").add(right, f"{where}: operator {said!r}, not {base.operator!r}")
    if base.location is not None:
        place = _most_common([loc for e in found for loc in e.locations])
        right = place is not None and _same_place(place, base.location, by_form)
        scores.tally("location accuracy").add(right, f"{where}: location {place!r}, not {base.location!r}")


def _most_common(values: Iterable[str]) -> str | None:
    counted = Counter(values).most_common(1)
    return counted[0][0] if counted else None


def _party(value: str) -> str:
    """A country or group as one key: demonyms and the variants of a country's name agree."""
    value_key = names.key(value)
    country = DEMONYMS.get(value_key) or DEMONYMS.get(names.fold(value).strip())
    return names.key(country) if country else value_key


def _same_party(said: str, gold: str, by_form: dict[str, set[str]]) -> bool:
    if _party(said) == _party(gold):
        return True
    return bool(by_form.get(names.key(said), set()) & by_form.get(names.key(gold), set()))


def _same_place(said: str, gold_id: str, by_form: dict[str, set[str]]) -> bool:
    """ "Latakia province" is the place Latakia; the gold names the place by its id."""
    words = [w for w in names.key(said).split() if w not in _AREA_WORDS]
    place = " ".join(words)
    return gold_id in by_form.get(place, set()) | by_form.get(names.key(said), set()) or place == names.key(
        gold_id.replace("-", " ")
    )


_AREA_WORDS = frozenset({"province", "governorate", "region", "district", "countryside", "city", "town"})


def _score_roles(scores: Scores, gold: GoldArticle, found: dict[str, list[PredictedEntity]]) -> None:
    for gid, title in gold.roles:
        wanted = _folded(title)
        stated = [_folded(r) for e in found.get(gid, []) for r in e.roles]
        right = any(wanted in r or r in wanted for r in stated if r)
        scores.tally("role accuracy").add(right, f"{gold.file}: {gid} as {title!r} (got {stated})")


def _score_quotes(scores: Scores, gold: GoldArticle, predicted: Predicted, matched: dict[int, str]) -> None:
    for quote in gold.quotes:
        words = _folded(quote.contains)
        holders = [e for e in predicted.entities if any(words in _folded(q) for q in e.quotes)]
        right = not holders if quote.speaker is None else any(matched.get(id(e)) == quote.speaker for e in holders)
        who = [e.name for e in holders] or "nobody"
        scores.tally("quote attribution").add(
            right, f"{gold.file}: {quote.contains[:50]!r} to {who}, not {quote.speaker}"
        )


def _score_article_fields(scores: Scores, gold: GoldArticle, predicted: Predicted) -> None:
    shown, wanted = " ".join(predicted.headline.split()), " ".join(gold.headline.split())
    right = shown == wanted or (shown.endswith("…") and wanted.startswith(shown[:-1].rstrip()))
    scores.tally("headline accuracy").add(right, f"{gold.file}: {shown!r}, not {wanted!r}")
    expected = gold.date or (predicted.file_time.date() if predicted.file_time else None)
    got = predicted.published.date()
    # An article that gives no date must be shown as undated (its date is then when it was indexed).
    right = got == expected and predicted.dated == (gold.date is not None)
    said = str(got) if predicted.dated else f"undated ({got})"
    scores.tally("date accuracy").add(
        right, f"{gold.file}: {said}, not {expected if gold.date else f'undated ({expected})'}"
    )


def _score_merges(
    scores: Scores, assigned: dict[str, set[Identity]], claimed: dict[Identity, set[str]], forms: dict[str, set[str]]
) -> None:
    for gid, identities in sorted(assigned.items()):
        if len(forms.get(gid, ())) >= 2:
            scores.tally("variant merge recall").add(len(identities) == 1, f"{gid} split into {sorted(identities)}")
    for identity, gids in sorted(claimed.items()):
        if len(gids) > 1:
            scores.error("wrong merges", f"{identity[2]} ({identity[0]}) holds {sorted(gids)}")


_QUOTE_MARKS = re.compile(r"[\"“”„«»‘’']")


def _folded(text: str) -> str:
    return " ".join(_QUOTE_MARKS.sub("", names.fold(text)).split())
