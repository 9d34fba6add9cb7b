"""``svctrainer queue`` and ``svctrainer queue import``.

``queue --windows C --arrivals-per-hour L --service-s S`` prints one hour's figures from
the queue model (``core.queueing.multi_server``): the probability of waiting, the mean
wait, the probability of waiting longer than the target, the utilisation, and the
windows needed for the target. An hour whose load reaches its windows is reported as
unstable (``"stable": false`` and no waiting figures), with the windows it would need.
No database is opened.

``queue import FILE.csv`` stores a queue-ticket export for the branch (all or nothing;
``services.queue_data``) and prints what the tickets measure hour by hour.

Exit status: 0 done; 2 a wrong argument (a number that is not one, a missing file, an
unknown time zone or encoding, a malformed ``--map``) or a file whose columns do not fit
(an unknown or missing column: fix it with ``--map``/``--ignore``); 1 a file with bad
rows (each printed as ``file:line:col: message``; nothing is stored) or any other
failure. Every error is one line per problem, never a traceback.
"""

from __future__ import annotations

import argparse
import codecs
import json
import math
import sys
from pathlib import Path
from typing import Any

from svctrainer.commands.exit_codes import FAILURE, USAGE_ERROR
from svctrainer.core.queueing.multi_server import (
    MAX_WINDOWS,
    HourQueue,
    Stable,
    WaitTarget,
    hour_figures,
    windows_needed,
)
from svctrainer.core.queueing.ticket_export import FIELDS

MAX_CV = 10.0


class UsageError(Exception):
    """A wrong argument: one line, exit 2."""


