"""``svctrainer demo``: fill the chosen database with the demo branch."""

from __future__ import annotations

import argparse
import sys

from svctrainer.commands.runner import db_url
from svctrainer.core.demo_branch import DEMO_PIN
from svctrainer.core.demo_region import REGIONAL_SUPERVISOR
from svctrainer.services.demo import fill_demo_database


def run(args: argparse.Namespace) -> int:
    summary = fill_demo_database(
        db_url(args), _progress if sys.stderr.isatty() else None, region=args.region
    )
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    what = "demo branch" if summary.branches == 1 else f"demo region of {summary.branches} branches"
    print(
        f"{what} created in {summary.database}: {summary.people} people in "
        f"{summary.teams} teams, {summary.attempts:,} attempts; every demo PIN is {DEMO_PIN}"
    )
    if summary.branches > 1:
        who = REGIONAL_SUPERVISOR
        print(f"the regional supervisor is {who.name} ({who.employee_number})")
    return 0


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rplaying six months of practice: {done:,}/{total:,} attempts")
    sys.stderr.flush()
