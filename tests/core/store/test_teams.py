"""Rows per workspace: a store scoped to a team sees and changes only that team's subscriptions, digests, watches
and feeds; forgetting a workspace deletes its watches and pauses its digests, leaving every other one alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.alerts import watches
from bot.core.digest import run as digest_run
from bot.core.digest import subscriptions
from bot.core.digest.schedule import parse
from bot.core.ingest import feeds
from bot.core.models import Article, EntityType
from bot.core.store import Store, digests, teams
from bot.core.store import feeds as stored_feeds
from bot.core.store.records import EntityRow
from bot.core.store.team import LEGACY, Team

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ONE, TWO = Team("T1"), Team("T2", "E2")
SHARED = "C0SHARED"  # a Slack Connect channel: one id in both workspaces


def _entity(name: str) -> EntityRow:
    return EntityRow(id=1, name=name, type=EntityType.PERSON, article_count=1)


def test_two_workspaces_keep_their_own_rows(store: Store) -> None:
    one, two = store.for_team(ONE), store.for_team(TWO)
    assert subscriptions.subscribe(one, SHARED, parse("daily 08:00"), "U1", NOW)
    assert subscriptions.subscribe(two, SHARED, parse("every 6 hours"), "U2", NOW)  # new there too
    assert subscriptions.unsubscribe(one, "C0ONLYTWO") is False
    sub_one, sub_two = subscriptions.get(one, SHARED), subscriptions.get(two, SHARED)
    assert sub_one is not None and sub_one.schedule.spec == "daily 08:00" and sub_one.team == ONE
    assert sub_two is not None and sub_two.schedule.spec == "every 6 hours" and sub_two.team == TWO
    assert sorted(s.team.team_id for s in subscriptions.all_subscriptions(store)) == ["T1", "T2"]

    assert subscriptions.request_run(two, SHARED, NOW)
    assert subscriptions.take_requests(one) == []
    assert subscriptions.take_requests(store) == [(TWO, SHARED)]

    watches.add(one, "UGRID", _entity("Sergey Lavrov"), NOW)  # a Grid user, one id in both workspaces
    assert [w.name for w in watches.of(one, "UGRID")] == ["Sergey Lavrov"] and watches.of(two, "UGRID") == []
    assert watches.add(two, "UGRID", _entity("Sergey Lavrov"), NOW)

    assert feeds.add(one, "https://one.example/rss.xml", "U1", NOW)
    assert feeds.add(store, "https://operator.example/rss.xml", None, NOW)  # the command line's: everyone's
    assert [f.url for f in feeds.all_feeds(two)] == ["https://operator.example/rss.xml"]
    assert feeds.remove(two, "https://one.example/rss.xml") is False
    assert len(feeds.all_feeds(store)) == 2 and feeds.remove(one, "https://one.example/rss.xml")


def test_a_shared_channel_has_one_digest_in_flight_per_workspace(store: Store) -> None:
    store.add_article(
        Article(text="Talks resumed.", headline="Talks", published=NOW, source="s.txt", content_hash="h1"), [], NOW
    )
    one, two = store.for_team(ONE), store.for_team(TWO)
    for scoped in (one, two):
        subscriptions.subscribe(scoped, SHARED, parse("daily 08:00"), "U1", NOW - timedelta(days=1))
        with scoped.writing() as conn:  # both subscribed before the article: both have it to post
            conn.exec_driver_sql("UPDATE digest_subscriptions SET cursor_article_id = 0")
    first = digests.claim(one, SHARED, NOW, NOW + timedelta(minutes=5), 10)
    second = digests.claim(two, SHARED, NOW, NOW + timedelta(minutes=5), 10)
    assert isinstance(first, digests.Claim) and isinstance(second, digests.Claim)
    assert digests.finish(one, first, 1, "1.0", NOW)
    assert digest_run.history(one, SHARED).last_posted_at == NOW
    assert digest_run.history(two, SHARED).last_posted_at is None
    assert digest_run.history(two, SHARED).in_flight_since == NOW


def test_forgetting_a_workspace_deletes_its_watches_and_pauses_its_digests_only(store: Store) -> None:
    one, two = store.for_team(ONE), store.for_team(TWO)
    for scoped in (one, two):
        subscriptions.subscribe(scoped, SHARED, parse("daily 08:00"), "U1", NOW)
        watches.add(scoped, "U1", _entity("Sergey Lavrov"), NOW)

    gone = teams.forget(store, ONE, "app_uninstalled", NOW)

    assert (gone.watches, gone.paused) == (1, 1)
    assert watches.of(one, "U1") == [] and [w.name for w in watches.of(two, "U1")] == ["Sergey Lavrov"]
    paused, running = subscriptions.get(one, SHARED), subscriptions.get(two, SHARED)
    assert paused is not None and paused.paused_reason == "app_uninstalled"
    assert running is not None and running.paused_reason is None
    # Reinstalled: subscribing again resumes the digest where it was.
    assert subscriptions.subscribe(one, SHARED, parse("daily 08:00"), "U1", NOW) is False
    resumed = subscriptions.get(one, SHARED)
    assert resumed is not None and resumed.paused_reason is None


def test_an_organisation_wide_uninstall_forgets_every_workspace_of_the_organisation(store: Store) -> None:
    grid_a, grid_b = Team("T5", "E9"), Team("T6", "E9")
    for team in (grid_a, grid_b, ONE):
        watches.add(store.for_team(team), "U1", _entity("Sergey Lavrov"), NOW)
    assert teams.forget(store, Team("", "E9"), "app_uninstalled", NOW, org_wide=True).watches == 2
    assert watches.of(store.for_team(grid_b), "U1") == [] and len(watches.of(store.for_team(ONE), "U1")) == 1


def test_forgetting_a_workspace_stops_its_feeds_and_deletes_those_nobody_else_reads(store: Store) -> None:
    one, two = store.for_team(ONE), store.for_team(TWO)
    both, alone, everyone = "https://both.example/rss.xml", "https://one.example/rss.xml", "https://op.example/rss"
    for scoped, url in ((one, both), (two, both), (one, alone), (one, everyone), (store, everyone)):
        assert feeds.add(scoped, url, "U1" if scoped.team else None, NOW)
    [shared_feed, alone_feed, _] = feeds.all_feeds(store)
    for feed in (shared_feed, alone_feed):
        stored_feeds.remember(store, feed.id, "k1", None, NOW)

    gone = teams.forget(store, ONE, "app_uninstalled", NOW)

    assert gone.feeds == 3
    assert [f.url for f in feeds.all_feeds(one)] == [everyone]  # the operator's, listed everywhere
    assert [f.url for f in feeds.all_feeds(two)] == [both, everyone]
    assert [f.url for f in feeds.all_feeds(store)] == [both, everyone]  # the one only it read is gone
    assert stored_feeds.seen(store, shared_feed.id, ["k1"]) == {"k1"}
    assert stored_feeds.seen(store, alone_feed.id, ["k1"]) == set()
    assert feeds.add(one, alone, "U1", NOW)  # after a reinstall, added again as new


def test_moving_legacy_feeds_keeps_one_reader_when_the_team_already_reads_the_feed(store: Store) -> None:
    url = "https://one.example/rss.xml"
    legacy = store.for_team(LEGACY)  # as migration 15a1feeds leaves a feed added from Slack before teams
    assert feeds.add(legacy, url, "U0", NOW) and feeds.add(legacy, "https://old.example/rss", "U0", NOW)
    assert feeds.add(store.for_team(ONE), url, "U1", NOW)

    teams.adopt_legacy(store, ONE)

    assert [f.url for f in feeds.all_feeds(store.for_team(ONE))] == [url, "https://old.example/rss"]
    assert feeds.all_feeds(legacy) == []
    assert feeds.remove(store.for_team(ONE), url)
    assert [f.url for f in feeds.all_feeds(store)] == ["https://old.example/rss"]  # its only reader left
