"""Every service call that takes an actor, tried by every role.

The table below names the permission each call needs. The test fails when a call lets
in a role without that permission (a check was removed), when it refuses a role that
has it, or when a new service call appears without an entry here.
"""

from __future__ import annotations

import inspect
import itertools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from branch_support import MatrixWorld, set_up_world, world_on
from queue_support import write_export
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.content_files import check_content_file
from svctrainer.core.contest.rules import ContestRules
from svctrainer.core.output_files import OutputFile
from svctrainer.core.roles import ROLE_PERMISSIONS, Permission, Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.branch_key import workstation_key
from svctrainer.services.errors import NotFoundError, PermissionDeniedError
from svctrainer.services.queue_data import DayRange, ImportOptions

# Every check runs on a copy of a database that already holds the shipped content (the
# world's own sync then stores nothing): seconds of parsing once, not once per call.
pytestmark = pytest.mark.shipped_content

Call = Callable[[Any, Actor], object]
_names = itertools.count()


def _unique(prefix: str) -> str:
    return f"{prefix}{next(_names)}"


MATRIX: dict[str, tuple[Permission, Call]] = {
    "people.list_people": (Permission.MANAGE_PEOPLE, lambda b, a: b.services.people.list_people(a)),
    "people.list_teams": (Permission.PRACTISE, lambda b, a: b.services.people.list_teams(a)),
    "people.create_team": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.create_team(a, _unique("Team ")),
    ),
    "people.create_person": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.create_person(
            a, name="Matrix", employee_number=_unique("M"), pin="1234", roles=[Role.TELLER]
        ),
    ),
    "people.update_person": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.update_person(a, b.other_teller.id, name="Renamed"),
    ),
    "people.set_roles": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.set_roles(a, b.other_teller.id, [Role.TELLER, Role.TRAINER]),
    ),
    "people.edit_person": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.edit_person(
            a,
            b.other_teller.id,
            name="Edited",
            employee_number=b.other_teller.employee_number,
            team_id=b.other_teller.team_id,
            roles=[Role.TELLER],
        ),
    ),
    "people.find_by_employee_number": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.find_by_employee_number(a, b.other_teller.employee_number),
    ),
    "people.set_active": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.set_active(a, b.outsider_teller.id, False),
    ),
    "people.reset_pin": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.reset_pin(a, b.other_teller.id, "1357"),
    ),
    "people.set_team_trainers": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.people.set_team_trainers(a, b.team_b.id, [b.trainer.id]),
    ),
    "audit.recent": (Permission.VIEW_AUDIT, lambda b, a: b.services.audit.recent(a)),
    # Content: anyone signed in may read it; importing is the trainers' job.
    "content.latest": (Permission.PRACTISE, lambda b, a: b.services.content.latest(a)),
    "forms.sample": (
        Permission.PRACTISE,
        lambda b, a: b.services.forms.sample(
            a, next(r for r in b.services.content.latest(CLI) if r.kind == "drill").content_id, 7
        ),
    ),
    "content.load": (
        Permission.PRACTISE,
        lambda b, a: b.services.content.load(a, b.services.content.latest(CLI)[0].id),
    ),
    "content.versions": (
        Permission.PRACTISE,
        lambda b, a: b.services.content.versions(a, "tenkey-amounts-practice.en"),
    ),
    "content.import_files": (
        Permission.MANAGE_CONTENT,
        lambda b, a: b.services.content.import_files(
            a, [REPO_DRILLS / "tenkey-amounts-test.en.toml"]
        ),
    ),
    "content.import_checked": (
        Permission.MANAGE_CONTENT,
        lambda b, a: b.services.content.import_checked(
            a, [check_content_file(REPO_DRILLS / "data-entry-test.en.toml")]
        ),
    ),
    # Attempts: recording is one's own; reading another's needs them in scope (Tess is
    # in team A, which the trainer looks after; the supervisor sees the whole branch).
    "attempts.record_drill": (Permission.PRACTISE, lambda b, a: _record_own(b, a)),  # noqa: PLW0108 - defined below
    "attempts.get": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.get(a, b.attempt.id),
    ),
    "attempts.history": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.history(a, b.other_teller.id),
    ),
    "attempts.compare": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.compare(a, b.attempt),
    ),
    "attempts.events": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.events(a, b.attempt.id),
    ),
    "attempts.replayed_details": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.replayed_details(
            a, b.other_teller.id, "tenkey-amounts-practice.en"
        ),
    ),
    "attempts.rescore": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.rescore(a, b.attempt.id),
    ),
    "attempts.rescore_many": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.rescore_many(a, [b.attempt.id]),
    ),
    "attempts.invalidate": (
        Permission.INVALIDATE_RESULT,
        lambda b, a: b.services.attempts.invalidate(a, b.attempt.id, "matrix test"),
    ),
    "branch_key.info": (Permission.MANAGE_DATABASE, lambda b, a: b.services.branch_key.info(a)),
    "branch_key.export": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.branch_key.export(a, _out(b, "branch.key.txt")),
    ),
    "branch_key.install": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.branch_key.install(
            a,
            workstation_key().to_text(),  # the key already installed: nothing changes
        ),
    ),
    "saved_attempts.import_file": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.saved_attempts.import_file(a, _saved_copy(b.attempt), "m.json"),
    ),
    # Offline sync: an export carries a branch's results out, an import writes them. On
    # the other branch (below) the export names Nordby and the bundle imported is Nordby's.
    "sync.export": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.sync.export(
            a, _out(b, "sync-export.zip"), branch=getattr(b, "bundle_branch", None)
        ),
    ),
    "sync.import_file": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.sync.import_file(a, _own_bundle(b)),
    ),
    # Workstations tied to a branch: admins, for their own branch's workstations. On the
    # other branch (below) the workstation is one Nordby's admin tied to Nordby.
    "workstations.ties": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.workstations.ties(a),
    ),
    "workstations.set_branch": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.workstations.set_branch(a, workstation=_station(b)),
    ),
    "workstations.clear_branch": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.workstations.clear_branch(a, _station(b)),
    ),
    "attempts.record_scenario": (Permission.PRACTISE, lambda b, a: _record_scenario_own(b, a)),  # noqa: PLW0108 - defined below
    "attempts.decisions": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.decisions(a, _scenario_attempt(b).id),
    ),
    # Assignments: trainers assign within their teams; reading another person's needs
    # them in scope, like their results.
    "assignments.create": (
        Permission.ASSIGN,
        lambda b, a: b.services.assignments.create(
            a, targets={"tenkey-amounts-practice.en": {}}, team_ids=[b.team_a.id]
        ),
    ),
    "assignments.update": (
        Permission.ASSIGN,
        lambda b, a: b.services.assignments.update(
            a, _cli_assignment(b).id, target={}, due_on=None, min_practice=1, note="matrix"
        ),
    ),
    "assignments.cancel": (
        Permission.ASSIGN,
        lambda b, a: b.services.assignments.cancel(a, _cli_assignment(b).id, "matrix test"),
    ),
    "assignments.for_person": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.assignments.for_person(a, b.other_teller.id),
    ),
    "assignments.open_count": (
        Permission.PRACTISE,
        lambda b, a: b.services.assignments.open_count(a),
    ),
    "assignments.test_allowance": (
        Permission.PRACTISE,
        lambda b, a: b.services.assignments.test_allowance(a, "tenkey-amounts-test.en"),
    ),
    "assignments.require_test_allowed": (
        Permission.PRACTISE,
        lambda b, a: b.services.assignments.require_test_allowed(a, "tenkey-amounts-test.en"),
    ),
    "assignments.for_trainer": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.assignments.for_trainer(a),
    ),
    "assignments.counts_by_person": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.assignments.counts_by_person(a),
    ),
    "assignments.roster": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.assignments.roster(a),
    ),
    # Hand counts: trainers log them for people in their teams (Tess is in team A).
    "hand_count.people": (
        Permission.LOG_HAND_COUNT,
        lambda b, a: b.services.hand_count.people(a),
    ),
    "hand_count.record": (
        Permission.LOG_HAND_COUNT,
        lambda b, a: b.services.hand_count.record(
            a,
            b.other_teller.id,
            b.attempt.started_at.date(),
            minutes=5,
            notes_counted=500,
            defects_found=2,
            banding_penalties=0,
        ),
    ),
    "hand_count.list_recent": (
        Permission.LOG_HAND_COUNT,
        lambda b, a: b.services.hand_count.list_recent(a, b.other_teller.id),
    ),
    # Progress and the dashboard: another person's figures need them in scope (Tess is
    # in team A); the dashboard and team figures need VIEW_TEAM_RESULTS.
    "progress.families": (Permission.PRACTISE, lambda b, a: b.services.progress.families(a)),
    "progress.activity": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.activity(a, b.other_teller.id),
    ),
    "progress.person_progress": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.person_progress(a, b.other_teller.id, TENKEY),
    ),
    "progress.key_heatmap": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.key_heatmap(a, b.other_teller.id, TENKEY),
    ),
    "progress.scenario_progress": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.scenario_progress(
            a,
            b.other_teller.id,
            next(f.key for f in b.services.progress.families(CLI) if f.is_scenario),
        ),
    ),
    "progress.person_customer_time": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.person_customer_time(a, b.other_teller.id),
    ),
    "progress.dashboard": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.dashboard(a, TENKEY),
    ),
    "progress.branch_summary": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.branch_summary(a),
    ),
    "progress.team_customer_time": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.team_customer_time(a, b.team_a.id),
    ),
    "progress.needs_checking": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.needs_checking(a),
    ),
    "progress.assignment_counts": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.assignment_counts(a),
    ),
    "progress.practised": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.progress.practised(a),
    ),
    "standards.compliance_by_level": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.standards.compliance_by_level(a),
    ),
    "settings.transaction_mix": (
        Permission.PRACTISE,
        lambda b, a: b.services.settings.transaction_mix(a),
    ),
    "settings.set_transaction_mix": (
        Permission.MANAGE_SETTINGS,
        lambda b, a: b.services.settings.set_transaction_mix(
            a, b.services.settings.transaction_mix(CLI).mix
        ),
    ),
    # Queue data: the branch's operational figures; importing is a supervisor's job.
    "queue_data.import_file": (
        Permission.MANAGE_SETTINGS,
        lambda b, a: b.services.queue_data.import_file(a, _queue_export(b), QUEUE_OPTIONS),
    ),
    "queue_data.imports": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.queue_data.imports(a),
    ),
    "queue_data.delete_import": (
        Permission.MANAGE_SETTINGS,
        lambda b, a: b.services.queue_data.delete_import(a, _queue_import(b)),
    ),
    "queue_data.measured": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.queue_data.measured(a, target_s=600),
    ),
    "queue_data.comparison": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.queue_data.comparison(a, DayRange(), DayRange(), 600),
    ),
    "settings.pin_policy": (
        Permission.PRACTISE,
        lambda b, a: b.services.settings.pin_policy(a),
    ),
    "settings.set_pin_policy": (
        Permission.MANAGE_PEOPLE,
        lambda b, a: b.services.settings.set_pin_policy(a, min_digits=4),
    ),
    # Reports: EXPORT_REPORTS, and only people in scope.
    "reports.attempts_csv": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.attempts_csv(
            a, _out(b, "a.csv"), person_id=b.other_teller.id
        ),
    ),
    "reports.dashboard_csv": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.dashboard_csv(a, _out(b, "d.csv"), [TENKEY]),
    ),
    "reports.xapi": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.xapi(a, _out(b, "x.json"), person_id=b.other_teller.id),
    ),
    "reports.person_report": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.person_report(a, b.other_teller.id),
    ),
    "reports.team_report": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.team_report(a, b.team_a.id),
    ),
    "reports.branch_report": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.branch_report(a),
    ),
    "reports.branch_summary_pdf": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.branch_summary_pdf(a, _out(b, "b.pdf"), _fake_render),
    ),
    "reports.person_pdf": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.person_pdf(
            a, _out(b, "p.pdf"), b.other_teller.id, _fake_render
        ),
    ),
    "reports.record_pdf": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.record_pdf(
            a, _pdf(b, "r.pdf"), b.services.reports.team_report(CLI, b.team_a.id), 1
        ),
    ),
    "reports.team_pdf": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.team_pdf(a, _out(b, "t.pdf"), b.team_a.id, _fake_render),
    ),
    # Branches and regions on a shared server: the server administrator's (command line).
    "branches.list_branches": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.list_branches(a),
    ),
    "branches.create_branch": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.create_branch(a, _unique("Branch ")),
    ),
    "branches.rename_branch": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.rename_branch(a, HOME, HOME),
    ),
    "branches.list_regions": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.list_regions(a),
    ),
    "branches.create_region": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.create_region(a, _unique("Region "), [HOME]),
    ),
    "branches.set_region_branches": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.set_region_branches(a, HOME_REGION, [HOME]),
    ),
    "branches.add_region_supervisor": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.add_region_supervisor(a, HOME_REGION, b.regional.id),
    ),
    "branches.remove_region_supervisor": (
        Permission.MANAGE_BRANCHES,
        lambda b, a: b.services.branches.remove_region_supervisor(a, HOME_REGION, b.trainer.id),
    ),
    # The region dashboard: regional supervisors (aggregates of the branches they read).
    "region.regions": (Permission.VIEW_REGION_RESULTS, lambda b, a: b.services.region.regions(a)),
    "region.dashboard": (
        Permission.VIEW_REGION_RESULTS,
        lambda b, a: b.services.region.dashboard(a, TENKEY),
    ),
    "region.overview": (
        Permission.VIEW_REGION_RESULTS,
        lambda b, a: b.services.region.overview(a),
    ),
    # Contests: trainers run them; everyone who practises takes part and sees the board.
    "contests.create": (
        Permission.ASSIGN,
        lambda b, a: b.services.contests.create(
            a, _unique("Cup "), [CONTEST_DRILL], ContestRules()
        ),
    ),
    "contests.eligible_drills": (
        Permission.ASSIGN,
        lambda b, a: b.services.contests.eligible_drills(a),
    ),
    "contests.open": (
        Permission.ASSIGN,
        lambda b, a: b.services.contests.open(a, _contest(b, "draft")),
    ),
    "contests.start": (
        Permission.ASSIGN,
        lambda b, a: b.services.contests.start(a, _contest(b, "open")),
    ),
    "contests.close": (
        Permission.ASSIGN,
        lambda b, a: b.services.contests.close(a, _contest(b, "running")),
    ),
    "contests.in_branch": (Permission.PRACTISE, lambda b, a: b.services.contests.in_branch(a)),
    "contests.server_time": (
        Permission.PRACTISE,
        lambda b, a: b.services.contests.server_time(a),
    ),
    "contests.get": (
        Permission.PRACTISE,
        lambda b, a: b.services.contests.get(a, _contest(b, "open")),
    ),
    "contests.results": (
        Permission.PRACTISE,
        lambda b, a: b.services.contests.results(a, _contest(b, "running")),
    ),
    "contests.begin_attempt": (
        Permission.PRACTISE,
        lambda b, a: b.services.contests.begin_attempt(a, _contest(b, "running"), CONTEST_DRILL),
    ),
    "reports.contest_csv": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.contest_csv(a, _out(b, "c.csv"), _contest(b, "running")),
    ),
    "reports.contest_pdf": (
        Permission.EXPORT_REPORTS,
        lambda b, a: b.services.reports.contest_pdf(
            a, _out(b, "c.pdf"), _contest(b, "running"), _fake_render
        ),
    ),
    "database.backups": (Permission.MANAGE_DATABASE, lambda b, a: b.services.database.backups(a)),
    "database.health": (Permission.MANAGE_DATABASE, lambda b, a: b.services.database.health(a)),
    "database.backup_now": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.database.backup_now(a),
    ),
    "database.restore": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.database.restore(
            a, b.services.database.backup_now(Actor.command_line())
        ),
    ),
}

