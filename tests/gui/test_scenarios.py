"""Customer scenarios end to end: a teller picks a scenario on the Practice page, answers
with the number keys while a controllable clock drives the countdown (no sleeping), and
the saved attempt and the debrief show what the engine computed from those decisions.

Nothing here depends on real time: the screen's clock is a ``FakeClock`` that moves only
when a test says so, and the screen's 50 ms timer is stopped as soon as a conversation
opens, so the countdown moves only when a test fires that timer's signal itself
(``tick``). A loaded machine can only make the tests slower, never change what they see;
``WAIT_MS`` only bounds how long a background save may take before a test gives up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.mood import Expression
from svctrainer.core.scenarios.rules import available_choices, initial_state
from svctrainer.store.models import Attempt

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]
S = 1_000_000_000
WAIT_MS = 30_000  # for background work (loading, saving); generous for a loaded machine
SAMPLE = "sample-queue-wait.en"  # content id: scenario id + language


class FakeClock:
    """Monotonic nanoseconds that move only when the test says so."""

    def __init__(self) -> None:
        self.t = 1_000 * S

    def __call__(self) -> int:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += round(seconds * S)


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr("svctrainer.gui.scenarios.scenario_screen.monotonic_ns", fake)
    return fake


def hold_the_timer(screen) -> None:
    """Stop the screen's own 50 ms timer: from here on, only ``tick`` moves the countdown."""
    assert screen.timer.isActive()  # a live screen does run its countdown by itself
    screen.timer.stop()


def tick(screen) -> None:
    """What the stopped timer would do next: emit ``timeout``, running the screen's slot
    through the same connection (so the wiring is tested too)."""
    screen.timer.timeout.emit()


WALKOUT = """\
id: walkout
title: A customer who will not wait
language: en
customer: {who: Mr Hu}
start: counter
nodes:
  - id: counter
    text: I have five seconds.
    time_limit_s: 5
    on_timeout: {to: gone, mood: {valence: -2}}
    choices:
      - {id: serve, text: Right away., to: served}
  - {id: served, text: Thanks., ending: true}
  - {id: gone, text: (He leaves.), ending: true, need_met: false}
"""


def shown_number(screen, authored: int) -> int:
    """The key that answers with the author's choice ``authored`` on ``screen`` now."""
    run = screen.run
    written = available_choices(run.scenario, run.state)
    if not 1 <= authored <= len(written):
        return authored  # no such choice: the key does nothing either way
    shown = [c.id for c in run.available_choices()]
    return shown.index(written[authored - 1].id) + 1


class Play:
    """Drives the Practice page's scenario runs: open, answer with keys, await the debrief."""

    def __init__(self, qtbot, page, clock: FakeClock) -> None:
        self.qtbot, self.page, self.clock = qtbot, page, clock

    def open(self, mode=Mode.PRACTICE):
        page = self.page
        assert page.select_content(SAMPLE)
        self.qtbot.waitUntil(
            lambda: page._current is not None and page._current[0].content_id == SAMPLE,
            timeout=WAIT_MS,
        )
        (page.practice_button if mode is Mode.PRACTICE else page.test_button).click()
        player = page.current_screen
        assert player is not None
        assert player.objectName() == "scenarioPlayer"
        # a test starts once the services have checked the retake limit
        self.qtbot.waitUntil(lambda: player.conversation is not None, timeout=WAIT_MS)
        assert player.conversation.objectName() == "scenarioScreen"
        hold_the_timer(player.conversation)
        return player

    def answer(self, screen, *numbers, think_s=4.0):
        """Answer with the choices the scenario's author wrote as ``numbers`` (1-based):
        each run shows them in its own order, so the key pressed is the one on the
        button now showing that choice."""
        for number in numbers:
            self.clock.advance(think_s)
            self.qtbot.keyClick(screen, getattr(Qt.Key, f"Key_{shown_number(screen, number)}"))

    def debrief(self, player):
        self.qtbot.waitUntil(lambda: player.debrief is not None, timeout=WAIT_MS)
        return player.debrief

    def hesitant_best_run(self):
        """The best path, except that the first 15 s countdown runs out."""
        player = self.open()
        screen = player.conversation
        self.clock.advance(15)
        tick(screen)
        # acknowledge, verify ID, check it, count twice, key the batch, offer payroll, set up
        self.answer(screen, 1, 1, 1, 1, 1, 2, 1)
        return player


