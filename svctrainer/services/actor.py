"""Who is acting: a person signed in to the GUI, or the administration command line.

An ``Actor`` is only an identity. Roles are looked up afresh in every service call, so
an admin who removes a role takes it away at once, not at the next login.
"""

from __future__ import annotations

import getpass
import socket
import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    person_id: uuid.UUID | None
    label: str
    """What the audit log shows: "Name (employee number)" or "cli:osuser@host"."""

    @property
    def is_admin_tool(self) -> bool:
        """The CLI: whoever can open the database file or server may administer it."""
        return self.person_id is None

    @classmethod
    def command_line(cls) -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(None, f"cli:{user}@{socket.gethostname()}")

    @classmethod
    def person(cls, person_id: uuid.UUID, name: str, employee_number: str) -> Actor:
        return cls(person_id, f"{name} ({employee_number})")
