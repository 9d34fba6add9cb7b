"""A contest end to end in the GUI, on four workstations sharing one SQLite file: the
trainer creates and starts it from the Contest page, three tellers — each on a window of
their own, over their own connection — see the countdown, sit the one form through the
drill screen and the drill session, and the leaderboards (live, then locked at the
trainer's close) rank all three."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from support import FAST_PIN_COST, typed_perfectly

from svctrainer.core.contest.rules import Phase
from svctrainer.core.packs.definition import Mode
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.pages.contest import ContestPage, clock_text
from svctrainer.services.api import Services

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]
WAIT_MS = 60_000  # background work on three connections; generous for a loaded machine
TENKEY = "tenkey-amounts-test.en"
NAME = "Branch cup"


def _workstation(qtbot, window, services, person, pin):
    """``window`` (a MainWindow on ``services``) signed in as ``person``, on its Contest page."""
    if window is None:
        window = MainWindow(window_settings())
        qtbot.addWidget(window)
        window.attach_services(services, "Test Branch")
        window.show()
    qtbot.waitUntil(window.login.list_is_current, timeout=WAIT_MS)
    assert window.login.select_profile(person.employee_number)
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context is not None, timeout=WAIT_MS)
    assert window.go_to("contest")
    page = window.pages["contest"]
    assert isinstance(page, ContestPage)
    return window, page


def window_settings():
    from svctrainer.gui.settings import GuiSettings, Theme

    return GuiSettings(theme=Theme.LIGHT)


def _click_button(dialog, text):
    assert isinstance(dialog, QMessageBox), dialog
    button = next(b for b in dialog.buttons() if b.text() == text)
    button.click()


def _create_and_start(qtbot, trainer, on_next_dialog, tmp_path):
    """The trainer creates the contest through the dialog, then starts it."""
    assert trainer.new_button.isVisible()
    qtbot.waitUntil(trainer.empty.isVisible, timeout=WAIT_MS)

    def fill_in(dialog):
        dialog.name.setText(NAME)
        items = [dialog.drills.item(i) for i in range(dialog.drills.count())]
        chosen = next(i for i in items if i.data(Qt.ItemDataRole.UserRole + 1) == TENKEY)
        chosen.setCheckState(Qt.CheckState.Checked)
        dialog.countdown.setValue(3)
        dialog.minutes.setValue(20)
        dialog.grab().save(str(tmp_path / "new-contest.png"))
        dialog.accept()

    on_next_dialog(fill_in)
    trainer.new_button.click()
    qtbot.waitUntil(lambda: trainer._record is not None, timeout=WAIT_MS)
    assert trainer._record.name == NAME
    assert trainer.phase_label.text().startswith("Announced")
    assert trainer.start_button.isEnabled()
    on_next_dialog(lambda box: _click_button(box, "Start"))
    trainer.start_button.click()
    qtbot.waitUntil(lambda: trainer._record.phase() is not Phase.OPEN, timeout=WAIT_MS)


def _sit(qtbot, page, gap_ms):
    """Sit the contest's drill on ``page``'s workstation: the drill screen fed a perfect
    typist's keys ``gap_ms`` apart until the run ends by itself; back to the contest."""
    qtbot.waitUntil(page.sit_button.isEnabled, timeout=WAIT_MS)
    page.sit_button.click()
    qtbot.waitUntil(
        lambda: (
            page.current_screen is not None
            and page.current_screen.objectName() == "contestDrillScreen"
        ),
        timeout=WAIT_MS,
    )
    screen, ticket = page.current_screen, page._ticket
    for event in typed_perfectly(ticket.definition, Mode.TEST, ticket.seed, gap_ms=gap_ms):
        screen.feed(event)
    qtbot.waitUntil(
        lambda: (
            page.current_screen is not None and page.current_screen.objectName() == "resultScreen"
        ),
        timeout=WAIT_MS,
    )
    page.show_contest()
    qtbot.waitUntil(lambda: not page._loading and page.board.results is not None, timeout=WAIT_MS)
    assert not page.sit_button.isEnabled()  # one attempt, used
    return ticket.seed


@pytest.fixture
def stations(qtbot, branch, db_path):
    """Three tellers' workstations, each over its own connection to the one file."""
    made = []
    yield lambda person: made.append(_station(qtbot, db_path, person, branch.pin)) or made[-1]
    for services, win, _ in made:
        win.background.wait()
        win.close()
        services.close()
    QApplication.processEvents()


