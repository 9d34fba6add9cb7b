"""Timestamped key events and their compact stored form.

Every drill is measured from these events alone, and the database keeps them, so an
attempt can be replayed and re-scored later (issue 3). Timestamps are integer
nanoseconds from a monotonic clock (``QKeyEvent.timestamp()`` ms × 1 000 000 where the
platform provides it, else ``time.perf_counter_ns()``); never the wall clock.

Stored form (``encode_events``), version 1::

    b"SVKE" 0x01 zlib( varint count, then per event:
        zigzag-varint  t_ns − previous t_ns      (the first is relative to 0, i.e. absolute)
        byte           flags: 1 press, 2 text == key, 4 text empty
        varint         key index into a string table built while writing; an index equal to
                       the table size means "new string follows" (varint length + UTF-8)
        [varint length + UTF-8 text]            only when neither flag 2 nor 4 is set )

Strings are written with ``surrogatepass`` so any ``str`` the GUI hands over survives the
round trip. Decoding malformed bytes raises ``EventLogError`` and nothing else.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

# Normalized names of the non-text keys the GUI sends; text keys use the character itself.
ENTER = "Enter"
BACKSPACE = "Backspace"
TAB = "Tab"
ESCAPE = "Escape"
SPACE = "Space"
PAGE_DOWN = "PageDown"
PAGE_UP = "PageUp"
IME = "IME"  # an input-method commit; ``text`` holds the committed characters

# Events the engine writes into its own log so a replay sees explicit pauses, a time
# limit reached between keystrokes and an early stop. The GUI never sends these names as
# keys; it calls ``DrillRun.pause()`` etc. and the run records them.
CONTROL_PAUSE = "<pause>"
CONTROL_RESUME = "<resume>"
CONTROL_TIMEUP = "<timeup>"
CONTROL_STOP = "<stop>"
CONTROL_SHOWN = "<shown>"  # the first case is on screen: a thinking drill's clock starts
CONTROL_KEYS = frozenset(
    {CONTROL_PAUSE, CONTROL_RESUME, CONTROL_TIMEUP, CONTROL_STOP, CONTROL_SHOWN}
)

_MAGIC = b"SVKE"
_VERSION = 1
_FLAG_PRESS = 1
_FLAG_TEXT_IS_KEY = 2
_FLAG_TEXT_EMPTY = 4
_KNOWN_FLAGS = _FLAG_PRESS | _FLAG_TEXT_IS_KEY | _FLAG_TEXT_EMPTY
_MAX_DELTA = 1 << 126  # far beyond any monotonic clock; keeps varints bounded
_MAX_DECODED_BYTES = 256 * 1024 * 1024  # a 2-hour drill is a few MB; refuse zlib bombs


@dataclass(frozen=True, slots=True, init=False)
class KeyEvent:
    """One key press or release as the GUI saw it.

    ``t_ns``: integer nanoseconds (``QKeyEvent.timestamp() * 1_000_000``, never ``* 1e6``).
    ``key`` is the normalized name (the character for text keys, else ``Enter``,
    ``Backspace``, ``Tab``, ``Escape``, ``PageDown``, ``PageUp``, ``Space``, ``IME``…).
    ``text`` is what the key committed; an IME commit may carry several characters and
    each of them counts as one stroke.
    """

    t_ns: int
    key: str
    text: str = ""
    press: bool = True

    def __init__(self, t_ns: int, key: str, text: str = "", press: bool = True) -> None:
        # Integer ns keep every duration exact; ``timestamp() * 1e6`` would be a float.
        if type(t_ns) is not int:
            raise TypeError(f"t_ns must be an int (ns), not {type(t_ns).__name__}")
        # The dataclass's own ``__init__`` of a frozen class sets each field through
        # ``object.__setattr__`` and then calls ``__post_init__``: replaying a branch's
        # attempts and playing the demo history build millions of events, and that was
        # about a tenth of the time. The slots' own setters do the same stores (the class
        # stays frozen: assigning a field afterwards still raises).
        _set_t_ns(self, t_ns)
        _set_key(self, key)
        _set_text(self, text)
        _set_press(self, press)


_set_t_ns = KeyEvent.__dict__["t_ns"].__set__
_set_key = KeyEvent.__dict__["key"].__set__
_set_text = KeyEvent.__dict__["text"].__set__
_set_press = KeyEvent.__dict__["press"].__set__


class EventLogError(ValueError):
    """A stored event log cannot be decoded (corrupt, truncated or from a newer version)."""


def encode_events(events: Iterable[KeyEvent]) -> bytes:
    """Serialize events losslessly into the versioned, compressed stored form."""
    out = bytearray()
    items = list(events)
    _put_varint(out, len(items))
    table: dict[str, int] = {}
    prev_t = 0
    append = out.append
    # The step's varint and one-byte key indexes are written inline: the demo history
    # encodes millions of events, and a call per varint was half of this function's
    # time. The bytes are ``_put_varint``'s (tests/core/drills/test_drill_keystrokes.py).
    for ev in items:
        t = ev.t_ns
        delta = t - prev_t
        if delta >= _MAX_DELTA or -delta >= _MAX_DELTA:
            raise ValueError(f"timestamp step {delta} ns is out of range")
        zig = delta * 2 if delta >= 0 else -delta * 2 - 1  # ``_zigzag``
        while zig >= 0x80:  # ``_put_varint``: a step of milliseconds takes four bytes
            append((zig & 0x7F) | 0x80)
            zig >>= 7
        append(zig)
        prev_t = t
        key = ev.key
        text = ev.text
        flags = _FLAG_PRESS if ev.press else 0
        if text == key:
            flags |= _FLAG_TEXT_IS_KEY
        elif not text:
            flags |= _FLAG_TEXT_EMPTY
        append(flags)
        index = table.get(key)
        if index is None:
            index = len(table)
            _put_varint(out, index)
            _put_str(out, key)
            table[key] = index
        elif index < 0x80:
            append(index)
        else:
            _put_varint(out, index)
        if not flags & (_FLAG_TEXT_IS_KEY | _FLAG_TEXT_EMPTY):
            _put_str(out, text)
    return _MAGIC + bytes([_VERSION]) + zlib.compress(bytes(out), 9)


def decode_events(data: bytes) -> list[KeyEvent]:  # noqa: PLR0912, PLR0915 - reading inlined
    """Inverse of ``encode_events``; raises ``EventLogError`` for anything malformed."""
    payload = _payload(data)
    # One loop over the bytes with the reading inlined (most varints are one byte):
    # a replay decodes every keystroke of the attempt, and rescoring a branch replays
    # thousands. Indexing past the end is a truncated log.
    try:
        count, pos = _varint(payload, 0)
        if count > len(payload):  # every event takes at least 3 bytes
            raise EventLogError("event count exceeds the data")
        table: list[str] = []
        events: list[KeyEvent] = []
        append = events.append
        t = 0
        for _ in range(count):
            z = payload[pos]
            pos += 1
            if z >= 0x80:  # ``_varint`` written out: most steps take four bytes
                z &= 0x7F
                shift = 7
                while True:
                    b = payload[pos]
                    pos += 1
                    z |= (b & 0x7F) << shift
                    if not b & 0x80:
                        break
                    shift += 7
                    if shift > 7 * 20:
                        raise EventLogError("varint too long")
            t += z >> 1 if not z & 1 else -((z + 1) >> 1)  # zigzag: 0, -1, 1, -2, ...
            flags = payload[pos]
            pos += 1
            if flags & ~_KNOWN_FLAGS:
                raise EventLogError("unknown event flags")
            index = payload[pos]
            if index < 0x80:
                pos += 1
            else:
                index, pos = _varint(payload, pos)
            if index == len(table):
                name, pos = _string(payload, pos)
                table.append(name)
            elif index > len(table):
                raise EventLogError("bad key index")
            key = table[index]
            if flags & _FLAG_TEXT_IS_KEY:
                text = key
            elif flags & _FLAG_TEXT_EMPTY:
                text = ""
            else:
                text, pos = _string(payload, pos)
            append(KeyEvent(t, key, text, bool(flags & _FLAG_PRESS)))
    except IndexError:
        raise EventLogError("event log is truncated") from None
    if pos != len(payload):
        raise EventLogError("trailing bytes inside the event log")
    return events


def _payload(data: bytes) -> bytes:
    """The inflated payload of a stored log, its header and compression checked."""
    if len(data) < len(_MAGIC) + 1 or data[: len(_MAGIC)] != _MAGIC:
        raise EventLogError("not an svctrainer event log")
    version = data[len(_MAGIC)]
    if version != _VERSION:
        raise EventLogError(f"unsupported event log version {version}")
    try:
        inflater = zlib.decompressobj()
        payload = inflater.decompress(data[len(_MAGIC) + 1 :], _MAX_DECODED_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise EventLogError("event log is truncated or too large")
        if inflater.unused_data:
            raise EventLogError("trailing bytes after the event log")
    except zlib.error as exc:
        raise EventLogError(f"event log is corrupt: {exc}") from None
    return payload


def _zigzag(n: int) -> int:
    return n * 2 if n >= 0 else -n * 2 - 1


def _put_varint(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _put_str(out: bytearray, s: str) -> None:
    raw = s.encode("utf-8", "surrogatepass")
    _put_varint(out, len(raw))
    out += raw


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """The varint at ``pos`` and the position after it (IndexError past the end)."""
    shift = 0
    n = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if not b & 0x80:
            return n, pos
        shift += 7
        if shift > 7 * 20:  # > 140 bits: no timestamp or length is that large
            raise EventLogError("varint too long")


def _string(data: bytes, pos: int) -> tuple[str, int]:
    """The length-prefixed UTF-8 string at ``pos`` and the position after it."""
    length, pos = _varint(data, pos)
    end = pos + length
    if end > len(data):
        raise EventLogError("event log is truncated")
    try:
        return data[pos:end].decode("utf-8", "surrogatepass"), end
    except UnicodeDecodeError:
        raise EventLogError("bad text in event log") from None
