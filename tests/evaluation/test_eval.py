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
    # Every article of tests/eval (001-065) is tune material since 029-042, the first holdout, were read while
    # writing rules; its floors are the levels measured on all 59 on 2026-11-30. Some lie below the floors of the
    # smaller tune split before (roles 0.99, quotes 0.98, operators 0.94, installation recall 1.0, wrong merges 0):
    # the former holdout articles measure lower, and on the same 59 articles no measure has fallen.
    "tune": {
        "entity precision": 0.98, "entity recall": 0.95, "type accuracy": 0.98, "role accuracy": 0.96,
        "installation recall": 0.98, "operator accuracy": 0.91, "location accuracy": 0.87, "variant merge recall": 0.90,
        "quote attribution": 0.97, "headline accuracy": 1.0, "date accuracy": 1.0,
    },
    # Holdout: 100-129, written by two people who had read no extraction rule and never ran the bot on them; no rule
    # was written from them. These are the levels of articles the rules have never seen, far below the targets.
    "holdout": {
        "entity precision": 0.93, "entity recall": 0.91, "type accuracy": 0.95, "role accuracy": 0.73,
        "installation recall": 0.90, "operator accuracy": 0.49, "location accuracy": 0.40, "variant merge recall": 0.80,
        "quote attribution": 0.81, "headline accuracy": 1.0, "date accuracy": 1.0,
    },
}  # fmt: skip
# Wrong merges on tune: "Shaddadi base" and "Shaddadi airstrip" are two installations in the gold file and one name
# in the store; "Tartus" in "the Russian presence at Hmeimim and Tartus" is the base in 038's gold and the town in
# 007's "Russia's naval presence at Tartus".
CEILINGS = {"tune": {"false bases": 0, "wrong merges": 2}, "holdout": {"false bases": 3, "wrong merges": 4}}


@pytest.fixture(scope="module")
def measured(nlp: Any) -> dict[str, Any]:
    """The evaluation of the whole corpus, run once."""
    return report.as_json(evaluate(EVAL / "articles", EVAL / "gold.json", nlp, report=lambda _line: None))


def test_every_article_of_the_corpus_is_scored(measured: dict[str, Any]) -> None:
    assert measured["articles"] >= 40 and measured["unread"] == []


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_no_measure_falls_below_its_floor(measured: dict[str, Any], split: str) -> None:
    if split not in measured["splits"]:
        pytest.skip(f"no article of the {split} split in the corpus")
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