# Calls that act only on the caller themself: any signed-in person may make them.
SELF_SERVICE = {
    "auth.change_own_pin",
    "auth.sign_out",  # audits the end of one's own session
    # A result the database refused, signed for its own taker (no database needed).
    "saved_attempts.signed_file_text",
    # Checkpoints are one's own attempt in progress; other people's cannot be reached.
    "drafts.save",
    "drafts.clear",
    "drafts.mine",
    "drafts.keep",
    "drafts.discard",
}
CLI = Actor.command_line()


def _saved_copy(attempt) -> bytes:
    """A saved-attempt file of an attempt already stored: importing it stores nothing."""
    from svctrainer.core.saved_attempt import DRILL, SavedAttempt, saved_attempt_json

    saved = SavedAttempt(
        DRILL,
        attempt.person_id,
        attempt.content_item_id,
        attempt.content_id,
        attempt.mode,
        attempt.started_at,
        b"",
    )
    return saved_attempt_json(saved).encode()


TENKEY = "tenkey-amounts.en"  # the ten-key family: practice and test packs
HOME = "Test Branch"
HOME_REGION = "Home Region"


def _own_bundle(b: Any) -> Path:
    """A sync bundle of the branch's own results (on the other branch's view: Nordby's):
    importing it finds them identical."""
    path = _out(b, _unique("sync-") + ".zip")
    b.services.sync.export(Actor.command_line(), path, branch=getattr(b, "bundle_branch", HOME))
    return path


