"""The database: SQLAlchemy 2 models, engine and session setup, migrations, backups.

Only this package knows SQL dialects; everything above talks to it through sessions and
plain data.
"""
