"""Keeping ``progress_summary``, ``progress_test_edge`` and ``progress_recent`` equal to the
attempts they sum up (the last one: ``store.recent_attempts``).

Both tables are derived (see ``models.ProgressSummary``): a (person, content item) pair's
rows are a pure function of that pair's attempts. So instead of adjusting counters, which
an invalidation, a re-import or a shifted date would each need to get right, every
transaction that writes attempts recomputes the rows of the pairs it touched, from the
attempt table, just before it commits (``keep_current``): a few index range scans per
pair, inside the same transaction, so the summary can never disagree with the attempts
another reader sees.

Which pairs a transaction touched is noted from the session, whatever service wrote:

- ORM writes (``session.add(Attempt(...))``, a changed attribute such as
  ``invalidated_reason``, a deleted attempt): from the flushed objects and, for a moved
  attempt, their previous person and item;
- ``session.execute(insert(Attempt), rows)`` (the demo builder's bulk insert): from the
  rows; any other UPDATE or DELETE statement on ``attempt`` recomputes everything.

Writes that do not go through a session are covered where they happen: moving every
date of a SQLite file (``date_shift``) moves the summary's dates with the attempts'
(every ``UTCDateTime`` column), which keeps their order and so the summary; a restored
file brings its own summary, and a file from before the summary existed gets one from
migration 0008, whose backfill is ``rebuild`` written out.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Executable,
    and_,
    bindparam,
    case,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker
from sqlalchemy.orm import attributes as orm_attributes

from svctrainer.store import recent_attempts
from svctrainer.store.models import Attempt, ContentItem, ProgressSummary, ProgressTestEdge

EDGE_TESTS = 3  # first and last tests kept per pair (core.analytics.progress: 3 and 3)
SUMMARY_LOCK_CLASS = 0x5356_5053  # "SVPS": pg_advisory_xact_lock(class, person) keys
_NOTED = "svctrainer.progress_summary.pairs"
_EVERYTHING = "svctrainer.progress_summary.everything"

Pair = tuple[uuid.UUID, uuid.UUID]  # (person id, content item id)


def counted(a: Any = Attempt) -> ColumnElement[bool]:
    """Valid, complete and not invalidated: the filter of every figure."""
    return and_(a.valid.is_(True), a.completion == "complete", a.invalidated_reason.is_(None))


def headline_value(a: Any = Attempt, item: Any = ContentItem) -> Any:
    """The metric a gain is shown in by default: score for a scenario, speed for a drill."""
    return case((item.kind == "scenario", a.score), else_=a.speed)


def _summary_rows(where: ColumnElement[bool]) -> Any:
    a, item = Attempt, ContentItem
    is_test = a.mode == "test"
    value = headline_value(a, item)
    return (
        select(
            a.person_id,
            a.content_item_id,
            func.count(),
            func.sum(case((is_test, 1), else_=0)),
            func.sum(case((counted(a), 1), else_=0)),
            func.sum(case((and_(counted(a), is_test, value.is_not(None)), 1), else_=0)),
            func.max(case((counted(a), a.started_at), else_=None)),
        )
        .join(item, item.id == a.content_item_id)
        .where(where)
        .group_by(a.person_id, a.content_item_id)
    )


def _edge_rows(where: ColumnElement[bool]) -> Any:
    a, item = Attempt, ContentItem
    pair = (a.person_id, a.content_item_id)
    ranked = (
        select(
            a.person_id,
            a.content_item_id,
            a.id,
            a.started_at,
            a.speed,
            a.accuracy,
            a.score,
            func.row_number().over(partition_by=pair, order_by=(a.started_at, a.id)).label("up"),
            func.row_number()
            .over(partition_by=pair, order_by=(a.started_at.desc(), a.id.desc()))
            .label("down"),
        )
        .join(item, item.id == a.content_item_id)
        .where(where, a.mode == "test", counted(a), headline_value(a, item).is_not(None))
        .subquery("ranked")
    )
    r = ranked.c
    return select(
        r.person_id, r.content_item_id, r.id, r.started_at, r.speed, r.accuracy, r.score
    ).where(or_(r.up <= EDGE_TESTS, r.down <= EDGE_TESTS))


_SUMMARY_COLUMNS = (
    "person_id",
    "content_item_id",
    "attempts",
    "test_attempts",
    "counted",
    "tests",
    "last_counted_at",
)
_EDGE_COLUMNS = ("person_id", "content_item_id", "attempt_id", "started_at", "speed",
                 "accuracy", "score")  # fmt: skip


class _Statements:
    """The statements that recompute the summary, built once per process.

    A pair's recomputation runs for every transaction that writes attempts (every drill a
    teller finishes, every import, invalidation or sync), and building its five
    statements afresh each time (the ORM's expression coercions, the ranked subquery's
    column collections, then each statement's cache key) cost more CPU than compiling
    and running them, which the engine caches anyway. Built once, with the person and
    the items as bound parameters (an expanding one for the items), each run only binds
    its values: the same SQL text as before, so the same rows."""

    def __init__(self) -> None:
        person: BindParameter[uuid.UUID] = bindparam("person_id")
        items: BindParameter[list[uuid.UUID]] = bindparam("item_ids", expanding=True)

        def chosen(table: Any) -> ColumnElement[bool]:
            return and_(table.person_id == person, table.content_item_id.in_(items))

        self.pair: tuple[Executable, ...] = self._recompute(
            chosen(Attempt), chosen(ProgressSummary), chosen(ProgressTestEdge)
        )
        self.everything: tuple[Executable, ...] = self._recompute(true(), true(), true())
        self.lock = select(func.pg_advisory_xact_lock(SUMMARY_LOCK_CLASS, bindparam("key")))

    @staticmethod
    def _recompute(where: Any, summary_where: Any, edge_where: Any) -> tuple[Executable, ...]:
        return (
            delete(ProgressSummary).where(summary_where),
            delete(ProgressTestEdge).where(edge_where),
            insert(ProgressSummary).from_select(list(_SUMMARY_COLUMNS), _summary_rows(where)),
            insert(ProgressTestEdge).from_select(list(_EDGE_COLUMNS), _edge_rows(where)),
        )


@cache
def _statements() -> _Statements:
    """Built on the first write, not at import: the login window imports the store."""
    return _Statements()


def _recompute(
    target: Session | Connection,
    statements: tuple[Executable, ...],
    params: dict[str, Any] | None = None,
) -> None:
    conn = target.connection() if isinstance(target, Session) else target
    for statement in statements:
        conn.execute(statement, params)


def refresh(target: Session | Connection, pairs: Iterable[Pair]) -> None:
    """Recompute the summary of these (person, content item) pairs from their attempts."""
    by_person: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for person_id, item_id in pairs:
        by_person[person_id].add(item_id)
    conn = target.connection() if isinstance(target, Session) else target
    statements = _statements()
    if conn.dialect.name == "postgresql":
        # Two transactions writing one person's attempts at once (two workstations, a
        # supervisor invalidating while the person practises) would each delete the rows
        # the other had not committed yet and insert the same keys. Queued per person,
        # in one order (no deadlock), each recomputes after the other has committed: the
        # statements after the lock see its rows (READ COMMITTED).
        for person_id in sorted(by_person):
            key = int.from_bytes(person_id.bytes[:4], "big", signed=True)
            conn.execute(statements.lock, {"key": key})
    for person_id, items in sorted(by_person.items()):
        chosen = sorted(items)
        _recompute(target, statements.pair, {"person_id": person_id, "item_ids": chosen})
        recent_attempts.recompute(target, person_id, chosen)


def rebuild(conn: Session | Connection) -> None:
    """Recompute the whole summary (a bulk load, a repair)."""
    _recompute(conn, _statements().everything)
    recent_attempts.recompute(conn, None)


# -- noting what a transaction wrote -------------------------------------------------------


def keep_current(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` refresh the pairs it wrote before it commits."""
    event.listen(factory, "after_flush", _note_flushed)
    event.listen(factory, "do_orm_execute", _note_statement)
    event.listen(factory, "before_commit", _refresh_noted)
    event.listen(factory, "after_rollback", _forget)


def _noted(session: Session) -> set[Pair]:
    found: set[Pair] = session.info.setdefault(_NOTED, set())
    return found


def _note_flushed(session: Session, _flush: UOWTransaction) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(obj, Attempt):
            continue
        if obj.person_id is not None and obj.content_item_id is not None:
            _noted(session).add((obj.person_id, obj.content_item_id))
        people = orm_attributes.get_history(obj, "person_id").deleted or [obj.person_id]
        items = orm_attributes.get_history(obj, "content_item_id").deleted or [obj.content_item_id]
        _noted(session).update((p, i) for p in people for i in items if p and i)


def _note_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) != Attempt.__tablename__:
        return
    rows = state.parameters
    listed: list[Any] = list(rows) if isinstance(rows, list) else [rows] if rows else []
    pairs = [(r.get("person_id"), r.get("content_item_id")) for r in listed]
    if state.is_insert and listed and all(p and i for p, i in pairs):
        _noted(state.session).update((p, i) for p, i in pairs if p and i)
    else:  # a statement whose rows cannot be told from its parameters
        state.session.info[_EVERYTHING] = True


def _refresh_noted(session: Session) -> None:
    session.flush()  # the last changes note their pairs too
    everything = session.info.pop(_EVERYTHING, False)
    pairs = session.info.pop(_NOTED, set())
    if everything:
        rebuild(session)
    elif pairs:
        refresh(session, pairs)


def _forget(session: Session) -> None:
    session.info.pop(_NOTED, None)
    session.info.pop(_EVERYTHING, None)
