"""Replies as Slack messages: Block Kit builders, mrkdwn escaping and Slack's size limits.

Every builder returns plain dicts so tests can assert on them and any transport can send them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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

_ELLIPSIS = "…"


@dataclass(frozen=True)
class Reply:
    """What a command answers: a plain-text fallback (unescaped) plus Block Kit blocks (escaped mrkdwn)."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        """The Slack message payload, cut to Slack's limits; the fallback text is escaped here, once."""
        return {"text": escape(truncate(self.text, MAX_FALLBACK_TEXT)), "blocks": fit_blocks(self.blocks)}


def escape(text: str) -> str:
    """Escape text that did not come from the bot so mrkdwn shows it literally (no pings, no links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link to `url` reading `label`; a `|` in the URL would end it early and let it set the label."""
    return f"<{escape(url).replace('|', '%7C')}|{escape(label)}>"


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


def header(text: str) -> Block:
    """A header block (plain text, so no escaping is needed)."""
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT)}}


def section(mrkdwn: str, fields: Sequence[str] = ()) -> Block:
    """A section of already-escaped mrkdwn, with optional mrkdwn fields."""
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": truncate(mrkdwn, MAX_SECTION_TEXT)}}
    if fields:
        block["fields"] = [{"type": "mrkdwn", "text": truncate(f, MAX_FIELD_TEXT)} for f in list(fields)[:MAX_FIELDS]]
    return block


def context(*parts: str) -> Block:
    """A context block: small grey mrkdwn lines (already escaped)."""
    elements = [{"type": "mrkdwn", "text": truncate(p, MAX_SECTION_TEXT)} for p in parts if p]
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
# click runs it through the same registry. Slack wants action ids unique within a block, hence the suffix.
RUN_ACTION_PREFIX = "run_command"
MAX_BUTTONS = 5


def actions(buttons: Sequence[tuple[str, str]]) -> Block:
    """An actions block of buttons, each (label, command line to run when clicked)."""
    elements = [
        {
            "type": "button",
            "action_id": f"{RUN_ACTION_PREFIX}_{i}",
            "text": {"type": "plain_text", "text": truncate(label, 75)},
            "value": truncate(command_line, 2000),
        }
        for i, (label, command_line) in enumerate(buttons[:MAX_BUTTONS])
    ]
    return {"type": "actions", "elements": elements}
