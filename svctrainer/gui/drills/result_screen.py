"""The result of one attempt: figures, grade table, key heat map, mistakes, and how it
compares with the previous attempt and the personal best (TIPP10/keybr, and more).

Shown only after the attempt is committed, from the stored record, so what the trainee
sees is exactly what supervisors will see.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.drills.details import DetailsError
from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.gui.drills.drill_ui import ResultBody, ResultParts, ResultTiles, ui_named
from svctrainer.gui.drills.figures import duration, number, percent, title_with_mode, unit_name
from svctrainer.gui.drills.result_tables import tidy_table
from svctrainer.gui.i18n import fill, translate
from svctrainer.services.attempts import AttemptRecord, Comparison


def _tile(title: str, value: str, note: str = "") -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setObjectName("figureTile")
    box = QVBoxLayout(frame)
    head = QLabel(title)
    body = QLabel(value)
    font = QFont(body.font())
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    body.setFont(font)
    body.setObjectName("figureValue")
    box.addWidget(head)
    box.addWidget(body)
    if note:
        small = QLabel(note)
        small.setWordWrap(True)
        box.addWidget(small)
    return frame


def _delta(now: float | None, before: float | None, scale: float = 1.0, unit: str = "") -> str:
    if now is None or before is None:
        return ""
    diff = (now - before) * scale
    sign = "+" if diff >= 0 else "−"
    return f"{sign}{number(abs(diff), 1 if scale != 1.0 else 0)}{unit}"


NO_TILES = ResultTiles(errors="—")


class ResultScreen(QWidget):
    again = Signal()
    back = Signal()

    def __init__(
        self,
        attempt: AttemptRecord,
        definition: DrillDefinition | None,
        comparison: Comparison | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.setObjectName("resultScreen")
        data: dict[str, Any] = attempt.details or {}
        parts, problem = self._parts(attempt.drill_type, data)

        title = QLabel(title_with_mode(attempt.title, attempt.mode))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        verdict = QLabel(self._verdict_text(attempt, data))
        verdict.setObjectName("resultVerdict")
        verdict.setWordWrap(True)

        tiles = QGridLayout()
        for i, (name, value, note) in enumerate(self._figures(attempt, comparison, parts.tiles)):
            tiles.addWidget(_tile(name, value, note), i // 4, i % 4)

        body = QVBoxLayout()
        body.addWidget(title)
        body.addWidget(verdict)
        body.addLayout(tiles)
        if problem:
            unread = QLabel(problem)
            unread.setObjectName("detailsUnreadable")
            unread.setWordWrap(True)
            body.addWidget(unread)
        if parts.body.main is not None:
            body.addWidget(parts.body.main)
        lower = QHBoxLayout()
        left = QVBoxLayout()
        right = QVBoxLayout()
        if definition is not None and definition.grades:
            left.addWidget(QLabel(self.tr("Grade table")))
            left.addWidget(self._grade_table(definition, attempt.grade))
        for widget in parts.body.left:
            left.addWidget(widget)
        for widget in parts.body.right:
            right.addWidget(widget, widget.sizePolicy().verticalStretch())
        left.addStretch(1)
        lower.addLayout(left, 1)
        lower.addLayout(right, 1)
        body.addLayout(lower, 1)

        content = QWidget()
        content.setLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.again_button = QPushButton(self.tr("&Again (Ctrl+R)"))
        self.back_button = QPushButton(self.tr("&Back to drills (Esc)"))
        self.again_button.clicked.connect(self.again)
        self.back_button.clicked.connect(self.back)
        QShortcut(QKeySequence("Ctrl+R"), self, self.again.emit)
        QShortcut(QKeySequence("Escape"), self, self.back.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.back_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    def _parts(self, drill_type: str | None, data: Mapping[str, Any]) -> tuple[ResultParts, str]:
        """The kind's tiles and widgets; for a kind without a screen of its own (a
        logged hand count) or details that do not fit it, the shared figures only, and
        then a line that says why the rest is missing."""
        ui = ui_named(drill_type)
        if ui is None:
            return ResultParts(NO_TILES, ResultBody()), ""
        try:
            return ui.result_parts(data), ""
        except DetailsError as exc:
            problem = self.tr("The details of this result cannot be read (%1).")
            return ResultParts(NO_TILES, ResultBody()), fill(problem, str(exc))

    def _figures(
        self, attempt: AttemptRecord, comparison: Comparison | None, kind_tiles: ResultTiles
    ) -> list[tuple[str, str, str]]:
        # An incomplete attempt is not compared: its figures are of a part of the drill.
        counted = comparison if comparison is not None and attempt.complete else None
        previous = counted.previous if counted else None
        best = counted.best if counted else None
        speed_note = self._compare_note(
            attempt.speed,
            previous.speed if previous else None,
            best.speed if best else None,
            unit_name(attempt.speed_unit),
        )
        corrected = kind_tiles.corrections
        figures = [
            (unit_name(attempt.speed_unit), number(attempt.speed), speed_note),
            (self.tr("Accuracy"), percent(attempt.accuracy),
             self._compare_note(attempt.accuracy, previous.accuracy if previous else None,
                                None, " pp", scale=100.0)),
            (self.tr("Time"), duration(attempt.duration_ms), ""),
            (self.tr("Errors"), kind_tiles.errors,
             fill(self.tr("%1 corrected"), str(corrected))
             if corrected is not None else ""),
            (self.tr("Consistency"), percent(kind_tiles.consistency / 100)
             if kind_tiles.consistency is not None else "—", ""),
            (self.tr("Score"), number(attempt.score, 1), ""),
        ]  # fmt: skip
        if kind_tiles.gross_kph is not None and attempt.speed_unit != "gross_kph":
            figures.insert(1, (self.tr("gross KPH"), number(kind_tiles.gross_kph), ""))
        cpm, wpm = kind_tiles.cpm, kind_tiles.wpm
        if (attempt.speed_unit or "").endswith("kph"):
            wpm = None  # keying amounts and forms is counted in keystrokes; words mean nothing
        if cpm is not None and attempt.speed_unit != "cpm":
            figures.insert(
                2,
                (
                    self.tr("CPM / WPM") if wpm is not None else self.tr("CPM"),
                    f"{number(cpm)} / {number(wpm)}" if wpm is not None else number(cpm),
                    "",
                ),
            )
        return figures

    def _verdict_text(self, attempt: AttemptRecord, data: dict[str, Any]) -> str:
        if attempt.completion == "abandoned":
            return self.tr(
                "Kept as abandoned: the attempt was never finished, so it is not graded "
                "and not counted in any figure."
            )
        if not attempt.complete:
            return self.tr(
                "Saved as incomplete: stopped before the end, so it is not graded and not "
                "counted in any figure."
            )
        if not attempt.valid:
            reasons = {
                "active_time_under_1s": self.tr("it lasted under one second"),
                "fewer_than_10_strokes": self.tr("it had fewer than 10 keystrokes"),
            }
            why = reasons.get(str(data.get("invalid_reason")), str(data.get("invalid_reason")))
            return fill(self.tr("Saved, but not counted in your charts: %1."), why)
        if attempt.grade:
            return fill(self.tr("Saved. Grade reached: %1."), attempt.grade)
        return self.tr("Saved. No grade reached yet — keep practising.")

    def _compare_note(
        self,
        now: float | None,
        previous: float | None,
        best: float | None,
        unit: str,
        scale: float = 1.0,
    ) -> str:
        parts = []
        if previous is not None:
            parts.append(
                fill(
                    self.tr("%1 vs previous"),
                    _delta(now, previous, scale, unit if scale != 1.0 else ""),
                )
            )
        if best is not None:
            parts.append(fill(self.tr("best %1"), number(best)))
        return " · ".join(parts)

    def _grade_table(self, definition: DrillDefinition, reached: str | None) -> QTableWidget:
        figures = sorted({f for g in definition.grades for f in g.thresholds})
        meanings = [grade_meaning(g.thresholds) for g in definition.grades]
        explained = any(meanings)
        table = QTableWidget(len(definition.grades), len(figures) + 1 + explained)
        table.setObjectName("gradeTable")
        headers = [self.tr("Level")] + [_figure_label(f) for f in figures]
        if explained:
            headers.append(translate("ResultScreen", "What it means at the counter"))
        table.setHorizontalHeaderLabels(headers)
        for row, grade in enumerate(definition.grades):
            cells = [grade.name] + [_threshold_text(f, grade.thresholds.get(f)) for f in figures]
            if explained:
                cells.append(meanings[row])
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if grade.name == reached:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                    item.setBackground(self.palette().highlight())
                    item.setForeground(self.palette().highlightedText())
                table.setItem(row, col, item)
        tidy_table(table)
        return table


AMOUNT_KEYS = 8  # a typical amount, "1234.56" and Enter


def grade_meaning(thresholds: Mapping[str, Decimal]) -> str:
    """What a keying grade's minimums mean at the counter (TIPP10 explains its levels so):
    the time for a typical amount and amounts a minute from the net KPH, and one error
    in how many keys from the accuracy; empty for a drill not measured in keys an hour."""
    parts: list[str] = []
    kph = thresholds.get("net_kph") or thresholds.get("gross_kph")
    if not kph:
        return ""  # not a keying drill: "keys" would mean nothing (a procedure's steps…)
    seconds = AMOUNT_KEYS * 3600 / float(kph)
    parts.append(
        fill(
            translate("ResultScreen", "1,234.56 ⏎ in %1 s, %2 a minute"),
            number(seconds, 1),
            number(60 / seconds, 1),
        )
    )
    accuracy = thresholds.get("accuracy")
    if accuracy is not None and 0 < accuracy < 1:
        parts.append(
            fill(
                translate("ResultScreen", "≤ 1 wrong key in %1"),
                number(float(1 / (1 - accuracy)), 0),
            )
        )
    return "; ".join(parts)


def _figure_label(figure: str) -> str:
    labels = {
        "accuracy": translate("figures", "accuracy"),
        "score": translate("figures", "score"),
        "consistency": translate("figures", "consistency"),
    }
    return labels.get(figure) or unit_name(figure)


def _threshold_text(figure: str, value: Decimal | None) -> str:
    if value is None:
        return "—"
    if figure == "accuracy":
        return "≥ " + percent(float(value))
    return "≥ " + number(float(value))
