"""The result of one attempt: figures, grade table, key heat map, mistakes, and how it
compares with the previous attempt and the personal best (TIPP10/keybr, and more).

Shown only after the attempt is committed, from the stored record, so what the trainee
sees is exactly what supervisors will see.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.gui.drills.figures import duration, mode_name, number, percent, unit_name
from svctrainer.gui.drills.keyboard_widget import KEYBOARD, KEYPAD, KeyboardWidget
from svctrainer.gui.drills.result_sections import section_for
from svctrainer.services.attempts import AttemptRecord, Comparison

MAX_MISTAKES_SHOWN = 200


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
        details: dict[str, Any] = data.get("details", {})

        title = QLabel(f"{attempt.title} — {mode_name(attempt.mode)}")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        verdict = QLabel(self._verdict_text(attempt, data))
        verdict.setObjectName("resultVerdict")
        verdict.setWordWrap(True)

        tiles = QGridLayout()
        section = section_for(attempt.drill_type)  # the drill's own figures, if it has any
        previous = comparison.previous if comparison else None
        best = comparison.best if comparison else None
        speed_note = self._compare_note(
            attempt.speed,
            previous.speed if previous else None,
            best.speed if best else None,
            unit_name(attempt.speed_unit),
        )
        figures = [
            (unit_name(attempt.speed_unit), number(attempt.speed), speed_note),
            (self.tr("Accuracy"), percent(attempt.accuracy),
             self._compare_note(attempt.accuracy, previous.accuracy if previous else None,
                                None, " pp", scale=100.0)),
            (self.tr("Time"), duration(attempt.duration_ms), ""),
            (self.tr("Errors"), section.errors(details) if section and section.errors
             else str(details.get("wrong_strokes", "—")),
             self.tr("%1 corrected").replace("%1", str(details.get("corrections", 0)))
             if "corrections" in details else ""),
            (self.tr("Consistency"), percent((details.get("consistency") or 0) / 100)
             if details.get("consistency") is not None else "—", ""),
            (self.tr("Score"), number(attempt.score, 1), ""),
        ]  # fmt: skip
        if "gross_kph" in details and attempt.speed_unit != "gross_kph":
            figures.insert(1, (self.tr("gross KPH"), number(details["gross_kph"]), ""))
        if "cpm" in details and attempt.speed_unit != "cpm":
            figures.insert(
                2,
                (
                    self.tr("CPM / WPM") if details.get("wpm") is not None else self.tr("CPM"),
                    f"{number(details['cpm'])} / {number(details['wpm'])}"
                    if details.get("wpm") is not None
                    else number(details["cpm"]),
                    "",
                ),
            )
        for i, (name, value, note) in enumerate(figures):
            tiles.addWidget(_tile(name, value, note), i // 4, i % 4)

        body = QVBoxLayout()
        body.addWidget(title)
        body.addWidget(verdict)
        body.addLayout(tiles)
        if section is not None:
            body.addWidget(section.build(details))
        lower = QHBoxLayout()
        left = QVBoxLayout()
        right = QVBoxLayout()
        if definition is not None and definition.grades:
            left.addWidget(QLabel(self.tr("Grade table")))
            left.addWidget(self._grade_table(definition, attempt.grade))
        key_stats = details.get("key_stats") or {}
        if key_stats:
            right.addWidget(
                QLabel(self.tr("Where your time went (mean ms per key; hotter is slower)"))
            )
            right.addWidget(self._heat_map(attempt.drill_type, key_stats), 1)
            slow = details.get("slowest_keys") or []
            weak = details.get("weak_keys") or []
            notes = []
            if slow:
                notes.append(
                    self.tr("Slowest keys: %1").replace(
                        "%1", ", ".join(f"{_key_label(k)} ({number(ms)} ms)" for k, ms in slow[:5])
                    )
                )
            if weak:
                notes.append(
                    self.tr("Keys to practise: %1").replace(
                        "%1", ", ".join(_key_label(k) for k in weak[:6])
                    )
                )
            if notes:
                advice = QLabel("\n".join(notes))
                advice.setWordWrap(True)
                advice.setObjectName("weakKeys")
                right.addWidget(advice)
        field_stats = details.get("field_stats") or {}
        if len(field_stats) > 1:
            left.addWidget(QLabel(self.tr("Accuracy per field")))
            left.addWidget(self._field_table(field_stats))
        mistakes = details.get("mistakes") or []
        if mistakes:
            left.addWidget(QLabel(self.tr("Mistakes (expected → typed)")))
            left.addWidget(self._mistake_table(mistakes))
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

    def _verdict_text(self, attempt: AttemptRecord, data: dict[str, Any]) -> str:
        if not attempt.valid:
            reasons = {
                "active_time_under_1s": self.tr("it lasted under one second"),
                "fewer_than_10_strokes": self.tr("it had fewer than 10 keystrokes"),
            }
            why = reasons.get(str(data.get("invalid_reason")), str(data.get("invalid_reason")))
            return self.tr("Saved, but not counted in your charts: %1.").replace("%1", why)
        if attempt.grade:
            return self.tr("Saved. Grade reached: %1.").replace("%1", attempt.grade)
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
                self.tr("%1 vs previous").replace(
                    "%1", _delta(now, previous, scale, unit if scale != 1.0 else "")
                )
            )
        if best is not None:
            parts.append(self.tr("best %1").replace("%1", number(best)))
        return " · ".join(parts)

    def _grade_table(self, definition: DrillDefinition, reached: str | None) -> QTableWidget:
        figures = sorted({f for g in definition.grades for f in g.thresholds})
        table = QTableWidget(len(definition.grades), len(figures) + 1)
        table.setObjectName("gradeTable")
        headers = [self.tr("Level")] + [_figure_label(f) for f in figures]
        table.setHorizontalHeaderLabels(headers)
        for row, grade in enumerate(definition.grades):
            cells = [grade.name] + [_threshold_text(f, grade.thresholds.get(f)) for f in figures]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if grade.name == reached:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                    item.setBackground(self.palette().highlight())
                    item.setForeground(self.palette().highlightedText())
                table.setItem(row, col, item)
        _tidy(table)
        return table

    def _heat_map(self, drill_type: str | None, key_stats: dict[str, Any]) -> KeyboardWidget:
        widget = KeyboardWidget(KEYPAD if drill_type == "tenkey" else KEYBOARD)
        widget.setMinimumHeight(180)
        means = {k: v.get("mean_ms") for k, v in key_stats.items() if v.get("mean_ms") is not None}
        if means:
            low, high = min(means.values()), max(means.values())
            span = (high - low) or 1.0
            heat = {k: (ms - low) / span for k, ms in means.items()}
            labels = {
                k: f"{number(ms)}"
                + (f" ✗{key_stats[k]['errors']}" if key_stats[k].get("errors") else "")
                for k, ms in means.items()
            }
            widget.set_heat(heat, labels)
        return widget

    def _field_table(self, field_stats: dict[str, Any]) -> QTableWidget:
        table = QTableWidget(len(field_stats), 3)
        table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Accuracy"), self.tr("Exactly right")]
        )
        for row, (name, stats) in enumerate(field_stats.items()):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(percent(stats.get("accuracy"))))
            table.setItem(
                row, 2, QTableWidgetItem(f"{stats.get('exact', 0)} / {stats.get('confirmed', 0)}")
            )
        _tidy(table)
        return table

    def _mistake_table(self, mistakes: list[dict[str, Any]]) -> QTableWidget:
        shown = mistakes[:MAX_MISTAKES_SHOWN]
        table = QTableWidget(len(shown), 3)
        table.setObjectName("mistakeTable")
        table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Expected"), self.tr("Typed")])
        for row, m in enumerate(shown):
            table.setItem(
                row, 0, QTableWidgetItem(f"{m.get('item', 0) + 1} · {m.get('field', '')}")
            )
            table.setItem(row, 1, QTableWidgetItem(_key_label(str(m.get("expected", "")))))
            table.setItem(row, 2, QTableWidgetItem(_key_label(str(m.get("typed", "")))))
        _tidy(table)
        table.setMaximumHeight(220)
        return table


def _tidy(table: QTableWidget) -> None:
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    rows = table.rowCount()
    table.setMinimumHeight(min(260, 30 + rows * 26))


def _key_label(key: str) -> str:
    return {"Enter": "⏎", "Backspace": "⌫", "Tab": "Tab", "Space": "␣", " ": "␣", "": "∅"}.get(
        key, key
    )


def _figure_label(figure: str) -> str:
    from svctrainer.gui.drills.figures import tr  # noqa: PLC0415

    labels = {"accuracy": tr("accuracy"), "score": tr("score"), "consistency": tr("consistency")}
    return labels.get(figure) or unit_name(figure)


def _threshold_text(figure: str, value: object) -> str:
    if value is None:
        return "—"
    if figure == "accuracy":
        return "≥ " + percent(float(value))  # type: ignore[arg-type]
    return "≥ " + number(float(value))  # type: ignore[arg-type]
