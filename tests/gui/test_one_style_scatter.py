"""A scatter whose points share one style finds their symbol once, and draws exactly
what pyqtgraph's ``ScatterPlotItem`` draws: the same atlas places, the same pixels; a
hovered point, and points of their own style, still go pyqtgraph's way."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.gui

XS = [float(i) for i in range(300)]
YS = [float((i * 37) % 101) for i in range(300)]


def _options():  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    return {"symbol": "s", "size": 9, "brush": pg.mkBrush("#d0661c"),
            "pen": pg.mkPen("#ffffff", width=1), "hoverable": True, "hoverSize": 13}  # fmt: skip


def _image(qtbot, plot) -> QImage:  # type: ignore[no-untyped-def]
    image = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    for _ in range(100):
        qtbot.wait(20)
        again = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        if again == image:
            return again
        image = again
    return image


def test_one_style_scatter_draws_as_pyqtgraphs_scatter(qtbot):
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import OneStyleScatter, new_plot

    ours = OneStyleScatter(x=XS, y=YS, data=list(range(300)), **_options())
    theirs = pg.ScatterPlotItem(x=XS, y=YS, data=list(range(300)), **_options())
    assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
    assert ours.data["sourceRect"]["w"].min() > 0  # every point has its place

    plot = new_plot()
    qtbot.addWidget(plot)
    plot.resize(480, 320)
    plot.show()
    qtbot.waitExposed(plot)
    plot.addItem(ours)
    drawn = _image(qtbot, plot)
    plot.removeItem(ours)
    plot.addItem(theirs)
    reference = _image(qtbot, plot)
    assert drawn == reference
    plot.removeItem(theirs)
    assert _image(qtbot, plot) != reference  # the points are there at all


def test_points_of_their_own_style_and_hovered_points_go_pyqtgraphs_way(qtbot):
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import OneStyleScatter

    ours = OneStyleScatter(**_options())
    theirs = pg.ScatterPlotItem(**_options())
    for item in (ours, theirs):
        item.addPoints(x=XS[:50], y=YS[:50])
        item.addPoints(x=XS[50:60], y=YS[50:60], size=15, brush=pg.mkBrush("#1f6fb2"))
        item.data["hovered"][3] = True
        item.data["sourceRect"][3] = 0
        item.updateSpots()
    assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
    places = {tuple(r) for r in ours.data["sourceRect"].tolist()}
    assert len(places) == 3  # the item's style, the larger blue one, the hovered point


def test_a_pyqtgraph_without_the_internals_used_draws_its_own_way(qtbot, monkeypatch):
    """A newer pyqtgraph than the one tested (an internal it uses gone) must not break
    a chart: the scatter then runs pyqtgraph's own ``updateSpots``."""
    import pyqtgraph as pg

    from svctrainer.gui.charts import plot_widget
    from svctrainer.gui.charts.plot_widget import OneStyleScatter

    assert plot_widget._scatter_default_style() is not None  # this pyqtgraph has them
    gone = (*plot_widget._SCATTER_INTERNALS, "_an_internal_a_newer_pyqtgraph_lacks")
    monkeypatch.setattr(plot_widget, "_SCATTER_INTERNALS", gone)
    plot_widget._scatter_default_style.cache_clear()
    assert plot_widget._scatter_default_style() is None
    try:
        ours = OneStyleScatter(x=XS, y=YS, data=list(range(300)), **_options())
    finally:
        monkeypatch.undo()
        plot_widget._scatter_default_style.cache_clear()
    theirs = pg.ScatterPlotItem(x=XS, y=YS, data=list(range(300)), **_options())
    assert np.array_equal(ours.data["sourceRect"], theirs.data["sourceRect"])
    assert ours.data["sourceRect"]["w"].min() > 0
