"""The supervisor's customer-time tab, driven through its real widgets: the source of the
figures (assumed profile, then imported tickets), importing an export through the dialog
(and refusing a bad one), the what-if chart, before and after a training period,
deleting an import, and the teller's own customer-time view."""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

import pytest
from history_templates import branch_template_with, copied_over
from progress_support import add_rows, learning_history
from queue_support import ZONE, working_days, write_export
from sqlalchemy import func, select

from svctrainer.services.queue_data import ImportOptions
from svctrainer.store.models import QueueTicket

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

TRAINING_START = date(2026, 4, 6)  # a Monday
BEFORE = working_days(TRAINING_START - timedelta(weeks=4), 20)
AFTER_START = TRAINING_START + timedelta(weeks=2)


def _add_gains(branch) -> None:
    """Three tellers' ten-key histories, each gaining more than the last."""
    branch.services.content.sync_bundled()
    for n, who in enumerate((branch.teller, branch.other_teller, branch.outsider_teller)):
        rows = learning_history(seed=20 + n, attempts=30, gain=0.3 + 0.2 * n)
        add_rows(branch.services, who.id, rows)


@pytest.fixture(scope="module")
def _gains_template(request, tmp_path_factory) -> Path:
    """The branch with the gains, written once for the module (history_templates.py)."""
    return branch_template_with(request, tmp_path_factory.mktemp("gains"), _add_gains)


@pytest.fixture
def db_path(db_path, request) -> Path:
    """A test using ``gains`` starts from its own copy of the module's template."""
    if "gains" not in request.fixturenames:
        return db_path
    return copied_over(db_path, request.getfixturevalue("_gains_template"), request)


@pytest.fixture
def gains(branch):
    """The branch with three tellers' ten-key histories (in the database as it was
    copied: ``db_path``)."""
    return branch


@pytest.fixture
def open_tab(qtbot, window, sign_in, gains):
    """Signs the supervisor in and opens the customer-time tab (after any setup)."""
    return lambda: _tab(qtbot, window, sign_in, gains)


def _tab(qtbot, window, sign_in, branch):
    sign_in(branch.supervisor)
    window.go_to("supervisor")
    page = window.pages["supervisor"]
    page.tabs.setCurrentWidget(page.customer_time)
    tab = page.customer_time
    qtbot.waitUntil(lambda: tab.result is not None, timeout=20_000)
    return tab


def _tickets(services) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(QueueTicket))


def test_without_queue_data_the_panel_says_it_assumes_a_profile(qtbot, window, sign_in, gains):
    tab = _tab(qtbot, window, sign_in, gains)
    assert tab.panel.source.text().startswith("Source: assumed arrival profile")
    assert "250 customers a day" in tab.panel.source.text()
    assert "customer-minutes saved a day" in tab.panel.headline.text()
    assert [line.window_offset for line in tab.what_if.lines] == [-1, 0, 1, 2]
    assert tab.what_if.current_cut == pytest.approx(tab.result.effect.cut.cut_s)
    assert tab.result.effect.cut.cut_s > 0
    # Team A and Team B, each team's gains alone, drawn a turn after the panel's text.
    qtbot.waitUntil(lambda: len(tab.chart.labels) == 2, timeout=5_000)


def test_each_view_is_built_when_first_shown_with_the_figures_loaded(qtbot, window, sign_in, gains):
    """Only the Saving view is built with the tab; the others are built when shown
    (or asked for) and get the figures loaded before they existed."""
    tab = _tab(qtbot, window, sign_in, gains)
    lazy = (tab._what_if, tab._comparison, tab._queue_data, tab._mix)
    assert not any(view.built for view in lazy)
    assert tab.tabs.count() == 5
    assert tab.tabs.tabText(1) == "&What if"
    tab.tabs.setCurrentIndex(1)
    assert tab._what_if.built
    assert tab.tabs.currentWidget() is tab.what_if
    assert tab.what_if.current_cut == pytest.approx(tab.result.effect.cut.cut_s)
    assert [line.window_offset for line in tab.what_if.lines] == [-1, 0, 1, 2]
    tab.tabs.setCurrentIndex(3)
    assert tab._queue_data.built
    assert tab.tabs.currentWidget() is tab.queue_data
    qtbot.waitUntil(lambda: tab.queue_data.view is not None, timeout=10_000)
    assert "No queue data imported yet" in tab.queue_data.summary.text()
    assert not tab._comparison.built
    assert not tab._mix.built
    assert [tab.tabs.tabText(i) for i in range(5)] == [
        "&Saving", "&What if", "&Before / after", "&Queue data", "&Mix and assumptions",
    ]  # fmt: skip


