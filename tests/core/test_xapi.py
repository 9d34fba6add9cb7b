"""xAPI 1.0.3 statements: built for every attempt and choice, validated, written to a file.

Every statement the builders produce goes through ``validate_statement``; the negative
tests prove the validator catches each kind of missing or malformed field.
"""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.records import ExportedAttempt, scalar_details
from svctrainer.core.xapi.export import InvalidStatementError, write_statements_file
from svctrainer.core.xapi.formats import is_iri, is_language_tag, is_uuid
from svctrainer.core.xapi.iso8601 import (
    format_duration,
    format_timestamp,
    is_duration,
    is_timestamp,
    parse_duration_ms,
    parse_timestamp,
)
from svctrainer.core.xapi.statements import (
    ChoiceOption,
    ChoiceRecord,
    attempt_statement,
    attempt_statements,
    choice_statement,
    verdict_verb,
)
from svctrainer.core.xapi.validation import validate_statement
from svctrainer.core.xapi.vocabulary import CMI_INTERACTION, PERFORMANCE, SIMULATION, XapiConfig

CONFIG = XapiConfig(
    base_iri="https://learning.example-bank.com/xapi/svctrainer/",
    account_home_page="https://sso.example-bank.com",
    platform="svctrainer 0.6",
)
BASE = "https://learning.example-bank.com/xapi/svctrainer"
ADL = "http://adlnet.gov/expapi/verbs/"
STARTED = datetime(2024, 3, 5, 8, 15, 0, 120_000, tzinfo=UTC)
ATTEMPT_ID = uuid.UUID("6f1c9a52-8b0e-4c1e-9d7a-0a4b5c6d7e8f")

DETAILS = {
    "gross_kph": 9360.0,
    "net_kph": 9000.0,
    "cpm": 140.5,
    "consistency": 81.2,
    "strokes": 156,
    "error_policy": "correct",
    "key_stats": {"7": {"hits": 3, "errors": 0, "latency_ns": 1, "latency_samples": 1}},
    "mistakes": [],
    "per_second": [2, 3],
    "weak_keys": ["7"],
    "bad name with spaces": 1,
    "nan": float("nan"),
    "missing": None,
}


def drill_record(**changes):
    values = {
        "attempt_id": ATTEMPT_ID,
        "employee_number": "E1042",
        "person_name": "Li Wei",
        "team": "Counter A",
        "content_kind": "drill",
        "content_id": "tenkey-amounts-test",
        "content_version": 3,
        "content_title": "Ten-key amounts (test)",
        "content_language": "en",
        "drill_type": "tenkey",
        "mode": "test",
        "started_at": STARTED,
        "duration_ms": 65_250,
        "speed": 9000.0,
        "speed_unit": "net_kph",
        "accuracy": 0.9812,
        "score": 87.3,
        "grade": "level-3",
        "valid": True,
        "success": True,
        "metrics": scalar_details(DETAILS),
    }
    values.update(changes)
    return ExportedAttempt(**values)


SCENARIO = drill_record(
    attempt_id=uuid.UUID("0b7e2f10-3c4d-4e5f-8a9b-1c2d3e4f5a6b"),
    content_kind="scenario",
    content_id="angry-transfer-failed",
    content_title="转账两次失败的投诉客户",
    content_language="zh",
    drill_type=None,
    mode="practice",
    duration_ms=184_000,
    speed=None,
    speed_unit=None,
    accuracy=None,
    score=78.0,
    grade="comfort",
    success=True,
    metrics={"tier": 2, "failures": 0},
)
CHOICES = (
    ChoiceRecord(
        index=0,
        node_id="greeting",
        prompt="我的转账又失败了！",
        options=(ChoiceOption("listen", "先倾听"), ChoiceOption("explain-rules", "解释规定")),
        best=("listen",),
        chosen="listen",
        offset_ms=4_200,
        latency_ms=4_200,
    ),
    ChoiceRecord(
        index=1,
        node_id="demand",
        prompt="马上给我处理！",
        options=(ChoiceOption("apologise", "道歉"), ChoiceOption("solve.1", "立即处理")),
        best=("apologise", "solve.1"),
        chosen=None,  # the time ran out
        offset_ms=19_000,
        latency_ms=14_800,
    ),
)


