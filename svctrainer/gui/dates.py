"""Days and moments as the interface's locale writes them.

Stored times are UTC; a person reads them in the workstation's time zone, in the form
their locale uses (zh_CN: 2026/12/6, en_GB: 06/12/2026). ``QLocale()`` is the default set
by ``gui/language.py``; where nothing set one (the C locale of a bare container, whose
short format "6 12 2026" reads as neither day-first nor ISO) the day is written ISO.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone


def day_text(value: date) -> str:
    day = QDate(value.year, value.month, value.day)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.toString("yyyy-MM-dd")
    return locale.toString(day, QLocale.FormatType.ShortFormat)


def moment_text(moment: datetime) -> str:
    """A stored (UTC) moment as local date and time, to the minute."""
    when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return when.toString("yyyy-MM-dd HH:mm")
    return locale.toString(when, QLocale.FormatType.ShortFormat)


def local_day(moment: datetime) -> date:
    """The workstation's calendar day of a stored moment."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    day = local.date()
    return date(day.year(), day.month(), day.day())
