"""OAuth states: visits of the install page that never come back leave no rows behind once they expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.core.store import open_store
from bot.slack.states import PrunedStateStore


def test_issuing_a_state_deletes_the_expired_ones_and_keeps_the_live_ones(database_url: str) -> None:
    engine = open_store(database_url).engine
    try:
        states = PrunedStateStore(expiration_seconds=600, engine=engine)
        states.metadata.create_all(engine)
        table = states.oauth_states
        past = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1)
        with engine.begin() as conn:
            conn.execute(table.insert(), [{"state": f"abandoned-{n}", "expire_at": past} for n in range(50)])
        live = states.issue()

        second = states.issue()

        with engine.connect() as conn:
            left = {row.state for row in conn.execute(sa.select(table.c.state))}
        assert left == {live, second}
        assert states.consume(live) and not states.consume(live)
    finally:
        engine.dispose()
