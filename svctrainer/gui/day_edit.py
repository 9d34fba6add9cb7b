"""A calendar day a person can type as well as pick: ``DayEdit``.

Qt's ``QDateEdit`` with the locale's short format refuses typed digits in three ways: a
one-digit section ("yyyy/M/d" in zh_CN, "d MM yyyy" in the C locale) takes "1" and then
jumps on before the "5" of the 15th; a two-digit year ("M/d/yy") hides the century; and
a minimum date rejects every partial value below it, so "15/01/2027" typed over
"06/12/2026" stops at the month ("01/12/2026" is before the minimum). ``DayEdit``
writes the day in the locale's order with every section at full width (2027/01/15,
15/01/2027; ISO where the locale has no format of its own) and has no minimum: the
caller checks the range when the form is saved (the assignment service refuses a due
date in the past, with a message), which is what a person expects of a typed field.

A full section moves the cursor on by itself; the separator a person then types anyway
("15/01/2027") is taken as already done instead of skipping the month.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

ISO = "yyyy-MM-dd"


def typing_format(locale: QLocale) -> str:
    """The locale's short date format with full-width sections (``d`` → ``dd``, ``M`` →
    ``MM``, ``yy`` → ``yyyy``); ISO for the C locale or a format with names in it."""
    if locale.language() == QLocale.Language.C:
        return ISO
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if re.search(r"ddd|MMM", short) or not {"d", "M", "y"} <= set(short):
        return ISO
    widths = {"d": "dd", "M": "MM", "y": "yyyy"}
    return re.sub(r"d+|M+|y+", lambda m: widths[m.group()[0]], short)


class DayEdit(QDateEdit):
    """A day field in the interface's locale that takes typed digits (module docstring)."""

    def __init__(self, day: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(typing_format(QLocale()))
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setDate(day if day is not None else QDate.currentDate())
        self._advanced = False  # the last digit filled a section and moved the cursor on

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if self._advanced and len(text) == 1 and not text.isalnum() and not text.isspace():
            self._advanced = False
            event.accept()  # the cursor is already past this separator
            return
        section = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSectionIndex() != section
