"""Two workstations of one branch for the offline-sync tests: each its own database with
the same branch name and employee numbers (but its own ids for them), results recorded
on each, and a view of a database's results that does not depend on its ids."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Role
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.records import PersonRecord
from svctrainer.store.models import Attempt, AttemptEvent, Branch, ContentItem, Person

CLI = Actor.command_line()
PIN = "2468"
BRANCH = "Harbour Road"
S = 1_000_000_000
SEED = 424_242  # our own: a pack's form is drawn fresh for every attempt


@dataclass
class Workstation:
    services: Services
    trainer: PersonRecord
    tom: PersonRecord
    tess: PersonRecord

    def actor(self, who: PersonRecord) -> Actor:
        return Actor.person(who.id, who.name, who.employee_number)


def workstation(url: str, *, with_tess: bool = True, branch: str = BRANCH) -> Workstation:
    """A branch database at ``url`` (migrated, shipped content stored): admin A1, trainer
    R1 and tellers T1 (Tom) and T2 (Tess, unless ``with_tess`` is False)."""
    svc = Services.open(url, pin_cost=FAST_PIN_COST)
    svc.content.sync_bundled()
    svc.auth.set_up_branch(branch_name=branch, admin_name="Ada", employee_number="A1", pin=PIN)
    team = svc.people.create_team(CLI, "Counter")
    people = [
        svc.people.create_person(
            CLI, name=name, employee_number=number, pin=PIN, roles=[role], team_id=team.id
        )
        for name, number, role in (
            ("Tia Trainer", "R1", Role.TRAINER),
            ("Tom Teller", "T1", Role.TELLER),
            ("Tess Teller", "T2", Role.TELLER),
        )
        if with_tess or number != "T2"
    ]
    svc.people.set_team_trainers(CLI, team.id, [people[0].id])
    return Workstation(svc, people[0], people[1], people[2] if with_tess else people[1])


def record_drill(ws: Workstation, who: PersonRecord, minute: int) -> Any:
    svc, actor = ws.services, ws.actor(who)
    record = next(r for r in svc.content.latest(actor) if r.content_id == "tenkey-amounts-test.en")
    _, definition = svc.content.load(actor, record.id)
    events = typed_perfectly(definition, Mode.TEST, seed=SEED + minute, items=3)
    when = dt.datetime(2026, 11, 20, 9, minute, 30, 123456, tzinfo=dt.UTC)
    return svc.attempts.record_drill(
        actor, record.id, mode=Mode.TEST, seed=SEED + minute, events=events, started_at=when
    )


def record_scenario(ws: Workstation, who: PersonRecord, minute: int) -> Any:
    svc, actor = ws.services, ws.actor(who)
    record = next(r for r in svc.content.latest(CLI) if r.content_id == "sample-queue-wait.en")
    _, scenario = svc.content.load(CLI, record.id)
    run = ScenarioRun(scenario, 100 * S)
    t = 103 * S
    for choice_id in ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
                      "offer_payroll", "set_up_now"):  # fmt: skip
        run.choose(choice_id, t)
        t += 4 * S
    when = dt.datetime(2026, 11, 20, 10, minute, tzinfo=dt.UTC)
    return svc.attempts.record_scenario(actor, record.id, Mode.PRACTICE, run.log, when)


def record_hand_count(ws: Workstation, who: PersonRecord, day: int) -> Any:
    return ws.services.hand_count.record(
        ws.actor(ws.trainer), who.id, dt.date(2026, 11, day), minutes=5, notes_counted=600 + day,
        defects_found=2, banding_penalties=0, today=dt.date(2026, 11, 30),
    )  # fmt: skip


def results(services: Services) -> list[tuple[Any, ...]]:
    """Every stored result with its person and content named as a bundle names them
    (branch and employee number; content id and hash): equal lists mean equal data."""
    with services.db.reading() as session:
        rows = session.execute(
            select(Attempt, Branch.name, Person.employee_number, ContentItem, AttemptEvent)
            .join(Person, Person.id == Attempt.person_id)
            .join(Branch, Branch.id == Person.branch_id)
            .join(ContentItem, ContentItem.id == Attempt.content_item_id)
            .outerjoin(AttemptEvent, AttemptEvent.attempt_id == Attempt.id)
            .order_by(Attempt.id)
        ).all()
        return [
            (
                a.id,
                branch,
                number,
                item.content_id,
                item.content_hash,
                a.mode,
                a.started_at,
                a.duration_ms,
                a.speed,
                a.speed_unit,
                a.accuracy,
                a.score,
                a.grade,
                a.valid,
                a.completion,
                a.invalidated_reason,
                a.seed,
                a.app_version,
                a.workstation,
                json.dumps(a.details, sort_keys=True),
                a.recorded_at,
                (event.encoding, event.event_count, event.data) if event else None,
                a.fingerprint is not None,
            )
            for a, branch, number, item, event in rows
        ]


def attempt_count(services: Services) -> int:
    with services.db.reading() as session:
        return len(session.scalars(select(Attempt.id)).all())


def add_hillside(ws: Workstation, *, tess_number: str = "H2") -> tuple[PersonRecord, ...]:
    """A second branch, Hillside, on ``ws``'s database (a shared server): its admin Hal
    (A1, the number Harbour Road's admin has too) and teller Hana (``tess_number``)."""
    svc = ws.services
    svc.branches.create_branch(CLI, HILLSIDE)
    return tuple(
        svc.people.create_person(
            CLI, name=name, employee_number=number, pin=PIN, roles=[role], branch=HILLSIDE
        )
        for name, number, role in (
            ("Hal Hillside", "A1", Role.ADMIN),
            ("Hana Hillside", tess_number, Role.TELLER),
        )
    )


HILLSIDE = "Hillside"


def admin_of(ws: Workstation) -> Actor:
    """Ada, the admin the first run created in ``ws``'s first branch."""
    ada = ws.services.people.find_by_employee_number(CLI, "A1", BRANCH)
    return ws.actor(ada)


def as_format_1(bundles: list[bytes], key: Any) -> bytes:
    """One bundle as the release before per-branch bundles wrote it (``svctrainer-sync-1``,
    no branch in the manifest), holding the records of every bundle in ``bundles`` (of
    one source database, so their content ids agree), signed with ``key``."""
    import hashlib
    import io
    import zipfile

    from svctrainer.core.sync_bundle import DATA_MEMBERS, MAC_MEMBER, MANIFEST

    members: dict[str, list[bytes]] = {name: [] for name in DATA_MEMBERS}
    manifest: dict[str, Any] = {}
    for data in bundles:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            for name in DATA_MEMBERS:
                for line in archive.read(name).splitlines(keepends=True):
                    if line not in members[name]:
                        members[name].append(line)
    joined = {name: b"".join(lines) for name, lines in members.items()}
    manifest["format"] = "svctrainer-sync-1"
    del manifest["source"]["branch"]
    manifest["members"] = {
        name: {"lines": d.count(b"\n"), "bytes": len(d), "sha256": hashlib.sha256(d).hexdigest()}
        for name, d in joined.items()
    }
    raw = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    mac = f"svctrainer-sync-1 HMAC-SHA256 {key.fingerprint} {key.mac(raw)}\n".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in {MAC_MEMBER: mac, MANIFEST: raw, **joined}.items():
            archive.writestr(name, data)
    return out.getvalue()


def check_sync_per_branch(room: Workstation, server: Workstation, folder: Any) -> None:
    """A bundle carries one branch, and lands in that branch of a shared server: the
    checks shared by the SQLite and PostgreSQL tests. ``room`` and ``server`` hold
    Harbour Road with results (the room: Tom's and Tess's); both get Hillside here."""
    import pytest

    from svctrainer.core.sync_bundle import read_bundle
    from svctrainer.services.branch_key import workstation_key
    from svctrainer.services.errors import (
        BranchRequiredError,
        SyncBranchUnknownError,
        SyncOtherBranchError,
        SyncPeopleMissingError,
    )

    hal, hana = add_hillside(room)
    record_drill(room, hana, 40)  # a Hillside result in the room: never in Harbour's bundle
    # The command line must say which branch on a database of several.
    with pytest.raises(BranchRequiredError):
        room.services.sync.export(CLI, folder / "which.zip")
    # Harbour Road's admin exports Harbour Road; Hillside's admin, Hillside.
    harbour = room.services.sync.export(admin_of(room), folder / "harbour.zip")
    assert harbour.branch == BRANCH
    key = workstation_key()
    bundle = read_bundle((folder / "harbour.zip").read_bytes(), key)
    assert bundle.source.branch == BRANCH
    assert {p.branch for p in bundle.people} == {BRANCH}
    assert hana.id not in {a.person_id for a in bundle.attempts}
    hillside = room.services.sync.export(room.actor(hal), folder / "hillside.zip")
    assert (hillside.branch, hillside.attempts) == ("Hillside", 1)
    with pytest.raises(PermissionDeniedError):  # naming another branch than one's own
        room.services.sync.export(admin_of(room), folder / "x.zip", branch=HILLSIDE)
    # The server holds only Harbour Road: Hillside's bundle names a branch it lacks.
    before = results(server.services)
    with pytest.raises(SyncBranchUnknownError, match="branch 'Hillside', which is not in"):
        server.services.sync.import_file(CLI, folder / "hillside.zip")
    # Now the server has Hillside too, but Hana's number there is someone else's.
    hal_s, _ = add_hillside(server, tess_number="H9")
    with pytest.raises(SyncPeopleMissingError) as missing:
        server.services.sync.import_file(server.actor(hal_s), folder / "hillside.zip")
    assert [p.employee_number for p in missing.value.people] == ["H2"]
    # Harbour Road's bundle, imported by Hillside's admin: refused, naming both branches.
    with pytest.raises(SyncOtherBranchError, match="branch 'Harbour Road', and you administer "
                       "branch 'Hillside'"):  # fmt: skip
        server.services.sync.import_file(server.actor(hal_s), folder / "harbour.zip")
    assert results(server.services) == before
    # By Harbour Road's admin: stored for Harbour Road's people, once.
    done = server.services.sync.import_file(admin_of(server), folder / "harbour.zip")
    assert done.branch == BRANCH
    assert done.inserted == harbour.attempts + harbour.scenario_runs + harbour.hand_counts
    assert {r[1] for r in results(server.services)} == {BRANCH}
    again = server.services.sync.import_file(admin_of(server), folder / "harbour.zip")
    assert (again.inserted, again.identical) == (0, done.inserted)
    [audited, *_] = server.services.audit.recent(CLI, action="sync.import")
    assert (audited.detail["branch"], audited.detail["format"]) == (BRANCH, "svctrainer-sync-2")
    # A bundle of the previous format holding both branches: the command line alone may
    # import it, each person into their own branch; a branch's admin is refused.
    old = folder / "old.zip"
    both = [(folder / name).read_bytes() for name in ("harbour.zip", "hillside.zip")]
    old.write_bytes(as_format_1(both, key))
    with pytest.raises(SyncOtherBranchError, match="Harbour Road, Hillside"):
        server.services.sync.import_file(admin_of(server), old)
    with pytest.raises(SyncPeopleMissingError, match=r"H2 \(Hana Hillside\)"):
        server.services.sync.import_file(CLI, old)  # Hana is still missing on the server
    # One of a single branch: imported into that branch by its admin.
    old_harbour = folder / "old-harbour.zip"
    old_harbour.write_bytes(as_format_1([(folder / "harbour.zip").read_bytes()], key))
    legacy = server.services.sync.import_file(admin_of(server), old_harbour)
    assert (legacy.branch, legacy.inserted, legacy.identical) == (BRANCH, 0, done.inserted)
