"""The database schema as SQLAlchemy 2 typed models.

Every primary key is a UUID so results recorded on several workstations (or a laptop at
a training day) can later be merged into one branch database without key clashes.
Attempts carry speed/accuracy/score/grade as columns because the progress charts and
the supervisor dashboard aggregate them in SQL over millions of rows; everything else a
drill produces goes in ``details`` JSON.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from svctrainer.store.types import PortableJSON, UTCDateTime

# Explicit constraint names keep Alembic migrations identical on SQLite and PostgreSQL
# (and make batch-mode ALTERs on SQLite possible).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: PortableJSON,
    }


class Branch(Base):
    __tablename__ = "branch"
    # Names are how the command line picks a branch on a shared server (``--branch``):
    # unique, so a name never means two branches (migration 0006_regions).
    __table_args__ = (Index("ix_branch_name", "name", unique=True),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    teams: Mapped[list[Team]] = relationship(back_populates="branch")


class Region(Base):
    """A set of branches on one server that a regional supervisor compares
    (migration 0006_regions)."""

    __tablename__ = "region"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RegionBranch(Base):
    """One branch of a region; a branch may belong to several regions."""

    __tablename__ = "region_branch"

    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id"), primary_key=True)
    branch_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("branch.id"), primary_key=True, index=True
    )


class RegionSupervisor(Base):
    """Which regions a regional supervisor reads: only these regions' branches."""

    __tablename__ = "region_supervisor"

    region_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("region.id"), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True
    )


class Team(Base):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    branch: Mapped[Branch] = relationship(back_populates="teams")


class Person(Base):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("branch_id", "employee_number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    employee_number: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(80))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_pin_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    roles: Mapped[list[PersonRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class PersonRole(Base):
    """One row per role held; a person may hold several (a trainer who also practises)."""

    __tablename__ = "person_role"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class WorkstationBranch(Base):
    """A workstation an administrator tied to one branch of a shared server: it lists
    and signs in only that branch's people (migration 0008_workstation_branch). A
    workstation without a row signs in anyone of the database."""

    __tablename__ = "workstation_branch"

    workstation: Mapped[str] = mapped_column(String(120), primary_key=True)  # its host name
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), index=True)
    set_by: Mapped[str] = mapped_column(String(200))  # the actor's label, as audited
    set_at: Mapped[datetime] = mapped_column(default=utcnow)


class TeamTrainer(Base):
    """Which trainers look after which teams: a trainer sees only these teams' results."""

    __tablename__ = "team_trainer"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id"), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True
    )


class ContentItem(Base):
    """One exact version of a drill definition or scenario.

    Immutable once stored: a changed file becomes a new version, so every attempt keeps
    pointing at the content it was really taken on, and can be re-scored from it.
    """

    __tablename__ = "content_item"
    __table_args__ = (
        UniqueConstraint("content_id", "version"),
        UniqueConstraint("content_id", "content_hash"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(20))  # "drill" | "scenario"
    content_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    drill_type: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10), default="en")
    source_name: Mapped[str] = mapped_column(String(260))
    source_text: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(120))


class Attempt(Base):
    __tablename__ = "attempt"
    __table_args__ = (
        # The progress chart: one person's attempts on one drill, in time order.
        Index("ix_attempt_person_content_started", "person_id", "content_item_id", "started_at"),
        # The dashboard: everyone's attempts in a date range.
        Index("ix_attempt_started", "started_at"),
        Index("ix_attempt_content_item", "content_item_id"),
        # The dashboard and progress queries (migration 0002): one drill's attempts per
        # mode and person in time order, covering every column they read, so the
        # first-3/last-3 tests and the recent window are index-only range scans.
        # Migration 0003: one row per attempt, however often or concurrently it is
        # imported (see core/attempt_identity.py); rows stored before it have none.
        Index("ix_attempt_fingerprint", "fingerprint", unique=True),
        Index(
            "ix_attempt_content_mode_person",
            "content_item_id",
            "mode",
            "person_id",
            "started_at",
            "id",
            "valid",
            "invalidated_reason",
            "completion",
            "speed",
            "accuracy",
            "score",
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    content_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("content_item.id"))
    mode: Mapped[str] = mapped_column(String(12))  # "practice" | "test" | "logged"
    started_at: Mapped[datetime]
    duration_ms: Mapped[int] = mapped_column(Integer)
    speed: Mapped[float | None] = mapped_column(Float)
    speed_unit: Mapped[str | None] = mapped_column(String(16))
    accuracy: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(40))
    valid: Mapped[bool] = mapped_column(Boolean, default=True)
    # "complete" | "incomplete" | "abandoned" (core.drills.completion): only complete
    # attempts are graded and counted (migration 0005_attempt_completion).
    completion: Mapped[str] = mapped_column(
        String(12), default="complete", server_default="complete"
    )
    invalidated_reason: Mapped[str | None] = mapped_column(Text)
    seed: Mapped[int | None] = mapped_column(BigInteger)  # drill seeds are 64-bit
    app_version: Mapped[str] = mapped_column(String(32))
    workstation: Mapped[str] = mapped_column(String(120))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    fingerprint: Mapped[str | None] = mapped_column(String(64))


