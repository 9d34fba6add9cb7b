"""Writing a report's PDF in a child process, so that the window never waits for it.

Why a process: PySide6 keeps the interpreter lock through its Qt calls, and laying out a
report's pages is long Qt calls (``QPainter.drawPicture`` replays a chart in 15-30 ms of
CPU, ``QPdfWriter.newPage`` and ``QPainter.end`` compress pages and embed fonts). Run on
the window's background worker, each of them kept the GUI thread from every Python slot,
timer and paint handler for its whole length, stretched by the machine's load: the team
PDF held the window 222 ms (bench/bench_heartbeat.py). A child process has a lock of its
own; the worker only waits for it, which lets the lock go.

The charts are drawn by the window (widgets live on its GUI thread) as ``QPicture``
recordings; what crosses to the child is data only: the blocks of ``pdf_layout`` with
each picture's recorded bytes, the application's font and the platform, so that the
child lays out exactly the pages the window would (the same ``write_pdf``). The child
needs no database, no role and writes no audit: the report service records the export
once the file is there, as before.

The child is an optimisation, never a new way to fail: if it cannot start (a frozen
build without it), crashes, or would replay at another resolution, the worker writes the
file itself as before and the window waits as it used to.
"""

from __future__ import annotations

import json
import logging
import os
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPicture

from svctrainer.gui.charts.pdf_layout import (
    Block,
    Drawing,
    Heading,
    Image,
    PageBreak,
    PageFrame,
    Paragraph,
    Table,
    write_pdf,
)

log = logging.getLogger(__name__)

CHILD_ARGUMENT = "--write-pdf-child"
"""The first command-line argument that makes ``svctrainer`` the PDF writer
(``cli.main``): hidden, as no person types it."""
TIMEOUT_S = 600.0
"""A child that has not answered by then is killed and the file written here."""
_LENGTH = struct.Struct("<Q")


class ChildFailedError(RuntimeError):
    """The child did not write the file (the caller writes it itself)."""


def environment() -> tuple[str, str]:
    """The platform and font the child must use to lay out the same pages (GUI thread:
    the application's, read where they are set)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "offscreen", QFont().toString()
    return platform_with_options(app.platformName(), os.environ.get("QT_QPA_PLATFORM", "")), (
        app.font().toString()
    )


def platform_with_options(name: str, asked: str) -> str:
    """The platform as the window was started with it, options included
    (``windows:fontengine=freetype``, ``offscreen:fontengine=...``): the options change how
    text is measured, so a child without them would lay out other pages. Options asked for
    another platform than the one running are not the window's: then only its name."""
    return asked if asked.split(":", 1)[0] == name else name


def pack(title: str, frame: PageFrame, blocks: Sequence[Block], platform: str, font: str) -> bytes:
    """The report as bytes for the child: a JSON description, then each picture's bytes.
    Only numbers and strings are read from Qt objects (any thread: no enum is made)."""
    blobs: list[bytes] = []
    described: list[dict[str, Any]] = []
    for block in blocks:
        described.append(_describe(block, blobs))
    head = json.dumps(
        {
            "title": title,
            "frame": [frame.header_left, frame.header_right, frame.footer_left],
            "platform": platform,
            "font": font,
            "blocks": described,
        }
    ).encode("utf-8")
    parts = [_LENGTH.pack(len(head)), head]
    for blob in blobs:
        parts += [_LENGTH.pack(len(blob)), blob]
    return b"".join(parts)


def _describe(block: Block, blobs: list[bytes]) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {
            "kind": "paragraph",
            "text": block.text,
            "size": block.size,
            "bold": block.bold,
            "colour": block.colour.rgba(),
            "align": int(block.align.value),
        }
    if isinstance(block, Image):
        image = block.image
        if isinstance(image, Drawing):
            recorded = cast("memoryview", image.picture.data())  # typed ``object``
            blobs.append(bytes(recorded))
            return {
                "kind": "drawing",
                "width": image.width,
                "height": image.height,
                "dpi": [image.picture.logicalDpiX(), image.picture.logicalDpiY()],
                "fraction": block.width_fraction,
            }
        blobs.append(_png(image))
        return {"kind": "image", "fraction": block.width_fraction}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "headers": list(block.headers),
            "rows": [list(row) for row in block.rows],
            "widths": list(block.widths),
            "right": sorted(block.right_aligned),
        }
    return {"kind": "break", "space": block.space_before, "framed": block.framed}


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes; only str works
    buffer.close()
    return bytes(data.data())


