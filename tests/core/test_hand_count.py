"""Hand-count logging: the record's validation (every problem at once, as codes) and the
contest formula, pinned on hand-computed cases, giving charts the drills' figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.details import DetailsError
from svctrainer.core.drills.result import DrillResult
from svctrainer.core.hand_count import (
    CountingMethod,
    HandCountDetails,
    HandCountError,
    HandCountProblem,
    HandCountRecord,
)

DAY = dt.date(2025, 3, 14)


def record(**changes: object) -> HandCountRecord:
    values: dict[str, object] = {
        "person_id": 7,
        "day": DAY,
        "minutes": 5,
        "notes_counted": 620,
        "defects_found": 2,
        "banding_penalties": 1,
        "defects_planted": 3,
    }
    values.update(changes)
    return HandCountRecord(**values)  # type: ignore[arg-type]


def test_contest_formula_on_a_five_minute_count():
    r = record()
    assert r.missed_defects == 1
    assert r.net_notes == 500  # 620 − 100 × 1 missed − 20 × 1 banding penalty
    assert r.figures() == {
        "notes_per_min": 100.0,  # 500 / 5
        "gross_notes_per_min": 124.0,  # 620 / 5
        "accuracy": 0.6667,  # 2 of 3 defects found
        "score": 66.7,  # 100 × 100 / 150
    }


def test_three_minutes_without_planted_defects():
    r = record(
        minutes=3, notes_counted=400, defects_found=0, banding_penalties=0, defects_planted=None
    )
    assert r.figures() == {
        "notes_per_min": 133.3,  # 400 / 3
        "gross_notes_per_min": 133.3,
        "accuracy": 1.0,
        "score": 88.9,  # 100 × 133.3 / 150
    }
    assert r.figures(Decimal(100))["score"] == 100.0  # capped


def test_net_notes_never_go_below_zero():
    r = record(minutes=3, notes_counted=50, defects_found=0, banding_penalties=0, defects_planted=2)
    assert (r.net_notes, r.figures()["notes_per_min"], r.figures()["accuracy"]) == (0, 0.0, 0.0)


def test_as_a_result_it_charts_with_the_cash_counting_drill():
    result = record().to_result()
    assert (result.drill_type, result.speed_unit, result.speed) == (
        "hand_count",
        "notes_per_min",
        100.0,
    )
    assert (result.active_ms, result.strokes, result.valid, result.mode) == (
        300_000,
        620,
        True,
        "test",
    )
    assert (result.accuracy, result.score, result.definition_id) == (
        0.6667,
        66.7,
        "hand-count-5min",
    )
    assert result.details.to_dict()["day"] == "2025-03-14"
    assert result.details.to_dict()["missed_defects"] == 1
    assert DrillResult.from_dict(result.to_dict(), HandCountDetails) == result
    tiny = record(notes_counted=5, defects_found=0, defects_planted=0, banding_penalties=0)
    assert (tiny.to_result().valid, tiny.to_result().invalid_reason) == (
        False,
        "fewer_than_10_strokes",
    )


def codes(exc: pytest.ExceptionInfo[HandCountError]) -> list[tuple[str, str]]:
    return [(p.field, str(p.code)) for p in exc.value.problems]


def test_every_problem_is_reported_at_once():
    with pytest.raises(HandCountError) as exc:
        record(person_id=0, minutes=4, notes_counted=-1, banding_penalties=True, defects_found=4)
    assert codes(exc) == [
        ("person_id", "bad_person"),
        ("minutes", "bad_minutes"),
        ("notes_counted", "out_of_range"),
        ("banding_penalties", "out_of_range"),  # a bool is not a count
        ("defects_found", "more_found_than_planted"),
    ]
    assert exc.value.problems[1].params == {"allowed": "3 or 5"}
    assert exc.value.problems[2].params == {"minimum": 0, "maximum": 5000}


def test_bad_values_of_each_field():
    for changes, expected in [
        ({"day": "2025-03-14"}, ("day", HandCountProblem.BAD_DATE)),
        ({"notes_counted": 5001}, ("notes_counted", HandCountProblem.OUT_OF_RANGE)),
        ({"defects_planted": 101}, ("defects_planted", HandCountProblem.OUT_OF_RANGE)),
        ({"minutes": 5.0}, ("minutes", HandCountProblem.BAD_MINUTES)),
    ]:
        with pytest.raises(HandCountError) as exc:
            record(**changes)
        assert [(p.field, p.code) for p in exc.value.problems] == [expected]


def test_create_refuses_a_future_day_together_with_other_problems():
    values = {
        "person_id": 7,
        "day": DAY,
        "minutes": 3,
        "notes_counted": 300,
        "defects_found": 0,
        "banding_penalties": 0,
    }
    assert HandCountRecord.create(**values, today=DAY).day == DAY  # today itself is fine
    with pytest.raises(HandCountError) as exc:
        HandCountRecord.create(**values, today=DAY - dt.timedelta(days=1))
    assert codes(exc) == [("day", "date_in_future")]
    with pytest.raises(HandCountError) as exc:
        HandCountRecord.create(**{**values, "minutes": 10}, today=DAY - dt.timedelta(days=1))
    assert codes(exc) == [("minutes", "bad_minutes"), ("day", "date_in_future")]


@given(
    minutes=st.sampled_from([3, 5, 0, 4, -3]),
    notes=st.integers(-10, 6000),
    found=st.integers(-2, 120),
    planted=st.none() | st.integers(-2, 120),
    penalties=st.integers(-2, 120),
)
def test_any_entry_is_either_refused_or_gives_sane_figures(
    minutes, notes, found, planted, penalties
):
    try:
        r = record(
            minutes=minutes,
            notes_counted=notes,
            defects_found=found,
            defects_planted=planted,
            banding_penalties=penalties,
        )
    except HandCountError as exc:
        problems = exc.problems
    else:
        problems = []
    if problems:
        return
    figures = r.figures()
    assert 0 <= r.net_notes <= r.notes_counted
    assert 0 <= figures["notes_per_min"] <= figures["gross_notes_per_min"]
    assert 0 <= figures["accuracy"] <= 1
    assert 0 <= figures["score"] <= 100


def test_the_method_banding_and_stamping_are_stored_and_older_entries_read_as_not_recorded():
    full = record(method=CountingMethod.FAN, banded=True, stamped=False).to_result()
    data = full.to_dict()
    assert data["details_version"] == 2
    assert (data["details"]["method"], data["details"]["banded"], data["details"]["stamped"]) == (
        "fan",
        True,
        False,
    )
    assert DrillResult.from_dict(data, HandCountDetails) == full
    old = dict(data["details"])
    for key in ("method", "banded", "stamped"):
        del old[key]
    read = HandCountDetails.from_dict(old, 1)  # a row stored before these were asked
    assert (read.method, read.banded, read.stamped) == (None, None, None)
    with pytest.raises(DetailsError, match="'thumb' is not a counting method"):
        HandCountDetails.from_dict({**data["details"], "method": "thumb"}, 2)