@pytest.fixture
def play(qtbot, practice, clock):
    return Play(qtbot, practice, clock)


def test_scenarios_have_their_own_group_after_the_drills(qtbot, practice):
    tree = practice.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups[-1] == "Customer scenarios"
    assert "Customer scenarios" not in groups[:-1]
    assert practice.select_content(SAMPLE)
    qtbot.waitUntil(lambda: practice._current is not None)
    assert practice.detail_title.text().startswith("Peak hour")
    assert "Mr Khan" in practice.detail_facts.text()
    assert "HEARD protocol" in practice.detail_facts.text()
    assert "Delight service" in practice.instructions.toPlainText()
    assert practice.practice_button.isEnabled()
    assert practice.test_button.isEnabled()


def test_the_countdown_runs_out_and_keys_answer(qtbot, play, window):
    screen = play.open().conversation
    assert not window.nav.isEnabled()
    assert screen.portrait.expression is Expression.ANGRY  # valence -2.5, arousal 3
    assert screen.countdown.isVisible()
    assert screen.countdown.format() == "15 s to answer"
    assert any(b.text_shown.startswith("Good afternoon") for b in screen.choice_buttons)
    play.clock.advance(10)
    tick(screen)
    assert screen.countdown.value() == 5_000
    assert screen.countdown.format() == "5 s to answer"
    assert screen.run.log == ()
    play.clock.advance(4.999)
    tick(screen)
    assert screen.run.log == ()  # a millisecond before the deadline: still in time
    assert screen.countdown.format() == "1 s to answer"
    play.clock.advance(0.001)  # the 15 s are up: the teller hesitated
    tick(screen)
    [hesitation] = screen.run.log
    assert hesitation.choice_id is None
    assert hesitation.t_ns - hesitation.entered_ns == 15 * S  # exactly at the deadline
    assert "Time ran out" in screen.status.text()
    assert not screen.countdown.isVisible()  # the customer waits; no second countdown
    assert screen.feedback.isVisible()
    assert "You hesitated" in screen.feedback.text()
    assert "greet the customer at once" in screen.feedback.text()  # the node's on_timeout
    assert screen.mood_meter.moods[-1].valence == -4.5  # -1 x elapsed_time sensitivity 2
    play.answer(screen, 1)  # acknowledge the wait
    assert "acknowledge the wait before anything else" in screen.feedback.text()
    assert screen.feedback.text().startswith("<b>✓")
    assert screen.portrait.expression is Expression.ANGRY  # -2.7, still agitated
    qtbot.keyClick(screen, Qt.Key.Key_9)  # there is no 9th choice: nothing happens
    assert len(screen.run.log) == 2
    assert screen.countdown.isHidden()  # "listening" has no time limit


def test_the_saved_attempt_is_what_the_decisions_score(play, branch):
    player = play.hesitant_best_run()
    play.debrief(player)
    attempt = player.attempt
    # Hand-computed (docs/scenario-format.md, section 9): 18 points at most, the timeout
    # costs 2 and is a failure, so delight is out of reach -> comfort, raw 70 +
    # round(16/18 x 19) = 87, under the cap of 100 - 5 x 1 failure = 95.
    assert (attempt.grade, attempt.score, attempt.mode) == ("comfort", 87.0, "practice")
    assert attempt.duration_ms == 15_000 + 7 * 4_000
    assert attempt.details["timeouts"] == 1
    # hesitating cost responsiveness: the on_timeout's -2 against the best run's 4
    assert attempt.details["servqual"]["responsiveness"] == 2
    assert attempt.details["servqual"]["reliability"] == 6
    actor = branch.actor(branch.teller)
    stored = branch.services.attempts.history(actor, branch.teller.id)
    assert [a.id for a in stored] == [attempt.id]
    assert branch.services.attempts.decisions(actor, attempt.id) == list(
        player.conversation.run.log
    )
    assert branch.services.attempts.rescore(actor, attempt.id).matches


