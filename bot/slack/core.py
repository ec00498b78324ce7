"""The core as the Slack transport sees it (`Core`), and how App Home's data is read from the store.

The composition root (bot.app) builds the `Core` with `build_core`; the listeners only ever call it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

from sqlalchemy.engine import Engine

from bot.core.alerts import watches
from bot.core.digest import subscriptions
from bot.core.registry import Answer, Context, Registry
from bot.core.render.answers import article_day, unavailable_reply, unfurl_blocks
from bot.core.render.blockkit import Block, Reply, retext
from bot.core.render.rest import rest_items, rest_reply
from bot.core.store import UNAVAILABLE, Store, outage, shared, teams, unfurls
from bot.core.store.deadline import database_deadline
from bot.core.store.reader import ArticleRow
from bot.core.store.team import Team
from bot.settings import SettingsError
from bot.slack import surfaces as blocks
from bot.slack.surfaces import HOME_ARTICLES, MAX_BUTTON_VALUE, ArticleLine

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

# What App Home shows of the corpus: named counts and the newest articles.
HomeData = tuple[Mapping[str, int], Sequence[ArticleLine]]
# A Share button's value names a command line kept in the store (a button holds 2,000 characters, a command
# line more); a value without it is the command line itself, as buttons carried before lines were kept.
KEPT_PREFIX = "kept:"


@dataclass(frozen=True)
class Workspace:
    """Where a request came from: the workspace (whose rows the answer reads and writes), and what the bot can
    do there with that workspace's own token."""

    team: Team
    # Whether the bot can post in a channel of this workspace (None: yes; else Slack's reason).
    reach: Callable[[str], str | None] | None = None
    # A person's role in this workspace (bot.core.roles).
    role: Callable[[str], str] | None = None


@dataclass(frozen=True)
class Core:
    """The core as the transport sees it: commands, plain-language answers, App Home data and the database."""

    registry: Registry
    context: Callable[[], Context]
    converse: Answer
    home: Callable[[], HomeData]
    engine: Engine
    # App Home's part about the person looking: their channels' digests and their watches.
    personal: Callable[[str, Team | None], list[Block]] = lambda _user, _team: []
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
    # A workspace (or, org-wide, its whole organisation) removed the app: forget its data; says what was done.
    uninstalled: Callable[[Team, bool, str], str] = lambda _team, _org_wide, _reason: "nothing stored"

    def run_line(
        self, line: str, user_id: str | None = None, channel_id: str | None = None, where: Workspace | None = None
    ) -> Reply:
        """Run a command line (typed, or carried by a button) for the person, channel and workspace it came from."""
        with database_deadline():
            ctx = self._context(user_id, channel_id, where)
            reply = unless_unavailable(lambda: self._carried(self.registry.run(line, ctx)))
        return retext(reply, self.retype)

    def answer(
        self, text: str, user_id: str | None = None, channel_id: str | None = None, where: Workspace | None = None
    ) -> Reply:
        """Answer a plain-language question from a DM or a mention."""
        with database_deadline():
            ctx = self._context(user_id, channel_id, where)
            reply = unless_unavailable(lambda: self._carried(self.converse(text, ctx)))
        return retext(reply, self.retype)

    def rest(self, value: str, title: str = "The rest") -> Reply | None:
        """What a "show the rest" button's value stands for, one page of it under `title` (the button's label);
        None when it is no longer kept."""
        kept = self.recall(value)
        items = rest_items(kept) if kept is not None else None
        if items is None:
            return None
        return self._carried(rest_reply(items, title))

    def _carried(self, reply: Reply) -> Reply:
        """`reply` with each button whose value is longer than a button holds carrying the kept value's id."""
        return Reply(reply.text, blocks.carried(reply.blocks, self.keep))

    def _context(self, user_id: str | None, channel_id: str | None, where: Workspace | None) -> Context:
        ctx = replace(self.context(), user_id=user_id, channel_id=channel_id)
        if where is None:
            return ctx
        return replace(ctx, store=ctx.store.for_team(where.team), reach=where.reach or ctx.reach, role=where.role)


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
        home=bounded(lambda: home_data(store)),
        engine=store.engine,
        personal=bounded(lambda user_id, team: personal_blocks(store.for_team(team) if team else store, user_id)),
        commands=tuple(commands),
        unfurl=bounded(lambda url: unfurl(store, url)),
        keep=bounded(lambda line: keep_line(store, line)),
        recall=bounded(lambda value: recall_line(store, value)),
        retype=registry.retyper(context().prefix, commands),
        uninstalled=lambda team, org_wide, reason: uninstalled(store, team, org_wide, reason),
    )


def bounded(read: Callable[P, R]) -> Callable[P, R]:
    """`read`, waiting on the database no longer than an answer may (bot.core.store.deadline)."""

    def within_deadline(*args: P.args, **kwargs: P.kwargs) -> R:
        with database_deadline():
            return read(*args, **kwargs)

    return within_deadline


def uninstalled(store: Store, team: Team, org_wide: bool, reason: str) -> str:
    """Delete a removed workspace's watches, feeds and handled requests and pause its digests; what was done."""
    gone = teams.forget(store, team, reason, datetime.now(UTC), org_wide)
    return (
        f"{gone.watches} watches deleted, {gone.feeds} feeds no longer read, {gone.paused} digest subscriptions paused"
    )


def keep_line(store: Store, line: str) -> str:
    """A Share button's value for `line` (or any button's value too long for it): the id under which the store
    keeps it, whatever its length (while the database is unavailable, a line short enough is carried as it is)."""
    try:
        return KEPT_PREFIX + shared.keep(store, line, datetime.now(UTC))
    except UNAVAILABLE:
        if len(line) <= MAX_BUTTON_VALUE and not line.startswith(KEPT_PREFIX):
            return line
        raise


def recall_line(store: Store, value: str) -> str | None:
    """The command line a Share button's value stands for; None when the store no longer has it."""
    if not value.startswith(KEPT_PREFIX):
        return value
    return shared.line(store, value.removeprefix(KEPT_PREFIX))


def unfurl(store: Store, url: str) -> list[Block] | None:
    """What a link to `url` unfurls to: the indexed article's headline, date, source and names; None if not indexed."""
    found = unfurls.article_at(store, url)
    return blocks.carried(unfurl_blocks(*found), lambda value: keep_line(store, value)) if found else None


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
    return ArticleLine(
        headline=article.headline, source=article.source, published=article_day(article), url=article.url
    )
