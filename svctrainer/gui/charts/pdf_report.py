"""The printable PDF reports: one employee's progress, a team's (or the branch's), and
the one-page branch summary (the supervisor's landing view on paper).

Charts are the same widgets as on screen, drawn in the light palette and recorded as
vector drawings (``pdf_layout.Drawing``), then placed on A4 pages by ``pdf_layout``
with the branch name, the date range and when the report was generated on every page.
Needs a ``QApplication`` (the command line creates an offscreen one).

One employee's report is a summary a supervisor reads in a minute: the table of every
drill (baseline, latest, gain, accuracy), customer time, then per drill its headline
chart with the accuracy in words; the per-key heatmap of the keyboard drill with the
most tests only, and a scenario's tiers and radar (a page of charts per drill made
nineteen pages of one person).

Each report is first a ``Document``: its text blocks, and each chart as a ``Chart`` that
says how to build it. Charts are widgets, so they are drawn on the GUI thread; the window
draws one per turn of its event loop and writes the file on its background worker
(``gui/pdf_export.py``), so a long report never freezes it. ``render_*`` do both at
once, for the command line and the benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPicture
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from svctrainer.core.analytics.dashboard import StallStatus
from svctrainer.core.analytics.progress import GainUnit
from svctrainer.core.analytics.series import Metric
from svctrainer.gui import dates
from svctrainer.gui.charts.chart_frame import ChartFrame
from svctrainer.gui.charts.pdf_layout import (
    MUTED,
    Block,
    Drawing,
    Heading,
    Image,
    PageFrame,
    Paragraph,
    Table,
)
from svctrainer.gui.charts.pdf_layout import write_pdf as write_blocks
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.theme import light_palette
from svctrainer.services.progress_records import (
    Dashboard,
    DashboardEntry,
    DateRange,
    MetricSeries,
    PersonCustomerTime,
    ScenarioProgress,
    SkillSummary,
    TeamCustomerTime,
)
from svctrainer.services.reports import BranchReport, PersonReport, TeamReport

if TYPE_CHECKING:
    from svctrainer.gui.pages.customer_time_panel import PanelTexts

CHART_W, CHART_H, SMALL_H = 960, 360, 260


def when_text(moment: datetime) -> str:
    from svctrainer.gui.charts.progress_chart import local_time_text  # noqa: PLC0415

    return local_time_text(moment)


def day_text(moment: datetime) -> str:
    return dates.day_text(dates.local_day(moment))


def range_text(window: DateRange) -> str:
    if window.since is None and window.until is None:
        return translate("reports", "all results")
    start = day_text(window.since) if window.since else "…"
    # ``until`` is exclusive: the day before it is the last one included.
    end = day_text(window.until - timedelta(seconds=1)) if window.until else "…"
    return fill(translate("reports", "%1 to %2"), start, end)


def lay_out(widget: QWidget, width: int = CHART_W, height: int = CHART_H) -> None:
    """``widget`` sized to ``width`` × ``height`` and laid out, never shown on screen:
    ready for ``record_widget``."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    if isinstance(widget, ChartFrame):  # paper has no buttons
        widget.save_button.hide()
    widget.resize(width, height)
    widget.show()
    for _ in range(3):  # layouts and the plots' deferred range updates
        QApplication.sendPostedEvents()


def record_widget(widget: QWidget, width: int = CHART_W, height: int = CHART_H) -> Drawing:
    """``widget`` (laid out by ``lay_out``) recorded as vector drawing commands, then
    closed. Scatter points are drawn one by one as shapes (pyqtgraph stamps a cached
    bitmap on screen, which a PDF would hold as hundreds of little images)."""
    import pyqtgraph as pg  # noqa: PLC0415 - charts only

    for view in widget.findChildren(QGraphicsView):
        for item in view.items():
            if isinstance(item, pg.ScatterPlotItem):
                item.opts["useCache"] = False
    picture = QPicture()
    painter = QPainter(picture)
    try:
        painter.fillRect(QRectF(0, 0, width, height), widget.palette().base().color())
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    drawing = Drawing(picture, float(width), float(height))
    widget.close()
    widget.deleteLater()
    return drawing


