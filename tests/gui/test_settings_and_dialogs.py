import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from svctrainer.gui.dialogs.settings_dialog import SettingsDialog
from svctrainer.gui.settings import GuiSettings, Theme, load_settings, save_settings, settings_store
from svctrainer.gui.theme import is_dark

pytestmark = pytest.mark.gui


def test_settings_dialog_changes_theme_and_font_and_persists(
    qtbot, window, sign_in, branch, on_next_dialog
):
    sign_in(branch.teller)

    def choose(dialog: SettingsDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.font_size.setCurrentIndex(dialog.font_size.findData(14))
        dialog.sounds.setChecked(False)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(choose)
    window.settings_action.trigger()
    app = QApplication.instance()
    assert is_dark(app.palette())
    assert app.font().pointSize() == 14
    window.settings_writer.flush()  # the file is written off the GUI thread
    saved = load_settings(settings_store())
    assert (saved.theme, saved.font_size, saved.sounds) == (Theme.DARK, 14, False)
    assert saved.last_profile == str(branch.teller.id)

    def back_to_light(dialog: SettingsDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
        dialog.accept()

    on_next_dialog(back_to_light)
    window.settings_action.trigger()
    assert not is_dark(app.palette())
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_settings_survive_garbage_in_the_ini_file(isolated_home):
    store = settings_store()
    store.setValue("appearance/theme", "purple")
    store.setValue("appearance/font_size", "huge")
    store.setValue("drills/sounds", "false")
    store.sync()
    loaded = load_settings(QSettings(store.fileName(), QSettings.Format.IniFormat))
    assert loaded.theme is Theme.SYSTEM
    assert loaded.font_size == 10
    assert loaded.sounds is False


def test_a_changed_copy_of_the_settings_leaves_the_original_and_round_trips(isolated_home):
    original = GuiSettings(theme=Theme.DARK, font_size=14, last_profile="7")
    changed = original.replace(theme=Theme.LIGHT, idle_minutes=0)
    assert (original.theme, original.idle_minutes) == (Theme.DARK, 10)
    assert changed == GuiSettings(theme=Theme.LIGHT, font_size=14, last_profile="7", idle_minutes=0)
    assert changed != original
    assert "theme=<Theme.LIGHT: 'light'>" in repr(changed)
    with pytest.raises(TypeError, match="colour"):
        original.replace(colour="red")
    save_settings(changed)
    assert load_settings() == changed


def test_about_dialog_shows_version(qtbot, window, on_next_dialog):
    from svctrainer import __version__

    seen = {}

    def read(dialog):
        seen["text"] = " ".join(w.text() for w in dialog.findChildren(type(window.person_label)))
        dialog.reject()

    on_next_dialog(read)
    window.findChild(type(window.settings_action), "") or None
    window.open_about()
    assert __version__ in seen["text"]


def test_change_own_pin_dialog(qtbot, window, sign_in, branch, on_next_dialog):
    sign_in(branch.teller)

    def fill(dialog):
        qtbot.keyClicks(dialog.old, branch.pin)
        qtbot.keyClicks(dialog.new, "97531")
        qtbot.keyClicks(dialog.again, "97531")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    window.change_pin_action.trigger()
    assert branch.services.auth.sign_in(branch.teller.id, "97531").person.name == "Tom Teller"
