"""``Services``: the one object GUI and CLI hold to reach every service."""

from __future__ import annotations

from svctrainer.core.pin_hash import OWASP_COST, ScryptCost
from svctrainer.services.assignments import AssignmentService
from svctrainer.services.attempts import AttemptService
from svctrainer.services.audit import AuditService
from svctrainer.services.auth import AuthService
from svctrainer.services.content import ContentService
from svctrainer.services.database_admin import DatabaseAdminService
from svctrainer.services.drafts import DraftService
from svctrainer.services.hand_count import HandCountService
from svctrainer.services.people import PeopleService
from svctrainer.services.progress import ProgressService
from svctrainer.services.reports import ReportService
from svctrainer.services.saved_attempts import SavedAttemptService
from svctrainer.services.settings import SettingsService
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import ensure_current


class Services:
    """All services over one database.

    ``pin_cost`` exists so the test suite can hash PINs with a cheaper (still real)
    scrypt; the application never passes it.
    """

    def __init__(self, db: Database, pin_cost: ScryptCost = OWASP_COST) -> None:
        self.db = db
        self.auth = AuthService(db, pin_cost)
        self.people = PeopleService(db, pin_cost)
        self.audit = AuditService(db)
        self.database = DatabaseAdminService(db)
        self.content = ContentService(db)
        self.attempts = AttemptService(db)
        self.drafts = DraftService(db, self.attempts)
        self.saved_attempts = SavedAttemptService(db, self.attempts)
        self.assignments = AssignmentService(db)
        self.hand_count = HandCountService(db)
        self.progress = ProgressService(db)
        self.settings = SettingsService(db)
        self.reports = ReportService(db, self.progress)

    @classmethod
    def open(cls, url: str, *, pin_cost: ScryptCost = OWASP_COST) -> Services:
        """Open the database at ``url`` and bring its schema up to date (backing up first)."""
        db = Database(resolve_url(url))
        try:
            ensure_current(db)
        except Exception:
            db.dispose()
            raise
        return cls(db, pin_cost)

    def close(self) -> None:
        self.db.dispose()
