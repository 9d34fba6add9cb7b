"""Reading a service standards file (YAML): every problem as ``path:line:col``.

The file is read like a scenario (safe events, no anchors or tags, strict UTF-8, size
limit) with the same schema reader, so a trainer meets the same messages in both.
"""

from __future__ import annotations

from pathlib import Path

from svctrainer.core.problems import ContentError, Problem, Severity
from svctrainer.core.scenarios.marked import MValue, parse_yaml
from svctrainer.core.scenarios.model import DemandLevel, Language
from svctrainer.core.scenarios.schema import (
    FLAG_NAME,
    MAX_FILE_BYTES,
    MAX_LINE_TEXT,
    SchemaReader,
    decode_utf8,
)
from svctrainer.core.standards.model import (
    LEGACY_LEVELS,
    ItemKind,
    ItemSort,
    LevelStandard,
    StandardItem,
    StandardSet,
)

FORMAT = 1
MAX_ITEMS = 40


def _items(
    r: SchemaReader, value: MValue, kind: ItemKind, level: DemandLevel, taken: set[str]
) -> list[StandardItem]:
    result = []
    for entry in r.items(value, kind.value, MAX_ITEMS):
        fields = r.fields(
            entry, f"{kind.value} item", ("id", "sort", "text"), ("id", "sort", "text")
        )
        if fields is None or not {"id", "sort", "text"} <= fields.keys():
            continue
        item_id = r.ident(fields["id"][1], "item id", FLAG_NAME, "lower_case_with_underscores")
        sort = r.member(fields["sort"][1], ItemSort, "sort")
        text = r.text(
            fields["text"][1],
            "item text",
            max_len=MAX_LINE_TEXT,
            single_line=True,
            allow_empty=False,
        )
        if item_id is not None and item_id in taken:
            r.error(fields["id"][1], f'item id "{item_id}" is already used in this level')
            continue
        if item_id is None or sort is None or text is None:
            continue
        taken.add(item_id)
        result.append(StandardItem(item_id, kind, sort, text, level))
    return result


def _level(
    r: SchemaReader, value: MValue, done: dict[DemandLevel, LevelStandard]
) -> LevelStandard | None:
    keys = ("id", "name", "method", "extends", "required", "forbidden")
    fields = r.fields(value, "level", keys, ("id", "name", "method"))
    if fields is None or "id" not in fields:
        return None
    level = r.member(fields["id"][1], DemandLevel, "level id")
    if level is not None and level in LEGACY_LEVELS:
        r.error(fields["id"][1], f'level "{level}" is a legacy name: use "{LEGACY_LEVELS[level]}"')
        return None
    if level is not None and level in done:
        r.error(fields["id"][1], f'level "{level}" is defined twice')
        return None
    name = (
        r.text(
            fields["name"][1], "name", max_len=MAX_LINE_TEXT, single_line=True, allow_empty=False
        )
        if "name" in fields
        else None
    )
    method = (
        r.text(fields["method"][1], "method", allow_empty=False) if "method" in fields else None
    )
    inherited: tuple[StandardItem, ...] = ()
    if "extends" in fields:
        base = r.member(fields["extends"][1], DemandLevel, "extends")
        if base is not None and base not in done:
            r.error(
                fields["extends"][1], f'extends "{base}": define that level earlier in the file'
            )
        elif base is not None:
            inherited = done[base].items
    taken = {i.id for i in inherited}
    own: list[StandardItem] = []
    for kind in ItemKind:
        if kind.value in fields and level is not None:
            own += _items(r, fields[kind.value][1], kind, level, taken)
    if level is None or name is None or method is None:
        return None
    return LevelStandard(level, name, method, (*inherited, *own))


def read_standards(r: SchemaReader, root: MValue) -> StandardSet | None:
    fields = r.fields(
        root, "standards file", ("format", "language", "levels"), ("format", "language", "levels")
    )
    if fields is None:
        return None
    if "format" in fields:
        version = r.integer(fields["format"][1], "format", FORMAT, FORMAT)
        if version is None:
            return None
    language = (
        r.member(fields["language"][1], Language, "language") if "language" in fields else None
    )
    done: dict[DemandLevel, LevelStandard] = {}
    if "levels" in fields:
        for entry in r.items(fields["levels"][1], "levels", len(DemandLevel)):
            standard = _level(r, entry, done)
            if standard is not None:
                done[standard.level] = standard
        if DemandLevel.STANDARD not in done and not r.has_errors:
            r.error(fields["levels"][1], 'levels: the "standard" level is required')
    if r.has_errors or language is None:
        return None
    return StandardSet(language, tuple(done.values()))


def load_standards(data: bytes, path: str = "<standards>") -> StandardSet:
    """A standards file from its bytes; ContentError lists every problem."""
    text = decode_utf8(data, path, MAX_FILE_BYTES)
    root = parse_yaml(text, path)
    if root is None:
        raise ContentError(
            [Problem(path, 1, 1, "file is empty: a standards file needs format, language, levels")]
        )
    reader = SchemaReader(path)
    standards = read_standards(reader, root)
    if standards is None:
        raise ContentError([p for p in reader.problems if p.severity is Severity.ERROR])
    return standards


def load_standards_file(path: Path) -> StandardSet:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ContentError([Problem(str(path), 0, 0, f"cannot read: {err.strerror}")]) from None
    return load_standards(data, str(path))
