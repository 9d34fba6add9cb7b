"""Offline sync: moving a workstation's results to another database in a bundle.

``export`` writes one branch's attempts, scenario runs and hand counts (recorded since a
moment, or all) to a bundle signed with this workstation's branch key
(``core.sync_bundle``); ``import_file`` stores the results of a bundle made on another
workstation of the branch, in the branch the bundle names. Rows are immutable and keep
the id minted where they were recorded, so an import is a merge with three outcomes per
row: *inserted* (the id is new here), *identical* (the same row is already stored) or
*conflict* (the same id holds a different row, or the same attempt is stored under
another id): the stored row is kept and the conflict reported. Importing a bundle twice
changes nothing; A→B then B→A leaves both alike.

Who may: administrators (``MANAGE_DATABASE``), as for saved-attempt files and backups. An
export carries every person's results of a branch out of the database and an import
writes results for everyone of it, which is neither a supervisor's reading nor a
trainer's logging. A bundle holds one branch: a signed-in administrator exports and
imports their own branch's only (so the Admin page works on a server of several
branches); the command line, the server administrator's, names the branch (``--branch``)
when the database holds several. An import is refused whole when the bundle's branch is
not in this database, is not the administrator's, or names a person who is not in that
branch here. Both are audited (``sync.export``, ``sync.import`` with the branch, the
bundle's SHA-256 and the counts).

How a bundle names what its results point at, since each database mints its own ids for
people and content: a person by employee number within the bundle's branch (an import is
refused, naming them, when one is missing there: create the profile first); a content
version by its content id and content hash, stored here from the bundle's copy of its
source when missing (after checking that it still validates), as a new version number.

An import is one transaction: everything is resolved and written, with its audit entry,
or, at the first refusal, nothing at all. A bundle with a bad MAC, an unknown member or
format is refused before any of its records is parsed. A bundle of the previous format
(``svctrainer-sync-1``, which named no branch) is imported into the one branch its people
belong to; one holding several branches only by the command line, each person in their
own branch, as that release did.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from svctrainer import __version__
from svctrainer.core.branch_key import BranchKey, BranchKeyError
from svctrainer.core.output_files import OutputFileError, output_file
from svctrainer.core.roles import Permission
from svctrainer.core.sync_bundle import (
    DRILL,
    HAND_COUNT,
    LOGGED_MODE,
    MAX_BUNDLE_BYTES,
    SCENARIO,
    AttemptLog,
    BundleAttempt,
    BundleContent,
    BundlePerson,
    BundleSource,
    SyncBundle,
    SyncBundleError,
    build_bundle,
    fingerprint_of,
    read_bundle,
)
from svctrainer.services import audit
from svctrainer.services.access import Caller, acting_branch, authorize
from svctrainer.services.actor import Actor
from svctrainer.services.branch_key import installed_key, workstation_key
from svctrainer.services.changes import CONTENT, NOTHING_SHOWN, RESULTS, writes
from svctrainer.services.content import parse_stored
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import (
    InvalidInputError,
    MissingPerson,
    NotFoundError,
    SyncBranchUnknownError,
    SyncOtherBranchError,
    SyncPeopleMissingError,
)
from svctrainer.services.workstations import WORKSTATION
from svctrainer.store.database import Database
from svctrainer.store.errors import DuplicateRowError
from svctrainer.store.models import Attempt, AttemptEvent, Branch, ContentItem, Person

_CHUNK = 500  # ids per IN (...) list: well under every driver's parameter limit
MAX_CONFLICTS_AUDITED = 200


@dataclass(frozen=True, slots=True)
class SyncExport:
    path: Path
    branch: str  # whose results the bundle holds
    attempts: int
    scenario_runs: int
    hand_counts: int
    size_bytes: int
    sha256: str
    key_fingerprint: str


@dataclass(frozen=True, slots=True)
class SyncConflict:
    """A row of the bundle that was not stored because this database holds another."""

    attempt_id: uuid.UUID
    kind: str  # drill | scenario | hand_count
    columns: tuple[str, ...] = ()  # the columns that differ from the row stored here
    stored_under: uuid.UUID | None = None  # or: the same attempt is stored under this id

    @property
    def reason(self) -> str:
        if self.stored_under is not None:
            return f"the same attempt is stored under the id {self.stored_under}"
        return "differs in " + ", ".join(self.columns)


@dataclass(frozen=True, slots=True)
class SyncImport:
    label: str
    source_workstation: str
    branch: str  # where the results were stored (an old bundle of several: their names)
    inserted: int
    identical: int
    conflicts: tuple[SyncConflict, ...]
    content_added: int  # content versions this database lacked, stored from the bundle


@translate_store_errors
class SyncService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- export --------------------------------------------------------------------------

    @writes(NOTHING_SHOWN)  # an audit entry only
    def export(
        self,
        actor: Actor,
        path: Path,
        since: datetime | None = None,
        branch: str | None = None,
    ) -> SyncExport:
        """Write one branch's results recorded at or after ``since`` (all: None) to
        ``path``: the administrator's own branch, or the one the command line names
        (``access.acting_branch``: required when the database holds several)."""
        if since is not None and since.tzinfo is None:
            raise InvalidInputError("since", "give the moment with its time zone")
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.MANAGE_DATABASE)
            branch_id = acting_branch(session, caller, branch)
            branch_name = session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""
            bundle = _bundle(session, since, branch_id, branch_name)
        try:
            key = workstation_key()
        except (BranchKeyError, OSError) as exc:
            raise InvalidInputError("branch key", str(exc)) from None
        try:
            data = build_bundle(bundle, key)
        except SyncBundleError as exc:
            raise InvalidInputError(str(path), str(exc)) from None
        digest = hashlib.sha256(data).hexdigest()
        counts = {kind: bundle.count(kind) for kind in (DRILL, SCENARIO, HAND_COUNT)}
        try:
            with output_file(path) as out:
                out.binary().write(data)
                out.finish_writing()
                with self._db.writing() as session:  # recorded before the file appears
                    authorize(session, actor, Permission.MANAGE_DATABASE)
                    audit.record(
                        session, actor, "sync.export", "sync_bundle", digest[:64],
                        path=str(Path(path).resolve())[-500:], key=key.fingerprint,
                        since=since.isoformat() if since else None, branch=branch_name,
                        **counts,
                    )  # fmt: skip
        except OutputFileError as exc:
            raise InvalidInputError("path", str(exc)) from None
        return SyncExport(
            Path(path), branch_name, counts[DRILL], counts[SCENARIO], counts[HAND_COUNT], len(data),
            digest, key.fingerprint,
        )  # fmt: skip

    # -- import --------------------------------------------------------------------------

    @writes(RESULTS | CONTENT)
    def import_file(self, actor: Actor, path: Path) -> SyncImport:
        """Store the results of the bundle at ``path`` (see the module docstring)."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)
        label = str(path)
        if Path(path).exists() and not Path(path).is_file():  # a FIFO would block the read
            raise InvalidInputError(label, "not a regular file: give a bundle made by sync export")
        try:
            with Path(path).open("rb") as handle:
                data = handle.read(MAX_BUNDLE_BYTES + 1)
        except OSError as exc:
            raise InvalidInputError(label, exc.strerror or str(exc)) from None
        return self._import(actor, data, label)

    def _import(self, actor: Actor, data: bytes, label: str) -> SyncImport:
        key = _installed_key_or_refuse(label)
        try:
            bundle = read_bundle(data, key)
        except SyncBundleError as exc:
            raise InvalidInputError(label, str(exc)) from None
        digest = hashlib.sha256(data).hexdigest()
        try:
            with self._db.writing() as session:
                caller = authorize(session, actor, Permission.MANAGE_DATABASE)
                branch_id = _target_branch(session, caller, bundle, label)
                merge = _Merge(session, bundle, actor, label, branch_id)
                outcome = merge.run()
                audit.record(
                    session, actor, "sync.import", "sync_bundle", digest[:64],
                    file=label[-500:], source=bundle.source.workstation, key=key.fingerprint,
                    branch=outcome.branch, format=bundle.source.format,
                    inserted=outcome.inserted, identical=outcome.identical,
                    conflicts=len(outcome.conflicts), content_added=outcome.content_added,
                    conflicting_ids=[
                        str(c.attempt_id) for c in outcome.conflicts[:MAX_CONFLICTS_AUDITED]
                    ],
                )  # fmt: skip
        except DuplicateRowError:
            raise InvalidInputError(
                label,
                "another import stored some of these results at the same moment; nothing "
                "was imported from this bundle: import it again",
            ) from None
        return outcome


