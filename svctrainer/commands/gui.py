"""``svctrainer`` / ``svctrainer gui [--demo]``: open the application window."""

from __future__ import annotations

import argparse

from svctrainer.commands.runner import db_url


def run(args: argparse.Namespace) -> int:
    from svctrainer.gui.app import run_gui  # noqa: PLC0415

    return run_gui(db_url(args), demo=bool(getattr(args, "demo", False)))
