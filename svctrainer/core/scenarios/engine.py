"""Playing one run of a scenario: the object the GUI drives, and exact replay.

Time comes in as integer nanosecond timestamps from a monotonic clock (the GUI's event
times); the engine never reads a clock, so a stored decision log replays to the very
same result anywhere. The GUI owns the countdown: it calls ``timeout`` when
``deadline_ns`` passes, and ``choose`` when a button is pressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from svctrainer.core.durations import NS_PER_S
from svctrainer.core.scenarios.choice_order import shown_order
from svctrainer.core.scenarios.model import (
    Choice,
    Mood,
    Node,
    ProtocolStep,
    Scenario,
    ServqualPoints,
    Tier,
)
from svctrainer.core.scenarios.mood import Expression, expression_for
from svctrainer.core.scenarios.rules import (
    OrderViolation,
    Reason,
    RunState,
    apply_choice,
    apply_timeout,
    available_choices,
    can_time_out,
    initial_state,
    is_stuck,
    tier_of,
    timeout_of,
)
from svctrainer.core.scenarios.scoring import basis_for, score_of


class ScenarioRunError(ValueError):
    """The caller asked for something the run cannot do (a programming error)."""


class ReplayError(ValueError):
    """A stored log does not fit the scenario (it changed since the run was recorded)."""


@dataclass(frozen=True, slots=True)
class DecisionLogEntry:
    """One decision as stored with a run: ``choice_id`` None means the time ran out."""

    node_id: str
    choice_id: str | None
    entered_ns: int  # when the node was entered (monotonic)
    t_ns: int  # when the decision was made
    mood_after: Mood

    @property
    def latency_ns(self) -> int:
        return self.t_ns - self.entered_ns

    def to_dict(self) -> dict[str, object]:
        return {
            "node": self.node_id,
            "choice": self.choice_id,
            "entered_ns": self.entered_ns,
            "t_ns": self.t_ns,
            "valence": self.mood_after.valence,
            "arousal": self.mood_after.arousal,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DecisionLogEntry:
        """Raises ValueError when ``data`` is not a stored entry."""
        try:
            node, choice = data["node"], data["choice"]
            entered, t = data["entered_ns"], data["t_ns"]
            valence, arousal = data["valence"], data["arousal"]
        except KeyError as err:
            raise ValueError(f"decision log entry lacks {err}") from None
        if not isinstance(node, str) or not (choice is None or isinstance(choice, str)):
            raise ValueError("decision log entry: node and choice must be text")
        if (
            isinstance(entered, bool)
            or isinstance(t, bool)
            or not isinstance(entered, int)
            or not isinstance(t, int)
        ):
            raise ValueError("decision log entry: times must be integer nanoseconds")
        if (
            isinstance(valence, bool)
            or isinstance(arousal, bool)
            or not isinstance(valence, int | float)
            or not isinstance(arousal, int | float)
        ):
            raise ValueError("decision log entry: mood must be numbers")
        try:
            mood = Mood(float(valence), float(arousal))
        except OverflowError:
            raise ValueError("decision log entry: mood out of range") from None
        return cls(node, choice, entered, t, mood)


@dataclass(frozen=True, slots=True)
class Turn:
    """What the GUI shows right after a decision (feedback only in practice mode)."""

    entry: DecisionLogEntry
    feedback: str
    violations: tuple[OrderViolation, ...]  # order violations this decision caused
    failed: bool  # this decision added a failure (negative emotion, violation, ...)
    mood: Mood
    expression: Expression


@dataclass(frozen=True)
class RunResult:
    tier: Tier
    reasons: tuple[Reason, ...]  # why this tier (met and missed), then score caps
    score: int  # 0-100
    servqual: ServqualPoints  # totals per dimension
    steps: tuple[ProtocolStep, ...]  # protocol steps in the order taken
    order_violations: tuple[OrderViolation, ...]
    mood_trace: tuple[Mood, ...]  # starting mood, then the mood after each decision
    log: tuple[DecisionLogEntry, ...]
    ending_id: str | None  # None if the run stopped before an ending
    failures: int


class ScenarioRun:
    """One conversation. ``seed`` orders each node's choices on screen
    (``choice_order``); None keeps the authored order."""

    def __init__(self, scenario: Scenario, started_ns: int, seed: int | None = None) -> None:
        self.seed = seed
        self._scenario = scenario
        self._state = initial_state(scenario)
        self._entered_ns = started_ns
        self._log: list[DecisionLogEntry] = []
        self._trace: list[Mood] = [self._state.mood]

    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def state(self) -> RunState:
        return self._state

    @property
    def node(self) -> Node:
        return self._scenario.node(self._state.node_id)

    @property
    def mood(self) -> Mood:
        return self._state.mood

    @property
    def expression(self) -> Expression:
        return expression_for(self._state.mood)

    @property
    def node_entered_ns(self) -> int:
        """When the current node was entered (its countdown starts here)."""
        return self._entered_ns

    @property
    def log(self) -> tuple[DecisionLogEntry, ...]:
        return tuple(self._log)

    @property
    def is_finished(self) -> bool:
        """At an ending, or at a dead end where nothing can be done."""
        return self.node.ending or is_stuck(self._scenario, self._state)

    @property
    def deadline_ns(self) -> int | None:
        """When the current node's time limit runs out, or None (no countdown to show)."""
        if not can_time_out(self._scenario, self._state) or self.node.time_limit_s is None:
            return None
        return self._entered_ns + round(self.node.time_limit_s * NS_PER_S)

    def available_choices(self) -> tuple[Choice, ...]:
        """The choices to show, in the run's order (button i+1 is choice i)."""
        if self.node.ending:
            return ()
        return shown_order(
            self.seed, self._state.node_id, available_choices(self._scenario, self._state)
        )

    def _check_time(self, t_ns: int) -> None:
        if self.node.ending:
            raise ScenarioRunError("the run has ended")
        if t_ns < self._entered_ns:
            raise ScenarioRunError("decision time is before the node was entered")

    def _record(self, before: RunState, choice_id: str | None, t_ns: int, feedback: str) -> Turn:
        entry = DecisionLogEntry(
            before.node_id, choice_id, self._entered_ns, t_ns, self._state.mood
        )
        self._log.append(entry)
        self._trace.append(self._state.mood)
        if self._state.node_id != before.node_id or choice_id is not None:
            self._entered_ns = (
                t_ns  # a choice re-enters even its own node; a waiting timeout does not
            )
        return Turn(
            entry=entry,
            feedback=feedback,
            violations=self._state.violations[len(before.violations) :],
            failed=self._state.failures > before.failures,
            mood=self._state.mood,
            expression=expression_for(self._state.mood),
        )

    def choose(self, choice_id: str, t_ns: int) -> Turn:
        self._check_time(t_ns)
        choice = next((c for c in self.available_choices() if c.id == choice_id), None)
        if choice is None:
            raise ScenarioRunError(f'choice "{choice_id}" is not available at "{self.node.id}"')
        before = self._state
        self._state = apply_choice(self._scenario, before, choice)
        return self._record(before, choice.id, t_ns, choice.feedback)

    def timeout(self, t_ns: int) -> Turn:
        self._check_time(t_ns)
        if not can_time_out(self._scenario, self._state):
            raise ScenarioRunError(f'"{self.node.id}" has no time limit running')
        before = self._state
        feedback = timeout_of(self.node).feedback
        self._state = apply_timeout(self._scenario, before)
        return self._record(before, None, t_ns, feedback)

    def result(self) -> RunResult:
        tier, reasons = tier_of(self._scenario, self._state)
        score, capped = score_of(tier, self._state, basis_for(self._scenario))
        return RunResult(
            tier=tier,
            reasons=reasons + capped,
            score=score,
            servqual=self._state.servqual,
            steps=self._state.steps,
            order_violations=self._state.violations,
            mood_trace=tuple(self._trace),
            log=tuple(self._log),
            ending_id=self.node.id if self.node.ending else None,
            failures=self._state.failures,
        )


def replay_run(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> ScenarioRun:
    """The run a stored log describes, re-played decision by decision; ReplayError if the
    log does not fit the scenario (node, availability, timing or mood differ)."""
    run = ScenarioRun(scenario, log[0].entered_ns if log else 0)
    for number, entry in enumerate(log, start=1):
        if entry.node_id != run.node.id or entry.entered_ns != run.node_entered_ns:
            raise ReplayError(
                f"decision {number}: log is at {entry.node_id!r}, run at {run.node.id!r}"
            )
        try:
            if entry.choice_id is None:
                run.timeout(entry.t_ns)
            else:
                run.choose(entry.choice_id, entry.t_ns)
        except ScenarioRunError as err:
            raise ReplayError(f"decision {number}: {err}") from None
        if run.log[-1] != entry:
            raise ReplayError(f"decision {number}: mood differs from the stored run")
    return run


def replay(scenario: Scenario, log: Sequence[DecisionLogEntry]) -> RunResult:
    """The result of a stored run, reproduced exactly."""
    return replay_run(scenario, log).result()
