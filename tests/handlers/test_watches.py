"""/watches: the asker's watches, oldest first, and nobody else's."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.registry import Context
from handlers import watch, watches
from tests.handlers.support import kinds, new_user, texts


def test_nothing_watched_says_how_to_start(corpus: Context) -> None:
    reply = watches.answer("", new_user(corpus))

    text = "You are not watching anything. `/watch NAME` sends you a direct message when new articles name it."
    assert reply.text == text
    assert texts(reply) == [text]


def test_the_watches_are_listed_oldest_first_with_their_date(corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Lavrov", ctx)
    watch.answer("Hmeimim", replace(ctx, now=ctx.now + timedelta(days=1)))
    watch.answer("Hakan Fidan", replace(ctx, now=ctx.now - timedelta(days=1)))

    reply = watches.answer("", ctx)

    assert reply.text == "Your watches: Hakan Fidan, Sergey Lavrov, Hmeimim airbase"
    assert kinds(reply) == ["header", "section", "context"]
    assert texts(reply) == [
        "Your watches",
        "• *Hakan Fidan* — since 15 Oct 2025\n• *Sergey Lavrov* — since 16 Oct 2025\n"
        "• *Hmeimim airbase* — since 17 Oct 2025",
        "`/unwatch NAME` stops one.",
    ]


def test_each_person_sees_only_their_own(corpus: Context) -> None:
    mine, theirs = new_user(corpus), new_user(corpus)
    watch.answer("Lavrov", mine)
    watch.answer("Hakan Fidan", theirs)

    assert watches.answer("", mine).text == "Your watches: Sergey Lavrov"
    assert watches.answer("", theirs).text == "Your watches: Hakan Fidan"


def test_text_after_the_command_is_ignored(corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Lavrov", ctx)

    assert watches.answer("everything please", ctx) == watches.answer("", ctx)


def test_outside_slack_there_is_nobody_whose_watches_to_list(corpus: Context) -> None:
    assert watches.answer("", replace(corpus, user_id=None)).text == "/watches works in Slack."
