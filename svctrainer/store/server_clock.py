"""The database's clock: one "now" for every workstation of a branch.

A contest's countdown and window must end at the same moment on every workstation, and
an attempt is in or out of the window by one clock, not by whichever workstation's clock
runs fast. PostgreSQL gives the server's own time (``clock_timestamp()``, the wall clock
at the call, not the transaction's start). A SQLite file has no server: its ``now`` is
the clock of the computer running the query, so on a shared file every workstation still
reads its own clock (and a clock check against it finds no difference).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session


def server_now(session: Session) -> datetime:
    """The database's time now, in UTC (to the millisecond on SQLite)."""
    if session.get_bind().dialect.name == "sqlite":
        stamp = session.scalar(text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')"))
        return datetime.strptime(str(stamp), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=UTC)
    value = session.scalar(text("SELECT clock_timestamp()"))
    if not isinstance(value, datetime):
        raise TypeError(f"clock_timestamp() returned {value!r}")
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
