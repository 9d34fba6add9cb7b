"""Stored event logs: lossless, compact, and decoding bad bytes fails cleanly."""

from __future__ import annotations

import contextlib
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
