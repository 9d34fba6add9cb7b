"""The attempts and dashboard CSV exports read back and checked against the database:
header, one row per stored attempt (or per person with data), formula-injection cells
escaped, UTF-8 (with a BOM) carrying Chinese names, and the dashboard's baseline, latest
and gain worked by hand with an invalidated test left out."""

from __future__ import annotations

import csv
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from progress_support import (
    NOW,
    TENKEY,
    TENKEY_PRACTICE,
    TENKEY_TEST,
    Row,
    add_rows,
    learning_history,
    open_world,
)
from sqlalchemy import func, select

from svctrainer.core.analytics.series import Metric
from svctrainer.core.report_csv import ATTEMPT_COLUMNS, CSV_ENCODING, DASHBOARD_COLUMNS
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.store.models import Attempt, ContentItem

CLI = Actor.command_line()
FORMULAS = ("=SUM(A1:A9)", "+1+1", "-2+3", "@cmd", "＝SUM(1)")


@pytest.fixture
def world(world_template, tmp_path):
    opened = open_world(world_template, tmp_path / "svctrainer.sqlite3")
    add_rows(opened.services, opened.teller.id, learning_history(seed=1, attempts=30))
    add_rows(opened.services, opened.outsider_teller.id, learning_history(seed=3, attempts=12))
    yield opened
    opened.services.close()


@pytest.fixture
def wang(world):
    """王小明 in team 柜台一组: a cheated first test (invalidated by the trainer), then
    tests 5000, 6000, 5500 (baseline = median 5500) and 6600 (latest), and practice."""
    services = world.services
    team = services.people.create_team(CLI, "柜台一组")
    person = services.people.create_person(
        CLI, name="王小明", employee_number="E2001", pin="1357", roles=[Role.TELLER],
        team_id=team.id,
    )  # fmt: skip
    start = NOW - timedelta(days=30)
    speeds = (9000.0, 5000.0, 6000.0, 5500.0, 6600.0)
    tests = [
        Row(TENKEY_TEST, "test", start + timedelta(days=5 * n), s, grade="Starter")
        for n, s in enumerate(speeds)
    ]
    practice = [
        Row(TENKEY_PRACTICE, "practice", start + timedelta(days=n), 4800.0 + n) for n in (1, 2)
    ]
    cheated, *_ = add_rows(services, person.id, tests + practice)
    services.attempts.invalidate(CLI, cheated, '=HYPERLINK("http://x") keys held down')
    return person


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    raw.decode("utf-8")  # the whole file is UTF-8
    with path.open(encoding=CSV_ENCODING, newline="") as fh:
        return list(csv.reader(fh))


def _db_attempts(services) -> dict[str, tuple]:
    with services.db.reading() as session:
        return {
            str(a.id): (a.speed, a.invalidated_reason, a.valid)
            for a in session.scalars(select(Attempt))
        }


def test_attempts_csv_has_every_database_row(world, wang, tmp_path):
    target = tmp_path / "attempts.csv"
    result = world.services.reports.attempts_csv(CLI, target)
    rows = _read(target)
    assert tuple(rows[0]) == ATTEMPT_COLUMNS
    data = [dict(zip(ATTEMPT_COLUMNS, r, strict=True)) for r in rows[1:]]
    stored = _db_attempts(world.services)
    assert result.rows == len(data) == len(stored) == 30 + 12 + 7
    assert {d["attempt_id"] for d in data} == set(stored)
    for d in data:
        speed, reason, valid = stored[d["attempt_id"]]
        assert float(d["speed"]) == pytest.approx(speed, abs=0.0501)  # rounded half up to 0.1
        assert d["valid"] == ("true" if valid and reason is None else "false")
    wangs = [d for d in data if d["employee_number"] == "E2001"]
    assert {(d["name"], d["team"]) for d in wangs} == {("王小明", "柜台一组")}
    assert "王小明".encode() in target.read_bytes()
    [cheated] = [d for d in wangs if d["invalidated_reason"]]
    assert cheated["invalidated_reason"] == '\'=HYPERLINK("http://x") keys held down'
    assert (cheated["speed"], cheated["valid"], cheated["mode"]) == ("9000.0", "false", "test")


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_escaped_in_both_exports(world, tmp_path, formula):
    services = world.services
    person = services.people.create_person(
        CLI, name=formula, employee_number=f"X{uuid.uuid4().hex[:6]}", pin="1357",
        roles=[Role.TELLER], team_id=world.team_a.id,
    )  # fmt: skip
    add_rows(services, person.id, learning_history(seed=4, attempts=8))
    attempts = tmp_path / "a.csv"
    services.reports.attempts_csv(CLI, attempts, person_id=person.id)
    board = tmp_path / "b.csv"
    services.reports.dashboard_csv(CLI, board, [TENKEY], person_id=person.id)
    for path, column in ((attempts, 2), (board, 1)):
        rows = _read(path)
        assert {r[column] for r in rows[1:]} == {"'" + formula}
        text_cells = [c for r in rows for i, c in enumerate(r) if i == column]
        assert not any(c.startswith(("=", "+", "@", "＝")) for c in text_cells)


def test_dashboard_csv_rows_and_gain_by_hand(world, wang, tmp_path):
    services = world.services
    target = tmp_path / "board.csv"
    result = services.reports.dashboard_csv(CLI, target, [TENKEY])
    rows = _read(target)
    assert tuple(rows[0]) == DASHBOARD_COLUMNS
    with services.db.reading() as session:
        people = session.scalar(
            select(func.count(func.distinct(Attempt.person_id)))
            .join(ContentItem, ContentItem.id == Attempt.content_item_id)
            .where(ContentItem.content_id.in_((TENKEY_TEST, TENKEY_PRACTICE)))
        )
    assert result.rows == len(rows) - 1 == people == 3  # Tom, Otto and Wang
    row = {r[0]: dict(zip(DASHBOARD_COLUMNS, r, strict=True)) for r in rows[1:]}["E2001"]
    # The invalidated 9000 is left out: baseline = median(5000, 6000, 5500) = 5500,
    # latest = 6600 (the one test after the baseline), gain = 1100 / 5500 = 20.0 %.
    # Were it counted: baseline median(9000, 5000, 6000) = 6000, latest 5500/6600 → 6050.
    assert (row["name"], row["team"]) == ("王小明", "柜台一组")
    assert (row["baseline"], row["latest"], row["gain"]) == ("5500.0", "6600.0", "20.0")
    assert (row["gain_unit"], row["tests"], row["metric"]) == ("percent", "4", "speed")
    speed = services.progress.person_progress(CLI, wang.id, TENKEY).metric(Metric.SPEED)
    assert speed.gain == pytest.approx(20.0)
    assert speed.progress.baseline.value == 5500.0
