"""Text painted in a chart as pyqtgraph's ``TextItem`` paints it, never scaled with the
view: the same document (default font and margins), in pixels from a point of the
scene. Shared by the items that draw many labels as one (``ValueLabels``, ``LevelLine``)
instead of a ``TextItem`` each (issue 17)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument, QTransform


def label_document(text: str) -> QTextDocument:
    """A ``TextItem``'s document of ``text``: default font and margins, laid out once."""
    document = QTextDocument()
    document.setPlainText(text)
    return document


def text_context(colour: QColor) -> QAbstractTextDocumentLayout.PaintContext:
    """How a document's text is painted in ``colour``."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette = palette
    return context


def pixel_transforms(item: Any, painter: Any) -> tuple[QTransform, QTransform] | None:
    """``item``'s transform to the scene, and the scene's to ``painter``'s device with the
    item's own undone (pixels from a scene point): None while the view has no size."""
    to_scene = item.sceneTransform()
    from_scene, invertible = to_scene.inverted()
    if not invertible:
        return None
    return to_scene, from_scene * painter.transform()


def at_pixels(painter: Any, at: QPointF, scene_to_device: QTransform) -> None:
    """Paint from now on in pixels from ``at`` (a point of the scene)."""
    painter.setTransform(QTransform.fromTranslate(at.x(), at.y()) * scene_to_device)
