"""A dialog's opening size that never cuts its own text.

Why: ``setMinimumWidth`` on a dialog replaces its layout's minimum, so a translation or a
larger font that needs more room is squeezed (check boxes cut, wrapped labels short of a
line). Here the preferred width is only where the dialog opens; the layout keeps its say
over the minimum, and the height follows the wrapped text at that width.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def open_at_width(dialog: QDialog, width: int) -> None:
    """Open ``dialog`` at least ``width`` px wide (wider when its layout needs it), tall
    enough for its wrapped labels at that width."""
    layout = dialog.layout()
    if layout is None:
        dialog.resize(width, dialog.sizeHint().height())
        return
    layout.activate()
    minimum = layout.totalMinimumSize()
    wide = max(width, minimum.width())
    tall = layout.totalHeightForWidth(wide) if layout.hasHeightForWidth() else 0
    dialog.resize(wide, max(tall, minimum.height(), layout.totalSizeHint().height()))
