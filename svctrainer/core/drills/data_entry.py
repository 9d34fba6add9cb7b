"""Drill 2 — data entry: copy customer records field by field.

Each record has the fields the pack lists in ``[[generator.fields]]`` (kinds: name,
iban, card, date, amount, resident_id, mobile). Account and card numbers are shown in
print format (groups of four) and typed compact, as core banking screens take them;
mobile numbers are shown 3-4-4 and typed compact; resident ID numbers (18 characters,
GB 11643) are shown and typed whole; amounts are shown grouped and typed plain; dates are
ISO (1987-03-14).

The entry form checks each confirmed value as a core banking screen does
(``field_problem``): an ID number's structure, birth date and MOD 11-2 check character;
a card number's length, issuer prefix and Luhn digit; a mobile number's segment; an
IBAN's mod-97 digits; a real date; a plain amount. A value that fails is refused and
counted as an error (``typing_engine``). Tab or Enter confirms a field. Chinese names (zh
packs) arrive as IME commits; each committed character is one stroke. The primary speed
is CPM; per-field accuracy is in ``TypingDetails.field_stats``.

``[[items]]`` may fix the records instead of generating them: one table per record with a
value per field name; IBANs and card numbers there must pass their check digits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core.drills.account_numbers import (
    IBAN_LAYOUTS,
    generate_card_number,
    generate_iban,
    group_in_fours,
    iban_is_valid,
    luhn_is_valid,
)
from svctrainer.core.drills.amounts import (
    AmountSpec,
    LeadingDigit,
    amount_keys,
    display_amount,
    generate_amount,
)
from svctrainer.core.drills.kind import CounterSkill, DrillKind, SkillMeasure
from svctrainer.core.drills.mobile_numbers import generate_mobile, group_mobile, mobile_is_valid
from svctrainer.core.drills.person_names import NameStyle, generate_name
from svctrainer.core.drills.resident_id import generate_resident_id, id_problem
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import Timing
from svctrainer.core.drills.tenkey import amount_spec, parse_fixed_amount
from svctrainer.core.drills.typing_details import TypingDetails
from svctrainer.core.drills.typing_engine import (
    TYPING_FIGURES,
    ItemSource,
    TypingField,
    TypingItem,
    TypingRun,
    play_typing,
)
from svctrainer.core.keystrokes import ENTER, TAB
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.locator import Path
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, suggestion, validate_table

FIELD_KINDS = ("name", "iban", "card", "date", "amount", "resident_id", "mobile")
KIND_KEYS: dict[str, frozenset[str]] = {
    "resident_id": frozenset({"from", "to"}),
    "mobile": frozenset(),
    "name": frozenset({"style"}),
    "iban": frozenset({"countries"}),
    "card": frozenset({"lengths", "prefixes"}),
    "date": frozenset({"from", "to"}),
    "amount": frozenset(
        {"integer_digits", "decimals", "leading_digit", "group_separator", "decimal_separator"}
    ),
}
COMMON_KEYS = frozenset({"name", "kind", "label"})
MAX_NAME_LENGTH = 60
FIELD_SPEC = TableSpec(
    (
        Key("name", Kind.STR, required=True, pattern=r"[a-z][a-z0-9_]{0,31}",
            hint="lower-case letters, digits and _"),
        Key("kind", Kind.STR, required=True, choices=FIELD_KINDS),
        Key("label", Kind.STR, required=True, max_length=80),
        Key("style", Kind.STR, choices=("latin", "chinese")),
        Key("countries", Kind.STR_LIST, choices=tuple(sorted(IBAN_LAYOUTS)), default=("GB", "DE")),
        Key("lengths", Kind.INT_RANGE, minimum=12, maximum=19, default=(16, 16)),
        Key("prefixes", Kind.STR_LIST, max_length=20),
        Key("from", Kind.DATE, default=dt.date(1940, 1, 1)),
        Key("to", Kind.DATE, default=dt.date(2006, 12, 31)),
        Key("integer_digits", Kind.INT_RANGE, minimum=1, maximum=13, default=(1, 6)),
        Key("decimals", Kind.INT, minimum=0, maximum=4, default=2),
        Key("leading_digit", Kind.STR, choices=("benford", "uniform"), default="benford"),
        Key("group_separator", Kind.STR, choices=(",", " ", ".", "'", ""), default=","),
        Key("decimal_separator", Kind.STR, choices=(".", ","), default="."),
    )
)  # fmt: skip
GENERATOR_SPEC = TableSpec(
    (Key("fields", Kind.TABLES, required=True, max_length=12, table=FIELD_SPEC),)
)


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """How one field of every record is made; only the attributes of its kind are used."""

    name: str
    kind: str
    label: str
    style: NameStyle = NameStyle.LATIN
    countries: tuple[str, ...] = ("GB",)
    lengths: tuple[int, int] = (16, 16)
    prefixes: tuple[str, ...] = ("4",)
    date_from: dt.date = dt.date(1940, 1, 1)
    date_to: dt.date = dt.date(2006, 12, 31)
    amount: AmountSpec | None = None


@dataclass(frozen=True, slots=True)
class DataEntryContent:
    fields: tuple[FieldPlan, ...]
    records: tuple[TypingItem, ...] | None  # fixed records, or None to generate


def make_field(rng: SeededRandom, plan: FieldPlan) -> TypingField:
    """One generated value of ``plan``, as shown and as typed."""
    if plan.kind == "name":
        name = generate_name(rng, plan.style)
        return TypingField(plan.name, plan.label, name, name)
    if plan.kind == "iban":
        iban = generate_iban(rng, rng.choice(plan.countries))
        return TypingField(plan.name, plan.label, group_in_fours(iban), iban)
    if plan.kind == "card":
        number = generate_card_number(rng, rng.between(*plan.lengths), rng.choice(plan.prefixes))
        return TypingField(plan.name, plan.label, group_in_fours(number), number)
    if plan.kind == "resident_id":
        number = generate_resident_id(rng, plan.date_from, plan.date_to)
        return TypingField(plan.name, plan.label, number, number)
    if plan.kind == "mobile":
        number = generate_mobile(rng)
        return TypingField(plan.name, plan.label, group_mobile(number), number)
    if plan.kind == "date":
        day = dt.date.fromordinal(rng.between(plan.date_from.toordinal(), plan.date_to.toordinal()))
        return TypingField(plan.name, plan.label, day.isoformat(), day.isoformat())
    spec = plan.amount or AmountSpec((1, 6))
    value = generate_amount(rng, spec)
    return _amount_field(plan, value, spec.decimals, spec)


def _amount_field(plan: FieldPlan, value: Decimal, decimals: int, spec: AmountSpec) -> TypingField:
    shown = display_amount(value, decimals, spec.group_separator, spec.decimal_separator)
    return TypingField(plan.name, plan.label, shown, amount_keys(value, decimals))


_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'-]*")
_CHINESE_NAME = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·]*")


def field_problem(plan: FieldPlan, typed: str) -> str | None:  # noqa: PLR0911
    """Why a core banking screen refuses ``typed`` in a field made by ``plan``, as a
    short code (``"length"``, ``"check"``, ``"date"``, ``"segment"``, ``"prefix"``,
    ``"characters"``, ``"region"``, ``"birth_date"``, ``"empty"``), or None."""
    if not typed:
        return "empty"
    if plan.kind == "resident_id":
        problem = id_problem(typed)
        return None if problem is None else str(problem)
    if plan.kind == "mobile":
        if len(typed) != 11:
            return "length"
        return None if mobile_is_valid(typed) else ("segment" if typed.isdigit() else "characters")
    if plan.kind == "card":
        if not typed.isascii() or not typed.isdigit():
            return "characters"
        if not plan.lengths[0] <= len(typed) <= plan.lengths[1]:
            return "length"
        if not any(typed.startswith(p) for p in plan.prefixes):
            return "prefix"
        return None if luhn_is_valid(typed) else "check"
    if plan.kind == "iban":
        return None if iban_is_valid(typed) else "check"
    if plan.kind == "date":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", typed):
            return "date"
        try:
            dt.date.fromisoformat(typed)
        except ValueError:
            return "date"
        return None
    if plan.kind == "amount":
        decimals = plan.amount.decimals if plan.amount is not None else 2
        shape = r"[0-9]+" + (rf"(\.[0-9]{{1,{decimals}}})?" if decimals else "")
        return None if re.fullmatch(shape, typed) else "characters"
    pattern = _CHINESE_NAME if plan.style is NameStyle.CHINESE else _LATIN_NAME
    return None if pattern.fullmatch(typed) else "characters"


class DataEntryRun(TypingRun):
    CONFIRM_KEYS: ClassVar[tuple[str, ...]] = (TAB, ENTER)

    def field_problem(self, typed: str) -> str | None:
        content: DataEntryContent = self.definition.content
        plan = next((p for p in content.fields if self.field and p.name == self.field.name), None)
        return None if plan is None else field_problem(plan, typed)

    def make_source(self, rng: SeededRandom) -> ItemSource:
        content: DataEntryContent = self.definition.content
        if content.records is not None:
            records = content.records
            return ItemSource(len(records), lambda i: records[i])
        plans = content.fields
        return ItemSource(None, lambda _i: TypingItem(tuple(make_field(rng, p) for p in plans)))


class DataEntryDrill(DrillKind[DataEntryRun, TypingDetails]):
    name: ClassVar[str] = "data_entry"
    speed_unit: ClassVar[str] = "cpm"
    grade_figures: ClassVar[frozenset[str]] = TYPING_FIGURES
    default_error_penalty: ClassVar[int] = 10
    measures: ClassVar[SkillMeasure | None] = SkillMeasure(CounterSkill.KEYING, 60.0)  # CPM×60
    run_type = DataEntryRun
    details_type = TypingDetails

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[DataEntryContent | None, list[Issue]]:
        if generator is None:
            return None, [
                Issue(
                    (), "a data-entry pack needs [[generator.fields]] listing the record's fields"
                )
            ]
        clean, issues = validate_table(GENERATOR_SPEC, generator, ("generator",))
        plans: list[FieldPlan] = []
        seen: set[str] = set()
        for index, raw_field in enumerate(clean.get("fields", ())):
            path: Path = ("generator", "fields", index)
            plan, more = _plan(raw_field, generator["fields"][index], path, language)
            issues += more
            if plan is None:
                continue
            if plan.name in seen:
                issues.append(Issue((*path, "name"), f"field name '{plan.name}' is used twice"))
            seen.add(plan.name)
            plans.append(plan)
        if "fields" in clean and not clean["fields"]:
            issues.append(Issue(("generator", "fields"), "list at least one field"))
        if issues:
            return None, issues
        records = None
        if items is not None:
            records, issues = _records(items, tuple(plans))
        return (None if issues else DataEntryContent(tuple(plans), records)), issues

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> DataEntryRun:
        if options:
            raise ValueError(f"unknown data-entry options: {sorted(options)}")
        return DataEntryRun(self, definition, mode, seed, {})

    def play(self, run: DataEntryRun, timing: Timing, max_active_ns: int) -> None:
        play_typing(run, timing, max_active_ns)


def _plan(
    clean: Mapping[str, Any], raw: Mapping[str, Any], path: Path, language: str
) -> tuple[FieldPlan | None, list[Issue]]:
    kind = clean.get("kind")
    if kind is None or "name" not in clean or "label" not in clean:
        return None, []
    issues = [
        Issue((*path, key), f"'{key}' does not apply to a {kind} field")
        for key in raw
        if key in FIELD_SPEC.by_name and key not in COMMON_KEYS | KIND_KEYS[kind]
    ]
    default_style = NameStyle.CHINESE if language.startswith("zh") else NameStyle.LATIN
    prefixes = clean.get("prefixes") or (("62",) if language.startswith("zh") else ("4",))
    lengths = clean.get("lengths", (16, 16))
    for k, prefix in enumerate(prefixes if kind == "card" else ()):
        if not re.fullmatch(r"[0-9]{1,6}", prefix) or len(prefix) >= lengths[0]:
            issues.append(
                Issue((*path, "prefixes", k), f"card prefix '{prefix}' must be 1 to 6 digits")
            )
    if kind == "date" and clean.get("from", dt.date.min) > clean.get("to", dt.date.max):
        issues.append(Issue((*path, "from"), "'from' is later than 'to'"))
    spec = None
    if kind == "amount":
        spec, more = amount_spec(clean, path)
        issues += more
    if issues or (kind == "amount" and spec is None):
        return None, issues
    return (
        FieldPlan(
            name=clean["name"],
            kind=kind,
            label=clean["label"],
            style=NameStyle(clean.get("style", default_style)),
            countries=tuple(clean.get("countries", ("GB", "DE"))),
            lengths=lengths,
            prefixes=tuple(prefixes),
            date_from=clean.get("from", dt.date(1940, 1, 1)),
            date_to=clean.get("to", dt.date(2006, 12, 31)),
            amount=spec,
        ),
        [],
    )


def _records(
    items: Sequence[Mapping[str, Any]], plans: tuple[FieldPlan, ...]
) -> tuple[tuple[TypingItem, ...] | None, list[Issue]]:
    issues: list[Issue] = []
    records: list[TypingItem] = []
    names = [p.name for p in plans]
    for index, raw in enumerate(items):
        path: Path = ("items", index)
        if not isinstance(raw, Mapping):
            issues.append(Issue(path, f"items[{index}] must be a table"))
            continue
        issues += [
            Issue(
                (*path, key),
                f"unknown field '{key}' in items[{index}]{suggestion(str(key), names)}",
            )
            for key in raw
            if key not in names
        ]
        fields: list[TypingField] = []
        for plan in plans:
            if plan.name not in raw:
                issues.append(Issue(path, f"items[{index}] has no value for field '{plan.name}'"))
                continue
            field, problem = _fixed_field(plan, raw[plan.name])
            if problem:
                issues.append(Issue((*path, plan.name), problem))
            elif field is not None:
                fields.append(field)
        records.append(TypingItem(tuple(fields)))
    if not items:
        issues.append(Issue(("items",), "[[items]] is empty"))
    return (None if issues else tuple(records)), issues


def _fixed_field(plan: FieldPlan, value: object) -> tuple[TypingField | None, str | None]:  # noqa: PLR0911
    """A trainer-written value checked like a generated one; (field, None) or (None, why)."""
    if plan.kind == "date":
        if type(value) is dt.date:
            return TypingField(plan.name, plan.label, value.isoformat(), value.isoformat()), None
        return None, f"'{plan.name}' must be a date such as 1987-03-14"
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        return None, f"'{plan.name}' must be a non-empty single-line string"
    if plan.kind == "name":
        if len(value) > MAX_NAME_LENGTH:
            return None, f"'{plan.name}' is longer than {MAX_NAME_LENGTH} characters"
        return TypingField(plan.name, plan.label, value, value), None
    compact = value.replace(" ", "")
    if plan.kind == "resident_id":
        problem = id_problem(value)
        if problem is not None:
            return None, (
                f"'{value}' is not a valid resident ID number ({problem}: 18 characters, "
                "a real birth date, MOD 11-2 check character)"
            )
        return TypingField(plan.name, plan.label, value, value), None
    if plan.kind == "mobile":
        if not mobile_is_valid(compact):
            return None, f"'{value}' is not a mainland mobile number (11 digits, a segment in use)"
        return TypingField(plan.name, plan.label, group_mobile(compact), compact), None
    if plan.kind == "iban":
        if not iban_is_valid(compact):
            return None, f"'{value}' is not a valid IBAN (country, length or mod-97 check digits)"
        return TypingField(plan.name, plan.label, group_in_fours(compact), compact), None
    if plan.kind == "card":
        if not 12 <= len(compact) <= 19 or not luhn_is_valid(compact):
            return None, f"'{value}' is not a valid card number (12-19 digits, Luhn check digit)"
        return TypingField(plan.name, plan.label, group_in_fours(compact), compact), None
    parsed = parse_fixed_amount(value)
    if parsed is None:
        return (
            None,
            f"amount '{value}' must be plain digits with an optional '.' (e.g. \"12480.35\")",
        )
    spec = plan.amount or AmountSpec((1, 6), leading_digit=LeadingDigit.BENFORD)
    return _amount_field(plan, parsed[0], parsed[1], spec), None


DATA_ENTRY = DataEntryDrill()
