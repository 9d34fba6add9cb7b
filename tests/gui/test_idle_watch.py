"""The idle sign-out's watch of input (``gui/idle_sign_out.py``): it sees every key,
click and move that reaches a window of the application, and nothing else."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from svctrainer.gui.idle_sign_out import IdleWatch


class Recording(IdleWatch):
    """The watch, noting each object it is handed an event of."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.handed: list[QObject] = []
        super().__init__(parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        self.handed.append(watched)
        return super().eventFilter(watched, event)


def _shown(qtbot, widget: QWidget) -> QWindow:
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is widget.windowHandle())
    handle = widget.windowHandle()
    assert handle is not None
    return handle


def test_a_key_a_click_or_a_move_in_any_window_restarts_the_countdown(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    watch = IdleWatch(owner)  # built before the window is shown, as the main window's
    field = QLineEdit(owner)
    QVBoxLayout(owner).addWidget(field)
    window = _shown(qtbot, owner)
    watch.start(1)
    watch.timer.setTimerType(Qt.TimerType.PreciseTimer)  # its remaining time to the ms
    for touch in (
        lambda w: QTest.keyClick(w, Qt.Key.Key_A),
        lambda w: QTest.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(5, 5)),
        lambda w: QTest.mouseMove(w, QPoint(7, 9)),
    ):
        watch.last_input = 0.0
        watch.timer.start()
        qtbot.wait(30)  # some of the countdown gone
        before = watch.timer.remainingTime()
        touch(window)
        assert watch.last_input > 0.0
        assert watch.timer.remainingTime() > before  # restarted
    # A dialog opened later (its own top-level window) is watched as well.
    dialog = QDialog(owner)
    dialog_field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(dialog_field)
    dialog_window = _shown(qtbot, dialog)
    watch.last_input = 0.0
    QTest.keyClick(dialog_window, Qt.Key.Key_B)
    assert watch.last_input > 0.0
    assert dialog_field.text() == "b"  # the key went on to the dialog's widget
    dialog.close()


def test_the_watch_is_not_handed_every_event_of_the_application(qtbot):
    """Only the windows' own events reach it: an application-wide filter handed each
    paint, timer and queued call of every widget to Python (issue 17)."""
    owner = QWidget()
    qtbot.addWidget(owner)
    watch = Recording(owner)
    label = QLabel("paint me", owner)
    QVBoxLayout(owner).addWidget(label)
    _shown(qtbot, owner)
    watch.handed.clear()
    fired: list[int] = []
    QTimer.singleShot(0, label, lambda: fired.append(1))
    label.setText("and again")
    label.repaint()
    qtbot.waitUntil(lambda: fired == [1])
    QTest.keyClick(owner.windowHandle(), Qt.Key.Key_A)
    assert watch.handed, "the key reached the watch"
    handed = {type(o).__name__ for o in watch.handed}
    # the windows, and the focus object (an input method's text goes there): here the
    # window's widget itself, which holds no focusable field; never the label
    focused = QGuiApplication.focusObject()
    assert focused is owner
    assert all(isinstance(o, QWindow) or o is focused for o in watch.handed), handed
    assert label not in watch.handed


def test_text_typed_through_an_input_method_restarts_the_countdown(qtbot):
    """Chinese typed with an input method (pinyin) never reaches a window as keys: the
    platform's input method takes the keys and its input context sends the chosen text
    to the focused field itself, as this QInputMethodEvent (``QPlatformInputContext``'s
    commit: ``sendEvent(focusObject(), …)``). A teller filling in a form in Chinese is
    at the counter: the watch of the windows alone signed them out mid-sentence."""
    owner = QWidget()
    qtbot.addWidget(owner)
    watch = Recording(owner)
    field = QLineEdit(owner)
    QVBoxLayout(owner).addWidget(field)
    _shown(qtbot, owner)
    field.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is field)
    watch.start(1)
    for text in ("张", "伟"):
        watch.last_input = 0.0
        committed = QInputMethodEvent()
        committed.setCommitString(text)
        QCoreApplication.sendEvent(QGuiApplication.focusObject(), committed)
        assert watch.last_input > 0.0
    assert field.text() == "张伟"  # the text went on to the field
    # A field focused later (another field of a dialog, say) is watched as well.
    other = QLineEdit(owner)
    owner.layout().addWidget(other)
    other.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is other)
    watch.last_input = 0.0
    committed = QInputMethodEvent()
    committed.setCommitString("存")
    QCoreApplication.sendEvent(QGuiApplication.focusObject(), committed)
    assert watch.last_input > 0.0
    assert other.text() == "存"
    # The field left is not watched any more: its events stay in C++.
    watch.handed.clear()
    field.setText("not handed")
    field.repaint()
    assert field not in watch.handed