def unpack(data: bytes) -> tuple[str, PageFrame, list[Block], dict[str, Any]]:
    """``pack``'s bytes as the report again (in the child, after its application is made:
    pictures and fonts need it); also the JSON description."""
    (size,) = _LENGTH.unpack_from(data, 0)
    at = _LENGTH.size + size
    head = json.loads(data[_LENGTH.size : at].decode("utf-8"))
    blobs: list[bytes] = []
    while at < len(data):
        (size,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        blobs.append(data[at : at + size])
        at += size
    blobs.reverse()
    blocks = [_block(item, blobs) for item in head["blocks"]]
    return head["title"], PageFrame(*head["frame"]), blocks, head


def _block(item: dict[str, Any], blobs: list[bytes]) -> Block:
    kind = item["kind"]
    if kind == "heading":
        return Heading(item["text"], item["level"])
    if kind == "paragraph":
        return Paragraph(
            item["text"],
            item["size"],
            item["bold"],
            QColor.fromRgba(item["colour"]),
            Qt.AlignmentFlag(item["align"]),
        )
    if kind == "drawing":
        picture = QPicture()
        picture.setData(blobs.pop())
        if [picture.logicalDpiX(), picture.logicalDpiY()] != item["dpi"]:
            # Replayed at another resolution, the chart's text would take another size.
            raise ChildFailedError("the charts were recorded at another resolution")
        return Image(Drawing(picture, item["width"], item["height"]), item["fraction"])
    if kind == "image":
        image = QImage()
        image.loadFromData(blobs.pop(), "PNG")
        return Image(image, item["fraction"])
    if kind == "table":
        return Table(item["headers"], item["rows"], item["widths"], frozenset(item["right"]))
    return PageBreak(item["space"], item["framed"])


def command() -> list[str]:
    """How to start the child: the frozen program itself, else this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-m", "svctrainer", CHILD_ARGUMENT]


def write_apart(
    path: Path, title: str, frame: PageFrame, blocks: Sequence[Block], *, platform: str, font: str
) -> int:
    """Write the PDF in a child process (the worker thread only waits: the window keeps
    the interpreter lock); the page count. Any failure of the child itself: written
    here, as before (an error of the file itself then comes from here, as before)."""
    try:
        return _run_child(path, pack(title, frame, blocks, platform, font))
    except (OSError, subprocess.SubprocessError, ChildFailedError, ValueError) as exc:
        log.warning("the PDF writer process failed (%s); writing the PDF here", exc)
        return write_pdf(path, title, frame, blocks)


def _run_child(path: Path, data: bytes) -> int:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window
    done = subprocess.run(  # noqa: S603 - our own program, arguments of our own
        [*command(), str(path)],
        input=data,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
        creationflags=flags,
    )
    try:
        answer = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        answer = {}
    if done.returncode != 0 or "pages" not in answer:
        error = answer.get("error") or done.stderr.decode("utf-8", "replace").strip()[-500:]
        raise ChildFailedError(f"exit {done.returncode}: {error}")
    return int(answer["pages"])


def serve(argv: Sequence[str], stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """The child: read a packed report from ``stdin``, write it to ``argv[0]`` and answer
    the page count on ``stdout`` as JSON (or the error)."""
    data = stdin.read()
    try:
        (size,) = _LENGTH.unpack_from(data, 0)
        head = json.loads(data[_LENGTH.size : _LENGTH.size + size].decode("utf-8"))
        os.environ["QT_QPA_PLATFORM"] = head["platform"]
        app = QGuiApplication([sys.argv[0] if sys.argv else "svctrainer"])
        font = QFont()
        if font.fromString(head["font"]):
            app.setFont(font)
        title, frame, blocks, _ = unpack(data)
        pages = write_pdf(Path(argv[0]), title, frame, blocks)
    except Exception as exc:  # noqa: BLE001 - the parent writes the file itself then
        stdout.write((json.dumps({"error": repr(exc)}) + "\n").encode("utf-8"))
        stdout.flush()
        return 1
    stdout.write((json.dumps({"pages": pages}) + "\n").encode("utf-8"))
    stdout.flush()
    return 0
