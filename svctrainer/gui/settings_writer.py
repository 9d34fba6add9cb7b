"""Writing the preferences file away from the GUI thread.

``QSettings.sync()`` writes through ``QSaveFile``, which flushes the file to disk before
it renames it into place. On ext4 (and most journalled file systems) that flush waits
for the journal, so it waits for every dirty page of the machine, other programs' and the
database's included: the heartbeat walk measured a theme switch freezing the window for
1 045 ms, all of it asleep, while the database file was being written. A person changing
the theme or signing in must not wait for the disk, so the file is written on a thread of
its own. Only the newest preferences matter: a write asked for while one is under way
replaces any that is still waiting, and the window waits for the last one when it closes.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from svctrainer.gui.settings import GuiSettings, save_settings, settings_store
from svctrainer.locations import config_dir

log = logging.getLogger(__name__)


class SettingsWriter:
    """One writer thread at a time, started when there is something to write."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: tuple[GuiSettings, Path] | None = None
        self._thread: threading.Thread | None = None

    def save(self, settings: GuiSettings) -> None:
        """Write a copy of ``settings`` soon; returns at once."""
        # A copy (the window keeps changing its own object), and the folder as it is now:
        # a write must land where the settings were read, whatever changes afterwards.
        snapshot = (settings.replace(), config_dir())
        with self._lock:
            self._waiting = snapshot
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="svctrainer-settings", daemon=True
                )
                self._thread.start()

    def flush(self) -> None:
        """Wait until every write asked for is on disk (the window's close)."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None:
                return
            thread.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                waiting, self._waiting = self._waiting, None
                if waiting is None:
                    self._thread = None
                    return
            settings, folder = waiting
            try:
                # A QSettings of this thread's own: an instance is not shared across threads.
                save_settings(settings, settings_store(folder))
            except OSError:  # the config folder cannot be made: keep going, as Qt would
                log.exception("the preferences could not be saved")
