"""Which language the interface speaks, and installing Qt's translators for it.

The language is the person's setting, or the system locale's when they left it to the
system. The catalogue ``assets/i18n/svctrainer_<lang>.qm`` is compiled from
``i18n/svctrainer_<lang>.ts`` (``python i18n/update.py``); English has one too, only for
its plural forms ("1 attempt", "2 attempts"), since the source texts read "%n attempt(s)".
Qt's own ``qtbase_<lang>.qm`` translates the standard buttons and dialogs (OK, Cancel, the
file dialog). Dates, times, numbers and money follow ``QLocale()``, set here as the
default so every ``QLocale().toString`` in the GUI agrees with the words around it.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from svctrainer.locations import bundled_dir

# Each language named in its own words: a person who cannot read the current one still
# finds theirs in the list.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def system_language() -> str:
    """The interface language the system locale asks for: Chinese for any Chinese locale
    (the translation is Simplified Chinese, what mainland bank counters use), else English."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def interface_language(setting: str) -> str:
    """The language to show: the person's choice, or the system's for ``"system"``."""
    return setting if setting in LANGUAGE_NAMES else system_language()


def content_language() -> str:
    """The language code of content packs (``en``, ``zh``) that matches the interface."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def catalogue_dir() -> str:
    return str(bundled_dir("assets") / "i18n")


def install_translators(app: QApplication, setting: str) -> list[QTranslator]:
    """Install svctrainer's and Qt's catalogues for the language, and its locale.

    A missing catalogue is not an error (the interface then stays in English); the
    translators are returned so that they live as long as the application."""
    language = interface_language(setting)
    # An English interface keeps an English system locale (en_GB dates stay British);
    # otherwise, and under the bare C locale, the locale is the interface language's, so
    # Chinese text carries Chinese dates and an English one never reads "6 12 2026".
    system = QLocale.system()
    own = system_language() == language and system.language() != QLocale.Language.C
    locale = system if own else QLocale(language)
    QLocale.setDefault(locale)
    installed = []
    for name, folder in (
        (f"svctrainer_{language}", catalogue_dir()),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
