"""The simulated players of the bank drills play real, replayable runs of every shipped
pack, make the drill's own kinds of mistake, and do better the more skilled they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from svctrainer.core.drills.registry import drill_kind, replay
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
BANK_TYPES = (
    "voucher_summing",
    "amount_words",
    "making_change",
    "cash_counting",
    "drawer_balancing",
)
BANK_PACKS = sorted(
    p.name
    for p in DRILLS.glob("*.toml")
    if p.name.startswith(
        (
            "voucher-summing",
            "amounts-in-words",
            "making-change",
            "cash-counting",
            "drawer-balancing",
        )
    )
)
NOVICE = Skill(stroke_ms=700, spread=0.3, error_rate=0.08, think_ms=1100)
EXPERT = Skill(stroke_ms=250, spread=0.3, error_rate=0.005, think_ms=400)


def test_every_bank_drill_has_a_player():
    assert all(drill_kind(name) is not None for name in BANK_TYPES)  # each kind plays
    # five drills × practice/test × en/zh, and amounts in words in sterling and in euros
    assert len(BANK_PACKS) == 22


@pytest.mark.parametrize("name", BANK_PACKS)
def test_each_pack_simulates_to_a_finished_valid_replayable_run(name):
    definition = load_pack(DRILLS / name)
    (mode,) = definition.modes  # each shipped pack is a practice pack or a test pack
    run = simulate(definition, mode, Skill(stroke_ms=320, error_rate=0.03), seed=11,
                   behaviour_seed=23)  # fmt: skip
    result = run.result()
    assert run.finished
    assert result.valid
    assert result.ended_by in ("items", "time_limit")
    assert replay(definition, mode, run.seed, run.events, run.options) == result


@pytest.mark.parametrize(
    "name",
    [
        "voucher-summing-test.en.toml",
        "amounts-in-words-practice.zh.toml",
        "amounts-in-words-test.en.toml",
        "making-change-test.en.toml",
        "cash-counting-practice.zh.toml",
        "drawer-balancing-test.en.toml",
    ],
)
def test_more_skill_gives_better_figures(name):
    definition = load_pack(DRILLS / name)
    (mode,) = definition.modes
    results = {}
    for label, skill in (("novice", NOVICE), ("expert", EXPERT)):
        scores, speeds, accuracies = [], [], []
        for behaviour in (1, 2, 3):
            r = simulate(definition, mode, skill, seed=7, behaviour_seed=behaviour).result()
            scores.append(r.score)
            speeds.append(r.speed)
            accuracies.append(r.accuracy)
        results[label] = (sum(scores), sum(speeds), sum(accuracies))
    novice, expert = results["novice"], results["expert"]
    assert expert[0] > novice[0]  # score
    assert expert[1] > novice[1]  # speed
    assert expert[2] >= novice[2]  # accuracy


def test_mistakes_are_of_the_drills_own_kinds():
    """A careless player shows the classified mistakes each result reports."""
    careless = Skill(stroke_ms=400, error_rate=0.1, think_ms=600)
    words = load_pack(DRILLS / "amounts-in-words-practice.zh.toml")
    details = simulate(words, Mode.PRACTICE, careless, seed=3, behaviour_seed=4).result().details
    details = details.to_dict()
    assert set(details["rule_mistakes"]) & {"missing_zheng", "wrong_ling", "lowercase_digit",
                                            "wrong_unit"}  # fmt: skip
    change = load_pack(DRILLS / "making-change-practice.en.toml")
    details = simulate(change, Mode.PRACTICE, careless, seed=3, behaviour_seed=4).result().details
    details = details.to_dict()
    assert sum(details["error_counts"].values()) > 0
    vouchers = load_pack(DRILLS / "voucher-summing-practice.en.toml")
    details = simulate(vouchers, Mode.PRACTICE, careless, seed=3, behaviour_seed=4).result().details
    details = details.to_dict()
    assert details["wrong_groups"]
    assert details["corrections"] > 0
    assert any(g["first_wrong"] for g in details["groups"])


def test_clicks_are_played_as_synthetic_events():
    """Some players click: the log holds piece:/flag:/kind:/row: events and replays."""
    keys: set[str] = set()
    for name in ("making-change-practice.en.toml", "cash-counting-test.en.toml",
                 "drawer-balancing-test.en.toml"):  # fmt: skip
        definition = load_pack(DRILLS / name)
        (mode,) = definition.modes
        run = simulate(definition, mode, Skill(), seed=2, behaviour_seed=5)
        keys |= {e.key.split(":")[0] for e in run.events if ":" in e.key}
    assert {"piece", "flag", "kind"} <= keys


def test_a_capped_practice_run_stops_and_replays():
    definition = load_pack(DRILLS / "voucher-summing-practice.en.toml")
    run = simulate(definition, Mode.PRACTICE, Skill(), seed=1, behaviour_seed=1,
                   max_active_ms=20_000)  # fmt: skip
    result = run.result()
    assert result.ended_by == "stopped"
    assert 20_000 <= result.active_ms < 25_000
    assert replay(definition, Mode.PRACTICE, run.seed, run.events) == result
