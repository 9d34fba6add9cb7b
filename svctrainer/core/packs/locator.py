"""Where each key of a TOML document is: ``path -> (line, col)``.

``tomllib`` returns plain dicts without positions, but every problem in a drill pack must
point at the offending key. This scanner walks the same text once more and records the
1-based line and column (in characters) of

- every key, under its full dotted path (``("run", "time_limit_s")``), including keys of
  inline tables and dotted keys;
- every array element, under ``path + (index,)`` (``("generator", "digits", 1)``);
- every ``[[array-of-tables]]`` element, under ``("grades", 2)`` at its header.

It is meant for text ``tomllib`` accepted; on anything else it records what it can and
stops, and it never raises. It works iteratively (no recursion), so deeply nested arrays
cannot exhaust the stack, and in linear time: paths are extended one part at a time and
recorded only up to ``_MAX_DEPTH`` parts, so a 3 000-part dotted key costs 3 000 steps,
not the 3 000³ that rebuilding every prefix from scratch took (36 s for 17 KB).
"""

from __future__ import annotations

import bisect
import contextlib
import tomllib
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\n")
_MAX_DEPTH = 64  # deeper keys and elements are not recorded (no pack schema goes near it)
_NO_KEY = object()  # table_header found no key: keep the current table


def _extend(path: Path | None, part: str | int) -> Path | None:
    """``path + (part,)``, or None once it would be deeper than is ever recorded (so a
    hostile key with thousands of parts builds no tuple longer than ``_MAX_DEPTH``)."""
    if path is None or len(path) >= _MAX_DEPTH:
        return None
    return (*path, part)


def format_path(path: Path) -> str:
    """``("grades", 2, "min_accuracy")`` -> ``grades[2].min_accuracy``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class KeyLocations:
    """Positions found in one document; ``find`` falls back to the nearest ancestor."""

    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    longest_key: tuple[int, int, int] = (0, 1, 1)
    """(parts, line, col) of the dotted key with the most parts: ``tomllib`` itself takes
    quadratic time over one long dotted key, so the loader refuses such keys first."""

    def find(self, path: Path) -> tuple[int, int]:
        """Line and column of ``path``, else of its closest located ancestor, else 1:1."""
        for end in range(len(path), 0, -1):
            pos = self.positions.get(path[:end])
            if pos is not None:
                return pos
        return (1, 1)


def locate_keys(text: str) -> KeyLocations:
    scanner = _Scanner(text)
    with contextlib.suppress(Exception):  # best effort: keep what was found so far
        scanner.document()
    parts, index = scanner.longest
    return KeyLocations(
        {path: scanner.line_col(index) for path, index in scanner.found.items()},
        (parts, *scanner.line_col(index)),
    )


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.i = 0
        # str.find, not a loop over every character: the content checker locates the
        # keys of every pack it reads (``content check``, the content fuzz's 5 200 packs)
        self.line_starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.line_starts.append(at + 1)
            at = text.find("\n", at + 1)
        self.found: dict[Path, int] = {}
        self.aot_last: dict[Path, int] = {}  # array-of-tables path -> last element index
        self.longest: tuple[int, int] = (0, 0)  # (parts, start index) of the longest key

    # -- positions -------------------------------------------------------------------
    def line_col(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def record(self, path: Path, index: int) -> None:
        self.found.setdefault(path, index)

    # -- low-level skipping ----------------------------------------------------------
    def ch(self) -> str:
        return self.s[self.i] if self.i < self.n else ""

    def skip_blanks(self) -> None:
        while self.i < self.n and self.s[self.i] in " \t":
            self.i += 1

    def skip_space_and_comments(self) -> None:
        """Whitespace, newlines and comments (between statements and inside arrays)."""
        while self.i < self.n:
            c = self.s[self.i]
            if c in " \t\r\n":
                self.i += 1
            elif c == "#":
                self.skip_line()
            else:
                return

    def skip_line(self) -> None:
        end = self.s.find("\n", self.i)
        self.i = self.n if end < 0 else end + 1

    def skip_string(self) -> None:
        q = self.s[self.i]
        escapes = q == '"'
        if self.s.startswith(q * 3, self.i):
            self.i += 3
            while self.i < self.n:
                if escapes and self.s[self.i] == "\\":
                    self.i += 2
                elif self.s.startswith(q * 3, self.i):
                    run = 0
                    while self.i < self.n and self.s[self.i] == q and run < 5:
                        self.i += 1
                        run += 1
                    return
                else:
                    self.i += 1
            return
        self.i += 1
        while self.i < self.n and self.s[self.i] != "\n":
            c = self.s[self.i]
            if escapes and c == "\\":
                self.i += 2
            elif c == q:
                self.i += 1
                return
            else:
                self.i += 1

    # -- keys ------------------------------------------------------------------------
    def key(self) -> list[tuple[str, int]] | None:
        """A dotted key as ``[(part, start index), ...]``; None if there is none here."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip_blanks()
            start = self.i
            c = self.ch()
            if c in ('"', "'"):
                self.skip_string()
                raw = self.s[start : self.i]
                parts.append((_unquote(raw), start))
            else:
                while self.i < self.n and self.s[self.i] in _BARE_KEY_CHARS:
                    self.i += 1
                if self.i == start:
                    return None
                parts.append((self.s[start : self.i], start))
            self.skip_blanks()
            if self.ch() != ".":
                if len(parts) > self.longest[0]:
                    self.longest = (len(parts), parts[0][1])
                return parts
            self.i += 1

    # -- document --------------------------------------------------------------------
    def document(self) -> None:
        prefix: Path | None = ()  # None: a table too deep to record anything under
        while True:
            self.skip_space_and_comments()
            if self.i >= self.n:
                return
            before = self.i
            if self.s.startswith("[[", self.i):
                self.i += 2
                header = self.table_header(array=True)
            elif self.s[self.i] == "[":
                self.i += 1
                header = self.table_header(array=False)
            else:
                self.key_value(prefix)
                header = _NO_KEY
            if header is not _NO_KEY:
                prefix = header  # type: ignore[assignment]
            if self.i <= before:  # not TOML we understand: move on to the next line
                self.i = before
                self.skip_line()

    def table_header(self, *, array: bool) -> Path | object | None:
        """The table's path (array-of-tables parts replaced by their current element),
        None when it is too deep to record, ``_NO_KEY`` when there is no key here."""
        parts = self.key()
        if not parts:
            return _NO_KEY
        path: Path | None = ()
        for name, start in parts[:-1]:
            path = _extend(path, name)
            if path is None:
                break
            last = self.aot_last.get(path)
            if last is not None:
                path = _extend(path, last)
            if path is not None:
                self.record(path, start)
        name, start = parts[-1]
        path = _extend(path, name)
        if path is not None:
            self.record(path, start)
            if array:
                index = self.aot_last.get(path, -1) + 1
                self.aot_last[path] = index
                path = _extend(path, index)
                if path is not None:
                    self.record(path, start)
        self.skip_line()
        return path

    def key_value(self, prefix: Path | None) -> None:
        parts = self.key()
        if not parts:
            return
        path = prefix
        for name, start in parts:
            path = _extend(path, name)
            if path is not None:
                self.record(path, start)
        self.skip_blanks()
        if self.ch() != "=":
            return
        self.i += 1
        self.value(path)

    def value(self, path: Path | None) -> None:
        """Skip one value, recording element and inline-table key positions."""
        walk = _ValueWalk(self, path)
        state: str | None = "value"
        while state is not None:
            state = walk.step(state)


