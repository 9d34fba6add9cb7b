"""``svctrainer demo``: a believable branch to explore, reproducibly, in a moment.

The branch, its teams and 24 people with every role, six months of practice history over
the content that exists and the same months of queue tickets are built once per release
(services/demo_builder.py) into a snapshot kept in the cache folder. Each demo is a copy
of it with every date moved to end this week (store/date_shift.py): seconds instead of a
minute of simulated practice. The snapshot ships with the release
(services/demo_snapshot.py), so a new computer does not build it either. A database
server (or an existing empty file) gets the snapshot's rows in bulk, dates moved on the
way (store/bulk_copy.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select

from svctrainer import __version__
from svctrainer.core.demo_branch import TEAMS
from svctrainer.core.output_files import output_file
from svctrainer.locations import bundled_content_files, cache_dir
from svctrainer.services.actor import Actor
from svctrainer.services.demo_snapshot import shipped_snapshot, unpack_snapshot
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import ConflictError
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.date_shift import shift_sqlite_dates
from svctrainer.store.health import DEMO_BUILD_MARK
from svctrainer.store.models import Attempt, Person, Setting

log = logging.getLogger(__name__)

# The demo is played by the builder through the engines in core (drills, scenarios,
# scoring search): a change to any of them must rebuild the cached demo, or its stored
# figures would disagree with a rescore. (This module only copies it.)
# A frozen build (PyInstaller) carries no source files; its executable embeds the code
# archive, so it changes whenever the code does and stands in for them.
_DEMO_GENERATORS = (
    [sys.executable]
    if getattr(sys, "frozen", False)
    else [
        str(Path(__file__).with_name("demo_builder.py")),
        *sorted(str(f) for f in (Path(__file__).resolve().parents[1] / "core").rglob("*.py")),
    ]
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    teams: int
    attempts: int
    database: str = ""
    """Where the demo was put: its file, or its server URL with the password hidden."""
    branches: int = 1


SNAPSHOT_WEEKDAY_PATTERN_DAYS = 7
"""A snapshot's dates move by whole weeks: the history keeps its weekdays (no practice
or queue tickets on a Sunday) and ends in the last week, never after today."""


def cached_demo_database(progress: Callable[[int, int], None] | None = None) -> Path:
    """The demo snapshot for this release and its shipped content, kept in the cache
    folder; ``gui --demo`` and ``svctrainer demo`` copy it and move its dates to end
    this week (:func:`copy_demo_database`), in a moment.

    It is the release's shipped snapshot, unpacked (``services.demo_snapshot``), when
    that was built from this release's content and planners; otherwise it is built here
    once (six months of simulated practice, a minute of CPU). The file's name holds a
    digest of what it was made from (the shipped snapshot's key, or everything that
    shapes the history: the builder, the engines in core, the shipped content) and the
    day it was built on."""
    shipped = shipped_snapshot()
    digest = shipped.key if shipped is not None else demo_digest()
    folder = cache_dir()
    found = [f for f in sorted(folder.glob(f"demo-{digest}-*.sqlite3")) if _built_on(f)]
    if found:
        return found[-1]
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("demo-*.sqlite3"):
        stale.unlink(missing_ok=True)
    for unfinished in folder.glob("demo-*.building-*"):
        if not _builder_alive(unfinished):  # a build that was interrupted
            unfinished.unlink(missing_ok=True)
    if shipped is not None:  # a second or so: the release's own snapshot, unpacked
        cached = folder / f"demo-{digest}-{shipped.built_on}.sqlite3"
        building = cached.with_suffix(f".building-{os.getpid()}")
        try:
            unpack_snapshot(shipped, building, progress)
        except ValueError as exc:  # a damaged install: the demo is still made, slowly
            log.warning("%s; building the demo here instead", exc)
        else:
            building.replace(cached)
            return cached
        digest = demo_digest()
    built_on = datetime.now(UTC).date()
    cached = folder / f"demo-{digest}-{built_on.isoformat()}.sqlite3"
    building = cached.with_suffix(f".building-{os.getpid()}")
    from svctrainer.services.demo_builder import build_demo_database  # noqa: PLC0415 - slow

    build_demo_database(building, progress)
    for side in ("-wal", "-shm"):
        Path(f"{building}{side}").unlink(missing_ok=True)
    building.replace(cached)
    return cached


def demo_digest() -> str:
    """What the demo snapshot was built from: the release, the generators, the content."""
    digest = hashlib.sha256(__version__.encode())
    for module in _DEMO_GENERATORS:  # a changed generator must not reuse an old demo
        digest.update(Path(module).read_bytes())
    for file in bundled_content_files():
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _built_on(snapshot: Path) -> date | None:
    """The day in a snapshot's name (``demo-DIGEST-YYYY-MM-DD.sqlite3``)."""
    try:
        return date.fromisoformat("-".join(snapshot.stem.rsplit("-", 3)[1:]))
    except ValueError:
        return None


