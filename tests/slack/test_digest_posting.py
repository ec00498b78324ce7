"""Digests posted exactly once through the real Slack poster and the Web API stand-in, crashes included."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.render import STORIES_PER_MESSAGE
from bot.core.digest.schedule import parse
from bot.core.ingest.article import to_article
from bot.core.messenger import DeliveryFailed, Metadata, explain
from bot.core.models import Document
from bot.core.render.blockkit import Reply
from bot.core.store import Store
from bot.slack.poster import SlackPoster
from tests.slack.bot_process import BOT_TOKEN
from tests.slack.slack_requests import unique
from tests.slack.slack_standin import Failure, SlackStandIn

LEASE = timedelta(minutes=5)
START = datetime(2025, 10, 15, 8, 0, tzinfo=UTC)


class Crash(Exception):
    """The process dying right after Slack accepted a message, before anything was recorded."""


class CrashingPoster(SlackPoster):
    """Posts like the real poster, then "dies" after the n-th message."""

    def __init__(self, client: WebClient, after: int) -> None:
        super().__init__(client, interval=0.0)
        self.left = after

    def post(self, channel: str, reply: Reply, metadata: Metadata | None, thread_ts: str | None = None) -> str:
        """Post, then crash once the budget is spent."""
        ts = super().post(channel, reply, metadata, thread_ts)
        self.left -= 1
        if self.left == 0:
            raise Crash(ts)
        return ts


def _client(standin: SlackStandIn) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=standin.api_url)


def _add(store: Store, headline: str, body: str = "") -> int:
    text = f"{headline}. " + (body or f"The report on {headline.lower()} gave figures and named officials. " * 3)
    article_id = store.add_article(to_article(Document(text=text, source=f"{headline}.txt"), START), [], START)
    assert article_id is not None
    return article_id


def _subscribed(store: Store) -> str:
    channel = unique("C")
    subscriptions.subscribe(store, channel, parse("daily 08:00"), "U0ADMIN", START, threaded=False)
    return channel


def _digest_texts(standin: SlackStandIn, channel: str) -> list[str]:
    return [m["text"] for m in standin.channel_messages(channel)]


def test_only_new_articles_none_twice_in_order(store: Store, standin: SlackStandIn) -> None:
    _add(store, "Old news from before the subscription")
    channel = _subscribed(store)
    poster = SlackPoster(_client(standin), interval=0.0)
    _add(store, "Talks resume in Ankara")
    _add(store, "Warships leave Tartus")
    first = digest_run.run(store, poster, channel, lambda: START)
    assert (first.status, first.articles, first.posted) == ("posted", 2, 1)
    assert digest_run.run(store, poster, channel, lambda: START).status == "nothing"
    _add(store, "Ceasefire holds in Idlib")
    assert digest_run.run(store, poster, channel, lambda: START).status == "posted"
    texts = _digest_texts(standin, channel)
    assert len(texts) == 2
    assert texts[0].index("Talks resume in Ankara") < texts[0].index("Warships leave Tartus")
    assert "Idlib" not in texts[0]
    assert "Ceasefire holds in Idlib" in texts[1] and "Ankara" not in texts[1]
    assert all("Old news" not in t for t in texts)
    metadata = standin.channel_messages(channel)[0]["metadata"]
    assert metadata["event_type"] == digest_run.EVENT_TYPE and metadata["event_payload"]["part"] == 1


def test_nothing_new_posts_nothing_or_the_configured_note(store: Store, standin: SlackStandIn) -> None:
    channel = _subscribed(store)
    poster = SlackPoster(_client(standin), interval=0.0)
    assert digest_run.run(store, poster, channel, lambda: START).status == "nothing"
    assert _digest_texts(standin, channel) == []
    assert digest_run.run(store, poster, channel, lambda: START, note_when_empty=True).status == "noted"
    assert _digest_texts(standin, channel) == ["News digest: nothing new since the last digest."]


def test_unsubscribed_channels_get_nothing(store: Store, standin: SlackStandIn) -> None:
    _add(store, "Talks resume in Ankara")
    poster = SlackPoster(_client(standin), interval=0.0)
    assert digest_run.run(store, poster, unique("C"), lambda: START).status == "unsubscribed"


def test_a_crash_between_posting_and_recording_loses_nothing_and_posts_nothing_twice(
    store: Store, standin: SlackStandIn
) -> None:
    channel = _subscribed(store)
    _add(store, "Talks resume in Ankara")
    with pytest.raises(Crash):
        digest_run.run(store, CrashingPoster(_client(standin), after=1), channel, lambda: START, lease=LEASE)
    assert len(_digest_texts(standin, channel)) == 1  # in Slack, but not recorded
    assert subscriptions.get(store, channel).cursor_article_id == 0  # type: ignore[union-attr]
    _add(store, "Warships leave Tartus")  # arrives meanwhile: belongs to the next digest
    poster = SlackPoster(_client(standin), interval=0.0)
    assert digest_run.run(store, poster, channel, lambda: START + timedelta(minutes=1), lease=LEASE).status == "busy"
    later = START + LEASE + timedelta(seconds=1)
    resumed = digest_run.run(store, poster, channel, lambda: later, lease=LEASE)
    assert (resumed.status, resumed.posted, resumed.parts) == ("resumed", 0, 1)
    assert len(_digest_texts(standin, channel)) == 1  # found again, not posted again
    assert digest_run.run(store, poster, channel, lambda: later, lease=LEASE).status == "posted"
    texts = _digest_texts(standin, channel)
    assert len(texts) == 2 and "Warships leave Tartus" in texts[1] and "Ankara" not in texts[1]


def test_a_crash_in_the_middle_of_a_long_digest_posts_only_the_missing_parts(
    store: Store, standin: SlackStandIn
) -> None:
    channel = _subscribed(store)
    for n in range(STORIES_PER_MESSAGE + 2):
        _add(store, f"Distinct story number {n} about {'abcdefghijklmnopqrstuvwxyz'[n]} matters",
             body=f"Unrelated wording {n} " * 5 + " ".join(f"w{n}x{k}" for k in range(40)))  # fmt: skip
    with pytest.raises(Crash):
        digest_run.run(store, CrashingPoster(_client(standin), after=1), channel, lambda: START, lease=LEASE)
    later = START + LEASE + timedelta(seconds=1)
    resumed = digest_run.run(store, SlackPoster(_client(standin), interval=0.0), channel, lambda: later, lease=LEASE)
    assert (resumed.status, resumed.parts, resumed.posted) == ("resumed", 2, 1)
    parts = [m["metadata"]["event_payload"]["part"] for m in standin.channel_messages(channel)]
    assert parts == [1, 2]


def test_a_failed_post_is_retried_by_the_next_run_without_duplicates(store: Store, standin: SlackStandIn) -> None:
    channel = _subscribed(store)
    _add(store, "Talks resume in Ankara")
    standin.fail("chat.postMessage", Failure(error="internal_error"))  # passing trouble on Slack's side
    poster = SlackPoster(_client(standin), interval=0.0)
    with pytest.raises(DeliveryFailed) as failed:
        digest_run.run(store, poster, channel, lambda: START, lease=LEASE)
    assert failed.value.code == "internal_error" and not failed.value.permanent
    later = START + LEASE + timedelta(seconds=1)
    assert digest_run.run(store, poster, channel, lambda: later, lease=LEASE).status == "resumed"
    assert len(_digest_texts(standin, channel)) == 1


def test_posts_are_paced_per_channel() -> None:
    waits: list[float] = []
    clock = [100.0]

    class Client:
        def chat_postMessage(self, **kwargs: object) -> dict[str, str]:
            return {"ts": "1.0"}

    poster = SlackPoster(Client(), interval=1.0, clock=lambda: clock[0], sleep=waits.append)  # type: ignore[arg-type]
    for channel in ("C1", "C1", "C2", "C1"):
        poster.post(channel, Reply("hi"), None)
    assert waits == [1.0, 2.0]  # C1's second and third wait their turn; C2 does not wait for C1


def _threaded(store: Store) -> str:
    channel = unique("C")
    subscriptions.subscribe(store, channel, parse("daily 08:00"), "U0ADMIN", START)
    return channel


def test_a_threaded_digest_is_one_short_channel_message_with_the_digest_in_its_thread(
    store: Store, standin: SlackStandIn
) -> None:
    channel = _threaded(store)
    for n in range(5):
        _add(store, f"Distinct story {n} about {'vwxyz'[n]}", body=" ".join(f"w{n}x{k}" for k in range(40)))
    outcome = digest_run.run(store, SlackPoster(_client(standin), interval=0.0), channel, lambda: START)
    assert (outcome.status, outcome.parts, outcome.posted) == ("posted", 2, 2)
    head, full = standin.channel_messages(channel)
    assert "thread_ts" not in head and full["thread_ts"] == head["ts"]
    assert head["text"] == "News digest: 5 new articles; the full digest is in the thread"
    shown = json.dumps(head["blocks"])
    assert "Top stories" in shown and "Distinct story 0" in shown and "and 2 more stories in the thread" in shown
    assert all(f"Distinct story {n}" in json.dumps(full["blocks"]) for n in range(5))
    channel_only = standin.history({"channel": channel})["messages"]
    assert [m["ts"] for m in channel_only] == [head["ts"]], "the channel shows one message"


def test_a_threaded_digest_interrupted_after_its_channel_message_is_finished_in_the_thread(
    store: Store, standin: SlackStandIn
) -> None:
    channel = _threaded(store)
    _add(store, "Talks resume in Ankara")
    with pytest.raises(Crash):
        digest_run.run(store, CrashingPoster(_client(standin), after=1), channel, lambda: START, lease=LEASE)
    later = START + LEASE + timedelta(seconds=1)
    resumed = digest_run.run(store, SlackPoster(_client(standin), interval=0.0), channel, lambda: later, lease=LEASE)
    assert (resumed.status, resumed.parts, resumed.posted) == ("resumed", 2, 1)
    head, full = standin.channel_messages(channel)
    assert full["thread_ts"] == head["ts"] and "Talks resume in Ankara" in full["text"]


def test_not_in_channel_pauses_the_subscription_tells_its_creator_once_and_leaves_nothing_busy(
    store: Store, standin: SlackStandIn
) -> None:
    channel, creator = unique("C"), unique("U")
    standin.add_channel(channel, member=False)  # the bot was removed from the channel
    subscriptions.subscribe(store, channel, parse("daily 08:00"), creator, START)
    _add(store, "Talks resume in Ankara")
    poster = SlackPoster(_client(standin), interval=0.0)
    outcome = digest_run.run(store, poster, channel, lambda: START, lease=LEASE)
    assert (outcome.status, outcome.reason) == ("paused", "not_in_channel")
    assert "paused" in str(outcome) and "not_in_channel" in str(outcome)
    sub = subscriptions.get(store, channel)
    assert sub is not None and sub.paused_reason == "not_in_channel" and sub.paused_at == START
    assert digest_run.history(store, channel).in_flight_since is None, "not left busy"
    [dm] = [c for c in standin.matching("chat.postMessage") if c.params.get("channel") == creator]
    assert "paused" in dm.params["text"] and "invite me" in dm.params["text"]
    assert "&lt;" not in dm.params["text"]
    again = digest_run.run(store, poster, channel, lambda: START + timedelta(days=1), lease=LEASE)
    assert again.status == "paused"
    assert len([c for c in standin.matching("chat.postMessage") if c.params.get("channel") == creator]) == 1
    standin.add_channel(channel, member=True)  # invited back, then subscribed again: the articles were kept
    subscriptions.subscribe(store, channel, parse("daily 08:00"), creator, START, threaded=False)
    resumed = digest_run.run(store, poster, channel, lambda: START + timedelta(days=1), lease=LEASE)
    assert (resumed.status, resumed.articles) == ("posted", 1)
    assert "Talks resume in Ankara" in _digest_texts(standin, channel)[-1]


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived", "account_inactive", "invalid_auth"])
def test_every_lasting_refusal_pauses_and_is_reported_once(error: str, store: Store, standin: SlackStandIn) -> None:
    channel, creator = unique("C"), unique("U")
    subscriptions.subscribe(store, channel, parse("daily 08:00"), creator, START)
    _add(store, "Talks resume in Ankara")
    standin.fail("chat.postMessage", Failure(error=error))  # the digest's post; the DM to its creator goes
    outcome = digest_run.run(store, SlackPoster(_client(standin), interval=0.0), channel, lambda: START, lease=LEASE)
    assert (outcome.status, outcome.reason) == ("paused", error)
    sub = subscriptions.get(store, channel)
    assert sub is not None and sub.paused_reason == error
    assert digest_run.history(store, channel).in_flight_since is None, "not left busy"
    [dm] = [c for c in standin.matching("chat.postMessage") if c.params.get("channel") == creator]
    assert dm.params["text"].startswith(f"The news digest for {channel} is paused: {explain(error)}")


def test_reach_joins_a_public_channel_and_names_what_stops_it_elsewhere(standin: SlackStandIn) -> None:
    poster = SlackPoster(_client(standin), interval=0.0)
    public, private, archived = unique("C"), unique("G"), unique("C")
    standin.add_channel(public)
    standin.add_channel(private, private=True)
    standin.add_channel(archived, archived=True)
    assert poster.reach(public) is None and standin.channels[public]["is_member"]
    assert poster.reach(private) == "not_in_channel"
    assert poster.reach(archived) == "is_archived"
    assert poster.reach(unique("C")) == "not_in_channel"  # unknown to the bot: private, or gone
