"""Problems found in content files, located as ``path:line:col``.

Drill packs (TOML), scenarios (YAML) and Twine stories all report through this one type,
so the CLI and the GUI show trainers the same message, pointing at the same place, for
every kind of file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error rejects the file; a warning is shown but the file is still usable."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a content file.

    ``line`` and ``col`` are 1-based, as editors show them; 0 means "the whole file"
    (e.g. it is not UTF-8 or it is too large to read).
    """

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when a content file cannot be used; carries every problem found, not just
    the first, so a trainer can fix a file in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def decode_utf8(data: bytes, path: str) -> str:
    """The text of a content file, without a leading byte-order mark (Windows editors add
    one). ContentError pointing at the first byte that is not UTF-8, by line and column,
    so a trainer can find it in any editor."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        message = f"not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8"
        raise ContentError([Problem(path, line, col, message)]) from None
    return text.removeprefix("\ufeff")
