"""The pyqtgraph plot a chart draws in, built for a page that opens in under 150 ms.

Why not a bare ``pg.PlotWidget()``: profiling one employee's chart page at 1 M attempts
(``bench/bench_dashboard.py``) showed two costs that buy nothing here:

- the pan/zoom context menu (``ViewBoxMenu``), built with every plot and then disabled
  by ``style.style_plot`` (charts are read, not explored): never built;
- the axis title, re-typeset (``QGraphicsTextItem.setHtml``) on every change of the
  axis range, a dozen times while a chart is filled, although its text does not
  change: typeset only when the text does (``SteadyLabel``). The hidden top and right
  axes follow every range change too (about 30 re-typesets a plot per open of the
  chart page): they are steady axes as well.

And one default that buys worse layouts: a ``QGraphicsView`` asks for the size of its
scene, which pyqtgraph keeps at the widget's current size, so a plot once laid out tall
asks to stay tall (up to 2/3 of the screen, about 480 px at 1366×768). In a page that
scrolls (its height for its width is the sum of what each widget asks for) My progress'
speed plot, drawn alone for a turn, kept the height it had then and pushed the accuracy
chart below the fold; the branch summary's bars pushed its buttons below it. A plot here
asks for a fixed height (``preferred_height``, ``PREFERRED_HEIGHT``) and grows by its
layout's stretch into whatever room the page has.

Import this module only where a chart is drawn (it imports pyqtgraph).
"""

from __future__ import annotations

import os
import re
import time
import weakref
from collections import OrderedDict
from datetime import datetime
from functools import cache
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    HOUR_SPACING,
    ZoomLevel,
    adjustTimestampToPreferredUtcOffset,
    applyOffsetToUtc,
    utcfromtimestamp,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, QSize, QTime, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPicture

from svctrainer.gui.i18n import translate

PREFERRED_HEIGHT = 200  # px a plot asks for (never less than its minimum height)


class SteadyLabel:
    """Mixin for ``pg.AxisItem``: the title re-typeset only when its text changes, and
    not while it is hidden.

    A hidden title (the date axis', the hidden top and right axes') was typeset at each
    colour and range set, eight ``setHtml`` a chart (issue 17: the chart page builds
    two): it is typeset when shown (``showLabel``), from the text it has then."""

    _typeset: str | None = None

    def _updateLabel(self) -> None:  # pyqtgraph's name
        axis: Any = self
        if not axis.label.isVisibleTo(axis):
            # Not drawn, and no part of the axis' size (pyqtgraph's ``_adjustSize``
            # leaves a hidden title out): typeset when shown.
            axis._adjustSize()
            axis.picture = None
            axis.update()
            return
        text = axis.labelString()
        if text != self._typeset:
            self._typeset = text
            super()._updateLabel()  # type: ignore[misc]
            return
        # Same title: the ticks still follow the new range.
        axis.picture = None
        axis.update()

    def showLabel(self, show: bool = True) -> None:  # pyqtgraph's name
        super().showLabel(show)  # type: ignore[misc]
        axis: Any = self
        if show and axis.labelString() != self._typeset:
            self._updateLabel()  # the text it took while hidden


class SteadyAxis(SteadyLabel, pg.AxisItem):  # type: ignore[misc]
    """A value axis."""


def date_tick_formats() -> dict[str, str]:
    """Qt date formats (``QLocale.toString``) for pyqtgraph's strftime tick formats, in
    the interface's language: pyqtgraph writes month and day names with the C library's
    English ("Aug", "Mon 03") whatever the interface says; a Chinese counter reads a time
    axis as 2026年, 8月, 3日 (8月3日 where no month tick names the month). The formats are
    catalogue entries so that each language writes its own; hours ("%H:%M") need none."""
    return {
        "%Y": translate("DateAxis", "yyyy", "year tick of a time axis (Qt date format)"),
        "%b": translate("DateAxis", "MMM", "month tick of a time axis (Qt date format)"),
        "%d": translate(
            "DateAxis", "dd", "day tick under month ticks of a time axis (Qt date format)"
        ),
        "%a %d": translate(
            "DateAxis", "ddd dd", "day tick among hour ticks of a time axis (Qt date format)"
        ),
    }


