"""A child process for the durability tests: records attempts in a loop and prints the id
of each one as soon as ``record_drill`` has returned (committed), then flushes.

    python attempt_writer.py DB_PATH EMPLOYEE_NUMBER COUNT

COUNT 0 means "until killed". Prints "ready" once set up, so the parent can time kills
after the slow imports.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for support.py

from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services


def main() -> int:
    db_path, number, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    services = Services.open(db_path, pin_cost=FAST_PIN_COST)
    person = next(
        p for p in services.people.list_people(Actor.command_line()) if p.employee_number == number
    )
    actor = Actor.person(person.id, person.name, person.employee_number)
    record = next(
        r for r in services.content.latest(actor) if r.content_id == "tenkey-amounts-practice.en"
    )
    _, definition = services.content.load(actor, record.id)
    logs = [typed_perfectly(definition, Mode.PRACTICE, seed, items=3) for seed in range(8)]
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    n = 0
    while count == 0 or n < count:
        seed = n % len(logs)
        attempt = services.attempts.record_drill(
            actor,
            record.id,
            mode=Mode.PRACTICE,
            seed=seed,
            events=logs[seed],
            started_at=datetime.now(UTC),
        )
        sys.stdout.write(f"{attempt.id}\n")
        sys.stdout.flush()
        n += 1
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
