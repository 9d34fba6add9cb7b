"""``svctrainer audit``: the audit log, newest first."""

from __future__ import annotations

import argparse
import json

from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor


def show(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        entries = services.audit.recent(Actor.command_line(), limit=max(1, args.limit))
    finally:
        services.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "at": e.at.isoformat(),
                        "actor": e.actor,
                        "action": e.action,
                        "target_type": e.target_type,
                        "target_id": e.target_id,
                        "target": e.target,
                        "detail": e.detail,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for e in entries:
        detail = json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        about = e.target or ""
        print(f"{e.at:%Y-%m-%d %H:%M:%S}Z  {e.actor:<32} {e.action:<24} {about:<28} {detail}")
    return 0
