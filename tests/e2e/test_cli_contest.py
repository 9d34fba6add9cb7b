"""``svctrainer contest`` as a subprocess: create, start and close a contest on a branch
whose tellers sat it, then its results sheet as CSV and as a PDF whose certificates
render (pages drawn by poppler, text read back)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime

import pytest
from contest_support import sit

from svctrainer.core.report_csv import CSV_ENCODING

pytestmark = [pytest.mark.e2e, pytest.mark.shipped_content]
TENKEY = "tenkey-amounts-test.en"
TEXT = "text-entry-test.zh"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _text(pdf, *pages):
    """The PDF's text as poppler reads it, ligatures (the "fi" of "Certificate") undone."""
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return unicodedata.normalize("NFKC", out)


def _ok(result):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_contest_from_creation_to_certificates(cli, branch, db_path, tmp_path):
    db = str(db_path)
    _ok(cli("--db", db, "contest", "create", "Spring cup", "--drill", TENKEY,
            "--attempts", "2", "--minutes", "20", "--countdown", "0"))  # fmt: skip
    _ok(cli("--db", db, "contest", "start", "Spring cup"))
    svc = branch.services
    now = datetime.now(UTC)  # before the close, however quickly the close runs
    for who, gap in (
        (branch.teller, 150),
        (branch.other_teller, 220),
        (branch.outsider_teller, 300),
    ):
        actor = branch.actor(who)
        ticket = svc.contests.begin_attempt(actor, "Spring cup", TENKEY, now=now)
        sit(svc, actor, ticket, now, gap)
    early = tmp_path / "early.pdf"
    provisional = _ok(cli("--db", db, "contest", "results", "Spring cup", "--format", "pdf",
                          "-o", str(early), "--lang", "en"))  # fmt: skip
    assert provisional.stdout.strip() == f"wrote {early}: 1 page(s)"  # the sheet alone
    assert "no certificates" in provisional.stderr
    assert "certificates are printed only once the contest is closed" in _text(early)
    assert "Certificate" not in _text(early).replace("certificates", "")
    closed = _ok(cli("--db", db, "contest", "close", "Spring cup"))
    assert "closed" in closed.stdout

    sheet = tmp_path / "results.csv"
    _ok(cli("--db", db, "contest", "results", "Spring cup", "--format", "csv", "-o", str(sheet)))
    with sheet.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["rank"], r["employee_number"]) for r in rows] == [
        ("1", "T1"),
        ("2", "T2"),
        ("3", "T3"),
    ]
    assert rows[0][f"{TENKEY}:points"] == "20"

    pdf = tmp_path / "results.pdf"
    result = _ok(
        cli("--db", db, "contest", "results", "Spring cup", "--format", "pdf", "-o", str(pdf))
    )
    pages = int(result.stdout.split(": ")[1].split()[0])
    assert pages >= 4  # the sheet, then one certificate per contestant
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == pages
    text = _text(pdf)
    assert "Skills contest: Spring cup" in text
    assert text.count("Certificate of Achievement") == 3
    assert "Tom Teller\nwon First Prize in “Spring cup”" in text
    last = _text(pdf, "-f", str(pages), "-l", str(pages))
    assert "Certificate of Achievement" in last
    assert "Third Prize" in last
    assert "Test Branch (seal)" in last
    assert "T3" not in last  # no employee number on a certificate
    assert "Trainer" not in last  # issued by the branch, not signed by a trainer
    assert f"{pages} / {pages}" not in last  # no running header or page number
    assert ":" not in last.split("(seal)")[1]  # a date, no clock time


def test_wrong_arguments_and_refused_steps(cli, branch, db_path, tmp_path):
    db = str(db_path)
    bad = cli("--db", db, "contest", "create", "X", "--drill", TENKEY, "--attempts", "9")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1
    unknown = cli("--db", db, "contest", "create", "X", "--drill", "no-such-pack")
    assert unknown.returncode == 1
    assert "no drill pack" in unknown.stderr
    _ok(cli("--db", db, "contest", "create", "Y", "--drill", TEXT))
    _ok(cli("--db", db, "contest", "close", "Y"))
    again = cli("--db", db, "contest", "start", "Y")
    assert again.returncode == 1
    assert "closed" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_results_sheet_speaks_the_language_asked_for(cli, branch, db_path, tmp_path):
    """``--lang zh_CN`` loads the Chinese catalogue: the sheet's words are Chinese (the
    contestants' names here are English, so every Han character comes from it); ``--lang
    en`` keeps English on a Chinese system."""
    db = str(db_path)
    _ok(cli("--db", db, "contest", "create", "Spring cup", "--drill", TENKEY, "--countdown", "0"))
    _ok(cli("--db", db, "contest", "start", "Spring cup"))
    svc = branch.services
    now = datetime.now(UTC)  # before the close, however quickly the close runs
    actor = branch.actor(branch.teller)
    sit(svc, actor, svc.contests.begin_attempt(actor, "Spring cup", TENKEY, now=now), now, 150)
    _ok(cli("--db", db, "contest", "close", "Spring cup"))
    zh, en = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    _ok(cli("--db", db, "contest", "results", "Spring cup", "--format", "pdf", "-o", str(zh),
            "--lang", "zh_CN"))  # fmt: skip
    _ok(cli("--db", db, "contest", "results", "Spring cup", "--format", "pdf", "-o", str(en),
            "--lang", "en", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}))  # fmt: skip
    chinese, english = _text(zh), _text(en)
    # poppler reads back only some of the Han characters of the embedded CJK subset
    assert len(HAN.findall(chinese)) > 20
    assert "Tom Teller" in chinese
    assert "Skills contest: Spring cup" not in chinese
    assert "Skills contest: Spring cup" in english
    assert not HAN.search(english)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_branch_summary_in_chinese(cli, branch, db_path, tmp_path):
    out = tmp_path / "summary.pdf"
    _ok(cli("--db", str(db_path), "report", "branch-summary", "-o", str(out), "--lang", "zh_CN"))
    text = _text(out)
    assert len(HAN.findall(text)) > 40
    bad = cli("--db", str(db_path), "report", "branch-summary", "-o", str(out), "--lang", "fr")
    assert bad.returncode == 2
