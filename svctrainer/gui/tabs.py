"""Pages made of tabs reload the tab being shown, and only that one."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QTabWidget


@runtime_checkable
class RefreshableTab(Protocol):
    """A tab that loads its data on demand (when shown, or on F5)."""

    def refresh(self) -> None: ...


def refresh_current_tab(tabs: QTabWidget) -> None:
    """Reload the tab on show; tabs without data of their own are left alone."""
    tab = tabs.currentWidget()
    if isinstance(tab, RefreshableTab):
        tab.refresh()