def test_the_what_if_chart_shows_first_and_its_lines_a_turn_later(qtbot, window, sign_in, gains):
    """Built and drawn in one turn the What if tab held the window 69-133 ms (issue 17):
    its chart is built when the tab is shown and given its lines on a later turn, or at
    once when asked for (``what_if``); a later load redraws them, the same one does not."""
    tab = _tab(qtbot, window, sign_in, gains)
    tab.tabs.setCurrentIndex(1)
    assert tab._what_if.built
    chart = tab._what_if.widget
    assert chart.lines == ()  # not in the tab's first turn
    qtbot.waitUntil(lambda: len(chart.lines) == 4, timeout=5_000)
    assert chart.current_cut == pytest.approx(tab.result.effect.cut.cut_s)
    drawn = chart.lines
    tab._show(tab.result)  # the same answer again: nothing to redraw
    assert chart.lines is drawn
    previous = tab.result
    tab.load()
    qtbot.waitUntil(lambda: tab.result is not previous, timeout=10_000)
    assert chart.lines is not drawn
    assert [line.window_offset for line in chart.lines] == [-1, 0, 1, 2]


def test_the_bar_chart_is_drawn_a_turn_after_the_panel(qtbot, window, sign_in, gains):
    tab = _tab(qtbot, window, sign_in, gains)
    qtbot.waitUntil(lambda: len(tab.chart.labels) == 2, timeout=5_000)
    result = tab.result
    tab.chart.set_bars("", [], [], "", str)  # as before the answer came
    tab._show(result)
    assert tab.panel.headline.text()
    assert tab.chart.labels == []
    qtbot.waitUntil(lambda: len(tab.chart.labels) == 2, timeout=5_000)


def test_importing_through_the_dialog_switches_the_source(
    qtbot, open_tab, gains, tmp_path, on_next_dialog
):
    export = write_export(tmp_path / "tickets.csv", days=5)
    tab = open_tab()
    tab.tabs.setCurrentWidget(tab.queue_data)
    qtbot.waitUntil(lambda: tab.queue_data.view is not None, timeout=10_000)
    assert "No queue data imported yet" in tab.queue_data.summary.text()
    first = tab.result

    def import_it(dialog):
        dialog.path.setText(str(export))
        dialog.zone.setCurrentText(ZONE)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.result_record is not None, timeout=20_000)
        assert dialog.summary.text().startswith("Imported ")
        dialog.accept()

    on_next_dialog(import_it)
    tab.queue_data.import_button.click()
    qtbot.waitUntil(lambda: tab.result is not first, timeout=20_000)
    qtbot.waitUntil(lambda: tab.queue_data.imports.rowCount() == 1, timeout=10_000)
    assert tab.panel.source.text().startswith("Source: imported queue tickets")
    assert "(5 days," in tab.panel.source.text()
    assert "Measured in the tickets: mean wait" in tab.panel.details.text()
    assert tab.queue_data.hours.rowCount() == 8
    assert _tickets(gains.services) == tab.queue_data.imports.rows()[0].added


def test_a_bad_export_is_refused_in_the_dialog_with_its_lines(
    qtbot, open_tab, gains, tmp_path, on_next_dialog
):
    export = write_export(tmp_path / "tickets.csv", days=1)
    lines = export.read_text(encoding="utf-8").splitlines()
    lines[7] = lines[7].replace(lines[7].split(",")[2], "31/02/2026 10:00")
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tab = open_tab()
    tab.tabs.setCurrentWidget(tab.queue_data)
    seen = []

    def import_it(dialog):
        dialog.path.setText(str(export))
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.messages.toPlainText() != "", timeout=20_000)
        seen.append((dialog.summary.text(), dialog.messages.toPlainText()))
        dialog.reject()

    on_next_dialog(import_it)
    tab.queue_data.import_button.click()
    summary, messages = seen[0]
    assert summary.startswith("Nothing was imported: the file has 1 problem(s)")
    assert messages.startswith(f"{export}:8:")
    assert "issued_at '31/02/2026 10:00': not a date and time" in messages
    assert _tickets(gains.services) == 0


