"""The screens issue 12 point 3 changed, in English and Chinese: drawer balancing with its
clock running from the case shown, and voucher summing asking before a group is handed
in with vouchers left. Set SVCTRAINER_SCREENSHOTS to a folder to photograph them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from drill_typing import Typist
from PySide6.QtCore import QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from svctrainer.gui.language import catalogue_dir
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]
SIZE = (1366, 768)
WAIT_MS = 15_000

EXPECTED = {
    "en": {
        "clock": "The clock runs from the moment the case is shown.",
        "ask": "Vouchers of this group not added yet: 19. Hand in the total anyway? "
        "A total handed in cannot be changed.",
        "keep": "Keep going",
    },
    "zh": {
        "clock": "从题目显示时起开始计时。",
        "ask": "本题还有 19 页未累加。仍要提交合计吗？合计一经提交不能更改。",
        "keep": "继续作答",
    },
}


@pytest.fixture(params=["en", "zh"])
def language(request, qapp):
    if request.param == "en":
        yield "en"
        return
    before = QLocale()
    translator = QTranslator()
    assert translator.load("svctrainer_zh_CN", catalogue_dir())
    QLocale.setDefault(QLocale("zh_CN"))
    qapp.installTranslator(translator)
    yield "zh"
    qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def _signed_in(qtbot, branch, language: str, theme: Theme) -> MainWindow:
    from svctrainer.gui.theme import apply_appearance

    settings = GuiSettings(theme=theme, language="zh_CN" if language == "zh" else "en")
    apply_appearance(QApplication.instance(), settings)
    branch.services.content.sync_bundled()
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.attach_services(branch.services, "Test Branch")
    win.resize(*SIZE)
    win.show()
    qtbot.waitUntil(win.login.list_is_current, timeout=WAIT_MS)
    assert win.login.select_profile(branch.teller.employee_number)
    qtbot.keyClicks(win.login.pin, branch.pin)
    qtbot.keyClick(win.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.context is not None, timeout=WAIT_MS)
    return win


def _shot(widget, name: str) -> None:
    folder = os.environ.get("SVCTRAINER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _open(qtbot, win: MainWindow, content_id: str):
    assert win.go_to("practice")
    page = win.pages["practice"]
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0, timeout=WAIT_MS)
    assert page.select_content(content_id)
    qtbot.waitUntil(
        lambda: page._current is not None and page._current[0].content_id == content_id,
        timeout=WAIT_MS,
    )
    page.practice_button.click()
    qtbot.waitUntil(lambda: page.current_screen is not None, timeout=WAIT_MS)
    return page, page.current_screen


class _MonotonicMovedOn:
    """The monotonic clock the drill screen reads (``key_input``'s), moved on by the test
    instead of waited out: a second of real time per test was most of this module's time.
    It runs with the real clock and only ever jumps forward."""

    def __init__(self) -> None:
        self.ahead_ns = 0

    def perf_counter_ns(self) -> int:
        return time.perf_counter_ns() + self.ahead_ns


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_drawer_balancing_says_its_clock_runs_from_the_case_shown(
    qtbot, branch, language, theme, monkeypatch
):
    from svctrainer.gui.drills import key_input

    clock = _MonotonicMovedOn()
    monkeypatch.setattr(key_input, "time", clock)
    win = _signed_in(qtbot, branch, language, theme)
    page, screen = _open(qtbot, win, f"drawer-balancing-practice.{language}")
    qtbot.waitUntil(lambda: screen.run.clock.started, timeout=WAIT_MS)
    assert not screen.run.clock.keyed  # running before any key
    assert screen.status_label.text() == EXPECTED[language]["clock"]
    clock.ahead_ns += 1_100_000_000  # 1.1 s later, still no key
    screen.tick()
    assert screen.time_label.text().endswith("0:01")
    _shot(win, f"drawer-balancing-clock-{language}-{theme.value}")
    screen.request_stop()  # nothing keyed: nothing saved
    qtbot.waitUntil(lambda: page.current_screen is None, timeout=WAIT_MS)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_voucher_summing_asks_before_handing_in_a_short_group(qtbot, branch, language, theme):
    win = _signed_in(qtbot, branch, language, theme)
    _page, screen = _open(qtbot, win, f"voucher-summing-practice.{language}")
    run = screen.run
    slot = run.book.slot(0, 0)
    typist = Typist(screen)
    typist.type(f"{run.book.amount(slot):.{run.decimals}f}\n", keypad=True)
    seen: list[tuple[str, str]] = []

    def photograph_and_keep_going() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, photograph_and_keep_going)
            return
        seen.append((box.text(), box.defaultButton().text()))
        _shot(win, f"voucher-summing-window-{language}-{theme.value}")
        _shot(box, f"voucher-summing-confirm-{language}-{theme.value}")
        box.defaultButton().click()

    QTimer.singleShot(0, photograph_and_keep_going)
    typist.type("\t")
    assert seen == [(EXPECTED[language]["ask"], EXPECTED[language]["keep"])]
    assert run.view().group_index == 0  # kept going
