"""The Windows installer script compiles with every warning an error (``makensis -WX``),
on a placeholder payload standing in for the PyInstaller folder built on Windows; and
what it does on uninstall leaves the user's data alone.

(Windows itself cannot run here: the installer is compiled, not run.)
"""

from __future__ import annotations

import re
import subprocess

import pytest
from packaging_support import PACKAGING, require_tool

SCRIPT = PACKAGING / "windows" / "svctrainer.nsi"


def _section(name: str) -> list[str]:
    text = SCRIPT.read_text(encoding="utf-8")
    body = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.S | re.M)
    assert body is not None
    return [line.strip() for line in body.group(0).splitlines()]


def test_makensis_compiles_the_installer_with_warnings_as_errors(tmp_path):
    makensis = require_tool("makensis", "nsis")
    payload = tmp_path / "svctrainer"
    (payload / "_internal").mkdir(parents=True)
    for name in ("svctrainer.exe", "svctrainer-gui.exe", "_internal/placeholder.txt"):
        (payload / name).write_text("placeholder payload\n")
    out = tmp_path / "svctrainer-0.1.0-installer.exe"
    done = subprocess.run(
        [makensis, "-WX", "-V2", f"-DPAYLOAD_DIR={payload}", f"-DOUTFILE={out}", str(SCRIPT)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_the_installer_is_per_user_and_speaks_english_and_chinese():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert "HKLM" not in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\svctrainer"' in text
    assert '!insertmacro MUI_LANGUAGE "English"' in text
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    chinese = dict(re.findall(r"LangString (\w+) \$\{LANG_SIMPCHINESE\} \"(.*)\"", text))
    english = dict(re.findall(r"LangString (\w+) \$\{LANG_ENGLISH\} \"(.*)\"", text))
    assert chinese.keys() == english.keys()
    assert all(re.search(r"[\u4e00-\u9fff]", value) for value in chinese.values())
    install = _section("svctrainer")
    assert 'StrCpy $0 "$SMPROGRAMS\\$(ShortcutName).lnk"' in install  # per-user Start menu
    assert any(
        line.startswith('CreateShortcut "$0" "$INSTDIR\\svctrainer-gui.exe"') for line in install
    )


@pytest.mark.parametrize("command", ["RMDir", "Delete"])
def test_uninstalling_removes_only_what_was_installed(command):
    """Every removal names the install folder's own files, the recorded shortcut, or
    the app's registry entry; the user's data folder is never touched."""
    removals = [line for line in _section("Uninstall") if line.split(" ")[0] == command]
    assert removals
    for line in removals:
        target = line.split(" ", 1)[1].replace("/r ", "")
        assert target.startswith(('"$INSTDIR', '"$0"')), line
        assert "APPDATA" not in target, line  # neither LOCALAPPDATA nor APPDATA
    whole_folder = [line for line in removals if line == 'RMDir /r "$INSTDIR"']
    assert whole_folder == []  # only its known contents, then the folder if it is empty
