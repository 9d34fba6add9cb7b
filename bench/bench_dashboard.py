"""The supervisor dashboard, one employee's charts and the PDF team report over a large
branch: 500 people × 2 000 attempts (a million), as issue 6 asks.

Steps: build the database (migrated schema, bundled content, bulk-inserted attempts,
a few team assignments) unless ``--db`` points at one built before; then, in this
process, time (median of ``--repeat`` runs after one cold run):

- the dashboard service call (SQL aggregates + the pure figures),
- opening the supervisor page offscreen until its landing view, the branch summary (every
  core skill's line and bar: query + render), is drawn, and then one skill's table until
  the table, the team chart and the lists are filled; and that table's render alone
  (the service's result given: the GUI's share, with its longest event-loop turn),
- one employee's progress view (charts, heatmap, customer time) until drawn and its
  plots painted,
- the PDF report of one employee (its size too), of one team and of the whole branch,

and the peak memory of this process (``ru_maxrss``) and of Python objects during the
dashboard call (``tracemalloc``). Not part of the test suite.

Python's garbage collector runs as in the application: automatic collection off and the
window's collector (``gui/garbage.py``) passing over the young generations from a timer
on the GUI thread. ``--automatic-gc`` measures with CPython's automatic collector
instead, as this bench did before 2026-12-07: its passes over the oldest generation
(~100 ms at 1 M attempts) then land inside some measurements, which the application
never lets them do.

With ``--postgresql`` the same branch is loaded (``COPY``) into a throwaway PostgreSQL
server (tests/pg_server.py) and the same figures are measured there.

Run:  .venv/bin/python bench/bench_dashboard.py [--people 500] [--attempts 2000]
          [--db /tmp/bench.sqlite3 | --postgresql] [--repeat 5] [--only-supervisor]
          [--automatic-gc]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP_COLLECTOR = [True]
"""Whether ``Bench`` collects garbage as the window does (``--automatic-gc``: not)."""


class _NoInput:
    """Stands for the window's idle watch: nobody types during the bench, so the
    collector's deep pass waits only for the background work, as it would there."""

    last_input = 0.0


sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Figure  # noqa: E402

PAINT_TIMEOUT_S = 30.0
"""A chart page whose plots have not painted by then is a failure of the bench run (it
waited forever before)."""


def build(path: Path, people: int, attempts: int) -> None:
    """Generate in a child process, so the peak memory measured here is reading only."""
    code = (
        "import sys; sys.path[:0] = [{root!r}, {bench!r}]\n"
        "from pathlib import Path\n"
        "from svctrainer.services.api import Services\n"
        "from dashboard_data import generate\n"
        "p = Path({path!r}); s = Services.open(str(p)); s.content.sync_bundled(); s.close()\n"
        "print(generate(p, {people}, {attempts}))\n"
    ).format(root=str(ROOT), bench=str(ROOT / "bench"), path=str(path), people=people,
             attempts=attempts)  # fmt: skip
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
    print(f"generated {people} × {attempts} attempts in {time.perf_counter() - started:.0f} s")


def assign(services, supervisor_team_count: int) -> None:  # type: ignore[no-untyped-def]
    """A few team assignments, so the done/overdue columns cost what they would."""
    from datetime import date, timedelta

    from svctrainer.services.actor import Actor

    cli = Actor.command_line()
    teams = services.people.list_teams(cli)[:supervisor_team_count]
    if services.assignments.for_trainer(cli):
        return
    services.assignments.create(
        cli,
        targets={"tenkey-amounts-test.en": {"mode": "test", "min_speed": 9000,
                                            "speed_unit": "net_kph", "min_accuracy": 0.98}},
        team_ids=[t.id for t in teams],
        due_on=date.today() - timedelta(days=7),
        today=date.today() - timedelta(days=60),  # set two months ago, overdue now
    )  # fmt: skip


