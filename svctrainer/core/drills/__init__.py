"""Timed drills: the run/feed/tick/replay protocol (``base``), the shared keyboard engine
(``typing_engine``), the drill types (``tenkey``, ``data_entry``) and their content
generators, and the registry with the entry points ``start_run`` and ``replay``
(``registry``)."""
