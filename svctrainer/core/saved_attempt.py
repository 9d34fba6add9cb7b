"""Attempts kept in a file because the database could not take them.

When a workstation's database is full, read-only or locked, the finished attempt is not
dropped: the teller saves it to a JSON file, and an administrator imports it later with
``svctrainer attempt import``. The file holds the raw log (keystrokes or decisions), not
figures, so the imported attempt is scored by the engine like any other and a file edited
by hand cannot claim a better result than its log earns.

A log can itself be edited (a real test replayed 20 times faster, or moved to another
person, replays as a valid result), so a file also carries an HMAC-SHA256 under the
branch key (``core.branch_key``), which the workstation keeps outside the file: format
``svctrainer-attempt-2`` is the payload plus ``"mac": {"algorithm", "key", "value"}``,
the MAC taken over the payload's canonical JSON (sorted keys, no spaces, UTF-8). A file
changed after it was saved fails its MAC and is refused on import. Files of format 1
(before signing) are read but carry no MAC; importing one takes an audited override.

Each file also carries the id the attempt is stored under (minted once, when the result
could not be saved), so the same attempt can never be stored twice.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from svctrainer.core.branch_key import MAC_ALGORITHM, BranchKey

FORMAT = "svctrainer-attempt-2"
UNSIGNED_FORMAT = "svctrainer-attempt-1"
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
    attempt_id: uuid.UUID | None = None  # the id to store it under (None: a format-1 file)


@dataclass(frozen=True, slots=True)
class SavedAttemptFile:
    """A file as read: the attempt, and the MAC it carries (None: an unsigned file)."""

    attempt: SavedAttempt
    key_fingerprint: str | None
    mac: str | None
    signed_bytes: bytes  # the canonical payload the MAC covers

    def check_mac(self, key: BranchKey) -> None:
        """SavedAttemptError unless the file is signed, with ``key``, and unchanged."""
        if self.mac is None:
            raise SavedAttemptError(
                "the file is not signed (saved before files carried a MAC): nothing shows "
                "it is unchanged"
            )
        if self.key_fingerprint != key.fingerprint:
            raise SavedAttemptError(
                f"signed with another branch key ({self.key_fingerprint}; this workstation "
                f"has {key.fingerprint}): install that branch's key first"
            )
        if not key.verify(self.signed_bytes, self.mac):
            raise SavedAttemptError("the file was changed after it was saved (its MAC fails)")


def signed_attempt_json(attempt: SavedAttempt, key: BranchKey) -> str:
    """The file's text, signed with the workstation's branch key."""
    payload = _payload(attempt, FORMAT)
    mac = {
        "algorithm": MAC_ALGORITHM,
        "key": key.fingerprint,
        "value": key.mac(_canonical(payload)),
    }
    return json.dumps({**payload, "mac": mac}, ensure_ascii=False)


def saved_attempt_json(attempt: SavedAttempt) -> str:
    """An unsigned (format 1) file's text: what releases before signing wrote."""
    return json.dumps(_payload(attempt, UNSIGNED_FORMAT), ensure_ascii=False)


def _canonical(payload: dict[str, Any]) -> bytes:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8", errors="surrogatepass")


def _payload(attempt: SavedAttempt, fmt: str) -> dict[str, Any]:
    """One writer for both drills and scenarios keeps the format single."""
    payload: dict[str, Any] = {
        "format": fmt,
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
    if attempt.attempt_id is not None and fmt != UNSIGNED_FORMAT:
        payload["attempt_id"] = str(attempt.attempt_id)
    return payload


def parse_saved_attempt(data: bytes) -> SavedAttempt:
    """Read a saved attempt (signed or not, its MAC unchecked); anything else raises
    SavedAttemptError naming the bad part."""
    return read_saved_attempt(data).attempt


def read_saved_attempt(data: bytes) -> SavedAttemptFile:
    """Read a saved-attempt file and the MAC it carries (checked by ``check_mac``)."""
    if len(data) > MAX_FILE_BYTES:
        raise SavedAttemptError(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise SavedAttemptError(f"not a saved attempt (not JSON: {exc})") from None
    if not isinstance(payload, dict) or payload.get("format") not in (FORMAT, UNSIGNED_FORMAT):
        raise SavedAttemptError(f'not a saved attempt (no "format": "{FORMAT}")')
    fingerprint, mac = None, None
    if payload["format"] == FORMAT:
        fingerprint, mac = _mac_of(payload.pop("mac", None))
    attempt = _attempt(payload)
    return SavedAttemptFile(attempt, fingerprint, mac, _canonical(payload))


def _mac_of(value: object) -> tuple[str, str]:
    if (
        not isinstance(value, dict)
        or value.get("algorithm") != MAC_ALGORITHM
        or not isinstance(value.get("key"), str)
        or not isinstance(value.get("value"), str)
    ):
        raise SavedAttemptError(f'"mac" must give the {MAC_ALGORITHM} key and value')
    return value["key"][:64], value["value"][:128]


def _attempt(payload: dict[str, Any]) -> SavedAttempt:
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
        attempt_id=_uuid(payload, "attempt_id") if "attempt_id" in payload else None,
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
