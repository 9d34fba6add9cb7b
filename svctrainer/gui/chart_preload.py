"""Importing the chart library ahead of its first use, in pieces the window never feels.

Why: pyqtgraph with numpy takes 0.4-2 s to import on a busy 2-core branch PC, and
imported when the first page with a chart was built it froze the window for 314 ms on
a quiet one (bench/bench_heartbeat.py; issue 17: no gap over 100 ms). The import is
three kinds of work, each done where it is safe:

1. numpy and the pure-Python modules pyqtgraph pulls in (``PRELOADED``: XML, subprocess,
   multiprocessing, ...): no Qt in any of them, imported on a thread while the login
   screen waits for a PIN.
2. Python's view of PySide's modules: at import pyqtgraph walks every attribute of
   QtCore, QtGui and QtWidgets (``pyqtgraph/Qt/__init__.py``), which makes shiboken
   create about a thousand Qt types and enums lazily, over half the import. That is not
   safe off the GUI thread (done on a thread it crashed the process in a painting
   delegate, a segfault in the full test run), so the GUI thread does it, in slices of
   a few milliseconds between events (``ChartWarmUp``), once the window is idle.
3. pyqtgraph's own modules, on the GUI thread after the rest: what remains of the
   import, ~90 ms of CPU on a quiet machine. As one step it landed inside an admin's
   sign-in (a 225 ms gap, 162 ms of it this step), so the package is imported a
   statement of its ``__init__`` at a time (``SlicedImport``), one turn of the event
   loop each: the longest statement (``from .graphicsItems.ColorBarItem import *``) took
   15 ms on a machine under load 10. Code that needs pyqtgraph in between gets all of
   it at once (the partial module's ``__getattr__`` finishes the import first). PySide
   reads the source of every module that imports anything (``inspect.getsource``:
   whether it uses PySide's ``__feature__`` switches), 150 of pyqtgraph's files; the
   thread reads them into ``linecache`` first (``_read_sources``: text, no import),
   where that looks first, which takes ~15 ms off the import.

Not the database worker (``gui/background.py``): the first queries after sign-in must
not queue behind an import. Not before the sign-in list is filled either (the window
starts it then, ``MainWindow._warm_up_charts``): the import competed for the interpreter
with the opening database and made a new computer's ``gui --demo`` list 0.2 s later.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.machinery
import importlib.util
import linecache
import logging
import sys
import threading
import time
from collections.abc import Generator
from pathlib import Path
from types import CodeType, ModuleType

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
PRELOADED = (  # no Qt in any of them: see the module doc
    "numpy",
    "numpy.typing",
    "xml.etree.ElementTree",
    "subprocess",
    "multiprocessing.connection",
    "decimal",
    "cProfile",
    "pydoc",
    "pkgutil",
    "importlib.resources",
    "mmap",
    "socket",
    "sysconfig",
)
# The PySide modules pyqtgraph walks (step 2) and those it imports besides (step 3).
WALKED = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
IMPORTED = ("PySide6.QtSvg", "PySide6.QtOpenGLWidgets", "PySide6.QtTest")
# pyqtgraph's folders its import leaves alone (their sources need no reading).
UNUSED_PARTS = frozenset({"examples", "opengl", "flowchart", "dockarea", "jupyter", "console"})
START_MS = 300  # after the sign-in list has painted (the window starts it when filled)
SLICE_S = 0.008  # GUI-thread work per turn of the event loop
WAIT_MS = 20  # how often the warm-up looks whether the preloading thread is done
_preload: threading.Thread | None = None  # started once per process
_warm_up: ChartWarmUp | None = None  # while under way


def preload_charts() -> threading.Thread:
    """Start importing ``PRELOADED`` on a daemon thread and, once this (GUI) thread's
    event loop is idle, warm up the rest here (``ChartWarmUp``); the thread.

    Once per process, however many windows ask (a second window gets the first one's
    thread): the thread of a later window found everything imported and still read
    pyqtgraph's 150 sources again (~45 ms of CPU a window)."""
    global _preload, _warm_up  # noqa: PLW0603 - one warm-up per process
    if _preload is not None:
        return _preload

    def load() -> None:
        for name in PRELOADED:
            try:
                importlib.import_module(name)
            except Exception:  # the page that needs it reports the failure itself
                log.warning("could not preload %s", name, exc_info=True)
        _read_sources()

    _preload = threading.Thread(target=load, name="chart-preload", daemon=True)
    _preload.start()
    if "pyqtgraph" not in sys.modules:
        _warm_up = ChartWarmUp(_preload)
        _warm_up.start()
    return _preload


