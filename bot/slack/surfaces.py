"""Block Kit for what only Slack shows: the "Share in channel" button, shared answers, the App Home view."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.registry import Command
from bot.core.render.answers import HEADLINE_CHARS, NAME_CHARS, listed
from bot.core.render.blockkit import (
    MAX_BLOCKS,
    Block,
    Reply,
    clip,
    context,
    divider,
    escape,
    header,
    link,
    section,
    sections,
)

SHARE_ACTION = "share_in_channel"
SHARE_LABEL = "Share in channel"
# App Home views hold up to 100 blocks (messages 50).
MAX_HOME_BLOCKS = 100
# Enough to see what is new without scrolling past the command help.
HOME_ARTICLES = 10
# A button's value holds at most 2000 characters.
MAX_BUTTON_VALUE = 2000

Payload = dict[str, Any]


def share_button(value: str) -> Block:
    """An actions block with the button that posts the same answer in the channel; `value` names the command
    line (see `bot.slack.core.keep_line`), never a cut copy of it."""
    if len(value) > MAX_BUTTON_VALUE:
        raise ValueError(f"a button value holds {MAX_BUTTON_VALUE} characters at most: keep the line, share its id")
    button = {"type": "button", "action_id": SHARE_ACTION, "text": {"type": "plain_text", "text": SHARE_LABEL}}
    return {"type": "actions", "block_id": SHARE_ACTION, "elements": [{**button, "value": value}]}


def ephemeral(reply: Reply, share_value: str) -> Payload:
    """A reply only the asker sees, with a button to share it (`share_value` is what the button carries)."""
    payload = reply.payload()
    blocks = _visible_blocks(payload)[: MAX_BLOCKS - 1]
    payload["blocks"] = [*blocks, share_button(share_value)]
    payload["response_type"] = "ephemeral"
    return payload


def in_channel(reply: Reply, shared_by: str | None = None) -> Payload:
    """A reply everyone in the channel sees, saying who shared it."""
    payload = reply.payload()
    blocks = _visible_blocks(payload)
    if shared_by:
        blocks = [*blocks[: MAX_BLOCKS - 1], context(f"Shared by <@{escape(shared_by)}>")]
    payload["blocks"] = blocks
    payload["response_type"] = "in_channel"
    return payload


def _visible_blocks(payload: Payload) -> list[Block]:
    # A message with blocks shows only the blocks: a text-only reply needs its text as a section.
    blocks: list[Block] = payload["blocks"]
    return blocks or [section(payload["text"])]


@dataclass(frozen=True)
class ArticleLine:
    """What App Home shows of one article."""

    headline: str
    source: str
    published: str
    url: str | None = None


def home_view(
    stats: Mapping[str, int],
    articles: Sequence[ArticleLine],
    commands: Iterable[Command],
    personal: Sequence[Block] = (),
    prefix: str = "/",
) -> Payload:
    """The App Home tab: corpus statistics, the latest articles, the person's digests and watches, the help."""
    blocks = [
        header("News intelligence"),
        section(_stats_text(stats)),
        divider(),
        header("Latest articles"),
        *(_latest(articles) if articles else [section("_No articles yet._")]),
        divider(),
        *personal,
        header("Commands"),
        *[section(f"*{escape(c.typed(prefix))}*\n{escape(c.help)}") for c in commands],
    ]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def _latest(articles: Sequence[ArticleLine]) -> list[Block]:
    """The newest articles, as many as fit whole; the rest counted, with a button that lists exactly them (the
    newest `len(articles)` from the first not shown)."""
    lines = [_article_text(a) for a in articles]
    listing, _shown = listed(lines, "", len(articles), 0, f"/articles {len(articles)}", "article")
    return listing


def personal_view(digests: Sequence[tuple[str, str]], watched: Sequence[str]) -> list[Block]:
    """The person's channel digests (channel id, schedule) and watched names, for App Home: every one shown, in
    as many sections as they need (a person watches at most `MAX_WATCHES` names)."""
    digest_lines = [f"• <#{escape(channel)}> — {escape(when)}" for channel, when in digests]
    watch_lines = [f"• {clip(name, NAME_CHARS)}" for name in watched]
    return [
        header("Your digests and watches"),
        *sections(digest_lines or ["_None: `/digest subscribe` in a channel._"], head="*Digests you set up*"),
        *sections(watch_lines or ["_None: `/watch NAME`._"], head="*Names you watch*"),
        divider(),
    ]


def _stats_text(stats: Mapping[str, int]) -> str:
    if not stats:
        return "_The corpus is empty._"
    return " · ".join(f"*{value:,}* {escape(name)}" for name, value in stats.items())


def _article_text(article: ArticleLine) -> str:
    """One article's line: its headline linked (never cut inside the link), source and date, short enough to fit a
    section whole."""
    linked = link(article.url, article.headline, HEADLINE_CHARS)
    title = linked if linked.startswith("<") else f"*{linked}*"
    return f"{title} — {clip(article.source, NAME_CHARS)}, {escape(article.published)}"