@dataclass(slots=True)
class _Frame:
    """One open array or inline table: its path (None past ``_MAX_DEPTH``) and the
    index its next element gets."""

    is_array: bool
    path: Path | None
    next_index: int = 0


class _ValueWalk:
    """Iterative walk over one (possibly nested) value: a small state machine whose
    states are "value", "array_next", "inline_next" and "after"; None ends the walk."""

    def __init__(self, scanner: _Scanner, path: Path | None) -> None:
        self.sc = scanner
        self.stack: list[_Frame] = []
        self.target: Path | None = path  # None: too deep to be worth recording

    def step(self, state: str) -> str | None:
        if state == "value":
            return self.value()
        if state == "array_next":
            return self.array_next()
        if state == "inline_next":
            return self.inline_next()
        return self.after()

    def value(self) -> str | None:
        sc = self.sc
        if self.stack:
            sc.skip_space_and_comments()
        else:
            sc.skip_blanks()
        if sc.i >= sc.n:
            return None
        if self.target is not None:
            sc.record(self.target, sc.i)
        c = sc.s[sc.i]
        if c in "[{":
            sc.i += 1
            # Paths stop growing past _MAX_DEPTH so a hostile nesting stays linear.
            deep = self.target is None or len(self.target) > _MAX_DEPTH
            self.stack.append(_Frame(c == "[", None if deep else self.target))
            return "array_next" if c == "[" else "inline_next"
        if c in ('"', "'"):
            sc.skip_string()
            return "after"
        start = sc.i
        while sc.i < sc.n and sc.s[sc.i] not in _SCALAR_END:
            sc.i += 1
        return "after" if sc.i > start else None

    def array_next(self) -> str | None:
        self.sc.skip_space_and_comments()
        if self.sc.ch() == "]":
            self.sc.i += 1
            self.stack.pop()
            return "after"
        frame = self.stack[-1]
        self.target = None if frame.path is None else (*frame.path, frame.next_index)
        return "value"

    def inline_next(self) -> str | None:
        sc = self.sc
        sc.skip_space_and_comments()
        if sc.ch() == "}":
            sc.i += 1
            self.stack.pop()
            return "after"
        parts = sc.key()
        if not parts:
            return None
        target = self.stack[-1].path
        for name, start in parts:
            target = _extend(target, name)
            if target is not None:
                sc.record(target, start)
        self.target = target
        sc.skip_blanks()
        if sc.ch() != "=":
            return None
        sc.i += 1
        return "value"

    def after(self) -> str | None:
        """After a complete value: a separator, a closing bracket, or the end."""
        if not self.stack:
            return None
        frame = self.stack[-1]
        self.sc.skip_space_and_comments()
        c = self.sc.ch()
        if c == ",":
            self.sc.i += 1
            frame.next_index += 1
            return "array_next" if frame.is_array else "inline_next"
        if (c == "]" and frame.is_array) or (c == "}" and not frame.is_array):
            self.sc.i += 1
            self.stack.pop()
            return "after"
        return None


def _unquote(raw: str) -> str:
    """Decode a quoted key exactly as TOML does (escapes and all)."""
    try:
        value = tomllib.loads(f"k = {raw}")["k"]
    except (tomllib.TOMLDecodeError, RecursionError):
        return raw
    return value if isinstance(value, str) else raw
