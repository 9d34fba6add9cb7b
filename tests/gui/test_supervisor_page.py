"""The supervisor page: dashboard sorting and filters, employee view, exports, the mix
editor and the "needs checking" list."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from history_templates import branch_template_with, copied_over
from progress_support import NOW, TENKEY_PRACTICE, add_rows, learning_history
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select
from support import typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.core.report_csv import CSV_ENCODING, DASHBOARD_COLUMNS
from svctrainer.core.xapi.validation import validate_statement
from svctrainer.store.models import Attempt

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _add_histories(branch) -> None:
    """Three tellers' ten-key histories over the last three months."""
    branch.services.content.sync_bundled()
    for n, who in enumerate((branch.teller, branch.other_teller, branch.outsider_teller)):
        start = datetime.now(UTC) - timedelta(days=90)
        rows = learning_history(
            seed=10 + n, attempts=40, gain=0.2 + 0.3 * n, start=start, span_days=88
        )
        add_rows(branch.services, who.id, rows)


@pytest.fixture(scope="module")
def _histories_template(request, tmp_path_factory) -> Path:
    """The branch with the histories, written once for the module (history_templates.py)."""
    return branch_template_with(request, tmp_path_factory.mktemp("histories"), _add_histories)


@pytest.fixture
def db_path(db_path, _histories_template, request) -> Path:
    """Every test here starts from the histories: each its own copy of the template."""
    return copied_over(db_path, _histories_template, request)


@pytest.fixture
def histories(branch):
    """The branch with three tellers' ten-key histories over the last three months (in the
    database as it was copied: ``db_path``). A module that imports this fixture imports
    ``db_path`` and ``_histories_template`` with it, or its tests would run on a branch
    without history (and a table without rows passes many a layout check): checked."""
    with branch.services.db.reading() as session:
        tellers = session.scalars(select(Attempt.person_id).distinct()).all()
    assert set(tellers) >= {branch.teller.id, branch.other_teller.id}, "import db_path too"
    return branch


def _landing(qtbot, window):
    """The supervisor page as it opens: the branch summary, loaded."""
    window.go_to("supervisor")
    tab = window.pages["supervisor"].dashboard
    qtbot.waitUntil(lambda: tab.landing.summary is not None, timeout=20_000)
    return tab