def tick_locale() -> QLocale:
    """The locale whose month and weekday names a tick uses: the interface's for Chinese;
    US English otherwise: the names pyqtgraph always wrote ("Sep", where en_GB writes
    "Sept"), whatever the system's locale."""
    locale = QLocale()
    if locale.language() == QLocale.Language.Chinese:
        return locale
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


# A Qt date format with no time of day in it (quoted text aside): hours, minutes,
# seconds, AM/PM and time zones are written by h H m s z a A t.
_DATE_ONLY = re.compile(r"(?:'[^']*'|[^hHmszaAt'])*")

# A date whose labels are about the widest of each kind (two-digit month and day).
_WIDE_SAMPLE = datetime(2026, 12, 28, 23, 59, 59)


_OFFSETS: dict[tuple[object, ...], float] = {}
"""Where pyqtgraph's time-zone arithmetic put a tick, by (what, time zone, tick, the
axis' ``utcOffset``): see ``_offset``."""
_OFFSETS_KEPT = 4096


def _offset(what: str, timestamp: float, preferred: int | None) -> float:
    """pyqtgraph's ``applyOffsetToUtc`` (``what`` "to") or
    ``adjustTimestampToPreferredUtcOffset`` ("adjust") of a tick, worked out once per
    time zone. Each goes through two to four ``QDateTime`` (about 40 µs a tick) and a
    date axis asks for every tick at every drawing: a chart page's two date axes ask
    for the same months (issue 17: a third of a date axis' drawing). The key holds the
    time zone as the process sees it (``TZ``, ``time.tzname``), so a changed zone
    computes afresh."""
    key = (what, os.environ.get("TZ"), time.tzname, timestamp, preferred)
    found = _OFFSETS.get(key)
    if found is None:
        if len(_OFFSETS) >= _OFFSETS_KEPT:
            _OFFSETS.clear()
        if what == "to":
            found = _OFFSETS[key] = applyOffsetToUtc(timestamp, preferred)
        else:
            found = _OFFSETS[key] = adjustTimestampToPreferredUtcOffset(timestamp, preferred)
    return found


class _RememberingZoomLevel(ZoomLevel):  # type: ignore[misc]
    """pyqtgraph's ``ZoomLevel`` with each tick's move to local time remembered
    (``_offset``): the same ticks in the same places."""

    def moveTicksToLocalTimeCoords(  # pyqtgraph's name
        self,
        ticks: Any,
        spacing: int,
        skipFactor: int,  # noqa: N803 - pyqtgraph's
    ) -> Any:
        if (
            len(ticks) == 0
            or spacing < HOUR_SPACING
            or (spacing == HOUR_SPACING and skipFactor <= 1)
        ):
            # None, or hours: pyqtgraph's own (it drops hours that are not local).
            return super().moveTicksToLocalTimeCoords(ticks, spacing, skipFactor)
        # pyqtgraph's ``ticks += [applyOffsetToUtc(tick, self.utcOffset) for ...]``
        ticks += [_offset("to", tick, self.utcOffset) for tick in ticks]
        return ticks


class SteadyDateAxis(SteadyLabel, pg.DateAxisItem):  # type: ignore[misc]
    """A time axis labelled in dates, in the interface's language (``date_tick_formats``).

    pyqtgraph picks how fine the ticks are from the width of an English sample ("YYYY",
    "MMM"); a Chinese label ("2026年", "8月3日") is wider, so each zoom level measures the
    wider of its sample and its own label for a late date, and labels never overlap."""

    _formats: dict[str, str] | None = None

    def _tick_formats(self) -> dict[str, str]:
        if self._formats is None:
            self._formats = date_tick_formats()
            axis: Any = self
            levels: OrderedDict[float, Any] = axis.zoomLevels
            axis.zoomLevels = OrderedDict(
                (spacing, self._measured(level)) for spacing, level in levels.items()
            )
        return self._formats

    def _measured(self, level: Any) -> Any:
        sample = self._label(_WIDE_SAMPLE, level.tickSpecs[0].format)
        example = level.exampleText
        if sample is not None and len(sample.encode()) > len(example):
            example = sample  # a CJK character is about two Latin letters wide
        return _RememberingZoomLevel(level.tickSpecs, example)

    def _label(self, moment: datetime, strftime_format: str) -> str | None:
        qt_format = self._tick_formats().get(strftime_format)
        if qt_format is None:
            return None
        day = QDate(moment.year, moment.month, moment.day)
        if _DATE_ONLY.fullmatch(qt_format):
            # A date's format on the date alone: the same text, but written a hundred
            # times faster than on a QDateTime (about 0.1 ms a label, which looks up the
            # time zone), and a chart page writes a hundred labels (issue 17).
            return tick_locale().toString(day, qt_format)
        when = QDateTime(day, QTime(moment.hour, moment.minute, moment.second))
        return tick_locale().toString(when, qt_format)

    def label_height(self, metrics: QFontMetrics) -> int:
        """The height the tick labels need in ``metrics``' font: a line, or more where
        the labels' glyphs come from a taller font (Chinese "8月" is 19 px in a 15 px line
        of a Latin font); pyqtgraph drops a label that does not fit its axis whole."""
        labels = (self._label(_WIDE_SAMPLE, f) for f in self._tick_formats())
        return max([metrics.height()] + [metrics.boundingRect(t).height() for t in labels if t])

    def setZoomLevelForDensity(self, density: float) -> None:  # pyqtgraph's name
        self._tick_formats()
        super().setZoomLevelForDensity(density)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None or spec.format not in self._tick_formats():
            strings: list[str] = super().tickStrings(values, scale, spacing)
            return strings
        labels = []
        for value in values:
            try:
                moment = utcfromtimestamp(_offset("adjust", value, self.utcOffset))
            except (OverflowError, ValueError, OSError):
                labels.append("")
                continue
            labels.append(self._label(moment, spec.format) or "")
        return labels


