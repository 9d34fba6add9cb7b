"""The branch's queue-ticket data: importing exports, reading the measured queue.

``import_file`` reads a queue-ticket export (``core.queueing.ticket_export``; format in
docs/queue-data-format.md), and stores it only if the file as a whole is sound: one bad
row and nothing is stored (``TicketFileError`` lists every problem as ``file:line:col``).
A sound file is stored in one transaction: its tickets that are new to the branch
(branch, moment of issue and ticket number are the key, so an export overlapping an
earlier one adds only the rest), the per-hour figures of every day it touches, recomputed
from all of that day's tickets (``queue_hour``), the import record and the audit entry
``queue.import``. Importing the same file again changes nothing and records nothing.

Times in the file are the branch's local wall-clock times in ``ImportOptions.zone`` (an
IANA name such as ``Asia/Shanghai``; by default this computer's zone), stored in UTC with
the local day and hour of each ticket.

Who: importing and deleting an import need ``MANAGE_SETTINGS`` (supervisors, admins);
reading the measured queue needs ``VIEW_TEAM_RESULTS`` (trainers, supervisors). The
queue belongs to the caller's branch (the command line: the database's one branch).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from svctrainer.core.problems import Problem
from svctrainer.core.queueing.branch_day import day_saving
from svctrainer.core.queueing.multi_server import WaitTarget
from svctrainer.core.queueing.ticket_export import Ticket, UndecodableError, decode, parse_export
from svctrainer.core.queueing.ticket_hours import (
    HourStats,
    MeasuredQueue,
    Moments,
    hour_stats,
    measure,
)
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import Caller, acting_branch, authorize, in_caller_branch
from svctrainer.services.actor import Actor
from svctrainer.services.changes import QUEUE_DATA, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError, NotFoundError, ServiceError
from svctrainer.services.settings import load_mix
from svctrainer.store.database import Database
from svctrainer.store.models import QueueHour, QueueImport, QueueTicket

MAX_FILE_BYTES = 100_000_000  # about 1.5 million tickets
CHUNK = 500  # days per IN (...) list
LOCAL = "local"


@dataclass(frozen=True, slots=True)
class DayRange:
    """Local calendar days, both included; None leaves that end open."""

    first: date | None = None
    last: date | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.last < self.first:
            raise ValueError("DayRange: the last day is before the first")


ALL_DAYS = DayRange()


@dataclass(frozen=True, slots=True)
class ImportOptions:
    columns: Mapping[str, str] = field(default_factory=dict)  # field → the file's column
    ignore: tuple[str, ...] = ()
    zone: str | None = None  # IANA name; None: this computer's zone
    encoding: str | None = None  # None: UTF-8, else GB18030
    branch: str | None = None  # the command line on a server of several branches: whose


class TicketFileError(ServiceError):
    """The export cannot be imported; nothing was stored. ``header`` is True when the
    problems are about its columns (fixed with a column map), not its rows."""

    code = "ticket_file"

    def __init__(self, problems: Sequence[Problem], header: bool, more: int = 0) -> None:
        self.problems = tuple(problems)
        self.header = header
        self.more = more
        total = len(self.problems) + more
        super().__init__(
            f"{self.problems[0]}" + (f" (and {total - 1} more problems)" if total > 1 else "")
        )


@dataclass(frozen=True)
class QueueImported:
    """What an import changed."""

    import_id: uuid.UUID | None  # None: every ticket was already stored
    file_name: str
    rows: int
    added: int
    duplicates: int
    first_day: date | None
    last_day: date | None
    days_changed: tuple[date, ...]
    zone: str
    encoding: str
    measured: MeasuredQueue | None  # the file's days, after the import


@dataclass(frozen=True, slots=True)
class QueueImportRecord:
    id: uuid.UUID
    file_name: str
    rows: int
    added: int
    first_day: date
    last_day: date
    zone: str
    imported_at: datetime
    imported_by: str


@dataclass(frozen=True)
class QueueImportDeleted:
    import_id: uuid.UUID
    tickets_removed: int
    days_changed: tuple[date, ...]


@dataclass(frozen=True)
class QueueComparison:
    """The measured queue before and after a training period (both from tickets), with
    the mean wait the queue model gives for each period's own measured conditions (how
    well the model describes this branch)."""

    before_days: DayRange
    after_days: DayRange
    before: MeasuredQueue | None
    after: MeasuredQueue | None
    target_s: float
    model_wait_before_s: float | None
    model_wait_after_s: float | None


@translate_store_errors
class QueueDataService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @writes(QUEUE_DATA)
    def import_file(
        self, actor: Actor, path: Path, options: ImportOptions = ImportOptions()
    ) -> QueueImported:
        """Import a queue-ticket export, all or nothing (module docstring)."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)  # before reading files
        zone, zone_name = resolve_zone(options.zone)
        path = Path(path)
        data = _read(path)
        try:
            text, encoding = decode(data, options.encoding)
        except UndecodableError as exc:
            problem = Problem(str(path), exc.line, exc.col, exc.message)
            raise TicketFileError([problem], header=False) from None
        parsed = parse_export(
            text, str(path), columns=options.columns, ignore=options.ignore, zone=zone,
            encoding=encoding,
        )  # fmt: skip
        if not parsed.sound:
            raise TicketFileError(
                parsed.problems, header=parsed.header_problems > 0, more=parsed.more_problems
            )
        if not parsed.tickets:
            raise TicketFileError([Problem(str(path), 2, 1, "no tickets in the file")], False)
        digest = hashlib.sha256(data).hexdigest()
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_SETTINGS)
            branch_id = acting_branch(session, caller, options.branch)
            return _store(session, actor, branch_id, path, digest, parsed.tickets,
                          zone_name, encoding)  # fmt: skip

    def imports(self, actor: Actor) -> list[QueueImportRecord]:
        """The branch's imports, newest first (the command line: every branch's)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            rows = session.scalars(
                select(QueueImport)
                .where(in_caller_branch(caller, QueueImport.branch_id))
                .order_by(QueueImport.imported_at.desc())
            )
            return [
                QueueImportRecord(r.id, r.file_name, r.rows, r.added, r.first_day, r.last_day,
                                  r.time_zone, r.imported_at, r.imported_by)
                for r in rows
            ]  # fmt: skip

    @writes(QUEUE_DATA)
    def delete_import(self, actor: Actor, import_id: uuid.UUID) -> QueueImportDeleted:
        """Remove the tickets an import added (a file imported in the wrong time zone,
        say) and recompute the hours of their days; audited ``queue.delete_import``."""
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_SETTINGS)
            record = session.get(QueueImport, import_id)
            if record is None or (
                caller.branch_id is not None and record.branch_id != caller.branch_id
            ):
                raise NotFoundError("no such queue import in this branch")
            branch_id = record.branch_id
            days = tuple(
                session.scalars(
                    select(QueueTicket.local_day)
                    .where(QueueTicket.import_id == import_id)
                    .distinct()
                    .order_by(QueueTicket.local_day)
                )
            )
            removed = session.scalar(select(func.count()).where(QueueTicket.import_id == import_id))
            session.execute(delete(QueueTicket).where(QueueTicket.import_id == import_id))
            _recompute_hours(session, branch_id, days, [])
            session.delete(record)
            audit.record(
                session, actor, "queue.delete_import", "queue_import", import_id,
                file=record.file_name, tickets=removed, days=len(days),
            )  # fmt: skip
            return QueueImportDeleted(import_id, int(removed or 0), days)

    def measured(
        self, actor: Actor, days: DayRange = ALL_DAYS, target_s: float | None = None
    ) -> MeasuredQueue | None:
        """The queue the branch's tickets show over ``days`` (None: no tickets there);
        with ``target_s``, also the share that waited longer."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            return measured_queue(session, branch_of(session, caller), days, target_s)

    def comparison(
        self, actor: Actor, before: DayRange, after: DayRange, target_s: float
    ) -> QueueComparison:
        """The measured queue in two periods, e.g. around a training period."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.VIEW_TEAM_RESULTS)
            branch_id = branch_of(session, caller)
            first = measured_queue(session, branch_id, before, target_s)
            second = measured_queue(session, branch_id, after, target_s)
        return QueueComparison(
            before, after, first, second, target_s, _model_wait(first), _model_wait(second)
        )


# -- reading -----------------------------------------------------------------------------


def branch_of(session: Session, caller: Caller) -> uuid.UUID:
    """The caller's branch; for the command line, the database's only branch
    (``access.acting_branch``)."""
    return acting_branch(session, caller)


def measured_queue(
    session: Session, branch_id: uuid.UUID, days: DayRange, target_s: float | None = None
) -> MeasuredQueue | None:
    query = select(QueueHour).where(QueueHour.branch_id == branch_id)
    if days.first is not None:
        query = query.where(QueueHour.day >= days.first)
    if days.last is not None:
        query = query.where(QueueHour.day <= days.last)
    stats = [_stats(row) for row in session.scalars(query.order_by(QueueHour.day, QueueHour.hour))]
    if not stats:
        return None
    over = None
    if target_s is not None:
        counted = select(
            QueueTicket.local_hour, func.sum(case((QueueTicket.wait_s > target_s, 1), else_=0))
        ).where(QueueTicket.branch_id == branch_id, QueueTicket.wait_s.is_not(None))
        if days.first is not None:
            counted = counted.where(QueueTicket.local_day >= days.first)
        if days.last is not None:
            counted = counted.where(QueueTicket.local_day <= days.last)
        over = {
            int(hour): int(n or 0)
            for hour, n in session.execute(counted.group_by(QueueTicket.local_hour))
        }
    return measure(stats, over, target_s)


def resolve_zone(name: str | None) -> tuple[ZoneInfo | None, str]:
    """The zone to read local times in, and its name for the record. None: this
    computer's zone (by name when the system says which; else its local rules)."""
    if name:
        try:
            return ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInputError(
                "zone", f"unknown time zone {name!r} (e.g. Asia/Shanghai)"
            ) from None
    local = _system_zone_name()
    if local:
        try:
            return ZoneInfo(local), local
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return None, LOCAL


