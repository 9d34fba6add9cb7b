"""``svctrainer demo --region``: the demo branch and two more, each with its own history,
a region of the three and its regional supervisor, who compares them; an employee number
the three branches share is never resolved by guessing."""

from __future__ import annotations

import shutil

import pytest
from summary_support import assert_current, assert_region_as_from_attempts
from support import FAST_PIN_COST

from svctrainer.core.demo_branch import BRANCH_NAME
from svctrainer.core.demo_region import REGION_BRANCHES, REGION_NAME, REGIONAL_SUPERVISOR
from svctrainer.services.actor import Actor
from svctrainer.services.demo_builder import create_demo_branch
from svctrainer.services.demo_region import add_demo_region
from svctrainer.services.errors import AmbiguousEmployeeNumberError

CLI = Actor.command_line()


@pytest.mark.slow
def test_the_demo_region_compares_three_branches(shipped_content_db, tmp_path):
    from svctrainer.services.api import Services

    path = tmp_path / "region.sqlite3"
    shutil.copyfile(shipped_content_db, path)  # the shipped content stored, not parsed again
    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        services.content.sync_bundled()
        # The demo branch without its history (tests/services/test_demo.py plays that):
        # the two further branches play theirs, which is what is compared below.
        create_demo_branch(services.db, CLI, FAST_PIN_COST)
        summary = add_demo_region(services.db, CLI, pin_cost=FAST_PIN_COST)
        assert summary.branches == 3
        assert summary.attempts > 0
        (region,) = services.branches.list_regions(CLI)
        assert region.name == REGION_NAME
        assert set(region.branches) == set(REGION_BRANCHES)
        who = REGIONAL_SUPERVISOR
        assert region.supervisors == (f"{who.name} ({who.employee_number})",)
        qian = services.people.find_by_employee_number(CLI, who.employee_number)
        board = services.region.dashboard(Actor.person(qian.id, qian.name, "E1004"),
                                          "tenkey-amounts")  # fmt: skip
        assert [r.branch for r in board.rows] == sorted(REGION_BRANCHES)
        played = [r for r in board.rows if r.branch != BRANCH_NAME]
        assert all(r.levels.measured > 0 for r in played)
        assert all((r.levels.gain or 0) > 0 for r in played)  # the demo tellers improve
        assert played[0].levels.gain != played[1].levels.gain  # each branch its own curve
        regional = Actor.person(qian.id, qian.name, "E1004")
        assert_region_as_from_attempts(services, regional, "tenkey-amounts")
        assert_current(services.db)
        (home,) = (r for r in board.rows if r.branch == BRANCH_NAME)
        assert (home.tellers, home.attempts, home.levels.measured) == (19, 0, 0)
        with pytest.raises(AmbiguousEmployeeNumberError) as refused:
            services.people.find_by_employee_number(CLI, "E1012")
        assert refused.value.branches == tuple(sorted(REGION_BRANCHES))
    finally:
        services.close()
