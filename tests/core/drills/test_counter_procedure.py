"""The counter procedure drill: judging a performed procedure step by step (missing,
out of order, wrong words, wrong cards, compliance breaches), the run's keys and thinking
clock, replay, and pack problems located at ``path:line:col``."""

from __future__ import annotations

from pathlib import Path

import pytest
from drill_helpers import MS
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.drills.counter_procedure import CARD_KEYS, COUNTER_PROCEDURE
from svctrainer.core.drills.procedure_case import (
    ProcedureCase,
    Step,
    StepFault,
    Taken,
    judge_case,
)
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.keystrokes import BACKSPACE, ENTER, SPACE, KeyEvent
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"

# A deposit: greet → ask → count (gate) → announce (words) → post (gate), post after both.
CASE = ProcedureCase(
    id="deposit",
    title="Deposit",
    situation="A customer pays in cash.",
    steps=(
        Step("greet", "Greet", (), None, (), False),
        Step("ask", "Ask the need", ("greet",), None, (), False),
        Step("count", "Count in view", ("ask",), None, (), True),
        Step("announce", "Announce", ("count",), "I make that £100.", ("Got it.",), False),
        Step("post", "Post", ("count", "announce"), None, (), True),
    ),
    decoys=("Post before counting",),
)


def _do(*ids: str, wrong_words: bool = False, decoys: int = 0) -> list[Taken]:
    taken = [Taken(i, None, (not wrong_words) if i == "announce" else None) for i in ids]
    return taken + [Taken(None, CASE.decoys[0], None)] * decoys


def _faults(verdict) -> dict[str, StepFault]:
    return {v.step_id: v.fault for v in verdict.steps}


def test_the_standard_order_with_the_right_words_scores_100():
    verdict = judge_case(CASE, _do("greet", "ask", "count", "announce", "post"))
    assert verdict.points == 100
    assert not verdict.breach
    assert [v.position for v in verdict.steps] == [1, 2, 3, 4, 5]


def test_a_missing_step_costs_its_share():
    verdict = judge_case(CASE, _do("ask", "count", "announce", "post"))
    assert _faults(verdict)["greet"] is StepFault.MISSING
    assert verdict.points == 80  # 4 of 5 right
    assert _faults(verdict)["ask"] is StepFault.RIGHT  # a missing predecessor is no order fault


def test_a_step_before_one_it_must_follow_is_out_of_order():
    verdict = judge_case(CASE, _do("ask", "greet", "count", "announce", "post"))
    assert _faults(verdict)["ask"] is StepFault.OUT_OF_ORDER
    assert _faults(verdict)["greet"] is StepFault.RIGHT
    assert verdict.points == 80


def test_the_wrong_words_and_a_wrong_card_cost_a_step_each():
    verdict = judge_case(
        CASE, _do("greet", "ask", "count", "announce", "post", wrong_words=True, decoys=1)
    )
    assert _faults(verdict)["announce"] is StepFault.WRONG_PHRASE
    assert verdict.decoys_taken == 1
    assert verdict.points == 60  # (4 right − 1 wrong card) of 5


def test_a_gate_step_out_of_place_is_a_breach_that_voids_the_case():
    """Posting before the count (先收款后记账 broken) scores 0, however much else was right."""
    verdict = judge_case(CASE, _do("greet", "ask", "post", "count", "announce"))
    assert _faults(verdict)["post"] is StepFault.OUT_OF_ORDER
    assert verdict.breach
    assert verdict.points == 0
    assert judge_case(CASE, _do("greet", "ask", "announce", "post")).breach  # count missing


def test_a_step_taken_twice_counts_where_it_was_first_taken():
    verdict = judge_case(CASE, _do("greet", "ask", "count", "announce", "post", "greet"))
    assert verdict.points == 100


@st.composite
def _performances(draw):
    ids = [s.id for s in CASE.steps]
    chosen = draw(st.lists(st.sampled_from(ids), unique=True))
    wrong = draw(st.booleans())
    decoys = draw(st.integers(0, 2))
    cut = draw(st.integers(0, len(chosen)))
    taken = _do(*chosen, wrong_words=wrong)
    return taken[:cut] + [Taken(None, CASE.decoys[0], None)] * decoys + taken[cut:]


