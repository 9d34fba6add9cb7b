import pytest
from support import add_second_branch

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.errors import (
    AmbiguousEmployeeNumberError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)

CLI = Actor.command_line()


def test_first_run_creates_branch_and_admin_once(services):
    assert services.auth.needs_setup()
    signed = services.auth.set_up_branch(
        branch_name="Riverside", admin_name="Ada", employee_number="A1", pin="1234"
    )
    assert signed.branch_name == "Riverside"
    assert signed.person.roles == {Role.ADMIN}
    assert not services.auth.needs_setup()
    with pytest.raises(ConflictError):
        services.auth.set_up_branch(
            branch_name="Evil", admin_name="Eve", employee_number="E1", pin="1234"
        )


def test_admin_manages_people_with_audit(branch):
    svc = branch.services
    admin = branch.actor(branch.admin)
    person = svc.people.create_person(
        admin, name="New Teller", employee_number="T9", pin="5555", roles=[Role.TELLER]
    )
    svc.people.update_person(admin, person.id, name="New Name", team_id=branch.team_b.id)
    updated = svc.people.set_roles(admin, person.id, [Role.TELLER, Role.TRAINER])
    assert updated.name == "New Name"
    assert updated.team_name == "Team B"
    assert updated.roles == {Role.TELLER, Role.TRAINER}
    svc.people.set_active(admin, person.id, False)
    actions = [e.action for e in svc.audit.recent(admin, limit=10)]
    for expected in ("person.create", "person.update", "person.roles", "person.deactivate"):
        assert expected in actions
    roles_entry = next(e for e in svc.audit.recent(admin) if e.action == "person.roles")
    assert roles_entry.detail == {"before": ["teller"], "after": ["teller", "trainer"]}
    assert roles_entry.actor == "Ada Admin (A1)"


def test_cli_changes_are_audited_with_the_os_user(branch):
    entries = branch.services.audit.recent(CLI, limit=100)
    creations = [e for e in entries if e.action == "person.create" and e.actor.startswith("cli:")]
    assert creations, "people created by the CLI are audited as cli:<user>@<host>"


def test_duplicate_employee_number(branch):
    with pytest.raises(ConflictError, match="already belongs to Tom Teller"):
        branch.services.people.create_person(
            CLI, name="Clone", employee_number="T1", pin="1234", roles=[Role.TELLER]
        )


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("name", {"name": "bad\u202ename"}),
        ("employee_number", {"employee_number": "has space"}),
        ("pin", {"pin": "12"}),
        ("roles", {"roles": []}),
    ],
)
def test_invalid_person_fields(branch, field, kwargs):
    values = {"name": "Valid", "employee_number": "V1", "pin": "1234", "roles": [Role.TELLER]}
    values.update(kwargs)
    with pytest.raises(InvalidInputError) as info:
        branch.services.people.create_person(CLI, **values)
    assert info.value.field == field


def test_last_admin_cannot_be_removed(branch):
    admin = branch.actor(branch.admin)
    with pytest.raises(ConflictError, match="at least one active admin"):
        branch.services.people.set_roles(admin, branch.admin.id, [Role.TELLER])
    with pytest.raises(PermissionDeniedError, match="your own profile"):
        branch.services.people.set_active(admin, branch.admin.id, False)


def test_trainers_must_hold_the_trainer_role(branch):
    with pytest.raises(InvalidInputError, match="trainer role"):
        branch.services.people.set_team_trainers(CLI, branch.team_b.id, [branch.teller.id])
    with pytest.raises(NotFoundError):
        branch.services.people.update_person(
            CLI, branch.teller.id, team_id=__import__("uuid").uuid4()
        )


def test_role_change_takes_effect_immediately(branch):
    svc = branch.services
    trainer = branch.actor(branch.trainer)
    assert svc.people.list_teams(trainer)
    svc.people.set_active(CLI, branch.trainer.id, False)
    with pytest.raises(Exception, match="deactivated"):
        svc.people.list_teams(trainer)


# -- one edit, one transaction ------------------------------------------------------------


def check_a_refused_edit_changes_nothing(branch):
    """The admin renames the only admin, moves them to a team and takes their admin role
    away in one edit: the roles part is refused (the branch must keep an admin), and so
    nothing of the edit is kept, not even the name, and nothing is audited. (As two calls,
    update_person then set_roles, the rename stayed while the roles change failed.)"""
    svc, admin = branch.services, branch.actor(branch.admin)
    before = svc.people.find_by_employee_number(CLI, "A1")
    entries_before = svc.audit.recent(CLI, limit=1000)
    with pytest.raises(ConflictError, match="at least one active admin"):
        svc.people.edit_person(
            admin,
            branch.admin.id,
            name="Ada Renamed",
            employee_number="A99",
            team_id=branch.team_b.id,
            roles=[Role.TELLER],
        )
    assert svc.people.find_by_employee_number(CLI, "A1") == before
    with pytest.raises(NotFoundError):
        svc.people.find_by_employee_number(CLI, "A99")
    assert svc.audit.recent(CLI, limit=1000) == entries_before


def test_a_refused_edit_changes_nothing(branch):
    check_a_refused_edit_changes_nothing(branch)


