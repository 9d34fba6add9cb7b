"""The chart library is warmed up ahead of the first chart: the Qt half on the GUI
thread in many short turns, the rest on a thread (``gui/chart_preload.py``)."""

import os
import subprocess
import sys

import pytest

from svctrainer.gui import chart_preload
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme

CODE = """
import sys, threading
def say(*words):  # one write per line: two threads print
    sys.stdout.write(' '.join(map(str, words)) + '\\n')
    sys.stdout.flush()
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in ('numpy', 'xml.etree.ElementTree', 'PySide6.QtSvg', 'pyqtgraph'):
            say('importer', name, threading.current_thread().name)
        return None
sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svctrainer.gui import chart_preload
turns = []
package_turns = []  # turns while pyqtgraph itself was being imported
slice_ = chart_preload.ChartWarmUp._slice
def counted(self):
    turns.append(1)
    if 'pyqtgraph' in sys.modules:
        package_turns.append(1)
    slice_(self)
chart_preload.ChartWarmUp._slice = counted
chart_preload.preload_charts()
say('at once', 'pyqtgraph' in sys.modules)
def whole():  # vars(), not getattr: asking the package would finish its import
    return 'PlotWidget' in vars(sys.modules.get('pyqtgraph', sys))
def check():
    if whole():
        app.quit()
poll = QTimer()
poll.timeout.connect(check)
poll.start(50)
QTimer.singleShot(120_000, app.quit)
app.exec()
say('loaded', whole(), 'turns', len(turns), len(package_turns))
"""


def test_pyqtgraph_is_warmed_up_on_the_gui_thread_in_many_turns(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVCTRAINER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env
    )
    lines = done.stdout.split("\n")
    assert "importer numpy chart-preload" in lines, lines
    assert "importer xml.etree.ElementTree chart-preload" in lines, lines  # no Qt in it
    assert "importer PySide6.QtSvg MainThread" in lines, lines
    assert "importer pyqtgraph MainThread" in lines, lines  # never off the GUI thread
    assert "at once False" in lines, lines  # not while the window is being built
    loaded = next(line for line in lines if line.startswith("loaded"))
    assert loaded.startswith("loaded True"), lines
    # The walk over PySide's ~1 000 types is split: many turns, none of them all of it;
    # so is pyqtgraph's own import (a statement of its __init__ a turn, ~110 of them).
    assert int(loaded.split()[-2]) > 10, lines
    assert int(loaded.split()[-1]) > 10, lines


STOPPED = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svctrainer.gui import chart_preload
slices = []
slice_ = chart_preload.ChartWarmUp._slice
def counted(self):
    slice_(self)
    slices.append(1)
    module = sys.modules.get('pyqtgraph')
    if module is not None and 'PlotWidget' not in vars(module):  # half imported
        app.quit()
chart_preload.ChartWarmUp._slice = counted
thread = chart_preload.preload_charts()
QTimer.singleShot(120_000, app.quit)
app.exec()
print('half', 'PlotWidget' not in vars(sys.modules.get('pyqtgraph', sys)))
chart_preload.stop_warm_up()
print('whole', 'PlotWidget' in vars(sys.modules['pyqtgraph']))
print('thread alive', thread.is_alive())
print('same thread', chart_preload.preload_charts() is thread)
before = len(slices)
QTimer.singleShot(300, app.quit)
app.exec()
print('slices after', len(slices) - before)
"""


def test_a_stopped_warm_up_leaves_nothing_running_nor_half_imported(tmp_path):
    """The warm-up outlives its window (the application's child); stopped (a test's end,
    ``tests/conftest.py``), it runs no more slices, its thread is over, and a pyqtgraph
    it had half imported is whole. A later window starts no second warm-up, nor a
    second thread reading pyqtgraph's sources again."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVCTRAINER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", STOPPED], capture_output=True, text=True, check=True, env=env
    )
    lines = done.stdout.split("\n")
    assert "half True" in lines, lines  # stopped half way through pyqtgraph's import
    assert "whole True" in lines, lines
    assert "thread alive False" in lines, lines
    assert "same thread True" in lines, lines
    assert "slices after 0" in lines, lines


def test_windows_share_one_preloading_thread():
    """The second window's thread found everything imported and read pyqtgraph's ~150
    sources again all the same (~45 ms of CPU per window, hundreds in the suite)."""
    first = chart_preload.preload_charts()
    assert chart_preload.preload_charts() is first
    chart_preload.stop_warm_up()
    assert not first.is_alive()


