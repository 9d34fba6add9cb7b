"""Process start to the first visible window, as a person sees it, against bare PySide6.

    .venv/bin/python bench/bench_first_window.py [RUNS]

One Xvfb server for the whole run. This process opens its own X connection and listens
on the root window for ``MapNotify`` (a top-level window becoming viewable: what
``xdotool search --onlyvisible`` calls visible), takes the time, starts the child, and
stops the clock when the child's first window is mapped. Nothing runs inside the child:
the figure holds every import, the argument parsing and the window's construction.

The children, interleaved run by run so that a busy machine slows both alike:

- ``svctrainer gui`` (``python -m svctrainer gui``) on a fresh home folder, which shows
  the sign-in window before it opens any database;
- a bare ``QMainWindow`` in the same Python, the floor of this stack.

Reported: the median of RUNS (default 5) of each after one discarded warm-up of each,
and their ratio (budget 1.25 ×). Beside it, the CPU time each child used until it was
ended at its first window (user + system, from ``wait4``): on a machine shared by many,
wall time waits for a core as much as it works, and the CPU ratio says what the code
itself costs against the floor.

svctrainer's modules are byte-compiled first, as a wheel, an installer or
packaging/setup.sh leaves them (PySide6, the floor, is compiled in site-packages): in a
checkout where Python may not write bytecode (PYTHONDONTWRITEBYTECODE) each start would
otherwise compile every module it imports, a cost no installed copy has.
"""

from __future__ import annotations

import compileall
import ctypes
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure

ROOT = Path(__file__).resolve().parent.parent

BARE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.setWindowTitle('bare')\n"
    "window.show()\n"
    "app.exec()\n"
)

_MAP_NOTIFY = 19
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class _MapEvent(ctypes.Structure):
    """The head of Xlib's ``XMapEvent``; the union ``XEvent`` is 24 longs."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("map", _MapEvent), ("pad", ctypes.c_long * 24)]


class MapWatcher:
    """An X connection that hears every top-level window of the display being mapped."""

    def __init__(self, display: str) -> None:
        self.xlib = ctypes.CDLL("libX11.so.6")
        self.xlib.XOpenDisplay.restype = ctypes.c_void_p
        self.xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.xlib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.xlib.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.xlib.XPending.argtypes = [ctypes.c_void_p]
        self.xlib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
        self.xlib.XFlush.argtypes = [ctypes.c_void_p]
        self.xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = self.xlib.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open X display {display}")
        root = self.xlib.XDefaultRootWindow(self.dpy)
        self.xlib.XSelectInput(self.dpy, root, _SUBSTRUCTURE_NOTIFY_MASK)
        self.xlib.XFlush(self.dpy)
        self.fd = self.xlib.XConnectionNumber(self.dpy)

    def drain(self) -> None:
        event = _XEvent()
        while self.xlib.XPending(self.dpy):
            self.xlib.XNextEvent(self.dpy, ctypes.byref(event))

    def wait_for_map(self, child: subprocess.Popen[bytes], timeout_s: float) -> float:
        """The monotonic time a window (not a pop-up) was mapped; raises on timeout."""
        event = _XEvent()
        deadline = time.monotonic() + timeout_s
        while True:
            while self.xlib.XPending(self.dpy):
                self.xlib.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type == _MAP_NOTIFY and not event.map.override_redirect:
                    return time.monotonic()
            left = deadline - time.monotonic()
            if left <= 0 or child.poll() is not None:
                raise RuntimeError(f"no window mapped (child exit code {child.poll()})")
            select.select([self.fd], [], [], min(left, 0.5))

    def close(self) -> None:
        self.xlib.XCloseDisplay(self.dpy)


@contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb server; yields its display name (``:N``)."""
    xvfb_path = shutil.which("Xvfb")
    if xvfb_path is None:
        raise RuntimeError("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb_path, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


def time_to_window(
    watcher: MapWatcher, argv: Sequence[str], env: dict[str, str]
) -> tuple[float, float]:
    """Seconds from starting ``argv`` to its first mapped window, and the CPU seconds the
    child used by the time it was ended there."""
    watcher.drain()
    started = time.monotonic()
    child = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        mapped = watcher.wait_for_map(child, timeout_s=60)
    finally:
        child.terminate()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return mapped - started, usage.ru_utime + usage.ru_stime


def measure(runs: int = 5) -> dict[str, float]:
    """Medians in ms of the app and of the bare window, and their ratio."""
    compileall.compile_dir(ROOT / "svctrainer", quiet=2)
    home = Path(tempfile.mkdtemp(prefix="svctrainer-bench-window-"))
    try:
        with xvfb() as display:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                   "SVCTRAINER_HOME": str(home)}  # fmt: skip
            env.pop("WAYLAND_DISPLAY", None)
            app = [sys.executable, "-m", "svctrainer", "gui"]
            bare = [sys.executable, "-c", BARE]
            watcher = MapWatcher(display)
            try:
                time_to_window(watcher, bare, env)  # warm-up: disk caches, fontconfig
                time_to_window(watcher, app, env)
                apps, bares, app_cpu, bare_cpu = [], [], [], []
                for _ in range(runs):
                    wall, cpu = time_to_window(watcher, bare, env)
                    bares.append(wall)
                    bare_cpu.append(cpu)
                    wall, cpu = time_to_window(watcher, app, env)
                    apps.append(wall)
                    app_cpu.append(cpu)
            finally:
                watcher.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    app_ms = statistics.median(apps) * 1000
    bare_ms = statistics.median(bares) * 1000
    app_cpu_ms = statistics.median(app_cpu) * 1000
    bare_cpu_ms = statistics.median(bare_cpu) * 1000
    return {"app_ms": app_ms, "bare_ms": bare_ms, "ratio": app_ms / bare_ms,
            "app_max_ms": max(apps) * 1000, "bare_max_ms": max(bares) * 1000,
            "app_cpu_ms": app_cpu_ms, "bare_cpu_ms": bare_cpu_ms,
            "cpu_ratio": app_cpu_ms / bare_cpu_ms}  # fmt: skip


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: 5 interleaved runs of each (3 with ``quick``)."""
    runs = 3 if quick else 5
    found = measure(runs)
    return [
        Figure("first visible window, bare PySide6 QMainWindow (Xvfb, median)",
               found["bare_ms"], "ms", note=f"{runs} runs, interleaved"),
        Figure("first visible window, svctrainer gui (Xvfb, median)", found["app_ms"], "ms",
               budget=1.25, floor=found["bare_ms"], budget_is_ratio=True,
               note=f"{runs} runs, interleaved with the bare window"),
        Figure("CPU time to the first visible window, svctrainer gui (median)",
               found["app_cpu_ms"], "ms", floor=found["bare_cpu_ms"],
               note=f"bare window {found['bare_cpu_ms']:.0f} ms; what the code costs, "
               "whatever the load"),
    ]  # fmt: skip


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = measure(runs)
    print(f"svctrainer gui, first window mapped: median {result['app_ms']:.0f} ms "
          f"(max {result['app_max_ms']:.0f} ms)")  # fmt: skip
    print(f"bare PySide6 QMainWindow:            median {result['bare_ms']:.0f} ms "
          f"(max {result['bare_max_ms']:.0f} ms)")  # fmt: skip
    print(f"ratio {result['ratio']:.2f} × (budget 1.25 ×; {runs} interleaved runs each)")
    print(f"CPU time to the window: median {result['app_cpu_ms']:.0f} ms against "
          f"{result['bare_cpu_ms']:.0f} ms, {result['cpu_ratio']:.2f} ×")  # fmt: skip


if __name__ == "__main__":
    main()
