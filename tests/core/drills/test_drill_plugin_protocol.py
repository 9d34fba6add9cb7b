"""A drill type outside the keyboard engine plugs into packs, runs and replay unchanged
(how the issue-4 drills will use ``drills.base``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from drill_helpers import MS, build_definition

from svctrainer.core import metrics
from svctrainer.core.drills import registry
from svctrainer.core.drills.base import DrillRun, DrillType, Feedback, LiveState, Verdict
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.keystrokes import PAGE_DOWN, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

PAGES = TableSpec((Key("pages", Kind.INT, required=True, minimum=1, maximum=100),))


class PageFlipRun(DrillRun):
    """Flip ``pages`` pages with PageDown; score = points per page from [scoring]."""

    def _reset(self) -> None:
        self.flipped = 0

    def _is_stroke(self, ev: KeyEvent) -> bool:
        return ev.key == PAGE_DOWN

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        self.flipped += 1
        self.count_strokes(1)
        if self.flipped >= self.definition.content:
            self._finish(EndReason.ITEMS)
        return Feedback(Verdict.CORRECT, PAGE_DOWN, 1, finished=self.finished)

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        speed = metrics.ratio(self.flipped * 60_000, common["active_ms"])
        return LiveState(
            **common,
            strokes=self.flipped,
            errors=0,
            speed=speed,
            speed_unit="pages_per_min",
            item_index=self.flipped,
            items_done=self.flipped,
            item_count=self.definition.content,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // MS
        score = float(self.flipped * self.definition.scoring.extra["points_per_page"])
        invalid = validity(active_ms, self.flipped)
        figures = {"score": score}
        return DrillResult(
            drill_type="test_page_flip",
            definition_id=self.definition.id,
            definition_hash=self.definition.content_hash,
            mode=str(self.mode),
            seed=self.seed,
            options=self.options,
            ended_by=None if self.ended_by is None else str(self.ended_by),
            valid=invalid is None,
            invalid_reason=None if invalid is None else str(invalid),
            active_ms=active_ms,
            strokes=self.flipped,
            speed=metrics.ratio(self.flipped * 60_000, active_ms),
            speed_unit="pages_per_min",
            accuracy=1.0,
            score=score,
            grade=None if invalid else metrics.grade_reached(self.definition.grades, figures),
            details={"per_second": self.complete_seconds()},
        )


class PageFlipDrill(DrillType):
    name: ClassVar[str] = "test_page_flip"
    speed_unit: ClassVar[str] = "pages_per_min"
    grade_figures: ClassVar[frozenset[str]] = frozenset({"score"})
    uses_reference_speed: ClassVar[bool] = False
    scoring_keys: ClassVar[tuple[Key, ...]] = (
        Key("points_per_page", Kind.INT, required=True, minimum=1, maximum=100),
    )

    def figure_maximum(self, figure: str) -> Decimal:
        return Decimal(10_000)  # contest points, not a percentage

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[Any, list[Issue]]:
        clean, issues = validate_table(PAGES, generator or {}, ("generator",))
        return clean.get("pages"), issues

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> DrillRun:
        return PageFlipRun(definition, mode, seed, options)


@pytest.fixture(autouse=True)
def page_flip_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registered for these tests only, so other tests see the real registry."""
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    registry.register_drill_type(PageFlipDrill())


PACK = """
format = 1
id = "flip"
type = "test_page_flip"
language = "en"
title = "Flip"
instructions = "Flip the pages."
[test]
seed = 1
time_limit_s = 60
[generator]
pages = 12
[scoring]
points_per_page = 20
[[grades]]
name = "Contest level"
min_score = 200
"""


def test_a_plugged_in_drill_loads_runs_grades_and_replays():
    definition = build_definition(PACK)
    assert definition.scoring.extra == {"points_per_page": 20}
    run = start_run(definition, Mode.TEST)
    t = 0
    for _ in range(12):
        t += 400 * MS
        run.feed(KeyEvent(t, PAGE_DOWN))
    result = run.result()
    assert (result.ended_by, result.active_ms, result.score, result.grade) == (
        "items",
        4400,
        240.0,
        "Contest level",
    )
    assert replay(definition, Mode.TEST, result.seed, run.events) == result


def test_its_scoring_keys_are_checked_like_any_other():
    from svctrainer.core.packs.loader import check_pack_bytes

    _, problems = check_pack_bytes(
        "p.toml", PACK.replace("points_per_page = 20", "points_per_pge = 20").encode()
    )
    assert [str(p) for p in problems] == [
        "p.toml:13:2: missing required key 'points_per_page' in [scoring]",
        "p.toml:14:1: unknown key 'points_per_pge' in [scoring] (did you mean 'points_per_page'?)",
    ]
