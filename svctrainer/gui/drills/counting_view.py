"""The cash-counting screen: one note at a time, as large as fits, drawn from its layers
with its serial number; the flag keys (W/U/C, also clickable); how many notes have been
counted and flagged (the trainee's own marks, never a hint of the seeded defects in a
test); then the report form, one count per denomination."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.base import Feedback, LiveState
from svctrainer.core.drills.cash_bundle import BundleJudgement, DefectKind
from svctrainer.core.drills.cash_counting import (
    FIELD_EVENT,
    FLAG_EVENT,
    NEXT_NOTE_EVENT,
    CashCountingRun,
    CountingView,
    Phase,
)
from svctrainer.core.packs.definition import Mode
from svctrainer.gui.drills.bank_display import (
    ProgressLine,
    big,
    feed_click,
    key_legend,
    panel,
    verdict_html,
)
from svctrainer.gui.drills.note_images import NoteCanvas
from svctrainer.gui.i18n import fill, translate


def defect_name(kind: DefectKind) -> str:
    return {
        DefectKind.WRONG_DENOMINATION: translate("bank_drills", "another denomination"),
        DefectKind.UNFIT: translate("bank_drills", "unfit (torn or stained)"),
        DefectKind.COUNTERFEIT: translate("bank_drills", "suspect counterfeit"),
    }[kind]


class ReportField(QLabel):
    """One count in the report form; a click moves the cursor here (``field:<n>``)."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"reportField{index}")
        self.setMinimumWidth(180)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        big(self, 1.8, mono=True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        feed_click(self, FIELD_EVENT + str(self.index))
        event.accept()


class CashCountingView(QWidget):
    def __init__(self, run: CashCountingRun, hints: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.hints = hints
        self.practice = run.mode is Mode.PRACTICE
        self._bundle = -1
        self._judged = 0
        self._cursor = -1
        # Translated once: ``tr`` costs about 0.1 ms a call, too much for every key.
        self._flagged_badge = self.tr("Flagged: %1")
        self._counted_text = self.tr("Counted: %1")
        self._no_flags = self.tr("No notes flagged yet.")
        self._hint_text = self.tr("Hint: this note is %1")
        self._defects = {kind: defect_name(kind) for kind in DefectKind}
        view = run.view()

        self.bundle_label = big(QLabel(), 1.2, bold=True)
        self.bundle_label.setObjectName("bundleLabel")
        self.progress = ProgressLine(self.tr("note %1 of %2"))
        self.progress.setObjectName("bundleProgress")
        # A test keeps no running count: the teller counts, as at the counter.
        self.progress.setVisible(self.practice)
        head = QHBoxLayout()
        head.addWidget(self.bundle_label)
        head.addWidget(self.progress, 1)
        if not self.practice:
            unknown = QLabel(
                translate("CountingView", "Count the notes yourself: the screen keeps no count.")
            )
            unknown.setObjectName("countYourself")
            head.addWidget(unknown, 1)

        self.canvas = NoteCanvas()
        self.canvas.setObjectName("noteCanvas")
        self.report = QWidget()
        self.report.setObjectName("reportForm")
        card, form = panel(self.tr("Report for this bundle"), "reportPanel")
        card.setMaximumWidth(620)
        intro = QLabel(
            self.tr(
                "Type how many genuine notes of each denomination the bundle held: unfit "
                "notes count, suspect counterfeits do not. Tab or Enter moves on; on the "
                "last count it hands the report in."
            )
        )
        intro.setWordWrap(True)
        form.addWidget(intro)
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        self.fields: list[ReportField] = []
        for index, field in enumerate(view.report):
            name = big(QLabel(field.denomination.label), 1.5, bold=True)
            box = ReportField(index)
            grid.addWidget(name, index, 0)
            grid.addWidget(box, index, 1)
            self.fields.append(box)
        grid.setColumnStretch(2, 1)
        form.addLayout(grid)
        outer = QHBoxLayout(self.report)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card)
        column.addStretch(2)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.report)

        side, s = panel(self.tr("While counting"), "flagPanel")
        self.next_button = QPushButton(self.tr("Next note (Space)"))
        self.next_button.setObjectName("nextNote")
        self.next_button.clicked.connect(lambda: feed_click(self, NEXT_NOTE_EVENT))
        s.addWidget(self.next_button)
        # The side panel is at most 360 px wide: its sentences wrap inside it.
        flag_heading = QLabel(self.tr("Flag the note shown as:"))
        flag_heading.setWordWrap(True)
        s.addWidget(flag_heading)
        self.flag_buttons: dict[DefectKind, QPushButton] = {}
        for key, kind in view.flag_keys:
            button = QPushButton(f"{key.upper()}  {defect_name(kind)}")
            button.setObjectName(f"flag_{kind}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, k=kind: feed_click(self, FLAG_EVENT + str(k)))
            self.flag_buttons[kind] = button
            s.addWidget(button)
        unflag = QLabel(self.tr("⌫ removes the flag of the note shown."))
        unflag.setWordWrap(True)
        s.addWidget(unflag)
        s.addSpacing(12)
        self.counted = big(QLabel(), 1.2)
        self.counted.setObjectName("countedSoFar")
        self.counted.setVisible(self.practice)
        self.flagged = QLabel()
        self.flagged.setObjectName("flaggedSoFar")
        self.flagged.setWordWrap(True)
        s.addWidget(self.counted)
        s.addWidget(self.flagged)
        self.hint = QLabel()
        self.hint.setObjectName("countingHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(hints)
        s.addWidget(self.hint)
        s.addStretch(1)
        side.setMinimumWidth(280)
        side.setMaximumWidth(360)

        for button in (self.next_button, *self.flag_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        middle = QHBoxLayout()
        middle.addWidget(self.stack, 1)
        middle.addWidget(side)
        self.last = QLabel()
        self.last.setObjectName("bundleLast")
        self.last.setTextFormat(Qt.TextFormat.RichText)
        self.last.setWordWrap(True)
        self.last.setVisible(self.practice)
        legend = key_legend(
            [
                ("Space", self.tr("count it, next note")),
                ("W", self.tr("other denomination")),
                ("U", self.tr("unfit")),
                ("C", self.tr("counterfeit")),
                ("⌫", self.tr("remove flag")),
                ("Tab", self.tr("next count")),
            ]
        )
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(middle, 1)
        layout.addWidget(self.last)
        layout.addWidget(legend)

    def wants_ime(self) -> bool:
        return False

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None:
        view = self.run.view()
        if view.bundle_index != self._bundle:
            self._bundle = view.bundle_index
            self._start_bundle(view)
        if view.phase is Phase.COUNTING and view.note is not None:
            if self.stack.currentIndex() != 0:
                self.stack.setCurrentIndex(0)
                self._counting_controls(True)
            note = view.note
            badge = fill(self._flagged_badge, self._defects[note.flag]) if note.flag else ""
            self.canvas.set_note(note.visual, note.denomination.colour, badge)
            bundle = self.run.bundle
            if bundle is not None and note.index + 1 < len(bundle.notes):
                upcoming = bundle.notes[note.index + 1].visual.layers
                # tied to the canvas: a screen closed meanwhile cancels it
                QTimer.singleShot(0, self.canvas, lambda: self.canvas.prepare(upcoming))
            self.progress.set_progress(note.index + 1)
            for kind, button in self.flag_buttons.items():
                if button.isChecked() != (note.flag is kind):
                    button.setChecked(note.flag is kind)
        elif view.phase is Phase.REPORT:
            if self.stack.currentIndex() != 1:
                self.stack.setCurrentIndex(1)
                self.progress.set_progress(self.progress.maximum())
                self._counting_controls(False)
            self._show_report(view)
        counted = view.note_index if view.phase is Phase.COUNTING else view.bundle_size
        _set(self.counted, fill(self._counted_text, str(counted)))
        _set(self.flagged, self._flag_text(view))
        if self.hints:
            _set(
                self.hint,
                fill(self._hint_text, self._defects[view.hint]) if view.hint else "",
            )
        if self.practice and len(self.run.judgements) != self._judged:
            self._judged = len(self.run.judgements)
            self.last.setText(self._judgement_text(view.last))

    def _counting_controls(self, on: bool) -> None:
        """The flag and next-note buttons only work while counting."""
        for button in (self.next_button, *self.flag_buttons.values()):
            button.setEnabled(on)

    def _start_bundle(self, view: CountingView) -> None:
        if view.main is None:
            self.bundle_label.setText(self.tr("All bundles counted."))
            self.canvas.set_note(None, "", "")
            return
        number = str(view.bundle_index + 1)
        text = (
            fill(self.tr("Bundle %1 of %2"), number, str(view.bundle_count))
            if view.bundle_count
            else fill(self.tr("Bundle %1"), number)
        )
        self.bundle_label.setText(text + " · " + fill(self.tr("strap: %1"), view.main.label))
        self.progress.set_progress(0, view.bundle_size)
        QTimer.singleShot(0, lambda: self.run.bundles.item(view.bundle_index + 1))
        self._cursor = -1
        for box in self.fields:
            box.setText("")

    def _flag_text(self, view: CountingView) -> str:
        if not view.flags:
            return self._no_flags
        flagged = len(view.flags)
        if not self.practice:  # note numbers would be a running count
            return translate("CountingView", "Flagged %n note(s).", None, flagged)
        listed = ", ".join(str(i + 1) for i, _ in view.flags[-8:])
        more = "…, " if len(view.flags) > 8 else ""
        return fill(self.tr("Flagged %n note(s): no. %1", None, flagged), more + listed)

    def _show_report(self, view: CountingView) -> None:
        for index, (box, field) in enumerate(zip(self.fields, view.report, strict=True)):
            if box.text() != field.typed:
                box.setText(field.typed)
            if index == view.report_index and self._cursor != index:
                box.setStyleSheet("border: 2px solid palette(highlight);")
            elif index == self._cursor and index != view.report_index:
                box.setStyleSheet("")
        self._cursor = view.report_index

    def _judgement_text(self, last: BundleJudgement | None) -> str:
        if last is None:
            return ""
        number = str(last.index + 1)
        if last.clean:
            text = self.tr("Bundle %1: all defects found and every count right.")
            return verdict_html(True, fill(text, number), self.palette())
        parts = []
        if last.missed:
            parts.append(
                fill(
                    self.tr("%n missed defect(s): note(s) %1", None, len(last.missed)),
                    ", ".join(str(i + 1) for i in last.missed),
                )
            )
        if last.misclassified:
            parts.append(
                self.tr("%n defect(s) flagged as the wrong kind", None, len(last.misclassified))
            )
        if last.false_flags:
            parts.append(self.tr("%n sound note(s) flagged", None, len(last.false_flags)))
        if last.wrong_counts:
            parts.append(self.tr("%n count(s) wrong", None, len(last.wrong_counts)))
        text = fill(self.tr("Bundle %1: %2."), number, "; ".join(parts))
        if last.void:
            text += " " + self.tr("The bundle is void.")
        return verdict_html(False, text, self.palette())


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