def _station(b: Any) -> str:
    """A counter workstation: the test branch's own (tied by the call, or not tied), or on
    the other branch's view one tied to Nordby."""
    return getattr(b, "station", "counter-1")


def _out(b: Any, name: str) -> Path:
    """A file beside the test's database (each test has its own folder); on a server,
    in a fresh temporary folder."""
    if b.services.db.path is None:
        return Path(tempfile.mkdtemp(prefix="svctrainer-matrix-")) / name
    return b.services.db.path.parent / name


QUEUE_OPTIONS = ImportOptions(zone="Asia/Shanghai")


def _queue_export(b: Any) -> Path:
    path = _out(b, "tickets.csv")
    if not path.exists():
        write_export(path, days=1)
    return path


def _queue_import(b: Any) -> Any:
    """An import to delete: the one stored, or a new one (by the command line)."""
    if getattr(b, "queue_import_id", None) is not None:  # another branch's (see below)
        return b.queue_import_id
    stored = b.services.queue_data.imports(CLI)
    if stored:
        return stored[0].id
    return b.services.queue_data.import_file(CLI, _queue_export(b), QUEUE_OPTIONS).import_id


def _pdf(b: Any, name: str) -> OutputFile:
    """A PDF the GUI has rendered, for ``record_pdf`` to audit and put in place."""
    rendered = OutputFile(_out(b, name))
    rendered.temp.write_bytes(b"%PDF-1.4\n")
    return rendered