def _system_zone_name() -> str | None:
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        return tz
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


# -- writing -----------------------------------------------------------------------------


def _store(  # noqa: PLR0917 - one private caller
    session: Session,
    actor: Actor,
    branch_id: uuid.UUID,
    path: Path,
    digest: str,
    tickets: Sequence[Ticket],
    zone_name: str,
    encoding: str,
) -> QueueImported:
    first, last = min(t.issued_at for t in tickets), max(t.issued_at for t in tickets)
    stored = {
        (at, number)
        for at, number in session.execute(
            select(QueueTicket.issued_at, QueueTicket.ticket).where(
                QueueTicket.branch_id == branch_id,
                QueueTicket.issued_at >= first,
                QueueTicket.issued_at <= last,
            )
        )
    }
    new = [t for t in tickets if (t.issued_at, t.ticket) not in stored]
    file_days = sorted({t.local_day for t in tickets})
    target_s = load_mix(session, branch_id).assumptions.target.wait_s
    span = DayRange(file_days[0], file_days[-1])
    days = tuple(sorted({t.local_day for t in new}))
    days_with_tickets = any(
        session.scalar(
            select(QueueTicket.local_day)
            .where(QueueTicket.branch_id == branch_id, QueueTicket.local_day.in_(chunk))
            .limit(1)
        )
        is not None
        for chunk in _chunks(days)
    )
    if not new:
        measured = measured_queue(session, branch_id, span, target_s)
        return QueueImported(None, path.name, len(tickets), 0, len(tickets), file_days[0],
                             file_days[-1], (), zone_name, encoding, measured)  # fmt: skip
    record = QueueImport(
        branch_id=branch_id,
        file_name=path.name[:260],
        file_sha256=digest,
        time_zone=zone_name,
        encoding=encoding,
        rows=len(tickets),
        added=len(new),
        first_day=file_days[0],
        last_day=file_days[-1],
        imported_by=actor.label[:160],
    )
    session.add(record)
    session.flush()
    # On the Connection: Core's executemany, not the ORM's bulk insert (which splits
    # 50 000 rows into thousands of statements).
    session.connection().execute(insert(QueueTicket), [_row(branch_id, record.id, t) for t in new])
    _recompute_hours(session, branch_id, days, new, stored_before=days_with_tickets)
    audit.record(
        session, actor, "queue.import", "queue_import", record.id,
        file=str(path.resolve()), sha256=digest, rows=len(tickets), added=len(new),
        duplicates=len(tickets) - len(new), first_day=file_days[0].isoformat(),
        last_day=file_days[-1].isoformat(), zone=zone_name, encoding=encoding,
    )  # fmt: skip
    session.flush()
    measured = measured_queue(session, branch_id, span, target_s)
    return QueueImported(
        record.id, path.name, len(tickets), len(new), len(tickets) - len(new), file_days[0],
        file_days[-1], days, zone_name, encoding, measured,
    )  # fmt: skip


