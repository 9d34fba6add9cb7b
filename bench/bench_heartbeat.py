"""Does the window ever freeze? A heartbeat on the GUI thread during a scripted walk.

    .venv/bin/python bench/bench_heartbeat.py [--people 500] [--attempts 2000]
        [--db /tmp/heartbeat.sqlite3] [--demo]

A ``QTimer`` ticks every 5 ms on the GUI thread and records each gap between two ticks:
a gap is time in which the event loop could not paint or take a key. Meanwhile a script
signs in each role (the PIN check runs off the GUI thread, as the login screen does it),
opens every page that role may see and every tab on it, waits for the background
loading, starts and finishes one drill of every kind and a customer scenario (the
teller), exports an employee PDF and a team PDF (the supervisor), switches the theme to
dark and back, and signs out. Reported: the longest gap (issue 17: none over 100 ms) and
the worst five, each with the step it happened in, the GUI thread's CPU time in it (the
work; on a loaded machine the gap also holds the wait for a core), and where the GUI
thread was: a watchdog thread samples the GUI thread's stack while a tick is late and names the
innermost project frame seen most often.

The database is the large synthetic branch of ``bench_dashboard.py`` (people × attempts
bulk-inserted, 500 × 2 000 = 1 M by default; built once at ``--db`` and reused), with a
PIN given to its supervisor and first teller (2 000 attempts of history) and an admin and
a trainer added; ``--demo`` walks a copy of the demo branch instead. Offscreen.
"""

from __future__ import annotations

import argparse
import collections
import faulthandler
import gc
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from figures import Figure  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTabWidget  # noqa: E402

TICK_MS = 5
LATE_S = 0.03  # the watchdog samples the GUI thread's stack once a tick is this late
SAMPLE_S = 0.005
SETTLE_S = 0.3  # after the background work of a step, a page paints its results
WALKED_ROLES = ("admin", "supervisor", "trainer", "teller")
ROLES = WALKED_ROLES
"""``--roles a,b``: walk only these (a quick look at one role's gaps)."""
PIN = "482916"
VERBOSE = False
STEPS = 0  # --steps N: also the worst gap of each of the N slowest steps
BUSIEST = 12  # the turns with the most GUI-thread CPU, printed
QUICK = (20, 2000)
FULL = (500, 2000)
PDF_ROUNDS = 0
"""``--only-pdfs N``: sign in the supervisor only and export the two PDFs N times (the
walk's worst gaps, measured often and quickly)."""


class Heartbeat:
    """Gaps of the GUI thread's event loop, each with the step it happened in and the
    project code the GUI thread was running meanwhile."""

    def __init__(self) -> None:
        self.step = "start"
        self.gaps: list[tuple[float, str, str]] = []
        self._last = self._last_tick = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._threads = ThreadClock() if THREADS else None
        self._gui = threading.get_ident()
        self._samples: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._watchdog = threading.Thread(target=self._watch, daemon=True)
        if not os.environ.get("HEARTBEAT_NO_STACKS"):
            self._watchdog.start()
        self.collections: list[tuple[float, int, int, str, float]] = []
        """Each garbage collection: ms, generation, objects it found unreachable, step, and
        the GUI thread's CPU ms in it (on a loaded machine the wall time holds the wait
        for a core)."""
        self._collecting = 0.0
        self._collecting_cpu = 0.0
        self.busy: list[tuple[float, float, str, str]] = []
        """Each gap by the GUI thread's own CPU in it: CPU ms, wall ms, step, where. The
        work of a turn, which the wall-clock gap mixes with the machine's queue."""
        gc.callbacks.append(self._collection)

    def _collection(self, phase: str, info: dict[str, int]) -> None:
        """The collector's pauses, measured (the sampler only sees the frame that
        happened to allocate or call ``gc.collect``)."""
        if phase == "start":
            self._collecting = time.perf_counter()
            self._collecting_cpu = time.thread_time()
        else:
            ms = (time.perf_counter() - self._collecting) * 1000
            cpu = (time.thread_time() - self._collecting_cpu) * 1000
            self.collections.append((ms, info["generation"], info["collected"], self.step, cpu))

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu = time.thread_time()  # the GUI thread's own CPU time: the gap's work on a
        # shared machine, where the wall-clock gap also holds the time it waited for a core
        with self._lock:
            samples, self._samples = self._samples, collections.Counter()
            self._last = now
        gap, self._last_tick = (now - self._last_tick) * 1000, now
        busy, self._last_cpu = (cpu - self._last_cpu) * 1000, cpu
        where = samples.most_common(1)[0][0] if samples else ""
        if self._threads is not None:
            where = f"{self._threads.since_last(gap)}; {where}"
        self.gaps.append((gap, self.step, f"CPU {busy:.0f} ms; {where}"))
        self.busy.append((busy, gap, self.step, where))

    def _watch(self) -> None:
        with tempfile.TemporaryFile("w+") as scratch:
            while not self._stop.wait(SAMPLE_S):
                with self._lock:
                    late = time.perf_counter() - self._last > LATE_S
                if not late:
                    continue
                stack = gui_stack(self._gui, scratch)
                where = _where(stack) if stack else ""
                with self._lock:
                    self._samples[where] += 1

    def at(self, step: str) -> None:
        self.step = step
        if self._threads is not None:
            self._threads.step = step
        if PROFILE is not None:
            PROFILE.at(step)
        if VERBOSE:
            print(f"[{time.strftime('%H:%M:%S')}] {step}", file=sys.stderr, flush=True)

    def stop(self) -> None:
        self._stop.set()
        self._timer.stop()
        if self._collection in gc.callbacks:
            gc.callbacks.remove(self._collection)
        if PROFILE is not None:
            PROFILE.at("")

    def worst(self, n: int = 5) -> list[tuple[float, str, str]]:
        return sorted(self.gaps, reverse=True)[:n]

    def worst_steps(self, n: int) -> list[tuple[float, str, str]]:
        """The longest gap of each step, the ``n`` worst steps: one slow step does not
        hide the others."""
        by_step: dict[str, tuple[float, str, str]] = {}
        for gap in self.gaps:
            if gap[0] > by_step.get(gap[1], (0.0, "", ""))[0]:
                by_step[gap[1]] = gap
        return sorted(by_step.values(), reverse=True)[:n]


