"""Alembic's environment: migrations run on the connection `bot.core.store.migrate` hands over, never offline."""

from __future__ import annotations

from alembic import context

from bot.core.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
