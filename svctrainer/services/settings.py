"""Branch settings: the transaction mix and the assumptions behind customer-time figures,
and the PIN policy (how many digits a PIN must have).

Stored in the ``setting`` table under ``transaction_mix`` as the mix's JSON
(``TransactionMix.to_dict``) plus ``transfer`` (``TransferFactors``), ``profile`` (the
assumed arrival profile, ``ArrivalProfile.to_list``), ``variability`` (``cv_arrival``,
``cv_service``) and ``target`` (``wait_s``, ``share_within``). A value stored by an
earlier release carries a ``queue`` object instead (the retired direct / waiting-line /
per-counter M/M/1 assumption): its mix is kept and the queue assumptions take their
defaults. Everyone signed in may read the setting (a teller's "My progress" turns their
gain into customer time with it); changing it needs ``MANAGE_SETTINGS`` (supervisors and
admins) and is audited with the old and new value.

The seeds give the reason (basic skills cut customers' waiting time) but no figures, so
the defaults below are assumptions a branch replaces with its own counts, and with its
queue-ticket export (``services.queue_data``), which then takes the place of the assumed
profile, service time and variability.

Default mix (``DEFAULT_MIX``). Mean service time about 300 s (5 minutes) per customer at the
reference speeds (``REFERENCE_SPEEDS``: 8 000 keystrokes an hour, the ten-key test's pass
grade; 150 notes a minute, the hand-count reference): the service time issue 14 checked
the queue model with, inside the range reported at Chinese counters (about a minute for
a bill payment, 9–10 minutes per customer at a busy Beijing savings office: 中国经营报
survey of four cities' branches, 11 April 2007). Counters now handle what self-service
and mobile banking cannot: online identity checks (联网核查), anti-fraud questions on
transfers, account and card services; "other seconds" are that talk, checking,
signing and printing, which no drill changes. Every transaction keys an account or card
number (16–19 digits), an amount and a confirmation; cash ones count the notes:

=============================  =====  ==========  =====  =============  ==================
type                           share  keystrokes  notes  other seconds  s at reference (s)
=============================  =====  ==========  =====  =============  ==================
cash deposit                   0.25   30          60     225            262.5
cash withdrawal                0.20   28          50     235            267.6
transfer / remittance          0.20   70          0      310            341.5
account and card services      0.15   110         0      500            549.5
bill payment / passbook        0.20   25          10     135            150.25
=============================  =====  ==========  =====  =============  ==================

Mean: 0.25·262.5 + 0.20·267.6 + 0.20·341.5 + 0.15·549.5 + 0.20·150.25 ≈ 299.9 s.

Default arrival profile (``DEFAULT_PROFILE``): a branch open 09:00–17:00 with 250
counter customers a day, busiest late in the morning and early in the afternoon, one of
its four windows closed in turn over the lunch hours:

    hour      09  10  11  12  13  14  15  16
    windows    4   4   4   3   3   4   4   4
    arrivals  26  38  42  24  26  36  34  24

so each window serves 250 / 3.75 ≈ 67 customers a day: the default mix's 65
transactions per teller agree with it (``check_transactions``; a mix and profile that
disagree by more than 25 % are refused). Arrivals Poisson and service times exponential
(CV 1 for both), as field studies of branch queues found (``core.queueing.multi_server``).
Target: 80 % of customers called within 15 minutes.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from svctrainer.core.analytics.customer_time import (
    SkillSpeeds,
    TransactionMix,
    TransactionsMismatch,
    TransactionType,
    TransferFactors,
    check_transactions,
)
from svctrainer.core.pin_hash import MAX_DIGITS, MIN_DIGITS
from svctrainer.core.queueing.branch_day import (
    ArrivalProfile,
    QueueConditions,
    profile_from_mapping,
)
from svctrainer.core.queueing.multi_server import WaitTarget
from svctrainer.core.roles import Permission
from svctrainer.core.text_fields import FieldError, clean_text
from svctrainer.services import audit
from svctrainer.services.access import Caller, acting_branch, authorize
from svctrainer.services.actor import Actor
from svctrainer.services.changes import SETTINGS, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError
from svctrainer.services.setting_rows import (
    PIN_POLICY,
    PinPolicy,
    branch_key,
    load_pin_policy,
    settings_branch,
    stored_setting,
)
from svctrainer.store.database import Database
from svctrainer.store.models import Setting

TRANSACTION_MIX = "transaction_mix"
MAX_TYPES = 20
TYPE_NAME_MAX = 60
MAX_TRANSACTIONS_PER_DAY = 2000.0
MAX_PER_TRANSACTION = 10_000.0
MAX_ARRIVALS_PER_HOUR = 2000.0
MAX_CV = 5.0
MAX_TARGET_S = 4 * 3600.0

REFERENCE_SPEEDS = SkillSpeeds(kph=8000.0, notes_per_minute=150.0)

DEFAULT_MIX = TransactionMix(
    transactions_per_day=65.0,
    types=(
        TransactionType("cash deposit", 0.25, keystrokes=30, notes=60, other_seconds=225),
        TransactionType("cash withdrawal", 0.20, keystrokes=28, notes=50, other_seconds=235),
        TransactionType("transfer / remittance", 0.20, keystrokes=70, other_seconds=310),
        TransactionType("account and card services", 0.15, keystrokes=110, other_seconds=500),
        TransactionType("bill payment / passbook", 0.20, keystrokes=25, notes=10,
                        other_seconds=135),
    ),
)  # fmt: skip
DEFAULT_PROFILE = profile_from_mapping(
    {9: (4, 26), 10: (4, 38), 11: (4, 42), 12: (3, 24), 13: (3, 26), 14: (4, 36),
     15: (4, 34), 16: (4, 24)}
)  # fmt: skip


@dataclass(frozen=True)
class BranchAssumptions:
    """What the customer-time figures assume where the branch has no measurement."""

    profile: ArrivalProfile = DEFAULT_PROFILE
    target: WaitTarget = field(default_factory=WaitTarget)
    transfer: TransferFactors = field(default_factory=TransferFactors)
    cv_arrival: float = 1.0
    cv_service: float = 1.0

    def __post_init__(self) -> None:
        for cv in (self.cv_arrival, self.cv_service):
            if not (math.isfinite(cv) and 0 <= cv <= MAX_CV):
                raise ValueError(f"coefficients of variation must be from 0 to {MAX_CV:g}")


DEFAULT_ASSUMPTIONS = BranchAssumptions()


@dataclass(frozen=True)
class MixSetting:
    mix: TransactionMix
    assumptions: BranchAssumptions
    is_default: bool  # nothing stored (or the stored value was unreadable)
    updated_at: datetime | None

    @property
    def assumed_service_s(self) -> float:
        """S when no queue data is imported: the mix at the reference speeds."""
        return self.mix.mean_seconds(REFERENCE_SPEEDS)

    def assumed_conditions(self) -> QueueConditions:
        a = self.assumptions
        return QueueConditions(a.profile, self.assumed_service_s, a.cv_arrival, a.cv_service)

    @property
    def mismatch(self) -> TransactionsMismatch | None:
        """The mix's transactions per teller against the assumed profile."""
        profile = self.assumptions.profile
        return check_transactions(self.mix, profile.customers_per_day, profile.mean_windows)


