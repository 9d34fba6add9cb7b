"""Hand-count results a trainer logs: counting real practice notes by hand for 3 or 5
minutes, as many branches still train, recorded so they chart with the on-screen
cash-counting drill (same ``notes_per_min``).

A logged result is an ``Attempt`` with mode "logged" on one content item, "hand-count"
(a ``LoggedDrill`` description, not a pack: there is nothing to run), started at noon
UTC of the day counted. Its figures come from ``core.hand_count`` (validated there:
every problem of an entry at once, by field, so the form can mark them all); it has no
event log, so it is never re-scored. Only people with ``LOG_HAND_COUNT`` (trainers) may
log, and only for people whose results they may see (their teams).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from svctrainer import __version__
from svctrainer.core.drills.details import Fields
from svctrainer.core.hand_count import (
    DRILL_TYPE,
    SPEED_UNIT,
    CountingMethod,
    FieldProblem,
    HandCountDetails,
    HandCountError,
    HandCountRecord,
)
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import authorize, require_visible, visible_people
from svctrainer.services.actor import Actor
from svctrainer.services.changes import HAND_COUNTS, writes
from svctrainer.services.content import LOGGED_SOURCE_SUFFIX, LoggedDrill
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError
from svctrainer.services.workstations import WORKSTATION
from svctrainer.store.database import Database
from svctrainer.store.models import Attempt, ContentItem, Person, Team

CONTENT_ID = "hand-count"
MODE = "logged"
MAX_NOTE = 2000
MAX_LISTED = 500
DESCRIPTION = LoggedDrill(DRILL_TYPE, "Hand count with practice notes", SPEED_UNIT, "en")
_PROBLEM_TEXT = {
    "bad_person": "choose the person who counted",
    "bad_date": "give the day of the count",
    "bad_minutes": "the count lasts {allowed} minutes",
    "out_of_range": "a whole number from {minimum} to {maximum}",
    "more_found_than_planted": "more defects found than were planted",
    "date_in_future": "the day is after today ({today})",
}


class HandCountInvalidError(InvalidInputError):
    """Every problem of an entry (``problems``, as ``core.hand_count`` reports them);
    ``field``/``message`` name the first, in English, for callers that show one."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.field, problem_text(first))


def problem_text(problem: FieldProblem) -> str:
    """A problem in plain English (the GUI words them itself, translated)."""
    template = _PROBLEM_TEXT.get(str(problem.code), str(problem.code))
    return template.format(**{k: str(v) for k, v in problem.params.items()})


@dataclass(frozen=True, slots=True)
class LoggablePerson:
    """Someone a trainer may log a hand count for."""

    id: uuid.UUID
    name: str
    employee_number: str
    team_name: str | None


@dataclass(frozen=True, slots=True)
class HandCountEntry:
    """One logged hand count. ``defects_planted`` None: not recorded. ``valid`` False
    when under 10 notes were counted (kept, but left out of charts, as any drill)."""

    attempt_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    day: dt.date
    minutes: int
    notes_counted: int
    defects_found: int
    defects_planted: int | None
    banding_penalties: int
    method: CountingMethod | None  # None: not recorded (older entries)
    banded: bool | None
    stamped: bool | None
    net_notes: int
    notes_per_min: float
    accuracy: float
    score: float
    valid: bool
    note: str | None
    logged_by: str
    recorded_at: dt.datetime


@translate_store_errors
class HandCountService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def people(self, actor: Actor) -> list[LoggablePerson]:
        """The active people whose hand counts the actor may log, by team and name."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.LOG_HAND_COUNT)
            rows = session.execute(
                select(Person, Team.name)
                .outerjoin(Team, Team.id == Person.team_id)
                .where(Person.active.is_(True), visible_people(caller))
                .order_by(Team.name, Person.name)
            )
            return [LoggablePerson(p.id, p.name, p.employee_number, team) for p, team in rows]

    @writes(HAND_COUNTS)
    def record(
        self,
        actor: Actor,
        person_id: uuid.UUID,
        day: dt.date,
        *,
        minutes: int,
        notes_counted: int,
        defects_found: int,
        banding_penalties: int,
        defects_planted: int | None = None,
        method: CountingMethod | None = None,
        banded: bool | None = None,
        stamped: bool | None = None,
        note: str | None = None,
        today: dt.date | None = None,
    ) -> HandCountEntry:
        """Store a hand count for ``person_id`` counted on ``day`` (not after ``today``,
        the local date by default); ``HandCountInvalidError`` lists every problem."""
        record = _validated(
            day=day,
            minutes=minutes,
            notes_counted=notes_counted,
            defects_found=defects_found,
            banding_penalties=banding_penalties,
            defects_planted=defects_planted,
            method=method,
            banded=banded,
            stamped=stamped,
            today=today or dt.date.today(),
        )
        note = (note or "").strip() or None
        if note is not None and len(note) > MAX_NOTE:
            raise InvalidInputError("note", f"at most {MAX_NOTE} characters")
        result = record.to_result()
        data = result.to_dict()
        data["details"] = {
            **data["details"],
            **LoggedBy(person_id, note, actor.label).to_dict(),
        }
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.LOG_HAND_COUNT)
            person = require_visible(session, caller, person_id)
            if not person.active:
                raise InvalidInputError("person_id", f"{person.name}'s profile is deactivated")
            item = _content_item(session, actor)
            attempt = Attempt(
                person_id=person.id,
                content_item_id=item.id,
                mode=MODE,
                started_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
                duration_ms=result.active_ms,
                speed=result.speed,
                speed_unit=result.speed_unit,
                accuracy=result.accuracy,
                score=result.score,
                grade=None,
                valid=result.valid,
                seed=None,
                app_version=__version__,
                workstation=WORKSTATION,
                details=data,
            )
            session.add(attempt)
            session.flush()
            audit.record(
                session,
                actor,
                "attempt.log_hand_count",
                "attempt",
                attempt.id,
                person_id=str(person.id),
                day=day.isoformat(),
                minutes=minutes,
                notes_counted=notes_counted,
                defects_found=defects_found,
                defects_planted=defects_planted,
                banding_penalties=banding_penalties,
                method=None if method is None else str(method),
                banded=banded,
                stamped=stamped,
            )
            return _entry(attempt, person.name)

    def list_recent(
        self, actor: Actor, person_id: uuid.UUID | None = None, limit: int = 50
    ) -> list[HandCountEntry]:
        """Logged hand counts the actor may see (of one person, or all), newest first."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.LOG_HAND_COUNT)
            query = (
                select(Attempt, Person.name)
                .join(Person, Person.id == Attempt.person_id)
                .join(ContentItem, ContentItem.id == Attempt.content_item_id)
                .where(
                    ContentItem.content_id == CONTENT_ID,
                    Attempt.mode == MODE,
                    visible_people(caller),
                )
                .order_by(Attempt.started_at.desc(), Attempt.recorded_at.desc())
                .limit(max(1, min(limit, MAX_LISTED)))
            )
            if person_id is not None:
                require_visible(session, caller, person_id)
                query = query.where(Attempt.person_id == person_id)
            return [_entry(attempt, name) for attempt, name in session.execute(query)]


