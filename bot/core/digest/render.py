"""A digest as Slack messages: a header with counts and the most present entities, then one item per story.

A long digest is split into several messages, each within Slack's limits; the split is deterministic, so a
digest rendered again after a crash has the same parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.digest.stories import SHOWN_TYPES, DigestArticle, Story, top_entities
from bot.core.messenger import explain
from bot.core.models import EntityType
from bot.core.permissions import channel_link
from bot.core.render.answers import HEADLINE_CHARS, article_day, day, name, plural, source_link
from bot.core.render.blockkit import (
    MAX_BLOCKS,
    Block,
    Reply,
    clip,
    context,
    divider,
    escape,
    header,
    joined,
    section,
    sections,
)
from bot.core.render.rest import rest_actions

TOP_ENTITIES = 8
ENTITIES_PER_TYPE = 6
# Stories per message: each takes two blocks (three when its text needs two sections, one more for its "show the
# rest" buttons); fifteen is a screenful or two, and a message takes fewer when their blocks would pass Slack's 50.
STORIES_PER_MESSAGE = 15
# Blocks a message keeps free for its head (header, counts, names, divider) and its "continued" line.
HEAD_BLOCKS = 6
# Top stories named in a threaded digest's channel message.
SUMMARY_STORIES = 3
SENTENCE_CHARS = 300
TYPE_WORDS = {EntityType.PERSON: "People", EntityType.PLACE: "Places", EntityType.INSTALLATION: "Bases"}
# The other sources' links on a story's "Also reported by" line, before "and N more": the line then fits a section
# whole (with room for its words and the count), so packing a story's lines into sections never cuts it.
ALSO_REPORTED_CHARS = 2_900


def render(stories: Sequence[Story], articles: Sequence[DigestArticle], title: str = "News digest") -> list[Reply]:
    """The digest's messages, in posting order: every story whole, as many per message as Slack's limits allow."""
    chunks = _chunks([_story_blocks(story) for story in stories])
    parts = len(chunks)
    replies = []
    done = 0
    for number, chunk in enumerate(chunks, start=1):
        blocks = _head(stories, articles, title) if number == 1 else [context(f"_{escape(title)}, part {number}_")]
        for story_blocks in chunk:
            blocks += story_blocks
        if parts > 1 and number < parts:
            blocks.append(context(f"_Continued in part {number + 1} of {parts}._"))
        text = _fallback(title, stories[done : done + len(chunk)], len(articles), number, parts)
        done += len(chunk)
        replies.append(Reply(text=text, blocks=blocks))
    return replies


def _chunks(stories: list[list[Block]]) -> list[list[list[Block]]]:
    """Stories grouped into messages: at most STORIES_PER_MESSAGE, and never past Slack's block limit."""
    chunks: list[list[list[Block]]] = []
    for blocks in stories:
        current = chunks[-1] if chunks else None
        used = sum(len(b) for b in current) if current is not None else 0
        if current is None or len(current) >= STORIES_PER_MESSAGE or used + len(blocks) > MAX_BLOCKS - HEAD_BLOCKS:
            chunks.append([blocks])
        else:
            current.append(blocks)
    return chunks


def summary(stories: Sequence[Story], articles: Sequence[DigestArticle], title: str = "News digest") -> Reply:
    """A threaded digest's one channel message: the counts, the top stories and the names most present."""
    top = [f"• *{clip(s.lead.article.headline, HEADLINE_CHARS)}*" for s in stories[:SUMMARY_STORIES]]
    more = len(stories) - len(top)
    if more:
        top.append(f"_…and {more} more {'story' if more == 1 else 'stories'} in the thread_")
    blocks = [*_head(stories, articles, title)[:-1], *sections(top, head="*Top stories*")]
    blocks.append(context("The full digest is in the thread of this message."))
    text = f"{title}: {plural(len(articles), 'new article')}; the full digest is in the thread"
    return Reply(text=text, blocks=blocks)


def failure_note(channel: str, reason: str) -> Reply:
    """The direct message to whoever subscribed a channel whose digest Slack refused."""
    why = explain(reason)
    text = f"The news digest for {channel} is paused: {why}."
    lines = f"The news digest for {channel_link(channel)} is paused: {escape(why)}."
    hint = "`/digest subscribe` in the channel resumes it; `/digest status` shows why it stopped."
    return Reply(text=text, blocks=[section(lines), context(hint)])


def _head(stories: Sequence[Story], articles: Sequence[DigestArticle], title: str) -> list[Block]:
    sources = {a.article.source for a in articles}
    dates = sorted(a.article.published for a in articles)
    span = day(dates[0]) if day(dates[0]) == day(dates[-1]) else f"{day(dates[0])} – {day(dates[-1])}"
    stories_word = "story" if len(stories) == 1 else "stories"
    counts = f"*{plural(len(articles), 'new article')}* in {len(stories)} {stories_word}"
    blocks = [header(title), section(f"{counts} from {plural(len(sources), 'source')} · {span}")]
    top = top_entities(articles, TOP_ENTITIES)
    if top:
        blocks.append(context("Most present: " + ", ".join(f"*{name(e)}* ({n})" for e, n in top)))
    blocks.append(divider())
    return blocks


def _story_blocks(story: Story) -> list[Block]:
    lead = story.lead
    line = (
        f"*{clip(lead.article.headline, HEADLINE_CHARS)}* · {article_day(lead.article)} · {source_link(lead.article)}"
    )
    lines = [line] + [f"> {clip(s, SENTENCE_CHARS)}" for s in lead.key_sentences]
    buttons: list[tuple[str, list[str]]] = []
    if story.others:
        links = [source_link(o.article) for o in story.others]
        shown, more = joined(links, ALSO_REPORTED_CHARS)
        lines.append("_Also reported by " + shown + (f" and {more} more" if more else "") + "_")
        if more:
            buttons.append(("More sources", links[len(links) - more :]))
    named = []
    for kind in SHOWN_TYPES:
        names = [name(e) for e in story.entities(kind)]
        if names:
            rest = names[ENTITIES_PER_TYPE:]
            named.append(f"{TYPE_WORDS[kind]}: {', '.join(names[:ENTITIES_PER_TYPE])}" + _and_more(rest))
            if rest:
                buttons.append((f"More {TYPE_WORDS[kind].lower()}", rest))
    blocks = sections(lines)
    if named:
        blocks.append(context(*named))
    if buttons:  # what the lines above only count, each behind a button that shows exactly it
        blocks.append(rest_actions(buttons))
    return blocks


def _and_more(rest: Sequence[str]) -> str:
    return f" and {len(rest)} more" if rest else ""


def _fallback(title: str, chunk: Sequence[Story], total: int, number: int, parts: int) -> str:
    where = f" (part {number} of {parts})" if parts > 1 else ""
    heads = "; ".join(story.lead.article.headline for story in chunk)
    return f"{title}{where}: {plural(total, 'new article')}. {heads}"


def empty_note(title: str = "News digest") -> Reply:
    """The one-line note posted, when configured, for a run with nothing new."""
    text = f"{title}: nothing new since the last digest."
    return Reply(text=text, blocks=[context(escape(text))])
