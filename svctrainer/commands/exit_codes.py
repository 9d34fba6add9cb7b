"""How ``svctrainer`` commands end, for scripts and cron jobs that check ``$?``."""

from __future__ import annotations

FAILURE = 1
"""The command could not do what was asked (bad file, refused change, damaged database)."""
USAGE_ERROR = 2
"""A wrong argument: nothing was done (argparse's own code for the same)."""
NO_DISPLAY = 3
"""``svctrainer gui`` found no display to open its window on: nothing was started."""
