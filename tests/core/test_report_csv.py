"""CSV rows for attempts and the dashboard: formatting by hand, formula injection (hypothesis)."""

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from svctrainer.core.analytics.dashboard import PersonSeries, StallStatus, summarise
from svctrainer.core.analytics.records import ExportedAttempt
from svctrainer.core.analytics.series import AttemptPoint, Metric
from svctrainer.core.report_csv import (
    ATTEMPT_COLUMNS,
    CSV_ENCODING,
    DASHBOARD_COLUMNS,
    FORMULA_PREFIXES,
    DashboardRow,
    attempt_cells,
    cell,
    dashboard_cells,
    duration_seconds,
    escape_cell,
    fixed,
    write_attempts_csv,
    write_csv,
    write_dashboard_csv,
)

STARTED = datetime(2024, 3, 5, 16, 15, 0, 999_000, tzinfo=timezone(timedelta(hours=8)))


def record(**changes):
    values = {
        "attempt_id": uuid.UUID("6f1c9a52-8b0e-4c1e-9d7a-0a4b5c6d7e8f"),
        "employee_number": "E1042",
        "person_name": '=HYPERLINK("http://evil.example","x")',
        "team": "Counter A",
        "content_kind": "drill",
        "content_id": "tenkey-amounts-test",
        "content_version": 3,
        "content_title": "Ten-key, amounts",
        "content_language": "en",
        "drill_type": "tenkey",
        "mode": "test",
        "started_at": STARTED,
        "duration_ms": 65_250,
        "speed": 9000.0,
        "speed_unit": "net_kph",
        "accuracy": 0.9812,
        "score": 87.25,
        "grade": None,
        "valid": True,
    }
    values.update(changes)
    return ExportedAttempt(**values)


def parse(text):
    return list(csv.reader(io.StringIO(text, newline="")))


# --- escaping ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t'=1"),  # a tab-separated spreadsheet splits at the tab
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("Li Wei", "Li Wei"),
        ("李伟", "李伟"),
        ("a=1", "a=1"),
        ("", ""),
        ("'already quoted", "'already quoted"),
    ],
)
def test_escape_cell(text, escaped):
    assert escape_cell(text) == escaped


@given(st.text())
@example('\t"')  # a tab then a quote: CI found the quote after the tab escaped too
def test_escaped_cells_survive_csv_and_never_start_a_formula(text):
    out = io.StringIO(newline="")
    write_csv(out, ["h"], [[escape_cell(text)]])
    rows = parse(out.getvalue())
    value = rows[1][0]
    assert not value.startswith(FORMULA_PREFIXES)
    assert value == escape_cell(text)
    # Escaping only ever inserts quotes: at the start, or after a ";" or tab that a
    # spreadsheet might split on. Nothing of the text is lost or changed.
    assert value.replace("'", "") == text.replace("'", "")
    if not any(separator in text for separator in ";\t"):
        assert value in (text, "'" + text)


@pytest.mark.parametrize("separator", [";", "\t"])
@given(text=st.text(alphabet=st.sampled_from(list("ab;\t=+-@\"', ＝")), max_size=12))
def test_no_piece_starts_a_formula_when_a_spreadsheet_splits_on_another_separator(separator, text):
    """Spreadsheets set to ';' (most of Europe) or tab split a comma-separated cell at
    every ';' or tab: ``Ann;=HYPERLINK(…)`` let a formula through in the second piece."""
    out = io.StringIO(newline="")
    write_csv(out, ["h", "i"], [["x", escape_cell(text)]])
    for line in out.getvalue().split("\r\n"):
        for field in next(csv.reader([line], delimiter=separator), []):
            assert not field.lstrip('"').startswith(FORMULA_PREFIXES), (text, field)
    assert parse(out.getvalue())[1][1].replace("'", "") == text.replace("'", "")


def test_a_formula_after_a_semicolon_is_neutralised():
    assert escape_cell('Ann;=HYPERLINK("http://x")') == 'Ann;\'=HYPERLINK("http://x")'
    assert escape_cell("a; b") == "a; b"


names = st.text(max_size=30)


@given(name=names, team=st.one_of(st.none(), names), title=names, grade=st.one_of(st.none(), names))
def test_attempt_rows_are_safe_whatever_people_type(name, team, title, grade):
    out = io.StringIO(newline="")
    rec = record(person_name=name, team=team, content_title=title, grade=grade)
    assert write_attempts_csv(out, [rec]) == 1
    header, row = parse(out.getvalue())
    assert tuple(header) == ATTEMPT_COLUMNS
    text_columns = ("name", "team", "title", "grade")
    for column in text_columns:
        value = row[ATTEMPT_COLUMNS.index(column)]
        assert not value.startswith(FORMULA_PREFIXES)
    assert row[ATTEMPT_COLUMNS.index("name")] in (name, "'" + name)


# --- formatting -------------------------------------------------------------------------


def test_attempt_cells_by_hand():
    cells = dict(zip(ATTEMPT_COLUMNS, attempt_cells(record()), strict=True))
    assert cells == {
        "attempt_id": "6f1c9a52-8b0e-4c1e-9d7a-0a4b5c6d7e8f",
        "employee_number": "E1042",
        "name": '\'=HYPERLINK("http://evil.example","x")',
        "team": "Counter A",
        "content_kind": "drill",
        "content_id": "tenkey-amounts-test",
        "content_version": "3",
        "title": "Ten-key, amounts",
        "language": "en",
        "drill_type": "tenkey",
        "mode": "test",
        "started_at_utc": "2024-03-05T08:15:00Z",  # 16:15 at UTC+8, seconds truncated
        "duration_s": "65.250",
        "speed": "9000.0",
        "speed_unit": "net_kph",
        "accuracy_percent": "98.12",
        "score": "87.3",  # 87.25 rounded half up
        "grade": "",
        "valid": "true",
        "invalidated_reason": "",
        "completed": "true",
        "success": "",
    }


