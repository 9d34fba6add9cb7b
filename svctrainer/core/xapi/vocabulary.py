"""Verbs, activity types, the export configuration, and the IRIs statements use.

Verbs and activity types come from the ADL vocabulary so any LRS or LMS understands them
without a profile. Activity, extension and statement ids live under the bank's own
``base_iri`` (``XapiConfig``): a drill is ``{base}/drills/{content_id}``, a scenario
``{base}/scenarios/{content_id}``, a scenario node (the question a choice answers)
``{base}/scenarios/{content_id}/nodes/{node_id}``, and a metric
``{base}/extensions/{name}``. Activity ids name the content, not its version (the version
goes in ``context.revision``), so an LMS collects all attempts at a drill under one
activity even after a trainer fixed a typo in it.

Statement ids are UUID version 5 in a namespace derived from ``base_iri``: the same
attempt exported twice gets the same ids, so an LRS stores it once (a re-scored attempt
keeps its id, and an LRS keeps the statement it received first).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
ANSWERED = "answered"
ATTEMPTED = "attempted"
COMPLETED = "completed"
FAILED = "failed"
PASSED = "passed"
TERMINATED = "terminated"
VERBS = frozenset({ANSWERED, ATTEMPTED, COMPLETED, FAILED, PASSED, TERMINATED})

# ADL activity types: a timed drill is a performance (an attempted task within a context);
# a scenario a simulation (a task in an artificial context that mimics reality); each
# decision in it an interaction in the SCORM cmi.interaction sense.
PERFORMANCE = "http://adlnet.gov/expapi/activities/performance"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ACTIVITY_TYPES = {"drill": PERFORMANCE, "scenario": SIMULATION}

# RFC 5646 tags for the content languages (the spec notes plain "zh" is too coarse; the
# app's Chinese content is Simplified Chinese).
LANGUAGE_TAGS = {"en": "en", "zh": "zh-Hans"}
DISPLAY_LANGUAGE = "en-US"  # the ADL vocabulary's display language

_SEGMENT_SAFE = "-._~"


def verb(name: str) -> dict[str, object]:
    """The ADL verb ``name`` with its display map."""
    if name not in VERBS:
        raise ValueError(f"not a verb this export uses: {name}")
    return {"id": ADL_VERBS + name, "display": {DISPLAY_LANGUAGE: name}}


def language_tag(code: str) -> str:
    """The RFC 5646 tag for a content language code ("zh" → "zh-Hans")."""
    return LANGUAGE_TAGS.get(code, code)


@dataclass(frozen=True)
class XapiConfig:
    """Where statements point.

    - ``base_iri``: an http(s) IRI the bank controls, e.g.
      "https://learning.example-bank.com/xapi/svctrainer" (a trailing "/" is dropped).
    - ``account_home_page``: the IRL of the system that issues employee numbers (HR or
      single sign-on); actors are ``{"account": {"homePage": ..., "name": number}}``,
      never e-mail addresses.
    - ``platform``: ``context.platform``, e.g. "svctrainer 1.2.0".
    - ``include_names``: also put the person's name in ``actor.name`` (off: the LMS maps
      employee numbers to people itself, and the export file carries no names).
    """

    base_iri: str
    account_home_page: str
    platform: str = "svctrainer"
    include_names: bool = False

    def __post_init__(self) -> None:
        base = self.base_iri.rstrip("/")
        for name, value in (("base_iri", base), ("account_home_page", self.account_home_page)):
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
                raise ValueError(f"{name} must be an http(s) address, not {value!r}")
        if urlsplit(base).query or urlsplit(base).fragment:
            raise ValueError("base_iri must not have a query or fragment")
        object.__setattr__(self, "base_iri", base)

    @property
    def namespace(self) -> uuid.UUID:
        """The uuid5 namespace of this export's statement ids."""
        return uuid.uuid5(uuid.NAMESPACE_URL, self.base_iri)

    def content_activity_id(self, kind: str, content_id: str) -> str:
        folder = {"drill": "drills", "scenario": "scenarios"}.get(kind, "content")
        return f"{self.base_iri}/{folder}/{_segment(content_id)}"

    def node_activity_id(self, scenario_id: str, node_id: str) -> str:
        return f"{self.content_activity_id('scenario', scenario_id)}/nodes/{_segment(node_id)}"

    def extension(self, name: str) -> str:
        return f"{self.base_iri}/extensions/{_segment(name)}"

    def attempt_statement_id(self, attempt_id: uuid.UUID) -> uuid.UUID:
        return uuid.uuid5(self.namespace, f"attempt/{attempt_id}")

    def choice_statement_id(self, attempt_id: uuid.UUID, index: int) -> uuid.UUID:
        return uuid.uuid5(self.namespace, f"attempt/{attempt_id}/choice/{index}")


def _segment(text: str) -> str:
    """``text`` as one IRI path segment (percent-encoded UTF-8 where needed)."""
    return quote(text, safe=_SEGMENT_SAFE) or "_"
