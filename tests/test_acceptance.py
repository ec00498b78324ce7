"""Every seed acceptance case, run through `python -m bot ask` as the checker runs it (in process; the console's
subprocess smoke tests are in test_cli.py)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import ROOT, RunBot

# A copy of ../shared/acceptance/seed_cases.json, so that a clone alone runs them.
CASES_FILE = ROOT / "tests" / "data" / "acceptance" / "seed_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text())


def ask(run_bot: RunBot, env: dict[str, str], *args: str) -> str:
    """`python -m bot ask ...`: require exit 0 and no traceback, return stdout and stderr together."""
    done = run_bot(env, "ask", *args)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output, output
    return output


def head_text(payload: dict[str, Any]) -> str:
    """The text of the first three blocks: header and section text, section fields, context elements."""
    parts: list[str] = []
    for block in payload["blocks"][:3]:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [f["text"] for f in block.get("fields", [])]
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e, dict)]
    return "\n".join(parts)


def check(text: str, case: dict[str, Any], prefix: str = "") -> None:
    """Apply the checks named with `prefix` ("" or "head_") to `text`, case-insensitively."""
    low = text.lower()
    for needle in case.get(f"{prefix}all", []):
        assert needle.lower() in low, f"missing {needle!r} in:\n{text}"
    if f"{prefix}any" in case:
        assert any(n.lower() in low for n in case[f"{prefix}any"]), f"none of {case[prefix + 'any']} in:\n{text}"
    for needle in case.get(f"{prefix}none", []):
        assert needle.lower() not in low, f"unexpected {needle!r} in:\n{text}"
    for group in case.get("any_each", []) if not prefix else []:
        assert any(n.lower() in low for n in group), f"none of {group} in:\n{text}"
    for pattern in case.get("regex", []) if not prefix else []:
        assert re.search(pattern, text, re.I), f"no match for {pattern!r} in:\n{text}"
    if not prefix and "first_article_contains" in case:
        assert case["first_article_contains"].lower() in low[:600], text[:600]


def test_cases_are_present() -> None:
    assert CASES, f"no acceptance cases found at {CASES_FILE}"


@pytest.mark.parametrize("case", CASES, ids=[c.get("ask") or f"dm: {c.get('dm')}" for c in CASES])
def test_acceptance_case(case: dict[str, Any], cli_env: dict[str, str], run_bot: RunBot) -> None:
    args = [case["ask"]] if "ask" in case else ["--dm", case["dm"]]
    check(ask(run_bot, cli_env, *args), case)
    if any(key.startswith("head_") for key in case):
        payload = json.loads(ask(run_bot, cli_env, *args, "--json"))
        check(head_text(payload), case, prefix="head_")
