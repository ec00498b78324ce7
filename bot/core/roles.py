"""Who a person is in the workspace they ask from, as far as changing shared things goes."""

from __future__ import annotations

# A workspace admin or owner: may subscribe channels, manage feeds and ingest URLs (unless ADMIN_USER_IDS says
# who may).
ADMIN = "admin"
# A full member: reads everything, changes nothing shared unless ADMIN_USER_IDS names them.
MEMBER = "member"
# A guest (single- or multi-channel): never changes shared things.
GUEST = "guest"
# Someone from another organisation (a Slack Connect channel): never changes shared things.
EXTERNAL = "external"
# Slack could not say (users.info failed): treated as a member.
UNKNOWN = "unknown"

# Roles refused whatever ADMIN_USER_IDS says.
NEVER = frozenset({GUEST, EXTERNAL})
