"""The xAPI export checked against ADL xAPI 1.0.3 by a validator written here, from the
spec, independently of ``core.xapi.validation`` (which the export itself uses: a test
with the same code as the thing under test would prove nothing).

Spec references (xAPI 1.0.3, Part Two "Experience API Data"):
- 2.4    a Statement MUST have actor, verb and object; id a UUID (2.4.1); version
         "1.0.x" (2.4.10); timestamp an ISO 8601 date-time (2.4.7), which this export
         always gives, in UTC.
- 2.4.2  an Agent has exactly ONE inverse functional identifier (mbox, mbox_sha1sum,
         openid, account); an account has homePage (an IRL) and name.
- 2.4.3  verb.id an IRI; display a language map.
- 2.4.4  an Activity's id an IRI; definition.type an IRI; interaction activities
         (2.4.4.1.1) have interactionType, and for "choice" a ``choices`` list of
         components {id, description}, ``correctResponsesPattern`` an array of strings.
- 2.4.5  result.score.scaled a decimal in [-1, 1]; min ≤ raw ≤ max; success and
         completion booleans; duration an ISO 8601 duration (4.6: with designators,
         "PnYnMnDTnHnMnS"); extensions keyed by IRIs.
- 2.4.6  context.registration a UUID; contextActivities values Activities with IRI ids.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from progress_support import (
    NOW,
    SCENARIO,
    TENKEY_PRACTICE,
    TENKEY_TEST,
    Row,
    add_rows,
    learning_history,
    open_world,
)
from sqlalchemy import select

from svctrainer.core.scenarios.analysis import best_result
from svctrainer.core.xapi.vocabulary import XapiConfig
from svctrainer.services.actor import Actor
from svctrainer.store.models import Attempt

CLI = Actor.command_line()
CONFIG = XapiConfig("https://lms.example-bank.com/xapi", "https://hr.example-bank.com")
ADL = "http://adlnet.gov/expapi/verbs/"
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
DURATION = re.compile(
    r"P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?"
    r"(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?"
)


# -- the validator ----------------------------------------------------------------------


def _iri(value: Any) -> bool:
    """An absolute IRI: a scheme, and for http(s) a host; no spaces."""
    if not isinstance(value, str) or re.search(r"\s", value):
        return False
    parts = urlsplit(value)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme or ""):
        return False
    return bool(parts.netloc) if parts.scheme in ("http", "https") else bool(parts.path)


def _uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _timestamp(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value
    ):
        return False
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _language_map(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", k) and isinstance(v, str)
            for k, v in value.items()
        )
    )


def _activity(value: Any, where: str, out: list[str]) -> None:
    if not isinstance(value, dict) or value.get("objectType", "Activity") != "Activity":
        out.append(f"{where}: not an Activity")
        return
    if not _iri(value.get("id")):
        out.append(f"{where}.id: not an IRI")
    definition = value.get("definition")
    if definition is None:
        return
    for key in ("name", "description"):
        if key in definition and not _language_map(definition[key]):
            out.append(f"{where}.definition.{key}: not a language map")
    if "type" in definition and not _iri(definition["type"]):
        out.append(f"{where}.definition.type: not an IRI")
    for key in definition.get("extensions", {}):
        if not _iri(key):
            out.append(f"{where}.definition.extensions: key {key!r} not an IRI")
    if "interactionType" in definition:
        if definition["interactionType"] != "choice":
            out.append(f"{where}: unexpected interactionType")
        choices = definition.get("choices")
        ids = [c.get("id") for c in choices] if isinstance(choices, list) else []
        if not ids or not all(isinstance(i, str) and i for i in ids) or len(set(ids)) != len(ids):
            out.append(f"{where}.definition.choices: need distinct non-empty ids")
        if not all(_language_map(c.get("description")) for c in choices or []):
            out.append(f"{where}.definition.choices: descriptions must be language maps")
        pattern = definition.get("correctResponsesPattern", [])
        if not (isinstance(pattern, list) and all(isinstance(p, str) for p in pattern)):
            out.append(f"{where}.definition.correctResponsesPattern: not an array of strings")


def spec_problems(statement: Any) -> list[str]:
    """What xAPI 1.0.3 requires of a statement, as listed in the module docstring."""
    if not isinstance(statement, dict):
        return ["not a JSON object"]
    out: list[str] = []
    for key in ("id", "actor", "verb", "object", "timestamp", "version"):
        if key not in statement:
            out.append(f"{key}: missing")
    if not _uuid(statement.get("id")):
        out.append("id: not a UUID")
    if not re.fullmatch(r"1\.0\.\d+", str(statement.get("version"))):
        out.append("version: not 1.0.x")
    if not _timestamp(statement.get("timestamp")):
        out.append("timestamp: not an ISO 8601 date-time with a zone")
    _agent(statement.get("actor", {}), out)
    verb = statement.get("verb", {})
    if not _iri(verb.get("id")):
        out.append("verb.id: not an IRI")
    if "display" in verb and not _language_map(verb["display"]):
        out.append("verb.display: not a language map")
    _activity(statement.get("object"), "object", out)
    _result(statement.get("result", {}), out)
    _context(statement.get("context", {}), out)
    return out


def _agent(actor: dict[str, Any], out: list[str]) -> None:
    present = [k for k in IFIS if k in actor]
    if actor.get("objectType", "Agent") != "Agent" or len(present) != 1:
        out.append(f"actor: needs exactly one inverse functional identifier, has {present}")
    elif present == ["account"]:
        account = actor["account"]
        if not _iri(account.get("homePage")) or not account.get("name"):
            out.append("actor.account: needs homePage (IRL) and name")


def _result(result: dict[str, Any], out: list[str]) -> None:
    score = result.get("score")
    if score is not None:
        scaled = score.get("scaled")
        if scaled is not None and not (isinstance(scaled, int | float) and -1 <= scaled <= 1):
            out.append("result.score.scaled: not in [-1, 1]")
        low, raw, high = score.get("min"), score.get("raw"), score.get("max")
        if None not in (low, raw, high) and not low <= raw <= high:
            out.append("result.score.raw: not between min and max")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            out.append(f"result.{key}: not a boolean")
    if "duration" in result and not (
        isinstance(result["duration"], str) and DURATION.fullmatch(result["duration"])
    ):
        out.append("result.duration: not an ISO 8601 duration")
    _extension_keys(result, "result", out)


def _context(context: dict[str, Any], out: list[str]) -> None:
    if "registration" in context and not _uuid(context["registration"]):
        out.append("context.registration: not a UUID")
    for kind, activities in context.get("contextActivities", {}).items():
        for i, activity in enumerate(activities):
            _activity(activity, f"context.contextActivities.{kind}[{i}]", out)
    _extension_keys(context, "context", out)


def _extension_keys(holder: dict[str, Any], where: str, out: list[str]) -> None:
    for key in holder.get("extensions", {}):
        if not _iri(key):
            out.append(f"{where}.extensions: key {key!r} not an IRI")


GOOD = {
    "id": "5f0b3c4e-8f3a-4d2b-9c1e-2a7b6d5e4f30",
    "version": "1.0.3",
    "timestamp": "2026-11-20T09:15:00.120Z",
    "actor": {"objectType": "Agent", "account": {"homePage": "https://hr.x", "name": "T1"}},
    "verb": {"id": ADL + "completed", "display": {"en-US": "completed"}},
    "object": {"objectType": "Activity", "id": "https://lms.x/drills/a"},
    "result": {"score": {"scaled": 0.5, "raw": 50, "min": 0, "max": 100}, "duration": "PT3M"},
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("id",), "not-a-uuid"),
        (("version",), "2.0.0"),
        (("timestamp",), "2026-11-20 09:15"),
        (("timestamp",), "2026-11-20T09:15:00"),  # no zone
        (("actor", "mbox"), "mailto:t1@x"),  # two identifiers
        (("verb", "id"), "completed"),
        (("object", "id"), "drill a"),
        (("result", "score", "scaled"), 1.5),
        (("result", "score", "raw"), 101),
        (("result", "duration"), "180 s"),
        (("result", "duration"), "PT"),
        (("result", "duration"), "P0000-00-00T00:03:00"),
    ],
)
def test_the_validator_rejects_what_the_spec_forbids(path, value):
    assert spec_problems(GOOD) == []
    bad = json.loads(json.dumps(GOOD))
    target = bad
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert spec_problems(bad)


# -- the export -------------------------------------------------------------------------


@pytest.fixture
def exported(world_template, tmp_path):
    """Tom's history (practice, passed and failed tests, invalid and invalidated runs)
    and one scenario run, exported; (statements, attempts by id, the run's decisions)."""
    world = open_world(world_template, tmp_path / "svctrainer.sqlite3")
    services = world.services
    rows = learning_history(seed=5, attempts=25)
    rows.append(Row(TENKEY_TEST, "test", NOW - timedelta(days=1), 4000.0, grade=None))
    add_rows(services, world.teller.id, rows)
    actor = world.actor(world.teller)
    item = next(r for r in services.content.latest(actor) if r.content_id == SCENARIO)
    _, scenario = services.content.load(actor, item.id)
    log = best_result(scenario).log
    run = services.attempts.record_scenario(actor, item.id, "test", log, NOW)
    target = tmp_path / "statements.json"
    result = services.reports.xapi(CLI, target, CONFIG, person_id=world.teller.id)
    with services.db.reading() as session:
        attempts = {
            a.id: (a.mode, a.valid, a.invalidated_reason, a.grade, a.speed, a.duration_ms)
            for a in session.scalars(select(Attempt).where(Attempt.person_id == world.teller.id))
        }
    services.close()
    statements = json.loads(target.read_text(encoding="utf-8"))
    assert result.rows == len(statements)
    return statements, attempts, run, log


def test_every_statement_meets_the_spec(exported):
    statements, _, _, _ = exported
    problems = {s["id"]: spec_problems(s) for s in statements}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len({s["id"] for s in statements}) == len(statements)
    assert all(s["version"] == "1.0.3" for s in statements)


def test_one_verdict_per_attempt_with_the_right_verb(exported):
    statements, attempts, run, _ = exported
    verdicts = [s for s in statements if not s["verb"]["id"].endswith("/answered")]
    by_attempt = {uuid.UUID(s["context"]["registration"]): s for s in verdicts}
    assert len(verdicts) == len(by_attempt) == len(attempts)  # one each, no more
    assert set(by_attempt) == set(attempts)
    verbs = set()
    for attempt_id, (mode, valid, invalidated, grade, speed, _ms) in attempts.items():
        statement = by_attempt[attempt_id]
        verb = statement["verb"]["id"].removeprefix(ADL)
        verbs.add(verb)
        if attempt_id == run.id:
            continue  # the scenario run: below
        result = statement["result"]
        if not valid or invalidated:
            expected = "attempted"  # it happened, but does not count
            assert "score" not in result
        elif mode == "test":
            expected = "passed" if grade else "failed"
            assert result["success"] is (grade is not None)
        else:
            expected = "completed"
        assert verb == expected, (mode, valid, invalidated, grade)
        assert result["duration"] == "PT3M"  # 180 000 ms, as stored
        assert result["extensions"][f"{CONFIG.base_iri}/extensions/net_kph"] == speed
        if "score" in result:
            score = result["score"]
            assert score["scaled"] == pytest.approx(score["raw"] / 100, abs=1e-4)
    assert verbs >= {"attempted", "passed", "failed", "completed"}
    assert by_attempt[run.id]["verb"]["id"] == ADL + "passed"


def test_one_answered_statement_per_scenario_choice(exported):
    statements, _, run, log = exported
    answered = [s for s in statements if s["verb"]["id"] == ADL + "answered"]
    assert len(answered) == len(log)
    assert all(s["context"]["registration"] == str(run.id) for s in answered)
    scenario_iri = f"{CONFIG.base_iri}/scenarios/{SCENARIO}"
    for statement, entry in zip(answered, log, strict=True):
        definition = statement["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["interactionType"] == "choice"
        assert statement["object"]["id"] == f"{scenario_iri}/nodes/{entry.node_id}"
        offered = {c["id"] for c in definition["choices"]}
        assert statement["result"]["response"] == entry.choice_id
        assert entry.choice_id in offered
        assert set(definition["correctResponsesPattern"]) <= offered
        assert statement["result"]["success"] is True  # the best run
        assert statement["context"]["contextActivities"]["parent"][0]["id"] == scenario_iri
    stamps = [datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00")) for s in answered]
    assert stamps == sorted(stamps)
    assert stamps[0] >= NOW


def test_attempt_statements_of_practice_and_tests(exported):
    statements, _, _, _ = exported
    drills = {s["object"]["id"] for s in statements if "/drills/" in s["object"]["id"]}
    assert drills == {
        f"{CONFIG.base_iri}/drills/{TENKEY_PRACTICE}",
        f"{CONFIG.base_iri}/drills/{TENKEY_TEST}",
    }
    assert {s["actor"]["account"]["name"] for s in statements} == {"T1"}
    assert all("name" not in s["actor"] for s in statements)  # no names unless asked
