"""The workstation's branch key (``core.branch_key``): show it, export it to another
workstation of the branch, install one exported elsewhere. Administrators only, and
audited: whoever holds the key can sign saved results for the whole branch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from svctrainer.core.branch_key import (
    BranchKey,
    BranchKeyError,
    load_branch_key,
    load_or_create_branch_key,
    save_branch_key,
)
from svctrainer.core.output_files import OutputFileError, output_file
from svctrainer.core.roles import Permission
from svctrainer.locations import branch_key_path
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.changes import NOTHING_SHOWN, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError
from svctrainer.store.database import Database


@dataclass(frozen=True, slots=True)
class BranchKeyInfo:
    fingerprint: str  # safe to show: compare it between workstations
    path: Path  # where this workstation keeps it


def workstation_key() -> BranchKey:
    """This workstation's branch key, created (0600) on first use."""
    return load_or_create_branch_key(branch_key_path())


def installed_key() -> BranchKey | None:
    """This workstation's branch key if it has one (checking a file creates none)."""
    return load_branch_key(branch_key_path())


@translate_store_errors
class BranchKeyService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _authorize(self, actor: Actor) -> None:
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)

    def info(self, actor: Actor) -> BranchKeyInfo:
        self._authorize(actor)
        return BranchKeyInfo(_key_or_refuse().fingerprint, branch_key_path())

    @writes(NOTHING_SHOWN)  # an audit entry only
    def export(self, actor: Actor, path: Path) -> BranchKeyInfo:
        """Write the key to ``path`` (0600; a regular file only) for another workstation."""
        self._authorize(actor)
        key = _key_or_refuse()
        try:
            with output_file(path) as out:
                out.text(encoding="ascii").write(key.to_text())
                out.finish_writing()
                with self._db.writing() as session:  # recorded before the file appears
                    authorize(session, actor, Permission.MANAGE_DATABASE)
                    audit.record(
                        session, actor, "branch_key.export", "branch_key", key.fingerprint,
                        path=str(Path(path).resolve()),
                    )  # fmt: skip
        except OutputFileError as exc:
            raise InvalidInputError("path", str(exc)) from None
        return BranchKeyInfo(key.fingerprint, Path(path))

    @writes(NOTHING_SHOWN)  # the key is a file on this workstation; the audit entry
    def install(self, actor: Actor, key_text: str, *, replace: bool = False) -> BranchKeyInfo:
        """Make ``key_text`` (an exported key) this workstation's branch key. A different
        key already here is replaced only with ``replace``, and kept aside."""
        self._authorize(actor)
        try:
            key = BranchKey.from_text(key_text)
            previous = _current_fingerprint()
            kept = save_branch_key(branch_key_path(), key, replace=replace)
        except BranchKeyError as exc:
            raise InvalidInputError("branch key", str(exc)) from None
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)
            audit.record(
                session, actor, "branch_key.install", "branch_key", key.fingerprint,
                previous=previous, previous_kept_at=str(kept) if kept else None,
            )  # fmt: skip
        return BranchKeyInfo(key.fingerprint, branch_key_path())


def _key_or_refuse() -> BranchKey:
    try:
        return workstation_key()
    except (BranchKeyError, OSError) as exc:
        raise InvalidInputError("branch key", str(exc)) from None


def _current_fingerprint() -> str | None:
    current = installed_key()
    return current.fingerprint if current else None
