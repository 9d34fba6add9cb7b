"""``content check``/``import``, ``words`` and ``attempt rescore`` as trainers run them."""

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.packs.definition import Mode

pytestmark = pytest.mark.e2e
DRILLS = Path(__file__).resolve().parents[2] / "drills"


def _pack(tmp_path, name="bad.toml", replace=None, raw: bytes | None = None) -> Path:
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
        return path
    text = (DRILLS / "tenkey-amounts-test.en.toml").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text, replace
        text = text.replace(*replace)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("replace", "raw", "expected"),
    [
        (("[test]", "[test"), None, ":18:"),  # bad TOML, at the broken line
        (("time_limit_s = 300", 'time_limit_s = "five"'), None, ":19:1: test.time_limit_s"),
        # an unknown key
        (('error_policy = "free"', 'error_policy = "free"\ncolour = 3'), None, ":21:1:"),
        (("time_limit_s = 300", "time_limit_s = 0"), None, ":19:1:"),  # absurd value
        (("integer_digits = [1, 6]", "integer_digits = [1, 600]"), None, ":23:22:"),
        (None, b'format = 1\nid = "x"\ntitle = "\xff\xfe"\n', ":3:10: not UTF-8"),
    ],
)
def test_check_reports_path_line_col(cli, tmp_path, replace, raw, expected):
    path = _pack(tmp_path, replace=replace, raw=raw)
    result = cli("content", "check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    assert any(line.startswith(str(path)) and expected in line for line in lines), lines


def test_a_50_mb_file_is_refused_without_reading_it(cli, tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = cli("content", "check", str(path))
    assert result.returncode == 1
    assert f"{path}:0:0:" in result.stdout
    assert "limit" in result.stdout


def test_a_million_items_is_refused(cli, tmp_path):
    text = (DRILLS / "tenkey-amounts-test.en.toml").read_text(encoding="utf-8")
    text = text.replace("time_limit_s = 300", "time_limit_s = 300\nitem_count = 1000000")
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("content", "check", str(path))
    assert result.returncode == 1
    assert ":20:1: test.item_count" in result.stdout


def test_all_shipped_content_is_valid(cli):
    result = cli("content", "check", str(DRILLS))
    assert result.returncode == 0, result.stdout
    assert (
        result.stdout.strip()
        .splitlines()[-1]
        .startswith(
            f"{len(list(DRILLS.rglob('*.toml'))) + len(list(DRILLS.rglob('*.yaml')))} file(s) valid"
        )
    )


def test_a_service_standards_file_is_checked_and_never_imported(cli, tmp_path):
    text = (DRILLS / "standards" / "service-standards.en.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "service-standards.en.yaml"
    bad.write_text(text.replace("sort: referral", "sort: handover", 1), encoding="utf-8")
    result = cli("content", "check", str(bad))
    assert result.returncode == 1
    line = next(n for n, t in enumerate(bad.read_text().splitlines(), 1) if "handover" in t)
    assert f"{bad}:{line}:" in result.stdout
    assert 'sort "handover"' in result.stdout or "handover" in result.stdout
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    good = DRILLS / "standards" / "service-standards.en.yaml"
    refused = cli("content", "import", str(good), "--db", url)
    assert refused.returncode == 1
    assert "ships with the application" in refused.stdout
    # a folder import leaves the standards out and stores the rest
    folder = tmp_path / "content"
    (folder / "standards").mkdir(parents=True)
    (folder / "standards" / good.name).write_bytes(good.read_bytes())
    (folder / "pack.toml").write_bytes((DRILLS / "tenkey-amounts-test.en.toml").read_bytes())
    imported = cli("content", "import", str(folder), "--db", url)
    assert imported.returncode == 0, imported.stdout + imported.stderr


def test_import_twice_and_list(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    pack = DRILLS / "voucher-summing-test.zh.toml"
    first = cli("content", "import", str(pack), "--db", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("added        voucher-summing-test.zh v1")
    again = cli("content", "import", str(pack), "--db", url)
    assert again.stdout.startswith("unchanged")
    listed = cli("content", "list", "--db", url)
    assert "voucher-summing-test.zh" in listed.stdout


def test_a_title_with_terminal_escapes_is_refused_and_never_printed(cli, tmp_path):
    """An ESC title is refused at import; one stored before that rule is listed with its
    control characters shown as escapes, never sent to the terminal."""
    path = tmp_path / "c.sqlite3"
    bad = _pack(tmp_path, replace=('title = "', 'title = "\\u001b]0;pwned\\u0007\\u001b[2J'))
    refused = cli("content", "import", str(bad), "--db", str(path))
    assert refused.returncode == 1
    assert "title contains the control character U+001B" in refused.stdout
    assert (
        cli(
            "content", "import", str(DRILLS / "tenkey-amounts-test.en.toml"), "--db", str(path)
        ).returncode
        == 0
    )
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE content_item SET title = ?", ("Ten\x1b[2Jkey\x07\x9b",))
    conn.close()
    listed = cli("content", "list", "--db", str(path))
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout
    assert "\x07" not in listed.stdout
    assert "\x9b" not in listed.stdout
    assert "Ten\\x1b[2Jkey\\x07\\x9b" in listed.stdout


def test_rejected_import_leaves_the_database_unchanged(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    bad = _pack(tmp_path, replace=("time_limit_s = 300", "time_limit_s = 0"))
    result = cli(
        "content", "import", str(DRILLS / "data-entry-test.en.toml"), str(bad), "--db", url
    )
    assert result.returncode == 1
    assert "nothing imported" in result.stderr
    check = json.loads(cli("db", "check", "--json", "--db", url).stdout)
    assert check["tables"]["content_item"] == 0
    assert check["tables"]["audit_log"] == 0


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["1409.50"], "壹仟肆佰零玖元伍角"),
        (["100000000"], "壹亿元整"),
        (["1234.56", "--lang", "en"], "One thousand two hundred thirty-four and 56/100"),
        (["--parse", "壹仟肆佰零玖元伍角"], "1,409.50"),
        (["--parse", "One thousand two hundred thirty-four and 56/100"], "1,234.56"),
    ],
)
def test_words(cli, args, out):
    result = cli("words", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == out


@pytest.mark.parametrize("amount", ["-5", "1.234", "1000000000000", "abc"])
def test_words_refuses_invalid_amounts(cli, amount):
    result = cli("words", "--", amount)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_rescore_an_attempt(cli, tmp_path):
    from svctrainer.core.roles import Role
    from svctrainer.services.actor import Actor
    from svctrainer.services.api import Services

    path = tmp_path / "r.sqlite3"
    svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
    svc.content.sync_bundled()
    signed = svc.auth.set_up_branch(
        branch_name="B", admin_name="Ada", employee_number="A1", pin="1234"
    )
    teller = svc.people.create_person(
        Actor.command_line(), name="Tom", employee_number="T1", pin="1234", roles=[Role.TELLER]
    )
    del signed
    actor = Actor.person(teller.id, teller.name, teller.employee_number)
    record = next(r for r in svc.content.latest(actor) if r.content_id == "data-entry-practice.en")
    _, definition = svc.content.load(actor, record.id)
    attempt = svc.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=5,
        events=typed_perfectly(definition, Mode.PRACTICE, 5, items=2),
        started_at=datetime.now(UTC),
    )  # fmt: skip
    svc.close()
    result = cli("attempt", "rescore", str(attempt.id), "--json", "--db", str(path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["matches"] is True
    assert report["stored"]["speed"] == attempt.speed
    bad = cli("attempt", "rescore", "not-a-uuid", "--db", str(path))
    assert bad.returncode == 1
    assert "not an attempt id" in bad.stderr
