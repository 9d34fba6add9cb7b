"""The login screen: pick your profile (search for large branches) and enter your PIN.

At a shared counter people sign in one after another, fast. Signing in therefore acts
only on the person the list shows as matching what is typed in the search box *now*:
while the list is being updated for new text nothing is selected (the PIN field is off),
several matches select nobody until one is picked, and sign-out clears the search and
the selection. Typing a colleague's number, Enter, a PIN and Enter in one quick burst
can never sign in whoever was selected before.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.background import Background
from svctrainer.gui.i18n import fill
from svctrainer.gui.icons import app_icon
from svctrainer.gui.messages import describe
from svctrainer.gui.pin_field import PinField
from svctrainer.services.records import ProfileChoice, SignedIn

if TYPE_CHECKING:  # imported after the first paint (see gui.app)
    from svctrainer.gui.profile_delegate import ProfileDelegate
    from svctrainer.services.api import Services

PROFILE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 13
SEARCH_DELAY_MS = 150


class LoginPage(QWidget):
    signed_in = Signal(object)  # SignedIn
    listed = Signal()
    """The profile list shows the database's answer (for the search text as it is): from
    the first one on, a person can sign in."""

    def __init__(self, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._services: Services | None = None
        self._preferred: str = ""
        self._shown_for: str | None = None  # the search text the list was built for
        self._pin_when_shown = False  # Enter pressed in the search: go to the PIN after
        self._delegate: ProfileDelegate | None = None
        self.setObjectName("loginPage")

        self.title = QLabel(self.tr("svctrainer"))
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.0)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel(
            self.tr(
                "Practise basic skills to cut customer waiting time, and serve every customer well."
            )
        )
        self.subtitle.setWordWrap(True)
        self.branch_label = QLabel(self.tr("Opening the database…"))
        self.branch_label.setTextFormat(Qt.TextFormat.PlainText)
        branch_font = QFont(self.branch_label.font())
        branch_font.setPointSizeF(branch_font.pointSizeF() * 1.2)
        self.branch_label.setFont(branch_font)
        # At a workstation an admin tied to one branch of a shared server: says so, since
        # the list then holds only that branch's people.
        self.station_note = QLabel()
        self.station_note.setObjectName("stationNote")
        self.station_note.setWordWrap(True)
        self.station_note.setVisible(False)
        self.logo = QLabel()
        self.logo.setPixmap(app_icon().pixmap(88, 88))
        self.tiers = QLabel(
            self.tr(
                "Satisfaction service: the customer's reasonable needs met, no new annoyance.\n"
                "Comfort service: negative feelings eased, a word of praise won.\n"
                "Delight service: needs met that the customer had not yet thought of."
            )
        )
        self.tiers.setWordWrap(True)
        self.tiers.setObjectName("serviceTiers")

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find your name or employee number"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.profiles = QListView()
        self.profiles.setModel(self.model)
        self.profiles.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.profiles.setUniformItemSizes(True)
        self.profiles.setMouseTracking(True)
        self.profiles.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.profiles.setMinimumHeight(220)
        self.pin = PinField()
        self.pin.setEnabled(False)
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setEnabled(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet("color: palette(bright-text);")

        pin_label = QLabel(self.tr("&PIN"))
        pin_label.setBuddy(self.pin)
        search_label = QLabel(self.tr("&Who is practising?"))
        search_label.setBuddy(self.search)

        card = QFrame()
        card.setObjectName("loginCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(460)
        form = QVBoxLayout(card)
        form.setContentsMargins(24, 24, 24, 24)
        form.setSpacing(8)
        form.addWidget(search_label)
        form.addWidget(self.search)
        form.addWidget(self.profiles, 1)
        form.addWidget(pin_label)
        row = QHBoxLayout()
        row.addWidget(self.pin, 1)
        row.addWidget(self.sign_in_button)
        form.addLayout(row)
        form.addWidget(self.error)

        intro = QVBoxLayout()
        intro.addStretch(1)
        intro.addWidget(self.logo)
        intro.addWidget(self.title)
        intro.addWidget(self.subtitle)
        intro.addSpacing(16)
        intro.addWidget(self.tiers)
        intro.addSpacing(16)
        intro.addWidget(self.branch_label)
        intro.addWidget(self.station_note)
        intro.addStretch(2)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addLayout(intro, 1)
        outer.addSpacing(32)
        outer.addWidget(card, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_entered)
        self.profiles.selectionModel().currentChanged.connect(self._on_current_changed)
        self.profiles.activated.connect(self._focus_pin)
        self.pin.returnPressed.connect(self.try_sign_in)
        self.pin.textChanged.connect(self._update_button)
        self.sign_in_button.clicked.connect(self.try_sign_in)

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    # -- data ------------------------------------------------------------------------

    def attach(self, services: Services, branch_name: str, preferred_profile: str = "") -> None:
        self._services = services
        self._preferred = preferred_profile
        if self._delegate is None:
            # The painted profile rows (QStyle, QPainter: ~40 ms of imports) are needed
            # once there are profiles to show, not for the window to appear.
            from svctrainer.gui.profile_delegate import ProfileDelegate  # noqa: PLC0415

            self._delegate = ProfileDelegate(self.profiles)
            self.profiles.setItemDelegate(self._delegate)
        self.branch_label.setText(branch_name)
        self.reset()

    def reset(self) -> None:
        self.pin.clear()
        self.error.clear()
        self.refresh()

    def clear_for_next_person(self) -> None:
        """After a sign-out: no search text, nobody selected or preselected."""
        self._preferred = ""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._forget_list()
        self.reset()

    def refresh(self) -> None:
        services = self._services
        if services is None:
            return
        self._search_timer.stop()
        text = self.search.text()
        self._background.run(
            lambda: (services.auth.profiles(text), services.workstations.branch()),
            lambda loaded: self._show_loaded(loaded[0], loaded[1], text),
            self._show_error,
        )

    def _show_loaded(
        self, choices: list[ProfileChoice], tied_branch: str | None, for_text: str
    ) -> None:
        self._show_station(tied_branch)
        self._show_profiles(choices, for_text)

    def _show_station(self, tied_branch: str | None) -> None:
        """Name the branch this workstation is tied to (an admin may have changed it)."""
        if tied_branch is None:
            self.station_note.setVisible(False)
            return
        self.branch_label.setText(tied_branch)
        self.station_note.setText(
            fill(
                self.tr(
                    "This workstation signs in people of %1 only. Working at another branch "
                    "today? Use a workstation of your own branch."
                ),
                tied_branch,
            )
        )
        self.station_note.setVisible(True)

    def _search_changed(self, _text: str) -> None:
        """The list no longer matches the text: select nobody until it is rebuilt."""
        self._forget_list()
        self._search_timer.start()

    def _forget_list(self) -> None:
        self._shown_for = None
        self._pin_when_shown = False
        self.profiles.setCurrentIndex(self.model.index(-1, 0))
        self.pin.clear()
        self.pin.setEnabled(False)
        self._update_button()

    def _search_entered(self) -> None:
        if self._shown_for == self.search.text():
            self._focus_pin()
            return
        self._pin_when_shown = True  # the list is on its way: go on once it is there
        self.refresh()

    def _show_profiles(self, choices: list[ProfileChoice], for_text: str | None = None) -> None:
        from svctrainer.gui.profile_delegate import DETAIL_ROLE, NAME_ROLE  # noqa: PLC0415

        if for_text is not None and for_text != self.search.text():
            return  # an answer for text since changed: a newer search is on its way
        self._shown_for = self.search.text()
        self.model.clear()
        for choice in choices:
            detail = choice.employee_number + (
                f"  ·  {choice.team_name}" if choice.team_name else ""
            )
            item = QStandardItem(f"{choice.name}  ·  {detail}")
            item.setData(str(choice.id), PROFILE_ID_ROLE)
            item.setData(choice.name, NAME_ROLE)
            item.setData(detail, DETAIL_ROLE)
            item.setData(choice.employee_number, NUMBER_ROLE)
            self.model.appendRow(item)
        self.listed.emit()
        if not choices:
            self.error.setText(self.tr("No profile matches that search."))
            return
        self.error.clear()
        row = next(
            (i for i, c in enumerate(choices) if str(c.id) == self._preferred),
            None,
        )
        if len(choices) == 1:
            row = 0
        elif self.search.text().strip():
            row = None  # several people match what was typed: they pick, not the list
        if row is None:
            self._pin_when_shown = False
            return
        self.profiles.setCurrentIndex(self.model.index(row, 0))
        if self._pin_when_shown:
            self._pin_when_shown = False
            self._focus_pin()

    # -- signing in ------------------------------------------------------------------

    def list_is_current(self) -> bool:
        """Whether the list shows the matches of the search text as it is now."""
        return self._shown_for == self.search.text()

    def selected_profile(self) -> uuid.UUID | None:
        index = self.profiles.currentIndex()
        if not index.isValid():
            return None
        return uuid.UUID(index.data(PROFILE_ID_ROLE))

    def select_profile(self, employee_number: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(NUMBER_ROLE) == employee_number:
                self.profiles.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def try_sign_in(self) -> None:
        person_id = self.selected_profile()
        services = self._services
        pin = self.pin.text()
        if person_id is None or services is None or not pin:
            return
        if not self.list_is_current():  # the selection is stale: sign in nobody
            return
        self.sign_in_button.setEnabled(False)
        self.pin.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self._background.run(
            lambda: services.auth.sign_in(person_id, pin), self._on_signed_in, self._on_failed
        )

    def _on_signed_in(self, result: SignedIn) -> None:
        self.pin.clear()
        self.pin.setEnabled(True)
        self.error.clear()
        self._preferred = str(result.person.id)
        self.signed_in.emit(result)

    def _on_failed(self, exc: Exception) -> None:
        self.pin.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        self._show_error(exc)

    def _show_error(self, exc: Exception) -> None:
        self.error.setText(describe(exc))
        self._update_button()

    def _on_current_changed(self) -> None:
        has = self.selected_profile() is not None
        self.pin.setEnabled(has)
        self._update_button()

    def _focus_pin(self) -> None:
        if self.selected_profile() is not None:
            self.pin.setFocus()

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(
            self.selected_profile() is not None and len(self.pin.text()) >= 4
        )
