"""The mouse wheel over a chart scrolls the page the chart sits on.

A pyqtgraph plot is a ``QGraphicsView``, itself a scroll area: it takes every wheel
event that reaches it, and with zooming switched off (charts are read, not explored) it
does nothing with it, so a debrief or a progress page stopped scrolling wherever the
pointer crossed a chart. ``pass_wheel_to_page`` hands each wheel event over the plot
to the nearest enclosing scroll area that can still move in that direction (the page),
as Qt would for a plain widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


class _WheelToPage(QObject):
    def __init__(self, plot: QAbstractScrollArea) -> None:
        super().__init__(plot)
        self._plot = plot

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        area = self._plot.parentWidget()
        while area is not None:
            if isinstance(area, QAbstractScrollArea):
                event.setAccepted(False)
                QCoreApplication.sendEvent(area.viewport(), event)
                if event.isAccepted():
                    return True
            area = area.parentWidget()
        event.ignore()
        return True  # nothing to scroll: the chart does not zoom either


def pass_wheel_to_page(plot: QWidget) -> None:
    """Send wheel events over ``plot`` (a pyqtgraph ``PlotWidget``) to the page."""
    assert isinstance(plot, QAbstractScrollArea)  # noqa: S101 - a QGraphicsView
    plot.viewport().installEventFilter(_WheelToPage(plot))
