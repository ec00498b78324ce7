"""/digest: a channel's subscription as stored (subscribe, reschedule, unsubscribe), its status, a digest now,
bad schedules, and who may change it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import parse
from bot.core.registry import Context
from bot.core.store import Store
from bot.core.store.team import LEGACY
from handlers import digest
from tests.handlers.support import ADMIN, CHANNEL, NOW, add_article, context_over, kinds, texts

EXAMPLES = "For example: /digest subscribe daily 08:00 Europe/Paris, /digest subscribe every 6 hours, /digest status"
NO_SUBSCRIPTION = ["This channel has no digest subscription.", EXAMPLES]


@pytest.fixture
def ctx(store: Store) -> Context:
    """A user in a channel of an empty store; no administrators set, so everyone may change subscriptions."""
    return context_over(store, user_id="U0READER", channel_id=CHANNEL)


def test_subscribing_stores_the_default_schedule_from_the_newest_article_on(ctx: Context) -> None:
    add_article(ctx.store, "Old news", "Published before the subscription.")
    newest = add_article(ctx.store, "Older news", "Also published before the subscription.")

    reply = digest.answer("subscribe", ctx)

    assert reply.text == (
        "Subscribed: this channel gets a news digest daily at 08:00 (UTC) (one short message, the full digest in "
        "its thread)."
    ), "the fallback text is plain: no channel markup to show escaped"
    assert texts(reply)[0].startswith("Subscribed: <#C0NEWS> gets a news digest")
    assert texts(reply)[1] == (
        "The first digest holds the articles ingested from now on. Nothing new, no digest. `/digest now` posts one."
    )
    sub = subscriptions.get(ctx.store, CHANNEL)
    assert sub is not None
    assert (sub.schedule.spec, sub.schedule.timezone, sub.origin) == ("daily 08:00", "UTC", "slack")
    assert (sub.created_by, sub.created_at, sub.cursor_article_id) == ("U0READER", NOW, newest)


def test_subscribing_again_reschedules_and_keeps_the_place_in_the_news(ctx: Context) -> None:
    digest.answer("subscribe every 6 hours", ctx)
    add_article(ctx.store, "Fresh news", "Published after the subscription.")

    reply = digest.answer("subscribe weekly mon 09:30 Europe/Paris", ctx)

    assert reply.text.startswith("Rescheduled: this channel gets a news digest every Mon at 09:30 (Europe/Paris)")
    assert texts(reply)[1].startswith("Its place in the news is kept.")
    sub = subscriptions.get(ctx.store, CHANNEL)
    assert sub is not None
    assert (sub.schedule.spec, sub.schedule.timezone, sub.cursor_article_id) == ("weekly mon 09:30", "Europe/Paris", 0)
    assert subscriptions.waiting_articles(ctx.store, CHANNEL) == 1


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        ("daily 25:00", "“daily 25:00” is not a schedule: use `daily HH:MM`, `weekly DAY HH:MM` or `every N hours`"),
        ("every 5 minutes", "digests run at most every 15 minutes"),
        ("every 30 days", "for digests less often than weekly, use `weekly DAY HH:MM`"),
        ("weekly funday 08:00", "“funday” is not a day of the week (mon, tue, … sun)"),
        ("daily 08:00 Mars/Olympus", "“Mars/Olympus” is not a timezone I know"),
    ],
)
def test_a_bad_schedule_is_explained_and_nothing_is_stored(schedule: str, problem: str, ctx: Context) -> None:
    reply = digest.answer(f"subscribe {schedule}", ctx)

    assert reply.text.startswith(f"Not subscribed: {problem}")
    assert texts(reply)[-1] == EXAMPLES
    assert subscriptions.get(ctx.store, CHANNEL) is None


def test_a_bad_schedule_leaves_an_existing_subscription_as_it_was(ctx: Context) -> None:
    digest.answer("subscribe daily 07:15", ctx)

    assert digest.answer("subscribe daily 7 pm", ctx).text.startswith("Not subscribed:")

    sub = subscriptions.get(ctx.store, CHANNEL)
    assert sub is not None and sub.schedule.spec == "daily 07:15"


def test_unsubscribing_removes_the_subscription_and_says_how_to_come_back(ctx: Context) -> None:
    digest.answer("subscribe", ctx)

    reply = digest.answer("unsubscribe", ctx)

    assert texts(reply) == ["Unsubscribed: no more digests here.", "/digest subscribe starts them again."]
    assert subscriptions.get(ctx.store, CHANNEL) is None
    assert texts(digest.answer("unsubscribe", ctx)) == NO_SUBSCRIPTION


def test_each_channel_has_its_own_subscription(ctx: Context) -> None:
    digest.answer("subscribe daily 06:00", ctx)
    digest.answer("subscribe every 2 hours", replace(ctx, channel_id="C0OTHER"))

    digest.answer("unsubscribe", replace(ctx, channel_id="C0OTHER"))

    sub = subscriptions.get(ctx.store, CHANNEL)
    assert sub is not None and sub.schedule.spec == "daily 06:00"
    assert subscriptions.get(ctx.store, "C0OTHER") is None


@pytest.mark.parametrize("text", ["", "status", "STATUS"])
def test_status_without_a_subscription_says_so(text: str, ctx: Context) -> None:
    assert texts(digest.answer(text, ctx)) == NO_SUBSCRIPTION


def test_status_shows_the_schedule_the_next_run_and_what_is_waiting(ctx: Context) -> None:
    digest.answer("subscribe weekly mon 09:30 Europe/Paris", ctx)
    for n in range(3):
        add_article(ctx.store, f"Story {n}", f"Story number {n}.")

    reply = digest.answer("status", ctx)

    assert kinds(reply) == ["header", "section"]
    assert texts(reply) == [
        "Digest",
        "Digest for <#C0NEWS>\n"
        "*Schedule:* every Mon at 09:30 (Europe/Paris)\n*Next:* Mon 20 Oct 09:30 CEST\n*Last digest:* none yet\n"
        "*Waiting for the next one:* 3 articles\n*Posted as:* one short message, the full digest in its thread",
    ]
    assert reply.text == (
        "Digest for this channel: Schedule: every Mon at 09:30 (Europe/Paris); Next: Mon 20 Oct 09:30 CEST; "
        "Last digest: none yet; Waiting for the next one: 3 articles; Posted as: one short message, the full digest "
        "in its thread"
    )


def test_status_shows_a_digest_being_posted_then_the_last_one_posted(ctx: Context) -> None:
    digest.answer("subscribe every 6 hours", ctx)
    add_article(ctx.store, "Story", "A story for the digest.")
    add_article(ctx.store, "Another story", "Another story for the digest.")
    claimed = digest_run.claim(ctx.store, CHANNEL, NOW, timedelta(minutes=5))
    assert isinstance(claimed, digest_run.Claim)

    posting = texts(digest.answer("status", ctx))[1]
    assert "*Waiting for the next one:* 2 articles" in posting
    assert "_A digest is being posted (since 12:00:00 UTC)._" in posting
    assert "*Next:*" not in posting, "an interval schedule has no fixed next time"

    digest_run.finish(ctx.store, claimed, 1, "1700000000.000100", NOW + timedelta(minutes=1))
    posted = texts(digest.answer("status", ctx))[1]
    assert posted == (
        "Digest for <#C0NEWS>\n*Schedule:* every 6 hours\n*Last digest:* 16 Oct 2025 12:01 UTC (2 articles)\n"
        "*Waiting for the next one:* 0 articles\n*Posted as:* one short message, the full digest in its thread"
    )


def test_status_of_a_subscription_from_the_environment_says_so(ctx: Context) -> None:
    subscriptions.sync_environment(ctx.store, [CHANNEL], parse("daily 07:00"), NOW)

    shown = texts(digest.answer("status", ctx))[1]

    assert shown.startswith(
        "Digest for <#C0NEWS>\n*Schedule:* daily at 07:00 (UTC) (from the environment)\n*Next:* Fri 17 Oct 07:00 UTC"
    )


def test_now_asks_the_scheduler_for_a_digest_of_what_is_waiting(ctx: Context) -> None:
    digest.answer("subscribe", ctx)
    add_article(ctx.store, "Story", "A story for the digest.")
    add_article(ctx.store, "Another story", "Another story for the digest.")

    reply = digest.answer("now", ctx)

    assert texts(reply) == ["A digest of 2 new articles is on its way (within a few seconds)."]
    assert subscriptions.take_requests(ctx.store) == [(LEGACY, CHANNEL)]


def test_now_with_nothing_new_says_there_is_nothing_to_post(ctx: Context) -> None:
    add_article(ctx.store, "Old news", "Published before the subscription.")
    digest.answer("subscribe", ctx)

    assert digest.answer("now", ctx).text == "Nothing new since the last digest, so there is nothing to post."


def test_now_without_a_subscription_requests_nothing(ctx: Context) -> None:
    add_article(ctx.store, "Story", "A story nobody subscribed to.")

    reply = digest.answer("now", ctx)

    assert texts(reply) == ["This channel has no digest subscription yet.", EXAMPLES]
    assert subscriptions.take_requests(ctx.store) == []


def test_an_unknown_action_gets_the_usage(ctx: Context) -> None:
    reply = digest.answer("weekly mon 08:00", ctx)

    assert reply.text == f"I don't know “weekly”. Usage: {digest.USAGE}"
    assert subscriptions.get(ctx.store, CHANNEL) is None


def test_outside_a_channel_it_points_at_the_command_line(store: Store) -> None:
    reply = digest.answer("subscribe", context_over(store, user_id="U0READER"))

    assert texts(reply) == [
        "/digest works in a Slack channel.",
        "From a terminal: python -m bot digest --channel C123 [--dry-run]",
    ]
    assert subscriptions.all_subscriptions(store) == []


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("subscribe daily 08:00", "Sorry, only the bot's administrators can subscribe a channel to digests."),
        ("unsubscribe", "Sorry, only the bot's administrators can stop a channel's digest."),
        ("now", "Sorry, only the bot's administrators can post a digest."),
    ],
)
def test_when_admins_are_set_only_they_change_the_subscription(text: str, refusal: str, store: Store) -> None:
    admin = context_over(store, user_id=ADMIN, channel_id=CHANNEL, admins=frozenset({ADMIN}))
    digest.answer("subscribe every 2 hours", admin)
    add_article(store, "Story", "A story for the digest.")
    someone = replace(admin, user_id="U0SOMEONE")

    reply = digest.answer(text, someone)

    assert texts(reply) == [refusal, "Ask one of them, or an admin can add you to ADMIN_USER_IDS."]
    sub = subscriptions.get(store, CHANNEL)
    assert sub is not None and sub.schedule.spec == "every 2 hours" and sub.created_by == ADMIN
    assert subscriptions.take_requests(store) == []
    assert digest.answer("status", someone).text.startswith("Digest for this channel: Schedule: every 2 hours")


def test_a_non_admin_is_refused_even_a_first_subscription(store: Store) -> None:
    # Moved from tests/core/ingest/test_feeds.py (test_only_admins_manage_feeds_and_ingest_when_admins_are_set).
    ctx = context_over(store, user_id="U0SOMEONE", channel_id=CHANNEL, admins=frozenset({ADMIN}))
    reply = digest.answer("subscribe daily 08:00", ctx)
    assert reply.text.startswith("Sorry, only the bot's administrators can")
    assert subscriptions.get(store, CHANNEL) is None
    assert digest.answer("subscribe daily 08:00", replace(ctx, user_id=ADMIN)).text.startswith("Subscribed")