def render_widget(widget: QWidget, width: int = CHART_W, height: int = CHART_H) -> Drawing:
    """``widget`` laid out and recorded at once (``lay_out``, then ``record_widget``)."""
    lay_out(widget, width, height)
    return record_widget(widget, width, height)


@dataclass(frozen=True)
class Chart:
    """A chart of a report, not drawn yet: ``build`` makes the widget and ``fill``, when
    given, puts the figures in it (GUI thread, each in a turn of its own)."""

    build: Callable[[], QWidget]
    width: int = CHART_W
    height: int = CHART_H
    width_fraction: float = 1.0
    fill: Callable[[Any], None] | None = None

    def steps(self) -> Iterator[Image | None]:
        """The drawing in four slices of GUI-thread work (build, fill, lay out, record),
        each short enough for one turn of the event loop: a team's bar chart drawn at
        once held the window for 0.2 s (bench/bench_heartbeat.py). The last step gives
        the picture."""
        widget = self.build()
        yield None
        if self.fill is not None:
            self.fill(widget)
            yield None
        lay_out(widget, self.width, self.height)
        yield None
        yield Image(record_widget(widget, self.width, self.height), self.width_fraction)

    def draw(self) -> Image:
        """All four slices at once (the command line, the benchmarks)."""
        *_, image = self.steps()
        assert image is not None  # noqa: S101 - ``steps`` always ends with the picture
        return image


@dataclass(frozen=True)
class Later:
    """A block of a report whose text is long to make (a table of 500 people): ``make``
    yields None after each slice of the work and then the block, and the report takes a
    turn of the event loop for each slice while it is drawn."""

    make: Callable[[], Iterator[Block | None]]


Part = Block | Chart | Later
"""A block of a report as it is built: text, or a chart or long block still to draw."""


@dataclass
class Document:
    """A report before it is written: ``blocks`` hold ``Chart`` and ``Later`` until they
    are drawn."""

    title: str
    frame: PageFrame
    blocks: list[Part]

    def charts(self) -> list[int]:
        """The positions of the charts and long blocks still to draw."""
        return [i for i, block in enumerate(self.blocks) if isinstance(block, Chart | Later)]

    def draw_chart(self, index: int) -> None:
        """Draw the chart (or make the block) at ``index`` in place, at once (GUI thread)."""
        for _ in self.drawing_of(index):
            pass

    def drawing_of(self, index: int) -> Iterator[None]:
        """Draw the chart (or make the block) at ``index`` in place, a slice of GUI-thread
        work per step (``PdfExport`` takes one step per turn of the event loop)."""
        block = self.blocks[index]
        if not isinstance(block, Chart | Later):
            return
        steps = block.make() if isinstance(block, Later) else block.steps()
        for made in steps:
            if made is not None:
                self.blocks[index] = made
                break
            yield None

    def write(self, path: Path) -> int:
        """Write the PDF once every chart is drawn (any thread: only ``QPdfWriter`` and
        ``QPainter`` replaying recorded drawings); the number of pages."""
        return write_blocks(path, self.title, self.frame, self._drawn())

    def write_apart(self, path: Path, platform: str, font: str) -> int:
        """``write`` in a child process (``pdf_process``), which the calling thread only
        waits for: the window's background worker, so that the GUI thread never waits
        for the interpreter lock held through Qt's long PDF calls. ``platform`` and
        ``font``: ``pdf_process.environment()``, read on the GUI thread."""
        from svctrainer.gui.charts.pdf_process import write_apart  # noqa: PLC0415

        return write_apart(
            path, self.title, self.frame, self._drawn(), platform=platform, font=font
        )

    def _drawn(self) -> list[Block]:
        blocks = [b for b in self.blocks if not isinstance(b, Chart | Later)]
        if len(blocks) != len(self.blocks):
            raise RuntimeError("a chart of the report is not drawn yet")
        return blocks


def render(document: Document, path: Path) -> int:
    """Draw every chart and write the file, all on the GUI thread (command line, bench).

    Each chart is deleted once recorded, before the next is built: ``record_widget``
    leaves that to the event loop (``deleteLater``), which ``PdfExport`` returns to
    between two charts but this loop does not, so every chart of the report, plot,
    scene and menus, stayed until the end (the whole branch's: 33 MB at 1 M attempts)."""
    for index in document.charts():
        document.draw_chart(index)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return document.write(path)


