from __future__ import annotations
import os
import pytest
from PySide6.QtWidgets import QWidget, QApplication
from screen_walk import walk_every_screen
from test_screen_fit import _contexts, Clipping
from layout_checks import PseudoTranslator
from svctrainer.gui.settings import GuiSettings, Theme
pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]

LIMIT = int(os.environ.get("DIAG_W", "1100"))
LIMITH = int(os.environ.get("DIAG_H", "700"))

def culprits(w: QWidget, out, depth=0):
    kids = [c for c in w.findChildren(QWidget, options=__import__("PySide6.QtCore").QtCore.Qt.FindChildOption.FindDirectChildrenOnly)]
    big = []
    for c in kids:
        m = c.minimumSizeHint().expandedTo(c.minimumSize())
        if c.isWindow():
            continue
        if m.width() > LIMIT or m.height() > LIMITH:
            big.append(c)
    if not big:
        m = w.minimumSizeHint().expandedTo(w.minimumSize())
        from PySide6.QtWidgets import QLabel, QAbstractButton
        txt = w.text() if isinstance(w, (QLabel, QAbstractButton)) else ""
        out.append(f"{type(w).__name__}#{w.objectName()} parent={type(w.parentWidget()).__name__} min={m.width()}x{m.height()} vis={w.isVisible()} {txt[:50]!r}")
        def dump(x, d):
            if d > 3: return
            for c in x.findChildren(QWidget, options=__import__("PySide6.QtCore").QtCore.Qt.FindChildOption.FindDirectChildrenOnly):
                if c.isWindow() or not c.isVisibleTo(w): continue
                m = c.minimumSizeHint().expandedTo(c.minimumSize())
                if m.width() < 250 and m.height() < 250: continue
                from PySide6.QtWidgets import QLabel, QAbstractButton
                txt = c.text() if isinstance(c, (QLabel, QAbstractButton)) else ""
                out.append("   " * (d + 1) + f"{type(c).__name__}#{c.objectName()} min={m.width()}x{m.height()} hint={c.sizeHint().width()} {txt[:40]!r}")
                dump(c, d + 1)
        dump(w, 0)
    for c in big:
        culprits(c, out, depth+1)

def test_diag(qtbot, branch, qapp):
    seen = {}
    def check(name, widget):
        out = []
        m = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        if name.startswith("drill-") or name.startswith("result-") or name.startswith("scen"):
            from PySide6.QtWidgets import QScrollArea
            for a in widget.findChildren(QScrollArea):
                if a.isVisibleTo(widget) and a.horizontalScrollBar().maximum() > 0:
                    culprits(a.widget(), out)
        if out and not any(name.startswith(x) for x in seen.values()):
            seen[name + "\n" + "\n".join(out)] = name
    tr = None
    if os.environ.get("DIAG_PSEUDO"):
        tr = PseudoTranslator(_contexts())
        qapp.installTranslator(tr)
    font = QApplication.font()
    settings = GuiSettings(theme=Theme.LIGHT, font_size=int(os.environ.get("DIAG_PT", "15")), language="en")
    walk_every_screen(qtbot, branch, settings, [check], "diag")
    if tr: qapp.removeTranslator(tr)
    QApplication.setFont(font)
    print("\nCULPRITS")
    for o, n in seen.items():
        print(n, o)