def all_statements():
    return [
        *attempt_statements(drill_record(), CONFIG),
        *attempt_statements(drill_record(mode="practice", success=None), CONFIG),
        *attempt_statements(drill_record(success=False, grade=None), CONFIG),
        *attempt_statements(drill_record(valid=False, invalidated_reason="=cheat"), CONFIG),
        *attempt_statements(drill_record(completed=False, score=None), CONFIG),
        *attempt_statements(SCENARIO, CONFIG, CHOICES),
    ]


# --- statements -------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(all_statements())))
def test_every_generated_statement_is_valid(index):
    statement = all_statements()[index]
    assert validate_statement(statement) == []
    json.dumps(statement, allow_nan=False)  # plain JSON, no NaN


def test_attempt_statement_fields():
    s = attempt_statement(drill_record(), CONFIG)
    assert s["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://sso.example-bank.com", "name": "E1042"},
    }
    assert s["verb"] == {"id": ADL + "passed", "display": {"en-US": "passed"}}
    assert s["object"]["id"] == f"{BASE}/drills/tenkey-amounts-test"
    assert s["object"]["definition"]["type"] == PERFORMANCE
    assert s["object"]["definition"]["name"] == {"en": "Ten-key amounts (test)"}
    result = s["result"]
    assert result["score"] == {"scaled": 0.873, "raw": 87.3, "min": 0.0, "max": 100.0}
    assert result["success"] is True
    assert result["completion"] is True
    assert result["duration"] == "PT1M5.25S"
    ext = result["extensions"]
    assert ext[f"{BASE}/extensions/net_kph"] == 9000.0
    assert ext[f"{BASE}/extensions/accuracy"] == 0.9812
    assert ext[f"{BASE}/extensions/grade"] == "level-3"
    assert ext[f"{BASE}/extensions/consistency"] == 81.2
    assert ext[f"{BASE}/extensions/valid"] is True
    assert not any("key_stats" in k or "nan" in k or "missing" in k for k in ext)
    context = s["context"]
    assert context["registration"] == str(ATTEMPT_ID)
    assert context["revision"] == "3"
    assert context["platform"] == "svctrainer 0.6"
    assert context["language"] == "en"
    assert context["contextActivities"] == {"parent": [{"objectType": "Activity", "id": BASE}]}
    assert context["extensions"] == {f"{BASE}/extensions/mode": "test"}
    # the end of the attempt: 08:15:00.120 + 65.25 s
    assert s["timestamp"] == "2024-03-05T08:16:05.370Z"
    assert s["version"] == "1.0.3"


def test_no_email_and_names_only_when_asked():
    s = attempt_statement(drill_record(), CONFIG)
    assert set(s["actor"]) == {"objectType", "account"}
    named = XapiConfig(BASE, "https://sso.example-bank.com", include_names=True)
    assert attempt_statement(drill_record(), named)["actor"]["name"] == "Li Wei"


@pytest.mark.parametrize(
    ("changes", "verb"),
    [
        ({}, "passed"),
        ({"success": False}, "failed"),
        ({"success": None}, "completed"),
        ({"mode": "practice"}, "completed"),
        ({"mode": "logged"}, "completed"),
        ({"valid": False}, "attempted"),
        ({"completed": False}, "terminated"),
        ({"completed": False, "valid": False}, "terminated"),
    ],
)
def test_verdict_verbs(changes, verb):
    record = drill_record(**changes)
    assert verdict_verb(record) == verb
    assert attempt_statement(record, CONFIG)["verb"]["id"] == ADL + verb


def test_practice_keeps_success_but_attempted_does_not():
    practice = attempt_statement(drill_record(mode="practice"), CONFIG)
    assert practice["result"]["success"] is True
    invalid = attempt_statement(drill_record(valid=False, invalidated_reason="cheat"), CONFIG)
    assert "success" not in invalid["result"]
    assert "score" not in invalid["result"]  # the result does not count
    assert invalid["result"]["extensions"][f"{BASE}/extensions/invalidated_reason"] == "cheat"


