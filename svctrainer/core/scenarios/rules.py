"""The rules of a run as pure functions over an immutable ``RunState``.

The engine (one trainee's run) and the search (every possible run, for the checker and
the debrief) both move through a scenario with ``apply_choice`` / ``apply_timeout``, so a
rule exists once and the best alternative shown in a debrief is computed by the same
rules that scored the trainee.

Rules worth knowing when reading scores:
- a choice taken again (after a loop) earns no gains: positive SERVQUAL points and a
  positive valence change count once per run; losses always count. This keeps points
  from being farmed in cycles and makes the exhaustive search finite;
- protocol order: a step taken for the first time after a later step of the same
  protocol is out of order; resolving (HEARD resolve / LAST solve) while the customer's
  valence is below 0 and before any step that acknowledges feelings is a violation too;
- failures (for the score cap): new negative emotions caused, order violations,
  timeouts, gate breaches and slips, each counted every time it happens. A slip is a
  choice with a negative effect (valence or a SERVQUAL dimension below zero) that is not
  already counted as a new negative emotion or a breach: every such choice must cost, or
  a path through it could score as high as the best handling;
- delight needs a run without failures: anticipating a need does not make up for a
  mistake on the way (a recovered run still reaches comfort).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from svctrainer.core.scenarios.model import (
    Choice,
    Effects,
    Gate,
    Mood,
    Node,
    ProtocolStep,
    RunFlag,
    Scenario,
    Sensitivity,
    ServqualPoints,
    Tier,
    Timeout,
)
from svctrainer.core.scenarios.mood import displaced

ORDER_VIOLATION_POINTS = 2
DEFAULT_HESITATION = Effects(mood=Mood(-1.0, 1.0), servqual=ServqualPoints(responsiveness=-1))

Move = tuple[str, str | None]  # (node id, choice id); choice None = the time limit ran out


class ViolationCode(StrEnum):
    STEP_OUT_OF_ORDER = "step_out_of_order"
    RESOLVED_BEFORE_ACKNOWLEDGING = "resolved_before_acknowledging"


@dataclass(frozen=True, slots=True)
class OrderViolation:
    node_id: str
    step: ProtocolStep
    code: ViolationCode
    after: ProtocolStep | None = None  # the later step already taken (out of order only)


class ReasonCode(StrEnum):
    """Why a run reached its tier (or its score): codes + params for the GUI to phrase."""

    UNFINISHED = "unfinished"  # node
    GATE_BREACHED = "gate_breached"  # gate
    NEED_NOT_MET = "need_not_met"  # node
    NEGATIVE_EMOTION_OPEN = "negative_emotion_open"  # count
    REQUIREMENTS_MET = "requirements_met"
    NEGATIVE_EMOTION_REPAIRED = "negative_emotion_repaired"  # count
    VALENCE_REACHED = "valence_reached"  # valence, threshold
    VALENCE_BELOW = "valence_below"  # valence, threshold
    PRAISE_OBTAINED = "praise_obtained"
    NO_PRAISE = "no_praise"
    NEED_ANTICIPATED = "need_anticipated"
    NO_ANTICIPATION = "no_anticipation"
    SCORE_CAPPED = "score_capped"  # failures, cap
    DELIGHT_NEEDS_NO_FAILURES = "delight_needs_no_failures"  # failures


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    params: Mapping[str, str | int | float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunState:
    """Everything a run has done so far that can still matter."""

    node_id: str
    mood: Mood
    flags: frozenset[str] = frozenset()  # state flags set by choices (e.g. identity_verified)
    events: frozenset[RunFlag] = frozenset()  # praise / anticipate obtained
    gates: frozenset[Gate] = frozenset()  # gates breached
    gate_breaches: int = 0
    steps: tuple[ProtocolStep, ...] = ()  # protocol steps in the order taken
    violations: tuple[OrderViolation, ...] = ()
    servqual: ServqualPoints = field(default_factory=ServqualPoints)
    negative_emotions: int = 0  # new negative emotions caused
    open_negative: int = 0  # ... not yet repaired by a recovery
    timeouts: int = 0
    slips: int = 0  # choices with a negative effect not counted otherwise
    taken: frozenset[Move] = frozenset()
    timed_out_here: bool = False  # the time limit already ran out during this visit

    @property
    def failures(self) -> int:
        return (
            self.negative_emotions
            + len(self.violations)
            + self.timeouts
            + self.gate_breaches
            + self.slips
        )

    @property
    def points(self) -> int:
        """SERVQUAL total minus order-violation penalties: what the score rewards."""
        return self.servqual.total() - ORDER_VIOLATION_POINTS * len(self.violations)


def initial_state(scenario: Scenario) -> RunState:
    return RunState(node_id=scenario.start, mood=scenario.customer.mood)


def is_available(choice: Choice, state: RunState) -> bool:
    return set(choice.if_flags) <= state.flags and not set(choice.unless_flags) & state.flags


def available_choices(scenario: Scenario, state: RunState) -> tuple[Choice, ...]:
    return tuple(c for c in scenario.node(state.node_id).choices if is_available(c, state))


def can_time_out(scenario: Scenario, state: RunState) -> bool:
    node = scenario.node(state.node_id)
    return node.time_limit_s is not None and not node.ending and not state.timed_out_here


def timeout_of(node: Node) -> Timeout:
    """The node's timeout, or the default hesitation (responsiveness -1, valence -1,
    arousal +1, scaled by the customer's sensitivity to elapsed time)."""
    return node.on_timeout if node.on_timeout is not None else Timeout(effects=DEFAULT_HESITATION)


