"""A day field takes what a person types: digits alone or with separators, in the
locale's order, over today's date (a minimum date used to refuse "01" for January)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from svctrainer.gui.day_edit import DayEdit, typing_format

pytestmark = pytest.mark.gui


def type_day(qtbot, edit: DayEdit, day: QDate, separators: bool = True) -> None:
    """Click into the field and type ``day`` as its format shows it."""
    text = day.toString(edit.displayFormat())
    if not separators:
        text = "".join(c for c in text if c.isdigit())
    edit.setFocus()
    edit.setSelectedSection(edit.sectionAt(0))
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


@pytest.mark.parametrize("locale", ["C", "en_GB", "en_US", "zh_CN"])
@pytest.mark.parametrize("separators", [True, False])
def test_a_typed_day_is_taken(qtbot, locale, separators):
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        edit = DayEdit()
        qtbot.addWidget(edit)
        edit.show()
        wanted = QDate(QDate.currentDate().year() + 1, 1, 5)  # January: below this month
        type_day(qtbot, edit, wanted, separators)
        assert edit.date() == wanted
    finally:
        QLocale.setDefault(before)


def test_every_section_is_full_width():
    assert typing_format(QLocale("zh_CN")) == "yyyy/MM/dd"
    assert typing_format(QLocale("en_US")) == "MM/dd/yyyy"
    assert typing_format(QLocale("en_GB")) == "dd/MM/yyyy"
    assert typing_format(QLocale(QLocale.Language.C)) == "yyyy-MM-dd"
