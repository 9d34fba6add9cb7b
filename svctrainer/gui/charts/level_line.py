"""A horizontal dashed line at a value, labelled with its text, drawn as one item.

Why not ``pg.InfiniteLine(label=...)``: the line is a graphics object, its label a
``TextItem`` holding a ``QGraphicsTextItem``, and both follow every change of the view's
range (the label placed again and its transform recomputed before every paint): the
baseline and latest lines of My progress' two charts cost about 14 ms of the GUI thread
at each open of the page (issue 17, the chart page's 150 ms). Here the line and its
label are painted exactly as pyqtgraph paints them: the same pen and ends, the label's
text document (margins included) with its translucent fill, at the same place along
the line, anchored by the same corner, the text never scaled with the view.

Import this module only where a chart is drawn (it imports pyqtgraph).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from svctrainer.gui.charts.unscaled_text import (
    at_pixels,
    label_document,
    pixel_transforms,
    text_context,
)
from svctrainer.gui.charts.view_sized import ViewSizedItem


class LevelLine(ViewSizedItem):
    """A line across the view at ``level`` (the plot's values) in ``pen``, labelled
    ``text`` in ``colour`` on ``fill``: the label's ``corner`` ((0, 1): its lower left,
    (1, 1): its lower right) at ``position`` (0-1) of the way along the visible line.

    As an ``InfiniteLine`` does, the level counts in the view's automatic range (add it
    without ``ignoreBounds``); the label does not."""

    def __init__(
        self,
        level: float,
        pen: QPen,
        text: str,
        *,
        colour: QColor,
        fill: QBrush,
        position: float,
        corner: tuple[float, float],
    ) -> None:
        super().__init__()
        self.level = level
        self._pen = QPen(pen)
        self._pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)  # as InfiniteLine.paint sets it
        self._fill = QBrush(fill)
        self._position = position
        self._context = text_context(colour)
        self._document = label_document(text)
        size = self._document.size()
        self._size = QRectF(0.0, 0.0, size.width(), size.height())
        self._offset = QPointF(size.width() * corner[0], size.height() * corner[1])

    def text(self) -> str:
        """The label's text (tests read it)."""
        return self._document.toPlainText()

    def dataBounds(  # pyqtgraph's name
        self,
        axis: int,
        frac: float = 1.0,
        orthoRange: Any = None,  # noqa: N803
    ) -> tuple[float, float] | None:
        """The level in the vertical range, nothing across (``InfiniteLine``'s)."""
        return None if axis == 0 else (self.level, self.level)

    def paint(self, painter: Any, *_args: object) -> None:  # Qt's name
        rect = self._view_rect()
        if rect.isEmpty():
            return
        transforms = pixel_transforms(self, painter)
        if transforms is None:
            return
        to_scene, scene_to_device = transforms
        painter.save()
        try:
            # The line, in the coordinates an InfiniteLine at the level draws in.
            painter.translate(0.0, self.level)
            painter.setPen(self._pen)
            painter.drawLine(QPointF(rect.left(), 0.0), QPointF(rect.right(), 0.0))
            # The label: its corner at its point along the line, in pixels from there.
            along = rect.right() * self._position + rect.left() * (1.0 - self._position)
            at = to_scene.map(QPointF(along, self.level))
            at_pixels(painter, at, scene_to_device)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._fill)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawPolygon(QPolygonF(self._size.translated(-self._offset)))
            at_pixels(painter, at - self._offset, scene_to_device)
            painter.setClipRect(self._size, Qt.ClipOperation.IntersectClip)
            self._document.documentLayout().draw(painter, self._context)
        finally:
            painter.restore()
