"""The numbered arguments every translated GUI string is filled with."""

from hypothesis import given
from hypothesis import strategies as st

from svctrainer.gui.i18n import fill


def test_a_translation_may_reorder_the_arguments():
    assert fill("%2 的 %1", "Ten-key", "王芳") == "王芳 的 Ten-key"


def test_a_value_that_looks_like_a_marker_is_not_filled_again():
    assert fill("%1 and %2", "50%2", "x") == "50%2 and x"


def test_a_marker_without_a_value_stays_visible():
    assert fill("%1 of %2", "3") == "3 of %2"


@given(st.lists(st.text(), min_size=1, max_size=9))
def test_every_value_appears_once_in_order(values):
    text = " | ".join(f"%{i}" for i in range(1, len(values) + 1))
    assert fill(text, *values) == " | ".join(values)


def test_an_english_plural_from_translate_reads_as_english(qapp):
    """lupdate gives translate() no plural entry, so English once read "1 character(s)"."""
    from svctrainer.gui.i18n import translate

    assert translate("Test", "%n character(s) typed", None, 1) == "1 character typed"
    assert translate("Test", "%n character(s) typed", None, 3) == "3 characters typed"
    assert translate("Test", "Choose option(s)") == "Choose option(s)"  # no count: unchanged


def test_grade_meanings_speak_of_keys_only_for_keying_drills(qapp):
    """A counter-procedure grade once read "≤ 1 wrong key in 3" beside cases an hour."""
    from decimal import Decimal

    from svctrainer.gui.drills.result_screen import grade_meaning

    assert grade_meaning({"accuracy": Decimal("0.9"), "cases_per_hour": Decimal(30)}) == ""
    keyed = grade_meaning({"accuracy": Decimal("0.95"), "net_kph": Decimal(9000)})
    assert "3.2 s" in keyed
    assert "wrong key in 20" in keyed
