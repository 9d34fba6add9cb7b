"""Scenario runs are scored by the service from their decision log, stored with the log
(decisions-v1), and a rescore must agree."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from svctrainer.core.packs.definition import Mode
from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.scenarios.decision_log_codec import decode_decisions
from svctrainer.core.scenarios.engine import ScenarioRun
from svctrainer.core.scenarios.model import Mood
from svctrainer.services.actor import Actor
from svctrainer.services.errors import InvalidInputError, PermissionDeniedError
from svctrainer.store.models import AttemptEvent

pytestmark = pytest.mark.shipped_content  # each test syncs it: start with it stored
CLI = Actor.command_line()
S = 1_000_000_000
SAMPLE = Path(__file__).resolve().parents[2] / "drills" / "scenarios" / "sample-queue-wait.en.yaml"
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


@pytest.fixture
def sample(branch):
    svc = branch.services
    svc.content.sync_bundled()
    record = next(r for r in svc.content.latest(CLI) if r.content_id == "sample-queue-wait.en")
    _, scenario = svc.content.load(CLI, record.id)
    return record, scenario


def _hesitant_run(scenario):
    """The best path, but the teller lets the first 15 s countdown run out."""
    run = ScenarioRun(scenario, 100 * S)
    run.timeout(115 * S)
    t = 118 * S
    for choice_id in ("acknowledge", "verify_id", "check_id", "count_twice", "batch_explain",
                      "offer_payroll", "set_up_now"):  # fmt: skip
        run.choose(choice_id, t)
        t += 4 * S
    return run


def test_a_run_is_stored_with_figures_from_its_log(branch, sample):
    record, scenario = sample
    svc = branch.services
    actor = branch.actor(branch.other_teller)
    run = _hesitant_run(scenario)
    attempt = svc.attempts.record_scenario(actor, record.id, Mode.PRACTICE, run.log, WHEN)
    # Hand-computed (docs/scenario-format.md, section 9): max points 18, the timeout costs
    # responsiveness 2 -> 16 points. Valence ends at +5 and a need was anticipated, but the
    # timeout is a failure, so the run is comfort: raw 70 + round(16/18 * 19) = 87, under
    # the cap of 100 - 5 = 95.
    assert (attempt.grade, attempt.score, attempt.mode) == ("comfort", 87.0, "practice")
    assert attempt.kind == "scenario"
    assert attempt.speed is None
    assert attempt.duration_ms == (142 - 100) * 1000  # last decision at 142 s
    assert attempt.accuracy == pytest.approx(7 / 8)  # every choice but the hesitation
    details = attempt.details
    assert details["failures"] == 1
    assert details["timeouts"] == 1
    assert details["servqual"]["responsiveness"] == 2
    assert {"code": "delight_needs_no_failures", "params": {"failures": 1}} in details["reasons"]
    assert len(details["mood_trace"]) == 9
    with svc.db.reading() as session:
        row = session.get(AttemptEvent, attempt.id)
        assert (row.encoding, row.event_count) == ("decisions-v1", 8)
        assert decode_decisions(row.data) == list(run.log)
    assert svc.attempts.decisions(actor, attempt.id) == list(run.log)
    report = svc.attempts.rescore(CLI, attempt.id)
    assert report.matches, (report.stored, report.recomputed)


def test_figures_from_the_caller_are_never_trusted(branch, sample, db_path):
    record, scenario = sample
    svc = branch.services
    attempt = svc.attempts.record_scenario(
        branch.actor(branch.teller), record.id, "test", best_result(scenario).log, WHEN
    )
    assert (attempt.grade, attempt.score, attempt.mode) == ("delight", 100.0, "test")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE attempt SET score = 60, grade = 'satisfaction' WHERE id = ?",
                     (attempt.id.hex,))  # fmt: skip
    conn.close()
    report = svc.attempts.rescore(CLI, attempt.id)
    assert not report.matches
    assert (report.recomputed["score"], report.recomputed["grade"]) == (100.0, "delight")


def test_a_log_that_does_not_fit_the_scenario_is_refused(branch, sample):
    record, scenario = sample
    actor = branch.actor(branch.teller)
    log = list(best_result(scenario).log)
    tampered = [replace(log[0], mood_after=Mood(5.0, 0.0)), *log[1:]]  # a happier customer
    with pytest.raises(InvalidInputError, match="do not fit"):
        branch.services.attempts.record_scenario(actor, record.id, Mode.TEST, tampered, WHEN)
    with pytest.raises(InvalidInputError, match="at least one decision"):
        branch.services.attempts.record_scenario(actor, record.id, Mode.TEST, [], WHEN)
    assert branch.services.attempts.history(actor, branch.teller.id) == []


def test_only_scenarios_take_decision_logs(branch, sample, tenkey_attempt):
    _, scenario = sample
    with pytest.raises(InvalidInputError, match="not a scenario"):
        branch.services.attempts.record_scenario(
            branch.actor(branch.teller),
            tenkey_attempt.content_item_id,
            Mode.PRACTICE,
            best_result(scenario).log,
            WHEN,
        )
    with pytest.raises(Exception, match="no decision log"):
        branch.services.attempts.decisions(CLI, tenkey_attempt.id)
    assert branch.services.attempts.rescore(CLI, tenkey_attempt.id).matches  # drills still


def test_the_command_line_records_nobody_s_runs(branch, sample):
    record, scenario = sample
    with pytest.raises(PermissionDeniedError):
        branch.services.attempts.record_scenario(
            CLI, record.id, Mode.PRACTICE, best_result(scenario).log, WHEN
        )


def test_rescore_against_a_newer_version(branch, sample, tmp_path):
    record, scenario = sample
    svc = branch.services
    attempt = svc.attempts.record_scenario(
        branch.actor(branch.teller), record.id, Mode.PRACTICE, _hesitant_run(scenario).log, WHEN
    )
    # Version 2 punishes hesitation at the counter harder: the same decisions score lower.
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "servqual: {responsiveness: -2}", "servqual: {responsiveness: -10}"
    )
    newer = tmp_path / "sample-queue-wait.en.yaml"
    newer.write_text(text, encoding="utf-8")
    [outcome] = svc.content.import_files(CLI, [newer])
    assert outcome.status == "new_version"
    assert svc.attempts.rescore(CLI, attempt.id).matches
    report = svc.attempts.rescore(CLI, attempt.id, latest_version=True)
    assert report.content_version == 2
    assert not report.matches
    # 18 - 10 = 8 points of 18: comfort, raw 70 + round(8/18 * 19) = 78, below the cap.
    assert (report.stored["score"], report.recomputed["score"]) == (87.0, 78.0)
