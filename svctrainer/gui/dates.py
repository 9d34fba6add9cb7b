"""Days and moments as the interface's locale writes them.

Stored times are UTC; a person reads them in the workstation's time zone, in the form
their locale uses (zh_CN: 2026/12/6, en_GB: 06/12/2026). ``QLocale()`` is the default set
by ``gui/language.py``; where nothing set one (the C locale of a bare container, whose
short format "6 12 2026" reads as neither day-first nor ISO) the day is written ISO.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale


def day_text(value: date) -> str:
    day = QDate(value.year, value.month, value.day)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return day.toString("yyyy-MM-dd")
    return locale.toString(day, QLocale.FormatType.ShortFormat)


def _local(moment: datetime) -> QDateTime:
    """A stored moment in the workstation's local time. Qt's local time follows the C
    library's zone (``TZ`` after ``tzset``) as ``QTimeZone.systemTimeZone()`` does, at
    under half its cost: a skill table formats 500 "last practice" moments a render."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def moment_text(moment: datetime) -> str:
    """A stored (UTC) moment as local date and time, to the minute."""
    when = _local(moment)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return when.toString("yyyy-MM-dd HH:mm")
    return locale.toString(when, QLocale.FormatType.ShortFormat)


def local_day(moment: datetime) -> date:
    """The workstation's calendar day of a stored moment."""
    day = _local(moment).date()
    return date(day.year(), day.month(), day.day())
