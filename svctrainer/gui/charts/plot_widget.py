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

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSize

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


class SteadyDateAxis(SteadyLabel, pg.DateAxisItem):  # type: ignore[misc]
    """A time axis labelled in dates."""


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