def _click_skill(qtbot, tab, key):
    """One click on the skill's line of the branch summary."""
    row = tab.landing.skill_row(key)
    assert row >= 0, key
    table = tab.landing.table
    rect = table.visualRect(tab.landing.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _dashboard(qtbot, window, key="tenkey-amounts"):
    """The per-person table of one skill, opened from the branch summary by one click,
    with its team chart (drawn a turn or two after the table)."""
    tab = _landing(qtbot, window)
    _click_skill(qtbot, tab, key)
    qtbot.waitUntil(
        lambda: (
            tab.dashboard is not None
            and tab.dashboard.family.key == key
            and not tab.chart_pending()
        ),
        timeout=15_000,
    )
    assert tab.showing_table()
    return tab


def _rows(tab):
    return [tab.model.row_at(r) for r in range(tab.model.rowCount())]


def test_dashboard_lists_everyone_and_sorts_by_header_click(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    numbers = {e.person.employee_number for e in _rows(tab)}
    assert numbers == {"T1", "T2", "T3"}
    assert "3 people" in tab.summary.text()
    header = tab.table.horizontalHeader()
    gain_column = 5
    x = header.sectionViewportPosition(gain_column) + header.sectionSize(gain_column) // 2
    for _ in range(2):  # ascending, then descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        gains = [e.row.gain for e in _rows(tab)]
        order = header.sortIndicatorOrder()
        assert header.sortIndicatorSection() == gain_column
        assert gains == sorted(gains, reverse=order == Qt.SortOrder.DescendingOrder)
    assert tab.team_chart.labels  # the team comparison is drawn
    assert tab.improved.count() >= 1


def test_the_dashboard_opens_on_the_branch_summary(qtbot, window, sign_in, histories):
    """No drill is chosen for the supervisor (once: the latest import, so the branch read
    "stalled"): every core skill in a line, figures from the service; one click opens a
    skill's table, and Back returns."""
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    assert not tab.showing_table()
    assert tab.dashboard is None  # no per-drill table loaded behind it
    expected = {
        s.family.key: s
        for s in histories.services.progress.branch_summary(
            histories.actor(histories.supervisor)
        ).skills
    }
    landing = tab.landing
    assert [s.family.key for s in landing.model.rows()] == list(expected)
    assert "tenkey-amounts.en" not in expected  # the en and zh packs are one skill
    row = landing.skill_row("tenkey-amounts")
    tenkey = expected["tenkey-amounts"]
    cells = [landing.model.index(row, c).data() for c in range(landing.model.columnCount())]
    assert cells == [
        "Ten-key amounts",
        f"3 of {tenkey.people}",
        f"+{tenkey.median_gain:.1f} %\n{tenkey.with_gain} with a baseline",  # two lines
        str(tenkey.improved),
        str(tenkey.idle),
        str(tenkey.no_progress),
        str(tenkey.not_started),
    ]
    assert landing.chart.labels[row] == "Ten-key amounts"
    cash = [landing.model.index(landing.skill_row("cash-counting"), c).data()
            for c in (1, 2, 4, 5)]  # fmt: skip
    assert cash[1:] == ["—", "0", "0"]  # nobody started: no gain, nobody idle or stuck

    _click_skill(qtbot, tab, "tenkey-amounts")
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=15_000)
    assert tab.showing_table()
    assert tab.dashboard.family.key == "tenkey-amounts"
    assert {e.person.employee_number for e in _rows(tab)} >= {"T1", "T2", "T3"}
    qtbot.mouseClick(tab.back_button, Qt.MouseButton.LeftButton)
    assert not tab.showing_table()
    with qtbot.waitSignal(landing.loaded, timeout=15_000):
        pass  # reloaded on the way back
    landing.table.setFocus()
    landing.table.setCurrentIndex(landing.model.index(landing.skill_row("cash-counting"), 0))
    qtbot.keyClick(landing.table, Qt.Key.Key_Return)  # Enter opens the current skill too
    qtbot.waitUntil(
        lambda: tab.dashboard is not None and tab.dashboard.family.key == "cash-counting",
        timeout=15_000,
    )


def test_the_landing_view_reads_its_summary_before_the_drill_and_team_lists(
    qtbot, window, sign_in, histories, monkeypatch
):
    """The branch summary reads no filter: the page asks the worker for it first, and
    the drill and team lists after it (issue 17: they held the supervisor's landing
    page for their read and a turn). The lists still fill, and a skill opens."""
    from svctrainer.services.progress import ProgressService

    calls: list[str] = []
    for name in ("branch_summary", "families"):
        real = getattr(ProgressService, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(ProgressService, name, spy)
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    qtbot.waitUntil(lambda: tab.drill.findData("tenkey-amounts") >= 0, timeout=15_000)
    assert calls[:2] == ["branch_summary", "families"]
    assert calls.count("branch_summary") == 1  # not read again once the lists are in
    _click_skill(qtbot, tab, "tenkey-amounts")
    qtbot.waitUntil(
        lambda: tab.dashboard is not None and tab.dashboard.family.key == "tenkey-amounts",
        timeout=15_000,
    )


def test_a_skill_opened_before_the_drill_list_is_in_loads_its_table_once(
    qtbot, window, sign_in, histories, monkeypatch
):
    """A click on a skill as soon as the summary shows (the drill list still on its way,
    read after the summary) loads that skill's table once, when the list comes: a
    second load landing later replaced the table under a PDF export in progress."""
    from svctrainer.services.progress import ProgressService

    boards: list[str] = []
    real = ProgressService.dashboard

    def spy(self, actor, key, *args, **kwargs):
        boards.append(key)
        return real(self, actor, key, *args, **kwargs)

    monkeypatch.setattr(ProgressService, "dashboard", spy)
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    qtbot.waitUntil(lambda: tab.drill.count() > 0, timeout=15_000)
    tab._ctx.background.wait()
    # As the page first opens: no drill list yet, the summary and the lists asked for.
    tab.drill.blockSignals(True)
    tab.drill.clear()
    tab.drill.blockSignals(False)
    opened: list[int] = []

    def open_at_once() -> None:
        if not opened:  # in the turn the summary shows: before the lists' turn
            opened.append(tab.drill.findData("tenkey-amounts"))
            tab.open_skill("tenkey-amounts")

    tab.landing.loaded.connect(open_at_once)
    tab.refresh()  # F5
    qtbot.waitUntil(lambda: tab.dashboard is not None, timeout=20_000)
    assert opened == [-1]  # the drill list was not in yet
    assert tab.dashboard.family.key == "tenkey-amounts"
    qtbot.wait(300)  # anything still queued comes in
    tab._ctx.background.wait()
    qtbot.wait(100)
    assert boards == ["tenkey-amounts"]


def test_a_summary_view_without_its_chart_builds_it_while_the_worker_reads(
    qtbot, window, sign_in, histories
):
    """A landing view whose chart was not built ahead (a sign-in builds it before the
    page shows) builds it in a turn of its own while the worker reads the summary, not
    in the turn that shows the summary (issue 17: that turn was the page's longest, and
    on the page's path to the screen); the summary then shows on the chart."""
    import threading

    from svctrainer.gui.pages.branch_summary import BranchSummaryView

    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    tab._ctx.background.wait()
    view = BranchSummaryView(tab._ctx)
    qtbot.addWidget(view)
    assert not view._chart_slot.built
    gate = threading.Event()  # the worker busy until the chart is built (one worker)
    tab._ctx.background.run(lambda: gate.wait(20), lambda _done: None, lambda _exc: None)
    try:
        view.refresh()
        qtbot.waitUntil(lambda: view._chart_slot.built, timeout=5_000)
        assert view.summary is None  # built before the summary came
    finally:
        gate.set()
    qtbot.waitUntil(lambda: view.summary is not None, timeout=20_000)
    assert len(view.chart.labels) == len(view.summary.skills)


def test_branch_summary_columns_and_rows_fit_their_texts(qtbot, window, sign_in, histories):
    """The branch summary's columns are sized once a load (not by a header that measured
    every cell at each layout pass): as wide as Qt's own measure of their texts, again
    after a change of text size; rows as tall as theirs."""
    from PySide6.QtWidgets import QApplication

    from svctrainer.gui.pages.branch_summary import SKILL_COLUMN

    sign_in(histories.supervisor)
    landing = _landing(qtbot, window).landing
    table = landing.table
    header, rows = table.horizontalHeader(), table.verticalHeader()

    def fits() -> bool:
        columns = all(
            header.sectionSize(c) == max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
            for c in range(landing.model.columnCount())
            if c != SKILL_COLUMN
        )
        return columns and all(
            rows.sectionSize(r) == max(rows.sectionSizeHint(r), table.sizeHintForRow(r))
            for r in range(landing.model.rowCount())
        )

    two_lines = landing.skill_row("tenkey-amounts")  # its median gain has a second line
    heights = [rows.sectionSize(r) for r in range(landing.model.rowCount())]
    assert heights[two_lines] > min(heights)
    assert fits()
    before = header.sectionSize(2), rows.sectionSize(two_lines)
    font = QApplication.font()
    bigger = type(font)(font)
    bigger.setPointSize(font.pointSize() + 6)
    QApplication.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: header.sectionSize(2) > before[0], timeout=5_000)
        assert rows.sectionSize(two_lines) > before[1]
        assert fits()
    finally:
        QApplication.setFont(font)
    qtbot.waitUntil(fits, timeout=5_000)


def test_branch_summary_pdf_through_the_save_dialog(
    qtbot, window, sign_in, histories, on_next_dialog, *, tmp_path
):
    sign_in(histories.supervisor)
    tab = _landing(qtbot, window)
    pdf = tmp_path / "branch.pdf"

    def save_as(dialog):
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(pdf))
        dialog.accept()

    on_next_dialog(save_as)
    with qtbot.waitSignal(tab.landing.exported, timeout=30_000) as done:
        tab.landing.pdf_button.click()
    result = done.args[0]
    assert (result.path, result.format, result.rows) == (pdf, "pdf", 1)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout
    [entry] = histories.services.audit.recent(
        histories.actor(histories.supervisor), action="report.export"
    )
    assert (entry.detail["what"], entry.detail["subject"]) == ("branch summary", "branch")


