"""Bringing in attempts a workstation had to keep in a file.

When saving failed (disk full, read-only folder, database locked) the teller kept the
attempt in a file rather than lose it. An administrator imports such files here.

- The file must carry a valid MAC under the branch key (``core.branch_key``): a file
  changed after it was saved (a log replayed faster, a result moved to someone else) is
  refused before anything is replayed. A file saved before files were signed carries no
  MAC; importing one needs ``allow_unsigned``, which the audit entry records.
- The attempt is replayed from its log exactly as if the save had worked, and stored for
  the person who took it even if they have been deactivated since (deactivation keeps
  results), under the id minted when it was saved.
- The attempt and its audit entry are written in one transaction; the attempt's unique
  fingerprint means that the same file imported twice, even by two administrators at the
  same moment, is stored once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from svctrainer.core.branch_key import BranchKeyError
from svctrainer.core.keystrokes import EventLogError, decode_events
from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Permission
from svctrainer.core.saved_attempt import (
    DRILL,
    SavedAttempt,
    SavedAttemptError,
    SavedAttemptFile,
    read_saved_attempt,
    signed_attempt_json,
)
from svctrainer.core.scenarios.decision_log_codec import DecisionLogError, decode_decisions
from svctrainer.services import audit
from svctrainer.services.access import authorize, require_in_branch
from svctrainer.services.actor import Actor
from svctrainer.services.attempts import (
    AttemptRecord,
    AttemptService,
    ScoredAttempt,
    score_drill,
    score_scenario,
    store_attempt,
    to_attempt_record,
)
from svctrainer.services.branch_key import installed_key, workstation_key
from svctrainer.services.changes import ATTEMPTS, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from svctrainer.store.database import Database
from svctrainer.store.errors import DuplicateRowError
from svctrainer.store.models import Attempt, ContentItem, Person

IMPORTED = "imported"
ALREADY_STORED = "already_stored"


@dataclass(frozen=True, slots=True)
class SavedAttemptImport:
    label: str
    status: str  # IMPORTED | ALREADY_STORED
    attempt: AttemptRecord | None  # None when it was already stored


@translate_store_errors
class SavedAttemptService:
    def __init__(self, db: Database, attempts: AttemptService) -> None:
        self._db = db
        self._attempts = attempts

    def signed_file_text(self, actor: Actor, saved: SavedAttempt) -> str:
        """The text of a saved-attempt file for the person's own result, signed with this
        workstation's branch key. Needs no database: it is called when the database has
        just refused the result."""
        if actor.person_id is None or actor.person_id != saved.person_id:
            raise PermissionDeniedError("a result is kept in a file only by the person who took it")
        try:
            return signed_attempt_json(saved, workstation_key())
        except (BranchKeyError, OSError) as exc:
            raise InvalidInputError("branch key", str(exc)) from None

    @writes(ATTEMPTS)
    def import_file(
        self, actor: Actor, data: bytes, label: str, *, allow_unsigned: bool = False
    ) -> SavedAttemptImport:
        """Store the attempt in ``data`` (a saved-attempt file called ``label``)."""
        try:
            file = read_saved_attempt(data)
        except SavedAttemptError as exc:
            raise InvalidInputError(label, str(exc)) from None
        saved = file.attempt
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.MANAGE_DATABASE)
            person = session.get(Person, saved.person_id)
            if person is None:
                raise NotFoundError(f"{label}: the person who took it is not in this database")
            require_in_branch(caller, person.branch_id, "the results")
            item = session.get(ContentItem, saved.content_item_id)
            if item is None or item.content_id != saved.content_id:
                raise NotFoundError(
                    f"{label}: {saved.content_id} in the version used is not in this "
                    "database; import that content first"
                )
            if item.kind != saved.kind:
                raise InvalidInputError(label, f"{saved.content_id} is not a {saved.kind}")
            taker = Actor.person(person.id, person.name, person.employee_number)
            if _already_stored(session, saved):
                return SavedAttemptImport(label, ALREADY_STORED, None)
        signed_by = self._check_signature(file, label, allow_unsigned)
        scored = _score(item, saved, label)
        try:
            with self._db.writing() as session:
                authorize(session, actor, Permission.MANAGE_DATABASE)
                attempt = store_attempt(session, person.id, scored, saved.attempt_id)
                audit.record(
                    session, actor, "attempt.import", "attempt", attempt.id, file=label[-500:],
                    person=taker.label, signed_by=signed_by, unsigned_allowed=signed_by is None,
                )  # fmt: skip
                record = to_attempt_record(attempt, person, item)
        except DuplicateRowError:  # imported by someone else at this very moment
            return SavedAttemptImport(label, ALREADY_STORED, None)
        return SavedAttemptImport(label, IMPORTED, record)

    def _check_signature(
        self, file: SavedAttemptFile, label: str, allow_unsigned: bool
    ) -> str | None:
        """The key fingerprint the file is signed with (None: unsigned, allowed)."""
        if file.mac is None and allow_unsigned:
            return None
        try:
            key = installed_key()
            if key is None and file.mac is not None:
                raise SavedAttemptError(
                    f"this workstation has no branch key yet: install the one the file was "
                    f"signed with ({file.key_fingerprint}) with 'svctrainer branch-key install'"
                )
            file.check_mac(key or workstation_key())
        except SavedAttemptError as exc:
            hint = (
                "; if you trust where it came from, import it with --allow-unsigned "
                "(the audit log records that)"
                if file.mac is None
                else ""
            )
            raise InvalidInputError(label, f"{exc}{hint}") from None
        except (BranchKeyError, OSError) as exc:
            raise InvalidInputError(label, f"the branch key cannot be read: {exc}") from None
        return file.key_fingerprint


def _already_stored(session: Session, saved: SavedAttempt) -> bool:
    """Stored before (by its id, or the same person, content and start: files without an
    id, and rows stored before attempts had fingerprints)."""
    same = (
        (Attempt.person_id == saved.person_id)
        & (Attempt.content_item_id == saved.content_item_id)
        & (Attempt.started_at == saved.started_at)
    )
    clause = same if saved.attempt_id is None else or_(same, Attempt.id == saved.attempt_id)
    return session.scalar(select(Attempt.id).where(clause).limit(1)) is not None


def _score(item: ContentItem, saved: SavedAttempt, label: str) -> ScoredAttempt:
    try:
        mode = Mode(saved.mode)
    except ValueError:
        raise InvalidInputError(label, f'"mode" {saved.mode!r} is not a mode') from None
    try:
        if saved.kind == DRILL:
            return score_drill(
                item, mode=mode, seed=saved.seed, events=decode_events(saved.log),
                started_at=saved.started_at, options=saved.options,
            )  # fmt: skip
        return score_scenario(
            item, mode=mode, decision_log=decode_decisions(saved.log), started_at=saved.started_at
        )
    except (EventLogError, DecisionLogError) as exc:
        raise InvalidInputError(label, f"its log is damaged: {exc}") from None
