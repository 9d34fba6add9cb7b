"""Errors as people count them: one per wrong character keyed, never one per Enter on an
entry that is already wrong; attempts scored by the first rules keep their count."""

from __future__ import annotations

import pytest
from drill_helpers import Typist, tenkey_pack

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.packs.definition import Mode

SEED = 4242


def _typed(policy: str, keys: list[str], rules: int = scoring_rules.CURRENT):
    definition = tenkey_pack(("125", "30"), policy=policy)
    run = start_run(definition, Mode.PRACTICE, seed=SEED)
    run.use_rules(rules)
    Typist(run).type(keys)
    run.stop(10**15)
    return run


@pytest.mark.parametrize("policy", ["correct", "block"])
def test_enter_on_a_wrong_entry_is_not_one_more_error(policy):
    # two typos, each followed by Enter pressed three times before the fix
    keys = ["1", "3", "Enter", "Enter", "Enter"]
    keys += ["Backspace"] if policy == "correct" else []
    keys += ["2", "5", "Enter", "4", "Enter", "Enter", "Enter"]
    keys += ["Backspace"] if policy == "correct" else []
    keys += ["3", "0", "Enter"]
    run = _typed(policy, keys)
    result = run.result()
    state = run.state(None)
    # correct: "3" and "4" are the two wrong characters; the Enters on them add nothing.
    # block: the wrong keys are refused, the first Enter on each short entry is a wrong
    # key where a digit was due, the Enters after it add nothing.
    assert state.errors == (2 if policy == "correct" else 4)
    assert result.details.wrong_strokes == state.errors
    assert result.strokes == len(keys)  # every press still ran the clock
    assert replay(run.definition, run.mode, run.seed, run.events) == result


def test_the_first_rules_counted_every_enter_and_stored_attempts_keep_that():
    keys = ["1", "3", "Enter", "Enter", "Enter", "Backspace", "2", "5", "Enter"]
    old = _typed("correct", keys, scoring_rules.FIRST)
    new = _typed("correct", keys)
    assert old.state(None).errors == 4  # one typo shown as four errors
    assert new.state(None).errors == 1
    stored = old.result()
    assert stored.rules == scoring_rules.FIRST
    again = replay(old.definition, old.mode, old.seed, old.events, rules=stored.rules)
    assert again == stored
    assert again.accuracy < new.result().accuracy


def test_a_short_entry_confirmed_under_free_is_one_error_a_wrong_one_only_its_characters():
    definition = tenkey_pack(("125", "30"), policy="free")
    run = start_run(definition, Mode.PRACTICE, seed=SEED)
    typist = Typist(run)
    typist.type(["1", "2", "Enter"])  # nothing wrong keyed, one digit missing: an error
    typist.type(["3", "1", "Enter"])  # one wrong character: that is the error
    assert run.state(None).errors == 2
