"""Command-line parsing for ``svctrainer``; each command lives in :mod:`svctrainer.commands`.

Heavy imports (Qt, SQLAlchemy) happen inside the commands, so ``--version`` and
``--help`` answer instantly and a usage error never costs a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from svctrainer import __version__
from svctrainer.commands.exit_codes import USAGE_ERROR


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit 2 (never a traceback).

    A command's options and actions are added when that command is parsed or its help
    shown (``fill_later``), not when the parser is built: a command line names one
    command, and adding every command's options first cost about 25 ms of CPU of each
    run (some 60 parsers and 200 options; each parser asks gettext for its texts). The
    top-level ``--help`` lists only the commands' names and help texts, which are given
    at once."""

    _fill: Callable[[OneLineParser], None] | None = None

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(USAGE_ERROR)

    def fill_later(self, fill: Callable[[OneLineParser], None] | None) -> None:
        """Add this command's options with ``fill`` when it is first used."""
        self._fill = fill

    def filled(self) -> OneLineParser:
        """This parser with its options added (once)."""
        fill, self._fill = self._fill, None
        if fill is not None:
            fill(self)
        return self

    # argparse hands the rest of a command line to the chosen command's parser through
    # parse_known_args; help and usage are formatted from the options, so they fill too.
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        return super(OneLineParser, self.filled()).parse_known_args(args, namespace)

    def format_usage(self) -> str:
        return super(OneLineParser, self.filled()).format_usage()

    def format_help(self) -> str:
        return super(OneLineParser, self.filled()).format_help()


def _add_db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after any subcommand: the sub-parsers' copy must not overwrite a
    # value given earlier, hence SUPPRESS as their default.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None if top else argparse.SUPPRESS,
        help="database URL or SQLite file (default: $SVCTRAINER_DB, else the SQLite file "
        "in your user data folder)",
    )


Handler = Callable[[argparse.Namespace], int]


if TYPE_CHECKING:  # argparse's class is generic only in typeshed, not at run time
    Subparsers = argparse._SubParsersAction[OneLineParser]


def _count(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number in [low, high] (a huge one is a usage error, not
    an overflow deep in the database driver)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low} and {high}")
        return value

    return parse


def _command(
    subparsers: Subparsers,
    name: str,
    help_text: str,
    handler: str,
    fill: Callable[[OneLineParser], None] | None = None,
) -> OneLineParser:
    """A command (or an action of one) running ``handler``; ``fill``, when given, adds
    its options when the command is used (see ``OneLineParser``)."""
    parser: OneLineParser = subparsers.add_parser(name, help=help_text, description=help_text)
    _add_db_option(parser, top=False)
    parser.set_defaults(handler=handler)
    parser.fill_later(fill)
    return parser


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="svctrainer",
        description="Bank teller training: timed basic-skills drills and customer-psychology "
        "scenarios. With no command, opens the application window.",
    )
    parser.add_argument("--version", action="version", version=f"svctrainer {__version__}")
    _add_db_option(parser, top=True)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=OneLineParser)
    for add in (
        _app_commands,
        _database_commands,
        _people_commands,
        _branch_commands,
        _content_commands,
        _branch_key_commands,
        _sync_commands,
        _workstation_commands,
        _scenario_commands,
        _report_commands,
        _queue_commands,
        _contest_commands,
    ):
        add(sub)
    return parser


def _group(
    sub: Subparsers, name: str, help_text: str, add_actions: Callable[[Subparsers], None]
) -> None:
    """A command of several actions, which ``add_actions`` adds when it is used."""

    def fill(group: OneLineParser) -> None:
        add_actions(
            group.add_subparsers(
                title="actions", metavar="ACTION", parser_class=OneLineParser, required=True
            )
        )

    _command(sub, name, help_text, "", fill)


