"""One module per command or event; `build_registry` is the single list every transport reads."""

from __future__ import annotations

from bot.core.registry import DEFAULT_MAIN, Registry
from handlers import articles, bases, digest, feeds, help, ingest_url, news, search, unwatch, watch, watches, who

COMMAND_MODULES = (who, bases, search, articles, digest, watch, unwatch, watches, feeds, ingest_url, help)


def build_registry(main: str = DEFAULT_MAIN) -> Registry:
    """Every command, in the order /help lists them, and the main command `/main` that takes them all."""
    registry = Registry()
    for module in COMMAND_MODULES:
        module.register(registry)
    news.register(registry, main)
    return registry
