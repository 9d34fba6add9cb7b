"""The GUI-thread collector: what survives a pass of the middle generation is frozen out
of later passes, yet everything dropped is still freed (at once by its reference count,
a cycle by the deep pass once the window is idle), and a drill holds the deep pass off."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from svctrainer.gui import garbage
from svctrainer.gui.background import Background
from svctrainer.gui.garbage import GuiThreadCollector
from svctrainer.gui.idle_sign_out import IdleWatch

pytestmark = pytest.mark.gui


class Thing:
    """A plain object the collector tracks (it has a ``__dict__``)."""


def _in_a_generation(obj: object) -> bool:
    """Whether the collector's passes would walk ``obj`` (frozen objects are in none)."""
    return any(any(o is obj for o in gc.get_objects(g)) for g in range(3))


@pytest.fixture
def collector(qtbot) -> Iterator[GuiThreadCollector]:
    owner = QWidget()
    qtbot.addWidget(owner)
    made = GuiThreadCollector(owner)
    made._timer.stop()  # the test decides when passes run
    made.watch(IdleWatch(owner), Background(owner))
    try:
        yield made
    finally:
        made.stop()


def _key_pressed(qtbot) -> None:
    """A key pressed in a window of the application, as the platform delivers it: to the
    top-level window first, where the idle watch sees it (``gui/idle_sign_out.py``)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)


def _full_pass(collector: GuiThreadCollector) -> None:
    """The longest pass the timer runs (generation 1), when the thresholds say so."""
    collector.collect(1)


def test_automatic_collection_is_off_while_a_collector_lives(collector):
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()


def test_survivors_of_a_pass_leave_the_walked_generations(collector):
    survivor = Thing()
    assert _in_a_generation(survivor)
    _full_pass(collector)
    assert not _in_a_generation(survivor)


def test_a_frozen_object_dropped_is_freed_at_once(collector):
    survivor = Thing()
    _full_pass(collector)
    assert not _in_a_generation(survivor)
    gone = weakref.ref(survivor)
    del survivor
    assert gone() is None  # its reference count, no pass needed


def test_a_frozen_cycle_dropped_is_freed_by_the_deep_pass(collector):
    cycle = Thing()
    cycle.me = cycle  # type: ignore[attr-defined]
    _full_pass(collector)
    gone = weakref.ref(cycle)
    del cycle
    _full_pass(collector)
    assert gone() is not None  # frozen: the short passes leave it
    collector.deep_collect()
    assert gone() is None
    assert collector.deep_passes == 1


def test_a_qt_object_in_a_frozen_cycle_is_deleted_by_the_deep_pass(collector):
    holder = QObject()
    holder.me = holder  # type: ignore[attr-defined]
    _full_pass(collector)
    destroyed: list[bool] = []
    holder.destroyed.connect(lambda: destroyed.append(True))
    del holder
    collector.deep_collect()
    assert destroyed == [True]


def test_the_deep_pass_waits_for_growth_and_an_idle_window(qtbot, collector, monkeypatch):
    monkeypatch.setattr(garbage, "DEEP_IDLE_S", 0.05)
    time.sleep(0.1)
    assert not collector.deep_due()  # idle, but nothing frozen since start-up
    grown = [[n] for n in range(collector._deep_at // 3)]  # a third more objects
    _full_pass(collector)
    assert collector.deep_due()
    # A key pressed anywhere in the application: not idle.
    _key_pressed(qtbot)
    assert not collector.deep_due()
    time.sleep(0.1)
    assert collector.deep_due()
    # Background work counts as activity too.
    background = collector._background
    assert background is not None
    background.hold()
    assert not collector.deep_due()
    background.release()
    time.sleep(0.1)
    assert collector.deep_due()
    collector.deep_collect()
    assert not collector.deep_due()  # nothing new frozen since
    del grown


def test_the_frozen_objects_are_counted_at_the_first_idle_check_not_with_the_window(
    qtbot, monkeypatch
):
    """Counting them walks every frozen object (a test process holds a quarter of a
    million: 30 ms a window), so a window's collector counts them only once the window is
    idle and the deep pass may be due, and then once; the base is what start-up froze."""
    counted: list[int] = []
    real = gc.get_freeze_count

    def counting() -> int:
        counted.append(real())
        return counted[-1]

    monkeypatch.setattr(garbage.gc, "get_freeze_count", counting)
    monkeypatch.setattr(garbage, "DEEP_IDLE_S", 0.05)
    owner = QWidget()
    qtbot.addWidget(owner)
    made = GuiThreadCollector(owner)
    try:
        made._timer.stop()
        made.watch(IdleWatch(owner), Background(owner))
        assert counted == []  # built: nothing walked
        _key_pressed(qtbot)
        assert not made.deep_due()
        assert counted == []  # not idle: nothing walked
        time.sleep(0.1)
        assert not made.deep_due()  # idle, nothing grown
        assert not made.deep_due()
        assert len(counted) == 1
        assert made._deep_at == counted[0] > 0
    finally:
        made.stop()


def test_frozen_garbage_counts_even_when_live_frozen_objects_were_freed(collector, monkeypatch):
    """The deep pass is due when the passes froze a quarter more objects since the last
    one (CPython's own rule), however many frozen objects were freed by their reference
    count meanwhile: a closed dashboard must not hide the signed-out pages' cycles."""
    monkeypatch.setattr(garbage, "DEEP_IDLE_S", 0.0)
    alive = [Thing() for _ in range(collector._deep_at)]  # a large page at the last pass
    _full_pass(collector)
    collector.deep_collect()
    base = collector._deep_at
    del alive  # closed: freed by reference count
    cycles = []
    for _ in range(base // 3):  # cycles left behind, a third of what was frozen
        thing = Thing()
        thing.me = thing  # type: ignore[attr-defined]
        cycles.append(thing)
    _full_pass(collector)
    del cycles, thing  # garbage now, frozen: only the deep pass frees them
    assert collector.deep_due()


def test_a_drill_holds_the_deep_pass_until_it_ends(collector, monkeypatch):
    monkeypatch.setattr(garbage, "DEEP_IDLE_S", 0.0)
    monkeypatch.setattr(garbage, "DEEP_GROWTH", 0.0)
    alive = Thing()
    screen = QObject()
    garbage.hold(screen)
    assert not _in_a_generation(alive)  # out of every pass in the keystroke path
    assert not collector.deep_due()
    garbage.resume(screen)
    assert collector.deep_due()


def test_a_drill_screen_gone_without_ending_holds_nothing(collector):
    screen = QObject()
    garbage.hold(screen)
    assert garbage._holders
    del screen  # Python owned it: deleted now, as a closed page deletes its drill screen
    assert not garbage._holders


def test_the_thresholds_decide_which_generation_is_collected(collector, monkeypatch):
    passes: list[int] = []
    monkeypatch.setattr(collector, "collect", lambda generation: passes.append(generation) or 0)
    threshold = gc.get_threshold()
    try:
        gc.set_threshold(1, 1, 1)
        gc.collect(1)  # counts one pass for generation 2: never run by the timer
        gc.collect(0)  # and one for generation 1
        Thing()
        collector.collect_due()  # generation 1 due
        gc.set_threshold(1, 10**6, 1)
        collector.collect_due()  # generation 0 due only
        gc.set_threshold(10**6, 10**6, 10**6)
        collector.collect_due()  # nothing due
    finally:
        gc.set_threshold(*threshold)
    assert passes == [1, 0]


def test_a_collector_deleted_without_stop_turns_collection_on_from_the_event_loop(qtbot):
    """Not from its ``destroyed`` signal, inside the destructor: a pass run there by the
    next allocation deletes the Qt objects of dropped cycles inside another object's
    destructor (that hung the dashboard bench at exit)."""
    owner = QObject()
    made = GuiThreadCollector(owner)
    made._timer.stop()
    seen_in_destructor: list[bool] = []
    made.destroyed.connect(lambda: seen_in_destructor.append(gc.isenabled()))
    del made
    shiboken6.delete(owner)  # the window destroyed without being closed
    assert seen_in_destructor == [False]
    assert not gc.isenabled()  # not yet: the destructor has returned, the loop has not run
    qtbot.waitUntil(gc.isenabled, timeout=1000)


def test_passes_never_show_another_thread_a_tuple_it_is_still_building(collector):
    """A pass runs on the GUI thread while the database worker builds results with
    ``tuple(generator)``, which resizes the tuple and may do so only while it holds the
    one reference. A pass that listed the generation's objects (``gc.get_objects``)
    held a second one when the interpreter handed the worker the lock: the worker failed
    with SystemError (My progress showed an error box under load)."""
    import sys
    import threading

    failures: list[BaseException] = []
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            try:
                tuple(Thing() for _ in range(20))
            except SystemError as exc:  # pragma: no cover - the bug
                failures.append(exc)
                return

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0001)  # hand the lock over often, as a loaded machine does
    thread = threading.Thread(target=worker)
    thread.start()
    try:
        end = time.monotonic() + 3.0
        while time.monotonic() < end and not failures:
            kept = [Thing() for _ in range(2_000)]  # survivors of the pass, as results are
            collector.collect(1)
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    del kept
    assert failures == []


def test_what_opening_the_database_built_is_frozen_when_the_services_attach(qtbot, branch):
    """The application imports and opens the services on the GUI thread after the
    collector began (some 80 000 objects: SQLAlchemy, the dialect, the engine's caches);
    left in the young generations, the timer's next two passes walked them all (~60 ms
    of one turn each). Attached, they are out of every pass."""
    from svctrainer.gui.main_window import MainWindow
    from svctrainer.gui.settings import GuiSettings, Theme

    window = MainWindow(GuiSettings(theme=Theme.LIGHT))
    qtbot.addWidget(window)
    window.collector._timer.stop()  # the test decides when passes run
    opened = [Thing() for _ in range(100)]  # what the opening built, still alive
    assert _in_a_generation(opened[-1])
    window.attach_services(branch.services, "Test Branch")
    assert not any(_in_a_generation(thing) for thing in opened[::25])
    later = Thing()  # what comes after is walked by the passes as before
    assert _in_a_generation(later)
    window.collector.stop()
