"""A fork server ("zygote") for the ``svctrainer`` command, used by the ``cli`` fixture.

Why: the suite starts the real command some thousand times (tests/e2e alone ~300 runs),
and each start cost ~0.75 s of CPU, most of it importing SQLAlchemy, the models and the
services, not the command's work. A zygote is started once per test worker; it imports
what the commands need (``PRELOAD``: never Qt or pyqtgraph; no database opened, no
engine made, no thread started), then for each run forks a child that becomes the
command exactly as the console script would run it:

- argv, the whole environment (``os.environ`` replaced by the run's own), the working
  folder and umask, stdin/stdout/stderr (pipes the worker made, passed over a Unix socket), fresh
  ``sys.std*`` objects made as the interpreter makes them, ``time.tzset()`` for ``TZ``;
- the console script's own code (``.venv/bin/svctrainer``) run as ``__main__``, so
  ``svctrainer.cli:main`` is called exactly as it is installed;
- its end as the interpreter's: ``SystemExit`` gives the exit code (a non-integer code is
  printed), an uncaught exception goes through ``sys.excepthook`` from the script's frame
  and exits 1, then non-daemon threads are joined, ``atexit`` functions run and stdio is
  flushed (a failed flush of stdout exits 120), then ``os._exit``.

What the zygote cannot redo per child is fixed when an interpreter starts: its flags and
paths (``PYTHON*`` variables) and its locale (``LC_*``, ``LANG``: the stdio encoding, C
locale coercion). A run whose values of those differ from the zygote's is not forked but
started for real (``subprocess.run``), as is a run that asks for it (``fresh=True``: the
tests of the start-up itself). ``SVCTRAINER_TEST_CLI=exec`` starts every run for real,
to compare both paths. What the zygote's imports read from the environment, home or
cache folder, time zone or clock: nothing (read per call; see ``tests/test_cli_fork.py``,
which also runs commands both ways and compares output, exit code and files left).

The worker sees the same ``subprocess.CompletedProcess`` (args, returncode, text stdout
and stderr decoded and newline-translated as ``subprocess.run(text=True)`` does) and the
same timeout: the child is killed and ``subprocess.TimeoutExpired`` raised with the
output so far. The child's CPU (``os.wait4``) is added up in ``STATS``.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import gc
import importlib
import importlib.machinery
import io
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(sys.executable).with_name("svctrainer")
"""The console script pip installed: the command the ``cli`` fixture runs."""

MODE_VARIABLE = "SVCTRAINER_TEST_CLI"
"""``exec``: every ``cli`` run starts the command for real (the old way)."""

PRELOAD = ("logging.handlers", "sqlalchemy.dialects.sqlite", "alembic.command")
"""Besides every module of the package outside the GUI (``preload``): the log file's
handler, SQLite's dialect and the migrations' runner, which a command loads on its way."""

_LEFT_OUT = ("svctrainer.gui", "svctrainer.store.migrations.", "svctrainer.__main__")
"""The window (Qt, pyqtgraph), the migration scripts (Alembic runs them from their
files), and ``python -m svctrainer``."""

READ_AT_IMPORT = ("HOME", "USER", "LOGNAME", "LNAME", "USERNAME")
"""What the preloaded modules read from the environment when imported (the audit in
tests/test_cli_fork.py finds them): the user's name (``commands/contest.py`` names its
actor, ``Actor.command_line()``, once), the home folder (``sysconfig``'s user base,
for SQLAlchemy). A run that changes one of them is started for real."""

_MESSAGE = 1 << 20  # a request (argv, environment) is far smaller


def forking() -> bool:
    """Whether runs may go through the zygote: the console script is there (the command
    is ``python -m svctrainer`` otherwise), and ``SVCTRAINER_TEST_CLI`` does not say
    ``exec``."""
    return SCRIPT.exists() and os.environ.get(MODE_VARIABLE, "fork") != "exec"


def interpreter_settings(env: Mapping[str, str]) -> frozenset[tuple[str, str]]:
    """What a forked child cannot take from its run: the variables an interpreter reads
    once, when it starts (flags, paths, the locale and so the stdio encoding), and those
    the preloaded modules read (``READ_AT_IMPORT``)."""
    return frozenset(
        (name, value)
        for name, value in env.items()
        if name.startswith(("PYTHON", "_PYTHON", "LC_")) or name == "LANG" or name in READ_AT_IMPORT
    )


def preload() -> list[str]:
    """Import what the commands use (never Qt or pyqtgraph; nothing opened or started):
    the names imported."""
    import svctrainer

    package = Path(svctrainer.__file__).parent
    names = [*PRELOAD]
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not name.startswith(_LEFT_OUT):
            names.append(name)
    for name in names:
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()  # in memory: what each command's first query would do
    return names


@dataclass
class Stats:
    runs: int = 0  # runs forked by the zygote
    child_cpu: float = 0.0  # their CPU (user + system), seconds
    zygote_cpu: float = 0.0  # the zygotes' own start (imports), seconds
    fresh: int = 0  # runs the fixture started for real


STATS = Stats()


# -- in the test worker ------------------------------------------------------------------


def _encoding() -> str:
    """The encoding ``subprocess.run(text=True)`` uses: a text stream's default."""
    return io.TextIOWrapper(io.BytesIO()).encoding


