"""Reports and exports: PDF per employee or team, the one-page branch summary, CSV of
attempts and of the dashboard, xAPI statements. One service for the GUI and the command line.

Every export needs ``EXPORT_REPORTS`` (trainers and supervisors; the command line) and
covers only people the caller sees (``access.visible_people``). Each one is audited as
``report.export``: who (the actor), what (format, subject, date range, rows or pages),
where (the file written and the workstation).

PDFs are drawn by Qt, which services may not import: the caller passes ``render``, a
function that writes the report data to a file and returns the page count
(``gui.charts.pdf_report.render_person_report`` / ``render_team_report``). The data
gathering, the role check and the audit entry stay here. Qt's PDF writer fails silently
(an unwritable path gives no file and no error), so a PDF is rendered beside its
destination and checked to be a PDF: a scheduled job never reports "wrote 18 pages" for a
file that is not there.

Every export is written to a private temporary file beside its destination
(``core.output_files``: only a regular file is ever replaced, a symbolic link never
followed); then its audit entry is committed; then the file is renamed into place. A
failure (or a crash) before the commit leaves no file; after it, an entry whose file is
missing, never a file nobody recorded.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from svctrainer import __version__
from svctrainer.core.output_files import OutputFile, OutputFileError
from svctrainer.core.report_csv import (
    CSV_ENCODING,
    cell,
    write_attempts_csv,
    write_csv,
    write_dashboard_csv,
)
from svctrainer.core.roles import Permission
from svctrainer.core.xapi.export import write_statements
from svctrainer.core.xapi.statements import attempt_statements
from svctrainer.core.xapi.vocabulary import XapiConfig
from svctrainer.services import audit
from svctrainer.services.access import (
    Caller,
    authorize,
    require_visible,
    team_name_in_branch,
    visible_people,
)
from svctrainer.services.actor import Actor
from svctrainer.services.changes import NOTHING_SHOWN, writes
from svctrainer.services.contests import ContestResults, ContestService, results_rows
from svctrainer.services.drill_families import skill_key
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import InvalidInputError, ServiceError
from svctrainer.services.export_rows import scenario_choices, stream_records
from svctrainer.services.progress import ProgressService
from svctrainer.services.progress_queries import EVERYTHING, person_refs
from svctrainer.services.progress_records import (
    BranchSummary,
    Dashboard,
    DateRange,
    PersonCustomerTime,
    PersonHeatmap,
    PersonProgress,
    PersonRef,
    ScenarioProgress,
    TeamCustomerTime,
)
from svctrainer.services.workstations import WORKSTATION
from svctrainer.store.database import Database
from svctrainer.store.models import Branch, Person, Team

DEFAULT_XAPI = XapiConfig(
    base_iri="https://svctrainer.invalid/xapi",
    account_home_page="https://svctrainer.invalid/employees",
    platform=f"svctrainer {__version__}",
)
MIN_KEY_WEEKS = 1


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str  # "csv" | "pdf" | "xapi"
    rows: int  # data rows, statements, or pages for a PDF


@dataclass(frozen=True)
class PersonReport:
    branch_name: str
    generated_at: datetime
    window: DateRange
    person: PersonRef
    drills: tuple[PersonProgress, ...]  # every drill and scenario practised in range
    heatmaps: tuple[PersonHeatmap, ...]  # drills with per-key statistics
    scenarios: tuple[ScenarioProgress, ...]
    customer_time: PersonCustomerTime


@dataclass(frozen=True)
class TeamReport:
    branch_name: str
    generated_at: datetime
    window: DateRange
    team_id: uuid.UUID | None  # None: everyone the caller sees
    team_name: str | None
    dashboards: tuple[Dashboard, ...]  # every drill someone in scope practised in range
    customer_time: TeamCustomerTime


@dataclass(frozen=True)
class BranchReport:
    """The one-page branch summary (the supervisor's landing view) on paper."""

    branch_name: str
    generated_at: datetime
    window: DateRange
    summary: BranchSummary


R = TypeVar("R", PersonReport, TeamReport, BranchReport)
Render = Callable[[R, Path], int]
PDF_MAGIC = b"%PDF-"


class ExportFailedError(ServiceError):
    """The export's file was not written (e.g. Qt could not open the PDF for writing)."""


@translate_store_errors
class ReportService:
    def __init__(self, db: Database, progress: ProgressService) -> None:
        self._db = db
        self._progress = progress

    # -- CSV --------------------------------------------------------------------------------

    @writes(NOTHING_SHOWN)
    def attempts_csv(
        self,
        actor: Actor,
        path: Path,
        *,
        person_id: uuid.UUID | None = None,
        team_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
    ) -> ExportResult:
        """Every attempt of the person, the team, or everyone in scope, oldest first."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            people, subject = _subject(session, caller, person_id, team_id)
            with _output(path) as out:
                rows = write_attempts_csv(
                    out.text(encoding=CSV_ENCODING, newline=""),
                    (record for record, _ in stream_records(session, people, window)),
                )
                return self._audited(
                    actor, out, "csv", "attempts", subject, window=window, rows=rows
                )

    @writes(NOTHING_SHOWN)
    def dashboard_csv(
        self,
        actor: Actor,
        path: Path,
        family_keys: Iterable[str] | None = None,
        *,
        team_id: uuid.UUID | None = None,
        person_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
        shown: Sequence[uuid.UUID] | None = None,
    ) -> ExportResult:
        """The dashboard table (one row per person and drill) for the drills given, or
        for every drill someone in scope practised; ``person_id``: that person's rows.
        ``shown``: the people a filtered, sorted table shows, in its order: exactly those
        rows are exported ("export what the table shows"), people without results too."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            _, subject = _subject(session, caller, person_id, team_id)
        dashboards = self._dashboards(actor, family_keys, team_id, window)
        if shown is not None:
            order = {pid: n for n, pid in enumerate(shown)}
            picked = [(order[e.person.id], e.row) for d in dashboards for e in d.entries
                      if e.person.id in order]  # fmt: skip
            rows = [row for _, row in sorted(picked, key=lambda p: p[0])]
        else:
            rows = [
                e.row
                for d in dashboards
                for e in d.entries
                if _has_data(e) and (person_id is None or e.person.id == person_id)
            ]
        with _output(path) as out:
            count = write_dashboard_csv(out.text(encoding=CSV_ENCODING, newline=""), rows)
            return self._audited(actor, out, "csv", "dashboard", subject, window=window, rows=count)

    # -- xAPI -------------------------------------------------------------------------------

    @writes(NOTHING_SHOWN)
    def xapi(
        self,
        actor: Actor,
        path: Path,
        config: XapiConfig = DEFAULT_XAPI,
        *,
        person_id: uuid.UUID | None = None,
        team_id: uuid.UUID | None = None,
        window: DateRange = EVERYTHING,
    ) -> ExportResult:
        """xAPI 1.0.3 statements for every attempt (and scenario decision) in scope, each
        validated before it is written (``core.xapi.export``)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            people, subject = _subject(session, caller, person_id, team_id)
            with _output(path) as out:
                count = write_statements(
                    out.text(encoding="utf-8", newline="\n"),
                    _statements(session, people, window, config),
                )
                return self._audited(
                    actor, out, "xapi", "statements", subject, window=window, rows=count
                )

    # -- PDF --------------------------------------------------------------------------------

    def person_report(
        self, actor: Actor, person_id: uuid.UUID, window: DateRange = EVERYTHING
    ) -> PersonReport:
        """Everything the person's PDF shows."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            person = require_visible(session, caller, person_id)
            branch = _branch_name(session, person.branch_id)
            ref = person_refs(session, select(Person.id).where(Person.id == person_id))[0]
        progress = self._progress
        families = [
            a.family for a in progress.activity(actor, person_id) if _active(a.last_at, window)
        ]
        drills = [progress.person_progress(actor, person_id, f.key, window) for f in families]
        drills = [d for d in drills if d.attempts]
        heatmaps = []
        for family in (f for f in families if not f.is_scenario):
            heat = progress.key_heatmap(actor, person_id, family.key, window)
            if len(heat.heatmap.weeks) >= MIN_KEY_WEEKS and heat.heatmap.keys:
                heatmaps.append(heat)
        scenarios = [
            progress.scenario_progress(actor, person_id, f.key, window)
            for f in families
            if f.is_scenario
        ]
        return PersonReport(
            branch_name=branch,
            generated_at=datetime.now(UTC),
            window=window,
            person=ref,
            drills=tuple(drills),
            heatmaps=tuple(heatmaps),
            scenarios=tuple(s for s in scenarios if s.tiers),
            customer_time=progress.person_customer_time(actor, person_id, window),
        )

    def team_report(
        self, actor: Actor, team_id: uuid.UUID | None, window: DateRange = EVERYTHING
    ) -> TeamReport:
        """Everything a team's PDF shows (``team_id`` None: everyone in scope)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            _subject(session, caller, None, team_id)  # the team must exist
            branch_id, team_name = caller.branch_id, None
            if team_id is not None:
                branch_id, team_name = session.execute(
                    select(Team.branch_id, Team.name).where(Team.id == team_id)
                ).one()
            branch = _branch_name(session, branch_id)
        dashboards = self._dashboards(actor, None, team_id, window)
        return TeamReport(
            branch_name=branch,
            generated_at=datetime.now(UTC),
            window=window,
            team_id=team_id,
            team_name=team_name,
            dashboards=tuple(dashboards),
            customer_time=self._progress.team_customer_time(actor, team_id, window),
        )

    def branch_report(self, actor: Actor, window: DateRange = EVERYTHING) -> BranchReport:
        """Everything the branch summary's PDF shows: every core skill of everyone the
        caller sees (``ProgressService.branch_summary``)."""
        with self._db.reading() as session:
            caller = authorize(session, actor, Permission.EXPORT_REPORTS)
            branch = _branch_name(session, caller.branch_id)
        return BranchReport(
            branch_name=branch,
            generated_at=datetime.now(UTC),
            window=window,
            summary=self._progress.branch_summary(actor, window=window),
        )

    @writes(NOTHING_SHOWN)
    def branch_summary_pdf(
        self,
        actor: Actor,
        path: Path,
        render: Render[BranchReport],
        window: DateRange = EVERYTHING,
    ) -> ExportResult:
        """Gather, render (one page) and audit the branch summary."""
        report = self.branch_report(actor, window)
        with _output(path) as out:
            return self.record_pdf(actor, out, report, render(report, out.temp))

    @writes(NOTHING_SHOWN)
    def person_pdf(
        self,
        actor: Actor,
        path: Path,
        person_id: uuid.UUID,
        render: Render[PersonReport],
        window: DateRange = EVERYTHING,
    ) -> ExportResult:
        """Gather, render (``render`` writes the file, returns pages) and audit."""
        report = self.person_report(actor, person_id, window)
        with _output(path) as out:
            return self.record_pdf(actor, out, report, render(report, out.temp))

    @writes(NOTHING_SHOWN)
    def team_pdf(
        self,
        actor: Actor,
        path: Path,
        team_id: uuid.UUID | None,
        render: Render[TeamReport],
        window: DateRange = EVERYTHING,
    ) -> ExportResult:
        report = self.team_report(actor, team_id, window)
        with _output(path) as out:
            return self.record_pdf(actor, out, report, render(report, out.temp))

    # -- contests ------------------------------------------------------------------------

    @writes(NOTHING_SHOWN)
    def contest_csv(self, actor: Actor, path: Path, name: str) -> ExportResult:
        """The results sheet of contest ``name`` as CSV: one row per contestant."""
        results = self._contest_results(actor, name)
        rows = results_rows(results)
        header = ["rank", "employee_number", "name", "team"]
        for drill in results.contest.drills:
            header += [f"{drill.content_id}:result", f"{drill.content_id}:points"]
        header += ["points", "team_rank", "team_mean_points", "team_customer_minutes_saved_a_day"]
        with _output(path) as out:
            count = write_csv(
                out.text(encoding=CSV_ENCODING, newline=""),
                header,
                ([cell(row[h]) for h in header] for row in rows),
            )
            return self._audited(
                actor, out, "csv", "contest results", f"contest:{results.contest.name}",
                window=EVERYTHING, rows=count,
            )  # fmt: skip

    @writes(NOTHING_SHOWN)
    def contest_pdf(
        self, actor: Actor, path: Path, name: str, render: Callable[[ContestResults, Path], int]
    ) -> ExportResult:
        """The results sheet and the certificates of contest ``name`` as one PDF
        (``render``: ``gui.charts.contest_pdf.render_contest_results``)."""
        results = self._contest_results(actor, name)
        with _output(path) as out:
            pages = render(results, out.temp)
            _require_pdf(out.temp, out.target)
            return self._audited(
                actor, out, "pdf", "contest results", f"contest:{results.contest.name}",
                window=EVERYTHING, rows=pages,
            )  # fmt: skip

    def _contest_results(self, actor: Actor, name: str) -> ContestResults:
        with self._db.reading() as session:
            authorize(session, actor, Permission.EXPORT_REPORTS)
        return ContestService(self._db).results(actor, name)

    @writes(NOTHING_SHOWN)
    def record_pdf(
        self,
        actor: Actor,
        rendered: OutputFile,
        report: PersonReport | TeamReport | BranchReport,
        pages: int,
    ) -> ExportResult:
        """Audit a PDF rendered into ``rendered.temp`` (by the GUI: data gathered off the
        GUI thread with ``person_report``/``team_report``/``branch_report``, drawn on it)
        and put it in place; ``ExportFailedError`` if what was rendered is not a PDF
        (nothing is left behind then)."""
        try:
            with self._db.reading() as session:
                authorize(session, actor, Permission.EXPORT_REPORTS)  # before looking at files
            _require_pdf(rendered.temp, rendered.target)
            if isinstance(report, PersonReport):
                what, subject = "person report", f"person:{report.person.employee_number}"
            elif isinstance(report, BranchReport):
                what, subject = "branch summary", "branch"
            else:
                what = "team report"
                subject = "branch" if report.team_name is None else f"team:{report.team_name}"
            return self._audited(
                actor, rendered, "pdf", what, subject, window=report.window, rows=pages
            )
        finally:
            rendered.discard()  # already renamed into place unless something failed

    # -- helpers ------------------------------------------------------------------------

    def _dashboards(
        self,
        actor: Actor,
        family_keys: Iterable[str] | None,
        team_id: uuid.UUID | None,
        window: DateRange,
    ) -> list[Dashboard]:
        # Done/overdue count ALL assignments, the same on every drill's rows: once.
        counts = self._progress.assignment_counts(actor)
        if family_keys is not None:
            return [
                self._progress.dashboard(actor, key, team_id=team_id, window=window, counts=counts)
                for key in family_keys
            ]
        families = self._progress.families(actor)
        keys = {f.key for f in families}
        skills = {k for k in (skill_key(f.key) for f in families) if k is not None and k in keys}
        practised = self._progress.practised(actor, team_id, window)
        boards = {}
        for family in families:
            if family.key in skills:
                continue  # a skill in several languages: see below
            if not practised.intersection(family.item_ids):
                continue  # nobody in scope tried it: no dashboard to compute
            board = self._progress.dashboard(
                actor, family.key, team_id=team_id, window=window, counts=counts
            )
            if any(_has_data(e) for e in board.entries):
                boards[family.key] = board
        # Where people worked on a skill in more than one language, the report compares
        # them on the skill family instead of one page per language.
        for skill in sorted(skills):
            members = [k for k in boards if skill_key(k) == skill]
            if len(members) > 1:
                first = members[0]
                boards[first] = self._progress.dashboard(
                    actor, skill, team_id=team_id, window=window, counts=counts
                )
                for other in members[1:]:
                    del boards[other]
        return list(boards.values())

    def _audited(
        self,
        actor: Actor,
        out: OutputFile,
        fmt: str,
        what: str,
        subject: str,
        *,
        window: DateRange,
        rows: int,
    ) -> ExportResult:
        """Commit the export's audit entry, then put its finished file in place."""
        out.finish_writing()
        with self._db.writing() as session:
            authorize(session, actor, Permission.EXPORT_REPORTS)
            audit.record(
                session,
                actor,
                "report.export",
                "report",
                subject,
                format=fmt,
                what=what,
                subject=subject,
                since=_iso(window.since),
                until=_iso(window.until),
                rows=rows,
                path=str(out.target.resolve()),
                workstation=WORKSTATION,
            )
        out.put_in_place()
        return ExportResult(out.target, fmt, rows)


def _subject(
    session: Session, caller: Caller, person_id: uuid.UUID | None, team_id: uuid.UUID | None
) -> tuple[Select[Any], str]:
    """The people an export covers and how the audit log names them."""
    people = select(Person.id).where(visible_people(caller))
    if person_id is not None:
        person = require_visible(session, caller, person_id)
        return people.where(Person.id == person_id), f"person:{person.employee_number}"
    if team_id is not None:
        name = team_name_in_branch(session, caller, team_id)
        return people.where(Person.team_id == team_id), f"team:{name}"
    return people, "everyone in scope"


def _statements(
    session: Session, people: Select[Any], window: DateRange, config: XapiConfig
) -> Iterator[dict[str, Any]]:
    for record, item in stream_records(session, people, window):
        choices = (
            scenario_choices(session, record.attempt_id, item) if item.kind == "scenario" else []
        )
        yield from attempt_statements(record, config, choices)


def _require_pdf(path: Path, shown: Path | None = None) -> None:
    """ExportFailedError unless ``path`` is a PDF (Qt's writer fails silently)."""
    try:
        with path.open("rb") as fh:
            ok = fh.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        ok = False
    if not ok:
        raise ExportFailedError(f"could not write the PDF {shown or path}")


def _has_data(entry: Any) -> bool:
    return entry.summary.progress.tests > 0 or entry.summary.stall.last_practice_at is not None


def _active(last_at: datetime, window: DateRange) -> bool:
    return window.since is None or last_at >= window.since


def _branch_name(session: Session, branch_id: uuid.UUID | None) -> str:
    name = session.scalar(select(Branch.name).where(Branch.id == branch_id)) if branch_id else None
    if name is None:  # the command line: the one branch of the database
        name = session.scalar(select(Branch.name).order_by(Branch.created_at).limit(1))
    return name or ""


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


@contextmanager
def _output(path: Path) -> Iterator[OutputFile]:
    """The export's temporary file; a name that cannot be written safely (a folder, a
    FIFO, a device, a symbolic link) is the caller's mistake, reported as such."""
    try:
        out = OutputFile(path)
    except OutputFileError as exc:
        raise InvalidInputError("path", str(exc)) from None
    try:
        yield out
    finally:
        out.discard()
