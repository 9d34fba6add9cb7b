"""The sync bundle format (core.sync_bundle): what it writes reads back unchanged, and
whatever else arrives — edited, truncated, re-zipped, re-signed with garbage lines, a zip
bomb — is refused with a message, never a crash."""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import uuid
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.branch_key import BranchKey
from svctrainer.core.sync_bundle import (
    ATTEMPTS,
    CONTENT,
    DATA_MEMBERS,
    DRILL,
    HAND_COUNT,
    HAND_COUNTS,
    MAC_MEMBER,
    MANIFEST,
    PEOPLE,
    AttemptLog,
    BundleAttempt,
    BundleContent,
    BundlePerson,
    BundleSource,
    SyncBundle,
    SyncBundleError,
    build_bundle,
    fingerprint_of,
    read_bundle,
)

KEY = BranchKey(bytes(range(32)))
WHEN = datetime(2026, 11, 20, 9, 30, 15, 250000, tzinfo=UTC)


def _attempt(kind: str, person: BundlePerson, item: BundleContent, n: int) -> BundleAttempt:
    logged = kind == HAND_COUNT
    attempt = BundleAttempt(
        kind=kind, id=uuid.UUID(int=1000 + n), person_id=person.id, content_item_id=item.id,
        mode="logged" if logged else "test", started_at=WHEN + timedelta(minutes=n),
        duration_ms=300_000, speed=612.5 if logged else 5234.25, speed_unit="npm",
        accuracy=0.995, score=88.0, grade=None if logged else "good", valid=True,
        completion="complete", invalidated_reason=None, seed=None if logged else 2**62 + n,
        app_version="0.1.0", workstation="training-room-2",
        details={"details": {"notes": 612, "note": "点钞 ✓"}, "nested": [1, 2.5, None]},
        recorded_at=WHEN + timedelta(minutes=n, seconds=301),
        fingerprint=None,
        log=None if logged else AttemptLog("keystrokes-v1", 3, bytes([n, 0, 255, 7])),
    )  # fmt: skip
    return attempt if logged else replace(attempt, fingerprint=fingerprint_of(attempt))


def _bundle() -> SyncBundle:
    tom = BundlePerson(uuid.UUID(int=1), "Harbour Road", "T1", "Tom Teller")
    li = BundlePerson(uuid.UUID(int=2), "Harbour Road", "E1012", "李娜")
    drill = BundleContent(
        uuid.UUID(int=10), "drill", "tenkey-amounts-test.en", "ab" * 32, 3, "Ten-key test",
        "tenkey", "en", "tenkey.toml", "[pack]\nid = 'x'\n",
    )  # fmt: skip
    attempts = (
        _attempt(DRILL, tom, drill, 1),
        _attempt(DRILL, li, drill, 2),
        _attempt(HAND_COUNT, li, drill, 3),
    )
    source = BundleSource(
        "training-room-2", "0.1.0", WHEN + timedelta(hours=8), WHEN, branch="Harbour Road"
    )
    return SyncBundle(source, (tom, li), (drill,), attempts)


