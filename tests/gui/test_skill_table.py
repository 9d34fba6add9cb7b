"""A skill's table on the supervisor page opens in turns of the event loop (issue 17):
the table with its summary and lists first, painted, then the team comparison, built the
first time in a turn of its own and drawn in the next; ``loaded`` once all is drawn.
The chart must show the service's teams, as when it was drawn with the table."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from progress_support import add_rows, learning_history
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QScrollArea
from test_supervisor_page import (  # noqa: F401 - the fixtures: the histories' template too
    _click_skill,
    _histories_template,
    _landing,
    db_path,
    histories,
)

from svctrainer.gui.charts.pdf_report import gain_cell, stall_reason
from svctrainer.gui.charts.team_chart import team_label

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

KEY = "tenkey-amounts"


class PaintLog(QObject):
    """Notes each paint of the watched widget in ``events``."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.events.append("table painted")
        return False


@pytest.fixture
def with_idle(histories):  # noqa: F811
    """The test branch's histories, and a fourth employee idle for 50 days: a name on the
    "needs attention" list."""
    start = datetime.now(UTC) - timedelta(days=110)
    rows = learning_history(seed=31, attempts=30, gain=0.3, start=start, span_days=60)
    add_rows(histories.services, histories.trainer.id, rows)
    return histories


def _expected(branch, team_id=None):
    board = branch.services.progress.dashboard(
        branch.actor(branch.supervisor), KEY, team_id=team_id
    )
    ranked = sorted(
        board.teams, key=lambda t: -(t.median_gain if t.median_gain is not None else -1e9)
    )
    return (
        [f"{team_label(t.team)} ({t.with_gain}/{t.people})" for t in ranked],
        [t.median_gain for t in ranked],
    )


def test_the_table_is_painted_before_the_team_chart_is_built_and_drawn(
    qtbot, window, sign_in, with_idle
):
    sign_in(with_idle.supervisor)
    tab = _landing(qtbot, window)
    events: list[str] = []
    log = PaintLog(events)
    tab.table.viewport().installEventFilter(log)

    def table_filled() -> None:
        chart_area = tab.findChild(QScrollArea, "teamComparisonArea")
        events.append("table filled" + (" (chart built)" if chart_area else ""))

    tab.model.modelReset.connect(table_filled)
    tab.loaded.connect(lambda: events.append("loaded"))
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        _click_skill(qtbot, tab, KEY)
    assert not tab.chart_pending()
    first = events.index("table filled")  # the chart not built yet then
    assert "table painted" in events[first : events.index("loaded")]
    assert events.count("loaded") == 1
    labels, values = _expected(with_idle)
    assert labels  # the branch's teams
    assert tab.team_chart.labels == labels
    assert tab.team_chart.values == values
    assert tab.findChild(QScrollArea, "teamComparisonArea").widget() is tab.team_chart
    board = tab.dashboard
    assert board is not None
    shown = [tab.improved.item(i).text() for i in range(tab.improved.count())]
    assert shown == [
        f"{e.person.name} ({e.person.employee_number}) {gain_cell(e.row.gain, e.row.gain_unit)}"
        for e in board.improved_most
    ]
    shown = [tab.stalled.item(i).text() for i in range(tab.stalled.count())]
    assert board.stalled  # the idle employee at least
    assert shown == [
        f"{e.person.name} ({e.person.employee_number}): {stall_reason(e.row.status)}"
        for e in board.stalled
    ]

    # Another load: the chart (built now) shows that table's teams, loaded once more.
    events.clear()
    team_index = next(i for i in range(tab.team.count()) if tab.team.itemData(i))
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.team.setCurrentIndex(team_index)
    assert events.count("loaded") == 1
    labels, values = _expected(with_idle, uuid.UUID(tab.team.itemData(team_index)))
    assert tab.team_chart.labels == labels
    assert tab.team_chart.values == values


def test_a_newer_table_replaces_the_one_whose_chart_is_still_to_come(
    qtbot,
    window,
    sign_in,
    histories,  # noqa: F811
):
    """Two tables shown before the chart's turn: the chart draws the newer one, once."""
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        _click_skill(qtbot, tab, KEY)
    everyone = tab.dashboard
    assert everyone is not None
    actor = histories.actor(histories.supervisor)
    team_id = next(t.id for t in histories.services.people.list_teams(actor))
    one_team = histories.services.progress.dashboard(actor, KEY, team_id=team_id)
    loads: list[int] = []
    tab.loaded.connect(lambda: loads.append(1))
    tab._show(everyone)  # two results arriving in one turn
    tab._show(one_team)
    assert tab.chart_pending()
    qtbot.waitUntil(lambda: not tab.chart_pending(), timeout=5_000)
    qtbot.wait(50)  # no second drawing comes
    assert loads == [1]
    assert tab.team_chart.labels == _expected(histories, team_id)[0]
    assert tab.dashboard is one_team