def stop_warm_up() -> None:
    """Stop a warm-up still under way and wait for its preloading thread.

    Why: the warm-up outlives its window (its parent is the application), which is what
    the application wants; a test that opened a window must not leave it working in the
    tests after it, though. A half-imported pyqtgraph is finished first, so the package
    is never left half-imported; the next ``preload_charts`` starts nothing new."""
    if _warm_up is not None:
        _warm_up.stop()
    if _preload is not None:
        _preload.join()


def _read_sources() -> None:
    """pyqtgraph's source files into ``linecache`` (step 3 of the module doc), found on
    ``sys.path`` by hand: asking the import system would be a first step of the import.
    A frozen build ships no sources; then there is nothing to read (nor for PySide)."""
    for entry in sys.path:
        folder = Path(entry) / "pyqtgraph"
        if entry and (folder / "__init__.py").is_file():
            for source in folder.rglob("*.py"):
                if not UNUSED_PARTS.intersection(source.relative_to(folder).parts):
                    linecache.updatecache(str(source))
            return


class ChartWarmUp(QObject):
    """Steps 2 and 3 of the module doc on the GUI thread, a slice per timer tick."""

    def __init__(self, preload: threading.Thread) -> None:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        super().__init__(QCoreApplication.instance())  # outlives any one window
        self._preload = preload
        self._steps = self._work()
        self._package: SlicedImport | None = None  # while pyqtgraph is being imported
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def start(self, delay_ms: int = START_MS) -> None:
        QTimer.singleShot(delay_ms, self, self._begin)

    def _begin(self) -> None:
        if not self._stopped:
            self._timer.start()

    def stop(self) -> None:
        """No more slices; pyqtgraph, if half imported, is imported whole now, here."""
        if self._stopped:
            return
        package = self._package
        self._end()
        if package is not None:
            try:
                while package.step():
                    pass
            except Exception:  # as in a slice: the first chart imports it and reports
                log.warning("could not warm up the chart library", exc_info=True)

    def _end(self) -> None:
        global _warm_up  # noqa: PLW0603 - the warm-up under way, if any
        self._stopped = True
        self._package = None
        self._timer.stop()
        self._steps.close()
        if _warm_up is self:
            _warm_up = None
        self.deleteLater()

    def _slice(self) -> None:
        """Run steps until ``SLICE_S`` has gone by; stop the timer when all are done."""
        deadline = time.perf_counter() + SLICE_S
        try:
            while time.perf_counter() < deadline:
                if next(self._steps):
                    return  # waiting for the preloading thread: this turn is over
        except StopIteration:
            self._end()
        except Exception:  # the first chart imports pyqtgraph itself and reports
            log.warning("could not warm up the chart library", exc_info=True)
            self._end()

    def _work(self) -> Generator[bool, None, None]:
        """The steps; each yields True to end the turn at once (nothing to do yet)."""
        for name in WALKED:
            module = importlib.import_module(name)
            for attribute in dir(module):
                getattr(module, attribute, None)
                yield False
        for name in IMPORTED:
            with contextlib.suppress(ImportError):  # optional parts pyqtgraph does without
                importlib.import_module(name)
            yield True  # each one a turn of its own
        if self._preload.is_alive():  # pyqtgraph last, after its numerical half
            # Not a 0 ms timer meanwhile: on a slow disk the thread reads for a while,
            # and the GUI thread would spin through empty turns (1.3 s of CPU measured
            # with a blocked thread).
            self._timer.setInterval(WAIT_MS)
            while self._preload.is_alive():
                yield True
            self._timer.setInterval(0)
        if "pyqtgraph" not in sys.modules:
            self._package = package = SlicedImport("pyqtgraph")
            yield True  # finding and reading it was this turn's work
            while package.step():
                yield True  # a statement per turn: some take 15 ms on a busy machine
            self._package = None


