"""Which store errors mean the database cannot be reached, as opposed to a problem with what was written."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, TimeoutError


def is_outage(error: BaseException) -> bool:
    """Whether `error` says the database is unreachable, locked or gone (retrying later may work), rather than
    that one article could not be written (a value it refuses, a constraint): the one stops an ingestion with
    its files left to a later run; the other is that article's failure alone."""
    if isinstance(error, OperationalError | InterfaceError | DisconnectionError | TimeoutError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)
