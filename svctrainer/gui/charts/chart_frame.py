"""What every chart shares: a title, a legend under the plot, "Save as PNG…".

The legend sits under the plot, not inside it: inside, it hides the very points it
explains. Saving grabs the widget as drawn (title and legend included), so the picture
in a report or an e-mail is exactly what was on screen.

A chart follows the theme: when the application's palette changes (Settings → Theme),
the frame restyles its plot and repeats the last drawing it was asked for, at once when
it is on screen and otherwise when it is next shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.charts.style import chart_colours, style_plot
from svctrainer.gui.i18n import translate


def legend_html(entries: Sequence[tuple[QColor, str, str]]) -> str:
    """Coloured glyph + text per entry (Qt rich text)."""
    parts = []
    for colour, glyph, text in entries:
        parts.append(
            f'<span style="color: {colour.name()}; font-weight: bold;">{glyph}</span>'
            f"&nbsp;{html.escape(text).replace(' ', '&nbsp;')}"
        )
    return "&nbsp;&nbsp;&nbsp;&nbsp; ".join(parts)


class ChartFrame(QWidget):
    """A title, the chart body, a legend; right-click or Ctrl+Shift+S saves a PNG."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._redraw: Callable[[Any], None] | None = None  # given this chart (``remember``)
        self._restyling = False
        self._stale = False  # the palette changed since the plot was last styled
        self.title = QLabel(title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # Centred across the chart's width, on a second line only when one is too
        # narrow: a progress chart's seven entries at 150 % text are wider than the
        # 1366-pixel window's page, which then had to scroll sideways.
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.save_button = QToolButton()
        self.save_button.setObjectName("savePng")
        self.save_button.setAutoRaise(True)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(4)
        box.addLayout(head)
        box.addLayout(self.body, 1)
        box.addWidget(self.legend)
        self.save_action = QAction(translate("charts", "Save chart as PNG…"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.ask_and_save)
        self.addAction(self.save_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.save_button.setDefaultAction(self.save_action)
        self.save_button.setText(translate("charts", "PNG…"))
        self.save_button.setToolTip(translate("charts", "Save chart as PNG… (Ctrl+Shift+S)"))

    def remember(self, redraw: Callable[[Self], None]) -> None:
        """The drawing to repeat after a theme change: the last data shown, drawn again
        by ``redraw(chart)``.

        The chart is handed in rather than captured: a redraw that closed over ``self``,
        kept on ``self``, made every chart a reference cycle. A dropped chart then waited
        for the garbage collector, whole (its plot, scene, menus and the data drawn), and
        the window's collector freezes what lives a second, so it waited for the window
        to be idle for 10 s (``gui/garbage.py``). With the dashboard page's own cycle,
        that was 40 MB of the dashboard bench's peak (323 -> 283 MB at 1 M attempts)."""
        self._redraw = redraw

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() != QEvent.Type.PaletteChange
            or getattr(self, "plot", None) is None
            or self._restyling
        ):
            return
        # Redrawing every chart of every built page at once held the GUI thread for
        # seconds on a theme switch: a chart on screen restyles on the next turn of the
        # event loop (one chart per turn), a hidden one when it is next shown.
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self._restyle)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._restyle()

    def _restyle(self) -> None:
        plot = getattr(self, "plot", None)
        if not self._stale or plot is None:
            return
        self._stale = False
        self._restyling = True  # redrawing sets pens, which must not recurse here
        try:
            self.colours = chart_colours(self.palette())
            style_plot(plot, self.colours)
            if self._redraw is not None:
                self._redraw(self)
        finally:
            self._restyling = False

    def set_legend(self, entries: Sequence[tuple[QColor, str, str]]) -> None:
        self.legend.setText(legend_html(entries))

    def save_png(self, path: str | Path) -> bool:
        """The chart as drawn, title and legend included (not the PNG… button)."""
        self.save_button.hide()
        try:
            return self.grab().save(str(path), "PNG")
        finally:
            self.save_button.show()

    def ask_and_save(self) -> None:
        name = self.title.text().strip() or translate("charts", "chart")
        suggestion = "".join(c if c.isalnum() else "-" for c in name).strip("-").lower()
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("charts", "Save chart as PNG"),
            f"{suggestion}.png",
            translate("charts", "PNG images (*.png)"),
        )
        if path:
            self.save_png(path if path.lower().endswith(".png") else path + ".png")
