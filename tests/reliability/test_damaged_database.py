"""Damaged means read-only (issue 19, point 5): after truncations and scribbles that
'db check' reports, 'person add' and imports still wrote into 3 of 11 damaged files and
'person list' and 'audit' ran normally on 4; 'db backup' and the daily backup copied a
damaged file, said so proudly, and rotation then deleted older good backups.

Now a command that finds the database damaged - by its own quick check when it opens it,
by an error while using it, or because 'db check' or a backup found it so before (they
leave a mark beside the file) - writes nothing to it and says, on one line, which backup
is good; a backup is verified before it counts, and rotation keeps the newest good one.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from branch_support import Branch
from support import FAST_PIN_COST, typed_run

from svctrainer.core.packs.definition import Mode
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.attempts import scored_drill, store_attempt
from svctrainer.store.backup import daily_backup_if_due, list_backups, rotate, take_backup
from svctrainer.store.errors import DatabaseCorruptError

CLI = Actor.command_line()
DRILLS = Path(__file__).resolve().parents[2] / "drills"
START = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def filled_template(
    shipped_content_db: Path, branch_templates, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The test branch with its content and 120 attempts, closed, its log folded in: made
    once (120 scored attempts take seconds of CPU), then copied for each test, which
    damages its own copy. Built on the template holding the shipped content already, so
    ``sync_bundled`` finds it stored instead of parsing every shipped scenario."""
    source, people, _ = branch_templates.of(shipped_content_db)
    path = tmp_path_factory.mktemp("filled") / "filled.sqlite3"
    shutil.copyfile(source, path)
    branch = Branch(Services.open(str(path), pin_cost=FAST_PIN_COST), *people)
    svc = branch.services
    svc.content.sync_bundled()
    tom = branch.actor(branch.teller)
    record = next(
        r for r in svc.content.latest(tom) if r.content_id == "tenkey-amounts-practice.en"
    )
    _, definition = svc.content.load(tom, record.id)
    for seed in range(120):
        # The rows ``attempts.record_drill`` stores, from the typed run's own result: the
        # service would replay the thousand keys again to get the same one (half of
        # this set-up's CPU); the replay itself is the drill tests' and services' matter.
        run = typed_run(definition, Mode.PRACTICE, seed, items=2)
        scored = scored_drill(
            record.id, mode=Mode.PRACTICE, seed=seed, events=run.events,
            started_at=START + timedelta(hours=seed), result=run.result(),
        )  # fmt: skip
        with svc.db.writing() as session:
            store_attempt(session, branch.teller.id, scored)
    svc.close()
    return path


@pytest.fixture
def filled(filled_template: Path, tmp_path: Path) -> Path:
    """A copy of ``filled_template`` of the test's own."""
    path = tmp_path / "svctrainer.sqlite3"
    shutil.copyfile(filled_template, path)
    return path


def _layout(path: Path) -> tuple[int, int, dict[str, int]]:
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        count = conn.execute("PRAGMA page_count").fetchone()[0]
        roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0"))
    conn.close()
    return size, count, roots


def _scribble(page: Callable[[int, dict[str, int]], int], length: int = 64) -> Callable:
    def damage(data: bytearray, size: int, count: int, roots: dict[str, int]) -> bytearray:
        start = (page(count, roots) - 1) * size + 100 * (page(count, roots) == 1)
        data[start : start + length] = b"\xa5" * length
        return data

    return damage


def _cut(keep: Callable[[int], int]) -> Callable:
    def damage(data: bytearray, size: int, count: int, _roots: dict[str, int]) -> bytearray:
        return data[: keep(count) * size]

    return damage


def _header_page_count(data: bytearray, _size: int, count: int, _roots: dict) -> bytearray:
    data[28:32] = (count + 50).to_bytes(4, "big")
    return data


DAMAGE = {
    "cut one page": _cut(lambda n: n - 1),
    "cut to 90 %": _cut(lambda n: n * 9 // 10),
    "cut in half": _cut(lambda n: n // 2),
    "person table": _scribble(lambda _n, r: r["person"]),
    "team table": _scribble(lambda _n, r: r["team"]),
    "attempt table": _scribble(lambda _n, r: r["attempt"]),
    "audit table": _scribble(lambda _n, r: r["audit_log"]),
    "attempt index": _scribble(lambda _n, r: r["ix_attempt_started"]),
    "last page": _scribble(lambda n, _r: n, length=4096),
    "middle page": _scribble(lambda n, _r: n // 2, length=300),
    "header page count": _header_page_count,
}


def _damage(path: Path, how: Callable) -> bytes:
    size, count, roots = _layout(path)
    data = how(bytearray(path.read_bytes()), size, count, roots)
    path.write_bytes(bytes(data))
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        sidecar.unlink(missing_ok=True)
    return bytes(data)


@pytest.mark.parametrize("how", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_database_is_never_written_and_every_command_says_so(
    cli, filled, how, figure, request
):
    backed = cli("db", "backup", "--db", str(filled))
    assert backed.returncode == 0, backed.stderr
    damaged = _damage(filled, how)
    check = cli("db", "check", "--db", str(filled))
    assert check.returncode == 1
    assert "damaged" in check.stderr
    pack = DRILLS / "tenkey-amounts-test.en.toml"
    commands = {
        "person add": [
            "person",
            "add",
            "--name",
            "New",
            "--number",
            "N9",
            "--roles",
            "teller",
            "--pin",
            "2468",
        ],
        "team add": ["team", "add", "Late team"],
        "content import": ["content", "import", str(pack)],
        "person list": ["person", "list"],
        "audit": ["audit"],
        "db backup": ["db", "backup"],
    }
    for name, args in commands.items():
        result = cli(*args, "--db", str(filled))
        assert result.returncode == 1, (name, result.stdout)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
        assert "damaged" in result.stderr, (name, result.stderr)
        assert "newest good backup is" in result.stderr, (name, result.stderr)
        assert filled.read_bytes() == damaged, f"{name} wrote into the damaged file"
    assert [b.reason for b in list_backups(filled)] == ["manual"]  # no damaged copy added
    listed = cli("db", "backups", "--db", str(filled))
    assert listed.returncode == 0
    assert "manual" in listed.stdout
    kind = request.node.callspec.id
    figure(f"damaged database, {kind}: {len(commands)} commands refused, nothing written")


def test_a_damaged_file_is_never_backed_up_and_rotation_keeps_the_last_good_backup(db_path):
    good = take_backup(db_path, "daily", START - timedelta(days=40))
    _damage(db_path, DAMAGE["middle page"])
    with pytest.raises(DatabaseCorruptError, match="damaged"):
        take_backup(db_path, "manual", START)
    with pytest.raises(DatabaseCorruptError):
        daily_backup_if_due(db_path, START)
    assert [b.path for b in list_backups(db_path)] == [good]
    rotate(db_path, START)  # the only good backup is 40 days old: beyond every rule but one
    assert [b.path for b in list_backups(db_path)] == [good]


def test_rotation_never_deletes_the_newest_good_backup(db_path):
    good = take_backup(db_path, "daily", START - timedelta(days=60))
    for day in range(20):  # twenty newer dailies, each of them damaged afterwards
        newer = take_backup(db_path, "daily", START - timedelta(days=day))
        newer.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    deleted = rotate(db_path, START)
    assert good not in deleted
    assert good.exists()
