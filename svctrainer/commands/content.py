"""``svctrainer content check|import|list|sample``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.core.content_files import (
    DRILL_SUFFIXES,
    SCENARIO_SUFFIXES,
    STANDARDS,
    check_content_file,
    kind_for,
)
from svctrainer.core.problems import errors_only

USAGE_ERROR = 2  # a bad pack or seed given to ``sample`` (as argparse's own usage errors)


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


def sample(args: argparse.Namespace) -> int:
    """The form of a pack file (or stored pack) for ``--seed``: a readable listing, or
    ``--json`` with every item. A bad pack, seed or mode is one line and exit 2."""
    from svctrainer.services.errors import InvalidInputError, NotFoundError  # noqa: PLC0415
    from svctrainer.services.form_samples import sample_file  # noqa: PLC0415

    seed_text = str(args.seed).strip()
    if not (seed_text.isascii() and seed_text.isdigit()):
        sys.stderr.write(
            f"svctrainer: --seed must be a whole number 0 or more, not {args.seed!r}\n"
        )
        return USAGE_ERROR
    seed = int(seed_text)
    path = Path(args.pack).expanduser()
    try:
        if path.suffix.lower() in DRILL_SUFFIXES or path.exists():
            form = sample_file(path, seed, args.mode)
        else:
            form = _stored_sample(args, seed)
    except (InvalidInputError, NotFoundError) as exc:
        message = exc.message if isinstance(exc, InvalidInputError) else str(exc)
        sys.stderr.write(f"svctrainer: {message}\n")
        return USAGE_ERROR
    if args.json:
        print(json.dumps(form, ensure_ascii=False, indent=1))
    else:
        print(form_listing(form))
    return 0


def _stored_sample(args: argparse.Namespace, seed: int) -> dict[str, Any]:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415

    services = open_services(args)
    try:
        return services.forms.sample(Actor.command_line(), args.pack, seed, args.mode)
    finally:
        services.close()


def form_listing(form: dict[str, Any]) -> str:
    """The form for reading or printing: a heading, then one line per item."""
    lines = [f"{form['pack']} ({form['type']}, {form['mode']}), seed {form['seed']}"]
    if form["form"] == "fixed":
        lines[0] += " — the pack pins this form for everyone"
    if "vouchers" in form:
        lines.append("")
        for q in form["questions"]:
            lines.append(
                f"question {q['question']:>2}: vouchers {q['first_page']}–{q['last_page']},"
                f" row {q['row']}, total {q['total']}"
            )
        lines.append("")
        for page in form["vouchers"]:
            amounts = "  ".join(f"{a:>12}" for a in page["amounts"])
            lines.append(f"voucher {page['page']:>3}: {amounts}")
    elif "bundles" in form:
        for b in form["bundles"]:
            defects = ", ".join(f"no. {n}: {k}" for n, k in b["defects"].items()) or "none"
            report = ", ".join(f"{n} × {v}" for v, n in b["report"].items())
            lines.append(
                f"bundle {b['bundle']}: {b['size']} notes of {b['denomination']};"
                f" defects {defects}; right report {report}"
            )
    elif "days" in form:
        for d in form["days"]:
            error = d["error"]
            lines.append(
                f"day {d['day']}: {len(d['vouchers'])} vouchers, difference {d['difference']},"
                f" error on voucher {error['row'] + 1} ({error['kind']})"
            )
    elif "customers" in form:
        for c in form["customers"]:
            lines.append(f"customer {c['customer']}: {c['title']} — cards {' | '.join(c['cards'])}")
    elif "passages" in form:
        for number, passage in enumerate(form["passages"], start=1):
            title = f" {passage['title']}" if passage["title"] else ""
            lines.append(f"passage {number}:{title} ({passage['characters']} characters)")
            lines.append(f"  {passage['text']}")
    else:
        for number, item in enumerate(form.get("items", []), start=1):
            lines.append(f"{number:>4}. {_item_text(item)}")
    return "\n".join(lines)


def _item_text(item: Any) -> str:
    if isinstance(item, dict) and "fields" in item:
        return "  ".join(str(f["expected"]) for f in item["fields"])
    if isinstance(item, dict):
        return "  ".join(f"{k}={v}" for k, v in item.items())
    return str(item)