def _station(qtbot, db_path, person, pin):
    services = Services.open(str(db_path), pin_cost=FAST_PIN_COST)
    win, page = _workstation(qtbot, None, services, person, pin)
    return services, win, page


def test_three_workstations_sit_a_contest_and_the_leaderboards_rank_them(  # noqa: PLR0917
    qtbot, window, branch, on_next_dialog, tmp_path, stations
):
    _, trainer = _workstation(qtbot, window, None, branch.trainer, branch.pin)
    _create_and_start(qtbot, trainer, on_next_dialog, tmp_path)

    tellers = [branch.teller, branch.other_teller, branch.outsider_teller]
    pages = [stations(person)[2] for person in tellers]
    first = pages[0]
    qtbot.waitUntil(lambda: first._record is not None, timeout=WAIT_MS)
    if first._record.phase() is Phase.COUNTDOWN:
        assert first.clock.isVisible()
        assert first.clock.text() in {clock_text(s) for s in range(4)}
        assert not first.sit_button.isEnabled()  # not before the start
    gaps = (140, 190, 260)  # ms between keys: the first teller is the fastest
    seeds = {_sit(qtbot, page, gap) for page, gap in zip(pages, gaps, strict=True)}
    assert len(seeds) == 1  # one form for everyone

    # Until the close a teller sees only their own result: no points, no ranks, nobody
    # else ("results are published when the contest closes").
    last = pages[-1]
    last.refresh()
    qtbot.waitUntil(lambda: last.board.results is not None and last.board.results.own_only,
                    timeout=WAIT_MS)  # fmt: skip
    [own] = last.board.rows()
    assert own[0] == last._record.drills[0].title
    assert own[-1] == "1"  # tries
    assert last.board.status.text() == "Results are published when the contest closes"
    assert not last.board.teams.isVisible()

    # The trainer's leaderboard, read from the database, holds everyone.
    trainer.refresh()
    qtbot.waitUntil(lambda: len(trainer.board.rows()) == 3, timeout=WAIT_MS)
    names = [row[1] for row in trainer.board.rows()]
    assert names == [p.name for p in tellers]
    assert trainer.board.rows()[0][-1] == "20.0"

    # The trainer closes: the standings are locked and shown as final.
    on_next_dialog(lambda box: _click_button(box, "Close and lock"))
    trainer.close_button.click()
    qtbot.waitUntil(
        lambda: trainer.board.results is not None and trainer.board.results.locked,
        timeout=WAIT_MS,
    )
    assert trainer.phase_label.text().startswith("Closed")
    assert [row[1] for row in trainer.board.rows()] == names
    locked = branch.services.contests.results(branch.actor(branch.supervisor), NAME)
    assert locked.locked
    assert [c.name for c in locked.results.contestants] == names
    assert datetime.now(UTC) >= locked.contest.closed_at
    last.refresh()
    qtbot.waitUntil(lambda: len(last.board.rows()) == 3, timeout=WAIT_MS)  # published

    # The results sheet and certificates, exported from the page in the background.
    pdf = tmp_path / "results.pdf"
    trainer.export(pdf, "pdf")
    qtbot.waitUntil(pdf.exists, timeout=WAIT_MS)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_page_warns_when_this_clock_is_off_from_the_servers(qtbot, window, branch, tmp_path):
    """The contest runs on the database's clock: the page measures this workstation's
    against it and names a difference over 5 s; the countdown follows the database."""
    from datetime import timedelta

    from svctrainer.core.contest.rules import ContestRules

    branch.services.content.sync_bundled()
    cli = branch.services.contests
    from svctrainer.services.actor import Actor

    cli.create(Actor.command_line(), NAME, [TENKEY], ContestRules(countdown_s=600))
    cli.start(Actor.command_line(), NAME)
    _, page = _workstation(qtbot, window, None, branch.teller, branch.pin)
    qtbot.waitUntil(lambda: page._skew_checked and page._record is not None, timeout=WAIT_MS)
    assert abs(page._skew.total_seconds()) < 5  # one machine here: the same clock
    assert not page.clock_warning.isVisible()
    before = page.clock.text()

    page.set_skew(timedelta(seconds=-8))  # this workstation runs 8 s fast
    assert page.clock_warning.isVisible()
    assert "8 s" in page.clock_warning.text()
    assert page.phase_label.text() == "Starting in"
    assert page.clock.text() != before  # the countdown is 8 s longer on the server's clock
    page.grab().save(str(tmp_path / "clock-warning.png"))
