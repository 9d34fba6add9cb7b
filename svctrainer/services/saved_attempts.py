"""Bringing in attempts a workstation had to keep in a file.

When saving failed (disk full, read-only folder, database locked) the teller kept the
attempt in a file rather than lose it. An administrator imports such files here. The
attempt is replayed from its log through ``AttemptService`` on behalf of the person who
took it, so it is scored exactly as if the save had worked; the import itself is audited
with who brought it in and from which file. Importing the same file twice stores it once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from svctrainer.core.keystrokes import EventLogError, decode_events
from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Permission
from svctrainer.core.saved_attempt import (
    DRILL,
    SavedAttempt,
    SavedAttemptError,
    parse_saved_attempt,
)
from svctrainer.core.scenarios.decision_log_codec import DecisionLogError, decode_decisions
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.attempts import AttemptRecord, AttemptService
from svctrainer.services.changes import ATTEMPTS, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError, NotFoundError
from svctrainer.store.database import Database
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

    @writes(ATTEMPTS)
    def import_file(self, actor: Actor, data: bytes, label: str) -> SavedAttemptImport:
        """Store the attempt in ``data`` (a saved-attempt file called ``label``)."""
        try:
            saved = parse_saved_attempt(data)
        except SavedAttemptError as exc:
            raise InvalidInputError(label, str(exc)) from None
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)
            person = session.get(Person, saved.person_id)
            if person is None:
                raise NotFoundError(f"{label}: the person who took it is not in this database")
            item = session.get(ContentItem, saved.content_item_id)
            if item is None or item.content_id != saved.content_id:
                raise NotFoundError(
                    f"{label}: {saved.content_id} in the version used is not in this "
                    "database; import that content first"
                )
            if item.kind != saved.kind:
                raise InvalidInputError(label, f"{saved.content_id} is not a {saved.kind}")
            stored = session.scalar(
                select(Attempt.id).where(
                    Attempt.person_id == saved.person_id,
                    Attempt.content_item_id == saved.content_item_id,
                    Attempt.started_at == saved.started_at,
                )
            )
            taker = Actor.person(person.id, person.name, person.employee_number)
        if stored is not None:
            return SavedAttemptImport(label, ALREADY_STORED, None)
        record = self._record(taker, saved, label)
        with self._db.writing() as session:
            audit.record(
                session,
                actor,
                "attempt.import",
                "attempt",
                record.id,
                file=label[-500:],
                person=taker.label,
            )
        return SavedAttemptImport(label, IMPORTED, record)

    def _record(self, taker: Actor, saved: SavedAttempt, label: str) -> AttemptRecord:
        try:
            mode = Mode(saved.mode)
        except ValueError:
            raise InvalidInputError(label, f'"mode" {saved.mode!r} is not a mode') from None
        try:
            if saved.kind == DRILL:
                return self._attempts.record_drill(
                    taker,
                    saved.content_item_id,
                    mode=mode,
                    seed=saved.seed,
                    events=decode_events(saved.log),
                    started_at=saved.started_at,
                    options=saved.options,
                )
            return self._attempts.record_scenario(
                taker, saved.content_item_id, mode, decode_decisions(saved.log), saved.started_at
            )
        except (EventLogError, DecisionLogError) as exc:
            raise InvalidInputError(label, f"its log is damaged: {exc}") from None
