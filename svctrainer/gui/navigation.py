"""The navigation targets, who may see each, and their keyboard shortcuts.

One table drives the side bar, the View menu and the shortcuts, so they cannot drift
apart; a test walks it for every role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from svctrainer.core.roles import Permission, Role
from svctrainer.gui.i18n import translate

if TYPE_CHECKING:  # the context exists after sign-in; the login window does not import it
    from svctrainer.gui.context import AppContext


@dataclass(frozen=True, slots=True)
class NavTarget:
    key: str
    title: Callable[[], str]
    shortcut: str
    needs: frozenset[Permission]  # any one of these suffices
    build: Callable[[AppContext], QWidget]
    module: str
    """The module of the page ``build`` makes: imported ahead of the first visit
    (``gui/import_ahead.py``)."""


def _practice(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.practice import PracticePage  # noqa: PLC0415

    return PracticePage(ctx)


def _progress(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.my_progress import MyProgressPage  # noqa: PLC0415

    return MyProgressPage(ctx)


def _assignments(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.assignments import AssignmentsPage  # noqa: PLC0415

    return AssignmentsPage(ctx)


def _trainer(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.trainer import TrainerPage  # noqa: PLC0415

    return TrainerPage(ctx)


def _supervisor(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.supervisor import SupervisorPage  # noqa: PLC0415

    return SupervisorPage(ctx)


def _contest(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.contest import ContestPage  # noqa: PLC0415

    return ContestPage(ctx)


def _region(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.region import RegionPage  # noqa: PLC0415

    return RegionPage(ctx)


def _admin(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.admin import AdminPage  # noqa: PLC0415

    return AdminPage(ctx)


# "My assignments" comes first: a teller with open assignments lands there (see
# ``landing_key``); everyone else lands on Practice.
TARGETS: tuple[NavTarget, ...] = (
    NavTarget(
        "assignments",
        lambda: translate("navigation", "Assignments"),
        "Ctrl+1",
        frozenset({Permission.PRACTISE}),
        _assignments,
        "svctrainer.gui.pages.assignments",
    ),
    NavTarget(
        "practice",
        lambda: translate("navigation", "Practice"),
        "Ctrl+2",
        frozenset({Permission.PRACTISE}),
        _practice,
        "svctrainer.gui.pages.practice",
    ),
    NavTarget(
        "progress",
        lambda: translate("navigation", "My progress"),
        "Ctrl+3",
        frozenset({Permission.PRACTISE}),
        _progress,
        "svctrainer.gui.pages.my_progress",
    ),
    NavTarget(
        "trainer",
        lambda: translate("navigation", "Trainer"),
        "Ctrl+4",
        frozenset({Permission.ASSIGN}),
        _trainer,
        "svctrainer.gui.pages.trainer",
    ),
    NavTarget(
        "supervisor",
        lambda: translate("navigation", "Supervisor"),
        "Ctrl+5",
        frozenset({Permission.VIEW_BRANCH_RESULTS}),
        _supervisor,
        "svctrainer.gui.pages.supervisor",
    ),
    NavTarget(
        "admin",
        lambda: translate("navigation", "Admin"),
        "Ctrl+6",
        frozenset({Permission.MANAGE_PEOPLE, Permission.MANAGE_DATABASE}),
        _admin,
        "svctrainer.gui.pages.admin",
    ),
    NavTarget(
        "contest",
        lambda: translate("navigation", "Contest"),
        "Ctrl+7",
        frozenset({Permission.PRACTISE, Permission.ASSIGN, Permission.VIEW_TEAM_RESULTS}),
        _contest,
        "svctrainer.gui.pages.contest",
    ),
    NavTarget(
        "region",
        lambda: translate("navigation", "Region"),
        "Ctrl+8",
        frozenset({Permission.VIEW_REGION_RESULTS}),
        _region,
        "svctrainer.gui.pages.region",
    ),
)


def targets_for(permissions: frozenset[Permission]) -> list[NavTarget]:
    return [t for t in TARGETS if t.needs & permissions]


def counts_open_assignments(ctx: AppContext, targets: list[NavTarget]) -> bool:
    """Whether the landing page depends on the person's open assignments (a teller who
    may see "My assignments"): then the count is asked for off the GUI thread first."""
    keys = {t.key for t in targets}
    return Role.TELLER in ctx.signed_in.person.roles and "assignments" in keys


def landing_key(ctx: AppContext, targets: list[NavTarget], open_assignments: int = 0) -> str | None:
    """The page shown right after sign-in: for a teller "My assignments" while they have
    open assignments (``open_assignments``, counted by the caller on the background
    worker when ``counts_open_assignments``), otherwise Practice; for a supervisor,
    trainer or admin who does not practise, their own page.
    """
    keys = [t.key for t in targets]
    roles = ctx.signed_in.person.roles
    if Role.TELLER not in roles:
        # Someone who does not practise starts where their own work is.
        for role, key in ((Role.REGIONAL_SUPERVISOR, "region"), (Role.SUPERVISOR, "supervisor"),
                          (Role.TRAINER, "trainer"), (Role.ADMIN, "admin")):  # fmt: skip
            if role in roles and key in keys:
                return key
    if "assignments" in keys and open_assignments > 0:
        return "assignments"
    if "practice" in keys:
        return "practice"
    return keys[0] if keys else None
