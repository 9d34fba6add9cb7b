"""``Services``: the one object GUI and CLI hold to reach every service.

Each service is built, and its module imported, the first time it is used: a command
that lists people should not import the contest, progress and scenario code first (the
command line starts a new process for every command, and importing every service cost
about 0.4 s of CPU of each start). The window imports them all at once after it opened
the database (``load_all``), so a page never waits for an import.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from svctrainer.core.pin_hash import OWASP_COST, ScryptCost
from svctrainer.services.error_boundary import store_errors_translated
from svctrainer.services.schema_upgrade import prepare_schema
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.health import probe_damage

if TYPE_CHECKING:
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
    from svctrainer.services.form_samples import FormSamples
    from svctrainer.services.hand_count import HandCountService
    from svctrainer.services.people import PeopleService
    from svctrainer.services.progress import ProgressService
    from svctrainer.services.queue_data import QueueDataService
    from svctrainer.services.region_dashboard import RegionDashboardService
    from svctrainer.services.reports import ReportService
    from svctrainer.services.saved_attempts import SavedAttemptService
    from svctrainer.services.service_standards import StandardsService
    from svctrainer.services.settings import SettingsService
    from svctrainer.services.sync import SyncService
    from svctrainer.services.workstations import WorkstationService


SIGN_IN = ("database", "auth", "workstations")
"""The services the window's sign-in screen calls (``Services.load_sign_in``)."""


class Services:
    """All services over one database.

    ``pin_cost`` exists so the test suite can hash PINs with a cheaper (still real)
    scrypt; the application never passes it. ``db`` is for the service layer and its
    tests: the GUI and the CLI reach the database only through the services (the layer
    test refuses ``.db`` in ``gui/`` and ``commands/``).
    """

    def __init__(self, db: Database, pin_cost: ScryptCost = OWASP_COST) -> None:
        self.db = db
        self._pin_cost = pin_cost

    @classmethod
    def names(cls) -> list[str]:
        """The attribute name of every service, in the order they are declared."""
        return [name for name, value in vars(cls).items() if isinstance(value, cached_property)]

    def load_all(self) -> None:
        """Build every service now (importing its module): for the window, which opens
        the database off its pages' way, so that no page or sign-in waits for an import."""
        for name in self.names():
            getattr(self, name)

    def load_sign_in(self) -> None:
        """Build the services the sign-in screen uses (``SIGN_IN``): the window builds
        these with the database and the rest (``load_all``) once its sign-in list has
        been asked for, which does not wait for the drill, scenario and report modules
        (0.2-0.4 s of CPU on a new computer's ``gui --demo``)."""
        for name in SIGN_IN:
            getattr(self, name)

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

    # PLC0415 below: each import is the point of the property (see the module doc).

    @cached_property
    def auth(self) -> AuthService:
        from svctrainer.services.auth import AuthService  # noqa: PLC0415

        return AuthService(self.db, self._pin_cost)

    @cached_property
    def people(self) -> PeopleService:
        from svctrainer.services.people import PeopleService  # noqa: PLC0415

        return PeopleService(self.db, self._pin_cost)

    @cached_property
    def audit(self) -> AuditService:
        from svctrainer.services.audit import AuditService  # noqa: PLC0415

        return AuditService(self.db)

    @cached_property
    def database(self) -> DatabaseAdminService:
        from svctrainer.services.database_admin import DatabaseAdminService  # noqa: PLC0415

        return DatabaseAdminService(self.db)

    @cached_property
    def branch_key(self) -> BranchKeyService:
        from svctrainer.services.branch_key import BranchKeyService  # noqa: PLC0415

        return BranchKeyService(self.db)

    @cached_property
    def content(self) -> ContentService:
        from svctrainer.services.content import ContentService  # noqa: PLC0415

        return ContentService(self.db)

    @cached_property
    def forms(self) -> FormSamples:
        from svctrainer.services.form_samples import FormSamples  # noqa: PLC0415

        return FormSamples(self.db)

    @cached_property
    def attempts(self) -> AttemptService:
        from svctrainer.services.attempts import AttemptService  # noqa: PLC0415

        return AttemptService(self.db)

    @cached_property
    def drafts(self) -> DraftService:
        from svctrainer.services.drafts import DraftService  # noqa: PLC0415

        return DraftService(self.db, self.attempts)

    @cached_property
    def saved_attempts(self) -> SavedAttemptService:
        from svctrainer.services.saved_attempts import SavedAttemptService  # noqa: PLC0415

        return SavedAttemptService(self.db, self.attempts)

    @cached_property
    def assignments(self) -> AssignmentService:
        from svctrainer.services.assignments import AssignmentService  # noqa: PLC0415

        return AssignmentService(self.db)

    @cached_property
    def hand_count(self) -> HandCountService:
        from svctrainer.services.hand_count import HandCountService  # noqa: PLC0415

        return HandCountService(self.db)

    @cached_property
    def progress(self) -> ProgressService:
        from svctrainer.services.progress import ProgressService  # noqa: PLC0415

        return ProgressService(self.db)

    @cached_property
    def settings(self) -> SettingsService:
        from svctrainer.services.settings import SettingsService  # noqa: PLC0415

        return SettingsService(self.db)

    @cached_property
    def queue_data(self) -> QueueDataService:
        from svctrainer.services.queue_data import QueueDataService  # noqa: PLC0415

        return QueueDataService(self.db)

    @cached_property
    def reports(self) -> ReportService:
        from svctrainer.services.reports import ReportService  # noqa: PLC0415

        return ReportService(self.db, self.progress)

    @cached_property
    def standards(self) -> StandardsService:
        from svctrainer.services.service_standards import StandardsService  # noqa: PLC0415

        return StandardsService(self.db)

    @cached_property
    def branches(self) -> BranchService:
        from svctrainer.services.branches import BranchService  # noqa: PLC0415

        return BranchService(self.db)

    @cached_property
    def region(self) -> RegionDashboardService:
        from svctrainer.services.region_dashboard import RegionDashboardService  # noqa: PLC0415

        return RegionDashboardService(self.db)

    @cached_property
    def contests(self) -> ContestService:
        from svctrainer.services.contests import ContestService  # noqa: PLC0415

        return ContestService(self.db)

    @cached_property
    def sync(self) -> SyncService:
        from svctrainer.services.sync import SyncService  # noqa: PLC0415

        return SyncService(self.db)

    @cached_property
    def workstations(self) -> WorkstationService:
        from svctrainer.services.workstations import WorkstationService  # noqa: PLC0415

        return WorkstationService(self.db)
