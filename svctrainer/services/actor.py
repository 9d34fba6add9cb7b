"""Who is acting: a person signed in to the GUI, the administration command line, or the
application itself (storing the content a release ships).

An ``Actor`` is only an identity. Roles are looked up afresh in every service call, so
an admin who removes a role takes it away at once, not at the next login.

What kind of actor it is never depends on its label: a label is text (a person's name
can be anything, "system:Eve" included), so the kind is its own field, and the system
actor exists once, made here.
"""

from __future__ import annotations

import getpass
import socket
import uuid
from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "person"
    COMMAND_LINE = "command_line"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Actor:
    person_id: uuid.UUID | None
    label: str
    """What the audit log shows: "Name (employee number)", "cli:osuser@host" or
    "system:what"."""
    kind: ActorKind = ActorKind.COMMAND_LINE

    def __post_init__(self) -> None:
        if (self.person_id is not None) != (self.kind is ActorKind.PERSON):
            raise ValueError("a person actor has a person id, and only a person actor does")

    @property
    def is_admin_tool(self) -> bool:
        """The CLI (and the application's own start-up work): whoever can open the
        database file or server may administer it."""
        return self.kind is not ActorKind.PERSON

    @property
    def is_system(self) -> bool:
        return self.kind is ActorKind.SYSTEM

    @classmethod
    def command_line(cls) -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(None, f"cli:{user}@{socket.gethostname()}", ActorKind.COMMAND_LINE)

    @classmethod
    def person(cls, person_id: uuid.UUID, name: str, employee_number: str) -> Actor:
        return cls(person_id, f"{name} ({employee_number})", ActorKind.PERSON)


SYSTEM_CONTENT = Actor(None, "system:bundled-content", ActorKind.SYSTEM)
"""The application storing the drills and scenarios its release ships."""