def test_the_debrief_explains_the_run(qtbot, play, window):
    player = play.hesitant_best_run()
    debrief = play.debrief(player)
    assert window.nav.isEnabled()  # the debrief is shown: the window wakes up
    assert debrief.tier_label.text() == "Comfort service"
    assert "Score 87 / 100" in debrief.figures.text()
    assert "best possible: Delight service, 100" in debrief.figures.text()
    reasons = debrief.reasons.text()
    assert "You anticipated a need the customer had not thought of yet." in reasons
    # comfort at 87 is under the cap of 95 for one mistake: no cap sentence
    assert "the score is capped" not in reasons
    assert "1 mistake on the way: delight is for service without mistakes" in reasons
    # the run against the standard level's service standard: the hesitation at the
    # window fails "respond in time"; everything else the scenario judges was met
    assert debrief.compliance is not None
    assert (debrief.compliance.met, debrief.compliance.applicable) == (7, 8)
    standard = debrief.standard.text()
    assert "Standard service" in standard or "baseline" in standard
    assert standard.count("✓") == 7
    assert standard.count("✗") == 1
    assert "Respond at the window within 10 seconds" in standard
    steps = debrief.steps.text()
    for step in ("Hear", "Empathize", "Resolve", "Diagnose"):
        assert step in steps
    assert "⚠" not in steps  # no order violation
    path = debrief.path.text()
    assert path.count("<p>") == 8
    assert "You hesitated: the time ran out." in path
    assert "Better" in path  # hesitating was not the best move
    assert path.count("The best choice here.") == 7
    assert "I&#x27;ll tell the other" in debrief.ending.text()
    assert debrief.radar.dimensions[-1] == "tangibles"
    assert debrief.radar.yours == {
        "reliability": 6, "responsiveness": 2, "assurance": 3, "empathy": 4, "tangibles": 1
    }  # fmt: skip
    assert debrief.radar.best == {**debrief.radar.yours, "responsiveness": 4}
    # the mood trace: arrival, the timeout, then each of the seven answers
    xs, valence = debrief.mood_chart.valence.getData()
    assert list(xs) == list(range(9))
    assert [round(float(v), 2) for v in valence] == [
        -2.5, -4.5, -2.7, -2.7, -2.2, -1.7, 0.55, 4.55, 5.0
    ]  # fmt: skip
    assert debrief.mood_chart.timeout_marks == [1]
    qtbot.keyClick(debrief, Qt.Key.Key_Escape)
    assert play.page.current_screen is None
    assert window.nav.isEnabled()


def test_order_violations_are_marked_in_the_steps(play):
    player = play.open()
    # straight to business, verify, check, count, then the slips path: resolve is taken
    # while the customer is still unhappy and before any acknowledging step
    play.answer(player.conversation, 2, 1, 1, 1, 2)
    assert player.conversation.run.node.id == "slips"
    play.answer(player.conversation, 2, 3)  # process in silence (resolve), "Next, please."
    debrief = play.debrief(player)
    steps = debrief.steps.text()
    assert "⚠ Resolve" in steps
    assert "Resolve before acknowledging the customer&#x27;s feelings." in steps
    assert player.attempt.details["violations"][0]["code"] == "resolved_before_acknowledging"


def test_test_mode_gives_no_feedback_and_a_breach_fails(play):
    player = play.open(Mode.TEST)
    screen = player.conversation
    assert screen.show_feedback.isHidden()
    play.clock.advance(15)  # a hesitation in a test: counted, but not commented on
    tick(screen)
    assert [e.choice_id for e in screen.run.log] == [None]
    assert not screen.feedback.isVisible()
    play.answer(screen, 1, 2)  # acknowledge, then skip the ID check
    assert not screen.feedback.isVisible()
    # count twice; the verified batch is not offered: key it unverified; thank and close
    assert any(b.text_shown.startswith("Counted twice") for b in screen.choice_buttons)
    play.answer(screen, 1)
    assert "(Key the three payments from his account.)" in [
        b.text_shown for b in screen.choice_buttons
    ]
    play.answer(screen, 1, 1)
    debrief = play.debrief(player)
    attempt = player.attempt
    assert (attempt.grade, attempt.mode) == ("not_met", "test")
    assert attempt.details["timeouts"] == 1
    assert attempt.score <= 39
    assert debrief.tier_label.text() == "Not met"
    reasons = debrief.reasons.text()
    assert "A must-be requirement was breached: the identity check." in reasons
    assert "compliance with the rules" in reasons
    path = debrief.path.text()
    assert "May I see your card and some photo ID first?" in path  # the better choice at step 2
    assert "Never. Identity checks are a must-be requirement" in path  # feedback, afterwards


