"""The same services on a PostgreSQL server: migrations, every service call of the role
matrix, attempts from two workstations at once, the dashboard's SQL aggregates, reports.

A branch may keep its results on one shared server; these tests run the real code on a
real (throwaway) server so SQLite-only SQL cannot creep in unnoticed. They skip, saying
why, where no PostgreSQL server binaries or driver are installed (``setup.sh --test``
installs both).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from branch_support import Branch, MatrixWorld, set_up_world, world_on
from support import FAST_PIN_COST, typed_perfectly
from test_auth import PARALLEL, parallel_sign_ins
from test_people import check_a_refused_edit_changes_nothing
from test_role_matrix import (
    MATRIX,
    ROLES,
    add_other_branch,
    add_regional,
    check_other_branch,
    people_by_role,
    two_branches_on,
)
from test_saved_attempts import concurrent_imports

from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import ROLE_PERMISSIONS
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import PermissionDeniedError, ProfileLockedError
from svctrainer.store.health import check_database

CLI = Actor.command_line()
# Backups, restores and file checks are about the SQLite file; a server is backed up by
# its own administrator (pg_dump), and these refuse a server URL with a clear message.
SQLITE_FILE_ONLY = {"database.backups", "database.backup_now", "database.restore"}


@pytest.fixture
def services(pg_url) -> Iterator[Services]:
    """Overrides the SQLite ``services`` fixture for this module: ``branch`` and
    ``tenkey_attempt`` from tests/conftest.py then stand on the server."""
    svc = Services.open(pg_url, pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def world_template(pg, pg_clones) -> Iterator[tuple[str, MatrixWorld]]:
    """A database holding the role matrix's ``world`` (the branch, its attempt, the
    regional supervisor), set up once on the server: each test's ``world`` is a clone of
    it, as ``pg_url`` is of the migrated one, instead of setting all of it up again (the
    same clone for the next test when a test only read, see ``pg_server.Clones``)."""
    server, template = pg
    name = server.clone(template)
    svc = Services.open(server.url(name), pin_cost=FAST_PIN_COST)
    try:
        world = set_up_world(svc, add_regional)
    finally:
        svc.close()
    yield name, world
    pg_clones.forget(name)
    server.drop(name)


@pytest.fixture
def world(pg, pg_clones, world_template) -> Iterator[Branch]:
    server, _ = pg
    template, records = world_template
    with pg_clones.fresh(template) as name:
        svc = Services.open(server.url(name), pin_cost=FAST_PIN_COST)
        yield world_on(svc, records)
        svc.close()


@pytest.fixture(scope="module")
def two_branches_template(pg, pg_clones, world_template) -> Iterator[tuple[str, Any, Any]]:
    """``world_template`` with Nordby beside it (``add_other_branch``), set up once."""
    server, _ = pg
    name = server.clone(world_template[0])
    svc = Services.open(server.url(name), pin_cost=FAST_PIN_COST)
    try:
        view, other = add_other_branch(world_on(svc, world_template[1]))
    finally:
        svc.close()
    yield name, view, other
    pg_clones.forget(name)
    server.drop(name)


@pytest.fixture
def two_branches(pg, pg_clones, world_template, two_branches_template) -> Iterator[tuple[Any, Any]]:
    server, _ = pg
    template, view, other = two_branches_template
    with pg_clones.fresh(template) as name:
        svc = Services.open(server.url(name), pin_cost=FAST_PIN_COST)
        yield two_branches_on(svc, world_template[1], view, other)
        svc.close()


@pytest.mark.slow
def test_the_demo_fills_a_server_from_the_shipped_snapshot_in_bulk(demo_cache, pg_url, figure):
    """``svctrainer demo --db postgresql://…``: the release's snapshot poured in one
    transaction (not six months played in place), dates moved to this week, the
    server's own copy of the shipped content kept, every attempt pointing at it."""
    import time

    from sqlalchemy import func, select

    from svctrainer.core.demo_branch import DEMO_PEOPLE, DEMO_PIN
    from svctrainer.services.demo import fill_demo_database
    from svctrainer.services.demo_snapshot import read_manifest
    from svctrainer.services.errors import ConflictError
    from svctrainer.store.models import Attempt, ContentItem, Person

    manifest = read_manifest()
    assert manifest is not None
    before = Services.open(pg_url, pin_cost=FAST_PIN_COST)
    with before.db.reading() as session:
        synced = {i.id for i in session.scalars(select(ContentItem))}
    before.close()
    assert synced  # the server's workstations synced the shipped content already
    started = time.monotonic()
    summary = fill_demo_database(pg_url)
    figure(f"demo on PostgreSQL from the shipped snapshot: {time.monotonic() - started:.1f} s")
    assert (summary.people, summary.attempts) == (manifest.people, manifest.attempts)
    report = check_database(pg_url)
    assert report.ok, report.reason
    assert report.tables["attempt"] == manifest.attempts
    svc = Services.open(pg_url, pin_cost=FAST_PIN_COST)
    try:
        with svc.db.reading() as session:
            items = {i.id for i in session.scalars(select(ContentItem))}
            used = set(session.scalars(select(Attempt.content_item_id).distinct()))
            last = session.scalar(select(func.max(Attempt.started_at)))
            ids = list(session.scalars(select(Attempt.id).order_by(Attempt.started_at)))
            teller = session.scalars(
                select(Person).where(Person.employee_number == DEMO_PEOPLE[0].employee_number)
            ).one()
        assert items == synced  # no second copy of any content version
        assert used <= synced
        assert last is not None
        assert datetime.now(UTC) - last < timedelta(weeks=1)
        for attempt_id in ids[::400]:
            assert svc.attempts.rescore(CLI, attempt_id).matches
        assert svc.auth.sign_in(teller.id, DEMO_PIN).person.id == teller.id
    finally:
        svc.close()
    with pytest.raises(ConflictError, match="already has people"):
        fill_demo_database(pg_url)


