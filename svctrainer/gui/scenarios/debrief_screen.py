"""The debrief of one scenario run, shown only after the run is saved.

Tier, score, reasons, SERVQUAL, steps, violations and the mood trace come from the
stored attempt (``AttemptRecord.details``), so what the trainee sees is exactly what a
supervisor sees later; the path replay (each decision's feedback and the best
alternative there) is ``analysis.review`` of the same stored decisions.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPaintEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.details import DetailsError
from svctrainer.core.durations import NS_PER_S
from svctrainer.core.scenarios.analysis import ReviewStep
from svctrainer.core.scenarios.details import ScenarioDetails
from svctrainer.core.scenarios.engine import RunResult
from svctrainer.core.scenarios.model import Mood, Scenario, ServqualDimension
from svctrainer.core.scenarios.mood import expression_for
from svctrainer.core.standards.compliance import Compliance
from svctrainer.core.standards.model import ItemKind
from svctrainer.gui.drills.figures import duration, number, percent, title_with_mode
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.scenarios.chart_slot import ChartSlot
from svctrainer.gui.scenarios.debrief_charts import MoodTraceChart, ServqualRadar
from svctrainer.gui.scenarios.portrait import PortraitWidget
from svctrainer.gui.scenarios.wording import (
    MET_REASONS,
    decimal,
    protocol_order,
    reason_sentence,
    step_name,
    tier_meaning,
    tier_name,
    violation_sentence,
)
from svctrainer.gui.settings import DEFAULT_FONT_SIZE
from svctrainer.services.attempts import AttemptRecord

TIER_COLOURS = {
    "not_met": "#d64545",
    "satisfaction": "#3d8bd4",
    "comfort": "#2e9d5b",
    "delight": "#c08a12",
}
GOOD, SO_SO, BAD = "#2e9d5b", "#e0a12e", "#d64545"
CHART_HEIGHT = 370  # px; fixed, so the charts keep their shape whatever the window height
CHART_TURN_MS = 1
"""A real timer between the text and each chart (as in ``gui/pdf_export.py``): a zero-time
call would run before the paint and input that came due meanwhile."""
STACK_CHARTS_FROM = 1.2  # text this many times the default puts the charts one above the other
MAX_TEXT = 400  # characters of a node's text repeated in the path replay


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def _rich(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


def _read_details(attempt: AttemptRecord) -> tuple[ScenarioDetails, str]:
    """The attempt's stored details, and a line saying why they are missing when a
    damaged row cannot be read (the figures of the row itself still show)."""
    try:
        return ScenarioDetails.from_dict(attempt.details or {}), ""
    except DetailsError as exc:
        problem = fill(
            translate("DebriefScreen", "The details of this result cannot be read (%1)."), exc
        )
        return ScenarioDetails.from_dict({}), "\n" + problem


def _quote(text: str) -> str:
    short = text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    return html.escape(short).replace("\n", "<br>")


class DebriefScreen(QWidget):
    again = Signal()
    back = Signal()
    charts_drawn = Signal()  # both charts built, a turn or two after the text

    def __init__(
        self,
        attempt: AttemptRecord,
        scenario: Scenario,
        review: Sequence[ReviewStep],
        best: RunResult | None,
        parent: QWidget | None = None,
        *,
        compliance: Compliance | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("debriefScreen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.attempt = attempt
        self.scenario = scenario
        self.review = tuple(review)
        details, problem = _read_details(attempt)
        tier = attempt.grade or "not_met"
        trace = details.mood_trace or ((0.0, 0.0),)
        final = Mood(*details.final_mood)

        portrait = PortraitWidget(scenario.customer.portrait, expression_for(final))
        portrait.setFixedSize(128, 128)
        title = QLabel(title_with_mode(scenario.title, attempt.mode))
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        self.tier_label = QLabel(tier_name(tier))
        self.tier_label.setObjectName("debriefTier")
        big = QFont(self.tier_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.tier_label.setFont(big)
        self.tier_label.setStyleSheet(f"color: {TIER_COLOURS.get(tier, '#888888')};")
        self.figures = QLabel(self._figures_text(attempt, details, best) + problem)
        self.figures.setObjectName("debriefFigures")
        self.figures.setWordWrap(True)
        meaning = QLabel(tier_meaning(tier))
        meaning.setWordWrap(True)
        ending_id = details.ending
        ending_text = scenario.node(ending_id).text if ending_id else ""
        self.ending = _rich(
            "<i>"
            + html.escape(translate("scenarios", "How the visit ended:"))
            + "</i> "
            + (
                _quote(ending_text)
                if ending_text
                else html.escape(translate("scenarios", "(stopped before the end)"))
            )
        )
        top_text = QVBoxLayout()
        top_text.addWidget(title)
        top_text.addWidget(self.tier_label)
        top_text.addWidget(meaning)
        top_text.addWidget(self.figures)
        top_text.addWidget(self.ending)
        top = QHBoxLayout()
        top.addWidget(portrait, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(top_text, 1)

        self.reasons = _rich(self._reasons_html(details), "debriefReasons")
        self.steps = _rich(self._steps_html(details), "debriefSteps")
        self.path = _rich(self._path_html(), "debriefPath")
        self.compliance = compliance
        self.standard = _rich(self._standard_html(compliance), "debriefStandard")

        best_servqual = {d.value: best.servqual.get(d) for d in ServqualDimension} if best else None
        timeouts = [i for i, s in enumerate(self.review, start=1) if s.choice is None]
        comfort = scenario.tiers.comfort_min_valence
        # The charts grow with the text size: their captions are text, their plots fixed
        # ranges, so at 150 % text a 370 px radar cut "Reliability" and "Responsiveness".
        grow = max(1.0, self.font().pointSizeF() / DEFAULT_FONT_SIZE)
        self._radar = ChartSlot(
            lambda: ServqualRadar(details.servqual, best_servqual, later=True),
            round(380 * grow), round(CHART_HEIGHT * grow),
        )  # fmt: skip
        self._mood_chart = ChartSlot(
            lambda: MoodTraceChart(trace, timeouts, comfort, later=True),
            round(460 * grow), round(CHART_HEIGHT * grow),
        )  # fmt: skip
        # The charts are drawn after the text, a stage of one chart per turn: together
        # they held the window for a third of a second on a busy machine, and each alone
        # 60-85 ms on a quiet one (bench/bench_heartbeat.py). The first stage waits for
        # the text's first paint (``paintEvent``).
        self._charts_begun = False
        # Side by side at normal text; one above the other at large text, where two
        # charts grown to keep their captions would not fit beside each other.
        charts = QBoxLayout(
            QBoxLayout.Direction.LeftToRight
            if grow <= STACK_CHARTS_FROM
            else QBoxLayout.Direction.TopToBottom
        )
        radar_box = QVBoxLayout()
        radar_box.addWidget(_heading(translate("scenarios", "Service quality (SERVQUAL points)")))
        radar_box.addWidget(self._radar, 1)
        mood_box = QVBoxLayout()
        mood_box.addWidget(
            _heading(translate("scenarios", "The customer's mood over the conversation"))
        )
        mood_box.addWidget(self._mood_chart, 1)
        charts.addLayout(radar_box, 4)
        charts.addSpacing(16)
        charts.addLayout(mood_box, 5)

        body = QVBoxLayout()
        body.addLayout(top)
        body.addSpacing(8)
        body.addWidget(_heading(translate("scenarios", "Why this tier")))
        body.addWidget(self.reasons)
        body.addSpacing(8)
        if compliance is not None:
            body.addWidget(
                _heading(
                    fill(
                        translate("DebriefScreen", "Service standard: %1 (%2 of %3 items met)"),
                        compliance.standard.name,
                        compliance.met,
                        compliance.applicable,
                    )
                )
            )
            body.addWidget(self.standard)
            body.addSpacing(8)
        body.addLayout(charts)
        body.addSpacing(8)
        order = translate("scenarios", "Protocol steps in the order you took them (%1)")
        body.addWidget(_heading(fill(order, scenario.protocol.value)))
        body.addWidget(self.steps)
        body.addSpacing(8)
        body.addWidget(
            _heading(translate("scenarios", "Your path, with the best alternative at each point"))
        )
        body.addWidget(self.path)
        body.addStretch(1)
        # Into its scroll area on a later turn (``place_text``): laying the text out
        # there is most of the debrief's build. Meanwhile the debrief's (hidden) child.
        content = QWidget(self)
        content.hide()
        content.setLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll, self._content = scroll, content

        self.again_button = QPushButton(self.tr("&Again (Ctrl+R)"))
        self.back_button = QPushButton(self.tr("&Back to practice (Esc)"))
        self.again_button.clicked.connect(self.again)
        self.back_button.clicked.connect(self.back)
        QShortcut(QKeySequence("Ctrl+R"), self, self.again.emit)
        buttons = QHBoxLayout()
        saved = QLabel(self.tr("Saved."))
        saved.setObjectName("debriefSaved")
        buttons.addWidget(saved)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.back_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    @property
    def radar(self) -> ServqualRadar:
        """The SERVQUAL chart (built now if its turn has not come yet)."""
        return self._radar.chart

    @property
    def mood_chart(self) -> MoodTraceChart:
        """The mood trace (built now if its turn has not come yet)."""
        return self._mood_chart.chart

    @property
    def charts_built(self) -> bool:
        """Whether both charts are drawn (``charts_drawn`` says when)."""
        return self._radar.built and self._mood_chart.built

    def place_text(self) -> None:
        """Put the text into its scroll area, which lays it out (the word-wrapped rich
        text's sizes at the area's width): 30-58 ms of the 37-66 ms of the debrief's
        build at a teller's scenario end (bench/bench_heartbeat.py, load ~10), in the
        turn that also saved the run. The player calls this on the turn it stacks the
        debrief, in the window's fonts; showing the debrief does it if nobody has."""
        if self._scroll.widget() is None:
            self._scroll.setWidget(self._content)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        self.place_text()
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        """The charts' first stage on a turn after the debrief's first paint: begun when
        the debrief was built, a stage (up to 27 ms of CPU) came due while the player
        stacked and showed it, and shared a turn with the showing and the paint of its
        text: 59-103 ms of the GUI thread's CPU in one turn at a teller's scenario end
        (bench/bench_heartbeat.py, load ~10; issue 17: no gap over 100 ms)."""
        super().paintEvent(event)
        if not self._charts_begun:
            self._charts_begun = True
            QTimer.singleShot(CHART_TURN_MS, self, self._build_next_chart)

    def _build_next_chart(self) -> None:
        slot = next((s for s in (self._radar, self._mood_chart) if not s.built), None)
        if slot is not None:
            slot.step()  # a stage of the chart: each whole took 60-85 ms
            QTimer.singleShot(CHART_TURN_MS, self, self._build_next_chart)
        else:
            self.charts_drawn.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches here from any child that does not use it (not a shortcut, so a
        # focused text selection or an open menu still gets Esc first).
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)

    # -- text ------------------------------------------------------------------------------

    def _figures_text(
        self, attempt: AttemptRecord, details: ScenarioDetails, best: RunResult | None
    ) -> str:
        # lupdate reads only a plain name as translate()'s count.
        decisions, failures = details.decisions, details.failures
        parts = [
            fill(translate("scenarios", "Score %1 / 100"), number(attempt.score)),
            translate("scenarios", "%n decision(s)", None, decisions),
            fill(translate("scenarios", "time %1"), duration(attempt.duration_ms)),
            translate("scenarios", "%n mistake(s)", None, failures),
        ]
        if attempt.accuracy is not None:
            parts.append(
                fill(
                    translate("scenarios", "best choice %1 of the time"),
                    percent(attempt.accuracy, 0),
                )
            )
        if best is not None:
            parts.append(
                fill(
                    translate("scenarios", "best possible: %1, %2"),
                    tier_name(best.tier.code),
                    number(best.score),
                )
            )
        return " · ".join(parts)

    def _reasons_html(self, details: ScenarioDetails) -> str:
        items = []
        for reason in details.reasons:
            code = reason.code
            met = code in MET_REASONS
            mark, colour = ("✓", GOOD) if met else ("✗", BAD)
            if code == "score_capped":
                mark, colour = ("△", SO_SO)
            sentence = html.escape(reason_sentence(code, reason.params))
            items.append(f'<li><span style="color:{colour}"><b>{mark}</b></span> {sentence}</li>')
        return f"<ul>{''.join(items)}</ul>" if items else ""

    def _standard_html(self, compliance: Compliance | None) -> str:
        """The level's method in one line, then each item that applied: met or missed."""
        if compliance is None:
            return ""
        items = []
        for result in compliance.results:
            mark, colour = ("✓", GOOD) if result.met else ("✗", BAD)
            if result.item.kind is ItemKind.FORBIDDEN:
                state = (
                    translate("DebriefScreen", "kept")
                    if result.met
                    else translate("DebriefScreen", "broken")
                )
            else:
                state = (
                    translate("DebriefScreen", "met")
                    if result.met
                    else translate("DebriefScreen", "missed")
                )
            items.append(
                f'<li><span style="color:{colour}"><b>{mark} {html.escape(state)}</b></span> '
                f"{html.escape(result.item.text)}</li>"
            )
        method = html.escape(compliance.standard.method)
        return f"<p><small>{method}</small></p><ul>{''.join(items)}</ul>"

    def _steps_html(self, details: ScenarioDetails) -> str:
        taken = details.steps
        violations = list(details.violations)
        chips = []
        for step in taken:
            broken = next((v for v in violations if v.step == step), None)
            if broken is not None:
                violations.remove(broken)
                why = violation_sentence(broken.code, step, broken.after)
                chips.append(
                    f'<span style="color:{BAD}"><b>⚠ {html.escape(step_name(step))}</b></span>'
                    f" <small>({html.escape(why)})</small>"
                )
            else:
                chips.append(
                    f'<span style="color:{GOOD}"><b>✓</b></span> {html.escape(step_name(step))}'
                )
        order = " → ".join(step_name(s.value) for s in protocol_order(self.scenario.protocol))
        taken_html = (
            " &nbsp;→&nbsp; ".join(chips)
            if chips
            else html.escape(translate("scenarios", "No protocol step was taken."))
        )
        return (
            f"<p>{taken_html}</p><p><small>"
            + html.escape(fill(translate("scenarios", "The protocol's order: %1"), order))
            + "</small></p>"
        )

    def _path_html(self) -> str:
        rows = []
        for index, step in enumerate(self.review, start=1):
            node = self.scenario.node(step.entry.node_id)
            seconds = decimal(step.entry.latency_ns / NS_PER_S, 1)
            if step.choice is None:
                answer = (
                    "<i>"
                    + html.escape(translate("scenarios", "You hesitated: the time ran out."))
                    + "</i>"
                )
            else:
                answer = "“" + _quote(step.choice.text) + "”"
            customer, you = translate("scenarios", "Customer"), translate("scenarios", "You")
            lines = [
                f"<b>{index}.</b> <i>{html.escape(customer)}:</i> “{_quote(node.text)}”",
                f"<b>{html.escape(you)}</b> <small>({html.escape(seconds)} s)</small>: " + answer,
            ]
            if step.feedback:
                lines.append(f"<small>{_quote(step.feedback)}</small>")
            lines.append(self._best_line(node.id, step))
            rows.append("<p>" + "<br>".join(line for line in lines if line) + "</p>")
        if not rows:
            return html.escape(translate("scenarios", "No decision was taken."))
        return "".join(rows)

    def _best_line(self, node_id: str, step: ReviewStep) -> str:
        if step.best is None:
            return ""
        if step.was_best:
            best = translate("scenarios", "The best choice here.")
            return f'<span style="color:{GOOD}">✓ {html.escape(best)}</span>'
        best_choice = (
            self.scenario.node(node_id).choice(step.best.choice_id)
            if step.best.choice_id is not None
            else None
        )
        what = (
            "“" + _quote(best_choice.text) + "”"
            if best_choice is not None
            else html.escape(translate("scenarios", "letting the customer finish (waiting)"))
        )
        reach = fill(
            translate("scenarios", "that path reaches %1, score %2"),
            tier_name(step.best.outcome.tier.code),
            number(step.best.outcome.score),
        )
        better = translate("scenarios", "Better")
        return (
            f'<span style="color:{SO_SO}">△ <b>{html.escape(better)}:</b></span> '
            f"{what} <small>— {html.escape(reach)}</small>"
        )