def snapshot_shift_days(snapshot: Path, today: date | None = None) -> int:
    """How far the snapshot's dates move so that its history ends this week."""
    built_on = _built_on(snapshot)
    return 0 if built_on is None else shift_days_since(built_on, today)


def shift_days_since(built_on: date, today: date | None = None) -> int:
    """Whole weeks from ``built_on`` to ``today``, in days: how far a history built
    on ``built_on`` moves to end this week with every weekday kept."""
    today = today or datetime.now(UTC).date()
    weeks = max(0, (today - built_on).days) // SNAPSHOT_WEEKDAY_PATTERN_DAYS
    return weeks * SNAPSHOT_WEEKDAY_PATTERN_DAYS


def copy_demo_database(target: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """A demo database at ``target`` (a new or empty file): the snapshot copied to a
    private file beside it, its dates moved to this week, then renamed into place, so an
    interrupted copy leaves nothing half-made behind the name."""
    snapshot = cached_demo_database(progress)
    with output_file(target) as out:
        with snapshot.open("rb") as source, out.binary() as copy:
            shutil.copyfileobj(source, copy, 1024 * 1024)
        shift_sqlite_dates(out.temp, snapshot_shift_days(snapshot), private_copy=True)
    return target


def _builder_alive(path: Path) -> bool:
    """Whether the process named in ``demo-….building-PID[-wal|-shm]`` still runs."""
    pid = path.name.rsplit(".building-", 1)[-1].split("-")[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def fill_demo(
    db: Database, progress: Callable[[int, int], None] | None = None, *, region: bool = False
) -> DemoSummary:
    """``svctrainer demo``: a new SQLite file gets a copy of the (cached) demo database; any
    other empty database (an existing file, a server) gets its rows in one transaction.
    ``region``:
    then two more branches and a region of the three (``services.demo_region``)."""
    summary = _fill_demo(db, progress)
    if not region:
        return summary
    from svctrainer.core.demo_region import OTHER_BRANCHES  # noqa: PLC0415
    from svctrainer.services.demo_region import add_demo_region  # noqa: PLC0415

    more = add_demo_region(db, Actor.command_line(), progress)
    return DemoSummary(
        summary.people + more.people,
        summary.teams + len(OTHER_BRANCHES),
        summary.attempts + more.attempts,
        summary.database,
        more.branches,
    )


def _fill_demo(db: Database, progress: Callable[[int, int], None] | None) -> DemoSummary:
    if db.path is not None and (not db.path.exists() or db.path.stat().st_size == 0):
        db.dispose()
        # Copied beside it and renamed over the empty file: stopped midway, the command
        # leaves an empty database, never a cut-off one.
        copy_demo_database(db.path, progress)
        with db.reading() as session:
            people = session.scalar(select(func.count()).select_from(Person)) or 0
            attempts = session.scalar(select(func.count()).select_from(Attempt)) or 0
        return DemoSummary(int(people), len(TEAMS), int(attempts), db.label)
    from svctrainer.services.schema_upgrade import prepare_schema  # noqa: PLC0415
    from svctrainer.store.bulk_copy import copy_rows  # noqa: PLC0415

    prepare_schema(db)  # a server's schema changes only through 'svctrainer db upgrade'
    with db.reading() as session:
        if session.scalar(select(func.count()).select_from(Person)):
            raise ConflictError(
                f"{db.label} already has people in it; the demo fills only an empty database"
            )
    snapshot = cached_demo_database(progress)
    # Marked first, then poured in one transaction that also removes the mark: a copy
    # stopped midway leaves the mark and no rows ('db check' reports it), never a
    # branch with part of its history.
    with db.writing() as session:
        session.add(Setting(key=DEMO_BUILD_MARK, value={"started": datetime.now(UTC).isoformat()}))
    with db.writing() as session:
        copied = copy_rows(
            snapshot, session, shift_days=snapshot_shift_days(snapshot), progress=progress
        )
        session.execute(delete(Setting).where(Setting.key == DEMO_BUILD_MARK))
    return DemoSummary(
        copied.rows.get(Person.__tablename__, 0),
        len(TEAMS),
        copied.rows.get(Attempt.__tablename__, 0),
        db.label,
    )


@translate_store_errors
def fill_demo_database(
    url: str, progress: Callable[[int, int], None] | None = None, *, region: bool = False
) -> DemoSummary:
    """``svctrainer demo --db URL``: ``fill_demo`` on the database at ``url``."""
    db = Database(resolve_url(url))
    try:
        return fill_demo(db, progress, region=region)
    finally:
        db.dispose()
