"""The pyqtgraph plot a chart draws in, built for a page that opens in under 150 ms.

Why not a bare ``pg.PlotWidget()``: profiling one employee's chart page at 1 M attempts
(``bench/bench_dashboard.py``) showed two costs that buy nothing here:

- the pan/zoom context menu (``ViewBoxMenu``), built with every plot and then disabled
  by ``style.style_plot`` (charts are read, not explored): never built;
- the axis title, re-typeset (``QGraphicsTextItem.setHtml``) on every change of the
  axis range, a dozen times while a chart is filled, although its text does not
  change: typeset only when the text does (``SteadyLabel``). The hidden top and right
  axes follow every range change too (about 30 re-typesets a plot per open of the
  chart page): they are steady axes as well.

And one default that buys worse layouts: a ``QGraphicsView`` asks for the size of its
scene, which pyqtgraph keeps at the widget's current size, so a plot once laid out tall
asks to stay tall (up to 2/3 of the screen, about 480 px at 1366×768). In a page that
scrolls (its height for its width is the sum of what each widget asks for) My progress'
speed plot, drawn alone for a turn, kept the height it had then and pushed the accuracy
chart below the fold; the branch summary's bars pushed its buttons below it. A plot here
asks for a fixed height (``preferred_height``, ``PREFERRED_HEIGHT``) and grows by its
layout's stretch into whatever room the page has.

Import this module only where a chart is drawn (it imports pyqtgraph).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import datetime
from typing import Any

import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    ZoomLevel,
    adjustTimestampToPreferredUtcOffset,
    utcfromtimestamp,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, QSize, QTime
from PySide6.QtGui import QFontMetrics

from svctrainer.gui.i18n import translate

PREFERRED_HEIGHT = 200  # px a plot asks for (never less than its minimum height)


class SteadyLabel:
    """Mixin for ``pg.AxisItem``: the title re-typeset only when its text changes."""

    _typeset: str | None = None

    def _updateLabel(self) -> None:  # pyqtgraph's name
        axis: Any = self
        text = axis.labelString()
        if text != self._typeset:
            self._typeset = text
            super()._updateLabel()  # type: ignore[misc]
            return
        # Same title: the ticks still follow the new range.
        axis.picture = None
        axis.update()


class SteadyAxis(SteadyLabel, pg.AxisItem):  # type: ignore[misc]
    """A value axis."""


def date_tick_formats() -> dict[str, str]:
    """Qt date formats (``QLocale.toString``) for pyqtgraph's strftime tick formats, in
    the interface's language: pyqtgraph writes month and day names with the C library's
    English ("Aug", "Mon 03") whatever the interface says; a Chinese counter reads a time
    axis as 2026年, 8月, 3日 (8月3日 where no month tick names the month). The formats are
    catalogue entries so that each language writes its own; hours ("%H:%M") need none."""
    return {
        "%Y": translate("DateAxis", "yyyy", "year tick of a time axis (Qt date format)"),
        "%b": translate("DateAxis", "MMM", "month tick of a time axis (Qt date format)"),
        "%d": translate(
            "DateAxis", "dd", "day tick under month ticks of a time axis (Qt date format)"
        ),
        "%a %d": translate(
            "DateAxis", "ddd dd", "day tick among hour ticks of a time axis (Qt date format)"
        ),
    }


def tick_locale() -> QLocale:
    """The locale whose month and weekday names a tick uses: the interface's for Chinese;
    US English otherwise: the names pyqtgraph always wrote ("Sep", where en_GB writes
    "Sept"), whatever the system's locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.Chinese:
        return locale
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


# A Qt date format with no time of day in it (quoted text aside): hours, minutes,
# seconds, AM/PM and time zones are written by h H m s z a A t.
_DATE_ONLY = re.compile(r"(?:'[^']*'|[^hHmszaAt'])*")

# A date whose labels are about the widest of each kind (two-digit month and day).
_WIDE_SAMPLE = datetime(2026, 12, 28, 23, 59, 59)


