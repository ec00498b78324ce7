"""What the Slack transport needs from the core, and the one place that builds it from store and handlers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.core.commands import Answer, Context, Registry
from bot.core.reply import Reply
from bot.core.store import open_store
from bot.core.store.reader import ArticleRow
from bot.slack.blocks import HOME_ARTICLES, ArticleLine
from bot.slack.config import SlackConfig

# What App Home shows of the corpus: named counts and the newest articles.
HomeData = tuple[Mapping[str, int], Sequence[ArticleLine]]


@dataclass(frozen=True)
class Core:
    """The core as the transport sees it: commands, plain-language answers, App Home data and the database."""

    registry: Registry
    context: Callable[[], Context]
    converse: Answer
    home: Callable[[], HomeData]
    engine: Engine

    def run_line(self, line: str) -> Reply:
        """Answer a command line such as `/bases Russia --page 2`, as typed or carried by a button."""
        name, _, text = line.strip().partition(" ")
        command = self.registry.get(name)
        if command is None:
            return Reply(f"I don't know the command {name or '(none)'}; try /help.")
        return command.answer(text.strip(), self.context())

    def answer(self, text: str) -> Reply:
        """Answer a plain-language question from a DM or a mention."""
        return self.converse(text, self.context())


def load_core(config: SlackConfig) -> Core:
    """The real core: the store on DATABASE_URL, the handlers' registry and plain-language answers."""
    # Imported here, not at the top: the gunicorn master stays light; each worker loads the NLP model itself.
    import handlers
    import handlers.message

    store = open_store(config.database_url)
    registry = handlers.build_registry()

    def home() -> HomeData:
        return store.stats(), [_article_line(a) for a in store.latest_articles(HOME_ARTICLES)]

    return Core(
        registry=registry,
        context=lambda: Context(store=store, registry=registry),
        converse=handlers.message.answer,
        home=home,
        engine=store.engine,
    )


def _article_line(article: ArticleRow) -> ArticleLine:
    published = article.published.strftime("%d %b %Y")
    return ArticleLine(headline=article.headline, source=article.source, published=published, url=article.url)
