"""Twee 3 (https://github.com/iftechfoundation/twine-specs, twee-3-specification.md):
parse a story file into a ``TwineStory`` and write one back.

Implemented: passage headers ``:: Name [tags] {metadata}`` with ``\\`` escapes (``\\x``
yields ``x``; unescaped spaces around the name are trimmed, escaped ones kept, as Twine
writes leading/trailing spaces as ``\\ ``), StoryTitle and StoryData (ifid, format,
format-version, start, tag-colors, zoom; other keys kept) with the start falling back to
``Start``, invalid metadata warned about (line:col) and ignored, CRLF read as LF, text
lines starting ``\\:`` unescaped (Twine escapes ``::`` at a line start as ``\\::``), and the
four link forms with twinejs's precedence (rightmost ``->``, then leftmost ``<-``, then
last ``|``; a setter after ``][`` dropped; ``scheme://`` targets external).

Parsing never fails on content: anything odd is a warning and nothing is dropped except
what the specification says to ignore. Only oversize or non-UTF-8 input raises.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from svctrainer.core.problems import Problem, Severity
from svctrainer.core.scenarios.marked import Mark, TextLocator
from svctrainer.core.scenarios.schema import MAX_TWEE_BYTES, URL_LIKE, decode_utf8

STORY_TITLE = "StoryTitle"
STORY_DATA = "StoryData"
DEFAULT_START = "Start"
CODE_TAGS = frozenset({"script", "stylesheet"})
LINK = re.compile(r"\[\[([^\n\r\u2028\u2029]*?)\]\]")
_HEADER_META = ("position", "size")


@dataclass(frozen=True, slots=True)
class TwinePassage:
    name: str
    tags: tuple[str, ...] = ()
    metadata: Mapping[str, Any] | None = None  # None: the header had no (valid) metadata block
    text: str = ""
    # Where it came from (0 when built in code); not part of equality.
    line: int = field(default=0, compare=False)
    tag_cols: tuple[int, ...] = field(default=(), compare=False)
    text_line: int = field(default=0, compare=False)
    text_col: int = field(default=0, compare=False)
    unescaped_lines: frozenset[int] = field(default=frozenset(), compare=False)

    @property
    def is_story_passage(self) -> bool:
        """As Twine 2's importer: not StoryTitle/StoryData, not script or stylesheet."""
        return self.name not in (STORY_TITLE, STORY_DATA) and not CODE_TAGS & set(self.tags)

    def locator(self) -> PassageLocator:
        return PassageLocator(self)

    def locate(self, offset: int) -> Mark:
        """File position of ``text[offset]`` (for messages about passage content)."""
        return self.locator().mark(offset)

    def tag_mark(self, index: int) -> Mark:
        cols = self.tag_cols
        return Mark(self.line, cols[index] if index < len(cols) else 1)


class PassageLocator(TextLocator):
    """Offsets in a passage's text to file positions, undoing the trim and ``\\:`` unescapes."""

    def __init__(self, passage: TwinePassage) -> None:
        super().__init__(passage.text, passage.text_line or 1, passage.text_col or 1)
        self._first_line = passage.text_line or 1
        self._unescaped = passage.unescaped_lines

    def mark(self, offset: int) -> Mark:
        mark = super().mark(offset)
        shift = 1 if (mark.line - self._first_line) in self._unescaped else 0
        return Mark(mark.line, mark.col + shift)


class LinkForm(StrEnum):
    SIMPLE = "[[Target]]"
    PIPE = "[[Text|Target]]"
    ARROW = "[[Text->Target]]"
    BACK_ARROW = "[[Target<-Text]]"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    target: str
    form: LinkForm
    setter: str | None  # what followed "][" (SugarCube), dropped from the target
    start: int  # offsets of "[[" and just after "]]" in the passage text
    end: int

    @property
    def is_external(self) -> bool:
        return bool(URL_LIKE.match(self.target))


@dataclass(frozen=True, slots=True)
class StoryData:
    ifid: str | None = None
    format: str | None = None
    format_version: str | None = None
    start: str | None = None
    tag_colors: Mapping[str, str] | None = None  # None: no "tag-colors" key
    zoom: float | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys the spec does not name

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in (
            ("ifid", self.ifid),
            ("format", self.format),
            ("format-version", self.format_version),
            ("start", self.start),
        ):
            if value is not None:
                data[key] = value
        if self.tag_colors is not None:
            data["tag-colors"] = dict(self.tag_colors)
        if self.zoom is not None:
            data["zoom"] = self.zoom
        data.update(self.extra)
        return data


