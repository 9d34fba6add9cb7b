"""A small declarative schema for TOML tables, reporting issues by key path.

Pack validation has to report *every* problem, each at the offending key, and must never
raise on hostile input. ``validate_table`` therefore checks a decoded table against a
``TableSpec`` and returns the cleaned values plus ``Issue``s (a key path and a message);
the loader turns paths into ``line:col`` with ``locator``. Values that fail a check are
left out of the cleaned dict, so later cross-checks simply skip what is missing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from svctrainer.core.packs.locator import Path, format_path
from svctrainer.core.problems import Severity

# Bidi embedding/override/isolate controls: they can make shown text read differently
# from what it is (U+202E turns "gnp.exe" into "exe.png"), so pack texts may not use them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\n\t")  # instructions may break lines and indent


def control_character(value: str) -> str | None:
    """The first control character (C0, DEL, C1) that a pack text may not hold: terminal
    escapes would reach ``content list``, and PostgreSQL cannot store NUL at all."""
    return next(
        (ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS),
        None,
    )


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem at a key path (``()`` = the whole document); the loader adds line:col."""

    path: Path
    message: str
    severity: Severity = Severity.ERROR


class Kind(StrEnum):
    STR = "string"
    INT = "integer"
    DECIMAL = "number"  # integer or float, returned as an exact Decimal of its literal
    BOOL = "boolean"
    DATE = "date"  # a TOML local date such as 1990-01-31
    INT_RANGE = "[min, max] pair of integers"  # a single integer n means [n, n]
    STR_LIST = "array of strings"
    TABLE = "table"
    TABLES = "array of tables"
    ANY_TABLE = "any table"  # a table checked later by the drill type
    ANY_TABLES = "any array of tables"  # ditto


@dataclass(frozen=True, slots=True)
class Key:
    """One allowed key. ``minimum``/``maximum`` bound numbers, range ends and, for strings
    and lists, the length (``max_length``). ``choices`` restricts strings (and string list
    elements)."""

    name: str
    kind: Kind
    required: bool = False
    default: Any = None
    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    table: TableSpec | None = None
    hint: str = ""  # appended to range errors, e.g. "write 0.95 for 95 %"


@dataclass(frozen=True, slots=True)
class TableSpec:
    keys: tuple[Key, ...]
    by_name: Mapping[str, Key] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {k.name: k for k in self.keys})


def where(path: Path) -> str:
    return f"[{format_path(path)}]" if path else "the top level"


def suggestion(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_TYPE_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),  # before int: bool is a subclass of int
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    ((dt.datetime, dt.time), "a date-time"),  # before date: datetime is a subclass
    (dt.date, "a date"),
    (list, "an array"),
    (dict, "a table"),
)


def type_name(value: object) -> str:
    """How a TOML value's type is named in messages ("an integer", "a table"...)."""
    for types, name in _TYPE_NAMES:
        if isinstance(value, types):
            return name
    return type(value).__name__


def validate_table(spec: TableSpec, raw: object, path: Path) -> tuple[dict[str, Any], list[Issue]]:
    """Check ``raw`` (a decoded TOML table) against ``spec``; see the module docstring."""
    if not isinstance(raw, dict):
        return {}, [Issue(path, f"{format_path(path)} must be a table, not {type_name(raw)}")]
    issues: list[Issue] = []
    clean: dict[str, Any] = {}
    known = [k.name for k in spec.keys]
    for name, value in raw.items():
        key = spec.by_name.get(name)
        if key is None:
            issues.append(
                Issue(
                    (*path, name), f"unknown key '{name}' in {where(path)}{suggestion(name, known)}"
                )
            )
            continue
        checked, key_issues = _check_value(key, value, (*path, name))
        issues += key_issues
        # A nested table keeps its valid parts so later cross-checks can still run.
        nested = key.kind in (Kind.TABLE, Kind.TABLES)
        if checked is not None and (nested or not _has_error(key_issues)):
            clean[name] = checked
    for key in spec.keys:
        if key.name in raw:
            continue
        if key.required:
            issues.append(Issue(path, f"missing required key '{key.name}' in {where(path)}"))
        elif key.default is not None:
            clean[key.name] = key.default
    return clean, issues


