"""The core as the Slack transport sees it (`Core`), and how App Home's data is read from the store.

The composition root (bot.app) builds the `Core` with `build_core`; the listeners only ever call it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from bot.core.alerts import watches
from bot.core.digest import subscriptions
from bot.core.registry import Answer, Context, Registry
from bot.core.render.answers import unavailable_reply, unfurl_blocks
from bot.core.render.blockkit import Block, Reply, retext
from bot.core.store import UNAVAILABLE, Store, outage, shared, unfurls
from bot.core.store.reader import ArticleRow
from bot.settings import SettingsError
from bot.slack import surfaces as blocks
from bot.slack.surfaces import HOME_ARTICLES, ArticleLine

log = logging.getLogger(__name__)

# What App Home shows of the corpus: named counts and the newest articles.
HomeData = tuple[Mapping[str, int], Sequence[ArticleLine]]
# A Share button's value names a command line kept in the store (a button holds 2,000 characters, a command
# line more); a value without it is the command line itself, as buttons carried before lines were kept.
KEPT_PREFIX = "kept:"


@dataclass(frozen=True)
class Core:
    """The core as the transport sees it: commands, plain-language answers, App Home data and the database."""

    registry: Registry
    context: Callable[[], Context]
    converse: Answer
    home: Callable[[], HomeData]
    engine: Engine
    # App Home's part about the person looking: their channels' digests and their watches.
    personal: Callable[[str], list[Block]] = lambda _user: []
    # The slash commands Slack sends this install (without their slash): the main one, then the direct ones.
    commands: Sequence[str] = ()
    # A pasted link unfurled: the blocks for an indexed article's URL, None for any other URL.
    unfurl: Callable[[str], list[Block] | None] = lambda _url: None
    # What a Share button carries for a command line, and the command line a button's value stands for (None
    # when it is no longer kept).
    keep: Callable[[str], str] = lambda line: line
    recall: Callable[[str], str | None] = lambda value: value
    # Commands named in answers as the console types them ("`/search WORDS`"), as they are typed in Slack.
    retype: Callable[[str], str] = lambda text: text

    def run_line(self, line: str, user_id: str | None = None, channel_id: str | None = None) -> Reply:
        """Run a command line (typed, or carried by a button) for the person and channel it came from."""
        return unless_unavailable(lambda: retext(self.registry.run(line, self._context(user_id, channel_id)),
                                                 self.retype))  # fmt: skip

    def answer(self, text: str, user_id: str | None = None, channel_id: str | None = None) -> Reply:
        """Answer a plain-language question from a DM or a mention."""
        return unless_unavailable(lambda: retext(self.converse(text, self._context(user_id, channel_id)), self.retype))

    def _context(self, user_id: str | None, channel_id: str | None) -> Context:
        return replace(self.context(), user_id=user_id, channel_id=channel_id)


def unless_unavailable(answer: Callable[[], Reply]) -> Reply:
    """The answer, or, while the database cannot be reached, a reply saying so (logged in one line)."""
    try:
        return answer()
    except UNAVAILABLE as error:
        log.warning("answered that the index is unavailable: %s", outage(error))
        return unavailable_reply()


def build_core(
    store: Store, registry: Registry, context: Callable[[], Context], converse: Answer, commands: Sequence[str]
) -> Core:
    """The transport's view of a store, the command registry, a Context factory, plain-language answers and the
    slash commands to answer."""
    return Core(
        registry=registry,
        context=context,
        converse=converse,
        home=lambda: home_data(store),
        engine=store.engine,
        personal=lambda user_id: personal_blocks(store, user_id),
        commands=tuple(commands),
        unfurl=lambda url: unfurl(store, url),
        keep=lambda line: keep_line(store, line),
        recall=lambda value: recall_line(store, value),
        retype=registry.retyper(context().prefix, commands),
    )


def keep_line(store: Store, line: str) -> str:
    """A Share button's value for `line`: the id under which the store keeps it, whatever its length."""
    return KEPT_PREFIX + shared.keep(store, line, datetime.now(UTC))


def recall_line(store: Store, value: str) -> str | None:
    """The command line a Share button's value stands for; None when the store no longer has it."""
    if not value.startswith(KEPT_PREFIX):
        return value
    return shared.line(store, value.removeprefix(KEPT_PREFIX))


def unfurl(store: Store, url: str) -> list[Block] | None:
    """What a link to `url` unfurls to: the indexed article's headline, date, source and names; None if not indexed."""
    found = unfurls.article_at(store, url)
    return unfurl_blocks(*found) if found else None


def slack_commands(registry: Registry, wanted: Collection[str] | None = None) -> list[str]:
    """The main command, then the direct commands among `wanted` (every one when None), without slashes."""
    offered = [str(c.direct) for c in registry.direct()]
    unknown = sorted(set(wanted or ()) - set(offered))
    if unknown:
        raise SettingsError(
            f"SLACK_DIRECT_COMMANDS names {', '.join(unknown)}: the direct commands are {', '.join(offered)}"
        )
    main = [registry.main.name] if registry.main is not None else []
    return main + [name for name in offered if wanted is None or name in wanted]


def home_data(store: Store) -> HomeData:
    """App Home's view of the corpus: the store's counts and its newest articles."""
    return store.stats(), [_article_line(a) for a in store.latest_articles(HOME_ARTICLES)]


def personal_blocks(store: Store, user_id: str) -> list[Block]:
    """App Home's section for one person: the digests of channels they subscribed, and their watches."""
    subs = [s for s in subscriptions.all_subscriptions(store) if s.created_by == user_id]
    return blocks.personal_view(
        [(s.channel_id, s.schedule.describe()) for s in subs], [w.name for w in watches.of(store, user_id)]
    )


def _article_line(article: ArticleRow) -> ArticleLine:
    published = article.published.strftime("%d %b %Y")
    return ArticleLine(headline=article.headline, source=article.source, published=published, url=article.url)
