"""`python -m bot eval` on the evaluation corpus: every measure stays at or above the level it has reached.

The issue's targets (README, Evaluation) are printed by the command itself; FLOORS are what extraction reaches
today on each split, so that a change that makes any answer worse fails here. Raise them as extraction improves.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.evaluation import report
from bot.evaluation.run import evaluate
from tests.conftest import ROOT, RunBot

EVAL = ROOT / "tests" / "eval"

# The measured level of each measure on each split (shares; counts of errors are ceilings, below).
FLOORS = {
    # The tune split grew from 28 to 39 articles (043-047, written on installations and their operators, 060-065 on
    # quotes, titles, aliases and variants), then to 45 (048-053, on installations named again without their name,
    # towns that share a base's name, bases listed after "at" and named only by where forces are kept): its floors
    # are the levels measured on the larger split, which holds harder cases than the first 28.
    "tune": {
        "entity precision": 0.97, "entity recall": 0.94, "type accuracy": 0.97, "role accuracy": 0.99,
        "installation recall": 1.0, "operator accuracy": 0.94, "location accuracy": 0.86, "variant merge recall": 0.92,
        "quote attribution": 0.98, "headline accuracy": 1.0, "date accuracy": 1.0,
    },
    "holdout": {
        "entity precision": 0.95, "entity recall": 0.90, "type accuracy": 0.95, "role accuracy": 0.89,
        "installation recall": 0.89, "operator accuracy": 0.65, "location accuracy": 0.88, "variant merge recall": 0.77,
        "quote attribution": 0.88, "headline accuracy": 1.0, "date accuracy": 0.92,
    },
}  # fmt: skip
CEILINGS = {"tune": {"false bases": 0, "wrong merges": 0}, "holdout": {"false bases": 0, "wrong merges": 2}}


@pytest.fixture(scope="module")
def measured(nlp: Any) -> dict[str, Any]:
    """The evaluation of the whole corpus, run once."""
    return report.as_json(evaluate(EVAL / "articles", EVAL / "gold.json", nlp, report=lambda _line: None))


def test_every_article_of_the_corpus_is_scored(measured: dict[str, Any]) -> None:
    assert measured["articles"] >= 40 and measured["unread"] == []


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_no_measure_falls_below_its_floor(measured: dict[str, Any], split: str) -> None:
    rows = measured["splits"][split]
    fallen = {name: rows[name]["value"] for name, floor in FLOORS[split].items() if rows[name]["value"] < floor}
    risen = {name: rows[name]["value"] for name, most in CEILINGS[split].items() if rows[name]["value"] > most}
    assert fallen == {} and risen == {}


def test_the_command_prints_the_table_and_fails_on_a_miss(
    tmp_path: Path, run_bot: RunBot, cli_env: dict[str, str]
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    chosen = sorted((EVAL / "articles").glob("*.txt"))[:2]
    for path in chosen:
        shutil.copy(path, articles)
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    subset = {"articles": {p.name: gold["articles"][p.name] for p in chosen}}
    (tmp_path / "gold.json").write_text(json.dumps(subset), encoding="utf-8")

    done = run_bot(cli_env, "eval", "--articles", str(articles), "--gold", str(tmp_path / "gold.json"))

    assert "Evaluation corpus: 2 articles scored" in done.stdout
    assert "entity precision" in done.stdout and ">= 0.95" in done.stdout
    assert done.returncode == (1 if "MISS" in done.stdout else 0)
    as_json = run_bot(cli_env, "eval", "--json", "--articles", str(articles), "--gold", str(tmp_path / "gold.json"))
    assert json.loads(as_json.stdout)["articles"] == 2
