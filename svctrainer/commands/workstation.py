"""``svctrainer workstation show|set-branch|clear-branch``: tie a counter workstation to
one branch of a shared server, so it signs in only that branch's people
(``services.workstations``)."""

from __future__ import annotations

import argparse

from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor


def show(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        here = services.workstations.name
        branch = services.workstations.branch()
        ties = services.workstations.ties(Actor.command_line())
    finally:
        services.close()
    if branch is None:
        print(f"this workstation ({here}) signs in people of every branch")
    else:
        print(f"this workstation ({here}) signs in people of branch {branch} only")
    for tie in ties:
        when = tie.set_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"  {tie.workstation:<24} {tie.branch:<24} set by {tie.set_by} on {when}")
    return 0


def set_branch(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        tie = services.workstations.set_branch(Actor.command_line(), args.name, args.workstation)
    finally:
        services.close()
    print(f"workstation {tie.workstation} now signs in people of branch {tie.branch} only")
    return 0


def clear_branch(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        here = args.workstation or services.workstations.name
        cleared = services.workstations.clear_branch(Actor.command_line(), args.workstation)
    finally:
        services.close()
    if cleared:
        print(f"workstation {here} signs in people of every branch again")
    else:
        print(f"workstation {here} was not tied to a branch")
    return 0
