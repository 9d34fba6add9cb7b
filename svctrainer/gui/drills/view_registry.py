"""Which view draws which drill type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from svctrainer.core.drills.base import DrillRun
from svctrainer.gui.drills.change_view import MakingChangeView
from svctrainer.gui.drills.counting_view import CashCountingView
from svctrainer.gui.drills.drawer_view import DrawerBalancingView
from svctrainer.gui.drills.typing_views import DataEntryView, TenKeyView
from svctrainer.gui.drills.voucher_view import VoucherSummingView
from svctrainer.gui.drills.words_view import AmountWordsView

ViewFactory = Callable[[DrillRun, bool], QWidget]

VIEWS: dict[str, ViewFactory] = {
    "tenkey": TenKeyView,  # type: ignore[dict-item]
    "data_entry": DataEntryView,  # type: ignore[dict-item]
    "voucher_summing": VoucherSummingView,  # type: ignore[dict-item]
    "amount_words": AmountWordsView,  # type: ignore[dict-item]
    "making_change": MakingChangeView,  # type: ignore[dict-item]
    "cash_counting": CashCountingView,  # type: ignore[dict-item]
    "drawer_balancing": DrawerBalancingView,  # type: ignore[dict-item]
}


def view_for(run: DrillRun, hints: bool) -> QWidget:
    factory = VIEWS.get(run.definition.drill_type)
    if factory is None:
        raise LookupError(f"no screen for drill type {run.definition.drill_type!r}")
    return factory(run, hints)
