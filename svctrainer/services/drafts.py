"""Checkpoints of attempts in progress, and what happens to them after a crash.

While a drill runs the GUI saves its event log every few seconds. If the app dies, the
next sign-in finds the checkpoint and the teller chooses: keep the attempt as it stood
at the last checkpoint (it is scored from those keystrokes, like any attempt), or
discard it. Either way the choice is the teller's, and a discard is audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from svctrainer.core.draft_codec import DRAFT_ENCODING, DraftError, pack_draft, unpack_draft
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.attempts import AttemptRecord, AttemptService
from svctrainer.services.changes import ATTEMPTS, NOTHING_SHOWN, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import NotFoundError, PermissionDeniedError
from svctrainer.store.database import Database
from svctrainer.store.models import AttemptDraft, ContentItem


@dataclass(frozen=True, slots=True)
class DraftRecord:
    id: uuid.UUID
    content_item_id: uuid.UUID
    title: str
    mode: str
    started_at: datetime
    saved_at: datetime
    event_count: int


@translate_store_errors
class DraftService:
    def __init__(self, db: Database, attempts: AttemptService) -> None:
        self._db = db
        self._attempts = attempts

    @writes(NOTHING_SHOWN)
    def save(
        self,
        actor: Actor,
        content_item_id: uuid.UUID,
        *,
        mode: Mode,
        seed: int,
        events: Sequence[KeyEvent],
        started_at: datetime,
        options: dict[str, Any] | None = None,
    ) -> uuid.UUID:
        """Replace the person's checkpoint with this one (one drill runs at a time)."""
        if actor.person_id is None:
            raise PermissionDeniedError("checkpoints belong to a signed-in person")
        data = pack_draft(dict(options or {}), list(events))
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            session.execute(delete(AttemptDraft).where(AttemptDraft.person_id == caller.person_id))
            draft = AttemptDraft(
                person_id=caller.person_id,
                content_item_id=content_item_id,
                mode=str(Mode(mode)),
                seed=seed,
                started_at=started_at.astimezone(UTC),
                updated_at=datetime.now(UTC),
                encoding=DRAFT_ENCODING,
                data=data,
            )
            session.add(draft)
            session.flush()
            return draft.id

    @writes(NOTHING_SHOWN)
    def clear(self, actor: Actor) -> None:
        """The run ended normally (its attempt is recorded) or was abandoned unstarted."""
        if actor.person_id is None:
            return
        with self._db.writing() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            session.execute(delete(AttemptDraft).where(AttemptDraft.person_id == caller.person_id))

    def mine(self, actor: Actor) -> list[DraftRecord]:
        if actor.person_id is None:
            return []
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            rows = session.execute(
                select(AttemptDraft, ContentItem.title)
                .join(ContentItem, ContentItem.id == AttemptDraft.content_item_id)
                .where(AttemptDraft.person_id == caller.person_id)
                .order_by(AttemptDraft.updated_at.desc())
            ).all()
            records = []
            for draft, title in rows:
                try:
                    _, events = unpack_draft(draft.data)
                except DraftError:
                    events = []
                records.append(
                    DraftRecord(
                        id=draft.id,
                        content_item_id=draft.content_item_id,
                        title=title,
                        mode=draft.mode,
                        started_at=draft.started_at,
                        saved_at=draft.updated_at,
                        event_count=len(events),
                    )
                )
            return records

    @writes(ATTEMPTS)
    def keep(self, actor: Actor, draft_id: uuid.UUID) -> AttemptRecord:
        """Record the checkpointed attempt as it stood at its last keystroke: its run never
        ended, so it is kept as *abandoned* (never graded, never counted)."""
        draft = self._own(actor, draft_id)
        try:
            options, events = unpack_draft(draft.data)
        except DraftError as exc:
            raise NotFoundError(f"the checkpoint cannot be read ({exc}); discard it") from None
        record = self._attempts.record_drill(
            actor,
            draft.content_item_id,
            mode=Mode(draft.mode),
            seed=draft.seed or 0,
            events=events,
            started_at=draft.started_at,
            options=options,
        )
        with self._db.writing() as session:
            session.execute(delete(AttemptDraft).where(AttemptDraft.id == draft_id))
            audit.record(
                session, actor, "attempt.recovered", "attempt", record.id, draft=str(draft_id)
            )
        return record

    @writes(NOTHING_SHOWN)
    def discard(self, actor: Actor, draft_id: uuid.UUID) -> None:
        self._own(actor, draft_id)
        with self._db.writing() as session:
            session.execute(delete(AttemptDraft).where(AttemptDraft.id == draft_id))
            audit.record(session, actor, "attempt.draft_discarded", "draft", draft_id)

    def _own(self, actor: Actor, draft_id: uuid.UUID) -> AttemptDraft:
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.PRACTISE)
            draft = session.get(AttemptDraft, draft_id)
            if draft is None:
                raise NotFoundError("no such checkpoint")
            if draft.person_id != caller.person_id:
                raise PermissionDeniedError("this checkpoint belongs to someone else")
            session.expunge(draft)
            return draft