def test_before_and_after_a_training_period(qtbot, window, sign_in, gains, tmp_path):
    services = gains.services
    slow = write_export(tmp_path / "slow.csv", days=20, first=BEFORE[0], service_s=330, seed=5)
    fast = write_export(tmp_path / "fast.csv", days=20, first=AFTER_START, service_s=270, seed=6)
    for path in (slow, fast):
        services.queue_data.import_file(
            gains.actor(gains.supervisor), path, ImportOptions(zone=ZONE)
        )
    tab = _tab(qtbot, window, sign_in, gains)
    tab.tabs.setCurrentWidget(tab.comparison)
    view = tab.comparison
    view.weeks.setValue(4)
    end = TRAINING_START + timedelta(days=11)
    view.set_training(TRAINING_START, end)
    qtbot.waitUntil(
        lambda: (
            view.result is not None
            and view.result.before_days.first == TRAINING_START - timedelta(weeks=4)
        ),
        timeout=20_000,
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=5_000)
    rows = {r.measure: r for r in view.model.rows()}
    assert rows["Days with tickets"].before == "20"
    assert rows["Days with tickets"].after == "20"
    service = rows["Mean service time, start to finish (s)"]
    assert service.change.startswith("−")
    assert float(service.change[1:]) == pytest.approx(60, abs=12)
    assert rows["Mean wait (min)"].change.startswith("−")
    assert "Measured from the branch's queue tickets" in view.summary.text()


def test_deleting_an_import_asks_first(qtbot, open_tab, gains, tmp_path, on_next_dialog):
    services = gains.services
    export = write_export(tmp_path / "tickets.csv", days=1)
    services.queue_data.import_file(gains.actor(gains.supervisor), export, ImportOptions(zone=ZONE))
    tab = open_tab()
    tab.tabs.setCurrentWidget(tab.queue_data)
    data = tab.queue_data
    qtbot.waitUntil(lambda: data.imports.rowCount() == 1, timeout=10_000)
    data.imports_table.selectRow(0)

    def cancel(box):
        box.reject()

    on_next_dialog(cancel)
    data.delete_button.click()
    assert _tickets(services) > 0

    def accept(box):
        next(b for b in box.buttons() if b.text() == "Delete").click()

    on_next_dialog(accept)
    data.delete_button.click()
    qtbot.waitUntil(lambda: data.imports.rowCount() == 0, timeout=10_000)
    assert _tickets(services) == 0
    qtbot.waitUntil(lambda: tab.panel.source.text().startswith("Source: assumed"), timeout=10_000)


def test_a_teller_sees_the_source_and_their_share(qtbot, window, sign_in, gains, tmp_path):
    gains.services.queue_data.import_file(
        gains.actor(gains.supervisor), write_export(tmp_path / "t.csv", days=3),
        ImportOptions(zone=ZONE),
    )  # fmt: skip
    sign_in(gains.teller)
    window.go_to("progress")
    view = window.pages["progress"].view
    qtbot.waitUntil(lambda: view.current is not None, timeout=20_000)
    assert view.current is not None
    assert view.current.customer_time is None  # read when its tab is opened
    with qtbot.waitSignal(view.customer_time_loaded, timeout=15_000):
        view.tabs.setCurrentIndex(view.customer_index)  # read and filled when shown
    panel = view.customer_panel
    assert panel.source.text().startswith("Source: imported queue tickets")
    assert "shared queue you serve" in html.unescape(panel.details.text())
    assert panel.headline.text().endswith("customer-minutes a day")


def test_a_chart_deleted_before_its_turn_is_not_drawn_into(qtbot, window, sign_in, gains):
    """Sign-out deletes a page's tab pages a turn each, the tab itself last
    (``MainWindow._clear_pages``): a chart's turn still pending on the tab must be
    dropped with the tab page that holds the chart, not reach a deleted chart."""
    import shiboken6

    tab = _tab(qtbot, window, sign_in, gains)
    qtbot.waitUntil(lambda: len(tab.chart.labels) == 2, timeout=5_000)
    tab.tabs.blockSignals(True)  # as sign-out silences the tab bars
    tab._show(tab.result)  # the bar chart's turn pending
    shiboken6.delete(tab.tabs.widget(0))  # the Saving tab page, which holds it
    qtbot.wait(50)  # the turn due: an error in it fails the test (pytest-qt)
    tab.tabs.blockSignals(False)
    tab.tabs.setCurrentIndex(1)  # away and back to the What if tab, now the first:
    tab.tabs.setCurrentIndex(0)  # its chart built, its lines a turn later
    assert tab._what_if.built
    assert tab._what_if.widget.lines == ()
    tab.tabs.blockSignals(True)
    shiboken6.delete(tab.tabs.widget(0))
    qtbot.wait(50)
    assert shiboken6.isValid(tab)
