"""Appearance and drill preferences; applied at once when accepted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.dialog_size import open_at_width
from svctrainer.gui.i18n import fill
from svctrainer.gui.language import LANGUAGE_NAMES, system_language
from svctrainer.gui.settings import FONT_SIZES, GuiSettings, Theme


class SettingsDialog(QDialog):
    def __init__(self, settings: GuiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings

        self.theme = QComboBox()
        for theme, label in (
            (Theme.SYSTEM, self.tr("Follow the system")),
            (Theme.LIGHT, self.tr("Light")),
            (Theme.DARK, self.tr("Dark")),
        ):
            self.theme.addItem(label, theme.value)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme.value))

        self.font_size = QComboBox()
        for size in FONT_SIZES:
            self.font_size.addItem(fill(self.tr("%1 pt"), str(size)), size)
        self.font_size.setCurrentIndex(self.font_size.findData(settings.font_size))

        self.sounds = QCheckBox(self.tr("Play a sound on a wrong key in drills"))
        self.sounds.setChecked(settings.sounds)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setValue(settings.idle_minutes)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setToolTip(
            self.tr("At a shared counter: sign out after this long without use.")
        )

        self.language = QComboBox()
        self.language.addItem(
            fill(self.tr("Follow the system (%1)"), LANGUAGE_NAMES[system_language()]), "system"
        )
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        language_note = QLabel(
            self.tr(
                "A new language applies the next time svctrainer starts. Drills and "
                "scenarios in the interface's language come first in the catalogue."
            )
        )
        language_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.tr("&Font size"), self.font_size)
        form.addRow(self.tr("S&ounds"), self.sounds)
        form.addRow(self.tr("Sign out when &idle"), self.idle_minutes)
        form.addRow(self.tr("&Language"), self.language)
        form.addRow("", language_note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        open_at_width(self, 420)

    def result_settings(self) -> GuiSettings:
        return self._settings.replace(
            theme=Theme(self.theme.currentData()),
            font_size=int(self.font_size.currentData()),
            sounds=self.sounds.isChecked(),
            idle_minutes=self.idle_minutes.value(),
            language=str(self.language.currentData()),
        )
