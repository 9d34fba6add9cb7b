"""Branch settings: the transaction mix behind the customer-time figures.

Stored in the ``setting`` table under ``transaction_mix`` as the mix's JSON
(``TransactionMix.to_dict``) plus a ``queue`` object (``QueueAssumption``). Everyone
signed in may read it (a teller's "My progress" turns their gain into customer minutes
with it); changing it needs ``MANAGE_SETTINGS`` (supervisors and admins) and is audited
with the old and new value.

Default mix (``DEFAULT_MIX``): the seeds give the reason (basic skills cut customers'
waiting time) but no figures, so these are assumptions a branch is expected to replace
with its own counts. 120 counter transactions per teller per day (a full-time teller's
day of roughly 7 hours at about 3.5 minutes a customer); every transaction keys an
account or card number (16–19 digits), an amount and a confirmation, and cash ones count
the notes:

=====================  =====  ==========  =====  ===========================================
type                   share  keystrokes  notes  other seconds (talk, ID, signature, print)
=====================  =====  ==========  =====  ===========================================
cash deposit           0.30   30          40     90
cash withdrawal        0.25   28          30     80
transfer / remittance  0.20   60          0      120
bill payment           0.15   25          10     60
enquiry / passbook     0.10   20          0      45
=====================  =====  ==========  =====  ===========================================

The queue assumption defaults to ``DIRECT`` (only the customer being served gains): the
conservative figure that is true even when nobody is waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from svctrainer.core.analytics.customer_time import (
    QueueAssumption,
    QueueModel,
    TransactionMix,
    TransactionType,
)
from svctrainer.core.roles import Permission
from svctrainer.core.text_fields import FieldError, clean_text
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError
from svctrainer.store.database import Database
from svctrainer.store.models import Setting

TRANSACTION_MIX = "transaction_mix"
MAX_TYPES = 20
TYPE_NAME_MAX = 60
MAX_TRANSACTIONS_PER_DAY = 2000.0
MAX_PER_TRANSACTION = 10_000.0

DEFAULT_MIX = TransactionMix(
    transactions_per_day=120.0,
    types=(
        TransactionType("cash deposit", 0.30, keystrokes=30, notes=40, other_seconds=90),
        TransactionType("cash withdrawal", 0.25, keystrokes=28, notes=30, other_seconds=80),
        TransactionType("transfer / remittance", 0.20, keystrokes=60, other_seconds=120),
        TransactionType("bill payment", 0.15, keystrokes=25, notes=10, other_seconds=60),
        TransactionType("enquiry / passbook", 0.10, keystrokes=20, other_seconds=45),
    ),
)
DEFAULT_QUEUE = QueueAssumption()


@dataclass(frozen=True, slots=True)
class MixSetting:
    mix: TransactionMix
    queue: QueueAssumption
    is_default: bool  # nothing stored (or the stored value was unreadable)
    updated_at: datetime | None


def mix_to_json(mix: TransactionMix, queue: QueueAssumption) -> dict[str, Any]:
    return {
        **mix.to_dict(),
        "queue": {
            "model": queue.model.value,
            "customers_waiting": queue.customers_waiting,
            "arrivals_per_hour": queue.arrivals_per_hour,
        },
    }


def mix_from_json(data: Any) -> tuple[TransactionMix, QueueAssumption]:
    """ValueError (with the reason) for anything that is not a usable stored mix."""
    mix = TransactionMix.from_dict(data)
    raw = data.get("queue") or {}
    if not isinstance(raw, dict):
        raise ValueError("queue must be an object")
    try:
        model = QueueModel(raw.get("model", QueueModel.DIRECT.value))
    except ValueError:
        raise ValueError(f"unknown queue model {raw.get('model')!r}") from None
    figures = [raw.get(k, 0.0) for k in ("customers_waiting", "arrivals_per_hour")]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in figures):
        raise ValueError("queue figures must be numbers")
    return mix, QueueAssumption(model, float(figures[0]), float(figures[1]))


def load_mix(session: Session) -> MixSetting:
    """The stored mix, or the defaults when none is stored or it cannot be read (a bad
    value must not break every progress page; saving a new one repairs it)."""
    row = session.get(Setting, TRANSACTION_MIX)
    if row is None:
        return MixSetting(DEFAULT_MIX, DEFAULT_QUEUE, True, None)
    try:
        mix, queue = mix_from_json(row.value)
    except ValueError:
        return MixSetting(DEFAULT_MIX, DEFAULT_QUEUE, True, row.updated_at)
    return MixSetting(mix, queue, False, row.updated_at)


def check_mix(mix: TransactionMix, queue: QueueAssumption) -> None:
    """Limits beyond the mix's own checks, so a typo cannot produce absurd figures."""
    if not 0 < mix.transactions_per_day <= MAX_TRANSACTIONS_PER_DAY:
        raise InvalidInputError(
            "transactions_per_day", f"must be more than 0 and at most {MAX_TRANSACTIONS_PER_DAY:g}"
        )
    if len(mix.types) > MAX_TYPES:
        raise InvalidInputError("types", f"at most {MAX_TYPES} transaction types")
    for t in mix.types:
        try:
            clean_text(t.name, field="types", max_len=TYPE_NAME_MAX)
        except FieldError as exc:
            raise InvalidInputError("types", f"transaction type name {exc.message}") from None
        if max(t.keystrokes, t.notes, t.other_seconds) > MAX_PER_TRANSACTION:
            raise InvalidInputError("types", f"{t.name}: figures must be at most 10 000")
    if queue.customers_waiting > 100 or queue.arrivals_per_hour > 1000:
        raise InvalidInputError("queue", "queue figures are out of range")


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def transaction_mix(self, actor: Actor) -> MixSetting:
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            return load_mix(session)

    def set_transaction_mix(
        self, actor: Actor, mix: TransactionMix, queue: QueueAssumption = DEFAULT_QUEUE
    ) -> MixSetting:
        """Store a new mix (audited ``setting.update`` with the old and new value)."""
        check_mix(mix, queue)
        value = mix_to_json(mix, queue)
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)
            row = session.get(Setting, TRANSACTION_MIX)
            old = None if row is None else row.value
            if row is None:
                row = Setting(key=TRANSACTION_MIX, value=value)
                session.add(row)
            else:
                row.value = value
            session.flush()
            audit.record(
                session, actor, "setting.update", "setting", TRANSACTION_MIX, old=old, new=value
            )
            return MixSetting(mix, queue, False, row.updated_at)
