"""``svctrainer`` / ``svctrainer gui [--demo]``: open the application window.

Without a display (an SSH session, a container, a server console) Qt would abort with
a core dump and blame a missing ``xcb-cursor0``; the command says instead that no
display was found, what to do, and ends with ``NO_DISPLAY``.
"""

from __future__ import annotations

import argparse
import os
import sys

from svctrainer.commands.exit_codes import NO_DISPLAY
from svctrainer.commands.runner import configure_logging, db_url

NO_DISPLAY_MESSAGE = (
    "svctrainer: no display found: the application window needs a desktop session "
    "(neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "Start svctrainer from the desktop, or over SSH with X forwarding (ssh -X). "
    "Reports, backups and imports work without a display: see 'svctrainer --help'.\n"
)


def has_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt can open a window here: always on Windows and macOS; on Linux and the
    BSDs an X or Wayland display, or a platform chosen with ``QT_QPA_PLATFORM``."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform).startswith(("win", "darwin", "cygwin")):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(args: argparse.Namespace) -> int:
    if not has_display():
        sys.stderr.write(NO_DISPLAY_MESSAGE)
        return NO_DISPLAY
    from svctrainer.gui.app import run_gui  # noqa: PLC0415

    return run_gui(
        db_url(args),
        demo=bool(getattr(args, "demo", False)),
        after_first_frame=configure_logging,  # runner.LOGS_AFTER_FIRST_FRAME
    )
