"""What analysing a tangled scenario costs: the bounded search (issue 19, point 3).

Builds the ~53 KB tangled scenario of tests/core/scenarios/tangled_scenario.py (24 nodes
in one loop, 7 scoring choices each) and measures, each in a fresh process so the peak
memory is its own:

- ``content check`` of the file (where it is now refused, with file:line and the reason);
- ``scenario check`` of it;
- scoring a saved 10-decision run of it (decision accuracy, what every save computes),
  with the scenario loaded as if it had been stored before the refusal existed.

Prints wall time and peak resident memory (the interpreter's ~20 MB included). The
budget: a search stops at 10 000 states, a run's scoring at 20 000 (analysis.py).

Run:  .venv/bin/python bench/bench_scenario_analysis.py
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "core" / "scenarios")]


def content_check() -> str:
    from tangled_scenario import tangled_scenario_yaml

    from svctrainer.core.content_files import check_content_bytes

    checked = check_content_bytes("tangled.yaml", tangled_scenario_yaml())
    return "refused: " + str(checked.problems[-1])[:90] if not checked.ok else "accepted"


def scenario_check() -> str:
    from tangled_scenario import tangled_scenario_yaml

    from svctrainer.core.scenarios.analysis import check
    from svctrainer.core.scenarios.loader import load_scenario

    report = check(load_scenario(tangled_scenario_yaml(), "tangled.yaml").scenario)
    return f"truncated={report.truncated}"


def save_a_run() -> str:
    from tangled_scenario import tangled_scenario_yaml

    from svctrainer.core.scenarios.decision_log_codec import stored_run
    from svctrainer.core.scenarios.engine import ScenarioRun
    from svctrainer.core.scenarios.loader import load_scenario
    from svctrainer.core.scenarios.rules import available_choices

    scenario = load_scenario(tangled_scenario_yaml(), "tangled.yaml").scenario
    run = ScenarioRun(scenario, 0)
    for t in range(1, 11):
        run.choose(available_choices(scenario, run.state)[0].id, t)
    figures = stored_run(scenario, run.log).figures
    return f"10 decisions, accuracy {figures['accuracy']:.2f}"


PHASES = {"content check": content_check, "scenario check": scenario_check,
          "save a 10-decision run": save_a_run}  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1:  # one phase, in this fresh process
        started = time.perf_counter()
        said = PHASES[sys.argv[1]]()
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{sys.argv[1]:<24} {seconds:7.2f} s  {peak:6.0f} MB peak  {said}")
        return
    from tangled_scenario import tangled_scenario_yaml

    print(f"tangled scenario: {len(tangled_scenario_yaml()):,} bytes of YAML")
    for phase in PHASES:
        subprocess.run([sys.executable, __file__, phase], check=True)


if __name__ == "__main__":
    main()
