"""A regional supervisor signs in through the real login screen, lands on the region
page, and compares the branches of their region on the ten-key skill."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QFont
from support import typed_perfectly

from svctrainer.core.packs.definition import Mode
from svctrainer.core.roles import Role
from svctrainer.gui.main_window import NAV_KEY_ROLE
from svctrainer.services.actor import Actor

CLI = Actor.command_line()
TEST_PACK = "tenkey-amounts-test.en"


def _tests(svc, actor, gaps_ms):
    """Test attempts, one a day, typed at ``gaps_ms`` between keys (faster: a gain)."""
    record = next(r for r in svc.content.latest(CLI) if r.content_id == TEST_PACK)
    _, definition = svc.content.load(CLI, record.id)
    start = datetime.now(UTC) - timedelta(days=30)
    for n, gap in enumerate(gaps_ms):
        svc.attempts.record_drill(
            actor, record.id, mode=Mode.TEST, seed=500 + n,
            events=typed_perfectly(definition, Mode.TEST, 500 + n, gap_ms=gap),
            started_at=start + timedelta(days=n),
        )  # fmt: skip


@pytest.fixture
def region(branch):
    svc = branch.services
    svc.content.sync_bundled()
    rhea = svc.people.create_person(
        CLI, name="Rhea Regional", employee_number="G1", pin=branch.pin,
        roles=[Role.REGIONAL_SUPERVISOR],
    )  # fmt: skip
    svc.branches.create_branch(CLI, "North")
    nora = svc.people.create_person(
        CLI, name="Nora North", employee_number="T1", pin=branch.pin,
        roles=[Role.TELLER], branch="North",
    )  # fmt: skip
    _tests(svc, branch.actor(branch.teller), [300, 300, 300, 150])  # twice as fast
    _tests(svc, branch.actor(nora), [250, 250, 250, 200])
    svc.branches.create_region(CLI, "Both", ["Test Branch", "North"])
    svc.branches.add_region_supervisor(CLI, "Both", rhea.id)
    return rhea


@pytest.mark.shipped_content
def test_the_regional_supervisor_compares_the_branches(qtbot, region, window, sign_in):
    sign_in(region)
    keys = [window.nav.item(i).data(NAV_KEY_ROLE) for i in range(window.nav.count())]
    assert "region" in keys
    assert "supervisor" not in keys
    assert "admin" not in keys
    assert window.current_page_key() == "region"  # where a regional supervisor's work is
    page = window.pages["region"]
    qtbot.waitUntil(lambda: page.board is not None, timeout=30_000)
    table = page.table
    rows = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }
    assert list(rows) == ["North", "Test Branch"]
    north, home = rows["North"], rows["Test Branch"]
    assert north[:4] == ["1", "4", "1", "1"]  # tellers, attempts, tested, with a gain
    assert home[:4] == ["3", "4", "1", "1"]
    assert home[-1].startswith("+")
    assert home[-1].endswith("%")
    best = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Test Branch")
    assert QFont(table.item(best, 0).font()).bold()  # the larger gain
    assert "Test Branch has the highest median gain" in page.status.text()
    # Another region choice, then F5: the page reloads and shows the same branches.
    page.region.setCurrentIndex(1)
    qtbot.waitUntil(page.refresh_button.isEnabled, timeout=30_000)
    assert page.table.rowCount() == 2