def hour(args: argparse.Namespace) -> int:
    try:
        queue, target = _hour_arguments(args)
    except UsageError as exc:
        return _usage("queue", exc)
    result = hour_figures(queue)
    needed = windows_needed(queue.arrivals_per_hour, queue.service_s, target,
                            queue.cv_arrival, queue.cv_service)  # fmt: skip
    figures: dict[str, Any] = {
        "stable": result.stable,
        "windows": queue.windows,
        "arrivals_per_hour": queue.arrivals_per_hour,
        "service_s": queue.service_s,
        "cv_arrival": queue.cv_arrival,
        "cv_service": queue.cv_service,
        "load": queue.load,
        "utilisation": queue.utilisation,
        "model": "M/M/c" if queue.is_markovian else "G/G/c (Allen-Cunneen)",
        "p_wait": None,
        "wait_s": None,
        "target_s": target.wait_s,
        "p_over_target": None,
        "target_share": target.share_within,
        "windows_needed": needed,
    }
    if isinstance(result, Stable):
        figures.update(
            p_wait=result.p_wait, wait_s=result.wait_s,
            p_over_target=result.p_wait_over(target.wait_s),
        )  # fmt: skip
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{queue.windows} window(s), {queue.arrivals_per_hour:g} customers an hour, mean service "
        f"{queue.service_s:g} s (CV arrival {queue.cv_arrival:g}, service {queue.cv_service:g}; "
        f"{figures['model']})"
    )
    print(f"load {queue.load:.2f} Erlang, utilisation {queue.utilisation:.1%}")
    if isinstance(result, Stable):
        print(
            f"P(wait) {result.p_wait:.1%}, mean wait {result.wait_s:.1f} s "
            f"({result.wait_s / 60:.1f} min), P(wait > {target.wait_s:g} s) "
            f"{figures['p_over_target']:.1%}"
        )
    else:
        print(
            "unstable: more customers arrive than the windows can serve; the line grows "
            "for as long as the hour lasts, so there is no mean wait"
        )
    print(
        f"windows needed for {target.share_within:.0%} called within {target.wait_s:g} s: {needed}"
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    from svctrainer.commands.session import open_services  # noqa: PLC0415
    from svctrainer.services.actor import Actor  # noqa: PLC0415
    from svctrainer.services.errors import InvalidInputError  # noqa: PLC0415
    from svctrainer.services.queue_data import (  # noqa: PLC0415
        ImportOptions,
        TicketFileError,
        resolve_zone,
    )

    try:
        path = _file(args.file)
        columns = _columns(args.map)
        if args.encoding:
            _encoding(args.encoding)
        resolve_zone(args.zone)
    except UsageError as exc:
        return _usage("queue import", exc)
    except InvalidInputError as exc:
        return _usage("queue import", UsageError(f"--zone: {exc.message}"))
    options = ImportOptions(columns, tuple(args.ignore), args.zone, args.encoding, args.branch)
    services = open_services(args)
    try:
        result = services.queue_data.import_file(Actor.command_line(), path, options)
    except TicketFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if exc.more:
            print(f"... and {exc.more} more problems", file=sys.stderr)
        what = "its columns do not fit" if exc.header else "it has bad rows"
        print(f"svctrainer queue import: nothing imported: {what}", file=sys.stderr)
        return USAGE_ERROR if exc.header else FAILURE
    finally:
        services.close()
    if getattr(args, "json", False):
        print(json.dumps(_import_json(result), indent=2))
        return 0
    _print_import(result)
    return 0


def _hour_arguments(args: argparse.Namespace) -> tuple[HourQueue, WaitTarget]:
    missing = [
        option
        for option, value in (("--windows", args.windows),
                              ("--arrivals-per-hour", args.arrivals_per_hour),
                              ("--service-s", args.service_s))
        if value is None
    ]  # fmt: skip
    if missing:
        raise UsageError(f"give {', '.join(missing)} (or an action: import)")
    windows = _whole(args.windows, "--windows", 1, MAX_WINDOWS)
    arrivals = _figure(args.arrivals_per_hour, "--arrivals-per-hour", 0.0, 100_000.0)
    service = _figure(args.service_s, "--service-s", 0.0, 86_400.0, strict_low=True)
    cva = _figure(args.cv_arrival, "--cv-arrival", 0.0, MAX_CV)
    cvs = _figure(args.cv_service, "--cv-service", 0.0, MAX_CV)
    target_s = _figure(args.target_s, "--target-s", 0.0, 86_400.0)
    share = _figure(args.target_share, "--target-share", 0.0, 1.0, strict_low=True)
    if share >= 1:
        raise UsageError(f"--target-share: {args.target_share} must be below 1")
    return HourQueue(windows, arrivals, service, cva, cvs), WaitTarget(target_s, share)


def _whole(text: str, option: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a whole number") from None
    if not low <= value <= high:
        raise UsageError(f"{option}: {value} must be from {low} to {high}")
    return value


def _figure(text: str, option: str, low: float, high: float, *, strict_low: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise UsageError(f"{option}: {text!r} is not a finite number")
    if value < low or (strict_low and value == low) or value > high:
        above = "above" if strict_low else "at least"
        raise UsageError(f"{option}: {text} must be {above} {low:g} and at most {high:g}")
    return value


def _file(text: str) -> Path:
    path = Path(text)
    if not path.exists():
        raise UsageError(f"{text}: no such file")
    if path.is_dir():
        raise UsageError(f"{text}: a folder, not a CSV file")
    return path


def _columns(items: list[str]) -> dict[str, str]:
    """``--map ticket=Nr,issued_at=Taken`` (repeatable) → {field: column}."""
    columns: dict[str, str] = {}
    for item in items:
        for pair in item.split(","):
            field, sep, column = pair.partition("=")
            field, column = field.strip(), column.strip()
            if not sep or not field or not column:
                raise UsageError(f"--map: {pair!r} is not FIELD=COLUMN")
            if field not in FIELDS:
                raise UsageError(f"--map: {field!r} is not a field ({', '.join(FIELDS)})")
            if field in columns:
                raise UsageError(f"--map: {field} is mapped twice")
            columns[field] = column
    return columns


def _encoding(name: str) -> None:
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {name!r}") from None


def _usage(command: str, exc: Exception) -> int:
    sys.stderr.write(f"svctrainer {command}: error: {exc} (see 'svctrainer {command} --help')\n")
    return USAGE_ERROR


def _import_json(result: Any) -> dict[str, Any]:
    m = result.measured
    out: dict[str, Any] = {
        "file": result.file_name,
        "rows": result.rows,
        "added": result.added,
        "duplicates": result.duplicates,
        "first_day": None if result.first_day is None else result.first_day.isoformat(),
        "last_day": None if result.last_day is None else result.last_day.isoformat(),
        "zone": result.zone,
        "encoding": result.encoding,
    }
    if m is None:
        return out
    conditions = m.conditions
    out.update(
        days=m.days,
        tickets=m.tickets,
        served=m.served,
        no_shows=m.no_shows,
        walked_away=m.walked_away,
        service_s=m.service.mean,
        holding_s=m.holding.mean,
        cv_service=None if conditions is None else conditions.cv_service,
        cv_arrival=m.cv_arrival,
        wait_s=m.wait.mean,
        target_s=m.target_s,
        p_over_target=m.share_over_target,
        hours=[
            {
                "hour": h.hour,
                "arrivals_per_hour": h.arrivals_per_hour,
                "tickets_per_hour": h.tickets_per_hour,
                "windows": h.windows_mean,
                "wait_s": h.mean_wait_s,
                "service_s": h.mean_service_s,
                "holding_s": h.mean_holding_s,
                "p_over_target": h.share_over_target,
            }
            for h in m.hours
        ],
    )
    return out


def _print_import(result: Any) -> None:
    if result.added == 0:
        print(f"nothing new: all {result.rows} tickets of {result.file_name} were already stored")
    else:
        print(
            f"imported {result.added} tickets from {result.file_name} ({result.duplicates} "
            f"already stored), {result.first_day} to {result.last_day}, local times in "
            f"{result.zone}"
        )
    m = result.measured
    if m is None:
        return
    target = "" if m.target_s is None else f"over {m.target_s / 60:g} min"
    print(f"{'hour':<6}{'served/h':>9}{'windows':>9}{'wait min':>10}{'service s':>11}"
          f"{target:>14}")  # fmt: skip
    for h in m.hours:
        over = "—" if h.share_over_target is None else f"{h.share_over_target:.1%}"
        wait = "—" if h.mean_wait_s is None else f"{h.mean_wait_s / 60:.1f}"
        service = "—" if h.mean_service_s is None else f"{h.mean_service_s:.0f}"
        print(f"{h.hour:02d}:00 {h.arrivals_per_hour:>9.1f}{h.windows_mean:>9.1f}{wait:>10}"
              f"{service:>11}{over:>14}")  # fmt: skip
