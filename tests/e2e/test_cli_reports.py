"""``svctrainer report`` and ``svctrainer export xapi`` as a scheduled job runs them."""

from __future__ import annotations

import csv
import getpass
import json
import socket
import subprocess

import pytest
from progress_support import add_rows, learning_history, open_world

from svctrainer.core.report_csv import ATTEMPT_COLUMNS, CSV_ENCODING, DASHBOARD_COLUMNS
from svctrainer.core.xapi.validation import validate_statement

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(tmp_path, world_template):
    world = open_world(world_template, tmp_path / "b.db")
    add_rows(world.services, world.teller.id, learning_history(seed=1, attempts=30))
    add_rows(world.services, world.other_teller.id, learning_history(seed=2, attempts=20))
    add_rows(world.services, world.outsider_teller.id, learning_history(seed=3, attempts=10))
    world.services.close()
    return tmp_path / "b.db"


def _ok(result):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def test_person_pdf_report(cli, db, tmp_path):
    out = tmp_path / "tom.pdf"
    result = _ok(
        cli("--db", str(db), "report", "--person", "T1", "--format", "pdf", "-o", str(out))
    )
    pages = int(result.stdout.split(": ")[1].split()[0])
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == pages >= 1
    assert result.stderr == ""  # Qt's offscreen notes go to the log, not to cron mail


def test_branch_summary_is_one_pdf_page_with_the_services_figures(cli, db, tmp_path):
    out = tmp_path / "branch.pdf"
    result = _ok(cli("--db", str(db), "report", "branch-summary", "-o", str(out)))
    assert result.stdout.strip() == f"wrote {out}: 1 page(s)"
    assert result.stderr == ""
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "b")], check=True)
    assert len(list(tmp_path.glob("b-*.png"))) == 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    services = Services.open(str(db))
    try:
        [tenkey] = [
            s
            for s in services.progress.branch_summary(Actor.command_line()).skills
            if s.family.key == "tenkey-amounts"
        ]
    finally:
        services.close()
    gain = f"+{tenkey.median_gain:.1f} %"
    line = next(row for row in text.splitlines() if row.strip().startswith("Ten-key amounts"))
    assert f"{tenkey.tested} of {tenkey.people}" in line
    assert gain in line
    audit = json.loads(_ok(cli("--db", str(db), "audit", "--json")).stdout)
    [export] = [e for e in audit if e["action"] == "report.export"]
    assert (export["detail"]["what"], export["detail"]["rows"]) == ("branch summary", 1)


def test_team_pdf_and_csv_reports(cli, db, tmp_path):
    pdf = tmp_path / "team.pdf"
    _ok(cli("--db", str(db), "report", "--team", "Team A", "--format", "pdf", "-o", str(pdf)))
    assert pdf.read_bytes().startswith(b"%PDF")
    summary = tmp_path / "team.csv"
    _ok(cli("--db", str(db), "report", "--team", "Team A", "--format", "csv", "-o", str(summary)))
    with summary.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == DASHBOARD_COLUMNS
    assert {r[0] for r in rows[1:]} == {"T1", "T2"}
    attempts = tmp_path / "attempts.csv"
    _ok(
        cli("--db", str(db), "report", "--team", "Team A", "--format", "csv", "--rows", "attempts",
            "--from", "2020-01-01", "--to", "2030-12-31", "-o", str(attempts))
    )  # fmt: skip
    with attempts.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == ATTEMPT_COLUMNS
    assert len(rows) - 1 == 50


def test_person_csv_and_date_range(cli, db, tmp_path):
    out = tmp_path / "tom.csv"
    result = _ok(
        cli("--db", str(db), "report", "--person", "T1", "--format", "csv", "-o", str(out),
            "--from", "2030-01-01")
    )  # fmt: skip
    assert result.stdout.strip().endswith(": 0 row(s)")


