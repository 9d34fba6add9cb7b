"""``svctrainer db upgrade`` on a workstation's SQLite file: backed up, upgraded, audited;
a second run has nothing to do. (On a server: tests/deploy/test_schema_upgrades.py.)"""

import json
import shutil
from pathlib import Path

from svctrainer.store.migrations import HEAD_REVISION

FIXTURE = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "schema_0001.sqlite3"


def test_db_upgrade_backs_up_upgrades_and_audits_a_sqlite_file(cli, tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)

    first = cli("db", "upgrade", "--db", str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"upgraded {path} from schema 0001 to {HEAD_REVISION}"
    assert [b.name for b in (tmp_path / "backups").iterdir() if "pre-migration" in b.name]

    again = cli("db", "upgrade", "--db", str(path))
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"{path} is already at schema {HEAD_REVISION}; nothing to do"

    audit = cli("audit", "--json", "--db", str(path))
    entries = [e for e in json.loads(audit.stdout) if e["action"] == "database.upgrade"]
    assert len(entries) == 1
    assert entries[0]["actor"].startswith("cli:")
    assert entries[0]["detail"]["from_revision"] == "0001"
    assert entries[0]["detail"]["to_revision"] == HEAD_REVISION
