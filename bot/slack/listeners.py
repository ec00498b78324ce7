"""Command and button listeners: each acknowledges at once and hands the answer to the answer pool.

Bolt runs acknowledgements and listener bodies on one executor; answering there could starve the acks of later
requests past Slack's 3 s limit, so the answers run on their own pool (bot.slack.answers), which also keeps
their deadlines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot.core.render.blockkit import RUN_ACTION_PREFIX, unescape
from bot.slack import surfaces as blocks
from bot.slack.answers import AnswerPool, wanted
from bot.slack.core import Core, slack_commands
from bot.slack.errors import apologising
from bot.slack.retries import retry_handlers
from bot.slack.roles import Roles, workspace_of

log = logging.getLogger(__name__)

Body = dict[str, Any]
# The word that asks for an answer everyone in the channel sees, typed last: `/who Peskov public`.
PUBLIC_WORD = "public"
# A Share button whose command line the store no longer keeps (a database restored from an older export).
GONE = "This answer can no longer be shared: run the command again, then share it."
# A button whose command line the store no longer keeps.
LOST = "This button's command is no longer kept: run the command again."
RESPONSE_TIMEOUT_SECONDS = 10


class DeliveryError(Exception):
    """A response_url post that Slack refused."""


def post_response(url: str, payload: blocks.Payload) -> None:
    """Post to a slash command's or a button's response_url (not once the asker was told to ask again)."""
    if not wanted():
        return
    client = WebhookClient(url, timeout=RESPONSE_TIMEOUT_SECONDS, retry_handlers=retry_handlers())
    response = client.send_dict(payload)
    if response.status_code != 200:
        raise DeliveryError(f"response_url answered {response.status_code}")


def split_public(text: str) -> tuple[str, bool]:
    """Remove a trailing `public` word; True when it was there."""
    words = text.split()
    if words and words[-1].lower() == PUBLIC_WORD:
        return " ".join(words[:-1]), True
    return text.strip(), False


def register(app: App, core: Core, workers: AnswerPool, known: Roles | None = None) -> None:
    """Wire every registry command, the buttons and the events to `app`; people's roles are looked up in
    `known` (a cache of users.info)."""
    known = known or Roles()
    for name in core.commands or slack_commands(core.registry):
        app.command(f"/{name}")(_later(workers, lambda body, client: _slash(core, body, client, known)))
    app.action(re.compile(rf"^{RUN_ACTION_PREFIX}_\d+$"))(
        _later(workers, lambda body, client: _run(core, body, client, known))
    )
    app.action(blocks.SHARE_ACTION)(_later(workers, lambda body, client: _share(core, body, client, known)))


def _later(workers: AnswerPool, work: Callable[[Body, WebClient], None]) -> Callable[..., None]:
    def acknowledge_then_answer(ack: Ack, body: Body, client: WebClient) -> None:
        ack()
        workers.submit(work, body, client)

    return acknowledge_then_answer


def _slash(core: Core, body: Body, client: WebClient, known: Roles) -> None:
    text, public = split_public(unescape(body.get("text", "")))
    line = f"{body['command']} {text}".strip()
    url = body["response_url"]
    with apologising(f"answering {body['command']}", lambda apology: post_response(url, {"text": apology})):
        reply = core.run_line(line, body.get("user_id"), body.get("channel_id"), workspace_of(body, client, known))
        post_response(url, blocks.in_channel(reply) if public else blocks.ephemeral(reply, core.keep(line)))


def _run(core: Core, body: Body, client: WebClient, known: Roles) -> None:
    value = body["actions"][0]["value"]
    url, user = body.get("response_url"), body["user"]["id"]
    replace = bool(body.get("container", {}).get("is_ephemeral"))

    def send(payload: blocks.Payload) -> None:
        if url:
            post_response(url, {**payload, "replace_original": replace})
        else:  # App Home buttons have no response_url: answer in the app's DM with the user
            client.chat_postMessage(channel=user, text=payload["text"], blocks=payload.get("blocks"))

    with apologising("running a button's command", lambda apology: send({"text": apology})):
        line = core.recall(value)  # a line too long for a button is kept, and the button names it
        if line is None:
            send({"text": LOST})
            return
        where = workspace_of(body, client, known)
        send(blocks.ephemeral(core.run_line(line, user, _channel(body), where), core.keep(line)))


def _share(core: Core, body: Body, client: WebClient, known: Roles) -> None:
    value, url, user = body["actions"][0]["value"], body["response_url"], body["user"]["id"]
    with apologising("sharing an answer", lambda apology: post_response(url, {"text": apology})):
        line = core.recall(value)
        if line is None:
            post_response(url, {"text": GONE, "replace_original": False})
            return
        answer = core.run_line(line, user, _channel(body), workspace_of(body, client, known))
        payload = blocks.in_channel(answer, shared_by=user)
        post_response(url, {**payload, "replace_original": False})
        post_response(url, {"delete_original": True})


def _channel(body: Body) -> str | None:
    """The channel a button was clicked in (None in App Home)."""
    channel = body.get("channel") or {}
    return str(channel["id"]) if channel.get("id") else None
