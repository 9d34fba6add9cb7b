"""Attempts kept in a file because the database could not take them.

When a workstation's database is full, read-only or locked, the finished attempt is not
dropped: the teller saves it to a JSON file, and an administrator imports it later with
``svctrainer attempt import``. The file holds the raw log (keystrokes or decisions), not
figures, so the imported attempt is scored by the engine like any other and a file edited
by hand cannot claim a better result than its log earns.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FORMAT = "svctrainer-attempt-1"
MAX_FILE_BYTES = 64 * 1024 * 1024  # a 2-hour drill's log is a few MB in hex
DRILL = "drill"
SCENARIO = "scenario"


class SavedAttemptError(ValueError):
    """The file is not a saved attempt, or a part of it is unreadable; says which part."""


@dataclass(frozen=True, slots=True)
class SavedAttempt:
    kind: str  # DRILL | SCENARIO
    person_id: uuid.UUID
    content_item_id: uuid.UUID
    content_id: str
    mode: str
    started_at: datetime  # timezone-aware
    log: bytes  # encoded keystrokes (drill) or decisions (scenario)
    seed: int = 0  # drills only
    options: dict[str, Any] = field(default_factory=dict)  # drills only


def saved_attempt_json(attempt: SavedAttempt) -> str:
    """The file's text. One writer for both drills and scenarios keeps the format single."""
    payload: dict[str, Any] = {
        "format": FORMAT,
        "kind": attempt.kind,
        "person_id": str(attempt.person_id),
        "content_item_id": str(attempt.content_item_id),
        "content_id": attempt.content_id,
        "mode": attempt.mode,
        "started_at": attempt.started_at.isoformat(),
    }
    if attempt.kind == DRILL:
        payload |= {
            "seed": attempt.seed,
            "options": attempt.options,
            "events_hex": attempt.log.hex(),
        }
    else:
        payload["decisions_hex"] = attempt.log.hex()
    return json.dumps(payload, ensure_ascii=False)


def parse_saved_attempt(data: bytes) -> SavedAttempt:
    """Read a saved attempt; anything else raises SavedAttemptError naming the bad part."""
    if len(data) > MAX_FILE_BYTES:
        raise SavedAttemptError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise SavedAttemptError(f"not a saved attempt (not JSON: {exc})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise SavedAttemptError(f'not a saved attempt (no "format": "{FORMAT}")')
    kind = payload.get("kind", DRILL)  # the first drill files carried no kind
    if kind not in {DRILL, SCENARIO}:
        raise SavedAttemptError(f'"kind" must be "{DRILL}" or "{SCENARIO}"')
    log_key = "events_hex" if kind == DRILL else "decisions_hex"
    options = payload.get("options", {})
    if not isinstance(options, dict):
        raise SavedAttemptError('"options" must be an object')
    seed = payload.get("seed", 0)
    if kind == DRILL and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise SavedAttemptError('"seed" must be a whole number')
    started_at = _timestamp(payload.get("started_at"))
    return SavedAttempt(
        kind=kind,
        person_id=_uuid(payload, "person_id"),
        content_item_id=_uuid(payload, "content_item_id"),
        content_id=_text(payload, "content_id"),
        mode=_text(payload, "mode"),
        started_at=started_at,
        log=_hex(payload, log_key),
        seed=seed if kind == DRILL else 0,
        options=options,
    )


def _text(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise SavedAttemptError(f'"{key}" is missing or not a short text')
    return value


def _uuid(payload: dict[str, Any], key: str) -> uuid.UUID:
    try:
        return uuid.UUID(_text(payload, key))
    except ValueError:
        raise SavedAttemptError(f'"{key}" is not an id (a UUID)') from None


def _hex(payload: dict[str, Any], key: str) -> bytes:
    value = payload.get(key)
    if not isinstance(value, str):
        raise SavedAttemptError(f'"{key}" is missing')
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise SavedAttemptError(f'"{key}" is not hexadecimal') from None


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str):
        raise SavedAttemptError('"started_at" is missing')
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise SavedAttemptError('"started_at" is not an ISO 8601 time') from None
    if moment.tzinfo is None:
        raise SavedAttemptError('"started_at" has no time zone')
    return moment
