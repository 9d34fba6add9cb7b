"""Validation of free-text fields people type: names, employee numbers, notes.

Names end up in tables, PDF reports and audit logs. Control characters and bidi
overrides (U+202E can make "gnp.exe" read as "exe.png") must not reach them, and a
pasted novel must not become a name. Emoji and any script are fine: branches have staff
from everywhere, and a name is whatever the person writes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Bidi embedding/override/isolate controls: format characters (Cf) that change how
# surrounding text is displayed. Zero-width joiners (also Cf) are allowed because emoji
# sequences and some scripts need them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_ALLOWED_FORMAT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_EMPLOYEE_NUMBER_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

NAME_MAX = 80
EMPLOYEE_NUMBER_MAX = 32
TEAM_NAME_MAX = 60
NOTE_MAX = 2000


@dataclass(frozen=True, slots=True)
class FieldError(ValueError):
    """A field value was refused; ``field`` names it so a form can highlight it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def clean_text(value: str, *, field: str, max_len: int, multiline: bool = False) -> str:
    """Return the value trimmed and NFC-normalised, or raise FieldError saying why not."""
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise FieldError(field, "must not be empty")
    if len(text) > max_len:
        raise FieldError(field, f"is {len(text)} characters long; the limit is {max_len}")
    for ch in text:
        if multiline and ch in "\n\t":
            continue
        if ch in _BIDI_CONTROLS:
            raise FieldError(field, f"contains a text-direction control (U+{ord(ch):04X})")
        category = unicodedata.category(ch)
        if category == "Cc" or (category == "Cf" and ch not in _ALLOWED_FORMAT):
            raise FieldError(field, f"contains an invisible control character (U+{ord(ch):04X})")
    return text


def clean_name(value: str) -> str:
    return clean_text(value, field="name", max_len=NAME_MAX)


def clean_team_name(value: str) -> str:
    return clean_text(value, field="team", max_len=TEAM_NAME_MAX)


def clean_note(value: str) -> str:
    return clean_text(value, field="note", max_len=NOTE_MAX, multiline=True)


def clean_employee_number(value: str) -> str:
    """Employee numbers are matched and sorted, so keep them to plain ASCII."""
    text = value.strip()
    if not text:
        raise FieldError("employee_number", "must not be empty")
    if len(text) > EMPLOYEE_NUMBER_MAX:
        raise FieldError(
            "employee_number", f"is {len(text)} characters long; the limit is {EMPLOYEE_NUMBER_MAX}"
        )
    if not _EMPLOYEE_NUMBER_RE.fullmatch(text):
        raise FieldError("employee_number", "may contain only letters, digits, '.', '_' and '-'")
    return text


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (C0, DEL, C1) and
    direction controls are shown as ``\\xNN``/``\\uNNNN`` escapes instead of acting
    (an ESC sequence could clear the screen or retitle the window)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS
        else ch
        for ch in text
    )
