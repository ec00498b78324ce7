"""The evaluation as one table (or JSON), with the issue's thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.models import EntityType
from bot.evaluation.run import Evaluation
from bot.evaluation.score import Scores


@dataclass(frozen=True)
class Target:
    """A measure and the bar it must clear: a share at least `least`, or a count at most `most`."""

    name: str
    least: float | None = None
    most: int | None = None

    def met(self, value: float | int | None) -> bool | None:
        """Whether `value` clears the bar; None when there is no bar or nothing was measured."""
        if value is None:
            return None
        if self.least is not None:
            return value >= self.least
        return value <= self.most if self.most is not None else None


_TYPES = [t.value for t in EntityType]
TARGETS = [
    Target("entity precision", least=0.95),
    Target("entity recall", least=0.95),
    *(Target(f"{t} {m}") for t in _TYPES if t != "installation" for m in ("precision", "recall")),
    Target("installation precision"),
    Target("type accuracy", least=0.95),
    Target("role accuracy", least=0.90),
    Target("installation recall", least=0.95),
    Target("false bases", most=0),
    Target("operator accuracy", least=0.95),
    Target("location accuracy"),
    Target("variant merge recall", least=0.90),
    Target("wrong merges", most=0),
    Target("quote attribution", least=0.95),
    Target("headline accuracy", least=1.0),
    Target("date accuracy", least=1.0),
]


def value(scores: Scores, name: str) -> float | int | None:
    """A measure's value: a share for ratios, a count for errors."""
    if name in scores.ratios:
        return scores.ratios[name].value
    return len(scores.errors.get(name, []))


def as_json(evaluation: Evaluation) -> dict[str, Any]:
    """Every measure of every split, with its tally and whether it meets its target."""
    out: dict[str, Any] = {"articles": evaluation.articles, "unread": evaluation.unread, "splits": {}}
    for split, scores in evaluation.by_split.items():
        rows = {}
        for target in TARGETS:
            tally = scores.ratios.get(target.name)
            got = value(scores, target.name)
            rows[target.name] = {
                "value": got,
                "right": tally.hit if tally else None,
                "of": tally.total if tally else None,
                "target": target.least if target.least is not None else target.most,
                "met": target.met(got),
            }
        out["splits"][split] = rows
    return out


def table(evaluation: Evaluation) -> str:
    """One row per measure, one column per split, PASS or MISS where there is a target."""
    splits = list(evaluation.by_split)
    lines = [f"Evaluation corpus: {evaluation.articles} articles scored", ""]
    head = f"{'Measure':<24}" + "".join(f"{s:>20}" for s in splits) + f"{'Target':>10}  Status"
    lines += [head, "-" * len(head)]
    for target in TARGETS:
        values = [value(evaluation.by_split[s], target.name) for s in splits]
        cells = "".join(
            f"{_cell(evaluation.by_split[s], target.name, v):>20}" for s, v in zip(splits, values, strict=True)
        )
        verdicts = [target.met(v) for v in values]
        status = (
            "" if all(v is None for v in verdicts) else ("PASS" if all(v is not False for v in verdicts) else "MISS")
        )
        lines.append(f"{target.name:<24}{cells}{_bar(target):>10}  {status}")
    if evaluation.unread:
        lines += ["", "Not indexed: " + ", ".join(evaluation.unread)]
    return "\n".join(lines)


def _cell(scores: Scores, name: str, got: float | int | None) -> str:
    tally = scores.ratios.get(name)
    if tally is None:
        return str(got) if got is not None else "-"
    return f"{got:.3f} ({tally.hit}/{tally.total})" if got is not None else "-"


def _bar(target: Target) -> str:
    if target.least is not None:
        return f">= {target.least:.2f}"
    return f"<= {target.most}" if target.most is not None else ""
