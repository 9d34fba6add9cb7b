"""How drill figures are named and formatted on screen (translated, locale-aware)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def tr(text: str) -> str:
    return QCoreApplication.translate("figures", text)


def unit_name(unit: str | None) -> str:
    names = {
        "net_kph": tr("net KPH"),
        "gross_kph": tr("gross KPH"),
        "cpm": tr("CPM"),
        "wpm": tr("WPM"),
        "notes_per_min": tr("notes/min"),
        "vouchers_per_min": tr("vouchers/min"),
        "answers_per_min": tr("answers/min"),
        "items_per_min": tr("items/min"),
        "cases_per_hour": tr("cases/hour"),
        "gross_notes_per_min": tr("gross notes/min"),
        "points": tr("points"),
    }
    return names.get(unit or "", unit or "")


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
    return {"practice": tr("Practice"), "test": tr("Test"), "logged": tr("Logged")}.get(mode, mode)


def drill_type_name(drill_type: str | None) -> str:
    names = {
        "tenkey": tr("Ten-key amounts"),
        "data_entry": tr("Data entry"),
        "voucher_summing": tr("Voucher summing"),
        "amount_words": tr("Amounts in words"),
        "making_change": tr("Making change"),
        "cash_counting": tr("Cash counting"),
        "drawer_balancing": tr("Drawer balancing"),
        None: tr("Scenario"),
    }
    return names.get(drill_type, drill_type or "")
