"""What every page needs once someone has signed in: services, the background worker,
who is signed in, the hub that runs writes and tells pages what changed, and the
navigator that takes the person to another page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from svctrainer.core.roles import Permission, permissions_of
from svctrainer.gui.background import Background
from svctrainer.gui.change_hub import ChangeHub
from svctrainer.gui.navigator import Navigator
from svctrainer.gui.settings import GuiSettings
from svctrainer.services.actor import Actor
from svctrainer.services.records import SignedIn

if TYPE_CHECKING:  # the login window must not wait for SQLAlchemy (~0.5 s) to import
    from svctrainer.services.api import Services


@dataclass(slots=True)
class AppContext:
    services: Services
    background: Background
    signed_in: SignedIn
    settings: GuiSettings
    hub: ChangeHub
    navigator: Navigator

    @property
    def actor(self) -> Actor:
        p = self.signed_in.person
        return Actor.person(p.id, p.name, p.employee_number)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.signed_in.person.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions
