"""Pages made of tabs build a tab when it is first needed, and reload the tab being
shown, and only that one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QStackedWidget,
    QStyle,
    QStyleOptionTabWidgetFrame,
    QTabWidget,
    QWidget,
)


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


class SteadyTabWidget(QTabWidget):
    """A ``QTabWidget`` that repaints its pages only when its layout changes.

    Why: Qt's tab widget answers every layout request from below (a label's new text,
    a list's scroll bar, a chart placed in its slot) by laying out its tab bar and
    pages again and repainting itself, and with it the whole page it holds, even when
    nothing moved. One skill's table ends each load with such requests: 41-47 ms of
    the GUI thread's CPU in the turns after ``loaded``, a whole-page repaint of the
    supervisor page every time (Qt's paint log: the tab widget marked dirty twice an
    open; issue 17). Here a request that would put the tab bar and the pages where
    they already are is passed on upwards (``updateGeometry``, as Qt does) without
    the repaint; any other goes through Qt's own layout."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self._settled():
            self.updateGeometry()
            return QWidget.event(self, event)
        return super().event(event)

    def _settled(self) -> bool:
        """Whether Qt's layout would leave the tab bar and the pages' stack where they
        are (the rectangles it computes, from the same style option)."""
        if self.cornerWidget(Qt.Corner.TopRightCorner) or self.cornerWidget(
            Qt.Corner.TopLeftCorner
        ):
            return False
        stack = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        if stack is None or not self.isVisible():
            return False
        option = QStyleOptionTabWidgetFrame()
        self.initStyleOption(option)
        style = self.style()
        bar = style.subElementRect(QStyle.SubElement.SE_TabWidgetTabBar, option, self)
        pages = style.subElementRect(QStyle.SubElement.SE_TabWidgetTabContents, option, self)
        return self.tabBar().geometry() == bar and stack.geometry() == pages


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
