"""The drill packs shipped in drills/ load cleanly and run in the modes they offer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from svctrainer.core.drills.registry import start_run
from svctrainer.core.keystrokes import ENTER, IME, TAB, KeyEvent
from svctrainer.core.packs.definition import Form, Mode
from svctrainer.core.packs.loader import check_pack_file

DRILLS = Path(__file__).resolve().parents[3] / "drills"
EXPECTED = [
    f"{drill}-{mode}.{lang}.toml"
    for drill in ("tenkey-amounts", "data-entry")
    for mode in ("practice", "test")
    for lang in ("en", "zh")
]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("name", EXPECTED)
def test_shipped_pack_is_valid_and_runs(name):
    definition, problems = check_pack_file(DRILLS / name)
    assert problems == []
    assert definition is not None
    assert definition.id == name.removesuffix(".toml")
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    assert list(definition.modes) == [mode]
    settings = definition.settings(mode)
    if mode is Mode.TEST:
        assert (settings.form, settings.seed) == (Form.FRESH, None)  # a new form per attempt
        assert settings.time_limit_s is not None
        assert (settings.pause, settings.adaptive, settings.hints) == (False, False, False)
    lang = name.split(".")[-2]
    assert definition.language == lang
    chinese = bool(HAN.search(definition.instructions + definition.title))
    assert chinese == (lang == "zh")
    assert (
        "reduce the waiting time for customers" in definition.instructions
        or "减少客户等待时间" in definition.instructions
    )
    assert len(definition.grades) >= 3

    # type every item perfectly for a while: the run works and grades
    run = start_run(definition, mode, seed=1)
    t = 1_000_000_000
    for _ in range(3):
        for field in run.current_item.fields:
            if HAN.search(field.expected):
                run.feed(KeyEvent(t, IME, field.expected))
                t += 900_000_000
            else:
                for ch in field.expected:
                    run.feed(KeyEvent(t, ch, ch))
                    t += 180_000_000
            run.feed(KeyEvent(t, ENTER if definition.drill_type == "tenkey" else TAB))
            t += 180_000_000
    result = run.result()
    assert result.valid
    assert result.accuracy == 1.0
    assert result.details.to_dict()["items_done"] == 3


def test_every_shipped_pack_is_valid_and_each_drill_has_both_modes_in_both_languages():
    """Issue 4: the English and Chinese packs hold a practice and a test definition for
    every drill type."""
    from svctrainer.core.drills.registry import drill_kind_names

    offered: set[tuple[str, str, Mode]] = set()
    for path in sorted(DRILLS.glob("*.toml")):
        definition, problems = check_pack_file(path)
        assert problems == [], path.name
        assert definition is not None
        assert definition.id == path.name.removesuffix(".toml")
        for mode in definition.modes:
            offered.add((definition.drill_type, definition.language, mode))
    for kind in drill_kind_names():
        for lang in ("en", "zh"):
            for mode in (Mode.PRACTICE, Mode.TEST):
                assert (kind, lang, mode) in offered, (kind, lang, mode)


def test_english_and_chinese_tests_draw_the_same_amounts_from_the_same_seed():
    en, _ = check_pack_file(DRILLS / "tenkey-amounts-test.en.toml")
    zh, _ = check_pack_file(DRILLS / "tenkey-amounts-test.zh.toml")
    assert en is not None
    assert zh is not None
    a, b = start_run(en, Mode.TEST, seed=2025), start_run(zh, Mode.TEST, seed=2025)
    assert [a.item_at(i) for i in range(50)] == [b.item_at(i) for i in range(50)]


def test_every_test_attempt_draws_its_own_form():
    en, _ = check_pack_file(DRILLS / "tenkey-amounts-test.en.toml")
    assert en is not None
    runs = [start_run(en, Mode.TEST) for _ in range(5)]
    assert len({run.seed for run in runs}) == 5
    assert len({tuple(run.item_at(i) for i in range(10)) for run in runs}) == 5
