"""A workstation tied to a branch on a real PostgreSQL server (see test_workstations)."""

from __future__ import annotations

from sync_support import workstation
from test_workstations import check_workstation_branch


def test_a_workstation_tied_to_a_branch_of_the_server(pg_url):
    ws = workstation(pg_url)
    try:
        check_workstation_branch(ws)
    finally:
        ws.services.close()
