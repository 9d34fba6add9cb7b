"""``svctrainer sync export|import``: carry a branch's results from a workstation to
another database of the branch in a signed bundle (``services.sync``, format in
docs/SYNC.md)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path

from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError

MAX_CONFLICTS_PRINTED = 20


def export(args: argparse.Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    services = open_services(args)
    try:
        done = services.sync.export(
            Actor.command_line(), Path(args.output).expanduser(), since, args.branch
        )
    finally:
        services.close()
    print(
        f"wrote {done.path} (branch {done.branch}): {done.attempts} attempts, "
        f"{done.scenario_runs} scenario runs, {done.hand_counts} hand counts "
        f"({done.size_bytes} bytes, signed with branch key {done.key_fingerprint})"
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        outcome = services.sync.import_file(Actor.command_line(), Path(args.file).expanduser())
    finally:
        services.close()
    print(
        f"{outcome.label} (from {outcome.source_workstation}, into branch {outcome.branch}): "
        f"{outcome.inserted} inserted, "
        f"{outcome.identical} identical, {len(outcome.conflicts)} conflicts"
    )
    if outcome.content_added:
        print(f"  {outcome.content_added} content versions stored from the bundle")
    for conflict in outcome.conflicts[:MAX_CONFLICTS_PRINTED]:
        print(f"  conflict: {conflict.kind} {conflict.attempt_id} {conflict.reason} (kept ours)")
    if len(outcome.conflicts) > MAX_CONFLICTS_PRINTED:
        rest = len(outcome.conflicts) - MAX_CONFLICTS_PRINTED
        print(f"  … and {rest} more conflicts (all ids are in the audit log)")
    return 0


def parse_since(text: str) -> datetime:
    """``YYYY-MM-DD`` (from midnight, this computer's time zone) or an ISO 8601 time; a
    time without a zone is this computer's local time."""
    try:
        moment = datetime.combine(date.fromisoformat(text), time())
    except ValueError:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidInputError(
                "--since", f"{text!r} is not a date (YYYY-MM-DD) or an ISO 8601 time"
            ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()