class ThreadClock:
    """``--threads``: where each gap went, from the kernel's per-thread accounts
    (``/proc/self/task/*/schedstat``: time on a core, time runnable but waiting for one).
    The GUI thread's gap less both is time it slept: on the interpreter lock, mostly,
    while another thread (named with its CPU in the gap) ran Python."""

    def __init__(self) -> None:
        self._gui = threading.get_native_id()
        self._last = self._read()
        self.slept: list[tuple[float, float, float, float, str]] = []
        self.step = ""

    @staticmethod
    def _read() -> dict[int, tuple[int, int]]:
        found = {}
        for task in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{task}/schedstat", "rb") as f:
                    run, wait, _ = f.read().split()
            except (OSError, ValueError):
                continue
            found[int(task)] = (int(run), int(wait))
        return found

    @staticmethod
    def _name(tid: int) -> str:
        try:
            with open(f"/proc/self/task/{tid}/comm") as f:
                return f.read().strip()
        except OSError:
            return "gone"

    def since_last(self, gap_ms: float) -> str:
        now = self._read()
        last, self._last = self._last, now
        if gap_ms < 50:
            return ""
        gui_run, gui_wait = (
            (now[self._gui][i] - last.get(self._gui, (0, 0))[i]) / 1e6 for i in range(2)
        )
        others = sorted(
            ((now[t][0] - last.get(t, (0, 0))[0]) / 1e6, t) for t in now if t != self._gui
        )
        busy = ", ".join(f"{self._name(t)}/{t} {ms:.0f}" for ms, t in reversed(others) if ms >= 5)
        slept = gap_ms - gui_run - gui_wait
        self.slept.append((slept, gap_ms, gui_run, gui_wait, f"{self.step} | {busy}"))
        return f"GUI run {gui_run:.0f} runq {gui_wait:.0f} slept {slept:.0f}; others {busy}"


THREADS = False
SWITCH_INTERVAL = 0.0  # --switch-interval: replaces the application's after it starts
LONG_CALLS_ON = False
LONG_CALLS: list[tuple[float, float, str, str]] = []
"""``--long-calls``: C calls of the database worker over ``LONG_CALL_MS`` (wall ms, CPU
ms, the call, the step): a C call that keeps the interpreter lock keeps the GUI thread
waiting for all of it (PySide6 releases the lock only in a few named calls)."""
LONG_CALL_MS = 8.0


def _experiments(beat: Heartbeat) -> None:
    """``--switch-interval`` (after the window's worker set the application's own) and
    ``--long-calls``."""
    if SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)
    if LONG_CALLS_ON:
        trace_worker_calls(beat)


