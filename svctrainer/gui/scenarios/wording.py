"""Every scenario word the GUI shows that is not content: tier, step and dimension names,
and the reason codes of a run (docs/scenario-format.md, section 13) as sentences.

Translated in the ``scenarios`` context; numbers through QLocale.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import SupportsFloat

from PySide6.QtCore import QCoreApplication, QLocale

from svctrainer.core.scenarios.model import Protocol, ProtocolStep, Scenario
from svctrainer.gui.i18n import translate


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("scenarios", text, disambiguation, n)


def decimal(value: object, places: int = 1) -> str:
    if isinstance(value, (SupportsFloat, str)):
        try:
            return QLocale().toString(float(value), "f", places)
        except ValueError:
            pass
    return str(value)


def tier_name(code: str) -> str:
    return {
        "not_met": tr("Not met"),
        "satisfaction": tr("Satisfaction service"),
        "comfort": tr("Comfort service"),
        "delight": tr("Delight service"),
    }.get(code, code)


def tier_meaning(code: str) -> str:
    """What the tier means, in the seeds' words."""
    return {
        "not_met": tr("The customer's reasonable requirements were not met."),
        "satisfaction": tr(
            "Reasonable requirements basically met, and no new negative emotion left."
        ),
        "comfort": tr("Negative emotions minimised, and the customer praised the service."),
        "delight": tr(
            "You also anticipated a need the customer had not thought of: trust and loyalty won."
        ),
    }.get(code, "")


def step_name(step: str) -> str:
    return {
        "hear": tr("Hear"),
        "empathize": tr("Empathize"),
        "apologize": tr("Apologize"),
        "resolve": tr("Resolve"),
        "diagnose": tr("Diagnose"),
        "listen": tr("Listen"),
        "apologise": tr("Apologise"),
        "solve": tr("Solve"),
        "thank": tr("Thank"),
    }.get(step, step)


def protocol_order(protocol: Protocol) -> list[ProtocolStep]:
    return [s for s in ProtocolStep if s.protocol is protocol]


def dimension_name(dimension: str) -> str:
    return {
        "reliability": tr("Reliability"),
        "responsiveness": tr("Responsiveness"),
        "assurance": tr("Assurance"),
        "empathy": tr("Empathy"),
        "tangibles": tr("Tangibles"),
    }.get(dimension, dimension)


def gate_name(gate: str) -> str:
    return {
        "identity_check": tr("the identity check"),
        "accuracy": tr("accuracy (cash counted, amounts keyed right)"),
        "compliance": tr("compliance with the rules"),
    }.get(gate, gate)


def expression_name(expression: str) -> str:
    return {
        "angry": tr("angry"),
        "upset": tr("upset"),
        "anxious": tr("anxious"),
        "neutral": tr("neutral"),
        "content": tr("content"),
        "pleased": tr("pleased"),
        "delighted": tr("delighted"),
    }.get(expression, expression)


def demand_level_name(level: str) -> str:
    return {
        "basic": tr("basic service demand"),
        "standard": tr("standard service demand"),
        "premium": tr("premium service demand"),
        "priority": tr("priority customer"),
        "elderly": tr("elderly customer"),
        "disabled": tr("customer with a disability"),
        "foreign_language": tr("customer with another language"),
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
    sentences = {
        "unfinished": lambda: tr("The conversation stopped before the visit ended."),
        "gate_breached": lambda: tr(
            "A must-be requirement was breached: %1. That fails the service whatever else "
            "went well."
        ).replace("%1", gate_name(str(params.get("gate", "")))),
        "need_not_met": lambda: tr(
            "The customer left without their reasonable requirements being met."
        ),
        "negative_emotion_open": lambda: tr(
            "You caused %n new negative emotion(s) and did not repair them.", None, count
        ),
        "requirements_met": lambda: tr(
            "The customer's reasonable requirements were met with no new negative emotion left."
        ),
        "negative_emotion_repaired": lambda: tr(
            "You caused %n negative emotion(s) and repaired them.", None, count
        ),
        "valence_reached": lambda: (
            tr("The customer's final mood (%1) reached the comfort level (%2).")
            .replace("%1", decimal(params.get("valence")))
            .replace("%2", decimal(params.get("threshold")))
        ),
        "valence_below": lambda: (
            tr("The customer's final mood (%1) stayed below the comfort level (%2).")
            .replace("%1", decimal(params.get("valence")))
            .replace("%2", decimal(params.get("threshold")))
        ),
        "praise_obtained": lambda: tr("The customer praised the service."),
        "no_praise": lambda: tr("The customer did not praise the service: comfort needs praise."),
        "need_anticipated": lambda: tr(
            "You anticipated a need the customer had not thought of yet."
        ),
        "no_anticipation": lambda: tr(
            "No need was anticipated: delight needs one the customer had not thought of yet."
        ),
        "delight_needs_no_failures": lambda: translate(
            "scenarios",
            "%n mistake(s) on the way: delight is for service without mistakes, so the "
            "anticipated need counts for comfort only.",
            None,
            int(params.get("failures", 0) or 0),  # type: ignore[call-overload]
        ),
        "score_capped": lambda: tr(
            "%n mistake(s) cap the score at %1: recovered mistakes never score as high as "
            "flawless service.",
            None,
            _whole(params.get("failures")),
        ).replace("%1", str(params.get("cap", ""))),
    }
    make = sentences.get(code)
    return make() if make is not None else code


def violation_sentence(code: str, step: str, after: str | None) -> str:
    if code == "step_out_of_order":
        return (
            tr("%1 came after %2: out of order.")
            .replace("%1", step_name(step))
            .replace("%2", step_name(after or ""))
        )
    if code == "resolved_before_acknowledging":
        return tr("%1 before acknowledging the customer's feelings.").replace("%1", step_name(step))
    return code


def scenario_facts(scenario: Scenario) -> str:
    """One line for the Practice page: who, the protocol, how many decisions at most."""
    timed = sum(1 for n in scenario.nodes if n.time_limit_s is not None)
    parts = [
        tr("Customer scenario"),
        scenario.customer.who,
        demand_level_name(scenario.customer.demand_level.value),
        tr("%1 protocol").replace("%1", scenario.protocol.value),
    ]
    if timed:
        parts.append(tr("%n timed moment(s)", None, timed))
    return " · ".join(parts)


def scenario_description(scenario: Scenario) -> str:
    """Rich text for the Practice page: what the scenario trains and how it is judged."""
    parts = []
    if scenario.summary:
        parts.append(f"<p>{html.escape(scenario.summary)}</p>")
    if scenario.customer.situation:
        parts.append(
            "<p><b>"
            + html.escape(tr("The customer"))
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
    parts.append(f"<p>{html.escape(tr('How the service is judged:'))}</p><ul>{tiers}</ul>")
    parts.append(
        "<p>"
        + html.escape(
            tr(
                "Answer with the keys 1–9. Where a countdown shows, hesitating costs the "
                "customer's patience. Practice shows feedback after each answer; the test "
                "shows it only in the debrief."
            )
        )
        + "</p>"
    )
    return "".join(parts)
