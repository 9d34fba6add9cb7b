from __future__ import annotations
import pytest
from PySide6.QtWidgets import QApplication
from screen_walk import _scenario_run
from svctrainer.gui.settings import GuiSettings, Theme
from svctrainer.gui.theme import apply_appearance
pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_shot(qtbot, branch, theme):
    from svctrainer.core.scenarios.analysis import best_result, review
    from svctrainer.gui.scenarios.debrief_screen import DebriefScreen
    from svctrainer.services.service_standards import compliance_of
    apply_appearance(QApplication.instance(), GuiSettings(theme=theme, font_size=15))
    attempt, scenario, log = _scenario_run(branch, "en")
    d = DebriefScreen(attempt, scenario, review(scenario, log), best_result(scenario), compliance=compliance_of(scenario, log))
    qtbot.addWidget(d); d.resize(1176, 700); d.show(); qtbot.waitExposed(d); qtbot.wait(300)
    d.radar.grab().save(f"/tmp/sf/radar-{theme.value}.png")
    d.mood_chart.grab().save(f"/tmp/sf/mood-{theme.value}.png")
    apply_appearance(QApplication.instance(), GuiSettings(theme=Theme.LIGHT))
