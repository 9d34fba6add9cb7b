"""The charts' plot (``gui/charts/plot_widget.py``) draws what pyqtgraph's own draws,
while building less: the "Plot Options" form only when something reads it (issue 17:
a plot's build)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.gui


def _fill(plot) -> None:  # type: ignore[no-untyped-def]
    """The kinds of items the charts add, a value title, and a draw at a fixed size."""
    import pyqtgraph as pg

    plot.setBackground("w")
    for side in ("bottom", "left", "right", "top"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen("#202020"))
        axis.setTextPen(pg.mkPen("#202020"))
    plot.resize(420, 260)
    plot.addItem(pg.PlotCurveItem([0, 1, 2, 3], [1, 3, 2, 5], pen=pg.mkPen("b", width=3)))
    plot.addItem(pg.ScatterPlotItem(x=[0, 1, 2, 3], y=[1, 2, 4, 5], symbol="s", size=9))
    plot.addItem(pg.InfiniteLine(pos=2.5, angle=0, label="level", labelOpts={"position": 0.1}))
    plot.setLabel("left", "Net keystrokes / hour")


def _image(qtbot, plot) -> QImage:  # type: ignore[no-untyped-def]
    """The plot as it stays: pyqtgraph's own takes a few paints to get there (a
    ``SteadyPlotWidget`` one, the last test)."""
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(300)
    return plot.grab().toImage()


def test_a_plot_draws_as_pyqtgraphs_own_without_building_its_options_form(qtbot):

    from svctrainer.gui.charts.plot_widget import new_plot

    ours, theirs = new_plot(), _stock_plot()
    for plot in (ours, theirs):
        qtbot.addWidget(plot)
        _fill(plot)
    assert _image(qtbot, ours) == _image(qtbot, theirs)
    item = ours.getPlotItem()
    assert not item._form_made  # a curve, points and a line added, drawn: never read
    # Every attribute pyqtgraph's item has, once something asks for the form.
    _ = item.ctrl
    assert set(vars(theirs.getPlotItem())) <= set(vars(item)) | {"ctrl", "ctrlMenu", "stateGroup"}


def test_the_options_form_made_late_works_as_pyqtgraphs(qtbot):
    """Anything that reads the form builds it, with its signals wired: a grid asked for
    before is in it, a curve removed leaves the others as they were, its widgets keep
    their state."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import new_plot

    plot = new_plot()
    qtbot.addWidget(plot)
    item = plot.getPlotItem()
    curves = [pg.PlotCurveItem([0, 1], [i, i + 1]) for i in range(3)]
    for curve in curves:
        plot.addItem(curve)
    plot.removeItem(curves[0])
    assert not item._form_made
    assert [c.isVisible() for c in curves[1:]] == [True, True]
    plot.showGrid(x=True, y=True, alpha=0.5)
    assert not item._form_made
    assert item.ctrl.xGridCheck.isChecked()  # the form starts from the grid asked for
    assert item.ctrl.gridAlphaSlider.value() == 127
    assert plot.getAxis("left").grid == 127
    assert len(item.ctrlMenu.actions()) == 6
    item.ctrl.xGridCheck.setChecked(False)  # the form's own signal updates the grid
    assert plot.getAxis("bottom").grid is False
    assert item.stateGroup.state()["xGridCheck"] is False
    data = plot.plot([0, 1, 2], [2, 1, 0])  # a PlotDataItem reads the form as it is added
    assert data in item.dataItems


