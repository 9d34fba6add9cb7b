"""Compliance with the service standard per demand level, per employee and team, replayed
from stored scenario runs (real database; on PostgreSQL too where the suite runs it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.model import DemandLevel
from svctrainer.services.actor import Actor
from svctrainer.services.errors import PermissionDeniedError
from svctrainer.services.service_standards import compliance_of

pytestmark = pytest.mark.shipped_content
CLI = Actor.command_line()
S = 1_000_000_000
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
BEST = ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
        "offer_payroll", "set_up_now")  # fmt: skip
CUTTING_CORNERS = ("straight_to_business", "verify_id", "check_id", "single_count",
                   "batch_explain", "offer_payroll", "set_up_now")  # fmt: skip


def _played(scenario, choices):
    run = ScenarioRun(scenario, 100 * S)
    for n, choice_id in enumerate(choices, start=1):
        run.choose(choice_id, (100 + 3 * n) * S)
    return run


@pytest.fixture
def sample(branch):
    svc = branch.services
    svc.content.sync_bundled()
    record = next(r for r in svc.content.latest(CLI) if r.content_id == "sample-queue-wait.en")
    _, scenario = svc.content.load(CLI, record.id)
    return record, scenario


def test_a_run_is_assessed_against_its_levels_standard(sample):
    _, scenario = sample
    good = compliance_of(scenario, _played(scenario, BEST).log)
    assert good is not None
    assert good.standard.level is DemandLevel.STANDARD
    assert good.missed == ()
    assert good.met == good.applicable == 8
    poor = compliance_of(scenario, _played(scenario, CUTTING_CORNERS).log)
    assert poor is not None
    assert sorted(r.item.id for r in poor.missed) == [
        "greet",  # straight to business
        "read_back",  # counted once
    ]
    assert (poor.met, poor.applicable) == (6, 8)


def test_compliance_per_level_per_employee_team_and_everyone(branch, sample):
    record, scenario = sample
    svc = branch.services
    for who, choices in ((branch.teller, BEST), (branch.other_teller, CUTTING_CORNERS)):
        run = _played(scenario, choices)
        svc.attempts.record_scenario(branch.actor(who), record.id, Mode.PRACTICE, run.log, WHEN)
    table = svc.standards.compliance_by_level(branch.actor(branch.supervisor))
    assert table.levels == (DemandLevel.STANDARD,)
    by_person = {row.person.id: row.levels[DemandLevel.STANDARD] for row in table.rows}
    assert (by_person[branch.teller.id].met, by_person[branch.teller.id].applicable) == (8, 8)
    poor = by_person[branch.other_teller.id]
    assert (poor.met, poor.applicable, poor.runs) == (6, 8, 1)
    everyone = table.everyone.levels[DemandLevel.STANDARD]
    assert (everyone.met, everyone.applicable, everyone.runs) == (14, 16, 2)
    assert everyone.rate == 0.875
    assert sum(t.levels[DemandLevel.STANDARD].runs for t in table.teams) == 2
    assert table.skipped == 0


def test_a_teller_may_not_see_the_branchs_compliance(branch):
    with pytest.raises(PermissionDeniedError):
        branch.services.standards.compliance_by_level(branch.actor(branch.teller))
