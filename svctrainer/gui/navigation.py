"""The navigation targets, who may see each, and their keyboard shortcuts.

One table drives the side bar, the View menu and the shortcuts, so they cannot drift
apart; a test walks it for every role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("navigation", text)


@dataclass(frozen=True, slots=True)
class NavTarget:
    key: str
    title: Callable[[], str]
    shortcut: str
    needs: frozenset[Permission]  # any one of these suffices
    build: Callable[[AppContext], QWidget]


def _practice(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.practice import PracticePage  # noqa: PLC0415

    return PracticePage(ctx)


def _progress(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.coming_later import ComingLaterPanel  # noqa: PLC0415

    return ComingLaterPanel(
        _tr("My progress"),
        _tr(
            "Charts of your speed and accuracy over time, your gain over your baseline, and "
            "what that gain means in customer waiting time saved."
        ),
    )


def _assignments(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.coming_later import ComingLaterPanel  # noqa: PLC0415

    return ComingLaterPanel(
        _tr("Assignments"),
        _tr("Drills and scenarios your trainer assigned you, with targets and due dates."),
    )


def _trainer(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.coming_later import ComingLaterPanel  # noqa: PLC0415

    return ComingLaterPanel(
        _tr("Trainer"),
        _tr("Your teams' roster, assigning drills and scenarios with targets, importing content."),
    )


def _supervisor(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.coming_later import ComingLaterPanel  # noqa: PLC0415

    return ComingLaterPanel(
        _tr("Supervisor"),
        _tr(
            "The branch dashboard: every employee's baseline, latest result and gain, and reports."
        ),
    )


def _admin(ctx: AppContext) -> QWidget:
    from svctrainer.gui.pages.admin import AdminPage  # noqa: PLC0415

    return AdminPage(ctx)


TARGETS: tuple[NavTarget, ...] = (
    NavTarget(
        "practice", lambda: _tr("Practice"), "Ctrl+1", frozenset({Permission.PRACTISE}), _practice
    ),
    NavTarget(
        "progress",
        lambda: _tr("My progress"),
        "Ctrl+2",
        frozenset({Permission.PRACTISE}),
        _progress,
    ),
    NavTarget(
        "assignments",
        lambda: _tr("Assignments"),
        "Ctrl+3",
        frozenset({Permission.PRACTISE}),
        _assignments,
    ),
    NavTarget(
        "trainer", lambda: _tr("Trainer"), "Ctrl+4", frozenset({Permission.ASSIGN}), _trainer
    ),
    NavTarget(
        "supervisor",
        lambda: _tr("Supervisor"),
        "Ctrl+5",
        frozenset({Permission.VIEW_BRANCH_RESULTS}),
        _supervisor,
    ),
    NavTarget(
        "admin",
        lambda: _tr("Admin"),
        "Ctrl+6",
        frozenset({Permission.MANAGE_PEOPLE, Permission.MANAGE_DATABASE}),
        _admin,
    ),
)


def targets_for(permissions: frozenset[Permission]) -> list[NavTarget]:
    return [t for t in TARGETS if t.needs & permissions]