def mix_to_json(mix: TransactionMix, assumptions: BranchAssumptions) -> dict[str, Any]:
    return {
        **mix.to_dict(),
        "transfer": assumptions.transfer.to_dict(),
        "profile": assumptions.profile.to_list(),
        "variability": {"cv_arrival": assumptions.cv_arrival, "cv_service": assumptions.cv_service},
        "target": {
            "wait_s": assumptions.target.wait_s,
            "share_within": assumptions.target.share_within,
        },
    }


def mix_from_json(data: Any) -> tuple[TransactionMix, BranchAssumptions]:
    """ValueError (with the reason) for anything that is not a usable stored setting.
    Keys an earlier release did not write take their defaults."""
    mix = TransactionMix.from_dict(data)
    d = DEFAULT_ASSUMPTIONS
    transfer = TransferFactors.from_dict(data.get("transfer", d.transfer.to_dict()))
    profile = ArrivalProfile.from_list(data["profile"]) if "profile" in data else d.profile
    variability = _object(data, "variability")
    target = _object(data, "target")
    return mix, BranchAssumptions(
        profile,
        WaitTarget(
            _figure(target, "wait_s", d.target.wait_s),
            _figure(target, "share_within", d.target.share_within),
        ),
        transfer,
        _figure(variability, "cv_arrival", d.cv_arrival),
        _figure(variability, "cv_service", d.cv_service),
    )


def _policy_branch(session: Session, caller: Caller, branch: str | None) -> uuid.UUID | None:
    """``settings_branch``, or the branch the caller names (``access.acting_branch``: a
    signed-in person may name only their own)."""
    if branch is None:
        return settings_branch(session, caller)
    return acting_branch(session, caller, branch)


def _branch_text(key: str) -> str | None:
    """The branch a stored key belongs to, for the audit entry (None: server-wide)."""
    return key.partition("@")[2] or None


