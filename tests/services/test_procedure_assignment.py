"""The counter procedure drill through the services: a trainer assigns it with a
target in its own unit (cases per hour), and the teller's stored results — scored from
their key log, breaches included — decide whether it is done."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from svctrainer.core.assignment_progress import Status
from svctrainer.core.drills.counter_procedure import CARD_KEYS
from svctrainer.core.drills.registry import start_run
from svctrainer.core.keystrokes import ENTER, SPACE, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor

CLI = Actor.command_line()
DRILLS = Path(__file__).resolve().parents[2] / "drills"
PACK = "counter-procedure-test.zh"
TARGET = {"mode": "test", "min_speed": 30, "speed_unit": "cases_per_hour", "min_accuracy": 0.95}
MS = 1_000_000


SEED = 20261206  # every attempt draws its own form; these tests pick one


def _events(definition, *, skip_gate: bool) -> list[KeyEvent]:
    """Call each customer and take every step in the standard order with the right words,
    2 s a key; with ``skip_gate`` each case's first compliance point is left out."""
    run = start_run(definition, Mode.TEST, SEED)
    t = 1_000

    def press(key: str) -> None:
        nonlocal t
        run.feed(KeyEvent(t * MS, key, key, True))
        run.feed(KeyEvent((t + 40) * MS, key, key, False))
        t += 2_000

    press(SPACE)
    while not run.finished:
        deal = run.deal
        gate = next((s.id for s in deal.case.steps if s.gate), None) if skip_gate else None
        for step in deal.case.steps:
            if step.id == gate:
                continue
            card = next(i for i, c in enumerate(deal.cards) if c.step_id == step.id)
            press(CARD_KEYS[card])
            if step.id in deal.phrases:
                press(str(deal.phrases[step.id][1] + 1))
        press(ENTER)
    return run.events


def test_a_procedure_assignment_is_done_by_a_clean_test_not_by_one_with_breaches(branch):
    svc = branch.services
    svc.content.import_files(CLI, [DRILLS / f"{PACK}.toml"])
    record = next(r for r in svc.content.latest(CLI) if r.content_id == PACK)
    _, definition = svc.content.load(CLI, record.id)
    svc.assignments.create(
        branch.actor(branch.trainer), targets={PACK: TARGET}, team_ids=[branch.team_a.id]
    )
    teller = branch.actor(branch.teller)

    def take(skip_gate: bool):
        return svc.attempts.record_drill(
            teller, record.id, mode=Mode.TEST, seed=SEED,
            events=_events(definition, skip_gate=skip_gate), started_at=datetime.now(UTC),
        )  # fmt: skip

    breached = take(skip_gate=True)
    # Every case but the passbook update (which has no compliance point) is voided.
    assert breached.details["details"]["breaches"] == 5
    assert breached.accuracy == round(100 / 600, 4)
    [item] = svc.assignments.for_person(teller, branch.teller.id)
    assert item.status is Status.IN_PROGRESS

    clean = take(skip_gate=False)
    assert clean.accuracy == 1.0
    assert clean.speed >= 30
    [item] = svc.assignments.for_person(teller, branch.teller.id)
    assert item.status is Status.DONE
    assert svc.attempts.rescore(teller, clean.id).matches
