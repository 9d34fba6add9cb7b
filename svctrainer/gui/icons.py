"""The application icon and other artwork from ``assets/``."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from svctrainer.locations import bundled_dir


@cache
def app_icon() -> QIcon:
    return QIcon(str(bundled_dir("assets") / "icons" / "svctrainer.svg"))
