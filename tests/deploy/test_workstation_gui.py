"""A workstation's window on a server at another schema: a dialog that says which way
round it is and who fixes it, then the app closes with the server untouched."""

from __future__ import annotations

import pytest
from deployment_support import Deployment, stamp_at_first_revision
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from svctrainer.gui.app import Startup
from svctrainer.gui.dialogs.schema_version_dialog import SchemaVersionDialog
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings
from svctrainer.services.actor import Actor
from svctrainer.services.schema_upgrade import upgrade_database


def _revision(deployment: Deployment) -> str:
    return deployment.server.query("SELECT version_num FROM alembic_version", deployment.database)[
        0
    ][0]


@pytest.mark.parametrize("server", ["older", "newer"])
def test_the_window_names_the_mismatch_and_who_fixes_it(qtbot, deployment, server):
    if server == "older":
        stamp_at_first_revision(deployment)
        expected = "0001"
    else:
        upgrade_database(deployment.owner_url, Actor.command_line())
        expected = "0099_from_the_future"
        deployment.server.admin(
            "UPDATE alembic_version SET version_num = '0099_from_the_future'", deployment.database
        )
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, SchemaVersionDialog):
            QTimer.singleShot(20, answer)
            return
        seen.update(
            title=box.windowTitle(),
            text=box.text(),
            info=box.informativeText(),
            details=box.detailedText(),
            buttons=[b.text() for b in box.buttons()],
        )
        box.reject()

    QTimer.singleShot(0, answer)
    Startup(window, deployment.app_url, demo=False).run()
    qtbot.waitUntil(lambda: "title" in seen, timeout=10_000)  # opened on the worker

    assert seen["title"] == "Cannot use the branch server"
    if server == "older":
        assert "older than this svctrainer" in str(seen["text"])
        assert "svctrainer db upgrade" in str(seen["info"])
    else:
        assert "newer svctrainer" in str(seen["text"])
        assert "install the new release on this workstation" in str(seen["info"])
    assert expected in str(seen["details"])  # the exact figures, to send the administrator
    assert "Quit" in seen["buttons"]
    assert not window.isVisible()
    assert window.services is None
    assert _revision(deployment) == expected  # the workstation changed nothing
