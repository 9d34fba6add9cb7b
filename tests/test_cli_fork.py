"""The ``cli`` fixture's zygote (tests/cli_fork.py) is indistinguishable from a new
process: for the command (output, exit code, files left) and for any script (how it
ends, what it sees), and its preloaded imports read nothing a run may change."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_fork import SCRIPT, STATS, WorkerZygote, Zygote, interpreter_settings

ANN = ("--name", "Ann Lee", "--number", "E100", "--roles", "teller", "--pin", "2468")

# Each session: the commands run in one home folder, in order; the first run on a home
# makes its database (migrations), later ones find it current.
SESSIONS = {
    "first use, then every kind of answer": [
        ("person", "list", "--json"),
        ("--version",),
        ("db", "check"),
        ("db", "check", "--json"),
        ("person", "add", *ANN),
        ("person", "list"),
        ("person", "add", *ANN),  # refused: the number is taken
        ("audit", "--limit", "5"),
        ("db", "backup"),
        ("db", "backups"),
        ("words", "1409.50"),
        ("words", "--parse", "壹仟肆佰零玖元伍角"),
        ("person", "add", "--name", "X"),  # a usage error
        ("nonsense",),
        ("content", "list"),
        ("person", "--help"),
    ],
    "no database yet": [
        ("db", "check"),
        ("audit", "--limit", "0"),
    ],
}


_TIMES = re.compile(r"\d{8}T\d{6}Z|\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?")
"""A time in an answer or a file name (a backup's, an audit line's): a second apart."""


_RANDOM = re.compile(r"\.[a-z0-9_]{8}\.tmp")
"""A temporary file's random part (``tempfile``): a backup leaves its temporary copy's
``-wal`` and ``-shm`` behind, each run under another name."""


def _same(text: str, home: Path) -> str:
    """``text`` with the home's path, times and random names left out."""
    text = _TIMES.sub("<time>", text.replace(str(home), "<home>"))
    return _RANDOM.sub(".<random>.tmp", text)


def _tree(home: Path) -> list[str]:
    """The files the runs left, by name."""
    return sorted(_same(str(p), home) for p in home.rglob("*"))


def _log(home: Path) -> list[str]:
    """The log's lines without their time stamps."""
    lines = (home / "logs" / "svctrainer.log").read_text(encoding="utf-8").splitlines()
    return [_same(line.split(" ", 2)[2], home) for line in lines]


@pytest.mark.parametrize("session", SESSIONS.values(), ids=SESSIONS.keys())
def test_a_command_answers_the_same_forked_as_started(cli, cli_zygote, tmp_path, session):
    """The same command lines, each run both ways in a home folder of its own: the same
    exit codes, output (the home's path aside), files and log."""
    homes = {way: tmp_path / way for way in ("started", "forked")}
    for args in session:
        answers = {}
        for way, home in homes.items():
            if way == "started":
                done = cli(*args, env={"SVCTRAINER_HOME": str(home)}, fresh=True)
            else:  # through the zygote even when SVCTRAINER_TEST_CLI=exec
                env = {**os.environ, "SVCTRAINER_HOME": str(home)}
                done = cli_zygote.get().run([str(SCRIPT), *args], env=env, timeout=120)
            answers[way] = (done.returncode, _same(done.stdout, home), _same(done.stderr, home))
        assert answers["forked"] == answers["started"], args
    assert _tree(homes["forked"]) == _tree(homes["started"])
    assert _log(homes["forked"]) == _log(homes["started"])


