"""``svctrainer db check``: is this database intact and at the schema we expect?

Read-only from start to end: the file is opened with ``mode=ro`` (or ``immutable=1``),
so checking a damaged file can never make it worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, inspect, select, table, text

from svctrainer.store.damage import clear_damage, quick_check, record_damage
from svctrainer.store.database import Database, OpenOptions, resolve_url
from svctrainer.store.errors import DatabaseCorruptError, StoreError
from svctrainer.store.migrate import SchemaStatus, missing_schema_parts, schema_state
from svctrainer.store.migrations import HEAD_REVISION
from svctrainer.store.models import Setting

DEMO_BUILD_MARK = "demo_build"
"""A setting present while ``svctrainer demo`` fills a database in place (services/demo.py):
still there afterwards, it means the build was stopped midway."""


@dataclass(frozen=True, slots=True)
class HealthReport:
    ok: bool
    integrity: str
    revision: str | None
    expected_revision: str
    tables: dict[str, int] = field(default_factory=dict)
    reason: str | None = None
    unfolded_log_bytes: int = 0
    """Committed changes still only in the write-ahead log (NAME-wal), not yet folded into
    the file: after a full disk, say. Then the file alone is not the whole database, and
    copying it without its log would lose them."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "ok": self.ok,
            "integrity": self.integrity,
            "revision": self.revision,
            "expected_revision": self.expected_revision,
            "tables": self.tables,
        }
        if self.reason:
            data["reason"] = self.reason
        if self.unfolded_log_bytes:
            data["unfolded_log_bytes"] = self.unfolded_log_bytes
        return data


def check_database(raw_url: str) -> HealthReport:
    def failed(
        reason: str, integrity: str = "not checked", revision: str | None = None
    ) -> HealthReport:
        return HealthReport(False, integrity, revision, HEAD_REVISION, {}, reason)

    try:
        db = Database(resolve_url(raw_url), OpenOptions(read_only=True))
    except StoreError as exc:
        return failed(str(exc))
    try:
        integrity = _integrity(db)
        if integrity != "ok":
            if db.path is not None:
                record_damage(db.path, integrity)  # every later command: read-only
            return failed(f"{db.label} is damaged: {integrity}", integrity)
        if db.path is not None:
            clear_damage(db.path)  # sound after all (the file was replaced, or repaired)
        state = schema_state(db)
        # A SQLite file is migrated by the app at start; a server only by its administrator.
        upgrade = (
            "start svctrainer once to upgrade it (a backup is taken first)"
            if db.is_sqlite
            else "its administrator upgrades it with 'svctrainer db upgrade'"
        )
        if state.status is SchemaStatus.EMPTY:
            never = "never set up" if db.is_sqlite else f"never set up; {upgrade}"
            return failed(f"{db.label} is empty ({never})", integrity)
        if state.status is not SchemaStatus.CURRENT:
            reasons = {
                SchemaStatus.OUTDATED: f"schema {state.revision} is older than {HEAD_REVISION}; "
                + upgrade,
                SchemaStatus.TOO_NEW: f"schema {state.revision} was written by a newer svctrainer",
                SchemaStatus.UNVERSIONED: "tables but no svctrainer schema version recorded "
                "(not an svctrainer database, or a set-up or upgrade that was interrupted)",
            }
            return failed(f"{db.label}: {reasons[state.status]}", integrity, state.revision)
        missing = missing_schema_parts(db)
        if missing:
            return failed(
                f"{db.label} is half-migrated: missing {', '.join(missing[:5])}",
                integrity,
                state.revision,
            )
        if _interrupted_demo(db):
            return failed(
                f"{db.label} holds a demo branch whose build was interrupted (svctrainer demo "
                "was stopped midway); delete this database and build the demo again",
                integrity,
                state.revision,
            )
        return HealthReport(
            True, integrity, state.revision, HEAD_REVISION, _counts(db),
            unfolded_log_bytes=unfolded_log_bytes(db.path),
        )  # fmt: skip
    except StoreError as exc:
        if isinstance(exc, DatabaseCorruptError) and db.path is not None:
            record_damage(db.path, str(exc))
        return failed(str(exc))
    finally:
        db.dispose()


def probe_damage(db: Database) -> str | None:
    """Why ``db`` is damaged, if it was found so before or its quick check finds it so
    now (noted on ``db``, and beside its file); None for a sound file or a server."""
    if db.path is None or db.damage is not None:
        return db.damage
    if not db.path.exists() or db.path.stat().st_size == 0:
        return None
    problem = quick_check(db.path)
    if problem is not None:
        db.note_damage(problem)
    return problem


def _interrupted_demo(db: Database) -> bool:
    with db.reading() as session:
        return session.get(Setting, DEMO_BUILD_MARK) is not None


def _integrity(db: Database) -> str:
    if not db.is_sqlite:
        return "ok"  # PostgreSQL checks its own pages; nothing comparable to run here
    with db.reading() as session:
        rows = session.execute(text("PRAGMA integrity_check")).scalars().all()
    return "ok" if list(rows) == ["ok"] else "; ".join(str(r) for r in rows[:5])


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        names = sorted(inspect(session.connection()).get_table_names())
        return {
            name: int(session.scalar(select(func.count()).select_from(table(name))) or 0)
            for name in names
            if name != "alembic_version"
        }


def unfolded_log_bytes(path: Path | None) -> int:
    """Size of the write-ahead log beside a SQLite file (0: none, or folded in)."""
    if path is None:
        return 0
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0