def test_a_stopped_attempt_is_terminated_never_completed():
    stopped = attempt_statement(drill_record(completed=False, valid=False), CONFIG)
    assert stopped["verb"]["id"] == ADL + "terminated"
    assert stopped["result"]["completion"] is False
    assert "success" not in stopped["result"]
    assert "score" not in stopped["result"]


def test_out_of_range_or_missing_scores_are_left_out():
    assert "score" not in attempt_statement(drill_record(score=None), CONFIG)["result"]
    assert "score" not in attempt_statement(drill_record(score=100.5), CONFIG)["result"]
    assert "score" not in attempt_statement(drill_record(score=float("nan")), CONFIG)["result"]
    full = attempt_statement(drill_record(score=100.0), CONFIG)["result"]["score"]
    assert full["scaled"] == 1.0


def test_non_finite_figures_are_left_out_of_extensions():
    s = attempt_statement(drill_record(speed=float("inf")), CONFIG)
    assert f"{BASE}/extensions/net_kph" not in s["result"]["extensions"]


def test_scenario_choice_statements():
    statements = attempt_statements(SCENARIO, CONFIG, tuple(reversed(CHOICES)))
    first, second, verdict = statements
    scenario_activity = f"{BASE}/scenarios/angry-transfer-failed"
    assert first["verb"]["id"] == ADL + "answered"
    assert first["object"]["id"] == f"{scenario_activity}/nodes/greeting"
    definition = first["object"]["definition"]
    assert definition["type"] == CMI_INTERACTION
    assert definition["interactionType"] == "choice"
    assert definition["choices"] == [
        {"id": "listen", "description": {"zh-Hans": "先倾听"}},
        {"id": "explain-rules", "description": {"zh-Hans": "解释规定"}},
    ]
    assert definition["correctResponsesPattern"] == ["listen"]
    assert definition["description"] == {"zh-Hans": "我的转账又失败了！"}
    assert first["result"]["response"] == "listen"
    assert first["result"]["success"] is True
    assert first["result"]["duration"] == "PT4.2S"
    assert first["context"]["contextActivities"] == {
        "parent": [{"objectType": "Activity", "id": scenario_activity}],
        "grouping": [{"objectType": "Activity", "id": BASE}],
    }
    assert first["context"]["registration"] == str(SCENARIO.attempt_id)
    assert first["context"]["language"] == "zh-Hans"
    assert first["timestamp"] == "2024-03-05T08:15:04.320Z"
    # the timed-out decision: empty response, not a success, any best choice was correct
    assert second["result"]["response"] == ""
    assert second["result"]["success"] is False
    assert second["result"]["extensions"][f"{BASE}/extensions/timed_out"] is True
    assert second["object"]["definition"]["correctResponsesPattern"] == ["apologise", "solve.1"]
    # the run's verdict: practice, completed, simulation
    assert verdict["verb"]["id"] == ADL + "completed"
    assert verdict["object"]["definition"]["type"] == SIMULATION
    assert verdict["object"]["id"] == scenario_activity
    assert verdict["result"]["duration"] == "PT3M4S"


def test_choice_without_known_best_has_no_pattern_or_success():
    choice = ChoiceRecord(0, "n", "", (ChoiceOption("a", ""),), (), "a", 0, 0)
    s = choice_statement(SCENARIO, choice, CONFIG)
    assert "correctResponsesPattern" not in s["object"]["definition"]
    assert "success" not in s["result"]
    assert s["object"]["definition"]["choices"] == [{"id": "a", "description": {"zh-Hans": "a"}}]
    assert validate_statement(s) == []


def test_statement_ids_are_deterministic_and_distinct():
    once = all_statements()
    again = all_statements()
    assert [s["id"] for s in once] == [s["id"] for s in again]
    assert once == again  # a re-export is byte-for-byte the same data
    scenario_ids = [s["id"] for s in attempt_statements(SCENARIO, CONFIG, CHOICES)]
    assert len(set(scenario_ids)) == 3
    other_base = XapiConfig("https://lms.other.example/x", "https://sso.example-bank.com")
    assert attempt_statement(drill_record(), other_base)["id"] != once[0]["id"]
    assert all(uuid.UUID(s["id"]).version == 5 for s in once)