def test_the_warm_up_starts_once_the_sign_in_list_is_filled(qtbot, branch, monkeypatch):
    """Started with the window, the warm-up's imports competed for the interpreter with
    the worker opening the database, and a new computer's ``gui --demo`` listed its
    people 0.2 s later (issue 17: within 2 s of the window). It starts when the list is
    filled, once, however often the list is refreshed."""
    window: MainWindow | None = None
    rows_when_started: list[int] = []
    preload = chart_preload.preload_charts

    def spy():
        building = window is None  # started while the window was being built: -1
        rows_when_started.append(-1 if building else window.login.model.rowCount())
        return preload()

    monkeypatch.setattr(chart_preload, "preload_charts", spy)
    window = MainWindow(GuiSettings(theme=Theme.LIGHT))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert rows_when_started == []  # built and painted, nobody to sign in yet
    assert window.chart_warm_up is None

    window.attach_services(branch.services, "Test Branch")
    qtbot.waitUntil(lambda: window.login.model.rowCount() > 0)
    people = window.login.model.rowCount()
    assert rows_when_started == [people]
    assert window.chart_warm_up is not None

    with qtbot.waitSignal(window.login.listed):  # a refresh (after a sign-out, a search)
        window.login.refresh()
    assert rows_when_started == [people]
    window.background.wait()


PACKAGE = """\
import sys
from .first import ONE
TWO = ONE + 1
LATE = sys.modules[__name__].__dict__.get("ORDER", []) + ["late"]
ORDER = ["first", "two", "late"]
"""


def _package(folder, *, failing=False):
    """A package whose ``__init__`` has five statements and a submodule that refers
    back to the half-imported package, as pyqtgraph's do."""
    package = folder / "slicedpkg"
    package.mkdir()
    body = PACKAGE + ("raise RuntimeError('broken')\n" if failing else "")
    (package / "__init__.py").write_text(body, encoding="utf-8")
    (package / "first.py").write_text(
        "from . import __name__ as PARENT\nONE = 1\n", encoding="utf-8"
    )
    return folder


def test_a_sliced_import_runs_one_statement_of_the_package_a_step(tmp_path, monkeypatch):
    """pyqtgraph's import (~90 ms on the GUI thread) as one step landed in an admin's
    sign-in: it is now a statement of its ``__init__`` per turn of the event loop, and
    the package ends up exactly as a plain import leaves it."""
    monkeypatch.syspath_prepend(str(_package(tmp_path)))
    monkeypatch.delitem(sys.modules, "slicedpkg", raising=False)
    monkeypatch.delitem(sys.modules, "slicedpkg.first", raising=False)
    sliced = chart_preload.SlicedImport("slicedpkg")
    module = sys.modules["slicedpkg"]
    assert "ONE" not in vars(module)  # nothing run yet: found and read only
    assert sliced.step()  # import sys
    assert sliced.step()  # from .first import ONE
    assert vars(module)["ONE"] == 1
    assert "TWO" not in vars(module)
    assert sliced.step()
    assert sliced.step()
    assert not sliced.step()  # the last one
    assert vars(module)["ORDER"] == ["first", "two", "late"]
    assert "__getattr__" not in vars(module)  # the package as a plain import leaves it
    import slicedpkg

    assert slicedpkg is module
    assert slicedpkg.TWO == 2
    assert not sliced.step()  # asked again: nothing left


def test_using_the_package_between_two_steps_finishes_its_import_first(tmp_path, monkeypatch):
    """A chart built while the warm-up is half way through pyqtgraph gets the whole
    package, not an AttributeError."""
    monkeypatch.syspath_prepend(str(_package(tmp_path)))
    monkeypatch.delitem(sys.modules, "slicedpkg", raising=False)
    monkeypatch.delitem(sys.modules, "slicedpkg.first", raising=False)
    sliced = chart_preload.SlicedImport("slicedpkg")
    sliced.step()
    import slicedpkg

    assert slicedpkg.TWO == 2  # the rest ran first
    assert slicedpkg.LATE == ["late"]
    assert not sliced.step()
    assert "__getattr__" not in vars(slicedpkg)
    with pytest.raises(AttributeError, match="NOT_THERE"):
        slicedpkg.NOT_THERE  # noqa: B018


