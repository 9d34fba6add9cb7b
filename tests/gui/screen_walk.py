"""A walk through every page, tab, drill, result and dialog of the application, signed in
as each role in turn, with a set of checks run on every screen it shows.

The Chinese-interface test checks that no English reaches the screen; the layout test
checks that no label or button is clipped under a pseudo-locale; both can photograph each
screen (``SVCTRAINER_SCREENSHOTS=<folder>``) as ``<prefix>-<screen>-<theme>.png``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QTabWidget, QWidget

from svctrainer.gui.background import Background
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme

SIZE = (1366, 768)
LOAD_WAIT_MS = 30_000  # a loaded 2-core machine; only bounds a failure
Check = Callable[[str, QWidget], None]
"""Looks at one screen (its name, its top widget) and notes what it finds wrong."""


def open_window(qtbot, branch, settings: GuiSettings) -> MainWindow:
    """The main window at 1366×768 on the login screen, in ``settings``' theme and text size."""
    from svctrainer.gui.theme import apply_appearance

    apply_appearance(QApplication.instance(), settings)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.attach_services(branch.services, "Test Branch")
    win.resize(*SIZE)
    win.show()
    qtbot.waitUntil(lambda: win.login.model.rowCount() > 0)
    return win


def laid_out(widget: QWidget) -> Callable[[], bool]:
    """For ``qtbot.waitUntil``: true once the geometry of ``widget`` and everything it
    shows has stayed the same over three looks, the event loop run between them (a
    layout settles over a few passes, and a chart built a turn later moves it again)."""
    seen: list[list[tuple[int, int, int, int]]] = []

    def check() -> bool:
        shown = [widget, *(w for w in widget.findChildren(QWidget) if w.isVisible())]
        seen.append([w.geometry().getRect() for w in shown])
        return len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]

    return check


class Walk:
    """Visits screens, checks each one's text and, when asked, photographs it.

    A screen is looked at once its figures are in: every call it made to the worker has
    been answered and drawn (``Background.busy``), and its layout has settled. Pages and
    tabs load in the background, tabs behind the first are built when first shown
    (``gui/tabs.LazyTab``), and charts are drawn a turn after their page: a fixed pause
    photographed some of them empty."""

    def __init__(
        self, qtbot, theme: Theme, checks: list[Check], prefix: str, background: Background
    ) -> None:
        self.qtbot = qtbot
        self.theme = theme
        self.checks = checks
        self.prefix = prefix
        self.background = background
        folder = os.environ.get("SVCTRAINER_SCREENSHOTS")
        self.folder = Path(folder) if folder else None
        self.seen: list[str] = []

    def loaded(self) -> None:
        """Wait until every call to the worker has been answered and its answer shown
        (a page's first load, a tab's, and the calls those answers make in turn)."""
        self.qtbot.waitUntil(lambda: not self.background.busy, timeout=LOAD_WAIT_MS)

    def look(self, name: str, widget: QWidget) -> None:
        if isinstance(widget, MainWindow):
            # Back to the laptop's screen size: a window stays as large as an earlier
            # screen made it, and can shrink only as far as this screen allows.
            widget.resize(*SIZE)
        self.loaded()
        self.qtbot.waitUntil(laid_out(widget), timeout=LOAD_WAIT_MS)
        self.seen.append(name)
        for check in self.checks:
            check(name, widget)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            shot = f"{self.prefix}-{name}-{self.theme.value}.png"
            widget.grab().save(str(self.folder / shot))

    def page_and_tabs(self, name: str, window: MainWindow, page: QWidget) -> None:
        self.look(name, window)
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisibleTo(window):
                continue
            for i in range(1, tabs.count()):
                if not tabs.isTabVisible(i):
                    continue  # not offered for this data (a drill has no service tiers)
                tabs.setCurrentIndex(i)
                self.look(f"{name}-tab{i}", window)
            tabs.setCurrentIndex(0)

    def dialog(self, name: str, make: Callable[[], QDialog]) -> None:
        dialog = make()
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.look(name, dialog)
        dialog.reject()


DRILLS = ("tenkey-amounts", "data-entry", "voucher-summing", "amounts-in-words",
          "making-change", "cash-counting", "drawer-balancing", "counter-procedure",
          "text-entry")  # fmt: skip
SCENARIO = "angry-transfer"
WALK_SEED = 4  # the teller's ten-key history (``progress_support.learning_history``)


