"""Nothing committed is ever lost: SIGKILL at random moments, and two writers at once.

The writer is a real process using the real services on a real SQLite file (WAL,
synchronous=FULL). Each attempt id it prints was printed *after* ``record_drill``
returned, so every printed id must be in the database afterwards, complete with its
event log, and ``PRAGMA integrity_check`` must say ok.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.health import check_database

KILLS = 200
WORKERS = 2  # two processes at once: also two writers on one file
TIME_LIMIT_S = 600
pytestmark = [
    pytest.mark.shipped_content,  # each test syncs it: start with it stored
    # The kill loop stops itself after TIME_LIMIT_S; the check after it needs time too.
    pytest.mark.timeout(TIME_LIMIT_S + 600),
]
WRITER = Path(__file__).with_name("attempt_writer.py")


def _prepare(db_path: Path, services: Services) -> list[str]:
    services.content.sync_bundled()
    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    numbers = []
    for i in range(WORKERS):
        number = f"T{i}"
        services.people.create_person(
            Actor.command_line(),
            name=f"Writer {i}",
            employee_number=number,
            pin="2468",
            roles=[Role.TELLER],
        )
        numbers.append(number)
    services.close()
    return numbers


def _stored(db_path: Path) -> dict[str, int]:
    """attempt id -> size of its event log (0 if the log is missing)."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT a.id, COALESCE(length(e.data), 0) FROM attempt a "
            "LEFT JOIN attempt_event e ON e.attempt_id = a.id"
        ).fetchall()
    conn.close()
    return {str(uuid.UUID(hex=r[0])): r[1] for r in rows}


class ForkServer:
    """``attempt_writer.py --fork-server``: forks writers that have the imports done, so a
    kill costs the writer's own set-up and work, not a Python start-up (see its docstring)."""

    def __init__(self, home: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), "--fork-server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "SVCTRAINER_HOME": str(home)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        assert self._next() == "serving"

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("")  # end of output: the server died

    def _next(self) -> str:
        try:
            line = self.lines.get(timeout=120)
        except queue.Empty:
            pytest.fail("the writer said nothing for 120 s")
        assert line, "the fork server ended unexpectedly"
        return line

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def run_until_killed(
        self, db_path: Path, number: str, rng: random.Random, *, after_a_commit: bool = False
    ) -> list[str]:
        """Start a writer, SIGKILL it at a random moment, return the ids it reported.
        The moment is drawn from "ready" on, or, ``after_a_commit``, from the writer's
        first reported (committed) attempt on."""
        self._send(f"run {db_path} {number}")
        pid = int(self._next().removeprefix("pid "))
        reported: list[str] = []
        while (line := self._next()) != "ready":
            assert not line.startswith("failed"), f"a writer failed before it was ready: {line}"
            reported.append(line)  # nothing is printed before "ready"; kept to be checked
        if after_a_commit:
            line = self._next()
            assert not line.startswith("failed"), f"a writer failed: {line}"
            reported.append(line)
        time.sleep(rng.uniform(0.0, 0.35))  # a random moment: mid-replay, mid-commit, mid-print
        os.kill(pid, signal.SIGKILL)
        self._send(f"reap {pid}")
        while (line := self._next()) != f"reaped {pid}":
            reported.append(line)
        return reported

    def close(self) -> None:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.reader.join(timeout=30)  # it reads to the end once the server has exited
        self.proc.stdout.close()


@pytest.mark.slow
def test_no_committed_attempt_is_lost_across_200_sigkills(services, db_path, figure):
    numbers = _prepare(db_path, services)
    rng = random.Random(20261123)
    reported: list[str] = []
    kills = [0]
    late = [0]  # kills timed from a first commit (below)
    started = time.monotonic()

    def worker(number: str) -> None:
        server = ForkServer(db_path.parent / f"home-{number}")
        try:
            while kills[0] < KILLS and time.monotonic() - started < TIME_LIMIT_S:
                reported.extend(server.run_until_killed(db_path, number, rng))
                kills[0] += 1
            # On a machine loaded enough that no writer committed within 0.35 s of
            # "ready" in all those kills, nothing was proved yet: then writers are killed
            # at a random moment after their first commit (a kill mid-way through the
            # next ones), until some committed attempt has been through a SIGKILL.
            while not reported and time.monotonic() - started < TIME_LIMIT_S:
                reported.extend(server.run_until_killed(db_path, number, rng, after_a_commit=True))
                kills[0] += 1
                late[0] += 1
        finally:
            server.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in numbers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert kills[0] >= KILLS, f"only {kills[0]} kills in {TIME_LIMIT_S} s"
    stored = _stored(db_path)
    missing = [a for a in reported if a not in stored]
    assert missing == []
    assert all(stored[a] > 0 for a in reported), "an attempt lost its event log"
    assert len(reported) > 0
    report = check_database(str(db_path))
    assert report.ok, report.reason
    # And the application opens the database normally afterwards.
    reopened = Services.open(str(db_path))
    assert reopened.auth.needs_setup() is False
    reopened.close()
    figure(
        f"durability: {kills[0]} SIGKILLs, {len(reported)} committed attempts, all present"
        + (f" ({late[0]} kills timed from a first commit: a loaded machine)" if late[0] else "")
    )


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(services, db_path, figure):
    numbers = _prepare(db_path, services)
    per_process = 60
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), number, str(per_process)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SVCTRAINER_HOME": str(db_path.parent / f"home-{number}")},
        )
        for number in numbers
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    reported = [line for out, _ in outputs for line in out.split()[1:]]
    assert len(reported) == per_process * len(numbers)
    stored = _stored(db_path)
    assert set(reported) <= set(stored)
    assert len(stored) == len(reported)
    assert check_database(str(db_path)).ok
    figure(
        f"concurrency: {len(numbers)} processes wrote {len(reported)} attempts at once, all present"
    )
