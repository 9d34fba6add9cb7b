"""An attempt in progress is checkpointed; after a crash the teller keeps or discards it."""

import pytest
from drill_typing import Typist

from svctrainer.core.packs.definition import Mode
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _start_and_checkpoint(qtbot, window, sign_in, branch):
    branch.services.content.sync_bundled()
    sign_in(branch.teller)
    window.go_to("practice")
    page = window.pages["practice"]
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0)
    page.select_content("tenkey-amounts-practice.en")
    qtbot.waitUntil(lambda: page._current is not None)
    page.start(Mode.PRACTICE)
    qtbot.waitUntil(lambda: page.current_screen is not None)  # adaptive: history read first
    screen = page.current_screen
    amount = screen.view.amount.text().replace(",", "")
    Typist(screen).type(amount + "\n" + "12", keypad=True)
    screen._checkpoint()  # what the 5-second timer does
    qtbot.waitUntil(
        lambda: branch.services.drafts.mine(branch.actor(branch.teller)) != [], timeout=5000
    )
    return screen


@pytest.mark.parametrize("choice", ["keep", "discard"])
def test_after_a_crash_the_teller_chooses(
    qtbot, window, sign_in, branch, on_next_dialog, *, choice
):
    _start_and_checkpoint(qtbot, window, sign_in, branch)
    # The app "dies" here: nothing is recorded, the checkpoint stays in the database.
    actor = branch.actor(branch.teller)
    assert branch.services.attempts.history(actor, branch.teller.id) == []
    again = MainWindow(GuiSettings())
    qtbot.addWidget(again)
    again.attach_services(branch.services, "Test Branch")
    again.show()
    qtbot.waitUntil(lambda: again.login.model.rowCount() > 0)
    seen = {}

    def answer(box):
        seen["text"] = box.text()
        (box.keep_button if choice == "keep" else box.discard_button).click()

    on_next_dialog(answer)
    assert again.login.select_profile("T1")
    qtbot.keyClicks(again.login.pin, branch.pin)
    again.login.try_sign_in()
    qtbot.waitUntil(lambda: again.context is not None, timeout=10_000)
    qtbot.waitUntil(lambda: branch.services.drafts.mine(actor) == [], timeout=10_000)
    assert "Ten-key amounts" in seen["text"]
    history = branch.services.attempts.history(actor, branch.teller.id)
    if choice == "keep":
        assert len(history) == 1
        assert history[0].details["ended_by"] is None  # never ended: kept as abandoned
        assert (history[0].completion, history[0].grade) == ("abandoned", None)
    else:
        assert history == []
