"""Every attempt draws its own form (seed); a pack may pin one on purpose (form = "fixed")."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import typed_perfectly

from svctrainer.core.drills.registry import replay, run_seed, start_run
from svctrainer.core.packs.definition import Form, Mode
from svctrainer.core.packs.loader import check_pack_bytes, check_pack_file

DRILLS = Path(__file__).resolve().parents[3] / "drills"
PRACTICE = DRILLS / "tenkey-amounts-practice.en.toml"


def _pack(path: Path, extra: str = ""):
    text = path.read_text(encoding="utf-8")
    if extra:
        text = text.replace("[practice]\n", "[practice]\n" + extra, 1)
    definition, problems = check_pack_bytes(path.name, text.encode())
    assert definition is not None, problems
    return definition, problems


def _amounts(run, n=8):
    return tuple(run.item_at(i) for i in range(n))


def test_each_practice_and_test_attempt_draws_a_new_seed():
    for name, mode in (
        ("tenkey-amounts-practice.en.toml", Mode.PRACTICE),
        ("tenkey-amounts-test.en.toml", Mode.TEST),
    ):
        definition, _ = check_pack_file(DRILLS / name)
        assert definition is not None
        assert definition.settings(mode).form is Form.FRESH
        seeds = {run_seed(definition, mode) for _ in range(20)}
        assert len(seeds) == 20


def test_a_seed_rebuilds_its_form_and_replays_exactly():
    definition, _ = _pack(PRACTICE)
    run = start_run(definition, Mode.PRACTICE)
    again = start_run(definition, Mode.PRACTICE, seed=run.seed)
    assert _amounts(run) == _amounts(again)
    events = typed_perfectly(definition, Mode.PRACTICE, seed=run.seed, items=3)
    first = replay(definition, Mode.PRACTICE, run.seed, events)
    assert first.seed == run.seed
    assert replay(definition, Mode.PRACTICE, run.seed, events).to_dict() == first.to_dict()
    assert first.accuracy == 1.0


def test_restart_is_a_new_attempt_on_a_new_form():
    definition, _ = _pack(PRACTICE)
    run = start_run(definition, Mode.PRACTICE, seed=11)
    before = _amounts(run)
    assert run.restart()
    assert run.seed != 11
    assert _amounts(run) != before
    assert run.restart(seed=11)
    assert _amounts(run) == before


def test_a_fixed_form_pins_the_seed_for_every_attempt_and_restart():
    definition, problems = _pack(PRACTICE, 'form = "fixed"\nseed = 42\n')
    assert problems == []
    settings = definition.settings(Mode.PRACTICE)
    assert (settings.form, settings.seed) == (Form.FIXED, 42)
    runs = [start_run(definition, Mode.PRACTICE) for _ in range(3)]
    assert {r.seed for r in runs} == {42}
    assert runs[0].restart(seed=7)
    assert runs[0].seed == 42


def test_a_seed_without_a_fixed_form_is_a_warning_and_has_no_effect():
    definition, problems = _pack(PRACTICE, "seed = 42\n")
    assert [p.severity.value for p in problems] == ["warning"]
    assert 'unless form = "fixed"' in str(problems[0])
    assert definition.settings(Mode.PRACTICE).seed is None
    assert len({start_run(definition, Mode.PRACTICE).seed for _ in range(5)}) == 5


# -- ten-key forms: the same mix of amount lengths on every form -------------------------------
TENKEY_TEST = DRILLS / "tenkey-amounts-test.en.toml"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**63 - 1))
def test_every_ten_key_form_has_each_length_once_a_round(seed):
    definition, _ = check_pack_file(TENKEY_TEST)
    run = start_run(definition, Mode.TEST, seed=seed)
    lengths = [
        len(run.item_at(i).fields[0].expected.split(".")[0]) for i in range(60)
    ]  # integer digits of the first ten rounds of six
    for start in range(0, 60, 6):
        assert sorted(lengths[start : start + 6]) == [1, 2, 3, 4, 5, 6]


def test_a_pack_without_length_mix_draws_the_amounts_it_always_drew():
    """Each length drawn alone, as before the option: the amounts of seed 11, pinned."""
    import hashlib

    text = PRACTICE.read_text(encoding="utf-8").replace('length_mix = "even"\n', "")
    definition, problems = check_pack_bytes("t.toml", text.encode())
    assert problems == []
    run = start_run(definition, Mode.PRACTICE, seed=11)
    listed = repr([run.item_at(i) for i in range(60)]).encode()
    assert hashlib.sha256(listed).hexdigest()[:16] == "bc550a133b5977b0"
