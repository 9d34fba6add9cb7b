"""A small page layout for printable reports: headings, paragraphs, images and tables
flowed onto A4 pages, with a running header and "page n of N" footer.

Layout runs twice over the same blocks: first to find where each block lands (so the
footer can say how many pages there are), then to paint. Only Qt is used (``QPdfWriter``
and ``QPainter``): no extra dependency, and the same fonts as the application.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPicture,
)

RESOLUTION = 150  # dpi: sharp charts, files of a few hundred KB

# The Qt enum types ``write_blocks`` uses, reached here at import (on the GUI thread):
# shiboken creates a Qt type's Python enums lazily on first use, which is not safe on the
# window's background worker (where a report is written) while the GUI thread paints.
_ENUMS_READY = (
    Qt.AlignmentFlag.AlignLeft,
    Qt.TextFlag.TextWordWrap,
    Qt.TextElideMode.ElideRight,
    QPageSize.PageSizeId.A4,
    QPageLayout.Orientation.Portrait,
    QPageLayout.Unit.Millimeter,
    QPainter.RenderHint.Antialiasing,
    QFont.Weight.Bold,
    QImage.Format.Format_RGB32,
)
MARGIN_MM = 15.0
GAP = 14.0  # px at RESOLUTION between blocks
INK = QColor(0x1B, 0x1F, 0x24)
MUTED = QColor(0x5F, 0x66, 0x70)
RULE = QColor(0xC4, 0xC9, 0xD0)
STRIPE = QColor(0xF1, 0xF3, 0xF6)


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 title, 2 section, 3 subsection


@dataclass
class Paragraph:
    text: str
    size: float = 9.5
    bold: bool = False
    colour: QColor = field(default_factory=lambda: QColor(INK))
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


@dataclass
class Drawing:
    """A chart recorded as drawing commands (``QPicture``) at its on-screen size: in the
    PDF its lines, points and text stay vectors, sharp at any zoom and a fraction of the
    bytes of a picture of them (a chart photographed at print density was 200-250 KB
    of JPEG)."""

    picture: QPicture
    width: float  # the widget's size when recorded, logical pixels
    height: float

    def paint(self, painter: QPainter, target: QRectF) -> None:
        # A picture plays back scaled by the ratio of the device's resolution to the one
        # it was recorded at: undo that, then fit the widget's size to ``target``.
        device = painter.device()
        played = device.logicalDpiX() / self.picture.logicalDpiX() if device else 1.0
        painter.save()
        painter.translate(target.topLeft())
        painter.scale(target.width() / (self.width * played),
                      target.height() / (self.height * played))  # fmt: skip
        painter.drawPicture(0, 0, self.picture)
        painter.restore()


@dataclass
class Image:
    image: QImage | Drawing
    width_fraction: float = 1.0  # of the text width

    def size(self) -> tuple[float, float]:
        if isinstance(self.image, Drawing):
            return self.image.width, self.image.height
        return float(self.image.width()), float(self.image.height())


@dataclass
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]  # relative column widths
    right_aligned: frozenset[int] = frozenset()


@dataclass
class PageBreak:
    """The next block starts a new page (a certificate per contestant)."""

    space_before: float = 0.0  # px at RESOLUTION left blank at the top of the new page
    framed: bool = True  # False: no running header, footer or page number (a certificate)


Block = Heading | Paragraph | Image | Table | PageBreak


@dataclass
class PageFrame:
    header_left: str
    header_right: str
    footer_left: str


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


HEADING_SIZES = {1: 16.0, 2: 12.5, 3: 10.5}
TABLE_SIZE = 8.0


class _Flow:
    """Places blocks on pages; paints them when given a painter."""

    def __init__(self, writer: QPdfWriter, frame: PageFrame) -> None:
        self.writer = writer
        self.frame = frame
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.top = self._line_height(_font(8.0)) + GAP
        self.bottom = self.height - self._line_height(_font(8.0)) - GAP
        self.page = 0
        self.y = self.top
        self.painter: QPainter | None = None
        self.pages = 1
        self.framed = True

    def _line_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).height()

    def _text_height(self, text: str, font: QFont) -> float:
        metrics = QFontMetricsF(font, self.writer)
        box = metrics.boundingRect(
            QRectF(0, 0, self.width, 1e6), int(Qt.TextFlag.TextWordWrap), text
        )
        return box.height()

    def _room(self, needed: float) -> None:
        if self.y + needed > self.bottom and self.y > self.top:
            self.new_page(self.framed)

    def new_page(self, framed: bool = True) -> None:
        self.page += 1
        self.pages = max(self.pages, self.page + 1)
        self.y = self.top
        self.framed = framed
        if self.painter is not None:
            self.writer.newPage()
            if framed:
                self._frame()

    def _frame(self) -> None:
        p = self.painter
        assert p is not None  # noqa: S101
        small = _font(8.0)
        p.setFont(small)
        p.setPen(MUTED)
        line = self._line_height(small)
        p.drawText(
            QRectF(0, 0, self.width, line), Qt.AlignmentFlag.AlignLeft, self.frame.header_left
        )
        p.drawText(
            QRectF(0, 0, self.width, line), Qt.AlignmentFlag.AlignRight, self.frame.header_right
        )
        p.setPen(QPen(RULE, 1.5))
        p.drawLine(0, int(line + 3), int(self.width), int(line + 3))
        p.setPen(MUTED)
        footer = QRectF(0, self.height - line, self.width, line)
        p.drawText(footer, Qt.AlignmentFlag.AlignLeft, self.frame.footer_left)
        page_text = f"{self.page + 1} / {self.pages}"
        p.drawText(footer, Qt.AlignmentFlag.AlignRight, page_text)

    def height_of(self, block: Block) -> float:
        """How tall ``block`` will be (tables: their header and first rows)."""
        if isinstance(block, Heading):
            return self._text_height(block.text, _font(HEADING_SIZES.get(block.level, 10.5), True))
        if isinstance(block, Paragraph):
            return self._text_height(block.text, _font(block.size, block.bold)) + GAP / 2
        if isinstance(block, PageBreak):
            return 0.0
        if isinstance(block, Image):
            w, h = block.size()
            height = self.width * block.width_fraction * h / max(1.0, w)
            return min(height, self.bottom - self.top) + GAP
        return self._line_height(_font(TABLE_SIZE)) * 1.45 * 3

    def place(self, block: Block, keep_with: float = 0.0) -> None:
        """Place ``block``; a heading also makes room for ``keep_with`` (what follows it)."""
        if isinstance(block, Heading):
            self._heading(block, keep_with)
        elif isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Image):
            self._image(block)
        elif isinstance(block, PageBreak):
            self.new_page(block.framed)
            self.y += block.space_before
        else:
            self._table(block)

    def _heading(self, block: Heading, keep_with: float) -> None:
        font = _font(HEADING_SIZES.get(block.level, 10.5), bold=True)
        height = self._text_height(block.text, font)
        self._room(min(height + GAP / 2 + keep_with, self.bottom - self.top))
        if self.painter is not None:
            self.painter.setFont(font)
            self.painter.setPen(INK)
            self.painter.drawText(
                QRectF(0, self.y, self.width, height), int(Qt.TextFlag.TextWordWrap), block.text
            )
        self.y += height + GAP / 2

    def _paragraph(self, block: Paragraph) -> None:
        font = _font(block.size, block.bold)
        height = self._text_height(block.text, font)
        self._room(height)
        if self.painter is not None:
            self.painter.setFont(font)
            self.painter.setPen(block.colour)
            self.painter.drawText(
                QRectF(0, self.y, self.width, height),
                int(Qt.TextFlag.TextWordWrap | block.align),
                block.text,
            )
        self.y += height + GAP / 2

    def _image(self, block: Image) -> None:
        width = self.width * block.width_fraction
        w, h = block.size()
        height = width * h / max(1.0, w)
        if height > self.bottom - self.top:  # never taller than a page
            height = self.bottom - self.top
            width = height * w / max(1.0, h)
        self._room(height)
        if self.painter is not None:
            target = QRectF(0, self.y, width, height)
            if isinstance(block.image, Drawing):
                block.image.paint(self.painter, target)
            else:
                self.painter.drawImage(target, block.image)
        self.y += height + GAP

    def _table(self, block: Table) -> None:
        font = _font(TABLE_SIZE)
        bold = _font(TABLE_SIZE, bold=True)
        row_h = self._line_height(font) * 1.45
        total = sum(block.widths)
        xs = [0.0]
        for w in block.widths:
            xs.append(xs[-1] + self.width * w / total)
        self._room(row_h * 3)
        self._row(block.headers, xs, row_h, bold, block.right_aligned, header=True)
        for i, row in enumerate(block.rows):
            if self.y + row_h > self.bottom:
                self.new_page(self.framed)
                self._row(block.headers, xs, row_h, bold, block.right_aligned, header=True)
            self._row(row, xs, row_h, font, block.right_aligned, stripe=i % 2 == 1)
        self.y += GAP

    def _row(
        self,
        cells: Sequence[str],
        xs: list[float],
        row_h: float,
        font: QFont,
        right: frozenset[int],
        *,
        header: bool = False,
        stripe: bool = False,
    ) -> None:
        p = self.painter
        if p is not None:
            if stripe:
                p.fillRect(QRectF(0, self.y, self.width, row_h), STRIPE)
            p.setFont(font)
            p.setPen(INK)
            for i, text in enumerate(cells):
                box = QRectF(xs[i] + 4, self.y, xs[i + 1] - xs[i] - 8, row_h)
                align = Qt.AlignmentFlag.AlignRight if i in right else Qt.AlignmentFlag.AlignLeft
                metrics = QFontMetricsF(font, self.writer)
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
                p.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
            if header:
                p.setPen(QPen(RULE, 1.5))
                p.drawLine(0, int(self.y + row_h), int(self.width), int(self.y + row_h))
        self.y += row_h


def write_pdf(path: Path, title: str, frame: PageFrame, blocks: Sequence[Block]) -> int:
    """Lay ``blocks`` out on A4 pages and write the PDF; returns the page count."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("svctrainer")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    dry = _Flow(writer, frame)
    keep = [_keep_with(dry, blocks, i) for i in range(len(blocks))]
    for block, extra in zip(blocks, keep, strict=True):
        dry.place(block, extra)
    flow = _Flow(writer, frame)
    flow.pages = dry.pages
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        flow.painter = painter
        flow._frame()
        for block, extra in zip(blocks, keep, strict=True):
            flow.place(block, extra)
    finally:
        painter.end()
    return flow.page + 1


def _keep_with(flow: _Flow, blocks: Sequence[Block], index: int) -> float:
    """A heading stays on the page with the paragraphs after it and the first image or
    table: a title alone at the foot of a page helps nobody."""
    if not isinstance(blocks[index], Heading):
        return 0.0
    total = 0.0
    for block in blocks[index + 1 :]:
        if isinstance(block, Heading):
            break
        total += flow.height_of(block)
        if not isinstance(block, Paragraph):
            break
    return total
