"""A chart on screen follows a theme change at once, with its data redrawn."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from svctrainer.gui.charts.team_chart import BarChart
from svctrainer.gui.theme import dark_palette, light_palette

pytestmark = pytest.mark.gui


def test_switching_to_dark_restyles_and_redraws_a_chart(qtbot):
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(light_palette())
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.show()  # on screen: restyled at once (a hidden chart waits until it is shown)
    qtbot.waitExposed(chart)
    chart.set_bars("Gains", ["Team A", "Team B"], [12.0, None], "gain, %", lambda v: f"{v}")
    light_background = chart.plot.backgroundBrush().color().name()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: chart.plot.backgroundBrush().color().name() != light_background)
        assert chart.plot.backgroundBrush().color() == dark_palette().color(
            dark_palette().ColorRole.Base
        )
        assert chart.colours.text == dark_palette().color(dark_palette().ColorRole.Text)
        assert chart.labels == ["Team A", "Team B"]  # the bars were drawn again
        assert chart.title.text() == "Gains"
    finally:
        app.setPalette(before)


def test_a_hidden_chart_restyles_when_it_is_shown(qtbot):
    """Restyling every chart of every built page at once froze the window on a theme
    switch: a hidden chart keeps its colours until it is shown, then has the new ones
    before it paints."""
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(light_palette())
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars("Gains", ["Team A", "Team B"], [12.0, None], "gain, %", lambda v: f"{v}")
    light_background = chart.plot.backgroundBrush().color()
    try:
        app.setPalette(dark_palette())
        qtbot.wait(20)
        assert chart.plot.backgroundBrush().color() == light_background
        chart.show()
        assert chart.plot.backgroundBrush().color() == dark_palette().color(
            dark_palette().ColorRole.Base
        )
        assert chart.labels == ["Team A", "Team B"]
    finally:
        app.setPalette(before)