def _app_commands(sub: Subparsers) -> None:
    _command(sub, "gui", "open the application window", "gui:run", _gui_options)
    _command(
        sub,
        "demo",
        "fill the database with a demo branch and six months of history",
        "demo:run",
        _demo_options,
    )
    _command(
        sub, "words", "amounts in words (answer keys for trainers)", "words:run", _words_options
    )
    _command(sub, "audit", "show the audit log", "audit:show", _audit_options)


def _gui_options(gui: OneLineParser) -> None:
    gui.add_argument("--demo", action="store_true", help="open on a throw-away demo database")


def _demo_options(demo: OneLineParser) -> None:
    demo.add_argument(
        "--region",
        action="store_true",
        help="also two more branches and a region of the three, with a regional supervisor",
    )


def _words_options(words: OneLineParser) -> None:
    words.add_argument("amount", nargs="?", metavar="AMOUNT", help="e.g. 1409.50")
    words.add_argument("--lang", choices=("zh", "en"), default="zh")
    words.add_argument("--parse", metavar="TEXT", help="read words back into an amount")


def _audit_options(audit: OneLineParser) -> None:
    audit.add_argument(
        "--limit", type=_count(1, 100_000), default=50, help="entries to show (1-100000)"
    )
    audit.add_argument("--json", action="store_true")


def _database_commands(sub: Subparsers) -> None:
    _group(sub, "db", "check, upgrade, back up or restore the database", _db_actions)


