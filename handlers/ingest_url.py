"""/ingest URL: fetch one web page now, index its article, and show what was found in it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.ingest.fetch import FetchError, check_url
from bot.core.ingest.links import url_in
from bot.core.ingest.web import Indexed, fetch_page, index_documents
from bot.core.models import EntityType, Extracted, SourceError
from bot.core.permissions import refusal
from bot.core.registry import Command, Context, Registry
from bot.core.render.answers import COMPANION_GROUPS, article_day, message_reply, plural
from bot.core.render.blockkit import Block, Reply, context, escape, header, section, truncate

# Names listed per type in the reply; the rest are counted.
NAMES_PER_TYPE = 10


def answer(text: str, ctx: Context) -> Reply:
    """Index the article at URL and show its headline, date and the people, places and bases it names."""
    refused = refusal(ctx, "add articles to the corpus")
    if refused:
        return refused
    url = url_in(text)
    if not url:
        return message_reply("Which page? Usage: /ingest URL", hint="For example: /ingest https://example.com/story")
    try:
        check_url(url)
    except FetchError as error:
        return message_reply(f"Not indexed: {error}.")
    page = fetch_page(url, ctx.fetch)
    if isinstance(page, SourceError):
        return message_reply(f"Not indexed: {page.reason}.", hint=url)
    [indexed] = index_documents([page], ctx.store, ctx.nlp, ctx.now)
    if isinstance(indexed, SourceError):
        return message_reply(f"Not indexed: {indexed.reason}.", hint=url)
    return indexed_reply(indexed)


def indexed_reply(indexed: Indexed) -> Reply:
    """The headline, date and source of a page just indexed, and what extraction found in it."""
    article = indexed.article
    if indexed.article_id is None:
        return message_reply(f"Already in the corpus: {article.headline}", hint="Same text or same address.")
    where = escape(article.url or article.source)
    blocks: list[Block] = [header(article.headline), context(f"{article_day(article)} · {where}")]
    blocks.append(section(_found(indexed.found) or "_No people, places, organisations or bases found._"))
    roles = [f"{escape(e.name)}: {escape(r.title)}" for e in indexed.found for r in e.roles[:1]]
    quotes = sum(len(e.quotes) for e in indexed.found)
    extra = [f"Roles: {'; '.join(roles[:NAMES_PER_TYPE])}" if roles else "", f"{plural(quotes, 'quote')}"]
    blocks.append(context(*[truncate(x, 1000) for x in extra if x]))
    text = f"Indexed: {article.headline} ({article_day(article)}), {plural(len(indexed.found), 'name')} found"
    return Reply(text=text, blocks=blocks)


def _found(found: Sequence[Extracted]) -> str:
    lines = []
    for kind, label in COMPANION_GROUPS:
        group = sorted((e for e in found if e.type is kind), key=lambda e: -len(e.mentions))
        if group:
            shown = ", ".join(escape(e.name) for e in group[:NAMES_PER_TYPE])
            more = f" and {len(group) - NAMES_PER_TYPE} more" if len(group) > NAMES_PER_TYPE else ""
            lines.append(f"*{label if kind is not EntityType.INSTALLATION else 'Bases'}:* {shown}{more}")
    return "\n".join(lines)


command = Command(
    name="ingest",
    usage="/ingest URL",
    help="fetch one web page now, index its article and show what was found in it",
    answer=answer,
    slow=True,
)


def register(registry: Registry) -> None:
    """Add /ingest to a registry."""
    registry.add(command)