def _script(tmp_path: Path, name: str, body: str) -> Path:
    """An executable script of this interpreter, as pip writes a console script."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\n{textwrap.dedent(body)}", encoding="utf-8")
    path.chmod(0o755)
    return path


# How a script can end, and what it can see of its process.
SCRIPTS = {
    "uncaught exception": """
        import json
        def fail():
            json.loads("{")
        print("before")
        fail()
    """,
    "exit with text": "import sys\nprint('out')\nsys.exit('refused: a message')\n",
    "exit 3": "import sys\nsys.stdout.write('no newline')\nsys.exit(3)\n",
    "exit None": "raise SystemExit(None)\n",
    "interrupted": "print('a', flush=True)\nraise KeyboardInterrupt\n",
    "threads and atexit": """
        import atexit, sys, threading, time
        atexit.register(lambda: print("atexit ran"))
        def late():
            time.sleep(0.2)
            print("thread done")
        threading.Thread(target=late).start()
        threading.Thread(target=time.sleep, args=(600,), daemon=True).start()
        print("main done", file=sys.stderr)
    """,
    "what it sees": """
        import json, os, sys, time, tempfile, locale
        print(json.dumps({
            "argv": sys.argv, "orig_argv": sys.orig_argv, "path": sys.path,
            "name": __name__, "file": __file__, "cwd": os.getcwd(),
            "env": dict(os.environ), "tz": time.tzname, "offset": time.timezone,
            "local": time.strftime("%H", time.localtime(0)),
            "tempdir": tempfile.gettempdir(),
            "stdio": [(s.name, s.encoding, s.errors, s.line_buffering, s.write_through, s.mode)
                      for s in (sys.stdin, sys.stdout, sys.stderr)],
            "fds": sorted(int(f) for f in os.listdir("/proc/self/fd")),
            "input": sys.stdin.read(),
            "ctype": locale.setlocale(locale.LC_CTYPE), "umask": os.umask(0),
            "main": sorted((k, type(v).__name__) for k, v in vars(sys.modules["__main__"]).items()
                           if k != "__annotations__"),
        }))
        print("written to stderr", file=sys.stderr)
    """,
    "syntax error": "print('never'\n",
    "killed by a signal": """
        import os, signal, sys
        print("before", flush=True)
        sys.stdout.write("buffered, never written")
        os.kill(os.getpid(), signal.SIGKILL)
    """,
}


@pytest.fixture(scope="module")
def zygotes(cli_zygote: WorkerZygote) -> Iterator[dict[str, Zygote]]:
    """The worker's zygote, and one whose stdio is buffered the other way (with
    ``PYTHONUNBUFFERED`` set or not, as the worker is not)."""
    env = dict(os.environ)
    if env.pop("PYTHONUNBUFFERED", None) is None:
        env["PYTHONUNBUFFERED"] = "1"
    other = Zygote(env)
    yield {"as the worker": cli_zygote.get(), "other buffering": other}
    other.close()


@pytest.mark.parametrize("which", ["as the worker", "other buffering"])
@pytest.mark.parametrize("body", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_a_script_runs_and_ends_forked_as_when_started(zygotes, tmp_path, body, which):
    script = _script(tmp_path, "tool", body)
    folder = tmp_path / "here"
    folder.mkdir()
    zygote = zygotes[which]
    env = {
        **zygote.env,
        "TZ": "Asia/Shanghai",
        "TMPDIR": str(tmp_path),
        "SVCTRAINER_HOME": str(tmp_path / "home"),
        "A_RUN_OF_ITS_OWN": "yes",
    }
    env.pop("SVCTRAINER_CACHE")
    command = [str(script), "one", "two words"]
    assert zygote.accepts(env)
    here = Path.cwd()
    os.chdir(folder)
    umask = os.umask(0o027)  # the worker's now, not when its zygote started
    try:
        forked = zygote.run(command, env=env, input_text="typed\n", timeout=120)
        started = subprocess.run(
            command, capture_output=True, text=True, input="typed\n", env=env, timeout=120,
            check=False,
        )  # fmt: skip
    finally:
        os.chdir(here)
        os.umask(umask)
    assert (forked.args, forked.returncode) == (started.args, started.returncode)
    assert forked.stderr == started.stderr
    assert forked.stdout == started.stdout
    if "json" in body and started.returncode == 0:
        seen = json.loads(started.stdout)
        assert seen["env"]["TZ"] == "Asia/Shanghai"
        assert seen["tz"] == ["CST", "CST"]
        assert seen["fds"] == [0, 1, 2, 3]  # the listing's own descriptor besides stdio
        assert seen["umask"] == 0o027


def test_each_child_has_its_own_random_numbers(cli_zygote, tmp_path):
    script = _script(tmp_path, "draw", "import random\nprint(random.random())\n")
    zygote = cli_zygote.get()
    draws = {zygote.run([str(script)], env=dict(os.environ)).stdout for _ in range(3)}
    assert len(draws) == 3


def test_a_timeout_kills_the_command_and_raises_with_the_output_so_far(cli_zygote, tmp_path):
    script = _script(
        tmp_path,
        "hang",
        "import os, sys, time\nprint(os.getpid(), flush=True)\nprint('err', file=sys.stderr)\n"
        "time.sleep(600)\n",
    )
    zygote = cli_zygote.get()
    with pytest.raises(subprocess.TimeoutExpired) as raised:
        zygote.run([str(script)], env=dict(os.environ), timeout=5)
    assert raised.value.cmd == [str(script)]
    assert raised.value.timeout == 5
    assert raised.value.stderr == b"err\n"
    pid = int(raised.value.stdout)
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(pid, 0)


def test_a_run_that_changes_the_interpreter_settings_is_started_for_real(cli, cli_zygote):
    before = STATS.fresh, STATS.runs
    done = cli("--version", env={"PYTHONHASHSEED": "7", "USER": "someone-else"})
    assert done.returncode == 0
    assert (STATS.fresh, STATS.runs) == (before[0] + 1, before[1])
    assert not cli_zygote.get().accepts({**os.environ, "LANG": "zh_CN.UTF-8"})
    assert not cli_zygote.get().accepts({**os.environ, "PYTHONPATH": "/elsewhere"})
    assert cli_zygote.get().accepts({**os.environ, "TZ": "UTC", "SVCTRAINER_DB": "x"})


def test_the_preloaded_imports_read_nothing_a_run_may_change():
    """The zygote's imports, audited in a process of their own: every environment
    variable they read is one the zygote compares before it forks (a run that differs
    is started for real), they leave no thread, no chosen temporary folder, and never
    load Qt, pyqtgraph, numpy or the window's modules."""
    audit = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("cli_fork.py")), "--audit"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(audit.stdout)
    compared = {name for name, _ in interpreter_settings({name: "" for name in found["read"]})}
    assert set(found["read"]) == compared
    assert found["threads"] == 1
    assert found["tempdir"] is None
    heavy = ("PySide6", "shiboken6", "pyqtgraph", "numpy", "svctrainer.gui")
    assert [m for m in found["modules"] if m.startswith(heavy)] == []


