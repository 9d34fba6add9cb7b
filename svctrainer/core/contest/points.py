"""The contest points table: what each drill kind's result is, and what it weighs.

Chinese bank-skills contests score each event on its own unit and then put the events
together with fixed weights (the postal appraisal: 手工点钞 25, 微机录入 15…) or in
proportion to the best result of the room ("将同一赛场中成绩最好者计为20分，其余选手按最好者的
每分钟字数，按照同一比例计算得分": the weight stands in for that sheet's 20).
svctrainer does both: a drill's points are its weight × the contestant's result / the
best result in the contest (capped at the weight), and the overall score is their sum.

The result a drill kind is judged on is its contest unit (docs/contest-rules.md):

- 点钞 (cash_counting): notes credited a minute (a bundle with a missed planted error is
  not credited, a wrong flag costs 10 notes: the drill's own net speed);
- 传票算 (voucher_summing): the points of the questions whose total is exactly right;
- 小键盘 (tenkey) and data entry: net keystrokes an hour (errors cost keystrokes);
- 汉字录入 / copy typing (text_entry): net characters (or words) a minute;
- any other drill kind: its own speed.

Only complete, valid attempts have a result: an abandoned or invalidated attempt scores 0,
as a voided result does in the rule sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from svctrainer.core.drills.cash_counting import CASH_COUNTING
from svctrainer.core.drills.tenkey import TENKEY
from svctrainer.core.drills.text_entry import TEXT_ENTRY
from svctrainer.core.drills.voucher_summing import VOUCHER_SUMMING


class Measure(StrEnum):
    SPEED = "speed"
    SCORE = "score"


@dataclass(frozen=True, slots=True)
class DrillPoints:
    """How one drill kind scores in a contest: the figure compared and its weight."""

    measure: Measure
    weight: int


# By the kinds' own names (a kind's name is spelt in its module only).
POINTS_TABLE: dict[str, DrillPoints] = {
    CASH_COUNTING.name: DrillPoints(Measure.SPEED, 30),
    VOUCHER_SUMMING.name: DrillPoints(Measure.SCORE, 30),
    TENKEY.name: DrillPoints(Measure.SPEED, 20),
    TEXT_ENTRY.name: DrillPoints(Measure.SPEED, 20),
}
OTHER_KINDS = DrillPoints(Measure.SPEED, 20)
"""Drill kinds the rule sheets do not name (making change, drawer balancing…)."""


def points_of(drill_type: str | None) -> DrillPoints:
    return POINTS_TABLE.get(drill_type or "", OTHER_KINDS)


def drill_points(result: float | None, best: float | None, weight: int) -> float:
    """weight × result / best, capped at the weight, to 0.1 point; 0 without a result
    (or when nobody scored above 0)."""
    if result is None or best is None or best <= 0 or result <= 0:
        return 0.0
    return round(weight * min(1.0, result / best), 1)
