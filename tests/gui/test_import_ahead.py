"""The modules of a person's other pages are imported ahead of the first visit, a module
per turn of the event loop, leaves first (``gui/import_ahead.py``): an admin's first
visit to Practice imported 85-101 ms of modules in one turn."""

from __future__ import annotations

import itertools
import logging
import sys

import pytest

from svctrainer.gui import import_ahead
from svctrainer.gui.import_ahead import ImportAhead, top_level_imports

pytestmark = pytest.mark.gui

MODULES = {
    "__init__.py": "",
    "log.py": "ORDER = []\n",
    # the page: needs two modules, one of which needs the other
    "page.py": (
        '"""A page.\n\nimport this_is_prose_not_code\n"""\n'
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from aheadpkg.log import ORDER\n"
        "from aheadpkg import (\n    engine,  # the engine\n    figures as numbers,\n)\n"
        "if TYPE_CHECKING:\n    from aheadpkg import never\n"
        "def later():\n    from aheadpkg import lazy\n"
        "def report():\n    from aheadpkg.report import ORDER\n"
        "ORDER.append(__name__)\n"
    ),
    "engine.py": "from .log import ORDER\nfrom . import figures\nORDER.append(__name__)\n",
    "figures.py": "from aheadpkg.log import ORDER\nORDER.append(__name__)\n",
    # imported by a function of the page where it first runs: after the page
    "report.py": "from aheadpkg.log import ORDER\nORDER.append(__name__)\n",
    "never.py": "raise AssertionError('imported for type checking only')\n",
    "lazy.py": "raise AssertionError('imported inside a function only')\n",
    # needs a library left alone (as the chart library is): not imported ahead
    "chart_page.py": "import leftalone\nfrom aheadpkg.log import ORDER\nORDER.append(__name__)\n",
    # a cycle that works only the way the program imports it: cycle_a first
    "cycle_a.py": (
        "from aheadpkg.log import ORDER\nA = 1\nfrom aheadpkg import cycle_b\nB = cycle_b.B\n"
        "ORDER.append(__name__)\n"
    ),
    "cycle_b.py": (
        "from aheadpkg.log import ORDER\nfrom aheadpkg.cycle_a import A\nB = A + 1\n"
        "ORDER.append(__name__)\n"
    ),
}


@pytest.fixture
def package(tmp_path, monkeypatch):
    folder = tmp_path / "aheadpkg"
    folder.mkdir()
    for name, text in MODULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "leftalone.py").write_text("raise AssertionError('left alone')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(import_ahead, "OWN", "aheadpkg")
    monkeypatch.setattr(import_ahead, "LEFT_ALONE", ("leftalone",))
    yield
    for name in [n for n in sys.modules if n == "aheadpkg" or n.startswith("aheadpkg.")]:
        del sys.modules[name]


def test_only_the_top_level_imports_are_read_relative_ones_made_absolute():
    source = MODULES["page.py"] + MODULES["engine.py"].replace("ORDER.append", "# ")
    found = top_level_imports("aheadpkg.page", source, package=False)
    assert ("aheadpkg.log", False) in found
    assert ("aheadpkg.log.ORDER", True) in found
    assert ("aheadpkg.engine", True) in found
    assert ("aheadpkg.figures", True) in found
    assert ("typing", False) in found
    assert not any("never" in name or "lazy" in name for name, _ in found)
    assert not any("this_is_prose" in name for name, _ in found)  # in a docstring, indented?
    assert all(name != "__future__" for name, _ in found)


def _run(qtbot, modules):
    ahead = ImportAhead(modules)
    turns = []
    ahead._timer.timeout.connect(lambda: turns.append(1))
    ahead.start(0)
    qtbot.waitUntil(lambda: ahead.done, timeout=10_000)
    ahead.stop()
    return ahead


def test_a_page_and_what_it_needs_are_imported_leaves_first(qtbot, package, caplog):
    with caplog.at_level(logging.WARNING):
        ahead = _run(qtbot, ["aheadpkg.page", "aheadpkg.chart_page", "aheadpkg.cycle_a"])
    order = sys.modules["aheadpkg.log"].ORDER
    assert order[:4] == ["aheadpkg.figures", "aheadpkg.engine", "aheadpkg.page", "aheadpkg.report"]
    # typing was imported long before: not again
    assert ahead.imported[: ahead.imported.index("aheadpkg.page") + 1] == [
        "aheadpkg",
        "aheadpkg.log",
        "aheadpkg.figures",
        "aheadpkg.engine",
        "aheadpkg.page",
    ]
    assert "aheadpkg.never" not in sys.modules
    assert "aheadpkg.lazy" not in sys.modules
    # A page that needs a module left alone waits for its first visit.
    assert "aheadpkg.chart_page" not in sys.modules
    assert "leftalone" not in sys.modules
    # The cycle comes in through its outer module, as the program imports it.
    assert sys.modules["aheadpkg.cycle_a"].B == 2
    assert "aheadpkg.cycle_b" not in ahead.imported
    assert not [r for r in caplog.records if "could not import" in r.getMessage()]


def test_each_module_is_a_turn_of_its_own(qtbot, package, monkeypatch):
    """However fast the imports, one per turn: never the whole page in one."""
    monkeypatch.setattr(import_ahead, "SLICE_S", 0.0)
    turns: list[list[str]] = []
    ahead = ImportAhead(["aheadpkg.page"])
    ahead._timer.timeout.connect(lambda: turns.append(list(ahead.imported)))
    ahead.start(0)
    qtbot.waitUntil(lambda: ahead.done, timeout=10_000)
    ahead.stop()
    grown = [len(b) - len(a) for a, b in itertools.pairwise(turns)]
    assert max(grown) <= 1
    assert "aheadpkg.page" in ahead.imported


def test_a_signed_in_person_s_other_pages_are_imported_ahead_and_stopped_at_sign_out(
    qtbot, window, sign_in, branch
):
    qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
    at_login = window.import_ahead  # every page's, while the PIN is typed
    sign_in(branch.admin)
    qtbot.waitUntil(lambda: window.import_ahead not in (None, at_login), timeout=10_000)
    ahead = window.import_ahead
    qtbot.waitUntil(lambda: ahead.done, timeout=30_000)
    landing = window.current_page_key()
    for target in window._targets:
        if target.key != landing:
            assert target.module in sys.modules, target.module
    window.sign_out_action.trigger()
    assert window.import_ahead is None


def test_the_login_screen_imports_every_page_ahead_but_not_while_the_worker_is_busy(qtbot, window):
    """Who signs in is not known yet, and the landing page is built at sign-in in one
    turn: every page's modules, while the person types a PIN. A turn in which the
    database worker is busy does nothing (the two would share the interpreter, and an
    import on the worker would hold this one on its lock)."""
    from svctrainer.gui.navigation import TARGETS

    qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
    ahead = window.import_ahead
    assert ahead is not None
    busy = [True]
    ahead._waits_while = lambda: busy[0]
    ahead._timer.start()  # as its start does, a moment after the list is filled
    qtbot.wait(50)
    assert not ahead.done  # however little is left to import, nothing was done
    assert ahead._timer.interval() == import_ahead.WAIT_MS  # waiting without spinning
    assert ahead.imported == []
    busy[0] = False
    qtbot.waitUntil(lambda: ahead.done, timeout=30_000)
    for target in TARGETS:
        assert target.module in sys.modules, target.module
