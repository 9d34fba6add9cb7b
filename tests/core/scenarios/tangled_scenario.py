"""A tangled scenario, as a hostile or unlucky author could write one (issue 19, point 3).

About 53 KB of YAML: 24 customer nodes in one big loop, every node offering 7 choices that
earn points and lead on to other nodes, state flags that open and close choices, protocol
steps, mood swings, mistakes and recoveries, countdowns, and a few endings. Every part is
legal and ``content check`` accepts it; what it does to an exhaustive search is the point:
collecting every gain of a loop once is a prize-collecting path problem, so the number of
distinct states a run can be in explodes. Deterministic (a seeded generator), so a test
and the benchmark build the very same file.

    python tests/core/scenarios/tangled_scenario.py OUT.yaml
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

NODES = 24
CHOICES = 7
FLAGS = [f"fact_{i}" for i in range(6)]
STEPS = ["hear", "empathize", "apologize", "resolve", "diagnose"]
DIMENSIONS = ["reliability", "responsiveness", "assurance", "empathy", "tangibles"]
ENDINGS = [("thanked", True), ("served", True), ("walked_out", False), ("complains", False)]
FILLER = (
    "The customer leans on the counter and explains, at some length and not for the first "
    "time today, what happened at the other branch and why it matters to them."
)


def tangled_scenario_data(seed: int = 19, nodes: int = NODES, choices: int = CHOICES) -> dict:
    rng = random.Random(seed)
    ids = [f"n{i:02d}" for i in range(nodes)]
    body: list[dict[str, Any]] = []
    for index, node_id in enumerate(ids):
        options = []
        for c in range(choices):
            if c == choices - 1 and index % 3 == 2:
                target, _ = ENDINGS[(index // 3) % len(ENDINGS)]
            else:
                target = ids[rng.randrange(nodes)]
            choice: dict[str, Any] = {
                "id": f"c{c}",
                "text": f"Option {c}: say something reasonable about step {index}",
                "to": target,
                "servqual": {rng.choice(DIMENSIONS): rng.choice([1, 1, 2])},
                "mood": {"valence": rng.choice([-1, 0.5, 1]), "arousal": rng.choice([-1, 0, 1])},
                "feedback": f"Feedback {c} at {index}: " + FILLER[: rng.randrange(10, 80)],
            }  # fmt: skip
            if rng.random() < 0.3:
                choice["steps"] = [rng.choice(STEPS)]
            if rng.random() < 0.25:
                choice["sets"] = [rng.choice(FLAGS)]
            if rng.random() < 0.2:
                choice["if"] = [rng.choice(FLAGS)]
            elif rng.random() < 0.15:
                choice["unless"] = [rng.choice(FLAGS)]
            roll = rng.random()
            if roll < 0.08:
                choice["flags"] = ["new_negative_emotion"]
            elif roll < 0.16:
                choice["flags"] = ["recovery"]
            elif roll < 0.24:
                choice["flags"] = ["praise"]
            elif roll < 0.28:
                choice["flags"] = ["anticipate"]
            options.append(choice)
        node: dict[str, Any] = {"id": node_id, "text": f"({node_id}) {FILLER}", "choices": options}
        if index % 5 == 4:
            node["time_limit_s"] = 20
        body.append(node)
    for ending, met in ENDINGS:
        body.append({"id": ending, "text": f"The visit ends: {ending}.", "ending": True,
                     "need_met": met})  # fmt: skip
    return {
        "id": "tangled",
        "title": "A tangled conversation",
        "language": "en",
        "protocol": "HEARD",
        "summary": "Generated to test the bounded analysis. " + FILLER,
        "customer": {"who": "A customer with a long story", "mood": {"valence": -1, "arousal": 1}},
        "tiers": {"comfort_min_valence": 1},
        "start": ids[0],
        "nodes": body,
    }


def tangled_scenario_yaml(seed: int = 19) -> bytes:
    text = yaml.safe_dump(tangled_scenario_data(seed), sort_keys=False, allow_unicode=True)
    return text.encode("utf-8")


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(tangled_scenario_yaml())
