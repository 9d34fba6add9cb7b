"""Every service call that takes an actor, tried by every role.

The table below names the permission each call needs. The test fails when a call lets
in a role without that permission (a check was removed), when it refuses a role that
has it, or when a new service call appears without an entry here.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import typed_perfectly

from svctrainer.core.content_files import check_content_file
from svctrainer.core.roles import ROLE_PERMISSIONS, Permission, Role
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError

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
    "attempts.rescore": (
        Permission.VIEW_TEAM_RESULTS,
        lambda b, a: b.services.attempts.rescore(a, b.attempt.id),
    ),
    "attempts.invalidate": (
        Permission.INVALIDATE_RESULT,
        lambda b, a: b.services.attempts.invalidate(a, b.attempt.id, "matrix test"),
    ),
    "database.backups": (Permission.MANAGE_DATABASE, lambda b, a: b.services.database.backups(a)),
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
SELF_SERVICE = {"auth.change_own_pin"}
CLI = Actor.command_line()
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
    from svctrainer.services.attempts import AttemptService
    from svctrainer.services.audit import AuditService
    from svctrainer.services.auth import AuthService
    from svctrainer.services.content import ContentService
    from svctrainer.services.database_admin import DatabaseAdminService
    from svctrainer.services.people import PeopleService

    return {
        "people": PeopleService,
        "audit": AuditService,
        "database": DatabaseAdminService,
        "auth": AuthService,
        "content": ContentService,
        "attempts": AttemptService,
    }


def test_every_service_is_in_the_matrix(services):
    built = {name: type(obj) for name, obj in vars(services).items() if name != "db"}
    assert built == _service_classes(), "add the new service to the role matrix"


def test_every_service_call_is_in_the_matrix():
    assert _service_calls() == set(MATRIX) | SELF_SERVICE


ROLES = [Role.TELLER, Role.TRAINER, Role.SUPERVISOR, Role.ADMIN]


@pytest.fixture
def world(branch, tenkey_attempt):
    """The test branch, its content, and one attempt by Tess (team A)."""
    branch.attempt = tenkey_attempt
    return branch


@pytest.mark.parametrize("call_name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_role_check(world, role, call_name):
    branch = world
    permission, call = MATRIX[call_name]
    person = {
        Role.TELLER: branch.teller,
        Role.TRAINER: branch.trainer,
        Role.SUPERVISOR: branch.supervisor,
        Role.ADMIN: branch.admin,
    }[role]
    actor = branch.actor(person)
    if permission in ROLE_PERMISSIONS[role]:
        call(branch, actor)
    else:
        with pytest.raises(PermissionDeniedError):
            call(branch, actor)


@pytest.mark.parametrize("call_name", sorted(MATRIX))
def test_command_line_may_do_everything(world, call_name):
    MATRIX[call_name][1](world, Actor.command_line())
