"""Drill packs and scenarios in the database: import (new version by hash), list, load.

Content versions are immutable. Importing a file whose bytes are already stored changes
nothing; a changed file becomes version n+1 under the same content id, so every attempt
keeps pointing at exactly what it was taken on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select

from svctrainer.core.content_files import (
    STANDARDS,
    CheckedContent,
    check_content_bytes,
    check_content_file,
)
from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.core.packs.loader import content_hash
from svctrainer.core.problems import Problem, errors_only
from svctrainer.core.roles import Permission
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.standards.model import StandardSet
from svctrainer.locations import bundled_content_files
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import SYSTEM_CONTENT, Actor
from svctrainer.services.changes import CONTENT, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import NotFoundError
from svctrainer.store.database import Database
from svctrainer.store.models import ContentItem


@dataclass(frozen=True, slots=True)
class ContentRecord:
    id: uuid.UUID
    kind: str
    content_id: str
    version: int
    title: str
    drill_type: str | None
    language: str
    content_hash: str
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    label: str
    status: str  # "added" | "new_version" | "unchanged" | "rejected"
    record: ContentRecord | None
    problems: list[Problem]


def to_record(item: ContentItem) -> ContentRecord:
    return ContentRecord(
        item.id,
        item.kind,
        item.content_id,
        item.version,
        item.title,
        item.drill_type,
        item.language,
        item.content_hash,
        item.imported_at,
    )


LOGGED_SOURCE_SUFFIX = ".logged.json"
"""Source names of drills done outside the app whose results a trainer logs (hand
counting with practice notes): a JSON ``LoggedDrill``, not a pack; nothing to run, so
they stay out of ``latest`` (the practice catalogue) and ``parse_stored`` returns the
description instead of a ``DrillDefinition``."""
LOGGED_FORMAT = "svctrainer-logged-drill-1"


@dataclass(frozen=True, slots=True)
class LoggedDrill:
    drill_type: str
    title: str
    speed_unit: str
    language: str = "en"

    def to_json(self) -> str:
        return json.dumps(
            {"format": LOGGED_FORMAT, **asdict(self)}, ensure_ascii=False, sort_keys=True
        )

    @classmethod
    def from_json(cls, label: str, text: str) -> LoggedDrill:
        try:
            data = json.loads(text)
            if data.pop("format") != LOGGED_FORMAT:
                raise ValueError("unknown format")
            return cls(
                **{k: str(data[k]) for k in ("drill_type", "title", "speed_unit", "language")}
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise NotFoundError(
                f"stored content {label} is not a logged-drill description"
            ) from exc


StoredContent = DrillDefinition | Scenario | LoggedDrill
"""What a stored content version parses to: a drill pack, a scenario, or the description
of a drill that is logged rather than run (hand counts)."""


def _not_a_content_version(checked: CheckedContent) -> CheckedContent:
    """Service standards ship with the application: importing one is refused, saying why."""
    why = Problem(
        checked.label,
        0,
        0,
        "a service standards file ships with the application: content check validates it, "
        "content import does not store it",
    )
    return replace(checked, parsed=None, problems=[*checked.problems, why])


@lru_cache(maxsize=64)
def parse_stored(label: str, text: str) -> StoredContent:
    """Parse stored source text once per (hash-named) version; content is immutable."""
    if label.endswith(LOGGED_SOURCE_SUFFIX):
        return LoggedDrill.from_json(label, text)
    checked = check_content_bytes(label, text.encode("utf-8"), analyse=False)
    if not checked.ok or checked.parsed is None or isinstance(checked.parsed, StandardSet):
        problem = checked.problems[0] if checked.problems else "nothing could be read"
        raise NotFoundError(f"stored content {label} no longer validates: {problem}")
    return checked.parsed


@translate_store_errors
class ContentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- importing ---------------------------------------------------------------------

    @writes(CONTENT)
    def import_files(self, actor: Actor, paths: Sequence[Path]) -> list[ImportOutcome]:
        """All or nothing: if any file has an error, nothing is stored."""
        checked = [check_content_file(p) for p in paths]
        return self._store(actor, checked)

    @writes(CONTENT)
    def import_checked(
        self, actor: Actor, checked: Sequence[CheckedContent]
    ) -> list[ImportOutcome]:
        """Store what the GUI's import dialog checked and previewed. Only each item's
        label and text are taken from the caller: the text is checked again here, and
        what is stored (id, kind, title, hash) comes from that check, so a caller-built
        ``CheckedContent`` cannot pass off unchecked or relabelled content."""
        self._authorize_import(actor)  # before spending time on checks
        rechecked = [
            check_content_bytes(c.label, c.text.encode("utf-8"))
            if c.text is not None
            else c  # nothing to store: reported as it came
            for c in checked
        ]
        return self._store(actor, rechecked)

    @writes(CONTENT)
    def sync_bundled(self) -> list[ImportOutcome]:
        """Store the content shipped with this release (new versions after an update).

        Runs as the system, not as a person: shipped content needs no trainer's approval.
        A shipped file that fails validation is reported and skipped, never fatal.
        """
        files = bundled_content_files()
        # Most starts change nothing: skip parsing (90 ms a scenario) for bytes already stored.
        hashes = {p: content_hash(p.read_bytes()) for p in files}
        with self._db.reading() as session:
            stored = set(
                session.scalars(
                    select(ContentItem.content_hash).where(
                        ContentItem.content_hash.in_(list(hashes.values()))
                    )
                )
            )
        checked = [check_content_file(p) for p in files if hashes[p] not in stored]
        good = [c for c in checked if c.ok]
        outcomes = self._store(SYSTEM_CONTENT, good)
        rejected = [
            ImportOutcome(c.label, "rejected", None, c.problems) for c in checked if not c.ok
        ]
        return outcomes + rejected

    def _authorize_import(self, actor: Actor) -> None:
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_CONTENT)

    def _store(self, actor: Actor, checked: list[CheckedContent]) -> list[ImportOutcome]:
        checked = [_not_a_content_version(c) if c.kind == STANDARDS else c for c in checked]
        bad = [c for c in checked if not c.ok]
        if bad:
            return [
                ImportOutcome(c.label, "rejected" if not c.ok else "not_stored", None, c.problems)
                for c in checked
            ]
        outcomes: list[ImportOutcome] = []
        with self._db.writing() as session:
            authorize(session, actor, Permission.MANAGE_CONTENT)
            for c in checked:
                if c.content_id is None or c.text is None:  # .ok guarantees both
                    raise ValueError(f"{c.label}: checked content without id or text")
                existing = session.scalar(
                    select(ContentItem).where(
                        ContentItem.content_id == c.content_id,
                        ContentItem.content_hash == c.content_hash,
                    )
                )
                if existing is not None:
                    outcomes.append(
                        ImportOutcome(c.label, "unchanged", to_record(existing), c.problems)
                    )
                    continue
                latest = session.scalar(
                    select(func.max(ContentItem.version)).where(
                        ContentItem.content_id == c.content_id
                    )
                )
                item = ContentItem(
                    kind=c.kind,
                    content_id=c.content_id,
                    version=(latest or 0) + 1,
                    content_hash=c.content_hash,
                    title=c.title or c.content_id,
                    drill_type=c.drill_type,
                    language=c.language or "en",
                    source_name=Path(c.label).name[:260],
                    source_text=c.text,
                    imported_by=actor.label,
                )
                session.add(item)
                session.flush()
                status = "added" if latest is None else "new_version"
                audit.record(
                    session,
                    actor,
                    "content.import",
                    "content",
                    item.id,
                    content_id=item.content_id,
                    version=item.version,
                    hash=item.content_hash,
                    file=item.source_name,
                )
                outcomes.append(ImportOutcome(c.label, status, to_record(item), c.problems))
        return outcomes

    # -- reading -------------------------------------------------------------------------

    def latest(
        self, actor: Actor, kind: str | None = None, language: str | None = None
    ) -> list[ContentRecord]:
        """The newest version of each content id that can be taken in the app, by title
        (logged-only drills such as hand counting are left out)."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            newest = (
                select(ContentItem.content_id, func.max(ContentItem.version).label("v"))
                .group_by(ContentItem.content_id)
                .subquery()
            )
            query = select(ContentItem).join(
                newest,
                (ContentItem.content_id == newest.c.content_id)
                & (ContentItem.version == newest.c.v),
            )
            query = query.where(~ContentItem.source_name.endswith(LOGGED_SOURCE_SUFFIX))
            if kind:
                query = query.where(ContentItem.kind == kind)
            if language:
                query = query.where(ContentItem.language == language)
            return [to_record(i) for i in session.scalars(query.order_by(ContentItem.title))]

    def load(self, actor: Actor, content_item_id: uuid.UUID) -> tuple[ContentRecord, StoredContent]:
        """A version and its parsed definition (DrillDefinition or Scenario)."""
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            item = session.get(ContentItem, content_item_id)
            if item is None:
                raise NotFoundError("no such drill or scenario")
            record, name, text = to_record(item), item.source_name, item.source_text
        return record, parse_stored(f"{record.content_hash[:12]}/{name}", text)

    def versions(self, actor: Actor, content_id: str) -> list[ContentRecord]:
        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            items = session.scalars(
                select(ContentItem)
                .where(ContentItem.content_id == content_id)
                .order_by(ContentItem.version)
            )
            return [to_record(i) for i in items]


def problems_of(outcomes: Iterable[ImportOutcome]) -> list[Problem]:
    return [p for o in outcomes for p in errors_only(o.problems)]
