"""Rebuild the demo snapshot shipped with the release (assets/demo/).

    .venv/bin/python packaging/demo_snapshot.py           rebuild it (a few minutes)
    .venv/bin/python packaging/demo_snapshot.py --check   say whether it is current

Run it after changing a drill pack, a scenario, the schema (a migration) or the demo's
planners (services/demo_builder.py, core/demo_history.py, core/demo_branch.py), and
after a change to the engines that makes tests/services/test_demo_snapshot.py report
that shipped attempts no longer rescore to their figures; commit both files it writes.
The build plays six months of practice through the real engines, as the demo always
did; the same inputs give the same history (every draw is seeded).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from svctrainer.services.demo_builder import build_demo_database
from svctrainer.services.demo_snapshot import (
    SNAPSHOT_NAME,
    read_manifest,
    snapshot_folder,
    stale_reasons,
    write_shipped_snapshot,
)


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        reasons = stale_reasons(read_manifest())
        for reason in reasons:
            sys.stdout.write(f"demo snapshot is stale: {reason}\n")
        if not reasons:
            sys.stdout.write("demo snapshot is current\n")
        return 1 if reasons else 0
    if argv[1:]:
        sys.stdout.write(__doc__ or "")
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="svctrainer-demo-snapshot-") as folder:
        database = Path(folder) / "demo.sqlite3"
        built_on = datetime.now(UTC).date()

        def report(done: int, total: int) -> None:
            sys.stdout.write(f"\rplaying the history: {done}/{total}")
            sys.stdout.flush()

        build_demo_database(database, report)
        sys.stdout.write("\n")
        manifest = write_shipped_snapshot(database, built_on)
    packed = (snapshot_folder() / SNAPSHOT_NAME).stat().st_size
    sys.stdout.write(
        f"{snapshot_folder() / SNAPSHOT_NAME}: {manifest.attempts} attempts, "
        f"{manifest.people} people, {manifest.size / 1e6:.1f} MB unpacked, "
        f"{packed / 1e6:.1f} MB packed, in {time.monotonic() - started:.0f} s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