CONTEST_DRILL = "tenkey-amounts-test.en"


def _contest(b: Any, state: str) -> str:
    """A new contest in ``state`` (a running one is live: no countdown, started now)."""
    name = _unique("Contest ")
    contests = b.services.contests
    contests.create(CLI, name, [CONTEST_DRILL], ContestRules(countdown_s=0),
                    publish=state != "draft")  # fmt: skip
    if state == "running":
        contests.start(CLI, name)
    return name


def _fake_render(report: Any, path: Path) -> int:
    """Stands in for the Qt PDF renderer: the matrix tests the checks, not the drawing."""
    path.write_bytes(b"%PDF-1.4\n")
    return 1


REPO_DRILLS = Path(__file__).resolve().parents[2] / "drills"


def _record_own(b: Any, actor: Actor) -> object:
    if actor.is_admin_tool:  # the command line is nobody: it has no attempts of its own
        with pytest.raises(PermissionDeniedError):
            _record(b, actor)
        return None
    return _record(b, actor)


def _record(b: Any, actor: Actor) -> object:
    from datetime import UTC, datetime

    from svctrainer.core.packs.definition import Mode

    item = next(
        r for r in b.services.content.latest(CLI) if r.content_id == "tenkey-amounts-practice.en"
    )
    _, definition = b.services.content.load(CLI, item.id)
    return b.services.attempts.record_drill(
        actor,
        item.id,
        mode=Mode.PRACTICE,
        seed=3,
        events=typed_perfectly(definition, Mode.PRACTICE, 3),
        started_at=datetime.now(UTC),
    )


