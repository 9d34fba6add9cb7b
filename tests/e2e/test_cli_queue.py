"""``svctrainer queue`` (one hour's figures) and ``svctrainer queue import`` as a person or
a scheduled job runs them: the issue's hand-checked case, unstable hours, real-shaped
exports from Excel and Chinese systems, and every kind of bad input as one line."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from queue_support import ZONE, write_export
from support import FAST_PIN_COST

from svctrainer.services.api import Services

pytestmark = pytest.mark.e2e

HEADER = "ticket,business_type,issued_at,called_at,service_start,service_end,window"
GOOD = (
    "A001,cash,2026-03-05 09:00:10,2026-03-05 09:04:00,2026-03-05 09:04:20,2026-03-05 09:09:20,03"
)


@pytest.fixture
def db(tmp_path, template_db):
    path = tmp_path / "branch.sqlite3"
    shutil.copyfile(template_db, path)
    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    services.auth.set_up_branch(
        branch_name="Queue Branch", admin_name="Ada", employee_number="A1", pin="2468"
    )
    services.close()
    return path


def _tickets(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM queue_ticket").fetchone()[0]


def _one_line_usage_error(result, *parts):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in result.stderr
    return result.stderr


def test_the_issues_hand_checked_case(cli):
    """4 windows, 42 an hour, 300 s: M/M/4 and M/G/4 (CV 0.5); a 10 s cut saves ≈ 132 s
    and ≈ 86 s per customer."""
    figures = {}
    for cv in ("1", "0.5"):
        for service in ("300", "290"):
            result = cli("queue", "--windows", "4", "--arrivals-per-hour", "42",
                         "--service-s", service, "--cv-service", cv, "--json")  # fmt: skip
            assert result.returncode == 0, result.stderr
            figures[(cv, service)] = json.loads(result.stdout)
    mm4 = figures[("1", "300")]
    assert mm4["stable"] is True
    assert mm4["utilisation"] == pytest.approx(0.875)
    assert mm4["p_wait"] == pytest.approx(0.7379, abs=1e-4)
    assert mm4["wait_s"] == pytest.approx(442.7, abs=0.1)
    assert 0 < mm4["p_over_target"] < mm4["p_wait"]
    assert mm4["model"] == "M/M/c"
    assert mm4["wait_s"] - figures[("1", "290")]["wait_s"] + 10 == pytest.approx(132.3, abs=0.1)
    mg4 = figures[("0.5", "300")]["wait_s"] - figures[("0.5", "290")]["wait_s"] + 10
    assert mg4 == pytest.approx(86.4, abs=0.1)
    text = cli("queue", "--windows", "4", "--arrivals-per-hour", "42", "--service-s", "300")
    assert "mean wait 442.7 s" in text.stdout
    assert "utilisation 87.5%" in text.stdout


def test_an_unstable_hour_has_no_wait(cli):
    result = cli("queue", "--windows", "3", "--arrivals-per-hour", "40", "--service-s", "300",
                 "--json")  # fmt: skip
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["stable"] is False
    assert data["wait_s"] is None
    assert data["p_wait"] is None
    assert data["p_over_target"] is None
    assert data["utilisation"] == pytest.approx(40 * 300 / 3600 / 3)
    assert data["windows_needed"] == 4  # load 3.33: four windows call 80 % within 15 min
    text = cli("queue", "--windows", "3", "--arrivals-per-hour", "40", "--service-s", "300")
    assert "unstable" in text.stdout
    assert "mean wait" in text.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--windows", "four", "--arrivals-per-hour", "42", "--service-s", "300"],
         "--windows: 'four' is not a whole number"),
        (["--windows", "0", "--arrivals-per-hour", "42", "--service-s", "300"],
         "--windows: 0 must be from 1"),
        (["--windows", "4", "--arrivals-per-hour", "-1", "--service-s", "300"],
         "--arrivals-per-hour: -1 must be at least 0"),
        (["--windows", "4", "--arrivals-per-hour", "42", "--service-s", "inf"],
         "not a finite number"),
        (["--windows", "4", "--arrivals-per-hour", "42", "--service-s", "-300"],
         "--service-s: -300 must be above 0"),
        (["--windows", "4", "--arrivals-per-hour", "42", "--service-s", "300",
          "--cv-service", "x"], "--cv-service: 'x' is not a number"),
        (["--windows", "4", "--arrivals-per-hour", "42", "--service-s", "300",
          "--target-share", "1"], "--target-share"),
        (["--windows", "4"], "give --arrivals-per-hour, --service-s"),
    ],
)  # fmt: skip
def test_wrong_numbers_are_one_line_and_exit_2(cli, args, message):
    _one_line_usage_error(cli("queue", *args), message)


def test_import_a_real_shaped_export(cli, db, tmp_path):
    export = write_export(tmp_path / "tickets.csv", days=3)
    result = cli("--db", str(db), "queue", "import", str(export), "--zone", ZONE, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["added"] == data["rows"] == _tickets(db) > 600
    assert data["zone"] == ZONE
    assert data["days"] == 3
    assert [h["hour"] for h in data["hours"]] == list(range(9, 17))
    assert {"arrivals_per_hour", "windows", "wait_s", "service_s", "p_over_target"} <= set(
        data["hours"][0]
    )
    assert data["target_s"] == 900
    again = cli("--db", str(db), "queue", "import", str(export), "--zone", ZONE)
    assert again.returncode == 0
    assert again.stdout.startswith("nothing new")
    text = cli("--db", str(db), "queue", "import", str(export), "--zone", "Asia/Tokyo")
    assert text.returncode == 0  # another zone: other moments, so other tickets
    assert text.stdout.startswith("imported")
    assert "09:00" in text.stdout


def test_excel_exports_with_bom_crlf_semicolons_and_chinese_names(cli, db, tmp_path):
    path = tmp_path / "excel.csv"
    body = [GOOD.replace(",", ";"), GOOD.replace("A001", "A002").replace(",", ";")]
    header = "票号;业务类型;取号时间;叫号时间;开始办理时间;办理结束时间;窗口号"
    path.write_bytes(("\ufeff" + "\r\n".join([header, *body]) + "\r\n").encode("utf-8"))
    result = cli("--db", str(db), "queue", "import", str(path), "--zone", ZONE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported 2 tickets")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(
        ("\r\n".join([header, body[0].replace("A001", "A003")]) + "\r\n").encode("gb18030")
    )
    assert cli("--db", str(db), "queue", "import", str(gbk), "--zone", ZONE).returncode == 0
    assert _tickets(db) == 3


def test_a_column_map_for_another_systems_names(cli, db, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("No,Service,Taken,Called,Begin,Done,Counter,Segment\n"
                    + GOOD + ",retail\n", encoding="utf-8")  # fmt: skip
    mapped = ["--map", "ticket=No,business_type=Service,issued_at=Taken,called_at=Called",
              "--map", "service_start=Begin,service_end=Done,window=Counter"]  # fmt: skip
    unknown = cli("--db", str(db), "queue", "import", str(path), "--zone", ZONE, *mapped)
    assert unknown.returncode == 2  # Segment: neither mapped nor ignored
    assert "unknown column 'Segment'" in unknown.stderr
    ok = cli("--db", str(db), "queue", "import", str(path), "--zone", ZONE, *mapped,
             "--ignore", "Segment")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert _tickets(db) == 1


BAD_ROWS = {
    "malformed date": (GOOD.replace("2026-03-05 09:04:00", "2026-03-32 09:04:00"),
                       "called_at '2026-03-32 09:04:00': day is out of range"),
    "not a date": (GOOD.replace("2026-03-05 09:00:10", "soon"), "issued_at 'soon': not a date"),
    "end before start": (GOOD.replace("2026-03-05 09:09:20", "2026-03-05 09:01:00"),
                         "service_end is before service_start"),
    "negative wait": (GOOD.replace("2026-03-05 09:04:00", "2026-03-05 08:00:00"),
                      "called_at is before issued_at"),
    "missing field": (",".join(GOOD.split(",")[:5]), "5 fields where the header has 7"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_row_rejects_the_file_with_file_line_col(cli, db, tmp_path, case):
    row, message = BAD_ROWS[case]
    path = tmp_path / "bad.csv"
    good = [GOOD.replace("A001", f"B{n:03d}") for n in range(20)]
    path.write_text("\r\n".join([HEADER, *good[:10], row, *good[10:]]) + "\r\n", encoding="utf-8")
    result = cli("--db", str(db), "queue", "import", str(path), "--zone", ZONE)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:12:")
    assert message in lines[0]
    assert lines[-1] == "svctrainer queue import: nothing imported: it has bad rows"
    assert _tickets(db) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "missing.csv: no such file"),
        (["{tmp}"], "a folder, not a CSV file"),
        (["{file}", "--zone", "Mars/Olympus"], "--zone: unknown time zone 'Mars/Olympus'"),
        (["{file}", "--map", "ticket"], "--map: 'ticket' is not FIELD=COLUMN"),
        (["{file}", "--map", "colour=Nr"], "--map: 'colour' is not a field"),
        (["{file}", "--encoding", "klingon"], "--encoding: unknown encoding 'klingon'"),
    ],
)
def test_wrong_import_arguments_are_one_line_and_exit_2(cli, db, tmp_path, args, message):
    file = tmp_path / "ok.csv"
    file.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)).replace("{file}", str(file)) for a in args]
    _one_line_usage_error(cli("--db", str(db), "queue", "import", *args), message)
    assert _tickets(db) == 0


def test_an_unknown_column_is_exit_2_and_names_its_place(cli, db, tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text(f"{HEADER},colour\n{GOOD},red\n", encoding="utf-8")
    result = cli("--db", str(db), "queue", "import", str(path))
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first == (f"{path}:1:{len(HEADER) + 2}: unknown column 'colour' (fields: ticket, "
                     "business_type, issued_at, called_at, service_start, service_end, window); "
                     "map it or ignore it")  # fmt: skip
    assert _tickets(db) == 0
