import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.branch_key import BranchKey
from svctrainer.core.saved_attempt import (
    DRILL,
    SCENARIO,
    SavedAttempt,
    SavedAttemptError,
    parse_saved_attempt,
    read_saved_attempt,
    saved_attempt_json,
    signed_attempt_json,
)

attempts = st.builds(
    SavedAttempt,
    kind=st.sampled_from([DRILL, SCENARIO]),
    person_id=st.uuids(),
    content_item_id=st.uuids(),
    content_id=st.text(min_size=1, max_size=60),
    mode=st.sampled_from(["practice", "test"]),
    started_at=st.datetimes(timezones=st.just(UTC)),
    log=st.binary(max_size=300),
    seed=st.integers(min_value=0, max_value=2**63),
    options=st.dictionaries(st.text(max_size=10), st.integers(), max_size=3),
    attempt_id=st.one_of(st.none(), st.uuids()),
)


@given(attempts)
def test_round_trip(saved):
    back = parse_saved_attempt(saved_attempt_json(saved).encode())
    saved = SavedAttempt(**{**_fields(saved), "attempt_id": None})  # format 1 had no id
    if saved.kind == SCENARIO:  # seed and options belong to drills only
        saved = SavedAttempt(**{**_fields(saved), "seed": 0, "options": {}})
    assert back == saved


def _fields(saved):
    return {name: getattr(saved, name) for name in SavedAttempt.__slots__}


@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_reason(data):
    reason = ""
    try:
        parse_saved_attempt(data)
    except SavedAttemptError as exc:
        reason = str(exc)
    else:
        return
    assert reason


GOOD = {
    "format": "svctrainer-attempt-1",
    "person_id": str(uuid.uuid4()),
    "content_item_id": str(uuid.uuid4()),
    "content_id": "tenkey-amounts-practice.en",
    "mode": "practice",
    "seed": 7,
    "options": {},
    "started_at": "2026-11-20T09:30:00+08:00",
    "events_hex": "00ff",
}


def test_the_first_drill_files_without_kind_are_drills_in_their_own_zone():
    saved = parse_saved_attempt(json.dumps(GOOD).encode())
    assert saved.kind == DRILL
    assert saved.log == b"\x00\xff"
    assert saved.started_at == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    assert saved.started_at.utcoffset() == timedelta(hours=8)
    assert saved.started_at.tzinfo == timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"format": "other"}, "format"),
        ({"kind": "quiz"}, "kind"),
        ({"person_id": "not-a-uuid"}, "person_id"),
        ({"content_id": ""}, "content_id"),
        ({"seed": "7"}, "seed"),
        ({"seed": True}, "seed"),
        ({"options": []}, "options"),
        ({"started_at": "yesterday"}, "started_at"),
        ({"started_at": "2026-11-20T09:30:00"}, "time zone"),
        ({"events_hex": "zz"}, "events_hex"),
        ({"events_hex": None}, "events_hex"),
    ],
)
def test_each_bad_part_is_named(change, named):
    with pytest.raises(SavedAttemptError, match=named):
        parse_saved_attempt(json.dumps(GOOD | change).encode())


def test_not_json_and_oversize():
    with pytest.raises(SavedAttemptError, match="not JSON"):
        parse_saved_attempt(b"\xff\xfe")
    with pytest.raises(SavedAttemptError, match="larger"):
        parse_saved_attempt(b" " * (64 * 1024 * 1024 + 1))


# -- signed files (issue 19, point 7) ---------------------------------------------------------

KEY = BranchKey.generate()


@given(attempts)
def test_a_signed_file_round_trips_and_verifies(saved):
    read = read_saved_attempt(signed_attempt_json(saved, KEY).encode())
    if saved.kind == SCENARIO:
        saved = SavedAttempt(**{**_fields(saved), "seed": 0, "options": {}})
    assert read.attempt == saved
    assert read.key_fingerprint == KEY.fingerprint
    read.check_mac(KEY)


@pytest.mark.parametrize(
    "change",
    [
        {"person_id": str(uuid.uuid4())},  # attributed to someone else
        {"events_hex": "00ff00ff"},  # a different (say faster) log
        {"started_at": "2026-11-20T09:31:00+08:00"},
        {"mode": "test"},
        {"extra": 1},
    ],
)
def test_any_change_to_a_signed_file_fails_its_mac(change):
    saved = parse_saved_attempt(json.dumps(GOOD).encode())
    payload = json.loads(signed_attempt_json(saved, KEY)) | change
    read = read_saved_attempt(json.dumps(payload).encode())
    with pytest.raises(SavedAttemptError, match="changed after it was saved"):
        read.check_mac(KEY)


def test_a_file_signed_with_another_branch_key_says_which():
    saved = parse_saved_attempt(json.dumps(GOOD).encode())
    read = read_saved_attempt(signed_attempt_json(saved, BranchKey.generate()).encode())
    with pytest.raises(SavedAttemptError, match="another branch key"):
        read.check_mac(KEY)


def test_an_unsigned_file_says_so():
    read = read_saved_attempt(json.dumps(GOOD).encode())
    assert read.key_fingerprint is None
    with pytest.raises(SavedAttemptError, match="not signed"):
        read.check_mac(KEY)


def test_every_saved_attempt_carries_an_id_minted_once():
    saved = parse_saved_attempt(json.dumps(GOOD).encode())
    assert saved.attempt_id is None  # the first files had none
    when = datetime(2026, 1, 1, tzinfo=UTC)
    fresh = SavedAttempt(
        DRILL, uuid.uuid4(), uuid.uuid4(), "x", "practice", when, b"", attempt_id=uuid.uuid4()
    )
    again = read_saved_attempt(signed_attempt_json(fresh, KEY).encode()).attempt
    assert again.attempt_id == fresh.attempt_id
