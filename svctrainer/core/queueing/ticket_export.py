"""The queue-ticket export: a CSV file every queue-ticket system (叫号系统) can write.

The format, the column names other systems use and the time-zone rule are documented for
branches in docs/queue-data-format.md; in short: one row per ticket with the columns

    ticket, business_type, issued_at, called_at, service_start, service_end, window

``business_type`` may be left out. Other names map onto these fields (``columns``, the
command's ``--map ticket=票号,…``); the Chinese names the common systems print
(``ALIASES``) are recognised without a map; columns nobody needs are left out with
``ignore``. A header column that is neither a field, nor mapped, nor ignored is an error:
a typo in a map must not silently drop the column it meant.

Times are local wall-clock times of the branch (``zone``; None: the computer's own time
zone) and are returned in UTC, with the local day and clock hour of the ticket (what the
arrival profile is about). ``2026-03-05 09:07:31``, ``2026/3/5 9:07`` (Excel) and ISO
8601 with ``T``, fractions of a second and an explicit offset (``+08:00``, ``Z``, which
then wins over the zone) are read. ``called_at``, ``service_start`` and ``service_end``
may be a bare time of day (``09:12:40``), taken on the day (and at the offset) the
ticket was issued. A
local time that occurs twice when the clocks go back is read as its first occurrence; a
time skipped when they go forward is read with the offset before the change.

Row rules (every broken rule is reported, one ``file:line:col`` problem each, and then
the file is refused as a whole): a ticket number and an issue time; a ticket never
called has no later times (it counts as walked away); a called ticket names its window;
a ticket called but never served (no service times) is a no-show; served tickets have a
start and an end; times never go backwards (issued ≤ called ≤ start ≤ end), and a
ticket is over within 12 hours; the same ticket number issued at the same moment twice
is a duplicate. Rows that are entirely empty (Excel writes them) are skipped.

Files in UTF-8 (with or without a byte-order mark) or, failing that, GB18030 (what
Chinese Excel saves as "CSV"), separated by commas, semicolons (European Excel) or tabs
(detected from the header line), with CRLF or LF line ends.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from svctrainer.core.problems import Problem

FIELDS = ("ticket", "business_type", "issued_at", "called_at", "service_start", "service_end",
          "window")  # fmt: skip
REQUIRED = ("ticket", "issued_at", "called_at", "service_start", "service_end", "window")
TIME_FIELDS = ("issued_at", "called_at", "service_start", "service_end")
ALIASES: dict[str, str] = {
    # The column names Chinese queue-ticket systems commonly print.
    "票号": "ticket", "号码": "ticket", "排队号": "ticket", "排队号码": "ticket",
    "取号号码": "ticket", "业务类型": "business_type", "业务类别": "business_type",
    "业务名称": "business_type", "取号时间": "issued_at", "出票时间": "issued_at",
    "叫号时间": "called_at", "开始办理时间": "service_start", "办理开始时间": "service_start",
    "开始时间": "service_start", "办结时间": "service_end", "办理结束时间": "service_end",
    "结束时间": "service_end", "完成时间": "service_end", "窗口": "window",
    "窗口号": "window", "柜台": "window", "柜台号": "window",
}  # fmt: skip
MAX_TICKET = 32
MAX_BUSINESS_TYPE = 60
MAX_WINDOW = 32
MAX_SPAN = timedelta(hours=12)
MAX_PROBLEMS = 1000  # beyond this, the file is clearly not an export of this kind
ENCODINGS = ("utf-8", "gb18030")

_STAMP = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?")


@dataclass(frozen=True, slots=True)
class Ticket:
    """One row of the export: the moment of issue in UTC, the later moments as durations
    (seconds; None where the ticket never got there), and the local day and clock hour
    of its issue."""

    line: int
    ticket: str
    business_type: str
    window: str
    issued_at: datetime
    wait_s: float | None  # issue → call; None: walked away before being called
    holding_s: float | None  # call → end of service; None: not served (a no-show)
    service_s: float | None  # start → end of service
    local_day: date
    local_hour: int
    utc_offset_s: int  # local time = UTC + this, at the issue

    @property
    def served(self) -> bool:
        return self.holding_s is not None


@dataclass(frozen=True)
class TicketFile:
    tickets: tuple[Ticket, ...]
    problems: tuple[Problem, ...]  # header problems first; empty when the file is sound
    header_problems: int  # how many of ``problems`` are about the header (columns)
    delimiter: str
    encoding: str
    more_problems: int = 0  # found beyond MAX_PROBLEMS and not listed

    @property
    def sound(self) -> bool:
        return not self.problems


class UndecodableError(ValueError):
    """The file is not text in the encoding(s) tried; ``line``/``col`` of the first bad
    byte (1-based; 0 for an unknown encoding name)."""

    def __init__(self, line: int, col: int, message: str) -> None:
        self.line = line
        self.col = col
        self.message = message
        super().__init__(message)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text (without a byte-order mark) and the encoding used: ``encoding``, or
    UTF-8 then GB18030."""
    tried = (encoding,) if encoding else ENCODINGS
    first: UnicodeDecodeError | None = None
    for name in tried:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as err:
            first = first or err
            continue
        except LookupError:
            raise UndecodableError(0, 0, f"unknown encoding {name!r}") from None
        return text.removeprefix("\ufeff"), name
    assert first is not None  # noqa: S101 - every name failed with a decode error
    before = data[: first.start]
    line = before.count(b"\n") + 1
    col = first.start - (before.rfind(b"\n") + 1) + 1
    raise UndecodableError(line, col, f"not {' or '.join(tried)} text")


