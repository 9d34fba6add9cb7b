"""Load and check drill packs (``drills/*.toml``); the format is in docs/drill-pack-format.md.

The CLI (``svctrainer content check``), the importer and the GUI all go through
``check_pack_bytes``, so trainers see the same ``path:line:col: message`` everywhere.
Whatever the bytes, only ``ContentError`` ever leaves ``load_pack``, and
``check_pack_bytes`` never raises: a hostile or broken file cannot take the app down.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from svctrainer.core.drills.registry import MAX_SEED, AnyKind, drill_kind, drill_kind_names
from svctrainer.core.packs.definition import (
    DrillDefinition,
    ErrorPolicy,
    Form,
    GradeLevel,
    Mode,
    RunSettings,
    Scoring,
)
from svctrainer.core.packs.locator import KeyLocations, Path, locate_keys
from svctrainer.core.packs.schema import (
    Issue,
    Key,
    Kind,
    TableSpec,
    suggestion,
    validate_table,
)
from svctrainer.core.problems import ContentError, Problem, Severity, decode_utf8, errors_only

MAX_PACK_BYTES = 1024 * 1024
FORMAT_VERSION = 1
MAX_TIME_LIMIT_S = 2 * 60 * 60
MAX_ITEM_COUNT = 10_000
MAX_FIXED_ITEMS = 5_000
MAX_GRADES = 20
_MAX_NESTING = 64

RUN_SPEC = TableSpec(
    (
        Key(
            "time_limit_s",
            Kind.INT,
            minimum=1,
            maximum=MAX_TIME_LIMIT_S,
            hint="seconds, at most 2 hours",
        ),
        Key("item_count", Kind.INT, minimum=1, maximum=MAX_ITEM_COUNT),
        Key("error_policy", Kind.STR, choices=tuple(ErrorPolicy)),
        Key("form", Kind.STR, choices=tuple(Form)),
        Key("seed", Kind.INT, minimum=0, maximum=MAX_SEED),
        Key("hints", Kind.BOOL),
        Key("pause", Kind.BOOL),
        Key("adaptive", Kind.BOOL),
        Key("idle_pause", Kind.BOOL),
        Key(
            "complete_share",
            Kind.DECIMAL,
            minimum=Decimal("0.05"),
            maximum=Decimal(1),
            hint="the share of time or items after which a stopped practice run counts",
        ),
    )
)
SCORING_KEYS = (
    Key("error_penalty", Kind.INT, minimum=0, maximum=100),
    Key("reference_speed", Kind.DECIMAL, minimum=Decimal(1), maximum=Decimal(1_000_000)),
)
ROOT_SPEC = TableSpec(
    (
        Key("format", Kind.INT, required=True),
        Key(
            "id",
            Kind.STR,
            required=True,
            max_length=100,
            pattern=r"[a-z0-9][a-z0-9._-]*",
            hint="lower-case letters, digits, '.', '_' and '-'",
        ),
        Key("type", Kind.STR, required=True, max_length=40),
        Key(
            "language",
            Kind.STR,
            required=True,
            pattern=r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
            hint="a language tag such as en or zh",
        ),
        Key("title", Kind.STR, required=True, max_length=200),
        Key("instructions", Kind.STR, required=True, max_length=10_000),
        Key("run", Kind.TABLE, table=RUN_SPEC),
        Key("practice", Kind.TABLE, table=RUN_SPEC),
        Key("test", Kind.TABLE, table=RUN_SPEC),
        Key("generator", Kind.ANY_TABLE),
        Key("items", Kind.ANY_TABLES, max_length=MAX_FIXED_ITEMS),
        Key("scoring", Kind.ANY_TABLE),  # SCORING_KEYS + the drill type's scoring_keys
        Key("grades", Kind.ANY_TABLES, max_length=MAX_GRADES),
    )
)
MODE_DEFAULTS: dict[Mode, dict[str, Any]] = {
    Mode.PRACTICE: {
        "time_limit_s": None,
        "item_count": None,
        "error_policy": "correct",
        "form": "fresh",
        "seed": None,
        "hints": True,
        "pause": True,
        "adaptive": False,
        "idle_pause": True,
        "complete_share": Decimal("0.5"),
    },
    Mode.TEST: {
        "time_limit_s": None,
        "item_count": None,
        "error_policy": "correct",
        "form": "fresh",
        "seed": None,
        "hints": False,
        "pause": False,
        "adaptive": False,
        "idle_pause": False,
        "complete_share": Decimal(1),
    },
}
_TOML_POSITION = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$", re.DOTALL)
_TOML_AT_END = re.compile(r"^(.*) \(at end of document\)$", re.DOTALL)


def content_hash(data: bytes) -> str:
    """sha256 of the raw file bytes, hex: the identity of one version of a pack."""
    return hashlib.sha256(data).hexdigest()


def load_pack(path: str | os.PathLike[str]) -> DrillDefinition:
    """The validated pack at ``path``; ``ContentError`` (and nothing else) if unusable."""
    definition, problems = check_pack_file(path)
    if definition is None:
        raise ContentError(errors_only(problems) or problems)
    return definition


def check_pack_file(path: str | os.PathLike[str]) -> tuple[DrillDefinition | None, list[Problem]]:
    """Like ``check_pack_bytes`` for a file; refuses files over ``MAX_PACK_BYTES``
    without reading them whole."""
    label = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_PACK_BYTES:
                return None, [_oversize(label, size)]
            data = handle.read(MAX_PACK_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, [Problem(label, 0, 0, f"cannot read the file: {reason}")]
    return check_pack_bytes(label, data)


def check_pack_bytes(path_label: str, data: bytes) -> tuple[DrillDefinition | None, list[Problem]]:
    """Validate a pack's raw bytes: (definition, warnings) if usable, else (None, problems).

    Never raises; every problem is located at the offending key (0:0 for whole-file
    problems: oversize, not UTF-8)."""
    try:
        return _check(path_label, data)
    except Exception as exc:  # noqa: BLE001 - the contract: a content file never crashes us
        return None, [
            Problem(path_label, 0, 0, f"internal error while checking this file: {exc!r}")
        ]


def _oversize(label: str, size: int) -> Problem:
    return Problem(
        label, 0, 0, f"the file is {size} bytes; a drill pack may have at most {MAX_PACK_BYTES}"
    )


def _check(label: str, data: bytes) -> tuple[DrillDefinition | None, list[Problem]]:
    if len(data) > MAX_PACK_BYTES:
        return None, [_oversize(label, len(data))]
    try:
        text = decode_utf8(data, label)
    except ContentError as exc:
        return None, exc.problems
    # The key scan (as long as tomllib itself in pure Python) is needed before tomllib
    # only to refuse an over-long dotted key, and after it only to locate schema issues.
    # Every part after a key's first is reached through a "." of the text, so a text with
    # no more than _MAX_NESTING - 1 dots cannot hold a longer key: such a text (every
    # shipped pack, and most mutated ones) is scanned only if it has an issue to locate.
    locations: KeyLocations | None = None
    if text.count(".") >= _MAX_NESTING:
        locations = locate_keys(text)
        parts, line, col = locations.longest_key
        if parts > _MAX_NESTING:
            # Before tomllib, whose time grows with the square of a dotted key's length.
            message = f"a key of {parts} dotted parts; at most {_MAX_NESTING} are allowed"
            return None, [Problem(label, line, col, message)]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_toml_problem(label, text, str(exc))]
    except RecursionError:
        line, col = _deep_nesting_at(text)
        return None, [
            Problem(
                label, line, col, f"arrays or tables nested too deeply (over {_MAX_NESTING} levels)"
            )
        ]
    definition, issues = _validate(raw, label, content_hash(data))
    problems: list[Problem] = []
    if issues:
        located = locations if locations is not None else locate_keys(text)
        problems = [_problem(label, located, issue) for issue in issues]
    problems.sort(key=lambda p: (p.line, p.col))
    if errors_only(problems):
        return None, problems
    return definition, problems


def _problem(label: str, locations: KeyLocations, issue: Issue) -> Problem:
    line, col = locations.find(issue.path)
    return Problem(label, line, col, issue.message, issue.severity)


def _toml_problem(label: str, text: str, message: str) -> Problem:
    lines = text.split("\n")
    match = _TOML_POSITION.match(message)
    if match:
        line, col = int(match[2]), int(match[3])
        if match[1].startswith("Cannot overwrite") and 1 <= line <= len(lines):
            # tomllib points past the duplicated value; the key starts the line
            stripped = lines[line - 1].lstrip(" \t")
            col = len(lines[line - 1]) - len(stripped) + 1
        return Problem(label, line, col, f"invalid TOML: {match[1]}")
    match = _TOML_AT_END.match(message)
    detail = match[1] if match else message
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the file ends with a newline: its last line is the one before
    return Problem(
        label, len(lines), len(lines[-1]) + 1, f"invalid TOML at the end of the file: {detail}"
    )


def _deep_nesting_at(text: str) -> tuple[int, int]:
    """Where bracket nesting first exceeds the limit (strings skipped roughly)."""
    depth = 0
    line, col = 1, 0
    quote = ""
    for ch in text:
        col += 1
        if ch == "\n":
            line, col, quote = line + 1, 0, ""
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > _MAX_NESTING:
                return line, col
        elif ch in "]}":
            depth -= 1
    return 1, 1


def _validate(
    raw: dict[str, Any], label: str, digest: str
) -> tuple[DrillDefinition | None, list[Issue]]:
    clean, issues = validate_table(ROOT_SPEC, raw, ())
    fmt = clean.get("format")
    if fmt is not None and fmt != FORMAT_VERSION:
        issues.append(
            Issue(
                ("format",),
                f"format {fmt} is not supported; this version of svctrainer reads "
                f"format {FORMAT_VERSION}",
            )
        )
    kind = _drill_kind(clean, issues)
    modes = _modes(clean, raw, kind, issues)
    content = None
    if kind is not None:
        content, more = kind.build_content(
            clean.get("generator"), clean.get("items"), clean.get("language", "en")
        )
        issues += more
    grades = _grades(clean.get("grades", []), kind, issues) if kind is not None else ()
    scoring = _scoring(clean.get("scoring", {}), grades, kind, issues)
    if any(i.severity is Severity.ERROR for i in issues) or kind is None:
        return None, issues
    definition = DrillDefinition(
        id=clean["id"],
        drill_type=kind.name,
        language=clean["language"],
        title=clean["title"],
        instructions=clean["instructions"],
        modes=modes,
        content=content,
        grades=grades,
        scoring=scoring,
        content_hash=digest,
        source=label,
    )
    return definition, issues


def _drill_kind(clean: Mapping[str, Any], issues: list[Issue]) -> AnyKind | None:
    name = clean.get("type")
    if name is None:
        return None
    kind = drill_kind(name)
    if kind is None:
        known = drill_kind_names()
        issues.append(
            Issue(
                ("type",),
                f"unknown drill type '{name}'{suggestion(name, known)}; "
                f"known types: {', '.join(known)}",
            )
        )
    return kind


def _modes(
    clean: Mapping[str, Any], raw: Mapping[str, Any], kind: AnyKind | None, issues: list[Issue]
) -> dict[Mode, RunSettings]:
    """Each offered mode's settings: defaults, then ``[run]``, then ``[practice]``/``[test]``."""
    modes: dict[Mode, RunSettings] = {}
    if "practice" not in clean and "test" not in clean:
        issues.append(Issue((), "offer at least one mode: add a [practice] or a [test] table"))
    for mode in Mode:
        if mode.value not in clean:
            continue
        values = dict(MODE_DEFAULTS[mode])
        origin: dict[str, Path] = {}
        for table in ("run", mode.value):
            for key, value in clean.get(table, {}).items():
                values[key] = value
                origin[key] = (table, key)
        where: Path = (mode.value,)
        given: set[str] = set()
        for table in ("run", mode.value):
            if isinstance(raw.get(table), dict):
                given |= set(raw[table])
        if not given & {"time_limit_s", "item_count"}:  # an invalid one was reported already
            issues.append(
                Issue(where, f"{mode} mode needs time_limit_s or item_count (here or in [run])")
            )
        form = Form(values["form"])
        if form is Form.FIXED and values["seed"] is None:
            issues.append(
                Issue(
                    origin["form"],
                    'form = "fixed" needs a seed: the number of the one form everyone gets',
                )
            )
        if form is Form.FRESH and values["seed"] is not None:
            issues.append(
                Issue(
                    origin["seed"],
                    'seed has no effect unless form = "fixed": every attempt gets a fresh form'
                    ' (add form = "fixed" to give everyone the same one)',
                    Severity.WARNING,
                )
            )
        if mode is Mode.TEST:
            for key in ("pause", "adaptive"):
                if values[key]:
                    issues.append(Issue(origin[key], f"test mode cannot use {key} = true"))
            if values["hints"]:
                issues.append(
                    Issue(origin["hints"], "hints are shown during a test", Severity.WARNING)
                )
        if values["adaptive"] and kind is not None and not kind.supports_adaptive:
            issues.append(
                Issue(
                    origin["adaptive"], f"adaptive practice is not available for {kind.name} drills"
                )
            )
        modes[mode] = RunSettings(
            time_limit_s=values["time_limit_s"],
            item_count=values["item_count"],
            error_policy=ErrorPolicy(values["error_policy"]),
            seed=values["seed"] if form is Form.FIXED else None,
            hints=values["hints"],
            pause=values["pause"],
            adaptive=values["adaptive"],
            idle_pause=values["idle_pause"],
            form=form,
            complete_share=Decimal(values["complete_share"]),
        )
    return modes


