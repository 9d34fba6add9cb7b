"""Roles and what each may do.

The matrix lives here, in pure code, so services enforce it and tests can enumerate it
(role × permission) without a GUI. Scope (whose results a permission reaches) is a
separate question answered by services from the database: a trainer's teams, a
supervisor's branch, a regional supervisor's region (a set of branches on one server).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    TELLER = "teller"
    TRAINER = "trainer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    REGIONAL_SUPERVISOR = "regional_supervisor"
    """Reads (never writes) the branches of their regions, side by side."""


class Permission(StrEnum):
    PRACTISE = "practise"
    """Take drills and scenarios and record one's own results."""
    VIEW_TEAM_RESULTS = "view_team_results"
    VIEW_BRANCH_RESULTS = "view_branch_results"
    MANAGE_CONTENT = "manage_content"
    """Import drill packs and scenarios."""
    ASSIGN = "assign"
    INVALIDATE_RESULT = "invalidate_result"
    EXPORT_REPORTS = "export_reports"
    LOG_HAND_COUNT = "log_hand_count"
    VIEW_AUDIT = "view_audit"
    MANAGE_PEOPLE = "manage_people"
    MANAGE_DATABASE = "manage_database"
    """Backups, restores, database checks."""
    MANAGE_SETTINGS = "manage_settings"
    """Branch-wide settings such as the transaction mix used for waiting-time figures."""
    VIEW_REGION_RESULTS = "view_region_results"
    """Compare the branches of one's regions by skill family (aggregates only)."""
    MANAGE_BRANCHES = "manage_branches"
    """Create and rename branches and regions on a shared server. No role holds it: it is
    the server administrator's, through the command line, since a branch's admin must
    not reach past their own branch."""


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.TELLER: frozenset({Permission.PRACTISE}),
    Role.TRAINER: frozenset(
        {
            Permission.PRACTISE,
            Permission.VIEW_TEAM_RESULTS,
            Permission.MANAGE_CONTENT,
            Permission.ASSIGN,
            Permission.INVALIDATE_RESULT,
            Permission.EXPORT_REPORTS,
            Permission.LOG_HAND_COUNT,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            Permission.PRACTISE,
            Permission.VIEW_TEAM_RESULTS,
            Permission.VIEW_BRANCH_RESULTS,
            Permission.INVALIDATE_RESULT,
            Permission.EXPORT_REPORTS,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_SETTINGS,
        }
    ),
    # An admin looks after people and the database, not results: appraisal data stays
    # with trainers and supervisors unless the admin also holds one of those roles.
    Role.ADMIN: frozenset(
        {
            Permission.PRACTISE,
            Permission.MANAGE_PEOPLE,
            Permission.MANAGE_DATABASE,
            Permission.VIEW_AUDIT,
            Permission.MANAGE_SETTINGS,
        }
    ),
    # A regional supervisor compares branches and changes nothing in any of them; they
    # practise in their own branch like everyone.
    Role.REGIONAL_SUPERVISOR: frozenset({Permission.PRACTISE, Permission.VIEW_REGION_RESULTS}),
}

COMMAND_LINE_ONLY: frozenset[Permission] = frozenset({Permission.MANAGE_BRANCHES})
"""Permissions no role grants: only the administration command line holds them."""


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


def parse_roles(text: str) -> frozenset[Role]:
    """Parse ``"teller,trainer"``; raises ValueError naming the unknown role."""
    roles: set[Role] = set()
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        try:
            roles.add(Role(name))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise ValueError(f"unknown role {name!r} (known: {known})") from None
    return frozenset(roles)
