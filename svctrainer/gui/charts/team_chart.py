"""Horizontal bars, one per team: the team comparison (median gain over baseline) and
customer minutes saved per day. Horizontal, so 25 team names stay readable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from svctrainer.core.analytics.dashboard import TeamSummary
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.style import chart_colours, plain_axis, style_plot
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import translate

if TYPE_CHECKING:  # imports pyqtgraph: only where a chart is drawn
    from svctrainer.gui.charts.value_labels import ValueLabels

ROW_PX = 26


def team_label(team: str | None) -> str:
    return team if team is not None else translate("charts", "No team")


def plot_height(bars: int) -> int:
    """Pixels the plot needs for ``bars`` rows with the axis and its label under them."""
    return max(160, 60 + ROW_PX * bars)


def frame_height(bars: int) -> int:
    """The whole chart's height (title and legend included): the size to draw it at
    on paper, where a smaller widget would cut the axis off."""
    return plot_height(bars) + 70


class BarChart(ChartFrame):
    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        from svctrainer.gui.charts.plot_widget import new_plot  # noqa: PLC0415 - charts only

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        self.plot = new_plot()
        self.plot.setObjectName("barPlot")
        style_plot(self.plot, self.colours)
        plain_axis(self.plot, "bottom")  # gains in % and minutes: never "(x0.001)"
        self.plot.getPlotItem().invertY(True)
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.body.addWidget(self.plot)
        self.labels: list[str] = []
        self.values: list[float | None] = []
        # The value axis' range, kept in step with the plot's width (``_fit_range``).
        self._range: tuple[float, float, float, float] | None = None  # low, high, span, px
        self.value_labels: ValueLabels | None = None  # the values beside the bars
        self.plot.getViewBox().sigResized.connect(self._fit_range)

    def set_bars(
        self,
        title: str,
        labels: Sequence[str],
        values: Sequence[float | None],
        axis_label: str,
        text: Callable[[float | None], str],
    ) -> None:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_bars(title, labels, values, axis_label, text))
        c = self.colours
        self.title.setText(title)
        self.labels, self.values = list(labels), list(values)
        self.plot.clear()
        self.value_labels = None
        self.plot.setMinimumHeight(plot_height(len(labels)))
        if not labels:
            self.legend.setText(translate("charts", "No teams with results in this period."))
            return
        heights = [v or 0.0 for v in values]
        span = max([abs(h) for h in heights] + [1.0])
        low = min(0.0, *heights)
        # The ranges first, auto-range off: each item added then neither recomputes the
        # bounds of all before it nor moves the value labels already placed (issue 17:
        # a third of drawing the team comparison).
        self.plot.disableAutoRange()
        metrics = self.plot.fontMetrics()
        label_px = max(metrics.horizontalAdvance(text(v)) for v in values) + 8
        self._range = (low - (0.15 * span if low < 0 else 0), max([*heights, 0.0]), span, label_px)
        self._fit_range()
        self.plot.setYRange(-0.6, len(labels) - 0.4, padding=0)
        brushes = [pg.mkBrush(c.latest if h >= 0 else c.test) for h in heights]
        bars = pg.BarGraphItem(
            x0=0, y=list(range(len(labels))), height=0.6, width=heights, brushes=brushes,
            pen=pg.mkPen(None),
        )  # fmt: skip
        self.plot.addItem(bars)
        self.plot.getAxis("left").setTicks([[(i, label) for i, label in enumerate(labels)]])
        self.plot.setLabel("bottom", axis_label)
        # Each value beside its bar, all of them one item (``value_labels``).
        from svctrainer.gui.charts.value_labels import ValueLabel, ValueLabels  # noqa: PLC0415

        self.value_labels = ValueLabels(
            [
                ValueLabel(h + (0.02 * span if h >= 0 else -0.02 * span), i, text(v),
                           0.0 if h >= 0 else 1.0)
                for i, (h, v) in enumerate(zip(heights, values, strict=True))
            ],
            c.text,
        )  # fmt: skip
        self.plot.addItem(self.value_labels, ignoreBounds=True)
        self.set_legend([])

    def _fit_range(self, *_args: object) -> None:
        """Room right of the longest bar for its value label, in pixels rather than a share
        of the range: beside the branch summary's table the plot is narrow, and a label
        "+103.0 %" ran past its right edge with a fixed 35 % margin."""
        if self._range is None:
            return
        low, high, span, label_px = self._range
        width = self.plot.getViewBox().width()
        right = high + 0.35 * span
        if width > 0:
            # Of the range, the label's width; at most half of it, for the bars.
            share = min(label_px / width, 0.5)
            right = max(right, (high + 0.02 * span - low * share) / (1 - share))
        # A little room left of zero too, so that its tick shows.
        self.plot.setXRange(low - 0.03 * (right - low), right, padding=0)

    def set_team_gains(self, teams: Sequence[TeamSummary], gain_unit_text: str) -> None:
        """Median gain over baseline per team (each person counted once)."""
        ranked = sorted(
            teams, key=lambda t: -(t.median_gain if t.median_gain is not None else -1e9)
        )
        self.set_bars(
            translate("charts", "Team comparison: median gain over baseline"),
            [f"{team_label(t.team)} ({t.with_gain}/{t.people})" for t in ranked],
            [t.median_gain for t in ranked],
            gain_unit_text,
            lambda v: "—" if v is None else ("+" if v >= 0 else "−") + number(abs(v), 1),
        )
        self.legend.setText(translate("charts", "(people with a gain / people in the team)"))
