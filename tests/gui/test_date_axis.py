"""A chart's time axis in the interface's language: 8月 and 2026年 on a Chinese screen,
Aug and 2026 on an English one, at spans of days, months and years."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, QTranslator

from svctrainer.gui.language import catalogue_dir

pytestmark = pytest.mark.gui


@pytest.fixture
def language(qapp):
    """Switch the interface language as the app does: locale and catalogue."""
    before = QLocale()
    installed: list[QTranslator] = []

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))
        if name == "zh_CN":
            translator = QTranslator()
            assert translator.load("svctrainer_zh_CN", catalogue_dir())
            qapp.installTranslator(translator)
            installed.append(translator)

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def _seconds(*day: int) -> float:
    return datetime(*day, 12, tzinfo=UTC).timestamp()


def ticks(qtbot, first: tuple[int, int, int], last: tuple[int, int, int]) -> list[str]:
    """Every tick label of a 600 px wide date plot showing ``first`` to ``last``."""
    from svctrainer.gui.charts.plot_widget import new_plot

    plot = new_plot(dates=True)
    qtbot.addWidget(plot)
    plot.resize(600, 200)
    axis = plot.getAxis("bottom")
    axis.fontMetrics = plot.fontMetrics()  # pyqtgraph sets it when it draws
    low, high = _seconds(*first), _seconds(*last)
    labels: list[str] = []
    for spacing, values in axis.tickValues(low, high, 600):
        labels += axis.tickStrings(values, 1.0, spacing)
    return labels


def test_months_and_days_in_chinese(qtbot, language):
    language("zh_CN")
    labels = ticks(qtbot, (2026, 7, 20), (2026, 9, 20))
    assert "8月" in labels
    assert "9月" in labels
    assert any(label.endswith("日") for label in labels)
    assert not any(name in label for label in labels for name in ("Aug", "Sep"))


def test_years_and_months_in_chinese(qtbot, language):
    language("zh_CN")
    labels = ticks(qtbot, (2025, 3, 1), (2027, 3, 1))
    assert "2026年" in labels
    assert all(label.endswith(("年", "月")) for label in labels), labels


def test_days_in_chinese(qtbot, language):
    language("zh_CN")
    # a few days: under no month tick, the day of the month
    assert ticks(qtbot, (2026, 8, 2), (2026, 8, 5)) == ["3日", "4日", "5日"]
    # a day among hours: month and day, the hours as digits
    labels = ticks(qtbot, (2026, 8, 2), (2026, 8, 3))
    assert "8月3日" in labels, labels
    assert all(label == "8月3日" or label[-3:] == ":00" for label in labels), labels


def test_english_stays_as_pyqtgraph_wrote_it(qtbot, language):
    language("en_GB")
    assert {"Aug", "Sep"} <= set(ticks(qtbot, (2026, 7, 20), (2026, 9, 20)))
    years = ticks(qtbot, (2025, 3, 1), (2027, 3, 1))
    assert "2026" in years
    assert not any("年" in label for label in years)
    assert "Mon 03" in ticks(qtbot, (2026, 8, 2), (2026, 8, 3))


def _drawn_labels(qtbot, chart_plot, first, last) -> list[str]:
    """The tick labels pyqtgraph draws (not only formats) on a plot's date axis."""
    from PySide6.QtGui import QImage, QPainter

    plot = chart_plot
    plot.resize(900, 260)
    plot.show()
    qtbot.waitExposed(plot)
    plot.setXRange(_seconds(*first), _seconds(*last), padding=0)
    axis = plot.getAxis("bottom")
    axis.setStyle(showValues=True)
    qtbot.wait(50)  # the axis takes the height of its labels in the next layout pass
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(plot.font())  # as the plot's view paints it
    try:
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


@pytest.mark.parametrize(("name", "month"), [("zh_CN", "9月"), ("en_GB", "Sep")])
def test_a_progress_chart_draws_its_month_labels(qtbot, language, name, month):
    """Chinese month labels are taller than a line of the Latin font (19 px in 15), and
    pyqtgraph drops a label its axis cannot hold whole: My progress lost every month."""
    from PySide6.QtWidgets import QApplication

    from svctrainer.gui.charts.progress_chart import ProgressChart

    language(name)
    from svctrainer.gui.settings import GuiSettings
    from svctrainer.gui.theme import apply_appearance

    before = QApplication.font()
    apply_appearance(QApplication.instance(), GuiSettings())  # the app's style and text size
    try:
        chart = ProgressChart()
        qtbot.addWidget(chart)
        labels = _drawn_labels(qtbot, chart.plot, (2026, 7, 20), (2026, 11, 20))
    finally:
        QApplication.setFont(before)
    assert month in labels, labels


@pytest.mark.parametrize("name", ["zh_CN", "en_GB"])
def test_labels_written_from_the_date_read_as_from_the_moment(qtbot, language, name):
    """Day, month and year labels are written from the date alone (a hundred times
    quicker than from a date and time, issue 17): the same text, every format, the whole
    year round, in both languages; a format with a time in it still gets the time."""
    from datetime import timedelta

    from PySide6.QtCore import QDate, QDateTime, QTime

    from svctrainer.gui.charts.plot_widget import SteadyDateAxis, tick_locale

    language(name)
    axis = SteadyDateAxis(orientation="bottom")
    formats = axis._tick_formats()
    for offset in range(0, 366 * 2, 3):
        moment = datetime(2025, 1, 1, 23, 59, 30) + timedelta(days=offset, hours=offset % 24)
        when = QDateTime(
            QDate(moment.year, moment.month, moment.day),
            QTime(moment.hour, moment.minute, moment.second),
        )
        for strftime_format, qt_format in formats.items():
            assert axis._label(moment, strftime_format) == tick_locale().toString(when, qt_format)
    axis._formats = {"%d": "d HH:mm"}  # a catalogue putting the time in a day's label
    assert axis._label(datetime(2026, 8, 3, 14, 5), "%d") == "3 14:05"


def test_ticks_sit_where_pyqtgraph_puts_them_in_each_time_zone(qtbot, zone):
    """The date axis remembers where each tick goes in local time (issue 17: two date
    axes a chart page, the same months): the same tick values and labels as
    pyqtgraph's own date axis, across summer-time changes, in one zone and then in
    another (a remembered tick of the first zone would sit an hour or six off)."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import new_plot

    spans = [((2025, 1, 1), (2026, 12, 1)), ((2026, 3, 1), (2026, 4, 20)),
             ((2026, 10, 20), (2026, 11, 5)), ((2020, 1, 1), (2026, 12, 1))]  # fmt: skip
    for name in ("Europe/Berlin", "America/New_York", "Asia/Shanghai", "Europe/Berlin"):
        zone(name)
        ours = new_plot(dates=True).getAxis("bottom")
        theirs = pg.DateAxisItem(orientation="bottom")
        for axis in (ours, theirs):
            axis.fontMetrics = new_plot().fontMetrics()
        for first, last in spans:
            for _twice in range(2):  # the second time from what the first remembered
                low, high = _seconds(*first), _seconds(*last)
                mine = ours.tickValues(low, high, 600)
                stock = theirs.tickValues(low, high, 600)
                assert [(s, list(v)) for s, v in mine] == [(s, list(v)) for s, v in stock]
                for spacing, values in mine:
                    assert ours.tickStrings(values, 1.0, spacing) == theirs.tickStrings(
                        values, 1.0, spacing
                    )
