"""The running application opens no listening socket (TCP, UDP or local)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _listening_inodes() -> set[str]:
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "unix"):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if table == "unix":
                # Flags 00010000 = __SO_ACCEPTCON: a listening unix socket.
                if len(parts) > 6 and parts[3] == "00010000":
                    inodes.add(parts[6])
            elif len(parts) > 9 and parts[3] == "0A":  # TCP_LISTEN
                inodes.add(parts[9])
    return inodes


@pytest.mark.gui
def test_the_running_app_listens_on_nothing(qtbot, window, sign_in, branch):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to list this process's sockets")
    sign_in(branch.admin)
    for key in ("practice", "admin"):
        window.go_to(key)
    mine = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    assert mine & _listening_inodes() == set()