def test_attempts_file_is_rfc_4180_with_a_bom(tmp_path):
    path = tmp_path / "attempts.csv"
    with open(path, "w", encoding=CSV_ENCODING, newline="") as out:
        write_attempts_csv(out, [record(), record(valid=False, invalidated_reason="-cheat")])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 3
    with open(path, encoding=CSV_ENCODING, newline="") as back:
        rows = list(csv.reader(back))
    assert rows[1][ATTEMPT_COLUMNS.index("title")] == "Ten-key, amounts"  # quoted comma
    assert rows[2][ATTEMPT_COLUMNS.index("invalidated_reason")] == "'-cheat"
    assert rows[2][ATTEMPT_COLUMNS.index("valid")] == "false"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (9000.0, 1, "9000.0"),
        (87.25, 1, "87.3"),
        (2.675, 2, "2.68"),  # half up on the decimal the float displays as
        (-0.04, 1, "0.0"),  # never "-0.0"
        (-3.25, 1, "-3.3"),
        (1234567.0, 0, "1234567"),
        (None, 1, ""),
        (float("nan"), 1, ""),
        (float("inf"), 1, ""),
        (1e300, 1, format(1e300, ".1f")),
    ],
)
def test_fixed(value, places, text):
    assert fixed(value, places) == text


def test_cells_of_each_type():
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell(7) == "7"
    assert cell(0.1) == "0.1"
    assert cell(2.0) == "2"
    assert cell(-1.5) == "-1.5"  # our numbers stay numbers
    assert cell(Decimal("12480.35")) == "12480.35"
    assert cell(date(2024, 3, 5)) == "2024-03-05"
    assert cell(datetime(999, 1, 1, tzinfo=UTC)) == "0999-01-01T00:00:00Z"
    assert cell(StallStatus.NO_GAIN) == "no_gain"
    assert cell("-1") == "'-1"  # text that looks like a number is still text
    with pytest.raises(ValueError, match="timezone-aware"):
        cell(datetime(2024, 1, 1))


def test_duration_seconds_is_exact():
    assert duration_seconds(65_250) == "65.250"
    assert duration_seconds(999) == "0.999"
    assert duration_seconds(0) == "0.000"
    assert duration_seconds(-1_500) == "-1.500"


# --- dashboard --------------------------------------------------------------------------

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)


def make_points(*pairs):
    return [
        AttemptPoint(T0 + timedelta(days=i), "test", speed, accuracy, None, True, str(i))
        for i, (speed, accuracy) in enumerate(pairs)
    ]


def test_dashboard_rows_from_summaries():
    people = [
        PersonSeries(
            "E001", "A", make_points((5000, 0.95), (5000, 0.90), (5000, 0.97), (6000, 0.981))
        ),
        PersonSeries("@E002", None, make_points((5000, 0.9))),
    ]
    now = T0 + timedelta(days=4)
    speed = summarise(people, now)
    row = DashboardRow.from_summary(
        speed[1], name="Wang Fang", content_id="tenkey", speed_unit="net_kph",
        assignments_done=2, assignments_overdue=1,
    )  # fmt: skip
    assert dashboard_cells(row) == [
        "E001", "Wang Fang", "A", "tenkey", "speed", "net_kph", "5000.0", "6000.0", "20.0",
        "percent", "4", "2", "1", "2024-06-06T09:00:00Z", "not_enough_data",
    ]  # fmt: skip
    accuracy = summarise(people, now, Metric.ACCURACY)
    row = DashboardRow.from_summary(accuracy[1], name="", content_id="tenkey", speed_unit=None)
    cells = dict(zip(DASHBOARD_COLUMNS, dashboard_cells(row), strict=True))
    # baseline median(0.95, 0.90, 0.97) = 95.00 %; latest 98.10 %; gain 3.1 pp
    assert (cells["baseline"], cells["latest"], cells["gain"]) == ("95.00", "98.10", "3.1")
    assert (cells["unit"], cells["gain_unit"]) == ("percent", "percentage_points")
    empty = DashboardRow.from_summary(speed[0], name="=x", content_id="t", speed_unit="cpm")
    cells = dict(zip(DASHBOARD_COLUMNS, dashboard_cells(empty), strict=True))
    assert cells["employee_number"] == "'@E002"
    assert cells["name"] == "'=x"
    assert (cells["baseline"], cells["latest"], cells["gain"]) == ("", "", "")
    assert cells["tests"] == "1"


def test_write_dashboard_with_a_translated_header():
    row = DashboardRow(
        "E1", "N", None, "c", Metric.SCORE, "points", 60.0, 72.5, 12.5, "points", 4, 0, 0,
        None, "improving",
    )  # fmt: skip
    out = io.StringIO(newline="")
    header = [f"列{i}" for i in range(len(DASHBOARD_COLUMNS))]
    header[0] = "=员工号"
    assert write_dashboard_csv(out, [row], header) == 1
    rows = parse(out.getvalue())
    assert rows[0][0] == "'=员工号"  # headers are escaped too
    assert rows[1][6:9] == ["60.0", "72.5", "12.5"]
    with pytest.raises(ValueError, match="columns"):
        write_dashboard_csv(io.StringIO(), [row], ["only one"])
    with pytest.raises(ValueError, match="cells"):
        write_csv(io.StringIO(), ["a", "b"], [["1"]])
