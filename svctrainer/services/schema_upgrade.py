"""Who changes the schema: the app itself on a local SQLite file, only an administrator on
a shared server.

A SQLite file belongs to one workstation, so the app backs it up and migrates it at start,
as it always has. A PostgreSQL server is shared by every workstation of a branch: if the
first one to run a newer release migrated it, the others would lose the schema under
their feet, and two starting together would both run the same DDL. So on a server,
start-up only compares revisions and names who can fix a difference, and the schema
changes only through :func:`upgrade_database` (``svctrainer db upgrade``), run by the
role that owns the schema, serialised by an advisory lock, and audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from svctrainer import __version__
from svctrainer.services import audit
from svctrainer.services.actor import Actor
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import PermissionDeniedError, SchemaVersionError
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.errors import SchemaMismatchError
from svctrainer.store.migrate import (
    SchemaState,
    SchemaStatus,
    ensure_current,
    schema_change_refusal,
    schema_state,
    upgrade_server_serialised,
)
from svctrainer.store.migrations import HEAD_REVISION

UPGRADE_HINT = "ask your svctrainer administrator to run 'svctrainer db upgrade'"


@dataclass(frozen=True, slots=True)
class SchemaUpgrade:
    """What ``svctrainer db upgrade`` found and left: revisions before and after (None
    before: the database had no svctrainer schema yet)."""

    database: str
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def prepare_schema(db: Database) -> None:
    """At start: migrate a SQLite file (after a backup); check a server and never change it."""
    if db.is_sqlite:
        ensure_current(db)
        return
    state = schema_state(db)
    if state.status is SchemaStatus.CURRENT:
        return
    if state.status is SchemaStatus.UNVERSIONED:
        raise SchemaMismatchError(
            f"{db.label} holds tables but no svctrainer schema version; it is not an "
            "svctrainer database, or an upgrade was interrupted: ask your administrator"
        )
    raise _version_error(db.label, state)


def _version_error(label: str, state: SchemaState) -> SchemaVersionError:
    newer = state.status is SchemaStatus.TOO_NEW
    if state.status is SchemaStatus.EMPTY:
        message = (
            f"{label} has no svctrainer schema yet, and workstations never create or change "
            f"a server's schema: {UPGRADE_HINT}"
        )
    elif newer:
        message = (
            f"{label} is at schema {state.revision}, newer than this svctrainer "
            f"({__version__}, schema {HEAD_REVISION}) knows: ask your svctrainer "
            "administrator for the newer release for this workstation"
        )
    else:
        message = (
            f"{label} is at schema {state.revision}, older than this svctrainer "
            f"({__version__}) needs ({HEAD_REVISION}); workstations never change a "
            f"server's schema: {UPGRADE_HINT}"
        )
    return SchemaVersionError(
        message,
        database=label,
        server_revision=state.revision,
        supported_revision=HEAD_REVISION,
        server_is_newer=newer,
    )


@translate_store_errors
def upgrade_database(url: str, actor: Actor) -> SchemaUpgrade:
    """Bring the database at ``url`` to this release's schema (``svctrainer db upgrade``).

    Only the administration command line may: nobody can sign in to a server whose
    schema the workstations refuse, and whoever holds the migration role's credentials
    is the administrator. The role must own the schema; an application role (data access
    only) is refused before anything is locked or changed.
    """
    if not actor.is_admin_tool:
        raise PermissionDeniedError(
            "the schema is upgraded from the administration command line: svctrainer db upgrade"
        )
    db = Database(resolve_url(url))
    try:
        refusal = schema_change_refusal(db)
        if refusal is not None:
            raise PermissionDeniedError(
                f"{db.label}: {refusal}; 'svctrainer db upgrade' must connect as the "
                "migration role that owns the schema (see docs/DEPLOYMENT.md)"
            )

        def record(session: Session, before: SchemaState) -> None:
            # The server's own name for the role (it may come from PGUSER, not the URL).
            role = None if db.is_sqlite else session.scalar(text("SELECT current_user"))
            audit.record(
                session,
                actor,
                "database.upgrade",
                "schema",
                HEAD_REVISION,
                from_revision=before.revision,
                to_revision=HEAD_REVISION,
                release=__version__,
                database_role=role,
            )

        if db.is_sqlite:
            before = ensure_current(db)  # backs the file up first when it holds data
            if before.status is not SchemaStatus.CURRENT:
                with db.writing() as session:
                    record(session, before)
        else:
            before = upgrade_server_serialised(db, record)
        return SchemaUpgrade(db.label, before.revision, HEAD_REVISION)
    finally:
        db.dispose()
