"""``svctrainer branch-key show|export|install``: share the branch key between the
workstations of a branch, so each accepts the results the others kept in files."""

from __future__ import annotations

import argparse
from pathlib import Path

from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError


def show(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        info = services.branch_key.info(Actor.command_line())
    finally:
        services.close()
    print(f"branch key {info.fingerprint}  ({info.path})")
    return 0


def export(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        info = services.branch_key.export(Actor.command_line(), Path(args.output).expanduser())
    finally:
        services.close()
    print(
        f"wrote branch key {info.fingerprint} to {info.path}; install it on the branch's other "
        "workstations, then delete this copy"
    )
    return 0


def install(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="ascii", errors="replace")[:4096]
    except OSError as exc:
        raise InvalidInputError(str(path), exc.strerror or str(exc)) from None
    services = open_services(args)
    try:
        info = services.branch_key.install(Actor.command_line(), text, replace=args.replace)
    finally:
        services.close()
    print(f"this workstation now signs and accepts with branch key {info.fingerprint}")
    return 0