def test_a_bundle_reads_back_as_it_was_written_and_the_same_records_give_the_same_bytes():
    data = build_bundle(_bundle(), KEY)
    assert read_bundle(data, KEY) == _bundle()
    assert build_bundle(_bundle(), KEY) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == sorted([MAC_MEMBER, MANIFEST, *DATA_MEMBERS])
        manifest = json.loads(archive.read(MANIFEST))
    assert manifest["members"][ATTEMPTS]["lines"] == 2
    assert manifest["members"][HAND_COUNTS]["lines"] == 1
    assert manifest["source"]["workstation"] == "training-room-2"
    assert KEY.fingerprint in manifest["source"]["branch_key"]
    assert manifest["format"] == "svctrainer-sync-2"
    assert manifest["source"]["branch"] == "Harbour Road"


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _resigned(members: dict[str, bytes], key: BranchKey = KEY) -> bytes:
    """``members`` (data members possibly changed) with a manifest and MAC made for them:
    a bundle whose signature is good, to reach the line parser."""
    manifest = json.loads(members[MANIFEST])
    for name in DATA_MEMBERS:
        data = members[name]
        manifest["members"][name] = {
            "lines": data.count(b"\n"),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    raw = json.dumps(manifest).encode()
    fmt = manifest["format"]
    mac = f"{fmt} HMAC-SHA256 {key.fingerprint} {key.mac(raw)}\n".encode()
    return _zip({**members, MANIFEST: raw, MAC_MEMBER: mac})


def test_a_foreign_key_an_edited_manifest_and_an_edited_member_are_refused():
    data = build_bundle(_bundle(), KEY)
    with pytest.raises(SyncBundleError, match="another branch key"):
        read_bundle(data, BranchKey(bytes(32)))
    members = _members(data)
    edited = {**members, MANIFEST: members[MANIFEST].replace(b"training-room-2", b"server")}
    with pytest.raises(SyncBundleError, match="MAC fails"):
        read_bundle(_zip(edited), KEY)
    edited = {**members, ATTEMPTS: members[ATTEMPTS].replace(b'"score":88.0', b'"score":99.0')}
    with pytest.raises(SyncBundleError, match=r"attempts\.jsonl: its size or SHA-256 differs"):
        read_bundle(_zip(edited), KEY)


def test_unknown_members_and_formats_are_refused_before_the_mac_is_even_checked():
    members = _members(build_bundle(_bundle(), KEY))
    with pytest.raises(SyncBundleError, match=r"unknown member '\.\./evil'"):
        read_bundle(_zip({**members, "../evil": b"x"}), KEY)
    with pytest.raises(SyncBundleError, match=r"people\.jsonl missing"):
        read_bundle(_zip({k: v for k, v in members.items() if k != PEOPLE}), KEY)
    future = members[MAC_MEMBER].replace(b"svctrainer-sync-2", b"svctrainer-sync-3")
    with pytest.raises(SyncBundleError, match="unknown format 'svctrainer-sync-3'"):
        read_bundle(_zip({**members, MAC_MEMBER: future}), KEY)
    with pytest.raises(SyncBundleError, match="not a readable zip"):
        read_bundle(b"PK\x03\x04 not really", KEY)


def as_format_1(data: bytes, key: BranchKey = KEY) -> bytes:
    """The bundle as the previous release wrote it: format ``svctrainer-sync-1``, no
    branch in the manifest, signed with ``key``."""
    members = _members(data)
    manifest = json.loads(members[MANIFEST])
    manifest["format"] = "svctrainer-sync-1"
    del manifest["source"]["branch"]
    raw = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    mac = f"svctrainer-sync-1 HMAC-SHA256 {key.fingerprint} {key.mac(raw)}\n".encode()
    return _zip({**members, MANIFEST: raw, MAC_MEMBER: mac})


def test_a_bundle_of_the_previous_format_still_reads_without_a_branch():
    old = read_bundle(as_format_1(build_bundle(_bundle(), KEY)), KEY)
    assert old.source.branch is None
    assert old.source.format == "svctrainer-sync-1"
    assert old.attempts == _bundle().attempts
    assert old.people == _bundle().people


def test_a_person_of_another_branch_than_the_bundles_is_refused():
    bundle = _bundle()
    with pytest.raises(SyncBundleError, match="name the branch"):
        build_bundle(replace(bundle, source=replace(bundle.source, branch=None)), KEY)
    stranger = replace(bundle.people[1], branch="Hillside")
    with pytest.raises(SyncBundleError, match=r"people\.jsonl:2:1: E1012 belongs to branch "
                       "'Hillside', not to the bundle's branch 'Harbour Road'"):  # fmt: skip
        build_bundle(replace(bundle, people=(bundle.people[0], stranger)), KEY)
    # Signed by someone holding the key, the manifest naming one branch and a line another.
    members = _members(build_bundle(bundle, KEY))
    edited = members[PEOPLE].replace(b'"branch":"Harbour Road","employee_number":"E1012"',
                                     b'"branch":"Hillside","employee_number":"E1012"')  # fmt: skip
    assert edited != members[PEOPLE]
    with pytest.raises(SyncBundleError, match=r"people\.jsonl:2:1: E1012 belongs to branch"):
        read_bundle(_resigned({**members, PEOPLE: edited}), KEY)
    # A manifest of format 2 without a branch is refused too.
    manifest = json.loads(members[MANIFEST])
    del manifest["source"]["branch"]
    with pytest.raises(SyncBundleError, match=r'manifest\.json:1:1: "branch" is missing'):
        read_bundle(_resigned({**members, MANIFEST: json.dumps(manifest).encode()}), KEY)


def test_a_zip_bomb_is_refused_from_its_directory():
    members = _members(build_bundle(_bundle(), KEY))
    bomb = _zip({**members, ATTEMPTS: b"\n" * (8 * 2**20)})  # 8 MB of newlines: ~8 kB zipped
    with pytest.raises(SyncBundleError, match="zip bomb"):
        read_bundle(bomb, KEY)


def test_a_signed_attempt_whose_log_was_changed_fails_its_fingerprint():
    """Whoever holds the branch key can sign, but the log and the fingerprint made from
    it when the attempt was recorded must still agree."""
    members = _members(build_bundle(_bundle(), KEY))
    line = json.loads(members[ATTEMPTS].split(b"\n")[0])
    line["log"]["hex"] = "00" + line["log"]["hex"]
    rest = b"\n".join(members[ATTEMPTS].split(b"\n")[1:])
    changed = json.dumps(line, separators=(",", ":")).encode() + b"\n" + rest
    with pytest.raises(SyncBundleError, match=r'attempts\.jsonl:1:\d+: "fingerprint" does not'):
        read_bundle(_resigned({**members, ATTEMPTS: changed}), KEY)


@settings(max_examples=300)
@given(st.data())
def test_a_mutated_bundle_is_refused_with_a_message_or_reads_as_the_original(data):
    """Bytes flipped, cut or inserted anywhere in the file: the reader never crashes, and
    whatever it accepts is exactly what was signed."""
    original = build_bundle(_bundle(), KEY)
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(mutated) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            mutated[where] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del mutated[where : where + data.draw(st.integers(1, 64))]
        else:
            mutated[where:where] = data.draw(st.binary(min_size=1, max_size=16))
    outcome: SyncBundle | SyncBundleError
    try:
        outcome = read_bundle(bytes(mutated), KEY)
    except SyncBundleError as exc:
        outcome = exc
    assert outcome == _bundle() if isinstance(outcome, SyncBundle) else str(outcome)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300)
