"""Titles, days and plurals as a person reads them, in English and in Chinese."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QLocale

from svctrainer.gui.dates import day_text, local_day, moment_text
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


@pytest.fixture
def chinese_catalogue(qapp):
    from PySide6.QtCore import QTranslator

    from svctrainer.gui.language import catalogue_dir

    translator = QTranslator()
    assert translator.load("svctrainer_zh_CN", catalogue_dir())
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_every_worded_service_error_reads_in_chinese(chinese_catalogue):
    """A service error with a code the GUI words never reaches a Chinese screen in the
    service's English: each code's sentence comes from the catalogue."""
    import re
    from datetime import UTC, datetime
    from pathlib import Path

    from svctrainer.gui.messages import describe
    from svctrainer.services import errors

    cases = [
        errors.PermissionDeniedError(),
        errors.NotFoundError("no person 42"),
        errors.InactiveProfileError(),
        errors.WrongPinError(2),
        errors.ProfileLockedError(datetime(2026, 12, 6, 9, 30, tzinfo=UTC)),
        errors.AmbiguousEmployeeNumberError("T1", ["Riverside", "Harbour"]),
        errors.RetakeLimitError(2, 7, datetime(2026, 12, 9, 17, 5, tzinfo=UTC)),
        errors.DatabaseBusyError("database is locked"),
        errors.DatabaseReadOnlyError("attempt to write a readonly database"),
        errors.StorageFullError("database or disk is full"),
        errors.DatabaseCorruptError("malformed", Path("/data/svctrainer.sqlite3")),
        errors.NotADatabaseError("file is not a database"),
        errors.DatabaseTooNewError("revision 0009 is newer"),
        errors.SchemaMismatchError("table attempt lacks a column"),
        errors.DatabaseUnavailableError("connection refused"),
    ]
    for exc in cases:
        text = describe(exc)
        assert re.search(r"[\u4e00-\u9fff]", text), (exc.code, text)
        english = re.sub(r"/\S+|svctrainer|T1|Riverside|Harbour", "", text)
        assert not re.search(r"[A-Za-z]{4,}", english), (exc.code, text)


def test_the_retake_limit_names_the_count_the_window_and_the_next_try(chinese_catalogue):
    from datetime import UTC, datetime

    from svctrainer.gui.messages import describe
    from svctrainer.services.errors import RetakeLimitError

    text = describe(RetakeLimitError(3, 7, datetime(2026, 12, 9, 17, 5, tzinfo=UTC)))
    assert "7 天内" in text
    assert "3 次" in text
    assert "补考次数" in text
    assert "%" not in text  # every marker filled


def test_a_stored_moment_reads_in_the_workstations_zone_as_it_is_now(qapp, locale_of, zone):
    """UTC moments shown in local time, summer time included, and a zone set while the
    program runs (``TZ`` and ``tzset``) is the one used: nothing keeps an old zone."""
    locale_of("en_GB")
    moment = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)
    zone("Asia/Shanghai")
    assert moment_text(moment) == "07/12/2026 02:30"
    assert local_day(moment) == date(2026, 12, 7)
    zone("Europe/London")
    assert moment_text(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == "02/07/2026 00:30"
    assert local_day(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == date(2026, 7, 2)
    assert moment_text(moment) == "06/12/2026 18:30"
