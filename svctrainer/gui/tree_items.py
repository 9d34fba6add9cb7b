"""A ``QTreeWidget``'s items as plain lists.

Qt answers ``topLevelItem(i)`` and ``child(i)`` with "an item or None"; walking a tree
we built ourselves never meets the None, and these helpers say so once instead of at
every loop.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [child for child in found if child is not None]
