"""The queue-ticket export format: dialects, column maps, time zones, and every bad row
reported as file:line:col."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.queueing.ticket_export import (
    MAX_PROBLEMS,
    UndecodableError,
    decode,
    field_of,
    parse_export,
    read_time,
)
from svctrainer.core.queueing.ticket_simulation import export_csv, simulate_day
from svctrainer.services.settings import DEFAULT_PROFILE

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = "ticket,business_type,issued_at,called_at,service_start,service_end,window"
ROW = ("A001,cash deposit,2026-03-05 09:00:10,2026-03-05 09:04:00,2026-03-05 09:04:20,"
       "2026-03-05 09:09:20,03")  # fmt: skip


def parse(text: str, **kwargs):
    return parse_export(text, "q.csv", zone=kwargs.pop("zone", SHANGHAI), **kwargs)


def test_the_documented_format():
    f = parse(f"{HEADER}\n{ROW}\n")
    assert f.sound
    (t,) = f.tickets
    assert t.ticket == "A001"
    assert t.business_type == "cash deposit"
    assert t.window == "03"
    assert t.issued_at == datetime(2026, 3, 5, 1, 0, 10, tzinfo=UTC)  # 09:00 in Shanghai
    assert (t.wait_s, t.holding_s, t.service_s) == (230.0, 320.0, 300.0)
    assert (t.local_day, t.local_hour, t.utc_offset_s) == (date(2026, 3, 5), 9, 8 * 3600)
    assert t.line == 2


def test_excel_dialects_bom_crlf_semicolons_tabs():
    text = f"\ufeff{HEADER}\r\n{ROW}\r\n"
    for delimiter in (",", ";", "\t"):
        f = parse(text.replace(",", delimiter))
        assert f.sound, f.problems
        assert f.delimiter == delimiter
        assert len(f.tickets) == 1
    decoded, encoding = decode(text.encode("utf-8"))
    assert decoded.startswith("ticket")
    assert encoding == "utf-8"


def test_chinese_excel_export_in_gb18030_with_chinese_headers():
    text = (
        "票号,业务类型,取号时间,叫号时间,开始办理时间,办理结束时间,窗口号\r\n"
        "A001,个人现金,2026/3/5 9:00,2026/3/5 9:04,2026/3/5 9:04,2026/3/5 9:09,3\r\n"
    )
    decoded, encoding = decode(text.encode("gb18030"))
    assert encoding == "gb18030"
    f = parse(decoded)
    assert f.sound, f.problems
    assert f.tickets[0].business_type == "个人现金"
    assert f.tickets[0].issued_at == datetime(2026, 3, 5, 1, 0, tzinfo=UTC)


def test_a_file_that_is_neither_utf8_nor_gb18030_names_the_byte():
    with pytest.raises(UndecodableError) as err:
        decode(b"ticket\nA\xff\xfe\x80", "utf-8")
    assert (err.value.line, err.value.col) == (2, 2)


def test_column_map_and_ignored_columns():
    text = "Nr;Type;Taken;Called;Start;End;Desk;Customer segment\n" + ";".join(
        ["7", "loan", "2026-03-05 10:00:00", "2026-03-05 10:01:00", "2026-03-05 10:01:30",
         "2026-03-05 10:20:00", "D1", "retail"]
    )  # fmt: skip
    columns = {"ticket": "Nr", "business_type": "Type", "issued_at": "Taken",
               "called_at": "Called", "service_start": "Start", "service_end": "End",
               "window": "Desk"}  # fmt: skip
    f = parse(text, columns=columns, ignore=("Customer segment",))
    assert f.sound, f.problems
    assert f.tickets[0].window == "D1"


def test_header_problems_are_located_and_counted_as_header_problems():
    f = parse(HEADER + ",colour\n" + ROW + ",red\n")
    assert f.header_problems == 1
    (p,) = f.problems
    assert (p.line, p.col) == (1, len(HEADER) + 2)
    assert "unknown column 'colour'" in p.message
    missing = parse("ticket,issued_at\nA1,2026-03-05 09:00:00\n")
    assert "no called_at, service_start, service_end, window column" in missing.problems[0].message
    mapped = parse(f"{HEADER}\n{ROW}\n", columns={"window": "Desk"})
    assert "no column 'Desk'" in mapped.problems[0].message
    assert (
        "'colourful' is not a field"
        in parse(f"{HEADER}\n", columns={"colourful": "x"}).problems[0].message
    )
    twice = parse(
        "ticket,票号,business_type,issued_at,called_at,service_start,service_end,window\n"
    )
    assert "second ticket column" in twice.problems[0].message
    assert parse("").problems[0].message.startswith("the file is empty")


BAD_ROWS = [
    # (row, field in error, message part)
    (
        "A1,x,2026-03-05 09:00:00,2026-03-05 09:04:00,2026-03-05 09:04:20,2026-03-05 09:01:00,03",
        "service_end",
        "service_end is before service_start",
    ),
    (
        "A1,x,2026-03-05 09:00:00,2026-03-05 08:59:00,,,03",
        "called_at",
        "called_at is before issued_at",
    ),
    ("A1,x,2026-13-05 09:00:00,,,,", "issued_at", "month must be in 1..12"),
    ("A1,x,yesterday,,,,", "issued_at", "not a date and time"),
    ("A1,x,2026-03-05,,,,", "issued_at", "a date without a time of day"),
    ("A1,x,09:00:00,,,,", "issued_at", "a time of day without a date"),
    (",x,2026-03-05 09:00:00,,,,", "ticket", "no ticket number"),
    ("A1,x,,,,,", "issued_at", "no issue time"),
    ("A1,x,2026-03-05 09:00:00,2026-03-05 09:04:00,,,", "window", "the window is empty"),
    (
        "A1,x,2026-03-05 09:00:00,,2026-03-05 09:04:20,2026-03-05 09:09:00,03",
        "called_at",
        "never called",
    ),
    (
        "A1,x,2026-03-05 09:00:00,2026-03-05 09:04:00,2026-03-05 09:04:20,,03",
        "service_end",
        "without service_end",
    ),
    (
        "A1,x,2026-03-05 09:00:00,2026-03-05 09:04:00,,2026-03-05 09:09:00,03",
        "service_start",
        "without service_start",
    ),
    ("A1,x,2026-03-05 09:00:00,2026-03-05 23:04:00,,,03", "called_at", "more than 12 hours"),
    ("A1,x,2026-03-05 09:00:00,2026-03-05 -9:04:00,,,03", "called_at", "not a date and time"),
]


@pytest.mark.parametrize(("row", "field", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_at_its_line_and_column(row, field, message):
    f = parse(f"{HEADER}\n{ROW}\n{row}\n")
    assert not f.sound
    (p,) = f.problems
    assert p.line == 3
    columns = HEADER.split(",")
    expected_col = 1 + sum(len(cell) + 1 for cell in row.split(",")[: columns.index(field)])
    assert p.col == expected_col
    assert message in p.message
    assert str(p).startswith(f"q.csv:3:{expected_col}: ")


def test_every_problem_is_listed_not_only_the_first():
    rows = [ROW.replace("A001", f"A{n:03d}") for n in range(5)]
    rows[1] = rows[1].replace("2026-03-05 09:09:20", "2026-03-05 09:01:00")
    rows[3] = rows[3].replace("2026-03-05 09:00:10", "not a time")
    rows.append(rows[0])  # the same ticket issued at the same moment as line 2
    rows.append("A9,x,2026-03-05 09:00:00")
    f = parse("\n".join([HEADER, *rows]))
    assert [p.line for p in f.problems] == [3, 5, 7, 8]
    assert "first on line 2" in f.problems[2].message
    assert "3 fields where the header has 7" in f.problems[3].message


def test_a_file_of_nothing_but_errors_is_cut_short_but_counted():
    rows = "\n".join(f"A{n},x,bad,,,," for n in range(MAX_PROBLEMS + 50))
    f = parse(f"{HEADER}\n{rows}\n")
    assert len(f.problems) == MAX_PROBLEMS
    assert f.more_problems == 50


def test_blank_rows_are_skipped():
    f = parse(f"{HEADER}\n\n{ROW}\n,,,,,,\n")
    assert f.sound
    assert len(f.tickets) == 1


def test_walk_aways_and_no_shows_are_tickets_too():
    walked = "B1,x,2026-03-05 09:00:00,,,,"
    no_show = "B2,x,2026-03-05 09:01:00,2026-03-05 09:03:00,,,02"
    f = parse(f"{HEADER}\n{walked}\n{no_show}\n")
    assert f.sound
    walked, no_show = f.tickets
    assert walked.wait_s is None
    assert not walked.served
    assert no_show.wait_s == 120.0
    assert no_show.holding_s is None
    assert not no_show.served


def test_time_zones_and_explicit_offsets():
    new_york = ZoneInfo("America/New_York")
    summer = parse(f"{HEADER}\n{ROW.replace('2026-03-05', '2026-07-01')}\n", zone=new_york)
    winter = parse(f"{HEADER}\n{ROW}\n", zone=new_york)
    assert summer.tickets[0].issued_at.hour == 13  # 09:00 EDT = 13:00 UTC
    assert winter.tickets[0].issued_at.hour == 14  # 09:00 EST = 14:00 UTC
    assert winter.tickets[0].utc_offset_s == -5 * 3600
    offset = ("C1,x,2026-03-05T09:00:10+08:00,2026-03-05T01:04:00Z,"
              "09:04:20,09:09:20,1")  # fmt: skip
    f = parse(f"{HEADER}\n{offset}\n", zone=new_york)
    assert f.sound, f.problems
    t = f.tickets[0]
    assert t.issued_at == datetime(2026, 3, 5, 1, 0, 10, tzinfo=UTC)
    # the local day and hour are the zone's: 01:00 UTC is 20:00 on the 4th in New York
    assert (t.local_day, t.local_hour) == (date(2026, 3, 4), 20)


def test_bare_times_of_day_take_the_issue_day():
    row = "A1,x,2026-03-05 09:00:10,09:04:00,09:04:20.5,09:09:20,03"
    f = parse(f"{HEADER}\n{row}\n")
    assert f.sound
    t = f.tickets[0]
    assert (t.wait_s, t.holding_s, t.service_s) == (230.0, 320.0, 299.5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05 09:07:31", datetime(2026, 3, 5, 9, 7, 31)),
        ("2026/3/5 9:07", datetime(2026, 3, 5, 9, 7)),
        ("2026.03.05 09:07:31,25", datetime(2026, 3, 5, 9, 7, 31, 250000)),
        ("2026-03-05T09:07:31Z", datetime(2026, 3, 5, 9, 7, 31, tzinfo=UTC)),
    ],
)
def test_time_formats(text, expected):
    assert read_time(text) == expected


def test_field_names_and_aliases():
    assert field_of(" Issued At ") == "issued_at"
    assert field_of("SERVICE-END") == "service_end"
    assert field_of("取号时间") == "issued_at"
    assert field_of("customer") is None


def test_a_simulated_day_round_trips():
    tickets = simulate_day(date(2026, 3, 5), DEFAULT_PROFILE, 300.0, 1.0, random.Random(3))
    f = parse(export_csv(tickets, ";"))
    assert f.sound, f.problems[:3]
    assert len(f.tickets) == len(tickets)
    for sim, parsed in zip(tickets, f.tickets, strict=True):
        assert parsed.ticket == sim.ticket
        assert parsed.issued_at == sim.issued_at.replace(microsecond=0, tzinfo=SHANGHAI)
        assert parsed.served == (sim.service_end is not None)


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=9), min_size=1, max_size=8))
def test_any_garbage_gives_tickets_or_located_problems_never_a_crash(rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    f = parse(out.getvalue())
    for p in f.problems:
        assert p.line >= 2
        assert p.col >= 1
    assert len(f.tickets) + len({p.line for p in f.problems}) <= len(rows) + out.getvalue().count(
        "\n"
    )


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(0, 3600), st.integers(0, 120), st.integers(0, 3600))
def test_any_ordered_ticket_is_read_back_exactly(issued, wait, walk, service):
    issued = issued.replace(microsecond=0)
    called = issued + timedelta(seconds=wait)
    start = called + timedelta(seconds=walk)
    end = start + timedelta(seconds=service)
    row = ",".join(
        ["Z9", "t", *(m.strftime("%Y-%m-%d %H:%M:%S") for m in (issued, called, start, end)), "1"]
    )
    f = parse(f"{HEADER}\n{row}\n", zone=ZoneInfo("UTC"))
    assert f.sound, f.problems
    t = f.tickets[0]
    assert t.issued_at == issued.replace(tzinfo=UTC)
    assert (t.wait_s, t.holding_s, t.service_s) == (wait, walk + service, service)
