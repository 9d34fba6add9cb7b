"""Typed reading of a marked tree, collecting every problem with its line and column.

Each ``SchemaReader`` method returns the value, or None after recording a problem, so a
caller can keep going and report all problems of a file in one pass. The size limits
and identifier rules live here because every content path (YAML file, Twine import,
inline JSON) must enforce the same ones.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from svctrainer.core.problems import ContentError, Problem, Severity
from svctrainer.core.problems import decode_utf8 as decode_content_utf8
from svctrainer.core.scenarios.marked import (
    Mark,
    MMap,
    MScalar,
    MSeq,
    MValue,
    to_plain,
)

E = TypeVar("E", bound=Enum)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TWEE_BYTES = 5 * 1024 * 1024
MAX_NODES = 500
MAX_CHOICES = 24
KEYBOARD_CHOICES = 9  # choices beyond this have no number key in the GUI
MAX_ID = 200
MAX_SHORT_ID = 64
MAX_LINE_TEXT = 300
MAX_TEXT = 20_000
MAX_VERBATIM = 200_000
MAX_LIST = 16
MAX_PASSAGES = 2_000
MOOD_DELTA = 10.0  # a choice moves mood by at most this much per axis (the scale is -5..5)
SERVQUAL_POINTS = 10
MAX_SENSITIVITY = 5.0
MAX_TIME_LIMIT_S = 600.0

SCENARIO_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
CHOICE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
FLAG_NAME = re.compile(r"[a-z][a-z0-9_]*")
PORTRAIT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL_LIKE = re.compile(r"\w+:///?\w", re.ASCII | re.IGNORECASE)  # as twinejs parse-links
RESERVED_NODE_IDS = frozenset({"StoryTitle", "StoryData", "ScenarioData"})
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_MAYBE_TEXT_PROBLEM = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""Every character ``_text_problem`` can object to (the Cc and Cs categories, the line
breaks), and a few it lets pass (tab, LF where several lines are allowed): text without
any of them has no problem, found in one C scan instead of a category look-up per
character (every text of every scenario loaded or imported)."""


def node_id_problem(candidate: str) -> str | None:
    """Why ``candidate`` cannot be a node id, or None. Node ids double as Twine passage
    names and link targets, so they exclude what Twee headers and links give meaning to."""
    if not candidate:
        return "must not be empty"
    if len(candidate) > MAX_ID:
        return f"is longer than {MAX_ID} characters"
    if candidate != candidate.strip():
        return "must not start or end with a space"
    if any(ch in "[]{}|" for ch in candidate) or "->" in candidate or "<-" in candidate:
        return "must not contain [ ] { } | -> or <-"
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in candidate):
        return "must be a single line without control characters"
    if URL_LIKE.match(candidate):
        return "must not look like a web address"
    if candidate in RESERVED_NODE_IDS:
        return "is reserved for Twine"
    return None


def _text_problem(value: str, *, single_line: bool, verbatim: bool = False) -> str | None:
    if _MAYBE_TEXT_PROBLEM.search(value) is None:
        return None
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            return "contains an unpaired surrogate"
        if verbatim:
            continue
        if single_line and ch in _LINE_BREAKS:
            return "must be a single line"
        if category == "Cc" and ch not in "\t\n":
            return f"contains the control character {ch!r}"
    return None


def _shown(value: MScalar) -> str:
    """A value as written, shortened for a one-line message."""
    return value.text if len(value.text) <= 24 else value.text[:20] + "..."


def choice_text_problem(text: str) -> str | None:
    """Choice texts become Twine link texts: they must not contain link markup."""
    if not text:
        return "must not be empty"
    if any(s in text for s in ("[[", "]]", "][")):
        return "must not contain [[ ]] or ][ (Twine link markup)"
    return None


