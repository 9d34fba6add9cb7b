"""A chart's place on a screen, and a chart drawn in stages to fill it.

A screen shows its text at once and draws its charts in later turns of the event loop:
one chart built whole took 60-85 ms of one turn on a quiet machine (a scenario's debrief,
bench/bench_heartbeat.py; issue 17: no gap over 100 ms), so a chart that can draws a
stage a turn, and its slot shows it only once it is whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

C = TypeVar("C", bound=QWidget)


class StagedChart(QWidget):
    """A chart drawn in stages, each small enough for one turn of the event loop: a
    ``ChartSlot`` draws a stage a turn (a debrief chart whole held the window 60-85 ms,
    bench/bench_heartbeat.py); built with ``later=False`` it is drawn whole at once.
    Subclasses hand their drawing, a generator that yields between two stages, to
    ``_begin``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stages: Iterator[None] | None = None

    def _begin(self, stages: Iterator[None], *, later: bool) -> None:
        self._stages = stages
        if not later:
            self.finish()

    def next_stage(self) -> bool:
        """Draw the next stage; whether any is left."""
        if self._stages is None:
            return False
        if next(self._stages, _DRAWN) is _DRAWN:
            self._stages = None
            return False
        return True

    def finish(self) -> None:
        """Draw every stage left."""
        while self.next_stage():
            pass


_DRAWN = object()


class ChartSlot(QWidget, Generic[C]):
    """A chart's place in a layout, at the chart's size, filled when the chart is drawn:
    a screen shows its text at once and draws its charts in later turns, a stage per
    ``step()`` where the chart draws in stages (``StagedChart``, built with
    ``later=True``), or all of it when ``chart`` is first asked for. ``height`` None:
    the slot takes the height its layout gives it (a chart beside a table in a
    splitter), as the chart itself would.

    A page's slots not built when the page is made are built, a turn each, before the
    window first shows the page at sign-in (``MainWindow._reveal_session``)."""

    def __init__(self, build: Callable[[], C], min_width: int, height: int | None) -> None:
        super().__init__()
        self._build: Callable[[], C] | None = build
        self._pending: C | None = None  # built, not drawn whole yet
        self._chart: C | None = None
        self.setMinimumWidth(min_width)
        if height is not None:
            self.setFixedHeight(height)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        """Whether the chart is drawn whole and in its place."""
        return self._chart is not None

    def step(self) -> bool:
        """One turn's work: build the chart and draw its first stage, or draw its next
        one; when it is drawn whole, put it in its place. Whether it is there now."""
        if self._chart is not None:
            return True
        chart = self._pending if self._pending is not None else self._start()
        if isinstance(chart, StagedChart) and chart.next_stage():
            self._hold(chart)
            return False
        self._place(chart)
        return True

    @property
    def chart(self) -> C:
        """The chart, drawn whole now if it is not yet."""
        if self._chart is None:
            chart = self._pending if self._pending is not None else self._start()
            if isinstance(chart, StagedChart):
                chart.finish()
            self._place(chart)
        assert self._chart is not None  # noqa: S101 - placed just now
        return self._chart

    def _start(self) -> C:
        assert self._build is not None  # noqa: S101 - set until the chart is built
        self._pending = self._build()
        self._build = None  # what it captured is not needed any more
        return self._pending

    def _hold(self, chart: C) -> None:
        """Keep a chart drawn over several turns as the slot's (hidden) meanwhile, not
        Python's alone.

        Why: a chart half drawn when its screen went (a debrief left, a sign-out, a
        closed window) lived on, plots and all, until a garbage collection freed it, on
        whichever thread ran one. Freed off the GUI thread, PySide queues the Qt objects
        for the GUI thread to delete, and the GUI thread crashed deleting them
        (segmentation fault; the likely cause of a test worker's crash in a collection).
        Held, it is deleted by Qt with the slot."""
        if chart.parent() is not self:
            chart.setParent(self)
            chart.hide()

    def _place(self, chart: C) -> None:
        self._chart, self._pending = chart, None
        if chart.parent() is self:
            # Into the layout as a chart built on its own goes, to be shown as one (on
            # the next turn when the slot is on screen, with the slot otherwise): a
            # child hidden by hand stays hidden when its parent shows; one parented
            # anew by the layout does not.
            chart.setParent(None)
            chart.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)
        self._box.addWidget(chart)
