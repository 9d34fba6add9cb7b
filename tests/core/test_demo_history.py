"""The demo's plan: reproducible, a baseline for every focus drill, skill that grows."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from svctrainer.core.demo_history import (
    BASELINE_TESTS,
    FOCUS_DRILLS,
    WEEKS,
    plan_history,
    plan_scenario_runs,
    practice_stop_ms,
)
from svctrainer.core.drills.completion import Completion, completion_of
from svctrainer.core.packs.definition import ErrorPolicy, Mode, RunSettings

TODAY = date(2026, 11, 23)
PEOPLE = [f"E{n}" for n in range(1, 9)]
PRACTICE = ["data-entry.en", "tenkey-amounts.en", "voucher.en"]
TESTS = ["tenkey-test.en", "data-entry-test.en", "voucher-test.en", "words-test.en"]
SCENARIOS = [f"s{n}.en" for n in range(8)]


def test_the_same_seed_gives_the_same_history():
    assert plan_history(PEOPLE, PRACTICE, TESTS, TODAY) == plan_history(
        PEOPLE, PRACTICE, TESTS, TODAY
    )
    assert plan_history(PEOPLE, PRACTICE, TESTS, TODAY, seed=1) != plan_history(
        PEOPLE, PRACTICE, TESTS, TODAY, seed=2
    )


def test_everyone_has_a_baseline_on_ten_key_and_each_focus_drill():
    plan = plan_history(PEOPLE, PRACTICE, TESTS, TODAY)
    tests = Counter((p.person_key, p.content_id) for p in plan if p.mode == "test")
    for person in PEOPLE:
        mine = {cid: n for (who, cid), n in tests.items() if who == person}
        assert mine["tenkey-test.en"] >= BASELINE_TESTS
        assert len(mine) == min(FOCUS_DRILLS, len(TESTS))  # ten-key and the others in turn
        assert all(n >= BASELINE_TESTS + 3 for n in mine.values()), mine  # a baseline, then a trend


def test_history_spans_six_months_and_ends_before_today():
    plan = plan_history(PEOPLE, PRACTICE, TESTS, TODAY)
    assert plan == sorted(plan, key=lambda p: p.started_at)
    assert plan[0].started_at.date() >= TODAY - timedelta(weeks=WEEKS)
    assert plan[-1].started_at.date() < TODAY
    assert {p.content_id for p in plan if p.mode == "practice"} == set(PRACTICE)


def test_practice_makes_people_faster():
    plan = plan_history(PEOPLE, PRACTICE, TESTS, TODAY)
    for person in PEOPLE:
        mine = [p.skill.stroke_ms for p in plan if p.person_key == person]
        first, last = sum(mine[:5]) / 5, sum(mine[-5:]) / 5
        assert last < first


def test_scenario_runs_go_round_every_scenario_and_judgement_grows():
    plan = plan_scenario_runs(PEOPLE, SCENARIOS, TODAY)
    assert plan == plan_scenario_runs(PEOPLE, SCENARIOS, TODAY)
    for person in PEOPLE:
        mine = [p for p in plan if p.person_key == person]
        assert {p.content_id for p in mine} == set(SCENARIOS)
        assert {p.mode for p in mine} == {"practice", "test"}
        early = sum(p.skill.best_choice_rate for p in mine[:4]) / 4
        late = sum(p.skill.best_choice_rate for p in mine[-4:]) / 4
        assert late > early
        assert mine[-1].skill.decision_ms < mine[0].skill.decision_ms


def test_no_scenarios_no_runs():
    assert plan_scenario_runs(PEOPLE, [], TODAY) == []


def _practice(time_limit_s, item_count):
    return RunSettings(
        time_limit_s=time_limit_s, item_count=item_count, error_policy=ErrorPolicy.CORRECT,
        seed=None, hints=True, pause=True, adaptive=False, idle_pause=True,
        complete_share=Decimal("0.5"),
    )  # fmt: skip


def test_practice_runs_mostly_go_past_the_complete_share_and_a_few_stop_early():
    timed = _practice(180, None)
    stops = [practice_stop_ms(timed, seed) for seed in range(2000)]
    # A run left to its time limit (None) ends complete; one stopped at ``ms`` is complete
    # exactly when the engine says so for that much of the time.
    kinds = Counter(
        Completion.COMPLETE if ms is None else completion_of(Mode.PRACTICE, timed, "stopped", ms, 0)
        for ms in stops
    )
    assert 0.04 * len(stops) <= kinds[Completion.INCOMPLETE] <= 0.12 * len(stops)
    assert all(ms is None or 1_000 <= ms < 180_000 for ms in stops)
    assert stops == [practice_stop_ms(timed, seed) for seed in range(2000)]  # reproducible
    counted = _practice(None, 20)
    item_stops = [practice_stop_ms(counted, seed) for seed in range(2000)]
    assert item_stops.count(None) >= 0.85 * len(item_stops)  # played to the last item