def load_mix(session: Session, branch_id: uuid.UUID | None = None) -> MixSetting:
    """The branch's stored setting, or the defaults when none is stored or it cannot be
    read (a bad value must not break every progress page; saving a new one repairs it)."""
    row = stored_setting(session, TRANSACTION_MIX, branch_id)
    if row is None:
        return MixSetting(DEFAULT_MIX, DEFAULT_ASSUMPTIONS, True, None)
    try:
        mix, assumptions = mix_from_json(row.value)
    except ValueError:
        return MixSetting(DEFAULT_MIX, DEFAULT_ASSUMPTIONS, True, row.updated_at)
    return MixSetting(mix, assumptions, False, row.updated_at)


def check_mix(mix: TransactionMix, assumptions: BranchAssumptions) -> None:
    """Limits beyond the values' own checks, so a typo cannot produce absurd figures, and
    the mix's transactions per teller must agree with the assumed profile."""
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
    if mix.mean_seconds(REFERENCE_SPEEDS) <= 0:
        raise InvalidInputError("types", "the mix must take some time per transaction")
    profile = assumptions.profile
    if any(h.arrivals_per_hour > MAX_ARRIVALS_PER_HOUR for h in profile.hours):
        raise InvalidInputError("profile", f"at most {MAX_ARRIVALS_PER_HOUR:g} arrivals an hour")
    if profile.customers_per_day <= 0:
        raise InvalidInputError("profile", "the arrival profile brings no customers")
    if assumptions.target.wait_s > MAX_TARGET_S:
        raise InvalidInputError("target", "the waiting-time target must be at most 4 hours")
    mismatch = check_transactions(mix, profile.customers_per_day, profile.mean_windows)
    if mismatch is not None:
        raise InvalidInputError("transactions_per_day", mismatch_text(mismatch))


def mismatch_text(m: TransactionsMismatch) -> str:
    return (
        f"{m.entered:g} transactions per teller a day disagree with the arrival profile: "
        f"{m.customers_per_day:g} customers over {m.mean_windows:.2f} windows on average "
        f"is {m.implied:.0f} a window (make them agree within 25 %)"
    )


@translate_store_errors
class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def transaction_mix(self, actor: Actor) -> MixSetting:
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            return load_mix(session, settings_branch(session, caller))

    @writes(SETTINGS)
    def set_transaction_mix(
        self,
        actor: Actor,
        mix: TransactionMix,
        assumptions: BranchAssumptions = DEFAULT_ASSUMPTIONS,
    ) -> MixSetting:
        """Store a new mix and assumptions (audited ``setting.update`` with the old and
        new value); ``InvalidInputError`` names the field that is out of range."""
        check_mix(mix, assumptions)
        value = mix_to_json(mix, assumptions)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_SETTINGS)
            key = branch_key(TRANSACTION_MIX, settings_branch(session, caller))
            row = session.get(Setting, key)
            old = None if row is None else row.value
            if row is None:
                row = Setting(key=key, value=value)
                session.add(row)
            else:
                row.value = value
            session.flush()
            audit.record(
                session, actor, "setting.update", "setting", TRANSACTION_MIX,
                old=old, new=value, branch=_branch_text(key),
            )  # fmt: skip
            return MixSetting(mix, assumptions, False, row.updated_at)

    def pin_policy(self, actor: Actor, branch: str | None = None) -> PinPolicy:
        """Everyone signed in may read it (the change-PIN dialog states the rule). The
        command line may name a branch (``branch``); without one, on a server of several
        branches, it reads the server-wide default."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            return load_pin_policy(session, _policy_branch(session, caller, branch))

    @writes(SETTINGS)
    def set_pin_policy(
        self, actor: Actor, *, min_digits: int, branch: str | None = None
    ) -> PinPolicy:
        """Admins only (``MANAGE_PEOPLE``: they set and reset PINs); audited with the old
        and new value. A signed-in admin sets their branch's; the command line the
        branch it names, or without one the server-wide default."""
        if not MIN_DIGITS <= min_digits <= MAX_DIGITS:
            raise InvalidInputError(
                "min_digits", f"a PIN must have between {MIN_DIGITS} and {MAX_DIGITS} digits"
            )
        policy = PinPolicy(min_digits)
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.MANAGE_PEOPLE)
            key = branch_key(PIN_POLICY, _policy_branch(session, caller, branch))
            row = session.get(Setting, key)
            old = None if row is None else row.value
            if row is None:
                session.add(Setting(key=key, value=policy.to_json()))
            else:
                row.value = policy.to_json()
            audit.record(
                session, actor, "setting.update", "setting", PIN_POLICY,
                old=old, new=policy.to_json(), branch=_branch_text(key),
            )  # fmt: skip
        return policy


def _object(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"{key} must be an object")
    return value


def _figure(data: dict[str, Any], key: str, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number")
    return float(value)