def _grade_spec(kind: AnyKind) -> TableSpec:
    keys = [Key("name", Kind.STR, required=True, max_length=80)]
    for figure in sorted(kind.grade_figures):
        if figure == "accuracy":
            keys.append(
                Key(
                    "min_accuracy",
                    Kind.DECIMAL,
                    minimum=Decimal(0),
                    maximum=Decimal(1),
                    hint="write 0.95 for 95 %",
                )
            )
        else:
            top = kind.figure_maximum(figure)
            keys.append(Key(f"min_{figure}", Kind.DECIMAL, minimum=Decimal(0), maximum=top))
    return TableSpec(tuple(keys))


def _grades(raw: list[Any], kind: AnyKind, issues: list[Issue]) -> tuple[GradeLevel, ...]:
    spec = _grade_spec(kind)
    levels: list[GradeLevel] = []
    names: set[str] = set()
    previous: dict[str, Decimal] = {}
    for index, table in enumerate(raw):
        path: Path = ("grades", index)
        clean, more = validate_table(spec, table, path)
        issues += more
        thresholds = {k.removeprefix("min_"): v for k, v in clean.items() if k.startswith("min_")}
        if isinstance(table, dict) and not any(k.startswith("min_") for k in table):
            issues.append(
                Issue(path, f"grades[{index}] sets no minimum (e.g. min_{kind.speed_unit})")
            )
        name = clean.get("name")
        if name is not None:
            if name in names:
                issues.append(Issue((*path, "name"), f"grade name '{name}' is used twice"))
            names.add(name)
            levels.append(GradeLevel(name, thresholds))
        for figure, minimum in thresholds.items():
            if figure in previous and minimum < previous[figure]:
                issues.append(
                    Issue(
                        (*path, f"min_{figure}"),
                        f"min_{figure} is lower than in the level before; "
                        "list levels from lowest to highest",
                        Severity.WARNING,
                    )
                )
        previous.update(thresholds)
    return tuple(levels)


