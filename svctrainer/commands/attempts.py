"""``svctrainer attempt rescore|import``: replay a stored attempt; bring in saved ones."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError, ServiceError


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


def import_saved(args: argparse.Namespace) -> int:
    """Import every file given; one bad file does not stop the others from coming in."""
    services = open_services(args)
    failed = 0
    try:
        for name in args.files:
            path = Path(name)
            try:
                data = path.read_bytes()
                outcome = services.saved_attempts.import_file(
                    Actor.command_line(), data, str(path), allow_unsigned=args.allow_unsigned
                )
            except (OSError, ServiceError) as exc:
                failed += 1
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                sys.stderr.write(f"svctrainer: {path}: {reason}\n")
                continue
            if outcome.attempt is None:
                print(f"already stored  {path}")
            else:
                a = outcome.attempt
                print(f"imported        {path}  {a.id}  {a.person_name}  {a.content_id}")
    finally:
        services.close()
    return FAILURE if failed else 0