# pyqtgraph's "Plot Options" form: the grid's alpha slider (``plotConfigTemplate``).
_GRID_ALPHA_MAX = 255
_GRID_ALPHA_DEFAULT = 128


FORM_DEFAULTS: dict[str, Any] = {
    "log": (False, False),  # logXCheck, logYCheck
    "alpha": (1.0, False),  # alphaState(): the alpha group off
    "subtract_mean": False,
    "fft": False,
    "downsample": (1, False, "peak"),  # downsampleMode(): off, the peak radio chosen
    "clip_to_view": False,
}
"""What pyqtgraph's "Plot Options" form holds until someone changes it, as a
``PlotDataItem`` added is given it (``QuietPlotItem.addItem``)."""


class QuietPlotItem(pg.PlotItem):  # type: ignore[misc]
    """pyqtgraph's ``PlotItem`` with its "Plot Options" form made only when asked for.

    ``PlotItem.__init__`` builds a form of some fifty widgets (transforms, downsampling,
    averaging, alpha, grid, points), a menu holding it, a ``WidgetGroup`` over its
    widgets and about 25 signal connections: a quarter of a plot's build (3-4 ms), for
    a menu these charts disable (``style.style_plot``). Here ``__init__`` is pyqtgraph's
    without those lines; ``ctrl``, ``ctrlMenu`` and ``stateGroup`` build them, exactly as
    pyqtgraph does, the first time anything reads them (a ``PlotDataItem`` added, the
    menu, a saved state...). Until then the form would hold its defaults, under which
    the two updates run at every curve added or removed do nothing, so they are
    skipped, and a grid asked for is kept here (``showGrid``): every chart draws what a
    stock ``PlotItem`` draws (tests hold the two pixel for pixel, grid for grid, and
    check the attributes match pyqtgraph's)."""

    _form_made = False
    _grid = (False, False, _GRID_ALPHA_DEFAULT)  # the form's grid boxes and slider at first

    def __init__(self, axis_items: dict[str, Any] | None = None) -> None:
        # pyqtgraph 0.13.7-0.14's ``PlotItem.__init__`` (enableMenu False; no name,
        # labels, title or data), the "Plot Options" form left to ``_make_form``.
        # ``axis_items`` None: pyqtgraph's own four axes, as its ``PlotItem()``.
        from pyqtgraph import icons  # noqa: PLC0415
        from pyqtgraph.graphicsItems.ButtonItem import ButtonItem  # noqa: PLC0415
        from pyqtgraph.graphicsItems.GraphicsWidget import GraphicsWidget  # noqa: PLC0415
        from pyqtgraph.graphicsItems.LabelItem import LabelItem  # noqa: PLC0415
        from PySide6.QtWidgets import QGraphicsGridLayout, QSizePolicy  # noqa: PLC0415

        GraphicsWidget.__init__(self, None)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.autoBtn = ButtonItem(icons.getGraphPixmap("auto"), 14, self)
        self.autoBtn.mode = "auto"
        self.autoBtn.clicked.connect(self.autoBtnClicked)
        self.buttonsHidden = False
        self.mouseHovering = False
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.setLayout(self.layout)
        self.layout.setHorizontalSpacing(0)
        self.layout.setVerticalSpacing(0)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self.vb.sigStateChanged.connect(self.viewStateChanged)
        self.setMenuEnabled(False, None)
        self.vb.sigRangeChanged.connect(self.sigRangeChanged)
        self.vb.sigXRangeChanged.connect(self.sigXRangeChanged)
        self.vb.sigYRangeChanged.connect(self.sigYRangeChanged)
        if hasattr(pg.PlotItem, "sigRangeChangedManually"):  # pyqtgraph 0.14
            self.vb.sigRangeChangedManually.connect(self.sigRangeChangedManually)
        self.layout.addItem(self.vb, 2, 1)
        self.alpha = 1.0
        self.autoAlpha = True
        self.spectrumMode = False
        self.legend = None
        self.axes: dict[str, Any] = {}
        self.setAxisItems(axis_items)
        self.titleLabel = LabelItem("", size="11pt", parent=self)
        self.layout.addItem(self.titleLabel, 0, 1)
        self.setTitle(None)
        for i in range(4):
            self.layout.setRowPreferredHeight(i, 0)
            self.layout.setRowMinimumHeight(i, 0)
            self.layout.setRowSpacing(i, 0)
            self.layout.setRowStretchFactor(i, 1)
        for i in range(3):
            self.layout.setColumnPreferredWidth(i, 0)
            self.layout.setColumnMinimumWidth(i, 0)
            self.layout.setColumnSpacing(i, 0)
            self.layout.setColumnStretchFactor(i, 1)
        self.layout.setRowStretchFactor(2, 100)
        self.layout.setColumnStretchFactor(1, 100)
        self.items: list[Any] = []
        self.curves: list[Any] = []
        self.itemMeta: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
        self.dataItems: list[Any] = []
        self.paramList: dict[str, bool] = {}
        self.avgCurves: dict[Any, Any] = {}
        self.avgPen = pg.mkPen((0, 200, 0))
        self.avgShadowPen = pg.mkPen((0, 0, 0), width=4)
        self.fileDialog = None

    def _make_form(self) -> None:
        """The form, menu and widget group, as ``PlotItem.__init__`` builds them."""
        if self._form_made:
            return
        self._form_made = True
        from pyqtgraph.graphicsItems.PlotItem import (  # noqa: PLC0415
            plotConfigTemplate_generic as ui_template,
        )
        from pyqtgraph.WidgetGroup import WidgetGroup  # noqa: PLC0415
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
        from PySide6.QtWidgets import QMenu, QWidget, QWidgetAction  # noqa: PLC0415

        def pyqtgraph_text(text: str) -> str:
            # pyqtgraph's own wording and context, as its constructor asks for it. Not
            # named ``tr``: lupdate would take these for the app's texts to translate.
            return QCoreApplication.translate("PlotItem", text)

        w = QWidget()
        self._ctrl = c = ui_template.Ui_Form()
        c.setupUi(w)
        menu_items = [
            (pyqtgraph_text("Transforms"), c.transformGroup),
            (pyqtgraph_text("Downsample"), c.decimateGroup),
            (pyqtgraph_text("Average"), c.averageGroup),
            (pyqtgraph_text("Alpha"), c.alphaGroup),
            (pyqtgraph_text("Grid"), c.gridGroup),
            (pyqtgraph_text("Points"), c.pointsGroup),
        ]
        self._ctrl_menu: QMenu | None = QMenu(pyqtgraph_text("Plot Options"))
        for name, group in menu_items:
            sub = self._ctrl_menu.addMenu(name)
            action = QWidgetAction(self)
            action.setDefaultWidget(group)
            sub.addAction(action)
        self._state_group = WidgetGroup()
        for _name, group in menu_items:
            self._state_group.autoAdd(group)
        c.alphaGroup.toggled.connect(self.updateAlpha)
        c.alphaSlider.valueChanged.connect(self.updateAlpha)
        c.autoAlphaCheck.toggled.connect(self.updateAlpha)
        c.xGridCheck.toggled.connect(self.updateGrid)
        c.yGridCheck.toggled.connect(self.updateGrid)
        c.gridAlphaSlider.valueChanged.connect(self.updateGrid)
        c.fftCheck.toggled.connect(self.updateSpectrumMode)
        if hasattr(pg.PlotItem, "updateSubtractMeanMode"):  # pyqtgraph 0.14
            c.subtractMeanCheck.toggled.connect(self.updateSubtractMeanMode)
        c.logXCheck.toggled.connect(self.updateLogMode)
        c.logYCheck.toggled.connect(self.updateLogMode)
        c.derivativeCheck.toggled.connect(self.updateDerivativeMode)
        c.phasemapCheck.toggled.connect(self.updatePhasemapMode)
        c.downsampleSpin.valueChanged.connect(self.updateDownsampling)
        c.downsampleCheck.toggled.connect(self.updateDownsampling)
        c.autoDownsampleCheck.toggled.connect(self.updateDownsampling)
        c.subsampleRadio.toggled.connect(self.updateDownsampling)
        c.meanRadio.toggled.connect(self.updateDownsampling)
        c.clipToViewCheck.toggled.connect(self.updateDownsampling)
        c.avgParamList.itemClicked.connect(self.avgParamListClicked)
        c.averageGroup.toggled.connect(self.avgToggled)
        c.maxTracesCheck.toggled.connect(self._handle_max_traces_toggle)
        c.forgetTracesCheck.toggled.connect(self.updateDecimation)
        c.maxTracesSpin.valueChanged.connect(self.updateDecimation)
        # The grid asked for before the form (``showGrid``), the axes already showing it.
        shown_x, shown_y, value = self._grid
        for widget, state in ((c.xGridCheck, shown_x), (c.yGridCheck, shown_y),
                              (c.gridAlphaSlider, value)):  # fmt: skip
            widget.blockSignals(True)
            if isinstance(state, bool):
                widget.setChecked(state)
            else:
                widget.setValue(state)
            widget.blockSignals(False)

    @property
    def ctrl(self) -> Any:  # pyqtgraph's name
        self._make_form()
        return self._ctrl

    @property
    def ctrlMenu(self) -> Any:  # pyqtgraph's name
        self._make_form()
        return self._ctrl_menu

    @ctrlMenu.setter
    def ctrlMenu(self, menu: Any) -> None:
        self._make_form()
        self._ctrl_menu = menu

    @property
    def stateGroup(self) -> Any:  # pyqtgraph's name
        self._make_form()
        return self._state_group

    def showGrid(  # pyqtgraph's name
        self, x: bool | None = None, y: bool | None = None, alpha: float | None = None
    ) -> None:
        """pyqtgraph's ``showGrid`` keeps the grid in the form's two check boxes and its
        alpha slider (0-255, 128 at first), whose signals then set the axes' grids. The
        team comparison and the what-if chart ask for a grid as they are built: without
        the form, the same state is kept here and set on the axes when it changes, as
        those signals do (``updateGrid``); the form, if made later, starts from it."""
        if self._form_made or (x is None and y is None and alpha is None):
            super().showGrid(x, y, alpha)
            return
        shown_x, shown_y, value = self._grid
        if x is not None:
            shown_x = bool(x)
        if y is not None:
            shown_y = bool(y)
        if alpha is not None:
            value = int(min(max(alpha, 0.0), 1.0) * _GRID_ALPHA_MAX)
        if (shown_x, shown_y, value) == self._grid:
            return  # no box toggled, the slider not moved: pyqtgraph's signals stay quiet
        self._grid = (shown_x, shown_y, value)
        for side, shown in (("top", shown_x), ("bottom", shown_x), ("left", shown_y),
                            ("right", shown_y)):  # fmt: skip
            self.getAxis(side).setGrid(value if shown else False)

    def addItem(self, item: Any, *args: Any, **kwargs: Any) -> None:  # pyqtgraph's name
        """pyqtgraph's ``addItem`` reads the form's settings for a ``PlotDataItem``
        (a curve of ``plot()``) and so built it: the What if chart's first curve made
        the form in the turn that drew it (~20 ms of CPU; bench/bench_heartbeat.py).
        Until the form is made its settings are its defaults (``FORM_DEFAULTS``, held
        to a stock ``PlotItem``'s by a test), given to the item as pyqtgraph does."""
        if self._form_made or not isinstance(item, pg.PlotDataItem):
            super().addItem(item, *args, **kwargs)
            return
        if item in self.items:
            super().addItem(item, *args, **kwargs)  # pyqtgraph's warning, nothing added
            return
        self.items.append(item)
        vbargs = {"ignoreBounds": kwargs["ignoreBounds"]} if "ignoreBounds" in kwargs else {}
        self.vb.addItem(item, *args, **vbargs)
        name = None
        if hasattr(item, "implements") and item.implements("plotData"):
            name = item.name()
            self.dataItems.append(item)
            self.itemMeta[item] = kwargs.get("params", {})
            self.curves.append(item)
        item.setLogMode(*FORM_DEFAULTS["log"])
        item.setAlpha(*FORM_DEFAULTS["alpha"])
        if hasattr(item, "setSubtractMeanMode"):  # pyqtgraph 0.14
            item.setSubtractMeanMode(FORM_DEFAULTS["subtract_mean"])
        item.setFftMode(FORM_DEFAULTS["fft"])
        item.setDownsampling(*FORM_DEFAULTS["downsample"])
        item.setClipToView(FORM_DEFAULTS["clip_to_view"])
        self.updateDecimation()
        self.updateParamList()
        # (The form's "Average" group is off: no average curve.)
        if name is not None and self.legend is not None:
            self.legend.addItem(item, name=name)

    def updateDecimation(self) -> None:  # pyqtgraph's name
        if self._form_made:  # else "Max traces" is off: every curve stays as it is
            super().updateDecimation()

    def updateParamList(self) -> None:  # pyqtgraph's name
        # Without the form its parameter list is empty, and stays so unless a curve was
        # added with parameters.
        if self._form_made or any(self.itemMeta.get(c) for c in self.curves):
            super().updateParamList()


