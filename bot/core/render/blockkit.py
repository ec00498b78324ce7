"""Replies as Slack messages: Block Kit builders, mrkdwn escaping and Slack's size limits.

Every builder returns plain dicts so tests can assert on them and any transport can send them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Block = dict[str, Any]

# Slack's documented limits (see shared/slack/NOTES.md).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_MESSAGE_TEXT = 40_000
# The fallback text is what notifications and screen readers show; keep it readable, not a dump.
MAX_FALLBACK_TEXT = 3000
# A URL longer than this once escaped is not made a link: a link cannot be cut without breaking it, and one this
# long (a tracking or data URL) would leave no room for the rest of a line. The label is still shown.
MAX_LINK_URL = 1000

_ELLIPSIS = "…"


@dataclass(frozen=True)
class Reply:
    """What a command answers: a plain-text fallback (unescaped) plus Block Kit blocks (escaped mrkdwn)."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        """The Slack message payload, cut to Slack's limits; the fallback text is escaped here, once."""
        return {"text": escape(truncate(self.text, MAX_FALLBACK_TEXT)), "blocks": fit_blocks(self.blocks)}


def retext(reply: Reply, change: Callable[[str], str]) -> Reply:
    """The reply with `change` applied to every text a person reads (its fallback and its blocks' text objects),
    never to what a button carries or where a link points."""
    return Reply(change(reply.text), retext_blocks(reply.blocks, change))


def retext_blocks(blocks: Sequence[Block], change: Callable[[str], str]) -> list[Block]:
    """`blocks` with `change` applied to every text object a person reads (see `retext`)."""
    return [_retext_part(block, change) for block in blocks]


def _retext_part(part: Any, change: Callable[[str], str]) -> Any:
    if isinstance(part, list):
        return [_retext_part(item, change) for item in part]
    if not isinstance(part, dict):
        return part
    if part.get("type") in ("mrkdwn", "plain_text") and isinstance(part.get("text"), str):
        return {**part, "text": change(part["text"])}
    return {key: _retext_part(value, change) for key, value in part.items()}


def escape(text: str) -> str:
    """Escape text that did not come from the bot so mrkdwn shows it literally (no pings, no links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo `escape`, for showing mrkdwn to a person outside Slack."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def truncate(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, at a word boundary where there is one, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    # Never leave half an escape sequence such as "&am" behind.
    cut = re.sub(r"&[a-z]{0,4}$", "", cut)
    return cut.rstrip() + _ELLIPSIS


def clip(raw: str, limit: int) -> str:
    """`raw` (text not from the bot) escaped for mrkdwn and, if longer than `limit` once escaped, cut at a word
    boundary and marked with an ellipsis; an escape sequence is never split."""
    escaped = escape(raw)
    if len(escaped) <= limit:
        return escaped
    pieces, size = [], 0
    for char in raw:
        piece = escape(char)
        if size + len(piece) > limit - len(_ELLIPSIS):
            break
        pieces.append(piece)
        size += len(piece)
    cut = "".join(pieces)
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + _ELLIPSIS


def link(url: str | None, label: str, label_limit: int = 200) -> str:
    """A mrkdwn link to `url` showing `label` (both raw), or the label alone when there is no URL or it is too
    long or malformed to link whole."""
    shown = clip(label, label_limit)
    if not url or any(ch.isspace() for ch in url):
        return shown
    # Inside <…|…> only <, > and | would end the URL early: escape() handles the first two.
    target = escape(url).replace("|", "%7C")
    return shown if len(target) > MAX_LINK_URL else f"<{target}|{shown}>"


def cut_mrkdwn(text: str, limit: int) -> str:
    """Bot-made mrkdwn cut to `limit` characters without splitting a link, a mention or an escape sequence."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    opened = cut.rfind("<")
    if opened > cut.rfind(">"):
        cut = cut[:opened]
    cut = re.sub(r"&[a-z]{0,4}$", "", cut)
    return cut.rstrip() + _ELLIPSIS


def fitting(lines: Sequence[str], limit: int = MAX_SECTION_TEXT, head: str = "") -> int:
    """How many of `lines`, whole and in order, fit in one text of at most `limit` characters after `head`,
    joined by newlines."""
    size = len(head)
    for n, line in enumerate(lines):
        size += len(line) + (1 if size else 0)
        if size > limit:
            return n
    return len(lines)


def sections(lines: Sequence[str], head: str = "", limit: int = MAX_SECTION_TEXT) -> list[Block]:
    """Whole lines packed into as few sections as needed, `head` on top of the first: nothing is cut but a
    single line longer than a section, which a builder never makes."""
    blocks: list[Block] = []
    rest = list(lines)
    top = head
    while rest or top:
        count = max(1, fitting(rest, limit, top)) if rest else 0
        taken, rest = rest[:count], rest[count:]
        text = "\n".join([top, *taken] if top else taken)
        blocks.append(section(cut_mrkdwn(text, limit)))
        top = ""
    return blocks


