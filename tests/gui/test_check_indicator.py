"""Check boxes and radio buttons can be seen in both themes: the indicator stands out
from the window behind it by at least WCAG's 3:1 for controls, checked or not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)

from svctrainer.gui.settings import GuiSettings, Theme
from svctrainer.gui.theme import apply_appearance

pytestmark = pytest.mark.gui

NON_TEXT_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _indicator_contrast(qtbot, button: QAbstractButton) -> float:
    """The strongest contrast between any pixel of the drawn indicator and the window."""
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    ratio = button.devicePixelRatioF()
    window = button.palette().color(QPalette.ColorRole.Window)
    return max(
        contrast(image.pixelColor(round(x * ratio), round(y * ratio)), window)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.fixture
def appearance(qapp) -> Iterator[None]:
    yield
    apply_appearance(qapp, GuiSettings(theme=Theme.LIGHT))


@pytest.mark.parametrize("theme", [Theme.DARK, Theme.LIGHT])
@pytest.mark.parametrize("checked", [False, True])
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_indicators_stand_out_from_the_window(qtbot, appearance, theme, checked, kind):
    apply_appearance(QApplication.instance(), GuiSettings(theme=theme))
    button = kind("Sounds")
    button.setChecked(checked)
    assert _indicator_contrast(qtbot, button) >= NON_TEXT_CONTRAST
