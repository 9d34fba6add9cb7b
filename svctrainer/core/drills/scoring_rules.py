"""Versions of the house's drill scoring rules, and which one a stored result was scored by.

A stored attempt must rescore from its event log to exactly the figures it was saved
with, yet the rules improve: a clock that times thinking drills from the moment the case
is shown, errors counted as people count them. So each result records the rules version
that scored it (``DrillResult.rules``, kept with the attempt's details); replaying a log
under that version (``registry.replay(..., rules=)``) gives the stored figures, and every
new run is scored by ``CURRENT``.

Versions:

1. The rules up to 2026-12: every kind but the text-entry and counter-procedure drills on
   the keying clock (clock from the first key, gaps over 5 s credited 5 s where the mode
   pauses); a refused or wrong confirmation (Enter, Tab) always an error, even on an
   entry already holding a wrong character. Results stored before versions were
   recorded read as version 1.
2. Timing that fits each drill: drawer balancing runs on the thinking clock from the
   moment its first case is shown, with no idle pause and at most
   ``drawer_balancing.CASE_CAP_S`` credited to one case (``DrillKind.clock_for``).
   Errors as people count them: one error per wrong character keyed; a confirmation is an
   error only when it is the first thing wrong with its entry (``typing_engine``).
   Voucher summing's minus key subtracts as on an adding machine (``voucher_summing``);
   under rules 1 it did nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FIRST = 1
CASE_CLOCK_AND_CHARACTER_ERRORS = 2
CURRENT = CASE_CLOCK_AND_CHARACTER_ERRORS
KNOWN = frozenset({FIRST, CASE_CLOCK_AND_CHARACTER_ERRORS})


def check(rules: int) -> int:
    """``rules`` when it is a version this house knows; ValueError otherwise (a result
    from a newer release is not rescored by older rules)."""
    if type(rules) is not int or rules not in KNOWN:
        raise ValueError(f"unknown scoring rules version {rules!r}")
    return rules


def rules_of(stored_result: Mapping[str, Any] | None) -> int:
    """The rules version a stored result (``DrillResult.to_dict``, as an attempt row
    keeps it) was scored by: ``FIRST`` for results stored before versions were recorded."""
    if not stored_result:
        return FIRST
    return check(stored_result.get("rules", FIRST))