@given(st.data())
def test_signed_garbage_lines_are_refused_with_member_line_and_column(data):
    """Past the MAC (a bundle re-signed with the right key), any line content is still
    refused with ``member:line:col`` or read into well-typed records, never a crash."""
    members = _members(build_bundle(_bundle(), KEY))
    member = data.draw(st.sampled_from([PEOPLE, CONTENT, ATTEMPTS, HAND_COUNTS]))
    lines = members[member].split(b"\n")[:-1]
    index = data.draw(st.integers(0, len(lines) - 1))
    row = json.loads(lines[index])
    choice = data.draw(st.sampled_from(["value", "drop", "raw"]))
    if choice == "raw":
        lines[index] = data.draw(st.binary(max_size=40)).replace(b"\n", b"")
    else:
        key = data.draw(st.sampled_from(sorted(row)))
        if choice == "drop":
            del row[key]
        else:
            row[key] = data.draw(_JSON)
        lines[index] = json.dumps(row).encode()
    changed = b"".join(line + b"\n" for line in lines)
    outcome: SyncBundle | SyncBundleError
    try:
        outcome = read_bundle(_resigned({**members, member: changed}), KEY)
    except SyncBundleError as exc:
        outcome = exc
    if isinstance(outcome, SyncBundle):
        assert len(outcome.attempts) == 3
        assert all(a.started_at.tzinfo is UTC for a in outcome.attempts)
    else:  # the member, line and column; or, for a broken reference, the member
        assert re.match(rf"({re.escape(member)}:{index + 1}:\d+|[a-z_]+\.jsonl): ", str(outcome))


def test_two_thousand_mutated_bundles_are_all_refused_or_read_unchanged(figure):
    """A seeded sweep beside the hypothesis runs, so every test run reports the same
    count: no mutation crashes the reader or gets an altered record through."""
    rng = random.Random(20261206)
    original = build_bundle(_bundle(), KEY)
    refused = unchanged = 0
    for _ in range(2000):
        mutated = bytearray(original)
        for _ in range(rng.randint(1, 3)):
            where = rng.randrange(len(mutated))
            mutated[where] ^= rng.randint(1, 255)
        try:
            read = read_bundle(bytes(mutated), KEY)
        except SyncBundleError:
            refused += 1
        else:
            assert read == _bundle()
            unchanged += 1
    figure(f"sync bundles: 2000 mutated, {refused} refused, {unchanged} read unchanged, 0 crashes")
    assert refused + unchanged == 2000
