"""The drill-specific part of the result screen, registered per drill type like the
drill views: each section builds a widget from the stored result details, and may say
what the "Errors" tile counts for that drill (wrong groups, wrong answers, …).

Sections read only the stored details (``AttemptRecord.details["details"]``), so the
result screen shows exactly what supervisors will see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

Details = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ResultSection:
    """``build(details)`` → the section's widget; ``errors(details)`` → the text of the
    Errors tile (None: the screen's own, keystroke errors)."""

    build: Callable[[Details], QWidget]
    errors: Callable[[Details], str] | None = None


def _sections() -> dict[str, ResultSection]:
    from svctrainer.gui.drills.change_result import CHANGE_SECTION  # noqa: PLC0415
    from svctrainer.gui.drills.counting_result import COUNTING_SECTION  # noqa: PLC0415
    from svctrainer.gui.drills.drawer_result import DRAWER_SECTION  # noqa: PLC0415
    from svctrainer.gui.drills.voucher_result import VOUCHER_SECTION  # noqa: PLC0415
    from svctrainer.gui.drills.words_result import WORDS_SECTION  # noqa: PLC0415

    return {
        "voucher_summing": VOUCHER_SECTION,
        "amount_words": WORDS_SECTION,
        "making_change": CHANGE_SECTION,
        "cash_counting": COUNTING_SECTION,
        "drawer_balancing": DRAWER_SECTION,
    }


_registry: dict[str, ResultSection] = {}


def register_section(drill_type: str, section: ResultSection) -> None:
    """Add or replace the section of a drill type (a plug-in drill brings its own)."""
    _load_builtin()
    _registry[drill_type] = section


def section_for(drill_type: str | None) -> ResultSection | None:
    _load_builtin()
    return _registry.get(drill_type or "")


def _load_builtin() -> None:
    # The section modules import ResultSection from here, so they load on first use.
    if "voucher_summing" not in _registry:
        for name, section in _sections().items():
            _registry.setdefault(name, section)
