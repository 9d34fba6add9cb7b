"""The stored form of an attempt checkpoint: the run's options and its key-event log.

A checkpoint is written every few seconds while a drill runs, so that after a crash or a
power cut the teller can still keep what they did. ``draft-v1`` is a 4-byte length,
that many bytes of JSON (the options the run was started with), then the event log in
``keystrokes.encode_events`` form.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from svctrainer.core.keystrokes import EventLogError, KeyEvent, decode_events, encode_events

DRAFT_ENCODING = "draft-v1"
_HEADER = struct.Struct(">I")
_MAX_OPTIONS_BYTES = 1024 * 1024


class DraftError(ValueError):
    """The checkpoint bytes are damaged."""


def pack_draft(options: dict[str, Any], events: list[KeyEvent]) -> bytes:
    header = json.dumps(options, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return _HEADER.pack(len(header)) + header + encode_events(events)


def unpack_draft(data: bytes) -> tuple[dict[str, Any], list[KeyEvent]]:
    if len(data) < _HEADER.size:
        raise DraftError("checkpoint too short")
    (length,) = _HEADER.unpack_from(data)
    if length > _MAX_OPTIONS_BYTES or _HEADER.size + length > len(data):
        raise DraftError("checkpoint header is damaged")
    try:
        options = json.loads(data[_HEADER.size : _HEADER.size + length].decode("utf-8"))
        events = decode_events(data[_HEADER.size + length :])
    except (UnicodeDecodeError, json.JSONDecodeError, EventLogError) as exc:
        raise DraftError(f"checkpoint is damaged: {exc}") from None
    if not isinstance(options, dict):
        raise DraftError("checkpoint options are damaged")
    return options, events