class SlicedImport:
    """A package imported a top-level statement of its ``__init__`` at a time, each
    ``step()`` one (step 3 of the module doc), or all of it at once as soon as anybody
    asks the package for something it does not have yet.

    Between two steps the package is in ``sys.modules`` half executed, as it is during
    any import. Its module-level ``__getattr__`` (PEP 562) runs the statements left
    first, so ``import pyqtgraph as pg; pg.PlotWidget(...)`` built by a page between two
    steps works exactly as after a plain import; while a statement runs, a missing
    attribute is missing, as the package's own submodules expect during its import.
    Without its source (a frozen build) the package is imported whole in one step. A
    statement that fails takes the package out of ``sys.modules`` and raises, as a
    failed import does."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._statements: list[CodeType] = []
        self._running = False
        self._thread = threading.get_ident()  # Qt types: the GUI thread's import only
        self._module: ModuleType
        spec = importlib.util.find_spec(name)
        source = _source_of(spec)
        if spec is None or source is None:
            self._module = importlib.import_module(name)
            return
        module = importlib.util.module_from_spec(spec)
        tree = ast.parse(source, spec.origin or name)
        self._statements = [
            # dont_inherit: this module's ``from __future__`` flags are not the package's
            compile(
                ast.Module(body=[node], type_ignores=[]),
                spec.origin or name,
                "exec",
                dont_inherit=True,
            )
            for node in tree.body
        ]
        self._statements.reverse()  # popped from the end
        self._module = module
        module.__dict__["__getattr__"] = self._finish
        sys.modules[name] = module

    def step(self) -> bool:
        """Run the next statement; whether any is left."""
        if self._statements:
            self._run(self._statements.pop())
        if self._statements:
            return True
        self._done()
        return False

    def _run(self, statement: CodeType) -> None:
        self._running = True
        try:
            exec(statement, self._module.__dict__)  # noqa: S102 - the package's own code
        except BaseException:
            self._statements.clear()
            self._done()
            if sys.modules.get(self._name) is self._module:
                del sys.modules[self._name]
            raise
        finally:
            self._running = False

    def _finish(self, attribute: str) -> object:
        """The package's ``__getattr__``: asked from outside between two steps, run every
        statement left, then answer as the whole package does."""
        missing = f"module {self._name!r} has no attribute {attribute!r}"
        if self._running or not self._statements:
            raise AttributeError(missing)
        if threading.get_ident() != self._thread:  # it would build Qt types off that thread
            raise ImportError(f"{self._name} is being imported on the GUI thread")
        if self._submodule_importing():
            # A chart page imported one of its submodules between two steps
            # (``pyqtgraph.graphicsItems.DateAxisItem``), which asks the package for what
            # it needs (``from .. import debug``). Finishing the package there imported
            # that same submodule again from inside its own import: a circular
            # ImportError, and no chart (the screen walk, tests/gui/test_screen_fit.py).
            # Answered as during a plain import: a submodule is left to the import system,
            # and so is a dunder nobody defines (PySide's import hook asks every module
            # for ``__wrapped__``); a name runs the statements up to the one defining it.
            if attribute.startswith("__") or importlib.util.find_spec(f"{self._name}.{attribute}"):
                raise AttributeError(missing)
            while attribute not in self._module.__dict__ and self.step():
                pass
        else:
            while self.step():
                pass
        try:
            return self._module.__dict__[attribute]
        except KeyError:
            raise AttributeError(missing) from None

    def _submodule_importing(self) -> bool:
        """Whether one of the package's submodules is being imported right now (from
        outside: ``_running`` is False)."""
        prefix = f"{self._name}."
        return any(
            getattr(getattr(module, "__spec__", None), "_initializing", False)
            for name, module in list(sys.modules.items())
            if name.startswith(prefix)
        )

    def _done(self) -> None:
        if self._module.__dict__.get("__getattr__") == self._finish:
            del self._module.__dict__["__getattr__"]


def _source_of(spec: importlib.machinery.ModuleSpec | None) -> str | None:
    """The text of a package's ``__init__``, or None where there is none to read."""
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return None
    get_source = getattr(spec.loader, "get_source", None)
    if get_source is None:
        return None
    try:
        source: str | None = get_source(spec.name)
    except ImportError:
        return None
    return source
