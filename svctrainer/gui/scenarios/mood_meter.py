"""The live mood meter: the customer's mood on Russell's valence/arousal grid.

x = valence (-5 unhappy ... +5 happy), y = arousal (-5 calm ... +5 agitated). The
trail shows where the mood has been during this conversation, the dot where it is now,
and a dashed line the valence the scenario needs for comfort service. pyqtgraph is
imported here, inside the widget, never when the package loads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from svctrainer.core.scenarios.model import MOOD_MAX, MOOD_MIN, Mood
from svctrainer.core.scenarios.mood import Expression, expression_for
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.scenarios.chart_slot import StagedChart
from svctrainer.gui.scenarios.wording import decimal, expression_name

COMFORT_GREEN = QColor(0x2E, 0x9D, 0x5B)
EXPRESSION_COLOURS = {
    Expression.ANGRY: QColor(0xD6, 0x45, 0x45),
    Expression.UPSET: QColor(0xD9, 0x82, 0x2B),
    Expression.ANXIOUS: QColor(0xE0, 0xA1, 0x2E),
    Expression.NEUTRAL: QColor(0x8A, 0x93, 0x9E),
    Expression.CONTENT: QColor(0x5F, 0xB0, 0x6E),
    Expression.PLEASED: QColor(0x2E, 0x9D, 0x5B),
    Expression.DELIGHTED: QColor(0x1E, 0x8C, 0x4E),
}
# The regions of ``expression_for`` (boundaries as lines: valence x, arousal y) and where
# each region's name sits, with its angle (narrow stripes get upright names).
_BOUNDARIES = (
    ((-0.5, -0.5), (-5.0, 5.0)),
    ((1.0, 1.0), (-5.0, 5.0)),
    ((2.5, 2.5), (-5.0, 5.0)),
    ((-5.0, -0.5), (1.0, 1.0)),
    ((-2.0, -2.0), (1.0, 5.0)),
    ((2.5, 5.0), (1.5, 1.5)),
)
_REGION_LABELS = (
    (Expression.ANGRY, -3.5, 4.4, 0),
    (Expression.ANXIOUS, -1.25, 3.4, 90),
    (Expression.UPSET, -2.75, -4.4, 0),
    (Expression.NEUTRAL, 0.25, -3.4, 90),
    (Expression.CONTENT, 1.75, -3.4, 90),
    (Expression.PLEASED, 3.75, -4.4, 0),
    (Expression.DELIGHTED, 3.75, 4.4, 0),
)


def plot_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(background, text, faint lines) for charts, from the widget's palette."""
    return (
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Text),
        palette.color(QPalette.ColorRole.Mid),
    )


def style_plot(plot: object, palette: QPalette) -> None:
    """A calm, palette-aware, non-interactive pyqtgraph plot."""
    import pyqtgraph as pg  # noqa: PLC0415 - charts only

    from svctrainer.gui.charts.page_wheel import pass_wheel_to_page  # noqa: PLC0415

    assert isinstance(plot, pg.PlotWidget)  # noqa: S101
    background, text, _ = plot_colours(palette)
    plot.setBackground(background)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for side in ("bottom", "left"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(text))
        axis.setTextPen(pg.mkPen(text))
    pass_wheel_to_page(plot)


class MoodMeter(StagedChart):
    def __init__(
        self,
        start: Mood,
        comfort_min_valence: float,
        parent: QWidget | None = None,
        *,
        later: bool = False,
    ) -> None:
        super().__init__(parent)
        self.comfort_min_valence = comfort_min_valence
        self.moods: list[Mood] = []
        self._begin(self._draw(start, comfort_min_valence), later=later)

    def _draw(self, start: Mood, comfort_min_valence: float) -> Iterator[None]:
        import pyqtgraph as pg  # noqa: PLC0415 - ~1.5 s: only when a scenario is played

        pg.setConfigOptions(antialias=True)
        self.setObjectName("moodMeter")
        palette = self.palette()
        _, text, faint = plot_colours(palette)
        # The chart's from the start (see ChartSlot._start): not Python's alone while drawn.
        self.plot = pg.PlotWidget(self, enableMenu=False)  # no context menu: not built
        style_plot(self.plot, palette)
        self.plot.setAspectLocked(True)
        self.plot.setRange(xRange=(MOOD_MIN, MOOD_MAX), yRange=(MOOD_MIN, MOOD_MAX), padding=0.04)
        self.plot.setLabel("bottom", translate("scenarios", "Mood: unhappy ← → happy"))
        self.plot.setLabel("left", translate("scenarios", "calm ← → agitated"))
        for axis in ("bottom", "left"):
            self.plot.getAxis(axis).setTicks([[(v, str(v)) for v in (-5, 0, 5)]])
        yield  # the plot and its axes; then the grid and the regions
        grid = pg.mkPen(faint, width=1)
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=grid))
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=grid))
        dashed = pg.mkPen(COMFORT_GREEN, width=2, style=pg.QtCore.Qt.PenStyle.DashLine)
        comfort = pg.InfiniteLine(pos=comfort_min_valence, angle=90, pen=dashed)
        self.plot.addItem(comfort)
        region_pen = pg.mkPen(faint, width=1, style=pg.QtCore.Qt.PenStyle.DotLine)
        for xs, ys in _BOUNDARIES:
            self.plot.plot(list(xs), list(ys), pen=region_pen)
        yield  # then the regions' names
        label_colour = QColor(text)
        label_colour.setAlphaF(0.6)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        for expression, x, y, angle in _REGION_LABELS:
            item = pg.TextItem(
                expression_name(expression.value), color=label_colour, anchor=(0.5, 0.5),
                angle=angle,
            )  # fmt: skip
            item.setFont(small)
            item.setPos(x, y)
            self.plot.addItem(item)
        yield  # then the trail and the dot
        trail_colour = QColor(text)
        trail_colour.setAlphaF(0.45)
        self.trail = pg.PlotDataItem(
            pen=pg.mkPen(trail_colour, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=trail_colour,
            symbolPen=None,
        )
        self.now = pg.ScatterPlotItem(size=18, pen=pg.mkPen(text, width=2))
        self.plot.addItem(self.trail)
        self.plot.addItem(self.now)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plot)
        self.set_trace([start])

    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def set_trace(self, moods: Sequence[Mood]) -> None:
        """All moods of the conversation so far, the current one last."""
        self.moods = list(moods)
        self.trail.setData([m.valence for m in moods], [m.arousal for m in moods])
        current = moods[-1]
        colour = EXPRESSION_COLOURS[expression_for(current)]
        self.now.setData([current.valence], [current.arousal], brush=colour)
        self.setToolTip(
            fill(
                translate(
                    "scenarios",
                    "Mood now: valence %1, arousal %2 (comfort needs valence %3 or more)",
                ),
                decimal(current.valence),
                decimal(current.arousal),
                decimal(self.comfort_min_valence),
            )
        )
