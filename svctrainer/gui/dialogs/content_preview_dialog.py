"""A read-only look at a drill or scenario before assigning it.

A drill shows its instructions, the settings of each mode and its grade table; a
scenario the customer and every node with its choices (where each leads and what it
does), as a tree. "Try it" runs either on the Practice page, in practice mode.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.packs.definition import DrillDefinition, Mode, RunSettings
from svctrainer.gui.drills.figures import drill_type_name, duration, mode_name, number
from svctrainer.gui.i18n import fill, translate
from svctrainer.services.content import ContentRecord

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
EFFECTS_WIDTH = 300


class ContentPreviewDialog(QDialog):
    """``try_it`` and ``assign`` ask the page to act, then the dialog closes."""

    try_it = Signal(str, str)  # content id, mode
    assign = Signal(str)  # content id

    def __init__(
        self,
        record: ContentRecord,
        definition: Any,
        can_assign: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(fill(self.tr("Preview: %1"), record.title))
        self.setObjectName("contentPreviewDialog")
        title = QLabel(record.title)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        facts = QLabel(
            " · ".join(
                [
                    drill_type_name(record.drill_type),
                    record.language,
                    f"{record.content_id} v{record.version}",
                ]
            )
        )
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(facts)
        mode = Mode.PRACTICE
        if isinstance(definition, DrillDefinition):
            layout.addWidget(self._drill(definition), 1)
            mode = Mode.PRACTICE if Mode.PRACTICE in definition.modes else Mode.TEST
        else:
            layout.addWidget(self._scenario(definition), 1)
        self.try_button = self.buttons.addButton(
            self.tr("&Try it"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.try_button.setToolTip(self.tr("Run it yourself on the Practice page"))
        self.try_button.clicked.connect(lambda: self._emit_try(str(mode)))
        if can_assign:
            assign_button = self.buttons.addButton(
                self.tr("&Assign…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            assign_button.clicked.connect(self._emit_assign)
        layout.addWidget(self.buttons)
        self.resize(980, 680)

    def _emit_try(self, mode: str) -> None:
        self.accept()
        self.try_it.emit(self.record.content_id, mode)

    def _emit_assign(self) -> None:
        self.accept()
        self.assign.emit(self.record.content_id)

    # -- drills ------------------------------------------------------------------------------

    def _drill(self, definition: DrillDefinition) -> QWidget:
        tabs = QTabWidget()
        instructions = QTextBrowser()
        instructions.setObjectName("previewInstructions")
        instructions.setPlainText(definition.instructions)
        tabs.addTab(instructions, self.tr("&Instructions"))
        tabs.addTab(self._settings_table(definition), self.tr("&Settings"))
        tabs.addTab(self._grades_table(definition), self.tr("&Grades"))
        self.tabs = tabs
        return tabs

    def _settings_table(self, definition: DrillDefinition) -> QTableWidget:
        modes = [m for m in (Mode.PRACTICE, Mode.TEST) if m in definition.modes]
        rows: list[tuple[str, Any]] = [
            (
                self.tr("Time limit"),
                lambda s: duration(s.time_limit_s * 1000) if s.time_limit_s else "—",
            ),
            (self.tr("Items"), lambda s: number(s.item_count) if s.item_count else "—"),
            (self.tr("Wrong keys"), lambda s: _policy(self, str(s.error_policy))),
            (
                self.tr("Content"),
                lambda s: (
                    fill(self.tr("one fixed form for everyone (seed %1)"), s.seed)
                    if s.seed is not None
                    else self.tr("a new form of equal difficulty each attempt")
                ),
            ),
            (self.tr("Hints"), lambda s: _yes(self, s.hints)),
            (self.tr("Pause allowed"), lambda s: _yes(self, s.pause)),
            (self.tr("Adapts to weak keys"), lambda s: _yes(self, s.adaptive)),
            (self.tr("Clock stops after 5 s idle"), lambda s: _yes(self, s.idle_pause)),
        ]
        table = QTableWidget(len(rows), len(modes))
        table.setObjectName("previewSettings")
        table.setHorizontalHeaderLabels([mode_name(str(m)) for m in modes])
        table.setVerticalHeaderLabels([r[0] for r in rows])
        for col, mode in enumerate(modes):
            settings: RunSettings = definition.settings(mode)
            for row, (_, value) in enumerate(rows):
                table.setItem(row, col, _cell(value(settings)))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def _grades_table(self, definition: DrillDefinition) -> QTableWidget:
        figures: list[str] = []
        for grade in definition.grades:
            figures.extend(f for f in grade.thresholds if f not in figures)
        table = QTableWidget(len(definition.grades), len(figures) + 1)
        table.setObjectName("previewGrades")
        table.setHorizontalHeaderLabels(
            [self.tr("Grade")] + [fill(self.tr("Minimum %1"), _figure(f)) for f in figures]
        )
        table.verticalHeader().setVisible(False)
        for row, grade in enumerate(definition.grades):
            table.setItem(row, 0, _cell(grade.name))
            for col, figure in enumerate(figures, start=1):
                value = grade.thresholds.get(figure)
                text = "—" if value is None else _threshold(figure, float(value))
                table.setItem(row, col, _cell(text, right=True))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    # -- scenarios ---------------------------------------------------------------------------

    def _scenario(self, scenario: Any) -> QWidget:
        tabs = QTabWidget()
        about = QTextBrowser()
        customer = scenario.customer
        about.setPlainText(
            "\n\n".join(
                part
                for part in (
                    scenario.summary,
                    fill(self.tr("Customer: %1"), customer.who),
                    customer.situation,
                    fill(self.tr("Demand level: %1"), str(customer.demand_level)),
                    fill(self.tr("Protocol: %1"), str(scenario.protocol)),
                )
                if part
            )
        )
        tabs.addTab(about, self.tr("&About"))
        tree = QTreeWidget()
        tree.setObjectName("previewScenarioTree")
        tree.setHeaderLabels([self.tr("Node and choices"), self.tr("Leads to"), self.tr("Effects")])
        items: dict[str, QTreeWidgetItem] = {}
        for node in _in_play_order(scenario):
            label = node.text.strip().replace("\n", " ")
            marks = []
            if node.id == scenario.start:
                marks.append(self.tr("start"))
            if node.ending:
                marks.append(
                    self.tr("ending") if node.need_met else self.tr("ending, need not met")
                )
            if node.time_limit_s:
                marks.append(fill(self.tr("%1 s to answer"), number(node.time_limit_s)))
            head = f"[{node.id}] " + (f"({', '.join(marks)}) " if marks else "") + label
            item = QTreeWidgetItem([head])
            item.setToolTip(0, node.text)
            item.setData(0, NODE_ROLE, node.id)
            tree.addTopLevelItem(item)
            items[node.id] = item
            for choice in node.choices:
                effects = _effects(choice.effects)
                child = QTreeWidgetItem(["→ " + choice.text, choice.to, effects])
                child.setToolTip(0, choice.feedback or choice.text)
                child.setToolTip(2, effects)
                child.setData(0, NODE_ROLE, choice.to)
                item.addChild(child)
        tree.expandAll()
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, EFFECTS_WIDTH)

        def jump(item: QTreeWidgetItem, _column: int) -> None:
            target = items.get(item.data(0, NODE_ROLE))
            if target is not None and item.parent() is not None:
                tree.setCurrentItem(target)
                tree.scrollToItem(target)

        tree.itemActivated.connect(jump)
        self.tree = tree
        tabs.addTab(tree, self.tr("&Conversation"))
        tabs.setCurrentWidget(tree)
        return tabs


def _in_play_order(scenario: Any) -> list[Any]:
    """Nodes breadth-first from the start, then any nothing leads to (as authored)."""
    seen: list[str] = []
    queue = [scenario.start]
    while queue:
        node_id = queue.pop(0)
        if node_id in seen:
            continue
        seen.append(node_id)
        queue.extend(c.to for c in scenario.node(node_id).choices)
        timeout = scenario.node(node_id).on_timeout
        if timeout is not None and timeout.to:
            queue.append(timeout.to)
    rest = [n.id for n in scenario.nodes if n.id not in seen]
    return [scenario.node(i) for i in seen + rest]


def _effects(effects: Any) -> str:
    parts: list[str] = []
    if effects.mood.valence or effects.mood.arousal:
        parts.append(f"mood {effects.mood.valence:+g}/{effects.mood.arousal:+g}")
    points = effects.servqual
    for name in ("reliability", "responsiveness", "assurance", "empathy", "tangibles"):
        value = getattr(points, name)
        if value:
            parts.append(f"{name} {value:+d}")
    parts.extend(str(s) for s in effects.steps)
    parts.extend(str(f) for f in effects.flags)
    parts.extend(f"breach: {b}" for b in effects.breaches)
    return ", ".join(parts)


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _yes(widget: QWidget, value: bool) -> str:
    return (
        translate("ContentPreviewDialog", "yes")
        if value
        else translate("ContentPreviewDialog", "no")
    )


def _policy(widget: QWidget, policy: str) -> str:
    return {
        "block": translate("ContentPreviewDialog", "blocked until the right key"),
        "correct": translate("ContentPreviewDialog", "must be corrected with Backspace"),
        "free": translate("ContentPreviewDialog", "stay; may be corrected"),
    }.get(policy, policy)


def _figure(name: str) -> str:
    from svctrainer.gui.drills.figures import unit_name  # noqa: PLC0415

    if name == "accuracy":
        return translate("ContentPreviewDialog", "accuracy")
    if name == "score":
        return translate("ContentPreviewDialog", "score")
    return unit_name(name)


def _threshold(figure: str, value: float) -> str:
    from svctrainer.gui.pages.assignment_views import accuracy_text  # noqa: PLC0415

    if figure == "accuracy":
        return accuracy_text(value)
    return number(value, 0 if value == int(value) else 1)