def parse_export(
    text: str,
    path: str,
    *,
    columns: Mapping[str, str] | None = None,
    ignore: Collection[str] = (),
    zone: tzinfo | None = None,
    encoding: str = "utf-8",
) -> TicketFile:
    """Every ticket of ``text`` and every problem found (``TicketFile.sound``)."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        return TicketFile((), (Problem(path, 1, 1, "the file is empty: no header line"),), 1,
                          delimiter, encoding)  # fmt: skip
    index, problems = _columns(header, path, lines[0], delimiter, columns or {}, ignore)
    if problems:
        return TicketFile((), tuple(problems), len(problems), delimiter, encoding)
    rows = _Rows(path, lines, delimiter, index, len(header), _Clock(zone))
    tickets: list[Ticket] = []
    end = reader.line_num
    for row in reader:
        start, end = end + 1, reader.line_num
        if not any(row) or not any(cell.strip() for cell in row):
            continue
        ticket = rows.ticket(row, start)
        if ticket is not None:
            tickets.append(ticket)
    more = max(0, rows.count - MAX_PROBLEMS)
    return TicketFile(tuple(tickets), tuple(rows.problems), 0, delimiter, encoding, more)


def field_of(name: str) -> str | None:
    """The field a header name stands for without a map (case, spaces, ``-`` ignored)."""
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    if key in FIELDS:
        return key
    return ALIASES.get(name.strip())


def _delimiter(header: str) -> str:
    counts = {d: _outside_quotes(header).count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _columns(  # noqa: PLR0917 - one private caller
    header: list[str],
    path: str,
    raw: str,
    delimiter: str,
    columns: Mapping[str, str],
    ignore: Collection[str],
) -> tuple[dict[str, int], list[Problem]]:
    problems: list[Problem] = []
    names = [h.strip() for h in header]
    by_name: dict[str, str] = {}
    for target, column in columns.items():
        if target not in FIELDS:
            problems.append(Problem(path, 1, 1, f"--map {target}={column}: {target!r} is not "
                                    f"a field (fields: {', '.join(FIELDS)})"))  # fmt: skip
        elif column not in names:
            problems.append(Problem(path, 1, 1, f"--map {target}={column}: no column "
                                    f"{column!r} in the header"))  # fmt: skip
        else:
            by_name[column] = target
    ignored = {i.strip() for i in ignore}
    for name in sorted(ignored - set(names)):
        problems.append(Problem(path, 1, 1, f"--ignore {name}: no such column in the header"))
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        col = _column_position(raw, i, delimiter)
        if name in ignored:
            continue
        field = by_name.get(name) or (None if name in by_name else field_of(name))
        if field is None:
            problems.append(Problem(path, 1, col, f"unknown column {name!r} (fields: "
                                    f"{', '.join(FIELDS)}); map it or ignore it"))  # fmt: skip
        elif field in index:
            problems.append(Problem(path, 1, col, f"column {name!r} is a second {field} column"))
        else:
            index[field] = i
    missing = [f for f in REQUIRED if f not in index]
    if missing:
        problems.append(Problem(path, 1, 1, f"no {', '.join(missing)} column in the header"))
    return index, problems


def _column_position(line: str, index: int, delimiter: str) -> int:
    """1-based character column where field ``index`` of ``line`` starts."""
    quoted = False
    field = 0
    if index == 0:
        return 1
    for pos, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            field += 1
            if field == index:
                return pos + 2
    return len(line) + 1


class _Clock:
    """Local wall-clock times → naive UTC, with the offset looked up once per local hour
    (a 50 000-ticket export has a few thousand distinct hours)."""

    def __init__(self, zone: tzinfo | None) -> None:
        self._zone = zone
        self._offsets: dict[tuple[int, int, int, int], timedelta] = {}

    def offset(self, local: datetime) -> timedelta:
        key = (local.year, local.month, local.day, local.hour)
        offset = self._offsets.get(key)
        if offset is None:
            probe = local.replace(minute=0, second=0, microsecond=0)
            aware = probe.replace(tzinfo=self._zone) if self._zone else probe.astimezone()
            offset = aware.utcoffset() or timedelta(0)
            self._offsets[key] = offset
        return offset

    def naive_utc(self, value: datetime) -> datetime:
        if value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value - self.offset(value)

    def local(self, naive_utc: datetime) -> datetime:
        """A UTC moment as the zone's naive wall-clock time."""
        moment = naive_utc.replace(tzinfo=UTC)
        return (moment.astimezone(self._zone) if self._zone else moment.astimezone()).replace(
            tzinfo=None
        )


