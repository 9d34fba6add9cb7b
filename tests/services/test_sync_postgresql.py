"""Offline sync into and out of a real PostgreSQL server (issue 16, point 3): a training
room's SQLite results reach the branch server idempotently and come back identical; a
tampered bundle leaves the server as it was. Skips where no server can run."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from summary_support import assert_current
from sync_support import (
    CLI,
    attempt_count,
    check_sync_per_branch,
    record_drill,
    record_hand_count,
    record_scenario,
    results,
    workstation,
)
from test_sync import check_imported_once, import_twice_at_once

from svctrainer.services.errors import InvalidInputError


@pytest.fixture
def room_and_server(shipped_content_db, tmp_path, pg_url):
    path = tmp_path / "room.sqlite3"
    shutil.copyfile(shipped_content_db, path)
    room = workstation(str(path))
    server = workstation(pg_url)
    record_drill(room, room.tom, 1)
    record_scenario(room, room.tess, 2)
    record_hand_count(room, room.tom, 19)
    record_drill(server, server.tess, 3)
    yield room, server
    room.services.close()
    server.services.close()


def test_sync_into_postgresql_is_idempotent_and_round_trips(room_and_server, tmp_path):
    room, server = room_and_server
    to_server = tmp_path / "room.zip"
    room.services.sync.export(CLI, to_server)
    first = server.services.sync.import_file(CLI, to_server)
    assert (first.inserted, first.identical, first.conflicts) == (3, 0, ())
    stored = results(server.services)
    again = server.services.sync.import_file(CLI, to_server)
    assert (again.inserted, again.identical, again.conflicts) == (0, 3, ())
    assert results(server.services) == stored
    assert_current(server.services.db)
    back = tmp_path / "server.zip"
    server.services.sync.export(CLI, back)
    home = room.services.sync.import_file(CLI, back)
    assert (home.inserted, home.identical, home.conflicts) == (1, 3, ())
    assert results(room.services) == results(server.services)


def test_a_tampered_bundle_leaves_the_server_unchanged(room_and_server, tmp_path):
    room, server = room_and_server
    path = tmp_path / "room.zip"
    room.services.sync.export(CLI, path)
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "hand_counts.jsonl":
                data = data.replace(b'"duration_ms":', b'"duration_ms":1', 1)
            target.writestr(info, data)
    before = results(server.services)
    with pytest.raises(InvalidInputError, match="changed after the bundle was made"):
        server.services.sync.import_file(CLI, tampered)
    assert results(server.services) == before
    assert attempt_count(server.services) == 1


def test_two_imports_at_once_on_the_server_store_each_row_once(room_and_server, tmp_path):
    room, server = room_and_server
    path = tmp_path / "room.zip"
    room.services.sync.export(CLI, path)
    check_imported_once(import_twice_at_once(server.services, path), 3)
    assert attempt_count(server.services) == 4


def test_a_bundle_carries_one_branch_into_that_branch_of_the_server(room_and_server, tmp_path):
    room, server = room_and_server
    check_sync_per_branch(room, server, tmp_path)
