"""The order parallel workers take test modules in (tests/parallel.py): the longest
first, so that no worker is left alone on a long module at the end of a run."""

from __future__ import annotations

import re
from pathlib import Path

from parallel import LONG_RUNNING, LONG_UNMARKED, LONGEST_FIRST, start_rank

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_named_longest_exists_and_holds_a_slow_test():
    """A renamed or split module would silently lose its early start: the list must
    name modules that exist, once each, and are long (marked slow)."""
    assert len(set(LONGEST_FIRST)) == len(LONGEST_FIRST)
    for module in LONGEST_FIRST:
        text = (ROOT / module).read_text(encoding="utf-8")
        assert re.search(rf"mark\.{LONG_RUNNING}\b", text), module


def test_the_longest_start_first_then_the_slow_then_the_rest_in_collection_order():
    collected = [
        "tests/core/test_a.py",
        "tests/core/scenarios/test_choice_order.py",  # slow, not among the longest
        LONGEST_FIRST[1],
        "tests/store/test_b.py",
        LONGEST_FIRST[0],
    ]
    slow = {"tests/core/scenarios/test_choice_order.py", LONGEST_FIRST[0], LONGEST_FIRST[1]}
    ordered = sorted(collected, key=lambda module: start_rank(module, slow))
    assert ordered == [
        LONGEST_FIRST[0],
        LONGEST_FIRST[1],
        "tests/core/scenarios/test_choice_order.py",
        "tests/core/test_a.py",
        "tests/store/test_b.py",
    ]


def test_every_long_unmarked_module_exists_and_holds_no_slow_test():
    """Named once each, not among the slow (which start before them anyway)."""
    assert len(set(LONG_UNMARKED)) == len(LONG_UNMARKED)
    for module in LONG_UNMARKED:
        text = (ROOT / module).read_text(encoding="utf-8")
        assert not re.search(rf"mark\.{LONG_RUNNING}\b", text), module
        assert module not in LONGEST_FIRST


def test_the_long_unmarked_start_after_the_slow_and_before_the_rest():
    collected = [
        "tests/core/test_a.py",
        LONG_UNMARKED[0],
        "tests/core/scenarios/test_choice_order.py",  # slow, not among the longest
        "tests/store/test_b.py",
        LONGEST_FIRST[0],
    ]
    slow = {"tests/core/scenarios/test_choice_order.py", LONGEST_FIRST[0]}
    ordered = sorted(collected, key=lambda module: start_rank(module, slow))
    assert ordered == [
        LONGEST_FIRST[0],
        "tests/core/scenarios/test_choice_order.py",
        LONG_UNMARKED[0],
        "tests/core/test_a.py",
        "tests/store/test_b.py",
    ]