def _cli_assignment(b: Any) -> Any:
    """A fresh assignment for team A (which the trainer looks after), made by the CLI."""
    if getattr(b, "assignment", None) is not None:  # another branch's (see below)
        return b.assignment
    return b.services.assignments.create(
        CLI, targets={"tenkey-amounts-practice.en": {}}, team_ids=[b.team_a.id]
    )[0]


def _record_scenario_own(b: Any, actor: Actor) -> object:
    if actor.is_admin_tool:  # the command line has no runs of its own
        with pytest.raises(PermissionDeniedError):
            _record_scenario(b, actor)
        return None
    return _record_scenario(b, actor)


def _record_scenario(b: Any, actor: Actor) -> object:
    from datetime import UTC, datetime

    from svctrainer.core.scenarios.analysis import best_result

    latest = b.services.content.latest(CLI)
    item = next(r for r in latest if r.content_id == "sample-queue-wait.en")
    _, scenario = b.services.content.load(CLI, item.id)
    log = best_result(scenario).log
    return b.services.attempts.record_scenario(actor, item.id, "practice", log, datetime.now(UTC))


def _scenario_attempt(b: Any) -> Any:
    """A scenario run by Tess (team A), recorded once per test."""
    if getattr(b, "scenario_attempt", None) is None:
        b.scenario_attempt = _record_scenario(b, b.actor(b.other_teller))
    return b.scenario_attempt


def _service_calls() -> set[str]:
    """Public methods of every service whose first parameter is the acting person."""
    found: set[str] = set()
    for name, cls in _service_classes().items():
        for method_name, method in inspect.getmembers(cls, inspect.isfunction):
            if method_name.startswith("_"):
                continue
            params = list(inspect.signature(method).parameters)
            if len(params) > 1 and params[1] == "actor":
                found.add(f"{name}.{method_name}")
    return found


def _service_classes() -> dict[str, type]:
    from svctrainer.services.assignments import AssignmentService
    from svctrainer.services.attempts import AttemptService
    from svctrainer.services.audit import AuditService
    from svctrainer.services.auth import AuthService
    from svctrainer.services.branch_key import BranchKeyService
    from svctrainer.services.branches import BranchService
    from svctrainer.services.content import ContentService
    from svctrainer.services.contests import ContestService
    from svctrainer.services.database_admin import DatabaseAdminService
    from svctrainer.services.drafts import DraftService
    from svctrainer.services.form_samples import FormSamples
    from svctrainer.services.hand_count import HandCountService
    from svctrainer.services.people import PeopleService
    from svctrainer.services.progress import ProgressService
    from svctrainer.services.queue_data import QueueDataService
    from svctrainer.services.region_dashboard import RegionDashboardService
    from svctrainer.services.reports import ReportService
    from svctrainer.services.saved_attempts import SavedAttemptService
    from svctrainer.services.service_standards import StandardsService
    from svctrainer.services.settings import SettingsService
    from svctrainer.services.sync import SyncService
    from svctrainer.services.workstations import WorkstationService

    return {
        "people": PeopleService,
        "audit": AuditService,
        "database": DatabaseAdminService,
        "branch_key": BranchKeyService,
        "auth": AuthService,
        "content": ContentService,
        "attempts": AttemptService,
        "drafts": DraftService,
        "saved_attempts": SavedAttemptService,
        "assignments": AssignmentService,
        "hand_count": HandCountService,
        "progress": ProgressService,
        "settings": SettingsService,
        "queue_data": QueueDataService,
        "reports": ReportService,
        "standards": StandardsService,
        "forms": FormSamples,
        "branches": BranchService,
        "region": RegionDashboardService,
        "contests": ContestService,
        "sync": SyncService,
        "workstations": WorkstationService,
    }


