"""Text labels at points of a plot, unscaled, drawn as one item: a bar chart's values.

Why not a ``pg.TextItem`` a label: each is a graphics object of its own with a
``QGraphicsTextItem`` inside, hooked into pyqtgraph's item machinery (parent changes,
a transform recomputed before every paint); the 25 values of a team comparison cost
about a third of drawing it (``BarChart.set_bars``, issue 17). Here each label is a
text document laid out once, painted exactly as a ``TextItem`` paints it: the same
document (margins included), the same anchor, at the same place in the scene, the
text never scaled with the view.

Import this module only where a chart is drawn (it imports pyqtgraph).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QTextDocument

from svctrainer.gui.charts.unscaled_text import (
    at_pixels,
    label_document,
    pixel_transforms,
    text_context,
)
from svctrainer.gui.charts.view_sized import ViewSizedItem


@dataclass(frozen=True)
class ValueLabel:
    """``text`` with its anchor at (``x``, ``y``) in the plot's values; ``anchor_x``: 0
    puts the text's left edge there, 1 its right edge (vertically it is centred)."""

    x: float
    y: float
    text: str
    anchor_x: float


class ValueLabels(ViewSizedItem):
    """``labels`` in ``colour``. Add it with ``ignoreBounds=True``: it draws within
    whatever the view shows, as the view clips its items."""

    def __init__(self, labels: Sequence[ValueLabel], colour: QColor) -> None:
        super().__init__()
        self._context = text_context(colour)
        self._placed: list[tuple[QPointF, QPointF, QTextDocument]] = []
        for label in labels:
            document = label_document(label.text)
            size = document.size()
            offset = QPointF(size.width() * label.anchor_x, size.height() * 0.5)
            self._placed.append((QPointF(label.x, label.y), offset, document))

    def texts(self) -> list[str]:
        """The labels' texts, in the order given (tests read them)."""
        return [document.toPlainText() for _point, _offset, document in self._placed]

    def paint(self, painter: Any, *_args: object) -> None:  # Qt's name
        """Each document at its point in the scene, offset in pixels, as a ``TextItem``
        places its text: the view's scaling undone, whatever the painter's own."""
        transforms = pixel_transforms(self, painter)
        if transforms is None:
            return
        to_scene, scene_to_device = transforms
        painter.save()
        try:
            for point, offset, document in self._placed:
                at_pixels(painter, to_scene.map(point) - offset, scene_to_device)
                document.documentLayout().draw(painter, self._context)
        finally:
            painter.restore()
