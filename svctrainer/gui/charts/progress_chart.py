"""One metric of one person over time: points by mode, rolling median, trend, baseline.

Practice points are circles, tests squares, logged results diamonds; attempts that do
not count are grey crosses. The rolling median (last 5 attempts) is the solid line, the
least-squares trend the dashed one; the baseline (median of the first 3 tests) and the
latest level (median of the last 3 tests after them) are horizontal lines labelled with
their values. Hovering a point shows the attempt; clicking it emits ``attempt_clicked``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QCursor, QFontMetrics, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

from svctrainer.core.analytics.series import AttemptPoint, Metric, SeriesPoint
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.style import (
    SYMBOLS,
    chart_colours,
    mode_colour,
    mode_label,
    plain_axis,
    style_plot,
)
from svctrainer.gui.dates import moment_text
from svctrainer.gui.drills.figures import number, percent, unit_name
from svctrainer.gui.i18n import fill, translate
from svctrainer.services.progress_records import MetricSeries

POINT_SIZE = {"practice": 7, "test": 10, "logged": 9}
PLOT_MIN_HEIGHT = 200  # px: the axis labels and a readable spread of points; two such
# charts and the page above them fit 1366×768 in Chinese too (taller lines)


def local_time_text(moment: datetime) -> str:
    """Date and time in the user's locale (``gui/dates.py``)."""
    return moment_text(moment)


def metric_name(metric: Metric, unit: str | None) -> str:
    if metric is Metric.ACCURACY:
        return translate("charts", "Accuracy")
    if metric is Metric.SCORE:
        return translate("charts", "Score")
    return unit_name(unit) or translate("charts", "Speed")


def value_text(metric: Metric, value: float | None) -> str:
    """Accuracy as percent; speeds under 100 (notes or vouchers a minute) to 0.1."""
    if metric is Metric.ACCURACY:
        return percent(value)
    small = value is not None and abs(value) < 100
    return number(value, 1 if metric is Metric.SCORE or small else 0)