def _recompute_hours(
    session: Session,
    branch_id: uuid.UUID,
    days: Sequence[date],
    new: Sequence[Ticket],
    stored_before: bool = True,
) -> None:
    """Replace the ``queue_hour`` rows of ``days`` with figures from all their tickets
    (``new`` are already inserted; when nothing was stored before, they are the days'
    only tickets and are not read back)."""
    if not days:
        return
    tickets: list[Ticket] = list(new)
    if stored_before:
        tickets = []
        for chunk in _chunks(days):
            rows = session.scalars(
                select(QueueTicket).where(
                    QueueTicket.branch_id == branch_id, QueueTicket.local_day.in_(chunk)
                )
            )
            tickets += [_ticket(r) for r in rows]
    for chunk in _chunks(days):
        session.execute(
            delete(QueueHour).where(QueueHour.branch_id == branch_id, QueueHour.day.in_(chunk))
        )
    stats = hour_stats(tickets)
    if stats:
        session.connection().execute(insert(QueueHour), [_hour_row(branch_id, s) for s in stats])


def _row(branch_id: uuid.UUID, import_id: uuid.UUID, t: Ticket) -> dict[str, object]:
    return {
        "branch_id": branch_id,
        "issued_at": t.issued_at,
        "ticket": t.ticket,
        "import_id": import_id,
        "business_type": t.business_type,
        "window": t.window,
        "local_day": t.local_day,
        "local_hour": t.local_hour,
        "utc_offset_s": t.utc_offset_s,
        "wait_s": t.wait_s,
        "holding_s": t.holding_s,
        "service_s": t.service_s,
    }


