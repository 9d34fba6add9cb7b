"""The one way a screen scrolls when its content outgrows the window.

Why: a 1366×768 counter laptop at 150 % text is smaller than most pages' natural size. A
layout that insists on its size makes the window grow past the screen and cuts off its
edges (the keypad, Stop, Back); inside a frameless scroll area the page takes the room it
is given and scrolls only when it truly needs more.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolled(widget: QWidget, *, sideways: bool = False) -> QScrollArea:
    """``widget`` in a frameless scroll area that resizes it to the space shown.

    Vertical scrolling appears when needed; sideways scrolling only when ``sideways``
    (a page must fit the width; only a wide page frame keeps a last-resort scrollbar)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area