def _validated(
    *,
    day: dt.date,
    minutes: int,
    notes_counted: int,
    defects_found: int,
    banding_penalties: int,
    defects_planted: int | None,
    method: CountingMethod | None,
    banded: bool | None,
    stamped: bool | None,
    today: dt.date,
) -> HandCountRecord:
    try:
        # The core names people by a positive int; here people are UUIDs, checked in
        # the database (require_visible), so the core gets a stand-in.
        return HandCountRecord.create(
            person_id=1,
            day=day,
            minutes=minutes,
            notes_counted=notes_counted,
            defects_found=defects_found,
            banding_penalties=banding_penalties,
            defects_planted=defects_planted,
            method=method,
            banded=banded,
            stamped=stamped,
            today=today,
        )
    except HandCountError as exc:
        raise HandCountInvalidError(exc.problems) from None


def _content_item(session: Session, actor: Actor) -> ContentItem:
    """The hand-count content item (created on first use; a new version if this
    release describes it differently)."""
    text = DESCRIPTION.to_json()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    item = session.scalar(
        select(ContentItem).where(
            ContentItem.content_id == CONTENT_ID, ContentItem.content_hash == digest
        )
    )
    if item is not None:
        return item
    latest = session.scalar(
        select(func.max(ContentItem.version)).where(ContentItem.content_id == CONTENT_ID)
    )
    item = ContentItem(
        kind="drill",
        content_id=CONTENT_ID,
        version=(latest or 0) + 1,
        content_hash=digest,
        title=DESCRIPTION.title,
        drill_type=DRILL_TYPE,
        language=DESCRIPTION.language,
        source_name=CONTENT_ID + LOGGED_SOURCE_SUFFIX,
        source_text=text,
        imported_by=f"system:{CONTENT_ID}",
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        actor,
        "content.import",
        "content",
        item.id,
        content_id=CONTENT_ID,
        version=item.version,
        hash=digest,
        file=item.source_name,
    )
    return item


@dataclass(frozen=True, slots=True)
class LoggedBy:
    """What the service stores beside the core's ``HandCountDetails``: whose count it
    is, the trainer's note and who logged it."""

    person_id: uuid.UUID
    note: str | None
    logged_by: str

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": str(self.person_id), "note": self.note, "logged_by": self.logged_by}

    @classmethod
    def read(cls, f: Fields, person_id: uuid.UUID) -> LoggedBy:
        return cls(person_id, f.optional_text("note"), f.text("logged_by"))


def _entry(attempt: Attempt, person_name: str) -> HandCountEntry:
    """A stored hand count as the form lists it; ``DetailsError`` (naming the key) if
    its row was damaged."""
    stored = attempt.details or {}
    data = stored.get("details") or {}
    details = HandCountDetails.from_dict(data, stored.get("details_version", 1))
    logged = LoggedBy.read(Fields(data, "hand count"), attempt.person_id)
    return HandCountEntry(
        attempt_id=attempt.id,
        person_id=attempt.person_id,
        person_name=person_name,
        day=details.day,
        minutes=details.minutes,
        notes_counted=details.notes_counted,
        defects_found=details.defects_found,
        defects_planted=details.defects_planted,
        banding_penalties=details.banding_penalties,
        method=details.method,
        banded=details.banded,
        stamped=details.stamped,
        net_notes=details.net_notes,
        notes_per_min=float(attempt.speed or 0.0),
        accuracy=float(attempt.accuracy or 0.0),
        score=float(attempt.score or 0.0),
        valid=attempt.valid,
        note=logged.note,
        logged_by=logged.logged_by,
        recorded_at=attempt.recorded_at,
    )
