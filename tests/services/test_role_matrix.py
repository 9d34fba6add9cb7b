"""Every service call that takes an actor, tried by every role.

The table below names the permission each call needs. The test fails when a call lets
in a role without that permission (a check was removed), when it refuses a role that
has it, or when a new service call appears without an entry here.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from svctrainer.core.roles import ROLE_PERMISSIONS, Permission, Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
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
    "database.backups": (Permission.MANAGE_DATABASE, lambda b, a: b.services.database.backups(a)),
    "database.backup_now": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.database.backup_now(a),
    ),
    "database.restore": (
        Permission.MANAGE_DATABASE,
        lambda b, a: b.services.database.restore(a, b.services.database.backup_now(Actor.command_line())),
    ),
}

# Calls that act only on the caller themself: any signed-in person may make them.
SELF_SERVICE = {"auth.change_own_pin"}


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
    from svctrainer.services.audit import AuditService
    from svctrainer.services.auth import AuthService
    from svctrainer.services.database_admin import DatabaseAdminService
    from svctrainer.services.people import PeopleService

    known = {
        "people": PeopleService,
        "audit": AuditService,
        "database": DatabaseAdminService,
        "auth": AuthService,
    }
    return known


def test_every_service_is_in_the_matrix(services):
    built = {name: type(obj) for name, obj in vars(services).items() if name != "db"}
    assert built == _service_classes(), "add the new service to the role matrix"


def test_every_service_call_is_in_the_matrix():
    assert _service_calls() == set(MATRIX) | SELF_SERVICE


ROLES = [Role.TELLER, Role.TRAINER, Role.SUPERVISOR, Role.ADMIN]


@pytest.mark.parametrize("call_name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_role_check(branch, role, call_name):
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
def test_command_line_may_do_everything(branch, call_name):
    MATRIX[call_name][1](branch, Actor.command_line())
