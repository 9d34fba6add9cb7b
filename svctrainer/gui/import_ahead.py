"""Importing the modules of the pages a person may open before the first visit, a
module per turn of the event loop, while the window has nothing else to do.

Why: a page's module is imported when the page is first built, and with it every module
it needs that nothing imported before: an admin's first visit to Practice imported the
drill engines, the progress records and the scenario analysis, 85-101 ms of one turn
(bench/bench_heartbeat.py; issue 17: no gap over 100 ms). Imported ahead, leaves first,
each turn pays for one module's own body (the heaviest, ``services.progress_records``
with its ~40 frozen dataclasses, ~20 ms quiet) and the visit only builds widgets.

The login screen starts it for every page while a person finds their name and types a
PIN (the landing page is built at sign-in, in one turn: a supervisor's first sign-in of
the day imported the dashboard, the report and the drill registry there); the session
starts it again for that person's other pages, for whatever the first could not import
yet (a page that needs the chart library, before the library's warm-up is through).
Neither works while the database worker is busy.

The order comes from the modules' sources, read without importing them: the
``import``/``from`` lines at the left margin (a module's top-level imports) come before
the module, each leaves first; our own modules a function imports where it first runs
(``from svctrainer... import`` indented: a page's tabs, reports, dialogs) come after it.
Our own modules are followed; any other module named at the top is imported whole in a
turn of its own, and one imported inside a function is left to that function. The
chart library is never imported here (its warm-up, ``gui/chart_preload.py``, splits it
finer), nor anything that needs it at the top.
A module whose source cannot be read (a frozen build) is imported whole.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
OWN = "svctrainer"
LEFT_ALONE = ("pyqtgraph", "numpy")
"""Imported by their own warm-up, never here (nor any module importing them at the top)."""
START_MS = 300  # after the landing page has been built and painted
WAIT_MS = 50  # how often a waiting warm-up looks again whether the worker is free
SLICE_S = 0.008  # work per turn of the event loop before yielding (one import may be longer)
_IMPORT = re.compile(r"^import\s+(?P<modules>[\w., ]+)")
_FROM = re.compile(r"^from\s+(?P<origin>\.*[\w.]*)\s+import\s+(?P<names>.*)")


def lazy_imports(source: str) -> list[str]:
    """Our own modules ``source`` imports inside its functions (a page imports the
    modules of its tabs, reports and dialogs where it first needs them), in order."""
    lazy = re.compile(rf"^\s+from\s+(?P<origin>{re.escape(OWN)}\.[\w.]+)\s+import\b", re.M)
    return list(dict.fromkeys(match["origin"] for match in lazy.finditer(source)))


def top_level_imports(name: str, source: str, *, package: bool) -> list[tuple[str, bool]]:
    """The modules ``source`` (the module ``name``; ``package``: an ``__init__``) imports
    at its top level, in order, relative names made absolute: ``(module, maybe)``, where
    ``maybe`` marks ``a.b`` of ``from a import b``, a module only if there is one."""
    base = name if package else name.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    lines = iter(source.splitlines())
    quote: str | None = None  # inside a triple-quoted string (a docstring): prose
    for line in lines:
        if quote is not None:
            if line.count(quote) % 2:
                quote = None
            continue
        quote = next((q for q in ('"""', "'''") if line.count(q) % 2), None)
        plain = _IMPORT.match(line)
        if plain is not None:
            for part in plain["modules"].split(","):
                found.append((part.split(" as ")[0].strip(), False))
            continue
        match = _FROM.match(line)
        if match is None:
            continue
        origin = match["origin"]
        if origin.startswith("."):
            dots = len(origin) - len(origin.lstrip("."))
            anchor = base.rsplit(".", dots - 1)[0] if dots > 1 else base
            rest = origin[dots:]
            origin = f"{anchor}.{rest}" if rest else anchor
        if origin == "__future__":
            continue
        found.append((origin, False))
        names = match["names"].split("#")[0]
        if names.strip().startswith("("):  # the names go on until the closing bracket
            while ")" not in names:
                names += "," + next(lines, ")").split("#")[0]
        for part in names.replace("(", ",").replace(")", ",").split(","):
            word = part.split(" as ")[0].strip()
            if word.isidentifier():
                found.append((f"{origin}.{word}", True))
    return [(module, maybe) for module, maybe in found if module]


