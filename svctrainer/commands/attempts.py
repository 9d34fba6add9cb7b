"""``svctrainer attempt rescore``: replay an attempt's stored event log."""

from __future__ import annotations

import argparse
import json
import sys
import uuid

from svctrainer.commands.runner import FAILURE
from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError


def rescore(args: argparse.Namespace) -> int:
    try:
        attempt_id = uuid.UUID(args.attempt_id)
    except ValueError:
        raise InvalidInputError(
            "ATTEMPT_ID", f"{args.attempt_id!r} is not an attempt id (a UUID)"
        ) from None
    services = open_services(args)
    try:
        report = services.attempts.rescore(
            Actor.command_line(), attempt_id, latest_version=args.latest
        )
    finally:
        services.close()
    if args.json:
        print(
            json.dumps(
                {
                    "attempt": str(report.attempt_id),
                    "content_version": report.content_version,
                    "matches": report.matches,
                    "stored": report.stored,
                    "recomputed": report.recomputed,
                }
            )
        )
    else:
        print(f"attempt {report.attempt_id} against content version {report.content_version}")
        for name, stored in report.stored.items():
            new = report.recomputed[name]
            mark = "" if stored == new else "   <- differs"
            print(f"  {name:<12} stored {stored!s:<22} replayed {new!s}{mark}")
        print("matches" if report.matches else "DIFFERS")
    if not report.matches and not args.latest:
        sys.stderr.write("svctrainer: the stored figures do not match the event log\n")
        return FAILURE
    return 0
