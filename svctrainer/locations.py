"""Where svctrainer keeps things on this computer.

One place decides every path so that tests (and ``SVCTRAINER_HOME``) can move all of
them at once into a temporary folder, and nothing ever writes into the install location.
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "svctrainer"
HOME_ENV = "SVCTRAINER_HOME"
DB_ENV = "SVCTRAINER_DB"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(appdirs.user_data_dir(APP_NAME))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(appdirs.user_log_dir(APP_NAME))


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(appdirs.user_config_dir(APP_NAME))


CACHE_ENV = "SVCTRAINER_CACHE"


def cache_dir() -> Path:
    """Rebuildable files (the demo database). ``SVCTRAINER_CACHE`` may move it on its own,
    so a test run can share one cache across its isolated homes."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    home = _home()
    return home / "cache" if home else Path(appdirs.user_cache_dir(APP_NAME))


def branch_key_path() -> Path:
    """The branch key (core/branch_key.py): with this workstation's configuration, never
    beside the database it helps protect."""
    return config_dir() / "branch.key"


def default_db_path() -> Path:
    return data_dir() / "svctrainer.sqlite3"


def default_db_url() -> str:
    """``--db`` beats ``SVCTRAINER_DB`` beats the SQLite file in the user data folder."""
    return os.environ.get(DB_ENV) or f"sqlite:///{default_db_path()}"


def backup_dir_for(db_file: Path) -> Path:
    """Backups sit beside the database, so moving the folder moves its history too."""
    return db_file.parent / "backups"


def bundled_dir(name: str) -> Path:
    """Top-level ``drills/`` or ``assets/``: in a checkout they sit beside the package;
    an installed wheel carries them inside it as ``_bundled/``."""
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "_bundled" / name
    if inside.is_dir():
        return inside
    return package_dir.parent / name


def bundled_content_files() -> list[Path]:
    """The drill packs and scenarios this release ships."""
    root = bundled_dir("drills")
    files = sorted(root.glob("*.toml")) + sorted((root / "scenarios").glob("*.yaml"))
    return [f for f in files if f.is_file()]
