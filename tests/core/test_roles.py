import pytest

from svctrainer.core.roles import (
    COMMAND_LINE_ONLY,
    ROLE_PERMISSIONS,
    Permission,
    Role,
    parse_roles,
    permissions_of,
)


def test_every_role_has_permissions_and_every_permission_a_role():
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted | COMMAND_LINE_ONLY == set(Permission)
    assert not granted & COMMAND_LINE_ONLY
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_a_regional_supervisor_reads_regions_and_changes_nothing_else():
    granted = permissions_of({Role.REGIONAL_SUPERVISOR})
    assert granted == {Permission.PRACTISE, Permission.VIEW_REGION_RESULTS}
    assert Permission.VIEW_BRANCH_RESULTS not in granted


def test_teller_only_practises():
    assert permissions_of({Role.TELLER}) == {Permission.PRACTISE}


def test_admin_does_not_see_results_unless_also_supervisor():
    assert Permission.VIEW_BRANCH_RESULTS not in permissions_of({Role.ADMIN})
    assert Permission.VIEW_BRANCH_RESULTS in permissions_of({Role.ADMIN, Role.SUPERVISOR})


def test_parse_roles():
    assert parse_roles(" Teller, trainer ,") == {Role.TELLER, Role.TRAINER}
    with pytest.raises(ValueError, match="unknown role 'boss'"):
        parse_roles("teller,boss")