def trace_worker_calls(beat: Heartbeat) -> None:
    """Time every C call the background worker makes (``--long-calls``)."""
    from svctrainer.gui import background

    started: dict[int, tuple[float, float]] = {}

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            started[id(arg)] = (time.perf_counter(), time.thread_time())
        elif event in ("c_return", "c_exception"):
            begun = started.pop(id(arg), None)
            if begun is None:
                return
            wall = (time.perf_counter() - begun[0]) * 1000
            if wall >= LONG_CALL_MS:
                cpu = (time.thread_time() - begun[1]) * 1000
                where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"
                name = getattr(arg, "__qualname__", repr(arg))
                statement = frame.f_locals.get("statement")
                if isinstance(statement, str):  # SQLAlchemy's do_execute: which query
                    name += " " + " ".join(statement.split())[:160]
                LONG_CALLS.append((wall, cpu, f"{name} at {where}", beat.step))

    run = background._Job.run

    def traced(self: Any) -> None:
        sys.setprofile(profile)
        try:
            run(self)
        finally:
            sys.setprofile(None)

    background._Job.run = traced  # type: ignore[method-assign]


class StepProfile:
    """``--profile PATTERN``: cProfile on the GUI thread during each step whose name
    matches, printed per step (cumulative time) when the step ends: where a gap comes
    from, not only where the sampler caught the GUI thread."""

    def __init__(self, pattern: str, lines: int = 25) -> None:
        self._pattern = re.compile(pattern)
        self._lines = lines
        self._profile: Any = None
        self._step = ""

    def at(self, step: str) -> None:
        import cProfile  # only with --profile
        import io
        import pstats

        if self._profile is not None:
            self._profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(self._profile, stream=out)
            order = os.environ.get("HEARTBEAT_SORT", "cumulative")  # tottime: own time
            stats.sort_stats(order).print_stats(self._lines)
            print(f"==== profile of {self._step!r} ====\n{out.getvalue()}", file=sys.stderr)
            self._profile = None
        self._step = step
        if step and self._pattern.search(step):
            self._profile = cProfile.Profile()
            self._profile.enable()


PROFILE: StepProfile | None = None

Frame = tuple[str, int, str]  # file name, line, function


def gui_stack(thread: int, scratch: Any) -> list[Frame]:
    """The stack of ``thread``, outermost call first, read without a Python frame object.

    Why not ``sys._current_frames()``: a frame object the sampler holds keeps the sampled
    function's locals alive after the function returned, and the last reference then
    goes in this thread. The GUI thread's locals are Qt wrappers: an application event
    filter sees objects under construction (a table's header while it is still a
    ``QAbstractScrollArea``), so a held wrapper made the table's ``horizontalHeader()``
    return that stale, wrong-typed wrapper, later one for a deleted object (a crash in
    QtCore), and a Python-owned widget dropped here was deleted off the GUI thread.
    ``faulthandler`` reads the frames in C, under the GIL, and keeps nothing."""
    scratch.seek(0)
    scratch.truncate()
    faulthandler.dump_traceback(scratch, all_threads=True)
    scratch.seek(0)
    frames: list[Frame] = []
    inside = False
    header = f"hread 0x{thread:016x} "
    for line in scratch.read().splitlines():
        if line.startswith(("Thread ", "Current thread ")):
            inside = header in line
        elif inside and line.startswith('  File "'):
            match = _FRAME_LINE.match(line)
            if match:
                frames.append((match["file"], int(match["line"]), match["name"]))
    frames.reverse()  # faulthandler lists the innermost call first
    return frames


_FRAME_LINE = re.compile(r'  File "(?P<file>.*)", line (?P<line>\d+) in (?P<name>.*)$')


def _where(stack: list[Frame]) -> str:
    """The innermost project frame and the outermost project frame below the walk:
    "what ran" and "who asked for it"."""
    # An event filter runs inside every event: it says nothing about what is slow.
    stack = [f for f in stack if f[2] != "eventFilter"] or stack
    ours = [f for f in stack if "/svctrainer/" in f[0] and "/bench/" not in f[0]]
    if not ours:
        file, line, name = stack[-1]
        return f"{Path(file).name}:{line} {name}"
    inner = ours[-1]
    text = f"{_short(inner[0])}:{inner[1]} {inner[2]}"
    last = stack[-1]
    if last is not inner:  # inside a library: say which
        lib = last[0].split("site-packages/", 1)[-1]
        text += f" > {lib}:{last[1]} {last[2]}"
    if len(ours) > 1:
        outer = ours[0]
        text += f" (from {_short(outer[0])}:{outer[1]} {outer[2]})"
    return text