class RowsPaintLog(QObject):
    """Counts the paints of a table's viewport while its model holds rows."""

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.model.rowCount():
            self.count += 1
        return False


def test_a_new_table_is_painted_once_with_its_rows(
    qtbot,
    window,
    sign_in,
    histories,  # noqa: F811
):
    """Each paint of a 500-row table costs several milliseconds (issue 17): opening one
    painted it again when the column resizes' timer ran, and once more when its scroll
    bar appeared a turn later. Its columns and scroll bar are laid out before its first
    paint now, and that paint is its only one."""
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    log = RowsPaintLog(tab.model)
    tab.table.viewport().installEventFilter(log)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        _click_skill(qtbot, tab, KEY)
    qtbot.wait(100)  # any later paint comes in these turns
    assert log.count == 1
    assert not tab.table.verticalScrollBar().isVisible()  # three people: no scrolling

    # More people than the view shows: the scroll bar appears, and still one paint.
    board = tab.dashboard
    assert board is not None
    many = replace(board, entries=board.entries * 40)
    log.count = 0
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab._show(many)
    qtbot.wait(100)
    assert log.count == 1
    assert tab.table.verticalScrollBar().isVisible()
    # the widths the columns were given stand, the status column taking the rest
    header = tab.table.horizontalHeader()
    assert header.length() == tab.table.viewport().width()


def test_the_team_chart_is_built_while_the_worker_reads_the_first_table(
    qtbot,
    window,
    sign_in,
    histories,  # noqa: F811
):
    """The first table opened builds the team chart in a turn of its own while the worker
    reads (issue 17: built after the answer, it held the window 18-25 ms between the
    table's paint and the chart's drawing), held hidden and out of the page until the
    table's teams are drawn on it; then it is in its place, shown, with those teams."""
    import threading

    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    tab._ctx.background.wait()
    assert tab._team_chart is None
    assert tab._chart_ahead is None
    gate = threading.Event()  # the worker busy until the chart is built (one worker)
    tab._ctx.background.run(lambda: gate.wait(20), lambda _done: None, lambda _exc: None)
    try:
        _click_skill(qtbot, tab, KEY)
        qtbot.waitUntil(lambda: tab._chart_ahead is not None, timeout=5_000)
        assert tab.dashboard is None  # built before the table came
        assert not tab._chart_ahead.isVisible()
        assert tab.findChild(QScrollArea, "teamComparisonArea") is None  # not in place yet
    finally:
        gate.set()
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        pass
    chart = tab.team_chart
    assert tab._chart_ahead is None
    assert tab.findChild(QScrollArea, "teamComparisonArea").widget() is chart
    assert chart.isVisible()
    assert (chart.labels, chart.values) == _expected(histories)


def test_last_practice_reads_each_day_as_the_reports_write_it(
    qapp,
    zone,
    histories,  # noqa: F811
):
    """The table's "Last practice" column, with its zone and locale read once a load
    (``LastPractice.begin``), writes every moment as ``pdf_report.day_text`` does (the
    workstation's day, summer time included, in the locale's short form), and a zone or
    locale set while the program runs is the one the next load uses."""
    from PySide6.QtCore import QLocale

    from svctrainer.gui.charts.pdf_report import day_text
    from svctrainer.gui.pages.dashboard_tab import LastPractice

    actor = histories.actor(histories.supervisor)
    entry = histories.services.progress.dashboard(actor, KEY).entries[0]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    # Every 7 h 13 min for 16 months: each hour of the day, both summer-time changes.
    moments = [start + timedelta(minutes=433 * k) for k in range(1_600)]
    entries = [replace(entry, row=replace(entry.row, last_practice_at=m)) for m in moments]
    column = LastPractice()
    before = QLocale()
    try:
        for name in ("Asia/Shanghai", "Europe/London", "America/New_York", "Australia/Lord_Howe"):
            zone(name)
            for locale in ("en_GB", "zh_CN", "en_US", "C"):
                QLocale.setDefault(QLocale(locale))
                column.begin()
                shown = [column.text(e) for e in entries]
                assert shown == [day_text(m) for m in moments], (name, locale)
        assert column.text(replace(entry, row=replace(entry.row, last_practice_at=None))) == "—"
    finally:
        QLocale.setDefault(before)
