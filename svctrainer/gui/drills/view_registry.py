"""Which view draws which drill type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from svctrainer.core.drills.base import DrillRun
from svctrainer.gui.drills.typing_views import DataEntryView, TenKeyView

ViewFactory = Callable[[DrillRun, bool], QWidget]

VIEWS: dict[str, ViewFactory] = {
    "tenkey": TenKeyView,  # type: ignore[dict-item]
    "data_entry": DataEntryView,  # type: ignore[dict-item]
}


def view_for(run: DrillRun, hints: bool) -> QWidget:
    factory = VIEWS.get(run.definition.drill_type)
    if factory is None:
        raise LookupError(f"no screen for drill type {run.definition.drill_type!r}")
    return factory(run, hints)
