"""Small scenarios for tests, written as Python data and loaded through the real loader
(so every test also exercises the schema). Imported by the test modules (pytest puts this
directory on sys.path; tests directories have no __init__.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from svctrainer.core.scenarios.loader import load_scenario
from svctrainer.core.scenarios.model import Scenario

REPO_ROOT = Path(__file__).resolve().parents[3]
TWINE_STORIES = REPO_ROOT.parent / "shared" / "twine-stories"
SAMPLE = REPO_ROOT / "drills" / "scenarios" / "sample-queue-wait.en.yaml"


def scenario_data(
    nodes: list[dict[str, Any]],
    *,
    start: str | None = None,
    mood: tuple[float, float] = (0.0, 0.0),
    sensitivity: dict[str, float] | None = None,
    protocol: str = "HEARD",
    comfort_min_valence: float = 1.0,
) -> dict[str, Any]:
    customer: dict[str, Any] = {
        "who": "Test customer",
        "mood": {"valence": mood[0], "arousal": mood[1]},
    }
    if sensitivity:
        customer["sensitivity"] = sensitivity
    return {
        "id": "test",
        "title": "Test",
        "language": "en",
        "protocol": protocol,
        "customer": customer,
        "tiers": {"comfort_min_valence": comfort_min_valence},
        "start": start or nodes[0]["id"],
        "nodes": nodes,
    }


def make(nodes: list[dict[str, Any]], **options: Any) -> Scenario:
    text = yaml.safe_dump(scenario_data(nodes, **options), sort_keys=False)
    return load_scenario(text.encode(), "test.yaml").scenario


def ending(node_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "text": f"{node_id} text", "ending": True, **extra}


def node(node_id: str, *choices: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "text": f"{node_id} text", "choices": list(choices), **extra}


def choice(choice_id: str, to: str, **effects: Any) -> dict[str, Any]:
    return {"id": choice_id, "text": f"Say {choice_id}", "to": to, **effects}
