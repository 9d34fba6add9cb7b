"""The branch's transaction mix and customer-time assumptions: defaults, who may change
them, audited, validated, checked against the arrival profile."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from sqlalchemy import select

from svctrainer.core.analytics.customer_time import (
    TransactionMix,
    TransactionType,
    TransferFactors,
)
from svctrainer.core.queueing.branch_day import profile_from_mapping
from svctrainer.core.queueing.multi_server import WaitTarget
from svctrainer.services.errors import InvalidInputError, PermissionDeniedError
from svctrainer.services.settings import (
    DEFAULT_ASSUMPTIONS,
    DEFAULT_MIX,
    DEFAULT_PROFILE,
    REFERENCE_SPEEDS,
    TRANSACTION_MIX,
    BranchAssumptions,
    branch_key,
    mix_from_json,
    mix_to_json,
)
from svctrainer.store.models import Branch, Setting


def test_default_mix_is_documented_and_consistent(branch):
    """The docstring's table: about 300 s at the reference speeds, 65 transactions a
    teller, agreeing with the default profile's 250 customers over 3.75 windows."""
    setting = branch.services.settings.transaction_mix(branch.actor(branch.teller))
    assert setting.is_default
    assert setting.mix == DEFAULT_MIX
    assert math.fsum(t.share for t in DEFAULT_MIX.types) == pytest.approx(1.0)
    assert DEFAULT_MIX.transactions_per_day == 65
    assert DEFAULT_MIX.mean_seconds(REFERENCE_SPEEDS) == pytest.approx(299.92)
    assert setting.assumed_service_s == pytest.approx(299.92)
    assert DEFAULT_PROFILE.customers_per_day == 250
    assert setting.mismatch is None
    assert setting.assumptions == DEFAULT_ASSUMPTIONS
    assert setting.assumptions.target == WaitTarget(900, 0.8)
    assert setting.assumptions.transfer == TransferFactors(0.5, 0.5, 1.0)


def test_supervisor_changes_the_mix_and_it_is_audited(branch):
    services = branch.services
    mix = TransactionMix(80.0, (TransactionType("deposit", 1.0, keystrokes=25, notes=50),))
    assumptions = BranchAssumptions(
        profile_from_mapping({h: (2, 20) for h in range(9, 17)}),  # 80 a window
        WaitTarget(600, 0.9),
        TransferFactors(0.4, 0.3, 0.9),
        cv_arrival=1.0,
        cv_service=0.7,
    )
    services.settings.set_transaction_mix(branch.actor(branch.supervisor), mix, assumptions)
    setting = services.settings.transaction_mix(branch.actor(branch.teller))
    assert (setting.mix, setting.assumptions, setting.is_default) == (mix, assumptions, False)
    entry = services.audit.recent(branch.actor(branch.supervisor), action="setting.update")[0]
    assert entry.target_id == TRANSACTION_MIX
    # Kept for the supervisor's branch: branches on one server each have their own mix.
    with services.db.reading() as session:
        branch_id = session.scalar(select(Branch.id))
    assert branch_key(TRANSACTION_MIX, branch_id) == f"{TRANSACTION_MIX}@{entry.detail['branch']}"
    assert entry.actor == branch.actor(branch.supervisor).label
    assert entry.detail["old"] is None
    assert entry.detail["new"]["transactions_per_day"] == 80.0
    assert entry.detail["new"]["profile"][0] == [9, 2, 20.0]
    services.settings.set_transaction_mix(branch.actor(branch.admin), DEFAULT_MIX)
    again = services.audit.recent(branch.actor(branch.admin), action="setting.update")[0]
    assert again.detail["old"]["transactions_per_day"] == 80.0


def test_transactions_that_disagree_with_the_profile_are_refused(branch):
    """120 a teller on 3.75 windows would be 450 customers; the profile brings 250."""
    with pytest.raises(InvalidInputError, match="disagree with the arrival profile") as err:
        branch.services.settings.set_transaction_mix(
            branch.actor(branch.supervisor), replace(DEFAULT_MIX, transactions_per_day=120)
        )
    assert err.value.field == "transactions_per_day"
    assert "is 67 a window" in err.value.message


@pytest.mark.parametrize("who", ["teller", "trainer"])
def test_others_may_not_change_the_mix(branch, who):
    with pytest.raises(PermissionDeniedError):
        branch.services.settings.set_transaction_mix(
            branch.actor(getattr(branch, who)), DEFAULT_MIX
        )


def test_absurd_figures_are_refused(branch):
    actor = branch.actor(branch.supervisor)
    with pytest.raises(InvalidInputError):
        branch.services.settings.set_transaction_mix(
            actor, replace(DEFAULT_MIX, transactions_per_day=0)
        )
    huge = TransactionMix(100.0, (TransactionType("x", 1.0, keystrokes=1e9),))
    with pytest.raises(InvalidInputError):
        branch.services.settings.set_transaction_mix(actor, huge)


def test_a_damaged_stored_mix_falls_back_to_the_defaults(branch):
    with branch.services.db.writing() as session:
        session.add(Setting(key=TRANSACTION_MIX, value={"types": "nonsense"}))
    setting = branch.services.settings.transaction_mix(branch.actor(branch.teller))
    assert setting.is_default
    assert setting.mix == DEFAULT_MIX


def test_a_mix_stored_by_the_previous_release_keeps_its_mix(branch):
    """Earlier releases stored a ``queue`` object (direct, waiting line or per-counter
    M/M/1): the mix is kept, the queue assumptions take their defaults."""
    old = {
        **DEFAULT_MIX.to_dict(),
        "transactions_per_day": 70.0,
        "queue": {"model": "mm1", "customers_waiting": 0.0, "arrivals_per_hour": 25.0},
    }
    with branch.services.db.writing() as session:
        session.add(Setting(key=TRANSACTION_MIX, value=old))
    setting = branch.services.settings.transaction_mix(branch.actor(branch.teller))
    assert not setting.is_default
    assert setting.mix.transactions_per_day == 70.0
    assert setting.assumptions == DEFAULT_ASSUMPTIONS


def test_json_round_trip_and_errors():
    assumptions = BranchAssumptions(cv_service=0.5, target=WaitTarget(300, 0.9))
    assert mix_from_json(mix_to_json(DEFAULT_MIX, assumptions)) == (DEFAULT_MIX, assumptions)
    for key, value, message in (
        ("profile", [[9, 0, 10]], "windows"),
        ("target", {"wait_s": "soon"}, "wait_s must be a number"),
        ("target", {"share_within": 1.5}, "share within"),
        ("variability", {"cv_service": -1}, "coefficients of variation"),
        ("transfer", {"keying": 2}, "transfer factors"),
        ("variability", [1], "variability must be an object"),
    ):
        bad = mix_to_json(DEFAULT_MIX, assumptions)
        bad[key] = value
        with pytest.raises(ValueError, match=message):
            mix_from_json(bad)
