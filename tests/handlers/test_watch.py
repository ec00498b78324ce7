"""/watch NAME: resolves the name like /who and stores one watch per person and entity, or asks which is meant."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core import query
from bot.core.alerts import watches
from bot.core.registry import Context
from handlers import watch
from tests.handlers.support import NOW, buttons, new_user, texts


def _watched(ctx: Context) -> list[str]:
    assert ctx.user_id is not None
    return [w.name for w in watches.of(ctx.store, ctx.user_id)]


def test_watching_a_person_stores_the_watch_and_says_what_it_is(corpus: Context) -> None:
    ctx = new_user(corpus)

    reply = watch.answer("Sergey Lavrov", ctx)

    assert reply.text == "Watching Sergey Lavrov (person, 2 articles so far)."
    assert texts(reply) == [
        "Watching *Sergey Lavrov* (person, 2 articles so far).",
        "You get one direct message per ingestion run listing new articles that name it. /unwatch stops.",
    ]
    assert ctx.user_id is not None
    [stored] = watches.of(ctx.store, ctx.user_id)
    assert (stored.name, stored.since) == ("Sergey Lavrov", NOW)


def test_a_name_resolves_like_who_so_an_installation_is_watched_by_its_bare_name(corpus: Context) -> None:
    ctx = new_user(corpus)

    assert watch.answer("Hmeimim air base", ctx).text == (
        "Watching Hmeimim airbase (military installation, 1 article so far)."
    )
    assert _watched(ctx) == ["Hmeimim airbase"]


def test_watching_the_same_entity_again_under_another_name_keeps_one_watch(corpus: Context) -> None:
    ctx = new_user(corpus)
    watch.answer("Lavrov", ctx)

    again = watch.answer("SERGEY LAVROV", ctx)

    assert again.text == "You already watch Sergey Lavrov."
    assert texts(again)[-1] == "/watches lists what you watch."
    assert _watched(ctx) == ["Sergey Lavrov"]


def test_two_people_watching_the_same_name_each_have_their_own_watch(corpus: Context) -> None:
    first, second = new_user(corpus), new_user(corpus)

    watch.answer("Lavrov", first)
    assert watch.answer("Lavrov", second).text.startswith("Watching Sergey Lavrov")

    assert _watched(first) == _watched(second) == ["Sergey Lavrov"]


def test_a_near_miss_asks_which_entity_with_a_watch_button_and_stores_nothing(corpus: Context) -> None:
    ctx = new_user(corpus)

    reply = watch.answer("Hakan", ctx)

    assert reply.text == "Did you mean: Hakan Fidan?"
    assert texts(reply)[0] == (
        "No exact match for “Hakan”. Which one should I watch?\n• *Hakan Fidan* — person, 1 article"
    )
    assert buttons(reply) == [("Watch Hakan Fidan", "/watch Hakan Fidan")]
    assert _watched(ctx) == []


def test_a_misspelt_place_is_introduced_as_no_exact_match(corpus: Context) -> None:
    reply = watch.answer("Moscw", new_user(corpus))

    assert buttons(reply) == [("Watch Moscow", "/watch Moscow")]
    assert texts(reply)[0].startswith("No exact match for “Moscw”.")


def test_an_unknown_name_says_there_is_nothing_to_watch(corpus: Context) -> None:
    ctx = new_user(corpus)

    reply = watch.answer("Zzyzx Qwerty", ctx)

    assert reply.text == "Not found: nothing called “Zzyzx Qwerty” in the corpus, so there is nothing to watch yet."
    assert buttons(reply) == []
    assert _watched(ctx) == []


@pytest.mark.parametrize("text", ["", "   "])
def test_no_name_gets_the_usage(text: str, corpus: Context) -> None:
    ctx = new_user(corpus)

    assert texts(watch.answer(text, ctx)) == [
        "Whom or what should I watch? Usage: /watch NAME",
        "For example: /watch Lavrov",
    ]
    assert _watched(ctx) == []


def test_outside_slack_there_is_nobody_to_alert(corpus: Context) -> None:
    reply = watch.answer("Lavrov", replace(corpus, user_id=None))

    assert reply.text == "/watch works in Slack: alerts come as direct messages."


def test_a_person_at_the_limit_must_unwatch_first(corpus: Context) -> None:
    ctx = new_user(corpus)
    assert ctx.user_id is not None
    lavrov = query.lookup(ctx.store, "Lavrov").entity
    assert lavrov is not None
    for n in range(watches.MAX_WATCHES):
        assert watches.add(ctx.store, ctx.user_id, replace(lavrov, name=f"Placeholder {n}"), NOW)

    reply = watch.answer("Lavrov", ctx)

    assert reply.text == f"You already watch {watches.MAX_WATCHES} names; `/unwatch` one first."
    assert len(_watched(ctx)) == watches.MAX_WATCHES and "Sergey Lavrov" not in _watched(ctx)


def test_a_nul_typed_in_the_name_is_dropped_not_sent_to_the_store(corpus: Context) -> None:
    ctx = new_user(corpus)

    assert ctx.registry.run("/watch Lav\x00rov", ctx).text.startswith("Watching ")
    assert _watched(ctx) == ["Sergey Lavrov"]
