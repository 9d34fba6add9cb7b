"""The application window: the login screen, then role-aware navigation over the pages.

At start-up the window is first shown as an empty frame (title, size, palette) and built
after its first paint (``deferred=True``, then ``build()``): a person sees the window at
the speed of a bare Qt window, and the login screen a moment later. So this module
imports only what the frame needs; the rest comes with ``build()``. That includes PySide's
``Qt`` namespace and the widget classes of the shell: PySide builds a class's Python enums
the first time the class is reached, and ``Qt`` alone (1 200 members) costs as much as a
fifth of a bare window's start, so they are imported in the methods that use them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from svctrainer.gui.i18n import fill
from svctrainer.gui.settings import GuiSettings, load_geometry, save_geometry
from svctrainer.gui.settings_writer import SettingsWriter

if TYPE_CHECKING:  # imported after the first paint (see gui.app)
    import threading
    from collections.abc import Sequence

    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QListWidgetItem, QScrollArea

    from svctrainer.gui.background import Background
    from svctrainer.gui.change_hub import ChangeHub
    from svctrainer.gui.context import AppContext
    from svctrainer.gui.garbage import GuiThreadCollector
    from svctrainer.gui.idle_sign_out import IdleWatch
    from svctrainer.gui.import_ahead import ImportAhead
    from svctrainer.gui.login import LoginPage
    from svctrainer.gui.navigation import NavTarget
    from svctrainer.gui.navigator import Navigator
    from svctrainer.gui.scenarios.chart_slot import ChartSlot
    from svctrainer.services.api import Services
    from svctrainer.services.drafts import DraftRecord
    from svctrainer.services.records import SignedIn

NAV_KEY_ROLE = 0x0100 + 2
"""``Qt.ItemDataRole.UserRole + 2``, as the number it is (see the module doc)."""


@runtime_checkable
class ActivatedPage(Protocol):
    """A page that loads (or refreshes) itself when it is shown."""

    def activated(self) -> None: ...


class MainWindow(QMainWindow):
    first_painted = Signal()
    """Once, just after the window's first paint (gui.app builds the login screen then).
    From ``paintEvent`` rather than an event filter: a filter hands every event of the
    window to Python, and the first of them makes PySide build its fifty event classes."""

    background: Background
    hub: ChangeHub
    navigator: Navigator
    login: LoginPage
    idle: IdleWatch
    collector: GuiThreadCollector

    def __init__(
        self, settings: GuiSettings, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """The window; with ``deferred`` only its frame, until ``build()``."""
        super().__init__(parent)
        self.settings = settings
        self.settings_writer = SettingsWriter()
        """The preferences file is written off the GUI thread: a disk flush can take a second."""
        self.services: Services | None = None
        self.context: AppContext | None = None
        self._entering: AppContext | None = None  # signed in, open assignments being counted
        self.instance_lock: object | None = None
        """This workstation's lock on the database (``gui/instance_lock.py``), held as long
        as the window."""
        self.pages: dict[str, QWidget] = {}
        self._frames: dict[str, QScrollArea] = {}
        """Each page's scroll area in the page stack, by page key."""
        self._targets: list[NavTarget] = []
        self.built = False
        self._painted = False
        self.chart_warm_up: threading.Thread | None = None
        """The chart library's preloading thread, once started (``_warm_up_charts``)."""
        self.import_ahead: ImportAhead | None = None
        """The session's pages' modules being imported ahead (``_import_pages_ahead``)."""
        self._revealing = False
        """Building the landing page at sign-in: its charts are built in later turns,
        before the session shows (``_reveal_session``)."""

        self.setWindowTitle(self.tr("svctrainer"))
        geometry, self._saved_state = load_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)
        if not deferred:
            self.build()

    def build(self) -> None:
        """Everything but the frame: the login screen, navigation, menus, status bar."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see module doc
        from PySide6.QtWidgets import (  # noqa: PLC0415
            QHBoxLayout,
            QLabel,
            QListWidget,
            QStackedWidget,
        )

        from svctrainer.gui.background import Background  # noqa: PLC0415 - see module doc
        from svctrainer.gui.change_hub import ChangeHub  # noqa: PLC0415
        from svctrainer.gui.idle_sign_out import IdleWatch  # noqa: PLC0415
        from svctrainer.gui.login import LoginPage  # noqa: PLC0415
        from svctrainer.gui.navigator import Navigator  # noqa: PLC0415

        if self.built:
            return
        self.built = True
        self.background = Background(self)
        self.hub = ChangeHub(self.background, self)
        self.navigator = Navigator(self._show_page, self.statusBar().showMessage)
        self.login = LoginPage(self.background)
        self.login.signed_in.connect(self.enter)
        self.login.listed.connect(self._warm_up_charts)
        self.login.listed.connect(lambda: self._import_pages_ahead(None))
        self.idle = IdleWatch(self)
        self.idle.expired.connect(self._idle_expired)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setSpacing(2)
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        self.page_stack = QStackedWidget()
        self.shell = QWidget()
        shell_layout = QHBoxLayout(self.shell)
        shell_layout.setContentsMargins(0, 0, 0, 0)
        shell_layout.setSpacing(0)
        shell_layout.addWidget(self.nav)
        shell_layout.addWidget(self.page_stack, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.shell)
        self.setCentralWidget(self.stack)

        self.person_label = QLabel()
        self.database_label = QLabel()
        for label in (self.person_label, self.database_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
            label.setContentsMargins(12, 0, 4, 0)  # the two must not read as one line
        from svctrainer.gui.busy_indicator import BusyIndicator  # noqa: PLC0415

        self.busy_indicator = BusyIndicator(self.background)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().addPermanentWidget(self.person_label)

        self._build_menus()
        if self._saved_state is not None:
            self.restoreState(self._saved_state)
        self._set_signed_out_state()
        from svctrainer.gui.garbage import GuiThreadCollector  # noqa: PLC0415

        # Before the first background call: garbage with Qt objects in it is freed here.
        self.collector = GuiThreadCollector(self)
        self.collector.watch(self.idle, self.background)

    def _warm_up_charts(self) -> None:
        """Start importing the chart library (``gui/chart_preload.py``) once a person can
        sign in: while the login screen waits for a PIN, not before. Started with the
        window, its numpy import competed with the opening database for the interpreter
        and filled the sign-in list of ``gui --demo`` 0.2 s later (issue 17: within 2 s)."""
        if self.chart_warm_up is not None:
            return
        from svctrainer.gui.chart_preload import preload_charts  # noqa: PLC0415

        self.chart_warm_up = preload_charts()

    # -- menus and shortcuts -----------------------------------------------------------

    def _build_menus(self) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see module doc
        from PySide6.QtGui import QAction, QKeySequence  # noqa: PLC0415

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.triggered.connect(lambda _checked=False: self.sign_out())
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.view_menu = self.menuBar().addMenu(self.tr("&Go"))

        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        tools.addAction(self.settings_action)
        self.change_pin_action = QAction(self.tr("Change my &PIN…"), self)
        self.change_pin_action.triggered.connect(self.change_pin)
        tools.addAction(self.change_pin_action)
        self.hand_count_action = QAction(self.tr("Log a &hand count…"), self)
        self.hand_count_action.setObjectName("log_hand_count")
        self.hand_count_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.hand_count_action.setVisible(False)  # trainers only (LOG_HAND_COUNT)
        self.hand_count_action.triggered.connect(self.log_hand_count)
        tools.addAction(self.hand_count_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&Guide to this page"), self)
        guide.setObjectName("open_guide")
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        guide.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        guide.triggered.connect(self.open_guide)
        help_menu.addAction(guide)
        about = QAction(self.tr("&About svctrainer"), self)
        about.triggered.connect(self.open_about)
        help_menu.addAction(about)

    def _rebuild_navigation(self) -> None:
        self.view_menu.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        if self.context is None:
            self._targets = []
            return
        from PySide6.QtCore import QSize  # noqa: PLC0415 - see module doc
        from PySide6.QtGui import QAction, QKeySequence  # noqa: PLC0415
        from PySide6.QtWidgets import QListWidgetItem  # noqa: PLC0415

        from svctrainer.gui.navigation import targets_for  # noqa: PLC0415 - see module doc

        self._targets = targets_for(self.context.permissions)
        for target in self._targets:
            item = QListWidgetItem(target.title())
            item.setData(NAV_KEY_ROLE, target.key)
            keys = QKeySequence(target.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{target.title()} ({keys})")
            item.setSizeHint(QSize(180, 36))
            self.nav.addItem(item)
            action = QAction(target.title(), self)
            action.setShortcut(QKeySequence(target.shortcut))
            action.setObjectName(f"go_{target.key}")
            action.triggered.connect(lambda _c=False, key=target.key: self.go_to(key))
            self.view_menu.addAction(action)

    # -- sign in / out -----------------------------------------------------------------

    def attach_services(self, services: Services, branch_name: str) -> None:
        self.services = services
        label = services.database.label
        self.database_label.setText(fill(self.tr("Database: %1"), _short(label)))
        self.database_label.setToolTip(label)
        self.login.attach(services, branch_name, self.settings.last_profile)
        self.collector.keep_start_up()

    def enter(self, signed_in: SignedIn) -> None:
        """Open the signed-in person's session on their landing page.

        A teller's landing page depends on their open assignments. They are counted on
        the background worker first (a query on the GUI thread held every teller's
        sign-in, bench/bench_heartbeat.py) while the login screen stays up, a few
        milliseconds; the session opens when the count is back, on the right page at
        once. If the count fails the teller simply lands on Practice."""
        assert self.services is not None  # noqa: S101 - sign-in needs attached services
        self._warm_up_charts()  # signed in without the list (first-run set-up)
        # Imported at sign-in, not before the first window: it brings the services'
        # actor (host and user names: socket, getpass), which the login screen never needs.
        from svctrainer.gui.context import AppContext  # noqa: PLC0415
        from svctrainer.gui.navigation import (  # noqa: PLC0415 - see module doc
            counts_open_assignments,
            targets_for,
        )

        context = AppContext(
            self.services, self.background, signed_in, self.settings, self.hub, self.navigator
        )
        # Signed in again before the last session showed (the login screen stays up for
        # its turns): that one ends here, audited, as a sign-out would end it.
        dropped = self.context if self.context is not None else self._entering
        if dropped is not None:
            self._audit_sign_out(dropped, idle=False)
        self._entering = context
        if not counts_open_assignments(context, targets_for(context.permissions)):
            self._open_session(context, 0)
            return
        services, actor = context.services, context.actor

        def counted(open_assignments: int) -> None:
            if self._entering is context:  # not signed in again meanwhile
                self._open_session(context, open_assignments)

        def failed(exc: Exception) -> None:
            import logging  # noqa: PLC0415 - see module doc

            logging.getLogger(__name__).warning("could not count open assignments: %r", exc)
            counted(0)

        self.background.run(lambda: services.assignments.open_count(actor), counted, failed)

    def _open_session(self, context: AppContext, open_assignments: int) -> None:
        from svctrainer.gui.navigation import landing_key  # noqa: PLC0415 - see module doc

        self._entering = None
        self.context = context  # the pages are built for it (then unset until shown)
        self.settings.last_profile = str(context.signed_in.person.id)
        self._clear_pages()
        self._rebuild_navigation()
        # The landing page is chosen before the shell shows: shown first, the side bar
        # took the focus from the hidden PIN field and, with no page chosen yet, chose
        # and built its first page too (bench/bench_heartbeat.py).
        landing = landing_key(context, self._targets, open_assignments)
        self._revealing = True  # the landing page's hidden parts wait for the reveal
        try:
            if landing is not None:
                self.go_to(landing)
        finally:
            self._revealing = False
        # Signed in once the session shows (``_reveal_session``), as before the count of
        # a teller's assignments: ``context`` set means the session is on screen.
        self.context, self._entering = None, context
        # Out of reach until then: a View shortcut in these turns moved the side bar's
        # highlight off the landing page, to a page it did not build.
        self._set_navigation_enabled(False)
        # The shell on a later turn, once the landing page is whole: this turn builds
        # the page behind the login screen, each of its charts gets a turn of its own,
        # and showing it (styles, layouts: a turn again) comes last. In one turn a
        # supervisor's sign-in held the window 106 ms and an admin's 160, most of it
        # waiting for the worker, which had started the page's query
        # (bench/bench_heartbeat.py; issue 17: no gap over 100 ms).
        QTimer.singleShot(0, self, lambda: self._reveal_session(context, landing))

    def _reveal_session(self, context: AppContext, landing: str | None) -> None:
        """Build one hidden part of the landing page a turn (``ChartSlot``), then show
        the session; the rest of it a turn later (``_settle_session``)."""
        if self._entering is not context:  # signed out (or in again) meanwhile
            return
        page = self.pages.get(landing) if landing is not None else None
        unbuilt = next(iter(_unbuilt_slots(page)), None) if page is not None else None
        if unbuilt is not None:
            unbuilt.step()
            QTimer.singleShot(0, self, lambda: self._reveal_session(context, landing))
            return
        self._entering, self.context = None, context
        from svctrainer.core.roles import Permission  # noqa: PLC0415 - see module doc
        from svctrainer.gui.dialogs.person_dialog import role_label  # noqa: PLC0415

        person = context.signed_in.person
        roles = self.tr(", ").join(sorted(role_label(r) for r in person.roles))
        self.person_label.setText(fill(self.tr("Signed in: %1 (%2)"), person.name, roles))
        self.sign_out_action.setEnabled(True)
        self.change_pin_action.setEnabled(True)
        self.hand_count_action.setVisible(context.can(Permission.LOG_HAND_COUNT))
        self._set_navigation_enabled(True)  # before the shell shows: it takes the focus
        self.stack.setCurrentWidget(self.shell)
        self.activateWindow()  # keyboard shortcuts work at once, without a click first
        self.idle.start(self.settings.idle_minutes)
        # The rest on the next turn: writing the settings file and asking the worker for
        # drafts need not share the turn that shows the page.
        QTimer.singleShot(0, self, lambda: self._settle_session(context, landing))

    def _settle_session(self, context: AppContext, landing: str | None) -> None:
        """What a session needs soon after its landing page, not in the same turn."""
        if self.context is not context:  # signed out (or in again) meanwhile
            return
        self.settings_writer.save(self.settings)
        self._offer_interrupted_attempts()
        self._import_pages_ahead(landing)

    def _import_pages_ahead(self, landing: str | None) -> None:
        """The modules of the pages a person may open, imported a module per turn of the
        event loop (``gui/import_ahead.py``): an admin's first visit to Practice imported
        85-101 ms of modules in one turn. Signed in: that person's pages but the landing
        one, once it is up; at the login screen (the list filled), every page's, while
        the person types a PIN."""
        from svctrainer.gui.import_ahead import ImportAhead  # noqa: PLC0415 - see module doc
        from svctrainer.gui.navigation import TARGETS  # noqa: PLC0415

        if self.context is None and self._entering is not None:
            return  # signing in: the session starts its own
        self._stop_importing_ahead()
        targets = TARGETS if self.context is None else self._targets
        modules = [t.module for t in targets if t.key != landing]
        background = self.background
        self.import_ahead = ImportAhead(modules, self, waits_while=lambda: background.busy)
        self.import_ahead.start()

    def _stop_importing_ahead(self) -> None:
        if self.import_ahead is not None:
            self.import_ahead.stop()
            self.import_ahead = None

    def _offer_interrupted_attempts(self) -> None:
        """A checkpoint left by a crash: the teller decides what happens to it."""
        ctx = self.context
        if ctx is None:
            return
        services, actor = ctx.services, ctx.actor

        def offer(drafts: list[DraftRecord]) -> None:
            if drafts:
                self._decide_draft(ctx, drafts[0], drafts[1:])

        self.background.run(lambda: services.drafts.mine(actor), offer, lambda _e: None)

    def _decide_draft(self, ctx: AppContext, draft: DraftRecord, rest: list[DraftRecord]) -> None:
        """Ask about one checkpoint, carry out the choice, then ask about the next."""
        from svctrainer.gui.dialogs.interrupted_attempt_dialog import (  # noqa: PLC0415
            InterruptedAttemptDialog,
        )

        def next_draft(_result: object = None) -> None:
            if rest and self.context is ctx:
                self._decide_draft(ctx, rest[0], rest[1:])

        def failed(exc: Exception) -> None:  # reported; the checkpoint stays for next time
            from svctrainer.gui.messages import show_error  # noqa: PLC0415 - see module doc

            show_error(self, exc)
            next_draft()

        dialog = InterruptedAttemptDialog(draft, self)
        dialog.exec()
        drafts = ctx.services.drafts
        if dialog.choice == "keep":
            ctx.hub.write(self, drafts.keep, ctx.actor, draft.id).then(next_draft).failing(
                failed
            ).run()
        elif dialog.choice == "discard":
            ctx.hub.write(self, drafts.discard, ctx.actor, draft.id).then(next_draft).failing(
                failed
            ).run()
        else:
            next_draft()

    def _idle_expired(self) -> None:
        """Nobody touched the workstation for the idle time: keep a drill in progress
        as a draft, then sign out for the next person."""
        if self.context is None:
            return
        for page in self.pages.values():
            screen = getattr(page, "current_screen", None)
            keep = getattr(screen, "checkpoint_now", None)
            if keep is not None:
                keep()
        self.sign_out(idle=True)

    def sign_out(self, *, idle: bool = False) -> None:
        """End the session: audited by name (off the GUI thread), pages dropped, and the
        login screen cleared for the next person at the counter."""
        # Signed in but not shown yet (``_reveal_session``) is signed in too.
        context = self.context if self.context is not None else self._entering
        self._entering = None
        if context is not None:
            self._audit_sign_out(context, idle=idle)
        self.idle.stop()
        self._stop_importing_ahead()
        self.context = None
        self._clear_pages()
        self._rebuild_navigation()
        # A drill running (or about to show) locked the side bar; its page is gone and
        # will never say it ended, so the next person would find the side bar dead.
        self._set_navigation_enabled(True)
        self._set_signed_out_state()
        self.login.clear_for_next_person()
        if idle:
            self.login.error.setText(
                self.tr(
                    "Signed out after %n minute(s) without use.", None, self.settings.idle_minutes
                )
            )

    def _audit_sign_out(self, context: AppContext, *, idle: bool) -> None:
        """The sign-out of ``context``'s person, audited by name, off the GUI thread."""
        services, actor = context.services, context.actor
        self.background.run(
            lambda: services.auth.sign_out(actor, idle=idle), lambda _r: None, lambda _e: None
        )

    def _set_signed_out_state(self) -> None:
        self.person_label.setText(self.tr("Not signed in"))
        self.sign_out_action.setEnabled(False)
        self.change_pin_action.setEnabled(False)
        self.hand_count_action.setVisible(False)
        self.stack.setCurrentWidget(self.login)
        self.login.search.setFocus()

    def _clear_pages(self) -> None:
        """The session's pages out of sight and out of the change hub at once, and
        deleted over the next turns of the event loop, a tab a turn.

        Why not all at once: deleting a supervisor's pages (the dashboard's rows, the
        charts, the queue forms) held the GUI thread 108-116 ms of CPU in one turn at
        sign-out, the walk's longest (bench/bench_heartbeat.py; issue 17: no gap over
        100 ms); a tab at a time the longest is the dashboard's, ~25 ms."""
        shown = self.page_stack.currentWidget()
        # The page on screen leaves last: taken out first, the stack would show the next
        # one (a show, a layout, perhaps a load) only to take it out too.
        frames = sorted(self._frames.values(), key=lambda frame: frame is shown)
        for frame in frames:
            self.page_stack.removeWidget(frame)
            frame.hide()
        self.pages.clear()
        self._frames.clear()
        if frames:
            self.hub.forget_within(frames)  # a hidden page half taken apart hears nothing
            self._delete_in_turns(_pieces(frames))

    def _delete_in_turns(self, pieces: list[QWidget]) -> None:
        """``deleteLater`` the first of ``pieces`` still alive, and the rest on later
        turns (the next deletion is asked for from the turn after this one's)."""
        import shiboken6  # noqa: PLC0415 - see module doc

        while pieces and not shiboken6.isValid(pieces[0]):
            pieces.pop(0)  # gone with its window, or with an earlier piece
        if not pieces:
            return
        pieces.pop(0).deleteLater()
        if pieces:
            QTimer.singleShot(0, self, lambda: self._delete_in_turns(pieces))

    # -- navigation ----------------------------------------------------------------------

    def go_to(self, key: str) -> bool:
        """Show a page; False when the signed-in person may not see it."""
        return self._show_page(key) is not None

    def _show_page(self, key: str) -> QWidget | None:
        """Select ``key`` in the side bar (which builds the page the first time) and return
        the page; None when the signed-in person may not see it. The navigator's way in.
        None too while a session is being shown (``_reveal_session``): its landing page
        is chosen already."""
        if self.context is None:
            return None
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(NAV_KEY_ROLE) == key:
                self.nav.setCurrentItem(item)
                return self.pages.get(key)
        return None

    def _set_navigation_enabled(self, enabled: bool) -> None:
        self.nav.setEnabled(enabled)
        for action in self.view_menu.actions():
            action.setEnabled(enabled)
        self.sign_out_action.setEnabled(enabled and self.context is not None)

    def current_page_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(NAV_KEY_ROLE) if item else None

    def _on_nav_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see module doc

        if current is None or self.context is None:
            return
        key = current.data(NAV_KEY_ROLE)
        page = self.pages.get(key)
        if page is None:
            target = next(t for t in self._targets if t.key == key)
            page = target.build(self.context)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            # Each page in its own scroll area: a hidden page's size never holds the
            # window open, and a page taller than the screen scrolls instead of cutting
            # off its bottom (1366×768 at 150 % text).
            from svctrainer.gui.scroll_area import scrolled  # noqa: PLC0415 - see module doc

            self._frames[key] = scrolled(page, sideways=True)
            self.page_stack.addWidget(self._frames[key])
            self._lock_navigation_during_drills(page)
            if not self._revealing:  # shown now: whole (at sign-in, a part a turn)
                for slot in _unbuilt_slots(page):
                    slot.chart  # noqa: B018 - builds it
        self.page_stack.setCurrentWidget(self._frames[key])
        if isinstance(page, ActivatedPage):
            page.activated()
        focused = QApplication.focusWidget()
        if focused is None or not focused.isVisible():
            # After sign-in the PIN field that had the focus is hidden; without a new
            # focus the window's keyboard shortcuts would wait for a mouse click.
            page.setFocus(Qt.FocusReason.OtherFocusReason)
            if page.focusWidget() is None or not page.focusWidget().isVisible():
                self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lock_navigation_during_drills(self, page: QWidget) -> None:
        """While a drill runs, navigation stays out of reach: a stray Ctrl+2 must not
        abandon a test half-way.

        Any page that says when a drill starts and ends (practice, contest) is asked by
        its signals, not its class: importing the contest page to test a page's type
        cost every sign-in 0.1 s of the GUI thread (bench/bench_heartbeat.py)."""
        started = getattr(page, "drill_started", None)
        ended = getattr(page, "drill_ended", None)
        if isinstance(started, SignalInstance) and isinstance(ended, SignalInstance):
            started.connect(lambda: self._set_navigation_enabled(False))
            ended.connect(lambda: self._set_navigation_enabled(True))

    # -- dialogs ---------------------------------------------------------------------------

    def open_settings(self) -> None:
        from svctrainer.gui.dialogs.settings_dialog import SettingsDialog  # noqa: PLC0415

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, settings: GuiSettings) -> None:
        from svctrainer.gui.theme import apply_appearance  # noqa: PLC0415

        settings.last_profile = self.settings.last_profile
        self.settings.theme = settings.theme
        self.settings.font_size = settings.font_size
        self.settings.sounds = settings.sounds
        self.settings.language = settings.language
        self.settings.idle_minutes = settings.idle_minutes
        self.settings_writer.save(self.settings)
        if self.context is not None:
            self.idle.start(self.settings.idle_minutes)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, self.settings)
        self.hub.appearance_changed.emit()

    def open_guide(self) -> None:
        from svctrainer.gui.dialogs.guide_dialog import GuideDialog  # noqa: PLC0415

        key = self.current_page_key() if self.context is not None else "login"
        GuideDialog(key or "practice", self).exec()

    def open_about(self) -> None:
        from svctrainer.gui.dialogs.about_dialog import AboutDialog  # noqa: PLC0415

        AboutDialog(self).exec()

    def log_hand_count(self) -> None:
        from svctrainer.core.roles import Permission  # noqa: PLC0415 - see module doc
        from svctrainer.gui.pages.hand_count_form import HandCountDialog  # noqa: PLC0415

        if self.context is not None and self.context.can(Permission.LOG_HAND_COUNT):
            HandCountDialog(self.context, self).exec()

    def change_pin(self) -> None:
        from svctrainer.gui.dialogs.change_pin_dialog import ChangePinDialog  # noqa: PLC0415

        if self.context is not None:
            ChangePinDialog(self.context, self).exec()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    # -- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings_writer.flush()
        save_geometry(self.saveGeometry(), self.saveState())
        if self.built:
            self.background.wait()
            self.collector.stop()
        super().closeEvent(event)