def _db_actions(db: Subparsers) -> None:
    check = _command(
        db, "check", "check integrity and schema version (read-only)", "database:check"
    )
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    backup = _command(db, "backup", "back up the SQLite database now", "database:backup")
    backup.add_argument("-o", "--output", metavar="FILE", help="write the backup here instead")
    _command(db, "backups", "list the backups kept beside the database", "database:list_backups")
    _command(
        db,
        "upgrade",
        "bring the database to this release's schema (a server: as its migration role)",
        "database:upgrade",
    )
    restore = _command(db, "restore", "replace the database with a backup", "database:restore")
    restore.add_argument("backup", metavar="BACKUP", help="backup file to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _people_commands(sub: Subparsers) -> None:
    _group(sub, "person", "list and manage people", _person_actions)
    _group(sub, "team", "list and add teams", _team_actions)


def _person_actions(person: Subparsers) -> None:
    plist = _command(person, "list", "list people", "people:list_people")
    plist.add_argument("--json", action="store_true")
    _add_branch_option(plist, "only this branch's people (default: every branch's)")
    padd = _command(person, "add", "add a person", "people:add")
    padd.add_argument("--name", required=True)
    padd.add_argument("--number", required=True, help="employee number")
    padd.add_argument(
        "--roles",
        required=True,
        help="comma-separated: teller,trainer,supervisor,admin,regional_supervisor",
    )
    padd.add_argument("--team", help="team name")
    padd.add_argument("--pin", help="PIN (asked for when omitted)")
    _add_branch_option(padd, "the person's branch, on a server shared by several branches")
    proles = _command(person, "set-roles", "replace a person's roles", "people:set_roles")
    proles.add_argument("number", help="employee number")
    proles.add_argument("roles", help="comma-separated roles")
    _add_branch_option(proles)
    preset = _command(person, "reset-pin", "set a new PIN and lift any lockout", "people:reset_pin")
    preset.add_argument("number", help="employee number")
    preset.add_argument("--pin", help="new PIN (asked for when omitted)")
    _add_branch_option(preset)
    policy = _command(
        person, "pin-policy", "show or set how many digits a PIN must have", "people:pin_policy"
    )
    policy.add_argument(
        "--min-digits", type=_count(4, 12), metavar="N", help="require N digits (4-12) from now on"
    )
    _add_branch_option(
        policy, "the branch whose policy it is (default: the server-wide one, or the only branch)"
    )
    for name, active in (("deactivate", False), ("activate", True)):
        p = _command(person, name, f"{name} a profile (results are kept)", "people:set_active")
        p.add_argument("number", help="employee number")
        p.set_defaults(active=active)
        _add_branch_option(p)


def _team_actions(team: Subparsers) -> None:
    tlist = _command(team, "list", "list teams", "people:list_teams")
    _add_branch_option(tlist, "the branch, on a server shared by several branches")
    tadd = _command(team, "add", "add a team", "people:add_team")
    tadd.add_argument("name")
    _add_branch_option(tadd, "the team's branch, on a server shared by several branches")


def _branch_commands(sub: Subparsers) -> None:
    _group(sub, "branch", "the branches of a server shared by several (audited)", _branch_actions)
    _group(sub, "region", "regions (sets of branches) and the region report", _region_actions)


def _branch_actions(branch: Subparsers) -> None:
    blist = _command(
        branch, "list", "list branches, their people and regions", "branches:list_branches"
    )
    blist.add_argument("--json", action="store_true")
    bnew = _command(branch, "create", "add an empty branch", "branches:create_branch")
    bnew.add_argument("name", metavar="NAME")
    bren = _command(branch, "rename", "rename a branch", "branches:rename_branch")
    bren.add_argument("name", metavar="NAME")
    bren.add_argument("new_name", metavar="NEW_NAME")


def _region_actions(region: Subparsers) -> None:
    rlist = _command(region, "list", "list regions and who reads them", "branches:list_regions")
    rlist.add_argument("--json", action="store_true")
    rnew = _command(region, "create", "add a region of branches", "branches:create_region")
    rnew.add_argument("name", metavar="NAME")
    rnew.add_argument("branches", nargs="+", metavar="BRANCH")
    rset = _command(region, "set-branches", "replace a region's branches",
                    "branches:set_region_branches")  # fmt: skip
    rset.add_argument("name", metavar="NAME")
    rset.add_argument("branches", nargs="+", metavar="BRANCH")
    for action, handler, text in (
        ("add-supervisor", "branches:add_supervisor", "let a regional supervisor read a region"),
        (
            "remove-supervisor",
            "branches:remove_supervisor",
            "stop a regional supervisor reading it",
        ),
    ):
        p = _command(region, action, text, handler)
        p.add_argument("name", metavar="REGION")
        p.add_argument("number", metavar="NUMBER", help="the supervisor's employee number")
        _add_branch_option(p)
    rep = _command(
        region, "report", "compare branches by skill family: baseline, latest level, gain",
        "branches:report",
    )  # fmt: skip
    rep.add_argument("--region", metavar="NAME", help="one region (default: every branch)")
    rep.add_argument("--family", metavar="KEY", help="one skill family, e.g. tenkey-amounts")
    _add_date_range(rep)
    rep.add_argument("--json", action="store_true")


def _content_commands(sub: Subparsers) -> None:
    _group(sub, "content", "check and import drill packs and scenarios", _content_actions)
    _group(sub, "attempt", "inspect stored attempts; import saved ones", _attempt_actions)


def _content_actions(content: Subparsers) -> None:
    check = _command(
        content, "check", "validate files; print every problem as path:line:col", "content:check"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    imp = _command(content, "import", "validate and store new content versions", "content:import_")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _command(
        content, "list", "list the newest version of every drill and scenario", "content:list_"
    )
    sample = _command(
        content,
        "sample",
        "print the form a drill pack makes for a seed (every amount, note, record)",
        "content:sample",
    )
    sample.add_argument("pack", metavar="PACK", help="a pack file, or the id of a stored pack")
    sample.add_argument("--seed", required=True, metavar="N", help="the form's number")
    sample.add_argument("--mode", choices=("practice", "test"), help="default: test if offered")
    sample.add_argument("--json", action="store_true", help="the whole form as JSON")


def _attempt_actions(attempt: Subparsers) -> None:
    rescore = _command(
        attempt, "rescore", "replay an attempt's event log and compare", "attempts:rescore"
    )
    rescore.add_argument("attempt_id", metavar="ATTEMPT_ID")
    rescore.add_argument(
        "--latest", action="store_true", help="score against the newest version of the content"
    )
    rescore.add_argument("--json", action="store_true")
    saved = _command(
        attempt,
        "import",
        "store attempts a workstation kept in a file when it could not save them",
        "attempts:import_saved",
    )
    saved.add_argument("files", nargs="+", metavar="FILE", help="saved attempt files (.json)")
    saved.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="also import files saved before files were signed (recorded in the audit log)",
    )


def _branch_key_commands(sub: Subparsers) -> None:
    _group(
        sub,
        "branch-key",
        "the key this branch's workstations sign saved results with",
        _branch_key_actions,
    )


def _branch_key_actions(key: Subparsers) -> None:
    _command(key, "show", "show this workstation's key fingerprint", "branch_key:show")
    export = _command(
        key, "export", "write the key to a file for another workstation", "branch_key:export"
    )
    export.add_argument("-o", "--output", metavar="FILE", required=True, help="write here")
    install = _command(
        key, "install", "make an exported key this workstation's", "branch_key:install"
    )
    install.add_argument("file", metavar="FILE", help="a key written by 'branch-key export'")
    install.add_argument(
        "--replace", action="store_true", help="replace a different key (kept aside)"
    )


def _workstation_commands(sub: Subparsers) -> None:
    _group(
        sub,
        "workstation",
        "tie this workstation to one branch of a shared server (audited)",
        _workstation_actions,
    )


def _workstation_actions(station: Subparsers) -> None:
    _command(station, "show", "which branch this workstation signs in, and every tie",
             "workstation:show")  # fmt: skip
    tie = _command(
        station, "set-branch", "sign in only this branch's people at this workstation",
        "workstation:set_branch",
    )  # fmt: skip
    tie.add_argument("name", metavar="NAME", help="the branch")
    untie = _command(station, "clear-branch", "sign in people of every branch again",
                     "workstation:clear_branch")  # fmt: skip
    for parser in (tie, untie):
        parser.add_argument(
            "--workstation", metavar="HOST", help="another workstation, by its host name"
        )


def _sync_commands(sub: Subparsers) -> None:
    _group(
        sub, "sync", "carry results between databases in a signed bundle (offline)", _sync_actions
    )


def _sync_actions(sync: Subparsers) -> None:
    export = _command(sync, "export", "write one branch's results to a bundle", "sync:export")
    export.add_argument("-o", "--output", metavar="FILE", required=True, help="write here")
    export.add_argument(
        "--since",
        metavar="DATE",
        help="only results recorded from this day (YYYY-MM-DD) or moment (ISO 8601) on",
    )
    _add_branch_option(
        export, "the branch whose results to export, on a server shared by several branches"
    )
    imp = _command(
        sync, "import",
        "store a bundle's results in the branch it names (prints inserted/identical/conflicts)",
        "sync:import_",
    )  # fmt: skip
    imp.add_argument("file", metavar="FILE", help="a bundle written by 'sync export'")


def _scenario_commands(sub: Subparsers) -> None:
    _group(
        sub,
        "scenario",
        "check scenarios; convert them to and from Twine (Twee 3)",
        _scenario_actions,
    )


def _scenario_actions(scenario: Subparsers) -> None:
    check = _command(
        scenario,
        "check",
        "report dead ends, loops, unreachable nodes, the best and worst tier per ending, "
        "and every path that reaches the top through a mistake",
        "scenarios:check",
    )
    check.add_argument("path", metavar="FILE", help="scenario YAML file")
    check.add_argument(
        "--json", action="store_true", help="print one JSON object (endings, warnings, problems)"
    )
    for name, help_text, handler, source, target in (
        ("import-twee", "convert a Twee 3 story into a scenario YAML file",
         "scenarios:import_twee_file", "FILE.twee", "FILE.yaml"),
        ("export-twee", "convert a scenario YAML file into a Twee 3 story",
         "scenarios:export_twee_file", "FILE.yaml", "FILE.twee"),
    ):  # fmt: skip
        convert = _command(scenario, name, help_text, handler)
        convert.add_argument("path", metavar=source)
        convert.add_argument("-o", "--output", metavar=target, required=True, help="write here")
        convert.add_argument("--force", action="store_true", help="overwrite an existing file")


def _report_commands(sub: Subparsers) -> None:
    _command(
        sub,
        "report",
        "write an employee's or a team's progress report (PDF or CSV), or the one-page "
        "branch summary ('svctrainer report branch-summary -o FILE.pdf')",
        "reports:report",
        _report_options,
    )
    _group(sub, "export", "export learning records for other systems", _export_actions)


def _report_options(report: OneLineParser) -> None:
    report.add_argument(
        "summary",
        nargs="?",
        choices=("branch-summary",),
        metavar="branch-summary",
        help="the branch summary: each core skill's median gain, people tested, idle and "
        "with no progress, "
        "on one PDF page",
    )
    who = report.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="NUMBER", help="employee number")
    who.add_argument("--team", metavar="NAME", help="team name")
    _add_branch_option(report)
    report.add_argument("--format", choices=("pdf", "csv"), help="required with --person or --team")
    report.add_argument("-o", "--output", metavar="FILE", required=True, help="write here")
    report.add_argument(
        "--rows",
        choices=("attempts", "summary"),
        help="CSV rows: every attempt, or the dashboard summary per person and drill "
        "(default: attempts for --person, summary for --team)",
    )
    _add_date_range(report)
    _add_language_option(report)


