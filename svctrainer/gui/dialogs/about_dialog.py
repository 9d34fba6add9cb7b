"""About: version, where the data lives, and what the product is for."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from svctrainer import __version__
from svctrainer.gui.dialog_size import open_at_width
from svctrainer.gui.i18n import fill
from svctrainer.locations import data_dir, log_dir


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About svctrainer"))
        title = QLabel(f"<h2>svctrainer {__version__}</h2>")
        body = QLabel(
            self.tr(
                "Bank tellers practise the basic skills and the customer handling that decide "
                "how long customers wait and how they feel when they leave: satisfaction "
                "service, comfort service and delight service."
            )
        )
        body.setWordWrap(True)
        details = QLabel(
            fill(
                self.tr("Data folder: %1\nLog folder: %2\nPython %3, PySide6 %4"),
                str(data_dir()),
                str(log_dir()),
                platform.python_version(),
                pyside_version,
            )
        )
        details.setTextFormat(Qt.TextFormat.PlainText)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licence = QLabel(self.tr("Released under the MIT licence."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, body, details, licence, buttons):
            layout.addWidget(widget)
        open_at_width(self, 480)
