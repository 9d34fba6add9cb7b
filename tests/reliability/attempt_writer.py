"""A child process for the durability tests: records attempts in a loop and prints the id
of each one as soon as ``record_drill`` has returned (committed), then flushes.

    python attempt_writer.py DB_PATH EMPLOYEE_NUMBER COUNT [--times]
    python attempt_writer.py --fork-server

COUNT 0 means "until killed". Prints "ready" once set up, so the parent can time kills
after the slow imports. With ``--times`` each line also carries the monotonic clock (ns)
at which ``record_drill`` returned, so a test can tell what was committed before and
after some other event (a restore).

``--fork-server`` exists for the SIGKILL test, which kills a writer 200 times: starting
Python and importing SQLAlchemy and the services costs about a second of CPU per writer,
most of that test's run time, and none of what it proves. The server imports once and
then, for each ``run DB_PATH EMPLOYEE_NUMBER`` line on its stdin, forks a writer (a real,
separate process that opens the database itself, sets up and writes exactly as above,
sharing the server's stdout), answering ``pid N`` first; ``reap N`` waits for that writer
to end and answers ``reaped N``, after everything the writer printed. The server itself
never opens the writers' database, only, before its first fork, a copy of its own that
it closes and deletes (``warm_up``), so no connection or lock is inherited across the
fork: the writers inherit the statements compiled there. It also
types the writers' key-event logs once, from the shipped drill file (``shipped_logs``):
typing them was most of each writer's own CPU before "ready", 200 times over. A writer
uses them only when the drill stored in its database is that very file (same content
hash); otherwise it types its own, as a plain writer always does.
"""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for support.py

import shared_dialect
from sqlalchemy.orm import configure_mappers
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.loader import content_hash
from svctrainer.locations import bundled_dir
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.content import parse_stored

DRILL = "tenkey-amounts-practice.en"
LOGS = 8  # attempts cycle through this many seeds (0..LOGS-1)
Logs = list[list[KeyEvent]]


def _say(line: str) -> None:
    """One line in one write: a writer and the fork server share one pipe, and a write of
    under PIPE_BUF bytes is never interleaved with another."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def typed_logs(definition: DrillDefinition) -> Logs:
    """One perfectly typed run per seed: what every attempt of a writer records."""
    return [typed_perfectly(definition, Mode.PRACTICE, seed, items=3) for seed in range(LOGS)]


def shipped_logs() -> tuple[str, Logs]:
    """The content hash of the shipped ``DRILL`` file and the logs typed for it, parsed the
    way the services parse a stored version (``parse_stored``)."""
    path = bundled_dir("drills") / f"{DRILL}.toml"
    data = path.read_bytes()
    digest = content_hash(data)
    definition = parse_stored(f"{digest[:12]}/{path.name}", data.decode("utf-8"))
    assert isinstance(definition, DrillDefinition)
    return digest, typed_logs(definition)


def write_attempts(
    db_path: str,
    number: str,
    count: int,
    *,
    with_times: bool = False,
    prepared: tuple[str, Logs] | None = None,
    say: Callable[[str], None] = _say,
) -> None:
    """``prepared``: (content hash, logs) typed beforehand, used when the stored drill has
    that hash, i.e. the very bytes the logs were typed for. ``say``: where the lines go
    (nowhere for ``warm_up``)."""
    services = Services.open(db_path, pin_cost=FAST_PIN_COST)
    person = next(
        p for p in services.people.list_people(Actor.command_line()) if p.employee_number == number
    )
    actor = Actor.person(person.id, person.name, person.employee_number)
    record = next(r for r in services.content.latest(actor) if r.content_id == DRILL)
    if prepared is not None and prepared[0] == record.content_hash:
        logs = prepared[1]
    else:
        _, definition = services.content.load(actor, record.id)
        assert isinstance(definition, DrillDefinition)
        logs = typed_logs(definition)
    say("ready")
    n = 0
    while count == 0 or n < count:
        seed = n % len(logs)
        attempt = services.attempts.record_drill(
            actor,
            record.id,
            mode=Mode.PRACTICE,
            seed=seed,
            events=logs[seed],
            started_at=datetime.now(UTC),
        )
        stamp = f" {time.monotonic_ns()}" if with_times else ""
        say(f"{attempt.id}{stamp}")
        n += 1
    services.close()


def warm_up(db_path: str, number: str, prepared: tuple[str, Logs]) -> None:
    """Compile, once, every statement a writer runs: each forked writer compiled them all
    again (SQLAlchemy keeps compiled statements per engine), about half of its CPU
    before "ready" (73 ms), 200 times over, and the first attempt's before its first
    commit. With the suite's one shared SQLite dialect and cache (``shared_dialect``),
    a writer inherits them compiled. Done on a copy of ``db_path`` (SQLite's backup, a
    consistent snapshot; the live file is only read) in a folder of the server's own:
    one attempt recorded there as a writer records it, then everything closed and the
    copy deleted, so the writers still inherit no connection, lock or file."""
    folder = Path(tempfile.mkdtemp(prefix="attempt-writer-warm-"))
    try:
        copy = folder / "warm.sqlite3"
        with sqlite3.connect(db_path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
        target.close()
        write_attempts(str(copy), number, 1, prepared=prepared, say=lambda _line: None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve_forks() -> int:
    # What every writer would otherwise redo first: SQLAlchemy's mapper configuration
    # (in memory only; no database is touched before the fork), and the modules a
    # writer imports on its way to "ready" (SQLite's dialect, loaded when its engine is
    # made; the people service, for ``list_people``): half of each writer's CPU.
    configure_mappers()
    importlib.import_module("sqlalchemy.dialects.sqlite")
    importlib.import_module("svctrainer.services.people")
    shared_dialect.install()
    # And the key-event logs, the same for every writer (pure computation, no database).
    prepared = shipped_logs()
    # Everything made so far lives as long as the server: out of the collector's sight, a
    # writer's collections do not walk (and copy, page by page) the inherited heap.
    gc.freeze()
    _say("serving")
    warm = False
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            db_path, number = args
            if not warm:
                warm_up(db_path, number, prepared)
                gc.freeze()
                warm = True
            pid = os.fork()
            if pid == 0:  # the writer
                code = 0
                try:
                    write_attempts(db_path, number, 0, prepared=prepared)
                except BaseException as error:  # noqa: BLE001 - reported, then a failing exit
                    traceback.print_exc()
                    _say(f"failed: {error!r}")
                    code = 1
                finally:
                    os._exit(code)
            _say(f"pid {pid}")
        elif command == "reap":
            os.waitpid(int(args[0]), 0)
            _say(f"reaped {args[0]}")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--fork-server"]:
        return serve_forks()
    db_path, number, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    write_attempts(db_path, number, count, with_times="--times" in sys.argv[4:])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
