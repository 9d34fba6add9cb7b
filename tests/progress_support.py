"""Attempt histories for progress, dashboard and report tests.

Rows go straight into the ``attempt`` table (no replay): these tests are about reading
and aggregating, and need hundreds of attempts with chosen figures, ties, invalid runs
and several content versions in milliseconds. The recording path is tested elsewhere.
"""

from __future__ import annotations

import random
import shutil
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from svctrainer.core.analytics.series import AttemptPoint
from svctrainer.store.models import Attempt, ContentItem

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TENKEY = "tenkey-amounts.en"
TENKEY_PRACTICE = "tenkey-amounts-practice.en"
TENKEY_TEST = "tenkey-amounts-test.en"
CASH_TEST = "cash-counting-test.en"
SCENARIO = "sample-queue-wait.en"
KEYS = (*"0123456789", "Enter")


@dataclass(frozen=True)
class Row:
    content_id: str
    mode: str
    started_at: datetime
    speed: float | None
    accuracy: float | None = 0.97
    score: float | None = 70.0
    valid: bool = True
    invalidated: str | None = None
    grade: str | None = None
    speed_unit: str | None = "net_kph"
    details: dict[str, Any] | None = None
    version: int | None = None  # None: the newest


def item_id(services: Any, content_id: str, version: int | None = None) -> uuid.UUID:
    with services.db.reading() as session:
        query = select(ContentItem.id).where(ContentItem.content_id == content_id)
        if version is not None:
            query = query.where(ContentItem.version == version)
        return session.scalar(query.order_by(ContentItem.version.desc()).limit(1))


def add_rows(services: Any, person_id: uuid.UUID, rows: list[Row]) -> list[uuid.UUID]:
    ids = []
    items: dict[tuple[str, int | None], uuid.UUID] = {}
    with services.db.writing() as session:
        for r in rows:
            key = (r.content_id, r.version)
            if key not in items:
                items[key] = item_id(services, r.content_id, r.version)
            attempt = Attempt(
                id=uuid.uuid4(),
                person_id=person_id,
                content_item_id=items[key],
                mode=r.mode,
                started_at=r.started_at,
                duration_ms=180_000,
                speed=r.speed,
                speed_unit=r.speed_unit if r.speed is not None else None,
                accuracy=r.accuracy,
                score=r.score,
                grade=r.grade,
                valid=r.valid,
                invalidated_reason=r.invalidated,
                seed=1,
                app_version="test",
                workstation="test",
                details=r.details or {},
            )
            session.add(attempt)
            ids.append(attempt.id)
    return ids


def key_stats(rng: random.Random, slow_key: str, slowness: float) -> dict[str, dict[str, int]]:
    out = {}
    for key in KEYS:
        hits = rng.randint(5, 20)
        ms = 300 * (slowness if key == slow_key else 1.0)
        out[key] = {
            "hits": hits,
            "errors": rng.randint(0, 2),
            "latency_ns": int(ms * 1_000_000 * hits),
            "latency_samples": hits,
            "mean_ms": ms,
        }
    return out


def learning_history(
    seed: int,
    *,
    attempts: int = 60,
    start: datetime = NOW - timedelta(days=120),
    span_days: float = 118.0,
    base: float = 5000.0,
    gain: float = 0.5,
    test_every: int = 5,
) -> list[Row]:
    """A ten-key learner: practice mostly, a test every ``test_every`` attempts, speed
    rising by ``gain`` (fraction) with noise; a few ties, invalid and invalidated runs."""
    rng = random.Random(seed)
    rows = []
    times = sorted(
        start + timedelta(seconds=rng.uniform(0, span_days * 86400)) for _ in range(attempts)
    )
    for n, moment in enumerate(times):
        tie = rng.random() < 0.05 and rows  # a tie with the previous attempt
        at = rows[-1].started_at if tie else moment
        test = n % test_every == 0
        level = base * (1 + gain * n / max(1, attempts - 1))
        speed = round(rng.gauss(level, level * 0.05), 3)
        rows.append(
            Row(
                TENKEY_TEST if test else TENKEY_PRACTICE,
                "test" if test else "practice",
                at,
                speed,
                accuracy=round(min(1.0, rng.gauss(0.95 + 0.03 * n / attempts, 0.01)), 4),
                score=round(min(100.0, speed / 120), 2),
                valid=rng.random() > 0.05,
                invalidated="test: cheated" if rng.random() < 0.03 else None,
                grade="Developing" if test else None,
                details={"details": {"key_stats": key_stats(rng, "7", 2.0 - n / attempts)}},
            )
        )
    return rows


def points_of(
    services: Any, person_id: uuid.UUID, content_ids: tuple[str, ...]
) -> list[AttemptPoint]:
    """The reference input: every attempt as ``AttemptPoint`` (valid = counted)."""
    with services.db.reading() as session:
        rows = session.execute(
            select(Attempt)
            .join(ContentItem, ContentItem.id == Attempt.content_item_id)
            .where(Attempt.person_id == person_id, ContentItem.content_id.in_(content_ids))
        ).scalars()
        return [
            AttemptPoint(
                a.started_at,
                a.mode,
                a.speed,
                a.accuracy,
                a.score,
                a.valid and a.invalidated_reason is None,
                str(a.id),
            )
            for a in rows
        ]


# -- a branch with its content, built once per module and copied per test ------------------


@dataclass
class World:
    """The same people as ``conftest.Branch`` (names, numbers, teams, roles), with every
    bundled drill and scenario stored: building that takes seconds, copying a file not."""

    services: Any
    admin: Any
    supervisor: Any
    trainer: Any
    teller: Any
    other_teller: Any
    outsider_teller: Any
    team_a: Any
    team_b: Any
    pin: str = "2468"

    def actor(self, who: Any) -> Any:
        from svctrainer.services.actor import Actor

        return Actor.person(who.id, who.name, who.employee_number)


def build_world_template(path: Path, template_db: Path) -> World:
    """Write the world's database to ``path`` (closed, checkpointed); returns its records
    (with ``services`` None)."""
    from support import FAST_PIN_COST

    from svctrainer.core.roles import Role
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    shutil.copyfile(template_db, path)
    svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        admin = svc.auth.set_up_branch(
            branch_name="Test Branch", admin_name="Ada Admin", employee_number="A1", pin="2468"
        ).person
        cli = Actor.command_line()
        people = svc.people
        team_a = people.create_team(cli, "Team A")
        team_b = people.create_team(cli, "Team B")

        def person(name: str, number: str, role: Role, team: Any) -> Any:
            return people.create_person(
                cli, name=name, employee_number=number, pin="2468", roles=[role],
                team_id=team.id if team else None,
            )  # fmt: skip

        world = World(
            None,
            admin,
            person("Sam Supervisor", "S1", Role.SUPERVISOR, None),
            person("Tia Trainer", "R1", Role.TRAINER, team_a),
            person("Tom Teller", "T1", Role.TELLER, team_a),
            person("Tess Teller", "T2", Role.TELLER, team_a),
            person("Otto Outsider", "T3", Role.TELLER, team_b),
            team_a,
            team_b,
        )
        people.set_team_trainers(cli, team_a.id, [world.trainer.id])
        svc.content.sync_bundled()
        with svc.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        svc.close()
    return world


def open_world(template: tuple[Path, World], target: Path) -> World:
    from support import FAST_PIN_COST

    from svctrainer.services.api import Services

    source, world = template
    shutil.copyfile(source, target)
    return replace(world, services=Services.open(str(target), pin_cost=FAST_PIN_COST))