def test_every_service_is_in_the_matrix(services):
    built = {name: type(getattr(services, name)) for name in services.names()}
    assert built == _service_classes(), "add the new service to the role matrix"


def test_every_service_call_is_in_the_matrix():
    assert _service_calls() == set(MATRIX) | SELF_SERVICE


ROLES = [Role.TELLER, Role.TRAINER, Role.SUPERVISOR, Role.ADMIN, Role.REGIONAL_SUPERVISOR]


def add_regional(branch: Any) -> Any:
    """Rhea, the branch's regional supervisor, reading the region of this one branch."""
    svc = branch.services
    branch.regional = svc.people.create_person(
        CLI, name="Rhea Regional", employee_number="G1", pin=branch.pin,
        roles=[Role.REGIONAL_SUPERVISOR],
    )  # fmt: skip
    svc.branches.create_region(CLI, HOME_REGION, [HOME])
    svc.branches.add_region_supervisor(CLI, HOME_REGION, branch.regional.id)
    return branch


def people_by_role(branch: Any) -> dict[Role, Any]:
    return {
        Role.TELLER: branch.teller,
        Role.TRAINER: branch.trainer,
        Role.SUPERVISOR: branch.supervisor,
        Role.ADMIN: branch.admin,
        Role.REGIONAL_SUPERVISOR: branch.regional,
    }


@dataclass(frozen=True)
class MatrixTemplates:
    """The databases the matrix's tests start from, set up once per module: ``world``
    alone, and ``world`` with Nordby beside it (``add_other_branch``), with the records
    each holds. Every test copies one instead of setting it up again (two thirds of a
    second of CPU each, for 300 tests)."""

    world_file: Path
    world: MatrixWorld
    both_file: Path
    view: SimpleNamespace
    other: SimpleNamespace


def _checkpointed(svc: Any) -> None:
    with svc.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    svc.close()


@pytest.fixture(scope="module")
def matrix_templates(shipped_content_db, tmp_path_factory) -> MatrixTemplates:
    folder = tmp_path_factory.mktemp("matrix")
    world_file, both_file = folder / "world.sqlite3", folder / "both.sqlite3"
    shutil.copyfile(shipped_content_db, world_file)
    svc = Services.open(str(world_file), pin_cost=FAST_PIN_COST)
    try:
        world = set_up_world(svc, add_regional)
    finally:
        _checkpointed(svc)
    shutil.copyfile(world_file, both_file)
    svc = Services.open(str(both_file), pin_cost=FAST_PIN_COST)
    try:
        view, other = add_other_branch(world_on(svc, world))
    finally:
        _checkpointed(svc)
    return MatrixTemplates(world_file, world, both_file, view, other)


def _open_copy(source: Path, tmp_path: Path) -> Any:
    path = tmp_path / "svctrainer.sqlite3"
    shutil.copyfile(source, path)
    return Services.open(str(path), pin_cost=FAST_PIN_COST)


@pytest.fixture
def world(matrix_templates: MatrixTemplates, tmp_path: Path) -> Iterator[Any]:
    """The test branch, its content, one attempt by Tess (team A) and Rhea, the regional
    supervisor (``set_up_world``), on a copy of the module's template."""
    svc = _open_copy(matrix_templates.world_file, tmp_path)
    yield world_on(svc, matrix_templates.world)
    svc.close()


def two_branches_on(svc: Any, world: MatrixWorld, view: Any, other: Any) -> tuple[Any, Any]:
    """``add_other_branch``'s (view, other) on ``svc``, a copy of the database it made
    them in: the records are the same, the services and the home branch are ``svc``'s."""
    home = world_on(svc, world)
    moved = SimpleNamespace(**{**vars(view), "services": svc, "actor": home.actor, "home": home})
    return moved, SimpleNamespace(**vars(other))


@pytest.mark.parametrize("call_name", sorted(MATRIX))
def test_role_check(world, call_name):
    """Each role in turn on one branch (a branch per call, not per call and role, keeps
    the checks quick): allowed roles run the call to the end, the others are refused
    before anything changes."""
    branch = world
    permission, call = MATRIX[call_name]
    people = people_by_role(branch)
    for role in ROLES:
        actor = branch.actor(people[role])
        if permission in ROLE_PERMISSIONS[role]:
            call(branch, actor)
        else:
            with pytest.raises(PermissionDeniedError):
                call(branch, actor)


