"""One entry point for every kind of content file a trainer may bring.

``content check``, ``content import`` and the GUI's import dialog all call
``check_content_bytes``: it chooses the loader by file name (``.toml`` drill pack,
``.yaml``/``.yml`` scenario) and returns what the database needs to store a version,
or the problems with their ``path:line:col``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.core.packs.loader import MAX_PACK_BYTES, check_pack_bytes, content_hash
from svctrainer.core.problems import Problem, Severity, errors_only
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.standards.model import StandardSet

DRILL = "drill"
SCENARIO = "scenario"
STANDARDS = "standards file"  # service-standards.<language>.yaml: checked, never stored
STANDARDS_PREFIX = "service-standards."
DRILL_SUFFIXES = (".toml",)
SCENARIO_SUFFIXES = (".yaml", ".yml")
MAX_CONTENT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CheckedContent:
    """A content file after validation; ``parsed`` is a DrillDefinition or Scenario (or,
    for a service standards file, which is checked but never stored, a StandardSet)."""

    label: str
    kind: str | None
    content_id: str | None
    title: str | None
    language: str | None
    drill_type: str | None
    content_hash: str
    text: str | None
    parsed: DrillDefinition | Scenario | StandardSet | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.parsed is not None and not errors_only(self.problems)


def kind_for(label: str) -> str | None:
    suffix = Path(label).suffix.lower()
    if suffix in DRILL_SUFFIXES:
        return DRILL
    if suffix in SCENARIO_SUFFIXES:
        return STANDARDS if Path(label).name.startswith(STANDARDS_PREFIX) else SCENARIO
    return None


def check_content_file(path: str | os.PathLike[str]) -> CheckedContent:
    """Read and check a file, refusing oversize files before reading them whole."""
    label = str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            limit = _limit(label)
            if size > limit:
                return _failed(
                    label,
                    b"",
                    Problem(label, 0, 0, f"the file is {size:,} bytes; the limit is {limit:,}"),
                )
            data = handle.read(limit + 1)
    except OSError as exc:
        return _failed(
            label, b"", Problem(label, 0, 0, f"cannot read the file: {exc.strerror or exc}")
        )
    return check_content_bytes(label, data)


def check_content_bytes(label: str, data: bytes, *, analyse: bool = True) -> CheckedContent:
    """Never raises: every problem is returned located in the file.

    ``analyse``: a scenario must also fit the analysis budget (scenarios/analysis.py), so
    that scoring its runs stays bounded; loading content already stored skips that (it
    was checked when it came in, and old runs must stay readable)."""
    kind = kind_for(label)
    if kind is None:
        return _failed(
            label,
            data,
            Problem(
                label, 0, 0, "unknown kind of file: drill packs end in .toml, scenarios in .yaml"
            ),
        )
    if len(data) > _limit(label):
        return _failed(
            label,
            data,
            Problem(
                label, 0, 0, f"the file is {len(data):,} bytes; the limit is {_limit(label):,}"
            ),
        )
    if kind == DRILL:
        return _check_drill(label, data)
    if kind == STANDARDS:
        return _check_standards(label, data)
    return _check_scenario(label, data, analyse=analyse)


def _check_standards(label: str, data: bytes) -> CheckedContent:
    """A service standards file: validated like content, but it ships with the
    application and is never stored as a content version (``content_id`` None)."""
    from svctrainer.core.problems import ContentError  # noqa: PLC0415
    from svctrainer.core.standards.loader import load_standards  # noqa: PLC0415

    try:
        standards = load_standards(data, label)
    except ContentError as exc:
        return _failed(label, data, *exc.problems)
    return CheckedContent(
        label=label,
        kind=STANDARDS,
        content_id=None,
        title=None,
        language=standards.language,
        drill_type=None,
        content_hash=content_hash(data),
        text=data.decode("utf-8"),
        parsed=standards,
    )


def _limit(label: str) -> int:
    return MAX_PACK_BYTES if kind_for(label) == DRILL else MAX_CONTENT_BYTES


def _check_drill(label: str, data: bytes) -> CheckedContent:
    definition, problems = check_pack_bytes(label, data)
    if definition is None or errors_only(problems):
        return _failed(label, data, *problems)
    return CheckedContent(
        label=label,
        kind=DRILL,
        content_id=definition.id,
        title=definition.title,
        language=definition.language,
        drill_type=definition.drill_type,
        content_hash=content_hash(data),
        text=data.decode("utf-8"),
        parsed=definition,
        problems=problems,
    )


def _check_scenario(label: str, data: bytes, *, analyse: bool) -> CheckedContent:
    from svctrainer.core.problems import ContentError  # noqa: PLC0415
    from svctrainer.core.scenarios.analysis import check, too_tangled  # noqa: PLC0415
    from svctrainer.core.scenarios.loader import load_scenario  # noqa: PLC0415

    try:
        loaded = load_scenario(data, label)
    except ContentError as exc:
        return _failed(label, data, *exc.problems)
    scenario, problems = loaded.scenario, list(loaded.warnings)
    if analyse:
        refusal = too_tangled(check(scenario), label, loaded.node_marks)
        if refusal is not None:
            return _failed(label, data, *problems, refusal)
    return CheckedContent(
        label=label,
        kind=SCENARIO,
        # The English and Chinese versions of a scenario share its id (so their runs can be
        # compared); as stored content they are two items, named like drill packs.
        content_id=f"{scenario.id}.{scenario.language}",
        title=scenario.title,
        language=scenario.language,
        drill_type=None,
        content_hash=content_hash(data),
        text=data.decode("utf-8"),
        parsed=scenario,
        problems=problems,
    )


def _failed(label: str, data: bytes, *problems: Problem) -> CheckedContent:
    listed = list(problems) or [Problem(label, 0, 0, "the file could not be read", Severity.ERROR)]
    return CheckedContent(
        label, kind_for(label), None, None, None, None, content_hash(data), None, None, listed
    )