def test_an_edit_saves_details_and_roles_together(branch):
    svc, admin = branch.services, branch.actor(branch.admin)
    edited = svc.people.edit_person(
        admin,
        branch.teller.id,
        name="Tom Trainer",
        employee_number="R7",
        team_id=branch.team_b.id,
        roles=[Role.TELLER, Role.TRAINER],
    )
    assert (edited.name, edited.employee_number, edited.team_name) == (
        "Tom Trainer",
        "R7",
        "Team B",
    )
    assert edited.roles == {Role.TELLER, Role.TRAINER}
    latest = svc.audit.recent(admin, limit=2)
    assert {e.action for e in latest} == {"person.update", "person.roles"}
    assert all(e.actor == "Ada Admin (A1)" for e in latest)


def test_an_edit_with_no_roles_is_refused_before_anything(branch):
    with pytest.raises(InvalidInputError) as info:
        branch.services.people.edit_person(
            CLI, branch.teller.id, name="X", employee_number="T1", team_id=None, roles=[]
        )
    assert info.value.field == "roles"
    assert branch.services.people.find_by_employee_number(CLI, "T1").name == "Tom Teller"


# -- one lookup by employee number ------------------------------------------------------------


def test_lookup_refuses_a_number_used_in_several_branches(branch):
    add_second_branch(branch.services)
    people = branch.services.people
    with pytest.raises(AmbiguousEmployeeNumberError) as info:
        people.find_by_employee_number(CLI, "T1")
    assert info.value.branches == ("North", "Test Branch")
    assert str(info.value) == (
        "employee number T1 is used in several branches (North, Test Branch); say which branch"
    )
    assert info.value.code == "employee_number_ambiguous"
    assert people.find_by_employee_number(CLI, "T1", "North").name == "Nora North"
    assert people.find_by_employee_number(CLI, "T1", "Test Branch").id == branch.teller.id
    # A signed-in admin looks in their own branch only: no ambiguity there.
    admin = branch.actor(branch.admin)
    assert people.find_by_employee_number(admin, "T1").id == branch.teller.id
    with pytest.raises(NotFoundError, match="no branch called 'South'"):
        people.find_by_employee_number(CLI, "T1", "South")
    with pytest.raises(NotFoundError, match="no employee number 'T9'"):
        people.find_by_employee_number(CLI, "T9")


def test_lookup_finds_inactive_people(branch):
    branch.services.people.set_active(CLI, branch.other_teller.id, False)
    found = branch.services.people.find_by_employee_number(CLI, " T2 ")
    assert (found.id, found.active) == (branch.other_teller.id, False)


# -- a PIN follows its person's branch's PIN policy ----------------------------------------


def _nordby_with_six_digits(branch):
    """A second branch whose admin requires 6-digit PINs, on a server whose default (and
    the test branch's) stays at 4."""
    svc = branch.services
    svc.branches.create_branch(CLI, "Nordby")
    nils = svc.people.create_person(
        CLI, name="Nils Nordby", employee_number="A1", pin="135791", roles=[Role.ADMIN],
        branch="Nordby",
    )  # fmt: skip
    tove = svc.people.create_person(
        CLI, name="Tove Nordby", employee_number="T1", pin="246802", roles=[Role.TELLER],
        branch="Nordby",
    )  # fmt: skip
    svc.settings.set_pin_policy(branch.actor(nils), min_digits=6)
    return nils, tove


def test_a_pin_reset_on_the_command_line_follows_the_persons_branch_policy(branch):
    svc = branch.services
    nils, tove = _nordby_with_six_digits(branch)
    assert svc.settings.pin_policy(CLI).min_digits == 4  # the server-wide default
    assert svc.settings.pin_policy(CLI, "Nordby").min_digits == 6
    with pytest.raises(InvalidInputError, match="a PIN is 6 to 12 digits"):
        svc.people.reset_pin(CLI, tove.id, "1234")
    svc.people.reset_pin(CLI, tove.id, "123456")
    assert svc.auth.sign_in(tove.id, "123456").person.id == tove.id
    # The test branch keeps its 4-digit rule, from the command line and from its admin.
    svc.people.reset_pin(CLI, branch.teller.id, "9753")
    svc.people.reset_pin(branch.actor(branch.admin), branch.teller.id, "8642")
    # Nordby's admin in the application: the same rule.
    with pytest.raises(InvalidInputError, match="a PIN is 6 to 12 digits"):
        svc.people.reset_pin(branch.actor(nils), tove.id, "4321")
    # A person added to Nordby from the command line: Nordby's rule, not the default.
    with pytest.raises(InvalidInputError, match="a PIN is 6 to 12 digits"):
        svc.people.create_person(
            CLI, name="Short Pin", employee_number="T7", pin="1234", roles=[Role.TELLER],
            branch="Nordby",
        )  # fmt: skip


def test_the_command_line_sets_a_named_branchs_pin_policy(branch):
    svc = branch.services
    _nordby_with_six_digits(branch)
    svc.settings.set_pin_policy(CLI, min_digits=8, branch="Nordby")
    assert svc.settings.pin_policy(CLI, "Nordby").min_digits == 8
    assert svc.settings.pin_policy(CLI, "Test Branch").min_digits == 4
    assert svc.settings.pin_policy(branch.actor(branch.admin)).min_digits == 4
    with pytest.raises(PermissionDeniedError):  # a signed-in admin: their own branch only
        svc.settings.set_pin_policy(branch.actor(branch.admin), min_digits=6, branch="Nordby")
