"""A chart item drawn over the whole visible range of its view (a grid, a layer of
labels): its bounds are the view's rectangle, and it tells the scene when the range
moves, so Qt repaints and hit-tests it where the view now looks."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF


class ViewSizedItem(pg.GraphicsObject):  # type: ignore[misc]
    """Bounds that follow the view's range; subclasses paint inside ``_view_rect()``."""

    def _view_rect(self) -> QRectF:
        view = self.getViewBox()
        return QRectF() if view is None else QRectF(view.viewRect())

    def boundingRect(self) -> QRectF:  # Qt's name
        return self._view_rect()

    def viewRangeChanged(self) -> None:  # pyqtgraph's name
        self.prepareGeometryChange()
        super().viewRangeChanged()
