"""Runs one command with the error discipline every command shares.

A problem the user can act on (bad file, locked database, refused change) is one line on
stderr and exit 1; an unexpected error writes its traceback to the log file and prints
one line saying where it is. A traceback never reaches the terminal.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

from svctrainer import __version__
from svctrainer.commands.exit_codes import FAILURE
from svctrainer.core.redaction import hide_passwords
from svctrainer.locations import default_db_url, log_dir

LOGS_AFTER_FIRST_FRAME = frozenset({"gui:run"})
"""Commands that set up the log file themselves once their window has painted: the
rotating handler's import (``logging.handlers`` pulls in sockets, pickle and queues) and
the file cost a tenth of a bare Qt window's start (bench/bench_first_window.py). An error
before that still reaches the log: ``report`` sets it up."""

COLLECTS_ITS_OWN_GARBAGE = frozenset({"gui:run"})
"""Commands that run Python's cyclic garbage collector their own way: the window collects
on the GUI thread only (svctrainer/gui/garbage.py)."""


def run_handler(spec: str, args: argparse.Namespace) -> int:
    module_name, func_name = spec.split(":")
    brief = spec not in COLLECTS_ITS_OWN_GARBAGE
    if brief:
        # A command is a short process, and a quarter of its CPU went to the cyclic
        # collector walking what its imports (SQLAlchemy, the models) leave alive: passes
        # during those imports, and more while the interpreter tears the modules down at
        # exit. The imports make no garbage worth a pass, and what they leave lives until
        # exit: it is frozen out of every later pass, while the command's own work is
        # still collected as usual.
        gc.disable()
    if spec not in LOGS_AFTER_FIRST_FRAME:
        configure_logging()
    try:
        module = importlib.import_module(f"svctrainer.commands.{module_name}")
        if brief:
            gc.freeze()
            gc.enable()
        return int(getattr(module, func_name)(args) or 0)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a message.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("svctrainer: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns errors into messages
        return report(exc, configure_logging())
    finally:
        if brief:
            # The command has closed its database and written its output: exit without
            # the interpreter's last passes over everything still alive.
            gc.freeze()


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def report(exc: BaseException, log_file: Path | None) -> int:
    from svctrainer.services.errors import ServiceError  # noqa: PLC0415

    if isinstance(exc, ServiceError | OSError) and not _is_bug(exc):
        hint = _backup_hint(exc) + _branch_hint(exc)
        sys.stderr.write(f"svctrainer: {hide_passwords(_one_line(exc))}{hint}\n")
        return FAILURE
    logging.getLogger("svctrainer").exception("unexpected error")
    where = f"; details in {log_file}" if log_file else ""
    message = hide_passwords(_one_line(exc))
    sys.stderr.write(f"svctrainer: unexpected error ({type(exc).__name__}: {message}){where}\n")
    return FAILURE


def _backup_hint(exc: BaseException) -> str:
    """For a damaged database, name the newest backup that passes its integrity check."""
    from svctrainer.services.database_admin import newest_good_backup  # noqa: PLC0415
    from svctrainer.services.errors import DAMAGED  # noqa: PLC0415

    if not isinstance(exc, DAMAGED) or exc.path is None:
        return ""
    backup = newest_good_backup(exc.path)
    if backup is None:
        return "; no backup was found beside it"
    return f"; the newest good backup is {backup} (svctrainer db restore {backup})"


BRANCH_HINT = " with --branch NAME"


def _branch_hint(exc: BaseException) -> str:
    """An employee number several branches use, or a database of several branches: say
    how to name the branch."""
    from svctrainer.services.errors import (  # noqa: PLC0415
        AmbiguousEmployeeNumberError,
        BranchRequiredError,
    )

    named = isinstance(exc, AmbiguousEmployeeNumberError | BranchRequiredError)
    return BRANCH_HINT if named else ""


def _is_bug(exc: BaseException) -> bool:
    return isinstance(exc, NotImplementedError)


ONE_LINE_LIMIT = 600
"""Longest message printed. Our own messages end with what to do about the problem (run
'svctrainer db upgrade', restore a backup), so an over-long one loses its middle, where a
long URL or path sits, never its tail."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) <= ONE_LINE_LIMIT:
        return text
    keep = (ONE_LINE_LIMIT - 5) // 2
    return f"{text[:keep]} ... {text[-keep:]}"


def configure_logging() -> Path | None:
    """Log to a rotating file in the user log folder; None if that folder is unusable."""
    from logging.handlers import RotatingFileHandler  # noqa: PLC0415

    root = logging.getLogger("svctrainer")
    if root.handlers:  # already set up: once per process
        return Path(getattr(root.handlers[0], "baseFilename", "")) or None
    root.setLevel(logging.INFO)

    class PrivateLogFile(RotatingFileHandler):
        """Log files hold names and file paths: readable by their owner only (0600)."""

        def _open(self) -> Any:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            return open(fd, self.mode, encoding=self.encoding)

    try:
        folder = log_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = PrivateLogFile(
            folder / "svctrainer.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(HidePasswords())
    root.addHandler(handler)
    root.propagate = False
    root.info("svctrainer %s: %s", __version__, " ".join(sys.argv[1:]))
    return Path(handler.baseFilename)


class HidePasswords(logging.Filter):
    """Whatever is logged (arguments, messages, tracebacks), no database password is
    written to the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = hide_passwords(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hide_passwords(record.exc_text)
        record.exc_info = None
        return True


def db_url(args: argparse.Namespace) -> str:
    return getattr(args, "db", None) or default_db_url()