def _scoring(
    raw: Mapping[str, Any],
    grades: tuple[GradeLevel, ...],
    kind: AnyKind | None,
    issues: list[Issue],
) -> Scoring:
    """Penalty, reference speed (default: the top grade's speed) and the drill type's own
    scoring keys (``Scoring.extra``)."""
    own = kind.scoring_keys if kind is not None else ()
    clean, more = validate_table(TableSpec(SCORING_KEYS + own), raw, ("scoring",))
    issues += more
    given = set(raw)
    penalty = clean.get("error_penalty", kind.default_error_penalty if kind else 0)
    reference = clean.get("reference_speed")
    if kind is not None and kind.uses_reference_speed and reference is None:
        speeds = [g.thresholds[kind.speed_unit] for g in grades if kind.speed_unit in g.thresholds]
        if speeds:
            reference = max(speeds)
        elif "reference_speed" not in given:  # an invalid given value was reported already
            issues.append(
                Issue(
                    ("scoring",),
                    f"set scoring.reference_speed (the {kind.speed_unit} worth a score of 100) "
                    f"or give the grades a min_{kind.speed_unit}",
                )
            )
    extra = {key.name: clean[key.name] for key in own if key.name in clean}
    return Scoring(error_penalty=penalty, reference_speed=reference, extra=extra)
