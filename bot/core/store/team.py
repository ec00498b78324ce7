"""The Slack workspace a row belongs to: its team id, and its enterprise (organisation) id on Enterprise Grid.

Rows a workspace owns (digest subscriptions, digests, watches, the feeds it reads, handled Slack requests) carry
their team id; a `Store` scoped to a team (`Store.for_team`) reads and writes only that team's rows, so a
question from one workspace can never see or change another's. Team ids are unique across Slack, so the team id
alone tells rows apart; the enterprise id is kept beside it for Grid installs (one token for every workspace of
the organisation).
"""

from __future__ import annotations

from dataclasses import dataclass

# The team of rows made before workspaces were told apart (migration 15a0teams): a single-workspace store's rows
# until the bot learns its own team (auth.test with SLACK_BOT_TOKEN) at start and moves them there.
LEGACY_TEAM = ""


@dataclass(frozen=True)
class Team:
    """A workspace: Slack's team id (T…), and its organisation's enterprise id (E…) on Enterprise Grid."""

    team_id: str
    enterprise_id: str | None = None

    def __str__(self) -> str:
        return f"{self.enterprise_id}/{self.team_id}" if self.enterprise_id else self.team_id


LEGACY = Team(LEGACY_TEAM)
