"""Currency sets for the cash-handling drills: denominations, kinds, labels and artwork.

The making-change, cash-counting and drawer-balancing drills all work on a currency set:
the denominations a teller's drawer holds, each a note or a coin with a face value (an
exact ``Decimal`` with two places), a display label in the pack's language and the
training-specimen artwork drawn for it (``assets/notes/<image>``).

Built-in sets: CNY, USD and EUR (``builtin_currency``). A pack chooses one in its
``[generator]`` with ``currency = "CNY"``, and may replace its denominations (a drawer
without 1-cent coins, a training currency) with ``[[generator.denominations]]`` tables;
a code that is not built in must define them. See ``CURRENCY_KEYS`` and
``currency_from_generator``; the pack format is in docs/drill-pack-format.md.

Invariants of every ``CurrencySet`` (built in or from a pack):

- 1 to ``MAX_DENOMINATIONS`` denominations, at least one note, values unique, sorted
  from the largest to the smallest;
- every value is positive, at most ``MAX_FACE_VALUE``, with at most two decimals;
- every value is a whole multiple of the smallest one, so any multiple of the smallest
  value can be paid out (the change and drawer drills rely on it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from svctrainer.core.money import CENT
from svctrainer.core.packs.locator import Path
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, type_name, validate_table

MAX_DENOMINATIONS = 20
MAX_FACE_VALUE = Decimal(10_000)
GENERIC_NOTE_IMAGE = "generic-note.svg"
GENERIC_COIN_IMAGE = "generic-coin.svg"
IMAGE_PATTERN = r"[a-z0-9][a-z0-9._-]{0,60}\.svg"
COLOUR_PATTERN = r"#[0-9a-fA-F]{6}"


class PieceKind(StrEnum):
    NOTE = "note"
    COIN = "coin"


@dataclass(frozen=True, slots=True)
class Denomination:
    """One denomination. ``image``: file in ``assets/notes/`` (a generic image for
    pack-defined denominations, on which the GUI writes ``label``); ``colour``: the
    "#rrggbb" colour the artwork uses, for GUI accents."""

    value: Decimal
    kind: PieceKind
    label: str
    image: str
    colour: str

    @property
    def cents(self) -> int:
        return int(self.value * 100)

    @property
    def generic_image(self) -> bool:
        return self.image in (GENERIC_NOTE_IMAGE, GENERIC_COIN_IMAGE)


@dataclass(frozen=True, slots=True)
class CurrencySet:
    code: str
    symbol: str
    denominations: tuple[Denomination, ...]  # largest first

    @property
    def notes(self) -> tuple[Denomination, ...]:
        return tuple(d for d in self.denominations if d.kind is PieceKind.NOTE)

    @property
    def smallest(self) -> Denomination:
        return self.denominations[-1]

    def find(self, value: Decimal) -> Denomination | None:
        """The denomination worth ``value`` (``Decimal("0.5") == Decimal("0.50")``)."""
        return next((d for d in self.denominations if d.value == value), None)

    def total(self, counts: Mapping[Decimal, int]) -> Decimal:
        """Σ value × count, exact, with two places."""
        return sum((Decimal(v) * n for v, n in counts.items()), Decimal("0.00")).quantize(CENT)


def amount_text(value: Decimal) -> str:
    """An amount as plain text with two places (``"13.40"``), as stored in result details."""
    return f"{value.quantize(CENT):f}"


def face_text(value: Decimal) -> str:
    """A face value without needless zeros (``100``, ``0.5``, ``0.25``): file names, keys."""
    return f"{value.normalize():f}"


# -- built-in sets ----------------------------------------------------------------------
# (value, kind, English label, Chinese label, colour). The colours are the training
# specimens' own palette, not those of real notes.
_BUILTIN: dict[str, tuple[str, tuple[tuple[str, PieceKind, str, str, str], ...]]] = {
    "CNY": (
        "¥",
        (
            ("100", PieceKind.NOTE, "¥100", "100元", "#b03a48"),
            ("50", PieceKind.NOTE, "¥50", "50元", "#2e7d4f"),
            ("20", PieceKind.NOTE, "¥20", "20元", "#8a5a2b"),
            ("10", PieceKind.NOTE, "¥10", "10元", "#2f5d9e"),
            ("5", PieceKind.NOTE, "¥5", "5元", "#7a3f98"),
            ("1", PieceKind.NOTE, "¥1", "1元", "#5b7f2a"),
            ("0.5", PieceKind.COIN, "¥0.5", "5角", "#c9a227"),
            ("0.1", PieceKind.COIN, "¥0.1", "1角", "#9aa3ab"),
        ),
    ),
    "USD": (
        "$",
        (
            ("100", PieceKind.NOTE, "$100", "100美元", "#3d6b5c"),
            ("50", PieceKind.NOTE, "$50", "50美元", "#8d4f6a"),
            ("20", PieceKind.NOTE, "$20", "20美元", "#4f7a3a"),
            ("10", PieceKind.NOTE, "$10", "10美元", "#b0652e"),
            ("5", PieceKind.NOTE, "$5", "5美元", "#5a5f9e"),
            ("1", PieceKind.NOTE, "$1", "1美元", "#6b7d5a"),
            ("0.25", PieceKind.COIN, "25¢", "25美分", "#a7adb3"),
            ("0.1", PieceKind.COIN, "10¢", "10美分", "#b4b9be"),
            ("0.05", PieceKind.COIN, "5¢", "5美分", "#9da3a8"),
            ("0.01", PieceKind.COIN, "1¢", "1美分", "#b87333"),
        ),
    ),
    "EUR": (
        "€",
        (
            ("200", PieceKind.NOTE, "€200", "200欧元", "#b8912f"),
            ("100", PieceKind.NOTE, "€100", "100欧元", "#3f8a4a"),
            ("50", PieceKind.NOTE, "€50", "50欧元", "#c2662d"),
            ("20", PieceKind.NOTE, "€20", "20欧元", "#3b5fa8"),
            ("10", PieceKind.NOTE, "€10", "10欧元", "#b2424f"),
            ("5", PieceKind.NOTE, "€5", "5欧元", "#6d7378"),
            ("2", PieceKind.COIN, "€2", "2欧元", "#c9a227"),
            ("1", PieceKind.COIN, "€1", "1欧元", "#b9b27a"),
            ("0.5", PieceKind.COIN, "50c", "50欧分", "#d4af37"),
            ("0.2", PieceKind.COIN, "20c", "20欧分", "#d1ad3c"),
            ("0.1", PieceKind.COIN, "10c", "10欧分", "#cfab41"),
            ("0.05", PieceKind.COIN, "5c", "5欧分", "#b87333"),
            ("0.02", PieceKind.COIN, "2c", "2欧分", "#b5703a"),
            ("0.01", PieceKind.COIN, "1c", "1欧分", "#b26d40"),
        ),
    ),
}
BUILTIN_CODES = tuple(sorted(_BUILTIN))


def builtin_image(code: str, kind: PieceKind, value: Decimal) -> str:
    """Artwork file of a built-in denomination, e.g. ``cny-note-100.svg``."""
    return f"{code.lower()}-{kind}-{face_text(value)}.svg"


def builtin_currency(code: str, language: str = "en") -> CurrencySet | None:
    """The built-in set ``code`` with labels in ``language`` (Chinese for ``zh*``,
    English otherwise); None for other codes."""
    entry = _BUILTIN.get(code)
    if entry is None:
        return None
    symbol, rows = entry
    chinese = language.startswith("zh")
    return CurrencySet(
        code,
        symbol,
        tuple(
            Denomination(
                Decimal(value).quantize(CENT),
                kind,
                zh if chinese else en,
                builtin_image(code, kind, Decimal(value)),
                colour,
            )
            for value, kind, en, zh, colour in rows
        ),
    )


# -- pack keys ----------------------------------------------------------------------------
DENOMINATION_SPEC = TableSpec(
    (
        Key("value", Kind.DECIMAL, required=True, minimum=Decimal("0.01"), maximum=MAX_FACE_VALUE),
        Key("kind", Kind.STR, required=True, choices=tuple(PieceKind)),
        Key("label", Kind.STR, max_length=20),
        Key("image", Kind.STR, pattern=IMAGE_PATTERN, hint="a file name such as cny-note-100.svg"),
        Key("colour", Kind.STR, pattern=COLOUR_PATTERN, hint="a colour such as #2f5d9e"),
    )
)
CURRENCY_KEYS: tuple[Key, ...] = (
    Key("currency", Kind.STR, required=True, pattern=r"[A-Z]{3}", hint="a code such as CNY"),
    Key("currency_symbol", Kind.STR, max_length=5),
    Key("denominations", Kind.TABLES, max_length=MAX_DENOMINATIONS, table=DENOMINATION_SPEC),
)
"""Keys every cash drill's ``[generator]`` accepts (add them to the drill's TableSpec)."""

_DEFAULT_COLOUR = "#5f6b73"


def currency_from_generator(
    clean: Mapping[str, Any], raw: Mapping[str, Any], language: str, path: Path = ("generator",)
) -> tuple[CurrencySet | None, list[Issue]]:
    """The currency a pack's ``[generator]`` describes (``clean``: values validated with
    ``CURRENCY_KEYS``; ``raw``: the table as written, to tell given keys from defaults)."""
    code = clean.get("currency")
    if code is None:
        return None, []
    base = builtin_currency(code, language)
    symbol = clean.get("currency_symbol", base.symbol if base else code + " ")
    if "denominations" not in raw:
        if base is None:
            known = ", ".join(BUILTIN_CODES)
            return None, [
                Issue(
                    (*path, "currency"),
                    f"'{code}' is not a built-in currency ({known}); define its notes and "
                    "coins with [[generator.denominations]]",
                )
            ]
        if "currency_symbol" in clean:
            base = CurrencySet(
                code, symbol, tuple(_relabel(d, base.symbol, symbol) for d in base.denominations)
            )
        return base, []
    tables = clean.get("denominations")
    if tables is None:  # the array itself was malformed; already reported
        return None, []
    return _defined_set(code, symbol, tables, base, (*path, "denominations"))


def _relabel(d: Denomination, old: str, new: str) -> Denomination:
    label = new + d.label.removeprefix(old) if d.label.startswith(old) else d.label
    return Denomination(d.value, d.kind, label, d.image, d.colour)


def _defined_set(
    code: str,
    symbol: str,
    tables: Sequence[Mapping[str, Any]],
    base: CurrencySet | None,
    path: Path,
) -> tuple[CurrencySet | None, list[Issue]]:
    issues: list[Issue] = []
    found: list[Denomination] = []
    seen: set[Decimal] = set()
    for index, table in enumerate(tables):
        where = (*path, index)
        value = table.get("value")
        kind = table.get("kind")
        if value is None or kind is None:
            continue  # reported by validate_table
        if value != value.quantize(CENT):
            issues.append(Issue((*where, "value"), f"value {value} has more than two decimals"))
            continue
        value = value.quantize(CENT)
        if value in seen:
            issues.append(Issue((*where, "value"), f"value {face_text(value)} is listed twice"))
            continue
        seen.add(value)
        known = base.find(value) if base is not None else None
        if known is not None and known.kind != kind:
            known = None
        kind = PieceKind(kind)
        generic = GENERIC_NOTE_IMAGE if kind is PieceKind.NOTE else GENERIC_COIN_IMAGE
        label = table.get("label") or (known.label if known else f"{symbol}{face_text(value)}")
        image = table.get("image") or (known.image if known else generic)
        colour = table.get("colour") or (known.colour if known else _DEFAULT_COLOUR)
        found.append(Denomination(value, kind, label, image, colour))
    if not tables:
        issues.append(Issue(path, "list at least one denomination"))
    if issues or not found:
        return None, issues
    found.sort(key=lambda d: d.value, reverse=True)
    smallest = found[-1].value
    for d in found:
        if d.value % smallest != 0:
            index = next(i for i, t in enumerate(tables) if t.get("value") == d.value)
            issues.append(
                Issue(
                    (*path, index, "value"),
                    f"value {face_text(d.value)} is not a whole multiple of the smallest "
                    f"denomination {face_text(smallest)}",
                )
            )
    if not any(d.kind is PieceKind.NOTE for d in found):
        issues.append(Issue(path, 'list at least one note (kind = "note")'))
    if issues:
        return None, issues
    return CurrencySet(code, symbol, tuple(found)), []


def validate_generator_currency(
    spec: TableSpec, generator: Mapping[str, Any] | None, language: str, drill: str
) -> tuple[dict[str, Any], CurrencySet | None, list[Issue]]:
    """Validate a cash drill's whole ``[generator]`` against ``spec`` (which includes
    ``CURRENCY_KEYS``) and resolve its currency: (clean values, currency, issues)."""
    if generator is None:
        return (
            {},
            None,
            [Issue((), f"a {drill} pack needs a [generator] table naming its currency")],
        )
    clean, issues = validate_table(spec, generator, ("generator",))
    currency, more = currency_from_generator(clean, generator, language)
    return clean, currency, issues + more


def face_values(
    value: object,
    currency: CurrencySet,
    path: Path,
    *,
    notes_only: bool = False,
    max_items: int = 50,
) -> tuple[tuple[Denomination, ...] | None, list[Issue]]:
    """A pack's array of face values (``[20, 0.5]``), each a denomination of
    ``currency`` (a note when ``notes_only``), in the order written; or issues located
    at the array or the offending element."""
    what = "notes" if notes_only else "notes or coins"
    if not isinstance(value, list) or not value:
        return None, [
            Issue(path, f"write a non-empty array of face values of {what}, e.g. [20, 5]")
        ]
    if len(value) > max_items:
        return None, [Issue(path, f"at most {max_items} face values may be listed")]
    found: list[Denomination] = []
    issues: list[Issue] = []
    for index, item in enumerate(value):
        number: Decimal | None = None
        if type(item) is int:
            number = Decimal(item)
        elif type(item) is float:
            try:
                number = Decimal(repr(item))
            except InvalidOperation:  # pragma: no cover - repr of a float always parses
                number = None
        hit = currency.find(number) if number is not None and number.is_finite() else None
        if hit is not None and notes_only and hit.kind is not PieceKind.NOTE:
            hit = None
        if hit is None:
            shown = repr(item) if number is not None else type_name(item)
            kind = "a note" if notes_only else "a denomination"
            issues.append(Issue((*path, index), f"{shown} is not {kind} of {currency.code}"))
        else:
            found.append(hit)
    return (None, issues) if issues else (tuple(found), [])
