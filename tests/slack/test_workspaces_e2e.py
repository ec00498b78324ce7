"""End to end with two workspaces installed by OAuth (the real `python -m bot serve`, signed HTTP requests, the
Web API stand-in): each workspace gets its own digests and watch alerts, posted with its own token; neither sees
the other's subscriptions or watches; members, guests and people from another organisation are refused admin
commands while an admin is not; one workspace uninstalling deletes its data and leaves the other working; a
revoked token pauses its workspace, said once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.core.alerts import watches
from bot.core.digest import subscriptions
from bot.core.ingest import feeds
from bot.core.ingest.pipeline import ingest
from bot.core.store import Store, open_store
from bot.core.store.team import Team
from tests.conftest import BACKENDS, ROOT, fresh_database
from tests.slack.bot_process import SECRET, SERVE_REAL_CORE, Bot, bot_env, free_port, start_bot
from tests.slack.slack_requests import FORM, JSON, event_body, send, slash_body, unique
from tests.slack.slack_standin import Call, SlackStandIn

CLIENT_ID = "1111.2222"
WAIT = 120
FAST = {"SCHEDULER_SYNC_SECONDS": "1", "DIGEST_LEASE_SECONDS": "30", "WATCH_QUIET_SECONDS": "1"}
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@dataclass(frozen=True)
class Side:
    """One installed workspace: its team, bot token, admin, plain member and the channel it subscribes (and its
    organisation, when the app is installed org-wide on Enterprise Grid)."""

    team: str
    token: str
    admin: str
    member: str
    channel: str
    enterprise: str | None = None


ALPHA = Side("T0ALPHA", "xoxb-1-alpha-token", "U0ALPHAADMIN", "U0ALPHAMEMBER", "C0ALPHANEWS")
BETA = Side("T0BETA", "xoxb-2-beta-token", "U0BETAADMIN", "U0BETAMEMBER", "C0BETANEWS")
GUEST, OUTSIDER = "U0ALPHAGUEST", "U0OTHERORG"
# Read by both workspaces; a loopback address, which the fetch policy refuses: no request leaves the machine.
FEED = "http://127.0.0.1:9/both.xml"
# Two workspaces of one Enterprise Grid organisation, which installed the app once for all of them.
GRID_TOKEN = "xoxb-3-grid-org-token"
GRID_A = Side("T0GRIDA", GRID_TOKEN, "W0GRIDADMIN", "W0GRIDMEMBER", "C0GRIDNEWS", "E0GRID")
GRID_B = Side("T0GRIDB", GRID_TOKEN, "W0GRIDADMIN", "W0GRIDMEMBER", "C0GRIDNEWS", "E0GRID")


@dataclass
class Running:
    """The bot serving both workspaces, the stand-in, and the bot's database."""

    bot: Bot
    standin: SlackStandIn
    url: str

    def command(self, side: Side, text: str, user: str, channel: str | None = None) -> str:
        """Type `/news TEXT` in the side's workspace; return the answer's text."""
        where = unique("resp")
        url = self.standin.response_url(where)
        body = slash_body("/news", text, url, user, channel or side.channel, side.team, side.enterprise)
        assert send(self.bot.url, SECRET, body, FORM).status == 200
        [call] = self.standin.wait_for(f"response:{where}", timeout=WAIT)
        return str(call.params["text"])

    def event(self, side: Side, event: dict[str, Any]) -> None:
        """Deliver an Events API event from the side's workspace."""
        assert send(self.bot.url, SECRET, event_body(event, team=side.team), JSON).status == 200

    def store(self) -> Store:
        """The bot's database, opened from the test."""
        return open_store(self.url)


def _install(store: Store, side: Side) -> None:
    installations = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=store.engine)
    installations.create_tables()  # type: ignore[no-untyped-call]
    org_wide = side.enterprise is not None
    installations.save(
        Installation(
            app_id="A0NEWSBOT",
            enterprise_id=side.enterprise,
            is_enterprise_install=org_wide,
            team_id=None if org_wide else side.team,
            bot_token=side.token,
            bot_id=f"B{side.team}",
            bot_user_id="UBOTSELF",
            bot_scopes=["chat:write"],
            user_id=side.admin,
        )
    )


