"""Reports: CSV parsed back (formula injection escaped), xAPI validated against the spec,
PDF rendered with pdftoppm; every export role-checked, scoped and audited."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from progress_support import (
    NOW,
    SCENARIO,
    TENKEY,
    Row,
    add_rows,
    learning_history,
    open_world,
)

from svctrainer.core.output_files import OutputFile
from svctrainer.core.report_csv import ATTEMPT_COLUMNS, CSV_ENCODING, DASHBOARD_COLUMNS
from svctrainer.core.roles import Role
from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.xapi.validation import validate_statement
from svctrainer.core.xapi.vocabulary import XapiConfig
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.progress_records import DateRange

CLI = Actor.command_line()


@pytest.fixture
def world(world_template, tmp_path):
    opened = open_world(world_template, tmp_path / "svctrainer.sqlite3")
    add_rows(opened.services, opened.teller.id, learning_history(seed=1, attempts=30))
    add_rows(opened.services, opened.other_teller.id, learning_history(seed=2, attempts=25))
    add_rows(opened.services, opened.outsider_teller.id, learning_history(seed=3, attempts=20))
    yield opened
    opened.services.close()


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for spreadsheets
    with path.open(encoding=CSV_ENCODING, newline="") as fh:
        return list(csv.reader(fh))


def test_attempts_csv_parses_back_with_every_attempt(world, tmp_path):
    target = tmp_path / "attempts.csv"
    result = world.services.reports.attempts_csv(CLI, target, person_id=world.teller.id)
    rows = _read(target)
    assert tuple(rows[0]) == ATTEMPT_COLUMNS
    assert result.rows == len(rows) - 1 == 30
    data = [dict(zip(ATTEMPT_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert {d["employee_number"] for d in data} == {"T1"}
    assert [d["started_at_utc"] for d in data] == sorted(d["started_at_utc"] for d in data)
    assert all(d["started_at_utc"].endswith("Z") for d in data)
    assert {d["mode"] for d in data} == {"practice", "test"}
    assert {d["valid"] for d in data} <= {"true", "false"}
    speeds = [float(d["speed"]) for d in data if d["speed"]]
    assert all(s > 1000 for s in speeds)
    assert target.read_bytes().count(b"\r\n") == len(rows)


def test_csv_escapes_formula_injection(world, tmp_path):
    services = world.services
    evil = services.people.create_person(
        CLI, name="=HYPERLINK(\"http://x\",\"y\")", employee_number="E666", pin="1357",
        roles=[Role.TELLER], team_id=world.team_a.id,
    )  # fmt: skip
    add_rows(services, evil.id, learning_history(seed=9, attempts=8))
    target = tmp_path / "evil.csv"
    services.reports.attempts_csv(CLI, target, person_id=evil.id)
    names = {r[2] for r in _read(target)[1:]}
    assert names == {'\'=HYPERLINK("http://x","y")'}
    board = tmp_path / "board.csv"
    services.reports.dashboard_csv(CLI, board, [TENKEY], team_id=world.team_a.id)
    rows = _read(board)
    assert tuple(rows[0]) == DASHBOARD_COLUMNS
    assert '\'=HYPERLINK("http://x","y")' in {r[1] for r in rows[1:]}
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r)


def test_dashboard_csv_equals_the_dashboard(world, tmp_path):
    target = tmp_path / "board.csv"
    world.services.reports.dashboard_csv(CLI, target, [TENKEY])
    rows = {r[0]: dict(zip(DASHBOARD_COLUMNS, r, strict=True)) for r in _read(target)[1:]}
    board = world.services.progress.dashboard(CLI, TENKEY)
    for entry in board.entries:
        row = rows[entry.person.employee_number]
        assert row["tests"] == str(entry.row.tests)
        if entry.row.gain is not None:
            assert float(row["gain"]) == pytest.approx(entry.row.gain, abs=0.05)
        assert row["content_id"] == TENKEY


def test_xapi_statements_are_valid_and_cover_scenario_choices(world, tmp_path):
    services = world.services
    actor = world.actor(world.teller)
    item = next(r for r in services.content.latest(actor) if r.content_id == SCENARIO)
    _, scenario = services.content.load(actor, item.id)
    log = best_result(scenario).log
    run = services.attempts.record_scenario(actor, item.id, "test", log, NOW)
    target = tmp_path / "statements.json"
    config = XapiConfig("https://lms.example-bank.com/xapi", "https://hr.example-bank.com")
    result = services.reports.xapi(CLI, target, config, person_id=world.teller.id)
    statements = json.loads(target.read_text(encoding="utf-8"))
    assert result.rows == len(statements) == 30 + len(log) + 1
    for statement in statements:
        assert validate_statement(statement) == []
        for field in ("actor", "verb", "object", "id", "timestamp"):
            assert field in statement
    answered = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    assert len(answered) == len(log)
    assert all(s["context"]["registration"] == str(run.id) for s in answered)
    assert all(s["object"]["definition"]["interactionType"] == "choice" for s in answered)
    verdicts = {s["verb"]["id"].rsplit("/", 1)[1] for s in statements}
    assert verdicts <= {"answered", "attempted", "completed", "passed", "failed"}
    assert all(s["actor"]["account"]["name"] == "T1" for s in statements)


def test_pdf_reports_render_and_are_audited(world, tmp_path, qapp):
    from svctrainer.gui.charts.pdf_report import render_person_report, render_team_report

    services = world.services
    supervisor = world.actor(world.supervisor)
    person_pdf = tmp_path / "person.pdf"
    person = services.reports.person_pdf(
        supervisor, person_pdf, world.teller.id, render_person_report
    )
    team_pdf = tmp_path / "team.pdf"
    team = services.reports.team_pdf(
        supervisor, team_pdf, world.team_a.id, render_team_report,
        DateRange(NOW - timedelta(days=200), NOW + timedelta(days=1)),
    )  # fmt: skip
    for pdf, result, stem in ((person_pdf, person, "p"), (team_pdf, team, "t")):
        assert pdf.read_bytes().startswith(b"%PDF")
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / stem)], check=True)
        pages = sorted(tmp_path.glob(f"{stem}-*.png"))
        assert len(pages) == result.rows >= 1
        assert all(p.stat().st_size > 2000 for p in pages)  # not blank
    entries = services.audit.recent(supervisor, action="report.export")
    assert len(entries) == 2
    team_entry = entries[0]
    assert team_entry.actor == supervisor.label
    assert team_entry.detail["format"] == "pdf"
    assert team_entry.detail["subject"] == "team:Team A"
    assert team_entry.detail["path"] == str(team_pdf.resolve())
    assert team_entry.detail["workstation"]
    assert team_entry.detail["since"].startswith(str((NOW - timedelta(days=200)).date()))


def test_person_pdf_charts_are_vectors_and_accuracy_is_a_sentence(world, tmp_path, qapp):
    """The charts are drawn into the PDF, not photographed: their axis titles and
    legends are text a reader can search; the accuracy chart of the screen is one line
    on paper."""
    from svctrainer.gui.charts.pdf_report import render_person_report

    pdf = tmp_path / "person.pdf"
    world.services.reports.person_pdf(
        world.actor(world.supervisor), pdf, world.teller.id, render_person_report
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Rolling median (5)" in text  # the chart's legend
    assert "Week starting" in text  # the heatmap's axis title, drawn by pyqtgraph
    assert "Accuracy: baseline" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert all(int(line.split()[3]) * int(line.split()[4]) < 1_000_000 for line in images)


def test_exports_are_scoped_and_role_checked(world, tmp_path):
    services = world.services
    with pytest.raises(PermissionDeniedError):
        services.reports.attempts_csv(world.actor(world.teller), tmp_path / "a.csv")
    with pytest.raises(PermissionDeniedError):
        services.reports.xapi(world.actor(world.admin), tmp_path / "x.json")
    with pytest.raises(PermissionDeniedError):
        services.reports.attempts_csv(
            world.actor(world.trainer), tmp_path / "b.csv", person_id=world.outsider_teller.id
        )
    assert not (tmp_path / "a.csv").exists()
    everyone = services.reports.attempts_csv(world.actor(world.trainer), tmp_path / "c.csv")
    numbers = {r[1] for r in _read(tmp_path / "c.csv")[1:]}
    assert numbers == {"T1", "T2"}  # the trainer's team only
    assert everyone.rows == 55


def test_team_report_data(world):
    report = world.services.reports.team_report(CLI, world.team_a.id)
    assert report.team_name == "Team A"
    assert report.branch_name == "Test Branch"
    keys = [d.family.key for d in report.dashboards]
    assert keys == [TENKEY]
    assert {e.person.employee_number for e in report.dashboards[0].entries} == {"T1", "T2"}


def test_team_report_compares_a_skill_practised_in_two_languages_on_one_page(world):
    from dataclasses import replace

    rows = [
        replace(r, content_id=r.content_id.replace(".en", ".zh"))
        for r in learning_history(seed=3, attempts=20)
    ]
    add_rows(world.services, world.other_teller.id, rows)
    report = world.services.reports.team_report(CLI, world.team_a.id)
    assert [d.family.key for d in report.dashboards] == ["tenkey-amounts"]
    entries = report.dashboards[0].entries
    assert {e.person.employee_number for e in entries} == {"T1", "T2"}


def test_person_report_covers_scenarios(world):
    add_rows(
        world.services, world.teller.id,
        [Row(SCENARIO, "practice", NOW - timedelta(days=d), None, grade="comfort",
             speed_unit=None, details={"servqual": {"empathy": d}}) for d in (3, 1)],
    )  # fmt: skip
    report = world.services.reports.person_report(CLI, world.teller.id)
    assert {d.family.key for d in report.drills} == {TENKEY, SCENARIO}
    assert [s.family.key for s in report.scenarios] == [SCENARIO]
    assert [h.family.key for h in report.heatmaps] == [TENKEY]


def test_a_pdf_qt_did_not_write_is_an_error_not_a_success(world, tmp_path):
    """Qt's PDF writer fails silently on an unwritable path: the service checks the file
    before it renames it into place and audits it."""
    from svctrainer.services.errors import InvalidInputError
    from svctrainer.services.reports import ExportFailedError

    reports = world.services.reports
    target = tmp_path / "person.pdf"
    target.write_bytes(b"%PDF-1.4 yesterday's report")
    with pytest.raises(ExportFailedError, match="could not write the PDF"):
        reports.person_pdf(CLI, target, world.teller.id, lambda _report, _path: 3)
    assert target.read_bytes() == b"%PDF-1.4 yesterday's report"  # left as it was
    with pytest.raises(InvalidInputError, match="is a folder"):
        reports.team_pdf(CLI, tmp_path, world.team_a.id, lambda _report, _path: 1)
    not_pdf = tmp_path / "gui.pdf"
    not_pdf.write_text("not a pdf", encoding="utf-8")
    report = reports.person_report(CLI, world.teller.id)
    rendered = OutputFile(not_pdf)
    rendered.temp.write_text("not a pdf either", encoding="utf-8")
    with pytest.raises(ExportFailedError):
        reports.record_pdf(CLI, rendered, report, 1)
    assert not_pdf.read_text(encoding="utf-8") == "not a pdf"  # left as it was
    with pytest.raises(ExportFailedError):
        reports.record_pdf(CLI, OutputFile(tmp_path / "missing.pdf"), report, 1)
    assert world.services.audit.recent(CLI, action="report.export") == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [
        "gui.pdf", "person.pdf",
    ]  # fmt: skip  # no temporary file left behind


EXPORTS = {
    "attempts csv": lambda w, path: w.services.reports.attempts_csv(CLI, path, team_id=w.team_a.id),
    "dashboard csv": lambda w, path: w.services.reports.dashboard_csv(CLI, path),
    "xapi": lambda w, path: w.services.reports.xapi(CLI, path),
    "person pdf": lambda w, path: w.services.reports.person_pdf(
        CLI, path, w.teller.id, lambda _report, out: out.write_bytes(b"%PDF-1.4\n") and 1
    ),
}


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_an_export_whose_audit_entry_fails_leaves_no_file(world, tmp_path, export):
    """The file was renamed into place before its audit entry was written: a locked
    database left a 12.7 KB CSV and no entry (issue 19, point 9). Now the entry is
    committed first and the file put in place after, so a file never lacks its entry."""
    from sqlalchemy import event

    from svctrainer.services.errors import StorageFullError

    def refuse_audit(_conn, _cursor, statement, *_rest):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            raise sqlite3.OperationalError("database or disk is full")

    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "export.out"
    engine = world.services.db.engine
    event.listen(engine, "before_cursor_execute", refuse_audit)
    try:
        with pytest.raises(StorageFullError):
            export(world, target)
    finally:
        event.remove(engine, "before_cursor_execute", refuse_audit)
    assert list(exports.iterdir()) == []  # neither the file nor a temporary one
    result = export(world, target)
    assert result.path == target
    assert target.exists()
    (entry,) = world.services.audit.recent(CLI, action="report.export")
    assert entry.detail["path"] == str(target.resolve())