def _drills(qtbot, window: MainWindow, walk: Walk, language: str) -> None:
    """Each drill kind's practice pack in ``language``: its screen after a few keys, then its
    result; and one customer scenario."""
    from svctrainer.core.packs.definition import Mode

    assert window.go_to("practice")
    page = window.pages["practice"]
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0)
    for drill in DRILLS:
        content_id = f"{drill}-practice.{language}"
        assert page.select_content(content_id), content_id
        qtbot.waitUntil(lambda c=content_id: page._current is not None
                        and page._current[0].content_id == c)  # fmt: skip
        page.practice_button.click()
        qtbot.waitUntil(lambda: page.current_screen is not None, timeout=10_000)
        screen = page.current_screen
        for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Space):
            qtbot.keyClick(screen, key)
        walk.look(f"drill-{drill}", window)
        screen.request_stop()
        qtbot.waitUntil(lambda s=screen: page.current_screen is not s, timeout=10_000)
        walk.loaded()  # the attempt saved and its result shown
        if page.current_screen is not None:
            walk.look(f"result-{drill}", window)
        page.show_catalogue()
    scenario = f"{SCENARIO}.{language}"
    assert page.select_content(scenario)
    qtbot.waitUntil(lambda: page._current is not None
                    and page._current[0].content_id == scenario)  # fmt: skip
    page.start(Mode.PRACTICE)
    qtbot.waitUntil(lambda: page.current_screen is not None, timeout=10_000)
    walk.look("scenario", window)
    page.show_catalogue()
    window._set_navigation_enabled(True)


# A run of a scenario for an older customer that cuts corners, so the supervisor's
# service-standards tab has a row and the debrief lists items met, missed and broken.
STANDARDS_SCENARIO = "elderly-self-service"
STANDARDS_CHOICES = ("greet_reassure", "rush_id", "hurry", "calm_her", "verify_hand_form",
                     "help_fill", "pay_counted", "call_next")  # fmt: skip


def _learning_history(branch, language: str) -> None:
    """Four months of the teller's ten-key practice and tests in ``language``' packs, so
    My progress draws its two charts and the supervisor's pages have a gain to show.
    Without grades and invalidation notes: those are free text a Chinese screen would
    show in English."""
    from dataclasses import replace

    from progress_support import add_rows, learning_history

    rows = [
        replace(
            row,
            content_id=row.content_id.replace(".en", f".{language}"),
            grade=None,
            invalidated=None,
        )
        for row in learning_history(seed=WALK_SEED, attempts=60)
    ]
    add_rows(branch.services, branch.teller.id, rows)


def _scenario_run(branch, language: str):
    """The teller's stored run of ``STANDARDS_SCENARIO``: attempt, scenario, decision log."""
    from datetime import UTC, datetime

    from svctrainer.core.packs.definition import Mode
    from svctrainer.core.scenarios.engine import ScenarioRun
    from svctrainer.services.actor import Actor

    svc = branch.services
    cli = Actor.command_line()
    record = next(
        r for r in svc.content.latest(cli) if r.content_id == f"{STANDARDS_SCENARIO}.{language}"
    )
    _, scenario = svc.content.load(cli, record.id)
    second = 1_000_000_000
    run = ScenarioRun(scenario, 100 * second)
    for n, choice_id in enumerate(STANDARDS_CHOICES, start=1):
        run.choose(choice_id, (100 + 3 * n) * second)
    when = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    attempt = svc.attempts.record_scenario(
        branch.actor(branch.teller), record.id, Mode.PRACTICE, run.log, when
    )
    return attempt, scenario, run.log


def _debrief(qtbot, walk: Walk, attempt, scenario, log) -> None:
    """The debrief of that run with its service-standard section, as the player shows it."""
    from svctrainer.core.scenarios.analysis import best_result, review
    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen
    from svctrainer.services.service_standards import compliance_of

    compliance = compliance_of(scenario, log)
    assert compliance is not None
    debrief = DebriefScreen(
        attempt, scenario, review(scenario, log), best_result(scenario), compliance=compliance
    )
    qtbot.addWidget(debrief)
    debrief.resize(*SIZE)
    debrief.show()
    qtbot.waitExposed(debrief)
    if not debrief.charts_built:  # drawn a turn or two after the text
        with qtbot.waitSignal(debrief.charts_drawn, timeout=LOAD_WAIT_MS):
            pass
    walk.look("scenario-debrief", debrief)
    # The charts sit under the standard's checklist: scrolled to, they are a screen too.
    debrief.findChild(QScrollArea).ensureWidgetVisible(debrief.mood_chart, 0, 60)
    walk.look("scenario-debrief-charts", debrief)
    debrief.close()