def test_content_ids_are_percent_encoded_into_iris():
    s = attempt_statement(drill_record(content_id="数据 录入/zh"), CONFIG)
    assert s["object"]["id"] == f"{BASE}/drills/%E6%95%B0%E6%8D%AE%20%E5%BD%95%E5%85%A5%2Fzh"
    assert validate_statement(s) == []


def test_config_is_checked():
    with pytest.raises(ValueError, match="base_iri must be an http"):
        XapiConfig("urn:svctrainer", "https://sso.example-bank.com")
    with pytest.raises(ValueError, match="query or fragment"):
        XapiConfig("https://x.example/a?b=1", "https://sso.example-bank.com")
    with pytest.raises(ValueError, match="account_home_page must be an http"):
        XapiConfig("https://x.example/a", "sso.example-bank.com")
    assert CONFIG.base_iri == BASE


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)


records = st.builds(
    drill_record,
    content_id=names,
    content_title=names,
    employee_number=names,
    duration_ms=st.integers(min_value=0, max_value=10**9),
    score=st.one_of(st.none(), st.floats(min_value=-10, max_value=110)),
    valid=st.booleans(),
    completed=st.booleans(),
    success=st.one_of(st.none(), st.booleans()),
    mode=st.sampled_from(["practice", "test", "logged"]),
    content_language=st.sampled_from(["en", "zh"]),
    content_kind=st.sampled_from(["drill", "scenario"]),
)
choice_ids = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)


@given(
    record=records,
    node=choice_ids,
    text=names,
    offset=st.integers(min_value=-(10**6), max_value=10**9),
)
def test_generated_statements_are_always_valid(record, node, text, offset):
    options = (ChoiceOption(node, text), ChoiceOption(node + "x", ""))
    choice = ChoiceRecord(0, node, text, options, (node,), node, offset, offset)
    for statement in attempt_statements(record, CONFIG, [choice]):
        assert validate_statement(statement) == []


def test_attempt_records_need_aware_times_and_give_chart_points():
    with pytest.raises(ValueError, match="timezone-aware"):
        drill_record(started_at=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="must not be negative"):
        drill_record(duration_ms=-1)
    point = drill_record().point()
    assert (point.speed, point.accuracy, point.score, point.attempt_id) == (
        9000.0, 0.9812, 87.3, str(ATTEMPT_ID)
    )  # fmt: skip


def test_scalar_details_keeps_plain_figures_only():
    assert scalar_details(DETAILS) == {
        "gross_kph": 9360.0,
        "net_kph": 9000.0,
        "cpm": 140.5,
        "consistency": 81.2,
        "strokes": 156,
        "error_policy": "correct",
    }


# --- ISO 8601 durations and timestamps ---------------------------------------------------


@pytest.mark.parametrize(
    ("ms", "places", "text"),
    [
        (0, 2, "PT0S"),
        (65_250, 2, "PT1M5.25S"),
        (65_000, 2, "PT1M5S"),
        (3_600_000, 2, "PT1H"),
        (3_600_500, 2, "PT1H0.5S"),
        (3_723_004, 3, "PT1H2M3.004S"),
        (3_723_004, 2, "PT1H2M3S"),
        (3_723_005, 2, "PT1H2M3.01S"),  # half up
        (59_995, 2, "PT1M"),  # 59.995 s rounds up and carries into the minute
        (4, 2, "PT0S"),
        (5, 2, "PT0.01S"),
        (1_499, 0, "PT1S"),
        (1_500, 0, "PT2S"),
        (90_000_000, 2, "PT25H"),  # hours are not carried into days
    ],
)
def test_format_duration(ms, places, text):
    assert format_duration(ms, places) == text
    assert is_duration(text)


def test_format_duration_refuses_bad_input():
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError, match="non-negative integer"):
            format_duration(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="places"):
        format_duration(1, places=4)


