"""The database worker and the interpreter lock: the window's worker shortens Python's
switch interval, so that the GUI thread, which takes the lock again for every slot and
event handler it runs in Python, waits a millisecond for it rather than five while the
worker runs Python."""

from __future__ import annotations

import sys

import pytest

from svctrainer.gui.background import SWITCH_INTERVAL_S, Background

pytestmark = pytest.mark.gui


@pytest.fixture
def interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_the_worker_shortens_pythons_switch_interval(qtbot, interval):
    sys.setswitchinterval(0.005)  # Python's default
    background = Background()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    assert SWITCH_INTERVAL_S < 0.005
    background.wait()


def test_a_shorter_interval_set_before_is_kept(qtbot, interval):
    sys.setswitchinterval(SWITCH_INTERVAL_S / 2)
    background = Background()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S / 2)
    background.wait()