def test_dashboard_filters_by_team_date_range_and_name(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.team.setCurrentIndex(tab.team.findText("Team B"))
    assert [e.person.employee_number for e in _rows(tab)] == ["T3"]
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.team.setCurrentIndex(0)
    today = QDate.currentDate()
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.range_bar.set_days(today.addDays(-30), today)
    assert tab.dashboard.window.since is not None
    for entry in _rows(tab):
        last = entry.row.last_practice_at
        assert last is None or last >= tab.dashboard.window.since
    qtbot.keyClicks(tab.search, "Tess")
    assert [e.person.name for e in _rows(tab)] == ["Tess Teller"]


def test_the_csv_export_holds_what_the_table_shows(qtbot, window, sign_in, histories, tmp_path):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    qtbot.keyClicks(tab.search, "Tess")
    assert len(_rows(tab)) == 1
    target = tmp_path / "one.csv"
    with qtbot.waitSignal(tab.exported, timeout=15_000) as done:
        tab.export_csv(target)
    assert done.args[0].rows == 1
    with target.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == [_rows(tab)[0].person.employee_number]
    tab.search.clear()
    header = tab.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A
    shown = [e.person.employee_number for e in _rows(tab)]
    with qtbot.waitSignal(tab.exported, timeout=15_000):
        tab.export_csv(target)
    with target.open(encoding=CSV_ENCODING, newline="") as fh:
        assert [r[0] for r in list(csv.reader(fh))[1:]] == shown  # in the table's order


def test_trainer_scope_is_their_team(qtbot, window, sign_in, histories):
    """Trainers reach the dashboard through the same service: only their team's rows."""
    board = histories.services.progress.dashboard(
        histories.actor(histories.trainer), "tenkey-amounts.en"
    )
    assert {e.person.employee_number for e in board.entries} == {"T1", "T2"}


def test_open_an_employee(qtbot, window, sign_in, histories, on_next_dialog):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    seen = []

    def check(dialog):
        qtbot.waitUntil(lambda: dialog.view.current is not None, timeout=15_000)
        seen.append((dialog.view.person_id, dialog.view.family_key()))
        dialog.accept()

    on_next_dialog(check)
    tab.table.selectRow(0)
    entry = tab.selected()
    opened = tab.open_selected()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen[0] == (entry.person.id, "tenkey-amounts.en")
    # closed, it goes: the tab kept every closed dialog (plots and all) until sign-out
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(opened)
    assert tab.findChildren(type(opened)) == []


def test_exports_from_the_dashboard(qtbot, window, sign_in, histories, tmp_path):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    target = tmp_path / "dashboard.csv"
    with qtbot.waitSignal(tab.exported, timeout=15_000):
        tab.export_csv(target)
    with target.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == DASHBOARD_COLUMNS
    assert {r[0] for r in rows[1:]} == {"T1", "T2", "T3"}

    pdf = tmp_path / "team.pdf"
    with qtbot.waitSignal(tab.exported, timeout=30_000) as done:
        tab.export_team_pdf(pdf)
    pages = done.args[0].rows
    assert pages >= 1
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages

    statements = tmp_path / "xapi.json"
    with qtbot.waitSignal(tab.exported, timeout=30_000):
        tab.export_xapi(statements)
    data = json.loads(statements.read_text(encoding="utf-8"))
    assert len(data) == 120
    assert all(validate_statement(s) == [] for s in data)
    actions = [
        e.action for e in histories.services.audit.recent(histories.actor(histories.supervisor))
    ]
    assert actions.count("report.export") == 3


def test_mix_editor_saves_the_branch_mix(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.customer_time)
    editor = page.customer_time.mix
    qtbot.waitUntil(lambda: page.customer_time.result is not None, timeout=15_000)
    editor.per_day.setValue(60)
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.save_button.click()
    setting = histories.services.settings.transaction_mix(histories.actor(histories.teller))
    assert setting.mix.transactions_per_day == 60
    assert not setting.is_default


def test_customer_time_says_when_its_figures_are_drawn(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    tab = page.customer_time  # built here, loaded once shown
    assert tab.result is None
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        page.tabs.setCurrentWidget(tab)
    assert tab.result is not None
    assert tab.chart.labels  # the team chart drawn from that result
    assert tab.panel.isVisibleTo(page)
    with qtbot.waitSignal(tab.loaded, timeout=15_000):  # and again on each reload
        tab.load()


def test_the_mix_shows_built_in_types_in_chinese_and_saves_them_by_name(
    qtbot, qapp, window, sign_in, histories
):
    from PySide6.QtCore import QTranslator

    from svctrainer.gui.language import catalogue_dir
    from svctrainer.services.settings import DEFAULT_MIX

    translator = QTranslator()
    assert translator.load("svctrainer_zh_CN", catalogue_dir())
    qapp.installTranslator(translator)
    try:
        sign_in(histories.supervisor)
        window.go_to("supervisor")
        page = window.pages["supervisor"]
        page.tabs.setCurrentWidget(page.customer_time)
        editor = page.customer_time.mix
        qtbot.waitUntil(lambda: page.customer_time.result is not None, timeout=15_000)
        shown = [editor.table.item(r, 0).text() for r in range(editor.table.rowCount())]
        assert shown[:2] == ["现金存款", "现金取款"]
        assert not any(t.name in shown for t in DEFAULT_MIX.types)
        editor.table.item(2, 0).setText("代发工资")  # a supervisor's own name stays as typed
        with qtbot.waitSignal(editor.saved, timeout=15_000):
            editor.save_button.click()
    finally:
        qapp.removeTranslator(translator)
    setting = histories.services.settings.transaction_mix(histories.actor(histories.teller))
    names = [t.name for t in setting.mix.types]
    expected = [t.name for t in DEFAULT_MIX.types]
    expected[2] = "代发工资"
    assert names == expected


def test_needs_checking_lists_a_tampered_attempt(qtbot, window, sign_in, histories):
    services = histories.services
    actor = histories.actor(histories.other_teller)
    record = next(r for r in services.content.latest(actor) if r.content_id == TENKEY_PRACTICE)
    _, definition = services.content.load(actor, record.id)
    attempt = services.attempts.record_drill(
        actor, record.id, mode=Mode.PRACTICE, seed=5,
        events=typed_perfectly(definition, Mode.PRACTICE, seed=5, items=4), started_at=NOW,
    )  # fmt: skip
    with services.db.writing() as session:
        session.get(Attempt, attempt.id).accuracy = 1.0 if attempt.accuracy < 1 else 0.5
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.integrity)
    with qtbot.waitSignal(page.integrity.checked, timeout=30_000):
        page.integrity.check_button.click()
    assert [m.attempt_id for m in page.integrity.sweep.mismatches] == [attempt.id]
    assert "accuracy" in page.integrity.model.data(page.integrity.model.index(0, 3))


def test_tabs_are_built_when_first_shown(qtbot, window, sign_in, histories):
    """Only the dashboard is built with the page; another tab is built when the
    supervisor first opens it, takes its place in the tab bar and shows its data."""
    from svctrainer.gui.pages.customer_time_tab import CustomerTimeTab

    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert not page.findChildren(CustomerTimeTab)
    assert not page._customer_time.built
    index = next(i for i, t in enumerate(titles) if "Customer time" in t)
    page.tabs.setCurrentIndex(index)  # as a click on the tab does
    qtbot.waitUntil(lambda: page._customer_time.built, timeout=5_000)
    tab = page.tabs.widget(index)
    assert isinstance(tab, CustomerTimeTab)
    assert page.customer_time is tab
    assert page.tabs.currentIndex() == index
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == titles
    qtbot.waitUntil(lambda: tab.result is not None, timeout=15_000)
    assert tab.panel.isVisible()
    # Back and forth: built once, never again.
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(index)
    assert page.findChildren(CustomerTimeTab) == [tab]


def test_a_tab_asked_for_by_name_is_built_in_its_place(qtbot, window, sign_in, histories):
    sign_in(histories.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    count = page.tabs.count()
    standards = page.standards  # built now, not current
    assert page.tabs.indexOf(standards) == 2
    assert page.tabs.count() == count
    assert page.tabs.currentIndex() == 0
    page.tabs.setCurrentWidget(standards)
    qtbot.waitUntil(lambda: standards.data is not None, timeout=20_000)

def _widths(tab):
    header = tab.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def test_a_load_with_a_name_filter_sizes_the_columns_as_without_it(  # the review's
    qtbot,
    window,
    sign_in,
    histories,
):
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    everyone = _widths(tab)
    names = sorted((e.person.name for e in _rows(tab)), key=len)
    assert len(names) == 3
    qtbot.keyClicks(tab.search, names[0])  # the shortest name only
    assert [e.person.name for e in _rows(tab)] == [names[0]]
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.load()  # the same table again (a refresh), the filter still typed
    tab.search.clear()
    assert len(_rows(tab)) == 3
    assert _widths(tab) == everyone


def test_the_widest_name_is_shown_whole_in_the_column_fitted_to_it(
    qtbot,
    window,
    sign_in,
    histories,
):
    """``fit_columns`` sizes the names' column to the widest name it measured: that name
    must then be drawn whole, not elided. The cell as drawn at the fitted width is the
    same picture as with 40 px more room only if nothing was cut ("Otto …" is not)."""
    sign_in(histories.supervisor)
    tab = _dashboard(qtbot, window)
    entries = _rows(tab)
    widest = max(range(len(entries)), key=lambda r: len(entries[r].person.name))
    table, header = tab.table, tab.table.horizontalHeader()
    cell = table.visualRect(table.model().index(widest, 0))  # (main: the proxy's)
    assert cell.width() > 0
    fitted = table.viewport().grab(cell).toImage()
    header.resizeSection(0, header.sectionSize(0) + 40)
    wider = table.viewport().grab(cell).toImage()
    assert fitted == wider, f"{entries[widest].person.name!r} elided at {cell.width()} px"
