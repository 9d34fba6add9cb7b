"""Importing the branch's queue-ticket export: all or nothing, audited, overlap-safe, and
the measured queue it gives the customer-time figures."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from queue_support import FIRST_DAY, ZONE, working_days, write_export
from sqlalchemy import func, select

from svctrainer.core.queueing.ticket_export import decode, parse_export
from svctrainer.core.queueing.ticket_hours import hour_stats, measure
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError, PermissionDeniedError
from svctrainer.services.progress_records import QueueSource
from svctrainer.services.queue_data import DayRange, ImportOptions, TicketFileError
from svctrainer.store.models import AuditLog, QueueHour, QueueImport, QueueTicket

CLI = Actor.command_line()
OPTIONS = ImportOptions(zone=ZONE)


def _counts(services) -> tuple[int, int, int, int]:
    with services.db.reading() as session:
        return (
            *tuple(
                session.scalar(select(func.count()).select_from(table))
                for table in (QueueImport, QueueTicket, QueueHour)
            ),
            session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action.like("queue.%"))
            ),
        )


def _expected(path, first=None, last=None, target_s=None):
    """The same file measured by core alone, for comparison with what was stored."""
    text, _ = decode(path.read_bytes())
    tickets = parse_export(text, str(path), zone=ZoneInfo(ZONE)).tickets
    stats = hour_stats(tickets)
    stats = [
        s for s in stats if (first is None or s.day >= first) and (last is None or s.day <= last)
    ]
    over = None
    if target_s is not None:
        over = {}
        for t in tickets:
            in_days = (first is None or t.local_day >= first) and (
                last is None or t.local_day <= last
            )
            if in_days and t.wait_s is not None and t.wait_s > target_s:
                over[t.local_hour] = over.get(t.local_hour, 0) + 1
    return measure(stats, over, target_s)


def test_a_supervisor_imports_an_export_and_it_is_measured(branch, tmp_path):
    services = branch.services
    path = write_export(tmp_path / "tickets.csv", days=5)
    result = services.queue_data.import_file(branch.actor(branch.supervisor), path, OPTIONS)
    assert result.added == result.rows > 1000
    assert result.duplicates == 0
    assert result.zone == ZONE
    assert result.days_changed == tuple(working_days(FIRST_DAY, 5))
    measured = services.queue_data.measured(branch.actor(branch.trainer), target_s=900)
    assert measured == _expected(path, target_s=900)
    assert measured.days == 5
    assert measured.holding.mean == pytest.approx(305, rel=0.05)  # 290 s + the walk
    (entry,) = services.audit.recent(CLI, action="queue.import")
    assert entry.actor == branch.actor(branch.supervisor).label
    assert entry.detail["added"] == result.added
    assert entry.detail["zone"] == ZONE
    (record,) = services.queue_data.imports(branch.actor(branch.supervisor))
    assert (record.file_name, record.added, record.zone) == ("tickets.csv", result.added, ZONE)


def test_importing_the_same_file_again_changes_nothing(branch, tmp_path):
    services = branch.services
    path = write_export(tmp_path / "tickets.csv", days=2)
    services.queue_data.import_file(CLI, path, OPTIONS)
    before = _counts(services)
    again = services.queue_data.import_file(CLI, path, OPTIONS)
    assert (again.import_id, again.added, again.duplicates) == (None, 0, again.rows)
    assert _counts(services) == before


def test_an_overlapping_export_adds_only_new_tickets_and_recomputes_the_days(branch, tmp_path):
    services = branch.services
    whole = write_export(tmp_path / "whole.csv", days=6)
    text = whole.read_text(encoding="utf-8").splitlines()
    days = working_days(FIRST_DAY, 6)
    # the first export ends in the middle of day 4; the second starts on day 3
    cut_at = f"{days[3].isoformat()} 12:00:00"
    first = [text[0], *[r for r in text[1:] if r.split(",")[2] < cut_at]]
    second = [text[0], *[r for r in text[1:] if r.split(",")[2] >= days[2].isoformat()]]
    (tmp_path / "a.csv").write_text("\n".join(first) + "\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("\n".join(second) + "\n", encoding="utf-8")
    a = services.queue_data.import_file(CLI, tmp_path / "a.csv", OPTIONS)
    b = services.queue_data.import_file(CLI, tmp_path / "b.csv", OPTIONS)
    assert a.added + b.added == len(text) - 1
    assert b.duplicates > 0
    assert b.days_changed == tuple(days[3:])  # day 3 was complete already
    assert services.queue_data.measured(CLI) == _expected(whole)


def test_one_bad_row_and_nothing_is_stored(branch, tmp_path):
    services = branch.services
    path = write_export(tmp_path / "tickets.csv", days=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    row = lines[500].split(",")
    row[5] = row[4].replace(row[4][11:13], f"{int(row[4][11:13]) - 1:02d}")  # end before start
    lines[500] = ",".join(row)
    lines[700] = lines[700].replace(lines[700].split(",")[2], "2026-02-30 10:00:00")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with pytest.raises(TicketFileError) as err:
        services.queue_data.import_file(branch.actor(branch.admin), path, OPTIONS)
    problems = err.value.problems
    assert [p.line for p in problems] == [501, 701]
    col = len(",".join(row[:5])) + 2
    assert str(problems[0]) == f"{path}:501:{col}: service_end is before service_start"
    assert "day is out of range for month" in problems[1].message
    assert not err.value.header
    assert "(and 1 more problems)" in str(err.value)
    assert _counts(services) == (0, 0, 0, 0)


def test_header_problems_are_flagged_as_such(branch, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("number,issued_at\n1,2026-03-02 09:00:00\n", encoding="utf-8")
    with pytest.raises(TicketFileError) as err:
        branch.services.queue_data.import_file(CLI, path, OPTIONS)
    assert err.value.header
    assert "unknown column 'number'" in err.value.problems[0].message
    mapped = ImportOptions(columns={"ticket": "number"}, zone=ZONE)
    with pytest.raises(TicketFileError, match="no called_at, service_start"):
        branch.services.queue_data.import_file(CLI, path, mapped)


def test_excel_gb18030_semicolon_export_with_chinese_headers(branch, tmp_path):
    path = write_export(tmp_path / "excel.csv", days=1, delimiter=";")
    text = path.read_bytes().decode("utf-8")
    _header, body = text.split("\r\n", 1)
    chinese = "票号;业务类型;取号时间;叫号时间;开始办理时间;办理结束时间;窗口号"
    path.write_bytes(f"{chinese}\r\n{body}".encode("gb18030"))
    result = branch.services.queue_data.import_file(CLI, path, OPTIONS)
    assert result.encoding == "gb18030"
    assert result.added == len(body.strip().split("\r\n"))


def test_bad_zone_empty_file_and_folders_are_refused(branch, tmp_path):
    path = write_export(tmp_path / "tickets.csv", days=1)
    with pytest.raises(InvalidInputError, match="unknown time zone"):
        branch.services.queue_data.import_file(CLI, path, ImportOptions(zone="Mars/Olympus"))
    empty = tmp_path / "empty.csv"
    empty.write_text("ticket,business_type,issued_at,called_at,service_start,service_end,window\n")
    with pytest.raises(TicketFileError, match="no tickets"):
        branch.services.queue_data.import_file(CLI, empty, OPTIONS)
    with pytest.raises(InvalidInputError, match="folder"):
        branch.services.queue_data.import_file(CLI, tmp_path, OPTIONS)


def test_the_zone_decides_the_local_hour(branch, tmp_path):
    path = write_export(tmp_path / "tickets.csv", days=1)
    branch.services.queue_data.import_file(CLI, path, ImportOptions(zone="Europe/London"))
    measured = branch.services.queue_data.measured(CLI)
    assert next(h.hour for h in measured.hours) == 9  # local times stay local hours
    with branch.services.db.reading() as session:
        first = session.scalar(select(func.min(QueueTicket.issued_at)))
    assert first.hour == 9  # London in March is UTC+0


@pytest.mark.parametrize("who", ["teller", "trainer"])
def test_only_supervisors_and_admins_import(branch, tmp_path, who):
    path = write_export(tmp_path / "tickets.csv", days=1)
    with pytest.raises(PermissionDeniedError):
        branch.services.queue_data.import_file(branch.actor(getattr(branch, who)), path, OPTIONS)
    assert _counts(branch.services) == (0, 0, 0, 0)


def test_deleting_an_import_takes_its_tickets_away(branch, tmp_path):
    services = branch.services
    a = services.queue_data.import_file(CLI, write_export(tmp_path / "a.csv", days=2), OPTIONS)
    later = FIRST_DAY + timedelta(days=14)
    b_path = write_export(tmp_path / "b.csv", days=2, first=later, seed=2)
    b = services.queue_data.import_file(CLI, b_path, OPTIONS)
    deleted = services.queue_data.delete_import(branch.actor(branch.supervisor), a.import_id)
    assert deleted.tickets_removed == a.added
    assert deleted.days_changed == a.days_changed
    assert services.queue_data.measured(CLI) == _expected(b_path)
    assert [r.id for r in services.queue_data.imports(CLI)] == [b.import_id]
    (entry,) = services.audit.recent(CLI, action="queue.delete_import")
    assert entry.detail["tickets"] == a.added


def test_before_and_after_a_training_period(branch, tmp_path):
    """Two weeks at 320 s, then two weeks at 270 s: the comparison shows the faster
    service and the shorter waits, each period measured from its own tickets."""
    services = branch.services
    before_days = working_days(FIRST_DAY, 10)
    after_first = FIRST_DAY + timedelta(days=28)
    after_days = working_days(after_first, 10)
    slow = write_export(tmp_path / "slow.csv", days=10, service_s=320.0, seed=3)
    fast = write_export(tmp_path / "fast.csv", days=10, first=after_first, service_s=270.0, seed=4)
    services.queue_data.import_file(CLI, slow, OPTIONS)
    services.queue_data.import_file(CLI, fast, OPTIONS)
    comparison = services.queue_data.comparison(
        branch.actor(branch.supervisor),
        DayRange(before_days[0], before_days[-1]),
        DayRange(after_days[0], after_days[-1]),
        600.0,
    )
    assert comparison.before == _expected(slow, target_s=600)
    assert comparison.after.days == 10
    assert comparison.before.service.mean - comparison.after.service.mean == pytest.approx(
        50, abs=10
    )
    assert comparison.after.wait.mean < comparison.before.wait.mean
    assert comparison.after.share_over_target < comparison.before.share_over_target
    nothing = services.queue_data.comparison(
        CLI, DayRange(date(2020, 1, 1), date(2020, 1, 31)), DayRange(), 600.0
    )
    assert nothing.before is None
    assert nothing.after is not None


def test_customer_time_uses_the_imported_queue_when_there_is_one(branch, tmp_path):
    services = branch.services
    actor = branch.actor(branch.supervisor)
    assumed = services.progress.team_customer_time(actor)
    assert assumed.effect.basis.source is QueueSource.ASSUMED
    assert assumed.effect.basis.conditions.service_s == pytest.approx(299.92)
    services.queue_data.import_file(CLI, write_export(tmp_path / "t.csv", days=5), OPTIONS)
    imported = services.progress.team_customer_time(actor)
    basis = imported.effect.basis
    assert basis.source is QueueSource.IMPORTED
    assert basis.measured is not None
    assert basis.measured.days == 5
    assert basis.conditions == basis.measured.conditions
    assert basis.conditions.service_s == pytest.approx(305, rel=0.05)
    assert [h.windows for h in basis.conditions.profile.hours] == [4, 4, 4, 3, 3, 4, 4, 4]
    assert imported.what_if[1].window_offset == 0
    mine = services.progress.person_customer_time(branch.actor(branch.teller), branch.teller.id)
    assert mine.effect.basis.source is QueueSource.IMPORTED