def test_the_forms_defaults_are_a_stock_plots():
    """What a curve is given without the form is what pyqtgraph's form holds at first."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import FORM_DEFAULTS

    stock = pg.PlotItem()
    c = stock.ctrl
    assert {
        "log": (c.logXCheck.isChecked(), c.logYCheck.isChecked()),
        "alpha": stock.alphaState(),
        "subtract_mean": c.subtractMeanCheck.isChecked(),
        "fft": c.fftCheck.isChecked(),
        "downsample": stock.downsampleMode(),
        "clip_to_view": stock.clipToViewMode(),
    } == FORM_DEFAULTS
    assert not c.averageGroup.isChecked()  # no average curve added


def test_a_curve_of_plot_draws_as_pyqtgraphs_without_building_the_form(qtbot):
    """``plot()`` (a ``PlotDataItem``, the What if chart's curves) read the form and so
    built it: now given the form's defaults, the curve and the plot are pyqtgraph's."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import new_plot

    ours, theirs = new_plot(), _stock_plot()
    curves = []
    for plot in (ours, theirs):
        qtbot.addWidget(plot)
        _fill(plot)
        curves.append(plot.plot([0, 1, 2, 3], [5, 1, 4, 2], pen=pg.mkPen("r", width=2),
                                symbol="o", name="curve"))  # fmt: skip
    assert _image(qtbot, ours) == _image(qtbot, theirs)
    item = ours.getPlotItem()
    assert not item._form_made
    mine, stock = curves
    assert mine.opts == stock.opts
    assert item.itemMeta[mine] == theirs.getPlotItem().itemMeta[stock] == {}
    assert mine in item.dataItems
    assert mine in item.curves
    assert item.items[-1] is mine


@pytest.mark.parametrize(
    "calls",
    [
        [{"x": True, "y": False, "alpha": 0.2}],
        [{"x": True, "y": True, "alpha": 0.2}],
        [{"y": True}],
        [{"alpha": 0.7}],
        [{"x": False}],
        [{"x": True}, {"alpha": 1.5}, {"y": True, "x": False}],
    ],
)
def test_a_grid_asked_for_without_the_form_is_pyqtgraphs(qtbot, calls):
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import new_plot

    ours, theirs = new_plot(), pg.PlotWidget()
    for plot in (ours, theirs):
        qtbot.addWidget(plot)
        for call in calls:
            plot.showGrid(**call)
    sides = ("top", "bottom", "left", "right")
    assert [ours.getAxis(s).grid for s in sides] == [theirs.getAxis(s).grid for s in sides]
    assert not ours.getPlotItem()._form_made
    mine, stock = ours.getPlotItem().ctrl, theirs.getPlotItem().ctrl
    assert mine.xGridCheck.isChecked() == stock.xGridCheck.isChecked()
    assert mine.yGridCheck.isChecked() == stock.yGridCheck.isChecked()
    assert mine.gridAlphaSlider.value() == stock.gridAlphaSlider.value()


def test_a_colour_bar_draws_as_pyqtgraphs_own_without_its_menus(qtbot):
    """The heatmap's colour bar (a plot of its own) built on the quiet plot: drawn
    as pyqtgraph's ``ColorBarItem``, next to an image, with levels and pens set as the
    heatmap chart sets them."""
    import numpy as np
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import QuietColorBarItem, new_plot

    images = []
    bars = []
    for kind in (QuietColorBarItem, pg.ColorBarItem):
        plot = new_plot()
        qtbot.addWidget(plot)
        plot.setBackground("w")
        image = pg.ImageItem(axisOrder="row-major")
        plot.addItem(image)
        bar = kind(values=(0, 1), colorMap=pg.colormap.get("viridis"), interactive=False, width=14)
        bar.setImageItem(image, insert_in=plot.getPlotItem())
        for side in ("left", "right"):
            bar.getAxis(side).setPen(pg.mkPen("#202020"))
            bar.getAxis(side).setTextPen(pg.mkPen("#202020"))
        data = np.arange(24, dtype=float).reshape(4, 6) * 37.5 + 240
        image.setImage(data, levels=(240, 1102.5))
        bar.setLevels((240, 1102.5))
        plot.resize(420, 260)
        images.append(_image(qtbot, plot))
        bars.append(bar)
    assert images[0] == images[1]
    ours, theirs = bars
    assert ours.vb.menu is None  # never built
    assert not ours._form_made
    assert set(vars(theirs)) <= set(vars(ours)) | {"ctrl", "ctrlMenu", "stateGroup"}


def _wide_labels(plot) -> None:  # type: ignore[no-untyped-def]
    """Values whose labels ("15000") are wider than an empty value axis leaves room
    for, as on My progress' speed chart: the first paint grows the axis."""
    import pyqtgraph as pg

    _fill(plot)
    plot.addItem(pg.ScatterPlotItem(x=[0, 1, 2, 3], y=[3500, 9000, 12000, 15200], size=10))


def _stock_plot():  # type: ignore[no-untyped-def]
    """pyqtgraph's own ``PlotWidget``, set up as ``new_plot`` sets up its plot."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import SteadyAxis

    plot = pg.PlotWidget(
        axisItems={s: SteadyAxis(s) for s in ("bottom", "left", "top", "right")},
        enableMenu=False,
    )
    for side in ("top", "right"):
        plot.hideAxis(side)
    return plot


def _paints(qtbot, plot) -> int:  # type: ignore[no-untyped-def]
    """The paints of a plot from its showing until it is still (300 ms)."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[int] = []

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    watch = Watch()
    plot.viewport().installEventFilter(watch)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(300)
    plot.viewport().removeEventFilter(watch)
    return len(painted)


def test_a_plot_whose_axis_grows_is_painted_once_as_pyqtgraph_ends_it(qtbot):
    """pyqtgraph widens a value axis after drawing its labels, lays the plot out again
    and paints it again (three paints for My progress' speed chart, issue 17): the plot
    takes those steps before its first paint, and ends where pyqtgraph's own ends,
    range and pixels."""

    from svctrainer.gui.charts.plot_widget import new_plot

    ours, theirs = new_plot(), _stock_plot()
    for plot in (ours, theirs):
        qtbot.addWidget(plot)
        _wide_labels(plot)
    assert _paints(qtbot, ours) == 1
    assert _paints(qtbot, theirs) > 1  # what the test is about: a growing axis
    assert ours.getPlotItem().vb.viewRange() == theirs.getPlotItem().vb.viewRange()
    assert ours.getAxis("left").width() == theirs.getAxis("left").width()
    assert ours.grab().toImage() == theirs.grab().toImage()


def test_a_date_axis_beside_a_growing_value_axis_is_drawn_once(qtbot):
    """My progress' speed plot: the value axis widens for its labels on the first
    drawing, which narrows the view under the date axis. The date axis (4-9 ms a
    drawing, issue 17) is drawn once, after the value axis has its width, not once for
    the old view and again for the new; the plot ends where pyqtgraph's own ends."""
    import pyqtgraph as pg

    from svctrainer.gui.charts.plot_widget import SteadyAxis, SteadyDateAxis, new_plot

    ours = new_plot(dates=True)
    theirs = pg.PlotWidget(
        axisItems={
            "bottom": SteadyDateAxis(orientation="bottom"),
            **{s: SteadyAxis(s) for s in ("left", "top", "right")},
        },
        enableMenu=False,
    )
    for side in ("top", "right"):
        theirs.hideAxis(side)
    drawings: list[int] = []
    for plot in (ours, theirs):
        qtbot.addWidget(plot)
        _fill(plot)
        # Two years of days: month labels under values whose labels grow the axis.
        start = 1_735_689_600.0  # 2025-01-01 UTC
        days = [start + 86_400.0 * d for d in (0, 200, 400, 700)]
        plot.addItem(pg.ScatterPlotItem(x=days, y=[3500, 9000, 12000, 15200], size=10))
    axis = ours.getAxis("bottom")
    specs = axis.generateDrawSpecs

    def counted(painter):  # type: ignore[no-untyped-def]
        drawings.append(1)
        return specs(painter)

    axis.generateDrawSpecs = counted
    assert _paints(qtbot, ours) == 1
    assert len(drawings) == 1
    _paints(qtbot, theirs)
    assert ours.getPlotItem().vb.viewRange() == theirs.getPlotItem().vb.viewRange()
    assert ours.getAxis("left").width() == theirs.getAxis("left").width()
    assert ours.grab().toImage() == theirs.grab().toImage()
