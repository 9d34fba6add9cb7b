"""Checks that a screen's text fits: a pseudo-locale that lengthens every string, and a
scan for labels and buttons the layout has cut.

The pseudo-locale (as Vorta and Qt's own tooling test layouts) answers every svctrainer
lookup with the source text accented and about 40 % longer, bracketed so that a cut end
shows: "Sign in" → "[Śíĝñ íñ ~~~]". German and Russian run about that much longer than
English; Chinese is shorter but taller, so the pseudo text is the harder case for width.
Placeholders (``%1``, ``%n``, ``(s)``), markup tags, entities and mnemonics stay intact, so
the application fills and renders the text exactly as it would a real translation.

A widget is clipped when it is shown narrower (or, wrapping, shorter) than its own size
hint asks for its text, or when part of it lies outside the window and no scroll area
lets the person reach it. Text the widget elides on purpose (its full text in a tooltip)
is not counted.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QWidget,
)

GROWTH = 0.4
ACCENTS = str.maketrans(
    "aceginorsuyzACEGINORSUYZ",
    "áçéĝíñóŕšúýžÁÇÉĜÍÑÓŔŠÚÝŽ",
)
# What must reach the application unchanged: markup, entities, Qt's numbered and plural
# markers, the "(s)" that translate() settles, and a mnemonic's "&".
KEPT = re.compile(r"<[^>]*>|&[a-zA-Z]+;|&#\d+;|%L?\d|%n|\(s\)|&&|&(?=\w)")
QT_CONTEXTS = ("Q",)


def pseudo(text: str) -> str:
    """``text`` accented and padded to about 140 % of its visible length, per line."""
    if not re.search(r"[A-Za-z]", KEPT.sub("", text)):
        return text  # numbers, units and markers only: nothing to translate
    return "\n".join(_pseudo_line(line) for line in text.split("\n"))


def _pseudo_line(line: str) -> str:
    parts: list[str] = []
    visible = 0
    last = 0
    for match in KEPT.finditer(line):
        plain = line[last : match.start()]
        parts.append(plain.translate(ACCENTS))
        parts.append(match.group(0))
        visible += len(plain)
        last = match.end()
    tail = line[last:]
    parts.append(tail.translate(ACCENTS))
    visible += len(tail)
    if not visible or not line.strip():
        return line
    # Padded in words of at most eight marks, as a longer language's text is words too:
    # one unbroken run of 120 marks would measure a wrapped label by a word no language
    # has, not by its length.
    length = max(1, math.ceil(visible * GROWTH) - 3)
    padding = " ".join("~" * min(8, length - i) for i in range(0, length, 9))
    # Inside rich text the brackets go round the whole document's visible text.
    return "[" + "".join(parts) + " " + padding + "]"


class PseudoTranslator(QTranslator):
    """Answers every svctrainer lookup with its pseudo-locale text (Qt's own, such as the
    standard dialog buttons, stay English)."""

    def __init__(self, contexts: set[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.contexts = contexts
        self.answered = 0

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context not in self.contexts or not source:
            return ""
        self.answered += 1
        return pseudo(source)


def _hint_width(widget: QWidget) -> int:
    """The width the widget's text needs. A label's minimum allows for elision only when
    it elides, which a QLabel never does by itself. A push button needs its text, icon
    and margins: its size hint adds the style's 80 px floor for dialog buttons, which a
    keypad key, sized by its grid, may go below without cutting anything."""
    if isinstance(widget, QLabel):
        return widget.minimumSizeHint().width()
    if isinstance(widget, QPushButton):
        style = widget.style()
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        metrics = widget.fontMetrics()
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if not widget.icon().isNull():
            needed += widget.iconSize().width() + 4
        needed += 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
        needed += 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
        return needed
    return widget.sizeHint().width()


def _elides_on_purpose(widget: QWidget) -> bool:
    """A label that shortens its text itself and keeps the whole of it in a tooltip."""
    tip = widget.toolTip()
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return bool(tip) and "…" in text


def _scroll_reachable(widget: QWidget, top: QWidget) -> bool:
    """Whether a scroll area between ``widget`` and ``top`` can bring it into view."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _outside(widget: QWidget, top: QWidget) -> bool:
    """Part of ``widget`` lies outside ``top``'s rectangle (the window cuts it off)."""
    origin = widget.mapTo(top, QPoint(0, 0))
    shown = QRect(origin, widget.size())
    return not top.rect().contains(shown) and not _scroll_reachable(widget, top)


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    return isinstance(widget, QAbstractButton) and bool(widget.text().strip())


def sideways_scrolled(top: QWidget) -> list[str]:
    """Every shown scroll area in ``top`` that has to scroll sideways: a page or panel
    wider than the room it has (a person reads down a page, never across)."""
    found = []
    for area in top.findChildren(QScrollArea):
        inner = area.widget()
        if not area.isVisibleTo(top) or inner is None:
            continue
        wide = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
        if wide > area.viewport().width():
            name = f"{type(inner).__name__}#{inner.objectName()}"
            found.append(f"{name} needs {wide} px, has {area.viewport().width()}")
    return found


def clipped(top: QWidget) -> list[str]:
    """Every label and button in ``top`` whose text the layout cuts, with the figures, and
    every scroll area that must scroll sideways."""
    # A drill's clock may have just changed a label's text: lay out before measuring.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    found: list[str] = sideways_scrolled(top)
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or not _has_text(widget):
            continue
        if widget.width() <= 0 or _elides_on_purpose(widget):
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        text = widget.text().replace("\n", " ")[:60]
        if _outside(widget, top):
            found.append(f"{name} {text!r} cut off by the window")
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                found.append(f"{name} {text!r} wraps to {needed} px, shown {widget.height()}")
            continue
        needed = _hint_width(widget)
        if needed > widget.width() + 1:
            found.append(f"{name} {text!r} needs {needed} px, shown {widget.width()}")
        elif isinstance(widget, QCheckBox | QRadioButton) and widget.height() < min(
            widget.sizeHint().height(), widget.fontMetrics().height()
        ):
            found.append(f"{name} {text!r} squeezed to {widget.height()} px high")
    return found