def _short(filename: str) -> str:
    return filename.split("/svctrainer/", 1)[-1]


DIALOGS: list[str] = []


def _close_dialogs() -> None:
    """A message box the walk did not expect (an error, a question) is noted and
    closed: the walk must go on, and the report says what was asked."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    modal = QApplication.activeModalWidget()
    if isinstance(modal, QMessageBox):
        DIALOGS.append(f"{modal.windowTitle()}: {modal.text()[:120]}")
        # A question the walk asked for ("Stop the test?") is answered yes; an error is
        # closed.
        go = next((b for b in modal.buttons()
                   if modal.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole), None)  # fmt: skip
        if go is not None:
            go.click()
        else:
            modal.reject()
    elif isinstance(modal, QDialog):
        DIALOGS.append(f"{type(modal).__name__}")
        modal.reject()


def _pump_until(done: Any, timeout_s: float = 300.0) -> None:
    """Run the event loop (never block it) until ``done()`` or the timeout.

    Objects the walk's own calls gave to ``deleteLater`` (the pages at a sign-out, a
    drill's screens when it goes back to the catalogue) are deleted here, as the
    application's event loop deletes them on its next turn: ``processEvents`` outside
    any ``exec`` never does, so they piled up over the whole walk and were all deleted
    inside the first modal dialog's ``exec`` (2 871 widgets, ~180 ms of a teller's
    "Stop the test?" box), a gap the application never has where the walk put it."""
    deadline = time.monotonic() + timeout_s
    while not done():
        _close_dialogs()
        if time.monotonic() > deadline:
            raise TimeoutError("the walk waited too long for a step")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        # What the application's event loop does on each turn and processEvents does
        # not: delete the objects given to deleteLater (the pages of a signed-out role,
        # which otherwise stayed subscribed to the change hub and reloaded, as that role,
        # on every later change of the walk).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.001)


def _settle(window: Any) -> None:
    _pump_until(lambda: not window.background.busy)
    until = time.monotonic() + SETTLE_S
    _pump_until(lambda: time.monotonic() >= until)
    _pump_until(lambda: not window.background.busy)
    # What the last answer brought is shown on the turns after it (a widget added to a
    # page shows on a queued call): painted in this step, not in the next one's gaps.
    until = time.monotonic() + SETTLE_S / 3
    _pump_until(lambda: time.monotonic() >= until)


# -- the database -----------------------------------------------------------------------


def large_database(path: Path, people: int, attempts: int) -> None:
    """The bench_dashboard branch at ``path`` (built unless there), with PINs for the
    walked roles."""
    from bench_dashboard import build

    if not path.exists():
        build(path, people, attempts)
    from svctrainer.core.roles import Role
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    services = Services.open(str(path))
    try:
        cli = Actor.command_line()
        people_now = {p.employee_number: p for p in services.people.list_people(cli)}
        if "ADM1" in people_now:
            return
        for number in ("SUP1", "E00000"):
            services.people.reset_pin(cli, people_now[number].id, PIN)
        services.people.create_person(
            cli, name="Bench Admin", employee_number="ADM1", pin=PIN, roles=[Role.ADMIN]
        )
        trainer = services.people.create_person(
            cli, name="Bench Trainer", employee_number="TRN1", pin=PIN, roles=[Role.TRAINER]
        )
        for team in services.people.list_teams(cli)[:5]:
            services.people.set_team_trainers(cli, team.id, [trainer.id])
    finally:
        services.close()


def _people(services: Any, demo: bool) -> dict[str, tuple[uuid.UUID, str]]:
    """(person id, PIN) of the person walked in each role."""
    found: dict[str, tuple[uuid.UUID, str]] = {}
    if demo:
        from svctrainer.core.demo_branch import DEMO_PEOPLE, DEMO_PIN

        cards = {c.employee_number: c.id for c in services.auth.profiles("")}
        for role in WALKED_ROLES:
            person = next(p for p in DEMO_PEOPLE if role in {r.value for r in p.roles})
            found[role] = (cards[person.employee_number], DEMO_PIN)
        return found
    cards = {c.employee_number: c.id for c in services.auth.profiles("")}
    numbers = {"admin": "ADM1", "supervisor": "SUP1", "trainer": "TRN1", "teller": "E00000"}
    return {role: (cards[numbers[role]], PIN) for role in WALKED_ROLES}


# -- the walk ---------------------------------------------------------------------------


def _copy_to_disk(db: Path, path: Path) -> None:
    """``db`` copied to ``path``, and on disk before the walk starts: a gigabyte of the
    copy still being written back made the disk the walk's bottleneck. The window then
    slept 923 ms in a theme switch with none of its threads running (a write throttled,
    or code read back from a disk busy with the copy): the bench's doing, not a user's."""
    shutil.copyfile(db, path)
    os.sync()


def walk(db: Path | None, *, shots: Path | None = None) -> dict[str, Any]:
    """The walk over ``db`` (None: a fresh copy of the demo branch); the gaps it measured."""
    folder = Path(tempfile.mkdtemp(prefix="svctrainer-bench-heartbeat-"))
    from svctrainer.locations import cache_dir

    os.environ["SVCTRAINER_CACHE"] = str(cache_dir())
    os.environ["SVCTRAINER_HOME"] = str(folder / "home")
    from svctrainer.gui.app import create_application
    from svctrainer.gui.main_window import MainWindow
    from svctrainer.gui.settings import GuiSettings, Theme
    from svctrainer.gui.theme import apply_appearance
    from svctrainer.services.api import Services

    try:
        if db is None:
            from svctrainer.services.demo import copy_demo_database

            path = copy_demo_database(folder / "demo.sqlite3")
        else:
            path = folder / "walk.sqlite3"
            _copy_to_disk(db, path)  # the walk records attempts: keep the built one clean
        app = create_application()
        settings = GuiSettings(theme=Theme.LIGHT)
        apply_appearance(app, settings)
        window = MainWindow(settings)
        _painted(window)
        services = Services.open(f"sqlite:///{path}")
        _start_as_the_application(window, services, path)
        people = _people(services, db is None)
        beat = Heartbeat()
        _experiments(beat)
        closer = QTimer()
        closer.timeout.connect(_close_dialogs)  # also inside a dialog's own event loop
        closer.start(200)
        _settle(window)
        counts: collections.Counter[str] = collections.Counter()
        for role in ("supervisor",) if PDF_ROUNDS else ROLES:
            counts += _walk_role(
                window, beat, role=role, person=people[role], folder=folder, shots=shots
            )
        beat.stop()
        worst = beat.worst()
        # The collector's deep pass waits for an idle window (gui/garbage.py): what it
        # would cost now, after the walk, and how often it ran during the walk.
        deep_runs = window.collector.deep_passes
        started = time.perf_counter()
        window.collector.deep_collect()
        deep = ((time.perf_counter() - started) * 1000, gc.get_freeze_count(), deep_runs)
        steps = beat.worst_steps(STEPS)
        slept = beat._threads.slept if beat._threads is not None else []
        if os.environ.get("HEARTBEAT_GAPS"):  # every gap, to compare several walks
            Path(os.environ["HEARTBEAT_GAPS"]).write_text(json.dumps(beat.gaps))
        window.close()
        services.close()
        closer.stop()
        return {"worst": worst, "steps": steps, "counts": dict(counts),
                "collections": beat.collections, "deep": deep, "busy": beat.busy,
                "ticks": len(beat.gaps), "dialogs": list(DIALOGS), "slept": slept}  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _painted(window: Any) -> None:
    """The window shown and painted before the database opens, as the application's start
    does it (the login's first paint, then ``Startup.run``; bench_first_window.py times
    that part): left pending, the first paint fell into the walk's first gap."""
    window.resize(1366, 768)
    window.show()
    QTest.qWaitForWindowExposed(window)
    until = time.monotonic() + SETTLE_S
    _pump_until(lambda: time.monotonic() >= until)