def timed(fn, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    """(cold ms, warm median ms, last result)."""
    started = time.perf_counter()
    result = fn()
    cold = (time.perf_counter() - started) * 1000
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        warm.append((time.perf_counter() - started) * 1000)
    return cold, statistics.median(warm), result


class Bench:
    """The measurements, over one opened database."""

    def __init__(self, path: Path, repeat: int, url: str | None = None) -> None:
        from PySide6.QtWidgets import QApplication
        from sqlalchemy import func, select

        from svctrainer.gui.background import Background
        from svctrainer.gui.change_hub import ChangeHub
        from svctrainer.gui.context import AppContext
        from svctrainer.gui.navigator import Navigator
        from svctrainer.gui.settings import GuiSettings, Theme
        from svctrainer.gui.theme import apply_appearance
        from svctrainer.services.actor import Actor
        from svctrainer.services.api import Services
        from svctrainer.services.records import SignedIn
        from svctrainer.store.models import Attempt

        self.path, self.repeat = path, repeat
        # One QApplication per process: `python -m bench` measures SQLite, then the server.
        app = QApplication.instance()
        self.app = app if isinstance(app, QApplication) else QApplication([])
        settings = GuiSettings(theme=Theme.LIGHT)
        apply_appearance(self.app, settings)
        self.services = Services.open(url or str(path))
        self.cli = Actor.command_line()
        assign(self.services, 5)
        people = self.services.people.list_people(self.cli)
        supervisor = next(p for p in people if p.employee_number == "SUP1")
        self.teller = next(p for p in people if p.employee_number == "E00000")
        self.actor = Actor.person(supervisor.id, supervisor.name, supervisor.employee_number)
        self.background = Background()
        # The window's idle sign-out watch, as the application has one
        # (``gui/idle_sign_out.py``): until 2026-12-07 it filtered every event of the
        # application in Python, a fifth of the chart page's GUI-thread CPU that this
        # bench, without it, did not show.
        from svctrainer.gui.idle_sign_out import IdleWatch

        self.idle = IdleWatch()
        if APP_COLLECTOR[0]:
            from svctrainer.gui.garbage import GuiThreadCollector

            self.collector = GuiThreadCollector()
            self.collector.watch(_NoInput(), self.background)  # type: ignore[arg-type]
        signed_in = SignedIn(supervisor, "Benchmark Branch")
        hub = ChangeHub(self.background)
        navigator = Navigator(lambda _key: None, lambda _text, _ms: None)
        self.ctx = AppContext(self.services, self.background, signed_in, settings, hub, navigator)
        with self.services.db.reading() as session:
            count = session.scalar(select(func.count()).select_from(Attempt))
        self.attempts = count or 0
        size = f"{path.stat().st_size / 1e6:.0f} MB, " if url is None else ""
        print(f"database: {url or path} ({size}{count:,} attempts)")
        self.rows: list[tuple[str, float, float, str]] = []
        self.pdf_bytes = 0

    def _wait(self, done: list[int]) -> None:
        while not done:
            self.app.processEvents()
            time.sleep(0.001)
        self.app.processEvents()

    def _dispose(self) -> None:
        """Delete what ``deleteLater`` left: without a running event loop nothing does,
        and every page opened here would stay in memory (the app's loop frees them)."""
        from PySide6.QtCore import QEvent

        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def dashboard_call(self) -> None:
        progress = self.services.progress
        cold, warm, board = timed(lambda: progress.dashboard(self.actor, FAMILY), self.repeat)
        self.rows.append(("dashboard service call", cold, warm, f"{len(board.entries)} people"))
        tracemalloc.start()
        progress.dashboard(self.actor, FAMILY)
        self.python_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

    def supervisor_page(self) -> None:
        from svctrainer.gui.pages.supervisor import SupervisorPage

        # This process's CPU time (every thread: the database worker's too) beside the
        # wall time: on a shared machine the wall time stretches with the load, the CPU
        # time much less.
        page_cpu_ms: list[float] = []
        skill_cpu_ms: list[float] = []

        def open_page() -> int:
            cpu = time.process_time()
            page = SupervisorPage(self.ctx)
            page.resize(1280, 800)
            page.show()
            done: list[int] = []
            page.dashboard.landing.loaded.connect(lambda: done.append(1))
            page.activated()
            self._wait(done)
            page.dashboard.landing.table.viewport().repaint()
            page_cpu_ms.append((time.process_time() - cpu) * 1000)
            rows = page.dashboard.landing.model.rowCount()
            page.close()
            page.deleteLater()
            self._dispose()
            return rows

        cold, warm, rows = timed(open_page, self.repeat)
        self.rows.append(("supervisor page: query + render", cold, warm,
                          f"branch summary, {rows} skills drawn, CPU "
                          f"{statistics.median(page_cpu_ms[1:]):.0f} ms"))  # fmt: skip

        def open_skill() -> int:
            cpu = time.process_time()
            page = SupervisorPage(self.ctx)
            page.resize(1280, 800)
            page.show()
            done: list[int] = []
            page.dashboard.loaded.connect(lambda: done.append(1))
            page.dashboard.open_skill(FAMILY)
            self._wait(done)
            page.dashboard.table.viewport().repaint()
            skill_cpu_ms.append((time.process_time() - cpu) * 1000)
            rows = page.dashboard.model.rowCount()
            page.close()
            page.deleteLater()
            self._dispose()
            return rows

        cold, warm, rows = timed(open_skill, self.repeat)
        self.rows.append(("one skill's table: query + render", cold, warm,
                          f"{rows} rows drawn, CPU "
                          f"{statistics.median(skill_cpu_ms[1:]):.0f} ms"))  # fmt: skip
        self.skill_render()

    def skill_render(self) -> None:
        """The GUI's share of one skill's table: the page given the service's dashboard
        (read once before), timed from ``_show`` until ``loaded`` (the team chart drawn a
        turn or two later) and the table painted, with the longest of those turns of the
        event loop (issue 17 point 3: none over 100 ms). No worker runs meanwhile, so the
        process's CPU time is the GUI thread's."""
        from svctrainer.gui.pages.supervisor import SupervisorPage

        board = self.services.progress.dashboard(self.actor, FAMILY)
        filters = (self.services.progress.families(self.actor),
                   self.services.people.list_teams(self.actor))  # fmt: skip
        cpu_ms: list[float] = []
        turn_ms: list[float] = []

        def render() -> int:
            page = SupervisorPage(self.ctx)
            page.resize(1280, 800)
            page.show()
            tab = page.dashboard
            tab.stack.setCurrentWidget(tab.table_page)
            tab._pending_skill = FAMILY  # chosen by the filters, which then read it: not
            tab.load = lambda *_args: None  # type: ignore[method-assign]  # here, given
            tab._fill_filters(filters)
            del tab.load  # the method again (kept on the page, it would be a cycle)
            # What ``load`` shows while the service works, as the page then has it: left
            # empty (until 2026-12-07), the headline was one pixel shorter than with its
            # figures, and ``_show`` laid the splitter and the lists out again for it,
            # which the page never does (issue 17: the "1-px relayout").
            tab.summary.setText(tab.tr("Loading…"))
            # And what the page does while the worker reads, before the answer: the team
            # chart built (``DashboardTab.load``, since 2026-12-08), and the layout's
            # passes run out (a change passes up one widget a turn; the read lasts 100
            # ms and more, many turns). Given one turn, the passes still under way ended
            # in a full repaint of the page inside the timed turns (the tab widget's
            # layout request repaints all it holds), which the page never has there.
            if hasattr(tab, "_build_chart_ahead"):  # (not in older code, measured alike)
                tab._build_chart_ahead()
            for _ in range(10):
                self.app.processEvents()
            done: list[int] = []
            tab.loaded.connect(lambda: done.append(1))
            cpu, started = time.process_time(), time.perf_counter()
            tab._show(board)
            turns = [time.perf_counter() - started]
            while not done:
                turn = time.perf_counter()
                self.app.processEvents()
                turns.append(time.perf_counter() - turn)
            turn = time.perf_counter()
            self.app.processEvents()
            tab.table.viewport().repaint()
            turns.append(time.perf_counter() - turn)
            cpu_ms.append((time.process_time() - cpu) * 1000)
            turn_ms.append(max(turns) * 1000)
            rows = tab.model.rowCount()
            page.close()
            page.deleteLater()
            self._dispose()
            return rows

        cold, warm, rows = timed(render, self.repeat)
        self.rows.append(("one skill's table: render only", cold, warm,
                          f"{rows} rows, service result given; CPU "
                          f"{statistics.median(cpu_ms[1:]):.0f} ms, longest turn "
                          f"{statistics.median(turn_ms[1:]):.0f} ms"))  # fmt: skip

    def _until_painted(
        self, plots: list[Any], watch: Any = None, painted: list[int] | None = None
    ) -> tuple[float, float, int]:
        """Turn the event loop until ``plots`` (pyqtgraph views) are painted and stay so:
        (perf_counter, process_time) at the end of the turn of the last paint, and the
        number of paints. A plot is painted a turn or more after the page says it is
        drawn (``loaded``: the series set), and its first paint may change its layout
        (an axis grown for its labels) and so paint it again: the page is on screen as
        the person sees it only after the last. Before 2026-12-07 this bench stopped at
        ``loaded``, leaving every paint of the two plots (40-70 ms of CPU) out."""
        if watch is None or painted is None:
            watch, painted = _paint_watch()
            for plot in plots:
                plot.viewport().installEventFilter(watch)
        last = (time.perf_counter(), time.process_time())
        quiet = 0
        deadline = time.monotonic() + PAINT_TIMEOUT_S
        # 20 turns, 20+ ms, without a paint, and every plot on screen painted (a plot the
        # page hides, as for a person without figures, never paints: not waited for).
        while quiet < 20 or len(painted) < sum(p.isVisible() for p in plots):
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"the chart page's plots did not paint within {PAINT_TIMEOUT_S:.0f} s"
                    f" ({len(painted)} paints of {len(plots)} plots)"
                )
            before = len(painted)
            self.app.processEvents()
            if len(painted) > before:
                last, quiet = (time.perf_counter(), time.process_time()), 0
            else:
                quiet += 1
                time.sleep(0.001)
        for plot in plots:
            plot.viewport().removeEventFilter(watch)
        return last[0], last[1], len(painted)

    def chart_page(self) -> None:
        from svctrainer.gui.pages.my_progress import PersonProgressView

        charts_ms: list[float] = []
        charts_cpu_ms: list[float] = []  # this process's CPU time, every thread: the
        heatmap_ms: list[float] = []  # wall time a busy machine stretches, without the wait
        paints: list[int] = []

        def open_view() -> int:
            started, cpu = time.perf_counter(), time.process_time()
            view = PersonProgressView(self.ctx, self.teller.id)
            view.resize(1280, 800)
            view.show()
            charts: list[int] = []
            heatmap: list[int] = []
            view.loaded.connect(lambda: charts.append(1))
            view.heatmap_loaded.connect(lambda: heatmap.append(1))
            view.refresh()
            # The first tab (speed and accuracy) drawn; its plots watched for paints from
            # the turn each is built: a plot may paint in the turn that says it is drawn.
            watch, painted = _paint_watch()
            watched: set[int] = set()
            while not charts:
                for chart in (view._speed_chart, view._accuracy_chart):
                    if chart is not None and id(chart) not in watched:
                        watched.add(id(chart))
                        chart.plot.viewport().installEventFilter(watch)
                self.app.processEvents()
                time.sleep(0.001)
            plots = [c.plot for c in (view.speed_chart, view.accuracy_chart) if c.isVisible()]
            for plot in plots:
                plot.viewport().installEventFilter(watch)  # (once: Qt keeps one of each)
            done, done_cpu, count = self._until_painted(plots, watch, painted)  # and painted
            paints.append(count)
            charts_ms.append((done - started) * 1000)
            charts_cpu_ms.append((done_cpu - cpu) * 1000)
            shown = sum(s.shown for s in view.current.progress.metrics) if view.current else 0
            # Then the per-key heatmap, read when its tab is opened: until painted.
            started = time.perf_counter()
            view.tabs.setCurrentIndex(view.keys_index)
            self._wait(heatmap)
            heatmap_ms.append((time.perf_counter() - started) * 1000)
            view.close()
            view.deleteLater()
            self._dispose()
            return shown

        _cold, _warm, shown = timed(open_view, self.repeat)
        self.rows.append(("employee chart page: query + render", charts_ms[0],
                          statistics.median(charts_ms[1:]),
                          f"{shown} points drawn, until painted ({max(paints)} paints), "
                          f"CPU {statistics.median(charts_cpu_ms[1:]):.0f} ms"))  # fmt: skip
        self.rows.append(("employee heatmap tab: query + render", heatmap_ms[0],
                          statistics.median(heatmap_ms[1:]), "on opening its tab"))  # fmt: skip

    def pdf(self) -> None:
        from svctrainer.gui.charts.pdf_report import render_person_report, render_team_report

        reports = self.services.reports
        person = self.path.with_name("employee.pdf")

        def person_pdf() -> object:
            result = reports.person_pdf(self.actor, person, self.teller.id, render_person_report)
            self._dispose()  # the charts drawn for the PDF
            return result

        cold, warm, result = timed(person_pdf, 2)
        self.pdf_bytes = person.stat().st_size
        self.rows.append(("PDF report of one employee", cold, warm,
                          f"{result.rows} pages, {self.pdf_bytes / 1e6:.2f} MB"))  # fmt: skip
        team = next(t for t in self.services.people.list_teams(self.cli) if t.name == "Team 01")
        for label, team_id, name, repeat in (
            ("PDF team report (one team, 20 people)", team.id, "team.pdf", 2),
            ("PDF report of the whole branch", None, "branch.pdf", 1),
        ):
            out = self.path.with_name(name)

            def team_pdf(t: object = team_id, o: Path = out) -> object:
                result = reports.team_pdf(self.actor, o, t, render_team_report)
                self._dispose()
                return result

            cold, warm, result = timed(team_pdf, repeat)
            self.rows.append((label, cold, warm, f"{result.rows} pages, {out}"))

    def close(self) -> None:
        self.background.wait()
        self.services.close()
        if APP_COLLECTOR[0]:
            # As the window does when it closes: back to automatic collection now, not
            # from the collector's ``destroyed`` signal at exit, where a pass deleting
            # widgets inside another object's destructor hung the process.
            self.collector.stop()

    def figures(self) -> list[Figure]:
        """The warm medians against the budgets of issue 17, and the peak memory."""
        budgets = {
            "supervisor page: query + render": 300.0,
            "one skill's table: query + render": 300.0,
            "employee chart page: query + render": 150.0,
            "PDF team report (one team, 20 people)": 3000.0,
        }
        scale = f"{self.attempts:,} attempts"
        found = [
            Figure(
                f"{name} ({scale})",
                warm,
                "ms",
                budgets.get(name),
                note=f"cold {cold:.0f} ms; {note}",
            )
            for name, cold, warm, note in self.rows
        ]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return [
            *found,
            Figure(f"employee PDF size ({scale})", self.pdf_bytes / 1e6, "MB", 1.0),
            Figure(f"peak memory, dashboard process ({scale})", peak_mb, "MB", 300.0),
        ]

    def report(self) -> None:
        print(f"\n{'':40} {'cold ms':>9} {'warm ms':>9}")
        for name, cold, warm, note in self.rows:
            print(f"{name:40} {cold:9.0f} {warm:9.0f}   {note}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory of this process (ru_maxrss): {peak_mb:.0f} MB")
        print(f"peak Python allocations in one dashboard call: {self.python_peak / 1e6:.1f} MB")
        collector = "the window's (GUI-thread passes)" if APP_COLLECTOR[0] else "automatic"
        print(f"garbage collector: {collector}")


