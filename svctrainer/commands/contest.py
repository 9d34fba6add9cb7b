"""``svctrainer contest``: run a branch skills contest from the command line.

``create NAME --drill ID…`` (one fixed form per drill for everyone; ``--attempts``,
``--minutes``, ``--countdown``; ``--draft`` to announce it later with ``open``),
``list``, ``start`` (the countdown, then the window), ``close`` (results locked) and
``results NAME --format pdf|csv -o FILE`` (the results sheet; the PDF adds a
certificate per contestant). As every command: a wrong argument is one line and exit 2,
a refused step (a closed contest started again, an unknown drill) one line and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from svctrainer.commands.exit_codes import USAGE_ERROR
from svctrainer.commands.reports import UsageError, _output, _renderer_for
from svctrainer.commands.session import open_services
from svctrainer.core.contest.rules import ContestRuleError, ContestRules, ContestState
from svctrainer.services.actor import Actor

CLI = Actor.command_line()


def create(args: argparse.Namespace) -> int:
    try:
        rules = ContestRules(
            args.attempts, args.minutes, args.countdown, public_board=args.public_board
        )
    except ContestRuleError as exc:
        return _usage("contest create", str(exc))
    services = open_services(args)
    try:
        record = services.contests.create(CLI, args.name, args.drill, rules, publish=not args.draft)
    finally:
        services.close()
    drills = ", ".join(d.content_id for d in record.drills)
    print(f"created contest {record.name!r} ({record.state.value}): {drills}")
    return 0


def list_(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        records = services.contests.in_branch(CLI)
    finally:
        services.close()
    now = datetime.now(UTC)
    if args.json:
        print(json.dumps([{
            "name": r.name, "state": r.state.value, "phase": r.phase(now).value,
            "drills": [d.content_id for d in r.drills], "attempts": r.rules.attempts,
            "window_minutes": r.rules.window_minutes,
            "begins_at": None if r.begins_at is None else r.begins_at.isoformat(),
            "ends_at": None if r.ends_at is None else r.ends_at.isoformat(),
        } for r in records], ensure_ascii=False, indent=2))  # fmt: skip
        return 0
    for r in records:
        print(f"{r.name}\t{r.phase(now).value}\t{', '.join(d.content_id for d in r.drills)}")
    return 0


def open_(args: argparse.Namespace) -> int:
    return _step(args, "open")


def start(args: argparse.Namespace) -> int:
    return _step(args, "start")


def close(args: argparse.Namespace) -> int:
    return _step(args, "close")


def _step(args: argparse.Namespace, step: str) -> int:
    services = open_services(args)
    try:
        svc = services.contests
        if step == "open":
            record = svc.open(CLI, args.name)
        elif step == "start":
            record = svc.start(CLI, args.name)
        else:
            record = svc.close(CLI, args.name).contest
    finally:
        services.close()
    print(f"contest {record.name!r} is {record.state.value}")
    return 0


def results(args: argparse.Namespace) -> int:
    try:
        output = _output(args.output)
    except UsageError as exc:
        return _usage("contest results", str(exc))
    services = open_services(args)
    try:
        if args.format == "pdf":
            render = _renderer_for("contest", args.lang)
            result = services.reports.contest_pdf(CLI, output, args.name, render)
            record = services.contests.get(CLI, args.name)
            if record.state is not ContestState.CLOSED:
                sys.stderr.write(
                    f"svctrainer: note: no certificates: contest {record.name!r} is "
                    f"{record.state.value}; they are printed once it is closed and its "
                    "results locked ('svctrainer contest close')\n"
                )
        else:
            result = services.reports.contest_csv(CLI, output, args.name)
    finally:
        services.close()
    unit = "page(s)" if result.format == "pdf" else "row(s)"
    print(f"wrote {result.path}: {result.rows} {unit}")
    return 0


def _usage(command: str, message: str) -> int:
    sys.stderr.write(
        f"svctrainer {command}: error: {message} (see 'svctrainer {command} --help')\n"
    )
    return USAGE_ERROR
