"""Check boxes and radio buttons that stay visible in both themes.

Why: Fusion outlines an indicator with the window colour darkened by 40 %, which on the
dark theme's near-black window is the same near-black: an unchecked box vanished, and a
checked one showed only a thin tick. This style draws the indicator from the palette's
text colour instead (an outline with at least 3:1 contrast to the window, WCAG's figure
for controls), a checked box filled with the highlight colour and a white tick, so the
state reads at a glance in light and dark alike. Everything else is Fusion's.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


def outline_colour(palette: QPalette, enabled: bool = True) -> QColor:
    """The indicator's outline: the text colour two thirds of the way from the base, so
    it keeps its contrast whichever way round the theme is."""
    group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
    text = palette.color(group, QPalette.ColorRole.Text)
    base = palette.color(group, QPalette.ColorRole.Base)
    share = 0.7 if enabled else 0.45
    return QColor(
        round(base.red() + (text.red() - base.red()) * share),
        round(base.green() + (text.green() - base.green()) * share),
        round(base.blue() + (text.blue() - base.blue()) * share),
    )


class ClearIndicatorStyle(QProxyStyle):
    """Fusion, with check-box and radio-button indicators drawn to be seen."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element not in INDICATORS:
            super().drawPrimitive(element, option, painter, widget)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            _radio(option, painter)
        else:
            _check_box(option, painter)
        painter.restore()


def _box(option: QStyleOption) -> QRectF:
    rect = QRectF(option.rect)
    side = min(rect.width(), rect.height()) - 2
    return QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)


def _colours(option: QStyleOption) -> tuple[QColor, QColor, QColor, bool]:
    """(outline, fill, mark, on) for the option's state."""
    state = option.state
    enabled = bool(state & QStyle.StateFlag.State_Enabled)
    palette = option.palette
    on = bool(state & (QStyle.StateFlag.State_On | QStyle.StateFlag.State_NoChange))
    outline = outline_colour(palette, enabled)
    if enabled and state & QStyle.StateFlag.State_MouseOver:
        outline = palette.color(QPalette.ColorRole.Highlight)
    if on and enabled:
        fill = palette.color(QPalette.ColorRole.Highlight)
        mark = palette.color(QPalette.ColorRole.HighlightedText)
        outline = fill
    else:
        fill = palette.color(QPalette.ColorRole.Base)
        mark = outline_colour(palette, enabled)
    if state & QStyle.StateFlag.State_Sunken:
        fill = fill.darker(115) if fill.lightness() > 128 else fill.lighter(130)
    return outline, fill, mark, on


def _check_box(option: QStyleOption, painter: QPainter) -> None:
    box = _box(option)
    outline, fill, mark, on = _colours(option)
    width = max(1.5, box.width() / 10)
    painter.setPen(QPen(outline, width))
    painter.setBrush(fill)
    half = width / 2
    painter.drawRoundedRect(box.adjusted(half, half, -half, -half), 2, 2)
    if not on:
        return
    pen = QPen(mark, max(1.8, box.width() / 7))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x, y, s = box.x(), box.y(), box.width()
    if option.state & QStyle.StateFlag.State_NoChange:  # partly checked: a dash
        painter.drawLine(QPointF(x + s * 0.25, y + s * 0.5), QPointF(x + s * 0.75, y + s * 0.5))
        return
    tick = QPainterPath(QPointF(x + s * 0.22, y + s * 0.52))
    tick.lineTo(QPointF(x + s * 0.42, y + s * 0.72))
    tick.lineTo(QPointF(x + s * 0.78, y + s * 0.3))
    painter.drawPath(tick)


def _radio(option: QStyleOption, painter: QPainter) -> None:
    box = _box(option)
    outline, fill, mark, on = _colours(option)
    width = max(1.5, box.width() / 10)
    half = width / 2
    painter.setPen(QPen(outline, width))
    painter.setBrush(fill)
    painter.drawEllipse(box.adjusted(half, half, -half, -half))
    if on:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(mark)
        inset = box.width() * 0.3
        painter.drawEllipse(box.adjusted(inset, inset, -inset, -inset))