class _BadValueError(Exception):
    pass


class _Rows:
    """Turns rows into tickets, collecting problems with their line and column."""

    def __init__(  # noqa: PLR0917 - one private caller
        self,
        path: str,
        lines: list[str],
        delimiter: str,
        index: dict[str, int],
        width: int,
        clock: _Clock,
    ) -> None:
        self.path = path
        self.lines = lines
        self.delimiter = delimiter
        self.index = index
        self.width = width
        self.clock = clock
        self.problems: list[Problem] = []
        self.count = 0
        self.seen: dict[tuple[str, datetime], int] = {}  # (ticket, naive UTC issue) → line
        self._fast_index = (
            index["ticket"], index.get("business_type", -1), index["window"],
            *(index[name] for name in TIME_FIELDS),
        )  # fmt: skip

    def problem(self, line: int, row: list[str], field: str | None, message: str) -> None:
        self.count += 1
        if self.count > MAX_PROBLEMS:
            return
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = 1 if field is None else _column_position(raw, self.index[field], self.delimiter)
        self.problems.append(Problem(self.path, line, col, message))

    def ticket(self, row: list[str], line: int) -> Ticket | None:
        """The row's ticket, or None with its problems recorded."""
        fast = self._documented(row, line)
        return fast if fast is not None else self._any(row, line)

    def _documented(self, row: list[str], line: int) -> Ticket | None:
        """The common case, quickly: a well-formed row of a served, no-show or walked-away
        ticket with every time in the documented form. None sends the row down the
        general path (``_any``), which finds and words whatever is wrong with it."""
        if len(row) != self.width:
            return None
        i = self._fast_index
        number, window = row[i[0]], row[i[2]]
        business = row[i[1]] if i[1] >= 0 else ""
        texts = (row[i[3]], row[i[4]], row[i[5]], row[i[6]])
        plain = (
            0 < len(number) <= MAX_TICKET and len(window) <= MAX_WINDOW
            and len(business) <= MAX_BUSINESS_TYPE
            and number == number.strip() and window == window.strip()
        )  # fmt: skip
        moments = self._fast_moments(texts) if plain else None
        if moments is None:
            return None
        issued, called, start, end = moments
        if not _in_order(issued, called, start, end, window):
            return None
        if issued is None or (number, issued) in self.seen:
            return None
        self.seen[(number, issued)] = line
        local_issued = datetime.fromisoformat(texts[0])
        return Ticket(
            line, number, business.strip(), window, issued.replace(tzinfo=UTC),
            _seconds(issued, called), _seconds(called, end), _seconds(start, end),
            local_issued.date(), local_issued.hour, int((local_issued - issued).total_seconds()),
        )  # fmt: skip

    def _fast_moments(self, texts: tuple[str, ...]) -> list[datetime | None] | None:
        """Naive UTC moments of times in the documented form; None if one is not."""
        moments: list[datetime | None] = []
        offset = self.clock.offset
        for text in texts:
            if not text:
                moments.append(None)
            elif len(text) != 19 or text[4] != "-" or text[10] not in " T":
                return None
            else:
                try:
                    local = datetime.fromisoformat(text)
                except ValueError:
                    return None
                moments.append(local - offset(local))
        return moments

    def _any(self, row: list[str], line: int) -> Ticket | None:
        if len(row) != self.width:
            self.problem(line, row, None, f"{len(row)} fields where the header has {self.width}")
            return None
        before = self.count
        index = self.index
        number = row[index["ticket"]].strip()
        if not number:
            self.problem(line, row, "ticket", "no ticket number")
        elif len(number) > MAX_TICKET:
            self.problem(line, row, "ticket", f"ticket number longer than {MAX_TICKET} characters")
        business = row[index["business_type"]].strip() if "business_type" in index else ""
        if len(business) > MAX_BUSINESS_TYPE:
            self.problem(line, row, "business_type",
                         f"business type longer than {MAX_BUSINESS_TYPE} characters")  # fmt: skip
        window = row[index["window"]].strip()
        if len(window) > MAX_WINDOW:
            self.problem(line, row, "window", f"window longer than {MAX_WINDOW} characters")
        text = row[index["issued_at"]].strip()
        if not text:
            self.problem(line, row, "issued_at", "no issue time")
            return None
        issued_local = self._time(row, line, "issued_at", text, None)
        if issued_local is None:
            return None
        day = issued_local.date()
        clock = self.clock
        utc: dict[str, datetime | None] = {"issued_at": clock.naive_utc(issued_local)}
        for name in TIME_FIELDS[1:]:
            text = row[index[name]].strip()
            value = self._time(row, line, name, text, day)
            if value is not None and issued_local.tzinfo is not None and _CLOCK.fullmatch(text):
                value = value.replace(tzinfo=issued_local.tzinfo)  # at the offset
            utc[name] = None if value is None else clock.naive_utc(value)
        if self.count != before:
            return None
        self._check_order(row, line, utc, window)
        if self.count != before:
            return None
        issued, called, start, end = (utc[name] for name in TIME_FIELDS)
        if issued is None:  # never: the issue time was read above
            return None
        first = self.seen.setdefault((number, issued), line)
        if first != line:
            self.problem(line, row, "ticket", f"ticket {number} issued at the same moment "
                         f"twice (first on line {first})")  # fmt: skip
            return None
        local = issued_local if issued_local.tzinfo is None else clock.local(issued)
        return Ticket(
            line, number, business, window, issued.replace(tzinfo=UTC),
            _seconds(issued, called), _seconds(called, end), _seconds(start, end),
            local.date(), local.hour, int((local - issued).total_seconds()),
        )  # fmt: skip

    def _time(
        self, row: list[str], line: int, name: str, text: str, day: date | None
    ) -> datetime | None:
        if not text:
            return None
        try:
            return read_time(text, day)
        except _BadValueError as exc:
            self.problem(line, row, name, f"{name} {text!r}: {exc}")
            return None

    def _check_order(
        self, row: list[str], line: int, t: dict[str, datetime | None], window: str
    ) -> None:
        called, start, end = t["called_at"], t["service_start"], t["service_end"]
        if called is None and (start or end):
            self.problem(line, row, "called_at", "served but never called: no called_at")
            return
        if start is None and end is not None:
            self.problem(line, row, "service_start", "service_end without service_start")
            return
        if start is not None and end is None:
            self.problem(line, row, "service_end", "service_start without service_end")
            return
        if called is not None and not window:
            self.problem(line, row, "window", "called to no window: the window is empty")
        present = [
            (name, value)
            for name, value in (("issued_at", t["issued_at"]), ("called_at", called),
                                ("service_start", start), ("service_end", end))
            if value is not None
        ]  # fmt: skip
        for (earlier, a), (later, b) in itertools.pairwise(present):
            if b < a:
                self.problem(line, row, later, f"{later} is before {earlier}")
                return
        (_, first), (last_name, last) = present[0], present[-1]
        if last - first > MAX_SPAN:
            self.problem(line, row, last_name, "more than 12 hours after the ticket was issued")


