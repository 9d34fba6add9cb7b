"""Check a statement against xAPI 1.0.3 (Data, section 2.4 and 4), before an LRS does.

``validate_statement`` returns readable problems ("result.score.scaled: must be between
-1 and 1"); an empty list means valid. It checks the spec's MUST rules: properties known
(an LRS rejects unknown ones), actor/verb/object present, exactly one inverse functional
identifier per Agent (anonymous Groups none, with members), IRIs where IRIs are required,
language maps keyed by RFC 5646 tags, UUIDs in standard string form, score ranges
(scaled in [-1, 1], min < max, min ≤ raw ≤ max), ISO 8601 durations and timestamps,
interaction definitions (known interactionType, component lists that fit it, distinct
component ids), contextActivities keys and values, and revision/platform only with an
Activity object.

``strict=True`` (default) adds what this app's exports guarantee beyond the spec's MUSTs:
an ``id``, a ``timestamp`` with a time zone, a verb ``display``, and no whitespace in
interaction component ids (a SHOULD in the spec).

IRIs, language tags and UUIDs are checked as ``formats`` describes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from svctrainer.core.xapi.formats import is_iri, is_language_tag, is_uuid
from svctrainer.core.xapi.iso8601 import is_duration, is_timestamp

Problems = list[str]

STATEMENT_KEYS = frozenset(
    {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
     "authority", "version", "attachments"}
)  # fmt: skip
SUBSTATEMENT_KEYS = frozenset({"objectType", "actor", "verb", "object", "result", "context",
                               "timestamp", "attachments"})  # fmt: skip
AGENT_KEYS = frozenset({"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"})
GROUP_KEYS = AGENT_KEYS | {"member"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
DEFINITION_KEYS = frozenset(
    {"name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
     "choices", "scale", "source", "target", "steps", "extensions"}
)  # fmt: skip
COMPONENT_LISTS = {
    "choice": ("choices",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "matching": ("source", "target"),
    "performance": ("steps",),
    "true-false": (),
    "fill-in": (),
    "long-fill-in": (),
    "numeric": (),
    "other": (),
}
ALL_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration", "extensions"})
SCORE_KEYS = frozenset({"scaled", "raw", "min", "max"})
CONTEXT_KEYS = frozenset(
    {"registration", "instructor", "team", "contextActivities", "revision", "platform",
     "language", "statement", "extensions"}
)  # fmt: skip
CONTEXT_ACTIVITY_KEYS = frozenset({"parent", "grouping", "category", "other"})

_SHA1 = re.compile(r"[0-9a-fA-F]{40}")
_VERSION = re.compile(r"1\.0(?:\.[0-9]+)?")


def validate_statement(statement: object, *, strict: bool = True) -> Problems:
    """Problems with ``statement`` (a parsed JSON object); [] when it is valid."""
    problems: Problems = []
    _statement(statement, "", problems, strict=strict, sub=False)
    return problems


def _statement(value: object, path: str, out: Problems, *, strict: bool, sub: bool) -> None:
    where = path or "statement"
    if not isinstance(value, Mapping):
        out.append(f"{where}: must be a JSON object")
        return
    allowed = SUBSTATEMENT_KEYS if sub else STATEMENT_KEYS
    _unknown(value, allowed, where, out)
    p = f"{path}." if path else ""
    for key in ("actor", "verb", "object"):
        if key not in value:
            out.append(f"{p}{key}: is required")
    if "id" in value and not is_uuid(value["id"]):
        out.append(f"{p}id: must be a UUID in standard string form")
    elif strict and not sub and "id" not in value:
        out.append(f"{p}id: is required by this profile")
    if "actor" in value:
        _actor(value["actor"], f"{p}actor", out)
    if "verb" in value:
        _verb(value["verb"], f"{p}verb", out, strict=strict)
    object_type = None
    if "object" in value:
        object_type = _object(value["object"], f"{p}object", out, strict=strict, sub=sub)
    if "result" in value:
        _result(value["result"], f"{p}result", out)
    if "context" in value:
        _context(value["context"], f"{p}context", out, object_type, strict=strict)
    _statement_metadata(value, p, out, strict=strict)


def _statement_metadata(value: Mapping[str, Any], p: str, out: Problems, *, strict: bool) -> None:
    """timestamp, stored, authority, version, attachments."""
    if "timestamp" in value:
        if not is_timestamp(value["timestamp"], require_zone=strict):
            zone = " with a time zone" if strict else ""
            out.append(f"{p}timestamp: must be an ISO 8601 date-time{zone}")
    elif strict:
        out.append(f"{p}timestamp: is required by this profile")
    if "stored" in value and not is_timestamp(value["stored"]):
        out.append(f"{p}stored: must be an ISO 8601 date-time")
    if "authority" in value:
        _actor(value["authority"], f"{p}authority", out)
    if "version" in value and not (
        isinstance(value["version"], str) and _VERSION.fullmatch(value["version"])
    ):
        out.append(f"{p}version: must be 1.0 or 1.0.x")
    if "attachments" in value and not isinstance(value["attachments"], list):
        out.append(f"{p}attachments: must be an array")


def _unknown(value: Mapping[str, Any], allowed: frozenset[str], where: str, out: Problems) -> None:
    for key in value:
        if key not in allowed:
            out.append(f"{where}: unknown property {key!r}")


def _actor(value: object, path: str, out: Problems, *, in_group: bool = False) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    kind = value.get("objectType", "Agent")
    if kind not in ("Agent", "Group") or (in_group and kind != "Agent"):
        allowed = '"Agent"' if in_group else '"Agent" or "Group"'
        out.append(f"{path}.objectType: must be {allowed}")
        return
    _unknown(value, GROUP_KEYS if kind == "Group" else AGENT_KEYS, path, out)
    if "name" in value and not isinstance(value["name"], str):
        out.append(f"{path}.name: must be a string")
    ifis = [k for k in IFI_KEYS if k in value]
    if kind == "Agent" and len(ifis) != 1:
        out.append(f"{path}: an Agent needs exactly one of {', '.join(IFI_KEYS)}")
    if kind == "Group":
        if len(ifis) > 1:
            out.append(f"{path}: a Group has at most one identifier")
        members = value.get("member")
        if not ifis and not (isinstance(members, list) and members):
            out.append(f"{path}.member: an anonymous Group must list its members")
        if members is not None:
            if not isinstance(members, list):
                out.append(f"{path}.member: must be an array of Agents")
            else:
                for i, m in enumerate(members):
                    _actor(m, f"{path}.member[{i}]", out, in_group=True)
    for key in ifis:
        _ifi(key, value[key], f"{path}.{key}", out)


def _ifi(key: str, value: object, path: str, out: Problems) -> None:
    if key == "mbox":
        if not (isinstance(value, str) and value.startswith("mailto:") and "@" in value):
            out.append(f"{path}: must be a mailto: IRI")
    elif key == "mbox_sha1sum":
        if not (isinstance(value, str) and _SHA1.fullmatch(value)):
            out.append(f"{path}: must be 40 hexadecimal digits")
    elif key == "openid":
        if not is_iri(value):
            out.append(f"{path}: must be an IRI")
    elif not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
    else:
        _unknown(value, frozenset({"homePage", "name"}), path, out)
        if not is_iri(value.get("homePage")):
            out.append(f"{path}.homePage: must be an IRL")
        if not isinstance(value.get("name"), str) or not value.get("name"):
            out.append(f"{path}.name: must be a non-empty string")


def _verb(value: object, path: str, out: Problems, *, strict: bool) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    _unknown(value, frozenset({"id", "display"}), path, out)
    if not is_iri(value.get("id")):
        out.append(f"{path}.id: must be an IRI")
    if "display" in value:
        _language_map(value["display"], f"{path}.display", out)
    elif strict:
        out.append(f"{path}.display: is required by this profile")


def _language_map(value: object, path: str, out: Problems) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a language map")
        return
    for tag, text in value.items():
        if not is_language_tag(tag):
            out.append(f"{path}: {tag!r} is not an RFC 5646 language tag")
        if not isinstance(text, str):
            out.append(f"{path}.{tag}: must be a string")


def _extensions(value: object, path: str, out: Problems) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    for key in value:
        if not is_iri(key):
            out.append(f"{path}: key {key!r} is not an IRI")


def _object(value: object, path: str, out: Problems, *, strict: bool, sub: bool) -> str | None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return None
    kind = value.get("objectType", "Activity")
    if kind == "Activity":
        _activity(value, path, out, strict=strict)
    elif kind in ("Agent", "Group"):  # objectType is then present: the default is Activity
        _actor(value, path, out)
    elif kind == "StatementRef":
        _statement_ref(value, path, out)
    elif kind == "SubStatement":
        if sub:
            out.append(f"{path}: a SubStatement cannot contain a SubStatement")
        else:
            _statement(value, path, out, strict=False, sub=True)
    else:
        out.append(f"{path}.objectType: unknown object type {kind!r}")
    return kind if isinstance(kind, str) else None


def _activity(value: Mapping[str, Any], path: str, out: Problems, *, strict: bool) -> None:
    _unknown(value, frozenset({"objectType", "id", "definition"}), path, out)
    if not is_iri(value.get("id")):
        out.append(f"{path}.id: must be an IRI")
    if "definition" in value:
        _definition(value["definition"], f"{path}.definition", out, strict=strict)


def _definition(value: object, path: str, out: Problems, *, strict: bool) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    _unknown(value, DEFINITION_KEYS, path, out)
    for key in ("name", "description"):
        if key in value:
            _language_map(value[key], f"{path}.{key}", out)
    for key in ("type", "moreInfo"):
        if key in value and not is_iri(value[key]):
            out.append(f"{path}.{key}: must be an IRI")
    if "extensions" in value:
        _extensions(value["extensions"], f"{path}.extensions", out)
    kind = value.get("interactionType")
    present = [k for k in ALL_COMPONENT_LISTS if k in value]
    if kind is None:
        if "correctResponsesPattern" in value or present:
            out.append(f"{path}.interactionType: is required with interaction properties")
        return
    if kind not in COMPONENT_LISTS:
        out.append(f"{path}.interactionType: unknown interaction type {kind!r}")
        return
    patterns = value.get("correctResponsesPattern", [])
    if not isinstance(patterns, list) or not all(isinstance(s, str) for s in patterns):
        out.append(f"{path}.correctResponsesPattern: must be an array of strings")
    for key in present:
        if key not in COMPONENT_LISTS[kind]:
            out.append(f"{path}.{key}: not allowed for interactionType {kind!r}")
        else:
            _components(value[key], f"{path}.{key}", out, strict=strict)


def _components(value: object, path: str, out: Problems, *, strict: bool) -> None:
    if not isinstance(value, list):
        out.append(f"{path}: must be an array of interaction components")
        return
    seen: set[str] = set()
    for i, component in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(component, Mapping):
            out.append(f"{where}: must be a JSON object")
            continue
        _unknown(component, frozenset({"id", "description"}), where, out)
        cid = component.get("id")
        if not isinstance(cid, str) or not cid:
            out.append(f"{where}.id: must be a non-empty string")
        else:
            if cid in seen:
                out.append(f"{where}.id: {cid!r} is not distinct")
            seen.add(cid)
            if strict and re.search(r"\s", cid):
                out.append(f"{where}.id: should not contain whitespace")
        if "description" in component:
            _language_map(component["description"], f"{where}.description", out)


def _result(value: object, path: str, out: Problems) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    _unknown(value, RESULT_KEYS, path, out)
    if "score" in value:
        _score(value["score"], f"{path}.score", out)
    for key in ("success", "completion"):
        if key in value and not isinstance(value[key], bool):
            out.append(f"{path}.{key}: must be true or false")
    if "response" in value and not isinstance(value["response"], str):
        out.append(f"{path}.response: must be a string")
    if "duration" in value and not is_duration(value["duration"]):
        out.append(f"{path}.duration: must be an ISO 8601 duration")
    if "extensions" in value:
        _extensions(value["extensions"], f"{path}.extensions", out)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _score(value: object, path: str, out: Problems) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    _unknown(value, SCORE_KEYS, path, out)
    nums: dict[str, float] = {}
    for key in SCORE_KEYS & value.keys():
        number = _number(value[key])
        if number is None:
            out.append(f"{path}.{key}: must be a number")
        else:
            nums[key] = number
    if "scaled" in nums and not -1 <= nums["scaled"] <= 1:
        out.append(f"{path}.scaled: must be between -1 and 1")
    low, high, raw = nums.get("min"), nums.get("max"), nums.get("raw")
    if low is not None and high is not None and not low < high:
        out.append(f"{path}: min must be less than max")
    if raw is not None and low is not None and raw < low:
        out.append(f"{path}.raw: must not be below min")
    if raw is not None and high is not None and raw > high:
        out.append(f"{path}.raw: must not be above max")


def _context(
    value: object, path: str, out: Problems, object_type: str | None, *, strict: bool
) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    _unknown(value, CONTEXT_KEYS, path, out)
    if "registration" in value and not is_uuid(value["registration"]):
        out.append(f"{path}.registration: must be a UUID")
    if "instructor" in value:
        _actor(value["instructor"], f"{path}.instructor", out)
    if "team" in value:
        team = value["team"]
        if not (isinstance(team, Mapping) and team.get("objectType") == "Group"):
            out.append(f"{path}.team: must be a Group")
        else:
            _actor(team, f"{path}.team", out)
    for key in ("revision", "platform"):
        if key in value:
            if not isinstance(value[key], str):
                out.append(f"{path}.{key}: must be a string")
            if object_type in ("Agent", "Group"):
                out.append(f"{path}.{key}: not allowed when the object is an Agent or Group")
    if "language" in value and not is_language_tag(value["language"]):
        out.append(f"{path}.language: must be an RFC 5646 language tag")
    if "statement" in value:
        _statement_ref(value["statement"], f"{path}.statement", out)
    if "contextActivities" in value:
        _context_activities(value["contextActivities"], f"{path}.contextActivities", out, strict)
    if "extensions" in value:
        _extensions(value["extensions"], f"{path}.extensions", out)


def _statement_ref(ref: object, path: str, out: Problems) -> None:
    if not (isinstance(ref, Mapping) and ref.get("objectType") == "StatementRef"):
        out.append(f"{path}: must be a StatementRef")
        return
    _unknown(ref, frozenset({"objectType", "id"}), path, out)
    if not is_uuid(ref.get("id")):
        out.append(f"{path}.id: must be a statement UUID")


def _context_activities(value: object, path: str, out: Problems, strict: bool) -> None:
    if not isinstance(value, Mapping):
        out.append(f"{path}: must be a JSON object")
        return
    for key, activities in value.items():
        if key not in CONTEXT_ACTIVITY_KEYS:
            out.append(f"{path}: {key!r} is not parent, grouping, category or other")
            continue
        items = activities if isinstance(activities, list) else [activities]
        for i, activity in enumerate(items):
            where = f"{path}.{key}[{i}]"
            if not isinstance(activity, Mapping) or activity.get("objectType", "Activity") != (
                "Activity"
            ):
                out.append(f"{where}: must be an Activity")
            else:
                _activity(activity, where, out, strict=strict)