@dataclass(frozen=True)
class TwineStory:
    passages: tuple[TwinePassage, ...]
    preamble: str = ""  # text before the first header (not a passage; kept, warned about)

    def passage(self, name: str) -> TwinePassage | None:
        return next((p for p in self.passages if p.name == name), None)

    @property
    def title(self) -> str | None:
        passage = self.passage(STORY_TITLE)
        return passage.text if passage is not None else None

    @property
    def data(self) -> StoryData | None:
        passage = self.passage(STORY_DATA)
        return read_story_data(passage, "")[0] if passage is not None else None

    @property
    def story_passages(self) -> tuple[TwinePassage, ...]:
        return tuple(p for p in self.passages if p.is_story_passage)

    @property
    def start_name(self) -> str | None:
        """StoryData's start if it names a passage, else ``Start`` if there is one."""
        data = self.data
        if data is not None and data.start is not None and self.passage(data.start):
            return data.start
        return DEFAULT_START if self.passage(DEFAULT_START) else None


@dataclass(frozen=True)
class ParsedTwee:
    story: TwineStory
    warnings: tuple[Problem, ...]


# --- links ----------------------------------------------------------------------------------


def parse_link(inner: str) -> tuple[str, str, LinkForm, str | None]:
    """(text, target, form, setter) of the text between ``[[`` and ``]]``."""
    setter = None
    if "][" in inner:
        inner, setter = inner.split("][", 1)
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
        return text, target, LinkForm.ARROW, setter
    if "<-" in inner:
        target, text = inner.split("<-", 1)
        return text, target, LinkForm.BACK_ARROW, setter
    if "|" in inner:
        text, target = inner.rsplit("|", 1)
        return text, target, LinkForm.PIPE, setter
    return inner, inner, LinkForm.SIMPLE, setter


def scan_links(text: str) -> list[Link]:
    """Every ``[[...]]`` on a single line, as twinejs finds them (empty targets included)."""
    links = []
    for match in LINK.finditer(text):
        link_text, target, form, setter = parse_link(match.group(1))
        links.append(Link(link_text, target, form, setter, match.start(), match.end()))
    return links


# --- headers --------------------------------------------------------------------------------


