"""Loaded before every other plugin (``-p bytecode_early`` in pyproject's ``addopts``):
lets pytest keep the plugins it rewrites, even where Python may not write bytecode.

Why: pytest rewrites the asserts of every module of an installed pytest plugin's
distribution (pytest-qt, pytest-xdist, pytest-timeout and the whole of Hypothesis) as
they are imported, and keeps the result in ``__pycache__`` only when bytecode may be
written. Under ``PYTHONDONTWRITEBYTECODE`` (set on this machine and on the landing CI)
every pytest process (the run's own, each parallel worker, and the runs some tests
start) rewrote them all again: ~2.2 s of CPU each. The plugins are imported before any
``conftest.py``, so the switch has to be here; ``tests/conftest.py`` gives the
developer's choice back once the tests are collected (``ASKED``).
"""

from __future__ import annotations

import sys

ASKED = sys.dont_write_bytecode
"""Whether Python was told not to write bytecode, as the run started."""

sys.dont_write_bytecode = False
