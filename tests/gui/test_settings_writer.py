"""The preferences file is written off the GUI thread (``gui/settings_writer.py``)."""

import threading

import pytest

from svctrainer.gui import settings_writer
from svctrainer.gui.settings import GuiSettings, Theme, load_settings
from svctrainer.gui.settings_writer import SettingsWriter

pytestmark = pytest.mark.gui


class _Gate:
    """Holds every write until opened, and notes the thread each one ran on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.writers: list[threading.Thread] = []
        real = settings_writer.save_settings

        def held(settings, store):
            self.writers.append(threading.current_thread())
            assert self.open.wait(10), "the gate was never opened"
            real(settings, store)

        monkeypatch.setattr(settings_writer, "save_settings", held)


def test_the_newest_settings_are_written_on_another_thread(isolated_home, monkeypatch):
    gate = _Gate(monkeypatch)
    writer = SettingsWriter()
    writer.save(GuiSettings(theme=Theme.DARK))
    writer.save(GuiSettings(theme=Theme.LIGHT, font_size=14))  # returns though a write waits
    newest = GuiSettings(theme=Theme.LIGHT, font_size=16, last_profile="7")
    writer.save(newest)
    assert load_settings() == GuiSettings()  # nothing on disk yet
    gate.open.set()
    writer.flush()
    assert load_settings() == newest
    assert gate.writers
    assert all(t is not threading.main_thread() for t in gate.writers)
    assert len(gate.writers) <= 2  # a write still waiting is replaced, not queued


def test_a_theme_change_does_not_wait_for_the_disk_and_the_close_does(
    qtbot, window, isolated_home, monkeypatch
):
    gate = _Gate(monkeypatch)
    window.apply_settings(window.settings.replace(theme=Theme.DARK))
    assert load_settings().theme is not Theme.DARK  # applied, the file still to come
    gate.open.set()
    window.close()  # the close waits for the write
    assert load_settings().theme is Theme.DARK