def _ticket(r: QueueTicket) -> Ticket:
    return Ticket(
        0, r.ticket, r.business_type, r.window, r.issued_at, r.wait_s, r.holding_s,
        r.service_s, r.local_day, r.local_hour, r.utc_offset_s,
    )  # fmt: skip


def _hour_row(branch_id: uuid.UUID, s: HourStats) -> dict[str, object]:
    row: dict[str, object] = {
        "branch_id": branch_id,
        "day": s.day,
        "hour": s.hour,
        "arrivals": s.arrivals,
        "served": s.served,
        "no_shows": s.no_shows,
        "walked_away": s.walked_away,
        "windows": s.windows,
    }
    for name, m in (("holding", s.holding), ("service", s.service), ("wait", s.wait),
                    ("gap", s.gaps)):  # fmt: skip
        row.update({f"{name}_n": m.count, f"{name}_sum": m.total, f"{name}_sq": m.squares})
    return row


def _stats(r: QueueHour) -> HourStats:
    return HourStats(
        r.day, r.hour, r.arrivals, r.served, r.no_shows, r.walked_away, r.windows,
        Moments(r.holding_n, r.holding_sum, r.holding_sq),
        Moments(r.service_n, r.service_sum, r.service_sq),
        Moments(r.wait_n, r.wait_sum, r.wait_sq),
        Moments(r.gap_n, r.gap_sum, r.gap_sq),
    )  # fmt: skip


def _model_wait(measured: MeasuredQueue | None) -> float | None:
    conditions = None if measured is None else measured.conditions
    if conditions is None:
        return None
    return day_saving(conditions, 0.0, WaitTarget()).mean_wait_before_s


def _chunks(days: Sequence[date]) -> Iterable[Sequence[date]]:
    for i in range(0, len(days), CHUNK):
        yield days[i : i + CHUNK]


def _read(path: Path) -> bytes:
    if path.is_dir():
        raise InvalidInputError("file", f"{path} is a folder, not a CSV file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInputError("file", f"{path} is {size:,} bytes; at most {MAX_FILE_BYTES:,}")
    return path.read_bytes()


def day_range(since: datetime | None, until: datetime | None) -> DayRange:
    """A UTC range (``since`` included, ``until`` excluded) as this computer's local days."""
    first = since.astimezone().date() if since is not None else None
    last = (until - timedelta(microseconds=1)).astimezone().date() if until is not None else None
    return DayRange(first, last)
