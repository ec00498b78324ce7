"""/unwatch NAME: removes the asker's watch the name refers to, and only that one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core import query
from bot.core.alerts import watches
from bot.core.registry import Context
from handlers import unwatch, watch
from tests.handlers.support import NOW, new_user, texts


def _watched(ctx: Context) -> list[str]:
    assert ctx.user_id is not None
    return [w.name for w in watches.of(ctx.store, ctx.user_id)]


def _watch_as(ctx: Context, name: str) -> None:
    """Store a watch on Lavrov's entity row under another name: watches keep only the name."""
    assert ctx.user_id is not None
    lavrov = query.lookup(ctx.store, "Lavrov").entity
    assert lavrov is not None
    assert watches.add(ctx.store, ctx.user_id, replace(lavrov, name=name), NOW)


@pytest.mark.parametrize("typed", ["Sergey Lavrov", "sergey lavrov", "Lavrov", "Sergei Lavrov"])
def test_the_name_in_any_case_spelling_or_the_family_name_stops_the_watch(typed: str, corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Sergey Lavrov", ctx)

    reply = unwatch.answer(typed, ctx)

    assert reply.text == "Stopped watching Sergey Lavrov."
    assert texts(reply) == ["Stopped watching Sergey Lavrov."]
    assert _watched(ctx) == []


def test_only_the_named_watch_of_the_asker_goes(corpus: Context) -> None:
    ctx, other = new_user(corpus), new_user(corpus)
    for name in ("Sergey Lavrov", "Hakan Fidan"):
        watch.answer(name, ctx)
    watch.answer("Sergey Lavrov", other)

    unwatch.answer("Lavrov", ctx)

    assert _watched(ctx) == ["Hakan Fidan"]
    assert _watched(other) == ["Sergey Lavrov"]


def test_a_name_not_watched_is_said_so_with_what_is_watched(corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Hakan Fidan", ctx)

    reply = unwatch.answer("Lavrov", ctx)

    assert texts(reply) == ["You are not watching “Lavrov”.", "You watch: Hakan Fidan."]
    assert _watched(ctx) == ["Hakan Fidan"]


def test_with_no_watches_the_hint_says_nothing_is_watched(corpus: Context) -> None:
    assert texts(unwatch.answer("Lavrov", new_user(corpus)))[-1] == "You watch: nothing."


def test_a_family_name_two_watched_people_share_removes_neither(corpus: Context) -> None:
    ctx = new_user(corpus)
    _watch_as(ctx, "Ivan Petrov")
    _watch_as(ctx, "Olga Petrov")

    reply = unwatch.answer("Petrov", ctx)

    assert reply.text == "You are not watching “Petrov”."
    assert _watched(ctx) == ["Ivan Petrov", "Olga Petrov"]
    assert unwatch.answer("Olga Petrov", ctx).text == "Stopped watching Olga Petrov."
    assert _watched(ctx) == ["Ivan Petrov"]


@pytest.mark.parametrize("text", ["", "  "])
def test_no_name_gets_the_usage(text: str, corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Lavrov", ctx)

    assert texts(unwatch.answer(text, ctx)) == [
        "Which name should I stop watching? Usage: /unwatch NAME",
        "/watches lists them.",
    ]
    assert _watched(ctx) == ["Sergey Lavrov"]


def test_outside_slack_there_is_nobody_whose_watch_to_stop(corpus: Context) -> None:
    assert unwatch.answer("Lavrov", replace(corpus, user_id=None)).text == "/unwatch works in Slack."


@pytest.mark.parametrize("typed", ["Tartus", "Hmeimim", "Hmeimim air base"])
def test_the_name_that_started_a_watch_stops_it(typed: str, corpus: Context) -> None:
    ctx = new_user(corpus)
    assert watch.answer(typed, ctx).text.startswith("Watching ")

    assert unwatch.answer(typed, ctx).text.startswith("Stopped watching ")
    assert _watched(ctx) == []