@given(st.integers(min_value=0, max_value=10**12))
def test_duration_round_trip_to_the_millisecond(ms):
    assert parse_duration_ms(format_duration(ms, places=3)) == ms


@given(st.integers(min_value=0, max_value=10**12))
def test_duration_at_xapi_precision_is_rounded_half_up_to_10_ms(ms):
    assert parse_duration_ms(format_duration(ms)) == (ms + 5) // 10 * 10


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("PT4H35M59.14S", 16_559_140),
        ("PT16559.14S", 16_559_140),
        ("P4W", 4 * 7 * 86_400_000),
        ("P1DT1S", 86_401_000),
        ("PT1,5S", 1_500),
        ("PT0.5H", 1_800_000),
        ("PT0.0004S", 0),
        ("PT0.0005S", 1),
    ],
)
def test_parse_duration(text, ms):
    assert parse_duration_ms(text) == ms


@pytest.mark.parametrize(
    "text",
    [
        "P",
        "PT",
        "P1DT",
        "PT1.5H30M",  # only the last component may have a fraction
        "P4W1D",  # weeks cannot be combined
        "PT-1S",
        "1M",
        "pt1s",
        "P0000-00-00T00:01:05",  # the alternative format is not allowed by xAPI
        "P16559.14S",  # seconds need the "T" (this form appears in the spec's table)
        "PT1S ",
        "PT١S",  # non-ASCII digits
        "",
        42,
        None,
    ],
)
def test_invalid_durations(text):
    assert not is_duration(text)
    if isinstance(text, str):
        with pytest.raises(ValueError, match="not an ISO 8601 duration"):
            parse_duration_ms(text)


def test_calendar_durations_are_valid_but_have_no_fixed_length():
    assert is_duration("P3Y1M29DT4H35M59.14S")
    with pytest.raises(ValueError, match="years or months"):
        parse_duration_ms("P1M")


def test_format_timestamp():
    beijing = timezone(timedelta(hours=8))
    assert (
        format_timestamp(datetime(2024, 3, 5, 16, 15, 0, 120_999, tzinfo=beijing))
        == "2024-03-05T08:15:00.120Z"
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2024, 1, 1))


@given(st.datetimes(timezones=st.just(UTC)))
def test_timestamps_round_trip_to_the_millisecond(moment):
    text = format_timestamp(moment)
    assert is_timestamp(text, require_zone=True)
    assert parse_timestamp(text) == moment.replace(microsecond=moment.microsecond // 1000 * 1000)


@pytest.mark.parametrize(
    "text",
    [
        "2015-11-18T12:17:00+00:00",
        "2013-05-18T05:32:34.804+00:00",
        "2024-01-01T00:00:00Z",
        "2024-01-01t00:00:00.123456789z",
        "2024-01-01T08:00:00+0800",
        "2024-01-01T08:00:00+08",
        "2024-01-01T08:00:00,5-05:00",
    ],
)
def test_valid_timestamps(text):
    assert is_timestamp(text, require_zone=True)


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01T00:00:00-00:00",
        "2024-02-30T00:00:00Z",
        "2024-01-01 00:00:00Z",
        "2024-01-01",
        "yesterday",
        "2024-01-01T24:00:01Z",
        "",
    ],
)
def test_invalid_timestamps(text):
    assert not is_timestamp(text)


def test_timestamp_without_zone_is_iso_8601_but_not_strict():
    assert is_timestamp("2024-01-01T00:00:00")
    assert not is_timestamp("2024-01-01T00:00:00", require_zone=True)


# --- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["en", "en-US", "zh-Hans", "zh-Hans-CN", "de-CH-1901", "sl-rozaj-biske", "es-419", "tlh",
     "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "zh-min-nan", "EN-us"],
)  # fmt: skip
def test_language_tags(tag):
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "tag",
    ["", "en_US", "e", "en-", "123", "zh-Hans-", "a-DE", "en-ＵＳ", "en-\u212a\u212a", "en US",
     None, 5],
)  # fmt: skip
def test_not_language_tags(tag):
    assert not is_language_tag(tag)


