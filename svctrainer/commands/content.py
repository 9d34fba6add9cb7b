"""``svctrainer content check|import|list``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.core.content_files import (
    DRILL_SUFFIXES,
    SCENARIO_SUFFIXES,
    STANDARDS,
    check_content_file,
    kind_for,
)
from svctrainer.core.problems import errors_only


def expand(paths: list[str], *, standards: bool = True) -> list[Path]:
    """Files as given; folders contribute their drill packs and scenarios (recursively),
    and their service standards files unless ``standards`` is False (import: they ship
    with the application)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in DRILL_SUFFIXES + SCENARIO_SUFFIXES
                    and (standards or kind_for(str(p)) != STANDARDS)
                )
            )
        else:
            found.append(path)
    return found


def check(args: argparse.Namespace) -> int:
    files = expand(args.paths)
    if not files:
        sys.stderr.write("svctrainer: no drill packs (.toml) or scenarios (.yaml) found\n")
        return FAILURE
    bad = 0
    kinds: dict[str, int] = {}
    for path in files:
        checked = check_content_file(path)
        for problem in checked.problems:
            print(problem)
        if errors_only(checked.problems) or not checked.ok:
            bad += 1
        elif checked.kind:
            kinds[checked.kind] = kinds.get(checked.kind, 0) + 1
    if bad:
        sys.stderr.write(f"svctrainer: {bad} of {len(files)} file(s) have errors\n")
        return FAILURE
    summary = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(kinds.items()))
    print(f"{len(files)} file(s) valid: {summary}")
    return 0


def import_(args: argparse.Namespace) -> int:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415

    files = expand(args.paths, standards=False)
    if not files:
        sys.stderr.write("svctrainer: no drill packs (.toml) or scenarios (.yaml) found\n")
        return FAILURE
    services = open_services(args)
    try:
        outcomes = services.content.import_files(Actor.command_line(), files)
    finally:
        services.close()
    rejected = [o for o in outcomes if o.status in ("rejected", "not_stored")]
    for outcome in outcomes:
        for problem in outcome.problems:
            print(problem)
    if rejected:
        sys.stderr.write(
            f"svctrainer: nothing imported: {sum(o.status == 'rejected' for o in outcomes)} "
            "file(s) have errors\n"
        )
        return FAILURE
    for o in outcomes:
        rec = o.record
        if rec is not None:
            print(f"{o.status:<12} {rec.content_id} v{rec.version}  {rec.title}")
    return 0


def list_(args: argparse.Namespace) -> int:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.core.text_fields import printable  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415

    services = open_services(args)
    try:
        records = services.content.latest(Actor.command_line())
    finally:
        services.close()
    for r in records:
        title = printable(r.title)  # a title stored before control characters were refused
        print(f"{r.kind:<9} {printable(r.content_id):<40} v{r.version:<3} {r.language:<3} {title}")
    return 0