def is_stuck(scenario: Scenario, state: RunState) -> bool:
    """Not at an ending and nothing left to do: a dead end."""
    if scenario.node(state.node_id).ending:
        return False
    return not available_choices(scenario, state) and not can_time_out(scenario, state)


def is_slip(effects: Effects) -> bool:
    """A choice with a negative effect that no other rule counts as a failure."""
    if RunFlag.NEW_NEGATIVE_EMOTION in effects.flags or effects.breaches:
        return False
    return effects.mood.valence < 0 or effects.servqual != effects.servqual.without_losses()


def _checked_steps(state: RunState, steps: tuple[ProtocolStep, ...]) -> tuple[OrderViolation, ...]:
    """The run's order violations after also taking ``steps`` (in the order written)."""
    if not steps:
        return state.violations
    done = set(state.steps)
    violations = list(state.violations)
    acknowledged = any(s.acknowledges_feelings for s in done)
    for step in steps:
        if step not in done:
            later = [s for s in done if s.rank > step.rank]
            if later:
                after = max(later, key=lambda s: s.rank)
                violations.append(
                    OrderViolation(state.node_id, step, ViolationCode.STEP_OUT_OF_ORDER, after)
                )
            if step.resolves and not acknowledged and state.mood.valence < 0:
                code = ViolationCode.RESOLVED_BEFORE_ACKNOWLEDGING
                violations.append(OrderViolation(state.node_id, step, code))
        done.add(step)
        acknowledged = acknowledged or step.acknowledges_feelings
    return tuple(violations)