class ProgressSummary(Base):
    """Per person and content item, the attempt figures the supervisor's branch summary,
    the skill dashboards and the region dashboard read, so they never scan the history
    (issue 17: a million attempts a branch, ten million a region).

    A derived table: ``store.progress_summary`` recomputes a (person, item) row from its
    attempts in the same transaction as every write to those attempts, and migration
    0008 built it from the rows stored before. "Counted" is the one filter every figure
    applies (valid, complete, not invalidated); "tests" are counted tests with a value
    for the item's headline metric (score for a scenario, speed for a drill)."""

    __tablename__ = "progress_summary"
    __table_args__ = (Index("ix_progress_summary_content_item", "content_item_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    content_item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("content_item.id"), primary_key=True
    )
    attempts: Mapped[int] = mapped_column(Integer)  # every attempt, counted or not
    test_attempts: Mapped[int] = mapped_column(Integer)  # every attempt in test mode
    counted: Mapped[int] = mapped_column(Integer)  # counted attempts, every mode
    tests: Mapped[int] = mapped_column(Integer)  # counted tests with a headline value
    last_counted_at: Mapped[datetime | None]  # the latest counted attempt's start


class ProgressTestEdge(Base):
    """The first three and the last three tests (``ProgressSummary.tests``) of a person on
    a content item, oldest first by (started_at, id): the baseline and latest level of
    the gain over baseline come from these alone (``core.analytics.progress``), and a
    family's first and last three are among its items' first and last three."""

    __tablename__ = "progress_test_edge"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    content_item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("content_item.id"), primary_key=True
    )
    attempt_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    speed: Mapped[float | None] = mapped_column(Float)
    accuracy: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)


class ProgressRecent(Base):
    """Per person and content item, their counted attempts since ``horizon``, packed: the
    stall rule's recent window (the last four weeks) reads these few rows instead of the
    thousands of attempts of a branch's last weeks (issue 17).

    A derived table like ``ProgressSummary``: ``store.recent_attempts`` recomputes a
    pair's row in the same transaction as every write to its attempts. ``horizon`` is
    eight weeks before the pair's latest counted attempt, in whole seconds; a read whose
    window starts before it reads the attempts instead. A pair with no counted attempt
    has no row. ``packed``: ``recent_attempts.pack`` (offsets from ``horizon``, so a
    moved date, ``store.date_shift``, moves every packed time with it). ``tests_packed``
    (migration 0012): ``recent_attempts.pack_tests``, the pair's test count, latest
    counted attempt and kept tests, so the branch summary reads one row a pair."""

    __tablename__ = "progress_recent"
    __table_args__ = (Index("ix_progress_recent_content_item", "content_item_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    content_item_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("content_item.id"), primary_key=True
    )
    horizon: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer)  # how many are packed
    packed: Mapped[bytes] = mapped_column(LargeBinary)
    tests_packed: Mapped[bytes] = mapped_column(LargeBinary, server_default="")


class AttemptEvent(Base):
    """The compressed keystroke or decision log of one attempt, for replay and re-scoring."""

    __tablename__ = "attempt_event"

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True
    )
    encoding: Mapped[str] = mapped_column(String(32))
    event_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttemptDraft(Base):
    """Checkpoint of an attempt in progress, so a crash costs at most a few seconds."""

    __tablename__ = "attempt_draft"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    content_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("content_item.id"))
    mode: Mapped[str] = mapped_column(String(12))
    seed: Mapped[int | None] = mapped_column(BigInteger)  # drill seeds are 64-bit
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    encoding: Mapped[str] = mapped_column(String(32))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Assignment(Base):
    """A target set by a trainer for a person or a whole team on one drill or scenario.

    ``content_id`` names the content, not a version: a pack corrected after assigning
    still counts towards the same assignment.
    """

    __tablename__ = "assignment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    bundle_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    content_id: Mapped[str] = mapped_column(String(120))
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    target: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due_on: Mapped[date | None] = mapped_column(Date)
    min_practice: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]