def joined(items: Sequence[str], budget: int, separator: str = ", ") -> tuple[str, int]:
    """As many of `items`, whole and in order, as fit in `budget` characters joined by `separator`; and how many
    did not fit."""
    size = 0
    for n, item in enumerate(items):
        size += len(item) + (len(separator) if n else 0)
        if size > budget:
            return separator.join(items[:n]), len(items) - n
    return separator.join(items), 0


def more_line(rest: int, noun: str, nouns: str = "") -> str:
    """ "…and 3 more articles": what a list did not show, counted."""
    return f"…and {rest} more {noun if rest == 1 else nouns or noun + 's'}"


def header(text: str) -> Block:
    """A header block (plain text, so no escaping is needed)."""
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT)}}


def section(mrkdwn: str, fields: Sequence[str] = ()) -> Block:
    """A section of already-escaped mrkdwn, with optional mrkdwn fields."""
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": cut_mrkdwn(mrkdwn, MAX_SECTION_TEXT)}}
    if fields:
        block["fields"] = [{"type": "mrkdwn", "text": cut_mrkdwn(f, MAX_FIELD_TEXT)} for f in list(fields)[:MAX_FIELDS]]
    return block


def context(*parts: str) -> Block:
    """A context block: small grey mrkdwn lines (already escaped)."""
    elements = [{"type": "mrkdwn", "text": cut_mrkdwn(p, MAX_SECTION_TEXT)} for p in parts if p]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def divider() -> Block:
    """A horizontal rule."""
    return {"type": "divider"}


def bullets(lines: Iterable[str]) -> str:
    """Join already-escaped lines as a bulleted mrkdwn list."""
    return "\n".join(f"• {line}" for line in lines)


def quote(text: str) -> str:
    """Escape corpus text and show it as a mrkdwn block quote."""
    return "\n".join(f"> {line}" for line in escape(text).splitlines() or [""])


def fit_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Keep a message within Slack's block count, saying so when something had to go."""
    if len(blocks) <= MAX_BLOCKS:
        return list(blocks)
    kept = list(blocks[: MAX_BLOCKS - 1])
    kept.append(context(f"_{len(blocks) - len(kept)} more items not shown._"))
    return kept


def plain(reply: Reply) -> str:
    """Render a reply as a person reads it in Slack, for the console."""
    lines: list[str] = []
    for block in fit_blocks(reply.blocks) or [section(escape(reply.text))]:  # as Slack shows text alone
        lines.extend(_plain_block(block))
    return "\n".join(lines).strip() + "\n"


def _plain_block(block: Block) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = str(block["text"]["text"])
        return ["", title, "=" * min(len(title), 60)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "section":
        out = [_plain_mrkdwn(block["text"]["text"])] if "text" in block else []
        out += [_plain_mrkdwn(f["text"]) for f in block.get("fields", [])]
        return out
    if kind == "context":
        return [" · ".join(_plain_mrkdwn(e.get("text", "")) for e in block["elements"])]
    if kind == "actions":
        labels = [e["text"]["text"] for e in block["elements"] if "text" in e]
        return ["[" + "] [".join(labels) + "]"] if labels else []
    return []


def _plain_mrkdwn(text: str) -> str:
    # Links render as their label; the rest is shown as Slack shows it once the escapes are undone.
    text = re.sub(r"<([^|<>]+)\|([^<>]+)>", r"\2 (\1)", text)
    return unescape(text)


# Buttons carry a command line to run ("/who Sergey Lavrov", "/bases --page 2"); every transport that can
# click runs it through the same registry, and one whose buttons hold less keeps a longer line and carries its id
# (bot.slack.core). Slack wants action ids unique within a block, hence the suffix.
RUN_ACTION_PREFIX = "run_command"
MAX_BUTTONS = 5


def actions(buttons: Sequence[tuple[str, str]]) -> Block:
    """An actions block of buttons, each (label, command line to run when clicked)."""
    return button_block(RUN_ACTION_PREFIX, buttons)


def button_block(prefix: str, buttons: Sequence[tuple[str, str]]) -> Block:
    """An actions block of at most MAX_BUTTONS buttons, each (label, value), with action ids `prefix_0`, `prefix_1`…"""
    elements = [
        {
            "type": "button",
            "action_id": f"{prefix}_{i}",
            "text": {"type": "plain_text", "text": truncate(label, 75)},
            "value": value,
        }
        for i, (label, value) in enumerate(buttons[:MAX_BUTTONS])
    ]
    return {"type": "actions", "elements": elements}
