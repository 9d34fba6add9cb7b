"""Efficiency gains as customer time, worked by hand."""

import pytest

from svctrainer.core.analytics.customer_time import (
    QueueAssumption,
    QueueModel,
    SkillSpeeds,
    TransactionMix,
    TransactionType,
    customer_time,
    team_customer_time,
)

MIX = TransactionMix(
    transactions_per_day=200,
    types=(
        TransactionType("deposit", 0.5, keystrokes=40, notes=50, other_seconds=60),
        TransactionType("transfer", 0.3, keystrokes=120, notes=0, other_seconds=90),
        TransactionType("withdrawal", 0.2, keystrokes=30, notes=30, other_seconds=45),
    ),
)
BEFORE = SkillSpeeds(kph=7200, notes_per_minute=120)  # 0.5 s per key, 0.5 s per note
AFTER = SkillSpeeds(kph=9000, notes_per_minute=150)  # 0.4 s per key, 0.4 s per note


def test_direct_saving_worked_by_hand():
    """Seconds per transaction (other + keys x s/key + notes x s/note):

    deposit     before 60 + 40 x 0.5 + 50 x 0.5 = 105    after 60 + 16 + 20 = 96   saves 9
    transfer    before 90 + 120 x 0.5           = 150    after 90 + 48      = 138  saves 12
    withdrawal  before 45 + 30 x 0.5 + 30 x 0.5 = 75     after 45 + 12 + 12 = 69   saves 6

    mean before 0.5 x 105 + 0.3 x 150 + 0.2 x 75 = 112.5 s
    mean after  0.5 x 96  + 0.3 x 138 + 0.2 x 69 = 103.2 s  -> 9.3 s saved per transaction
    customer minutes saved per day (direct) = 200 x 9.3 / 60 = 31.0
    """
    saving = customer_time(MIX, BEFORE, AFTER)
    assert [(t.name, t.seconds_before, t.seconds_after) for t in saving.per_type] == [
        ("deposit", pytest.approx(105), pytest.approx(96)),
        ("transfer", pytest.approx(150), pytest.approx(138)),
        ("withdrawal", pytest.approx(75), pytest.approx(69)),
    ]
    assert saving.per_type[1].seconds_saved == pytest.approx(12)
    assert saving.seconds_before == pytest.approx(112.5)
    assert saving.seconds_after == pytest.approx(103.2)
    assert saving.seconds_saved_per_transaction == pytest.approx(9.3)
    assert saving.counter_minutes_saved_per_day == pytest.approx(31.0)
    assert saving.customer_minutes_saved_per_day == pytest.approx(31.0)
    assert saving.assumption.model is QueueModel.DIRECT
    assert saving.unmeasured == ()


def test_waiting_line_multiplier():
    """With 2 customers waiting on average, each second saved serving one customer also
    moves the 2 behind up a second: 31.0 x (1 + 2) = 93.0 minutes a day."""
    queue = QueueAssumption(QueueModel.WAITING_LINE, customers_waiting=2)
    saving = customer_time(MIX, BEFORE, AFTER, queue)
    assert saving.customer_minutes_saved_per_day == pytest.approx(93.0)
    assert saving.counter_minutes_saved_per_day == pytest.approx(31.0)


def test_mm1_queue():
    """25 arrivals an hour at this counter.

    before: rho = 25 x 112.5 / 3600 = 0.78125; W = 112.5 / 0.21875 = 514.2857 s
    after:  rho = 25 x 103.2 / 3600 = 0.71667; W = 103.2 / 0.28333 = 364.2353 s
    saved per customer 150.0504 s; per day 200 x 150.0504 / 60 = 500.168 minutes
    (near saturation a 9.3 s faster service shortens everyone's wait a lot).
    """
    queue = QueueAssumption(QueueModel.MM1, arrivals_per_hour=25)
    saving = customer_time(MIX, BEFORE, AFTER, queue)
    assert saving.utilisation_before == pytest.approx(0.78125)
    assert saving.utilisation_after == pytest.approx(2580 / 3600)
    w_before = 112.5 * 3600 / (3600 - 2812.5)
    w_after = 103.2 * 3600 / (3600 - 2580)
    assert saving.customer_minutes_saved_per_day == pytest.approx(200 * (w_before - w_after) / 60)
    assert saving.customer_minutes_saved_per_day == pytest.approx(500.168, abs=1e-3)