@pytest.mark.parametrize(
    "iri",
    ["http://adlnet.gov/expapi/verbs/answered", "urn:uuid:6f1c9a52-8b0e-4c1e-9d7a-0a4b5c6d7e8f",
     "https://例え.jp/パス", "mailto:a@example.com", "https://x.example/a%20b", "tag:x"],
)  # fmt: skip
def test_iris(iri):
    assert is_iri(iri)


@pytest.mark.parametrize(
    "iri",
    ["answered", "http://", "http:/x.example", "http://exa mple.com", "https://x/%zz", "",
     "://x", "https://x/<a>", "1http://x", "https:///path", None],
)  # fmt: skip
def test_not_iris(iri):
    assert not is_iri(iri)


def test_uuids():
    assert is_uuid(str(ATTEMPT_ID))
    assert is_uuid(str(ATTEMPT_ID).upper())
    assert not is_uuid(str(ATTEMPT_ID).replace("-", ""))
    assert not is_uuid("{" + str(ATTEMPT_ID) + "}")


# --- the validator catches each kind of problem -----------------------------------------

VALID = attempt_statements(SCENARIO, CONFIG, CHOICES[:1])[0]


def _set(statement, path, value):
    *parents, last = path
    node = statement
    for key in parents:
        node = node[key]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value


DELETE = object()
NOT_AN_IRI = "not an iri"