def _apply(
    scenario: Scenario,
    state: RunState,
    effects: Effects,
    *,
    move: Move,
    touches: tuple[Sensitivity, ...],
    target: str,
    slip: bool,
) -> RunState:
    repeat = move in state.taken
    sensitivity = scenario.customer.sensitivity
    multiplier = max((sensitivity.of(t) for t in touches), default=1.0)
    delta = effects.mood
    if repeat and delta.valence > 0:
        delta = Mood(0.0, delta.arousal)
    points = effects.servqual.without_gains() if repeat else effects.servqual
    events = state.events
    negative, still_open = state.negative_emotions, state.open_negative
    for flag in effects.flags:
        if flag is RunFlag.NEW_NEGATIVE_EMOTION:
            negative, still_open = negative + 1, still_open + 1
        elif flag is RunFlag.RECOVERY:
            still_open = max(0, still_open - 1)
        else:
            events = events | {flag}
    return RunState(
        node_id=target,
        mood=displaced(state.mood, delta, multiplier),
        flags=state.flags.union(effects.sets) if effects.sets else state.flags,
        events=events,
        gates=state.gates.union(effects.breaches) if effects.breaches else state.gates,
        gate_breaches=state.gate_breaches + len(effects.breaches),
        steps=state.steps + effects.steps,
        violations=_checked_steps(state, effects.steps),
        servqual=state.servqual.plus(points),
        negative_emotions=negative,
        open_negative=still_open,
        timeouts=state.timeouts,
        slips=state.slips + (1 if slip else 0),
        taken=state.taken | {move},
        timed_out_here=False,
    )


def apply_choice(scenario: Scenario, state: RunState, choice: Choice) -> RunState:
    move = (state.node_id, choice.id)
    return _apply(
        scenario,
        state,
        choice.effects,
        move=move,
        touches=choice.effects.touches,
        target=choice.to,
        slip=is_slip(choice.effects),
    )


def apply_timeout(scenario: Scenario, state: RunState) -> RunState:
    timeout = timeout_of(scenario.node(state.node_id))
    touches = (Sensitivity.ELAPSED_TIME, *timeout.effects.touches)
    target = timeout.to if timeout.to is not None else state.node_id
    moved = _apply(
        scenario,
        state,
        timeout.effects,
        move=(state.node_id, None),
        touches=touches,
        target=target,
        slip=False,  # a timeout already counts as a failure of its own
    )
    return replace(moved, timeouts=state.timeouts + 1, timed_out_here=timeout.to is None)


def tier_of(scenario: Scenario, state: RunState) -> tuple[Tier, tuple[Reason, ...]]:
    """The tier a run in ``state`` has reached, with the reasons (met and missed)."""
    node = scenario.node(state.node_id)
    blockers: list[Reason] = []
    if not node.ending:
        blockers.append(Reason(ReasonCode.UNFINISHED, {"node": node.id}))
    blockers += [Reason(ReasonCode.GATE_BREACHED, {"gate": g.value}) for g in sorted(state.gates)]
    if node.ending and not node.need_met:
        blockers.append(Reason(ReasonCode.NEED_NOT_MET, {"node": node.id}))
    if state.open_negative:
        blockers.append(Reason(ReasonCode.NEGATIVE_EMOTION_OPEN, {"count": state.open_negative}))
    if blockers:
        return Tier.NOT_MET, tuple(blockers)
    reasons = [Reason(ReasonCode.REQUIREMENTS_MET)]
    if state.negative_emotions:
        repaired = {"count": state.negative_emotions}
        reasons.append(Reason(ReasonCode.NEGATIVE_EMOTION_REPAIRED, repaired))
    threshold = scenario.tiers.comfort_min_valence
    valence_ok = state.mood.valence >= threshold
    code = ReasonCode.VALENCE_REACHED if valence_ok else ReasonCode.VALENCE_BELOW
    reasons.append(Reason(code, {"valence": state.mood.valence, "threshold": threshold}))
    praised = RunFlag.PRAISE in state.events
    reasons.append(Reason(ReasonCode.PRAISE_OBTAINED if praised else ReasonCode.NO_PRAISE))
    anticipated = RunFlag.ANTICIPATE in state.events
    code = ReasonCode.NEED_ANTICIPATED if anticipated else ReasonCode.NO_ANTICIPATION
    reasons.append(Reason(code))
    if not (valence_ok and praised):
        return Tier.SATISFACTION, tuple(reasons)
    if anticipated and state.failures:
        reasons.append(Reason(ReasonCode.DELIGHT_NEEDS_NO_FAILURES, {"failures": state.failures}))
        return Tier.COMFORT, tuple(reasons)
    return (Tier.DELIGHT if anticipated else Tier.COMFORT), tuple(reasons)
