"""A digest as Slack messages: a header with counts and the most present entities, then one item per story.

A long digest is split into several messages, each within Slack's limits; the split is deterministic, so a
digest rendered again after a crash has the same parts.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.digest.stories import SHOWN_TYPES, DigestArticle, Story, top_entities
from bot.core.models import EntityType
from bot.core.render.answers import day, plural, source_link
from bot.core.render.blockkit import MAX_BLOCKS, Block, Reply, context, divider, escape, header, section, truncate

TOP_ENTITIES = 8
ENTITIES_PER_TYPE = 6
# Stories per message: each takes two blocks and up to ~1,500 characters; fifteen is a screenful or two and
# keeps a message far below both the 50-block and the 40,000-character limits.
STORIES_PER_MESSAGE = 15
TYPE_WORDS = {EntityType.PERSON: "People", EntityType.PLACE: "Places", EntityType.INSTALLATION: "Bases"}
# Other sources named on a story's line before "and N more".
MAX_OTHER_SOURCES = 4


def render(stories: Sequence[Story], articles: Sequence[DigestArticle], title: str = "News digest") -> list[Reply]:
    """The digest's messages, in posting order."""
    chunks = [list(stories[i : i + STORIES_PER_MESSAGE]) for i in range(0, len(stories), STORIES_PER_MESSAGE)]
    parts = len(chunks)
    replies = []
    for number, chunk in enumerate(chunks, start=1):
        blocks = _head(stories, articles, title) if number == 1 else [context(f"_{escape(title)}, part {number}_")]
        for story in chunk:
            blocks += _story_blocks(story)
        if parts > 1 and number < parts:
            blocks.append(context(f"_Continued in part {number + 1} of {parts}._"))
        text = _fallback(title, chunk, len(articles), number, parts)
        replies.append(Reply(text=text, blocks=blocks[:MAX_BLOCKS]))
    return replies


def _head(stories: Sequence[Story], articles: Sequence[DigestArticle], title: str) -> list[Block]:
    sources = {a.article.source for a in articles}
    dates = sorted(a.article.published for a in articles)
    span = day(dates[0]) if day(dates[0]) == day(dates[-1]) else f"{day(dates[0])} – {day(dates[-1])}"
    stories_word = "story" if len(stories) == 1 else "stories"
    counts = f"*{plural(len(articles), 'new article')}* in {len(stories)} {stories_word}"
    blocks = [header(title), section(f"{counts} from {plural(len(sources), 'source')} · {span}")]
    top = top_entities(articles, TOP_ENTITIES)
    if top:
        blocks.append(context("Most present: " + ", ".join(f"*{escape(e.name)}* ({n})" for e, n in top)))
    blocks.append(divider())
    return blocks


def _story_blocks(story: Story) -> list[Block]:
    lead = story.lead
    line = f"*{escape(lead.article.headline)}* · {day(lead.article.published)} · {source_link(lead.article)}"
    sentences = "\n".join(f"> {escape(truncate(s, 300))}" for s in lead.key_sentences)
    text = line + (f"\n{sentences}" if sentences else "")
    if story.others:
        shown = [source_link(o.article) for o in story.others[:MAX_OTHER_SOURCES]]
        more = len(story.others) - len(shown)
        text += "\n_Also reported by " + ", ".join(shown) + (f" and {more} more" if more else "") + "_"
    named = []
    for kind in SHOWN_TYPES:
        entities = story.entities(kind)[:ENTITIES_PER_TYPE]
        if entities:
            named.append(f"{TYPE_WORDS[kind]}: " + ", ".join(escape(e.name) for e in entities))
    blocks = [section(text)]
    if named:
        blocks.append(context(*named))
    return blocks


def _fallback(title: str, chunk: Sequence[Story], total: int, number: int, parts: int) -> str:
    where = f" (part {number} of {parts})" if parts > 1 else ""
    heads = "; ".join(story.lead.article.headline for story in chunk)
    return f"{title}{where}: {plural(total, 'new article')}. {heads}"


def empty_note(title: str = "News digest") -> Reply:
    """The one-line note posted, when configured, for a run with nothing new."""
    text = f"{title}: nothing new since the last digest."
    return Reply(text=text, blocks=[context(escape(text))])