class SteadyDateAxis(SteadyLabel, pg.DateAxisItem):  # type: ignore[misc]
    """A time axis labelled in dates, in the interface's language (``date_tick_formats``).

    pyqtgraph picks how fine the ticks are from the width of an English sample ("YYYY",
    "MMM"); a Chinese label ("2026年", "8月3日") is wider, so each zoom level measures the
    wider of its sample and its own label for a late date, and labels never overlap."""

    _formats: dict[str, str] | None = None

    def _tick_formats(self) -> dict[str, str]:
        if self._formats is None:
            self._formats = date_tick_formats()
            axis: Any = self
            levels: OrderedDict[float, Any] = axis.zoomLevels
            axis.zoomLevels = OrderedDict(
                (spacing, self._measured(level)) for spacing, level in levels.items()
            )
        return self._formats

    def _measured(self, level: Any) -> Any:
        sample = self._label(_WIDE_SAMPLE, level.tickSpecs[0].format)
        example = level.exampleText
        if sample is not None and len(sample.encode()) > len(example):
            example = sample  # a CJK character is about two Latin letters wide
        return ZoomLevel(level.tickSpecs, example)

    def _label(self, moment: datetime, strftime_format: str) -> str | None:
        qt_format = self._tick_formats().get(strftime_format)
        if qt_format is None:
            return None
        day = QDate(moment.year, moment.month, moment.day)
        if _DATE_ONLY.fullmatch(qt_format):
            # A date's format on the date alone: the same text, but written a hundred
            # times faster than on a QDateTime (about 0.1 ms a label, which looks up the
            # time zone), and a chart page writes a hundred labels (issue 17).
            return tick_locale().toString(day, qt_format)
        when = QDateTime(day, QTime(moment.hour, moment.minute, moment.second))
        return tick_locale().toString(when, qt_format)

    def label_height(self, metrics: QFontMetrics) -> int:
        """The height the tick labels need in ``metrics``' font: a line, or more where
        the labels' glyphs come from a taller font (Chinese "8月" is 19 px in a 15 px line
        of a Latin font); pyqtgraph drops a label that does not fit its axis whole."""
        labels = (self._label(_WIDE_SAMPLE, f) for f in self._tick_formats())
        return max([metrics.height()] + [metrics.boundingRect(t).height() for t in labels if t])

    def setZoomLevelForDensity(self, density: float) -> None:  # pyqtgraph's name
        self._tick_formats()
        super().setZoomLevelForDensity(density)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None or spec.format not in self._tick_formats():
            strings: list[str] = super().tickStrings(values, scale, spacing)
            return strings
        labels = []
        for value in values:
            try:
                moment = utcfromtimestamp(
                    adjustTimestampToPreferredUtcOffset(value, self.utcOffset)
                )
            except (OverflowError, ValueError, OSError):
                labels.append("")
                continue
            labels.append(self._label(moment, spec.format) or "")
        return labels


class SteadyPlotWidget(pg.PlotWidget):  # type: ignore[misc]
    """A plot that asks for ``preferred_height``, whatever height it was last given."""

    def __init__(self, preferred_height: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._preferred_height = preferred_height

    def sizeHint(self) -> QSize:  # Qt's name
        hint: QSize = super().sizeHint()
        return QSize(hint.width(), max(self._preferred_height, self.minimumHeight()))


def new_plot(*, dates: bool = False, preferred_height: int = PREFERRED_HEIGHT) -> Any:
    """A ``pg.PlotWidget`` without the pan/zoom menu, with steady axis titles; ``dates``:
    the bottom axis is a time axis (POSIX seconds); ``preferred_height``: the height it
    asks of its layout, not the height it was last drawn at (see the module's note)."""
    bottom = SteadyDateAxis(orientation="bottom") if dates else SteadyAxis("bottom")
    axes = {
        "bottom": bottom,
        "left": SteadyAxis("left"),
        "top": SteadyAxis("top"),
        "right": SteadyAxis("right"),
    }
    plot = SteadyPlotWidget(preferred_height, axisItems=axes, enableMenu=False)
    for side in ("top", "right"):  # given axes are shown: these stay hidden as by default
        plot.hideAxis(side)
    return plot