@given(_performances())
@settings(max_examples=300, deadline=None)
def test_any_performance_is_judged_consistently(taken):
    verdict = judge_case(CASE, taken)
    assert 0 <= verdict.points <= 100
    took = {t.step_id for t in taken if t.step_id}
    assert verdict.count(StepFault.MISSING) == len(CASE.steps) - len(took)
    assert verdict.decoys_taken == sum(t.decoy is not None for t in taken)
    if verdict.breach:
        assert verdict.points == 0
    assert (verdict.points == 100) == (
        verdict.right == len(CASE.steps) and not verdict.decoys_taken
    )
    perfect = [t for t in taken if t.step_id] == _do(*[s.id for s in CASE.steps])
    assert (verdict.points == 100) == (perfect and not verdict.decoys_taken)


@given(st.lists(st.booleans(), min_size=len(CASE.steps), max_size=len(CASE.steps)))
def test_steps_left_out_of_the_standard_order_cost_their_share_or_the_case(keep):
    """In the standard order a step left out is the only fault: its share of 100, or
    the whole case when it is a compliance point."""
    kept = [s.id for s, k in zip(CASE.steps, keep, strict=True) if k]
    verdict = judge_case(CASE, _do(*kept))
    assert verdict.count(StepFault.OUT_OF_ORDER) == verdict.count(StepFault.WRONG_PHRASE) == 0
    gate_missing = any(s.gate and not k for s, k in zip(CASE.steps, keep, strict=True))
    expected = 0 if gate_missing else (200 * len(kept) + 5) // 10
    assert verdict.points == expected


# -- the run ---------------------------------------------------------------------------------
def _pack(lang: str = "en", mode: str = "practice"):
    return load_pack(DRILLS / f"counter-procedure-{mode}.{lang}.toml")


def _press(run, t_ms: int, key: str, text: str = "") -> None:
    run.feed(KeyEvent(t_ms * MS, key, text, True))
    run.feed(KeyEvent((t_ms + 40) * MS, key, text, False))


def _perform(run, t_ms: int, gap_ms: int = 3_000) -> int:
    """Take every step of the case shown in the standard order with the right words."""
    deal = run.deal
    for step in deal.case.steps:
        card = next(i for i, c in enumerate(deal.cards) if c.step_id == step.id)
        t_ms += gap_ms
        _press(run, t_ms, CARD_KEYS[card], CARD_KEYS[card])
        if step.id in deal.phrases:
            t_ms += gap_ms
            _press(run, t_ms, str(deal.phrases[step.id][1] + 1))
    t_ms += gap_ms
    _press(run, t_ms, ENTER)
    return t_ms


def test_space_calls_the_customer_and_starts_a_thinking_clock():
    run = start_run(_pack(), "practice", seed=4)
    _press(run, 1_000, "a", "a")  # no card is taken before the customer is called
    assert not run.clock.started
    assert not run.taken
    _press(run, 2_000, SPACE, " ")
    assert run.clock.started
    assert run.opened
    end = _perform(run, 2_000, gap_ms=9_000)  # 9 s of thinking per key: all of it counts
    assert run.state(None).active_ms == end - 2_000
    assert run.judgements[0].verdict.points == 100


