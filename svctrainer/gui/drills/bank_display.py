"""What the five bank-drill views share: exact money text in the user's locale, big and
monospaced labels, titled panels, key legends, and clicks turned into drill events.

Clicks (a note in the drawer, a flag button, a voucher row) are handed to the drill as
synthetic ``KeyEvent``s through ``DrillScreen.feed``, so they are logged, timed on the
run's clock and replayed exactly like keys.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from svctrainer.core.currency import builtin_currency
from svctrainer.core.keystrokes import IME, KeyEvent
from svctrainer.gui.drills.key_input import KeyClock
from svctrainer.gui.i18n import fill
from svctrainer.gui.theme import is_dark

MONO_FAMILIES = ["DejaVu Sans Mono", "Noto Sans Mono", "monospace"]


def piece_label(currency_code: str, value: Decimal) -> str:
    """A built-in denomination's label ("$20", "25¢", "¥0.5"), else the plain amount."""
    currency = builtin_currency(currency_code, QLocale().name())
    found = currency.find(value) if currency is not None else None
    return found.label if found is not None else money(value)


def money(value: Decimal | None, symbol: str = "", decimals: int = 2) -> str:
    """``value`` exactly (never through float), grouped with the locale's separators:
    ``Decimal("-1234.5")`` → "−1,234.50" (en) or "−1 234,50" (fr)."""
    if value is None:
        return "—"
    locale = QLocale()
    quantum = Decimal(1).scaleb(-decimals)
    text = f"{abs(value).quantize(quantum):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", locale.groupSeparator())
    shown = whole + (locale.decimalPoint() + fraction if fraction else "")
    return ("−" if value < 0 else "") + symbol + shown


def count_text(n: int) -> str:
    return QLocale().toString(n)


def big(label: QLabel, factor: float, *, mono: bool = False, bold: bool = False) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    if mono:
        font.setFamilies(MONO_FAMILIES)
    font.setBold(bold)
    label.setFont(font)
    return label


def panel(title: str | None = None, name: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A framed panel with an optional small heading."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    if name:
        frame.setObjectName(name)
    box = QVBoxLayout(frame)
    box.setContentsMargins(12, 10, 12, 10)
    if title:
        head = QLabel(title)
        font = QFont(head.font())
        font.setBold(True)
        head.setFont(font)
        box.addWidget(head)
    return frame, box


def key_legend(pairs: list[tuple[str, str]]) -> QLabel:
    """A line of key caps and what they do: ``[("Space", "next note"), ...]``."""
    pal = QApplication.palette()
    cap = f"background:{pal.button().color().name()}; color:{pal.buttonText().color().name()};"
    parts = [
        f'<span style="{cap}"><b>&nbsp;{escape(key)}&nbsp;</b></span>&nbsp;{escape(what)}'
        for key, what in pairs
    ]
    label = QLabel("&nbsp;&nbsp;&nbsp;".join(parts))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setObjectName("keyLegend")
    return label


def good_colour(palette: QPalette) -> QColor:
    return QColor("#5cc27a") if is_dark(palette) else QColor("#1d7a3a")


def bad_colour(palette: QPalette) -> QColor:
    return QColor("#ff7b7b") if is_dark(palette) else QColor("#c62828")


def caret_html() -> str:
    """The text cursor drawn after typed text shown as rich text."""
    colour = QApplication.palette().highlight().color().name()
    return f'<span style="color:{colour}">▏</span>'


def verdict_html(ok: bool, text: str, palette: QPalette) -> str:
    colour = (good_colour if ok else bad_colour)(palette).name()
    mark = "✓" if ok else "✗"
    return f'<span style="color:{colour}; font-weight:bold">{mark}</span> {text}'


@runtime_checkable
class ClickTarget(Protocol):
    """The drill screen as a click on a view sees it (``drill_screen.DrillScreen``)."""

    clock: KeyClock

    def feed(self, key_event: KeyEvent) -> object: ...

    def setFocus(self) -> None: ...


def feed_click(widget: QWidget, key: str) -> bool:
    """Send the synthetic key ``key`` (e.g. ``piece:0.5``) to the drill screen holding
    ``widget``, timed on the run's clock; False when the widget is not on a drill screen."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, ClickTarget):
        parent = parent.parentWidget()
    if parent is None:
        return False
    parent.feed(KeyEvent(parent.clock.event_ns(None), key, "", True))
    parent.setFocus()  # keys keep going to the drill after a click
    return True


def feed_click_text(widget: QWidget, text: str) -> bool:
    """Send ``text`` to the drill screen holding ``widget`` as an input-method commit
    (a character written from an on-screen keypad), timed on the run's clock."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, ClickTarget):
        parent = parent.parentWidget()
    if parent is None:
        return False
    parent.feed(KeyEvent(parent.clock.event_ns(None), IME, text, True))
    parent.setFocus()
    return True


class ProgressLine(QWidget):
    """A thin progress bar with its text ("7 of 20 vouchers"). QProgressBar repaints
    synchronously on every ``setValue``, which costs milliseconds per keystroke; this
    one only schedules a repaint. ``template`` has %1 (value) and %2 (maximum)."""

    def __init__(self, template: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._template = template
        self._value = 0
        self._maximum = 1
        self.setMinimumHeight(self.fontMetrics().height() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, self.fontMetrics().height() + 8)

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def set_progress(self, value: int, maximum: int | None = None) -> None:
        if maximum is not None:
            maximum = max(1, maximum)
        if value != self._value or (maximum is not None and maximum != self._maximum):
            self._value = value
            if maximum is not None:
                self._maximum = maximum
            self.update()

    def text(self) -> str:
        return fill(self._template, str(self._value), str(self._maximum))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        box = QRectF(0.5, 0.5, self.width() - 1.0, self.height() - 1.0)
        painter.setPen(QPen(pal.mid().color(), 1))
        painter.setBrush(pal.base().color())
        painter.drawRoundedRect(box, 4, 4)
        share = min(1.0, self._value / self._maximum)
        if share > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.highlight().color())
            painter.drawRoundedRect(
                QRectF(1, 1, (self.width() - 2) * share, self.height() - 2), 4, 4
            )
        split = 1 + (self.width() - 2) * share
        text = self.text()
        for colour, clip in (
            (pal.highlightedText().color(), QRectF(0, 0, split, self.height())),
            (pal.text().color(), QRectF(split, 0, self.width() - split, self.height())),
        ):
            painter.setClipRect(clip)
            painter.setPen(colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