def _paint_watch() -> tuple[Any, list[int]]:
    """An event filter that counts the paints of the widgets it is installed on."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[int] = []

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    return Watch(), painted


FAMILY = "tenkey-amounts.en"


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: 500 × 2 000 attempts, or 20 × 200 with ``quick``."""
    people, attempts = (20, 200) if quick else (500, 2000)
    folder = Path(tempfile.mkdtemp(prefix="svctrainer-bench-"))
    path = folder / "bench.sqlite3"
    build(path, people, attempts)
    bench = _measure(path, repeat=1 if quick else 5)
    found = bench.figures()
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import server_binaries

    if server_binaries() is not None:  # the supervisor's pages on a server as well
        on_server = run_postgresql(people, attempts, 1 if quick else 5, everything=False)
        found += [
            Figure(f"{f.name} (PostgreSQL)", f.value, f.unit, f.budget, note=f.note)
            for f in on_server.figures()
            if "page" in f.name or "table" in f.name
        ]
    return found


def _measure(
    path: Path,
    repeat: int,
    url: str | None = None,
    *,
    everything: bool = True,
    charts_only: bool = False,
) -> Bench:
    """``path``: the SQLite file, or (with ``url``) the folder the PDFs are written to;
    ``charts_only``: the employee chart page alone (profiling one figure)."""
    bench = Bench(path, repeat, url)
    if charts_only:
        bench.python_peak = 0
        bench.chart_page()
        bench.close()
        return bench
    bench.dashboard_call()
    bench.supervisor_page()
    if everything:
        bench.chart_page()
        bench.pdf()
    bench.close()
    return bench


