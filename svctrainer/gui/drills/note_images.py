"""Training-specimen notes and coins on screen: the SVGs in ``assets/notes/`` drawn with
QSvgRenderer, layer on layer (base note, security features, damage overlay) onto one
rectangle, with the serial number and a generic label written where ``cash_bundle``
says.

Rendering an SVG costs milliseconds, so finished pixmaps are cached by (layers, size):
a bundle of 100 notes uses a handful of distinct drawings, and a keystroke that shows
the next note only repaints from the cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from svctrainer.core.currency import Denomination, PieceKind
from svctrainer.core.drills.cash_bundle import (
    COIN_VIEWBOX,
    GENERIC_LABEL_AT,
    NOTE_VIEWBOX,
    SERIAL_BOX,
    NoteVisual,
)
from svctrainer.locations import bundled_dir

MAX_CACHED = 96
FLASH_MS = 140


def asset_path(name: str) -> Path:
    return bundled_dir("assets") / "notes" / name


@cache
def _renderer(name: str) -> QSvgRenderer | None:
    path = asset_path(name)
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


_pixmaps: OrderedDict[tuple[tuple[str, ...], int, int], QPixmap] = OrderedDict()


def layered_pixmap(layers: Sequence[str], width: int, height: int, dpr: float = 1.0) -> QPixmap:
    """The layers drawn in order onto one ``width`` × ``height`` (device-independent)
    rectangle; cached. A missing file draws nothing (the caller frames the note)."""
    key = (tuple(layers), int(width * dpr), int(height * dpr))
    hit = _pixmaps.get(key)
    if hit is not None:
        _pixmaps.move_to_end(key)
        return hit
    pixmap = QPixmap(max(1, key[1]), max(1, key[2]))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for name in layers:
        renderer = _renderer(name)
        if renderer is not None:
            renderer.render(painter, QRectF(0, 0, key[1], key[2]))
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    _pixmaps[key] = pixmap
    if len(_pixmaps) > MAX_CACHED:
        _pixmaps.popitem(last=False)
    return pixmap


def aspect(denomination: Denomination) -> float:
    """Width / height of a piece's artwork."""
    box = NOTE_VIEWBOX if denomination.kind is PieceKind.NOTE else COIN_VIEWBOX
    return box[0] / box[1]


def paint_piece(painter: QPainter, rect: QRectF, denomination: Denomination, dpr: float) -> None:
    """One note or coin in ``rect`` (already of the right aspect), label included when
    the artwork is generic."""
    pixmap = layered_pixmap((denomination.image,), int(rect.width()), int(rect.height()), dpr)
    painter.drawPixmap(rect.topLeft(), pixmap)
    if _renderer(denomination.image) is None:
        painter.setPen(QPen(QColor(denomination.colour), 2))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
    if denomination.generic_image or _renderer(denomination.image) is None:
        _write_label(painter, rect, denomination.label, denomination.kind, denomination.colour)


def _write_label(painter: QPainter, rect: QRectF, label: str, kind: PieceKind, colour: str) -> None:
    if kind is PieceKind.NOTE:
        cx = rect.left() + rect.width() * GENERIC_LABEL_AT[0] / NOTE_VIEWBOX[0]
        cy = rect.top() + rect.height() * GENERIC_LABEL_AT[1] / NOTE_VIEWBOX[1]
        size = rect.height() * 0.2
    else:
        cx, cy = rect.center().x(), rect.center().y()
        size = rect.height() * 0.22
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(size)))
    painter.setFont(font)
    painter.setPen(QColor(colour))
    box = QRectF(cx - rect.width() / 2, cy - size, rect.width(), size * 1.4)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


