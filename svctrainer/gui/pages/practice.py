"""Practice: choose a drill, read what it asks, practise or take the test, see the result.

The page switches between three screens in place: the catalogue, the running drill and
the result. While a drill runs, the rest of the window stays out of the way. Starting,
checkpointing and saving an attempt are the session's (``gui/drill_session.py``); the page
only shows the screens.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.packs.definition import DrillDefinition, Form, Mode
from svctrainer.core.scenarios.model import Scenario
from svctrainer.gui.context import AppContext
from svctrainer.gui.drill_session import QtDrillSession
from svctrainer.gui.drills.figures import drill_type_name, duration
from svctrainer.gui.i18n import fill
from svctrainer.gui.language import content_language
from svctrainer.gui.messages import describe, show_error
from svctrainer.gui.screen_stack import drop_screen, show_screen
from svctrainer.services.attempts import AttemptRecord, Comparison
from svctrainer.services.changes import CONTENT
from svctrainer.services.content import ContentRecord
from svctrainer.services.drill_session import DrillOutcome, PendingDrill
from svctrainer.services.retake_limits import RetakeAllowance

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent

    from svctrainer.gui.drills.drill_screen import DrillScreen

CONTENT_ROLE = Qt.ItemDataRole.UserRole + 3
SCENARIO_GROUP = "scenario:"  # not a drill type
LANGUAGES = (("en", "English"), ("zh", "中文"))  # each in its own words


class PracticePage(QWidget):
    drill_started = Signal()
    drill_ended = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._records: list[ContentRecord] = []
        self._current: tuple[ContentRecord, DrillDefinition | Scenario] | None = None
        self._pending_mode: Mode | None = None
        self._pending_content: str | None = None  # to start once the catalogue is in
        self._starting: ContentRecord | None = None  # a drill run is being prepared
        self._saving: DrillDefinition | None = None  # a finished run is being stored
        self._result_waiting: QWidget | None = None  # a result screen shown next turn
        self.current_screen: QWidget | None = None  # the drill, scenario or result shown
        self.session = QtDrillSession(context, self)
        self.session.started.connect(self._run_started)
        self.session.start_failed.connect(self._start_failed)
        self.session.checkpoint_failed.connect(self._checkpoint_failed)
        self.session.saved.connect(self._saved)
        self.session.kept.connect(self.show_catalogue)

        self.stack = QStackedWidget()
        self.catalogue = QWidget()
        self.stack.addWidget(self.catalogue)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a drill"))
        self.search.setClearButtonEnabled(True)
        self.language = QComboBox()
        self.language.addItem(self.tr("All languages"), "")
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("drillCatalogue")
        # A name too long for the pane loses its middle, never its end: "— practice"
        # and "— test" stay apart at any text size.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.detail_title = QLabel()
        font = QFont(self.detail_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_facts = QLabel()
        self.detail_facts.setWordWrap(True)
        self.retake_label = QLabel()  # tests left under the trainer's retake limit
        self.retake_label.setObjectName("retakeAllowance")
        self.retake_label.setWordWrap(True)
        self.retake_label.hide()
        self.instructions = QTextBrowser()
        self.instructions.setOpenLinks(False)
        self.instructions.setPlaceholderText(
            self.tr(
                "Choose a drill or a customer scenario on the left to read what it asks, "
                "then start practice (Enter) or take the test (Ctrl+T)."
            )
        )
        self.practice_button = QPushButton(self.tr("Start &practice"))
        # Alt+E: Alt+T opens the Tools menu.
        self.test_button = QPushButton(self.tr("Take the t&est"))
        self.practice_button.setDefault(True)
        for b in (self.practice_button, self.test_button):
            b.setEnabled(False)
        self.practice_button.clicked.connect(lambda: self.start(Mode.PRACTICE))
        self.test_button.clicked.connect(lambda: self.start(Mode.TEST))
        self.tree.itemActivated.connect(lambda *_: self.start(self.enter_mode()))
        self.tree.currentItemChanged.connect(self._selected)
        self.search.textChanged.connect(self._fill)
        self.language.currentIndexChanged.connect(self._fill)
        QShortcut(QKeySequence("Ctrl+T"), self.catalogue, lambda: self.start(Mode.TEST))

        left = QWidget()
        left_box = QVBoxLayout(left)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.language)
        left_box.addLayout(filters)
        left_box.addWidget(self.tree)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(self.detail_title)
        right_box.addWidget(self.detail_facts)
        right_box.addWidget(self.retake_label)
        right_box.addWidget(self.instructions, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.practice_button)
        buttons.addWidget(self.test_button)
        right_box.addLayout(buttons)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)  # a wider window widens the instructions
        splitter.setSizes([420, 560])  # until the names are in (_fit_names)
        self._names_fitted = False
        box = QVBoxLayout(self.catalogue)
        box.setContentsMargins(12, 12, 12, 12)
        box.addWidget(splitter)
        context.hub.subscribe(self, CONTENT, self.refresh)

    # -- catalogue -----------------------------------------------------------------------

    def activated(self) -> None:
        if not self._records:
            self.refresh()
        if self.stack.currentWidget() is self.catalogue:
            self.tree.setFocus()  # arrows pick a drill, Enter starts it

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.content.latest(actor),  # drills and scenarios
            self._loaded,
            lambda e: show_error(self, e),
        )

    def _loaded(self, records: list[ContentRecord]) -> None:
        self._records = records
        self._fill()
        if self._pending_content is not None:
            content_id, self._pending_content = self._pending_content, None
            if not self.select_content(content_id):
                self._pending_mode = None

    def _fill(self, *_args: object) -> None:
        keep = self.selected_record()
        needle = self.search.text().strip().lower()
        language = self.language.currentData()
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        # Packs in the interface's language first: a Chinese counter sees 大写金额 before
        # "Amounts in words", and the first drill chosen is one it can read.
        mine = content_language()
        ordered = sorted(self._records, key=lambda r: not r.language.startswith(mine))
        for record in ordered:
            if language and not record.language.startswith(language):
                continue
            if needle and needle not in record.title.lower() and needle not in record.content_id:
                continue
            key = SCENARIO_GROUP if record.kind == "scenario" else record.drill_type or ""
            group = groups.get(key)
            if group is None:
                group = QTreeWidgetItem(
                    [
                        self.tr("Customer scenarios")
                        if key == SCENARIO_GROUP
                        else drill_type_name(record.drill_type)
                    ]
                )
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(group)
                groups[key] = group
            item = QTreeWidgetItem([record.title])
            item.setData(0, CONTENT_ROLE, record)
            item.setToolTip(0, f"{record.title}\n{record.content_id} v{record.version}")
            group.addChild(item)
        if SCENARIO_GROUP in groups:  # conversations after the drills
            index = self.tree.indexOfTopLevelItem(groups[SCENARIO_GROUP])
            moved = self.tree.takeTopLevelItem(index)
            if moved is not None:
                self.tree.addTopLevelItem(moved)
        self.tree.expandAll()
        self._fit_names()
        if keep is None or not self.select_content(keep.content_id):
            self._select_first()

    def _fit_names(self) -> None:
        """The first time names are shown, widen the catalogue pane to the longest name
        at the current text size (up to 60 % of the page); a width the person drags to
        later is theirs."""
        if self._names_fitted or not self._records:
            return
        self._names_fitted = True
        metrics = self.tree.fontMetrics()
        widest = 0
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount() if group is not None else 0):
                child = group.child(c) if group is not None else None
                if child is not None:
                    widest = max(widest, metrics.horizontalAdvance(child.text(0)))
        # Two levels of indentation, the item's padding, the frame and a scrollbar.
        needed = widest + 2 * self.tree.indentation() + 24
        needed += self.tree.verticalScrollBar().sizeHint().width()
        total = sum(self.splitter.sizes()) or self.splitter.width()
        left = min(max(needed, 420), int(total * 0.6))
        self.splitter.setSizes([left, max(total - left, 1)])

    def _select_first(self) -> None:
        """Something is always chosen while anything matches, so the detail pane never
        sits empty and Enter starts a drill straight away."""
        first = self.tree.topLevelItem(0)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)

    def selected_record(self) -> ContentRecord | None:
        item = self.tree.currentItem()
        return item.data(0, CONTENT_ROLE) if item is not None else None

    def select_content(self, content_id: str) -> bool:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount() if group is not None else 0):
                child = group.child(c) if group is not None else None
                if child is not None and child.data(0, CONTENT_ROLE).content_id == content_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _selected(self, *_args: object) -> None:
        record = self.selected_record()
        self._current = None
        for b in (self.practice_button, self.test_button):
            b.setEnabled(False)
        self.retake_label.hide()
        if record is None:
            self.detail_title.clear()
            self.detail_facts.clear()
            self.instructions.clear()
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.content.load(actor, record.id),
            self._show_detail,
            lambda e: show_error(self, e),
        )
        if actor.person_id is not None:
            self._ctx.background.run(
                lambda: services.assignments.test_allowance(actor, record.content_id),
                lambda allowance: self._show_allowance(record, allowance),
                lambda _e: self.retake_label.hide(),  # the test button will say why
            )

    def _show_allowance(self, record: ContentRecord, allowance: RetakeAllowance) -> None:
        """How many tests the trainer's retake limit leaves (nothing without a limit)."""
        if self.selected_record() != record or allowance.limit is None:
            return
        left = max(0, allowance.limit - allowance.taken)
        text = self.tr("Tests left under your trainer's limit: %n", None, left)
        self.retake_label.setText(
            fill(self.tr("%1 (%2 in %3 days)"), text, str(allowance.limit), str(allowance.per_days))
        )
        self.retake_label.show()

    def _show_detail(self, loaded: tuple[ContentRecord, Any]) -> None:
        record, definition = loaded
        if isinstance(definition, Scenario) and self.selected_record() == record:
            self._show_scenario_detail(record, definition)
            return
        if not isinstance(definition, DrillDefinition) or self.selected_record() != record:
            return
        self._current = (record, definition)
        self.detail_title.setText(definition.title)
        facts = [drill_type_name(definition.drill_type)]
        for mode in (Mode.PRACTICE, Mode.TEST):
            if mode in definition.modes:
                s = definition.settings(mode)
                limit = (
                    fill(self.tr("%1 min"), duration(s.time_limit_s * 1000))
                    if s.time_limit_s
                    else self.tr("%n item(s)", None, s.item_count or 0)
                )
                facts.append(
                    fill(
                        self.tr("Practice: %1") if mode is Mode.PRACTICE else self.tr("Test: %1"),
                        limit,
                    )
                )
                if s.form is Form.FIXED:
                    facts.append(self.tr("one fixed form for everyone"))
        self.detail_facts.setText(" · ".join(facts))
        self.instructions.setPlainText(definition.instructions)
        self.practice_button.setEnabled(Mode.PRACTICE in definition.modes)
        self.test_button.setEnabled(Mode.TEST in definition.modes)
        if self._pending_mode is not None:
            mode, self._pending_mode = self._pending_mode, None
            self.start(mode)

    def _show_scenario_detail(self, record: ContentRecord, scenario: Scenario) -> None:
        from svctrainer.gui.scenarios.wording import (  # noqa: PLC0415
            scenario_description,
            scenario_facts,
        )

        self._current = (record, scenario)
        self.detail_title.setText(scenario.title)
        self.detail_facts.setText(scenario_facts(scenario))
        self.instructions.setHtml(scenario_description(scenario))
        for button in (self.practice_button, self.test_button):
            button.setEnabled(True)
        if self._pending_mode is not None:
            mode, self._pending_mode = self._pending_mode, None
            self.start(mode)

    # -- running -----------------------------------------------------------------------------

    def enter_mode(self) -> Mode:
        """What Enter (or a double click) starts: practice where the drill offers it, else
        its test (a test pack has no practice: Enter used to do nothing on it)."""
        content = self._current[1] if self._current is not None else None
        if isinstance(content, DrillDefinition) and Mode.PRACTICE not in content.modes:
            return Mode.TEST
        return Mode.PRACTICE

    def start(self, mode: Mode) -> None:
        current = self._current
        if current is None:
            return
        record, content = current
        if isinstance(content, Scenario):
            self.run_scenario(record, content, mode)
            return
        if mode not in content.modes or self._starting is not None:
            return
        self._starting = record
        self.session.start_drill(content, mode)  # adaptive practice reads history first

    def _run_started(self, run: DrillRun) -> None:
        """The run's screen is built on the next turn of the event loop and shown on
        the one after: the run, its screen and showing it in one turn held the window
        107 ms at a drawer-balancing drill's start (bench/bench_heartbeat.py; issue 17:
        no gap over 100 ms). The catalogue stays up meanwhile; a second start waits."""
        record = self._starting
        if record is not None:
            QTimer.singleShot(0, self, lambda: self._build_drill(record, run))

    def _build_drill(self, record: ContentRecord, run: DrillRun) -> None:
        if self._starting is not record:
            return  # back to the catalogue meanwhile
        screen = self._drill_screen(record, run)
        # Deleted with the page if the page goes before the screen shows (sign-out in
        # between): left to Python alone, held by its own connections, it lived on until
        # a garbage collection, maybe on a worker thread, destroyed it, Qt objects and
        # all (the crash class of the staged charts, gui/scenarios/chart_slot.py). Not
        # parented here: that would bring the style and fonts into this turn.
        self.destroyed.connect(screen.deleteLater)
        QTimer.singleShot(0, self, lambda: self._show_drill(record, screen))

    def _show_drill(self, record: ContentRecord, screen: DrillScreen) -> None:
        if self._starting is not record:  # back to the catalogue meanwhile
            screen.deleteLater()
            return
        self._starting = None
        self._show_screen(screen)
        self.drill_started.emit()

    def _start_failed(self, exc: Exception) -> None:
        self._starting = None
        show_error(self, exc)

    def run_drill(self, record: ContentRecord, run: DrillRun) -> None:
        """Show ``run``'s screen now (a start goes through ``_run_started``)."""
        self._show_screen(self._drill_screen(record, run))
        self.drill_started.emit()

    def _drill_screen(self, record: ContentRecord, run: DrillRun) -> DrillScreen:
        from svctrainer.gui.drills.drill_screen import DrillScreen  # noqa: PLC0415

        screen = DrillScreen(run, sounds=self._ctx.settings.sounds)
        screen.finished.connect(lambda r: self._save(record, screen, r))
        screen.checkpoint.connect(
            lambda r: self.session.checkpoint(self._pending(record, screen, r))
        )
        screen.cancelled.connect(self.show_catalogue)
        return screen

    def run_scenario(self, record: ContentRecord, scenario: Scenario, mode: Mode) -> None:
        from svctrainer.gui.scenarios.scenario_player import ScenarioPlayer  # noqa: PLC0415

        player = ScenarioPlayer(self._ctx, record, scenario, mode)
        player.conversation_started.connect(self.drill_started)
        player.conversation_ended.connect(self.drill_ended)
        player.back.connect(self.show_catalogue)
        self._show_screen(player)
        player.start()

    @staticmethod
    def _pending(record: ContentRecord, screen: DrillScreen, run: DrillRun) -> PendingDrill:
        return PendingDrill.of(record, run, screen.started_at or datetime.now(UTC))

    def _checkpoint_failed(self, exc: Exception) -> None:
        from svctrainer.gui.drills.drill_screen import DrillScreen  # noqa: PLC0415

        if isinstance(self.current_screen, DrillScreen):
            self.current_screen.status_label.setText(
                fill(self.tr("Could not save a checkpoint: %1"), describe(exc))
            )

    def _save(self, record: ContentRecord, screen: DrillScreen, run: DrillRun) -> None:
        self._saving = run.definition
        self.session.save(self._pending(record, screen, run))

    def _saved(self, outcome: object) -> None:
        if isinstance(outcome, DrillOutcome):
            self.show_result(outcome.attempt, self._saving, outcome.comparison)

    def show_result(
        self,
        attempt: AttemptRecord,
        definition: DrillDefinition | None,
        comparison: Comparison | None,
    ) -> None:
        from svctrainer.gui.drills.result_screen import ResultScreen  # noqa: PLC0415

        screen = ResultScreen(attempt, definition, comparison)
        # The page's (hidden) until it shows: without a parent, a screen still waiting
        # when the page is deleted (sign-out, a closed window) lived on in Python and was
        # destroyed by whichever garbage collection came next, Qt objects and all.
        screen.setParent(self)
        screen.hide()
        screen.back.connect(self.show_catalogue)
        screen.again.connect(lambda: self._again(attempt))
        # Shown on the next turn: built, shown (styles, layout) and painted in the turn
        # the save's answer came, a data-entry drill's result held the window 67-74 ms
        # of CPU at load 7 (bench/bench_heartbeat.py; issue 17: no gap over 100 ms).
        self._result_waiting = screen
        QTimer.singleShot(0, self, lambda: self._show_result_screen(screen))

    def _show_result_screen(self, screen: QWidget) -> None:
        if self._result_waiting is not screen:  # back to the catalogue meanwhile
            screen.deleteLater()
            return
        self._result_waiting = None
        self._show_screen(screen)
        self.drill_ended.emit()

    def _again(self, attempt: AttemptRecord) -> None:
        self.show_catalogue()
        self.start_when_loaded(attempt.content_id, Mode(attempt.mode))

    def start_when_loaded(self, content_id: str, mode: Mode) -> bool:
        """Select a drill and start it as soon as its definition is loaded (also used by
        "My assignments")."""
        current = self.selected_record()
        if current is not None and current.content_id == content_id and self._current is not None:
            self.start(mode)
            return True
        self._pending_mode = mode
        if not self._records:  # the catalogue is still loading (a page just opened)
            self._pending_content = content_id
            return True
        if not self.select_content(content_id):
            self.search.clear()  # a filter typed earlier may hide the drill
            self.language.setCurrentIndex(0)
        if not self.select_content(content_id):
            self._pending_mode = None
            return False
        return True

    def _show_screen(self, screen: QWidget) -> None:
        self.current_screen = show_screen(self.stack, self.current_screen, screen)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page chosen in the two turns before a drill's screen shows: the drill
        # must not show on this hidden page and lock the side bar there. A minimised
        # window (a spontaneous hide) keeps it.
        if not event.spontaneous():
            self._starting = None
        super().hideEvent(event)

    def show_catalogue(self) -> None:
        self._starting = None  # a drill whose screen is not shown yet is not started
        self._result_waiting = None  # nor a result screen
        drop_screen(self.stack, self.current_screen)
        self.current_screen = None
        self.stack.setCurrentWidget(self.catalogue)
        self.tree.setFocus()
        if self.selected_record() is not None:
            self._selected()  # a test just taken may have used up the retake limit
        self.drill_ended.emit()
