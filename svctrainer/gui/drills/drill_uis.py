"""The GUI of every built-in drill kind, one ``DrillUI`` each, keyed by its core kind.

To give a new kind its screens: write its view (a widget with ``refresh`` and
``wants_ime``) and its result section (``tiles`` and ``build`` over its ``Details``), then
declare its ``DrillUI`` here: display name, the names of units it introduces, view,
section. ``tests/gui/test_drill_uis.py`` fails for a kind without one.
"""

from __future__ import annotations

from svctrainer.core.drills.amount_words_drill import AMOUNT_WORDS
from svctrainer.core.drills.cash_counting import CASH_COUNTING
from svctrainer.core.drills.counter_procedure import COUNTER_PROCEDURE
from svctrainer.core.drills.data_entry import DATA_ENTRY
from svctrainer.core.drills.drawer_balancing import DRAWER_BALANCING
from svctrainer.core.drills.making_change import MAKING_CHANGE
from svctrainer.core.drills.tenkey import TENKEY
from svctrainer.core.drills.text_entry import TEXT_ENTRY
from svctrainer.core.drills.voucher_summing import VOUCHER_SUMMING
from svctrainer.gui.drills.change_result import CHANGE_SECTION
from svctrainer.gui.drills.change_view import MakingChangeView
from svctrainer.gui.drills.counting_result import COUNTING_SECTION
from svctrainer.gui.drills.counting_view import CashCountingView
from svctrainer.gui.drills.drawer_result import DRAWER_SECTION
from svctrainer.gui.drills.drawer_view import DrawerBalancingView
from svctrainer.gui.drills.drill_ui import DrillUI, register_ui
from svctrainer.gui.drills.keyboard_widget import KEYBOARD, KEYPAD
from svctrainer.gui.drills.procedure_result import PROCEDURE_SECTION
from svctrainer.gui.drills.procedure_view import CounterProcedureView
from svctrainer.gui.drills.text_entry_ui import TEXT_ENTRY_SECTION, TextEntryView
from svctrainer.gui.drills.typing_result import typing_section
from svctrainer.gui.drills.typing_views import DataEntryView, TenKeyView
from svctrainer.gui.drills.voucher_result import VOUCHER_SECTION
from svctrainer.gui.drills.voucher_view import VoucherSummingView
from svctrainer.gui.drills.words_result import WORDS_SECTION
from svctrainer.gui.drills.words_view import AmountWordsView
from svctrainer.gui.i18n import translate

TENKEY_UI = DrillUI(
    kind=TENKEY,
    name=lambda: translate("figures", "Ten-key amounts"),
    view=TenKeyView,
    section=typing_section(KEYPAD, fingers=True),
)
DATA_ENTRY_UI = DrillUI(
    kind=DATA_ENTRY,
    name=lambda: translate("figures", "Data entry"),
    view=DataEntryView,
    section=typing_section(KEYBOARD),
)
VOUCHER_SUMMING_UI = DrillUI(
    kind=VOUCHER_SUMMING,
    name=lambda: translate("figures", "Voucher summing"),
    view=VoucherSummingView,
    section=VOUCHER_SECTION,
    unit_names=lambda: {
        "vouchers_per_min": translate("figures", "vouchers/min"),
        "groups_correct": translate("figures", "totals right"),
    },
)
AMOUNT_WORDS_UI = DrillUI(
    kind=AMOUNT_WORDS,
    name=lambda: translate("figures", "Amounts in words"),
    view=AmountWordsView,
    section=WORDS_SECTION,
    unit_names=lambda: {"answers_per_min": translate("figures", "answers/min")},
)
MAKING_CHANGE_UI = DrillUI(
    kind=MAKING_CHANGE,
    name=lambda: translate("figures", "Making change"),
    view=MakingChangeView,
    section=CHANGE_SECTION,
    unit_names=lambda: {"items_per_min": translate("figures", "items/min")},
)
CASH_COUNTING_UI = DrillUI(
    kind=CASH_COUNTING,
    name=lambda: translate("figures", "Cash counting"),
    view=CashCountingView,
    section=COUNTING_SECTION,
    unit_names=lambda: {"gross_notes_per_min": translate("figures", "gross notes/min")},
)
DRAWER_BALANCING_UI = DrillUI(
    kind=DRAWER_BALANCING,
    name=lambda: translate("figures", "Drawer balancing"),
    view=DrawerBalancingView,
    section=DRAWER_SECTION,
    unit_names=lambda: {"cases_per_hour": translate("figures", "cases/hour")},
)
COUNTER_PROCEDURE_UI = DrillUI(
    kind=COUNTER_PROCEDURE,
    name=lambda: translate("DrillKinds", "Counter procedures"),
    view=CounterProcedureView,
    section=PROCEDURE_SECTION,
    unit_names=lambda: {"cases_per_hour": translate("DrillKinds", "cases/hour")},
)
TEXT_ENTRY_UI = DrillUI(
    kind=TEXT_ENTRY,
    name=lambda: translate("DrillKinds", "Text entry (copy typing)"),
    view=TextEntryView,
    section=TEXT_ENTRY_SECTION,
    unit_names=lambda: {"gross_cpm": translate("DrillKinds", "gross CPM")},
)

for _ui in (
    TENKEY_UI,
    DATA_ENTRY_UI,
    VOUCHER_SUMMING_UI,
    AMOUNT_WORDS_UI,
    MAKING_CHANGE_UI,
    CASH_COUNTING_UI,
    DRAWER_BALANCING_UI,
    COUNTER_PROCEDURE_UI,
    TEXT_ENTRY_UI,
):
    register_ui(_ui)
