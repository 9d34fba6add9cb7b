"""The Contest page: a branch skills contest, for everyone in the room.

Trainers create a contest (``NewContestDialog``), start it for the room and close it;
every workstation shows the contest's phase with a countdown to the start and the time
left, and the leaderboard. A contestant sits each drill from here: the service hands out
the contest's one form (``ContestService.begin_attempt``: refused outside the window or
past the attempts allowed), the run goes through the same drill screen and drill session
as any test (checkpoints, the save, a refused save kept in a file), and the result screen
leads back to the contest.

The countdown is drawn from the contest's stored window by a one-second ``QTimer`` on
this workstation's clock: no database read per tick. Standings are read in the background
on every change this window hears of and every ``POLL_MS`` while a contest is announced
or running, because other workstations' attempts reach this one only through the
database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.contest.rules import ContestState, Phase
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.registry import start_run
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.drill_session import QtDrillSession
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.language import content_language
from svctrainer.gui.messages import confirm, show_error
from svctrainer.gui.screen_stack import drop_screen, show_screen
from svctrainer.services.changes import ATTEMPTS, CONTENT, CONTESTS
from svctrainer.services.content import ContentRecord
from svctrainer.services.contests import ContestRecord, ContestResults, ContestTicket
from svctrainer.services.drill_session import DrillOutcome, PendingDrill

POLL_MS = 5000
TICK_MS = 1000
MAX_SKEW_S = 5.0  # a workstation clock further off than this from the database's is named
DRILL_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = frozenset({Phase.OPEN, Phase.COUNTDOWN, Phase.LIVE, Phase.TIME_UP})


def phase_text(phase: Phase) -> str:
    return {
        Phase.DRAFT: translate("contest", "Draft: not announced yet"),
        Phase.OPEN: translate("contest", "Announced: waiting for the trainer to start it"),
        Phase.COUNTDOWN: translate("contest", "Starting in"),
        Phase.LIVE: translate("contest", "Running: time left"),
        Phase.TIME_UP: translate("contest", "Time is up: waiting for the trainer to close it"),
        Phase.CLOSED: translate("contest", "Closed: the results are final"),
    }[phase]


def clock_text(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour), rounded up: a countdown shows 0:00 only at
    the start."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def first_contest(contests: list[ContestRecord], language: str) -> str | None:
    """The contest shown first: the newest whose drills are in the interface's content
    language (a Chinese screen opens on the contest sat on the Chinese packs), else the
    newest."""
    mine = [c for c in contests if c.languages == {language}]
    chosen = mine[0] if mine else (contests[0] if contests else None)
    return None if chosen is None else chosen.name


class ContestPage(QWidget):
    drill_started = Signal()
    drill_ended = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from svctrainer.gui.pages.contest_board import Leaderboard  # noqa: PLC0415

        super().__init__(parent)
        self._ctx = context
        self._contests: list[ContestRecord] = []
        self._record: ContestRecord | None = None
        self._ticket: ContestTicket | None = None
        self._loading = False
        # The database's clock minus this workstation's (measured once a page visit):
        # the countdown and the time left run on the database's clock.
        self._skew = timedelta(0)
        self._skew_checked = False
        self.current_screen: QWidget | None = None
        self.session = QtDrillSession(context, self)
        self.session.saved.connect(self._saved)
        self.session.kept.connect(self.show_contest)
        self.session.checkpoint_failed.connect(lambda exc: None)  # the screen carries on

        self.stack = QStackedWidget()
        self.main = QWidget()
        self.stack.addWidget(self.main)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.chooser = QComboBox()
        self.chooser.setObjectName("contestChooser")
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.new_button = QPushButton(self.tr("&New contest…"))
        self.start_button = QPushButton(self.tr("&Start for the room"))
        self.close_button = QPushButton(self.tr("C&lose and lock results"))
        self.export_button = QPushButton(self.tr("&Export results…"))
        self.export_button.setToolTip(
            self.tr("The results sheet with a certificate per contestant (PDF), or a CSV")
        )
        self.export_button.setVisible(context.can(Permission.EXPORT_REPORTS))
        self.export_button.clicked.connect(self.ask_export)
        self.new_button.clicked.connect(self.new_contest)
        self.start_button.clicked.connect(self.start_contest)
        self.close_button.clicked.connect(self.close_contest)
        runs = context.can(Permission.ASSIGN)
        for b in (self.new_button, self.start_button, self.close_button):
            b.setVisible(runs)
        self.clock_warning = QLabel()
        self.clock_warning.setObjectName("clockWarning")
        self.clock_warning.setWordWrap(True)
        self.clock_warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.clock_warning.setVisible(False)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("contestPhase")
        self.clock = QLabel()
        self.clock.setObjectName("contestClock")
        font = QFont(self.clock.font())
        font.setPointSizeF(font.pointSizeF() * 3)
        font.setBold(True)
        self.clock.setFont(font)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.drills = QListWidget()
        self.drills.setObjectName("contestDrillList")
        self.drills.setMaximumHeight(140)
        self.drills.itemActivated.connect(lambda *_: self.sit_drill())
        self.drills.currentItemChanged.connect(lambda *_: self._enable())
        self.sit_button = QPushButton(self.tr("Si&t this drill"))
        self.sit_button.setObjectName("sitButton")
        self.sit_button.clicked.connect(self.sit_drill)
        self.board = Leaderboard()
        self.empty = QLabel(
            self.tr("No contest has been announced yet.")
            if not runs
            else self.tr("No contest yet: create one with “New contest…” (Ctrl+N).")
        )
        self.empty.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Contest:")))
        bar.addWidget(self.chooser, 1)
        for b in (self.new_button, self.start_button, self.close_button, self.export_button):
            bar.addWidget(b)
        sit = QHBoxLayout()
        sit.addWidget(self.drills, 1)
        sit.addWidget(self.sit_button, 0, Qt.AlignmentFlag.AlignBottom)
        box = QVBoxLayout(self.main)
        box.setContentsMargins(12, 12, 12, 12)
        box.addLayout(bar)
        box.addWidget(self.empty)
        box.addWidget(self.clock_warning)
        box.addWidget(self.phase_label)
        box.addWidget(self.clock)
        box.addWidget(self.rules_label)
        box.addLayout(sit)
        box.addWidget(self.board, 1)
        if runs:
            QShortcut(QKeySequence("Ctrl+N"), self.main, self.new_contest)

        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        self.poller = QTimer(self)
        self.poller.setInterval(POLL_MS)
        self.poller.timeout.connect(self._poll)
        self.poller.start()
        context.hub.subscribe(self, CONTESTS | ATTEMPTS | CONTENT, self.refresh)
        self._enable()

    # -- reading ------------------------------------------------------------------------

    def activated(self) -> None:
        self.check_clock()
        self.refresh()

    def check_clock(self) -> None:
        """Measure this workstation's clock against the database's (in the background,
        half the round trip allowed for) and warn when they differ by more than
        ``MAX_SKEW_S``: the contest's window runs on the database's clock."""
        services, actor = self._ctx.services, self._ctx.actor

        def read() -> tuple[datetime, datetime, datetime]:
            sent = datetime.now(UTC)
            server = services.contests.server_time(actor)
            return sent, server, datetime.now(UTC)

        self._ctx.background.run(read, self._clock_read, lambda exc: None)

    def _clock_read(self, times: tuple[datetime, datetime, datetime]) -> None:
        sent, server, received = times
        self.set_skew(server - (sent + (received - sent) / 2))

    def set_skew(self, skew: timedelta) -> None:
        """The database's clock minus this workstation's."""
        self._skew, self._skew_checked = skew, True
        seconds = abs(skew.total_seconds())
        self.clock_warning.setVisible(seconds > MAX_SKEW_S)
        if seconds > MAX_SKEW_S:
            self.clock_warning.setText(
                fill(
                    self.tr(
                        "This computer's clock differs from the server's by %1 s: set it "
                        "right before taking part (the contest runs on the server's clock)."
                    ),
                    str(round(seconds)),
                )
            )
        self._tick()

    def now(self) -> datetime:
        """The database's time, from this workstation's clock and the measured skew."""
        return datetime.now(UTC) + self._skew

    def refresh(self) -> None:
        """Read the contests and the chosen one's standings in the background."""
        if self._loading:
            return
        self._loading = True
        services, actor = self._ctx.services, self._ctx.actor
        chosen = self._chosen_name()
        language = content_language()

        def read() -> tuple[list[ContestRecord], ContestResults | None]:
            contests = services.contests.in_branch(actor)
            names = [c.name for c in contests]
            name = chosen if chosen in names else first_contest(contests, language)
            return contests, None if name is None else services.contests.results(actor, name)

        self._ctx.background.run(read, self._loaded, self._load_failed)

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.phase_label.setText(fill(self.tr("Could not read the contest: %1"), str(exc)))

    def _loaded(self, loaded: tuple[list[ContestRecord], ContestResults | None]) -> None:
        self._loading = False
        contests, results = loaded
        self._contests = contests
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for c in contests:
            self.chooser.addItem(c.name, c.name)
        if results is not None:
            self.chooser.setCurrentIndex(max(0, self.chooser.findData(results.contest.name)))
        self.chooser.blockSignals(False)
        self._record = None if results is None else results.contest
        self.board.show_results(results)
        self._show_record(results)

    def _chosen(self, *_args: object) -> None:
        self.refresh()

    def _chosen_name(self) -> str | None:
        data = self.chooser.currentData()
        return None if data is None else str(data)

    def _poll(self) -> None:
        record = self._record
        if record is None or not self.isVisible() or self.current_screen is not None:
            return
        if record.phase(self.now()) in WATCHED:
            self.refresh()

    def _show_record(self, results: ContestResults | None) -> None:
        record = self._record
        self.empty.setVisible(record is None)
        shown: tuple[QWidget, ...] = (self.phase_label, self.clock, self.rules_label, self.board)
        for w in shown:
            w.setVisible(record is not None)
        sitting = record is not None and record.phase(self.now()) is not Phase.CLOSED
        for w in (self.drills, self.sit_button):
            w.setVisible(sitting and self._ctx.can(Permission.PRACTISE))
        current = self.drills.currentItem()
        keep = None if current is None else current.data(DRILL_ROLE)
        self.drills.clear()
        if record is None or results is None:
            self._enable()
            return
        rules = record.rules
        self.rules_label.setText(
            fill(
                self.tr(
                    "%1 drill(s) · %2 attempt(s) each, the best complete one counts · a %3-minute "
                    "window · everyone sits the same form"
                ),
                str(len(record.drills)),
                str(rules.attempts),
                str(rules.window_minutes),
            )
        )
        me = self._ctx.signed_in.person.id
        tries = {
            spec.content_id: next((r.tries for r in rows if r.person_id == me), 0)
            for spec, rows in results.results.standings.drills
        }
        for drill in record.drills:
            used = tries.get(drill.content_id, 0)
            item = QListWidgetItem(
                fill(
                    self.tr("%1 — attempts used: %2 of %3"),
                    drill.title,
                    str(used),
                    str(rules.attempts),
                )
            )
            item.setData(DRILL_ROLE, drill.content_id)
            item.setData(DRILL_ROLE + 1, used < rules.attempts)
            self.drills.addItem(item)
            if drill.content_id == keep:
                self.drills.setCurrentItem(item)
        if self.drills.currentItem() is None and self.drills.count():
            self.drills.setCurrentRow(0)
        self._tick()

    def _tick(self) -> None:
        record = self._record
        if record is None:
            return
        now = self.now()
        phase = record.phase(now)
        self.phase_label.setText(phase_text(phase))
        if phase is Phase.COUNTDOWN and record.begins_at is not None:
            self.clock.setText(clock_text((record.begins_at - now).total_seconds()))
        elif phase is Phase.LIVE and record.ends_at is not None:
            self.clock.setText(clock_text((record.ends_at - now).total_seconds()))
        else:
            self.clock.setText("")
        self.clock.setVisible(phase in {Phase.COUNTDOWN, Phase.LIVE})
        self._enable()

    def _enable(self) -> None:
        record = self._record
        phase = None if record is None else record.phase(self.now())
        self.start_button.setEnabled(phase is Phase.OPEN)
        self.export_button.setEnabled(record is not None)
        self.close_button.setEnabled(phase in {Phase.OPEN, Phase.COUNTDOWN, Phase.LIVE,
                                               Phase.TIME_UP})  # fmt: skip
        item = self.drills.currentItem()
        can_sit = (
            phase is Phase.LIVE
            and item is not None
            and bool(item.data(DRILL_ROLE + 1))
            and self._ctx.can(Permission.PRACTISE)
        )
        self.sit_button.setEnabled(can_sit)

    # -- the trainer's steps -------------------------------------------------------------

    def new_contest(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.contests.eligible_drills(actor),
            self._ask_new,
            lambda exc: show_error(self, exc),
        )

    def _ask_new(self, records: list[ContentRecord]) -> None:
        from svctrainer.gui.pages.contest_dialog import NewContestDialog  # noqa: PLC0415

        dialog = NewContestDialog(records, self)
        if not dialog.exec():
            return
        name, drills, rules = dialog.choices()
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.contests.create, actor, name, drills, rules).then(
            self._created
        ).run()

    def _created(self, record: ContestRecord) -> None:
        self.chooser.addItem(record.name, record.name)
        self.chooser.setCurrentIndex(self.chooser.count() - 1)
        self._ctx.navigator.tell(fill(self.tr("Announced the contest %1"), record.name))
        self.refresh()

    def start_contest(self) -> None:
        record = self._record
        if record is None:
            return
        if not confirm(
            self,
            self.tr("Start the contest"),
            fill(
                self.tr(
                    "Start “%1” for the room now? Every workstation counts down %2 s, then the "
                    "%3-minute window runs."
                ),
                record.name,
                str(record.rules.countdown_s),
                str(record.rules.window_minutes),
            ),
            self.tr("Start"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.contests.start, actor, record.name).then(
            lambda _record: self.refresh()
        ).run()

    def close_contest(self) -> None:
        record = self._record
        if record is None:
            return
        if not confirm(
            self,
            self.tr("Close the contest"),
            fill(
                self.tr(
                    "Close “%1” and lock its results? Attempts still running on a workstation "
                    "will not count, and the results cannot change afterwards."
                ),
                record.name,
            ),
            self.tr("Close and lock"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.contests.close, actor, record.name).then(
            lambda _results: self.refresh()
        ).run()

    def ask_export(self) -> None:
        record = self._record
        if record is None:
            return
        pdf_filter, csv_filter = self.tr("PDF (*.pdf)"), self.tr("CSV (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), f"{record.name}.pdf", f"{pdf_filter};;{csv_filter}"
        )
        if path:
            self.export(
                Path(path), "csv" if chosen == csv_filter or path.endswith(".csv") else "pdf"
            )

    def export(self, path: Path, fmt: str) -> None:
        """Write the results sheet (PDF: with the certificates) in the background; the PDF
        is drawn on a ``QPdfWriter``, no widget, so the worker may draw it."""
        from svctrainer.gui.charts.contest_pdf import render_contest_results  # noqa: PLC0415

        record = self._record
        if record is None:
            return
        reports, actor, name = self._ctx.services.reports, self._ctx.actor, record.name
        if fmt == "csv":
            write = self._ctx.hub.write(self, reports.contest_csv, actor, path, name)
        else:
            write = self._ctx.hub.write(
                self, reports.contest_pdf, actor, path, name, render_contest_results
            )
        closed = record.state is ContestState.CLOSED
        write.then(lambda result: self._exported(result.path, fmt == "pdf" and not closed)).run()

    def _exported(self, path: Path, without_certificates: bool = False) -> None:
        if without_certificates:
            self._ctx.navigator.tell(
                fill(
                    self.tr(
                        "Saved %1: provisional standings, no certificates (they are printed "
                        "once the contest is closed)"
                    ),
                    path.name,
                )
            )
            return
        self._ctx.navigator.tell(fill(self.tr("Saved %1"), path.name))

    # -- sitting a drill -----------------------------------------------------------------

    def sit_drill(self) -> None:
        record, item = self._record, self.drills.currentItem()
        if record is None or item is None or not self.sit_button.isEnabled():
            return
        content_id = str(item.data(DRILL_ROLE))
        services, actor = self._ctx.services, self._ctx.actor
        self.sit_button.setEnabled(False)
        # A write: the try is used the moment the paper is handed out.
        self._ctx.hub.write(
            self, services.contests.begin_attempt, actor, record.name, content_id
        ).then(self._begin).failing(self._begin_failed).run()

    def _begin_failed(self, exc: Exception) -> None:
        show_error(self, exc)
        self.refresh()

    def _begin(self, ticket: ContestTicket) -> None:
        from svctrainer.gui.drills.drill_screen import DrillScreen  # noqa: PLC0415

        self._ticket = ticket
        run = start_run(ticket.definition, Mode.TEST, seed=ticket.seed)
        screen = DrillScreen(run, sounds=self._ctx.settings.sounds)
        screen.setObjectName("contestDrillScreen")
        screen.finished.connect(lambda r: self._save(ticket, screen, r))
        screen.checkpoint.connect(
            lambda r: self.session.checkpoint(self._pending(ticket, screen, r))
        )
        screen.cancelled.connect(self.show_contest)
        self._show_screen(screen)
        self.drill_started.emit()

    def _pending(self, ticket: ContestTicket, screen: QWidget, run: DrillRun) -> PendingDrill:
        """The run to save, its start moved onto the database's clock (the measured skew),
        so that a workstation clock that is off never puts it outside the window."""
        started = getattr(screen, "started_at", None) or datetime.now(UTC)
        return PendingDrill.of(ticket.content, run, started + self._skew)

    def _save(self, ticket: ContestTicket, screen: QWidget, run: DrillRun) -> None:
        self.session.save(self._pending(ticket, screen, run))

    def _saved(self, outcome: object) -> None:
        from svctrainer.gui.drills.result_screen import ResultScreen  # noqa: PLC0415

        if not isinstance(outcome, DrillOutcome):
            return
        ticket = self._ticket
        definition: DrillDefinition | None = None if ticket is None else ticket.definition
        screen = ResultScreen(outcome.attempt, definition, outcome.comparison)
        screen.back.connect(self.show_contest)
        screen.again.connect(self.show_contest)
        self._show_screen(screen)
        self.drill_ended.emit()

    def _show_screen(self, screen: QWidget) -> None:
        self.current_screen = show_screen(self.stack, self.current_screen, screen)

    def show_contest(self) -> None:
        drop_screen(self.stack, self.current_screen)
        self.current_screen = None
        self.stack.setCurrentWidget(self.main)
        self.drill_ended.emit()
        self.refresh()
