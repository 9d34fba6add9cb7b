"""The branch's transaction mix and customer-time assumptions, editable by supervisors and
admins (MANAGE_SETTINGS).

The mix turns speed gains into service time: how many transactions a teller handles a
day, and per type of transaction its share, the keystrokes keyed, the notes counted and
the seconds nothing in a drill changes (talk, identity checks, signatures, printing).
Shares are entered in percent and must add up to 100. Beside it, what the queue figures
assume where the branch has imported no queue tickets (the arrival profile: windows and
customers per clock hour; the variability of arrivals and service), the branch's
waiting-time target, and the transfer factors (how much of a drill gain shows at the
counter). The service refuses a mix whose transactions per teller disagree with the
profile, and says by how much.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.analytics.customer_time import (
    TransactionMix,
    TransactionType,
    TransferFactors,
)
from svctrainer.core.queueing.branch_day import ArrivalProfile, ProfileHour
from svctrainer.core.queueing.multi_server import WaitTarget
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.scroll_area import scrolled
from svctrainer.services.errors import InvalidInputError
from svctrainer.services.settings import (
    DEFAULT_ASSUMPTIONS,
    DEFAULT_MIX,
    BranchAssumptions,
    MixSetting,
)

COLUMNS = ("name", "share", "keystrokes", "notes", "other_seconds")


def _percent_box(value: float) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSuffix(" %")
    box.setValue(round(value * 100))
    return box


class MixEditor(QWidget):
    saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.editable = context.can(Permission.MANAGE_SETTINGS)
        self.per_day = QDoubleSpinBox()
        self.per_day.setRange(1, 2000)
        self.per_day.setDecimals(0)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("mixTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Transaction type"),
                self.tr("Share %"),
                self.tr("Keystrokes"),
                self.tr("Notes counted"),
                self.tr("Other seconds"),
            ]
        )
        header = self.table.horizontalHeader()
        # The type names ("account and card services") get the room; the figures are short.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._update_total)
        self.total = QLabel()
        self.add_button = QPushButton(self.tr("Add &type"))
        self.remove_button = QPushButton(self.tr("&Remove type"))
        self.add_button.clicked.connect(lambda: self._add_row(TransactionType("new", 0.0)))
        self.remove_button.clicked.connect(self._remove_row)

        self.profile = QTableWidget(0, 3)
        self.profile.setObjectName("profileTable")
        self.profile.setHorizontalHeaderLabels(
            [self.tr("Hour"), self.tr("Windows"), self.tr("Customers")]
        )
        self.profile.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.profile.verticalHeader().setVisible(False)
        self.profile.itemChanged.connect(self._update_total)
        self.add_hour = QPushButton(self.tr("Add &hour"))
        self.remove_hour = QPushButton(self.tr("Remove h&our"))
        self.add_hour.clicked.connect(self._add_next_hour)
        self.remove_hour.clicked.connect(self._remove_hour)
        self.customers = QLabel()

        self.target_minutes = QSpinBox()
        self.target_minutes.setRange(1, 240)
        self.target_minutes.setSuffix(self.tr(" min"))
        self.target_share = QSpinBox()
        self.target_share.setRange(50, 99)
        self.target_share.setSuffix(" %")
        self.cv_arrival = QDoubleSpinBox()
        self.cv_service = QDoubleSpinBox()
        for box in (self.cv_arrival, self.cv_service):
            box.setRange(0, 5)
            box.setDecimals(2)
            box.setSingleStep(0.1)
        self.keying = _percent_box(0.5)
        self.counting_drill = _percent_box(0.5)
        self.counting_hand = _percent_box(1.0)

        self.defaults_button = QPushButton(self.tr("Restore &defaults"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveMix")
        self.defaults_button.clicked.connect(lambda: self.show_setting(None))
        self.save_button.clicked.connect(self.save)

        self._layout()
        for widget in (self.per_day, self.table, self.add_button, self.remove_button,
                       self.profile, self.add_hour, self.remove_hour, self.target_minutes,
                       self.target_share, self.cv_arrival, self.cv_service, self.keying,
                       self.counting_drill, self.counting_hand, self.defaults_button,
                       self.save_button):  # fmt: skip
            widget.setEnabled(self.editable)
        self.show_setting(None)

    def _layout(self) -> None:
        note = QLabel(
            self.tr(
                "These figures turn speed gains into customer time. Defaults are assumptions: "
                "replace them with your branch's own counts, and import your queue-ticket "
                "export, which then takes the place of the assumed profile."
            )
            if self.editable
            else self.tr("Only supervisors and admins may change the branch's mix and assumptions.")
        )
        note.setWordWrap(True)
        mix = QGroupBox(self.tr("Transaction mix"))
        mix_box = QVBoxLayout(mix)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Transactions per teller per day"), self.per_day)
        mix_box.addLayout(form)
        mix_box.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.total)
        mix_box.addLayout(row)

        profile = QGroupBox(self.tr("Assumed arrival profile (without queue data)"))
        profile_box = QVBoxLayout(profile)
        profile_box.addWidget(self.profile, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_hour)
        row.addWidget(self.remove_hour)
        row.addStretch(1)
        row.addWidget(self.customers)
        profile_box.addLayout(row)

        queue = QGroupBox(self.tr("Target and variability"))
        queue_form = QFormLayout(queue)
        queue_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        queue_form.addRow(self.tr("Target: called &within"), self.target_minutes)
        queue_form.addRow(self.tr("… for a &share of"), self.target_share)
        queue_form.addRow(self.tr("Arrivals' &CV (1: random)"), self.cv_arrival)
        queue_form.addRow(self.tr("Service time's C&V"), self.cv_service)

        transfer = QGroupBox(self.tr("Transfer to the counter"))
        transfer_form = QFormLayout(transfer)
        transfer_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        transfer_form.addRow(self.tr("Keying drills"), self.keying)
        transfer_form.addRow(self.tr("Cash-counting drill"), self.counting_drill)
        transfer_form.addRow(self.tr("Logged hand counts"), self.counting_hand)

        right = QVBoxLayout()
        right.addWidget(profile, 1)
        right.addWidget(queue)
        right.addWidget(transfer)
        columns = QHBoxLayout()
        columns.addWidget(mix, 3)
        columns.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.save_button)
        content = QWidget()
        box = QVBoxLayout(content)
        box.addWidget(note)
        box.addLayout(columns, 1)
        box.addLayout(buttons)
        # In a scroll area of its own: the editor's tables at their natural size ask
        # 656 px, and the supervisor's page (its tabs ask for the largest of their
        # pages) scrolled 51 px at 1366×768 once Customer time had been opened.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content, sideways=True))

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.settings.transaction_mix(actor),
            self.show_setting,
            lambda exc: show_error(self, exc),
        )

    def show_setting(self, setting: MixSetting | None) -> None:
        mix = setting.mix if setting is not None else DEFAULT_MIX
        a = setting.assumptions if setting is not None else DEFAULT_ASSUMPTIONS
        self.per_day.setValue(mix.transactions_per_day)
        for table in (self.table, self.profile):
            table.blockSignals(True)
            table.setRowCount(0)
        for t in mix.types:
            self._add_row(t)
        for h in a.profile.hours:
            self._add_hour(h)
        for table in (self.table, self.profile):
            table.blockSignals(False)
        self.target_minutes.setValue(round(a.target.wait_s / 60))
        self.target_share.setValue(round(a.target.share_within * 100))
        self.cv_arrival.setValue(a.cv_arrival)
        self.cv_service.setValue(a.cv_service)
        self.keying.setValue(round(a.transfer.keying * 100))
        self.counting_drill.setValue(round(a.transfer.counting_drill * 100))
        self.counting_hand.setValue(round(a.transfer.counting_hand * 100))
        self._update_total()

    def _add_row(self, t: TransactionType) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [t.name, number(t.share * 100, 1), number(t.keystrokes), number(t.notes),
                  number(t.other_seconds)]  # fmt: skip
        for col, text in enumerate(values):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self._update_total()

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update_total()

    def _add_hour(self, hour: ProfileHour) -> None:
        row = self.profile.rowCount()
        self.profile.insertRow(row)
        for col, text in enumerate((f"{hour.start_hour:02d}:00", str(hour.windows),
                                    number(hour.arrivals_per_hour, 1))):  # fmt: skip
            self.profile.setItem(row, col, QTableWidgetItem(text))

    def _add_next_hour(self) -> None:
        try:
            hours = self._profile_hours()
        except ValueError:
            hours = []
        start = min(23, hours[-1].start_hour + 1) if hours else 9
        self._add_hour(ProfileHour(start, hours[-1].windows if hours else 1, 0.0))
        self._update_total()

    def _remove_hour(self) -> None:
        row = self.profile.currentRow()
        if row >= 0:
            self.profile.removeRow(row)
            self._update_total()

    def _update_total(self, *_args: object) -> None:
        try:
            total = math.fsum(self._figure(self.table, r, 1) for r in range(self.table.rowCount()))
        except ValueError:
            self.total.setText(self.tr("Shares: not a number"))
        else:
            self.total.setText(fill(self.tr("Shares add up to %1 %"), number(total, 1)))
        try:
            hours = self._profile_hours()
            customers = sum(h.arrivals_per_hour for h in hours)
            self.customers.setText(fill(self.tr("%1 customers a day"), number(customers, 0)))
        except ValueError:
            self.customers.setText(self.tr("Profile: not a number"))

    @staticmethod
    def _figure(table: QTableWidget, row: int, col: int) -> float:
        item = table.item(row, col)
        text = (item.text() if item else "").strip().replace(",", ".").replace(" ", "")
        value = float(text or "0")
        if not math.isfinite(value):
            raise ValueError(text)
        return value

    def _profile_hours(self) -> list[ProfileHour]:
        hours = []
        for row in range(self.profile.rowCount()):
            item = self.profile.item(row, 0)
            text = (item.text() if item else "").strip().split(":")[0]
            start = int(text)
            windows = self._figure(self.profile, row, 1)
            if windows != int(windows):
                raise ValueError(self.tr("windows are whole numbers"))
            hours.append(ProfileHour(start, int(windows), self._figure(self.profile, row, 2)))
        return sorted(hours, key=lambda h: h.start_hour)

    def current(self) -> tuple[TransactionMix, BranchAssumptions]:
        """The mix and assumptions as entered; InvalidInputError (with the field) if they
        are not usable."""
        types = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = (item.text() if item else "").strip()
            try:
                share, keys, notes, other = (self._figure(self.table, row, c) for c in range(1, 5))
                types.append(TransactionType(name, share / 100.0, keys, notes, other))
            except ValueError as exc:
                raise InvalidInputError(
                    "types",
                    fill(self.tr("row %1: %2"), str(row + 1), str(exc)),
                ) from None
        try:
            mix = TransactionMix(self.per_day.value(), tuple(types))
        except ValueError as exc:
            raise InvalidInputError("types", str(exc)) from None
        try:
            profile = ArrivalProfile(tuple(self._profile_hours()))
            assumptions = BranchAssumptions(
                profile,
                WaitTarget(self.target_minutes.value() * 60.0, self.target_share.value() / 100),
                TransferFactors(
                    self.keying.value() / 100,
                    self.counting_drill.value() / 100,
                    self.counting_hand.value() / 100,
                ),
                self.cv_arrival.value(),
                self.cv_service.value(),
            )
        except ValueError as exc:
            raise InvalidInputError("profile", str(exc)) from None
        return mix, assumptions

    def save(self) -> None:
        try:
            mix, assumptions = self.current()
        except InvalidInputError as exc:
            show_error(self, exc)
            return
        services, actor = self._ctx.services, self._ctx.actor

        def done(setting: MixSetting) -> None:
            self.show_setting(setting)
            self.saved.emit()

        self._ctx.hub.write(
            self, services.settings.set_transaction_mix, actor, mix, assumptions
        ).then(done).run()