def test_a_statement_that_fails_leaves_no_half_imported_package(tmp_path, monkeypatch):
    """As after a failed import: the package is not in ``sys.modules``, and the error
    reaches whoever ran the statement (the warm-up logs it; the first chart imports
    pyqtgraph itself and reports)."""
    monkeypatch.syspath_prepend(str(_package(tmp_path, failing=True)))
    monkeypatch.delitem(sys.modules, "slicedpkg", raising=False)
    monkeypatch.delitem(sys.modules, "slicedpkg.first", raising=False)
    sliced = chart_preload.SlicedImport("slicedpkg")
    for _ in range(5):
        assert sliced.step()
    with pytest.raises(RuntimeError, match=r"^broken$"):
        sliced.step()
    assert "slicedpkg" not in sys.modules
    assert not sliced.step()


def test_a_sliced_package_keeps_its_own_future_flags(tmp_path, monkeypatch):
    """Statements are compiled as the package's own file would be, not with this
    module's ``from __future__ import annotations`` (which would turn a future pyqtgraph
    ``__init__``'s annotations into strings)."""
    monkeypatch.syspath_prepend(str(_package(tmp_path)))
    monkeypatch.delitem(sys.modules, "slicedpkg", raising=False)
    monkeypatch.delitem(sys.modules, "slicedpkg.first", raising=False)
    (tmp_path / "slicedpkg" / "__init__.py").write_text(
        "def typed(x: int) -> int:\n    return x\nHINTS = typed.__annotations__\n",
        encoding="utf-8",
    )
    sliced = chart_preload.SlicedImport("slicedpkg")
    while sliced.step():
        pass
    hints = sys.modules["slicedpkg"].HINTS
    assert hints == {"x": int, "return": int}  # not "int"


def test_a_half_imported_package_is_not_finished_on_another_thread(tmp_path, monkeypatch):
    """Only the GUI thread may run pyqtgraph's ``__init__`` (it builds Qt types): asked
    from another thread between two steps, the package refuses loudly instead of
    running the rest there, concurrently with the GUI thread's steps."""
    import threading

    monkeypatch.syspath_prepend(str(_package(tmp_path)))
    monkeypatch.delitem(sys.modules, "slicedpkg", raising=False)
    monkeypatch.delitem(sys.modules, "slicedpkg.first", raising=False)
    sliced = chart_preload.SlicedImport("slicedpkg")
    sliced.step()
    seen: list[BaseException] = []

    def other() -> None:
        try:
            sys.modules["slicedpkg"].TWO  # noqa: B018
        except BaseException as exc:  # noqa: BLE001 - what the other thread met
            seen.append(exc)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert len(seen) == 1
    assert isinstance(seen[0], ImportError)
    assert "TWO" not in vars(sys.modules["slicedpkg"])  # nothing ran there
    while sliced.step():  # the GUI thread finishes it as before
        pass
    assert sys.modules["slicedpkg"].TWO == 2


def test_a_submodule_imported_between_two_steps_imports_as_in_a_plain_import(tmp_path, monkeypatch):
    """A chart page imported ``pyqtgraph.graphicsItems.DateAxisItem`` half way through
    the warm-up; its ``AxisItem`` asked the package for ``debug`` (a submodule) and
    ``getConfigOption`` (a name), and finishing the whole package there imported
    ``AxisItem`` again from inside its own import: "cannot import name 'AxisItem' from
    partially initialized module", no chart. The same shape in small: ``axis`` asks for a
    submodule and a name, and the package's later statements import ``axis`` again."""
    package = tmp_path / "circpkg"
    package.mkdir()
    files = {
        "__init__.py": "import sys\ndef option():\n    return 1\n"
        "from .axis import Axis\nfrom .bar import Bar\n",
        "axis.py": "from . import helper\nfrom . import option\nclass Axis:\n    pass\n",
        "helper.py": "X = 1\n",
        "bar.py": "from .plot import Plot\nBar = Plot\n",
        "plot.py": "from .axis import Axis\nPlot = Axis\n",
        "dateaxis.py": "from .axis import Axis\nclass DateAxis(Axis):\n    pass\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("", ".axis", ".helper", ".bar", ".plot", ".dateaxis"):
        monkeypatch.delitem(sys.modules, f"circpkg{name}", raising=False)
    sliced = chart_preload.SlicedImport("circpkg")
    assert sliced.step()  # import sys: ``option`` is not defined yet
    from circpkg.dateaxis import DateAxis  # the chart page, between two steps

    module = sys.modules["circpkg"]
    assert vars(module)["option"]() == 1  # ran up to the name asked for
    while sliced.step():  # the warm-up goes on
        pass
    assert module.Bar is module.Axis is sys.modules["circpkg.axis"].Axis
    assert issubclass(DateAxis, module.Axis)
    assert "__getattr__" not in vars(module)
