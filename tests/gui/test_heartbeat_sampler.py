"""The GUI-thread heartbeat of bench/bench_heartbeat.py samples the GUI thread's stack
while a tick is late. It must keep nothing of that thread alive: a sampled frame held
by the sampler kept its locals (Qt wrappers, among them one an application event filter
had made for a table's header still under construction) alive after the function
returned, and the walk then got a ``QAbstractScrollArea`` from ``horizontalHeader()``
and crashed in QtCore (issue: the crash after repeated sign-out/sign-in)."""

import gc
import tempfile
import threading
import time
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

pytestmark = pytest.mark.gui

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def heartbeat(qapp, monkeypatch):
    monkeypatch.delenv("HEARTBEAT_NO_STACKS", raising=False)
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_heartbeat  # a script of bench/, on the path only here

    beat = bench_heartbeat.Heartbeat()
    yield beat, bench_heartbeat
    beat.stop()
    beat._watchdog.join(5)


class _Local:
    """A local of the busy GUI-thread function (weak-referenceable, unlike ``object``)."""


def _busy_with(local: object, seconds: float) -> None:
    """Keep the GUI thread busy (every tick late) while ``local`` is one of its locals."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass


def test_the_sampler_keeps_no_local_of_the_gui_thread_alive(heartbeat, qtbot):
    beat, _ = heartbeat
    gc_was = gc.isenabled()
    gc.disable()  # the window's collector turns it off too; and no cycle is involved
    try:
        for _ in range(3):
            local = _Local()
            gone = weakref.ref(local)
            _busy_with(local, 0.2)  # late ticks: the sampler reads this thread's stack
            del local
            assert gone() is None, "the heartbeat's sampler holds a GUI-thread frame"
            qtbot.wait(20)  # the late tick comes, with what the sampler saw
    finally:
        if gc_was:
            gc.enable()
    found = [where for _, _, where in beat.gaps]
    assert found  # the late ticks were sampled (it read the stack) ...
    assert any("_busy_with" in where for where in found)  # ... and named the busy frame


def test_a_stack_is_read_outermost_first(heartbeat):
    _, bench = heartbeat
    with tempfile.TemporaryFile("w+") as scratch:
        stack = bench.gui_stack(threading.get_ident(), scratch)
    assert stack[-1][2] == "gui_stack"
    assert stack[-2][2] == "test_a_stack_is_read_outermost_first"


def test_a_header_seen_under_construction_by_an_event_filter_is_a_header_afterwards(qapp):
    """What a held frame did (PySide6 behaviour the walk ran into): the application event
    filter is handed the header while Qt is still building it (its type then says
    ``QAbstractScrollArea``); a wrapper kept from that moment is what the finished
    table returns for its header. Nothing of ours may keep one: without a holder, the
    table's header is a ``QHeaderView``."""

    class Filter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
            return False

    watcher = Filter()
    QApplication.instance().installEventFilter(watcher)
    try:
        for _ in range(20):
            table = QTableView()
            assert isinstance(table.horizontalHeader(), QHeaderView)
            assert isinstance(table.verticalHeader(), QHeaderView)
            table.deleteLater()
            del table
            qapp.processEvents()
    finally:
        QApplication.instance().removeEventFilter(watcher)


def test_the_walk_deletes_what_deletelater_was_given(heartbeat):
    """The walk turns the event loop with ``processEvents``, which never runs deferred
    deletions: a signed-out role's pages stayed alive and subscribed to the change hub,
    and reloaded as that role on every later change of the walk."""
    _, bench = heartbeat
    page = QObject()
    deleted: list[bool] = []
    page.destroyed.connect(lambda: deleted.append(True))
    page.deleteLater()
    turns = iter(range(3))
    bench._pump_until(lambda: next(turns) == 2)
    assert deleted, "an object given to deleteLater outlived the walk's event-loop turns"
