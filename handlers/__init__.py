"""One module per command or event; `build_registry` is the single list every transport reads."""

from __future__ import annotations

from bot.core.commands import Registry
from handlers import articles, bases, help, search, who

COMMAND_MODULES = (who, bases, search, articles, help)


def build_registry() -> Registry:
    """Every slash command, in the order /help lists them."""
    registry = Registry()
    for module in COMMAND_MODULES:
        module.register(registry)
    return registry