class QuietColorBarItem(pg.ColorBarItem, QuietPlotItem):  # type: ignore[misc]
    """pyqtgraph's ``ColorBarItem`` (a ``PlotItem`` of its own) built on ``QuietPlotItem``:
    its pan/zoom menu and "Plot Options" form, which it disables as it is built, are
    never made. Half the heatmap chart's build (~25 ms) went to them, in the turn a
    teller first opens Keys over time (bench/bench_heartbeat.py). ``ColorBarItem``'s
    own ``__init__`` runs unchanged; its ``super().__init__()`` reaches
    ``QuietPlotItem``'s (tests hold it pixel for pixel with pyqtgraph's)."""

    def __init__(self, **options: Any) -> None:
        """``ColorBarItem``'s options (values, colorMap, width, interactive...): spelled
        out for the type checker, which sees ``QuietPlotItem``'s signature otherwise."""
        super().__init__(**options)


class SteadyPlotWidget(pg.PlotWidget):  # type: ignore[misc]
    """A plot that asks for ``preferred_height``, whatever height it was last given."""

    painted = Signal()
    """After each paint (My progress paints its second chart a turn after its first)."""

    def __init__(self, preferred_height: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._preferred_height = preferred_height

    def sizeHint(self) -> QSize:  # Qt's name
        hint: QSize = super().sizeHint()
        return QSize(hint.width(), max(self._preferred_height, self.minimumHeight()))

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        self._settle()
        super().paintEvent(event)
        self.painted.emit()

    def _settle(self) -> None:
        """Bring the plot to the state it would reach after its paints, before painting.

        pyqtgraph works out the view's range at the start of a paint and an axis' width
        from the tick labels it has just drawn: a value axis whose labels are wider than
        its room grows, the plot is laid out again, the range follows the narrower view,
        and the plot is painted again, then again where the range moved. My progress'
        speed plot was painted three times for every open (22 + 17 + 6 ms of CPU). Here
        the same steps run in the same order before the first paint: the range for
        this size (``prepareForPaint``, as pyqtgraph's paint does), each shown axis'
        picture drawn as its ``paint`` draws it, and, where an axis changed its size,
        the layout applied and the steps taken again; the one paint then finds the
        state the last of those paints found, and plays the axes' pictures.

        The axes are drawn one at a time, and as soon as one asks for another size the
        layout is applied and the steps start again: an axis drawn after the one that
        grew would be drawn for a view about to change, and drawn again (My progress'
        date axis, 4-9 ms a drawing, was drawn twice per open of the speed plot because
        the value axis beside it widened). The vertical axes come first: their width
        follows their labels (the values), which a narrower view does not change."""
        scene = self.scene()
        layout = self.getPlotItem().layout
        for _ in range(6):  # a size changes at most once or twice: pyqtgraph's own bound
            scene.prepareForPaint()
            for axis in self._shown_axes():
                if axis.picture is None:
                    _draw_axis_picture(axis)
                    if not layout.isActivated():  # this axis asked for another size
                        break
            if layout.isActivated():  # no axis asked for another size
                return
            layout.activate()

    def _shown_axes(self) -> list[Any]:
        item = self.getPlotItem()
        return [item.getAxis(side) for side in ("left", "right", "bottom", "top")
                if item.getAxis(side).isVisible()]  # fmt: skip


def _draw_axis_picture(axis: Any) -> None:
    """``AxisItem.paint``'s drawing of the axis into its cached picture (pyqtgraph
    0.13-0.14), without playing it anywhere."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        specs = axis.generateDrawSpecs(painter)
        if specs is not None:
            axis.drawPicture(painter, *specs)
    finally:
        painter.end()
    axis.picture = picture


def new_plot(*, dates: bool = False, preferred_height: int = PREFERRED_HEIGHT) -> Any:
    """A ``pg.PlotWidget`` without the pan/zoom menu, with steady axis titles; ``dates``:
    the bottom axis is a time axis (POSIX seconds); ``preferred_height``: the height it
    asks of its layout, not the height it was last drawn at (see the module's note)."""
    bottom = SteadyDateAxis(orientation="bottom") if dates else SteadyAxis("bottom")
    axes = {
        "bottom": bottom,
        "left": SteadyAxis("left"),
        "top": SteadyAxis("top"),
        "right": SteadyAxis("right"),
    }
    plot = SteadyPlotWidget(preferred_height, plotItem=QuietPlotItem(axes))
    for side in ("top", "right"):  # given axes are shown: these stay hidden as by default
        plot.hideAxis(side)
    return plot


_SCATTER_INTERNALS = ("fragmentAtlas", "_maybeRebuildAtlas", "_updateMaxSpotSizes", "invalidate")


@cache
def _scatter_default_style() -> Any | None:
    """pyqtgraph's per-point "no style of its own" record, or None where this pyqtgraph
    lacks the internals ``OneStyleScatter`` uses (checked against 0.13.7-0.14): then
    every scatter runs pyqtgraph's own ``updateSpots``, a little slower, never broken by
    a newer pyqtgraph than the one tested."""
    try:
        from pyqtgraph.graphicsItems.ScatterPlotItem import _DEFAULT_STYLE  # noqa: PLC0415
    except ImportError:
        return None
    probe = pg.ScatterPlotItem()
    if not all(hasattr(probe, name) for name in _SCATTER_INTERNALS):
        return None
    return _DEFAULT_STYLE


class OneStyleScatter(pg.ScatterPlotItem):  # type: ignore[misc]
    """pyqtgraph's ``ScatterPlotItem``, its points' places in the symbol atlas looked up
    once where they all share the item's one style.

    pyqtgraph's ``updateSpots`` builds a (symbol, size, pen, brush) tuple and an atlas
    key for every new point and looks each up: a progress chart's 400-900 points, all
    drawn alike, cost 2.5 ms of every ``set_series`` (issue 17, the chart page). Where
    no new point has a style of its own and none is hovered, every one of them takes
    the atlas place of the item's style, which is what pyqtgraph's lookup returns for
    each; otherwise (a hovered point, per-point styles) pyqtgraph's own runs."""

    def updateSpots(self, dataSet: Any = None) -> None:  # noqa: N803 - pyqtgraph's name
        default = _scatter_default_style()
        data = self.data if dataSet is None else dataSet
        if default is None or not (self.opts["pxMode"] and self.opts["useCache"]):
            super().updateSpots(dataSet)
            return
        new = data["sourceRect"]["w"] == 0
        if not np.any(new):
            super().updateSpots(dataSet)
            return
        added = data[new]
        styles = ("symbol", "size", "pen", "brush")
        if np.any(added["hovered"]) or not all(
            np.all(np.equal(added[name], default[name])) for name in styles
        ):
            super().updateSpots(dataSet)
            return
        style = tuple(self.opts[name] for name in styles)
        data["sourceRect"][new] = self.fragmentAtlas[[style]][0]
        self._maybeRebuildAtlas()
        self._updateMaxSpotSizes(data=data)
        self.invalidate()
