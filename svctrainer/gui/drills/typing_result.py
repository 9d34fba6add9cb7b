"""The keyboard drills (ten-key, data entry) on the result screen: where the time went
(a heat map of mean ms per key on the drill's own keyboard), the keys to practise,
accuracy per field and the mistakes (expected → typed), TIPP10 / keybr style."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QWidget

from svctrainer.core.drills.keypad_fingers import finger_stats
from svctrainer.core.drills.result import Mistake
from svctrainer.core.drills.typing_details import FieldStat, TypingDetails
from svctrainer.core.metrics import KeyStat
from svctrainer.gui.drills.drill_ui import ResultBody, ResultSection, ResultTiles
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.drills.finger_colours import FINGER_COLOURS, finger_name, keypad_colours
from svctrainer.gui.drills.keyboard_widget import KeyboardWidget, KeyCap
from svctrainer.gui.drills.result_tables import tidy_table
from svctrainer.gui.i18n import fill, translate

MAX_MISTAKES_SHOWN = 200


def key_label(key: str) -> str:
    """How a key is written in the result's notes and tables."""
    return {"Enter": "⏎", "Backspace": "⌫", "Tab": "Tab", "Space": "␣", " ": "␣", "": "∅"}.get(
        key, key
    )


def typing_section(
    caps: Sequence[KeyCap], *, fingers: bool = False
) -> ResultSection[TypingDetails]:
    """The section of a keyboard drill typed on the keyboard drawn by ``caps``;
    ``fingers``: the keypad's finger colours and the figures per finger (ten-key)."""

    def build(details: TypingDetails) -> ResultBody:
        left: list[QWidget] = []
        right: list[QWidget] = []
        if fingers and details.key_stats:
            left.append(QLabel(translate("ResultScreen", "Per finger")))
            left.append(finger_table(details.key_stats))
        if details.key_stats:
            right.append(
                QLabel(
                    translate(
                        "ResultScreen", "Where your time went (mean ms per key; hotter is slower)"
                    )
                )
            )
            right.append(heat_map(caps, details.key_stats, fingers=fingers))
            advice = _advice(details)
            if advice is not None:
                right.append(advice)
        if len(details.field_stats) > 1:
            left.append(QLabel(translate("ResultScreen", "Accuracy per field")))
            left.append(_field_table(details.field_stats))
        if details.mistakes:
            left.append(QLabel(translate("ResultScreen", "Mistakes (expected → typed)")))
            left.append(_mistake_table(details.mistakes))
        return ResultBody(left=tuple(left), right=tuple(right))

    return ResultSection(_tiles, build)


def _tiles(details: TypingDetails) -> ResultTiles:
    return ResultTiles(
        errors=str(details.wrong_strokes),
        corrections=details.corrections,
        consistency=details.consistency,
        gross_kph=details.gross_kph,
        cpm=details.cpm,
        wpm=details.wpm,
    )


def finger_table(key_stats: Mapping[str, KeyStat]) -> QTableWidget:
    """Strokes, errors, error rate and mean time per finger (thumb to little finger):
    which finger is slow or makes the mistakes."""
    stats = finger_stats(key_stats)
    table = QTableWidget(len(stats), 5)
    table.setObjectName("fingerTable")
    table.setHorizontalHeaderLabels(
        [
            translate("ResultScreen", "Finger"),
            translate("ResultScreen", "Right"),
            translate("ResultScreen", "Errors"),
            translate("ResultScreen", "Error rate"),
            translate("ResultScreen", "Mean ms"),
        ]
    )
    worst_errors = max((s.error_rate for s in stats), default=0.0)
    slowest = max((s.mean_ms for s in stats if s.mean_ms is not None), default=None)
    for row, stat in enumerate(stats):
        name = QTableWidgetItem(f"■ {finger_name(stat.finger)}")
        name.setForeground(FINGER_COLOURS[stat.finger])
        cells = [
            name,
            QTableWidgetItem(str(stat.hits)),
            QTableWidgetItem(str(stat.errors)),
            QTableWidgetItem(percent(stat.error_rate)),
            QTableWidgetItem("—" if stat.mean_ms is None else number(stat.mean_ms)),
        ]
        if stat.errors and stat.error_rate == worst_errors:
            cells[3].setText(cells[3].text() + " ▲")
        if stat.mean_ms is not None and stat.mean_ms == slowest and len(stats) > 1:
            cells[4].setText(cells[4].text() + " ▲")
        for column, cell in enumerate(cells):
            if column:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, cell)
    tidy_table(table)
    return table


