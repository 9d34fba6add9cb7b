"""Offline sync between two workstations' SQLite databases (issue 16, point 3): results
move in a signed bundle, idempotently, and a tampered bundle brings in nothing."""

from __future__ import annotations

import io
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from summary_support import assert_current
from support import FAST_PIN_COST
from sync_support import (
    CLI,
    Workstation,
    attempt_count,
    check_sync_per_branch,
    record_drill,
    record_hand_count,
    record_scenario,
    results,
    workstation,
)

from svctrainer.core.branch_key import BranchKey
from svctrainer.core.sync_bundle import ATTEMPTS, read_bundle
from svctrainer.locations import branch_key_path
from svctrainer.services.api import Services
from svctrainer.services.errors import InvalidInputError, NotFoundError, PermissionDeniedError


def _copy(source: Path, folder: Path, name: str) -> str:
    path = folder / name
    shutil.copyfile(source, path)
    return str(path)


@pytest.fixture(scope="module")
def pair_template(shipped_content_db, tmp_path_factory):
    """Workstation A (offline, in a training room) and B (the branch server's database),
    each with its own ids for the same people; A holds a drill attempt, a scenario run
    and a hand count, B a drill attempt of its own. Set up once (eight scrypt hashes, a
    dozen commits and five scored results), then copied for each test (``pair``)."""
    folder = tmp_path_factory.mktemp("sync-pair")
    with pytest.MonkeyPatch.context() as patch:  # nothing of it lands in a real home
        patch.setenv("SVCTRAINER_HOME", str(folder / "home"))
        a = workstation(_copy(shipped_content_db, folder, "a.sqlite3"))
        b = workstation(_copy(shipped_content_db, folder, "b.sqlite3"))
        record_drill(a, a.tom, 1)
        record_drill(a, a.tess, 2)
        record_scenario(a, a.tom, 3)
        record_hand_count(a, a.tess, 18)
        record_drill(b, b.tom, 4)
        for ws in (a, b):
            with ws.services.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            ws.services.close()
    return folder, a, b


@pytest.fixture
def pair(pair_template, tmp_path):
    """``pair_template``'s two workstations, on copies of their databases of the test's
    own."""
    folder, *workstations = pair_template
    copies = []
    for name, ws in zip(("a.sqlite3", "b.sqlite3"), workstations, strict=True):
        svc = Services.open(_copy(folder / name, tmp_path, name), pin_cost=FAST_PIN_COST)
        copies.append(Workstation(svc, ws.trainer, ws.tom, ws.tess))
    a, b = copies
    yield a, b
    a.services.close()
    b.services.close()


def _export(ws, tmp_path: Path, name: str = "bundle.zip", since=None) -> Path:
    path = tmp_path / name
    ws.services.sync.export(CLI, path, since)
    return path


def test_a_bundle_moves_results_and_a_second_import_changes_nothing(pair, tmp_path):
    a, b = pair
    bundle = _export(a, tmp_path)
    assert b.tom.id != a.tom.id  # each database has its own ids for the same people
    first = b.services.sync.import_file(CLI, bundle)
    assert (first.inserted, first.identical, first.conflicts) == (4, 0, ())
    assert first.content_added == 1  # the hand-count description B never needed before
    after_first = results(b.services)
    second = b.services.sync.import_file(CLI, bundle)
    assert (second.inserted, second.identical, second.conflicts) == (0, 4, ())
    assert results(b.services) == after_first
    assert_current(b.services.db)  # the dashboards' progress summary took the imports in
    # every result of A is in B, the same row for the same person and content
    assert set(results(a.services)) <= set(after_first)
    # the drill and scenario logs still replay to their stored figures on B
    drills = [r for r in results(b.services) if r[21] is not None]
    assert len(drills) == 4
    for row in drills:
        assert b.services.attempts.rescore(CLI, row[0]).matches
    [audited, _] = b.services.audit.recent(CLI, action="sync.import")
    assert audited.detail["inserted"] == 0
    assert audited.detail["identical"] == 4


def test_a_to_b_then_b_to_a_leaves_identical_data(pair, tmp_path):
    a, b = pair
    b.services.sync.import_file(CLI, _export(a, tmp_path, "a.zip"))
    back = a.services.sync.import_file(CLI, _export(b, tmp_path, "b.zip"))
    assert (back.inserted, back.identical, back.conflicts) == (1, 4, ())
    assert results(a.services) == results(b.services)
    assert attempt_count(a.services) == 5


def test_since_exports_only_what_was_recorded_from_then_on(pair, tmp_path):
    a, _ = pair
    newest = max(row[20] for row in results(a.services))
    path = _export(a, tmp_path, since=newest)
    bundle = read_bundle(path.read_bytes(), BranchKey.from_text(branch_key_path().read_text()))
    assert len(bundle.attempts) == 1
    assert bundle.source.since == newest


