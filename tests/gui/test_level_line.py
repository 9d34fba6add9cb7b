"""A progress chart's baseline and latest lines, drawn as one item each, look exactly as
pyqtgraph's labelled ``InfiniteLine`` drew them: the same pixels, labels either side, in
both themes; and the level still counts in the view's automatic range."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from svctrainer.gui.settings import GuiSettings, Theme

pytestmark = pytest.mark.gui

# (level, text, position along the line, label corner): the progress chart's two.
LEVELS = [(41.5, "Baseline 41.5", 0.98, (1, 1)), (63.25, "Latest 63.3", 0.02, (0, 1))]


def _grab(widget) -> QImage:  # type: ignore[no-untyped-def]
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _image(qtbot, widget) -> QImage:  # type: ignore[no-untyped-def]
    """The plot once it stopped changing (pyqtgraph ranges the view on later turns)."""
    image = _grab(widget)
    for _ in range(100):
        qtbot.wait(20)
        again = _grab(widget)
        if again == image:
            return image
        image = again
    return image


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_level_lines_paint_as_labelled_infinite_lines_did(qtbot, qapp, theme):
    from svctrainer.gui.theme import apply_appearance

    palette, font = qapp.palette(), qapp.font()
    apply_appearance(qapp, GuiSettings(theme=theme))
    try:
        _compare(qtbot)
    finally:
        qapp.setPalette(palette)
        qapp.setFont(font)


def _compare(qtbot) -> None:  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    from svctrainer.gui.charts.level_line import LevelLine
    from svctrainer.gui.charts.plot_widget import new_plot
    from svctrainer.gui.charts.progress_chart import _translucent
    from svctrainer.gui.charts.style import chart_colours, style_plot

    plot = new_plot()
    qtbot.addWidget(plot)
    colours = chart_colours(plot.palette())
    style_plot(plot, colours)
    plot.resize(520, 300)
    plot.show()
    qtbot.waitExposed(plot)
    # Points between the levels: the levels themselves set the top and bottom of the range.
    plot.addItem(pg.ScatterPlotItem(x=[0.0, 1.0, 2.0, 3.0], y=[45.0, 50.0, 55.0, 60.0]))
    fill = pg.mkBrush(_translucent(colours.background))
    ours = []
    for (level, text, at, corner), colour in zip(LEVELS, (colours.baseline, colours.latest),
                                                 strict=True):  # fmt: skip
        pen = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
        line = LevelLine(level, pen, text, colour=colour, fill=fill, position=at, corner=corner)
        line.setZValue(-10)
        plot.addItem(line)
        ours.append(line)
    drawn = _image(qtbot, plot)
    assert [line.text() for line in ours] == [text for _l, text, _a, _c in LEVELS]
    low, high = plot.getPlotItem().vb.viewRange()[1]
    assert low < LEVELS[0][0] < 45.0  # the levels in the range
    assert 60.0 < LEVELS[1][0] < high

    # The same plot with pyqtgraph's lines, as the progress chart made them before.
    for line in ours:
        plot.removeItem(line)
    theirs = []
    for (level, text, at, corner), colour in zip(LEVELS, (colours.baseline, colours.latest),
                                                 strict=True):  # fmt: skip
        line = pg.InfiniteLine(
            pos=level,
            angle=0,
            pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
            label=text,
            labelOpts={"position": at, "color": colour, "fill": fill, "anchors": [corner] * 2},
        )
        line.setZValue(-10)
        plot.addItem(line)
        theirs.append(line)
    reference = _image(qtbot, plot)
    assert drawn.size() == reference.size()
    assert drawn == reference
    # and the lines are there at all: without them the picture differs
    for line in theirs:
        plot.removeItem(line)
    assert _image(qtbot, plot) != reference