class _Plan:
    """Which modules to import, leaves first, and which cannot be imported ahead."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.blocked: set[str] = set()
        self.reading: list[str] = []  # the modules whose imports are being followed
        self.deferred: dict[str, str] = {}
        """A module in an import cycle -> the outermost module of the cycle, whose own
        import brings it in the order the program itself imports them: imported alone
        first, a cycle that works one way round may not work the other."""

    def leaves_first(self, name: str, *, maybe: bool = False) -> Iterator[str | None]:
        """``name``'s modules not imported yet, each after those it imports; None between
        two readings of a source (a turn's worth of work). A module that needs one left
        alone is not yielded, nor is anything that needs it. ``maybe``: ``name`` may be
        a name inside a module rather than a module (then nothing is yielded)."""
        if name in self.seen or name in sys.modules:
            return
        self.seen.add(name)
        top, _dot, _rest = name.partition(".")
        if top in LEFT_ALONE:
            self.blocked.add(name)
            return
        if top != OWN:
            if not maybe and _spec(name) is not None:
                yield name  # another library: whole, in a turn of its own
            return
        parent = name.rpartition(".")[0]
        if parent:
            yield from self.leaves_first(parent)
            if parent in self.blocked or parent not in sys.modules:
                return
        spec = _spec(name)
        if spec is None:
            return  # ``from a import b`` with ``b`` a name, not a module
        source = _source(spec)
        yield None
        self.reading.append(name)
        try:
            for needed, needed_maybe in top_level_imports(
                name, source or "", package=_is_package(spec)
            ):
                yield from self.leaves_first(needed, maybe=needed_maybe)
                if needed in self.blocked:
                    self.blocked.add(name)
                    return
                outer = self._cycle_start(needed) if needed not in sys.modules else None
                if outer is not None and outer < self.reading.index(name):
                    earlier = self.deferred.get(name)
                    if earlier is None or outer < self.reading.index(earlier):
                        self.deferred[name] = self.reading[outer]
        finally:
            self.reading.pop()
        if name not in self.deferred:
            yield name
        # Then what its functions import when they first run (building the landing page
        # imported the supervisor's report writer and dashboard in that one turn).
        for needed in lazy_imports(source or "") if name in sys.modules else ():
            yield from self.leaves_first(needed)

    def _cycle_start(self, name: str) -> int | None:
        """Where on ``reading`` the import cycle through ``name`` starts, if it does."""
        module: str | None = name
        while module is not None and module not in self.reading:
            module = self.deferred.get(module)
        return None if module is None else self.reading.index(module)


def _spec(name: str) -> importlib.machinery.ModuleSpec | None:
    """Where ``name`` would be imported from; its parent is imported already."""
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


def _is_package(spec: importlib.machinery.ModuleSpec) -> bool:
    return spec.submodule_search_locations is not None


def _source(spec: importlib.machinery.ModuleSpec) -> str | None:
    if spec.origin is None or not spec.origin.endswith(".py"):
        return None
    try:
        return Path(spec.origin).read_text(encoding="utf-8")
    except OSError:
        return None


class ImportAhead(QObject):
    """Imports ``modules`` and what they need, leaves first, a slice of work per turn of
    the event loop. ``stop()`` ends it (early: a sign-out) and deletes it; its owner
    calls it, once."""

    def __init__(
        self,
        modules: Iterable[str],
        parent: QObject | None = None,
        *,
        waits_while: Callable[[], bool] = lambda: False,
    ) -> None:
        """``waits_while``: no work in a turn while it says so (the database worker is
        busy: an import there, such as a service's first use, would hold one here on
        the module's import lock, and the two would share the interpreter)."""
        super().__init__(parent)
        self._waits_while = waits_while
        self._plan = _Plan()
        self._steps = self._work(list(modules))
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self.imported: list[str] = []
        """The modules imported here, in order (what a test and the log can read)."""
        self.done = False

    def start(self, delay_ms: int = START_MS) -> None:
        QTimer.singleShot(delay_ms, self, self._timer.start)

    def stop(self) -> None:
        self._timer.stop()
        self.deleteLater()

    def _slice(self) -> None:
        """Steps until ``SLICE_S`` has gone by, at least one."""
        if self._waits_while():
            # Asked again a while later: a timer of 0 ms would keep this thread spinning
            # and contending for the interpreter with the very worker it waits for.
            self._timer.setInterval(WAIT_MS)
            return
        self._timer.setInterval(0)
        deadline = time.perf_counter() + SLICE_S
        try:
            next(self._steps)
            while time.perf_counter() < deadline:
                next(self._steps)
        except StopIteration:
            self._timer.stop()
            self.done = True

    def _work(self, modules: list[str]) -> Iterator[None]:
        for module in modules:
            for name in self._plan.leaves_first(module):
                if name is None or name in sys.modules:
                    yield None
                    continue
                try:
                    importlib.import_module(name)
                except Exception:  # the page's own import reports it when visited
                    log.warning("could not import %s ahead", name, exc_info=True)
                else:
                    self.imported.append(name)
                yield None