@pytest.mark.parametrize("call_name", sorted(MATRIX))
def test_command_line_may_do_everything(world, call_name):
    MATRIX[call_name][1](world, Actor.command_line())


# -- the other branch -------------------------------------------------------------------
#
# A second branch, Nordby, on the same database: people of every role (sharing employee
# numbers with the test branch: numbers are unique per branch only), a team with its
# trainer, an attempt and a scenario run, an assignment, a hand count, a queue import
# and its own transaction mix. Every call of the matrix is then made by every role of
# the test branch against Nordby's records (its people, team, attempt, assignment, queue
# import). Each must be refused, or return and write nothing of Nordby's; and nothing of
# Nordby's may change. The test branch's regional supervisor reads a region of both
# branches: the region dashboard may name Nordby (aggregates), nothing else may.

OTHER = "Nordby"
SURNAME = "Vesterhav"  # every person and team of the other branch carries it


def add_other_branch(world: Any) -> tuple[Any, Any]:
    """(the matrix's ``b`` pointed at Nordby's records, Nordby's records)."""
    from datetime import date

    svc = world.services
    svc.branches.create_branch(CLI, OTHER)
    team = svc.people.create_team(CLI, f"{SURNAME} Team", branch=OTHER)

    def person(first: str, number: str, role: Role, team_id: Any = None) -> Any:
        return svc.people.create_person(
            CLI, name=f"{first} {SURNAME}", employee_number=number, pin=world.pin,
            roles=[role], team_id=team_id, branch=OTHER,
        )  # fmt: skip

    other = SimpleNamespace(
        admin=person("Nils", "A1", Role.ADMIN),
        supervisor=person("Siri", "S1", Role.SUPERVISOR),
        trainer=person("Tor", "R1", Role.TRAINER, team.id),
        teller=person("Tove", "T2", Role.TELLER, team.id),
        teller2=person("Ulf", "T3", Role.TELLER, team.id),
        team=team,
    )
    svc.people.set_team_trainers(CLI, team.id, [other.trainer.id])
    act = world.actor
    other.attempt = _record(world, act(other.teller))
    other.scenario = _record_scenario(world, act(other.teller))
    other.assignment = svc.assignments.create(
        CLI, targets={"tenkey-amounts-practice.en": {}}, team_ids=[team.id]
    )[0]
    svc.hand_count.record(
        act(other.trainer), other.teller.id, date(2026, 11, 20), minutes=5,
        notes_counted=480, defects_found=1, banding_penalties=0,
    )  # fmt: skip
    other.queue_import = svc.queue_data.import_file(
        act(other.supervisor), _queue_export(world), QUEUE_OPTIONS
    ).import_id
    svc.settings.set_transaction_mix(act(other.supervisor), svc.settings.transaction_mix(CLI).mix)
    svc.branches.create_region(CLI, "Both", [HOME, OTHER])
    svc.branches.add_region_supervisor(CLI, "Both", world.regional.id)
    view = SimpleNamespace(
        services=svc,
        actor=world.actor,
        pin=world.pin,
        other_teller=other.teller,
        outsider_teller=other.teller2,
        team_a=team,
        team_b=team,
        trainer=other.trainer,
        regional=world.regional,
        attempt=other.attempt,
        scenario_attempt=other.scenario,
        assignment=other.assignment,
        queue_import_id=other.queue_import,
        bundle_branch=OTHER,
        station=f"{OTHER}-counter-1",
    )
    svc.workstations.set_branch(act(other.admin), workstation=view.station)
    return view, other


def other_branch_state(svc: Any, other: Any) -> dict[str, Any]:
    """Every row of the other branch a call could change, as plain values: every column
    of each table, read as rows (no ORM objects to build and take apart again: loading
    them was a fifth of the other-branch tests' CPU, twice a test)."""
    from sqlalchemy import or_, select

    from svctrainer.store.models import (
        Assignment,
        Attempt,
        Branch,
        Person,
        PersonRole,
        QueueImport,
        QueueTicket,
        Setting,
        Team,
        TeamTrainer,
        WorkstationBranch,
    )

    def rows(session: Any, query: Any) -> list[tuple[Any, ...]]:
        return sorted(tuple(repr(value) for value in row) for row in session.execute(query))

    def every(model: Any) -> Any:
        return select(model.__table__)  # all its columns, each through its own type

    with svc.db.reading() as session:
        branch_id = session.scalar(select(Branch.id).where(Branch.name == OTHER))
        people = select(Person.id).where(Person.branch_id == branch_id)
        return {
            "branch": rows(session, every(Branch).where(Branch.id == branch_id)),
            "people": rows(session, every(Person).where(Person.branch_id == branch_id)),
            "roles": rows(session, every(PersonRole).where(PersonRole.person_id.in_(people))),
            "teams": rows(session, every(Team).where(Team.branch_id == branch_id)),
            "trainers": rows(
                session, every(TeamTrainer).where(TeamTrainer.team_id == other.team.id)
            ),
            "attempts": rows(session, every(Attempt).where(Attempt.person_id.in_(people))),
            "assignments": rows(
                session,
                every(Assignment).where(
                    or_(Assignment.team_id == other.team.id, Assignment.person_id.in_(people))
                ),
            ),
            "queue": rows(session, every(QueueImport).where(QueueImport.branch_id == branch_id)),
            "tickets": [
                (n,) for n in session.scalars(
                    select(func_count()).select_from(QueueTicket)
                    .where(QueueTicket.branch_id == branch_id)
                )
            ],
            "workstations": rows(
                session, every(WorkstationBranch).where(WorkstationBranch.branch_id == branch_id)
            ),
            "settings": rows(
                session, every(Setting).where(Setting.key.like(f"%@{branch_id.hex}"))
            ),
        }  # fmt: skip


