"""How a page takes the person elsewhere, without knowing the window it lives in.

Pages used to find the main window (``widget.window()``), look for a ``go_to`` on it and
poke the Practice page's methods by name. The window now hands every page one
``Navigator`` (``AppContext.navigator``) that says what can be asked for: show a page,
start a drill on the Practice page, put a note in the status bar.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

STATUS_NOTE_MS = 8000


class Navigator:
    """``show_page(key)`` shows a page (built on first use) and returns it, or None when the
    signed-in person may not see it; ``show_status(text, ms)`` writes the status bar.

    Both are usually methods of the window, which owns the navigator: they are held
    weakly, so the two never form a reference cycle (which the garbage collector could
    free on the database worker's thread, where Qt objects must not die)."""

    def __init__(
        self,
        show_page: Callable[[str], QWidget | None],
        show_status: Callable[[str, int], None],
    ) -> None:
        self._show_page = _held_weakly(show_page)
        self._show_status = _held_weakly(show_status)

    def _page(self, key: str) -> QWidget | None:
        show_page = self._show_page()
        return show_page(key) if show_page is not None else None

    def go_to(self, key: str) -> bool:
        """Show the page ``key`` (see ``gui.navigation.TARGETS``); False when the signed-in
        person may not see it."""
        return self._page(key) is not None

    def practise(self, content_id: str, mode: str | None = None) -> bool:
        """Open Practice and start ``content_id`` in ``mode`` (practice when None) as soon
        as its definition is loaded. False when the person has no Practice page or it
        cannot find the drill."""
        from svctrainer.core.packs.definition import Mode  # noqa: PLC0415
        from svctrainer.gui.pages.practice import PracticePage  # noqa: PLC0415 - built on demand

        page = self._page("practice")
        if not isinstance(page, PracticePage):
            return False
        return page.start_when_loaded(content_id, Mode(mode) if mode else Mode.PRACTICE)

    def tell(self, text: str, msecs: int = STATUS_NOTE_MS) -> None:
        """A short note in the status bar ("Saved report.pdf")."""
        show_status = self._show_status()
        if show_status is not None:
            show_status(text, msecs)


def _held_weakly(fn: Callable[..., Any]) -> Callable[[], Callable[..., Any] | None]:
    """A bound method by weak reference; any other callable as it is."""
    if inspect.ismethod(fn):
        return weakref.WeakMethod(fn)
    return lambda: fn