def _start_as_the_application(window: Any, services: Any, path: Path) -> None:
    """The services attached to the login screen, and what the application's start does
    once its sign-in list shows (gui/app.py): every service imported on the worker while
    a person types a PIN. Without it the walk's first sign-in imported them on the
    worker in the landing page's turns (services.drafts alone brings every drill
    engine, the scenario code and yaml: 200-300 ms of CPU), which the application
    never does."""
    from svctrainer.gui.app import Startup

    window.attach_services(services, services.auth.branch_name())
    Startup(window, str(path), demo=False).load_once_listed(services)


def _walk_role(
    window: Any,
    beat: Heartbeat,
    *,
    role: str,
    person: tuple[uuid.UUID, str],
    folder: Path,
    shots: Path | None,
) -> collections.Counter[str]:
    """Sign ``person`` in, open each page and tab, run the role's drills and exports,
    switch the theme, sign out; what was done, counted."""
    from svctrainer.gui.settings import Theme

    done: collections.Counter[str] = collections.Counter()
    services = window.services
    beat.at(f"{role}: sign-in")
    signed: list[Any] = []
    person_id, pin = person
    window.background.run(lambda: services.auth.sign_in(person_id, pin), signed.append,
                          signed.append)  # fmt: skip
    _pump_until(lambda: bool(signed))
    if isinstance(signed[0], Exception):
        raise signed[0]
    window.enter(signed[0])
    _settle(window)
    if PDF_ROUNDS:
        for _ in range(PDF_ROUNDS):
            done["pdfs"] += _export_pdfs(window, beat, folder)
        window.sign_out()
        _settle(window)
        return done
    for target in list(window._targets):
        beat.at(f"{role}: open {target.key}")
        window.go_to(target.key)
        _settle(window)
        done["pages"] += 1
        page = window.pages[target.key]
        done["tabs"] += _walk_tabs(window, beat, page, f"{role}: open {target.key}")
        if shots is not None:
            page.window().grab().save(str(shots / f"{role}-{target.key}.png"))
    if role == "teller":
        done["drills"] += _run_drills(window, beat)
    if role == "supervisor":
        done["pdfs"] += _export_pdfs(window, beat, folder)
    for theme in (Theme.DARK, Theme.LIGHT):
        beat.at(f"{role}: theme {theme.value}")
        window.apply_settings(window.settings.replace(theme=theme))
        _settle(window)
    beat.at(f"{role}: sign-out")
    window.sign_out()
    _settle(window)
    return done


