"""``svctrainer scenario check|import-twee|export-twee``.

Every problem is printed as ``path:line:col: message`` (stdout), a summary or refusal as
one line on stderr. Exit 1 when a file has errors or an output would be overwritten
without ``--force``; usage errors (exit 2) are argparse's. Converted output is loaded
back before it is written, so a file we write is always one we can read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from svctrainer.commands.exit_codes import FAILURE
from svctrainer.core.output_files import OutputFileError, check_output_file, output_file
from svctrainer.core.problems import ContentError, Problem, Severity, errors_only
from svctrainer.core.scenarios.analysis import check as check_scenario
from svctrainer.core.scenarios.analysis import check_problems, report_lines
from svctrainer.core.scenarios.loader import load_scenario, load_scenario_file
from svctrainer.core.scenarios.path_audit import audit, audit_dict, audit_lines, audit_problems
from svctrainer.core.scenarios.schema import MAX_TWEE_BYTES
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee, slug
from svctrainer.core.scenarios.yaml_writer import dump_yaml


def _print(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem)


def _fail(message: str) -> int:
    sys.stderr.write(f"svctrainer: {message}\n")
    return FAILURE


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "severity": problem.severity.value,
        "message": problem.message,
    }


def check(args: argparse.Namespace) -> int:
    """Problems, then per ending the best and worst tier and score, then every path that
    reaches the top through a negative-effect choice, a breach or a timeout. ``--json``:
    one object with ``endings``, ``warnings`` and ``problems`` instead."""
    path = Path(args.path).expanduser()
    as_json = bool(getattr(args, "json", False))
    try:
        loaded = load_scenario_file(path)
    except ContentError as err:
        if as_json:
            located = [_problem_dict(p) for p in err.problems]
            print(json.dumps({"endings": [], "warnings": [], "problems": located}))
        else:
            _print(err.problems)
        return _fail(f"{path}: {len(errors_only(err.problems))} error(s); not a usable scenario")
    report = check_scenario(loaded.scenario)
    paths = audit(loaded.scenario)
    problems = [
        *loaded.warnings,
        *check_problems(report, str(path), loaded.node_marks),
        *audit_problems(paths, str(path), loaded.node_marks),
    ]
    if as_json:
        data = {"scenario": loaded.scenario.id, **audit_dict(paths)}
        data["problems"] = [_problem_dict(p) for p in problems]
        print(json.dumps(data, ensure_ascii=False))
    else:
        _print(problems)
        for line in [*report_lines(report), *audit_lines(paths)]:
            print(line)
    errors = errors_only(problems)
    if errors:
        return _fail(f"{path}: {len(errors)} error(s)")
    return 0


def _refuse_overwrite(output: Path, force: bool) -> bool:
    try:
        check_output_file(output)  # a FIFO, a device or a symbolic link: never, even --force
    except OutputFileError as exc:
        _fail(str(exc))
        return True
    if output.exists() and not force:
        _fail(f"{output} exists; add --force to overwrite it")
        return True
    return False


def _read(path: Path, limit: int) -> bytes | None:
    """The file's bytes (at most ``limit`` + 1, so oversize is still detected), or None
    after printing ``path:0:0`` when it cannot be read."""
    try:
        with path.open("rb") as stream:
            return stream.read(limit + 1)
    except OSError as err:
        print(Problem(str(path), 0, 0, f"cannot read: {err.strerror or err}"))
        return None


def _write_atomically(output: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so an interrupted run never
    leaves half a file where a good one was."""
    with output_file(output) as out:
        out.text(encoding="utf-8", newline="\n").write(text)


def import_twee_file(args: argparse.Namespace) -> int:
    path, output = Path(args.path).expanduser(), Path(args.output).expanduser()
    if _refuse_overwrite(output, args.force):
        return FAILURE
    data = _read(path, MAX_TWEE_BYTES)
    if data is None:
        return FAILURE
    try:
        imported = import_twee(data, str(path), default_id=slug(path.name.split(".")[0]))
    except ContentError as err:
        _print(err.problems)
        return _fail(f"{path}: {len(errors_only(err.problems))} error(s); nothing written")
    _print(imported.warnings)
    text = dump_yaml(imported.scenario)
    try:  # the YAML must read back: never write a file `scenario check` would reject
        load_scenario(text.encode("utf-8"), str(output))
    except ContentError as err:
        _print(err.problems)
        return _fail(f"{output}: the converted scenario does not load back; nothing written")
    _write_atomically(output, text)
    scenario = imported.scenario
    choices = sum(len(n.choices) for n in scenario.nodes)
    warnings = sum(1 for p in imported.warnings if p.severity is Severity.WARNING)
    print(
        f"wrote {output}: {len(scenario.nodes)} nodes, {choices} choices"
        + ("" if scenario.is_scored else " (unscored)")
        + (f", {warnings} warning(s)" if warnings else "")
    )
    return 0


def export_twee_file(args: argparse.Namespace) -> int:
    path, output = Path(args.path).expanduser(), Path(args.output).expanduser()
    if _refuse_overwrite(output, args.force):
        return FAILURE
    try:
        loaded = load_scenario_file(path)
    except ContentError as err:
        _print(err.problems)
        return _fail(f"{path}: {len(errors_only(err.problems))} error(s); nothing written")
    _print(loaded.warnings)
    exported = export_twee(loaded.scenario, str(path), loaded.node_marks)
    _print(exported.warnings)
    _write_atomically(output, exported.text)
    print(f"wrote {output}: {len(loaded.scenario.nodes)} passages")
    return 0