def test_export_xapi(cli, db, tmp_path):
    out = tmp_path / "statements.json"
    result = _ok(
        cli("--db", str(db), "export", "xapi", "-o", str(out),
            "--base-iri", "https://lms.example-bank.com/xapi",
            "--home-page", "https://hr.example-bank.com")
    )  # fmt: skip
    statements = json.loads(out.read_text(encoding="utf-8"))
    assert len(statements) == 60
    assert all(validate_statement(s) == [] for s in statements)
    assert "60 statement(s)" in result.stdout
    assert result.stderr == ""
    audit = json.loads(_ok(cli("--db", str(db), "audit", "--json")).stdout)
    exports = [e for e in audit if e["action"] == "report.export"]
    assert exports[0]["detail"]["format"] == "xapi"
    assert exports[0]["actor"] == f"cli:{getpass.getuser()}@{socket.gethostname()}"


def test_every_report_is_audited_with_the_os_user(cli, db, tmp_path):
    runs = [
        ("--person", "T1", "--format", "pdf", "-o", str(tmp_path / "p.pdf")),
        ("--person", "T1", "--format", "csv", "-o", str(tmp_path / "p.csv"), "--to", "2030-01-01"),
        ("--team", "Team A", "--format", "csv", "-o", str(tmp_path / "t.csv")),
    ]
    for args in runs:
        _ok(cli("--db", str(db), "report", *args))
    audit = json.loads(_ok(cli("--db", str(db), "audit", "--json")).stdout)
    exports = [e for e in audit if e["action"] == "report.export"]
    assert len(exports) == 3
    assert {e["actor"] for e in exports} == {f"cli:{getpass.getuser()}@{socket.gethostname()}"}
    assert sorted((e["detail"]["format"], e["detail"]["subject"]) for e in exports) == [
        ("csv", "person:T1"), ("csv", "team:Team A"), ("pdf", "person:T1"),
    ]  # fmt: skip
    assert {e["detail"]["path"] for e in exports} == {
        str((tmp_path / name).resolve()) for name in ("p.pdf", "p.csv", "t.csv")
    }


@pytest.mark.parametrize(
    "case",
    [
        (("report", "--person", "NOPE", "--format", "csv", "-o", "x.csv"), "no employee number"),
        (("report", "--team", "Nope", "--format", "pdf", "-o", "x.pdf"), "no team called"),
        (("report", "--format", "csv", "-o", "x.csv"), "--person --team is required"),
        (("report", "--person", "T1", "-o", "x.csv"), "required: --format"),
        (("report", "branch-summary", "--team", "Team A", "-o", "x.pdf"), "covers everyone"),
        (("report", "branch-summary", "--format", "csv", "-o", "x.csv"), "is a PDF"),
        (("report", "branch-sumary", "-o", "x.pdf"), "invalid choice"),
        (("report", "--person", "T1", "--team", "Team A", "--format", "csv", "-o", "x"),
         "not allowed"),
        (("report", "--person", "T1", "--format", "csv", "-o", "x.csv", "--from", "31/12"),
         "not a date"),
        (("report", "--person", "T1", "--format", "pdf", "-o", "x.pdf", "--to", "2026-02-30"),
         "not a date"),
        (("report", "--person", "T1", "--format", "csv", "-o", "x.csv",
          "--from", "2026-03-02", "--to", "2026-03-01"), "is before --from"),
        (("report", "--person", "T1", "--format", "docx", "-o", "x"), "invalid choice"),
        (("report", "--person", "T1", "--format", "pdf", "-o", "."), "is a folder"),
        (("report", "--team", "Team A", "--format", "csv", "-o", "no/such/dir/x.csv"),
         "does not exist"),
        (("export", "xapi", "-o", "x.json", "--base-iri", "ftp://x"), "http(s)"),
        (("export", "xapi", "-o", "x.json", "--from", "2026-03-02", "--to", "2026-03-01"),
         "is before --from"),
        (("export", "xapi", "-o", "x.json", "--from", "yesterday"), "not a date"),
    ],
)  # fmt: skip
def test_wrong_arguments_are_one_line_and_exit_2(cli, db, tmp_path, monkeypatch, case):
    args, message = case
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli("--db", str(db), *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert list(work.iterdir()) == []  # nothing written
    audit = json.loads(_ok(cli("--db", str(db), "audit", "--json")).stdout)
    assert not [e for e in audit if e["action"] == "report.export"]