def _target_branch(
    session: Session, caller: Caller, bundle: SyncBundle, label: str
) -> uuid.UUID | None:
    """The branch the bundle's results go to: the one it names, which must be in this
    database and, for a signed-in administrator, be theirs. None: an old bundle
    (``svctrainer-sync-1``) holding several branches, which only the command line may
    import, each person into their own branch."""
    name = bundle.source.branch
    if name is None:  # the previous format named no branch: its people's, if only one
        names = sorted({p.branch for p in bundle.people})
        if len(names) > 1 or not names:
            if caller.actor.is_admin_tool:
                return None
            if len(names) > 1:
                raise SyncOtherBranchError(label, ", ".join(names), _own_branch(session, caller))
            return caller.branch_id
        name = names[0]
    branch_id = session.scalar(select(Branch.id).where(Branch.name == name))
    if branch_id is None:
        raise SyncBranchUnknownError(label, name)
    if not caller.actor.is_admin_tool and branch_id != caller.branch_id:
        raise SyncOtherBranchError(label, name, _own_branch(session, caller))
    return branch_id


def _own_branch(session: Session, caller: Caller) -> str:
    return session.scalar(select(Branch.name).where(Branch.id == caller.branch_id)) or ""


def _installed_key_or_refuse(label: str) -> BranchKey:
    try:
        key = installed_key()
    except (BranchKeyError, OSError) as exc:
        raise InvalidInputError(label, f"the branch key cannot be read: {exc}") from None
    if key is None:
        raise InvalidInputError(
            label,
            "this workstation has no branch key yet: install the key of the workstation "
            "that made the bundle with 'svctrainer branch-key install'",
        )
    return key


