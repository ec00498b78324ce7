"""Event listeners: direct messages, mentions, App Home. Bolt acknowledges events before they run."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.core.render.blockkit import retext_blocks, section, unescape
from bot.slack import surfaces as blocks
from bot.slack import uninstalls
from bot.slack.answers import AnswerPool, wanted
from bot.slack.core import Core, Workspace
from bot.slack.errors import apologising
from bot.slack.roles import Roles, team_of, workspace_of

log = logging.getLogger(__name__)

Event = dict[str, Any]
_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def register(app: App, core: Core, workers: AnswerPool, known: Roles | None = None) -> None:
    """Wire messages, mentions, App Home and uninstalls to `app`; every message subtype is acknowledged (no
    404)."""
    known = known or Roles()
    app.event("message")(_later(workers, lambda event, body, client: _direct_message(core, event, body, client, known)))
    app.event("app_mention")(_later(workers, lambda event, body, client: _mention(core, event, body, client, known)))
    app.event("app_home_opened")(_later(workers, lambda event, body, client: _home(core, event, body, client)))
    app.event("link_shared")(_later(workers, lambda event, body, client: _unfurl(core, event, client)))
    uninstalls.register(app, core, known)


def _later(workers: AnswerPool, work: Callable[[Event, Event, WebClient], None]) -> Callable[..., None]:
    def answer_later(event: Event, body: Event, client: WebClient) -> None:
        workers.submit(lambda event, client: work(event, body, client), event, client)

    return answer_later


# Message subtypes that are a person saying something: a message with a file attached ("who is Peskov?" and a
# screenshot), a thread reply also sent to the channel, a /me message. Others (edits, deletions, joins, bots)
# are acknowledged and left alone.
SPOKEN_SUBTYPES = frozenset({None, "file_share", "thread_broadcast", "me_message"})


def is_person_speaking(event: Event) -> bool:
    """A new message typed by a person, with words in it: not an edit, deletion or other system subtype, and
    not from a bot."""
    return (
        event.get("subtype") in SPOKEN_SUBTYPES
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(str(event.get("text") or "").strip())
    )


def question(text: str) -> str:
    """The question in a message: mentions of the bot removed, Slack's escaping undone."""
    return unescape(_USER_MENTION.sub(" ", text)).strip()


def _direct_message(core: Core, event: Event, body: Event, client: WebClient, known: Roles) -> None:
    if event.get("channel_type") != "im" or not is_person_speaking(event):
        return  # edits, deletions, bots (Bolt already drops our own messages): acknowledged, no reply
    _reply(core, event, client, event.get("thread_ts"), workspace_of(body, client, known))


def _mention(core: Core, event: Event, body: Event, client: WebClient, known: Roles) -> None:
    if str(event.get("channel", "")).startswith("D") or not is_person_speaking(event):
        return  # a mention in a DM is answered once, as the direct message it also is
    _reply(core, event, client, event.get("thread_ts") or event["ts"], workspace_of(body, client, known))


def _reply(core: Core, event: Event, client: WebClient, thread_ts: str | None, where: Workspace) -> None:
    channel, user = event["channel"], event["user"]

    def apologise(apology: str) -> None:
        client.chat_postEphemeral(channel=channel, user=user, text=apology, thread_ts=thread_ts)

    with apologising("answering a message", apologise):
        payload = core.answer(question(event.get("text", "")), user, channel, where).payload()
        if not wanted():
            return  # the asker was told to ask again: the answer came too late
        client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=payload["text"], blocks=payload["blocks"] or None
        )


def _home(core: Core, event: Event, body: Event, client: WebClient) -> None:
    if event.get("tab") != "home":
        return
    user = event["user"]

    def apologise(apology: str) -> None:
        client.views_publish(user_id=user, view={"type": "home", "blocks": [section(apology)]})

    with apologising("publishing App Home", apologise):
        stats, articles = core.home()
        mine = core.personal(user, team_of(body))
        view = blocks.home_view(stats, articles, core.registry, mine, core.context().prefix)
        # Its hints ("`/watch NAME`") named as this install's commands are typed ("`/news watch NAME`").
        client.views_publish(user_id=user, view=view | {"blocks": retext_blocks(view["blocks"], core.retype)})


# Slack sends at most a handful of links per message; more unfurls than this in one call is never needed.
MAX_UNFURLS = 10


def _unfurl(core: Core, event: Event, client: WebClient) -> None:
    """Unfurl the links to indexed articles in a message (chat.unfurl); other links are left to Slack."""
    found = {}
    for shared in (event.get("links") or [])[:MAX_UNFURLS]:
        url = unescape(str(shared.get("url", "")))
        blocks = core.unfurl(url) if url else None
        if blocks:
            found[str(shared["url"])] = {"blocks": blocks}
    if not found:
        return
    with apologising("unfurling a link", lambda apology: None):
        client.chat_unfurl(channel=event["channel"], ts=event["message_ts"], unfurls=found)
