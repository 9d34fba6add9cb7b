"""The debrief's two charts (pyqtgraph, imported inside the widgets):

- ``ServqualRadar``: SERVQUAL points per dimension, this run against the best possible
  run of the scenario, on one common scale (points below 0 are drawn at the centre; the
  labels give the real numbers);
- ``MoodTraceChart``: valence and arousal after each decision (0 = when the customer
  reached the counter), the comfort threshold, and where the time ran out.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator, Mapping, Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from svctrainer.gui.i18n import translate
from svctrainer.gui.scenarios.chart_slot import StagedChart
from svctrainer.gui.scenarios.mood_meter import COMFORT_GREEN, plot_colours, style_plot
from svctrainer.gui.scenarios.wording import dimension_name

YOURS = QColor(0x3D, 0x8B, 0xD4)
AROUSAL = QColor(0xE0, 0x8A, 0x2E)
TIMEOUT_RED = QColor(0xD6, 0x45, 0x45)
CORE_DIMENSIONS = ("reliability", "responsiveness", "assurance", "empathy")


def radar_dimensions(*runs: Mapping[str, int]) -> list[str]:
    """The four core dimensions, plus tangibles where a run scored any."""
    dims = list(CORE_DIMENSIONS)
    if any(run.get("tangibles", 0) for run in runs):
        dims.append("tangibles")
    return dims


def _key_html(colour: QColor, glyph: str, text: str) -> str:
    """A legend entry: a coloured glyph (Qt rich text draws no borders on spans)."""
    return (
        f'<span style="color: {colour.name()}; font-weight: bold;">{glyph}</span>'
        f"&nbsp;{html.escape(text).replace(' ', '&nbsp;')}"
    )


def _key(colour: QColor, glyph: str, text: str) -> QLabel:
    label = QLabel(_key_html(colour, glyph, text))
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class ServqualRadar(StagedChart):
    def __init__(
        self,
        yours: Mapping[str, int],
        best: Mapping[str, int] | None,
        parent: QWidget | None = None,
        *,
        later: bool = False,
    ) -> None:
        super().__init__(parent)
        self._begin(self._draw(yours, best), later=later)

    def _draw(self, yours: Mapping[str, int], best: Mapping[str, int] | None) -> Iterator[None]:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        pg.setConfigOptions(antialias=True)
        self.setObjectName("servqualRadar")
        self.dimensions = radar_dimensions(yours, *([best] if best else []))
        palette = self.palette()
        _, text, faint = plot_colours(palette)
        # The chart's from the start (see ChartSlot._start): not Python's alone while drawn.
        self.plot = pg.PlotWidget(self, enableMenu=False)  # no context menu: not built
        style_plot(self.plot, palette)
        self.plot.hideAxis("bottom")
        self.plot.hideAxis("left")
        self.plot.setAspectLocked(True)
        self.plot.setRange(xRange=(-1.8, 1.8), yRange=(-1.35, 1.45), padding=0)
        # The points drawn, per dimension (what the captions say; tests read them).
        self.yours = {d: yours.get(d, 0) for d in self.dimensions}
        self.best = {d: best.get(d, 0) for d in self.dimensions} if best else None
        values = [max(0, yours.get(d, 0)) for d in self.dimensions]
        top_values = [max(0, best.get(d, 0)) for d in self.dimensions] if best else []
        self.scale = max([1, *values, *top_values])
        n = len(self.dimensions)
        angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
        yield  # the plot; then its grid
        grid_pen = QPen(faint)
        grid_pen.setCosmetic(True)
        for ring in (0.25, 0.5, 0.75, 1.0):
            self._polygon([ring] * n, angles, grid_pen, QBrush(Qt.BrushStyle.NoBrush))
        for a in angles:
            self.plot.plot([0, math.cos(a)], [0, math.sin(a)], pen=pg.mkPen(faint))
        yield  # then the two runs
        if best:
            pen = QPen(COMFORT_GREEN, 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            fill = QColor(COMFORT_GREEN)
            fill.setAlphaF(0.12)
            self._polygon([v / self.scale for v in top_values], angles, pen, QBrush(fill))
        pen = QPen(YOURS, 2.5)
        pen.setCosmetic(True)
        fill = QColor(YOURS)
        fill.setAlphaF(0.35)
        self._polygon([v / self.scale for v in values], angles, pen, QBrush(fill))
        yield  # then the captions and the legend
        for dim, a in zip(self.dimensions, angles, strict=True):
            mine = yours.get(dim, 0)
            caption = f"{dimension_name(dim)}\n{mine}" + (f" / {best.get(dim, 0)}" if best else "")
            x, y = math.cos(a), math.sin(a)
            anchor = (0.5 - 0.5 * round(x, 3), 0.5 + 0.5 * round(y, 3))
            item = pg.TextItem(caption, color=text, anchor=anchor)
            item.setPos(1.1 * x, 1.1 * y)
            self.plot.addItem(item)
        legend = QHBoxLayout()
        legend.addStretch(1)
        legend.addWidget(_key(YOURS, "■", translate("scenarios", "Your run")))
        points = None
        if best:
            legend.addSpacing(12)
            legend.addWidget(_key(COMFORT_GREEN, "◇", translate("scenarios", "Best possible run")))
            # On a line of its own: beside the two keys it squeezed them at large text.
            points = QLabel(translate("scenarios", "(points: yours / the best run's)"))
            points.setWordWrap(True)
            points.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        legend.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot, 1)
        box.addLayout(legend)
        if points is not None:
            box.addWidget(points)

    def _polygon(
        self, radii: Sequence[float], angles: Sequence[float], pen: QPen, brush: QBrush
    ) -> QGraphicsPolygonItem:
        points = [
            QPointF(r * math.cos(a), r * math.sin(a)) for r, a in zip(radii, angles, strict=True)
        ]
        item = QGraphicsPolygonItem(QPolygonF(points))
        item.setPen(pen)
        item.setBrush(brush)
        self.plot.addItem(item)
        return item

    def sizeHint(self) -> QSize:
        return QSize(420, 360)


class MoodTraceChart(StagedChart):
    def __init__(
        self,
        trace: Sequence[Sequence[float]],
        timeouts: Sequence[int],
        comfort_min_valence: float,
        parent: QWidget | None = None,
        *,
        later: bool = False,
    ) -> None:
        """``trace``: [valence, arousal] at the start and after each decision;
        ``timeouts``: decision numbers (1-based) where the time ran out."""
        super().__init__(parent)
        self._begin(self._draw(trace, timeouts, comfort_min_valence), later=later)

    def _draw(
        self, trace: Sequence[Sequence[float]], timeouts: Sequence[int], comfort_min_valence: float
    ) -> Iterator[None]:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        pg.setConfigOptions(antialias=True)
        self.setObjectName("moodTrace")
        palette = self.palette()
        _, _, faint = plot_colours(palette)
        # The chart's from the start (see ChartSlot._start): not Python's alone while drawn.
        self.plot = pg.PlotWidget(self, enableMenu=False)  # no context menu: not built
        style_plot(self.plot, palette)
        self.plot.setLabel(
            "bottom", translate("scenarios", "Decision (0 = arrival at the counter)")
        )
        self.plot.setLabel("left", translate("scenarios", "Mood"))
        steps = list(range(len(trace)))
        self.plot.setXRange(0, max(1, len(trace) - 1), padding=0.04)
        self.plot.setYRange(-5, 5, padding=0.04)
        self.plot.getAxis("bottom").setTicks([[(i, str(i)) for i in steps]])
        self.plot.getAxis("left").setTicks([[(v, str(v)) for v in (-5, -2.5, 0, 2.5, 5)]])
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        yield  # the plot and its axes; then the valence line
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(faint)))
        self.valence = self.plot.plot(
            steps,
            [p[0] for p in trace],
            pen=pg.mkPen(YOURS, width=3),
            symbol="o",
            symbolSize=8,
            symbolBrush=YOURS,
            symbolPen=None,
        )
        yield  # then arousal, comfort and the timeouts
        self.arousal = self.plot.plot(
            steps,
            [p[1] for p in trace],
            pen=pg.mkPen(AROUSAL, width=2, style=Qt.PenStyle.DashLine),
            symbol="t",
            symbolSize=7,
            symbolBrush=AROUSAL,
            symbolPen=None,
        )
        self.plot.plot(
            [0, max(1, len(trace) - 1)],
            [comfort_min_valence] * 2,
            pen=pg.mkPen(COMFORT_GREEN, width=2, style=Qt.PenStyle.DotLine),
        )
        # Decision numbers where the time ran out, marked on the valence line (a number
        # past the trace would have no point to mark: x and y must stay the same length).
        self.timeout_marks = [i for i in timeouts if 0 <= i < len(trace)]
        if self.timeout_marks:
            self.plot.plot(
                self.timeout_marks,
                [trace[i][0] for i in self.timeout_marks],
                pen=None,
                symbol="x",
                symbolSize=16,
                symbolBrush=TIMEOUT_RED,
                symbolPen=pg.mkPen(TIMEOUT_RED, width=2),
            )
        yield  # then the legend
        # The legend sits under the chart: inside, it would hide the lines it explains.
        keys = [
            (YOURS, "━━", translate("scenarios", "Valence (happy +, unhappy −)")),
            (AROUSAL, "╍╍", translate("scenarios", "Arousal (agitated +, calm −)")),
            (COMFORT_GREEN, "┈┈", translate("scenarios", "Comfort level")),
        ]
        if self.timeout_marks:
            keys.append((TIMEOUT_RED, "✕", translate("scenarios", "Time ran out")))
        # One wrapping label: entries move to a second line instead of being clipped.
        legend = QLabel(" &nbsp; &nbsp; ".join(_key_html(*key) for key in keys))
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setWordWrap(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot, 1)
        box.addWidget(legend)

    def sizeHint(self) -> QSize:
        return QSize(520, 360)