class ProgressChart(ChartFrame):
    attempt_clicked = Signal(str)

    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        from svctrainer.gui.charts.plot_widget import new_plot  # noqa: PLC0415 - charts only

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        # The plot asks for its minimum height: a page of two charts (My progress) then
        # fits 1366×768 and shares the room left over by its stretch factors, instead
        # of asking for whatever height a plot was last drawn at (``plot_widget``).
        self.plot = new_plot(dates=True, preferred_height=PLOT_MIN_HEIGHT)
        self.plot.setObjectName("progressPlot")
        style_plot(self.plot, self.colours)
        # Grid lines (``ValueGrid``, added with each series) at labelled values and one
        # level between, not the finest level: a third of the lines.
        self.plot.getAxis("left").setStyle(maxTickLevel=1)
        # pyqtgraph leaves the date labels 80 % of a line (18 px at least): at 150 % text
        # the months lost their lower half. A whole line of the chart's font, or the
        # height of the labels' own glyphs where taller (Chinese months: "8月").
        bottom = self.plot.getAxis("bottom")
        line = bottom.label_height(QFontMetrics(self.font()))
        bottom.setStyle(autoExpandTextSpace=False, tickTextHeight=line)
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        # Until a series arrives (it loads in the background) the empty date axis would
        # label 0-1 s of 1970 as "00.100 ... 00.900": show bare axes instead.
        self._show_values(False)
        self.body.addWidget(self.plot)
        self.series: MetricSeries | None = None
        self.grades: Mapping[str, str | None] = {}
        self.hover_text = ""
        self._scatter: dict[str, Any] = {}
        self._hover_by_item: dict[int, str] = {}
        self._scale = 1.0

    def _show_values(self, shown: bool) -> None:
        for side in ("bottom", "left"):
            self.plot.getAxis(side).setStyle(showValues=shown)

    # -- drawing ------------------------------------------------------------------------

    def set_series(
        self, series: MetricSeries, grades: Mapping[str, str | None] | None = None
    ) -> None:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        from svctrainer.gui.charts.level_line import LevelLine  # noqa: PLC0415 - charts only
        from svctrainer.gui.charts.value_grid import ValueGrid  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_series(series, grades))
        self.series = series
        self.grades = grades or {}
        self._scale = 100.0 if series.metric is Metric.ACCURACY else 1.0
        c = self.colours
        plot = self.plot
        plot.clear()
        self._show_values(True)
        self._scatter.clear()
        self._hover_by_item.clear()
        self.hover_text = ""
        name = metric_name(series.metric, series.unit)
        self.title.setText(name)
        plot.setLabel("left", name + (" (%)" if series.metric is Metric.ACCURACY else ""))
        if series.metric is Metric.ACCURACY:
            plain_axis(plot, "left")  # "Accuracy (%)", never with an SI scale
        grid = ValueGrid(plot.getAxis("left"), c.text)
        plot.addItem(grid, ignoreBounds=True)
        legend: list[tuple[Any, str, str]] = []
        # Attempts that do not count are drawn as such but never move the value axis: a
        # test stopped after two seconds must not squash the chart. Beyond the counted
        # range they sit on its edge (their tooltip gives the real figure).
        stopped = tuple(p for p in series.excluded if not p.complete)
        excluded = tuple(p for p in series.excluded if p.complete)
        # Each drawn point's value read once (``_points`` draws them; the edges below
        # span them): a chart page draws some 900 points.
        scaled = {
            mode: [v * self._scale for p in points if (v := p.value(series.metric)) is not None]
            for mode, points in series.points.items()
        }
        counted = [v for values in scaled.values() for v in values]
        edges = (min(counted), max(counted)) if counted else None
        if excluded:
            plot.addItem(self._points(excluded, "excluded", "x", c.excluded, 8, edges=edges))
            legend.append((c.excluded, "✕", translate("charts", "Not counted")))
        if stopped:
            plot.addItem(self._points(stopped, "incomplete", "t", c.excluded, 9, edges=edges))
            legend.append((c.excluded, "▽", translate("charts", "Incomplete (not counted)")))
        rolling = list(series.rolling)
        if rolling:
            # A point per attempt (hundreds of segments a few pixels long): drawn without
            # antialiasing, which cost a third of the plot's paint (3-4 ms). Whole pixels
            # then: 3 wide, the weight the antialiased 2.5 had.
            xs, ys = self._xy(rolling)
            plot.addItem(line_item(xs, ys, pg.mkPen(c.rolling, width=3), antialias=False))
            legend.append((c.rolling, "━", translate("charts", "Rolling median (5)")))
        for mode in ("practice", "logged", "test"):
            points = series.points.get(mode)
            if not points:
                continue
            colour = mode_colour(c, mode)
            values = scaled[mode] if len(scaled[mode]) == len(points) else None
            item = self._points(
                points, mode, SYMBOLS[mode], colour, POINT_SIZE[mode], values=values
            )
            plot.addItem(item)
            self._scatter[mode] = item
            glyph = {"practice": "●", "test": "■", "logged": "◆"}[mode]
            legend.append((colour, glyph, mode_label(mode)))
        if series.trend is not None:
            # An extrapolated trend must not promise 104 % accuracy or a negative speed.
            high = 100.0 if series.metric in (Metric.ACCURACY, Metric.SCORE) else None
            xs, ys = clip_line(*self._xy(list(series.trend.line)), 0.0, high)
            pen = pg.mkPen(c.trend, width=2, style=Qt.PenStyle.DashLine)
            plot.addItem(line_item(xs, ys, pen, antialias=True))
            legend.append((c.trend, "╍", translate("charts", "Trend")))
        progress = series.progress
        # Baseline label on the right (where later points are above it), latest on the
        # left (where early points are below it): each label sits in clear space.
        for level, colour, label, at in (
            (progress.baseline.value, c.baseline, translate("charts", "Baseline %1"), 0.98),
            (progress.latest.value, c.latest, translate("charts", "Latest %1"), 0.02),
        ):
            if level is None:
                continue
            text = fill(label, value_text(series.metric, level))
            corner = (1, 1) if at > 0.5 else (0, 1)
            line = LevelLine(
                level * self._scale,
                pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
                text,
                colour=colour,
                fill=pg.mkBrush(_translucent(c.background)),
                position=at,
                corner=corner,
            )
            line.setZValue(-10)  # under the points: a label never hides an attempt
            plot.addItem(line)
            legend.append((colour, "╍", text))
        self.set_legend(legend)

    def _points(
        self,
        points: tuple[AttemptPoint, ...],
        mode: str,
        symbol: str,
        colour: Any,
        size: int,
        *,
        edges: tuple[float, float] | None = None,
        values: list[float] | None = None,
    ) -> Any:
        """A scatter of ``points``; with ``edges`` each value is held within them;
        ``values``: the points' scaled values, where the caller has read them."""
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        from svctrainer.gui.charts.plot_widget import OneStyleScatter  # noqa: PLC0415 - charts only

        assert self.series is not None  # noqa: S101
        metric = self.series.metric
        if values is None:
            values = [(p.value(metric) or 0.0) * self._scale for p in points]
        if edges is not None:
            values = [min(max(v, edges[0]), edges[1]) for v in values]
        item = OneStyleScatter(
            x=[p.started_at.timestamp() for p in points],
            y=values,
            data=list(points),
            symbol=symbol,
            size=size,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(
                self.colours.background if mode not in ("excluded", "incomplete") else colour,
                width=1,
            ),
            hoverable=True,
            hoverSize=size + 4,
        )
        item.setObjectName(f"points_{mode}")
        item.sigClicked.connect(self._clicked)
        item.sigHovered.connect(self._hovered)
        return item

    def _xy(self, line: list[SeriesPoint]) -> tuple[list[float], list[float]]:
        return [p.at.timestamp() for p in line], [p.value * self._scale for p in line]

    # -- interaction ---------------------------------------------------------------------

    def tooltip_for(self, point: AttemptPoint) -> str:
        assert self.series is not None  # noqa: S101
        unit = self.series.unit if self.series.metric is Metric.SPEED else None
        parts = [f"{local_time_text(point.started_at)} · {mode_label(point.mode)}"]
        figures = []
        if point.speed is not None:
            speed_name = unit_name(unit) or translate("charts", "Speed")
            figures.append(f"{speed_name}: {number(point.speed)}")
        if point.accuracy is not None:
            figures.append(fill(translate("charts", "Accuracy: %1"), percent(point.accuracy)))
        if point.score is not None:
            figures.append(fill(translate("charts", "Score: %1"), number(point.score, 1)))
        parts.append(" · ".join(figures))
        grade = self.grades.get(point.attempt_id)
        if grade:
            parts.append(fill(translate("charts", "Grade: %1"), grade))
        if not point.complete:
            parts.append(translate("charts", "Incomplete: stopped before the end"))
        if not point.valid:
            parts.append(translate("charts", "Not counted in any figure"))
        parts.append(translate("charts", "Click to open this result"))
        return "\n".join(parts)

    def _hovered(self, item: object, points: Any, _event: object) -> None:
        # Every scatter item near the mouse reports, most with no point under it: the
        # text shown is that of the item that has one (tests drawn on top win).
        self._hover_by_item[id(item)] = self.tooltip_for(points[0].data()) if len(points) else ""
        shown = next((t for t in reversed(self._hover_by_item.values()) if t), "")
        if shown == self.hover_text:
            return
        self.hover_text = shown
        if shown:
            QToolTip.showText(QCursor.pos(), shown, self.plot)
        else:
            QToolTip.hideText()

    def _clicked(self, _item: object, points: Any, _event: object) -> None:
        if len(points):
            self.attempt_clicked.emit(points[0].data().attempt_id)

    def point_position(self, attempt_id: str) -> QPoint | None:
        """Where a drawn point is, in the plot viewport's coordinates (tests use it)."""
        for item in self._scatter.values():
            for spot in item.points():
                if spot.data().attempt_id == attempt_id:
                    scene = self.plot.getPlotItem().vb.mapViewToScene(spot.pos())
                    # pyqtgraph is untyped: its PlotWidget is a QGraphicsView underneath.
                    position: QPoint = self.plot.mapFromScene(QPointF(scene))
                    return position
        return None


