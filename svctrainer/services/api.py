"""``Services``: the one object GUI and CLI hold to reach every service."""

from __future__ import annotations

from svctrainer.core.pin_hash import OWASP_COST, ScryptCost
from svctrainer.services.assignments import AssignmentService
from svctrainer.services.attempts import AttemptService
from svctrainer.services.audit import AuditService
from svctrainer.services.auth import AuthService
from svctrainer.services.branch_key import BranchKeyService
from svctrainer.services.branches import BranchService
from svctrainer.services.content import ContentService
from svctrainer.services.contests import ContestService
from svctrainer.services.database_admin import DatabaseAdminService
from svctrainer.services.drafts import DraftService
from svctrainer.services.error_boundary import store_errors_translated
from svctrainer.services.form_samples import FormSamples
from svctrainer.services.hand_count import HandCountService
from svctrainer.services.people import PeopleService
from svctrainer.services.progress import ProgressService
from svctrainer.services.queue_data import QueueDataService
from svctrainer.services.region_dashboard import RegionDashboardService
from svctrainer.services.reports import ReportService
from svctrainer.services.saved_attempts import SavedAttemptService
from svctrainer.services.schema_upgrade import prepare_schema
from svctrainer.services.service_standards import StandardsService
from svctrainer.services.settings import SettingsService
from svctrainer.services.sync import SyncService
from svctrainer.services.workstations import WorkstationService
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.health import probe_damage


class Services:
    """All services over one database.

    ``pin_cost`` exists so the test suite can hash PINs with a cheaper (still real)
    scrypt; the application never passes it. ``db`` is for the service layer and its
    tests: the GUI and the CLI reach the database only through the services (the layer
    test refuses ``.db`` in ``gui/`` and ``commands/``).
    """

    def __init__(self, db: Database, pin_cost: ScryptCost = OWASP_COST) -> None:
        self.db = db
        self.auth = AuthService(db, pin_cost)
        self.people = PeopleService(db, pin_cost)
        self.audit = AuditService(db)
        self.database = DatabaseAdminService(db)
        self.branch_key = BranchKeyService(db)
        self.content = ContentService(db)
        self.forms = FormSamples(db)
        self.attempts = AttemptService(db)
        self.drafts = DraftService(db, self.attempts)
        self.saved_attempts = SavedAttemptService(db, self.attempts)
        self.assignments = AssignmentService(db)
        self.hand_count = HandCountService(db)
        self.progress = ProgressService(db)
        self.settings = SettingsService(db)
        self.queue_data = QueueDataService(db)
        self.reports = ReportService(db, self.progress)
        self.standards = StandardsService(db)
        self.branches = BranchService(db)
        self.region = RegionDashboardService(db)
        self.contests = ContestService(db)
        self.sync = SyncService(db)
        self.workstations = WorkstationService(db)

    @classmethod
    def open(
        cls, url: str, *, pin_cost: ScryptCost = OWASP_COST, damaged_ok: bool = False
    ) -> Services:
        """Open the database at ``url``: a SQLite file is brought up to date (backed up
        first); a server must already be at this release's schema (``db upgrade``).

        A damaged SQLite file (store/damage.py) is refused with DatabaseCorruptError:
        nothing is written to it. ``damaged_ok`` opens it anyway, read-only, for what
        helps to recover (listing its backups). Raises a ``services.errors.DatabaseError``
        (not-a-database, too new, damaged…) when it cannot be used, ``SchemaVersionError``
        for a server at another schema."""
        with store_errors_translated():
            db = Database(resolve_url(url))
            try:
                if probe_damage(db) is not None:
                    if not damaged_ok:
                        raise db.damaged_error()
                else:
                    prepare_schema(db)
            except Exception:
                db.dispose()
                raise
        return cls(db, pin_cost)

    def close(self) -> None:
        self.db.dispose()
