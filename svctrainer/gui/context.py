"""What every page needs once someone has signed in: services, the background worker,
who is signed in, and a hub that tells pages when data they show has changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from svctrainer.core.roles import Permission, permissions_of
from svctrainer.gui.background import Background
from svctrainer.gui.settings import GuiSettings
from svctrainer.services.actor import Actor
from svctrainer.services.records import SignedIn

if TYPE_CHECKING:  # the login window must not wait for SQLAlchemy (~0.5 s) to import
    from svctrainer.services.api import Services


class ChangeHub(QObject):
    """Pages redraw on these instead of reaching into each other."""

    people_changed = Signal()
    attempts_changed = Signal()
    content_changed = Signal()
    assignments_changed = Signal()
    settings_changed = Signal()


@dataclass(slots=True)
class AppContext:
    services: Services
    background: Background
    signed_in: SignedIn
    settings: GuiSettings
    changes: ChangeHub

    @property
    def actor(self) -> Actor:
        p = self.signed_in.person
        return Actor.person(p.id, p.name, p.employee_number)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.signed_in.person.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions
