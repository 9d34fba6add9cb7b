"""Pages made of tabs build a tab when it is first needed, and reload the tab being
shown, and only that one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtWidgets import QTabWidget, QWidget


@runtime_checkable
class RefreshableTab(Protocol):
    """A tab that loads its data on demand (when shown, or on F5)."""

    def refresh(self) -> None: ...


def refresh_current_tab(tabs: QTabWidget) -> None:
    """Reload the tab on show; tabs without data of their own are left alone."""
    tab = tabs.currentWidget()
    if isinstance(tab, RefreshableTab):
        tab.refresh()


W_co = TypeVar("W_co", bound=QWidget, covariant=True)


class LazyTab(Generic[W_co]):
    """A tab built the first time it is needed: shown, or asked for by ``widget``.

    Why: a page of tabs built every tab when it was built, at sign-in for the landing
    page: the supervisor page held the GUI thread for its charts and forms of four tabs
    nobody had opened yet (bench/bench_heartbeat.py). Until then an empty placeholder
    holds the tab's place and title; the built tab then takes the placeholder's index,
    so ``tabs.setCurrentWidget(page.some_tab)`` and the tab order work as before.
    """

    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], W_co]) -> None:
        self._tabs = tabs
        self._build = build
        self._widget: W_co | None = None
        self.placeholder = QWidget()
        self.placeholder.setObjectName("tabPlaceholder")
        tabs.addTab(self.placeholder, title)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def holds(self, widget: QWidget | None) -> bool:
        """Whether ``widget`` (say, ``tabs.widget(i)``) is this tab, built or not."""
        return widget is not None and (widget is self.placeholder or widget is self._widget)

    @property
    def widget(self) -> W_co:
        """The tab, built (in the placeholder's place) if it was not yet."""
        if self._widget is None:
            widget = self._widget = self._build()
            tabs = self._tabs
            index = tabs.indexOf(self.placeholder)
            was_current = tabs.currentIndex() == index
            # The tab goes in before the placeholder leaves: removing the current tab
            # first would show (and load) its neighbour for a moment. The page's own
            # currentChanged handler is not told: the index it knows stays the same.
            blocked = tabs.blockSignals(True)
            try:
                tabs.insertTab(index, widget, tabs.tabText(index))
                if was_current:
                    tabs.setCurrentIndex(index)
                tabs.removeTab(index + 1)
            finally:
                tabs.blockSignals(blocked)
            self.placeholder.deleteLater()
        return self._widget
