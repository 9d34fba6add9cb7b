"""What makes two stored attempts the same attempt.

Who took it, on which exact content version, in which mode, starting when (UTC, to the
microsecond), and the very log it left. An attempt saved to a file and later imported
(perhaps twice, perhaps by two administrators at once), or one whose save really did
commit although the workstation was told it failed, has the same fingerprint as the row
already stored; the database's unique index on it refuses the second copy.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime


def attempt_fingerprint(
    person_id: uuid.UUID, content_item_id: uuid.UUID, mode: str, started_at: datetime, log: bytes
) -> str:
    """SHA-256 (hex) of the attempt's identity and its encoded log."""
    head = "\n".join(
        (
            "svctrainer-attempt-fingerprint-1",
            str(person_id),
            str(content_item_id),
            mode,
            started_at.astimezone(UTC).isoformat(timespec="microseconds"),
        )
    )
    return hashlib.sha256(head.encode("ascii") + b"\n" + log).hexdigest()
