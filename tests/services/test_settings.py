"""The branch's transaction mix: defaults, who may change it, audited, validated."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from svctrainer.core.analytics.customer_time import (
    QueueAssumption,
    QueueModel,
    TransactionMix,
    TransactionType,
)
from svctrainer.services.errors import InvalidInputError, PermissionDeniedError
from svctrainer.services.settings import DEFAULT_MIX, TRANSACTION_MIX, mix_from_json, mix_to_json
from svctrainer.store.models import Setting


def test_default_mix_is_documented_and_consistent(branch):
    setting = branch.services.settings.transaction_mix(branch.actor(branch.teller))
    assert setting.is_default
    assert setting.mix == DEFAULT_MIX
    assert math.fsum(t.share for t in DEFAULT_MIX.types) == pytest.approx(1.0)
    assert DEFAULT_MIX.transactions_per_day == 120
    assert setting.queue.model is QueueModel.DIRECT


def test_supervisor_changes_the_mix_and_it_is_audited(branch):
    services = branch.services
    mix = TransactionMix(80.0, (TransactionType("deposit", 1.0, keystrokes=25, notes=50),))
    queue = QueueAssumption(QueueModel.WAITING_LINE, customers_waiting=2.5)
    services.settings.set_transaction_mix(branch.actor(branch.supervisor), mix, queue)
    setting = services.settings.transaction_mix(branch.actor(branch.teller))
    assert (setting.mix, setting.queue, setting.is_default) == (mix, queue, False)
    entry = services.audit.recent(branch.actor(branch.supervisor), action="setting.update")[0]
    assert entry.target_id == TRANSACTION_MIX
    assert entry.actor == branch.actor(branch.supervisor).label
    assert entry.detail["old"] is None
    assert entry.detail["new"]["transactions_per_day"] == 80.0
    services.settings.set_transaction_mix(branch.actor(branch.admin), DEFAULT_MIX)
    again = services.audit.recent(branch.actor(branch.admin), action="setting.update")[0]
    assert again.detail["old"]["transactions_per_day"] == 80.0


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


def test_json_round_trip_and_errors():
    queue = QueueAssumption(QueueModel.MM1, arrivals_per_hour=12.0)
    assert mix_from_json(mix_to_json(DEFAULT_MIX, queue)) == (DEFAULT_MIX, queue)
    bad = mix_to_json(DEFAULT_MIX, queue)
    bad["queue"] = {"model": "psychic"}
    with pytest.raises(ValueError, match="queue model"):
        mix_from_json(bad)