def test_mm1_unstable_queue_has_no_finite_saving():
    # 33 arrivals an hour: rho before = 33 x 112.5 / 3600 = 1.03 -> the queue grows forever
    queue = QueueAssumption(QueueModel.MM1, arrivals_per_hour=33)
    saving = customer_time(MIX, BEFORE, AFTER, queue)
    assert saving.utilisation_before == pytest.approx(1.03125)
    assert saving.customer_minutes_saved_per_day is None
    assert saving.counter_minutes_saved_per_day == pytest.approx(31.0)


def test_slower_is_a_negative_saving():
    saving = customer_time(MIX, AFTER, BEFORE)
    assert saving.seconds_saved_per_transaction == pytest.approx(-9.3)
    assert saving.customer_minutes_saved_per_day == pytest.approx(-31.0)


def test_a_skill_measured_on_one_side_only_is_unchanged():
    # counting speed known only at baseline: counting time is the same on both sides, so
    # only keying saves: deposit 40 x 0.1 = 4, transfer 12, withdrawal 3
    # -> 0.5 x 4 + 0.3 x 12 + 0.2 x 3 = 6.2 s
    saving = customer_time(MIX, BEFORE, SkillSpeeds(kph=9000))
    assert saving.seconds_saved_per_transaction == pytest.approx(6.2)
    assert saving.unmeasured == ()


def test_unmeasured_skills_are_reported():
    # no counting speed at all: notes time is left out of the service time
    saving = customer_time(MIX, SkillSpeeds(kph=7200), SkillSpeeds(kph=9000, notes_per_minute=0))
    assert saving.unmeasured == ("notes",)
    assert saving.per_type[0].seconds_before == pytest.approx(80)  # 60 + 40 x 0.5
    both = customer_time(MIX, SkillSpeeds(), SkillSpeeds())
    assert both.unmeasured == ("keystrokes", "notes")
    assert both.seconds_saved_per_transaction == 0


def test_team_sums_members_daily_minutes():
    """Two tellers, 200 transactions each: 31.0 + 0 minutes; per transaction (9.3 + 0) / 2."""
    team = team_customer_time(MIX, [(BEFORE, AFTER), (AFTER, AFTER)])
    assert team.people == 2
    assert team.mean_seconds_saved_per_transaction == pytest.approx(4.65)
    assert team.counter_minutes_saved_per_day == pytest.approx(31.0)
    assert team.customer_minutes_saved_per_day == pytest.approx(31.0)
    unstable = QueueAssumption(QueueModel.MM1, arrivals_per_hour=33)
    one = team_customer_time(MIX, [(BEFORE, AFTER)], unstable)
    assert one.customer_minutes_saved_per_day is None
    empty = team_customer_time(MIX, [])
    assert (empty.people, empty.mean_seconds_saved_per_transaction) == (0, None)


def test_mix_round_trips_through_json():
    assert TransactionMix.from_dict(MIX.to_dict()) == MIX


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"transactions_per_day": 10, "types": "deposit"},
        {"transactions_per_day": 10, "types": [{"share": 1}]},
        {"transactions_per_day": 10, "types": [{"name": "a", "share": "1"}]},
        {"transactions_per_day": True, "types": [{"name": "a", "share": 1}]},
        {"transactions_per_day": 10, "types": [{"name": "a", "share": 0.5}]},
        {"transactions_per_day": 10, "types": []},
        {"transactions_per_day": -1, "types": [{"name": "a", "share": 1}]},
        {"transactions_per_day": 10, "types": [{"name": "a", "share": 1, "notes": -2}]},
        {"transactions_per_day": 10,
         "types": [{"name": "a", "share": 0.5}, {"name": "a", "share": 0.5}]},
        {"transactions_per_day": float("inf"), "types": [{"name": "a", "share": 1}]},
    ],
)  # fmt: skip
def test_bad_mixes_are_refused(data):
    with pytest.raises(ValueError, match="transaction"):
        TransactionMix.from_dict(data)


def test_bad_queue_assumptions_are_refused():
    with pytest.raises(ValueError, match="queue assumption"):
        QueueAssumption(QueueModel.WAITING_LINE, customers_waiting=-1)
    with pytest.raises(ValueError, match="queue assumption"):
        QueueAssumption(QueueModel.MM1, arrivals_per_hour=float("nan"))
