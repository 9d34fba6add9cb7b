"""A child process for the restore tests: restores BACKUP over LIVE through the services
(as 'svctrainer db restore' does) and kills itself with SIGKILL right after the named
step, so the test can look at what a crash at exactly that moment leaves.

    python restore_runner.py LIVE BACKUP STEP
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from svctrainer.services.actor import Actor
from svctrainer.services.database_admin import restore_file
from svctrainer.store.database import Database, resolve_url


def main() -> int:
    live, backup, kill_at = sys.argv[1], Path(sys.argv[2]), sys.argv[3]

    def step(name: str) -> None:
        if name == kill_at:
            sys.stdout.write(f"killed at {name}\n")
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    db = Database.unchecked(resolve_url(live))
    restore_file(db, backup, Actor.command_line(), on_step=step)
    sys.stdout.write("finished\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