class NoteCanvas(QWidget):
    """The note being counted, as large as fits at 2:1, with its serial number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visual: NoteVisual | None = None
        self._colour = "#5f6b73"
        self._badge = ""
        self._waiting: tuple[str, ...] | None = None
        """A drawing ``prepare`` was asked for before the canvas had its size."""
        self.setMinimumSize(320, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_note(self, visual: NoteVisual | None, colour: str, badge: str) -> None:
        if (visual, colour, badge) != (self._visual, self._colour, self._badge):
            self._visual, self._colour, self._badge = visual, colour, badge
            self.update()

    def prepare(self, layers: tuple[str, ...]) -> None:
        """Render the next note's drawing into the cache between keys (a cache miss
        costs milliseconds of SVG rendering; a hit costs nothing).

        Not before the canvas is shown: at a drill's start the screen is built, and
        asks for the second note, before it is laid out, and the drawing was rendered at
        the size of a canvas never shown (624 × 312 for 824 × 412: 24 ms of a start's
        turn, bench/bench_heartbeat.py), and again, in the keystroke path, when the
        first key showed that note. It waits for the first paint instead."""
        if not self.isVisible():
            self._waiting = layers
            return
        rect = self.note_rect()
        layered_pixmap(layers, int(rect.width()), int(rect.height()), self.devicePixelRatioF())

    def note_rect(self) -> QRectF:
        w, h = float(self.width() - 16), float(self.height() - 16)
        if w / 2 > h:
            w = 2 * h
        else:
            h = w / 2
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        visual = self._visual
        if visual is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.note_rect()
        dpr = self.devicePixelRatioF()
        pixmap = layered_pixmap(visual.layers, int(rect.width()), int(rect.height()), dpr)
        painter.drawPixmap(rect.topLeft(), pixmap)
        scale = rect.width() / NOTE_VIEWBOX[0]
        if visual.label:
            x = rect.left() + GENERIC_LABEL_AT[0] * scale
            y = rect.top() + GENERIC_LABEL_AT[1] * scale
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(34 * scale)))
            painter.setFont(font)
            painter.setPen(QColor(self._colour))
            painter.drawText(
                QRectF(x - 90 * scale, y - 34 * scale, 180 * scale, 44 * scale),
                Qt.AlignmentFlag.AlignCenter,
                visual.label,
            )
        x, y, w, h = SERIAL_BOX
        serial_font = QFont(painter.font())
        serial_font.setFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"])
        serial_font.setBold(True)
        serial_font.setPixelSize(max(7, int(h * scale * 0.72)))
        painter.setFont(serial_font)
        painter.setPen(QColor("#7a1f1f"))
        painter.drawText(
            QRectF(rect.left() + x * scale, rect.top() + y * scale, w * scale, h * scale),
            Qt.AlignmentFlag.AlignCenter,
            visual.serial,
        )
        if self._badge:
            self._paint_badge(painter, rect)
        painter.end()
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # on a turn of its own, at the size just painted
            QTimer.singleShot(0, self, lambda: self.prepare(waiting))

    def _paint_badge(self, painter: QPainter, rect: QRectF) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(self._badge) + 20
        box = QRectF(rect.right() - width - 8, rect.top() + 8, width, metrics.height() + 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b5651d"))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._badge)


class PieceStrip(QWidget):
    """A row of notes and coins (a customer's payment, the change in the tray), drawn
    from the cache; pieces overlap when there are too many to fit."""

    def __init__(self, height: int = 56, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pieces: tuple[Denomination, ...] = ()
        self._height = height
        self.setMinimumHeight(height + 4)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, self._height + 4)

    def set_pieces(self, pieces: tuple[Denomination, ...]) -> None:
        if pieces != self._pieces:
            self._pieces = pieces
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._pieces:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dpr = self.devicePixelRatioF()
        sizes = [self._piece_size(d) for d in self._pieces]
        natural = sum(w for w, _ in sizes) + 6 * (len(sizes) - 1)
        squeeze = min(1.0, (self.width() - 4) / natural) if natural > 0 else 1.0
        x = 2.0
        for d, (w, h) in zip(self._pieces, sizes, strict=True):
            rect = QRectF(x, 2 + (self._height - h) / 2, w, h)
            paint_piece(painter, rect, d, dpr)
            x += (w + 6) * squeeze
        painter.end()

    def _piece_size(self, d: Denomination) -> tuple[float, float]:
        if d.kind is PieceKind.NOTE:
            return self._height * 2.0, float(self._height)
        side = self._height * 0.72
        return side, side


class PieceButton(QWidget):
    """A denomination in the drawer: its picture, its key cap and label; a click calls
    ``on_click(event_key)``. Flashes when its key is pressed."""

    def __init__(
        self,
        denomination: Denomination,
        key: str,
        event_key: str,
        on_click: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.denomination = denomination
        self.key = key
        self.event_key = event_key
        self._on_click = on_click
        self._lit = False
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(lambda: self._light(False))
        self.setObjectName(f"drawer_{event_key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"{denomination.label} ({key.upper()})")
        tall = denomination.kind is PieceKind.NOTE
        self.setMinimumSize(QSize(132 if tall else 76, 96))
        self.setMaximumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def flash(self) -> None:
        self._light(True)
        self._flash.start(FLASH_MS)

    def _light(self, on: bool) -> None:
        if on != self._lit:
            self._lit = on
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._on_click(self.event_key)
            event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        frame = QRectF(1, 1, self.width() - 2, self.height() - 2)
        painter.setPen(QPen(pal.highlight().color() if self._lit else pal.mid().color(), 2))
        painter.setBrush(pal.base().color())
        painter.drawRoundedRect(frame, 6, 6)
        if self._lit:  # a tint of the accent: the label stays readable in both themes
            tint = QColor(pal.highlight().color())
            tint.setAlpha(80)
            painter.setBrush(tint)
            painter.drawRoundedRect(frame, 6, 6)
        d = self.denomination
        room = QRectF(6, 6, self.width() - 12, self.height() - 32)
        ratio = aspect(d)
        w = min(room.width(), room.height() * ratio)
        h = w / ratio
        rect = QRectF(room.center().x() - w / 2, room.top() + (room.height() - h) / 2, w, h)
        paint_piece(painter, rect, d, self.devicePixelRatioF())
        cap = QRectF(6, self.height() - 24, 22, 20)
        painter.setPen(QPen(pal.mid().color(), 1))
        painter.setBrush(pal.button().color())
        painter.drawRoundedRect(cap, 4, 4)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(pal.buttonText().color())
        painter.drawText(cap, Qt.AlignmentFlag.AlignCenter, self.key.upper())
        painter.setPen(pal.text().color())
        painter.drawText(
            QRectF(32, self.height() - 24, self.width() - 36, 20),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            d.label,
        )
        painter.end()
