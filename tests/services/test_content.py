"""Importing content: versions by hash, all-or-nothing batches, audit, shipped content."""

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import func, select

from svctrainer.core.content_files import check_content_file
from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.store.models import AuditLog, ContentItem

DRILLS = Path(__file__).resolve().parents[2] / "drills"
CLI = Actor.command_line()


def _copy(tmp_path: Path, name: str, replace: tuple[str, str] | None = None) -> Path:
    text = (DRILLS / name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(services, model) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_import_then_reimport_changes_nothing(services, tmp_path):
    pack = _copy(tmp_path, "tenkey-amounts-practice.en.toml")
    first = services.content.import_files(CLI, [pack])
    assert [o.status for o in first] == ["added"]
    assert first[0].record.version == 1
    audits = _count(services, AuditLog)
    again = services.content.import_files(CLI, [pack])
    assert [o.status for o in again] == ["unchanged"]
    assert again[0].record.id == first[0].record.id
    assert _count(services, ContentItem) == 1
    assert _count(services, AuditLog) == audits  # nothing changed, nothing audited


def test_changed_file_becomes_a_new_version(services, tmp_path):
    services.content.import_files(CLI, [_copy(tmp_path, "tenkey-amounts-practice.en.toml")])
    changed = _copy(
        tmp_path, "tenkey-amounts-practice.en.toml", ("time_limit_s = 180", "time_limit_s = 240")
    )
    outcome = services.content.import_files(CLI, [changed])[0]
    assert outcome.status == "new_version"
    assert outcome.record.version == 2
    versions = services.content.versions(CLI, "tenkey-amounts-practice.en")
    assert [v.version for v in versions] == [1, 2]
    assert [
        r.version for r in services.content.latest(CLI) if r.content_id == outcome.record.content_id
    ] == [2]


def test_a_batch_with_one_bad_file_stores_nothing(services, tmp_path):
    good = _copy(tmp_path, "data-entry-test.en.toml")
    bad = _copy(tmp_path, "tenkey-amounts-test.en.toml", ("time_limit_s = 300", "time_limit_s = 0"))
    before = (_count(services, ContentItem), _count(services, AuditLog))
    outcomes = services.content.import_files(CLI, [good, bad])
    assert [o.status for o in outcomes] == ["not_stored", "rejected"]
    problem = outcomes[1].problems[0]
    assert problem.path == str(bad)
    assert problem.line == 19  # the offending key's line in the file
    assert (_count(services, ContentItem), _count(services, AuditLog)) == before


def test_imports_are_audited_with_hash_and_version(branch, tmp_path):
    trainer = branch.actor(branch.trainer)
    branch.services.content.import_files(
        trainer, [_copy(tmp_path, "voucher-summing-practice.en.toml")]
    )
    entry = next(e for e in branch.services.audit.recent(CLI) if e.action == "content.import")
    assert entry.actor == "Tia Trainer (R1)"
    assert entry.detail["content_id"] == "voucher-summing-practice.en"
    assert entry.detail["version"] == 1
    assert len(entry.detail["hash"]) == 64


def test_tellers_cannot_import(branch, tmp_path):
    with pytest.raises(PermissionDeniedError):
        branch.services.content.import_files(
            branch.actor(branch.teller), [_copy(tmp_path, "voucher-summing-practice.en.toml")]
        )


def test_shipped_content_is_stored_once(services):
    first = services.content.sync_bundled()
    assert first
    assert all(o.status == "added" for o in first), [o for o in first if o.status != "added"]
    kinds = {o.record.kind for o in first}
    assert kinds == {"drill", "scenario"}
    assert services.content.sync_bundled() == []  # nothing new: nothing even parsed


@pytest.mark.shipped_content
def test_loaded_content_is_the_exact_stored_version(branch):
    branch.services.content.sync_bundled()
    actor = branch.actor(branch.teller)
    record = next(
        r for r in branch.services.content.latest(actor, kind="drill") if r.drill_type == "tenkey"
    )
    loaded, definition = branch.services.content.load(actor, record.id)
    assert loaded == record
    assert definition.content_hash == record.content_hash
    assert Role.TELLER in branch.teller.roles


def test_a_teller_whose_name_starts_with_system_cannot_import(branch, tmp_path):
    """Authorisation was skipped for any actor whose label began "system:", and a label
    is a name anyone can be given (issue 19, point 10)."""
    eve = branch.services.people.create_person(
        CLI, name="system:Eve", employee_number="T9", pin="2468", roles=[Role.TELLER]
    )
    pack = _copy(tmp_path, "voucher-summing-practice.en.toml")
    with pytest.raises(PermissionDeniedError):
        branch.services.content.import_files(branch.actor(eve), [pack])
    checked = [check_content_file(pack)]
    with pytest.raises(PermissionDeniedError):
        branch.services.content.import_checked(branch.actor(eve), checked)
    assert _count(branch.services, ContentItem) == 0


def test_import_checked_validates_again_and_trusts_nothing_the_caller_built(services, tmp_path):
    """A caller-built CheckedContent claiming to be valid: its text is checked again, and
    what is stored comes from that check, not from the caller's fields."""
    bad = _copy(tmp_path, "tenkey-amounts-test.en.toml", ("time_limit_s = 300", "time_limit_s = 0"))
    real = check_content_file(bad)
    assert not real.ok
    forged = dataclasses.replace(real, content_id="x", title="x", kind="drill", parsed=object(),
                                 problems=[], text=bad.read_text(encoding="utf-8"))  # fmt: skip
    assert forged.ok
    outcomes = services.content.import_checked(CLI, [forged])
    assert [o.status for o in outcomes] == ["rejected"]
    assert outcomes[0].problems[0].line == 19
    good = _copy(tmp_path, "voucher-summing-practice.en.toml")
    relabelled = dataclasses.replace(check_content_file(good), content_id="someone-else.en",
                                     title="Someone else's drill", drill_type="tenkey")  # fmt: skip
    (stored,) = services.content.import_checked(CLI, [relabelled])
    assert stored.status == "added"
    assert stored.record.content_id == "voucher-summing-practice.en"
    assert stored.record.drill_type == "voucher_summing"
    assert _count(services, ContentItem) == 1


def test_shipped_content_is_stored_by_the_system(services):
    services.content.sync_bundled()
    entries = [e for e in services.audit.recent(CLI, limit=1000) if e.action == "content.import"]
    assert entries
    assert {e.actor for e in entries} == {"system:bundled-content"}