def _in_order(
    issued: datetime | None,
    called: datetime | None,
    start: datetime | None,
    end: datetime | None,
    window: str,
) -> bool:
    """The row rules of the module docstring, for the fast path."""
    if issued is None or (start is None) != (end is None):
        return False
    if called is None:
        return start is None
    if not window or called < issued or called - issued > MAX_SPAN:
        return False
    return start is None or end is None or (called <= start <= end and end - issued <= MAX_SPAN)


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    return None if start is None or end is None else (end - start).total_seconds()


def read_time(text: str, day: date | None = None) -> datetime:
    """A time as the export writes it (module docstring): naive when it has no offset.
    ``day`` is the date for a bare time of day."""
    if len(text) == 19 and text[4] == "-" and text[10] in " T":
        try:  # the documented form, read by the C parser
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # e.g. 2026-02-30: the slow path says what is wrong
    match = _STAMP.fullmatch(text)
    if match is not None:
        y, mo, d, h, mi, s, frac, offset = match.groups()
        if h is None:
            raise _BadValueError("a date without a time of day")
        return _build(int(y), int(mo), int(d), h, mi, s, frac, offset)
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        if day is None:
            raise _BadValueError("a time of day without a date")
        h, mi, s, frac = clock.groups()
        return _build(day.year, day.month, day.day, h, mi, s, frac, None)
    raise _BadValueError("not a date and time (YYYY-MM-DD HH:MM:SS)")


def _build(  # noqa: PLR0917 - the parts of a time stamp, in their order
    y: int, mo: int, d: int, h: str, mi: str, s: str | None, frac: str | None, offset: str | None
) -> datetime:
    try:
        micro = int((frac or "0").ljust(6, "0")[:6])
        value = datetime(y, mo, d, int(h), int(mi), int(s or 0), micro)
    except ValueError as exc:
        raise _BadValueError(str(exc)) from None
    if offset is None:
        return value
    if offset == "Z":
        return value.replace(tzinfo=UTC)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta > timedelta(hours=14):
        raise _BadValueError("an offset beyond ±14:00")
    return value.replace(tzinfo=timezone(sign * delta))