@pytest.fixture(scope="module", params=BACKENDS)
def running(
    request: pytest.FixtureRequest, standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory, nlp: Any
) -> Iterator[Running]:
    """Both workspaces installed, their people known to the stand-in, the bot serving them by OAuth."""
    directory = tmp_path_factory.mktemp("workspaces")
    port = free_port()
    for side in (ALPHA, BETA):
        standin.revoked.discard(side.token)  # the stand-in is shared by both backends' runs
        standin.token_teams[side.token] = side.team
        standin.add_user(side.admin, team=side.team, is_admin=True)
        standin.add_user(side.member, team=side.team)
        standin.add_channel(side.channel, member=True)
    standin.add_user(GUEST, team=ALPHA.team, is_restricted=True)
    standin.add_user(OUTSIDER, team="T0ELSEWHERE", is_admin=True)  # an admin, of another organisation
    standin.token_teams[GRID_TOKEN] = GRID_A.team
    standin.add_user(GRID_A.admin, team=GRID_A.team, is_admin=True, enterprise_user={"enterprise_id": "E0GRID"})
    standin.add_channel(GRID_A.channel, member=True)
    with fresh_database(request.param, directory) as url:
        store = open_store(url)
        assert ingest([FIXTURES / "ankara_talks.txt"], store, nlp, report=lambda _line: None).failed == 0
        for side in (ALPHA, BETA, GRID_A):  # GRID_A's is the organisation's: GRID_B has the same
            _install(store, side)
        store.engine.dispose()
        env = bot_env(standin, directory / "bot.db", port) | FAST | {"DATABASE_URL": url, "WEB_CONCURRENCY": "1"}
        env |= {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": SECRET}
        env.pop("SLACK_BOT_TOKEN")
        bot = Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", env)
        bot.command = list(SERVE_REAL_CORE)
        running = Running(start_bot(bot), standin, url)
        _wait_for_the_first_alert_round(running)
        yield running
        bot.stop()


def _wait_for_the_first_alert_round(running: Running) -> None:
    """The scheduler starts a few seconds after its process takes the leader lock, and its very first alert round
    only marks where alerts start: an article ingested before that round is never alerted about."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        store = running.store()
        try:
            if watches.alert_cursor(store) is not None:
                return
        finally:
            store.engine.dispose()
        time.sleep(0.2)
    raise AssertionError(f"no alert round within {WAIT} s:\n{running.bot.log_text()}")


def _posted_in(standin: SlackStandIn, channel: str) -> list[Call]:
    return standin.matching("chat.postMessage", lambda c: c.params.get("channel") == channel)


def _add(running: Running, nlp: Any, city: str, day: str) -> None:
    """Ingest a new article naming Erdoğan (what every watch here follows)."""
    text = (
        f"{city.upper()}, June 2026 — Turkish President Recep Tayyip Erdoğan met Geir Pedersen, the UN envoy for "
        f"Syria, in {city} on {day} to discuss the return of refugees. Erdoğan's office said the talks went well.\n"
    )
    folder = running.bot.log.parent / unique("new")
    folder.mkdir()
    (folder / "story.txt").write_text(text, encoding="utf-8")
    store = running.store()
    try:
        assert ingest([folder], store, nlp, report=lambda _line: None).failed == 0
    finally:
        store.engine.dispose()


def test_admin_commands_are_for_workspace_admins_only(running: Running) -> None:
    for user, said in [
        (ALPHA.member, "only this workspace's admins and owners can subscribe"),
        (GUEST, "guests cannot subscribe"),
        (OUTSIDER, "people from another organisation cannot subscribe"),
    ]:
        assert said in running.command(ALPHA, "digest subscribe every 6 hours", user)
    assert running.command(ALPHA, "feeds add https://example.com/rss.xml", ALPHA.member).startswith("Sorry")
    read = running.command(ALPHA, "who Erdogan", ALPHA.member)  # reading is open to every member
    assert "Erdoğan" in read and not read.startswith("Sorry")
    for side in (ALPHA, BETA):
        assert running.command(side, "digest subscribe every 6 hours", side.admin).startswith("Subscribed")


def test_each_workspace_sees_only_its_own_subscriptions_and_watches(running: Running) -> None:
    # Alpha's channel, asked about from Beta: Beta has no subscription there.
    assert "no digest subscription" in running.command(BETA, "digest status", BETA.admin, channel=ALPHA.channel)
    assert "every 6 hours" in running.command(ALPHA, "digest status", ALPHA.admin)
    assert running.command(ALPHA, "watch Erdogan", ALPHA.member).startswith("Watching Recep Tayyip Erdoğan")
    assert "Erdoğan" in running.command(ALPHA, "watches", ALPHA.member)
    # The same user id in the other workspace (a Grid user) watches nothing there.
    assert "Erdoğan" not in running.command(BETA, "watches", ALPHA.member)
    # A feed Alpha reads is not Beta's, nor said to be read when Beta adds it.
    assert running.command(ALPHA, f"feeds add {FEED}", ALPHA.admin).startswith(f"Added {FEED}.")
    assert "No feeds yet" in running.command(BETA, "feeds", BETA.admin)
    assert running.command(BETA, f"feeds add {FEED}", BETA.admin).startswith(f"Added {FEED}.")
    store = running.store()
    try:
        assert [w.name for w in watches.of(store.for_team(Team(ALPHA.team)), ALPHA.member)] == ["Recep Tayyip Erdoğan"]
        assert watches.of(store.for_team(Team(BETA.team)), ALPHA.member) == []
    finally:
        store.engine.dispose()


def test_each_workspace_gets_its_digest_and_alerts_with_its_own_token(running: Running, nlp: Any) -> None:
    standin = running.standin
    _add(running, nlp, "Istanbul", "Tuesday")
    alert = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == ALPHA.member, timeout=WAIT)[-1]
    assert alert.token == ALPHA.token and "Erdoğan" in str(alert.params["text"])
    for side in (ALPHA, BETA):
        assert "on its way" in running.command(side, "digest now", side.admin)
        # Threaded: one short message, the digest in its thread.
        posted = standin.wait_for("chat.postMessage", _in_channel(side.channel), count=2, timeout=WAIT)
        assert {c.token for c in posted} == {side.token}, "posted with the workspace's own token"


def test_an_uninstall_deletes_that_workspaces_data_and_leaves_the_other_working(running: Running, nlp: Any) -> None:
    standin = running.standin
    assert running.command(BETA, "watch Erdogan", BETA.member).startswith("Watching")
    running.event(ALPHA, {"type": "app_uninstalled"})
    store = running.store()
    try:
        alpha, beta = store.for_team(Team(ALPHA.team)), store.for_team(Team(BETA.team))
        _until(lambda: watches.of(alpha, ALPHA.member) == [], "Alpha's watches deleted")
        sub = subscriptions.get(alpha, ALPHA.channel)
        assert sub is not None and sub.paused_reason == "app_uninstalled"
        installations = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=store.engine)
        assert installations.find_bot(enterprise_id=None, team_id=ALPHA.team) is None
        assert installations.find_bot(enterprise_id=None, team_id=BETA.team) is not None
        assert [w.name for w in watches.of(beta, BETA.member)] == ["Recep Tayyip Erdoğan"]
        assert feeds.all_feeds(alpha) == [] and [f.url for f in feeds.all_feeds(beta)] == [FEED]
    finally:
        store.engine.dispose()

    before = len(_posted_in(standin, BETA.channel))
    _add(running, nlp, "Izmir", "Wednesday")
    dm = standin.wait_for("chat.postMessage", lambda c: c.params.get("channel") == BETA.member, timeout=WAIT)[-1]
    assert dm.token == BETA.token
    assert "on its way" in running.command(BETA, "digest now", BETA.admin)
    _until(lambda: len(_posted_in(standin, BETA.channel)) > before, "Beta's next digest")
    # Not a count of Alpha's posts: the previous test's alert may still be on its way when Alpha uninstalls (a
    # long alert in two parts, its second posted while this test began, on a loaded machine).
    about_new = standin.matching(
        "chat.postMessage", lambda c: c.token == ALPHA.token and "izmir" in str(c.params).lower()
    )
    assert about_new == [], "nothing about a new article is posted with Alpha's token"


def test_a_revoked_token_pauses_its_workspace_once(running: Running, nlp: Any) -> None:
    standin = running.standin
    standin.revoked.add(BETA.token)
    _add(running, nlp, "Adana", "Thursday")
    paused = "workspace T0BETA paused: Slack refused its token (token_revoked)"
    _until(lambda: paused in running.bot.log_text(), "Beta paused")
    time.sleep(3)  # several scheduler rounds: still said only once
    assert running.bot.log_text().count(paused) == 1


def _in_channel(channel: str) -> Any:
    return lambda call: call.params.get("channel") == channel


def _until(check: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_an_organisation_wide_install_keeps_each_workspaces_data_apart(running: Running, nlp: Any) -> None:
    standin = running.standin
    assert running.command(GRID_A, "digest subscribe every 6 hours", GRID_A.admin).startswith("Subscribed")
    # The same channel id and person, from the organisation's other workspace: nothing subscribed there.
    assert "no digest subscription" in running.command(GRID_B, "digest status", GRID_B.admin)
    _add(running, nlp, "Bursa", "Friday")
    assert "on its way" in running.command(GRID_A, "digest now", GRID_A.admin)
    posted = standin.wait_for("chat.postMessage", _in_channel(GRID_A.channel), count=2, timeout=WAIT)
    assert {c.token for c in posted} == {GRID_TOKEN}, "posted with the organisation's token"
    store = running.store()
    try:
        sub = subscriptions.get(store.for_team(Team(GRID_A.team)), GRID_A.channel)
        assert sub is not None and sub.team == Team(GRID_A.team, "E0GRID")
        assert subscriptions.get(store.for_team(Team(GRID_B.team)), GRID_B.channel) is None
    finally:
        store.engine.dispose()