def func_count() -> Any:
    from sqlalchemy import func

    return func.count()


def leak_markers(other: Any, *, branch_name_allowed: bool) -> set[str]:
    """Strings that name the other branch's people, team or records."""
    markers = {SURNAME}
    if not branch_name_allowed:
        markers.add(OTHER)
    for record in (other.admin, other.supervisor, other.trainer, other.teller, other.teller2,
                   other.team, other.attempt, other.scenario, other.assignment):  # fmt: skip
        markers |= {str(record.id), record.id.hex}
    markers |= {str(other.queue_import), other.queue_import.hex}
    return markers


def written_text(svc: Any) -> str:
    """What the calls wrote into report files beside the database (CSV, JSON, PDF)."""
    folder = svc.db.path.parent if svc.db.path is not None else None
    if folder is None:
        return ""
    return "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in sorted(folder.iterdir())
        if p.suffix in (".csv", ".json", ".pdf", ".txt") and p.is_file()
    )


REFUSED = (PermissionDeniedError, NotFoundError)


def check_other_branch(view: Any, other: Any, call_name: str) -> None:
    _, call = MATRIX[call_name]
    svc = view.services
    before = other_branch_state(svc, other)
    for role, person in people_by_role(view.home).items():
        try:
            result = call(view, view.actor(person))
        except REFUSED:
            continue
        markers = leak_markers(other, branch_name_allowed=call_name.startswith("region."))
        seen = repr(result) + written_text(svc)
        leaked = sorted(m for m in markers if m in seen)
        assert not leaked, f"{role.value}: {call_name} reached the other branch: {leaked}"
    assert other_branch_state(svc, other) == before, f"{call_name} changed the other branch"


@pytest.fixture
def two_branches(matrix_templates: MatrixTemplates, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """``world`` with Nordby beside it (``add_other_branch``), on a copy of the module's
    template."""
    made = matrix_templates
    svc = _open_copy(made.both_file, tmp_path)
    yield two_branches_on(svc, made.world, made.view, made.other)
    svc.close()


@pytest.mark.parametrize("call_name", sorted(MATRIX))
def test_another_branch_is_out_of_reach(two_branches, call_name):
    """Every role of the test branch, every call, aimed at Nordby's records: refused, or
    nothing of Nordby's returned, written or changed."""
    view, other = two_branches
    check_other_branch(view, other, call_name)


def test_the_region_dashboard_compares_only_the_regions_read(two_branches):
    view, _ = two_branches
    svc = view.services
    rhea = view.actor(view.regional)
    regions = {r.name: r for r in svc.region.regions(rhea)}
    assert {n: r.branches for n, r in regions.items()} == {
        "Both": (OTHER, HOME),
        HOME_REGION: (HOME,),
    }
    board = svc.region.dashboard(rhea, TENKEY, region_id=regions["Both"].id)
    assert [r.branch for r in board.rows] == [OTHER, HOME]
    assert [r.attempts for r in board.rows] == [1, 1]  # Tove's and Tess's practice runs
    assert [r.tellers for r in board.rows] == [2, 3]
    home_only = svc.region.dashboard(rhea, TENKEY, region_id=regions[HOME_REGION].id)
    assert [r.branch for r in home_only.rows] == [HOME]
    # Taken out of the region of both, Rhea no longer sees Nordby at all.
    svc.branches.remove_region_supervisor(CLI, "Both", view.regional.id)
    assert [r.branch for r in svc.region.dashboard(rhea, TENKEY).rows] == [HOME]
    with pytest.raises(PermissionDeniedError):
        svc.region.dashboard(rhea, TENKEY, region_id=regions["Both"].id)
    # A branch's own supervisor has no region view.
    with pytest.raises(PermissionDeniedError):
        svc.region.dashboard(view.actor(view.home.supervisor), TENKEY)
