"""Charts and pages dropped are freed by their reference count, not by the garbage
collector: the window's collector (``gui/garbage.py``) freezes whatever lives a second,
and a frozen reference cycle waits for the window to be idle for 10 s, so a chart or a
page caught in one kept its widgets and its data (a skill's 500 rows) that long (the
dashboard bench's peak memory, issue 17)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.charts import pdf_report
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.pdf_layout import PageFrame, Paragraph

pytestmark = pytest.mark.gui


@contextmanager
def no_collector() -> Iterator[None]:
    """Only reference counting frees anything meanwhile. (No collection first: what
    earlier tests left cannot hold what a test makes inside, and a full collection of a
    parallel worker's heap late in a run cost about 0.4 s of CPU a test.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bars(chart: ChartFrame) -> None:
    from svctrainer.gui.charts.team_chart import BarChart

    assert isinstance(chart, BarChart)
    chart.set_bars("Gains", ["Team A", "Team B"], [12.0, None], "gain, %", lambda v: f"{v}")


def _series(chart: ChartFrame) -> None:
    from svctrainer.core.analytics.progress import baseline_gain
    from svctrainer.core.analytics.series import Metric
    from svctrainer.gui.charts.progress_chart import ProgressChart
    from svctrainer.services.progress_records import MetricSeries

    assert isinstance(chart, ProgressChart)
    chart.set_series(
        MetricSeries(
            metric=Metric.SPEED, unit=None, points={}, excluded=(), rolling=(), trend=None,
            progress=baseline_gain([], Metric.SPEED), counted=0, shown=0,
        )
    )  # fmt: skip


def _tiers(chart: ChartFrame) -> None:
    from svctrainer.gui.charts.scenario_charts import TierChart

    assert isinstance(chart, TierChart)
    chart.set_tiers([])


def _radar(chart: ChartFrame) -> None:
    from svctrainer.gui.charts.scenario_charts import RadarChart

    assert isinstance(chart, RadarChart)
    chart.set_radar(None)


def _lines(chart: ChartFrame) -> None:
    from svctrainer.gui.charts.what_if_chart import WhatIfChart

    assert isinstance(chart, WhatIfChart)
    chart.set_lines([], None)


def _chart(name: str) -> type[ChartFrame]:
    from svctrainer.gui.charts import progress_chart, scenario_charts, team_chart, what_if_chart

    modules = (progress_chart, scenario_charts, team_chart, what_if_chart)
    return next(getattr(m, name) for m in modules if hasattr(m, name))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("name", "draw"),
    [
        ("BarChart", _bars),
        ("ProgressChart", _series),
        ("TierChart", _tiers),
        ("RadarChart", _radar),
        ("WhatIfChart", _lines),
    ],
)
def test_a_chart_drawn_and_dropped_is_freed_at_once(
    qtbot, name: str, draw: Callable[[ChartFrame], None]
) -> None:
    with no_collector():
        chart = _chart(name)()
        draw(chart)  # remembered for a theme change: without holding the chart itself
        chart.resize(400, 300)
        chart.grab()
        destroyed: list[bool] = []
        chart.plot.destroyed.connect(lambda: destroyed.append(True))
        gone = weakref.ref(chart)
        del chart
        assert gone() is None
        assert destroyed == [True]  # the plot, its scene and menus with it


def test_a_chart_still_redraws_what_it_remembered_after_a_theme_change(qtbot) -> None:
    from svctrainer.gui.charts.team_chart import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    _bars(chart)
    chart.labels = []
    chart._stale = True
    chart._restyle()
    assert chart.labels == ["Team A", "Team B"]


def test_a_closed_dashboard_page_is_freed_with_its_rows_at_once(
    qtbot, window, sign_in, branch
) -> None:
    from svctrainer.gui.pages.dashboard_tab import DashboardTab

    sign_in(branch.supervisor)
    assert window.context is not None
    with no_collector():
        tab = DashboardTab(window.context)
        gone = weakref.ref(tab)
        model = weakref.ref(tab.model)
        tab.deleteLater()
        del tab
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert gone() is None
        assert model() is None


def test_a_report_drawn_at_once_deletes_each_chart_before_the_next(qtbot, tmp_path: Path) -> None:
    """``render`` (the command line, the benchmarks) runs no event loop, where the
    ``deleteLater`` of a recorded chart would be done: every chart of a branch report
    stayed until the end."""
    from svctrainer.gui.charts.team_chart import BarChart

    built: list[weakref.ref[QWidget]] = []
    alive_when_built: list[list[bool]] = []

    def build() -> QWidget:
        alive_when_built.append([ref() is not None for ref in built])
        chart = BarChart()
        built.append(weakref.ref(chart))
        return chart

    frame = PageFrame("Report", "Branch", "today")
    blocks: list[pdf_report.Part] = [
        pdf_report.Chart(build, fill=_bars),
        Paragraph("between"),
        pdf_report.Chart(build, fill=_bars),
        pdf_report.Chart(build, fill=_bars),
    ]
    document = pdf_report.Document("Report", frame, blocks)
    with no_collector():
        assert pdf_report.render(document, tmp_path / "report.pdf") >= 1
    assert alive_when_built == [[], [False], [False, False]]
    assert (tmp_path / "report.pdf").stat().st_size > 0