def gain_line(series: MetricSeries) -> str:
    p = series.progress
    if p.gain is None:
        if p.tests < 3:
            return fill(
                translate("reports", "No baseline yet: %1 of the 3 tests it needs."), str(p.tests)
            )
        return translate("reports", "Baseline set; no test after it yet.")
    unit = {GainUnit.PERCENT: " %", GainUnit.PERCENTAGE_POINTS: " pp"}.get(p.gain_unit, "")
    sign = "+" if p.gain >= 0 else "−"
    return fill(
        translate("reports", "Gain over baseline: %1 (baseline %2, latest %3, %4 tests)."),
        f"{sign}{number(abs(p.gain), 1)}{unit}",
        level_text(series.metric, p.baseline.value),
        level_text(series.metric, p.latest.value),
        str(p.tests),
    )


def accuracy_line(series: MetricSeries) -> str:
    """The accuracy chart of the screen in one sentence on paper."""
    p = series.progress
    if p.baseline.value is None or p.latest.value is None:
        return fill(
            translate("reports", "Accuracy: %1 counted attempts, no baseline yet."),
            str(series.counted),
        )
    return fill(
        translate("reports", "Accuracy: baseline %1, latest %2 (%3)."),
        level_text(Metric.ACCURACY, p.baseline.value),
        level_text(Metric.ACCURACY, p.latest.value),
        gain_cell(p.gain, str(p.gain_unit)),
    )


def incomplete_line(count: int) -> str:
    """Stopped attempts are in the report as such, never in its figures."""
    return translate(
        "reports",
        "%n incomplete attempt(s) (stopped before the end): shown ▽, never graded or counted.",
        None,
        count,
    )


def level_text(metric: Metric, value: float | None) -> str:
    from svctrainer.gui.charts.progress_chart import value_text  # noqa: PLC0415

    return value_text(metric, value)