NEGATIVE_CASES = [
    (("actor",), DELETE, "actor: is required"),
    (("verb",), DELETE, "verb: is required"),
    (("object",), DELETE, "object: is required"),
    (("surprise",), 1, "unknown property 'surprise'"),
    (("id",), "1234", "id: must be a UUID"),
    (("id",), DELETE, "id: is required by this profile"),
    (("actor",), "E1042", "actor: must be a JSON object"),
    (("actor", "mbox"), "mailto:li@example.com", "exactly one"),
    (("actor", "account"), DELETE, "exactly one"),
    (("actor", "objectType"), "Person", "actor.objectType"),
    (("actor", "account", "homePage"), NOT_AN_IRI, "actor.account.homePage: must be an IRL"),
    (("actor", "account", "name"), DELETE, "actor.account.name"),
    (("actor", "account", "id"), "x", "unknown property 'id'"),
    (("actor", "name"), 7, "actor.name: must be a string"),
    (("verb", "id"), "answered", "verb.id: must be an IRI"),
    (("verb", "display"), DELETE, "verb.display: is required"),
    (("verb", "display"), {"e": "answered"}, "not an RFC 5646"),
    (("verb", "display"), {"en_US": "answered"}, "not an RFC 5646"),
    (("verb", "display"), {"en-US": 1}, "verb.display.en-US: must be a string"),
    (("verb", "display"), "answered", "verb.display: must be a language map"),
    (("object", "id"), "node 1", "object.id: must be an IRI"),
    (("object", "objectType"), "Thing", "unknown object type"),
    (("object", "definition", "type"), "cmi.interaction", "definition.type: must be an IRI"),
    (("object", "definition", "moreInfo"), NOT_AN_IRI, "definition.moreInfo: must be an IRI"),
    (("object", "definition", "name"), {"zh_CN": "x"}, "not an RFC 5646"),
    (("object", "definition", "interactionType"), "multiple", "unknown interaction type"),
    (("object", "definition", "interactionType"), DELETE, "interactionType: is required"),
    (("object", "definition", "choices"), [{"id": "a"}, {"id": "a"}], "is not distinct"),
    (("object", "definition", "choices"), [{"id": "a b"}], "should not contain whitespace"),
    (("object", "definition", "choices"), [{"id": ""}], "must be a non-empty string"),
    (("object", "definition", "choices"), [{"id": "a", "text": "x"}], "unknown property"),
    (("object", "definition", "choices"), {"id": "a"}, "must be an array"),
    (("object", "definition", "scale"), [{"id": "a"}], "not allowed for interactionType"),
    (("object", "definition", "correctResponsesPattern"), "listen", "array of strings"),
    (("object", "definition", "correctResponsesPattern"), [1], "array of strings"),
    (("object", "definition", "extensions"), {"drill": 1}, "key 'drill' is not an IRI"),
    (("object", "definition", "steps"), [], "not allowed"),
    (("object", "definition"), [], "definition: must be a JSON object"),
    (("result", "score"), {"scaled": 1.5}, "scaled: must be between -1 and 1"),
    (("result", "score"), {"scaled": -1.01}, "scaled: must be between -1 and 1"),
    (("result", "score"), {"scaled": "0.5"}, "scaled: must be a number"),
    (("result", "score"), {"scaled": True}, "scaled: must be a number"),
    (("result", "score"), {"raw": 101, "min": 0, "max": 100}, "raw: must not be above max"),
    (("result", "score"), {"raw": -1, "min": 0, "max": 100}, "raw: must not be below min"),
    (("result", "score"), {"min": 100, "max": 100}, "min must be less than max"),
    (("result", "score"), {"percent": 5}, "unknown property 'percent'"),
    (("result", "success"), "yes", "result.success: must be true or false"),
    (("result", "completion"), 1, "result.completion: must be true or false"),
    (("result", "response"), 42, "result.response: must be a string"),
    (("result", "duration"), "65 s", "result.duration: must be an ISO 8601 duration"),
    (("result", "duration"), "PT", "result.duration: must be an ISO 8601 duration"),
    (("result", "extensions"), {"speed": 9000}, "key 'speed' is not an IRI"),
    (("result", "extensions"), [], "result.extensions: must be a JSON object"),
    (("result",), "passed", "result: must be a JSON object"),
    (("context", "registration"), "abc", "context.registration: must be a UUID"),
    (("context", "language"), "en_US", "context.language"),
    (("context", "revision"), 3, "context.revision: must be a string"),
    (("context", "platform"), None, "context.platform: must be a string"),
    (("context", "contextActivities", "parents"), [], "'parents' is not parent"),
    (("context", "contextActivities", "parent"), [{"id": "x y"}], "parent[0].id: must be an IRI"),
    (("context", "contextActivities", "parent"), {"objectType": "Agent"}, "must be an Activity"),
    (("context", "extensions"), {"mode": "test"}, "key 'mode' is not an IRI"),
    (("context", "team"), {"objectType": "Agent", "name": "A"}, "context.team: must be a Group"),
    (("context", "statement"), {"id": "x"}, "context.statement: must be a StatementRef"),
    (("context", "statement"), {"objectType": "StatementRef", "id": "x"}, "statement.id"),
    (("context", "instructor"), {"name": "Zhang"}, "context.instructor: an Agent needs"),
    (("context", "surprise"), 1, "unknown property 'surprise'"),
    (("timestamp",), "yesterday", "timestamp: must be an ISO 8601 date-time"),
    (("timestamp",), "2024-01-01T00:00:00", "with a time zone"),
    (("timestamp",), "2024-01-01T00:00:00-00:00", "timestamp"),
    (("timestamp",), DELETE, "timestamp: is required by this profile"),
    (("stored",), "soon", "stored: must be an ISO 8601 date-time"),
    (("version",), "2.0.0", "version: must be 1.0 or 1.0.x"),
    (("attachments",), {}, "attachments: must be an array"),
    (("authority",), {"name": "LRS"}, "authority: an Agent needs"),
]


@pytest.mark.parametrize(("path", "value", "expected"), NEGATIVE_CASES)
def test_validator_catches(path, value, expected):
    statement = copy.deepcopy(VALID)
    _set(statement, path, value)
    problems = validate_statement(statement)
    assert any(expected in p for p in problems), problems


