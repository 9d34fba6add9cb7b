"""A contest's results sheet and certificates as one PDF.

Page 1 on: the results sheet — the rules everyone sat under, the points table, the
overall standings with each drill's points, each drill's ranking in its own unit, and
the teams ranked by their contestants' mean points (the customer-minutes of waiting
saved beside them, for reference). Then, once the contest is closed, one certificate
page per contestant with a result: a certificate of achievement (荣誉证书: 一等奖/二等奖/
三等奖 for overall ranks 1–3) or of participation (参赛证书).
Drawn with the house's page layout (``pdf_layout``), so it prints in the application's
fonts, Chinese included.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor

from svctrainer.gui.charts.pdf_layout import (
    MUTED,
    Block,
    Heading,
    PageBreak,
    PageFrame,
    Paragraph,
    Table,
    write_pdf,
)
from svctrainer.gui.charts.pdf_report import when_text
from svctrainer.gui.dates import local_day
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


def prize_text(rank: int) -> str | None:
    """The prize of an overall rank (contestants level on points share a rank, and so a
    prize); None below the prizes."""
    return {
        1: translate("contest", "First Prize"),
        2: translate("contest", "Second Prize"),
        3: translate("contest", "Third Prize"),
    }.get(rank)


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
        Paragraph(
            translate(
                "contest",
                "Prizes: First, Second and Third Prize for overall ranks 1, 2 and 3; "
                "contestants level on points share a rank and its prize. Every other "
                "contestant with a result gets a certificate of participation.",
            )
            if results.locked
            else translate(
                "contest",
                "Provisional standings: certificates are printed only once the contest is "
                "closed and its results locked.",
            )
        ),
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
        Heading(translate("contest", "Teams by mean points per contestant"), 2),
        Paragraph(
            translate(
                "contest",
                "Teams rank by the mean overall points of their contestants (everyone who "
                "sat a drill counts, one without a complete attempt with 0), so a large team "
                "does not win for its size; teams level on the mean share a rank. The waiting "
                "time saved (the customer-minutes a day its contestants' gains over their "
                "own baselines save at the branch's queue) is for reference only and does "
                "not count.",
            )
        ),
        Table(
            [
                translate("contest", "Rank"),
                translate("contest", "Team"),
                translate("contest", "Contestants"),
                translate("contest", "Mean points"),
                translate("contest", "Waiting time saved (reference)"),
            ],
            [
                [
                    "—" if t.rank is None else str(t.rank),
                    team_text(t.team_name),
                    str(t.contestants),
                    number(t.mean_points, 1),
                    minutes_text(t.customer_minutes_saved),
                ]
                for t in results.results.teams
            ],
            [1, 3, 2, 2, 4],
            frozenset({0, 2, 3}),
        ),
    ]
    return blocks


def _certificates(results: ContestResults) -> list[Block]:
    """One page per contestant with a result, in the form a bank issues: the title, whom
    it is for and what they achieved, the issuing unit with room for its seal, and the
    date; no employee number, no trainer's signature, no running header or page number.
    Prize winners get a certificate of achievement (荣誉证书: "特发此证，以资鼓励"), the
    others a certificate of participation (参赛证书, no place). Only from locked results:
    provisional standings never make a certificate."""
    if not results.locked:
        return []
    contest = results.contest
    by_drill = {spec.content_id: {r.person_id: r for r in rows}
                for spec, rows in results.results.standings.drills}  # fmt: skip
    chinese = QLocale().language() == QLocale.Language.Chinese
    # Chinese certificates set the body flush left under "某某同志：" with the seal and the
    # date at the lower right; an English certificate of achievement is centred.
    body_align = Qt.AlignmentFlag.AlignLeft if chinese else Qt.AlignmentFlag.AlignHCenter
    issued = certificate_date(contest.closed_at or results.computed_at)
    blocks: list[Block] = []
    for o in results.results.standings.overall:
        if o.drills_done == 0:
            continue
        who = results.contestant(o.person_id)
        prize = prize_text(o.rank)
        if prize is None:
            title = translate("contest", "Certificate of Participation")
            body = fill(translate("contest", "This is to certify that\n%1\ntook part in “%2”."),
                        who.name, contest.name)  # fmt: skip
        else:
            title = translate("contest", "Certificate of Achievement")
            body = fill(
                translate(
                    "contest", "This is to certify that\n%1\nwon %2 in “%3”\nwith %4 points."
                ),
                who.name,
                prize,
                contest.name,
                number(o.points, 1),
            )
        blocks += [
            PageBreak(CERTIFICATE_TOP, framed=False),
            Paragraph(title, size=30, bold=True, align=Qt.AlignmentFlag.AlignHCenter),
            Paragraph("", size=14),
            Paragraph(body, size=16, align=body_align),
            Paragraph("", size=14),
        ]
        lines = []
        for d in contest.drills:
            standing = by_drill[d.content_id].get(o.person_id)
            value = None if standing is None else standing.result
            points = 0.0 if standing is None else standing.points
            lines.append(fill(translate("contest", "%1: %2 (%3 points)"), d.title,
                              result_text(d, value), number(points, 1)))  # fmt: skip
        blocks.append(
            Paragraph(
                fill(translate("contest", "Results by drill: %1"), " · ".join(lines)),
                size=10,
                colour=QColor(MUTED),
                align=body_align,
            )
        )
        blocks += [
            Paragraph("", size=30),
            Paragraph(
                fill(translate("contest", "%1 (seal)"), results.branch_name),
                size=14,
                align=Qt.AlignmentFlag.AlignRight,
            ),
            Paragraph(issued, size=14, align=Qt.AlignmentFlag.AlignRight),
        ]
    return blocks


def certificate_date(moment: datetime) -> str:
    """The local day a certificate is issued, written out ("24 November 2026",
    "2026年11月24日"): a certificate carries a date, never a clock time."""
    day = local_day(moment)
    return QLocale().toString(
        QDate(day.year, day.month, day.day),
        translate("contest", "d MMMM yyyy", "the date on a certificate (Qt date format)"),
    )