def _has_error(issues: list[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


def _check_value(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    return _CHECKERS[key.kind](key, value, path)


def _wrong(value: object, path: Path, expected: str) -> tuple[Any, list[Issue]]:
    return None, [Issue(path, f"{format_path(path)} must be {expected}, not {type_name(value)}")]


def _check_str_value(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if not isinstance(value, str):
        return _wrong(value, path, "a string")
    return _check_str(key, value, path)


def _check_int(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if type(value) is not int:
        return _wrong(value, path, "an integer")
    return value, _range_issues(key, value, path)


def _check_decimal(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if type(value) not in (int, float):
        return _wrong(value, path, "a number")
    if isinstance(value, float) and not math.isfinite(value):
        return None, [Issue(path, f"{format_path(path)} must be a finite number")]
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    return number, _range_issues(key, number, path)


def _check_bool(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if type(value) is not bool:
        return _wrong(value, path, "true or false")
    return value, []


def _check_date(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if type(value) is not dt.date:
        return _wrong(value, path, "a date such as 1990-01-31")
    return value, []


def _check_table(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    if key.table is None:  # checked later by the drill type
        return (value, []) if isinstance(value, dict) else _wrong(value, path, "a table")
    return validate_table(key.table, value, path)


def _check_str(key: Key, value: str, path: Path) -> tuple[Any, list[Issue]]:
    label = format_path(path)
    if key.required and not value.strip():
        return None, [Issue(path, f"{label} must not be empty")]
    if key.max_length is not None and len(value) > key.max_length:
        return None, [Issue(path, f"{label} is longer than {key.max_length} characters")]
    hidden = next((ch for ch in value if ch in _BIDI_CONTROLS), None)
    if hidden is not None:
        return None, [
            Issue(path, f"{label} contains the invisible direction control U+{ord(hidden):04X}")
        ]
    control = control_character(value)
    if control is not None:
        return None, [Issue(path, f"{label} contains the control character U+{ord(control):04X}")]
    if key.choices and value not in key.choices:
        options = ", ".join(f"'{c}'" for c in key.choices)
        hint = suggestion(value, list(key.choices))
        return None, [Issue(path, f"{label} must be one of {options}, not '{value}'{hint}")]
    if key.pattern is not None and not re.fullmatch(key.pattern, value):
        return None, [Issue(path, f"{label} '{value}' is not valid ({key.hint or key.pattern})")]
    return value, []


def _range_issues(key: Key, value: int | Decimal, path: Path) -> list[Issue]:
    label = format_path(path)
    hint = f"; {key.hint}" if key.hint else ""
    if key.minimum is not None and value < key.minimum:
        return [Issue(path, f"{label} must be at least {key.minimum}, not {value}{hint}")]
    if key.maximum is not None and value > key.maximum:
        return [Issue(path, f"{label} must be at most {key.maximum}, not {value}{hint}")]
    return []


def _check_int_range(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    label = format_path(path)
    if type(value) is int:
        value = [value, value]
        parts: list[Path] = [path, path]
    elif isinstance(value, list) and len(value) == 2:
        parts = [(*path, 0), (*path, 1)]
    else:
        return None, [Issue(path, f"{label} must be {Kind.INT_RANGE}, not {type_name(value)}")]
    issues: list[Issue] = []
    for part, item in zip(parts, value, strict=True):
        if type(item) is not int:
            issues.append(
                Issue(part, f"{format_path(part)} must be an integer, not {type_name(item)}")
            )
        else:
            issues += _range_issues(key, item, part)
    if issues:
        return None, issues
    low, high = value
    if low > high:
        return None, [Issue(path, f"{label}: the minimum {low} is greater than the maximum {high}")]
    return (low, high), []


def _check_str_list(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    label = format_path(path)
    if not isinstance(value, list):
        return None, [Issue(path, f"{label} must be an array of strings, not {type_name(value)}")]
    if not value:
        return None, [Issue(path, f"{label} must not be empty")]
    if key.max_length is not None and len(value) > key.max_length:
        return None, [Issue(path, f"{label} has more than {key.max_length} entries")]
    issues: list[Issue] = []
    for index, item in enumerate(value):
        item_path = (*path, index)
        if not isinstance(item, str):
            issues.append(Issue(item_path, f"{format_path(item_path)} must be a string"))
        elif (control := control_character(item)) is not None:
            message = f"contains the control character U+{ord(control):04X}"
            issues.append(Issue(item_path, f"{format_path(item_path)} {message}"))
        elif key.choices and item not in key.choices:
            options = ", ".join(f"'{c}'" for c in key.choices)
            hint = suggestion(item, list(key.choices))
            issues.append(
                Issue(
                    item_path,
                    f"{format_path(item_path)} must be one of {options}, not '{item}'{hint}",
                )
            )
    if len(set(map(str, value))) != len(value) and not issues:
        issues.append(Issue(path, f"{label} lists an entry twice"))
    return (None if issues else tuple(value)), issues


def _check_tables(key: Key, value: object, path: Path) -> tuple[Any, list[Issue]]:
    label = format_path(path)
    if not isinstance(value, list):
        return None, [Issue(path, f"{label} must be an array of tables, not {type_name(value)}")]
    if key.max_length is not None and len(value) > key.max_length:
        return None, [
            Issue(path, f"{label} has {len(value)} entries; at most {key.max_length} are allowed")
        ]
    if key.required and not value:
        return None, [Issue(path, f"{label} must not be empty")]
    issues: list[Issue] = []
    clean: list[Any] = []
    for index, item in enumerate(value):
        item_path = (*path, index)
        if not isinstance(item, dict):
            issues.append(
                Issue(item_path, f"{format_path(item_path)} must be a table, not {type_name(item)}")
            )
            clean.append({})  # keep indices aligned with the raw array
            continue
        if key.kind is Kind.ANY_TABLES or key.table is None:
            clean.append(item)
            continue
        checked, item_issues = validate_table(key.table, item, item_path)
        issues += item_issues
        clean.append(checked)
    return clean, issues


_CHECKERS: dict[Kind, Callable[[Key, object, Path], tuple[Any, list[Issue]]]] = {
    Kind.STR: _check_str_value,
    Kind.INT: _check_int,
    Kind.DECIMAL: _check_decimal,
    Kind.BOOL: _check_bool,
    Kind.DATE: _check_date,
    Kind.INT_RANGE: _check_int_range,
    Kind.STR_LIST: _check_str_list,
    Kind.TABLE: _check_table,
    Kind.ANY_TABLE: _check_table,
    Kind.TABLES: _check_tables,
    Kind.ANY_TABLES: _check_tables,
}
