"""YAML and JSON parsed into one small tree whose every value knows its line and column.

The schema reader (``schema.py``) validates this tree, so a scenario file, the inline
JSON after a Twine link and the ScenarioData passage all report problems the same way,
as ``path:line:col``. YAML is read with PyYAML's SafeLoader event parser and composer
(never its constructor), after a first pass over the events that rejects anchors,
aliases, custom tags and absurd nesting before anything recursive runs.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import re
from dataclasses import dataclass
from typing import Literal, Protocol

import yaml

from svctrainer.core.problems import ContentError, Problem

MAX_DEPTH = 32
MAX_EVENTS = 200_000

ScalarKind = Literal["str", "int", "float", "bool", "null", "other"]


@dataclass(frozen=True, slots=True, init=False)
class Mark:
    """1-based line and column."""

    line: int
    col: int

    def __init__(self, line: int, col: int) -> None:
        # Every value read from a scenario or Twee file gets one (millions in the content
        # fuzz): the slots' own setters make the same stores as the frozen dataclass's
        # ``object.__setattr__`` calls, at about half the cost (assigning a field
        # afterwards still raises).
        _set_line(self, line)
        _set_col(self, col)


_set_line = Mark.__dict__["line"].__set__
_set_col = Mark.__dict__["col"].__set__


@dataclass(frozen=True, slots=True)
class MScalar:
    value: str | int | float | bool | None
    kind: ScalarKind
    text: str  # as written; used for mapping keys and messages
    mark: Mark


@dataclass(frozen=True, slots=True)
class MMap:
    entries: tuple[tuple[MScalar, MValue], ...]
    mark: Mark


@dataclass(frozen=True, slots=True)
class MSeq:
    items: tuple[MValue, ...]
    mark: Mark


MValue = MScalar | MMap | MSeq


class Locates(Protocol):
    def mark(self, offset: int) -> Mark: ...


class LineLocator:
    """Positions on one line of a text, given where the line's offset 0 is in the file.

    The scoring JSON after a Twine link lies on one line of its passage, so each of its
    values is placed by an addition: looking every value up in the passage's line starts
    (and undoing the passage's trim and unescapes) was a tenth of a Twee import."""

    def __init__(self, start: Mark) -> None:
        self._line = start.line
        self._col = start.col

    def mark(self, offset: int) -> Mark:
        return Mark(self._line, self._col + offset)


class TextLocator:
    """Maps an offset in a piece of text to a file position, given where the text starts."""

    def __init__(self, text: str, line: int = 1, col: int = 1) -> None:
        # The line starts, found with str.find (a Twee import builds a locator per
        # passage and per link's scoring, and a Python loop over every character of the
        # passage was a tenth of the import).
        starts = [0]
        find = text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        self._starts = starts
        self._line = line
        self._col = col

    def mark(self, offset: int) -> Mark:
        index = bisect.bisect_right(self._starts, offset) - 1
        col = offset - self._starts[index] + 1
        return Mark(self._line + index, col + (self._col - 1 if index == 0 else 0))


# --- YAML ---------------------------------------------------------------------------------

_CORE_TAGS = {
    f"tag:yaml.org,2002:{t}": t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


def _mark(yaml_mark: yaml.Mark | None) -> Mark:
    if yaml_mark is None:
        return Mark(1, 1)
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


def _yaml_error_problem(path: str, text: str, err: yaml.YAMLError) -> Problem:
    if isinstance(err, yaml.reader.ReaderError):
        where = TextLocator(text).mark(err.position)
        return Problem(path, where.line, where.col, f"character {err.character!r} is not allowed")
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        message = " ".join(x for x in (err.context, err.problem) if x) or "invalid YAML"
        where = _mark(mark)
        return Problem(path, where.line, where.col, f"YAML syntax: {message}")
    return Problem(path, 1, 1, f"YAML syntax: {err}")


# libyaml's parser (PyYAML's C extension, in every PyYAML wheel) reads the shipped
# scenarios about fifteen times faster than the pure-Python one: parsing them was most of
# storing the shipped content. Both build the same events and nodes with the same marks;
# a text the C parser refuses is read again by the Python one, whose messages name the
# offending character and its place exactly (libyaml reports a byte offset and '?').
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_events(
    text: str, path: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader
) -> list[Problem]:
    """First pass: things the composer would otherwise turn into huge or cyclic graphs.

    An event's place is looked up only when it is the subject of a problem, and the events
    are told apart by their exact class (PyYAML's event classes have no subclasses): the
    check then costs little next to the parse itself, which matters in the pure-Python
    parser's re-read of every file libyaml refuses."""
    problems: list[Problem] = []
    depth = 0

    def at(event: yaml.Event, message: str) -> None:
        where = _mark(event.start_mark)
        problems.append(Problem(path, where.line, where.col, message))

    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        if count > MAX_EVENTS:
            at(event, "file has too many values")
            break
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                at(event, "anchors (&name) are not allowed")
            tag = event.tag
            if tag is not None and tag not in _CORE_TAGS and tag != "!":
                at(event, f"tag {tag} is not allowed")
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None:
                at(event, "anchors (&name) are not allowed")
            tag = event.tag
            if tag is not None and tag not in _CORE_TAGS and tag != "!":
                at(event, f"tag {tag} is not allowed")
            depth += 1
            if depth > MAX_DEPTH:
                at(event, "nesting is too deep")
                break
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
        elif kind is yaml.AliasEvent:
            at(event, "aliases (*name) are not allowed")
    return problems


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode, path: str, problems: list[Problem]) -> MScalar:
    kind: ScalarKind = "other"
    value: str | int | float | bool | None = node.value
    core = _CORE_TAGS.get(node.tag)
    try:
        if core == "str":
            kind = "str"
        elif core == "int":
            value, kind = _CONSTRUCTOR.construct_yaml_int(node), "int"
        elif core == "float":
            value, kind = _CONSTRUCTOR.construct_yaml_float(node), "float"
        elif core == "bool":
            value, kind = _CONSTRUCTOR.construct_yaml_bool(node), "bool"
        elif core == "null":
            value, kind = None, "null"
    except (ValueError, yaml.YAMLError):
        where = _mark(node.start_mark)
        shown = node.value if len(node.value) <= 24 else node.value[:20] + "..."
        problems.append(Problem(path, where.line, where.col, f"cannot read {shown!r}"))
    return MScalar(value, kind, node.value, _mark(node.start_mark))


def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> MValue:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, problems)
    if isinstance(node, yaml.SequenceNode):
        return MSeq(tuple(_convert(n, path, problems) for n in node.value), _mark(node.start_mark))
    entries: list[tuple[MScalar, MValue]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            where = _mark(key_node.start_mark)
            problems.append(Problem(path, where.line, where.col, "a key must be a plain word"))
            continue
        key = _scalar(key_node, path, problems)
        entries.append((key, _convert(value_node, path, problems)))
    return MMap(tuple(entries), _mark(node.start_mark))


def parse_yaml(text: str, path: str) -> MValue | None:
    """The single YAML document in ``text`` (None if empty); ContentError on bad YAML."""
    try:
        node = _compose(text, path, _FAST_LOADER)
    except yaml.YAMLError:
        try:
            node = _compose(text, path, yaml.SafeLoader)
        except yaml.YAMLError as err:
            raise ContentError([_yaml_error_problem(path, text, err)]) from None
    if node is None:
        return None
    converted: list[Problem] = []
    value = _convert(node, path, converted)
    if converted:
        raise ContentError(converted)
    return value


def _compose(text: str, path: str, loader: type[yaml.SafeLoader]) -> yaml.Node | None:
    problems = _check_events(text, path, loader)
    if problems:
        raise ContentError(problems)
    return yaml.compose(text, Loader=loader)


# --- JSON ---------------------------------------------------------------------------------


class JsonSyntaxError(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS: tuple[tuple[str, bool | None, ScalarKind], ...] = (
    ("true", True, "bool"),
    ("false", False, "bool"),
    ("null", None, "null"),
)


class _JsonReader:
    def __init__(self, text: str, locator: Locates) -> None:
        self.text = text
        self.loc = locator

    def ws(self, i: int) -> int:
        text = self.text
        if i < len(text) and text[i] not in " \t\n\r":
            return i  # most values follow their comma or colon directly
        match = _WS.match(text, i)
        return match.end() if match else i

    def value(self, i: int, depth: int) -> tuple[MValue, int]:
        if depth > MAX_DEPTH:
            raise JsonSyntaxError(i, "nesting is too deep")
        i = self.ws(i)
        if i >= len(self.text):
            raise JsonSyntaxError(i, "expected a value")
        ch = self.text[i]
        if ch == "{":
            return self.obj(i, depth)
        if ch == "[":
            return self.array(i, depth)
        if ch == '"':
            return self.string(i)
        for word, literal, literal_kind in _LITERALS:
            if self.text.startswith(word, i):
                return MScalar(literal, literal_kind, word, self.loc.mark(i)), i + len(word)
        match = _NUMBER.match(self.text, i)
        if not match:
            raise JsonSyntaxError(i, "expected a value")
        raw = match.group(0)
        try:
            number: int | float = float(raw) if match.group(1) or match.group(2) else int(raw)
        except ValueError:
            raise JsonSyntaxError(i, "number is too large") from None
        kind: ScalarKind = "float" if isinstance(number, float) else "int"
        return MScalar(number, kind, raw, self.loc.mark(i)), match.end()

    def string(self, i: int) -> tuple[MScalar, int]:
        try:
            # The stdlib's own string scanner (escapes, surrogates, its error positions);
            # public since Python 2 but missing from typeshed's json.decoder stub.
            value, end = json.decoder.scanstring(self.text, i + 1, True)  # type: ignore[attr-defined]
        except json.JSONDecodeError as err:
            raise JsonSyntaxError(err.pos, err.msg) from None
        return MScalar(value, "str", self.text[i:end], self.loc.mark(i)), end

    def obj(self, i: int, depth: int) -> tuple[MMap, int]:
        start, entries = i, []
        i = self.ws(i + 1)
        if self.text.startswith("}", i):
            return MMap((), self.loc.mark(start)), i + 1
        while True:
            i = self.ws(i)
            if not self.text.startswith('"', i):
                raise JsonSyntaxError(i, 'expected a "quoted" key')
            key, i = self.string(i)
            i = self.ws(i)
            if not self.text.startswith(":", i):
                raise JsonSyntaxError(i, "expected ':'")
            value, i = self.value(i + 1, depth + 1)
            entries.append((key, value))
            i = self.ws(i)
            if self.text.startswith(",", i):
                i += 1
                continue
            if self.text.startswith("}", i):
                return MMap(tuple(entries), self.loc.mark(start)), i + 1
            raise JsonSyntaxError(i, "expected ',' or '}'")

    def array(self, i: int, depth: int) -> tuple[MSeq, int]:
        start, items = i, []
        i = self.ws(i + 1)
        if self.text.startswith("]", i):
            return MSeq((), self.loc.mark(start)), i + 1
        while True:
            value, i = self.value(i, depth + 1)
            items.append(value)
            i = self.ws(i)
            if self.text.startswith(",", i):
                i += 1
                continue
            if self.text.startswith("]", i):
                return MSeq(tuple(items), self.loc.mark(start)), i + 1
            raise JsonSyntaxError(i, "expected ',' or ']'")


def parse_json(text: str, start: int, locator: Locates) -> tuple[MValue, int]:
    """One JSON value starting at ``text[start]``; returns it and the offset just after it.
    Raises JsonSyntaxError (with the offset) on anything that is not strict JSON."""
    return _JsonReader(text, locator).value(start, 0)


def to_plain(value: MValue) -> object:
    """The tree as plain Python data (for metadata blocks kept verbatim)."""
    if isinstance(value, MScalar):
        return value.value
    if isinstance(value, MSeq):
        return [to_plain(v) for v in value.items]
    return {k.text if k.kind != "str" else str(k.value): to_plain(v) for k, v in value.entries}
