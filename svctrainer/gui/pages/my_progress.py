"""My progress (a teller's own), and the same view of any employee for supervisors.

Per drill: the gain over the baseline in big type, then speed and accuracy over time
(``charts.progress_chart``), the per-key heatmap for keyboard drills, service tiers and
the SERVQUAL radar for scenarios, and what the gain means in customer time. Every
figure is loaded in the background; clicking a point opens that attempt's result.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.analytics.progress import GainUnit, LevelStatus
from svctrainer.core.analytics.series import Metric
from svctrainer.core.output_files import OutputFile
from svctrainer.core.roles import Permission
from svctrainer.gui.charts.style import family_labels  # no pyqtgraph: colours and names
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.attempt_dialog import open_attempt
from svctrainer.gui.pages.customer_time_panel import CustomerTimePanel
from svctrainer.gui.pages.date_range import DateRangeBar
from svctrainer.gui.scroll_area import scrolled
from svctrainer.services.changes import QUEUE_DATA, RESULTS, SETTINGS
from svctrainer.services.progress_records import (
    DateRange,
    FamilyActivity,
    MetricSeries,
    PersonCustomerTime,
    PersonHeatmap,
    PersonProgress,
    ScenarioProgress,
)

if TYPE_CHECKING:
    from svctrainer.gui.charts.heatmap_chart import KeyHeatmapChart
    from svctrainer.gui.charts.progress_chart import ProgressChart
    from svctrainer.gui.charts.scenario_charts import RadarChart, TierChart

FAMILY_ROLE = Qt.ItemDataRole.UserRole + 21


@dataclass(frozen=True)
class Loaded:
    progress: PersonProgress
    heatmap: PersonHeatmap | None
    scenario: ScenarioProgress | None
    customer_time: PersonCustomerTime | None  # read when its tab is first shown


def gain_text(series: MetricSeries) -> str:
    """ "+23.4 % over baseline", or why there is no gain yet."""
    p = series.progress
    if p.gain is not None:
        unit = {GainUnit.PERCENT: " %", GainUnit.PERCENTAGE_POINTS: " pp"}.get(p.gain_unit, "")
        sign = "+" if p.gain >= 0 else "−"
        return fill(
            translate("my_progress", "%1 over baseline"), f"{sign}{number(abs(p.gain), 1)}{unit}"
        )
    if p.baseline.status is LevelStatus.TOO_FEW_TESTS:
        return fill(translate("my_progress", "Baseline after 3 tests (%1 so far)"), str(p.tests))
    return translate("my_progress", "Baseline set: take another test to see your gain")


def chosen_drill(activity: list[FamilyActivity], wanted: str | None) -> str | None:
    """The drill to show: ``wanted`` when the person has attempts in it, else the one
    with the most tests (the latest first among equals); None without any attempt."""
    if any(a.family.key == wanted for a in activity):
        return wanted
    if not activity:
        return None
    return max(activity, key=lambda a: (a.tests, a.last_at)).family.key


class PersonProgressView(QWidget):
    """The progress of one person; ``person_id`` None means the signed-in person."""

    loaded = Signal()  # the figures are read and the tab shown is drawn
    heatmap_loaded = Signal()  # the per-key heatmap, read when its tab is first shown
    customer_time_loaded = Signal()  # the customer-time figures, read on their tab

    def __init__(
        self,
        context: AppContext,
        person_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        family_key: str | None = None,
    ) -> None:
        """``family_key``: the drill shown first when the person has tried it (else the
        drill with the most tests)."""
        super().__init__(parent)
        self._ctx = context
        self.person_id = person_id or context.signed_in.person.id
        self._wanted = family_key
        self._activity: list[FamilyActivity] = []
        self.current: Loaded | None = None
        self._drawing: Loaded | None = None  # drawn over two turns (``_show``)

        self.drill = QComboBox()
        self.drill.setObjectName("drillChoice")
        self.drill.setMinimumWidth(260)
        drill_label = QLabel(self.tr("&Drill"))
        drill_label.setBuddy(self.drill)
        self.range_bar = DateRangeBar()
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.pdf_button.setVisible(
            context.can(Permission.EXPORT_REPORTS) and self.person_id != context.signed_in.person.id
        )
        top = QHBoxLayout()
        top.addWidget(drill_label)
        top.addWidget(self.drill, 1)
        top.addWidget(self.range_bar)
        top.addWidget(self.refresh_button)
        top.addWidget(self.pdf_button)

        self.gain = QLabel(self.tr("Loading…"))
        self.gain.setObjectName("gainHeadline")
        big = QFont(self.gain.font())
        big.setPointSizeF(big.pointSizeF() * 2.0)
        big.setBold(True)
        self.gain.setFont(big)
        self.summary = QLabel()
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)

        # The two charts are built a turn of the event loop each, while the figures load
        # (the first chart may import the chart library, ``gui/chart_preload.py``); one
        # asked for before its turn is built then (``speed_chart``, ``accuracy_chart``).
        self._speed_chart: ProgressChart | None = None
        self._accuracy_chart: ProgressChart | None = None
        charts = QWidget()
        self._charts_box = QVBoxLayout(charts)
        self._charts_box.setContentsMargins(0, 0, 0, 0)
        # Empty axes are not painted while the figures load (five paints of two plots
        # for nothing): the charts appear with their first series. Hidden inside the tab,
        # which the tab widget shows whatever it was.
        self._charts = charts
        charts.setVisible(False)
        charts_tab = QWidget()
        charts_tab_box = QVBoxLayout(charts_tab)
        charts_tab_box.setContentsMargins(0, 0, 0, 0)
        charts_tab_box.addWidget(charts)
        # The turns that build and fill the charts belong to the widget that holds them:
        # sign-out deletes the tab pages a turn each before the view (``main_window``),
        # and a turn tied to the view reached deleted charts.
        QTimer.singleShot(0, charts, self._build_charts)

        self._heatmap_chart: KeyHeatmapChart | None = None  # built on first show
        self._heatmap_ahead: KeyHeatmapChart | None = None
        """Built a turn before its figures come, not in its tab yet (``heatmap_chart``)."""
        self.latency_choice = QRadioButton(self.tr("Time per &key"))
        self.errors_choice = QRadioButton(self.tr("&Errors per key"))
        self.latency_choice.setChecked(True)
        choices = QButtonGroup(self)
        choices.addButton(self.latency_choice)
        choices.addButton(self.errors_choice)
        self.latency_choice.toggled.connect(self._draw_heatmap)
        self._keys_page = keys = QWidget()
        self._keys_box = keys_box = QVBoxLayout(keys)
        keys_row = QHBoxLayout()
        keys_row.addWidget(self.latency_choice)
        keys_row.addWidget(self.errors_choice)
        keys_row.addStretch(1)
        keys_box.addLayout(keys_row)

        # The charts of the tabs behind the first are built when first shown: each is a
        # plot of its own, and most visits never open them.
        self._scenario_charts: tuple[TierChart, RadarChart] | None = None
        scenario = QWidget()
        self._scenario_box = QHBoxLayout(scenario)

        self.customer_panel = CustomerTimePanel()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("progressTabs")
        self.tabs.addTab(charts_tab, self.tr("&Speed and accuracy"))
        self.keys_index = self.tabs.addTab(keys, self.tr("&Keys over time"))
        self.scenario_index = self.tabs.addTab(scenario, self.tr("Service &tiers"))
        self.customer_index = self.tabs.addTab(
            scrolled(self.customer_panel), self.tr("&Customer time")
        )
        self._drawn: set[int] = set()  # tabs filled from ``current``
        self.tabs.currentChanged.connect(self._draw_current_tab)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.gain)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        self.drill.currentIndexChanged.connect(self._load_progress)
        self.range_bar.changed.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(self.export_pdf)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self._stale = False  # a change came while hidden: read again when shown
        context.hub.subscribe(self, RESULTS | SETTINGS | QUEUE_DATA, self._changed)

    # -- loading ------------------------------------------------------------------------

    def _changed(self) -> None:
        """A result, setting or queue import changed: read again now if on screen,
        else when next shown. Finishing a drill on the practice page redrew the hidden
        charts here, a 100-200 ms freeze of the page the person was looking at."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Read the person's drills and the chosen drill's figures in one trip to the
        worker: the figures no longer wait for a turn of the GUI thread between the two
        reads, and the charts are built while both are read (``_build_charts``)."""
        services, actor, person = self._ctx.services, self._ctx.actor, self.person_id
        wanted, window = self.family_key() or self._wanted, self.range_bar.date_range()

        def load() -> tuple[list[FamilyActivity], Loaded | None]:
            activity = services.progress.activity(actor, person)
            key = chosen_drill(activity, wanted)
            return activity, None if key is None else self._read(activity, key, window)

        self._ctx.background.run(
            load, lambda found: self._show_activity(*found), lambda exc: show_error(self, exc)
        )

    def _show_activity(self, activity: list[FamilyActivity], loaded: Loaded | None) -> None:
        self._activity = activity
        self.drill.blockSignals(True)
        self.drill.clear()
        labels = family_labels([a.family for a in activity])
        for item in activity:
            self.drill.addItem(labels[item.family.key], item.family.key)
            self.drill.setItemData(
                self.drill.count() - 1,
                fill(self.tr("Attempts: %1"), str(item.attempts)),
                Qt.ItemDataRole.ToolTipRole,
            )
        key = loaded.progress.family.key if loaded is not None else None
        self.drill.setCurrentIndex(self.drill.findData(key) if key else -1)
        self.drill.blockSignals(False)
        if loaded is None:
            self.gain.setText(self.tr("No attempts yet"))
            self.summary.setText(
                self.tr("Practise a drill and take its test: your charts appear here.")
            )
            self.loaded.emit()
            return
        self._show(loaded)

    def family_key(self) -> str | None:
        data = self.drill.currentData()
        return str(data) if data else None

    def select_drill(self, family_key: str) -> bool:
        index = self.drill.findData(family_key)
        if index < 0:
            return False
        self.drill.setCurrentIndex(index)
        return True

    def _load_progress(self, *_args: object) -> None:
        key = self.family_key()
        if key is None:
            return
        activity, window = self._activity, self.range_bar.date_range()
        self._ctx.background.run(
            lambda: self._read(activity, key, window),
            self._show,
            lambda exc: show_error(self, exc),
        )

    def _read(self, activity: list[FamilyActivity], key: str, window: DateRange) -> Loaded:
        """One drill's figures (on the worker: no Qt here)."""
        services, actor, person = self._ctx.services, self._ctx.actor, self.person_id
        scenario = any(a.family.key == key and a.family.is_scenario for a in activity)
        return Loaded(
            services.progress.person_progress(actor, person, key, window),
            None,
            services.progress.scenario_progress(actor, person, key, window) if scenario else None,
            None,
        )

    def _load_heatmap(self) -> None:
        """The per-key heatmap pools every attempt's key statistics: read when its tab
        is opened, never while the first tab's charts are drawn (a worker thread holding
        the interpreter would slow the drawing down as much as it saves)."""
        if self.current is None or self.current.progress.family.is_scenario:
            return
        key, window = self.current.progress.family.key, self.current.progress.window
        services, actor, person = self._ctx.services, self._ctx.actor, self.person_id
        self._ctx.background.run(
            lambda: services.progress.key_heatmap(actor, person, key, window),
            lambda heat: self._show_heatmap(key, heat),
            lambda exc: show_error(self, exc),
        )

    def _load_customer_time(self) -> None:
        """What the gains mean in customer time (the branch's queue, every skill): read
        when its tab is opened, not before the first tab's charts are drawn."""
        if self.current is None:
            return
        key, window = self.current.progress.family.key, self.current.progress.window
        services, actor, person = self._ctx.services, self._ctx.actor, self.person_id
        self._ctx.background.run(
            lambda: services.progress.person_customer_time(actor, person, window),
            lambda figures: self._show_customer_time(key, figures),
            lambda exc: show_error(self, exc),
        )

    # -- showing ------------------------------------------------------------------------

    def _show(self, loaded: Loaded) -> None:
        """The speed chart drawn in this turn, the rest in the next (``_show_rest``):
        both charts in one turn held a teller's "My progress" 102 ms
        (bench/bench_heartbeat.py; issue 17: no gap over 100 ms). Nothing of it is
        painted before the rest is drawn too: the charts are hidden the first time, and
        not repainted meanwhile after that (their old drawing stays on screen)."""
        if loaded.progress.family.key != self.family_key():
            return  # the person chose another drill while this one was loading
        self._drawing = loaded  # ``current`` once it is drawn whole (``_show_rest``)
        self._charts.setUpdatesEnabled(False)
        self.speed_chart.set_series(loaded.progress.metrics[0], loaded.progress.grades)
        QTimer.singleShot(0, self._charts, lambda: self._show_rest(loaded))

    def _show_rest(self, loaded: Loaded) -> None:
        if self._drawing is not loaded:
            return  # a newer load came meanwhile: it draws both charts again
        self.current = loaded
        progress = loaded.progress
        headline, accuracy = progress.metrics[0], progress.metric(Metric.ACCURACY)
        self.gain.setText(gain_text(headline))
        self.summary.setText(self._summary_text(progress, headline))
        if accuracy is not None:
            self.accuracy_chart.set_series(accuracy, progress.grades)
        shown = accuracy is not None and accuracy.counted > 0
        self.accuracy_chart.setVisible(shown)
        if shown:
            # Painted a turn after the speed chart: the two plots' paints in one turn
            # held a teller's "My progress" 89 ms of CPU on the loaded machine
            # (bench/bench_heartbeat.py; issue 17: no gap over 100 ms). Its place is
            # laid out with the page: the speed chart is painted once, at its size.
            chart = self.accuracy_chart
            chart.setUpdatesEnabled(False)
            self.speed_chart.plot.painted.connect(
                lambda: QTimer.singleShot(0, chart, lambda: chart.setUpdatesEnabled(True)),
                Qt.ConnectionType.SingleShotConnection,
            )
        self._charts.setUpdatesEnabled(True)
        self._charts.setVisible(True)
        # Scenarios have tiers, drills keys (the heatmap says so when a drill has no
        # per-key statistics in the period).
        self.tabs.setTabVisible(self.keys_index, loaded.scenario is None)
        self.tabs.setTabVisible(self.scenario_index, loaded.scenario is not None)
        self._drawn.clear()
        self._draw_current_tab()
        self.loaded.emit()

    def _show_heatmap(self, family_key: str, heat: PersonHeatmap) -> None:
        if self.current is None or self.current.progress.family.key != family_key:
            return  # another drill was chosen meanwhile
        self.current = replace(self.current, heatmap=heat)
        self._drawn.discard(self.keys_index)
        self._draw_current_tab()
        self.heatmap_loaded.emit()

    def _show_customer_time(self, family_key: str, figures: PersonCustomerTime) -> None:
        if self.current is None or self.current.progress.family.key != family_key:
            return  # another drill was chosen meanwhile
        self.current = replace(self.current, customer_time=figures)
        self._drawn.discard(self.customer_index)
        self._draw_current_tab()
        self.customer_time_loaded.emit()

    def _draw_current_tab(self, *_args: object) -> None:
        """Fill the tab on show, once per load: the tabs not looked at cost nothing."""
        index = self.tabs.currentIndex()
        if self.current is None or index in self._drawn:
            return
        loaded = self.current
        if index == self.keys_index:
            if loaded.heatmap is None:
                self._drawn.add(index)  # asked for once; drawn when it arrives
                if self._heatmap_chart is None:  # its plot first, a turn of its own
                    QTimer.singleShot(  # with the Keys page, which the chart goes in
                        0, self._keys_page, lambda: self._build_heatmap_then_load(loaded)
                    )
                else:
                    self._load_heatmap()
                return
            self._draw_heatmap()
        elif index == self.scenario_index and loaded.scenario is not None:
            self.tier_chart.set_tiers(loaded.scenario.tiers)
            self.radar_chart.set_radar(loaded.scenario.radar)
        elif index == self.customer_index:
            if loaded.customer_time is None:
                self._drawn.add(index)  # asked for once; drawn when it arrives
                self._load_customer_time()
                return
            self.customer_panel.show_person(loaded.customer_time)
        self._drawn.add(index)

    def _summary_text(self, progress: PersonProgress, headline: MetricSeries) -> str:
        from svctrainer.gui.charts.progress_chart import metric_name, value_text  # noqa: PLC0415

        p = headline.progress
        name = metric_name(headline.metric, headline.unit)
        parts = []
        if p.baseline.value is not None:
            parts.append(
                fill(
                    self.tr("Baseline %1 %2 (median of the first 3 tests)"),
                    value_text(headline.metric, p.baseline.value),
                    name,
                )
            )
        if p.latest.value is not None:
            parts.append(
                fill(
                    self.tr("latest %1 (median of the last 3 tests)"),
                    value_text(headline.metric, p.latest.value),
                )
            )
        parts.append(fill(self.tr("%1 tests, %2 attempts"), str(p.tests), str(progress.attempts)))
        if headline.shown < headline.counted:
            parts.append(
                fill(self.tr("%1 of %2 points drawn"), str(headline.shown), str(headline.counted))
            )
        return html.unescape(" · ".join(parts))

    def _build_charts(self) -> None:
        """One chart per turn: the speed chart now, the accuracy chart on the next."""
        if self._speed_chart is None:
            _ = self.speed_chart
            QTimer.singleShot(0, self._charts, self._build_charts)
        else:
            _ = self.accuracy_chart

    def _new_chart(self) -> ProgressChart:
        from svctrainer.gui.charts.progress_chart import ProgressChart  # noqa: PLC0415

        chart = ProgressChart()
        chart.attempt_clicked.connect(self.open_attempt)
        return chart

    @property
    def speed_chart(self) -> ProgressChart:
        """The headline metric over time (speed; score for scenarios), on top."""
        if self._speed_chart is None:
            self._speed_chart = self._new_chart()
            self._charts_box.insertWidget(0, self._speed_chart, 3)
        return self._speed_chart

    @property
    def accuracy_chart(self) -> ProgressChart:
        if self._accuracy_chart is None:
            self._accuracy_chart = self._new_chart()
            self._charts_box.addWidget(self._accuracy_chart, 2)
        return self._accuracy_chart

    @property
    def heatmap_chart(self) -> KeyHeatmapChart:
        if self._heatmap_chart is None:
            from svctrainer.gui.charts.heatmap_chart import KeyHeatmapChart  # noqa: PLC0415

            chart, self._heatmap_ahead = self._heatmap_ahead or KeyHeatmapChart(), None
            self._heatmap_chart = chart
            self._keys_box.addWidget(chart, 1)
        return self._heatmap_chart

    def _scenario_pair(self) -> tuple[TierChart, RadarChart]:
        if self._scenario_charts is None:
            from svctrainer.gui.charts.scenario_charts import RadarChart, TierChart  # noqa: PLC0415

            self._scenario_charts = (TierChart(), RadarChart())
            for chart in self._scenario_charts:
                self._scenario_box.addWidget(chart, 1)
        return self._scenario_charts

    @property
    def tier_chart(self) -> TierChart:
        return self._scenario_pair()[0]

    @property
    def radar_chart(self) -> RadarChart:
        return self._scenario_pair()[1]

    def _build_heatmap_then_load(self, loaded: Loaded) -> None:
        """The heatmap's plot, built on the turn after its tab is first shown and kept
        out of the tab until its figures are drawn in it, as before (``heatmap_chart``);
        then its figures are asked for. Built in the turn the figures came back, the
        plot (its colour bar is a plot of its own) and its first drawing held a teller's
        Keys-over-time tab 116 ms (bench/bench_heartbeat.py; issue 17: no gap over 100
        ms); built while the worker read them, both shared the interpreter and the build
        took twice as long."""
        if self.current is None or self.current.progress is not loaded.progress:
            return  # another drill or period meanwhile: its own load asks again
        # (The same load may have been replaced meanwhile with a tab's figures added,
        # e.g. Customer time's answer: still this load, whose Keys tab waits.)
        if self._heatmap_chart is None and self._heatmap_ahead is None:
            from svctrainer.gui.charts.heatmap_chart import KeyHeatmapChart  # noqa: PLC0415

            self._heatmap_ahead = KeyHeatmapChart()
        self._load_heatmap()

    def _draw_heatmap(self, *_args: object) -> None:
        from svctrainer.gui.charts.heatmap_chart import ERRORS, LATENCY  # noqa: PLC0415

        if self.current is None or self.current.heatmap is None:
            return
        measure = LATENCY if self.latency_choice.isChecked() else ERRORS
        self.heatmap_chart.set_heatmap(self.current.heatmap.heatmap, measure)

    # -- actions ------------------------------------------------------------------------

    def open_attempt(self, attempt_id: str) -> None:
        open_attempt(self._ctx, self, attempt_id)

    def export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export progress report"), "progress-report.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> None:
        services, actor, person = self._ctx.services, self._ctx.actor, self.person_id
        window = self.range_bar.date_range()
        # Gathered on the worker; the charts drawn here a turn of the event loop at a
        # time, the file written on the worker again (``gui/pdf_export.py``).
        self._ctx.background.run(
            lambda: services.reports.person_report(actor, person, window),
            lambda report: self._record_pdf(path, report),
            lambda exc: show_error(self, exc),
        )

    def _record_pdf(self, path: Path, report: Any) -> None:
        from svctrainer.gui.charts.pdf_report import person_document  # noqa: PLC0415
        from svctrainer.gui.pdf_export import export_pdf  # noqa: PLC0415

        services, actor = self._ctx.services, self._ctx.actor

        def record(rendered: OutputFile, pages: int) -> None:
            # The service records the export, then puts the file in place.
            self._ctx.hub.write(
                self, services.reports.record_pdf, actor, rendered, report, pages
            ).then(
                lambda _result: self._ctx.navigator.tell(fill(self.tr("Saved %1"), str(path)))
            ).run()

        export_pdf(self._ctx.background, self, path, person_document(report), record)


class MyProgressPage(QWidget):
    """The signed-in person's own progress."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PersonProgressView(context)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.view)
        self._shown = False

    def activated(self) -> None:
        self.view.refresh()
