"""The query layer: resolving names and gathering what the corpus says, over the store."""

from bot.core.query.installations import InstallationSummary, installations, summarise_installation
from bot.core.query.profiles import Profile, RoleSummary, profile, summarise_roles
from bot.core.query.resolve import Lookup, lookup
from bot.core.query.roles import RoleHolder, names_a_role, role_holder

__all__ = [
    "InstallationSummary",
    "Lookup",
    "Profile",
    "RoleHolder",
    "RoleSummary",
    "installations",
    "lookup",
    "names_a_role",
    "profile",
    "role_holder",
    "summarise_installation",
    "summarise_roles",
]
