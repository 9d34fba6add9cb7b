"""Loading a scenario YAML file: bytes in, a Scenario (plus warnings) or ContentError out.

Whatever the bytes, the only exception that leaves ``load_scenario`` is ContentError:
the file is size-checked, decoded strictly as UTF-8, parsed with SafeLoader events and
composer (never constructed), and validated against the schema with every problem
located as path:line:col.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from svctrainer.core.problems import ContentError, Problem, Severity
from svctrainer.core.scenarios.marked import Mark, parse_yaml
from svctrainer.core.scenarios.model import Scenario
from svctrainer.core.scenarios.scenario_schema import read_scenario
from svctrainer.core.scenarios.schema import MAX_FILE_BYTES, SchemaReader, decode_utf8


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    warnings: tuple[Problem, ...]
    node_marks: Mapping[str, Mark]  # where each node starts, for checker messages


def load_scenario_text(text: str, path: str) -> LoadedScenario:
    root = parse_yaml(text, path)
    reader = SchemaReader(path)
    if root is None:
        raise ContentError([Problem(path, 1, 1, "file is empty: a scenario needs id, title, ...")])
    scenario, seen = read_scenario(reader, root)
    if scenario is None or reader.has_errors:
        raise ContentError([p for p in reader.problems if p.severity is Severity.ERROR])
    return LoadedScenario(scenario, tuple(reader.problems), dict(seen.node_marks))


def load_scenario(data: bytes, path: str = "<scenario>") -> LoadedScenario:
    """A scenario from the bytes of a YAML file; ``path`` is only used in messages."""
    return load_scenario_text(decode_utf8(data, path, MAX_FILE_BYTES), path)


def load_scenario_file(path: Path) -> LoadedScenario:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ContentError([Problem(str(path), 0, 0, f"cannot read: {err.strerror}")]) from None
    return load_scenario(data, str(path))
