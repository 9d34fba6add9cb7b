"""The status bar's "Working…" sign: a moving bar while background work runs.

Why: a busy cursor alone is missed by someone typing or looking at the page, and tells
nothing on a touch screen. The sign appears only once a call has run for 0.3 s
(``gui/background.py`` decides), so quick calls never flash it, and goes as soon as the
last call is done. The window stays usable meanwhile: the sign only says that figures
are on their way.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from svctrainer.gui.background import Background


class BusyIndicator(QWidget):
    """A label and an indeterminate progress bar, shown while ``background`` is busy."""

    def __init__(self, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self.label = QLabel(self.tr("Working…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # indeterminate: how long a query takes is not known
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(90)
        self.bar.setMaximumHeight(12)
        self.bar.setAccessibleName(self.tr("Working…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        # Label and bar side by side at the status bar's right, never spread over it.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.setVisible(background.showing_busy)
        background.busy_changed.connect(self.setVisible)
