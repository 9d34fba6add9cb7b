"""Charts are read, not explored: the wheel over one scrolls its page, and a percent
axis never grows an SI scale ("gain, % (x0.001)")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from svctrainer.core.analytics.dashboard import TeamSummary
from svctrainer.gui.charts.team_chart import BarChart
from svctrainer.gui.scenarios.debrief_charts import ServqualRadar

pytestmark = pytest.mark.gui


def _page_with(chart: QWidget) -> QScrollArea:
    body = QWidget()
    box = QVBoxLayout(body)
    box.addWidget(chart)
    box.addWidget(QLabel("text under the chart\n" * 60))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    area.resize(600, 400)
    return area


def _wheel(widget: QWidget, steps: int, modifiers=Qt.KeyboardModifier.NoModifier) -> QWheelEvent:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


@pytest.mark.parametrize("make", ["bars", "radar"])
def test_the_wheel_over_a_chart_scrolls_the_page(qtbot, make):
    chart = BarChart() if make == "bars" else ServqualRadar({"empathy": 3}, {"empathy": 5})
    if make == "bars":
        chart.set_bars("Gains", ["A", "B"], [3.0, 5.0], "gain, %", str)
    area = _page_with(chart)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0
    view = chart.plot.viewport()
    before = chart.plot.getPlotItem().getViewBox().viewRange()
    _wheel(view, 3)
    assert bar.value() > 0  # the page moved down
    down = bar.value()
    _wheel(view, -1)
    assert 0 <= bar.value() < down  # and back up
    _wheel(view, 2, Qt.KeyboardModifier.ControlModifier)
    assert chart.plot.getPlotItem().getViewBox().viewRange() == before  # never zoomed


def test_a_team_without_a_gain_keeps_a_plain_percent_axis(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.set_team_gains([TeamSummary("A", 3, 0, 0, None, None, None, None, 0, 0)], "gain, %")
    axis = chart.plot.getAxis("bottom")
    qtbot.waitUntil(lambda: axis.range != [0, 1])
    assert "gain, %" in axis.labelString()
    assert "(x" not in axis.labelString()
    chart.set_team_gains([TeamSummary("A", 3, 1, 1, 1.0, 1.0, 0.0005, 0.0005, 1, 0)], "gain, %")
    QApplication.processEvents()
    assert "(x" not in axis.labelString()


def test_a_chart_waiting_for_its_series_labels_no_1970_seconds(qtbot):
    """While My progress loads in the background its charts are empty, and pyqtgraph's
    date axis labelled that empty range "00.100 … 00.900": bare axes until data."""
    from svctrainer.core.analytics.progress import baseline_gain
    from svctrainer.core.analytics.series import Metric
    from svctrainer.gui.charts.progress_chart import ProgressChart
    from svctrainer.services.progress_records import MetricSeries

    chart = ProgressChart()
    qtbot.addWidget(chart)
    assert not any(chart.plot.getAxis(s).style["showValues"] for s in ("bottom", "left"))
    empty = MetricSeries(
        metric=Metric.SPEED, unit=None, points={}, excluded=(), rolling=(), trend=None,
        progress=baseline_gain([], Metric.SPEED), counted=0, shown=0,
    )  # fmt: skip
    chart.set_series(empty)
    assert all(chart.plot.getAxis(s).style["showValues"] for s in ("bottom", "left"))
