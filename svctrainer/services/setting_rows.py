"""Reading a setting row for a branch, and the PIN policy kept in one.

Apart from :mod:`svctrainer.services.settings` because people and sign-in read the PIN
policy: that module's transaction-mix defaults import the customer-time and queueing
models (about 35 ms of CPU), which ``svctrainer person …`` and the sign-in never use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from svctrainer.core.pin_hash import MAX_DIGITS, MIN_DIGITS
from svctrainer.services.access import Caller
from svctrainer.store.models import Branch, Setting

PIN_POLICY = "pin_policy"


def branch_key(key: str, branch_id: uuid.UUID | None) -> str:
    """Where a branch's own value of setting ``key`` is stored. Branches on one server
    each keep their own; the value under the bare key (set from the command line) is the
    server's default for branches that have not set one."""
    return key if branch_id is None else f"{key}@{branch_id.hex}"


def settings_branch(session: Session, caller: Caller) -> uuid.UUID | None:
    """Whose settings ``caller`` reads and writes: a person's branch's; the command
    line's: the database's one branch, or with several, the server-wide defaults."""
    if caller.branch_id is not None:
        return caller.branch_id
    ids = list(session.scalars(select(Branch.id).limit(2)))
    return ids[0] if len(ids) == 1 else None


def stored_setting(session: Session, key: str, branch_id: uuid.UUID | None) -> Setting | None:
    """The branch's own row of ``key``, else the server-wide one."""
    own = session.get(Setting, branch_key(key, branch_id)) if branch_id is not None else None
    return own if own is not None else session.get(Setting, key)


@dataclass(frozen=True, slots=True)
class PinPolicy:
    """How long a PIN must be in this branch. 4 digits by default; a branch may require
    6 or more, the defence that counts against a stolen database (scrypt slows each
    guess to ~0.5 s: 4 digits fall in ~1.5 hours of one core, 6 in ~6 days). Applies to
    every PIN set from then on; existing PINs keep working until they are changed."""

    min_digits: int = MIN_DIGITS

    def to_json(self) -> dict[str, Any]:
        return {"min_digits": self.min_digits}


def load_pin_policy(session: Session, branch_id: uuid.UUID | None = None) -> PinPolicy:
    """The branch's stored policy, or the default when none is stored or it cannot be
    read."""
    row = stored_setting(session, PIN_POLICY, branch_id)
    value = None if row is None else (row.value or {}).get("min_digits")
    if type(value) is int and MIN_DIGITS <= value <= MAX_DIGITS:
        return PinPolicy(value)
    return PinPolicy()
