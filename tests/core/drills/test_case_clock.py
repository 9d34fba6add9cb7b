"""Drawer balancing is timed as thinking: from the case shown, no idle pause, capped a
case; stored attempts scored by the first rules replay under the clock that timed them."""

from __future__ import annotations

from pathlib import Path

from drill_helpers import MS

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.drawer_balancing import (
    CASE_CAP_S,
    DRAWER_BALANCING,
    KIND_KEYS,
    REPORT_KEYS,
    DrawerBalancingRun,
)
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.keystrokes import CONTROL_SHOWN, ENTER, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
SEED = 8_675_309
S = 1_000 * MS


def _run(mode: Mode = Mode.TEST) -> DrawerBalancingRun:
    name = "test" if mode is Mode.TEST else "practice"
    definition = load_pack(DRILLS / f"drawer-balancing-{name}.en.toml")
    run = start_run(definition, mode, seed=SEED)
    assert isinstance(run, DrawerBalancingRun)
    return run


def _answer(run: DrawerBalancingRun, t_ns: int) -> int:
    """Key the right answer of the case on screen from ``t_ns``, 100 ms a key; returns
    the time of its Enter."""
    puzzle = run.puzzle
    assert puzzle is not None
    kind_key = next(k for k, v in KIND_KEYS.items() if v is puzzle.error.kind)
    keys = [*str(puzzle.error.row + 1), kind_key]
    if run.report_points:
        keys.append(next(k for k, v in REPORT_KEYS.items() if v is puzzle.case.over_short))
    keys.append(ENTER)
    for key in keys:
        run.feed(KeyEvent(t_ns, key, key if len(key) == 1 else "", True))
        run.feed(KeyEvent(t_ns + 50 * MS, key, "", False))
        t_ns += 100 * MS
    return t_ns - 100 * MS


def test_a_case_solved_after_a_minute_of_analysis_records_the_minute():
    run = _run()
    assert run.rules == scoring_rules.CURRENT
    assert run.show(0)
    enter = _answer(run, 60 * S)  # a minute of reading, then a few quick keys
    run.stop(enter + 1 * S)
    result = run.result()
    case = result.details.cases[0]
    assert case.ms == enter // MS  # under the typing clock it was 0:00–0:05
    assert result.active_ms == enter // MS
    assert result.rules == scoring_rules.CURRENT
    assert run.events[0] == KeyEvent(0, CONTROL_SHOWN)
    assert replay(run.definition, run.mode, run.seed, run.events) == result


def test_the_clock_runs_before_the_first_key_and_never_pauses_for_idleness():
    run = _run()
    run.show(0)
    state = run.tick(40 * S)
    assert state.started
    assert not state.paused
    assert state.active_ms == 40_000
    assert state.remaining_ms == 1_200_000 - 40_000


def test_one_case_earns_at_most_the_cap_and_the_next_starts_afresh():
    run = _run()
    run.show(0)
    assert run.state(CASE_CAP_S * S + 1).pause_reason == "case_cap"
    first = _answer(run, 20 * 60 * S)  # away from the counter for twenty minutes
    second = _answer(run, first + 90 * S)
    run.stop(second)
    cases = run.result().details.cases
    assert cases[0].ms == CASE_CAP_S * 1000
    assert cases[1].ms == (second - first) // MS
    assert run.result().active_ms == CASE_CAP_S * 1000 + (second - first) // MS


def test_a_stored_attempt_of_the_first_rules_rescores_to_its_stored_time():
    """The log of a run timed as typing (no <shown>, gaps over 5 s credited 5 s) must
    replay under the rules it records, and read as rules 1 when it records none."""
    old = _run(Mode.PRACTICE)  # practice pauses after 5 s idle under the typing clock
    old.use_rules(scoring_rules.FIRST)
    old.feed(KeyEvent(60 * S, "Down", "", True))  # the first key starts the typing clock
    enter = _answer(old, 80 * S)  # 20 s of thought between two keys: credited 5 s
    old.stop(enter + S)
    stored = old.result().to_dict()
    del stored["rules"]  # stored before the rules were versioned
    read_back = result_from_dict(stored)
    assert read_back.rules == scoring_rules.FIRST
    assert read_back.details.cases[0].ms == 5_000 + (enter - 80 * S) // MS
    rules = scoring_rules.rules_of(stored)
    assert replay(old.definition, old.mode, old.seed, old.events, rules=rules) == read_back
    # the same log under today's rules would credit the 20 s: hence the version
    today = replay(old.definition, old.mode, old.seed, old.events)
    assert today.details.cases[0].ms == (enter - 60 * S) // MS


def test_show_is_logged_only_where_the_clock_starts_there():
    run = _run()
    run.use_rules(scoring_rules.FIRST)
    assert not run.show(0)
    assert run.events == []
    assert not DRAWER_BALANCING.clock_for(scoring_rules.FIRST).from_shown
    assert DRAWER_BALANCING.clock_for(scoring_rules.CURRENT).from_shown