def test_keys_that_do_nothing_are_not_strokes():
    run = start_run(_pack(), "practice", seed=4)
    _press(run, 1_000, SPACE, " ")
    strokes = run.strokes
    _press(run, 2_000, ENTER)  # nothing taken yet
    _press(run, 3_000, BACKSPACE)
    _press(run, 4_000, "z", "z")  # beyond the cards
    _press(run, 5_000, "1")  # no words to choose
    assert run.strokes == strokes
    deal = run.deal
    worded = next(i for i, c in enumerate(deal.cards) if c.step_id in deal.phrases)
    _press(run, 6_000, CARD_KEYS[worded], CARD_KEYS[worded])
    assert run.pending == worded
    _press(run, 7_000, CARD_KEYS[worded - 1 or 1])  # letters wait while words are due
    assert run.pending == worded
    assert not run.taken
    _press(run, 8_000, BACKSPACE)
    assert run.pending is None
    assert not run.taken
    _press(run, 9_000, CARD_KEYS[worded], CARD_KEYS[worded])
    _press(run, 10_000, "1")
    assert len(run.taken) == 1
    _press(run, 11_000, CARD_KEYS[worded], CARD_KEYS[worded])  # a card is taken once
    assert len(run.taken) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_six_transaction_types_each_once_in_a_seeded_order_and_replayed(lang):
    definition = _pack(lang, "test")
    run = start_run(definition, "test", seed=20261206)
    assert run.seed == 20261206  # each attempt its own form; this one, for the check
    t, seen = 1_000, []
    _press(run, t, SPACE, " ")
    while not run.finished:
        seen.append(run.deal.case.id)
        t = _perform(run, t)
    assert len(set(seen)) == len(seen) == 6
    result = run.result()
    assert result.valid
    assert result.accuracy == 1.0
    assert result.details.breaches == 0
    assert result.grade == definition.grades[-1].name
    assert replay(definition, "test", run.seed, run.events) == result
    again = start_run(definition, "test", seed=run.seed)  # the stored seed rebuilds the form
    assert [again.deals.item(i).cards for i in range(6)] == [
        run.judgements[i].deal.cards for i in range(6)
    ]


# -- packs -------------------------------------------------------------------------------------
GOOD = """\
format = 1
id = "proc.en"
type = "counter_procedure"
language = "en"
title = "Procedures"
instructions = "Practise basic skills to reduce the waiting time for customers."

[practice]
item_count = 1

[scoring]
reference_speed = 40

[[grades]]
name = "Starter"
min_accuracy = 0.5

[[items]]
id = "deposit"
title = "Deposit"
situation = "Cash in."
decoys = ["Post first"]

[[items.steps]]
id = "greet"
label = "Greet"

[[items.steps]]
id = "count"
label = "Count"
after = ["greet"]
phrase = "I make that £100."
wrong_phrases = ["Got it."]
gate = true
"""


def _problems(text: str) -> list[str]:
    definition, problems = check_pack_bytes("p.toml", text.encode())
    assert (definition is None) == bool(problems)
    return [str(p) for p in problems]


def test_a_good_pack_loads():
    assert _problems(GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('label = "Count"', 'lable = "Count"',
         "p.toml:30:1: unknown key 'lable' in [items[0].steps[1]] (did you mean 'label'?)"),
        ('after = ["greet"]', 'after = ["post"]',
         "p.toml:31:1: 'after' names 'post', which is not an earlier step of this case"),
        ('id = "count"', 'id = "greet"',
         "p.toml:29:1: step id 'greet' is already used by steps[0]"),
        ('wrong_phrases = ["Got it."]\n', "",
         "p.toml:32:1: a phrase needs 1–3 close but wrong_phrases"),
        ('decoys = ["Post first"]', 'decoys = ["Count"]',
         "p.toml:22:1: decoy 'Count' is also a step's label"),
        ("[[items]]\n", '[generator]\nx = 1\n\n[[items]]\n',
         "p.toml:18:2: counter procedure packs list their cases as [[items]]"),
        ('situation = "Cash in."\n', "",
         "p.toml:18:3: missing required key 'situation' in [items[0]]"),
    ],
)  # fmt: skip
def test_each_pack_problem_points_at_the_offending_key(old, new, expected):
    assert old in GOOD
    found = _problems(GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_every_shipped_case_has_gates_decoys_and_words():
    for lang in ("en", "zh"):
        cases = _pack(lang).content.cases
        assert len(cases) == 6
        for case in cases:
            assert case.decoys
            # a plain passbook update has no compliance point; every other case has
            assert any(s.gate for s in case.steps) == (case.id != "passbook_update"), case.id
            assert any(s.phrase for s in case.steps), case.id
    assert COUNTER_PROCEDURE.clock_rule.value == "thinking"
