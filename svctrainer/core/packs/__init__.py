"""Drill packs: TOML files in ``drills/`` validated into ``DrillDefinition``s, every
problem located at ``path:line:col`` (``loader``, ``schema``, ``locator``)."""
