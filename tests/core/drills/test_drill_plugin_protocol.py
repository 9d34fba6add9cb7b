"""A drill kind written outside the house plugs into packs, runs, results and replay
unchanged: one ``DrillKind`` with its run, its ``Details`` and its simulated player."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Self

import pytest
from drill_helpers import MS, build_definition

from svctrainer.core import metrics
from svctrainer.core.drills import registry
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.details import Details, Fields
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.drills.simulated_play import PlayerClock, Skill, Timing
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.keystrokes import PAGE_DOWN, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

PAGES = TableSpec((Key("pages", Kind.INT, required=True, minimum=1, maximum=100),))


@dataclass(frozen=True, slots=True)
class PageFlipDetails(Details):
    pages: int
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "per_second": list(self.per_second)}

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(f.integer("pages"), f.integers("per_second"))


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
            details=PageFlipDetails(self.flipped, tuple(self.complete_seconds())),
        )


class PageFlipDrill(DrillKind[PageFlipRun, PageFlipDetails]):
    name: ClassVar[str] = "test_page_flip"
    speed_unit: ClassVar[str] = "pages_per_min"
    grade_figures: ClassVar[frozenset[str]] = frozenset({"score"})
    uses_reference_speed: ClassVar[bool] = False
    scoring_keys: ClassVar[tuple[Key, ...]] = (
        Key("points_per_page", Kind.INT, required=True, minimum=1, maximum=100),
    )
    run_type = PageFlipRun
    details_type = PageFlipDetails

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
    ) -> PageFlipRun:
        return PageFlipRun(self, definition, mode, seed, options)

    def play(self, run: PageFlipRun, timing: Timing, max_active_ns: int) -> None:
        clock = PlayerClock(run, timing, max_active_ns)
        while clock.going:
            clock.key(PAGE_DOWN)


@pytest.fixture(autouse=True)
def page_flip_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registered for these tests only, so other tests see the real registry."""
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))
    registry.register_drill_kind(PageFlipDrill())


PACK = """
format = 1
id = "flip"
type = "test_page_flip"
language = "en"
title = "Flip"
instructions = "Flip the pages."
[test]
form = "fresh"
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
    assert result_from_dict(result.to_dict()) == result
    assert result.details == PageFlipDetails(12, (3, 2, 3, 2))


def test_a_plugged_in_drill_has_a_simulated_player():
    definition = build_definition(PACK)
    run = simulate(definition, Mode.TEST, Skill(stroke_ms=300), seed=1, behaviour_seed=2)
    assert run.finished
    assert run.result().details.to_dict()["pages"] == 12


def test_its_scoring_keys_are_checked_like_any_other():
    from svctrainer.core.packs.loader import check_pack_bytes

    _, problems = check_pack_bytes(
        "p.toml", PACK.replace("points_per_page = 20", "points_per_pge = 20").encode()
    )
    assert [str(p) for p in problems] == [
        "p.toml:13:2: missing required key 'points_per_page' in [scoring]",
        "p.toml:14:1: unknown key 'points_per_pge' in [scoring] (did you mean 'points_per_page'?)",
    ]
