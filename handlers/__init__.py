"""One module per command or event; `build_registry` is the single list every transport reads."""

from __future__ import annotations

from bot.core.registry import Registry
from handlers import articles, bases, digest, feeds, help, ingest_url, search, unwatch, watch, watches, who

COMMAND_MODULES = (who, bases, search, articles, digest, watch, unwatch, watches, feeds, ingest_url, help)


def build_registry() -> Registry:
    """Every slash command, in the order /help lists them."""
    registry = Registry()
    for module in COMMAND_MODULES:
        module.register(registry)
    return registry
