"""A bar chart's value labels, drawn as one item, look exactly as pyqtgraph's own text
items drew them: the same pixels, for bars either side of zero, in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from svctrainer.gui.settings import GuiSettings, Theme

pytestmark = pytest.mark.gui

VALUES = [103.0, 12.25, None, -4.5, 0.0, -31.0]


def _grab(chart) -> QImage:  # type: ignore[no-untyped-def]
    return chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _image(qtbot, chart) -> QImage:  # type: ignore[no-untyped-def]
    """The chart once it stopped changing: pyqtgraph places text items and ranges the
    view on later turns, which a loaded machine may not have run 20 ms after a change
    (the comparison once failed at load 20 for that alone)."""
    image = _grab(chart)
    for _ in range(100):
        qtbot.wait(20)
        again = _grab(chart)
        if again == image:
            return image
        image = again
    return image


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_value_labels_paint_as_text_items_did(qtbot, qapp, theme):
    from svctrainer.gui.charts.team_chart import BarChart
    from svctrainer.gui.theme import apply_appearance

    palette, font = qapp.palette(), qapp.font()
    apply_appearance(qapp, GuiSettings(theme=theme))
    try:
        _compare(qtbot, BarChart())
    finally:
        qapp.setPalette(palette)
        qapp.setFont(font)


def _compare(qtbot, chart) -> None:  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    qtbot.addWidget(chart)
    chart.resize(520, 360)
    chart.show()
    qtbot.waitExposed(chart)
    # A theme change restyles a chart on a later turn and draws it again: settled first.
    qtbot.waitUntil(lambda: not chart._stale, timeout=5_000)
    qtbot.wait(20)

    def text(v: float | None) -> str:
        return "—" if v is None else ("+" if v >= 0 else "−") + f"{abs(v):.1f} %"

    chart.set_bars("Gains", [f"Team {n}" for n in range(len(VALUES))], VALUES, "gain", text)
    qtbot.wait(20)
    labels = chart.value_labels
    assert labels is not None
    assert labels.texts() == [text(v) for v in VALUES]
    drawn = _image(qtbot, chart)

    # The same chart with the labels as pg.TextItem, placed as set_bars placed them.
    heights = [v or 0.0 for v in VALUES]
    span = max([abs(h) for h in heights] + [1.0])
    chart.plot.removeItem(labels)
    for i, (h, v) in enumerate(zip(heights, VALUES, strict=True)):
        item = pg.TextItem(text(v), color=chart.colours.text,
                           anchor=(0, 0.5) if h >= 0 else (1, 0.5))  # fmt: skip
        item.setPos(h + (0.02 * span if h >= 0 else -0.02 * span), i)
        chart.plot.addItem(item)
    qtbot.wait(20)
    reference = _image(qtbot, chart)
    assert drawn.size() == reference.size()
    assert drawn == reference
    # and the labels are there at all: without them the picture differs
    for item in [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.TextItem)]:
        chart.plot.removeItem(item)
    qtbot.wait(20)
    assert _image(qtbot, chart) != reference
