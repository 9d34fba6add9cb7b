"""Writing a PDF report without freezing the window.

A report's charts are widgets, which only the GUI thread may build and draw; the rest
of the work (laying out the pages, compressing the pictures, writing the file) needs
no widget. So an export draws its charts a slice per turn of the event loop (a chart
is built, filled, laid out and recorded in four turns; a long table's text is made in
one), so that between two slices the window paints, takes keys and ticks its timers,
and then writes the file in a child process the window's background worker waits for
(``gui/background.py``, ``gui/charts/pdf_process.py``: written on the worker itself, Qt's
PDF calls kept the interpreter lock from the GUI thread for up to 0.2 s).
Drawing everything at once took seconds on a large branch, all of them on the GUI
thread; one whole chart per turn still held it 0.2 s for a bar chart of 25 teams
(bench/bench_heartbeat.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from svctrainer.core.output_files import OutputFile
from svctrainer.gui.background import Background
from svctrainer.gui.charts.pdf_process import environment
from svctrainer.gui.charts.pdf_report import Document
from svctrainer.gui.messages import show_error

TURN_MS = 1
"""A real timer between two slices, not a zero-time call: Qt runs a zero-time call with
the posted events, before the timers and input that came due while a chart was drawn,
so two slices could follow each other with nothing in between."""


class PdfExport(QObject):
    """Draws ``document``'s charts a slice per turn of the event loop, then writes it to
    ``path`` on the background worker; the owner's answer comes through ``start``'s
    callbacks (never, when the owner is closed meanwhile)."""

    progressed = Signal(int, int)  # charts (and long blocks) drawn, in all

    def __init__(
        self, background: Background, document: Document, path: Path, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._background = background
        self._document = document
        self._path = path
        self._todo = document.charts()
        self._total = len(self._todo)
        self._slices: Iterator[None] | None = None  # the chart being drawn
        self._on_done: Callable[[int], None] = lambda _pages: None
        self._on_error: Callable[[Exception], None] = lambda _exc: None
        self._let_go: Callable[[], None] = lambda: None

    def start(self, on_done: Callable[[int], None], on_error: Callable[[Exception], None]) -> None:
        self._on_done, self._on_error = on_done, on_error
        self._background.hold()  # drawing counts as busy work: "Working…" after 0.3 s
        # Released once: when the drawing ends, or when the export goes with its page (a
        # sign-out mid-drawing), else the window would say "Working…" for good. The
        # closure holds the background and a flag, not ``self``.
        background, held = self._background, [True]

        def let_go() -> None:
            if held[0]:
                held[0] = False
                background.release()

        self._let_go = let_go
        self.destroyed.connect(let_go)
        QTimer.singleShot(TURN_MS, self, self._next)  # with ``self``: not once it is gone

    def _next(self) -> None:
        if self._slices is None and self._todo:
            self._slices = self._document.drawing_of(self._todo.pop(0))
        if self._slices is not None:
            try:
                next(self._slices)
            except StopIteration:  # that chart is drawn
                self._slices = None
                self.progressed.emit(self._total - len(self._todo), self._total)
            except Exception as exc:  # noqa: BLE001 - reported like a failed background call
                self._let_go()
                self._on_error(exc)
                return
            QTimer.singleShot(TURN_MS, self, self._next)
            return
        self._let_go()
        document, path = self._document, self._path
        platform, font = environment()
        self._background.run(
            lambda: document.write_apart(path, platform, font), self._on_done, self._on_error
        )


def export_pdf(
    background: Background,
    owner: QWidget,
    path: Path,
    document: Document,
    record: Callable[[OutputFile, int], None],
) -> PdfExport | None:
    """Write ``document`` to a temporary file beside ``path`` without freezing the
    window, then ``record(file, pages)`` (the page has the report service record the
    export and put the file in place). A path that is not a plain file, or a failed
    write, is reported on ``owner`` and leaves nothing behind."""
    try:
        rendered = OutputFile(path)  # refuses a FIFO, a device, a symbolic link
    except OSError as exc:
        show_error(owner, exc)
        return None

    def failed(exc: Exception) -> None:
        rendered.discard()
        show_error(owner, exc)

    export = PdfExport(background, document, rendered.temp, owner)
    export.start(lambda pages: record(rendered, pages), failed)
    return export