def _pieces(frames: Sequence[QWidget]) -> list[QWidget]:
    """What ``_clear_pages`` deletes, a piece a turn: each frame's tab pages, those
    within a tab before the tab, then the frame with what is left. The tab bars are
    silenced first: a tab deleted makes its neighbour current, and a page told so
    would build that tab (``LazyTab``) or load it, only to delete it a turn later."""
    from PySide6.QtWidgets import QTabWidget  # noqa: PLC0415 - see module doc

    pieces: list[QWidget] = []
    for frame in frames:
        # findChildren lists a widget before what it holds: reversed, the innermost first
        tab_widgets = list(reversed(frame.findChildren(QTabWidget)))
        for tabs in tab_widgets:
            tabs.blockSignals(True)
            pages = (tabs.widget(i) for i in reversed(range(tabs.count())))
            pieces.extend(page for page in pages if page is not None)
        pieces.append(frame)
    return pieces


def _unbuilt_slots(page: QWidget) -> list[ChartSlot[QWidget]]:
    """The charts of ``page`` still to be built in their slots."""
    from svctrainer.gui.scenarios.chart_slot import ChartSlot  # noqa: PLC0415 - see module doc

    return [slot for slot in page.findChildren(ChartSlot) if not slot.built]


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else "…" + label[-(limit - 1) :]