def heat_map(
    caps: Sequence[KeyCap], key_stats: Mapping[str, KeyStat], *, fingers: bool = False
) -> KeyboardWidget:
    widget = KeyboardWidget(caps)
    if fingers:
        widget.set_fingers(keypad_colours())
    widget.setMinimumHeight(180)
    policy = widget.sizePolicy()
    policy.setVerticalStretch(1)  # the map takes the height the notes leave
    widget.setSizePolicy(policy)
    means = {k: s.mean_ms for k, s in key_stats.items() if s.mean_ms is not None}
    if means:
        low, high = min(means.values()), max(means.values())
        span = (high - low) or 1.0
        heat = {k: (ms - low) / span for k, ms in means.items()}
        labels = {
            k: f"{number(ms)}" + (f" ✗{key_stats[k].errors}" if key_stats[k].errors else "")
            for k, ms in means.items()
        }
        widget.set_heat(heat, labels)
    return widget


def _advice(details: TypingDetails) -> QLabel | None:
    notes = []
    if details.slowest_keys:
        slow = details.slowest_keys[:5]
        notes.append(
            fill(
                translate("ResultScreen", "Slowest keys: %1"),
                ", ".join(f"{key_label(k)} ({number(ms)} ms)" for k, ms in slow),
            )
        )
    if details.weak_keys:
        notes.append(
            fill(
                translate("ResultScreen", "Keys to practise: %1"),
                ", ".join(key_label(k) for k in details.weak_keys[:6]),
            )
        )
    if not notes:
        return None
    advice = QLabel("\n".join(notes))
    advice.setWordWrap(True)
    advice.setObjectName("weakKeys")
    return advice


def _field_table(field_stats: Mapping[str, FieldStat]) -> QTableWidget:
    refused = any(stats.invalid for stats in field_stats.values())
    table = QTableWidget(len(field_stats), 4 if refused else 3)
    headers = [
        translate("ResultScreen", "Field"),
        translate("ResultScreen", "Accuracy"),
        translate("ResultScreen", "Exactly right"),
    ]
    if refused:  # values the screen refused (a wrong check digit …), each one an error
        headers.append(translate("ResultScreen", "Refused by the check"))
    table.setHorizontalHeaderLabels(headers)
    for row, (name, stats) in enumerate(field_stats.items()):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(percent(stats.accuracy)))
        table.setItem(row, 2, QTableWidgetItem(f"{stats.exact} / {stats.confirmed}"))
        if refused:
            table.setItem(row, 3, QTableWidgetItem(str(stats.invalid)))
    tidy_table(table)
    return table


def _mistake_table(mistakes: Sequence[Mistake]) -> QTableWidget:
    shown = mistakes[:MAX_MISTAKES_SHOWN]
    table = QTableWidget(len(shown), 3)
    table.setObjectName("mistakeTable")
    table.setHorizontalHeaderLabels(
        [
            translate("ResultScreen", "Item"),
            translate("ResultScreen", "Expected"),
            translate("ResultScreen", "Typed"),
        ]
    )
    for row, m in enumerate(shown):
        table.setItem(row, 0, QTableWidgetItem(f"{m.item + 1} · {m.field}"))
        table.setItem(row, 1, QTableWidgetItem(key_label(m.expected)))
        table.setItem(row, 2, QTableWidgetItem(key_label(m.typed)))
    tidy_table(table)
    table.setMaximumHeight(220)
    return table