def _text(data: bytes) -> str:
    """As ``subprocess.run(text=True)`` decodes: strict, and universal newlines."""
    return data.decode(_encoding()).replace("\r\n", "\n").replace("\r", "\n")


class Zygote:
    """The worker's side: starts the zygote and runs commands through it."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = dict(env)  # what it started with
        self.broken = False  # an exception (an interrupt) left a run half done
        self.settings = interpreter_settings(env)
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self.proc = subprocess.Popen(
                [sys.executable, __file__, str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=dict(env),
            )
        STATS.zygote_cpu += self._receive()["cpu"]

    def accepts(self, env: Mapping[str, str]) -> bool:
        """Whether a run with ``env`` may be forked (``interpreter_settings``)."""
        return interpreter_settings(env) == self.settings

    def _receive(self, deadline: float | None = None) -> Any:
        """The zygote's next answer; None if ``deadline`` passed first."""
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(_MESSAGE)
        except (TimeoutError, BlockingIOError):  # a timeout of 0 does not block at all
            return None
        finally:
            self.sock.settimeout(None)
        if not data:
            raise RuntimeError(f"the command's zygote ended (exit {self.proc.wait()})")
        return json.loads(data)

    def run(
        self,
        command: Sequence[str],
        *,
        env: Mapping[str, str],
        input_text: str | None = None,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """What ``subprocess.run(command, capture_output=True, text=True, input=...,
        env=env, timeout=timeout, check=False)`` gives, ``command`` being a Python
        script (the console script) and its arguments."""
        if self.broken:
            raise RuntimeError("the command's zygote was left mid-run")
        self.broken = True  # until the run's last answer: then the next run may come
        done = self._run(command, env, input_text, timeout)
        self.broken = False
        return done

    def _run(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        input_text: str | None,
        timeout: float | None,
    ) -> subprocess.CompletedProcess[str]:
        deadline = None if timeout is None else time.monotonic() + timeout
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        # No input: the child inherits this process's stdin, as with subprocess.run.
        in_read, in_write = os.pipe() if input_text is not None else (0, -1)
        umask = os.umask(0o077)  # read (and put back): a child inherits the worker's now
        os.umask(umask)
        request = {"argv": list(command), "env": dict(env), "cwd": os.getcwd(), "umask": umask}
        try:
            socket.send_fds(
                self.sock, [json.dumps(request).encode()], [in_read, out_write, err_write]
            )
        finally:  # the zygote holds its own copies now
            for fd in (out_write, err_write, in_read) if in_write >= 0 else (out_write, err_write):
                os.close(fd)
        pid: int = self._receive()["pid"]
        output = _Output(out_read, err_read, in_write, (input_text or "").encode(_encoding()))
        timed_out = not output.communicate(deadline)
        if timed_out:
            os.kill(pid, signal.SIGKILL)  # not reaped by the zygote yet: still the child's pid
        self.sock.send(json.dumps({"wait": pid}).encode())
        ended = self._receive(deadline)
        if ended is None:  # it closed stdout and stderr but goes on
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            ended = self._receive()
        STATS.runs += 1
        STATS.child_cpu += ended["cpu"]
        stdout, stderr = output.stdout(), output.stderr()
        if timed_out:
            self.broken = False  # answered in full: the zygote waits for the next run
            raise subprocess.TimeoutExpired(
                list(command), timeout or 0, stdout or None, stderr or None
            )
        returncode = os.waitstatus_to_exitcode(ended["status"])
        return subprocess.CompletedProcess(list(command), returncode, _text(stdout), _text(stderr))

    def close(self) -> None:
        self.sock.close()  # the zygote ends at the end of its socket (a child left
        self.proc.wait(timeout=60)  # running keeps its pipes, not the zygote)


class _Output:
    """A child's pipes as ``Popen.communicate`` works them: the input written (then
    stdin closed), stdout and stderr read to their ends."""

    def __init__(self, out: int, err: int, stdin: int, data: bytes) -> None:
        self.chunks: dict[int, list[bytes]] = {out: [], err: []}
        self.out, self.err, self.stdin, self.pending = out, err, stdin, data

    def stdout(self) -> bytes:
        return b"".join(self.chunks[self.out])

    def stderr(self) -> bytes:
        return b"".join(self.chunks[self.err])

    def communicate(self, deadline: float | None) -> bool:
        """True when both ends were read, False if ``deadline`` passed first. Every
        pipe is closed when it returns."""
        with selectors.DefaultSelector() as selector:
            for fd in self.chunks:
                selector.register(fd, selectors.EVENT_READ)
            if self.stdin >= 0:
                os.set_blocking(self.stdin, False)
                selector.register(self.stdin, selectors.EVENT_WRITE)
            try:
                while selector.get_map():
                    left = None if deadline is None else deadline - time.monotonic()
                    if left is not None and left <= 0:
                        return False
                    for key, _ in selector.select(left):
                        if not self._step(int(key.fd)):
                            selector.unregister(key.fd)
                            os.close(int(key.fd))
                return True
            finally:
                for key in list(selector.get_map().values()):
                    os.close(int(key.fd))

    def _step(self, fd: int) -> bool:
        """Write to stdin or read from the other end; False when that pipe is done."""
        if fd == self.stdin:
            try:
                self.pending = self.pending[os.write(fd, self.pending[:65536]) :]
            except BrokenPipeError:  # the command stopped reading: as Popen, not an error
                self.pending = b""
            return bool(self.pending)
        data = os.read(fd, 65536)
        self.chunks[fd].append(data)
        return bool(data)


class WorkerZygote:
    """A test worker's one zygote, started when first asked for (``get``), with the
    worker's environment (less the test's own ``SVCTRAINER_HOME`` and database)."""

    def __init__(self) -> None:
        self._zygote: Zygote | None = None

    def get(self) -> Zygote:
        """The zygote; a new one if a run was interrupted halfway (its answers would
        be out of step)."""
        if self._zygote is not None and self._zygote.broken:
            self.close()
        if self._zygote is None:
            own = ("SVCTRAINER_HOME", "SVCTRAINER_DB")
            self._zygote = Zygote({k: v for k, v in os.environ.items() if k not in own})
        return self._zygote

    def run_script(
        self, script: Path, *args: str, env: Mapping[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        """``python SCRIPT ARGS...`` as ``subprocess.run(capture_output=True, text=True,
        env=env, timeout=timeout, check=False)`` gives it, forked from the zygote when it
        may be (``forking``, ``Zygote.accepts``): for a test's helper script whose own
        start is not what the test is about (a process that kills itself mid-restore)."""
        command = [sys.executable, str(script), *args]
        if forking() and self.get().accepts(env):
            done = self.get().run(command[1:], env=env, timeout=timeout)
            done.args = command
            return done
        STATS.fresh += 1
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=dict(env),
            timeout=timeout,
            check=False,
        )

    def close(self) -> None:
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None


# -- in the zygote ------------------------------------------------------------------------


def _serve(sock: socket.socket) -> None:
    """Preload, then fork a child per ``run`` request and reap it on ``wait``, until
    the worker closes its end."""
    # The command's module search path: the script's folder first, not this one.
    sys.path[0] = os.path.dirname(os.path.realpath(SCRIPT))
    added = _added_at_start()
    preload()
    # Everything made so far lives as long as the zygote: frozen, a child's collections
    # do not walk (and so copy, page by page) the inherited heap.
    gc.collect()
    gc.freeze()
    sock.send(json.dumps({"cpu": time.process_time()}).encode())
    while True:
        data, fds, _, _ = socket.recv_fds(sock, _MESSAGE, 3)
        if not data:
            return
        request = json.loads(data)
        if "wait" in request:
            _, status, usage = os.wait4(request["wait"], 0)
            cpu = usage.ru_utime + usage.ru_stime
            sock.send(json.dumps({"status": status, "cpu": cpu}).encode())
            continue
        pid = os.fork()
        if pid == 0:  # never back into this loop: the child ends here, whatever happens
            status = 70
            try:
                status = _child(sock, fds, request, added)
            finally:
                os._exit(status)
        for fd in fds:
            os.close(fd)
        sock.send(json.dumps({"pid": pid}).encode())


def _added_at_start() -> dict[str, str]:
    """What the interpreter added to its environment when it started (``LC_CTYPE`` when
    it coerces the C locale, PEP 538): a new process for the run would add it too."""
    with open("/proc/self/environ", "rb") as given:
        names = {entry.partition(b"=")[0] for entry in given.read().split(b"\0") if entry}
    return {k: v for k, v in os.environ.items() if os.fsencode(k) not in names}


def _child(
    sock: socket.socket, fds: list[int], request: dict[str, Any], added: dict[str, str]
) -> int:
    """Become the run's process, run its script, end as the interpreter would: the exit
    status."""
    try:
        argv: list[str] = request["argv"]
        os.close(sock.detach())
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # as Popen's close_fds
        os.chdir(request["cwd"])
        os.umask(request["umask"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ.update({k: v for k, v in added.items() if k not in request["env"]})
        time.tzset()  # the C library's time zone, from the run's TZ
        sys.argv = list(argv)
        sys.orig_argv = [sys.executable, *argv]
        sys.path[0] = os.path.dirname(os.path.realpath(argv[0]))
        _new_stdio()
        main = type(sys)("__main__")
        main.__file__ = argv[0]
        main.__cached__ = None  # type: ignore[attr-defined]
        main.__loader__ = importlib.machinery.SourceFileLoader("__main__", argv[0])
        main.__builtins__ = builtins  # type: ignore[attr-defined]
        sys.modules["__main__"] = main
    except BaseException:  # noqa: BLE001 - the zygote's failure, never the command's
        os.write(2, f"cli zygote: {traceback.format_exc()}".encode())
        return 70
    return _run_script(argv[0], main.__dict__)


def _run_script(path: str, namespace: dict[str, Any]) -> int:
    """Run ``path`` as the interpreter runs a script, to its end (Py_RunMain, then
    Py_FinalizeEx until the modules' teardown): the exit status."""
    error: BaseException | None = None
    try:
        with open(path, "rb") as script:
            code = compile(script.read(), path, "exec")
        exec(code, namespace)  # noqa: S102 - the console script itself
        status = 0
    except SystemExit as exit_:
        status = _exit_status(exit_)
    except BaseException as uncaught:  # noqa: BLE001 - reported as the interpreter does
        error = uncaught
        # From the script's own frame: this function's is not the interpreter's.
        tb = uncaught.__traceback__
        uncaught.__traceback__ = tb.tb_next if tb is not None else None
        sys.excepthook(type(uncaught), uncaught, uncaught.__traceback__)
        status = 1
    threading._shutdown()  # type: ignore[attr-defined]  # non-daemon threads,
    atexit._run_exitfuncs()  # then the atexit functions, then stdio
    try:
        sys.stdout.flush()
    except Exception:  # noqa: BLE001
        status = 120
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    # Then the modules' teardown, as far as the script's own is concerned: its globals
    # dropped (a file it left open is flushed and closed, as ``Py_FinalizeEx`` clears
    # ``__main__``; ``os._exit`` would lose what it buffered), and stdio flushed again
    # for whatever that printed, as the interpreter flushes twice.
    _teardown(namespace)
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    if isinstance(error, KeyboardInterrupt):  # the interpreter ends by its own SIGINT
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    return status


def _teardown(namespace: dict[str, Any]) -> None:
    """The script's globals dropped and their cycles collected; what a finalizer raises
    is ignored, as at the interpreter's exit."""
    with contextlib.suppress(Exception):
        namespace.clear()  # (the frames of a traceback kept in ``error`` see it cleared)
        gc.collect()


def _exit_status(exit_: SystemExit) -> int:
    """The interpreter's exit status for an uncaught ``SystemExit`` (it prints a code
    that is neither None nor an integer)."""
    if exit_.code is None:
        return 0
    if isinstance(exit_.code, int):
        return exit_.code
    sys.stderr.write(f"{exit_.code}\n")
    return 1


def _new_stdio() -> None:
    """``sys.std*`` (and ``sys.__std*__``) made as the interpreter makes them
    (Python/pylifecycle.c ``create_stdio``), with the encoding and error handlers it
    chose when the zygote started (the run has the same ``interpreter_settings``)."""
    streams = []
    for fd, template in enumerate((sys.__stdin__, sys.__stdout__, sys.__stderr__)):
        assert template is not None
        write = fd != 0
        buffered = not template.write_through  # -u, PYTHONUNBUFFERED
        raw_only = write and not buffered
        buffer: Any = open(fd, "wb" if write else "rb", 0 if raw_only else -1, closefd=False)  # noqa: SIM115
        raw = buffer if raw_only else buffer.raw
        raw.name = ("<stdin>", "<stdout>", "<stderr>")[fd]
        stream = io.TextIOWrapper(
            buffer,
            template.encoding,
            template.errors,
            "\n",
            line_buffering=buffered and (raw.isatty() or fd == 2),
            write_through=not buffered,
        )
        stream.mode = "w" if write else "r"  # type: ignore[misc]
        streams.append(stream)
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams  # type: ignore[misc]


def _audit() -> None:
    """Print as JSON what ``preload`` read from the environment (as Python code reads
    it: through ``os.environ``) and what it left behind (for tests/test_cli_fork.py)."""
    read: set[str] = set()

    class Recording(type(os.environ)):  # type: ignore[misc]
        def __getitem__(self, name: str) -> str:
            read.add(name)
            return str(super().__getitem__(name))

        def __contains__(self, name: object) -> bool:
            read.add(str(name))
            return bool(super().__contains__(name))

    plain = os.environ.__class__
    os.environ.__class__ = Recording  # os.getenv and os.environ.get go through these
    sys.path[0] = os.path.dirname(os.path.realpath(SCRIPT))
    preload()
    os.environ.__class__ = plain
    import tempfile

    found = {
        "read": sorted(read),
        "tempdir": tempfile.tempdir,
        "threads": threading.active_count(),
        "modules": sorted(sys.modules),
    }
    sys.stdout.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "--audit":
        _audit()
    else:
        _serve(socket.socket(fileno=int(sys.argv[1])))
