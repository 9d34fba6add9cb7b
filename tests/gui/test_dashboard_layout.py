"""The skill table keeps its room at branch scale: a team comparison of 25 teams (a bar
chart as tall as its bars, 710 pixels) scrolls in its own area instead of squeezing the
table to two rows and the window past a 768-pixel screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea
from test_supervisor_page import (  # noqa: F401 - the fixtures: the histories' template too
    _dashboard,
    _histories_template,
    db_path,
    histories,
)

from svctrainer.core.analytics.dashboard import TeamSummary

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

TEAMS = 25


def _teams(n: int) -> list[TeamSummary]:
    return [
        TeamSummary(f"Team {i:02d}", 20, 20, 20, 3000.0, 6000.0, 100.0 - i, 100.0 - i, 20, 5)
        for i in range(n)
    ]


def test_a_branch_of_25_teams_leaves_the_table_its_rows(qtbot, window, sign_in, histories):  # noqa: F811
    sign_in(histories.supervisor)
    window.resize(1366, 768)
    tab = _dashboard(qtbot, window)
    tab.team_chart.set_team_gains(_teams(TEAMS), "gain, %")
    area = tab.findChild(QScrollArea, "teamComparisonArea")
    assert area is not None
    assert area.widget() is tab.team_chart
    assert tab.team_chart.plot.minimumHeight() > 700  # every bar at its height
    qtbot.wait(100)  # the layouts settle
    assert tab.minimumSizeHint().height() < 600  # none of it forced on the page
    assert window.height() <= 768
    rows_shown = tab.table.viewport().height() // max(1, tab.table.rowHeight(0))
    assert rows_shown >= 8
    assert tab.team_chart.labels[0].startswith("Team 00")
