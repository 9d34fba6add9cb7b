"""The one place pages learn that data they show has changed.

A page writes through the hub; the hub runs the service call on the database worker,
hands the result to the page, then broadcasts what the call changed
(``services.changes.Changes``) together with the page that started it::

    ctx.hub.write(self, services.people.set_active, actor, person.id, False).then(
        self._saved
    ).run()

Other pages subscribe to the areas they show and reload when a change touches them;
the page that made the change skips its own broadcast (its ``then`` already shows the
outcome)::

    ctx.hub.subscribe(self, PEOPLE | TEAMS, self.refresh)

Work that saves outside ``write`` (a drill session retrying its save, a dialog of its
own) announces what it changed with ``ctx.hub.publish(ATTEMPTS, initiator=self)``.

This is Anki's ``CollectionOp`` + ``operation_did_execute(changes, handler)`` adapted:
the change record is declared on the service method (``@writes``) rather than returned.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, ParamSpec, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from svctrainer.gui.background import Background
from svctrainer.gui.messages import show_error
from svctrainer.services.changes import Changes, changes_of

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


class ChangeHub(QObject):
    """Broadcasts ``(changes, initiator)`` after every write; one per window."""

    changed = Signal(object, object)
    """(Changes, the QObject that started the write or None), after the subscribers."""
    appearance_changed = Signal()
    """The workstation's look changed (theme, font size): charts redraw. Not data."""

    def __init__(self, background: Background, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._subscriptions: dict[int, _Subscription] = {}
        self._tokens = itertools.count()

    def write(
        self,
        initiator: QObject | None,
        method: Callable[P, T],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Write[T]:
        """A service write (a method marked ``@writes``) ready to run in the background;
        chain ``.then(…)`` / ``.failing(…)``, then call ``.run()``."""
        changes = changes_of(method)  # refuses an unmarked method before anything runs
        return Write(self._background, self, initiator, lambda: method(*args, **kwargs), changes)

    def publish(self, changes: Changes, initiator: QObject | None = None) -> None:
        """Tell every page what changed (and who changed it). A write that ends after its
        window closed has nobody left to tell."""
        if changes.areas and shiboken6.isValid(self):
            log.debug("changed: %s (by %r)", ", ".join(changes.areas), initiator)
            self._deliver(changes, initiator)
            self.changed.emit(changes, initiator)

    def subscribe(self, receiver: QObject, concerns: Changes, refresh: Callable[[], Any]) -> None:
        """Call ``refresh()`` whenever a change touches ``concerns``, except the changes
        ``receiver`` itself started. The subscription ends when ``receiver`` is deleted."""
        token = next(self._tokens)
        self._subscriptions[token] = _Subscription(receiver, concerns, refresh)
        # Dropped when the receiver goes, so the hub never holds a page past its life and
        # no Python reference cycle ties Qt objects together (a cycle is freed by the
        # garbage collector, which may run on the database worker: Qt objects must die
        # on the GUI thread).
        receiver.destroyed.connect(partial(self._subscriptions.pop, token, None))

    def forget_within(self, roots: Sequence[QObject]) -> None:
        """End the subscriptions of ``roots`` and of everything they hold, now: the
        window takes a signed-out session's pages apart over several turns, and a page
        half taken apart must not reload meanwhile."""
        gone = set(map(id, roots))

        def within(receiver: QObject | None) -> bool:
            while receiver is not None:
                if id(receiver) in gone:
                    return True
                receiver = receiver.parent()
            return False

        for token, subscription in list(self._subscriptions.items()):
            if within(subscription.receiver):
                del self._subscriptions[token]

    def _deliver(self, changes: Changes, initiator: object) -> None:
        for subscription in list(self._subscriptions.values()):
            if initiator is subscription.receiver or not changes.touches(subscription.concerns):
                continue
            subscription.refresh()


class Write(Generic[T]):
    """One service write: run on the database worker, result to ``then`` on the GUI
    thread, then the broadcast. A failure goes to ``failing`` (by default a message box
    over the initiator) and broadcasts nothing: a failed write changed nothing."""

    def __init__(
        self,
        background: Background,
        hub: ChangeHub,
        initiator: QObject | None,
        call: Callable[[], T],
        changes: Changes,
    ) -> None:
        self._background = background
        self._hub = hub
        self._initiator = initiator
        self._call = call
        self.changes = changes
        self._on_done: Callable[[T], Any] = lambda _result: None
        self._on_error: Callable[[Exception], Any] = self._show_error

    def then(self, on_done: Callable[[T], Any]) -> Write[T]:
        self._on_done = on_done
        return self

    def failing(self, on_error: Callable[[Exception], Any]) -> Write[T]:
        self._on_error = on_error
        return self

    def run(self) -> None:
        self._background.run(self._call, self._done, self._on_error)

    def _done(self, result: T) -> None:
        try:
            self._on_done(result)
        finally:  # even when the initiator was closed meanwhile, the others must hear
            self._hub.publish(self.changes, self._initiator)

    def _show_error(self, exc: Exception) -> None:
        parent = self._initiator if isinstance(self._initiator, QWidget) else None
        show_error(parent, exc)


@dataclass(frozen=True, slots=True)
class _Subscription:
    receiver: QObject
    concerns: Changes
    refresh: Callable[[], Any]
