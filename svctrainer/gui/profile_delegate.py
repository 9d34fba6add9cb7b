"""How a profile looks in the login list: an initials badge, the name, then the
employee number and team in a quieter line. Painted, so a list of hundreds scrolls
smoothly."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

NAME_ROLE = Qt.ItemDataRole.UserRole + 11
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 12
BADGE_COLOURS = ("#1f6fb2", "#2e8b57", "#b5651d", "#7b4fa0", "#c0392b", "#1b8a8a", "#8a6d1b")


def initials(name: str) -> str:
    parts = [p for p in name.split() if p]
    if not parts:
        return "?"
    if len(parts) == 1 or not parts[0].isascii():
        return parts[0][:2].upper() if parts[0].isascii() else parts[0][:1]
    return (parts[0][0] + parts[-1][0]).upper()


class ProfileDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(option.rect.width(), int(height * 2.9))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.AlternateBase))
        name = str(index.data(NAME_ROLE) or "")
        detail = str(index.data(DETAIL_ROLE) or "")
        rect = option.rect.adjusted(10, 6, -10, -6)
        size = rect.height()
        badge = QRect(rect.left(), rect.top(), size, size)
        import hashlib  # noqa: PLC0415 - OpenSSL's load (30 ms) waits until a profile is painted

        colour = BADGE_COLOURS[
            int(hashlib.md5(name.encode(), usedforsecurity=False).hexdigest(), 16)
            % len(BADGE_COLOURS)
        ]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(badge)
        painter.setPen(QColor("#ffffff"))
        badge_font = QFont(option.font)
        badge_font.setBold(True)
        painter.setFont(badge_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, initials(name))
        text_left = badge.right() + 12
        text_rect = QRect(text_left, rect.top(), rect.right() - text_left, rect.height())
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(palette.color(role))
        top_half = QRect(
            text_rect.left(), text_rect.top(), text_rect.width(), text_rect.height() // 2
        )
        painter.drawText(top_half, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, name)
        painter.setFont(option.font)
        muted = palette.color(role)
        if not selected:
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        bottom_half = QRect(
            text_rect.left(),
            text_rect.top() + text_rect.height() // 2,
            text_rect.width(),
            text_rect.height() // 2,
        )
        painter.drawText(
            bottom_half, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, detail
        )
        painter.restore()
