"""The region dashboard on PostgreSQL at regional scale: 10 branches × 500 people × 2 000
attempts (ten million attempts), as issue 16 asks, against the dashboard budget of the
performance issue (300 ms).

Steps: start a throwaway PostgreSQL server (``tests/pg_server.py``), migrate it, store
the bundled content, then fill it in SQL (``generate_series``: people with the teller
role, and per person a learning curve over two years on the ten-key, data-entry,
cash-counting and voucher packs, 12 % of them tests), a region of every branch and its
regional supervisor; ``ANALYZE``. The load is a bulk load: the attempt indexes are
dropped before it and built after it, attempt ids are time-ordered (appended to the
primary key, not scattered over it), foreign keys are not checked row by row
(``session_replication_role``), and the progress summary the dashboard reads is built
in one pass at the end (``store.progress_summary.rebuild``, as migration 0008 does).
Then time the region dashboard service call on the
ten-key skill (median of ``--repeat`` runs after one cold run) as the regional
supervisor. Not part of the test suite; timing is never asserted in tests.

Run:  .venv/bin/python bench/bench_region.py [--branches 10] [--people 500]
          [--attempts 2000] [--repeat 5] [--keep DIR] [--profile]

``--keep DIR`` keeps the server's folder: the first run builds the data there, later runs
with the same sizes start the server on it and only measure (the schema and the progress
summary must still match the code: delete DIR after a migration).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Figure  # noqa: E402

BUDGET_MS = 300.0
SKILL = "tenkey-amounts.en"
# (practice pack, test pack, unit, speed at the first session, after long practice)
FAMILIES = (
    ("tenkey-amounts-practice.en", "tenkey-amounts-test.en", "net_kph", 4200, 10500),
    ("data-entry-practice.en", "data-entry-test.en", "cpm", 110, 260),
    ("cash-counting-practice.en", "cash-counting-test.en", "notes_per_min", 70, 190),
    ("voucher-summing-practice.en", "voucher-summing-test.en", "vouchers_per_min", 3, 9),
)

PEOPLE_SQL = """
INSERT INTO person (id, branch_id, team_id, employee_number, name, pin_hash, active,
                    failed_pin_count, created_at, updated_at)
SELECT gen_random_uuid(), %(branch)s, NULL, 'E' || lpad(n::text, 5, '0'),
       'Teller ' || n, 'x', true, 0, now(), now()
FROM generate_series(1, %(people)s) AS n
"""
ROLES_SQL = """
INSERT INTO person_role (person_id, role)
SELECT id, 'teller' FROM person WHERE branch_id = %(branch)s
"""

ATTEMPTS_SQL = """
INSERT INTO attempt (id, person_id, content_item_id, mode, started_at, duration_ms, speed,
                     speed_unit, accuracy, score, grade, valid, completion,
                     invalidated_reason, seed, app_version, workstation, details, recorded_at)
SELECT (lpad(to_hex(nextval('bench_attempt_id')), 16, '0')
        || substr(md5(p.id::text || s.n), 1, 16))::uuid, p.id,
       CASE WHEN s.test THEN f.test_id ELSE f.practice_id END,
       CASE WHEN s.test THEN 'test' ELSE 'practice' END,
       now() - interval '730 days' + s.n * interval '730 days' / %(per)s,
       CASE WHEN s.test THEN 300000 ELSE 180000 END,
       greatest(1.0, (f.start + (f.plateau - f.start) * (1 - exp(-s.n / p.pace)))
                     * p.talent * (0.92 + random() * 0.16)),
       f.unit, 0.9 + random() * 0.09, 60 + random() * 30, NULL,
       random() > 0.02, 'complete', NULL, s.n, 'bench', 'bench', '{}',
       now() - interval '730 days' + s.n * interval '730 days' / %(per)s
FROM (SELECT id, 0.7 + random() * 0.6 AS talent, 20 + random() * 150 AS pace
      FROM person WHERE branch_id = %(branch)s) AS p