def _walk_tabs(window: Any, beat: Heartbeat, page: Any, step: str) -> int:
    """Show every tab of ``page`` once, tabs within tabs too (a tab built when first
    shown brings its own tabs then); how many were shown."""
    seen: set[tuple[int, int]] = set()
    shown = 0
    while True:
        todo = [
            (tabs, index)
            for tabs in page.findChildren(QTabWidget)
            for index in range(tabs.count())
            if (id(tabs), index) not in seen
        ]
        if not todo:
            return shown
        for tabs, index in todo:
            seen.add((id(tabs), index))
            if not tabs.isTabVisible(index) or index == tabs.currentIndex():
                continue
            beat.at(f"{step} / tab {tabs.tabText(index)}")
            tabs.setCurrentIndex(index)
            _settle(window)
            shown += 1


def _run_drills(window: Any, beat: Heartbeat) -> int:
    """One drill of each kind (practice where it has one) started, keyed and stopped
    (saved, result shown), and one customer scenario talked through; how many."""
    from svctrainer.gui.drills.drill_screen import DrillScreen
    from svctrainer.gui.drills.result_screen import ResultScreen
    from svctrainer.gui.scenarios.scenario_player import ScenarioPlayer

    window.go_to("practice")
    practice = window.pages["practice"]
    _settle(window)
    kinds: dict[str, Any] = {}
    for record in practice._records:
        kind = record.drill_type or f"scenario:{record.kind}"
        if record.language == "en":
            kinds.setdefault(kind, record)
    ran = 0
    for kind, record in sorted(kinds.items()):
        beat.at(f"teller: drill {kind} start")
        if not practice.select_content(record.content_id):
            continue
        _settle(window)
        practice.start(practice.enter_mode())
        _settle(window)
        screen = practice.current_screen
        if isinstance(screen, DrillScreen):
            beat.at(f"teller: drill {kind} keys")
            screen.setFocus()
            for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_Return):
                QTest.keyClick(screen.focusWidget() or screen, key)
                _settle(window)
            beat.at(f"teller: drill {kind} finish")
            screen.request_stop()
            _pump_until(lambda s=screen: practice.current_screen is not s or s._ended)
            _settle(window)
            if isinstance(practice.current_screen, ResultScreen) or screen._ended:
                ran += 1
        elif isinstance(screen, ScenarioPlayer):
            beat.at(f"teller: scenario {record.content_id}")
            for _ in range(40):
                conversation = screen.conversation
                if screen.debrief is not None or conversation is None:
                    break
                conversation.choose_number(1)
                _settle(window)
            if screen.debrief is not None:
                ran += 1
        beat.at(f"teller: drill {kind} back")
        practice.show_catalogue()
        _settle(window)
    return ran


