"""The one way GUI text is translated: Qt Linguist's own calls, found by ``pyside6-lupdate``.

Why these two functions and nothing cleverer: lupdate extracts a call only when it sees a
literal context and a literal source text in ``self.tr("…")`` or ``translate("Context",
"…")``; a wrapper that builds either at run time hides the string from the translator.
Arguments are Qt's numbered ``%1``…``%9`` (a translation may reorder them, which named
Python fields in an f-string cannot survive) and plurals Qt's ``%n``.

    from svctrainer.gui.i18n import fill, translate
    fill(translate("PracticePage", "Saved %1 at %2"), name, when)
    translate("PracticePage", "%n attempt(s)", None, count)
    fill(self.tr("Best: %1"), best)          # inside a QObject subclass
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_MARKER = re.compile(r"%([1-9])")
_PLURAL_S = "(s)"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (``%n`` filled with ``n`` when given).

    pyside6-lupdate records plural forms only for ``self.tr(…, n)``, so an English text
    from this function has no plural entry in the English catalogue and would read
    "1 attempt(s)"; its English "(s)" is settled here from ``n``. Chinese has no plural
    forms, and no translation holds "(s)"."""
    result = QCoreApplication.translate(context, text, disambiguation, n)
    if n >= 0 and _PLURAL_S in result:
        result = result.replace(_PLURAL_S, "" if n == 1 else "s")
    return result


def fill(text: str, *values: object) -> str:
    """Put ``values`` in place of ``%1``…``%9`` in one pass, as ``QString::arg`` with several
    arguments does: a value that itself contains ``%2`` is never filled again, and a marker
    with no value is left as it is (so a missing argument shows, rather than vanishing)."""

    def value_for(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group(0)

    return _MARKER.sub(value_for, text)
