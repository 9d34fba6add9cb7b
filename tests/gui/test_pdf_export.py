"""A team PDF drawn a slice per turn of the event loop (``gui/pdf_export.py``) holds
the same charts and tables as one drawn at once (``pdf_report.render``), and its file is
written by a child process (``pdf_process``) with the same pages."""

from __future__ import annotations

import itertools
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from progress_support import add_rows, learning_history
from PySide6.QtCore import QObject, QTimer

from svctrainer.gui.background import Background
from svctrainer.gui.charts import pdf_layout, pdf_process, pdf_report
from svctrainer.gui.charts.pdf_layout import Drawing, Image, Table
from svctrainer.gui.pdf_export import PdfExport

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


@pytest.fixture
def histories(branch):
    """Three tellers in two teams with 40 results each: a team PDF with bar charts."""
    branch.services.content.sync_bundled()
    start = datetime.now(UTC) - timedelta(days=90)
    for n, who in enumerate((branch.teller, branch.other_teller, branch.outsider_teller)):
        rows = learning_history(
            seed=30 + n, attempts=40, gain=0.2 + 0.3 * n, start=start, span_days=88
        )
        add_rows(branch.services, who.id, rows)
    return branch


@pytest.fixture
def written_here(monkeypatch) -> list[object]:
    """Each report the PDF writer process failed to write, written in this process."""
    here: list[object] = []
    write = pdf_process.write_pdf

    def writing(*args, **kwargs):  # type: ignore[no-untyped-def]
        here.append(args)
        return write(*args, **kwargs)

    monkeypatch.setattr(pdf_process, "write_pdf", writing)
    return here


def test_a_team_pdf_drawn_in_slices_holds_the_same_charts_as_one_drawn_at_once(
    qtbot, histories, tmp_path: Path, monkeypatch, written_here
):
    report = histories.services.reports.team_report(histories.actor(histories.supervisor), None)
    at_once = pdf_report.team_document(report)
    sliced = pdf_report.team_document(report)
    bar_charts = [
        b for b in sliced.blocks if isinstance(b, pdf_report.Chart) and b.fill is not None
    ]
    assert len(bar_charts) >= 2  # teams compared, skill by skill
    pdf_report.render(at_once, tmp_path / "at-once.pdf")

    ticks = [0]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    slices: list[tuple[str, int]] = []  # each slice of GUI work, with the tick it ran at
    writers: list[int] = []
    lay_out, record = pdf_report.lay_out, pdf_report.record_widget
    in_child = pdf_process._run_child

    def laying_out(*args, **kwargs):  # type: ignore[no-untyped-def]
        slices.append(("lay out", ticks[0]))
        return lay_out(*args, **kwargs)

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        slices.append(("record", ticks[0]))
        return record(*args, **kwargs)

    def writing(*args, **kwargs):  # type: ignore[no-untyped-def]
        writers.append(threading.get_ident())
        return in_child(*args, **kwargs)

    monkeypatch.setattr(pdf_report, "lay_out", laying_out)
    monkeypatch.setattr(pdf_report, "record_widget", recording)
    monkeypatch.setattr(pdf_process, "_run_child", writing)
    owner = QObject()
    background = Background(owner)
    pages: list[int] = []
    export = PdfExport(background, sliced, tmp_path / "sliced.pdf", owner)
    export.start(pages.append, lambda exc: pytest.fail(repr(exc)))
    qtbot.waitUntil(lambda: bool(pages), timeout=60_000)
    timer.stop()

    # Laid out and recorded in turns of their own: the loop ticked between any two.
    assert [name for name, _ in slices[:2]] == ["lay out", "record"]
    assert len(slices) == 2 * sum(isinstance(b, Image) for b in sliced.blocks)
    assert all(b > a for (_, a), (_, b) in itertools.pairwise(slices)), slices
    # Written by the child process, which the worker (not the GUI thread) waited for.
    assert writers[0] != threading.get_ident()  # (an IndexError: nobody wrote it)
    assert written_here == []  # the child wrote it

    # The same report: the same blocks in the same places, the same pictures.
    assert [type(b) for b in sliced.blocks] == [type(b) for b in at_once.blocks]
    for mine, theirs in zip(sliced.blocks, at_once.blocks, strict=True):
        if isinstance(mine, Table):
            assert isinstance(theirs, Table)
            assert mine.rows == theirs.rows
            assert mine.headers == theirs.headers
        if isinstance(mine, Image):
            assert isinstance(theirs, Image)
            assert isinstance(mine.image, Drawing)
            assert isinstance(theirs.image, Drawing)
            assert mine.size() == theirs.size()
            assert mine.image.picture.size() == theirs.image.picture.size()
    assert pages[0] == pdf_layout.write_pdf(tmp_path / "again.pdf", at_once.title,
                                            at_once.frame, at_once.blocks)  # fmt: skip
    assert (tmp_path / "sliced.pdf").read_bytes().startswith(b"%PDF")
    # The child's pages are the ones this process draws, pixel for pixel.
    assert page_images(tmp_path / "sliced.pdf") == page_images(tmp_path / "at-once.pdf")


def page_images(pdf: Path) -> list[bytes]:
    """Each page of ``pdf`` as PNG bytes (pdftoppm, as tests/services/test_reports.py)."""
    folder = pdf.with_suffix(".pages")
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / "p")], check=True)
    return [page.read_bytes() for page in sorted(folder.glob("p-*.png"))]


def test_a_long_table_is_made_a_slice_of_people_per_turn(histories, monkeypatch, tmp_path: Path):
    """A skill's table of the team PDF is made ``ROWS_PER_TURN`` people per step (the
    branch's 500 at once were the longest slice of the drawing), the same table."""
    report = histories.services.reports.team_report(histories.actor(histories.supervisor), None)
    at_once = pdf_report.team_document(report)
    sliced = pdf_report.team_document(report)
    tables = [i for i, b in enumerate(sliced.blocks) if isinstance(b, pdf_report.Later)]
    assert tables
    pdf_report.render(at_once, tmp_path / "at-once.pdf")
    monkeypatch.setattr(pdf_report, "ROWS_PER_TURN", 1)
    for index in tables:
        steps = sum(1 for _ in sliced.drawing_of(index))
        table = sliced.blocks[index]
        assert isinstance(table, Table)
        assert steps == len(table.rows) - 1 >= 2  # a turn between any two people
        assert table == at_once.blocks[index]


def test_an_export_dropped_while_its_charts_are_drawn_leaves_the_window_idle(
    qtbot, histories, tmp_path: Path
):
    """The page that started an export goes (a sign-out) before its charts are drawn:
    the window must not say "Working…" from then on."""
    from shiboken6 import Shiboken

    report = histories.services.reports.team_report(histories.actor(histories.supervisor), None)
    keeper, page = QObject(), QObject()
    background = Background(keeper)
    export = PdfExport(background, pdf_report.team_document(report), tmp_path / "gone.pdf", page)
    export.start(lambda _pages: pytest.fail("written"), lambda exc: pytest.fail(repr(exc)))
    assert background.busy
    Shiboken.delete(page)  # the export goes with it, mid-drawing
    assert not background.busy
    qtbot.wait(50)
    assert not (tmp_path / "gone.pdf").exists()