def test_a_file_the_script_left_open_is_written_as_when_started(cli_zygote, tmp_path):
    """A file object still open when the script ends (a module global, never closed) is
    flushed and closed by the interpreter's teardown of ``__main__``: a forked run must
    leave the same file, not an empty one (``os._exit`` skips that teardown)."""
    script = _script(
        tmp_path,
        "leave-open",
        "import sys\nkept = open(sys.argv[1], 'w', encoding='utf-8')\nkept.write('all of it')\n",
    )
    forked, started = tmp_path / "forked.txt", tmp_path / "started.txt"
    done = cli_zygote.get().run([str(script), str(forked)], env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    subprocess.run([str(script), str(started)], check=True, timeout=120)
    assert started.read_text(encoding="utf-8") == "all of it"
    assert forked.read_text(encoding="utf-8") == "all of it"


def test_a_helper_script_runs_forked_when_it_may_and_started_otherwise(cli_zygote, tmp_path):
    """``WorkerZygote.run_script`` (a test's own helper process, such as the restore
    runner that kills itself mid-step): the same answer forked as started for real, and
    started for real when the run's interpreter settings are not the zygote's."""
    body = """
        import os, signal, sys
        print(sys.argv[1:], flush=True)
        print("to stderr", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """
    script = _script(tmp_path, "helper", body)
    script.chmod(0o644)  # run by the interpreter, as ``python SCRIPT`` is
    env = dict(os.environ)
    runs, fresh = STATS.runs, STATS.fresh
    forked = cli_zygote.run_script(script, "one", "two words", env=env, timeout=120)
    assert (STATS.runs, STATS.fresh) == (runs + 1, fresh)
    started = cli_zygote.run_script(
        script, "one", "two words", env={**env, "PYTHON_SVCTRAINER_PROBE": "1"}, timeout=120
    )
    assert (STATS.runs, STATS.fresh) == (runs + 1, fresh + 1)
    assert forked.args == started.args == [sys.executable, str(script), "one", "two words"]
    assert forked.returncode == started.returncode == -9
    assert forked.stdout == started.stdout == "['one', 'two words']\n"
    assert forked.stderr == started.stderr == "to stderr\n"
