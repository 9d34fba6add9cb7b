"""``svctrainer report`` and ``svctrainer export xapi``: reports for scheduled jobs.

``svctrainer report branch-summary -o FILE.pdf`` writes the supervisor's landing view on
one page; ``--person``/``--team`` with ``--format`` the employee's or team's report.

Dates are local calendar days, both included (``--to 2026-03-31`` covers all of the
31st). A wrong argument (a date that is not one, ``--from`` after ``--to``, an unknown
employee number or team, an output path in a folder that does not exist or that is a
folder) is a one-line usage error and exit 2, like argparse's own, before anything is
written. A PDF needs Qt: the command creates an offscreen application for itself when
there is no display, so a cron job on a server needs no X.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from svctrainer.commands.exit_codes import USAGE_ERROR
from svctrainer.commands.runner import BRANCH_HINT
from svctrainer.commands.session import open_services
from svctrainer.core.output_files import OutputFileError, check_output_file
from svctrainer.services.actor import Actor
from svctrainer.services.errors import AmbiguousEmployeeNumberError, NotFoundError

if TYPE_CHECKING:
    from svctrainer.services.api import Services
    from svctrainer.services.progress_records import DateRange


class UsageError(Exception):
    """A wrong argument: reported on one line with exit 2 (``USAGE_ERROR``)."""


def report(args: argparse.Namespace) -> int:
    try:
        return _report(args)
    except UsageError as exc:
        return _usage("report", exc)


def xapi(args: argparse.Namespace) -> int:
    try:
        return _xapi(args)
    except UsageError as exc:
        return _usage("export xapi", exc)


def _usage(command: str, exc: UsageError) -> int:
    sys.stderr.write(f"svctrainer {command}: error: {exc} (see 'svctrainer {command} --help')\n")
    return USAGE_ERROR


def _report(args: argparse.Namespace) -> int:
    _check_subject(args)
    window = _window(args.date_from, args.date_to)
    output = _output(args.output)
    services = open_services(args)
    cli = Actor.command_line()
    try:
        reports = services.reports
        if args.summary == "branch-summary":
            render = _renderer("branch", args.lang)
            result = reports.branch_summary_pdf(cli, output, render, window)
        elif args.person:
            person_id = _person(services, cli, args.person, args.branch)
            if args.format == "pdf":
                render = _renderer("person", args.lang)
                result = reports.person_pdf(cli, output, person_id, render, window)
            elif (args.rows or "attempts") == "attempts":
                result = reports.attempts_csv(cli, output, person_id=person_id, window=window)
            else:
                result = reports.dashboard_csv(cli, output, person_id=person_id, window=window)
        else:
            team_id = _team(services, cli, args.team)
            if args.format == "pdf":
                render = _renderer("team", args.lang)
                result = reports.team_pdf(cli, output, team_id, render, window)
            elif (args.rows or "summary") == "attempts":
                result = reports.attempts_csv(cli, output, team_id=team_id, window=window)
            else:
                result = reports.dashboard_csv(cli, output, team_id=team_id, window=window)
    finally:
        services.close()
    unit = "page(s)" if result.format == "pdf" else "row(s)"
    print(f"wrote {result.path}: {result.rows} {unit}")
    return 0


def _check_subject(args: argparse.Namespace) -> None:
    """What to report on: the branch summary (a PDF), or --person/--team with --format."""
    if args.summary == "branch-summary":
        if args.person or args.team or args.rows:
            raise UsageError("branch-summary covers everyone: no --person, --team or --rows")
        if args.format not in (None, "pdf"):
            raise UsageError("branch-summary is a PDF: --format pdf, or no --format")
        return
    if not (args.person or args.team):
        raise UsageError("one of the arguments --person --team is required (or branch-summary)")
    if args.format is None:
        raise UsageError("the following arguments are required: --format")


def _xapi(args: argparse.Namespace) -> int:
    from svctrainer.core.xapi.vocabulary import XapiConfig  # noqa: PLC0415
    from svctrainer.services.reports import DEFAULT_XAPI  # noqa: PLC0415

    window = _window(args.date_from, args.date_to)
    output = _output(args.output)
    try:
        config = XapiConfig(
            base_iri=args.base_iri or DEFAULT_XAPI.base_iri,
            account_home_page=args.home_page or DEFAULT_XAPI.account_home_page,
            platform=DEFAULT_XAPI.platform,
            include_names=args.names,
        )
    except ValueError as exc:
        raise UsageError(f"--base-iri/--home-page: {exc}") from None
    services = open_services(args)
    try:
        result = services.reports.xapi(Actor.command_line(), output, config, window=window)
    finally:
        services.close()
    print(f"wrote {result.path}: {result.rows} statement(s)")
    if config.base_iri == DEFAULT_XAPI.base_iri:
        sys.stderr.write(
            "svctrainer: note: statements use the placeholder IRI "
            f"{DEFAULT_XAPI.base_iri}; pass --base-iri and --home-page for your LMS\n"
        )
    return 0


def _window(since: str | None, until: str | None) -> DateRange:
    from svctrainer.services.progress_records import DateRange  # noqa: PLC0415

    start = _day(since, "--from") if since else None
    end = _day(until, "--to") if until else None
    if start and end and end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    return DateRange.local_days(start, end)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _output(text: str) -> Path:
    """``-o FILE``: a file (new, or a regular file to replace) in a folder that exists;
    never a FIFO, a device or a symbolic link."""
    path = Path(text)
    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"-o: {text} is a folder; give a file name")
    try:
        return check_output_file(path)
    except OutputFileError as exc:
        raise UsageError(f"-o: {exc}") from None


def _person(services: Services, cli: Actor, number: str, branch: str | None) -> uuid.UUID:
    try:
        return services.people.find_by_employee_number(cli, number, branch).id
    except AmbiguousEmployeeNumberError as exc:
        raise UsageError(f"--person: {exc}{BRANCH_HINT}") from None
    except NotFoundError as exc:
        raise UsageError(f"--person: {exc}") from None


def _team(services: Any, cli: Actor, name: str) -> Any:
    found = [t for t in services.people.list_teams(cli) if t.name == name]
    if len(found) != 1:
        raise UsageError(
            f"--team: no team called {name!r}" if not found else f"--team: several teams {name!r}"
        )
    return found[0].id


def _renderer(kind: str, language: str | None) -> Any:
    """The PDF renderer of a person's or a team's report, or of the branch summary."""
    return _renderer_for(kind, language)


def _renderer_for(kind: str, language: str | None = None) -> Any:
    """The PDF renderer of ``kind`` ("person", "team", "branch", "contest"), with the
    QApplication it needs (offscreen without a display) speaking ``language`` (``--lang``:
    "en", "zh_CN" or "system"; None: the language set in the GUI's preferences, as the
    person at this workstation reads the screens), so that a Chinese branch's results
    sheet and certificates are in Chinese."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    # Qt's notes about the offscreen platform belong in the log file, not in a cron mail.
    qt_log = logging.getLogger("svctrainer.qt")
    qInstallMessageHandler(lambda _mode, _context, message: qt_log.debug("%s", message))
    global _app  # noqa: PLW0603 - one application for the life of the command
    if QApplication.instance() is None:
        _app = QApplication(["svctrainer"])
    app = QApplication.instance()
    if isinstance(app, QApplication) and not _translators:
        from svctrainer.gui.language import install_translators  # noqa: PLC0415
        from svctrainer.gui.settings import load_settings  # noqa: PLC0415

        _translators.extend(install_translators(app, language or load_settings().language))
    if kind == "contest":
        from svctrainer.gui.charts import contest_pdf  # noqa: PLC0415

        return contest_pdf.render_contest_results
    from svctrainer.gui.charts import pdf_report  # noqa: PLC0415

    renderers: dict[str, Any] = {
        "person": pdf_report.render_person_report,
        "team": pdf_report.render_team_report,
        "branch": pdf_report.render_branch_summary,
    }
    return renderers[kind]


_app: Any = None
_translators: list[Any] = []
"""The installed catalogues: kept alive as long as the application."""
