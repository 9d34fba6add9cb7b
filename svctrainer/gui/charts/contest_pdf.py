"""A contest's results sheet and certificates as one PDF.

Page 1 on: the results sheet — the rules everyone sat under, the points table, the
overall standings with each drill's points, each drill's ranking in its own unit, and
the teams ranked by their measured final effect (customer-minutes of waiting saved a
day). Then one certificate page per contestant with a result: the place (一等奖/二等奖/
三等奖 for the top three overall) or participation, the points, and each drill's result.
Drawn with the house's page layout (``pdf_layout``), so it prints in the application's
fonts, Chinese included.
"""

from __future__ import annotations

from pathlib import Path

from svctrainer.gui.charts.pdf_layout import (
    Block,
    Heading,
    PageBreak,
    PageFrame,
    Paragraph,
    Table,
    write_pdf,
)
from svctrainer.gui.charts.pdf_report import when_text
from svctrainer.gui.drills.figures import drill_type_name, duration, number, percent, unit_name
from svctrainer.gui.i18n import fill, translate
from svctrainer.services.contests import ContestDrillRecord, ContestResults

CERTIFICATE_TOP = 260.0  # px at 150 dpi: a certificate's title sits a third down the page


def measure_name(drill: ContestDrillRecord) -> str:
    """What a drill is judged on in the contest, in words."""
    if drill.points.measure == "score":
        return translate("contest", "points of exactly right totals")
    unit = unit_name(drill.speed_unit) if drill.speed_unit else ""
    return fill(translate("contest", "speed in %1"), unit)


def result_text(drill: ContestDrillRecord, value: float | None) -> str:
    if value is None:
        return translate("contest", "no complete attempt")
    if drill.points.measure == "score":
        return number(value, 0)
    unit = unit_name(drill.speed_unit) if drill.speed_unit else ""
    return f"{number(value, 0)} {unit}".strip()


def place_text(rank: int) -> str:
    return {
        1: translate("contest", "First place"),
        2: translate("contest", "Second place"),
        3: translate("contest", "Third place"),
    }.get(rank, translate("contest", "Certificate of participation"))


def team_text(name: str | None) -> str:
    return name if name else translate("contest", "no team")


def minutes_text(value: float | None) -> str:
    if value is None:
        return translate("contest", "not measured yet")
    return fill(translate("contest", "%1 customer-minutes a day"), number(value, 1))


def render_contest_results(results: ContestResults, path: Path) -> int:
    """Write the results sheet and the certificates to ``path``; returns the pages."""
    contest = results.contest
    title = fill(translate("contest", "Skills contest: %1"), contest.name)
    blocks = _sheet(results, title) + _certificates(results)
    state = (
        translate("contest", "final results")
        if results.locked
        else translate("contest", "provisional standings (the contest is not closed)")
    )
    frame = PageFrame(
        results.branch_name,
        title,
        fill(
            translate("contest", "%1 · generated %2 by svctrainer"),
            state,
            when_text(results.computed_at),
        ),
    )
    return write_pdf(path, title, frame, blocks)


