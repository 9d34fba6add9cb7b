"""Wait until a window is drawn on an X display, then save the whole screen as a PNG.

Run by test_frozen_build.py in its own process (``DISPLAY`` set, the xcb platform), so
the test needs no screenshot tool beyond Xvfb itself:

    python screen_grab.py OUT.png TIMEOUT_S SETTLE_S

Exit 0 once at least a third of the screen is drawn (Xvfb's empty screen is black) and
SETTLE_S more seconds have passed for the window to fill in; exit 1 on timeout.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtGui import QGuiApplication, QImage


def drawn_fraction(image: QImage, step: int = 16) -> float:
    samples = drawn = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            drawn += image.pixel(x, y) & 0xFFFFFF != 0
    return drawn / max(1, samples)


def main() -> int:
    out, timeout, settle = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    app = QGuiApplication([sys.argv[0]])
    screen = app.primaryScreen()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if drawn_fraction(screen.grabWindow(0).toImage()) > 1 / 3:
            time.sleep(settle)
            image = screen.grabWindow(0).toImage()
            image.save(out)
            sys.stdout.write(f"{drawn_fraction(image):.2f}\n")
            return 0
        time.sleep(0.25)
    screen.grabWindow(0).toImage().save(out)
    return 1


if __name__ == "__main__":
    sys.exit(main())