def test_a_key_after_the_deadline_comes_after_the_timeout(qtbot, play):
    screen = play.open().conversation
    play.clock.advance(16)  # past the deadline, and no tick has run yet
    play.answer(screen, 1, think_s=0)
    timeout, answer = screen.run.log
    assert (timeout.choice_id, timeout.t_ns - timeout.entered_ns) == (None, 15 * S)
    assert (answer.choice_id, answer.t_ns - answer.entered_ns) == ("acknowledge", 16 * S)


def test_when_time_moves_the_customer_on_a_late_key_is_ignored(qtbot):
    from svctrainer.core.scenarios.loader import load_scenario
    from svctrainer.gui.scenarios.scenario_screen import ScenarioScreen

    walkout = load_scenario(WALKOUT.encode(), "walkout.yaml").scenario
    clock = FakeClock()
    screen = ScenarioScreen(walkout, Mode.PRACTICE, clock=clock)
    qtbot.addWidget(screen)
    finished = []
    screen.finished.connect(finished.append)
    clock.advance(6)
    assert not screen.choose_number(1)  # the customer left at 5 s
    [entry] = screen.run.log
    assert (entry.choice_id, entry.t_ns - entry.entered_ns) == (None, 5 * S)
    assert finished == [screen.run]
    assert screen.run.node.id == "gone"
    assert not screen.timer.isActive()


def test_stopping_before_and_during_a_conversation(qtbot, play, on_next_dialog):
    player = play.open()
    qtbot.keyClick(player.conversation, Qt.Key.Key_Escape)  # nothing answered yet: nothing saved
    assert play.page.current_screen is None
    player = play.open()
    play.answer(player.conversation, 1)
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    qtbot.keyClick(player.conversation, Qt.Key.Key_Escape)
    debrief = play.debrief(player)
    assert (player.attempt.grade, player.attempt.completion) == (None, "incomplete")
    assert player.attempt.details["completed"] is False
    assert "The conversation stopped before the visit ended." in debrief.reasons.text()
    assert "stopped before the end" in debrief.ending.text()


def test_a_failed_save_keeps_the_run_and_retries(play, branch, monkeypatch, on_next_dialog):
    from svctrainer.services.errors import DatabaseBusyError

    player = play.open()
    real = branch.services.attempts.record_scenario
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusyError("svctrainer.sqlite3 is locked by another program")
        return real(*args, **kwargs)

    monkeypatch.setattr(branch.services.attempts, "record_scenario", flaky)
    seen = {}

    def retry(box: QMessageBox):
        seen["title"] = box.windowTitle()
        next(b for b in box.buttons() if b.text() == "Try again").click()

    on_next_dialog(retry)
    play.answer(player.conversation, 3, 2)  # argue back, send him to the manager
    debrief = play.debrief(player)
    assert seen["title"] == "Your result is not saved yet"
    assert len(calls) == 2
    assert player.attempt.grade == "not_met"
    assert "without their reasonable requirements being met" in debrief.reasons.text()