def _label_writes(beat: Heartbeat) -> None:
    """Name the phase in which the worker writes a PDF's file (``… / write``): the gaps
    of the charts' drawing on the GUI thread and those of the file's writing have
    different causes."""
    from svctrainer.gui.charts import pdf_report

    for name in ("write", "write_apart"):
        method = getattr(pdf_report.Document, name, None)
        if method is None or getattr(method, "labelled", False):
            continue

        def labelled(self: Any, *args: Any, _method: Any = method) -> Any:
            step = beat.step
            beat.at(f"{step} / write")
            try:
                return _method(self, *args)
            finally:
                beat.at(step)

        labelled.labelled = True  # type: ignore[attr-defined]
        setattr(pdf_report.Document, name, labelled)


def _export_pdfs(window: Any, beat: Heartbeat, folder: Path) -> int:
    """The employee and team PDFs from the supervisor's dashboard; how many written."""
    _label_writes(beat)
    window.go_to("supervisor")
    _settle(window)
    tab = window.pages["supervisor"].dashboard
    tab_widget = window.pages["supervisor"].tabs
    tab_widget.setCurrentWidget(tab)
    _settle(window)
    key = next((tab.drill.itemData(i) for i in range(tab.drill.count()) if tab.drill.itemData(i)),
               None)  # fmt: skip
    if key is None:
        return 0
    beat.at("supervisor: open a skill's table")
    tab.open_skill(key)
    _settle(window)
    tab.table.selectRow(0)
    written: list[Any] = []
    tab.exported.connect(written.append)
    beat.at("supervisor: employee PDF")
    tab.export_person_pdf(folder / "employee.pdf")
    _pump_until(lambda: len(written) >= 1)
    _settle(window)
    beat.at("supervisor: team PDF")
    tab.export_team_pdf(folder / "team.pdf")
    _pump_until(lambda: len(written) >= 2)
    _settle(window)
    tab.exported.disconnect(written.append)
    beat.at("supervisor: back to the summary")
    tab.show_summary()
    _settle(window)
    return len(written)


# -- reporting --------------------------------------------------------------------------


