"""Python's garbage collected on the GUI thread only, in passes short enough to go
unnoticed.

Why the GUI thread: a Qt object that Python owns is deleted when its Python wrapper is
collected, and the cyclic collector runs on whichever thread happens to allocate when a
threshold is reached: with a database worker allocating thousands of rows, that is often
the worker. A widget or signal relay caught in a reference cycle (a slot that refers
back to its page) was then deleted off the GUI thread while the GUI thread used it, and
the application crashed in QtCore under load (bench/bench_heartbeat.py on the large
branch). So automatic collection is off, and a timer on the GUI thread collects whenever
the collector's own thresholds say it would have.

Why short passes: a pass of the oldest generation walks every object it holds, and after
start-up (PySide, SQLAlchemy, pyqtgraph, the pages) and a large branch's results that
took 460 ms on the GUI thread, in the middle of a PDF export. So the timer runs only the
passes of the two young generations, and what survives a pass of the middle one (an
object a second or more old) is frozen (``gc.freeze``): it leaves the generations the
passes walk, and each pass walks only what is new since the last. Frozen objects that
are dropped are still freed at once by their reference count; only a frozen *cycle*
waits for the deep pass, which walks everything: it runs when the frozen objects have
grown by a quarter since the last one (the rule CPython uses for its own full passes)
and the window has been idle (no input, no background work) for ``DEEP_IDLE_S``, so
nobody is kept waiting by it.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

if TYPE_CHECKING:
    from svctrainer.gui.background import Background
    from svctrainer.gui.idle_sign_out import IdleWatch

CHECK_MS = 100
"""How often the thresholds are read: often, so that the youngest generation (which the
database worker fills quickly) stays small and its pass short."""
OPEN_PAUSE_MS = 5000
"""The longest the passes wait for the database to open (``open_database``): an open
takes about a second; a migration of a large branch may take minutes, and the worker's
cycles would pile up meanwhile."""
DEEP_GROWTH = 0.25
DEEP_IDLE_S = 10.0
_live = [0]  # collectors counted; automatic collection is back on when none is
_holders: set[int] = set()  # drills running: no deep pass meanwhile


def _oldest_generation_size() -> int:
    """How many objects the oldest generation holds, counted without a moment in which
    another thread could run while their list exists.

    ``gc.get_objects`` lists every object of the generation, among them a tuple another
    thread is still building (``tuple(generator)`` resizes it, which it may do only
    while it holds the one reference). Written ``len(gc.get_objects(2))``, the
    interpreter may hand the lock to that thread between the two calls, with the list
    alive: the database worker then failed with SystemError (tupleobject.c: bad argument
    to internal function) while reading My progress under load. Through ``map`` the list
    is made, measured and dropped inside one C call, and no thread switch happens
    without bytecode running (automatic collection, which could run finalizers in
    between, is off while a collector lives)."""
    (size,) = map(len, map(gc.get_objects, (2,)))
    return size


def _release(counted: list[bool]) -> None:
    """Stop counting one collector (once), and turn automatic collection back on when
    it was the last."""
    if not counted[0]:
        return
    counted[0] = False
    _live[0] = max(0, _live[0] - 1)
    if _live[0] == 0:
        if not _holders:
            gc.unfreeze()  # frozen cycles go back to the automatic collector
        gc.enable()


def _release_later(counted: list[bool]) -> None:
    """``_release``, from the next turn of the event loop: a collector deleted without
    ``stop`` (its window destroyed, not closed) tells it from its ``destroyed`` signal,
    inside a destructor, where collection turned back on could run a pass at the next
    allocation, deleting the Qt objects of dropped cycles inside another object's
    destructor (that hung the dashboard bench at exit). With no event loop left (the
    application going away) it stays off: the interpreter collects at exit anyway."""
    app = QCoreApplication.instance()
    if app is None or QCoreApplication.closingDown():
        return
    QTimer.singleShot(0, app, lambda: _release(counted))


def hold(owner: QObject) -> None:
    """A timed drill starts (``owner``, its screen): everything alive now is frozen, so
    that no collector pass in the keystroke path walks it, and the deep pass waits until
    ``resume`` or until the screen is gone."""
    key = id(owner)
    if key not in _holders:
        _holders.add(key)
        owner.destroyed.connect(lambda: _holders.discard(key))  # holds the key only
    gc.freeze()


def resume(owner: QObject) -> None:
    """The drill is over. With a window's collector, what ``hold`` froze stays frozen (the
    deep pass collects it when the window is idle); without one (a drill screen on its
    own), it goes back to the automatic collector."""
    _holders.discard(id(owner))
    if _live[0] == 0 and not _holders:
        gc.unfreeze()


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects from a GUI-thread timer instead,
    while at least one collector (one per window) lives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        _live[0] += 1
        gc.disable()
        # What start-up imported and built lives as long as the process: out of every
        # pass from now on (without a pass first: that would hold the first window).
        gc.freeze()
        self._deep_base: int | None = None
        """What the last deep pass left frozen (``_deep_at``); None until first needed."""
        self._frozen_since = 0
        """Objects frozen since the last deep pass (or start-up)."""
        self._counted = counted = [True]
        self._last_active = time.monotonic()
        self._idle: IdleWatch | None = None
        self._background: Background | None = None
        self.deep_passes = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        # A window deleted without being closed must not leave collection off (the
        # slot holds the flag, not ``self``: no cycle); not from the destructor itself.
        self.destroyed.connect(lambda: _release_later(counted))

    def open_database(self) -> None:
        """The database is being opened on the worker (``Startup.run``): no pass until
        ``keep_start_up``. What the worker imports and builds meanwhile (the services,
        SQLAlchemy, its mappers: some hundred thousand objects) lives as long as the
        window and is frozen then; the timer's passes over it in between only took the
        interpreter lock from the worker (8 passes, 67 ms of the GUI thread's CPU on the
        1 M-attempt file, while the sign-in list waited). A long open (a migration of
        a large branch) gets its passes back after ``OPEN_PAUSE_MS``."""
        self._timer.stop()
        QTimer.singleShot(OPEN_PAUSE_MS, self, self._resume)

    def _resume(self) -> None:
        if not self._timer.isActive() and self._counted[0]:
            self._timer.start()

    @property
    def passing(self) -> bool:
        """Whether the timer's passes run (not while the database opens)."""
        return self._timer.isActive()

    def keep_start_up(self) -> None:
        """The database is open (or could not be): what opening it imported and built
        (the services, SQLAlchemy and its dialect, the engine's caches: some hundred
        thousand objects in the application, which imports them only then) lives as
        long as the window. Frozen now, out of every pass, as start-up's objects were
        when the collector began; left young, the timer's next two passes walked them
        all, 59-68 ms of the GUI thread's CPU each (load 8), while the sign-in list
        filled. The passes start again (``open_database`` stopped them)."""
        gc.freeze()
        self._resume()

    def watch(self, idle: IdleWatch, background: Background) -> None:
        """Where the window's input and background work are seen: the deep pass waits
        until both have been quiet for ``DEEP_IDLE_S``."""
        self._idle = idle
        self._background = background

    def _tick(self) -> None:
        self.collect_due()
        if self.deep_due():
            self.deep_collect()

    def collect_due(self) -> int:
        """Collect the older of the two young generations whose threshold is reached, as
        the automatic collector would; the number of objects found unreachable."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in range(2) if thresholds[g] and counts[g] >= thresholds[g]]
        if not due:
            return 0
        return self.collect(due[-1])

    def collect(self, generation: int) -> int:
        """One pass of a young generation (0 or 1); after a pass of generation 1, what
        survived it is frozen."""
        found = gc.collect(generation)
        if generation >= 1:
            # The survivors now make up the oldest generation, and only they: counting
            # them costs as little as the pass (``gc.get_freeze_count`` counts them all).
            self._frozen_since += _oldest_generation_size()
            gc.freeze()
        return found

    def idle_for(self) -> float:
        """Seconds since the last input or background work the collector saw."""
        now = time.monotonic()
        if self._background is not None and self._background.busy:
            self._last_active = now
        last_input = self._idle.last_input if self._idle is not None else 0.0
        return now - max(self._last_active, last_input)

    @property
    def _deep_at(self) -> int:
        """The frozen objects the growth is measured against: what the last deep pass
        left frozen, or, before the first one, what start-up froze and is still alive.

        Counted when first needed (the window idle), not when the window is built:
        ``gc.get_freeze_count`` walks every frozen object, and a window built in a
        process holding much more than the application (a test run: a quarter of a
        million objects, 30 ms a window) paid that before its first paint."""
        if self._deep_base is None:
            self._deep_base = max(0, gc.get_freeze_count() - self._frozen_since)
        return self._deep_base

    def deep_due(self) -> bool:
        """Whether the frozen objects have grown by ``DEEP_GROWTH`` since the last deep
        pass and the window has been idle for ``DEEP_IDLE_S``."""
        idle = self.idle_for() >= DEEP_IDLE_S  # read each tick: it notes background work
        if not idle or _holders:
            return False
        return self._frozen_since >= self._deep_at * DEEP_GROWTH

    def deep_collect(self) -> int:
        """Everything, frozen or not, walked once: a frozen cycle that was dropped is
        freed here. Then what survived is frozen again."""
        gc.unfreeze()
        found = gc.collect(2)
        gc.freeze()
        self._deep_base = gc.get_freeze_count()
        self._frozen_since = 0
        self.deep_passes += 1
        return found

    def stop(self) -> None:
        """This window is closing: back to automatic collection unless another needs
        this."""
        self._timer.stop()
        _release(self._counted)