def _json_clean(value: Any, depth: int = 0) -> bool:
    """JSON we can keep and write back: finite numbers, no unpaired surrogates, shallow."""
    if depth > 32:
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return not any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, list):
        return all(_json_clean(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(
            _json_clean(k, depth + 1) and _json_clean(v, depth + 1) for k, v in value.items()
        )
    return True


class _JsonError(Exception):
    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


def _reject_constant(name: str) -> None:
    raise _JsonError(f"{name} is not JSON")


def _load_json(text: str) -> tuple[Any, int]:
    """(value, end) of the JSON value at the start of ``text``; _JsonError (with the offset
    of the problem) if invalid."""
    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    try:
        value, end = decoder.raw_decode(text)
    except json.JSONDecodeError as err:
        raise _JsonError(err.msg, err.pos) from None
    except ValueError:  # an integer too long to convert
        raise _JsonError("number is too large") from None
    except RecursionError:
        raise _JsonError("nesting is too deep") from None
    if not _json_clean(value):
        raise _JsonError("numbers must be finite and text valid Unicode")
    return value, end


class _Header:
    def __init__(self, line: str, line_no: int, path: str, warnings: list[Problem]) -> None:
        self.line, self.line_no, self.path, self.warnings = line, line_no, path, warnings
        self.pos = 2

    def warn(self, col: int, message: str) -> None:
        self.warnings.append(Problem(self.path, self.line_no, col, message, Severity.WARNING))

    def name(self) -> str:
        chars: list[tuple[str, bool]] = []
        line = self.line
        while self.pos < len(line) and line[self.pos] not in "[{":
            ch = line[self.pos]
            if ch == "\\" and self.pos + 1 < len(line):
                chars.append((line[self.pos + 1], True))
                self.pos += 2
                continue
            if ch in "]}":
                self.warn(self.pos + 1, f"unescaped {ch!r} in passage name (write \\{ch})")
            chars.append((ch, False))
            self.pos += 1
        while chars and not chars[0][1] and chars[0][0].isspace():
            chars.pop(0)
        while chars and not chars[-1][1] and chars[-1][0].isspace():
            chars.pop()
        return "".join(ch for ch, _ in chars)

    def tags(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        line, tags, cols, current, start = self.line, [], [], "", 0
        opened = self.pos + 1
        self.pos += 1
        closed = False
        while self.pos < len(line):
            ch = line[self.pos]
            if ch == "\\" and self.pos + 1 < len(line) and line[self.pos + 1].isspace():
                # Twine's tags are single words: an escaped space still separates two.
                self.warn(self.pos + 1, "a tag cannot contain a space; read as two tags")
                self.pos += 1
                continue
            if ch == "\\" and self.pos + 1 < len(line):
                current, start = current + line[self.pos + 1], start or self.pos + 1
                self.pos += 2
                continue
            self.pos += 1
            if ch == "]":
                closed = True
                break
            if ch.isspace():
                if current:
                    tags.append(current)
                    cols.append(start)
                current, start = "", 0
            else:
                current, start = current + ch, start or self.pos
        if current:
            tags.append(current)
            cols.append(start)
        if not closed:
            self.warn(opened, "tag block has no closing ']'")
        return tuple(tags), tuple(cols)

    def metadata(self) -> Mapping[str, Any] | None:
        col = self.pos + 1
        try:
            value, end = _load_json(self.line[self.pos :])
        except _JsonError as err:
            self.warn(col + err.offset, f"invalid metadata ignored: {err}")
            self.pos = len(self.line)
            return None
        self.pos += end
        if not isinstance(value, dict):
            self.warn(col, "invalid metadata ignored: not a JSON object")
            return None
        for key in _HEADER_META:
            if key in value and not _is_pair(value[key]):
                self.warn(col, f'invalid metadata "{key}" ignored: expected "x,y" numbers')
                del value[key]
        return value


def _is_pair(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = value.split(",")
    try:
        return len(parts) == 2 and all(math.isfinite(float(p)) for p in parts)
    except ValueError:
        return False


def _parse_header(
    line: str, line_no: int, path: str, warnings: list[Problem]
) -> tuple[str, tuple[str, ...], tuple[int, ...], Mapping[str, Any] | None]:
    header = _Header(line, line_no, path, warnings)
    name = header.name()
    if not name:
        header.warn(3, "passage has no name")
    tags: tuple[str, ...] = ()
    cols: tuple[int, ...] = ()
    metadata = None
    if header.pos < len(line) and line[header.pos] == "[":
        tags, cols = header.tags()
    while header.pos < len(line) and line[header.pos] in " \t":
        header.pos += 1
    if header.pos < len(line) and line[header.pos] == "{":
        metadata = header.metadata()
    rest = line[header.pos :]
    if rest.strip():
        offset = len(rest) - len(rest.lstrip())
        header.warn(header.pos + offset + 1, f"unexpected text in header ignored: {rest.strip()!r}")
    return name, tags, cols, metadata


# --- story data -----------------------------------------------------------------------------


def read_story_data(passage: TwinePassage, path: str) -> tuple[StoryData | None, list[Problem]]:
    """StoryData's properties; an invalid chunk or property is warned about and ignored."""
    locator = passage.locator()

    def warning(message: str, offset: int = 0) -> Problem:
        where = locator.mark(offset)
        return Problem(path, where.line, where.col, message, Severity.WARNING)

    try:
        value, end = _load_json(passage.text)
    except _JsonError as err:
        return None, [warning(f"invalid StoryData ignored: {err}", err.offset)]
    problems = []
    if passage.text[end:].strip():
        problems.append(warning("text after the StoryData JSON ignored", end))
    if not isinstance(value, dict):
        return None, [warning("invalid StoryData ignored: not a JSON object")]
    strings: dict[str, str | None] = {}
    for key in ("ifid", "format", "format-version", "start"):
        item = value.pop(key, None)
        if item is not None and not isinstance(item, str):
            problems.append(warning(f'StoryData "{key}" ignored: not text'))
            item = None
        strings[key] = item
    if strings["ifid"] is None:
        problems.append(warning("StoryData has no ifid"))
    colors = value.pop("tag-colors", None)
    if colors is not None and not isinstance(colors, dict):
        problems.append(warning('StoryData "tag-colors" ignored: not an object'))
        colors = None
    bad = [k for k, v in (colors or {}).items() if not isinstance(v, str)]
    for key in bad:
        problems.append(warning(f'tag colour of "{key}" ignored: not text'))
    zoom = value.pop("zoom", None)
    if zoom is not None and (isinstance(zoom, bool) or not isinstance(zoom, int | float)):
        problems.append(warning('StoryData "zoom" ignored: not a number'))
        zoom = None
    data = StoryData(
        ifid=strings["ifid"],
        format=strings["format"],
        format_version=strings["format-version"],
        start=strings["start"],
        tag_colors=None if colors is None else {k: v for k, v in colors.items() if k not in bad},
        zoom=zoom,
        extra=value,
    )
    return data, problems


# --- whole file -----------------------------------------------------------------------------


def _unescape_text(lines: list[str]) -> tuple[str, frozenset[int]]:
    unescaped = frozenset(i for i, line in enumerate(lines) if line.startswith("\\:"))
    return "\n".join(
        line[1:] if i in unescaped else line for i, line in enumerate(lines)
    ), unescaped


def _passage(
    header: str, header_no: int, body: list[str], path: str, warnings: list[Problem]
) -> TwinePassage:
    name, tags, cols, metadata = _parse_header(header, header_no, path, warnings)
    raw, unescaped = _unescape_text(body)
    lead = len(raw) - len(raw.lstrip())
    before = raw[:lead]
    text_line = header_no + 1 + before.count("\n")
    text_col = lead - (before.rfind("\n") + 1) + 1
    first = before.count("\n")
    shifted = frozenset(i - first for i in unescaped if i >= first)
    return TwinePassage(
        name=name,
        tags=tags,
        metadata=metadata,
        text=raw.strip(),
        line=header_no,
        tag_cols=cols,
        text_line=text_line,
        text_col=text_col,
        unescaped_lines=shifted,
    )


def parse_twee(data: bytes | str, path: str = "<twee>") -> ParsedTwee:
    """A story from Twee 3 source. Raises ContentError only for oversize or non-UTF-8."""
    text = decode_utf8(data, path, MAX_TWEE_BYTES) if isinstance(data, bytes) else data
    lines = text.replace("\r\n", "\n").split("\n")
    warnings: list[Problem] = []
    starts = [i for i, line in enumerate(lines) if line.startswith("::")]
    preamble = "\n".join(lines[: starts[0]] if starts else lines).strip()
    if preamble:
        first = next(i for i, line in enumerate(lines) if line.strip())
        warnings.append(
            Problem(path, first + 1, 1, "text before the first passage header", Severity.WARNING)
        )
    passages = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        passages.append(_passage(lines[start], start + 1, lines[start + 1 : end], path, warnings))
    seen: set[str] = set()
    for passage in passages:
        if passage.name in seen:
            message = f'another passage is already named "{passage.name}"'
            warnings.append(Problem(path, passage.line, 4, message, Severity.WARNING))
        seen.add(passage.name)
    story = TwineStory(tuple(passages), preamble)
    data_passage = story.passage(STORY_DATA)
    if data_passage is not None:
        story_data, problems = read_story_data(data_passage, path)
        warnings += problems
        start_name = story_data.start if story_data is not None else None
        if start_name is not None and story.passage(start_name) is None:
            fallback = DEFAULT_START if story.passage(DEFAULT_START) else "nothing"
            message = f'StoryData start "{start_name}" names no passage; using {fallback}'
            where = data_passage.locate(0)
            warnings.append(Problem(path, where.line, where.col, message, Severity.WARNING))
    return ParsedTwee(story, tuple(warnings))


# --- writing --------------------------------------------------------------------------------


def escape_header_text(value: str) -> str:
    """Escape ``\\ [ ] { }``; whitespace at either end is escaped too, so that the
    parser's trim keeps it (Twine writes a leading or trailing space as ``\\ ``)."""
    escaped = re.sub(r"([\\\[\]{}])", r"\\\1", value)
    core = escaped.strip()
    if not core:
        return "".join("\\" + ch for ch in escaped)
    start = escaped.index(core)
    lead, trail = escaped[:start], escaped[start + len(core) :]
    return "".join("\\" + ch for ch in lead) + core + "".join("\\" + ch for ch in trail)


def escape_text(text: str) -> str:
    return "\n".join("\\" + line if line.startswith("::") else line for line in text.split("\n"))


def _header(passage: TwinePassage) -> str:
    header = ":: " + escape_header_text(passage.name)
    if passage.tags:
        header += " [" + " ".join(escape_header_text(t) for t in passage.tags) + "]"
    if passage.metadata is not None:
        header += " " + json.dumps(passage.metadata, ensure_ascii=False, separators=(",", ":"))
    return header


def write_twee(story: TwineStory) -> str:
    """Twee 3 text; passages separated by a blank line, text lines starting ``::`` escaped."""
    parts = [story.preamble + "\n"] if story.preamble else []
    parts += [_header(p) + "\n" + escape_text(p.text) + "\n" for p in story.passages]
    return "\n".join(parts)
