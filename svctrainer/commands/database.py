"""``svctrainer db check|upgrade|backup|backups|restore``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.commands.runner import db_url


def check(args: argparse.Namespace) -> int:
    from svctrainer.services.database_admin import check_health  # noqa: PLC0415

    report = check_health(db_url(args))
    if args.json:
        print(json.dumps(report.to_json(), sort_keys=False))
    elif report.ok:
        print(f"ok: integrity {report.integrity}, schema {report.revision} (current)")
        width = max((len(t) for t in report.tables), default=0)
        for name, count in report.tables.items():
            print(f"  {name:<{width}}  {count:>9,}")
        if report.unfolded_log_bytes:
            print(
                f"note: {report.unfolded_log_bytes:,} bytes of committed changes are still only "
                "in the write-ahead log (-wal) beside the file; copy both together, or open "
                "the database once with free disk space to fold them in"
            )
    if not report.ok:
        sys.stderr.write(f"svctrainer: {report.reason}\n")
        return FAILURE
    return 0


def upgrade(args: argparse.Namespace) -> int:
    """The only way a server's schema changes; workstations never migrate one."""
    from svctrainer.services.actor import Actor  # noqa: PLC0415
    from svctrainer.services.schema_upgrade import upgrade_database  # noqa: PLC0415

    done = upgrade_database(db_url(args), Actor.command_line())
    if done.changed:
        print(f"upgraded {done.database} from schema {done.before or '(none)'} to {done.after}")
    else:
        print(f"{done.database} is already at schema {done.after}; nothing to do")
    return 0


def backup(args: argparse.Namespace) -> int:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415

    services = open_services(args)
    try:
        dest = Path(args.output).expanduser() if args.output else None
        saved = services.database.backup_now(Actor.command_line(), dest)
    finally:
        services.close()
    print(f"backed up to {saved}")
    return 0


def list_backups(args: argparse.Namespace) -> int:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415

    services = open_services(args, damaged_ok=True)  # choosing a backup to restore
    try:
        found = services.database.backups(Actor.command_line())
    finally:
        services.close()
    if not found:
        print("no backups yet")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M} UTC  {b.reason:<13} {b.size:>12,} B  {b.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from svctrainer.services.actor import Actor  # noqa: PLC0415
    from svctrainer.services.database_admin import restore_damaged  # noqa: PLC0415

    source = Path(args.backup).expanduser()
    if not source.is_file():
        sys.stderr.write(f"svctrainer: {source}: no such backup file\n")
        return FAILURE
    if not args.yes:
        if not sys.stdin.isatty():
            sys.stderr.write("svctrainer: restore replaces the database; add --yes to confirm\n")
            return FAILURE
        answer = input(
            f"Replace the database with {source}? The current file is kept aside. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing changed")
            return FAILURE
    # Restoring must work on a damaged database, so nothing reads the current file first.
    aside = restore_damaged(db_url(args), source, Actor.command_line())
    print(f"restored {source}" + (f"; previous database kept at {aside}" if aside else ""))
    return 0
