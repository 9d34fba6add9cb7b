"""Every scenario word the GUI shows that is not content: tier, step and dimension names,
and the reason codes of a run (docs/scenario-format.md, section 13) as sentences.

Translated in the ``scenarios`` context; numbers through QLocale.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import SupportsFloat

from PySide6.QtCore import QLocale

from svctrainer.core.scenarios.model import Protocol, ProtocolStep, Scenario
from svctrainer.gui.i18n import fill, translate


def decimal(value: object, places: int = 1) -> str:
    if isinstance(value, (SupportsFloat, str)):
        try:
            return QLocale().toString(float(value), "f", places)
        except ValueError:
            pass
    return str(value)


def tier_name(code: str) -> str:
    return {
        "not_met": translate("scenarios", "Not met"),
        "satisfaction": translate("scenarios", "Satisfaction service"),
        "comfort": translate("scenarios", "Comfort service"),
        "delight": translate("scenarios", "Delight service"),
    }.get(code, code)


def tier_meaning(code: str) -> str:
    """What the tier means, in the seeds' words."""
    return {
        "not_met": translate("scenarios", "The customer's reasonable requirements were not met."),
        "satisfaction": translate(
            "scenarios", "Reasonable requirements basically met, and no new negative emotion left."
        ),
        "comfort": translate(
            "scenarios", "Negative emotions minimised, and the customer praised the service."
        ),
        "delight": translate(
            "scenarios",
            "You also anticipated a need the customer had not thought of: trust and loyalty won.",
        ),
    }.get(code, "")


def step_name(step: str) -> str:
    return {
        "hear": translate("scenarios", "Hear"),
        "empathize": translate("scenarios", "Empathize"),
        "apologize": translate("scenarios", "Apologize"),
        "resolve": translate("scenarios", "Resolve"),
        "diagnose": translate("scenarios", "Diagnose"),
        "listen": translate("scenarios", "Listen"),
        "apologise": translate("scenarios", "Apologise"),
        "solve": translate("scenarios", "Solve"),
        "thank": translate("scenarios", "Thank"),
    }.get(step, step)


def protocol_order(protocol: Protocol) -> list[ProtocolStep]:
    return [s for s in ProtocolStep if s.protocol is protocol]


def dimension_name(dimension: str) -> str:
    return {
        "reliability": translate("scenarios", "Reliability"),
        "responsiveness": translate("scenarios", "Responsiveness"),
        "assurance": translate("scenarios", "Assurance"),
        "empathy": translate("scenarios", "Empathy"),
        "tangibles": translate("scenarios", "Tangibles"),
    }.get(dimension, dimension)


def gate_name(gate: str) -> str:
    return {
        "identity_check": translate("scenarios", "the identity check"),
        "accuracy": translate("scenarios", "accuracy (cash counted, amounts keyed right)"),
        "compliance": translate("scenarios", "compliance with the rules"),
    }.get(gate, gate)


def expression_name(expression: str) -> str:
    return {
        "angry": translate("scenarios", "angry"),
        "upset": translate("scenarios", "upset"),
        "anxious": translate("scenarios", "anxious"),
        "neutral": translate("scenarios", "neutral"),
        "content": translate("scenarios", "content"),
        "pleased": translate("scenarios", "pleased"),
        "delighted": translate("scenarios", "delighted"),
    }.get(expression, expression)


def demand_level_name(level: str) -> str:
    return {
        "basic": translate("scenarios", "basic service demand"),
        "standard": translate("scenarios", "standard service demand"),
        "premium": translate("scenarios", "premium service demand"),
        "priority": translate("scenarios", "priority customer"),
        "elderly": translate("scenarios", "elderly customer"),
        "disabled": translate("scenarios", "customer with a disability"),
        "foreign_language": translate("scenarios", "customer with another language"),
    }.get(level, level)


MET_REASONS = frozenset(
    {
        "requirements_met",
        "negative_emotion_repaired",
        "valence_reached",
        "praise_obtained",
        "need_anticipated",
    }
)


