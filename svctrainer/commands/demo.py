"""``svctrainer demo``: fill the chosen database with the demo branch."""

from __future__ import annotations

import argparse
import sys

from svctrainer.commands.runner import db_url
from svctrainer.core.demo_branch import DEMO_PIN
from svctrainer.services.demo import fill_demo
from svctrainer.store.database import Database, resolve_url


def run(args: argparse.Namespace) -> int:
    db = Database(resolve_url(db_url(args)))
    try:
        summary = fill_demo(db, progress=_progress if sys.stderr.isatty() else None)
    finally:
        db.dispose()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(
        f"demo branch created in {db.label}: {summary.people} people in "
        f"{summary.teams} teams, {summary.attempts:,} attempts; every demo PIN is {DEMO_PIN}"
    )
    return 0


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rplaying six months of practice: {done:,}/{total:,} attempts")
    sys.stderr.flush()