def _sheet(results: ContestResults, title: str) -> list[Block]:
    contest = results.contest
    rules = contest.rules
    began = when_text(contest.begins_at) if contest.begins_at else "—"
    blocks: list[Block] = [
        Heading(title, 1),
        Paragraph(
            fill(
                translate(
                    "contest",
                    "Branch: %1 · Started: %2 · Window: %3 min · Attempts per drill: %4 (the best "
                    "complete one counts) · Every contestant sat the same form.",
                ),
                results.branch_name,
                began,
                str(rules.window_minutes),
                str(rules.attempts),
            )
        ),
        Heading(translate("contest", "Points table"), 2),
        Paragraph(
            translate(
                "contest",
                "Each drill's points = its weight × the contestant's result ÷ the best result "
                "in the contest (at most the weight). Only complete, valid attempts have a "
                "result. Ties: higher accuracy first, then the shorter time.",
            )
        ),
        Table(
            [
                translate("contest", "Drill"),
                translate("contest", "Judged on"),
                translate("contest", "Weight"),
            ],
            [[d.title, measure_name(d), str(d.points.weight)] for d in contest.drills],
            [3, 3, 1],
            frozenset({2}),
        ),
        Heading(translate("contest", "Overall standings"), 2),
    ]
    by_drill = {spec.content_id: {r.person_id: r for r in rows}
                for spec, rows in results.results.standings.drills}  # fmt: skip
    header = [translate("contest", "Rank"), translate("contest", "Name"),
              translate("contest", "Team")]  # fmt: skip
    header += [d.title for d in contest.drills] + [translate("contest", "Points")]
    rows = []
    for o in results.results.standings.overall:
        who = results.contestant(o.person_id)
        cells = [str(o.rank), who.name, team_text(who.team_name)]
        for d in contest.drills:
            standing = by_drill[d.content_id].get(o.person_id)
            cells.append(number(standing.points if standing else 0.0, 1))
        cells.append(number(o.points, 1))
        rows.append(cells)
    n = len(contest.drills)
    blocks.append(Table(header, rows, [1, 3, 2] + [2] * n + [1.5],
                        frozenset({0, *range(3, 4 + n)})))  # fmt: skip
    if not rows:
        blocks.append(Paragraph(translate("contest", "Nobody has a result yet.")))
    for spec, standings in results.results.standings.drills:
        drill = next(d for d in contest.drills if d.content_id == spec.content_id)
        blocks.append(Heading(fill(translate("contest", "%1 (%2)"), drill.title,
                                   drill_type_name(drill.drill_type)), 3))  # fmt: skip
        blocks.append(
            Table(
                [
                    translate("contest", "Rank"),
                    translate("contest", "Name"),
                    translate("contest", "Result"),
                    translate("contest", "Accuracy"),
                    translate("contest", "Time"),
                    translate("contest", "Tries"),
                    translate("contest", "Points"),
                ],
                [
                    [
                        "—" if r.rank is None else str(r.rank),
                        results.contestant(r.person_id).name,
                        result_text(drill, r.result),
                        percent(r.accuracy),
                        duration(r.duration_ms),
                        str(r.tries),
                        number(r.points, 1),
                    ]
                    for r in standings
                ],
                [1, 3, 3, 1.5, 1.5, 1, 1.2],
                frozenset({0, 2, 3, 4, 5, 6}),
            )
        )
    blocks += [
        Heading(translate("contest", "Teams by final effect"), 2),
        Paragraph(
            translate(
                "contest",
                "The measured final effect of each team: the customer-minutes of waiting a day "
                "its contestants' gains over their own baselines save at the branch's ticket "
                "queue (the same figure as the supervisor's customer-time panel).",
            )
        ),
        Table(
            [
                translate("contest", "Rank"),
                translate("contest", "Team"),
                translate("contest", "Contestants"),
                translate("contest", "Waiting time saved"),
            ],
            [
                [
                    "—" if t.rank is None else str(t.rank),
                    team_text(t.team_name),
                    str(t.contestants),
                    minutes_text(t.customer_minutes_saved),
                ]
                for t in results.results.teams
            ],
            [1, 3, 2, 4],
            frozenset({0, 2}),
        ),
    ]
    return blocks


def _certificates(results: ContestResults) -> list[Block]:
    contest = results.contest
    by_drill = {spec.content_id: {r.person_id: r for r in rows}
                for spec, rows in results.results.standings.drills}  # fmt: skip
    blocks: list[Block] = []
    for o in results.results.standings.overall:
        if o.drills_done == 0:
            continue
        who = results.contestant(o.person_id)
        blocks += [
            PageBreak(CERTIFICATE_TOP),
            Heading(translate("contest", "Certificate"), 1),
            Paragraph(place_text(o.rank), size=22, bold=True),
            Paragraph(
                fill(translate("contest", "awarded to %1 (%2)"), who.name, who.employee_number),
                size=16,
            ),
            Paragraph(
                fill(
                    translate(
                        "contest", "for rank %1 of %2 in the skills contest “%3”, with %4 points."
                    ),
                    str(o.rank),
                    str(len(results.results.standings.overall)),
                    contest.name,
                    number(o.points, 1),
                ),
                size=13,
            ),
        ]
        for d in contest.drills:
            standing = by_drill[d.content_id].get(o.person_id)
            value = None if standing is None else standing.result
            points = 0.0 if standing is None else standing.points
            blocks.append(
                Paragraph(
                    fill(
                        translate("contest", "%1: %2 — %3 points"),
                        d.title,
                        result_text(d, value),
                        number(points, 1),
                    ),
                    size=11,
                )
            )
        closed = contest.closed_at or results.computed_at
        blocks.append(
            Paragraph(
                fill(
                    translate("contest", "%1, %2        Trainer: ______________"),
                    results.branch_name,
                    when_text(closed),
                ),
                size=11,
            )
        )
    return blocks