def build_postgresql(url: str, people: int, attempts: int) -> None:
    """Migrate the empty server database at ``url``, store the content, load the branch."""
    code = (
        "import sys; sys.path[:0] = [{root!r}, {bench!r}]\n"
        "from svctrainer.services.actor import Actor\n"
        "from svctrainer.services.api import Services\n"
        "from svctrainer.services.schema_upgrade import upgrade_database\n"
        "from dashboard_data import generate_postgresql\n"
        "upgrade_database({url!r}, Actor.command_line())\n"
        "s = Services.open({url!r}); s.content.sync_bundled(); s.close()\n"
        "print(generate_postgresql({url!r}, {people}, {attempts}))\n"
    ).format(root=str(ROOT), bench=str(ROOT / "bench"), url=url, people=people,
             attempts=attempts)  # fmt: skip
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
    print(f"generated {people} × {attempts} attempts on PostgreSQL in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


def run_postgresql(
    people: int, attempts: int, repeat: int, *, everything: bool, charts_only: bool = False
) -> Bench:
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import ThrowawayServer, server_binaries

    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("no PostgreSQL server binaries (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="svctrainer-bench-pg-"))
    (folder / "pdf").mkdir()
    server = ThrowawayServer(folder, binaries)
    server.start({"shared_buffers": "256MB", "work_mem": "32MB"})
    try:
        server.admin('CREATE DATABASE "bench"')
        url = server.url("bench")
        build_postgresql(url, people, attempts)
        return _measure(
            folder / "pdf" / "bench", repeat, url, everything=everything, charts_only=charts_only
        )
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this database file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgresql", action="store_true", help="on a throwaway server")
    parser.add_argument(
        "--only-supervisor", action="store_true", help="the dashboard and supervisor page only"
    )
    parser.add_argument("--only-charts", action="store_true", help="one employee's chart page only")
    parser.add_argument(
        "--automatic-gc",
        action="store_true",
        help="CPython's automatic garbage collector instead of the window's",
    )
    args = parser.parse_args()
    APP_COLLECTOR[0] = not args.automatic_gc
    if args.postgresql:
        bench = run_postgresql(
            args.people,
            args.attempts,
            args.repeat,
            everything=not args.only_supervisor,
            charts_only=args.only_charts,
        )
        bench.report()
        return
    path = args.db or Path(tempfile.mkdtemp(prefix="svctrainer-bench-")) / "bench.sqlite3"
    if not path.exists():
        build(path, args.people, args.attempts)
    _measure(
        path, args.repeat, everything=not args.only_supervisor, charts_only=args.only_charts
    ).report()


if __name__ == "__main__":
    main()
