"""``svctrainer --write-pdf-child FILE``: the window's PDF writer process.

Not a command anyone types: the window starts it to lay out a report's pages away from
its own interpreter lock (``gui/charts/pdf_process.py`` says why) and feeds it the
report on standard input; it answers the page count on standard output.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(argv: Sequence[str]) -> int:
    from svctrainer.gui.charts.pdf_process import serve  # noqa: PLC0415 - Qt only here

    return serve(argv, sys.stdin.buffer, sys.stdout.buffer)