# -- building a bundle from this database ---------------------------------------------------


def _bundle(
    session: Session, since: datetime | None, branch_id: uuid.UUID, branch_name: str
) -> SyncBundle:
    query = (
        select(Attempt, ContentItem.kind, AttemptEvent)
        .join(ContentItem, ContentItem.id == Attempt.content_item_id)
        .join(Person, Person.id == Attempt.person_id)
        .outerjoin(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
        .where(Person.branch_id == branch_id)
        .order_by(Attempt.recorded_at, Attempt.id)
    )
    if since is not None:
        query = query.where(Attempt.recorded_at >= since)
    attempts = [to_bundle_attempt(a, kind, event) for a, kind, event in session.execute(query)]
    person_ids = {a.person_id for a in attempts}
    item_ids = {a.content_item_id for a in attempts}
    people = [
        BundlePerson(p.id, branch_name, p.employee_number, p.name)
        for p, branch_name in _in_chunks(
            session, select(Person, Branch.name).join(Branch), Person.id, person_ids
        )
    ]
    content = [
        BundleContent(
            c.id,
            c.kind,
            c.content_id,
            c.content_hash,
            c.version,
            c.title,
            c.drill_type,
            c.language,
            c.source_name,
            c.source_text,
        )
        for (c,) in _in_chunks(session, select(ContentItem), ContentItem.id, item_ids)
    ]
    source = BundleSource(
        WORKSTATION or "workstation", __version__, datetime.now(UTC), since, branch=branch_name
    )
    people.sort(key=lambda p: str(p.id))
    content.sort(key=lambda c: str(c.id))
    return SyncBundle(source, tuple(people), tuple(content), tuple(attempts))


def _in_chunks(
    session: Session,
    query: Any,  # a Select over any columns
    column: InstrumentedAttribute[uuid.UUID],
    ids: Iterable[uuid.UUID],
) -> list[Any]:
    """The rows of ``query`` whose ``column`` is one of ``ids``, a chunk at a time."""
    ordered = sorted(ids, key=str)
    rows: list[Any] = []
    for start in range(0, len(ordered), _CHUNK):
        rows.extend(session.execute(query.where(column.in_(ordered[start : start + _CHUNK]))))
    return rows


def to_bundle_attempt(row: Attempt, content_kind: str, event: AttemptEvent | None) -> BundleAttempt:
    """A stored row as a bundle carries it (with this database's ids)."""
    kind = HAND_COUNT if row.mode == LOGGED_MODE else content_kind
    log = AttemptLog(event.encoding, event.event_count, event.data) if event else None
    return BundleAttempt(
        kind=kind, id=row.id, person_id=row.person_id, content_item_id=row.content_item_id,
        mode=row.mode, started_at=row.started_at.astimezone(UTC), duration_ms=row.duration_ms,
        speed=row.speed, speed_unit=row.speed_unit, accuracy=row.accuracy, score=row.score,
        grade=row.grade, valid=row.valid, completion=row.completion,
        invalidated_reason=row.invalidated_reason, seed=row.seed, app_version=row.app_version,
        workstation=row.workstation, details=dict(row.details or {}),
        recorded_at=row.recorded_at.astimezone(UTC), fingerprint=row.fingerprint, log=log,
    )  # fmt: skip


# -- merging a bundle into this database ----------------------------------------------------


class _Merge:
    """One import, inside the caller's transaction."""

    def __init__(
        self,
        session: Session,
        bundle: SyncBundle,
        actor: Actor,
        label: str,
        branch_id: uuid.UUID | None,  # None: each person in the branch they name (sync-1)
    ) -> None:
        self.session, self.bundle, self.actor, self.label = session, bundle, actor, label
        self.branch_id = branch_id
        self.branch = (
            session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""
            if branch_id is not None
            else ", ".join(sorted({p.branch for p in bundle.people}))
        )
        self.content_added = 0
        self.logs: list[AttemptEvent] = []

    def run(self) -> SyncImport:
        people = self._people()
        content = self._content()
        stored = self._stored_rows()
        inserted, identical = 0, 0
        conflicts: list[SyncConflict] = []
        fingerprints_here: dict[str, uuid.UUID] = {}
        for attempt in self.bundle.attempts:
            person_id, item_id = people[attempt.person_id], content[attempt.content_item_id]
            existing = stored.get(attempt.id)
            if existing is not None:
                columns = _difference(existing, attempt, person_id, item_id)
                if not columns:
                    identical += 1
                else:
                    conflicts.append(SyncConflict(attempt.id, attempt.kind, columns))
                continue
            fingerprint = (
                fingerprint_of(attempt, person_id, item_id) if attempt.fingerprint else None
            )
            if fingerprint is not None:
                other = fingerprints_here.get(fingerprint) or self._stored_under(fingerprint)
                if other is not None:
                    conflicts.append(SyncConflict(attempt.id, attempt.kind, stored_under=other))
                    continue
                fingerprints_here[fingerprint] = attempt.id
            self._insert(attempt, person_id, item_id, fingerprint)
            inserted += 1
        self.session.flush()  # the attempts first: each log's foreign key names one
        self.session.add_all(self.logs)
        self.session.flush()
        return SyncImport(
            self.label, self.bundle.source.workstation, self.branch, inserted, identical,
            tuple(conflicts), self.content_added,
        )  # fmt: skip

    def _people(self) -> dict[uuid.UUID, uuid.UUID]:
        """The bundle's person ids mapped to this database's, each found by employee
        number in the bundle's branch, or a refusal naming every person missing there
        (and where else here their number is in use: most likely the wrong branch)."""
        mapped: dict[uuid.UUID, uuid.UUID] = {}
        missing: list[MissingPerson] = []
        for person in self.bundle.people:
            query = select(Person.id).where(Person.employee_number == person.employee_number)
            if self.branch_id is not None:
                query = query.where(Person.branch_id == self.branch_id)
            else:  # a sync-1 bundle of several branches, by the command line
                query = query.join(Branch, Branch.id == Person.branch_id).where(
                    Branch.name == person.branch
                )
            found = self.session.scalar(query)
            if found is not None:
                mapped[person.id] = found
                continue
            # Where else the number is in use: for the server administrator only (a
            # branch's administrator learns nothing of other branches).
            elsewhere: Sequence[str] = ()
            if self.actor.is_admin_tool:
                elsewhere = self.session.scalars(
                    select(Branch.name)
                    .join(Person, Person.branch_id == Branch.id)
                    .where(Person.employee_number == person.employee_number)
                    .order_by(Branch.name)
                ).all()
            missing.append(MissingPerson(person.employee_number, person.name, tuple(elsewhere)))
        if missing:
            raise SyncPeopleMissingError(self.label, self.branch, missing)
        return mapped

    def _content(self) -> dict[uuid.UUID, uuid.UUID]:
        """The bundle's content ids mapped to this database's, storing missing versions."""
        mapped: dict[uuid.UUID, uuid.UUID] = {}
        for item in self.bundle.content:
            found = self.session.scalar(
                select(ContentItem.id).where(
                    ContentItem.content_id == item.content_id,
                    ContentItem.content_hash == item.content_hash,
                )
            )
            mapped[item.id] = found if found is not None else self._store_content(item)
        return mapped

    def _store_content(self, item: BundleContent) -> uuid.UUID:
        try:
            parse_stored(f"{item.content_hash[:12]}/{item.source_name}", item.source_text)
        except (NotFoundError, ValueError) as exc:
            raise InvalidInputError(
                self.label,
                f"{item.content_id} (version {item.version} there) does not validate here: "
                f"{exc}; nothing was imported",
            ) from None
        latest = self.session.scalar(
            select(func.max(ContentItem.version)).where(ContentItem.content_id == item.content_id)
        )
        stored = ContentItem(
            kind=item.kind, content_id=item.content_id, version=(latest or 0) + 1,
            content_hash=item.content_hash, title=item.title, drill_type=item.drill_type,
            language=item.language, source_name=item.source_name, source_text=item.source_text,
            imported_by=f"sync:{self.bundle.source.workstation}"[:120],
        )  # fmt: skip
        self.session.add(stored)
        self.session.flush()
        audit.record(
            self.session, self.actor, "content.import", "content", stored.id,
            content_id=stored.content_id, version=stored.version, hash=stored.content_hash,
            file=f"sync bundle {self.label}"[-260:],
        )  # fmt: skip
        self.content_added += 1
        return stored.id

    def _stored_rows(self) -> dict[uuid.UUID, BundleAttempt]:
        ids = [a.id for a in self.bundle.attempts]
        rows: dict[uuid.UUID, BundleAttempt] = {}
        query = (
            select(Attempt, ContentItem.kind, AttemptEvent)
            .join(ContentItem, ContentItem.id == Attempt.content_item_id)
            .outerjoin(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
        )
        for attempt, kind, event in _in_chunks(self.session, query, Attempt.id, ids):
            rows[attempt.id] = to_bundle_attempt(attempt, kind, event)
        return rows

    def _stored_under(self, fingerprint: str) -> uuid.UUID | None:
        return self.session.scalar(select(Attempt.id).where(Attempt.fingerprint == fingerprint))

    def _insert(
        self, a: BundleAttempt, person_id: uuid.UUID, item_id: uuid.UUID, fingerprint: str | None
    ) -> None:
        self.session.add(
            Attempt(
                id=a.id,
                person_id=person_id,
                content_item_id=item_id,
                mode=a.mode,
                started_at=a.started_at,
                duration_ms=a.duration_ms,
                speed=a.speed,
                speed_unit=a.speed_unit,
                accuracy=a.accuracy,
                score=a.score,
                grade=a.grade,
                valid=a.valid,
                completion=a.completion,
                invalidated_reason=a.invalidated_reason,
                seed=a.seed,
                app_version=a.app_version,
                workstation=a.workstation,
                details=a.details,
                recorded_at=a.recorded_at,
                fingerprint=fingerprint,
            )
        )
        if a.log is not None:
            self.logs.append(
                AttemptEvent(
                    attempt_id=a.id,
                    encoding=a.log.encoding,
                    event_count=a.log.event_count,
                    data=a.log.data,
                )
            )


def _difference(
    stored: BundleAttempt, incoming: BundleAttempt, person_id: uuid.UUID, item_id: uuid.UUID
) -> tuple[str, ...]:
    """The columns in which ``incoming`` differs from the row stored here (none: the same
    row; the person and content compared through what the bundle names them by)."""
    if (
        stored.person_id == person_id
        and stored.content_item_id == item_id
        and incoming.same_result(stored)
    ):
        return ()
    differing: list[str] = []
    if stored.person_id != person_id:
        differing.append("person_id")
    if stored.content_item_id != item_id:
        differing.append("content_item_id")
    skip = {"id", "person_id", "content_item_id", "fingerprint"}
    differing += [
        f.name
        for f in fields(BundleAttempt)
        if f.name not in skip and getattr(stored, f.name) != getattr(incoming, f.name)
    ]
    return tuple(differing) or ("id",)
