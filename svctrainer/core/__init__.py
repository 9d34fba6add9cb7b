"""Pure domain logic: metrics, money, drill and scenario engines, content loading,
analytics.

Nothing here imports Qt or SQLAlchemy (a test enforces it), so every rule can be tested
fast without a display or a database, and the same code serves GUI, CLI and server.
"""