def _export_actions(export: Subparsers) -> None:
    xapi = _command(export, "xapi", "every attempt as xAPI 1.0.3 statements (JSON)", "reports:xapi")
    xapi.add_argument("-o", "--output", metavar="FILE", required=True, help="write here")
    xapi.add_argument("--base-iri", metavar="URL", help="the bank's IRI for activities")
    xapi.add_argument("--home-page", metavar="URL", help="the system that issues employee numbers")
    xapi.add_argument("--names", action="store_true", help="also put names in the statements")
    _add_date_range(xapi)


def _queue_commands(sub: Subparsers) -> None:
    _command(
        sub,
        "queue",
        "the branch's ticket queue: one hour's waiting figures, or import a queue-ticket "
        "export (see 'svctrainer queue import --help')",
        "queue:hour",
        _queue_options,
    )


def _queue_options(queue: OneLineParser) -> None:
    queue.add_argument("--windows", metavar="C", help="windows open (a whole number)")
    queue.add_argument("--arrivals-per-hour", metavar="L", help="customers arriving an hour")
    queue.add_argument("--service-s", metavar="S", help="mean service time in seconds")
    queue.add_argument("--cv-arrival", metavar="A", default="1", help="CV of inter-arrival "
                       "times (default 1: random arrivals)")  # fmt: skip
    queue.add_argument("--cv-service", metavar="B", default="1",
                       help="CV of service times (default 1)")  # fmt: skip
    queue.add_argument("--target-s", metavar="T", default="900",
                       help="waiting-time target in seconds (default 900)")  # fmt: skip
    queue.add_argument("--target-share", metavar="Q", default="0.8", help="share of customers "
                       "to call within the target, for windows needed (default 0.8)")  # fmt: skip
    queue.add_argument("--json", action="store_true", help="print the figures as JSON")
    actions = queue.add_subparsers(
        title="actions (optional)", metavar="[ACTION]", parser_class=OneLineParser
    )
    imp = _command(
        actions,
        "import",
        "import a queue-ticket export (CSV, docs/queue-data-format.md); all or nothing",
        "queue:import_",
    )
    imp.add_argument("file", metavar="FILE.csv", help="the export")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN,…",
        help="the file's column for a field, e.g. ticket=Nr,issued_at=Taken",
    )
    imp.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                     help="a column of the file to leave out")  # fmt: skip
    imp.add_argument("--zone", metavar="AREA/CITY", help="time zone of the file's local "
                     "times, e.g. Asia/Shanghai (default: this computer's)")  # fmt: skip
    imp.add_argument("--encoding", metavar="NAME", help="the file's encoding (default: UTF-8, "
                     "else GB18030)")  # fmt: skip
    imp.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                     help="print what was stored as JSON")  # fmt: skip
    _add_branch_option(imp, "the branch whose tickets these are, on a server of several")


