"""Files svctrainer writes: '-o' replaces only a regular file (never a FIFO, a device or a
symbolic link, which is never followed), and every file it creates is private (0600)
whatever the umask (issue 19, point 11)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from svctrainer.core.output_files import OutputFileError, check_output_file, output_file

DRILLS = Path(__file__).resolve().parents[2] / "drills"
SCENARIO = DRILLS / "scenarios" / "sample-queue-wait.en.yaml"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is


def _symlink_to_a_file(path: Path) -> None:
    victim = path.with_name("victim.txt")
    victim.write_text("precious")
    path.symlink_to(victim)


def _dangling_symlink(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere" + path.suffix))


TARGETS: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "device": _device,
    "symlink to a file": _symlink_to_a_file,
    "dangling symlink": _dangling_symlink,
}


def _kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


@pytest.mark.parametrize("make", TARGETS.values(), ids=TARGETS.keys())
def test_output_file_refuses_anything_but_a_regular_file(tmp_path, make):
    target = tmp_path / "out.csv"
    make(target)
    kind = _kind(target)
    with pytest.raises(OutputFileError, match=r"out\.csv"):
        check_output_file(target)
    with pytest.raises(OutputFileError), output_file(target) as out:
        out.text().write("x")
    assert _kind(target) == kind
    victim = tmp_path / "victim.txt"
    if victim.exists():
        assert victim.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []


def test_output_file_replaces_a_regular_file_only_when_complete(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def fail_midway() -> None:
        with output_file(target) as out:
            out.text().write("half")
            raise RuntimeError("the export failed midway")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert target.read_text() == "old"
    with output_file(target) as out:
        out.text().write("new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_created_is_private_under_umask_022(cli, tmp_path, isolated_home, umask_022):
    db = tmp_path / "branch.sqlite3"
    assert cli("person", "list", "--db", str(db)).returncode == 0  # creates it
    assert _mode(db) == 0o600
    assert cli("content", "import", str(DRILLS / "tenkey-amounts-test.en.toml"), "--db",
               str(db)).returncode == 0  # fmt: skip
    for sidecar in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if sidecar.exists():
            assert _mode(sidecar) == 0o600, sidecar
    backed = cli("db", "backup", "--db", str(db))
    assert backed.returncode == 0, backed.stderr
    backups = list((tmp_path / "backups").iterdir())
    assert backups
    assert {_mode(b) for b in backups} == {0o600}
    out = tmp_path / "copy.sqlite3"
    assert cli("db", "backup", "-o", str(out), "--db", str(db)).returncode == 0
    assert _mode(out) == 0o600
    logs = list(isolated_home.rglob("*.log"))
    assert logs
    assert {_mode(log) for log in logs} == {0o600}


COMMANDS = ("db backup", "report", "export xapi", "export-twee")


def _commands(db: Path, target: Path) -> dict[str, list[str]]:
    return {
        "db backup": ["db", "backup", "-o", str(target), "--db", str(db)],
        "report": [
            "report",
            "--team",
            "Team A",
            "--format",
            "csv",
            "-o",
            str(target),
            "--db",
            str(db),
        ],
        "export xapi": ["export", "xapi", "-o", str(target), "--db", str(db)],
        "export-twee": ["scenario", "export-twee", str(SCENARIO), "-o", str(target), "--force"],
    }


CASES = [(command, name) for command in COMMANDS for name in TARGETS]


@pytest.mark.parametrize("case", CASES, ids=[f"{c}-{t}" for c, t in CASES])
@pytest.mark.usefixtures("branch")
def test_dash_o_never_replaces_or_follows_anything_but_a_regular_file(
    cli, services, db_path, tmp_path, case
):
    """As root, 'db backup -o /dev/full' replaced the device with a regular file."""
    services.close()
    target = tmp_path / "out" / "target.dat"
    target.parent.mkdir()
    command, target_kind = case
    TARGETS[target_kind](target)
    kind = _kind(target)
    result = cli(*_commands(db_path, target)[command])
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "target.dat" in result.stderr
    assert _kind(target) == kind
    victim = target.with_name("victim.txt")
    if victim.exists():
        assert victim.read_text() == "precious"
    assert sorted(p.name for p in target.parent.iterdir()) <= ["target.dat", "victim.txt"]