class AuditLog(Base):
    """Who did what to which record, when. Written only by services; never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    actor_label: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Setting(Base):
    """Branch-wide settings (e.g. the transaction mix) as typed JSON values by key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class QueueImport(Base):
    """One queue-ticket export imported for a branch (``services.queue_data``)."""

    __tablename__ = "queue_import"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64))
    time_zone: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(Integer)  # tickets in the file
    added: Mapped[int] = mapped_column(Integer)  # of them new to the branch
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(160))


class QueueTicket(Base):
    """One ticket of a branch's queue, as its ticket system exported it.

    The key is the branch, the moment of issue (UTC) and the ticket number, so an export
    that overlaps an earlier one adds only the tickets that are new. The later moments
    are kept as durations, which is what every figure reads (and the share waiting longer
    than any target is one SQL count): ``wait_s`` issue → call (None: never called),
    ``holding_s`` call → end of service and ``service_s`` start → end (None: not served).
    """

    __tablename__ = "queue_ticket"
    __table_args__ = (Index("ix_queue_ticket_branch_day", "branch_id", "local_day"),)

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), primary_key=True)
    issued_at: Mapped[datetime] = mapped_column(primary_key=True)
    ticket: Mapped[str] = mapped_column(String(32), primary_key=True)
    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("queue_import.id"), index=True)
    business_type: Mapped[str] = mapped_column(String(60))
    window: Mapped[str] = mapped_column(String(32))
    local_day: Mapped[date] = mapped_column(Date)
    local_hour: Mapped[int] = mapped_column(Integer)
    utc_offset_s: Mapped[int] = mapped_column(Integer)
    wait_s: Mapped[float | None] = mapped_column(Float)
    holding_s: Mapped[float | None] = mapped_column(Float)
    service_s: Mapped[float | None] = mapped_column(Float)


class QueueHour(Base):
    """A branch's queue in one local clock hour of one day, from its tickets
    (``core.queueing.ticket_hours.HourStats``): what the queue model reads."""

    __tablename__ = "queue_hour"

    branch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("branch.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    hour: Mapped[int] = mapped_column(Integer, primary_key=True)
    arrivals: Mapped[int] = mapped_column(Integer)
    served: Mapped[int] = mapped_column(Integer)
    no_shows: Mapped[int] = mapped_column(Integer)
    walked_away: Mapped[int] = mapped_column(Integer)
    windows: Mapped[int] = mapped_column(Integer)
    holding_n: Mapped[int] = mapped_column(Integer)
    holding_sum: Mapped[float] = mapped_column(Float)
    holding_sq: Mapped[float] = mapped_column(Float)
    service_n: Mapped[int] = mapped_column(Integer)
    service_sum: Mapped[float] = mapped_column(Float)
    service_sq: Mapped[float] = mapped_column(Float)
    wait_n: Mapped[int] = mapped_column(Integer)
    wait_sum: Mapped[float] = mapped_column(Float)
    wait_sq: Mapped[float] = mapped_column(Float)
    gap_n: Mapped[int] = mapped_column(Integer)
    gap_sum: Mapped[float] = mapped_column(Float)
    gap_sq: Mapped[float] = mapped_column(Float)


class Contest(Base):
    """A branch skills contest (``core.contest``): its rules, the one seed that gives
    every contestant the same form, its window once started, and its standings locked
    as JSON when it closed (``results``; None until then)."""

    __tablename__ = "contest"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    branch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("branch.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(12))  # core.contest.rules.ContestState
    seed: Mapped[int] = mapped_column(BigInteger)  # drill seeds are 64-bit
    attempts: Mapped[int] = mapped_column(Integer)
    window_minutes: Mapped[int] = mapped_column(Integer)
    countdown_s: Mapped[int] = mapped_column(Integer)
    # Contestants see everyone's standings before the close (a show event); else only
    # their own results until then.
    public_board: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_at: Mapped[datetime | None]  # the trainer pressed start
    begins_at: Mapped[datetime | None]  # end of the countdown: attempts count from here
    ends_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    results: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    drills: Mapped[list[ContestDrill]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ContestDrill.position"
    )


class ContestDrill(Base):
    """One drill of a contest: the content version everyone sits (fixed when the contest
    was created, so a pack corrected meanwhile does not change the paper) and the seed
    its form is drawn from (the contest's, or the pack's own when the pack pins one)."""

    __tablename__ = "contest_drill"

    contest_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contest.id", ondelete="CASCADE"), primary_key=True
    )
    content_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    content_item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("content_item.id"))
    position: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)


class ContestSitting(Base):
    """One contest paper handed to a contestant: a try is used the moment the form is
    shown, as at a contest where an opened paper counts, so nobody reads the paper,
    stops before the first key and sits it again knowing it."""

    __tablename__ = "contest_sitting"

    contest_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("contest.id", ondelete="CASCADE"), primary_key=True
    )
    content_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), primary_key=True)
    try_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