def test_schema_migrates_and_checks_on_the_server(services, pg_url):
    report = check_database(pg_url)
    assert report.ok, report.reason
    assert report.tables["content_item"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("call_name", sorted(set(MATRIX) - SQLITE_FILE_ONLY))
def test_every_service_call_runs_on_postgresql(world, call_name):
    """Each call as every role: allowed ones run to the end, the others are refused."""
    permission, call = MATRIX[call_name]
    people = people_by_role(world)
    for role in ROLES:
        actor = world.actor(people[role])
        if permission in ROLE_PERMISSIONS[role]:
            call(world, actor)
        else:
            with pytest.raises(PermissionDeniedError):
                call(world, actor)


@pytest.mark.slow
@pytest.mark.parametrize("call_name", sorted(set(MATRIX) - SQLITE_FILE_ONLY))
def test_another_branch_on_the_server_is_out_of_reach(two_branches, call_name):
    """The role matrix's other-branch cases on the server: refused, or nothing of the
    other branch returned or changed."""
    check_other_branch(*two_branches, call_name)


def test_the_region_dashboard_on_the_server(two_branches):
    view, _ = two_branches
    rhea = view.actor(view.regional)
    board = view.services.region.dashboard(rhea, "tenkey-amounts.en")
    assert [r.branch for r in board.rows] == ["Nordby", "Test Branch"]
    assert [r.attempts for r in board.rows] == [1, 1]
    assert view.services.region.overview(rhea) == []  # practice only: nobody tested yet


def test_one_persons_chart_in_every_window_shape_on_the_server(branch):
    """``person_rows``' statement, built once per engine and window shape, reads the
    person's attempts in each window on the server too: the id cast to text, the
    bounds bound as stored times, each call's own values."""
    from progress_support import TENKEY, add_rows, learning_history, points_of

    from svctrainer.core.analytics.rolling import rolling_median
    from svctrainer.core.analytics.series import Metric
    from svctrainer.services.progress_records import DateRange

    svc = branch.services
    svc.content.sync_bundled()
    add_rows(svc, branch.teller.id, learning_history(seed=3, attempts=40))
    family = ("tenkey-amounts-practice.en", "tenkey-amounts-test.en")
    points = points_of(svc, branch.teller.id, family)
    times = sorted(p.started_at for p in points)
    start, end = times[len(times) // 4], times[3 * len(times) // 4]
    for window in (DateRange(), DateRange(start, None), DateRange(None, end),
                   DateRange(start, end)):  # fmt: skip
        chart = svc.progress.person_progress(CLI, branch.teller.id, TENKEY, window)
        inside = [
            p for p in points
            if (window.since is None or p.started_at >= window.since)
            and (window.until is None or p.started_at < window.until)
        ]  # fmt: skip
        assert chart.attempts == len(inside) > 0
        speed = chart.metric(Metric.SPEED)
        assert list(speed.rolling) == rolling_median(inside, Metric.SPEED)
        assert {p.attempt_id for p in speed.excluded} == {
            p.attempt_id for p in inside if not p.valid
        }


def test_two_workstations_record_at_once_and_the_dashboard_aggregates(branch):
    svc = branch.services
    svc.content.sync_bundled()
    record = next(r for r in svc.content.latest(CLI) if r.content_id == "tenkey-amounts-test.en")
    _, definition = svc.content.load(CLI, record.id)
    errors: list[BaseException] = []

    def workstation(person, first_seed: int) -> None:
        actor = branch.actor(person)
        try:
            for n in range(5):
                events = typed_perfectly(definition, Mode.TEST, seed=first_seed + n, items=8)
                svc.attempts.record_drill(
                    actor, record.id, mode=Mode.TEST, seed=first_seed + n, events=events,
                    started_at=datetime.now(UTC) - timedelta(days=20 - n),
                )  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=workstation, args=(branch.teller, 100)),
        threading.Thread(target=workstation, args=(branch.other_teller, 200)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for person in (branch.teller, branch.other_teller):
        assert len(svc.attempts.history(CLI, person.id)) == 5
    board = svc.progress.dashboard(branch.actor(branch.supervisor), "tenkey-amounts.en")
    by_person = {e.person.id: e for e in board.entries}
    assert {branch.teller.id, branch.other_teller.id} <= set(by_person)
    for person in (branch.teller, branch.other_teller):
        assert by_person[person.id].summary.progress.tests == 5
    summary = svc.progress.branch_summary(branch.actor(branch.supervisor))
    tenkey = next(s for s in summary.skills if s.family.key == "tenkey-amounts")
    assert tenkey.tested == 2  # the branch summary's figures on the server too
    assert tenkey.with_gain == 2


def test_file_backups_are_refused_on_a_server_with_the_reason(services):
    from svctrainer.services.errors import ServiceError
    from svctrainer.store.errors import StoreError

    for call in (services.database.backups, services.database.backup_now):
        with pytest.raises((ServiceError, StoreError)) as refused:
            call(CLI)
        assert "SQLite" in str(refused.value) or "server" in str(refused.value)


def test_queue_tickets_import_and_aggregate_on_a_server(branch, tmp_path):
    """The queue import's bulk insert, the per-hour figures and the SQL count of waits
    over the target give on PostgreSQL exactly what the same export gives on its own."""
    from zoneinfo import ZoneInfo

    from queue_support import ZONE, write_export

    from svctrainer.core.queueing.ticket_export import decode, parse_export
    from svctrainer.core.queueing.ticket_hours import hour_stats, measure
    from svctrainer.services.queue_data import ImportOptions, TicketFileError

    svc = branch.services
    export = write_export(tmp_path / "tickets.csv", days=3)
    result = svc.queue_data.import_file(
        branch.actor(branch.supervisor), export, ImportOptions(zone=ZONE)
    )
    assert result.added == result.rows
    again = svc.queue_data.import_file(CLI, export, ImportOptions(zone=ZONE))
    assert again.added == 0
    text, _ = decode(export.read_bytes())
    tickets = parse_export(text, str(export), zone=ZoneInfo(ZONE)).tickets
    over: dict[int, int] = {}
    for t in tickets:
        if t.wait_s is not None and t.wait_s > 600:
            over[t.local_hour] = over.get(t.local_hour, 0) + 1
    assert svc.queue_data.measured(CLI, target_s=600) == measure(hour_stats(tickets), over, 600)
    bad = tmp_path / "bad.csv"
    lines = export.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(lines[3].split(",")[2], "2026-13-01 09:00:00")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TicketFileError):
        svc.queue_data.import_file(CLI, bad, ImportOptions(zone="Europe/Paris"))
    assert len(svc.queue_data.imports(CLI)) == 1


def test_sixteen_parallel_sign_ins_check_at_most_five_pins_on_the_server(
    branch, monkeypatch, figure
):
    """The lockout holds on a server too: admission takes the person's row with
    SELECT … FOR UPDATE, so 16 workstations signing in at once check at most 5 PINs."""
    result = parallel_sign_ins(branch, monkeypatch)
    assert len(result["outcomes"]) == PARALLEL
    assert len(result["evaluated"]) <= 5
    locked = [o for o in result["outcomes"].values() if isinstance(o, ProfileLockedError)]
    assert len(locked) >= PARALLEL - 5
    figure(
        f"lockout, PostgreSQL: {PARALLEL} parallel sign-ins checked "
        f"{len(result['evaluated'])} PINs, {len(locked)} refused as locked"
    )


def test_two_concurrent_imports_of_the_same_files_store_each_once_on_the_server(branch):
    """56 rows for 40 files before the unique fingerprint; one each now."""
    assert concurrent_imports(branch) == 40


def test_a_refused_edit_changes_nothing_on_the_server(branch):
    """One transaction on PostgreSQL too: the refused roles part undoes the whole edit."""
    check_a_refused_edit_changes_nothing(branch)