def line_item(xs: list[float], ys: list[float], pen: Any, *, antialias: bool) -> Any:
    """A bare polyline (``pg.PlotCurveItem``), not ``plot.plot``'s ``PlotDataItem``: that
    wraps the curve with a symbol item and a data pipeline these lines never use, two
    more items per line to build, parent and lay out at every open of the chart page."""
    import pyqtgraph as pg  # noqa: PLC0415 - charts only

    return pg.PlotCurveItem(xs, ys, pen=pen, antialias=antialias)


def chart_pair(
    make: Callable[[], ProgressChart], headline: MetricSeries, accuracy: MetricSeries | None
) -> list[ProgressChart]:
    """The headline metric's chart and, when there is one, the accuracy chart."""
    charts = []
    for series in (headline, accuracy):
        if series is None or series.counted + len(series.excluded) == 0:
            continue
        chart = make()
        chart.set_series(series)
        charts.append(chart)
    return charts


def clip_line(
    xs: list[float], ys: list[float], low: float, high: float | None
) -> tuple[list[float], list[float]]:
    """The polyline cut where it leaves ``low`` ≤ y ≤ ``high`` (None: no upper bound);
    segments wholly outside are dropped, a crossing is interpolated on x."""
    top = math.inf if high is None else high
    out_x: list[float] = []
    out_y: list[float] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        t0, t1 = 0.0, 1.0
        dy = y1 - y0
        for bound, inside_above in ((low, True), (top, False)):
            if math.isinf(bound):
                continue
            if dy == 0:
                if (y0 < bound) if inside_above else (y0 > bound):
                    t0, t1 = 1.0, 0.0
                continue
            t = (bound - y0) / dy
            if (dy > 0) == inside_above:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
        if t0 > t1:
            continue
        for t in (t0, t1):
            x, y = x0 + t * (x1 - x0), y0 + t * dy
            if not out_x or (out_x[-1], out_y[-1]) != (x, y):
                out_x.append(x)
                out_y.append(y)
    return out_x, out_y


def _translucent(colour: Any) -> Any:
    faded = type(colour)(colour)
    faded.setAlphaF(0.8)
    return faded
