"""The front ends see only service errors: what the store raises is translated, with its
code, message and file, at every service call."""

from __future__ import annotations

import pytest
from support import FAST_PIN_COST

from svctrainer.services import errors
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.database_admin import newest_good_backup
from svctrainer.store import errors as store_errors
from svctrainer.store.backup import take_backup
from svctrainer.store.database import Database, OpenOptions, resolve_url

CLI = Actor.command_line()


def test_a_write_to_a_read_only_database_is_a_service_error(services, db_path):
    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    reader = Services(Database(resolve_url(str(db_path)), OpenOptions(read_only=True)))
    try:
        with pytest.raises(errors.DatabaseReadOnlyError) as caught:
            reader.people.create_team(CLI, "Team C")
    finally:
        reader.close()
    refused = caught.value
    assert not isinstance(refused, store_errors.StoreError)
    assert refused.code == "database_read_only"
    assert str(refused) == f"{db_path} was opened read-only"
    assert refused.args == (f"{db_path} was opened read-only",)
    assert isinstance(refused.__cause__, store_errors.DatabaseReadOnlyError)


def test_opening_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list")
    with pytest.raises(errors.NotADatabaseError) as caught:
        Services.open(str(notes), pin_cost=FAST_PIN_COST)
    assert caught.value.path == notes
    assert "not an svctrainer database" in str(caught.value)
    assert isinstance(caught.value, errors.DAMAGED)


def test_newest_good_backup_skips_a_damaged_one(services, db_path):
    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    services.close()
    good = take_backup(db_path, "daily")
    damaged = take_backup(db_path, "manual")
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 90 + b"garbage" * 2000)
    assert newest_good_backup(str(db_path)) == good
    assert newest_good_backup(f"sqlite:///{db_path}") == good
    assert newest_good_backup("postgresql://svc@server/branch") is None  # pg_dump's job


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (errors.WrongPinError(3), "wrong_pin", "wrong PIN; 3 attempt(s) left"),
        (errors.InvalidInputError("pin", "too short"), "invalid_input", "pin: too short"),
        (errors.NotFoundError("no such team"), "not_found", "no such team"),
        (errors.ServiceError("plain words"), "service_error", "plain words"),
        (errors.StorageFullError("the disk holding x is full"), "storage_full", "disk holding"),
    ],
)
def test_every_error_has_a_code_and_a_message_from_its_args(error, code, message):
    assert error.code == code
    assert message in str(error)
