"""Stored event logs: lossless, compact, and decoding bad bytes fails cleanly."""

from __future__ import annotations

import contextlib
import dataclasses
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.keystrokes import EventLogError, KeyEvent, decode_events, encode_events

events_strategy = st.lists(
    st.builds(
        KeyEvent,
        t_ns=st.integers(min_value=-(2**63), max_value=2**64),
        key=st.one_of(
            st.sampled_from(["1", "Enter", "Backspace", "IME", "<pause>"]), st.text(max_size=5)
        ),
        text=st.one_of(st.just(""), st.text(max_size=6)),
        press=st.booleans(),
    ),
    max_size=60,
)


@given(events_strategy)
def test_round_trip_is_lossless(events):
    assert decode_events(encode_events(events)) == events


def _spec_encoding(events: list[KeyEvent]) -> bytes:
    """The stored form written plainly from the module docstring's description."""

    def varint(n: int) -> bytes:
        out = bytearray()
        while n >= 0x80:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        return bytes(out + bytes([n]))

    def string(s: str) -> bytes:
        raw = s.encode("utf-8", "surrogatepass")
        return varint(len(raw)) + raw

    body, table, prev = varint(len(events)), {}, 0
    for ev in events:
        step = ev.t_ns - prev
        prev = ev.t_ns
        flags = (1 if ev.press else 0) | (2 if ev.text == ev.key else 4 if not ev.text else 0)
        body += varint(2 * step if step >= 0 else -2 * step - 1) + bytes([flags])
        if ev.key in table:
            body += varint(table[ev.key])
        else:
            body += varint(len(table)) + string(ev.key)
            table[ev.key] = len(table)
        if not flags & 6:
            body += string(ev.text)
    return b"SVKE\x01" + zlib.compress(body, 9)


@given(
    st.lists(
        st.tuples(
            st.one_of(st.integers(-200, 200), st.integers(-(2**70), 2**70)),
            st.integers(0, 300),  # keys past 127 take two-byte indexes
            st.sampled_from(["", "same", "other", "\ud800"]),
            st.booleans(),
        ),
        max_size=400,
    )
)
def test_encoding_is_the_documented_format_byte_for_byte(steps):
    """Stored logs are replayed years later: the writer's inlined fast paths (one-byte
    steps and indexes) write exactly the bytes the format describes."""
    events, t = [], 0
    for step, key_no, text, press in steps:
        t += step
        key = f"k{key_no}"
        events.append(KeyEvent(t, key, key if text == "same" else text, press))
    assert encode_events(events) == _spec_encoding(events)


def test_round_trip_keeps_lone_surrogates_and_ime_text():
    events = [KeyEvent(5, "IME", "张伟", True), KeyEvent(6, "x", "\ud800", False)]
    assert decode_events(encode_events(events)) == events


def test_typical_log_is_compact():
    events = []
    t = 123_456_789_000_000
    for i in range(1000):
        key = "0123456789."[i % 11]
        t += 180_000_000 + (i % 7) * 1_000_000
        events += [KeyEvent(t, key, key, True), KeyEvent(t + 60_000_000, key, key, False)]
    blob = encode_events(events)
    assert blob[:5] == b"SVKE\x01"
    assert len(blob) < 4 * len(events)  # well under 4 bytes per event


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"SVKE",
        b"XXXX\x01" + zlib.compress(b"\x00"),
        b"SVKE\x02" + zlib.compress(b"\x00"),  # a newer version
        b"SVKE\x01not zlib",
        b"SVKE\x01" + zlib.compress(b"\x05"),  # 5 events announced, none there
        b"SVKE\x01" + zlib.compress(b"\x01\x00\x01\x05"),  # key index out of range
        b"SVKE\x01" + zlib.compress(b"\x01\x00\x40\x00\x00"),  # unknown flag
        b"SVKE\x01" + zlib.compress(b"\x00") + b"extra",
        b"SVKE\x01" + zlib.compress(b"\x00\x00"),  # trailing payload
        b"SVKE\x01" + zlib.compress(b"\x01" + b"\xff" * 30),  # endless varint
        b"SVKE\x01" + zlib.compress(b"\x01\x00\x01\x00\x02\xff\xfe"),  # bad UTF-8 key
    ],
)
def test_malformed_logs_raise_event_log_error(data):
    with pytest.raises(EventLogError):
        decode_events(data)


@given(st.binary(max_size=200))
def test_decoding_arbitrary_bytes_raises_nothing_else(data):
    with contextlib.suppress(EventLogError):
        decode_events(data)


@given(events_strategy, st.integers(min_value=0, max_value=400), st.integers(0, 255))
def test_corrupted_payload_raises_nothing_else(events, position, value):
    payload = bytearray(encode_events(events))
    if position < len(payload):
        payload[position] = value
    with contextlib.suppress(EventLogError):
        decode_events(bytes(payload))


def test_absurd_timestamp_steps_are_refused():
    with pytest.raises(ValueError, match="out of range"):
        encode_events([KeyEvent(1 << 130, "1", "1")])


def test_timestamps_must_be_integer_nanoseconds():
    with pytest.raises(TypeError, match="t_ns must be an int"):
        KeyEvent(1.5e9, "1", "1")  # type: ignore[arg-type]


def test_an_event_is_a_frozen_value_with_its_defaults():
    """``KeyEvent`` sets its slots itself (for speed): it must still behave as the frozen
    dataclass it was: defaults, keywords, equality, hashing, ``replace``, no assignment."""
    event = KeyEvent(t_ns=5, key="a")
    assert (event.t_ns, event.key, event.text, event.press) == (5, "a", "", True)
    assert event == KeyEvent(5, "a", "", True)
    assert hash(event) == hash(KeyEvent(5, "a", "", True))
    assert dataclasses.replace(event, press=False) == KeyEvent(5, "a", "", False)
    assert repr(event) == "KeyEvent(t_ns=5, key='a', text='', press=True)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.t_ns = 6  # type: ignore[misc]
    with pytest.raises(TypeError, match="t_ns must be an int"):
        KeyEvent(True, "a")  # a bool is not nanoseconds