def test_validator_on_other_object_types():
    agent_object = copy.deepcopy(VALID)
    agent_object["object"] = {"objectType": "Agent", "mbox": "mailto:a@example.com"}
    problems = validate_statement(agent_object)
    assert "context.revision: not allowed when the object is an Agent or Group" in problems
    assert "context.platform: not allowed when the object is an Agent or Group" in problems
    del agent_object["context"]
    assert validate_statement(agent_object) == []

    ref = copy.deepcopy(VALID)
    ref["object"] = {"objectType": "StatementRef", "id": "nope"}
    assert any("object.id: must be a statement UUID" in p for p in validate_statement(ref))

    sub = copy.deepcopy(VALID)
    inner = {k: copy.deepcopy(VALID[k]) for k in ("actor", "verb", "object")}
    sub["object"] = {"objectType": "SubStatement", **inner}
    assert validate_statement(sub) == []
    sub["object"]["id"] = VALID["id"]
    assert any("unknown property 'id'" in p for p in validate_statement(sub))
    del sub["object"]["id"]
    sub["object"]["object"] = {"objectType": "SubStatement", **inner}
    assert any("cannot contain a SubStatement" in p for p in validate_statement(sub))


def test_validator_on_groups_and_identifiers():
    group = copy.deepcopy(VALID)
    group["actor"] = {"objectType": "Group", "member": []}
    assert any("anonymous Group must list" in p for p in validate_statement(group))
    group["actor"]["member"] = [{"objectType": "Group", "member": []}]
    assert any("member[0].objectType" in p for p in validate_statement(group))
    group["actor"]["member"] = [{"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}]
    assert validate_statement(group) == []
    group["actor"]["openid"] = "http://team.example.org/"
    assert validate_statement(group) == []  # an identified group with members
    group["actor"]["mbox"] = "mailto:team@example.com"
    assert any("at most one identifier" in p for p in validate_statement(group))

    bad = copy.deepcopy(VALID)
    bad["actor"] = {"mbox": "li@example.com"}
    assert any("mailto:" in p for p in validate_statement(bad))
    bad["actor"] = {"mbox_sha1sum": "xyz"}
    assert any("40 hexadecimal" in p for p in validate_statement(bad))
    bad["actor"] = {"openid": "not an iri"}
    assert any("actor.openid: must be an IRI" in p for p in validate_statement(bad))
    bad["actor"] = {"account": "E1042"}
    assert any("actor.account: must be a JSON object" in p for p in validate_statement(bad))


def test_non_strict_checks_only_the_spec_musts():
    minimal = {
        "actor": {"account": {"homePage": "https://sso.example-bank.com", "name": "E1"}},
        "verb": {"id": ADL + "completed"},
        "object": {"id": f"{BASE}/drills/x"},
        "timestamp": "2024-01-01T00:00:00",
    }
    assert validate_statement(minimal, strict=False) == []
    assert len(validate_statement(minimal)) == 3  # id, zone, display
    assert validate_statement([]) == ["statement: must be a JSON object"]


# --- the export file --------------------------------------------------------------------


def test_write_statements_as_a_json_array(tmp_path):
    target = tmp_path / "xapi.json"
    statements = all_statements()
    assert write_statements_file(target, statements) == len(statements)
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == statements
    assert "转账两次失败的投诉客户" in text  # not \u-escaped
    assert list(tmp_path.iterdir()) == [target]


def test_write_statements_empty(tmp_path):
    target = tmp_path / "xapi.json"
    assert write_statements_file(target, []) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == []


def test_an_invalid_statement_stops_the_export_and_leaves_nothing(tmp_path):
    target = tmp_path / "xapi.json"
    target.write_text("previous export", encoding="utf-8")
    bad = copy.deepcopy(VALID)
    bad["verb"]["id"] = "answered"
    with pytest.raises(InvalidStatementError) as caught:
        write_statements_file(target, [VALID, bad])
    assert caught.value.index == 1
    assert "verb.id: must be an IRI" in caught.value.problems
    assert target.read_text(encoding="utf-8") == "previous export"
    assert list(tmp_path.iterdir()) == [target]


def test_nan_is_refused_even_without_validation(tmp_path):
    bad = copy.deepcopy(VALID)
    bad["result"]["extensions"][f"{BASE}/extensions/x"] = float("nan")
    with pytest.raises(ValueError, match="JSON"):
        write_statements_file(tmp_path / "x.json", [bad], validate=False)
    assert list(tmp_path.iterdir()) == []
