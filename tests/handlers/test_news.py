"""/news: the one command Slack registers runs every sub-command by its first word, and answers other words as a
plain-language question; help then shows the commands as they are typed in Slack."""

from __future__ import annotations

from dataclasses import replace

from bot.core.registry import Context
from handlers import build_registry, news
from tests.handlers.support import texts


def test_the_main_command_runs_every_sub_command(corpus: Context) -> None:
    run = corpus.registry.run
    assert run("/news who Lavrov", corpus) == run("/who Lavrov", corpus) == run("/whois Lavrov", corpus)
    assert run("/news bases Russia", corpus) == run("/bases Russia", corpus)
    assert run("/news search Astana process", corpus) == run("/search Astana process", corpus)
    assert news.answer("whois Lavrov", corpus) == run("/who Lavrov", corpus)


def test_a_question_after_the_main_command_is_answered_as_one(corpus: Context) -> None:
    run = corpus.registry.run
    assert run("/news who is Lavrov?", corpus) == run("/who Lavrov", corpus)
    assert run("/news which bases does Russia have?", corpus) == run("/bases Russia", corpus)
    assert run("/news tell me about Peskov", corpus) == run("/who Peskov", corpus)


def test_nothing_after_the_main_command_gets_the_help_as_typed_in_slack(corpus: Context) -> None:
    in_slack = replace(corpus, prefix="/news ")
    reply = corpus.registry.run("/news", in_slack)
    assert reply == corpus.registry.run("/help", in_slack)
    shown = "\n".join(texts(reply))
    assert "`/news who NAME`" in shown and "`/who NAME`" not in shown
    assert "`/whois`, `/bases`, `/digest`" in shown


def test_the_main_command_is_renamed_and_not_listed_among_the_others() -> None:
    registry = build_registry("news-staging")
    assert registry.main is not None and registry.main.slash == "/news-staging"
    assert registry.get("news-staging") is registry.main and registry.get("news") is None
    assert "news-staging" not in [c.name for c in registry]
