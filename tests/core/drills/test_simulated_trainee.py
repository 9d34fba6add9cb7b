from pathlib import Path

import pytest

from svctrainer.core.drills.registry import replay
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"


@pytest.mark.parametrize("name", ["tenkey-amounts-practice.en.toml", "data-entry-test.zh.toml"])
def test_a_simulated_attempt_is_a_real_replayable_run(name):
    definition = load_pack(DRILLS / name)
    mode = next(iter(definition.modes))
    skill = Skill(stroke_ms=300, error_rate=0.05)
    run = simulate(definition, mode, skill, seed=4, behaviour_seed=11, max_active_ms=60_000)
    result = run.result()
    assert run.finished
    assert result.valid
    assert 0.85 < result.accuracy < 1.0
    assert replay(definition, mode, run.seed, run.events, run.options) == result


def test_skill_shows_in_the_figures():
    definition = load_pack(DRILLS / "tenkey-amounts-practice.en.toml")
    slow = simulate(definition, Mode.PRACTICE, Skill(stroke_ms=700, error_rate=0.08), seed=1,
                    behaviour_seed=2, max_active_ms=60_000).result()  # fmt: skip
    fast = simulate(definition, Mode.PRACTICE, Skill(stroke_ms=250, error_rate=0.01), seed=1,
                    behaviour_seed=2, max_active_ms=60_000).result()  # fmt: skip
    assert fast.speed > 2 * slow.speed
    assert fast.accuracy > slow.accuracy


def test_the_same_seeds_give_the_same_attempt():
    definition = load_pack(DRILLS / "tenkey-amounts-practice.en.toml")
    a = simulate(definition, Mode.PRACTICE, Skill(), seed=3, behaviour_seed=5, max_active_ms=20_000)
    b = simulate(definition, Mode.PRACTICE, Skill(), seed=3, behaviour_seed=5, max_active_ms=20_000)
    assert a.events == b.events