def normalize_text(value: str) -> str:
    """Authored text as the model keeps it: line breaks as LF, no surrounding whitespace."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def decode_utf8(data: bytes, path: str, max_bytes: int) -> str:
    """The text of a content file; ContentError if too large or not UTF-8 (located by
    line and column, as every content loader reports it)."""
    if len(data) > max_bytes:
        raise ContentError([Problem(path, 0, 0, f"file is larger than {max_bytes} bytes")])
    return decode_content_utf8(data, path)


class SchemaReader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def error(self, at: MValue | Mark, message: str) -> None:
        mark = at if isinstance(at, Mark) else at.mark
        self.problems.append(Problem(self.path, mark.line, mark.col, message))

    def warn(self, at: MValue | Mark, message: str) -> None:
        mark = at if isinstance(at, Mark) else at.mark
        self.problems.append(Problem(self.path, mark.line, mark.col, message, Severity.WARNING))

    def fields(
        self,
        value: MValue,
        what: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> dict[str, tuple[MScalar, MValue]] | None:
        """The entries of a mapping by key, after checking duplicates and unknown keys."""
        if not isinstance(value, MMap):
            self.error(value, f"{what} must be a mapping (key: value)")
            return None
        allowed_set = set(allowed)
        result: dict[str, tuple[MScalar, MValue]] = {}
        for key, item in value.entries:
            name = str(key.value) if key.kind == "str" else key.text
            if name in result:
                self.error(key, f'duplicate key "{name}" in {what}')
            elif name not in allowed_set:
                choices = ", ".join(sorted(allowed_set))
                self.error(key, f'unknown key "{name}" in {what} (allowed: {choices})')
            else:
                result[name] = (key, item)
        for name in required:
            if name not in result:
                self.error(value, f'{what} needs "{name}"')
        return result

    def text(
        self,
        value: MValue,
        what: str,
        *,
        max_len: int = MAX_TEXT,
        single_line: bool = False,
        allow_empty: bool = True,
        normalize: bool = True,
        verbatim: bool = False,
    ) -> str | None:
        """Text; ``verbatim`` keeps it exactly as given (Twine passages kept for export),
        otherwise line breaks become LF, surrounding space is dropped and control
        characters are refused."""
        if not isinstance(value, MScalar) or value.kind != "str":
            hint = "; put it in quotes" if isinstance(value, MScalar) else ""
            self.error(value, f"{what} must be text{hint}")
            return None
        raw = str(value.value)
        result = normalize_text(raw) if normalize and not verbatim else raw
        problem = _text_problem(result, single_line=single_line, verbatim=verbatim)
        if problem:
            self.error(value, f"{what} {problem}")
            return None
        if len(result) > max_len:
            self.error(value, f"{what} is longer than {max_len} characters")
            return None
        if not result and not allow_empty:
            self.error(value, f"{what} must not be empty")
            return None
        return result

    def ident(self, value: MValue, what: str, pattern: re.Pattern[str], hint: str) -> str | None:
        result = self.text(value, what, max_len=MAX_SHORT_ID, single_line=True, normalize=False)
        if result is None:
            return None
        if not pattern.fullmatch(result):
            self.error(value, f'{what} "{result}" must be {hint}')
            return None
        return result

    def node_id(self, value: MValue, what: str) -> str | None:
        result = self.text(value, what, max_len=MAX_ID, single_line=True, normalize=False)
        if result is None:
            return None
        problem = node_id_problem(result)
        if problem:
            self.error(value, f'{what} "{result}" {problem}')
            return None
        return result

    def number(self, value: MValue, what: str, low: float, high: float) -> float | None:
        if (
            not isinstance(value, MScalar)
            or value.kind not in ("int", "float")
            or not isinstance(value.value, int | float)
        ):
            self.error(value, f"{what} must be a number")
            return None
        try:
            number = float(value.value)
        except OverflowError:  # an integer beyond float range
            number = math.inf
        if not math.isfinite(number) or not low <= number <= high:
            self.error(value, f"{what} must be between {low:g} and {high:g}, not {_shown(value)}")
            return None
        return number

    def integer(self, value: MValue, what: str, low: int, high: int) -> int | None:
        if not isinstance(value, MScalar) or value.kind != "int" or type(value.value) is not int:
            self.error(value, f"{what} must be a whole number")
            return None
        number = value.value
        if not low <= number <= high:
            self.error(value, f"{what} must be between {low} and {high}, not {_shown(value)}")
            return None
        return number

    def boolean(self, value: MValue, what: str) -> bool | None:
        if not isinstance(value, MScalar) or value.kind != "bool":
            self.error(value, f"{what} must be true or false")
            return None
        return bool(value.value)

    def member(self, value: MValue, enum: type[E], what: str) -> E | None:
        if isinstance(value, MScalar) and value.kind == "str":
            for option in enum:
                if option.value == value.value:
                    return option
        allowed = ", ".join(str(o.value) for o in enum)
        shown = "this"
        if isinstance(value, MScalar):
            shown = str(value.value) if value.kind == "str" else value.text
        self.error(value, f'{what} "{shown}" is not one of: {allowed}')
        return None

    def items(self, value: MValue, what: str, max_items: int = MAX_LIST) -> tuple[MValue, ...]:
        if not isinstance(value, MSeq):
            self.error(value, f"{what} must be a list")
            return ()
        if len(value.items) > max_items:
            self.error(value, f"{what} has more than {max_items} entries")
            return ()
        return value.items

    def members(self, value: MValue, enum: type[E], what: str) -> tuple[E, ...]:
        found = (self.member(v, enum, f"{what} entry") for v in self.items(value, what))
        return tuple(m for m in found if m is not None)

    def json_data(self, value: MValue, what: str) -> dict[str, object] | None:
        """A free-form JSON object kept verbatim (Twine metadata): finite numbers, text
        without unpaired surrogates."""
        if not isinstance(value, MMap):
            self.error(value, f"{what} must be a mapping")
            return None
        if not self._json_ok(value, what):
            return None
        data = to_plain(value)
        return data if isinstance(data, dict) else None

    def _json_ok(self, value: MValue, what: str) -> bool:
        if isinstance(value, MScalar):
            if value.kind in ("int", "float"):
                if isinstance(value.value, float) and not math.isfinite(value.value):
                    self.error(value, f"{what}: numbers must be finite")
                    return False
                return True
            if value.kind == "str":
                return self.text(value, what, max_len=MAX_VERBATIM, verbatim=True) is not None
            if value.kind in ("bool", "null"):
                return True
            self.error(value, f"{what}: {value.text!r} is not a JSON value")
            return False
        if isinstance(value, MSeq):
            return all([self._json_ok(v, what) for v in value.items])
        names: set[str] = set()
        ok = True
        for key, item in value.entries:
            name = str(key.value) if key.kind == "str" else key.text
            if key.kind != "str":
                self.error(key, f"{what}: key {key.text!r} must be text")
                ok = False
            elif name in names:
                self.error(key, f'{what}: duplicate key "{name}"')
                ok = False
            names.add(name)
            ok = self._json_ok(item, what) and ok
        return ok