def _whole(value: object) -> int:
    """A count among a reason's stored params (0 when it is missing or not a number)."""
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def reason_sentence(code: str, params: Mapping[str, object]) -> str:
    """One reason of a run's tier or score as a sentence (unknown codes stay as codes)."""
    count = _whole(params.get("count"))
    failures = _whole(params.get("failures"))
    sentences = {
        "unfinished": lambda: translate(
            "scenarios", "The conversation stopped before the visit ended."
        ),
        "gate_breached": lambda: fill(
            translate(
                "scenarios",
                "A must-be requirement was breached: %1. That fails the service whatever else "
                "went well.",
            ),
            gate_name(str(params.get("gate", ""))),
        ),
        "need_not_met": lambda: translate(
            "scenarios", "The customer left without their reasonable requirements being met."
        ),
        "negative_emotion_open": lambda: translate(
            "scenarios",
            "You caused %n new negative emotion(s) and did not repair them.",
            None,
            count,
        ),
        "requirements_met": lambda: translate(
            "scenarios",
            "The customer's reasonable requirements were met with no new negative emotion left.",
        ),
        "negative_emotion_repaired": lambda: translate(
            "scenarios", "You caused %n negative emotion(s) and repaired them.", None, count
        ),
        "valence_reached": lambda: fill(
            translate(
                "scenarios", "The customer's final mood (%1) reached the comfort level (%2)."
            ),
            decimal(params.get("valence")),
            decimal(params.get("threshold")),
        ),
        "valence_below": lambda: fill(
            translate(
                "scenarios", "The customer's final mood (%1) stayed below the comfort level (%2)."
            ),
            decimal(params.get("valence")),
            decimal(params.get("threshold")),
        ),
        "praise_obtained": lambda: translate("scenarios", "The customer praised the service."),
        "no_praise": lambda: translate(
            "scenarios", "The customer did not praise the service: comfort needs praise."
        ),
        "need_anticipated": lambda: translate(
            "scenarios", "You anticipated a need the customer had not thought of yet."
        ),
        "no_anticipation": lambda: translate(
            "scenarios",
            "No need was anticipated: delight needs one the customer had not thought of yet.",
        ),
        "delight_needs_no_failures": lambda: translate(
            "scenarios",
            "%n mistake(s) on the way: delight is for service without mistakes, so the "
            "anticipated need counts for comfort only.",
            None,
            failures,
        ),
        "score_capped": lambda: fill(
            translate(
                "scenarios",
                "%n mistake(s): the score is capped at %1, as recovered mistakes never score "
                "as high as flawless service.",
                None,
                failures,
            ),
            str(params.get("cap", "")),
        ),
    }
    make = sentences.get(code)
    return make() if make is not None else code


def violation_sentence(code: str, step: str, after: str | None) -> str:
    if code == "step_out_of_order":
        return fill(
            translate("scenarios", "%1 came after %2: out of order."),
            step_name(step),
            step_name(after or ""),
        )
    if code == "resolved_before_acknowledging":
        return fill(
            translate("scenarios", "%1 before acknowledging the customer's feelings."),
            step_name(step),
        )
    return code


def scenario_facts(scenario: Scenario) -> str:
    """One line for the Practice page: who, the protocol, how many decisions at most."""
    timed = sum(1 for n in scenario.nodes if n.time_limit_s is not None)
    parts = [
        translate("scenarios", "Customer scenario"),
        scenario.customer.who,
        demand_level_name(scenario.customer.demand_level.value),
        fill(translate("scenarios", "%1 protocol"), scenario.protocol.value),
    ]
    if timed:
        parts.append(translate("scenarios", "%n timed moment(s)", None, timed))
    return " · ".join(parts)


def scenario_description(scenario: Scenario) -> str:
    """Rich text for the Practice page: what the scenario trains and how it is judged."""
    parts = []
    if scenario.summary:
        parts.append(f"<p>{html.escape(scenario.summary)}</p>")
    if scenario.customer.situation:
        parts.append(
            "<p><b>"
            + html.escape(translate("scenarios", "The customer"))
            + ":</b> "
            + html.escape(scenario.customer.who)
            + ". "
            + html.escape(scenario.customer.situation)
            + "</p>"
        )
    tiers = "".join(
        f"<li><b>{html.escape(tier_name(code))}</b>: {html.escape(tier_meaning(code))}</li>"
        for code in ("satisfaction", "comfort", "delight")
    )
    judged = translate("scenarios", "How the service is judged:")
    parts.append(f"<p>{html.escape(judged)}</p><ul>{tiers}</ul>")
    parts.append(
        "<p>"
        + html.escape(
            translate(
                "scenarios",
                "Answer with the keys 1–9. Where a countdown shows, hesitating costs the "
                "customer's patience. Practice shows feedback after each answer; the test "
                "shows it only in the debrief.",
            )
        )
        + "</p>"
    )
    return "".join(parts)
