"""A drill and a scenario from the Practice page through the one session controller
(``gui/drill_session.py`` over ``services/drill_session.py``): each is started, stored
and announced to the rest of the window exactly once, by the same code."""

from __future__ import annotations

import pytest
from drill_typing import Typist
from PySide6.QtCore import Qt

from svctrainer.core.packs.definition import Mode
from svctrainer.services.changes import ATTEMPTS
from svctrainer.services.drill_session import DrillOutcome, ScenarioOutcome

pytestmark = pytest.mark.gui
WAIT_MS = 15_000


@pytest.fixture
def announced(window):
    """How many times the window was told an attempt was stored."""
    seen: list[int] = []
    window.context.hub.changed.connect(
        lambda changes, _by: seen.append(1) if changes.touches(ATTEMPTS) else None
    )
    return seen


def _choose(qtbot, page, content_id):
    assert page.select_content(content_id)
    qtbot.waitUntil(
        lambda: page._current is not None and page._current[0].content_id == content_id,
        timeout=WAIT_MS,
    )


def test_a_drill_goes_from_start_to_result_through_the_session(qtbot, practice, announced):
    _choose(qtbot, practice, "tenkey-amounts-practice.en")
    with qtbot.waitSignal(practice.session.started, timeout=WAIT_MS):  # adaptive: off-thread
        practice.practice_button.click()
    # The screen is built and shown on the turns after the run is ready.
    qtbot.waitUntil(lambda: practice.current_screen is not None, timeout=WAIT_MS)
    screen = practice.current_screen
    amount = screen.view.amount.text().replace(",", "")
    Typist(screen).type(amount + "\n" + "1", keypad=True)
    with qtbot.waitSignal(
        practice.session.saved,
        timeout=WAIT_MS,
        check_params_cb=lambda outcome: isinstance(outcome, DrillOutcome),
    ) as saved:
        screen.request_stop()
    outcome = saved.args[0]
    assert outcome.attempt.details["details"]["items_done"] == 1
    qtbot.waitUntil(lambda: practice.current_screen.objectName() == "resultScreen")
    assert practice.current_screen.attempt == outcome.attempt
    assert announced == [1]


def test_a_scenario_goes_from_start_to_debrief_through_the_session(
    qtbot, practice, announced, on_next_dialog
):
    _choose(qtbot, practice, "sample-queue-wait.en")
    practice.start(Mode.PRACTICE)
    player = practice.current_screen
    assert player.objectName() == "scenarioPlayer"
    qtbot.keyClick(player.conversation, Qt.Key.Key_1)
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    with qtbot.waitSignal(
        player.session.saved,
        timeout=WAIT_MS,
        check_params_cb=lambda outcome: isinstance(outcome, ScenarioOutcome),
    ) as saved:
        qtbot.keyClick(player.conversation, Qt.Key.Key_Escape)
    outcome = saved.args[0]
    assert outcome.attempt.kind == "scenario"
    assert len(outcome.steps) == 1
    qtbot.waitUntil(lambda: player.debrief is not None, timeout=WAIT_MS)
    assert player.attempt == outcome.attempt
    assert announced == [1]


def test_a_drill_screen_is_built_and_shown_on_turns_after_the_start(qtbot, practice):
    """The run, its screen and showing it each take a turn of the event loop (in one they
    held the window 107 ms, bench/bench_heartbeat.py); the catalogue stays up until the
    screen is whole, and going back meanwhile starts nothing."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from svctrainer.gui.drills.drill_screen import DrillScreen

    _choose(qtbot, practice, "drawer-balancing-practice.en")
    started: list[object] = []
    practice.drill_started.connect(lambda: started.append(1))
    practice.practice_button.click()  # no history to read: the run is ready at once
    assert practice.current_screen is None
    assert practice.stack.currentWidget() is practice.catalogue
    qtbot.waitUntil(lambda: isinstance(practice.current_screen, DrillScreen), timeout=WAIT_MS)
    assert practice.stack.currentWidget() is practice.current_screen
    assert started == [1]

    practice.show_catalogue()
    practice.practice_button.click()
    practice.show_catalogue()  # back before the screen showed
    for _ in range(5):
        QCoreApplication.processEvents()
    qtbot.wait(50)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert practice.current_screen is None
    assert practice.stack.currentWidget() is practice.catalogue
    assert started == [1]
    assert practice.findChildren(DrillScreen) == []  # the one built meanwhile never came


def test_a_drill_screen_built_when_its_page_goes_goes_with_the_page(qtbot, practice, monkeypatch):
    """The page deleted between the turn a drill's screen is built and the turn it would
    show (a sign-out then): the screen goes with it, deleted by Qt on the GUI thread. Left
    to Python, held by its own connections, it lived on until a garbage collection
    (possibly on a worker thread) destroyed it, Qt objects and all: the crash class of
    the staged charts."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    built: list[object] = []
    build = practice._drill_screen
    monkeypatch.setattr(practice, "_drill_screen", lambda *a: built.append(build(*a)) or built[-1])
    monkeypatch.setattr(practice, "_show_drill", lambda *a: None)  # the page goes first
    _choose(qtbot, practice, "drawer-balancing-practice.en")
    practice.practice_button.click()
    qtbot.waitUntil(lambda: len(built) == 1, timeout=WAIT_MS)
    screen = built[0]
    assert screen.parent() is None  # waiting for its turn, not in the page yet
    practice.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(screen)


def test_a_result_screen_is_built_on_the_answer_and_shown_a_turn_later(qtbot, practice):
    """Built, shown and painted in the turn the save's answer came, a drill's result held
    the window 67-74 ms (bench/bench_heartbeat.py): it is built then and shown on the next
    turn; the ended drill stays up meanwhile, and going back meanwhile shows nothing."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from svctrainer.gui.drills.drill_screen import DrillScreen
    from svctrainer.gui.drills.result_screen import ResultScreen

    def run_to_the_answer() -> tuple[DrillScreen, DrillOutcome]:
        assert practice.start_when_loaded("tenkey-amounts-practice.en", Mode.PRACTICE)
        qtbot.waitUntil(lambda: isinstance(practice.current_screen, DrillScreen), timeout=WAIT_MS)
        screen = practice.current_screen
        amount = screen.view.amount.text().replace(",", "")
        Typist(screen).type(amount + "\n", keypad=True)
        with qtbot.waitSignal(practice.session.saved, timeout=WAIT_MS) as saved:
            screen.request_stop()
        return screen, saved.args[0]

    _choose(qtbot, practice, "tenkey-amounts-practice.en")
    ended: list[object] = []
    practice.drill_ended.connect(lambda: ended.append(1))
    drill, outcome = run_to_the_answer()
    assert isinstance(outcome, DrillOutcome)
    assert practice.current_screen is drill  # the answer's turn: built, not shown
    assert ended == []
    qtbot.waitUntil(lambda: isinstance(practice.current_screen, ResultScreen), timeout=WAIT_MS)
    assert practice.stack.currentWidget() is practice.current_screen
    assert practice.current_screen.attempt == outcome.attempt
    assert ended == [1]

    practice.show_catalogue()
    run_to_the_answer()
    practice.show_catalogue()  # back before the result showed
    for _ in range(5):
        QCoreApplication.processEvents()
    qtbot.wait(50)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert practice.current_screen is None
    assert practice.stack.currentWidget() is practice.catalogue
    assert practice.findChildren(ResultScreen) == []  # the one built meanwhile never came