def _contest_commands(sub: Subparsers) -> None:
    _group(sub, "contest", "run a branch skills contest (docs/contest-rules.md)", _contest_actions)


def _contest_actions(contest: Subparsers) -> None:
    create = _command(contest, "create", "create a contest over test drills, one form for "
                      "everyone", "contest:create")  # fmt: skip
    create.add_argument("name", metavar="NAME")
    create.add_argument("--drill", action="append", required=True, metavar="CONTENT_ID",
                        help="a drill pack's id (repeat for each drill)")  # fmt: skip
    create.add_argument("--attempts", type=_count(1, 5), default=1,
                        help="attempts per drill, the best counts (1-5, default 1)")  # fmt: skip
    create.add_argument("--minutes", type=_count(1, 240), default=30,
                        help="the window after the start, in minutes (default 30)")  # fmt: skip
    create.add_argument("--countdown", type=_count(0, 600), default=60,
                        help="seconds of countdown before the window (default 60)")  # fmt: skip
    create.add_argument("--draft", action="store_true", help="keep it a draft (open it later)")
    create.add_argument("--public-board", action="store_true",
                        help="show the live standings to every contestant (a show event); "
                        "by default contestants see only their own results until the "
                        "close")  # fmt: skip
    listing = _command(contest, "list", "the branch's contests and their phase", "contest:list_")
    listing.add_argument("--json", action="store_true")
    for name, help_text, handler in (
        ("open", "announce a draft contest", "contest:open_"),
        ("start", "start the contest for the room (countdown, then the window)", "contest:start"),
        ("close", "close the contest and lock its results", "contest:close"),
    ):
        step = _command(contest, name, help_text, handler)
        step.add_argument("name", metavar="NAME")
    results = _command(contest, "results", "the results sheet (PDF: with certificates)",
                       "contest:results")  # fmt: skip
    results.add_argument("name", metavar="NAME")
    results.add_argument("--format", choices=("pdf", "csv"), default="csv")
    results.add_argument("-o", "--output", metavar="FILE", required=True, help="write here")
    _add_language_option(results)


