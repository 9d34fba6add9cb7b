"""When this workstation's release and the branch server's schema disagree.

Workstations never change a server's schema, so the person at the counter cannot fix
this: the dialog says which way round it is and who can (the svctrainer administrator,
with ``svctrainer db upgrade`` or the newer release). The exact server and revisions are
in the details, to copy into a message to that administrator.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer import __version__
from svctrainer.gui.i18n import fill
from svctrainer.services.errors import SchemaVersionError


class SchemaVersionDialog(QMessageBox):
    def __init__(self, error: SchemaVersionError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWindowTitle(self.tr("Cannot use the branch server"))
        if error.server_is_newer:
            self.setText(
                fill(
                    self.tr(
                        "The branch server has been upgraded for a newer svctrainer than this one "
                        "(%1)."
                    ),
                    __version__,
                )
            )
            self.setInformativeText(
                self.tr(
                    "Ask your svctrainer administrator to install the new release on this "
                    "workstation. Nothing was changed."
                )
            )
        else:
            if error.server_revision is None:
                self.setText(self.tr("The branch server has no svctrainer database yet."))
            else:
                self.setText(
                    fill(
                        self.tr(
                            "The branch server's database is older than this svctrainer (%1) needs."
                        ),
                        __version__,
                    )
                )
            self.setInformativeText(
                self.tr(
                    "Ask your svctrainer administrator to run “svctrainer db upgrade” on the "
                    "server. Workstations never change the server's database; nothing was "
                    "changed."
                )
            )
        self.setDetailedText(str(error))
        self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
