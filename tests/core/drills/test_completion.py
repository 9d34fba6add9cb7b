"""What a complete attempt is: a stopped test is incomplete and never graded; practice
counts once the pack's share of time or items is done; a run never ended is abandoned."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from svctrainer.core.drills.completion import Completion, completion_of
from svctrainer.core.drills.registry import replay
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.packs.definition import ErrorPolicy, Mode, RunSettings
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
TESTS = sorted(DRILLS.glob("*-test.en.toml"))


def settings(time_limit_s=None, item_count=None, share="0.5"):
    return RunSettings(
        time_limit_s, item_count, ErrorPolicy.CORRECT, None, True, True, False, True,
        Decimal(share),
    )  # fmt: skip


@pytest.mark.parametrize("pack", TESTS, ids=[p.stem for p in TESTS])
def test_a_test_stopped_after_a_few_seconds_is_incomplete_and_not_graded(pack):
    definition = load_pack(pack)
    run = simulate(
        definition, Mode.TEST, Skill(stroke_ms=120), seed=1, behaviour_seed=2, max_active_ms=2000
    )
    result = run.result()
    assert result.ended_by == "stopped"
    assert (result.completion, result.grade) == ("incomplete", None)
    again = replay(definition, Mode.TEST, run.seed, run.events, run.options)
    assert (again.completion, again.grade) == ("incomplete", None)


@pytest.mark.parametrize("pack", TESTS, ids=[p.stem for p in TESTS])
def test_a_test_played_to_its_end_is_complete(pack):
    definition = load_pack(pack)
    run = simulate(definition, Mode.TEST, Skill(stroke_ms=150), seed=1, behaviour_seed=2)
    assert run.result().completion == "complete"


def test_a_run_never_ended_is_abandoned_and_not_graded():
    definition = load_pack(DRILLS / "tenkey-amounts-test.en.toml")
    run = simulate(
        definition, Mode.TEST, Skill(stroke_ms=120), seed=1, behaviour_seed=2, max_active_ms=9000
    )
    unended = [e for e in run.events if e.key != "<stop>"]
    result = replay(definition, Mode.TEST, run.seed, unended, run.options)
    assert (result.ended_by, result.completion, result.grade) == (None, "abandoned", None)


def test_practice_counts_from_the_packs_share_of_time_or_items():
    timed = settings(time_limit_s=100)
    assert completion_of(Mode.PRACTICE, timed, "stopped", 49_999, 0) is Completion.INCOMPLETE
    assert completion_of(Mode.PRACTICE, timed, "stopped", 50_000, 0) is Completion.COMPLETE
    items = settings(item_count=20, share="0.75")
    assert completion_of(Mode.PRACTICE, items, "stopped", 999_999, 14) is Completion.INCOMPLETE
    assert completion_of(Mode.PRACTICE, items, "stopped", 0, 15) is Completion.COMPLETE
    both = settings(time_limit_s=100, item_count=20)
    assert completion_of(Mode.PRACTICE, both, "stopped", 10_000, 10) is Completion.COMPLETE
    assert completion_of(Mode.TEST, both, "stopped", 99_000, 19) is Completion.INCOMPLETE
    for end in ("items", "time_limit"):
        assert completion_of(Mode.TEST, both, end, 1, 0) is Completion.COMPLETE
    assert completion_of(Mode.PRACTICE, both, None, 99_000, 19) is Completion.ABANDONED


def test_a_pack_sets_its_practice_share_and_a_wrong_one_is_located():
    text = (DRILLS / "tenkey-amounts-practice.en.toml").read_text(encoding="utf-8")
    text = text.replace("[practice]\n", "[practice]\ncomplete_share = 0.8\n", 1)
    definition, problems = check_pack_bytes("p.toml", text.encode())
    assert problems == []
    assert definition is not None
    assert definition.settings(Mode.PRACTICE).complete_share == Decimal("0.8")
    bad = text.replace("complete_share = 0.8", "complete_share = 1.5")
    definition, problems = check_pack_bytes("p.toml", bad.encode())
    assert definition is None
    assert any("complete_share" in str(p) for p in problems)
