"""Scenario progress: the service tier of each run over time, and the SERVQUAL radar of
the first run against the latest.

Tiers are the seeds' three levels of high-quality service plus "not met": satisfaction
(reasonable needs met, no new annoyance), comfort (negative feelings eased, a word of
praise), delight (needs met the customer had not yet thought of).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QWidget

from svctrainer.core.analytics.scenario_progress import Radar, TierPoint
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.progress_chart import local_time_text
from svctrainer.gui.charts.style import chart_colours, style_plot
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.scenarios.wording import dimension_name


def tier_name(code: str) -> str:
    return {
        "not_met": translate("charts", "Not met"),
        "satisfaction": translate("charts", "Satisfaction"),
        "comfort": translate("charts", "Comfort"),
        "delight": translate("charts", "Delight"),
    }.get(code, code)


TIER_CODES = ("not_met", "satisfaction", "comfort", "delight")


class TierChart(ChartFrame):
    """Each run's tier (0 not met … 3 delight) as a step line through the runs."""

    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__(translate("charts", "Service tier reached, run by run"), parent)
        from svctrainer.gui.charts.plot_widget import new_plot  # noqa: PLC0415 - charts only

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        self.plot = new_plot(dates=True)
        self.plot.setObjectName("tierPlot")
        style_plot(self.plot, self.colours)
        self.plot.setMinimumHeight(200)
        self.plot.getAxis("left").setTicks([[(i, tier_name(c)) for i, c in enumerate(TIER_CODES)]])
        self.plot.setYRange(-0.3, 3.3, padding=0)
        self.plot.showGrid(x=False, y=True, alpha=0.2)
        self.body.addWidget(self.plot)

    def set_tiers(self, tiers: Sequence[TierPoint]) -> None:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_tiers(tiers))
        self.plot.clear()
        c = self.colours
        if not tiers:
            self.legend.setText(translate("charts", "No scenario runs in this period."))
            return
        xs = [t.at.timestamp() for t in tiers]
        ys = [t.tier for t in tiers]
        self.plot.plot(xs, ys, pen=pg.mkPen(c.practice, width=2), stepMode=None)
        spots = pg.ScatterPlotItem(
            x=xs, y=ys, symbol="o", size=9, brush=pg.mkBrush(c.practice),
            pen=pg.mkPen(c.background), hoverable=True,
            tip=lambda x, y, data: f"{local_time_text(data.at)}\n{tier_name(data.code)}",
            data=list(tiers),
        )  # fmt: skip
        self.plot.addItem(spots)
        best = max(ys)
        first_best = ys.index(best)  # the star marks when the best tier was first reached
        self.plot.addItem(
            pg.ScatterPlotItem(
                x=[xs[first_best]], y=[best], symbol="star", size=18,
                brush=pg.mkBrush(c.latest), pen=pg.mkPen(c.background),
            )
        )  # fmt: skip
        if len(xs) == 1:
            self.plot.setXRange(xs[0] - 86400, xs[0] + 86400)
        self.set_legend(
            [
                (c.practice, "●", translate("charts", "One run")),
                (
                    c.latest,
                    "★",
                    fill(translate("charts", "Best tier: %1"), tier_name(TIER_CODES[best])),
                ),
            ]
        )


class RadarChart(ChartFrame):
    """SERVQUAL points per dimension: the first run (dashed) and the latest (filled)."""

    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__(translate("charts", "SERVQUAL: first run and latest run"), parent)
        from svctrainer.gui.charts.plot_widget import new_plot  # noqa: PLC0415 - charts only

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        self.plot = new_plot()
        self.plot.setObjectName("radarPlot")
        style_plot(self.plot, self.colours)
        self.plot.hideAxis("bottom")
        self.plot.hideAxis("left")
        self.plot.setAspectLocked(True)
        self.plot.setMinimumHeight(260)
        self.body.addWidget(self.plot)

    def set_radar(self, radar: Radar | None) -> None:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_radar(radar))
        self.plot.clear()
        c = self.colours
        if radar is None:
            self.legend.setText(translate("charts", "No scenario runs in this period."))
            return
        n = len(radar.dimensions)
        # SERVQUAL points can be negative (a run that lost the customer's trust): the
        # centre is the lowest value shown, so no polygon folds through the middle.
        low = min([0.0, *radar.first, *radar.latest])
        high = max([low + 1.0, *radar.first, *radar.latest])

        def radius(value: float) -> float:
            return (value - low) / (high - low)

        angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
        grid = QPen(c.faint)
        grid.setCosmetic(True)
        for ring in (0.25, 0.5, 0.75, 1.0):
            self._polygon([ring] * n, angles, grid, QBrush(Qt.BrushStyle.NoBrush))
        for a in angles:
            self.plot.plot([0, math.cos(a)], [0, math.sin(a)], pen=pg.mkPen(c.faint))
        first_pen = QPen(c.first, 2, Qt.PenStyle.DashLine)
        first_pen.setCosmetic(True)
        self._polygon(
            [radius(v) for v in radar.first], angles, first_pen, QBrush(Qt.BrushStyle.NoBrush)
        )
        latest_pen = QPen(c.practice, 2.5)
        latest_pen.setCosmetic(True)
        area = QColor(c.practice)
        area.setAlphaF(0.3)
        self._polygon([radius(v) for v in radar.latest], angles, latest_pen, QBrush(area))
        for dim, a, first, latest in zip(
            radar.dimensions, angles, radar.first, radar.latest, strict=True
        ):
            x, y = math.cos(a), math.sin(a)
            anchor = (0.5 - 0.5 * round(x, 3), 0.5 + 0.5 * round(y, 3))
            caption = f"{dimension_name(dim)}\n{number(first)} → {number(latest)}"
            item = pg.TextItem(caption, color=c.text, anchor=anchor)
            item.setPos(1.1 * x, 1.1 * y)
            self.plot.addItem(item)
        # Room for captions such as "Responsiveness" beside the outermost ring.
        self.plot.setRange(xRange=(-2.5, 2.5), yRange=(-1.45, 1.5), padding=0)
        self.set_legend(
            [
                (
                    c.first,
                    "┅",
                    fill(translate("charts", "First run, %1"), local_time_text(radar.first_at)),
                ),
                (
                    c.practice,
                    "■",
                    fill(translate("charts", "Latest run, %1"), local_time_text(radar.latest_at)),
                ),
            ]
        )
        if low < 0:
            self.legend.setText(
                self.legend.text()
                + "<br>"
                + html.escape(
                    fill(
                        translate("charts", "Centre %1 points, outer ring %2."),
                        number(low),
                        number(high),
                    )
                )
            )

    def _polygon(
        self, radii: Sequence[float], angles: Sequence[float], pen: QPen, brush: QBrush
    ) -> None:
        points = [
            QPointF(r * math.cos(a), r * math.sin(a)) for r, a in zip(radii, angles, strict=True)
        ]
        item = QGraphicsPolygonItem(QPolygonF(points))
        item.setPen(pen)
        item.setBrush(brush)
        self.plot.addItem(item)