def _add_branch_option(
    parser: argparse.ArgumentParser,
    help_text: str = "the branch of the employee number, on a server shared by several branches",
) -> None:
    parser.add_argument("--branch", metavar="NAME", help=help_text)


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("system", "en", "zh_CN"),
        help="the language of a PDF (default: the language set in the GUI's preferences, "
        "else the system's)",
    )


def _add_date_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day, YYYY-MM-DD")


PLAIN_GUI = ((), ("gui",), ("gui", "--demo"))
"""Command lines that only open the window: they skip building the whole parser (every
command's options, 70–90 ms on a busy two-core machine) before the window appears."""


def plain_gui_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What ``build_parser().parse_args(argv)`` gives for a ``PLAIN_GUI`` line, else None."""
    if tuple(argv) not in PLAIN_GUI:
        return None
    if not argv:
        return argparse.Namespace(db=None)
    return argparse.Namespace(db=None, handler="gui:run", demo="--demo" in argv)


PDF_CHILD = "--write-pdf-child"
"""Hidden first argument: the window's PDF writer process (``gui/charts/pdf_process.py``,
whose ``CHILD_ARGUMENT`` it is); the frozen build has no ``python -m`` to start it by."""


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == [PDF_CHILD]:
        from svctrainer.commands.pdf_child import run  # noqa: PLC0415

        return run(given[1:])
    args = plain_gui_args(given) or build_parser().parse_args(given)
    handler = getattr(args, "handler", None) or "gui:run"
    from svctrainer.commands.runner import run_handler  # noqa: PLC0415

    return run_handler(handler, args)


if __name__ == "__main__":
    raise SystemExit(main())
