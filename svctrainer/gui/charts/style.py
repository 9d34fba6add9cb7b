"""Chart colours and plot styling that read well on the light and the dark palette.

Series colours come in pairs (light background, dark background) picked for contrast on
each; text, axes and the plot background follow the widget's palette roles, so a chart
never shows black text on a dark window. Practice and test points differ in shape as
well as colour (circle, square), so they stay apart in a grey-scale print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette

from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.theme import is_dark


@dataclass(frozen=True, slots=True)
class ChartColours:
    background: QColor
    text: QColor
    faint: QColor  # grid, axes of the radar
    practice: QColor
    test: QColor
    logged: QColor
    excluded: QColor
    rolling: QColor
    trend: QColor
    baseline: QColor
    latest: QColor
    first: QColor  # radar: the first run


_LIGHT = {
    "practice": "#1f6fb2",
    "test": "#d9661f",
    "logged": "#7b4fb0",
    "rolling": "#0f766e",
    "trend": "#b0357f",
    "baseline": "#5f6670",
    "latest": "#2e7d32",
    "first": "#8a9099",
}
_DARK = {
    "practice": "#6cb2f0",
    "test": "#f39c55",
    "logged": "#b794e0",
    "rolling": "#4dd0c4",
    "trend": "#e68ac2",
    "baseline": "#a7adb5",
    "latest": "#81c784",
    "first": "#9aa0a8",
}

SYMBOLS = {"practice": "o", "test": "s", "logged": "d"}


def chart_colours(palette: QPalette) -> ChartColours:
    table = _DARK if is_dark(palette) else _LIGHT
    faint = QColor(palette.color(QPalette.ColorRole.Mid))
    excluded = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
    return ChartColours(
        background=QColor(palette.color(QPalette.ColorRole.Base)),
        text=QColor(palette.color(QPalette.ColorRole.Text)),
        faint=faint,
        excluded=excluded,
        **{name: QColor(value) for name, value in table.items()},
    )


def mode_colour(colours: ChartColours, mode: str) -> QColor:
    return {"practice": colours.practice, "test": colours.test}.get(mode, colours.logged)


def mode_label(mode: str) -> str:
    return {
        "practice": translate("charts", "Practice"),
        "test": translate("charts", "Test"),
        "logged": translate("charts", "Logged"),
    }.get(mode, mode)


def style_plot(plot: object, colours: ChartColours) -> None:
    """Palette colours on a pyqtgraph PlotWidget; no pan/zoom menu (charts are read,
    not explored: a stray drag must not leave a chart scrolled off its data)."""
    import pyqtgraph as pg  # noqa: PLC0415 - charts only

    from svctrainer.gui.charts.page_wheel import pass_wheel_to_page  # noqa: PLC0415

    assert isinstance(plot, pg.PlotWidget)  # noqa: S101
    pg.setConfigOptions(antialias=True)
    plot.setBackground(colours.background)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    for side in ("bottom", "left", "right", "top"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(colours.text))
        axis.setTextPen(pg.mkPen(colours.text))
    pass_wheel_to_page(plot)


def plain_axis(plot: object, side: str) -> None:
    """No SI scale on a percent axis: "gain, %" never "gain, % (x0.001)" (pyqtgraph
    rescales an axis whose range is small, as an empty team chart's is)."""
    import pyqtgraph as pg  # noqa: PLC0415 - charts only

    assert isinstance(plot, pg.PlotWidget)  # noqa: S101
    plot.getAxis(side).enableAutoSIPrefix(False)


LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def family_labels(families: Sequence[Any]) -> dict[str, str]:
    """Family key → what a drill chooser shows: the title, plus the language where two
    families share a title (the English and Chinese ten-key packs)."""
    counts: dict[str, int] = {}
    for f in families:
        counts[f.title] = counts.get(f.title, 0) + 1
    return {
        f.key: _skill_label(f.title)
        if f.language == ""
        else f.title
        if counts[f.title] == 1
        else f"{f.title} ({LANGUAGE_NAMES.get(f.language, f.language)})"
        for f in families
    }


def _skill_label(title: str) -> str:
    """A skill in several languages ("Ten-key amounts / 小键盘金额录入", see
    ``language_skills``) under its title in the interface's language."""
    return fill(translate("charts", "%1 (all languages)"), _title_in_interface_language(title))


def skill_name(family: Any) -> str:
    """A core skill as the branch summary names it: a skill family in several languages
    by its title in the interface's language, any other family by its own title."""
    return _title_in_interface_language(family.title) if family.language == "" else family.title


def _title_in_interface_language(title: str) -> str:
    chinese_ui = QLocale().language() == QLocale.Language.Chinese
    parts = title.split(" / ")
    mine = [p for p in parts if any("\u4e00" <= c <= "\u9fff" for c in p) == chinese_ui]
    return mine[0] if mine else parts[0]
