"""Every drill kind has its GUI, keyed by the kind object: a display name, names for its
units, a view the drill screen can drive and a result section built from the typed
details of a real (simulated) attempt; and the session controller takes a drill and a
scenario from the Practice page to a stored attempt and back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from svctrainer.core.drills.registry import KINDS, start_run
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import load_pack
from svctrainer.gui.drills.drill_screen import DrillScreen
from svctrainer.gui.drills.drill_ui import ui_for, ui_named
from svctrainer.gui.drills.figures import drill_type_name, unit_name
from svctrainer.gui.drills.result_screen import ResultScreen
from svctrainer.services.attempts import AttemptRecord, stored_details

pytestmark = pytest.mark.gui

DRILLS = Path(__file__).resolve().parents[2] / "drills"
SHARED_FIGURES = {"accuracy", "score", "consistency"}


def _pack(kind):
    return next(p for p in sorted(DRILLS.glob("*.en.toml")) if load_pack(p).drill_type == kind.name)


def _attempt(result, title: str) -> AttemptRecord:
    """The record the result screen gets after a save, built from a real result."""
    return AttemptRecord(
        id=uuid.uuid4(), person_id=uuid.uuid4(), person_name="Tess", content_item_id=uuid.uuid4(),
        content_id=result.definition_id, content_version=1, title=title, kind="drill",
        drill_type=result.drill_type, mode=result.mode, started_at=datetime.now(UTC),
        duration_ms=result.active_ms, speed=result.speed, speed_unit=result.speed_unit,
        accuracy=result.accuracy, score=result.score, grade=result.grade, valid=result.valid,
        invalidated_reason=None, details=stored_details(result),
    )  # fmt: skip


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_each_kind_has_its_gui(qtbot, kind):
    ui = ui_for(kind)
    assert ui_named(kind.name) is ui
    assert drill_type_name(kind.name) == ui.name() != kind.name
    for figure in kind.grade_figures - SHARED_FIGURES:
        assert unit_name(figure) != figure, f"{kind.name}: no name for {figure}"
    definition = load_pack(_pack(kind))
    mode = next(iter(definition.modes))

    screen = DrillScreen(start_run(definition, mode, seed=3), sounds=False)
    qtbot.addWidget(screen)
    assert isinstance(screen.view, QWidget)
    assert screen.speed_label.text().endswith(unit_name(kind.unit_of(definition)))

    run = simulate(definition, mode, Skill(stroke_ms=300, error_rate=0.05), seed=3,
                   behaviour_seed=4, max_active_ms=60_000)  # fmt: skip
    parts = ui.result_parts(stored_details(run.result()))
    assert parts.tiles.errors not in ("", "—")
    assert parts.body.main is not None or parts.body.left or parts.body.right
    result = ResultScreen(_attempt(run.result(), definition.title), definition, None)
    qtbot.addWidget(result)
    assert result.findChild(QLabel, "detailsUnreadable") is None


def test_details_that_do_not_fit_show_the_shared_figures_and_say_why(qtbot):
    kind = KINDS[0]
    definition = load_pack(_pack(kind))
    run = simulate(definition, Mode.PRACTICE, Skill(), seed=1, behaviour_seed=1, max_active_ms=9000)
    attempt = _attempt(run.result(), definition.title)
    attempt.details["details"]["wrong_strokes"] = "three"
    screen = ResultScreen(attempt, definition, None)
    qtbot.addWidget(screen)
    note = screen.findChild(QLabel, "detailsUnreadable")
    assert note is not None
    assert "wrong_strokes" in note.text()
