"""Every drill kind is one complete object in core — engine, typed details, unit, clock
rule, simulated player — and its name is spelt in one module of the package only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from drill_helpers import MS

from svctrainer.core.drills.active_clock import ActiveClock, ClockRule, DrillClock
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.details import Details
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.registry import KINDS, drill_kind, replay, start_run
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.packs.loader import load_pack

PACKAGE = Path(__file__).resolve().parents[3] / "svctrainer"
DRILLS = PACKAGE.parent / "drills"


def _packs(kind: DrillKind) -> list[Path]:
    return sorted(p for p in DRILLS.glob("*.toml") if load_pack(p).drill_type == kind.name)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_each_kind_is_complete(kind):
    assert drill_kind(kind.name) is kind
    assert issubclass(kind.run_type, DrillRun)
    assert issubclass(kind.details_type, Details)
    assert isinstance(kind.clock_rule, ClockRule)
    assert kind.speed_unit in kind.grade_figures
    assert (kind.adaptive_options([]) is None) or kind.supports_adaptive
    packs = _packs(kind)
    assert {load_pack(p).language for p in packs} == {"en", "zh"}
    for pack in packs:
        definition = load_pack(pack)
        mode = next(iter(definition.modes))
        run = start_run(definition, mode, seed=2)
        assert type(run) is kind.run_type
        assert run.drill_kind is kind
        played = simulate(definition, mode, Skill(stroke_ms=300), seed=2, behaviour_seed=3)
        result = played.result()
        assert played.finished
        assert result.drill_type == kind.name
        assert result.speed_unit == kind.unit_of(definition)
        assert isinstance(result.details, kind.details_type)
        assert replay(definition, mode, played.seed, played.events, played.options) == result


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_a_kinds_name_is_spelt_in_one_module_only(kind):
    """Adding a kind touches its own module; everything else refers to the object."""
    quoted = re.compile(rf"[\"']{re.escape(kind.name)}[\"']")
    spelt = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if quoted.search(path.read_text(encoding="utf-8"))
    )
    assert len(spelt) == 1, spelt
    assert spelt[0].startswith("svctrainer/core/drills/")


def test_the_thinking_clock_credits_every_gap_in_full():
    keying = ActiveClock(idle_pause=True, rule=ClockRule.KEYING)
    thinking = ActiveClock(idle_pause=True, rule=ClockRule.THINKING)
    for clock in (keying, thinking):
        clock.stroke(0)
        clock.stroke(60_000 * MS)  # a minute of reading before the next key
    assert keying.active_ns == 5_000 * MS
    assert thinking.active_ns == 60_000 * MS
    assert keying.idle_at(70_000 * MS)
    assert not thinking.idle_at(70_000 * MS)


def test_a_kinds_clock_rule_is_what_its_runs_measure(monkeypatch):
    definition = load_pack(_packs(drill_kind("drawer_balancing"))[0])
    kind = drill_kind(definition.drill_type)
    assert kind.clock_rule is ClockRule.THINKING  # finding the voucher is reasoning
    monkeypatch.setattr(type(kind), "clock_for", lambda self, rules: DrillClock(ClockRule.KEYING))
    run = start_run(definition, next(iter(definition.modes)), seed=1)
    run.clock.stroke(0)
    assert run.clock.active_at(60_000 * MS) < 60_000 * MS
