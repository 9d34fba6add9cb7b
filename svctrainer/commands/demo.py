"""``svctrainer demo``: fill the chosen database with the demo branch."""

from __future__ import annotations

import argparse

from svctrainer.commands.session import open_services
from svctrainer.core.demo_branch import DEMO_PIN
from svctrainer.services.actor import Actor
from svctrainer.services.demo import create_demo_branch


def run(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        services.content.sync_bundled()
        summary = create_demo_branch(services.db, Actor.command_line())
    finally:
        services.close()
    print(
        f"demo branch created in {services.db.label}: {summary.people} people in "
        f"{summary.teams} teams, {summary.attempts:,} attempts; every demo PIN is {DEMO_PIN}"
    )
    return 0