def gain_cell(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    suffix = {"percent": " %", "percentage_points": " pp"}.get(unit, "")
    return ("+" if value >= 0 else "−") + number(abs(value), 1) + suffix


def status_text(status: str) -> str:
    return {
        StallStatus.IMPROVING: translate("reports", "improving"),
        StallStatus.NO_GAIN: translate("reports", "no progress: under 2 % in 4 weeks"),
        StallStatus.NO_PRACTICE: translate("reports", "idle: no practice for 14 days"),
        StallStatus.NOT_ENOUGH_DATA: translate("reports", "too few attempts in 4 weeks"),
    }.get(StallStatus(status), status)


# -- one person ---------------------------------------------------------------------------


def render_person_report(report: PersonReport, path: Path) -> int:
    return render(person_document(report), path)


def person_document(report: PersonReport) -> Document:
    from svctrainer.gui.charts.heatmap_chart import KeyHeatmapChart  # noqa: PLC0415
    from svctrainer.gui.charts.progress_chart import ProgressChart, metric_name  # noqa: PLC0415

    palette = light_palette()
    person = report.person
    title = fill(
        translate("reports", "Progress report: %1 (%2)"), person.name, person.employee_number
    )
    blocks: list[Part] = [
        Heading(title, 1),
        Paragraph(
            fill(
                translate("reports", "Team: %1 · Period: %2 · Generated %3"),
                person.team_name or translate("reports", "none"),
                range_text(report.window),
                when_text(report.generated_at),
            )
        ),
    ]
    # The drills that show a gain first, then by how many tests there are: page one
    # answers "has this person improved?" (stable sort: ties keep the service's order).
    drills = sorted(
        report.drills,
        key=lambda d: (d.metrics[0].progress.gain is None, -d.metrics[0].progress.tests),
    )
    if drills:
        rows = []
        for drill in drills:
            head = drill.metrics[0]
            p = head.progress
            rows.append(
                [
                    drill.family.title,
                    metric_name(head.metric, head.unit),
                    level_text(head.metric, p.baseline.value),
                    level_text(head.metric, p.latest.value),
                    gain_cell(p.gain, str(p.gain_unit)),
                    str(p.tests),
                    str(drill.attempts),
                ]
            )
        blocks.append(
            Table(
                [
                    translate("reports", "Drill"),
                    translate("reports", "Measure"),
                    translate("reports", "Baseline"),
                    translate("reports", "Latest"),
                    translate("reports", "Gain"),
                    translate("reports", "Tests"),
                    translate("reports", "Attempts"),
                ],
                rows,
                [3.9, 1.3, 1.0, 1.0, 1.0, 0.6, 1.0],
                frozenset({2, 3, 4, 5, 6}),
            )
        )
    else:
        blocks.append(Paragraph(translate("reports", "No attempts in this period.")))
    blocks += _customer_blocks(report.customer_time)
    heatmaps = {h.family.key: h for h in report.heatmaps}
    # One heatmap: the keyboard drill with the most tests (the first such in ``drills``).
    heat_key = next((d.family.key for d in drills if d.family.key in heatmaps), None)
    scenarios = {sc.family.key: sc for sc in report.scenarios}
    for drill in drills:
        blocks.append(Heading(drill.family.title, 2))
        head = drill.metrics[0]
        blocks.append(Paragraph(gain_line(head), bold=True))
        stopped = sum(1 for p in head.excluded if not p.complete)
        if stopped:
            blocks.append(Paragraph(incomplete_line(stopped)))
        accuracy = drill.metric(Metric.ACCURACY)
        if accuracy is not None and accuracy.counted and head.metric is not Metric.ACCURACY:
            blocks.append(Paragraph(accuracy_line(accuracy)))
        if head.counted + len(head.excluded):

            def progress_series(
                chart: ProgressChart, series: MetricSeries = head, grades: Any = drill.grades
            ) -> None:
                chart.set_series(series, grades)

            blocks.append(
                Chart(lambda: ProgressChart(palette), CHART_W, CHART_H, fill=progress_series)
            )
        heat = heatmaps.get(drill.family.key) if drill.family.key == heat_key else None
        if heat is not None:

            def heat_cells(chart: KeyHeatmapChart, heat: Any = heat) -> None:
                chart.set_heatmap(heat.heatmap)

            blocks.append(
                Chart(lambda: KeyHeatmapChart(palette), CHART_W, SMALL_H + 40, fill=heat_cells)
            )
        scenario = scenarios.pop(drill.family.key, None)
        if scenario is not None:  # tiers and radar in the scenario's own section
            blocks += _scenario_blocks(scenario, palette)
    for scenario in scenarios.values():
        blocks.append(Heading(scenario.family.title, 2))
        blocks += _scenario_blocks(scenario, palette)
    frame = PageFrame(
        report.branch_name,
        title,
        fill(translate("reports", "Generated %1 by svctrainer"), when_text(report.generated_at)),
    )
    return Document(title, frame, blocks)


def _scenario_blocks(scenario: ScenarioProgress, palette: QPalette) -> list[Part]:
    from svctrainer.gui.charts.scenario_charts import RadarChart, TierChart  # noqa: PLC0415

    def tiers(chart: TierChart) -> None:
        chart.set_tiers(scenario.tiers)

    def radar(chart: RadarChart) -> None:
        chart.set_radar(scenario.radar)

    blocks: list[Part] = [Chart(lambda: TierChart(palette), CHART_W, SMALL_H, fill=tiers)]
    if scenario.radar is not None:
        blocks.append(Chart(lambda: RadarChart(palette), 560, 420, width_fraction=0.6, fill=radar))
    return blocks


def _customer_blocks(result: PersonCustomerTime) -> list[Block]:
    from svctrainer.gui.pages.customer_time_panel import CustomerTimePanel  # noqa: PLC0415

    return _panel_blocks(CustomerTimePanel().person_texts(result))


def _panel_blocks(texts: PanelTexts) -> list[Block]:
    """The customer-time panel's own wording, on paper."""
    return [
        Heading(translate("reports", "Efficiency gains as customer time"), 2),
        Paragraph(texts.headline, size=11, bold=True),
        Paragraph(texts.source),
        *(Paragraph(line) for line in texts.lines),
    ]


# -- a team or the branch -------------------------------------------------------------------


def render_team_report(report: TeamReport, path: Path) -> int:
    return render(team_document(report), path)


def team_document(report: TeamReport) -> Document:
    from svctrainer.gui.charts.team_chart import BarChart, frame_height, team_label  # noqa: PLC0415

    palette = light_palette()
    subject = report.team_name or translate("reports", "all teams")
    title = fill(translate("reports", "Team report: %1"), subject)
    people = {e.person.id for d in report.dashboards for e in d.entries}
    blocks: list[Part] = [
        Heading(title, 1),
        Paragraph(
            fill(
                translate("reports", "Branch: %1 · Period: %2 · Generated %3 · %4 people"),
                report.branch_name,
                range_text(report.window),
                when_text(report.generated_at),
                str(len(people)),
            )
        ),
    ]
    blocks += _team_customer_blocks(report.customer_time)
    if len(report.customer_time.by_team) > 1:
        teams = report.customer_time.by_team

        def saved_bars(chart: BarChart) -> None:
            chart.set_bars(
                translate("reports", "Customer-minutes saved a day, each team's gains alone"),
                [team_label(name) for name, _ in teams],
                [effect.customer_minutes_saved for _, effect in teams],
                translate("reports", "customer-minutes a day"),
                lambda v: "—" if v is None else number(v, 1),
            )

        blocks.append(
            Chart(lambda: BarChart(palette), CHART_W, frame_height(len(teams)), fill=saved_bars)
        )
    if not report.dashboards:
        blocks.append(Paragraph(translate("reports", "No attempts in this period.")))
    boards = sorted(
        report.dashboards,
        key=lambda b: (-b.everyone.with_gain, -b.everyone.with_baseline),
    )
    for board in boards:
        blocks += _dashboard_blocks(board, palette, one_team=report.team_name is not None)
    frame = PageFrame(
        report.branch_name,
        title,
        fill(translate("reports", "Generated %1 by svctrainer"), when_text(report.generated_at)),
    )
    return Document(title, frame, blocks)


def _team_customer_blocks(result: TeamCustomerTime) -> list[Block]:
    from svctrainer.gui.pages.customer_time_panel import CustomerTimePanel  # noqa: PLC0415

    return _panel_blocks(CustomerTimePanel().team_texts(result))


def _dashboard_blocks(board: Dashboard, palette: QPalette, one_team: bool) -> list[Part]:
    from svctrainer.gui.charts.progress_chart import metric_name  # noqa: PLC0415
    from svctrainer.gui.charts.team_chart import BarChart, frame_height  # noqa: PLC0415

    unit = board.entries[0].row.unit if board.entries else None
    everyone = board.everyone
    blocks: list[Part] = [
        Heading(board.family.title, 2),
        Paragraph(
            fill(
                translate(
                    "reports",
                    "%1: median baseline %2, median latest %3, median gain %4; %5 of %6 improved, "
                    "%7 stalled.",
                ),
                metric_name(board.metric, unit),
                level_text(board.metric, everyone.median_baseline),
                level_text(board.metric, everyone.median_latest),
                gain_cell(everyone.median_gain, _gain_unit(board)),
                str(everyone.improved),
                str(everyone.with_gain),
                str(everyone.stalled),
            )
        ),
    ]
    if len(board.teams) > 1:

        def team_bars(chart: BarChart) -> None:
            chart.set_team_gains(board.teams, _gain_axis(board))

        blocks.append(
            Chart(
                lambda: BarChart(palette), CHART_W, frame_height(len(board.teams)), fill=team_bars
            )
        )
    else:  # one team: compare its people instead
        gains = sorted(
            (e for e in board.entries if e.row.gain is not None), key=lambda e: -(e.row.gain or 0)
        )

        def people_bars(chart: BarChart) -> None:
            chart.set_bars(
                translate("reports", "Gain over baseline, person by person"),
                [e.person.name for e in gains],
                [e.row.gain for e in gains],
                _gain_axis(board),
                lambda v: gain_cell(v, _gain_unit(board)),
            )

        if gains:
            blocks.append(
                Chart(
                    lambda: BarChart(palette), CHART_W, frame_height(len(gains)), fill=people_bars
                )
            )
    blocks.append(Later(lambda: _dashboard_table_steps(board, one_team)))
    if board.improved_most:
        best = [
            f"{e.person.name} ({gain_cell(e.row.gain, e.row.gain_unit)})"
            for e in board.improved_most
        ]
        blocks.append(Paragraph(fill(translate("reports", "Improved most: %1"), ", ".join(best))))
    if board.stalled:
        shown = [f"{e.person.name} ({stall_reason(e.row.status)})" for e in board.stalled[:12]]
        more = " …" if len(board.stalled) > 12 else ""
        blocks.append(
            Paragraph(fill(translate("reports", "Needs attention: %1"), ", ".join(shown)) + more)
        )
    return blocks


ROWS_PER_TURN = 100
"""People of a skill's table made in one turn of the event loop: the 500 of the 1 M
branch at once held the GUI thread 33-41 ms of CPU (62-98 at load 20), the longest
slice of the team PDF's drawing."""


def _dashboard_table_steps(board: Dashboard, one_team: bool) -> Iterator[Table | None]:
    """Every person of ``board``, a row each, made while the report is drawn (``Later``)
    ``ROWS_PER_TURN`` people per step (None), then the table."""
    rows: list[list[str]] = []
    entries = board.entries
    for start in range(0, len(entries), ROWS_PER_TURN):
        if start:
            yield None
        rows += (_dashboard_row(board, e, one_team) for e in entries[start : start + ROWS_PER_TURN])
    headers = [
        translate("reports", "Name"),
        translate("reports", "No."),
        translate("reports", "Team"),
        translate("reports", "Baseline"),
        translate("reports", "Latest"),
        translate("reports", "Gain"),
        translate("reports", "Tests"),
        translate("reports", "Practised"),
        translate("reports", "Status"),
        translate("reports", "Done/late"),
    ]
    widths = [1.6, 0.75, 1.3, 0.95, 0.95, 1.0, 0.6, 1.2, 1.8, 1.05]
    right = {3, 4, 5, 6, 9}
    if one_team:  # the team is in the title; its column would only repeat it
        del headers[2], widths[2]
        right = {i - 1 for i in right}
    yield Table(headers, rows, widths, frozenset(right))


def _dashboard_row(board: Dashboard, e: DashboardEntry, one_team: bool) -> list[str]:
    return [
        e.person.name,
        e.person.employee_number,
        *([] if one_team else [e.person.team_name or ""]),
        level_text(board.metric, e.row.baseline),
        level_text(board.metric, e.row.latest),
        gain_cell(e.row.gain, e.row.gain_unit),
        str(e.row.tests),
        day_text(e.row.last_practice_at) if e.row.last_practice_at else "—",
        status_text(e.row.status),
        f"{e.row.assignments_done}/{e.row.assignments_overdue}",
    ]


# -- the branch summary (one page) -----------------------------------------------------------


def branch_summary_headers() -> list[str]:
    """The branch summary's columns, the same on screen and on paper."""
    return [
        translate("reports", "Skill"),
        translate("reports", "Tested"),
        translate("reports", "Median gain"),
        translate("reports", "Improved"),
        translate("reports", "Idle 14 days"),
        translate("reports", "No progress"),
        translate("reports", "Not started"),
    ]


def branch_summary_cells(skill: SkillSummary, *, screen: bool = False) -> list[str]:
    """A skill's line of the summary; ``screen``: the median gain's count on a line of its
    own, so that the on-screen table (beside its chart at 1366 px) leaves the skill names
    their width."""
    from svctrainer.gui.charts.style import skill_name  # noqa: PLC0415

    return [
        skill_name(skill.family),
        fill(translate("reports", "%1 of %2"), str(skill.tested), str(skill.people)),
        _median_cell(skill, screen=screen),
        str(skill.improved),
        str(skill.idle),
        str(skill.no_progress),
        str(skill.not_started),
    ]


def _median_cell(skill: SkillSummary, *, screen: bool = False) -> str:
    """The median gain with the number of people it rests on: "+69.0 %" over 6 of 19
    tested people reads very differently from the same figure over all 19."""
    cell = gain_cell(skill.median_gain, skill.gain_unit)
    if skill.median_gain is None:
        return cell
    count = skill.with_gain  # lupdate reads only a plain name as translate()'s count
    if screen:
        return fill(
            translate("reports", "%1\n%n with a baseline", "gain over its count, two lines", count),
            cell,
        )
    return fill(translate("reports", "%1 (%n with a baseline)", None, count), cell)


def branch_summary_note() -> list[str]:
    """What the columns mean (on screen under the table, on paper under the chart), a
    line per term."""
    return [
        translate(
            "reports",
            "Median gain: each person's latest tests against their first three (their "
            "baseline), the median over the people who have both, each person once.",
        ),
        translate(
            "reports",
            "Idle 14 days: practised the skill before, but no practice or test in the last "
            "14 days (urge them to practise). No progress: practising, but under 2 % faster "
            "in 4 weeks (arrange coaching). Not started: no complete attempt on the skill yet.",
        ),
        translate(
            "reports",
            "English and Chinese packs of a skill count as one skill; stopped attempts never "
            "count.",
        ),
    ]


def render_branch_summary(report: BranchReport, path: Path) -> int:
    return render(branch_summary_document(report), path)


def branch_summary_document(report: BranchReport) -> Document:
    """The branch summary on one A4 page: the table, a bar per skill, what it means."""
    from svctrainer.gui.charts.style import skill_name  # noqa: PLC0415
    from svctrainer.gui.charts.team_chart import BarChart, frame_height  # noqa: PLC0415

    palette = light_palette()
    skills = report.summary.skills
    title = fill(translate("reports", "Branch summary: %1"), report.branch_name)
    people = max((s.people for s in skills), default=0)
    count = len(skills)
    counted = translate("reports", "%n core skill(s)", None, count)
    scope = translate("reports", "%n employee(s) in scope", None, people)
    blocks: list[Part] = [
        Heading(title, 1),
        Paragraph(
            fill(
                translate("reports", "Period: %1 · Generated %2 · %3 · %4"),
                range_text(report.window),
                when_text(report.generated_at),
                scope,
                counted,
            )
        ),
    ]
    if not skills:
        blocks.append(Paragraph(translate("reports", "No drill with a test has been imported.")))
    else:
        blocks.append(
            Table(
                branch_summary_headers(),
                [branch_summary_cells(s) for s in skills],
                [2.35, 0.95, 2.7, 1.05, 1.3, 1.3, 1.3],
                frozenset({1, 2, 3, 4, 5, 6}),
            )
        )

        def skills_chart() -> QWidget:
            chart = BarChart(palette)
            chart.set_bars(
                translate("reports", "Median gain over baseline, skill by skill"),
                [skill_name(s.family) for s in skills],
                [s.median_gain for s in skills],
                translate("reports", "median gain, %"),
                lambda v: gain_cell(v, "percent"),
            )
            if any(s.median_gain is None for s in skills):
                chart.legend.setText(
                    translate("reports", "—: nobody has a baseline and a later test yet")
                )
            return chart

        blocks.append(Chart(skills_chart, CHART_W, frame_height(len(skills))))
    blocks += [Paragraph(line, size=8.5, colour=QColor(MUTED)) for line in branch_summary_note()]
    frame = PageFrame(
        report.branch_name,
        title,
        fill(translate("reports", "Generated %1 by svctrainer"), when_text(report.generated_at)),
    )
    return Document(title, frame, blocks)


def stall_reason(status: str) -> str:
    """Which of the two states, after "Needs attention:": idle (a motivation problem) or no
    progress (a technique problem), which a supervisor acts on differently."""
    return {
        StallStatus.NO_GAIN: translate("reports", "no progress"),
        StallStatus.NO_PRACTICE: translate("reports", "idle 14 days"),
    }.get(StallStatus(status), status_text(status))


def _gain_unit(board: Dashboard) -> str:
    return board.entries[0].row.gain_unit if board.entries else "percent"


def _gain_axis(board: Dashboard) -> str:
    return {
        "percent": translate("reports", "gain, %"),
        "percentage_points": translate("reports", "gain, percentage points"),
    }.get(_gain_unit(board), translate("reports", "gain, points"))