def _rewritten(path: Path, member: str, change) -> bytes:
    """The bundle with one member's bytes changed and everything else (the MAC, the
    manifest) as it was: what someone editing the zip by hand makes."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == member else data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("member", "change", "refusal"),
    [
        (ATTEMPTS, lambda d: d.replace(b'"score":', b'"score":1', 1), "SHA-256"),
        ("manifest.json", lambda d: d.replace(b'"lines":1', b'"lines":2', 1), "MAC fails"),
        ("manifest.hmac", lambda d: d.replace(b"sync-2", b"sync-9"), "unknown format"),
    ],
)
def test_a_tampered_bundle_is_refused_with_nothing_imported(
    pair, tmp_path, member, change, refusal
):
    a, b = pair
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(_rewritten(_export(a, tmp_path), member, change))
    before = results(b.services)
    with pytest.raises(InvalidInputError, match=refusal):
        b.services.sync.import_file(CLI, tampered)
    assert results(b.services) == before
    assert b.services.audit.recent(CLI, action="sync.import") == []


def test_a_bundle_with_an_extra_member_is_refused(pair, tmp_path):
    a, b = pair
    path = _export(a, tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("notes.txt", b"hello")
    with pytest.raises(InvalidInputError, match=r"unknown member 'notes\.txt'"):
        b.services.sync.import_file(CLI, path)


def test_a_bundle_signed_with_another_branch_key_is_refused(pair, tmp_path):
    a, b = pair
    path = _export(a, tmp_path)
    ours = branch_key_path().read_text()
    branch_key_path().unlink()
    branch_key_path().write_text(BranchKey.generate().to_text())
    branch_key_path().chmod(0o600)
    with pytest.raises(InvalidInputError, match="another branch key"):
        b.services.sync.import_file(CLI, path)
    assert ours not in branch_key_path().read_text()


def test_an_unknown_person_refuses_the_whole_bundle(shipped_content_db, tmp_path):
    """Tess has no profile on B: nothing is imported, not even Tom's results, and the
    message names her by branch and employee number."""
    a = workstation(_copy(shipped_content_db, tmp_path, "a.sqlite3"))
    b = workstation(_copy(shipped_content_db, tmp_path, "b.sqlite3"), with_tess=False)
    try:
        record_drill(a, a.tom, 1)
        record_drill(a, a.tess, 2)
        with pytest.raises(
            NotFoundError, match=r"not in branch 'Harbour Road' here: T2 \(Tess Teller\)"
        ):
            b.services.sync.import_file(CLI, _export(a, tmp_path))
        assert attempt_count(b.services) == 0
    finally:
        a.services.close()
        b.services.close()


def test_a_row_changed_on_one_side_is_a_conflict_and_the_stored_row_is_kept(pair, tmp_path):
    a, b = pair
    b.services.sync.import_file(CLI, _export(a, tmp_path, "first.zip"))
    tom_attempt = next(r for r in results(a.services) if r[2] == "T1" and r[5] == "test")
    a.services.attempts.invalidate(CLI, tom_attempt[0], "took the test with notes")
    on_b = results(b.services)
    outcome = b.services.sync.import_file(CLI, _export(a, tmp_path, "second.zip"))
    assert (outcome.inserted, outcome.identical) == (0, 3)
    [conflict] = outcome.conflicts
    assert conflict.attempt_id == tom_attempt[0]
    assert "invalidated_reason" in conflict.reason
    assert "valid" in conflict.reason
    assert results(b.services) == on_b  # B's row is kept
    [audited, _] = b.services.audit.recent(CLI, action="sync.import")
    assert audited.detail["conflicting_ids"] == [str(tom_attempt[0])]


def test_only_an_administrator_may_sync(pair, tmp_path):
    a, b = pair
    bundle = _export(a, tmp_path)
    for who in (b.trainer, b.tom):
        with pytest.raises(PermissionDeniedError):
            b.services.sync.import_file(b.actor(who), bundle)
        with pytest.raises(PermissionDeniedError):
            b.services.sync.export(b.actor(who), tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
    assert attempt_count(b.services) == 1


def test_an_export_is_audited_and_writes_nothing_else(pair, tmp_path):
    a, _ = pair
    before = results(a.services)
    _export(a, tmp_path)
    [entry] = a.services.audit.recent(CLI, action="sync.export")
    counts = [entry.detail[kind] for kind in ("drill", "scenario", "hand_count")]
    assert counts == [2, 1, 1]
    assert results(a.services) == before


def import_twice_at_once(services, bundle: Path) -> list[object]:
    """Two administrators import the same bundle at the same moment: the outcome of each
    (a SyncImport, or the InvalidInputError that says to import again)."""
    outcomes: list[object] = []
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        try:
            outcomes.append(services.sync.import_file(CLI, bundle))
        except InvalidInputError as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def check_imported_once(outcomes: list[object], rows: int) -> None:
    done = [o for o in outcomes if not isinstance(o, InvalidInputError)]
    refused = [o for o in outcomes if isinstance(o, InvalidInputError)]
    assert len(outcomes) == 2
    assert sum(o.inserted for o in done) == rows  # type: ignore[attr-defined]
    assert all("import it again" in str(e) for e in refused)


def test_two_imports_of_one_bundle_at_once_store_each_row_once(pair, tmp_path):
    a, b = pair
    outcomes = import_twice_at_once(b.services, _export(a, tmp_path))
    check_imported_once(outcomes, 4)
    assert attempt_count(b.services) == 5


def test_a_fifo_or_a_folder_is_refused_without_waiting(pair, tmp_path):
    _, b = pair
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path):
        with pytest.raises(InvalidInputError, match="not a regular file"):
            b.services.sync.import_file(CLI, path)


def test_a_bundle_carries_one_branch_into_that_branch_of_a_shared_server(pair, tmp_path):
    a, b = pair
    check_sync_per_branch(a, b, tmp_path)
