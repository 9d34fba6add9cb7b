"""Helpers the tests share (imported by name: ``tests/`` is on ``sys.path``)."""

from __future__ import annotations

from typing import Any

from svctrainer.core.pin_hash import ScryptCost

# Real scrypt, cheaper parameters: the suite hashes hundreds of PINs. Production cost is
# pinned by tests/core/test_pin_hash.py and tests/e2e (which use the real CLI).
FAST_PIN_COST = ScryptCost(n=2**10, r=8, p=1)


def typed_perfectly(
    definition: Any,
    mode: Any,
    seed: int,
    items: int = 3,
    gap_ms: int = 180,
    *,
    complete: bool = True,
) -> list[Any]:
    """The key events of someone typing a keyboard drill without a mistake, ``gap_ms``
    apart (what a real run's log looks like, releases aside).

    ``complete``: they type on until the run ends by itself (its time or its items), so
    the attempt counts; otherwise they stop after ``items`` items, which leaves the
    attempt incomplete (``core.drills.completion``)."""
    return typed_run(definition, mode, seed, items, gap_ms, complete=complete).events


def typed_run(
    definition: Any,
    mode: Any,
    seed: int,
    items: int = 3,
    gap_ms: int = 180,
    *,
    complete: bool = True,
) -> Any:
    """The finished run ``typed_perfectly`` typed (its ``events`` and its ``result()``,
    which is what replaying the events gives)."""
    from svctrainer.core.drills.registry import start_run
    from svctrainer.core.keystrokes import ENTER, IME, TAB, KeyEvent

    run = start_run(definition, mode, seed=seed)
    t = 5_000_000_000
    confirm = ENTER if definition.drill_type == "tenkey" else TAB
    typed = 0
    while not run.finished and (complete or typed < items):
        for field in run.current_item.fields:
            for ch in field.expected:
                key = IME if ord(ch) > 0x2E7F else ch
                run.feed(KeyEvent(t, key, ch))
                t += gap_ms * 1_000_000
            run.feed(KeyEvent(t, confirm))
            t += gap_ms * 1_000_000
        typed += 1
    run.stop(t)
    return run


def add_second_branch(services: Any, name: str = "North", number: str = "T1") -> None:
    """A second branch on the same database (a shared server) whose only person, the
    teller Nora North, has employee number ``number`` (Tom Teller's in the ``branch``
    fixture). The services set up one branch per database, so this writes it directly."""
    from svctrainer.core.pin_hash import hash_pin
    from svctrainer.core.roles import Role
    from svctrainer.store.models import Branch, Person, PersonRole

    with services.db.writing() as session:
        branch = Branch(name=name)
        session.add(branch)
        session.flush()
        session.add(
            Person(
                branch_id=branch.id,
                employee_number=number,
                name="Nora North",
                pin_hash=hash_pin("2468", FAST_PIN_COST),
                roles=[PersonRole(role=Role.TELLER.value)],
            )
        )
