"""Per-key heatmap over time: keys down the side, ISO weeks along the bottom.

Each cell is the key's pooled mean latency (ms) or error rate in that week
(``core.analytics.key_heatmap``); weeks without practice stay empty. The caption names
the key that was slowest at the start and how it has changed since: "is the weak key
improving?" answered in words as well as in colour.
"""

from __future__ import annotations

import html
import math
from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from svctrainer.core.analytics.key_heatmap import KeyHeatmap
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.style import chart_colours, style_plot
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.i18n import fill, translate

LATENCY = "latency"
ERRORS = "errors"
MAX_DATE_TICKS = 8
MAX_KEYS = 16  # more rows than this (a full keyboard) cannot be labelled legibly
KEY_NAMES = {"Enter": "⏎", "Backspace": "⌫", "Tab": "Tab", "Space": "␣", " ": "␣"}


def key_order(key: str) -> tuple[int, str]:
    """Digits first in keypad order, then the rest alphabetically."""
    return (0, key) if key.isdigit() else (1, key)


def week_text(week: date, with_year: bool = False) -> str:
    """ "22 Jun" (month names from the locale; "22 Jun 2026" where the year is needed):
    short enough for eight ticks, never the ambiguous all-digit short format."""
    return QLocale().toString(
        QDate(week.year, week.month, week.day), "d MMM yyyy" if with_year else "d MMM"
    )


def shown_keys(heatmap: KeyHeatmap, limit: int = MAX_KEYS) -> list[str]:
    """The keys to draw, in keypad order: all of them, or the ``limit`` most-typed."""
    keys = list(heatmap.keys)
    if len(keys) > limit:
        hits = dict.fromkeys(keys, 0)
        for (key, _week), cell in heatmap.cells.items():
            if key in hits:
                hits[key] += cell.hits
        keys = sorted(keys, key=lambda k: (-hits[k], k))[:limit]
    return sorted(keys, key=key_order)


def weak_key_summary(heatmap: KeyHeatmap) -> str:
    """Which key was slowest in its first week with data, and its change since."""
    first: dict[str, float] = {}
    for key in heatmap.keys:
        row = [v for v in heatmap.latency_row(key) if v is not None]
        if row:
            first[key] = row[0]
    if not first:
        return ""
    weak = max(sorted(first), key=lambda k: first[k])
    change = heatmap.change(weak)
    name = KEY_NAMES.get(weak, weak)
    if change is None or change.latency_change_ms is None:
        return fill(
            translate("charts", "Slowest key at the start: %1 (%2 ms)."), name, number(first[weak])
        )
    now = first[weak] + change.latency_change_ms
    pct = change.latency_change_ms / first[weak] * 100 if first[weak] else 0.0
    verdict = (
        translate("charts", "improving")
        if change.latency_change_ms < 0
        else translate("charts", "not improving yet")
    )
    return fill(
        translate("charts", "Weakest key at the start: %1, %2 ms → %3 ms (%4 %), %5."),
        name,
        number(first[weak]),
        number(now),
        ("+" if pct >= 0 else "−") + number(abs(pct)),
        verdict,
    )


class KeyHeatmapChart(ChartFrame):
    def __init__(self, palette: QPalette | None = None, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        import pyqtgraph as pg  # noqa: PLC0415 - charts only

        from svctrainer.gui.charts.plot_widget import (  # noqa: PLC0415 - charts only
            QuietColorBarItem,
            new_plot,
        )

        if palette is not None:
            self.setPalette(palette)
        self.colours = chart_colours(self.palette())
        self.plot = new_plot()
        self.plot.setObjectName("heatmapPlot")
        style_plot(self.plot, self.colours)
        self.plot.setMinimumHeight(240)
        self.plot.getPlotItem().invertY(True)
        self.body.addWidget(self.plot)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colour_map = pg.colormap.get("viridis")
        self.bar = QuietColorBarItem(
            values=(0, 1), colorMap=self.colour_map, interactive=False, width=14
        )
        self.bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        for axis in ("left", "right"):
            self.bar.getAxis(axis).setPen(pg.mkPen(self.colours.text))
            self.bar.getAxis(axis).setTextPen(pg.mkPen(self.colours.text))
        self.heatmap: KeyHeatmap | None = None
        self.measure = LATENCY

    def set_heatmap(self, heatmap: KeyHeatmap, measure: str = LATENCY) -> None:
        import numpy as np  # noqa: PLC0415 - charts only

        self.remember(lambda chart: chart.set_heatmap(heatmap, measure))
        self.heatmap, self.measure = heatmap, measure
        keys = shown_keys(heatmap)
        rows = []
        for key in keys:
            raw = heatmap.latency_row(key) if measure == LATENCY else heatmap.error_rate_row(key)
            scale = 1.0 if measure == LATENCY else 100.0
            rows.append([math.nan if v is None else v * scale for v in raw])
        data = np.array(rows, dtype=float) if rows else np.zeros((0, 0))
        self.title.setText(
            translate("charts", "Time per key (mean ms, lighter is slower)")
            if measure == LATENCY
            else translate("charts", "Errors per key (% of strokes, lighter is more)")
        )
        if data.size == 0 or np.all(np.isnan(data)):
            self.image.clear()
            self.set_legend([])
            self.legend.setText(
                translate("charts", "No per-key statistics for this drill in this period.")
            )
            return
        low, high = float(np.nanmin(data)), float(np.nanmax(data))
        if high <= low:
            high = low + 1.0
        self.image.setImage(data, levels=(low, high))
        self.bar.setLevels((low, high))
        self.image.setRect(0, 0, data.shape[1], data.shape[0])
        axis = self.plot.getAxis("left")
        axis.setTicks([[(i + 0.5, KEY_NAMES.get(k, k)) for i, k in enumerate(keys)]])
        step = max(1, math.ceil(len(heatmap.weeks) / MAX_DATE_TICKS))
        # Off the plot's edges: pyqtgraph drops a label that would stick out of the axis.
        first = step // 2 if len(heatmap.weeks) > 2 else 0
        ticks, year = [], None
        for i, week in enumerate(heatmap.weeks):
            if i % step == first % step:
                ticks.append((i + 0.5, week_text(week, with_year=week.year != year)))
                year = week.year
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(0, data.shape[1], padding=0)
        self.plot.setYRange(0, data.shape[0], padding=0)
        self.plot.setLabel("bottom", translate("charts", "Week starting"))
        summary = weak_key_summary(heatmap)
        scale_text = (
            fill(translate("charts", "Colour: %1 ms … %2 ms"), number(low), number(high))
            if measure == LATENCY
            else fill(
                translate("charts", "Colour: %1 … %2"), percent(low / 100), percent(high / 100)
            )
        )
        if len(keys) < len(heatmap.keys):
            scale_text += ". " + fill(
                translate("charts", "The %1 most-typed of %2 keys shown."),
                str(len(keys)),
                str(len(heatmap.keys)),
            )
        self.legend.setText(html.escape(f"{summary}  {scale_text}".strip()))
