"""What if: windows against service speed. The day's mean wait per customer (minutes)
as the mean service time is cut by 0–60 s, one line per number of windows (the branch's
profile, and one fewer, one or two more every hour).

A line stops where a window count cannot keep up (an hour's load reaches its windows:
no finite wait), so "one window fewer" may show no line at all; its waits, where it
keeps up, can be ten times the branch's, so the scale is set by the branch's own
windows and the legend says when a line runs above it. The dashed vertical line marks
the cut the tellers' measured gains give today.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from svctrainer.core.queueing.branch_day import WhatIfLine
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.style import chart_colours, style_plot
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill, translate

SYMBOLS = ("t", "o", "s", "d", "+")


class WhatIfChart(ChartFrame):
    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("charts", "What if: waiting time by windows and service speed"), parent
        )
        from svctrainer.gui.charts.plot_widget import new_plot  # noqa: PLC0415 - charts only

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        self.plot = new_plot()
        self.plot.setObjectName("whatIfPlot")
        style_plot(self.plot, self.colours)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMinimumHeight(240)
        self.plot.setLabel("bottom", translate("charts", "Service time cut per customer (s)"))
        self.plot.setLabel("left", translate("charts", "Mean wait per customer (min)"))
        self.body.addWidget(self.plot)
        self.lines: tuple[WhatIfLine, ...] = ()
        self.current_cut: float | None = None

    def line_colours(self) -> list[QColor]:
        c = self.colours
        return [c.test, c.practice, c.latest, c.logged, c.trend]

    def set_lines(self, lines: Sequence[WhatIfLine], current_cut_s: float | None) -> None:
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_lines(lines, current_cut_s))
        self.lines = tuple(lines)
        self.current_cut = current_cut_s
        self.plot.clear()
        # Auto-range held while the lines go in: on, each line added widened the view
        # and every line already there re-laid its symbols (pyqtgraph's
        # ``viewRangeChanged``), 20 scatter updates for 4 lines, most of the 65-113 ms
        # the tab's first show held the GUI thread (bench/bench_heartbeat.py). The
        # ranges are set below; what is not set goes back to auto-range as it was.
        view = self.plot.getViewBox()
        auto_x = view.autoRangeEnabled()[0]
        view.disableAutoRange()
        legend = []
        colours = self.line_colours()
        top = _scale_top(self.lines)
        for n, line in enumerate(self.lines):
            colour = colours[n % len(colours)]
            xs = [p.cut_s for p in line.points if p.mean_wait_s is not None]
            ys = [p.mean_wait_s / 60.0 for p in line.points if p.mean_wait_s is not None]
            name = _offset_name(line.window_offset)
            if not xs:
                legend.append((colour, "×", fill(translate("charts", "%1: cannot keep up"), name)))
                continue
            if max(ys) > top:
                name = fill(translate("charts", "%1 (partly above the chart)"), name)
            self.plot.plot(
                xs, ys, pen=pg.mkPen(colour, width=2.5 if line.window_offset == 0 else 1.8),
                symbol=SYMBOLS[n % len(SYMBOLS)], symbolSize=6, symbolBrush=colour,
                symbolPen=pg.mkPen(colour),
            )  # fmt: skip
            legend.append((colour, "━", name))
        if current_cut_s is not None and self.lines:
            marker = pg.InfiniteLine(
                pos=current_cut_s,
                angle=90,
                pen=pg.mkPen(self.colours.baseline, width=1.5, style=Qt.PenStyle.DashLine),
                label=fill(translate("charts", "today %1 s"), number(current_cut_s, 1)),
                labelOpts={"position": 0.92, "color": self.colours.text,
                           "anchors": [(0, 1), (0, 1)]},
            )  # fmt: skip
            marker.setZValue(-10)
            self.plot.addItem(marker)
            legend.append(
                (self.colours.baseline, "╎", translate("charts", "the tellers' gains today"))
            )
        self.plot.setYRange(0, top, padding=0)
        if self.lines and self.lines[0].points:
            cuts = [p.cut_s for p in self.lines[0].points]
            self.plot.setXRange(min(cuts), max(cuts), padding=0.02)
        elif auto_x is not False:
            view.enableAutoRange(x=auto_x)
        self.set_legend(legend)


def _scale_top(lines: Sequence[WhatIfLine]) -> float:
    """Minutes at the top of the chart: room for the branch's own windows (2.5 × their
    worst wait), so that one window fewer, which may wait ten times longer where it keeps
    up at all, does not flatten every other line."""
    waits = [
        p.mean_wait_s / 60.0
        for line in lines
        for p in line.points
        if p.mean_wait_s is not None and line.window_offset >= 0
    ]
    every = [p.mean_wait_s / 60.0 for line in lines for p in line.points
             if p.mean_wait_s is not None]  # fmt: skip
    if not every:
        return 1.0
    return max(1.0, min(max(every) * 1.05, 2.5 * max(waits, default=max(every))))


def _offset_name(offset: int) -> str:
    if offset == 0:
        return translate("charts", "windows as now")
    if offset > 0:
        return fill(translate("charts", "%1 more each hour"), str(offset))
    return fill(translate("charts", "%1 fewer each hour"), str(-offset))
