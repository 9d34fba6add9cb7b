"""How drill figures are named and formatted on screen (translated, locale-aware)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from svctrainer.gui.drills.drill_ui import registered_uis, ui_named
from svctrainer.gui.i18n import fill, translate


def unit_name(unit: str | None) -> str:
    """The shown name of a figure's unit: the house's shared units here, the units a
    drill kind introduces from its ``DrillUI.unit_names``; else the stored name."""
    shared = {
        "net_kph": translate("figures", "net KPH"),
        "gross_kph": translate("figures", "gross KPH"),
        "cpm": translate("figures", "CPM"),
        "wpm": translate("figures", "WPM"),
        "notes_per_min": translate("figures", "notes/min"),  # cash counting and logged hand counts
        "points": translate("figures", "points"),
    }
    name = shared.get(unit or "")
    if name is not None:
        return name
    for ui in registered_uis():
        name = ui.unit_names().get(unit or "")
        if name is not None:
            return name
    return unit or ""


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return QLocale().toString(float(value), "f", decimals)


def percent(value: float | None, decimals: int = 1) -> str:
    """``value`` is a fraction (0.973 → "97.3 %")."""
    if value is None:
        return "—"
    return QLocale().toString(value * 100, "f", decimals) + " %"


def duration(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = ms // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def mode_name(mode: str) -> str:
    return {
        "practice": translate("figures", "Practice"),
        "test": translate("figures", "Test"),
        "logged": translate("figures", "Logged"),
    }.get(mode, mode)


# How pack titles already name their mode ("Ten-key amounts — practice", "传票算 — 比赛测试").
_MODE_WORDS = {"practice": ("practice", "练习"), "test": ("test", "测验", "测试")}


def title_with_mode(title: str, mode: str) -> str:
    """The content's title with its mode, unless the title names the mode already (the
    shipped packs do): never "Ten-key amounts — practice — Practice"."""
    if any(word in title.lower() for word in _MODE_WORDS.get(mode, ())):
        return title
    return fill(translate("figures", "%1 — %2"), title, mode_name(mode))


def drill_type_name(drill_type: str | None) -> str:
    """The shown name of the drill kind stored as ``drill_type`` (None: a scenario)."""
    if drill_type is None:
        return translate("figures", "Scenario")
    ui = ui_named(drill_type)
    return ui.name() if ui is not None else drill_type
