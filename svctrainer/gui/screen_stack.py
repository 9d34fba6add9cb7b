"""A drill or result screen shown in place of a page's own view, and taken away again.

The practice page and the contest page both put one screen at a time on their stack (a
drill, then its result) and go back to their main view after it; each screen is deleted
when it leaves, so a finished drill holds no timers or services.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget


def show_screen(stack: QStackedWidget, current: QWidget | None, screen: QWidget) -> QWidget:
    """Put ``screen`` on ``stack`` in place of ``current`` (deleted); returns ``screen``."""
    drop_screen(stack, current)
    stack.addWidget(screen)
    stack.setCurrentWidget(screen)
    screen.setFocus()
    return screen


def drop_screen(stack: QStackedWidget, current: QWidget | None) -> None:
    """Take ``current`` off ``stack`` and delete it (nothing when there is none)."""
    if current is not None:
        stack.removeWidget(current)
        current.deleteLater()