CROSS JOIN LATERAL (
    SELECT n, random() < 0.12 AS test, (n + (random() * 3)::int) %% 4 AS family
    FROM generate_series(1, %(per)s) AS n
) AS s
JOIN bench_family AS f ON f.family = s.family
"""


def build(url: str, branches: int, people: int, per_person: int) -> uuid.UUID:
    """Migrate and fill the empty database at ``url``; returns the regional supervisor."""
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services
    from svctrainer.services.schema_upgrade import upgrade_database

    upgrade_database(url, Actor.command_line())
    services = Services.open(url)
    services.content.sync_bundled()
    services.close()
    return fill(url, branches, people, per_person)


def fill(
    url: str, branches: int, people: int, per_person: int, *, summary: bool = True
) -> uuid.UUID:
    """Fill the migrated database at ``url`` (content stored) in SQL only; returns the
    regional supervisor's id. ``summary`` False leaves the progress summary alone (a
    database of an older schema, or one a later upgrade summarises)."""
    import psycopg
    from dashboard_data import summarise

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    started = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("CREATE TEMP SEQUENCE bench_attempt_id")
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'attempt' "
            "AND indexname <> 'pk_attempt'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        items = dict(conn.execute("SELECT content_id, id FROM content_item").fetchall())
        conn.execute(
            "CREATE TEMP TABLE bench_family (family int, practice_id uuid, test_id uuid, "
            "unit text, start float, plateau float)"
        )
        for n, (practice, test, unit, start, plateau) in enumerate(FAMILIES):
            conn.execute(
                "INSERT INTO bench_family VALUES (%s, %s, %s, %s, %s, %s)",
                (n, items[practice], items[test], unit, start, plateau),
            )
        region = uuid.uuid4()
        conn.execute(
            "INSERT INTO region (id, name, created_at) VALUES (%s, 'Bench Region', now())",
            (region,),
        )
        for b in range(branches):
            branch = uuid.uuid4()
            conn.execute(
                "INSERT INTO branch (id, name, created_at) VALUES (%s, %s, now())",
                (branch, f"Branch {b + 1:02d}"),
            )
            conn.execute(PEOPLE_SQL, {"branch": branch, "people": people})
            conn.execute(ROLES_SQL, {"branch": branch})
            conn.execute(ATTEMPTS_SQL, {"branch": branch, "per": per_person})
            conn.execute("INSERT INTO region_branch VALUES (%s, %s)", (region, branch))
            print(f"  branch {b + 1}/{branches}: {time.perf_counter() - started:.0f} s", flush=True)
        regional = uuid.uuid4()
        conn.execute(
            "INSERT INTO person (id, branch_id, employee_number, name, pin_hash, active, "
            "failed_pin_count, created_at, updated_at) VALUES (%s, %s, 'G1', "
            "'Bench Regional', 'x', true, 0, now(), now())",
            (regional, branch),
        )
        conn.execute("INSERT INTO person_role VALUES (%s, 'regional_supervisor')", (regional,))
        conn.execute("INSERT INTO region_supervisor VALUES (%s, %s)", (region, regional))
        loaded = time.perf_counter()
        for _name, sql in indexes:
            conn.execute(sql)
        print(f"  attempt indexes: {time.perf_counter() - loaded:.0f} s", flush=True)
    if summary:
        summarised = time.perf_counter()
        summarise(url)
        print(f"  progress summary: {time.perf_counter() - summarised:.0f} s", flush=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE")
    print(
        f"generated {branches} × {people} × {per_person} in {time.perf_counter() - started:.0f} s"
    )
    return regional


@dataclass(frozen=True)
class Measured:
    cold: float  # ms, wall clock
    warm: float  # ms, wall clock, median
    warm_cpu: float  # ms of CPU, this process and the server's processes, median
    server_cpu: float  # ms of CPU of the server's processes alone, median
    branches: int  # in the result
    load: str  # the machine's load averages when measured (``/proc/loadavg``)


def server_cpu(folder: Path) -> float:
    """Seconds of CPU the server's processes (postmaster and its children) have used: on
    a machine shared with other work, CPU time says what wall-clock time cannot."""
    postmaster = int((folder / "data" / "postmaster.pid").read_text().split()[0])
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if postmaster in (pid, ppid):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def measure(
    url: str, regional: uuid.UUID, repeat: int, folder: Path, *, profile: bool = False
) -> Measured:
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    services = Services.open(url)
    actor = Actor.person(regional, "Bench Regional", "G1")
    try:
        started = time.perf_counter()
        board = services.region.dashboard(actor, SKILL)
        cold = (time.perf_counter() - started) * 1000
        warm, cpu, server = [], [], []
        for _ in range(repeat):
            started, mine, its = time.perf_counter(), time.process_time(), server_cpu(folder)
            board = services.region.dashboard(actor, SKILL)
            warm.append((time.perf_counter() - started) * 1000)
            server.append((server_cpu(folder) - its) * 1000)
            cpu.append((time.process_time() - mine) * 1000 + server[-1])
        if profile:  # one more warm call, in this process's functions
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(services.region.dashboard, actor, SKILL)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    finally:
        services.close()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    median = statistics.median
    return Measured(cold, median(warm), median(cpu), median(server), len(board.rows), load)


def measure_page(url: str, repeat: int, folder: Path) -> tuple[float, float, float, int]:
    """The region page offscreen as the regional supervisor opens it (regions, skills, then
    the default skill's comparison, in the app's background thread) until its table is
    filled and painted: (cold ms, warm median ms, warm median ms of CPU of this process
    and the server, rows). Query + render, as a user waits."""
    from PySide6.QtWidgets import QApplication

    from svctrainer.gui.background import Background
    from svctrainer.gui.change_hub import ChangeHub
    from svctrainer.gui.context import AppContext
    from svctrainer.gui.navigator import Navigator
    from svctrainer.gui.pages.region import RegionPage
    from svctrainer.gui.settings import GuiSettings, Theme
    from svctrainer.gui.theme import apply_appearance
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services
    from svctrainer.services.records import SignedIn

    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication([])
    settings = GuiSettings(theme=Theme.LIGHT)
    apply_appearance(app, settings)
    services = Services.open(url)
    background = Background()
    try:
        regional = services.people.find_by_employee_number(Actor.command_line(), "G1")
        hub = ChangeHub(background)
        navigator = Navigator(lambda _key: None, lambda _text, _ms: None)
        signed_in = SignedIn(regional, "Branch 01")
        ctx = AppContext(services, background, signed_in, settings, hub, navigator)

        def open_page() -> int:
            page = RegionPage(ctx)
            page.resize(1280, 800)
            page.show()
            page.activated()
            while page.board is None:
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()
            page.table.viewport().repaint()
            rows = page.table.rowCount()
            page.close()
            page.deleteLater()
            return rows

        times, cpu = [], []
        for _ in range(repeat + 1):
            started, used = time.perf_counter(), time.process_time() + server_cpu(folder)
            rows = open_page()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() + server_cpu(folder) - used) * 1000)
    finally:
        background.wait()
        services.close()
    return times[0], statistics.median(times[1:]), statistics.median(cpu[1:]), rows


SERVER_SETTINGS = {"shared_buffers": "256MB", "work_mem": "32MB"}
KEPT = "bench_region.json"  # in a kept folder: the sizes built there and the supervisor


def run(
    branches: int,
    people: int,
    per_person: int,
    repeat: int,
    keep: Path | None = None,
    *,
    profile: bool = False,
) -> list[Figure]:
    from pg_server import ThrowawayServer, server_binaries

    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("no PostgreSQL server binaries (apt-get install postgresql)")
    folder = keep or Path(tempfile.mkdtemp(prefix="svctrainer-bench-pg-"))
    server = ThrowawayServer(folder, binaries)
    sizes = [branches, people, per_person]
    kept = json.loads((folder / KEPT).read_text()) if (folder / KEPT).exists() else None
    if kept is not None and kept["sizes"] != sizes:
        raise SystemExit(f"{folder} holds {kept['sizes']}, not {sizes}: delete it or pick another")
    if kept is None:
        server.start(SERVER_SETTINGS)
    else:  # the data are there: start the server on them
        options = f"-k {folder} -p {server.port}" + "".join(
            f" -c {name}={value}"
            for name, value in {"listen_addresses": "''", "fsync": "off", **SERVER_SETTINGS}.items()
        )
        server._run("pg_ctl", "-D", str(server.data), "-o", options,
                    "-l", str(folder / "log"), "-w", "start")  # fmt: skip
    try:
        url = server.url("bench")
        if kept is None:
            server.admin('CREATE DATABASE "bench"')
            regional = build(url, branches, people, per_person)
            if keep is not None:
                (folder / KEPT).write_text(json.dumps({"sizes": sizes, "regional": str(regional)}))
        else:
            regional = uuid.UUID(kept["regional"])
        measured = measure(url, regional, repeat, folder, profile=profile)
        page_cold, page_warm, page_cpu, page_rows = measure_page(url, repeat, folder)
    finally:
        server.stop()
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    size = f"{branches} branches × {people} people × {per_person} attempts"
    load = f"load {measured.load}"
    return [
        Figure("region dashboard, cold (PostgreSQL)", measured.cold, "ms", note=f"{size}; {load}"),
        Figure(
            "region dashboard (PostgreSQL)",
            measured.warm,
            "ms",
            BUDGET_MS,
            note=f"{size}; median of {repeat}; {measured.branches} branches compared; {load}",
        ),
        Figure(
            "region page: query + render (PostgreSQL)",
            page_warm,
            "ms",
            BUDGET_MS,
            note=(
                f"{size}; median of {repeat}; cold {page_cold:.0f} ms; CPU {page_cpu:.0f} ms "
                f"(client + server); {page_rows} rows; {load}"
            ),
        ),
        Figure(
            "region dashboard CPU, client + server (PostgreSQL)",
            measured.warm_cpu,
            "ms",
            note=f"{size}; median of {repeat}; server {measured.server_cpu:.0f} ms; {load}",
        ),
    ]


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: 10 × 500 × 2 000, or 3 × 20 × 200 with ``quick``."""
    return run(3, 20, 200, 1) if quick else run(10, 500, 2000, 5)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build once in DIR, measure there later")
    parser.add_argument("--profile", action="store_true", help="cProfile one more warm call")
    args = parser.parse_args()
    keep = args.keep.resolve() if args.keep else None
    sizes = (args.branches, args.people, args.attempts)
    for figure in run(*sizes, args.repeat, keep, profile=args.profile):
        budget = f" (budget {figure.budget:.0f})" if figure.budget else ""
        print(f"{figure.name}: {figure.value:.1f} {figure.unit}{budget}  [{figure.note}]")


if __name__ == "__main__":
    main()
