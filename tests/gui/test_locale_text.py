"""Titles, days and plurals as a person reads them, in English and in Chinese."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale

from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.figures import title_with_mode


@pytest.fixture
def locale_of():
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("title", "mode", "shown"),
    [
        ("Ten-key amounts — practice", "practice", "Ten-key amounts — practice"),
        ("传票算 — 比赛测试", "test", "传票算 — 比赛测试"),
        ("大写金额 — 练习（双向）", "practice", "大写金额 — 练习（双向）"),
        ("Angry customer at the counter", "test", "Angry customer at the counter — Test"),
    ],
)
def test_a_title_names_its_mode_once(qapp, title, mode, shown):
    assert title_with_mode(title, mode) == shown


def test_days_follow_the_locale_and_never_read_day_month_year_digits(qapp, locale_of):
    day = date(2026, 12, 6)
    locale_of("zh_CN")
    assert day_text(day) == "2026/12/6"
    locale_of("en_GB")
    assert day_text(day) == "06/12/2026"
    QLocale.setDefault(QLocale.c())
    assert day_text(day) == "2026-12-06"  # the C locale's own form was "6 12 2026"
