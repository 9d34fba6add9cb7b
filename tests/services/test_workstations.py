"""A counter workstation tied to one branch of a shared server lists and signs in only
that branch's people (issue 16 follow-up); untied, and on a database of one branch,
everything is as before. The checks run on SQLite here and on PostgreSQL in
test_workstations_postgresql.py."""

from __future__ import annotations

import pytest
from sync_support import (
    BRANCH,
    CLI,
    HILLSIDE,
    PIN,
    Workstation,
    add_hillside,
    admin_of,
    workstation,
)

from svctrainer.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    WorkstationBranchError,
)
from svctrainer.store.models import Person


def _failures(ws: Workstation, person_id) -> int:
    with ws.services.db.reading() as session:
        return session.get(Person, person_id).failed_pin_count


def check_workstation_branch(ws: Workstation) -> None:
    """``ws``: Harbour Road (admin Ada A1, trainer R1, tellers T1 Tom and T2 Tess), no
    other branch yet, this workstation not tied."""
    svc = ws.services
    auth, stations = svc.auth, svc.workstations
    # One branch, untied: as before.
    assert stations.branch() is None
    assert auth.branch_name() == BRANCH
    assert {p.employee_number for p in auth.profiles()} == {"A1", "R1", "T1", "T2"}
    hal, hana = add_hillside(ws)
    # Two branches, untied: everyone, each with their branch beside the team.
    listed = {(p.name, p.team_name) for p in auth.profiles()}
    assert ("Hana Hillside", HILLSIDE) in listed
    assert ("Tom Teller", f"{BRANCH} · Counter") in listed
    # Hillside's admin ties this workstation to Hillside, their own branch.
    tie = stations.set_branch(ws.actor(hal))
    assert (tie.workstation, tie.branch) == (stations.name, HILLSIDE)
    assert stations.branch() == HILLSIDE
    assert auth.branch_name() == HILLSIDE
    assert [(p.name, p.team_name) for p in auth.profiles()] == [
        ("Hal Hillside", None),
        ("Hana Hillside", None),
    ]
    assert auth.profiles("Tom") == []
    # Tom of Harbour Road, picked anyway: refused before his PIN is checked or counted.
    with pytest.raises(WorkstationBranchError) as refused:
        auth.sign_in(ws.tom.id, PIN)
    assert str(refused.value) == (
        "Tom Teller belongs to branch 'Harbour Road'; this workstation signs in people of "
        "branch 'Hillside' only"
    )
    assert isinstance(refused.value, PermissionDeniedError)
    assert _failures(ws, ws.tom.id) == 0
    [entry] = svc.audit.recent(CLI, action="auth.sign_in_refused")
    assert entry.detail == {
        "reason": "other_branch", "branch": BRANCH, "workstation": stations.name,
        "workstation_branch": HILLSIDE,
    }  # fmt: skip
    # Harbour Road's admin reads the refusal of their teller; Hillside's admin does not.
    assert svc.audit.recent(admin_of(ws), action="auth.sign_in_refused") != []
    assert svc.audit.recent(ws.actor(hal), action="auth.sign_in_refused") == []
    assert auth.sign_in(hana.id, PIN).branch_name == HILLSIDE
    # Harbour Road's admin can neither take the workstation over nor untie it, nor tie
    # one to a branch not theirs; each sees only their branch's workstations.
    with pytest.raises(PermissionDeniedError):
        stations.set_branch(admin_of(ws))
    with pytest.raises(PermissionDeniedError):
        stations.clear_branch(admin_of(ws))
    with pytest.raises(PermissionDeniedError):
        stations.set_branch(admin_of(ws), HILLSIDE, workstation="counter-9")
    assert stations.ties(admin_of(ws)) == []
    assert [t.workstation for t in stations.ties(ws.actor(hal))] == [stations.name]
    assert stations.branch() == HILLSIDE
    # The server administrator (command line) may move it to any branch.
    stations.set_branch(CLI, BRANCH)
    assert auth.sign_in(ws.tom.id, PIN).person.id == ws.tom.id
    with pytest.raises(WorkstationBranchError, match="Hana Hillside belongs to branch"):
        auth.sign_in(hana.id, PIN)
    with pytest.raises(NotFoundError, match="no branch called 'Quayside'"):
        stations.set_branch(CLI, "Quayside")
    moves = svc.audit.recent(CLI, action="workstation.set_branch")
    assert [e.detail for e in moves] == [
        {"branch": BRANCH, "before": HILLSIDE},
        {"branch": HILLSIDE, "before": None},
    ]
    # Harbour Road's admin unties it: everyone again.
    assert stations.clear_branch(admin_of(ws)) is True
    assert stations.clear_branch(admin_of(ws)) is False
    assert stations.branch() is None
    assert auth.sign_in(hana.id, PIN).branch_name == HILLSIDE
    assert len(auth.profiles()) == 6


def test_a_workstation_tied_to_a_branch_signs_in_only_its_people(shipped_content_db, tmp_path):
    import shutil

    path = tmp_path / "server.sqlite3"
    shutil.copyfile(shipped_content_db, path)
    ws = workstation(str(path))
    try:
        check_workstation_branch(ws)
    finally:
        ws.services.close()


def test_another_workstation_is_tied_by_its_host_name(branch):
    svc = branch.services
    svc.workstations.set_branch(CLI, workstation="counter-7")
    assert svc.workstations.branch() is None  # this one is not
    [tie] = svc.workstations.ties(branch.actor(branch.admin))
    assert (tie.workstation, tie.branch) == ("counter-7", "Test Branch")
    with pytest.raises(PermissionDeniedError):  # a teller
        svc.workstations.set_branch(branch.actor(branch.teller))
