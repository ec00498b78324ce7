"""Issue #14's "and N more" that only counted: a digest story's other sources and names, an unfurl's names and a
long watch alert. Every item is now shown either in the message or behind its "show the rest" button, exactly
once and in order, and a rest too long for one message pages again."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.alerts.render import alert_reply
from bot.core.digest.render import render
from bot.core.digest.stories import DigestArticle, Story
from bot.core.models import EntityType
from bot.core.render.answers import unfurl_blocks
from bot.core.render.blockkit import MAX_BLOCKS, MAX_SECTION_TEXT, Block, Reply, escape
from bot.core.render.rest import REST_ACTION_PREFIX, rest_items, rest_reply
from bot.core.store.alerts import Alert
from bot.core.store.records import ArticleRow, EntityRow

WHEN = datetime(2026, 1, 2, tzinfo=UTC)
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("&<>|*_"),
                min_size=1, max_size=600)  # fmt: skip


def rest_buttons(blocks: list[Block]) -> dict[str, list[str]]:
    """Each "show the rest" button's label and the items it carries."""
    found = {}
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"].startswith(REST_ACTION_PREFIX):
                items = rest_items(element["value"])
                assert items is not None
                found[element["text"]["text"]] = items
    return found


def clicked(items: list[str]) -> list[str]:
    """What a person reads by clicking a button carrying `items`, then each page's own button, to the end."""
    reply = rest_reply(items)
    payload = reply.payload()
    assert len(payload["blocks"]) <= MAX_BLOCKS
    lines = []
    for block in payload["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_TEXT
            lines += [line.removeprefix("• ") for line in block["text"]["text"].split("\n")]
    more = rest_buttons(reply.blocks)
    return lines + (clicked(more["Show them"]) if more else [])


@settings(max_examples=30, deadline=None)
@given(st.lists(texts.map(escape), max_size=400))
@example([escape("Talks & <more> " * 40)] * 600)
def test_a_rest_too_long_for_one_message_pages_until_every_item_is_shown_once_in_order(items: list[str]) -> None:
    assert clicked(items) == items


def _reply_numbers(reply: Reply, pattern: str) -> list[int]:
    text = "\n".join(b["text"]["text"] for b in reply.blocks if b["type"] == "section")
    return [int(n) for n in re.findall(pattern, text)]


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(
            texts.map(lambda t: t.replace("[", "(").replace("/", "")).filter(bool), st.text("ab/&?=%|<>", max_size=300)
        ),
        max_size=120,
    )
)
@example([("Talks & <more> " * 40, "&" * 150 + "a" * 300)] * 60)
def test_every_other_source_of_a_digest_story_is_on_its_line_or_behind_its_button(others: list[Any]) -> None:
    def item(n: int, source: str, path: str | None) -> DigestArticle:
        url = None if path is None else "https://wire.example/" + path
        return DigestArticle(ArticleRow(n, "Lead story", WHEN, source, url), [], [])

    story = Story(item(0, "Lead wire", None), [item(n + 1, f"[{n}] {s}", p) for n, (s, p) in enumerate(others)])
    [message] = render([story], story.articles)
    shown = _reply_numbers(message, r"\[(\d+)\]")
    behind = rest_buttons(message.blocks).get("More sources", [])
    assert shown + [int(n) for n in re.findall(r"\[(\d+)\]", "\n".join(clicked(behind)))] == list(range(len(others)))
    assert bool(behind) == bool(re.search(r"and \d+ more_", str(message.blocks)))


def _entities(kind: EntityType, word: str, count: int) -> list[EntityRow]:
    return [EntityRow(n, f"{word} {n}", kind, 100 - n) for n in range(count)]


def _names(block_text: str, label: str) -> list[str]:
    line = next(part for part in block_text.split("\n") if part.startswith(label))
    return re.sub(r" and \d+ more$", "", line.removeprefix(label)).split(", ")


def test_every_name_of_a_digest_story_is_in_its_line_or_behind_its_button() -> None:
    named = _entities(EntityType.PERSON, "Person", 9) + _entities(EntityType.PLACE, "Place", 40)
    named += _entities(EntityType.INSTALLATION, "Base", 2)
    story = Story(DigestArticle(ArticleRow(1, "Lead story", WHEN, "wire", None), [], named), [])
    [message] = render([story], story.articles)
    [context] = [b for b in message.blocks if b["type"] == "context" and "People:" in str(b)]
    texts_ = [e["text"] for e in context["elements"]]
    buttons = rest_buttons(message.blocks)
    assert set(buttons) == {"More people", "More places"}, "a type shown whole has no button"
    for label, word, count, button in [
        ("People: ", "Person", 9, "More people"),
        ("Places: ", "Place", 40, "More places"),
    ]:
        shown = _names(next(t for t in texts_ if t.startswith(label)), label)
        assert shown + clicked(buttons[button]) == [f"{word} {n}" for n in range(count)]
    assert _names(next(t for t in texts_ if t.startswith("Bases: ")), "Bases: ") == ["Base 0", "Base 1"]


def test_every_name_of_an_unfurl_is_in_it_or_behind_its_button() -> None:
    named = _entities(EntityType.ORGANISATION, "Ministry", 7) + _entities(EntityType.PERSON, "Person", 3)
    blocks = unfurl_blocks(ArticleRow(1, "Talks", WHEN, "wire", "https://wire.example/a"), named)
    [context] = [b for b in blocks if b["type"] == "context"]
    line = next(e["text"] for e in context["elements"] if e["text"].startswith("*Organisations:* "))
    assert line.endswith(" and 1 more")
    buttons = rest_buttons(blocks)
    assert list(buttons) == ["More organisations"]
    shown = _names(line, "*Organisations:* ")
    assert shown + clicked(buttons["More organisations"]) == [f"Ministry {n}" for n in range(7)]


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 700), texts)
@example(700, "Talks & <more> " * 40)  # far past 50 blocks: the button's rest pages again
def test_every_article_of_a_watch_alert_is_in_it_or_behind_its_button(count: int, headline: str) -> None:
    rows = [ArticleRow(n, f"[{n}] " + headline.replace("[", "("), WHEN, "wire", None) for n in range(count)]
    reply = alert_reply([Alert(a, ["Lavrov"]) for a in rows])
    assert len(reply.payload()["blocks"]) <= MAX_BLOCKS
    shown = [int(n) for n in re.findall(r"^• \*\[(\d+)\]", _sections(reply), re.M)]
    behind = rest_buttons(reply.blocks).get("Show them", [])
    assert bool(behind) == ("…and" in str(reply.blocks))
    rest = [int(n) for n in re.findall(r"^\*\[(\d+)\]", "\n".join(clicked(behind)), re.M)]
    assert shown + rest == list(range(count))


def _sections(reply: Reply) -> str:
    return "\n".join(b["text"]["text"] for b in reply.blocks if b["type"] == "section")