def _database(args_db: str | None, people: int, attempts: int) -> Path:
    path = (
        Path(args_db)
        if args_db
        else Path(tempfile.gettempdir()) / (f"svctrainer-heartbeat-{people}x{attempts}.sqlite3")
    )
    large_database(path, people, attempts)
    return path


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: the walk over the 1 M-attempt branch (``quick``: 20 × 2 000)."""
    people, attempts = QUICK if quick else FULL
    found = walk(_database(None, people, attempts))
    worst = found["worst"]
    where = "; ".join(f"{ms:.0f} ms {step} [{at}]" for ms, step, at in worst)
    counts = found["counts"]
    return [
        Figure(f"longest GUI-thread gap, walk over every page, drill, PDF and theme "
               f"({people} × {attempts} attempts)",
               worst[0][0] if worst else 0.0, "ms", 100.0,
               note=f"{counts}; worst five: {where}"),
    ]  # fmt: skip


def _print_slept(slept: list[tuple[float, float, float, float, str]]) -> None:
    """``--threads``: the gaps in which the GUI thread slept longest, and the sums."""
    if not slept:
        return
    print("gaps in which the GUI thread slept longest (slept, gap, run, queued, ms):")
    for ms, gap, run, queued, text in sorted(slept, reverse=True)[:15]:
        print(f"{ms:6.0f} {gap:6.0f} {run:5.0f} {queued:5.0f}  {text}")
    by_step: dict[str, list[float]] = {}
    for ms, gap, _run, _queued, text in slept:
        sums = by_step.setdefault(text.split(" | ", 1)[0], [0.0, 0.0, 0.0])
        sums[0] += ms
        sums[1] += gap
        sums[2] = max(sums[2], gap)
    print("steps by the GUI thread's sleep in gaps over 50 ms (slept, gaps, longest gap):")
    for step, (ms, gaps, longest) in sorted(by_step.items(), key=lambda s: -s[1][0])[:12]:
        print(f"{ms:6.0f} {gaps:6.0f} {longest:6.0f}  {step}")
    total = [sum(g[i] for g in slept) for i in range(4)]
    print("all gaps over 50 ms: slept {:.0f}, gap {:.0f}, run {:.0f}, queued {:.0f} ms; "
          "{} gaps".format(*total, len(slept)))  # fmt: skip


def _print_collections(found: dict[str, Any]) -> None:
    """The collector's longest passes (wall and CPU) and the turns with the most GUI-thread
    CPU: the work, which on a loaded machine the wall-clock gaps mix with the queue."""
    passes = found["collections"]
    full = [c for c in passes if c[1] == 2]
    print(f"garbage collections: {len(passes)}, {len(full)} of the oldest generation, "
          f"{sum(c[0] for c in passes):.0f} ms in all; the longest:")  # fmt: skip
    for ms, generation, collected, step, cpu in sorted(passes, reverse=True)[:5]:
        print(f"{ms:8.0f} ms  generation {generation}, {collected} unreachable  {step}  "
              f"(CPU {cpu:.0f} ms)")  # fmt: skip
    print("by CPU: " + ", ".join(f"{c[4]:.0f} ms gen {c[1]} {c[3]}"
                                for c in sorted(passes, key=lambda c: -c[4])[:5]))  # fmt: skip
    print("the turns with the most GUI-thread CPU (CPU, gap ms): the work, on any load:")
    for cpu, gap, step, where in sorted(found["busy"], reverse=True)[:BUSIEST]:
        print(f"{cpu:6.0f} {gap:6.0f}  {step}  [{where}]")


def main() -> None:
    global VERBOSE, PROFILE, STEPS, THREADS, LONG_CALLS_ON, SWITCH_INTERVAL, PDF_ROUNDS, ROLES  # noqa: PLW0603 - command-line switches
    faulthandler.enable()  # a crash in Qt says where the walk was
    faulthandler.register(signal.SIGUSR1)  # kill -USR1: where is the walk?
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=FULL[0])
    parser.add_argument("--attempts", type=int, default=FULL[1])
    parser.add_argument("--db", help="the large branch (built there unless it exists)")
    parser.add_argument("--demo", action="store_true", help="walk the demo branch instead")
    parser.add_argument("--shots", help="a folder for a screenshot of every page")
    parser.add_argument("--verbose", action="store_true", help="print each step as it starts")
    parser.add_argument("--profile", metavar="PATTERN",
                        help="cProfile the GUI thread in steps matching this regex")  # fmt: skip
    parser.add_argument("--steps", type=int, default=0, metavar="N",
                        help="also print the worst gap of each of the N slowest steps")  # fmt: skip
    parser.add_argument("--threads", action="store_true",
                        help="per gap: GUI thread run/queued/slept ms, others' CPU")  # fmt: skip
    parser.add_argument("--long-calls", action="store_true",
                        help="list the background worker's C calls over 8 ms")  # fmt: skip
    parser.add_argument("--switch-interval", type=float, metavar="S",
                        help="sys.setswitchinterval(S) for the walk (an experiment)")  # fmt: skip
    parser.add_argument("--only-pdfs", type=int, default=0, metavar="N",
                        help="the supervisor only: export the two PDFs N times")  # fmt: skip
    parser.add_argument("--roles", help="walk only these roles, e.g. teller,trainer")
    args = parser.parse_args()
    if args.roles:
        ROLES = tuple(r for r in WALKED_ROLES if r in args.roles.split(","))
    PDF_ROUNDS = args.only_pdfs
    THREADS = args.threads
    LONG_CALLS_ON = args.long_calls
    SWITCH_INTERVAL = args.switch_interval or 0.0
    VERBOSE = args.verbose
    STEPS = args.steps
    if args.profile:
        PROFILE = StepProfile(args.profile, int(os.environ.get("HEARTBEAT_LINES", "25")))
    db = None if args.demo else _database(args.db, args.people, args.attempts)
    shots = Path(args.shots) if args.shots else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    found = walk(db, shots=shots)
    print(f"{found['counts']}, {found['ticks']} heartbeats; load before {' '.join(load)}")
    for dialog in found["dialogs"]:
        print(f"dialog closed: {dialog}")
    for ms, step, where in found["worst"]:
        print(f"{ms:8.0f} ms  {step}  [{where}]")
    _print_collections(found)
    deep_ms, frozen, deep_runs = found["deep"]
    print(f"deep pass (only when the window is idle): {deep_ms:.0f} ms over {frozen} objects "
          f"after the walk; it ran {deep_runs} times during the walk")  # fmt: skip
    _print_slept(found["slept"])
    if LONG_CALLS_ON:
        print("the worker's longest C calls (wall, CPU ms):")
        for wall, cpu, call, step in sorted(LONG_CALLS, reverse=True)[:40]:
            print(f"{wall:7.0f} {cpu:6.0f}  {call}  [{step}]")
    if found["steps"]:
        print("worst gap of each slow step:")
    for ms, step, where in found["steps"]:
        print(f"{ms:8.0f} ms  {step}  [{where}]")


if __name__ == "__main__":
    main()