def _scenario_progress(qtbot, window: MainWindow, walk: Walk) -> None:
    """My progress on the teller's scenario: its Service tiers tab (tiers and SERVQUAL
    radar), which a drill does not have. Named after its tab like the others."""
    view = window.pages["progress"].view
    scenario = next(a.family.key for a in view._activity if a.family.is_scenario)
    with qtbot.waitSignal(view.loaded, timeout=LOAD_WAIT_MS):
        assert view.select_drill(scenario)
    view.tabs.setCurrentIndex(view.scenario_index)
    walk.look(f"progress-tab{view.scenario_index}", window)
    view.tabs.setCurrentIndex(0)


def _standards_tab(qtbot, window: MainWindow, walk: Walk) -> None:
    """The supervisor's service-standards tab once its replay has filled the table."""
    page = window.pages["supervisor"]
    assert window.go_to("supervisor")
    page.tabs.setCurrentWidget(page.standards)
    qtbot.waitUntil(lambda: page.standards.data is not None, timeout=20_000)
    assert page.standards.table.rowCount() > 0
    walk.look("supervisor-standards", window)
    page.tabs.setCurrentIndex(0)


def walk_every_screen(
    qtbot, branch, settings: GuiSettings, checks: list[Check], prefix: str
) -> Walk:
    """Sign in as each role, open every page and tab, run each drill and a scenario, open
    every dialog, and run ``checks`` on each screen. ``settings.language`` picks the packs
    (zh_CN: the Chinese ones, else the English); the caller installs the translators."""
    from svctrainer.gui.dialogs.about_dialog import AboutDialog
    from svctrainer.gui.dialogs.change_pin_dialog import ChangePinDialog
    from svctrainer.gui.dialogs.guide_dialog import GuideDialog
    from svctrainer.gui.dialogs.person_dialog import PersonDialog
    from svctrainer.gui.dialogs.queue_import_dialog import QueueImportDialog
    from svctrainer.gui.dialogs.settings_dialog import SettingsDialog
    from svctrainer.gui.dialogs.setup_dialog import SetupDialog
    from svctrainer.gui.pages.hand_count_form import HandCountDialog

    branch.services.content.sync_bundled()
    language = "zh" if settings.language == "zh_CN" else "en"
    _learning_history(branch, language)
    scenario_run = _scenario_run(branch, language)
    window = open_window(qtbot, branch, settings)
    walk = Walk(qtbot, settings.theme, checks, prefix, window.background)
    walk.look("login", window)
    walk.dialog("setup", lambda: SetupDialog(window))
    for who in ("teller", "trainer", "supervisor", "admin"):
        person = getattr(branch, who)
        # After a sign-out the list is rebuilt for the next person before anyone is picked.
        qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
        assert window.login.select_profile(person.employee_number)
        qtbot.keyClicks(window.login.pin, branch.pin)
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
        for row in range(window.nav.count()):
            key = window.nav.item(row).data(Qt.ItemDataRole.UserRole + 2)
            if who != "teller" and key in ("practice", "progress", "assignments"):
                continue  # seen as the teller
            assert window.go_to(key)
            page = window.pages[key]
            walk.page_and_tabs(key, window, page)  # each screen looked at once loaded
            if key == "progress":
                _scenario_progress(qtbot, window, walk)
        context = window.context
        if who == "teller":
            _drills(qtbot, window, walk, language)
            _debrief(qtbot, walk, *scenario_run)
            walk.dialog("settings", lambda: SettingsDialog(window.settings, window))
            walk.dialog("about", lambda: AboutDialog(window))
            walk.dialog("guide", lambda: GuideDialog("practice", window))
            walk.dialog("change-pin", lambda c=context: ChangePinDialog(c, window))
        if who == "trainer":
            walk.dialog("hand-count", lambda c=context: HandCountDialog(c, window))
        if who == "supervisor":
            _standards_tab(qtbot, window, walk)
            walk.dialog("queue-import", lambda c=context: QueueImportDialog(c, window))
        if who == "admin":
            walk.dialog("person", lambda: PersonDialog([], None, window))
        window.sign_out()
    window.background.wait()
    return walk
