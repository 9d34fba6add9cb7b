"""How a page takes the person elsewhere, without knowing the window it lives in.

Pages used to find the main window (``widget.window()``), look for a ``go_to`` on it and
poke the Practice page's methods by name. The window now hands every page one
``Navigator`` (``AppContext.navigator``) that says what can be asked for: show a page,
start a drill on the Practice page, put a note in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

STATUS_NOTE_MS = 8000


class Navigator:
    """``show_page(key)`` shows a page (built on first use) and returns it, or None when the
    signed-in person may not see it; ``show_status(text, ms)`` writes the status bar."""

    def __init__(
        self,
        show_page: Callable[[str], QWidget | None],
        show_status: Callable[[str, int], None],
    ) -> None:
        self._show_page = show_page
        self._show_status = show_status

    def go_to(self, key: str) -> bool:
        """Show the page ``key`` (see ``gui.navigation.TARGETS``); False when the signed-in
        person may not see it."""
        return self._show_page(key) is not None

    def practise(self, content_id: str, mode: str | None = None) -> bool:
        """Open Practice and start ``content_id`` in ``mode`` (practice when None) as soon
        as its definition is loaded. False when the person has no Practice page or it
        cannot find the drill."""
        from svctrainer.core.packs.definition import Mode  # noqa: PLC0415
        from svctrainer.gui.pages.practice import PracticePage  # noqa: PLC0415 - built on demand

        page = self._show_page("practice")
        if not isinstance(page, PracticePage):
            return False
        return page.start_when_loaded(content_id, Mode(mode) if mode else Mode.PRACTICE)

    def tell(self, text: str, msecs: int = STATUS_NOTE_MS) -> None:
        """A short note in the status bar ("Saved report.pdf")."""
        self._show_status(text, msecs)
