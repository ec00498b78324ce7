"""What a message left out, behind a button: the items after "and N more", shown to whoever clicks.

Some lists cannot end in a command that lists exactly their rest (a digest story's other sources, the names of
one article past the first few, a watch alert past Slack's 50 blocks). Their button carries the left-out items
themselves, as JSON; the transport keeps a value longer than a button holds under an id (bot.slack.core), and
posts `rest_reply` of the items to the person who clicked. A rest too long for one message ends with the same
button for what it still leaves out, so every item is reachable, once and in order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.core.render.blockkit import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    Block,
    Reply,
    button_block,
    context,
    fitting,
    more_line,
    section,
)

# Action ids of "show the rest" buttons; Slack wants them unique within a block, hence a numbered suffix.
REST_ACTION_PREFIX = "show_rest"
# Blocks a page of the rest keeps for its title, its "…and N more" line and its button.
REST_FRAME_BLOCKS = 3


def rest_actions(buttons: Sequence[tuple[str, Sequence[str]]]) -> Block:
    """An actions block of "show the rest" buttons, each (label, the items it shows)."""
    return button_block(REST_ACTION_PREFIX, [(label, json.dumps(list(items))) for label, items in buttons])


def rest_items(value: str) -> list[str] | None:
    """The items a "show the rest" button's value carries; None when it is not such a value."""
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    return items


def rest_reply(items: Sequence[str], title: str = "The rest") -> Reply:
    """The items (already-escaped mrkdwn) one per line under `title` (escaped mrkdwn too), as many as one message
    holds, and a button for the others."""
    blocks: list[Block] = [context(f"*{title}*")]
    shown = 0
    while shown < len(items) and len(blocks) < MAX_BLOCKS - REST_FRAME_BLOCKS + 1:
        lines = [f"• {item}" for item in items[shown:]]
        count = max(1, fitting(lines, MAX_SECTION_TEXT))
        blocks.append(section("\n".join(lines[:count])))
        shown += count
    left = items[shown:]
    if left:
        blocks += [context(more_line(len(left), "item")), rest_actions([("Show them", left)])]
    return Reply(text=f"{title}: {len(items)}", blocks=blocks)
