"""End to end, as a workspace that installed the app from its manifest uses it, over HTTP and over Socket Mode (a
local websocket server stands in for Slack's): `/news who`, a direct command, a DM with a file, an unfurl, a
threaded digest, a not_in_channel failure that pauses and reports, and an answer longer than every limit with
nothing lost."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from bot.core.ingest.pipeline import ingest
from bot.core.models import Article
from bot.core.render.blockkit import divider, header
from bot.core.store import Store, open_store
from bot.slack.surfaces import HOME_ARTICLES
from tests.conftest import ARTICLES, BACKENDS, copied_database, fresh_database
from tests.slack.bot_process import SECRET, SERVE_REAL_CORE, Bot, bot_env, free_port, start_bot
from tests.slack.slack_requests import FORM, JSON, click_body, event_body, message_event, send, slash_body, unique
from tests.slack.slack_standin import Call, SlackStandIn
from tests.slack.socket_server import SocketModeServer

APP_TOKEN = "xapp-1-A0NEWSBOT-1-standinapptoken"
# Twenty articles whose lines cannot share one section: long headlines full of characters mrkdwn escapes, and
# long URLs (a link is never cut).
LONG = 20
WAIT = 120
FAST = {"SCHEDULER_SYNC_SECONDS": "1", "DIGEST_LEASE_SECONDS": "30", "WATCH_QUIET_SECONDS": "600"}


def _long_article(n: int) -> dict[str, str]:
    headline = f"Long story {n:02d}: " + " & ".join(f"<talks> round {k} in Vienna" for k in range(14))
    url = f"https://wire.example/{n:02d}/" + "/".join(f"segment{k}" for k in range(100)) + "?a=1&b=2"
    text = f"{headline}. Envoys met in Vienna on Monday and said the talks would go on. " * 3
    return {"title": headline, "url": url, "text": text, "published": f"2026-01-{n + 1:02d}T10:00:00Z"}


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[str]:
    """The URL of a store with the seed corpus and the twenty long articles, indexed once for the module on each
    backend under test."""
    folder = tmp_path_factory.mktemp("install")
    feed = folder / "long.jsonl"
    feed.write_text("\n".join(json.dumps(_long_article(n)) for n in range(LONG)) + "\n", encoding="utf-8")
    with fresh_database(request.param, folder) as url:
        store = open_store(url)
        assert ingest([ARTICLES, feed], store, nlp, report=lambda _line: None).failed == 0
        store.engine.dispose()
        yield url


@dataclass
class Workspace:
    """The bot as a workspace reaches it: over HTTP or Socket Mode, with the stand-in for the Web API."""

    mode: str
    bot: Bot
    standin: SlackStandIn
    socket: SocketModeServer | None

    def command(self, slash: str, text: str, user: str = "U0ASKER", channel: str = "C0GENERAL") -> Call:
        """Type a slash command; return what the bot posted to its response_url."""
        where = unique("resp")
        body = slash_body(slash, text, self.standin.response_url(where), user=user, channel=channel)
        if self.socket is None:
            assert send(self.bot.url, SECRET, body, FORM).status == 200
        else:
            self.socket.send("slash_commands", dict(parse_qsl(body)))
        [call] = self.standin.wait_for(f"response:{where}", timeout=WAIT)
        return call

    def event(self, event: dict[str, Any]) -> None:
        """Deliver an Events API event."""
        body = event_body(event)
        if self.socket is None:
            assert send(self.bot.url, SECRET, body, JSON).status == 200
        else:
            self.socket.send("events_api", json.loads(body))

    def click(self, value: str) -> Call:
        """Click a "more" button carrying `value`; return the answer."""
        where = unique("click")
        body = click_body("run_command_0", value, "U0ASKER", self.standin.response_url(where))
        if self.socket is None:
            assert send(self.bot.url, SECRET, body, FORM).status == 200
        else:
            self.socket.send("interactive", json.loads(dict(parse_qsl(body))["payload"]))
        [call] = self.standin.wait_for(f"response:{where}", timeout=WAIT)
        return call

    def posted(self, where: Callable[[Call], bool]) -> Call:
        """Wait for a chat.postMessage satisfying `where`."""
        return self.standin.wait_for("chat.postMessage", where, timeout=WAIT)[-1]


@pytest.fixture(scope="module", params=["http", "socket-mode"])
def workspace(
    request: pytest.FixtureRequest, seeded: str, standin: SlackStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """The real `python -m bot serve` over a copy of the seeded store, in each mode."""
    directory = tmp_path_factory.mktemp(f"install-{request.param}")
    with copied_database(seeded, directory) as url:
        yield from _serving(request.param, url, standin, directory)


def _serving(mode: str, database: str, standin: SlackStandIn, directory: Path) -> Iterator[Workspace]:
    standin.add_user("U0ASKER", is_admin=True)  # subscribes channels: a workspace admin
    port = free_port()
    env = bot_env(standin, directory / "bot.db", port) | FAST | {"DATABASE_URL": database}
    socket = None
    bot = Bot(f"http://127.0.0.1:{port}/slack/events", directory / "bot.db", directory / "bot.log", env)
    bot.command = list(SERVE_REAL_CORE)
    if mode == "socket-mode":
        socket = SocketModeServer().start()
        standin.socket_url = socket.url
        env |= {"SLACK_APP_TOKEN": APP_TOKEN, "WEB_CONCURRENCY": "1"}
        env.pop("SLACK_SIGNING_SECRET")
        with bot.log.open("ab") as log:
            bot.process = subprocess.Popen(bot.command, cwd=Path(__file__).resolve().parents[2], env=env, stdout=log,
                                           stderr=subprocess.STDOUT)  # fmt: skip
        socket.wait_connected()
    else:
        start_bot(bot)
    yield Workspace(mode, bot, standin, socket)
    bot.stop()
    if socket is not None:
        socket.stop()


def _store(workspace: Workspace) -> Store:
    return open_store(workspace.bot.env["DATABASE_URL"])


def _shown(payload: dict[str, Any]) -> str:
    return json.dumps(payload.get("blocks", []), ensure_ascii=False)


def test_news_who_and_a_direct_command_answer_from_the_corpus(workspace: Workspace) -> None:
    main = workspace.command("/news", "who Lavrov")
    assert "Sergey Lavrov" in main.params["text"]
    assert "Russian Foreign Minister" in _shown(main.params)
    direct = workspace.command("/whois", "Lavrov")
    assert direct.params["blocks"] == main.params["blocks"][:-1] + direct.params["blocks"][-1:]
    assert workspace.command("/bases", "Russia").params["text"].startswith("Military installations")


def test_a_direct_message_with_a_file_is_answered(workspace: Workspace) -> None:
    channel = unique("D")
    files = [{"id": "F0SHOT", "name": "screenshot.png", "mimetype": "image/png"}]
    workspace.event(message_event("who is Peskov?", channel, subtype="file_share", files=files))
    answer = workspace.posted(lambda c: c.params.get("channel") == channel)
    assert "Dmitry Peskov" in answer.params["text"]


def test_a_pasted_link_to_an_indexed_article_is_unfurled(workspace: Workspace) -> None:
    article = _long_article(3)
    escaped = article["url"].replace("&", "&amp;")  # Slack sends the link as it appears in the message
    channel, ts = unique("C"), f"{time.time():.6f}"
    links = [{"url": escaped, "domain": "wire.example"}, {"url": "https://other.example/x", "domain": "other.example"}]
    event = {"type": "link_shared", "channel": channel, "user": "U0ASKER", "message_ts": ts, "unfurl_id": unique("u"),
             "links": links}  # fmt: skip
    workspace.event(event)
    [call] = workspace.standin.wait_for("chat.unfurl", lambda c: c.params.get("channel") == channel, timeout=WAIT)
    unfurls = call.params["unfurls"]
    unfurls = json.loads(unfurls) if isinstance(unfurls, str) else unfurls
    assert list(unfurls) == [escaped], "only the indexed article is unfurled"
    shown = json.dumps(unfurls[escaped]["blocks"])
    assert "Long story 03" in shown and "&amp;" in shown and "<talks>" not in shown
    assert "4 Jan 2026" in shown and "Places:" in shown and "Vienna" in shown


def test_app_home_names_this_installs_commands_and_shows_or_counts_every_latest_article(workspace: Workspace) -> None:
    user = unique("U")
    workspace.event({"type": "app_home_opened", "user": user, "channel": unique("D"), "tab": "home",
                     "event_ts": f"{time.time():.6f}"})  # fmt: skip
    [call] = workspace.standin.wait_for("views.publish", lambda c: c.params.get("user_id") == user, timeout=WAIT)
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    shown = json.dumps(view, ensure_ascii=False)
    assert "`/news watch NAME`" in shown and "`/watch NAME`" not in shown, "a hint names what Slack has"
    assert "`/digest subscribe`" in shown, "a direct command keeps its own name"
    blocks = view["blocks"]
    latest = blocks[blocks.index(header("Latest articles")) + 1 : blocks.index(divider(), 3)]
    listed = sum(b["text"]["text"].count("• ") for b in latest if b["type"] == "section")
    counted = re.findall(r"…and (\d+) more articles?", json.dumps(latest))
    assert listed + int(counted[0] if counted else 0) == HOME_ARTICLES, "the newest are shown or counted, none lost"


def test_an_answer_longer_than_every_limit_loses_nothing(workspace: Workspace) -> None:
    answer = workspace.command("/news", f"articles {LONG}")
    seen: list[str] = []
    while True:
        sections = [b["text"]["text"] for b in answer.params["blocks"] if b["type"] == "section"]
        assert all(len(text) <= 3000 for text in sections)
        seen += [line for text in sections for line in text.split("\n") if line.startswith("• ")]
        more = [e["value"] for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["text"]["text"] == "More articles"]  # fmt: skip
        counted = re.findall(r"…and (\d+) more articles?", _shown(answer.params))
        if not more:
            assert not counted
            break
        assert int(counted[0]) == LONG - len(seen), "the count is exactly what is not shown yet"
        answer = workspace.click(more[0])
    assert len(seen) == len(set(seen)) == LONG, "every article shown, and once"
    assert len(re.findall(r"Long story \d\d", "\n".join(seen))) >= LONG - 2


def test_a_profile_pages_through_every_article_once(workspace: Workspace) -> None:
    """The first complaint of the issue: /who showed 3 of 5 articles, then "More" jumped to page 2."""
    answer = workspace.command("/whois", "Vienna")
    total = int(re.findall(r"in (\d+) articles", answer.params["text"])[0])
    seen: list[str] = []
    while True:
        sections = [b["text"]["text"] for b in answer.params["blocks"] if b["type"] == "section"]
        listing = [text for text in sections if text.startswith("*Articles*")]
        seen += [line for text in listing for line in text.split("\n") if line.startswith("• ")]
        more = [e["value"] for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["text"]["text"] == "More articles"]  # fmt: skip
        if not more:
            break
        counted = re.findall(r"…and (\d+) more articles?", _shown(answer.params))
        assert int(counted[0]) == total - len(seen), "the count is exactly what is not shown yet"
        answer = workspace.click(more[0])
    assert len(seen) == len(set(seen)) == total >= LONG, "every article once, none skipped"


def _add(store: Store, headline: str) -> None:
    now = datetime.now(UTC)
    body = f"{headline}. Negotiators in Geneva said the ceasefire held overnight. " * 3
    article = Article(text=body, headline=headline, published=now, source="wire.txt", content_hash=unique("h") * 3)
    assert store.add_article(article, [], now) is not None


def test_a_threaded_digest_then_a_not_in_channel_failure_that_pauses_and_reports(workspace: Workspace) -> None:
    standin, channel, admin = workspace.standin, unique("C"), unique("U")
    standin.add_channel(channel)  # public; the bot is not in it yet
    standin.add_user(admin, is_owner=True)
    subscribed = workspace.command("/news", "digest subscribe every 6 hours", user=admin, channel=channel)
    assert subscribed.params["text"].startswith("Subscribed"), subscribed.params["text"]
    assert "&lt;" not in subscribed.params["text"], "the notification shows no escaped channel link"
    assert standin.channels[channel]["is_member"], "subscribing joined the public channel"
    store = _store(workspace)
    _add(store, "Ceasefire holds in Idlib for a third night")
    workspace.command("/digest", "now", user=admin, channel=channel)
    head = workspace.posted(lambda c: c.params.get("channel") == channel and not c.params.get("thread_ts"))
    thread = workspace.posted(lambda c: c.params.get("channel") == channel and bool(c.params.get("thread_ts")))
    assert "the full digest is in the thread" in head.params["text"]
    assert "Ceasefire holds in Idlib" in thread.params["text"]

    standin.channels[channel]["is_member"] = False  # someone removed the bot from the channel
    _add(store, "Aid convoy reaches Aleppo")
    workspace.command("/digest", "now", user=admin, channel=channel)
    dm = workspace.posted(lambda c: c.params.get("channel") == admin)
    assert "paused" in dm.params["text"] and "invite me" in dm.params["text"]
    status = workspace.command("/news", "digest status", user=admin, channel=channel)
    assert "Paused" in _shown(status.params) and "not_in_channel" in _shown(status.params)
    assert "&lt;" not in status.params["text"] and "&lt;" not in dm.params["text"]
    assert "A digest is being posted" not in _shown(status.params), "nothing left busy"
    store.engine.dispose()


def test_subscribing_a_private_channel_the_bot_is_not_in_says_how_to_invite_it(workspace: Workspace) -> None:
    channel = unique("G")
    workspace.standin.add_channel(channel, private=True)
    answer = workspace.command("/news", "digest subscribe", channel=channel)
    assert answer.params["text"].startswith("Not subscribed: I cannot post in this channel")
    assert "/invite @newsbot" in _shown(answer.params)
