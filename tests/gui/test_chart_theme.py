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
