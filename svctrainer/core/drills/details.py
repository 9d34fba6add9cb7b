"""What a drill result stores beyond the shared figures: one typed, versioned ``Details``
dataclass per drill kind.

Why typed: the result screen, charts and exports read these figures. Read as dict keys
with defaults (``details.get("cases_done", 0)``), a key renamed in an engine quietly
shows 0 on every screen; read as dataclass fields, the rename fails type checking.

Why versioned: details are stored as JSON in every attempt row and must stay readable
for ever. ``to_dict`` writes the current layout (``VERSION``); ``from_dict`` reads any
layout up to ``VERSION`` (the attempt row keeps the version it was written with, see
``DrillResult.details_version``). A later change to a kind's details raises its
``VERSION`` and teaches ``from_dict`` the older layout, instead of rewriting old rows.

``Fields`` reads one stored mapping with types checked: a key the writer always writes
but an older row lacks gives the documented default (what screens showed before details
were typed); a value of the wrong type raises ``DetailsError`` naming the key, so damaged
JSON is reported, never shown as a plausible number.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Self, TypeVar

T = TypeVar("T")


class DetailsError(ValueError):
    """Stored details that do not fit their kind's layout; the message names the key."""


class Details(ABC):
    """Base of every kind's details (a frozen dataclass in each drill kind's module).

    ``to_dict`` is plain JSON (str keys; int, float, str, bool, None, lists, dicts) and
    ``type(d).from_dict(d.to_dict()) == d``.
    """

    VERSION: ClassVar[int] = 1

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """The layout of ``VERSION``, as stored."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], version: int = 1) -> Self:
        """Read stored details written with layout ``version``; DetailsError if they
        do not fit or come from a newer release than this one."""
        if not isinstance(data, Mapping):
            raise DetailsError(f"{cls.__name__}: stored details are not a mapping")
        if not 1 <= version <= cls.VERSION:
            raise DetailsError(
                f"{cls.__name__}: details layout {version} is not known to this release "
                f"(it reads 1 to {cls.VERSION})"
            )
        return cls.read(Fields(data, cls.__name__), version)

    @classmethod
    @abstractmethod
    def read(cls, fields: Fields, version: int) -> Self:
        """Build the details from checked ``fields`` of layout ``version``."""


class Fields:
    """Typed reads of one stored JSON mapping; ``where`` names it in error messages."""

    __slots__ = ("_data", "where")

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise DetailsError(f"{where} is not a mapping")
        self._data = data
        self.where = where

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def _bad(self, key: str, wanted: str) -> DetailsError:
        return DetailsError(f"{self.where}.{key} should be {wanted}, not {self._data[key]!r}")

    def integer(self, key: str, default: int = 0) -> int:
        value = self._data.get(key, default)
        if type(value) is not int:
            raise self._bad(key, "a whole number")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self._data.get(key) is None else self.integer(key)

    def number(self, key: str, default: float = 0.0) -> float:
        value = self.optional_number(key, default)
        if value is None:
            raise self._bad(key, "a number")
        return value

    def optional_number(self, key: str, default: float | None = None) -> float | None:
        value = self._data.get(key, default)
        if value is None:
            return None
        if type(value) not in (int, float) or not math.isfinite(value):
            raise self._bad(key, "a number")
        return float(value)

    def text(self, key: str, default: str = "") -> str:
        value = self._data.get(key, default)
        if not isinstance(value, str):
            raise self._bad(key, "text")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self._data.get(key)
        return None if value is None else self.text(key)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._data.get(key, default)
        if not isinstance(value, bool):
            raise self._bad(key, "true or false")
        return value

    def optional_flag(self, key: str) -> bool | None:
        """True, False, or None (absent or null: not recorded)."""
        return None if self._data.get(key) is None else self.flag(key)

    def decimal(self, key: str) -> Decimal:
        """An amount stored as text ("13.40"); Decimal keeps its places."""
        return parse_decimal(self.text(key), f"{self.where}.{key}")

    def optional_decimal(self, key: str) -> Decimal | None:
        value = self._data.get(key)
        return None if value is None else self.decimal(key)

    def integers(self, key: str) -> tuple[int, ...]:
        return tuple(self._each(key, lambda v: v if type(v) is int else None, "whole numbers"))

    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(self._each(key, lambda v: v if isinstance(v, str) else None, "texts"))

    def decimals(self, key: str) -> tuple[Decimal, ...]:
        where = f"{self.where}.{key}"
        return tuple(parse_decimal(t, where) for t in self.texts(key))

    def pairs(self, key: str) -> tuple[tuple[str, float], ...]:
        """A list of ``[name, number]`` pairs (the slowest keys with their mean ms)."""

        def pair(value: Any) -> tuple[str, float] | None:
            if not isinstance(value, list) or len(value) != 2:
                return None
            name, number = value
            if not isinstance(name, str) or type(number) not in (int, float):
                return None
            return name, float(number)

        return tuple(self._each(key, pair, "[name, number] pairs"))

    def counts(self, key: str) -> dict[str, int]:
        """A mapping of names to whole numbers (``{"wrong_total": 2}``)."""
        table = self.table(key)
        out: dict[str, int] = {}
        for name, value in table.items():
            if type(value) is not int:
                raise DetailsError(f"{self.where}.{key}.{name} should be a whole number")
            out[name] = value
        return out

    def table(self, key: str) -> Mapping[str, Any]:
        value = self._data.get(key, {})
        if not isinstance(value, Mapping):
            raise self._bad(key, "a table")
        return value

    def optional_record(self, key: str, read: Callable[[Fields], T]) -> T | None:
        value = self._data.get(key)
        if value is None:
            return None
        return read(Fields(self.table(key), f"{self.where}.{key}"))

    def records(self, key: str, read: Callable[[Fields], T]) -> tuple[T, ...]:
        """A list of stored tables, each read with ``read``."""
        value = self._data.get(key, [])
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        return tuple(read(Fields(item, f"{self.where}.{key}[{i}]")) for i, item in enumerate(value))

    def named_records(self, key: str, read: Callable[[Fields], T]) -> dict[str, T]:
        """A table of stored tables by name (per-key statistics), each read with ``read``."""
        table = self.table(key)
        return {
            name: read(Fields(item, f"{self.where}.{key}.{name}")) for name, item in table.items()
        }

    def values(self, key: str, check: Callable[[Any], T | None], wanted: str) -> tuple[T, ...]:
        """A list whose every item ``check`` turns into a value (None: does not fit,
        and DetailsError says the list should be ``wanted``)."""
        return tuple(self._each(key, check, wanted))

    def _each(self, key: str, check: Callable[[Any], T | None], wanted: str) -> list[T]:
        value = self._data.get(key, [])
        if not isinstance(value, list):
            raise self._bad(key, f"a list of {wanted}")
        out: list[T] = []
        for item in value:
            checked = check(item)
            if checked is None:
                raise self._bad(key, f"a list of {wanted}")
            out.append(checked)
        return out


def parse_decimal(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DetailsError(f"{where} should be an amount, not {text!r}") from None
    if not value.is_finite():
        raise DetailsError(f"{where} should be an amount, not {text!r}")
    return value


def plain_decimal(value: Decimal) -> str:
    """The stored text of an amount read by ``Fields.decimal`` (never in exponent form)."""
    return f"{value:f}"
