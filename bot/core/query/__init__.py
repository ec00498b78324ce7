"""The query layer: resolving names and gathering what the corpus says, over the store."""

from bot.core.query.installations import InstallationSummary, installations, summarise_installation
from bot.core.query.profiles import Profile, RoleSummary, profile, summarise_roles
from bot.core.query.resolve import Lookup, lookup

__all__ = [
    "InstallationSummary",
    "Lookup",
    "Profile",
    "RoleSummary",
    "installations",
    "lookup",
    "profile",
    "summarise_installation",
    "summarise_roles",
]
