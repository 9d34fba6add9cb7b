import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.text_fields import (
    NAME_MAX,
    FieldError,
    clean_employee_number,
    clean_name,
    clean_note,
)


@pytest.mark.parametrize("name", ["Li Na", "李娜", "José Ñúñez", "Ana 👩‍💼 Lee", "O'Brien-Smith"])
def test_real_names_are_kept(name):
    assert clean_name(f"  {name} ") == name


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * (NAME_MAX + 1), "limit"),
        ("evil\u202egnp.exe", "text-direction"),
        ("bell\x07", "control"),
        ("new\nline", "control"),
        ("zero\u200bwidth", "control"),
    ],
)
def test_bad_names_are_refused_with_a_reason(value, fragment):
    with pytest.raises(FieldError, match=fragment):
        clean_name(value)


def test_notes_may_span_lines():
    assert clean_note("line one\nline two") == "line one\nline two"


@pytest.mark.parametrize("number", ["E1001", "branch.7-a_1"])
def test_employee_numbers(number):
    assert clean_employee_number(number) == number


@pytest.mark.parametrize("number", ["", "E 1001", "李1", "-1", "x" * 33])
def test_bad_employee_numbers(number):
    with pytest.raises(FieldError):
        clean_employee_number(number)


@given(st.text(max_size=200))
def test_any_text_is_either_cleaned_or_refused(text):
    try:
        cleaned = clean_name(text)
    except FieldError:
        return
    assert cleaned == cleaned.strip()
    assert 0 < len(cleaned) <= NAME_MAX
    assert "\u202e" not in cleaned
