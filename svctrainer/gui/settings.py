"""The person's GUI preferences as a typed model, stored with QSettings in an INI file.

The INI file lives in svctrainer's config folder (moved by ``SVCTRAINER_HOME``), not in
Qt's default location, so tests and portable installs never touch the real profile.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from svctrainer.locations import config_dir


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


FONT_SIZES = (9, 10, 11, 12, 14, 16, 18)
DEFAULT_FONT_SIZE = 10
"""Points; fixed-size drawings (charts, the mood meter) are laid out for it and grow with
a larger setting."""
# "system": the language the system locale asks for (svctrainer.gui.language).
LANGUAGES = ("system", "en", "zh_CN")


class GuiSettings:
    """The preferences, read before the window's first frame. A plain class, not a
    dataclass: the ``dataclasses`` module is imported by nothing else that early, and it
    (with the scan PySide makes of every module imported after it) costs 5 ms, a thirtieth
    of a bare Qt window's start (bench/bench_first_window.py)."""

    __slots__ = ("font_size", "idle_minutes", "language", "last_profile", "sounds", "theme")

    def __init__(
        self,
        *,
        theme: Theme = Theme.SYSTEM,
        font_size: int = DEFAULT_FONT_SIZE,
        sounds: bool = True,
        language: str = "system",
        last_profile: str = "",
        idle_minutes: int = 10,
    ) -> None:
        self.theme = theme
        self.font_size = font_size
        self.sounds = sounds
        self.language = language
        self.last_profile = last_profile
        self.idle_minutes = idle_minutes
        """Automatic sign-out after this many minutes without input; 0: never."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: Any) -> GuiSettings:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        values = dict(zip(self.__slots__, self._values(), strict=True))
        unknown = changes.keys() - values.keys()
        if unknown:
            raise TypeError(f"GuiSettings has no {', '.join(sorted(unknown))}")
        return GuiSettings(**{**values, **changes})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GuiSettings):
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.__slots__, self._values(), strict=True)
        )
        return f"GuiSettings({fields})"


def settings_store(folder: Path | None = None) -> QSettings:
    """The INI file in ``folder`` (by default the config folder), made if need be."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "gui.ini"), QSettings.Format.IniFormat)


def load_settings(store: QSettings | None = None) -> GuiSettings:
    store = store or settings_store()
    defaults = GuiSettings()
    theme = str(store.value("appearance/theme", defaults.theme))
    size = _int(store.value("appearance/font_size", defaults.font_size), defaults.font_size)
    language = str(store.value("appearance/language", defaults.language))
    return GuiSettings(
        theme=Theme(theme) if theme in Theme._value2member_map_ else defaults.theme,
        font_size=size if size in FONT_SIZES else defaults.font_size,
        sounds=_bool(store.value("drills/sounds", defaults.sounds)),
        language=language if language in LANGUAGES else defaults.language,
        last_profile=str(store.value("login/last_profile", "")),
        idle_minutes=max(0, min(240, _int(store.value("login/idle_minutes", 10), 10))),
    )


def save_settings(settings: GuiSettings, store: QSettings | None = None) -> None:
    store = store or settings_store()
    store.setValue("appearance/theme", settings.theme.value)
    store.setValue("appearance/font_size", settings.font_size)
    store.setValue("appearance/language", settings.language)
    store.setValue("drills/sounds", settings.sounds)
    store.setValue("login/last_profile", settings.last_profile)
    store.setValue("login/idle_minutes", settings.idle_minutes)
    store.sync()


def save_geometry(geometry: QByteArray, state: QByteArray, store: QSettings | None = None) -> None:
    store = store or settings_store()
    store.setValue("window/geometry", geometry)
    store.setValue("window/state", state)
    store.sync()


def load_geometry(store: QSettings | None = None) -> tuple[QByteArray | None, QByteArray | None]:
    store = store or settings_store()
    geometry = store.value("window/geometry")
    state = store.value("window/state")
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )


def _int(value: object, default: int) -> int:
    # QSettings hands back an int, or the string an INI file holds; anything else is damage.
    if not isinstance(value, int | str):
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _bool(value: object) -> bool:
    # INI files hand booleans back as the strings "true"/"false".
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
