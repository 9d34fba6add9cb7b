"""Efficiency gains as service time, worked by hand."""

import pytest

from svctrainer.core.analytics.customer_time import (
    SkillSpeeds,
    TransactionMix,
    TransactionType,
    TransferFactors,
    check_transactions,
    service_time,
    shared_queue_cut,
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
FULL = TransferFactors(1.0, 1.0, 1.0)


def test_full_transfer_worked_by_hand():
    """Seconds per transaction (other + keys x s/key + notes x s/note):

    deposit     before 60 + 40 x 0.5 + 50 x 0.5 = 105    after 60 + 16 + 20 = 96   saves 9
    transfer    before 90 + 120 x 0.5           = 150    after 90 + 48      = 138  saves 12
    withdrawal  before 45 + 30 x 0.5 + 30 x 0.5 = 75     after 45 + 12 + 12 = 69   saves 6

    mean before 0.5 x 105 + 0.3 x 150 + 0.2 x 75 = 112.5 s
    mean after  0.5 x 96  + 0.3 x 138 + 0.2 x 69 = 103.2 s  -> 9.3 s saved per transaction
    service time saved at this counter = 200 x 9.3 / 60 = 31.0 customer-minutes a day
    """
    saving = service_time(MIX, BEFORE, AFTER, FULL)
    assert [(t.name, t.seconds_before, t.seconds_after) for t in saving.per_type] == [
        ("deposit", pytest.approx(105), pytest.approx(96)),
        ("transfer", pytest.approx(150), pytest.approx(138)),
        ("withdrawal", pytest.approx(75), pytest.approx(69)),
    ]
    assert saving.per_type[1].seconds_saved == pytest.approx(12)
    assert saving.seconds_before == pytest.approx(112.5)
    assert saving.seconds_after == pytest.approx(103.2)
    assert saving.seconds_saved_per_transaction == pytest.approx(9.3)
    assert saving.service_minutes_per_day(200) == pytest.approx(31.0)
    assert saving.unmeasured == ()


def test_transfer_factors_scale_each_skills_saving():
    """Keying saves 0.5 x (40 x 0.1) + ... per type; with tau_keying 0.5 and
    tau_counting 0.25: deposit 0.5 x 4 + 0.25 x 5 = 3.25, transfer 0.5 x 12 = 6,
    withdrawal 0.5 x 3 + 0.25 x 3 = 2.25 -> 0.5 x 3.25 + 0.3 x 6 + 0.2 x 2.25 = 3.875 s."""
    saving = service_time(MIX, BEFORE, AFTER, TransferFactors(0.5, 0.25, 1.0))
    assert saving.seconds_before == pytest.approx(112.5)
    assert saving.seconds_saved_per_transaction == pytest.approx(3.875)
    assert not saving.counting_by_hand


def test_hand_counts_use_their_own_transfer_factor():
    """Counting measured by hand counts: tau 1.0 for counting, 0.5 for keying:
    deposit 0.5 x 4 + 5 = 7, transfer 6, withdrawal 1.5 + 3 = 4.5 -> 3.5 + 1.8 + 0.9 = 6.2."""
    by_hand = SkillSpeeds(7200, 120, counting_by_hand=True)
    later = SkillSpeeds(9000, 150, counting_by_hand=True)
    saving = service_time(MIX, by_hand, later, TransferFactors(0.5, 0.25, 1.0))
    assert saving.counting_by_hand
    assert saving.seconds_saved_per_transaction == pytest.approx(6.2)


def test_default_transfer_is_half_for_drills():
    assert TransferFactors() == TransferFactors(0.5, 0.5, 1.0)
    assert service_time(MIX, BEFORE, AFTER).seconds_saved_per_transaction == pytest.approx(4.65)


def test_slower_is_a_negative_saving():
    saving = service_time(MIX, AFTER, BEFORE, FULL)
    assert saving.seconds_saved_per_transaction == pytest.approx(-9.3)
    assert saving.service_minutes_per_day(200) == pytest.approx(-31.0)


def test_a_skill_measured_on_one_side_only_is_unchanged():
    # counting speed known only at baseline: counting time is the same on both sides, so
    # only keying saves: deposit 40 x 0.1 = 4, transfer 12, withdrawal 3
    # -> 0.5 x 4 + 0.3 x 12 + 0.2 x 3 = 6.2 s
    saving = service_time(MIX, BEFORE, SkillSpeeds(kph=9000), FULL)
    assert saving.seconds_saved_per_transaction == pytest.approx(6.2)
    assert saving.unmeasured == ()


def test_unmeasured_skills_are_reported():
    # no counting speed at all: notes time is left out of the service time
    saving = service_time(MIX, SkillSpeeds(kph=7200), SkillSpeeds(kph=9000, notes_per_minute=0))
    assert saving.unmeasured == ("notes",)
    assert saving.per_type[0].seconds_before == pytest.approx(80)  # 60 + 40 x 0.5
    both = service_time(MIX, SkillSpeeds(), SkillSpeeds())
    assert both.unmeasured == ("keystrokes", "notes")
    assert both.seconds_saved_per_transaction == 0


def test_mean_seconds_at_given_speeds():
    assert MIX.mean_seconds(BEFORE) == pytest.approx(112.5)
    assert MIX.mean_seconds(SkillSpeeds()) == pytest.approx(0.5 * 60 + 0.3 * 90 + 0.2 * 45)


def test_shared_queue_spreads_each_tellers_saving():
    """Three tellers of a 250-customer day, 65 transactions each: share 0.26 each, so the
    branch's mean service time falls by 0.26 x (10 + 4 + 0) = 3.64 s."""
    cut = shared_queue_cut([10.0, 4.0, 0.0], 65, 250)
    assert (cut.tellers, cut.share_each) == (3, pytest.approx(0.26))
    assert cut.cut_s == pytest.approx(3.64)
    # more tellers than the day's customers allow (5 x 65 > 250): 1/5 each
    crowded = shared_queue_cut([10.0] * 5, 65, 250)
    assert crowded.share_each == pytest.approx(0.2)
    assert crowded.cut_s == pytest.approx(10.0)
    # a branch of 19 tellers taking turns at its windows: 1/19 each, the same for any team
    rotating = shared_queue_cut([10.0, 4.0], 65, 250, tellers=19)
    assert rotating.share_each == pytest.approx(1 / 19)
    assert rotating.cut_s == pytest.approx(14 / 19)
    assert shared_queue_cut([], 65, 250).cut_s == 0.0
    assert shared_queue_cut([10.0], 65, 0).cut_s == 0.0


def test_transactions_per_teller_are_checked_against_the_queue():
    """250 customers over 3.75 windows: 66.7 a window; 65 agrees, 120 does not."""
    assert check_transactions(TransactionMix(65, MIX.types), 250, 3.75) is None
    mismatch = check_transactions(TransactionMix(120, MIX.types), 250, 3.75)
    assert mismatch is not None
    assert mismatch.implied == pytest.approx(66.67, abs=0.01)
    assert mismatch.entered == 120
    assert check_transactions(TransactionMix(51, MIX.types), 250, 3.75) is None  # -23.5 %
    assert check_transactions(TransactionMix(49, MIX.types), 250, 3.75) is not None


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


def test_bad_transfer_factors_are_refused():
    with pytest.raises(ValueError, match="transfer"):
        TransferFactors(1.5, 0.5, 1.0)
    with pytest.raises(ValueError, match="transfer"):
        TransferFactors.from_dict({"keying": -0.1})
    assert TransferFactors.from_dict(TransferFactors(0.3, 0.4, 0.9).to_dict()) == TransferFactors(
        0.3, 0.4, 0.9
    )
