"""``svctrainer person …`` and ``svctrainer team …``: administration without the GUI."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.commands.session import open_services
from svctrainer.core.roles import Role, parse_roles
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import InvalidInputError, NotFoundError
from svctrainer.services.records import PersonRecord


def _ask_pin(given: str | None) -> str:
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInputError("pin", "give --pin when not running in a terminal")
    first = getpass.getpass("New PIN (digits, as long as the branch's PIN policy asks): ")
    if getpass.getpass("Repeat PIN: ") != first:
        raise InvalidInputError("pin", "the two PINs differ")
    return first


def _roles(text: str) -> frozenset[Role]:
    try:
        return parse_roles(text)
    except ValueError as exc:
        raise InvalidInputError("roles", str(exc)) from None


def _find(services: Services, args: argparse.Namespace) -> PersonRecord:
    """The person the command names (``--branch`` decides on a shared server)."""
    return services.people.find_by_employee_number(Actor.command_line(), args.number, args.branch)


def list_people(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        people = services.people.list_people(Actor.command_line(), branch=args.branch)
    finally:
        services.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "employee_number": p.employee_number,
                        "name": p.name,
                        "team": p.team_name,
                        "roles": sorted(r.value for r in p.roles),
                        "active": p.active,
                    }
                    for p in people
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for p in people:
        roles = ",".join(sorted(r.value for r in p.roles))
        state = "" if p.active else "  (inactive)"
        print(f"{p.employee_number:<10} {p.name:<28} {p.team_name or '-':<16} {roles}{state}")
    return 0


def add(args: argparse.Namespace) -> int:
    roles = _roles(args.roles)
    pin = _ask_pin(args.pin)
    services = open_services(args)
    try:
        actor = Actor.command_line()
        team_id = None
        if args.team:
            teams = {t.name: t.id for t in services.people.list_teams(actor, args.branch)}
            if args.team not in teams:
                raise NotFoundError(f"no team called {args.team!r} (svctrainer team list)")
            team_id = teams[args.team]
        person = services.people.create_person(
            actor,
            name=args.name,
            employee_number=args.number,
            pin=pin,
            roles=roles,
            team_id=team_id,
            branch=args.branch,
        )
    finally:
        services.close()
    print(f"added {person.name} ({person.employee_number})")
    return 0


def set_roles(args: argparse.Namespace) -> int:
    roles = _roles(args.roles)
    services = open_services(args)
    try:
        person = services.people.set_roles(Actor.command_line(), _find(services, args).id, roles)
    finally:
        services.close()
    print(f"{person.name}: {','.join(sorted(r.value for r in person.roles))}")
    return 0


def reset_pin(args: argparse.Namespace) -> int:
    pin = _ask_pin(args.pin)
    services = open_services(args)
    try:
        person = _find(services, args)
        services.people.reset_pin(Actor.command_line(), person.id, pin)
    finally:
        services.close()
    print(f"new PIN set for {person.name}; any lockout lifted")
    return 0


def set_active(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        person = services.people.set_active(
            Actor.command_line(), _find(services, args).id, args.active
        )
    finally:
        services.close()
    print(f"{person.name} is now {'active' if person.active else 'inactive'}")
    return 0


def list_teams(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        teams = services.people.list_teams(Actor.command_line(), args.branch)
    finally:
        services.close()
    for t in teams:
        print(f"{t.name:<24} {t.member_count:>3} people")
    return 0


def add_team(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        team = services.people.create_team(Actor.command_line(), args.name, args.branch)
    finally:
        services.close()
    print(f"added team {team.name}")
    return 0 if team else FAILURE


def pin_policy(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        actor = Actor.command_line()
        if args.min_digits is not None:
            policy = services.settings.set_pin_policy(
                actor, min_digits=args.min_digits, branch=args.branch
            )
        else:
            policy = services.settings.pin_policy(actor, args.branch)
    finally:
        services.close()
    where = f" in branch {args.branch!r}" if args.branch else ""
    print(f"PINs set{where} from now on must have {policy.min_digits} to 12 digits")
    return 0