def test_a_run_the_database_refuses_is_kept_in_a_file_that_imports_later(  # noqa: PLR0917
    qtbot, play, branch, monkeypatch, on_next_dialog, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    from svctrainer.services.actor import Actor
    from svctrainer.services.errors import DatabaseReadOnlyError

    player = play.open()

    def refuse(*_args, **_kwargs):
        raise DatabaseReadOnlyError("/media/branch/svctrainer.sqlite3 is on read-only storage")

    recording = branch.services.attempts.record_scenario
    monkeypatch.setattr(branch.services.attempts, "record_scenario", refuse)
    kept = tmp_path / "run.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(kept), ""))
    on_next_dialog(
        lambda box: next(b for b in box.buttons() if b.text() == "Save to file…").click()
    )
    play.answer(player.conversation, 3, 2)  # argue back, send him to the manager
    qtbot.waitUntil(kept.exists, timeout=30_000)
    monkeypatch.setattr(branch.services.attempts, "record_scenario", recording)
    outcome = branch.services.saved_attempts.import_file(
        Actor.command_line(), kept.read_bytes(), str(kept)
    )
    assert outcome.attempt.kind == "scenario"
    assert outcome.attempt.person_id == branch.teller.id
    assert outcome.attempt.grade == "not_met"


def test_again_starts_a_new_conversation(play, window):
    player = play.open()
    play.answer(player.conversation, 3, 2)
    debrief = play.debrief(player)
    debrief.again_button.click()
    assert player.debrief is None
    assert player.conversation.run.log == ()
    assert not window.nav.isEnabled()


def test_portraits_follow_the_customer_type_and_exist_for_every_expression():
    from svctrainer.gui.scenarios.portrait import avatar_folder, portrait_set

    # the names the shipped scenarios use have drawings of their own
    for name in ("business-man", "middle-aged-man", "older-woman", "older-woman-elegant",
                 "young-man", "young-woman"):  # fmt: skip
        assert portrait_set(name) == name
    assert portrait_set("elderly-lady") == "older-woman"
    assert portrait_set("senior-man") == "older-man"
    assert portrait_set("middle-aged-lady") == "middle-aged-woman"
    assert portrait_set("shop-owner") == "business-man"
    assert portrait_set("vip") == "wealth-client"
    assert portrait_set("vip-woman") == "older-woman-elegant"
    assert portrait_set("student-girl") == "young-woman"
    assert portrait_set("no-such-person") == "default"
    sets = {p.name.rsplit("-", 1)[0] for p in avatar_folder().glob("*.svg")}
    assert len(sets) == 11
    for name in sets:
        for expression in Expression:
            assert (avatar_folder() / f"{name}-{expression.value}.svg").is_file()


def test_pyqtgraph_is_not_imported_until_a_scenario_is_played():
    code = (
        "import sys; import svctrainer.gui.main_window, svctrainer.gui.pages.practice, "
        "svctrainer.gui.scenarios.scenario_player; "
        "print('pyqtgraph' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_each_run_shows_its_own_order_and_the_stored_seed_gives_it_back(
    qtbot, play, branch, on_next_dialog
):
    player = play.open()
    screen = player.conversation
    run = screen.run
    assert run.seed is not None  # drawn for this conversation
    shown = [b.text_shown for b in screen.choice_buttons]
    assert shown == [c.text for c in run.available_choices()]
    play.answer(screen, 1)  # the author's first choice, wherever this run shows it
    assert (
        run.log[-1].choice_id == available_choices(run.scenario, initial_state(run.scenario))[0].id
    )
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    play.debrief(player)
    stored = player.attempt
    with branch.services.db.reading() as session:
        seed = session.get(Attempt, stored.id).seed
    assert seed == run.seed
    again = ScenarioRun(run.scenario, 0, seed=seed)
    assert [c.text for c in again.available_choices()] == shown


def test_a_scenario_test_past_the_retake_limit_is_refused_in_the_trainees_words(
    qtbot, play, branch, on_next_dialog
):
    svc = branch.services
    svc.assignments.create(
        branch.actor(branch.trainer),
        targets={SAMPLE: {"mode": "test", "min_tier": "comfort", "max_tests": 1, "per_days": 7}},
        team_ids=[branch.team_a.id],
    )
    page = play.page
    assert page.select_content(SAMPLE)
    qtbot.waitUntil(page.retake_label.isVisible, timeout=WAIT_MS)
    assert page.retake_label.text() == "Tests left under your trainer's limit: 1 (1 in 7 days)"
    player = play.open(Mode.TEST)  # the one test the limit allows
    on_next_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Stop").click())
    play.answer(player.conversation, 1)
    qtbot.keyClick(player.conversation, Qt.Key.Key_Escape)
    play.debrief(player)
    page.show_catalogue()
    assert page.select_content(SAMPLE)
    qtbot.waitUntil(
        lambda: page.retake_label.text().startswith("Tests left under your trainer's limit: 0"),
        timeout=WAIT_MS,
    )
    refusals: list[str] = []

    def read_and_close(box) -> None:
        refusals.append(box.text())
        box.accept()

    qtbot.waitUntil(page.test_button.isEnabled, timeout=WAIT_MS)
    on_next_dialog(read_and_close)
    page.test_button.click()
    qtbot.waitUntil(lambda: bool(refusals), timeout=WAIT_MS)
    assert refusals[0].startswith("You have taken this test 1 time in 7 days")
    qtbot.waitUntil(lambda: page.current_screen is None, timeout=WAIT_MS)  # back to the list


def test_the_debrief_shows_its_text_first_and_draws_each_chart_a_turn_later(qtbot, play):
    """Building the debrief and both charts at once held the window: the text comes at
    once, each chart on a turn of the event loop of its own, in its reserved place."""
    from svctrainer.gui.scenarios.debrief_charts import MoodTraceChart, ServqualRadar
    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen

    player = play.hesitant_best_run()
    shown = play.debrief(player)
    qtbot.waitUntil(lambda: shown._radar.built and shown._mood_chart.built, timeout=WAIT_MS)
    # The same debrief again, watched from its first moment.
    debrief = DebriefScreen(
        shown.attempt, shown.scenario, shown.review, None, compliance=shown.compliance
    )
    qtbot.addWidget(debrief)
    debrief.show()
    assert debrief.tier_label.text() == "Comfort service"
    slots = (debrief._radar, debrief._mood_chart)
    assert not any(slot.built for slot in slots)  # nothing drawn in the same turn
    assert not debrief.findChildren(ServqualRadar)
    heights = [slot.height() for slot in slots]
    qtbot.waitUntil(lambda: slots[0].built, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: slots[1].built, timeout=WAIT_MS)
    assert debrief.findChildren(ServqualRadar) == [debrief.radar]
    assert debrief.findChildren(MoodTraceChart) == [debrief.mood_chart]
    assert debrief.radar.parent() is debrief._radar
    assert [slot.height() for slot in slots] == heights  # the page did not jump
    assert debrief.radar.height() == heights[0]
    assert debrief.mood_chart.timeout_marks == [1]


def test_the_debrief_draws_no_chart_before_its_text_is_painted(qtbot, play):
    """A chart stage begun when the debrief was built came due while the player stacked
    and showed it, and shared one turn with the showing and the text's first paint (up
    to 103 ms of the GUI thread's CPU at a scenario's end): the stages begin after the
    debrief's first paint, and a debrief not yet on screen draws none."""
    import time

    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen

    player = play.hesitant_best_run()
    shown = play.debrief(player)
    debrief = DebriefScreen(
        shown.attempt, shown.scenario, shown.review, None, compliance=shown.compliance
    )
    qtbot.addWidget(debrief)
    slots = (debrief._radar, debrief._mood_chart)
    time.sleep(0.01)  # any timer begun with the debrief is due by now
    qtbot.wait(50)
    assert all(slot._pending is None and not slot.built for slot in slots)
    debrief.show()
    qtbot.waitUntil(lambda: all(slot.built for slot in slots), timeout=WAIT_MS)


def test_the_debrief_lays_its_text_out_on_a_turn_after_its_build(qtbot, play):
    """Laying the debrief's text out in its scroll area was most of its build (30-58 ms
    of 37-66), in the turn that also saved the run: built, the debrief holds its text
    aside; the player puts it in on the turn it stacks the debrief, and a debrief shown
    some other way (a result dialog) on its showing."""
    from PySide6.QtWidgets import QScrollArea

    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen

    player = play.hesitant_best_run()
    shown = play.debrief(player)
    assert shown.findChild(QScrollArea).widget() is not None  # the player's, on screen
    debrief = DebriefScreen(
        shown.attempt, shown.scenario, shown.review, None, compliance=shown.compliance
    )
    qtbot.addWidget(debrief)
    area = debrief.findChild(QScrollArea)
    assert area.widget() is None
    debrief.show()
    assert area.widget() is not None
    assert debrief.steps.isVisibleTo(debrief)


def test_each_debrief_chart_is_drawn_in_stages_and_ends_as_one_drawn_whole(qtbot, play):
    """A debrief chart whole held the window 60-85 ms: its slot draws it a stage per turn
    of the event loop, shows it only once it is whole, and the chart is the same as one
    drawn at once (what it plots, its captions, its legend)."""
    from PySide6.QtWidgets import QLabel

    from svctrainer.gui.scenarios.chart_slot import ChartSlot
    from svctrainer.gui.scenarios.debrief_charts import MoodTraceChart, ServqualRadar

    player = play.hesitant_best_run()
    shown = play.debrief(player)
    whole_radar, whole_mood = shown.radar, shown.mood_chart  # drawn at once if not yet
    for whole, make in (
        (
            whole_radar,
            lambda: ServqualRadar(whole_radar.yours, whole_radar.best, later=True),
        ),
        (
            whole_mood,
            lambda: MoodTraceChart(
                _trace_of(whole_mood),
                whole_mood.timeout_marks,
                _comfort_of(whole_mood),
                later=True,
            ),
        ),
    ):
        slot = ChartSlot(make, 300, 300)
        qtbot.addWidget(slot)
        steps = 1
        while not slot.step():
            assert slot._box.count() == 0  # nothing shown half drawn
            steps += 1
        assert steps >= 3  # several turns, none of them the whole chart
        staged = slot.chart
        assert staged.parent() is slot
        assert _drawn(staged) == _drawn(whole)
        assert [label.text() for label in staged.findChildren(QLabel)] == [
            label.text() for label in whole.findChildren(QLabel)
        ]


def _radar():
    from svctrainer.gui.scenarios.debrief_charts import ServqualRadar

    return ServqualRadar({"Reliability": 3, "Empathy": 2, "Tangibles": 1}, None, later=True)


def _mood_trace():
    from svctrainer.gui.scenarios.debrief_charts import MoodTraceChart

    return MoodTraceChart([[0.0, 0.0], [1.0, 0.5], [-1.0, 1.0]], [2], 0.5, later=True)


def _mood_meter():
    from svctrainer.core.scenarios.model import Mood
    from svctrainer.gui.scenarios.mood_meter import MoodMeter

    return MoodMeter(Mood(0.0, 0.0), 0.5, later=True)


@pytest.mark.parametrize("make", [_radar, _mood_trace, _mood_meter])
def test_a_chart_half_drawn_goes_with_its_slot_and_leaves_no_qt_object_to_the_collector(
    qtbot, make
):
    """A chart whose screen goes while it is drawn (a debrief left, a sign-out, a closed
    window) is deleted with its slot by Qt. Held by Python alone, it and its plot lived
    on until a garbage collection freed them, on whichever thread that ran: freed off
    the GUI thread, PySide queued their Qt objects for the GUI thread, which crashed
    deleting them (a test worker's segmentation fault in a collection)."""
    import gc

    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from svctrainer.gui.scenarios.chart_slot import ChartSlot

    # What earlier tests left is set aside (frozen: the collection below does not walk
    # it): only this chart's is looked for below. Not collected first: late in a whole
    # run, each full collection of the worker's heap cost about 0.4 s of CPU.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        screen = QWidget()
        QVBoxLayout(screen).addWidget(slot := ChartSlot(make, 300, 300))
        screen.show()
        assert not slot.step()  # built, its first stage drawn: not whole yet
        chart = slot._pending
        plot = chart.plot
        assert not chart.isVisible()  # nothing shown half drawn
        shiboken6.delete(screen)  # the screen goes
        assert not shiboken6.isValid(chart)
        assert not shiboken6.isValid(plot)
        del screen, slot, chart, plot
        gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector would free, kept to be read
        try:
            gc.collect()
            left = {
                type(o).__name__
                for o in gc.garbage
                if isinstance(o, QObject) and shiboken6.isValid(o) and shiboken6.ownedByPython(o)
            }
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    finally:
        if not frozen_before:  # nothing was frozen: earlier garbage back to the collector
            gc.unfreeze()
    assert left == set()


def _trace_of(chart):
    _steps, valence = chart.valence.getData()
    _, arousal = chart.arousal.getData()
    return [[float(v), float(a)] for v, a in zip(valence, arousal, strict=True)]


def _comfort_of(chart):
    comfort = chart.plot.getPlotItem().listDataItems()[2]
    return float(comfort.getData()[1][0])


def _drawn(chart):
    """What a chart's plot holds: each item's kind, and each data line's points."""
    items = chart.plot.getPlotItem().items
    summary = []
    for item in items:
        data = getattr(item, "getData", None)
        points = data() if data is not None else None
        text = getattr(item, "textItem", None)
        summary.append(
            (
                type(item).__name__,
                None if points is None else [list(map(float, p)) for p in points],
                text.toPlainText() if text is not None else None,
            )
        )
    return summary


def test_the_mood_meter_is_drawn_a_turn_after_the_conversation_shows(qtbot, play):
    """The screen's text and choices first; the meter's plot in a later turn, showing
    the customer's mood as it is by then."""
    player = play.open()
    screen = player.conversation
    qtbot.waitUntil(lambda: screen._mood_meter.built, timeout=WAIT_MS)
    assert screen.mood_meter.moods == [screen.run.mood]
    qtbot.waitUntil(screen.mood_meter.isVisible, timeout=WAIT_MS)  # in its place
    assert screen.mood_meter.width() == screen._mood_meter.width()
    play.answer(screen, 1)
    assert screen.mood_meter.moods[-1] == screen.run.mood


def test_the_debrief_is_built_stacked_and_shown_in_turns_of_its_own(qtbot, play, monkeypatch):
    """Built, put in the stack, then shown, each in a turn of the event loop; when
    ``debrief`` is set the debrief is the screen shown and the conversation is gone."""
    from PySide6.QtCore import QTimer
    from shiboken6 import isValid

    from svctrainer.gui.scenarios import scenario_player

    ticks = [0]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    built_at: list[int] = []
    build = scenario_player.DebriefScreen

    def building(*args, **kwargs):  # type: ignore[no-untyped-def]
        built_at.append(ticks[0])
        return build(*args, **kwargs)

    monkeypatch.setattr(scenario_player, "DebriefScreen", building)
    player = play.hesitant_best_run()
    conversation = player.conversation
    shown: list[tuple[int, object, int]] = []
    player.conversation_ended.connect(
        lambda: shown.append((ticks[0], player.currentWidget(), player.count()))
    )
    debrief = play.debrief(player)
    timer.stop()
    assert built_at
    [(shown_at, current, count)] = shown
    assert shown_at >= built_at[0] + 2  # two turns at least between building and showing
    assert current is debrief
    assert count == 1  # the conversation screen has left the stack
    # and is deleted, or about to be (deleteLater: whether its turn has come yet depends
    # on how busy the machine is, so either is right)
    assert not isValid(conversation) or player.indexOf(conversation) < 0


def test_a_debrief_built_when_its_player_goes_goes_with_the_player(play, monkeypatch):
    """The player deleted between the turn its debrief is built and the turn it would be
    stacked (a sign-out then): the debrief goes with it, deleted by Qt on the GUI thread,
    not left to whichever garbage collection came next (the staged charts' crash class)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen

    built: list[object] = []
    original = DebriefScreen.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        built.append(self)

    monkeypatch.setattr(DebriefScreen, "__init__", spy)
    player = play.open()
    monkeypatch.setattr(player, "_stack_debrief", lambda debrief: None)  # the player goes first
    screen = player.conversation  # the hesitant best run (Play.hesitant_best_run)
    play.clock.advance(15)
    tick(screen)
    play.answer(screen, 1, 1, 1, 1, 1, 2, 1)
    play.qtbot.waitUntil(lambda: len(built) == 1, timeout=WAIT_MS)
    debrief = built[0]
    assert debrief.parent() is None  # waiting for its turn, not stacked yet
    player.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(debrief)
