"""Horizontal grid lines at a value axis' ticks, drawn as one item of the plot.

Why not pyqtgraph's ``showGrid``: the axis then draws each grid line into its cached
picture, and replaying that picture cost 3-4 ms of every paint of a progress plot
(cProfile at 1 M attempts: ``QPicture.play`` 2 ms a call with the grid, 0.3 ms
without), more than the hundreds of points on it. Here the same lines (the labelled
values and the level between, as faint as the axis made them) are one ``drawLines``.

Import this module only where a chart is drawn (it imports pyqtgraph).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QPen

from svctrainer.gui.charts.view_sized import ViewSizedItem

# The axis' grid at alpha 0.2: the labelled level at a fifth of the colour's opacity,
# the level between at half of that.
LEVEL_ALPHA = (51, 25)


class ValueGrid(ViewSizedItem):
    """Lines across the view at ``axis``' tick values, in ``colour`` made faint.

    Add it with ``ignoreBounds=True``: it spans whatever the view shows."""

    def __init__(self, axis: Any, colour: QColor) -> None:
        super().__init__()
        self._axis = axis
        self._pens = []
        for alpha in LEVEL_ALPHA:
            faint = QColor(colour)
            faint.setAlpha(alpha)
            pen = QPen(faint)
            pen.setCosmetic(True)  # one pixel whatever the scale of the view
            pen.setWidth(1)
            self._pens.append(pen)
        self.setZValue(-100)  # under every point and line

    def paint(self, painter: Any, *_args: object) -> None:  # Qt's name
        rect = self._view_rect()
        if rect.isEmpty():
            return
        low, high = sorted((rect.top(), rect.bottom()))
        levels = self._axis.tickValues(low, high, self._axis.size().height())
        for (_spacing, values), pen in zip(levels, self._pens, strict=False):
            painter.setPen(pen)
            painter.drawLines([QLineF(rect.left(), v, rect.right(), v) for v in values])
