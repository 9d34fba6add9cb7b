"""Light, dark and follow-the-system palettes on the Fusion style.

Fusion draws the same on every platform, so a palette we set is the palette people see
(and screenshots in tests match what users get).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from svctrainer.gui.settings import GuiSettings, Theme

ACCENT = QColor(0x1F, 0x6F, 0xB2)  # a calm bank blue, readable on both backgrounds

FIRST_FRAME_STYLE = "Fusion"
"""The style the application is created with (``create_application``), by name: the first
frame is drawn by Fusion before Python ever holds a ``QStyle`` (see ``first_frame_appearance``)."""


def effective_theme(theme: Theme) -> Theme:
    """The theme to show: the person's, or for "system" the colour scheme the desktop
    reports (light when it reports none)."""
    from PySide6.QtCore import Qt  # noqa: PLC0415 - costly the first time: see first_frame_appearance

    if theme is not Theme.SYSTEM:
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return Theme.DARK if scheme == Qt.ColorScheme.Dark else Theme.LIGHT


def apply_appearance(app: QApplication, settings: GuiSettings) -> Theme:
    """Style, palette and font of ``settings``, changing only what differs.

    Why only what differs: ``setStyle`` unpolishes and repolishes every widget of every
    built page, and ``setFont`` lays them all out again; a theme switch needs neither,
    and with both it held the GUI thread for seconds (bench/bench_heartbeat.py). The
    palette alone reaches each widget as a ``PaletteChange``, which Fusion paints from
    directly, and charts restyle themselves on it (``charts/chart_frame.py``).
    """
    from PySide6.QtGui import QFont  # noqa: PLC0415 - see first_frame_appearance
    from PySide6.QtWidgets import QStyleFactory  # noqa: PLC0415

    from svctrainer.gui.check_indicator import ClearIndicatorStyle  # noqa: PLC0415

    if not isinstance(app.style(), ClearIndicatorStyle):
        app.setStyle(ClearIndicatorStyle(QStyleFactory.create("Fusion")))
    theme = effective_theme(settings.theme)
    palette = dark_palette() if theme is Theme.DARK else light_palette()
    if palette != app.palette():
        app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(settings.font_size)
    if font != app.font():
        app.setFont(font)
    return theme


def first_frame_appearance(app: QApplication, settings: GuiSettings) -> Theme:
    """The palette of the window's first frame, an empty one: its background is all a
    person sees of it, so the font waits for ``apply_appearance``.

    Set without reaching PySide's ``Qt`` namespace, ``QStyle`` or ``QFont``: the first use
    of such a class (importing it by name is a use) builds all its Python enums, 1 200
    members for ``Qt`` alone, 50-100 ms on a busy two-core machine, about a third of a bare
    window's start. Fusion was chosen by name when the application was created; "system"
    is read from the platform's palette, which Qt derives from the desktop's colour scheme.
    ``apply_appearance`` after the first paint installs the indicator style, the font, and
    settles "system" by the colour scheme itself (the same answer, but on a desktop whose
    palette and reported scheme disagree, where the frame is then recoloured once)."""
    theme = settings.theme
    if theme is Theme.SYSTEM:
        theme = Theme.DARK if is_dark(app.palette()) else Theme.LIGHT
    app.setPalette(dark_palette() if theme is Theme.DARK else light_palette())
    return theme


def light_palette() -> QPalette:
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: QColor(0xF4, 0xF5, 0xF7),
        QPalette.ColorRole.WindowText: QColor(0x1B, 0x1F, 0x24),
        QPalette.ColorRole.Base: QColor(0xFF, 0xFF, 0xFF),
        QPalette.ColorRole.AlternateBase: QColor(0xEE, 0xF1, 0xF5),
        QPalette.ColorRole.Text: QColor(0x1B, 0x1F, 0x24),
        QPalette.ColorRole.Button: QColor(0xE9, 0xEC, 0xF0),
        QPalette.ColorRole.ButtonText: QColor(0x1B, 0x1F, 0x24),
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: QColor(0xFF, 0xFF, 0xFF),
        QPalette.ColorRole.ToolTipBase: QColor(0xFF, 0xFF, 0xE8),
        QPalette.ColorRole.ToolTipText: QColor(0x1B, 0x1F, 0x24),
        QPalette.ColorRole.PlaceholderText: QColor(0x6B, 0x72, 0x7C),
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.BrightText: QColor(0xC6, 0x28, 0x28),
        QPalette.ColorRole.Mid: QColor(0xC4, 0xC9, 0xD0),
    }
    for role, color in colors.items():
        p.setColor(role, color)
    _disabled(p, QColor(0x9A, 0xA0, 0xA8))
    return p


def dark_palette() -> QPalette:
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: QColor(0x23, 0x26, 0x2B),
        QPalette.ColorRole.WindowText: QColor(0xE6, 0xE8, 0xEB),
        QPalette.ColorRole.Base: QColor(0x1A, 0x1C, 0x20),
        QPalette.ColorRole.AlternateBase: QColor(0x2A, 0x2E, 0x34),
        QPalette.ColorRole.Text: QColor(0xE6, 0xE8, 0xEB),
        QPalette.ColorRole.Button: QColor(0x31, 0x35, 0x3B),
        QPalette.ColorRole.ButtonText: QColor(0xE6, 0xE8, 0xEB),
        QPalette.ColorRole.Highlight: QColor(0x3D, 0x8B, 0xD4),
        QPalette.ColorRole.HighlightedText: QColor(0xFF, 0xFF, 0xFF),
        QPalette.ColorRole.ToolTipBase: QColor(0x31, 0x35, 0x3B),
        QPalette.ColorRole.ToolTipText: QColor(0xE6, 0xE8, 0xEB),
        QPalette.ColorRole.PlaceholderText: QColor(0x8B, 0x92, 0x9C),
        QPalette.ColorRole.Link: QColor(0x6C, 0xB2, 0xF0),
        QPalette.ColorRole.BrightText: QColor(0xFF, 0x6B, 0x6B),
        QPalette.ColorRole.Mid: QColor(0x4A, 0x4F, 0x57),
        # Fusion draws check-box and radio outlines and frames from these: without them
        # an unchecked box is invisible on the dark base.
        QPalette.ColorRole.Light: QColor(0x5A, 0x60, 0x69),
        QPalette.ColorRole.Midlight: QColor(0x45, 0x4A, 0x52),
        QPalette.ColorRole.Dark: QColor(0x8A, 0x90, 0x99),
        QPalette.ColorRole.Shadow: QColor(0x0E, 0x0F, 0x11),
    }
    for role, color in colors.items():
        p.setColor(role, color)
    _disabled(p, QColor(0x6E, 0x75, 0x7E))
    return p


def _disabled(p: QPalette, color: QColor) -> None:
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, color)


def is_dark(widget_palette: QPalette) -> bool:
    return widget_palette.color(QPalette.ColorRole.Window).lightness() < 128


def right_colour(palette: QPalette) -> QColor:
    """Green for a right answer that stays readable on the palette's base colour."""
    return QColor("#6fd08c") if is_dark(palette) else QColor("#1b7f3a")


def wrong_colour(palette: QPalette) -> QColor:
    """Red for a wrong answer, readable on the palette's base colour."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#c62828")
