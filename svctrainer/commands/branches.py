"""``svctrainer branch …`` and ``svctrainer region …``: the branches of a shared server,
their regions, and the region report (every skill family, branch by branch)."""

from __future__ import annotations

import argparse
import json

from svctrainer.commands.reports import _window
from svctrainer.commands.session import open_services
from svctrainer.services.actor import Actor
from svctrainer.services.errors import NotFoundError
from svctrainer.services.region_dashboard import RegionDashboard

CLI = Actor.command_line


def list_branches(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        branches = services.branches.list_branches(CLI())
    finally:
        services.close()
    if args.json:
        rows = [{"name": b.name, "people": b.people, "regions": list(b.regions)} for b in branches]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for b in branches:
        regions = ", ".join(b.regions) or "-"
        print(f"{b.name:<32} {b.people:>4} people   regions: {regions}")
    return 0


def create_branch(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        branch = services.branches.create_branch(CLI(), args.name)
    finally:
        services.close()
    print(
        f"added branch {branch.name}; add its first admin with "
        f"'svctrainer person add --branch {_quoted(branch.name)} --roles admin …'"
    )
    return 0


def rename_branch(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        branch = services.branches.rename_branch(CLI(), args.name, args.new_name)
    finally:
        services.close()
    print(f"branch {args.name} is now {branch.name}")
    return 0


def list_regions(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        regions = services.branches.list_regions(CLI())
    finally:
        services.close()
    if args.json:
        rows = [
            {"name": r.name, "branches": list(r.branches), "supervisors": list(r.supervisors)}
            for r in regions
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for r in regions:
        print(f"{r.name}: {', '.join(r.branches)}")
        print(f"  read by: {', '.join(r.supervisors) or '-'}")
    return 0


def create_region(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        region = services.branches.create_region(CLI(), args.name, args.branches)
    finally:
        services.close()
    print(f"added region {region.name}: {', '.join(region.branches)}")
    return 0


def set_region_branches(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        region = services.branches.set_region_branches(CLI(), args.name, args.branches)
    finally:
        services.close()
    print(f"region {region.name}: {', '.join(region.branches)}")
    return 0


def add_supervisor(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        person = services.people.find_by_employee_number(CLI(), args.number, args.branch)
        region = services.branches.add_region_supervisor(CLI(), args.name, person.id)
    finally:
        services.close()
    print(f"{person.name} reads region {region.name} ({', '.join(region.branches)})")
    return 0


def remove_supervisor(args: argparse.Namespace) -> int:
    services = open_services(args)
    try:
        person = services.people.find_by_employee_number(CLI(), args.number, args.branch)
        region = services.branches.remove_region_supervisor(CLI(), args.name, person.id)
    finally:
        services.close()
    print(f"{person.name} no longer reads region {region.name}")
    return 0


def report(args: argparse.Namespace) -> int:
    """Every skill family with counted attempts (or ``--family``), branch by branch."""
    window = _window(args.date_from, args.date_to)
    services = open_services(args)
    try:
        actor = CLI()
        region_id = None
        if args.region is not None:
            found = [r for r in services.region.regions(actor) if r.name == args.region]
            if not found:
                raise NotFoundError(f"no region called {args.region!r}")
            region_id = found[0].id
        if args.family:
            boards = [services.region.dashboard(actor, args.family, region_id=region_id,
                                                window=window)]  # fmt: skip
        else:
            boards = services.region.overview(actor, region_id=region_id, window=window)
    finally:
        services.close()
    if args.json:
        print(json.dumps([_board_json(b) for b in boards], ensure_ascii=False))
        return 0
    if not boards:
        print("no counted attempts in these branches yet")
    for board in boards:
        _print_board(board)
    return 0


def _board_json(board: RegionDashboard) -> dict[str, object]:
    return {
        "family": board.family.key,
        "title": board.family.title,
        "metric": board.metric.value,
        "gain_unit": board.gain_unit.value,
        "speed_unit": board.speed_unit,
        "branches": [
            {
                "branch": r.branch,
                "tellers": r.tellers,
                "attempts": r.attempts,
                "tested": r.levels.tested,
                "measured": r.levels.measured,
                "baseline": r.levels.baseline,
                "latest": r.levels.latest,
                "gain": r.levels.gain,
            }
            for r in board.rows
        ],
    }


GAIN_SUFFIX = {"percent": "%", "percentage_points": " pp", "points": " pts"}


def _print_board(board: RegionDashboard) -> None:
    unit = board.speed_unit or board.metric.value
    print(f"{board.family.title}  [{board.family.key}]  median {board.metric.value} ({unit})")
    print(
        f"  {'branch':<28} {'tellers':>7} {'attempts':>8} {'tested':>6} {'measured':>8} "
        f"{'baseline':>9} {'latest':>9} {'gain':>9}"
    )
    suffix = GAIN_SUFFIX[board.gain_unit.value]
    for r in board.rows:
        lv = r.levels
        gain = "-" if lv.gain is None else f"{lv.gain:+.1f}{suffix}"
        print(
            f"  {r.branch:<28} {r.tellers:>7} {r.attempts:>8} {lv.tested:>6} {lv.measured:>8} "
            f"{_figure(lv.baseline):>9} {_figure(lv.latest):>9} {gain:>9}"
        )
    print()


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name
