"""The Linux desktop entry and AppStream metainfo validate, and they, the icon and the
running application (``QGuiApplication.setDesktopFileName``) share one reverse-DNS id."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from packaging_support import APP_ID, PACKAGING, REPO, require_tool

from svctrainer.gui.app import APP_ID as RUNNING_APP_ID

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _validate_desktop(path: Path) -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "", done.stdout  # not even a hint


def test_the_desktop_entry_validates():
    _validate_desktop(DESKTOP)


def test_the_metainfo_validates_without_network():
    tool = require_tool("appstreamcli", "appstream")
    done = subprocess.run(
        [tool, "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert problems == []


def test_one_id_names_the_app_its_desktop_entry_metainfo_and_icon():
    assert RUNNING_APP_ID == APP_ID
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own file
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    entry = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == root.findtext("provides/binary") == "svctrainer"
    names = {
        n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in root.findall("name")
    }
    assert names == {None: entry["Name"], "zh-CN": entry["Name[zh_CN]"]}


def test_the_menu_installer_points_the_entry_at_this_checkout(tmp_path):
    data = tmp_path / "share"
    venv_command = REPO / ".venv" / "bin" / "svctrainer"
    done = subprocess.run(
        ["sh", str(LINUX / "install-desktop-entry.sh")],
        env={**os.environ, "XDG_DATA_HOME": str(data)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if not venv_command.exists():
        assert done.returncode == 1
        assert "set svctrainer up first" in done.stderr
        return
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / DESKTOP.name
    _validate_desktop(installed)
    assert f'Exec="{venv_command}"' in installed.read_text(encoding="utf-8")
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()


def test_the_menu_installer_quotes_an_unusual_folder(tmp_path):
    """A PyInstaller folder unpacked where the path has spaces, quotes or dollar signs."""
    folder = tmp_path / 'Bank "apps" & $tools'
    (folder / "_internal").mkdir(parents=True)
    (folder / "linux").mkdir()
    for source in (DESKTOP, METAINFO, LINUX / "install-desktop-entry.sh"):
        (folder / "linux" / source.name).write_bytes(source.read_bytes())
    (folder / "linux" / f"{APP_ID}.svg").write_bytes(
        (REPO / "assets/icons/svctrainer.svg").read_bytes()
    )
    binary = folder / "svctrainer"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    data = tmp_path / "share"
    done = subprocess.run(
        ["sh", str(folder / "linux" / "install-desktop-entry.sh")],
        env={**os.environ, "XDG_DATA_HOME": str(data)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / DESKTOP.name
    _validate_desktop(installed)
    exec_line = next(
        line for line in installed.read_text().splitlines() if line.startswith("Exec=")
    )
    # Desktop entry quoting: \" \$ inside the quotes, each backslash doubled as a string.
    expected = str(binary).replace('"', '\\\\"').replace("$", "\\\\$")
    assert exec_line == f'Exec="{expected}"'
