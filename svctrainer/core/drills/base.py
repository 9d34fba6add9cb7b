"""The protocol every timed drill follows: run, feed, tick, pause, stop, result, replay.

A drill *kind* (ten-key, data entry, voucher summing, amounts in words, making change,
cash counting, drawer balancing) is a ``DrillKind`` (``drills.kind``) listed in
``drills.registry``. It validates its own part of a pack (``build_content``) and starts
runs (``new_run``). A *run* is a ``DrillRun``: the GUI feeds it every key event, calls
``tick`` from a timer, reads ``state`` for the display and ``result`` at the end.

What the base class guarantees for all drill kinds:

- Timing follows ``active_clock`` exactly, under the kind's clock for the run's
  scoring-rules version (``DrillKind.clock_for``, ``scoring_rules``): the first counted
  keystroke starts the clock, or for a thinking drill timed from the case the moment
  the screen shows it (``show``, logged as ``<shown>``); idle gaps are credited at most
  5 s for keying drills, explicit pauses credit nothing, a time limit ends the run at
  exactly the limit.
- The run keeps its own event log (``events``): every event fed while running, plus the
  control events it generated itself (``<pause>``, ``<resume>``, ``<timeup>``,
  ``<stop>``). Feeding that log to a fresh run with the same definition, mode, seed and
  options (``registry.replay``) reproduces the result exactly; that is what the
  database stores and what re-scoring uses.
- ``feed`` is O(1) amortized (it appends to lists and updates counters); anything
  costly happens in ``result``.

Non-key input (a click on a banknote in the making-change drill) is fed as a synthetic
``KeyEvent`` with a drill-specific key name, so it is logged and replayed like keys.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.active_clock import ActiveClock
from svctrainer.core.drills.completion import Completion, completion_of
from svctrainer.core.drills.result import DrillResult, EndReason, InvalidReason
from svctrainer.core.durations import NS_PER_MS, NS_PER_S
from svctrainer.core.keystrokes import (
    CONTROL_KEYS,
    CONTROL_PAUSE,
    CONTROL_RESUME,
    CONTROL_SHOWN,
    CONTROL_STOP,
    CONTROL_TIMEUP,
    KeyEvent,
)
from svctrainer.core.packs.definition import DrillDefinition, Mode, RunSettings

if TYPE_CHECKING:
    from svctrainer.core.drills.details import Details
    from svctrainer.core.drills.kind import DrillKind


class Verdict(StrEnum):
    """What one fed event did (for an IME commit of several characters: the worst)."""

    CORRECT = "correct"  # every stroke was right
    WRONG = "wrong"  # a wrong key (an error); under "block" the cursor did not move
    BLOCKED = "blocked"  # refused because a correction (Backspace) is due; an error too
    CORRECTION = "correction"  # Backspace removed a character (a stroke, not an error)
    IGNORED = "ignored"  # not a stroke: a release, a modifier, a key this drill ignores
    FINISHED = "finished"  # the run is over; the event was not used


@dataclass(frozen=True, slots=True, init=False)
class Feedback:
    """Immediate reaction to one event, for sound/flash: ``expected`` is the key that was
    due before the event; ``advanced`` says a field or item was completed."""

    verdict: Verdict
    expected: str | None = None
    strokes: int = 0
    errors: int = 0
    advanced: bool = False
    finished: bool = False

    def __init__(  # noqa: PLR0917 - the dataclass's positional order, kept
        self,
        verdict: Verdict,
        expected: str | None = None,
        strokes: int = 0,
        errors: int = 0,
        advanced: bool = False,
        finished: bool = False,
    ) -> None:
        # Every keystroke of a drill makes one: the GUI's, a replay's (rescoring a
        # branch replays millions) and the simulated trainee's. A frozen dataclass's own
        # ``__init__`` sets each field through ``object.__setattr__``, half the cost of
        # making one; the slots' own setters do the same stores (as ``KeyEvent`` does; the
        # class stays frozen, and equality, hash and repr are the dataclass's).
        _set_verdict(self, verdict)
        _set_expected(self, expected)
        _set_strokes(self, strokes)
        _set_errors(self, errors)
        _set_advanced(self, advanced)
        _set_finished(self, finished)


_set_verdict = Feedback.__dict__["verdict"].__set__
_set_expected = Feedback.__dict__["expected"].__set__
_set_strokes = Feedback.__dict__["strokes"].__set__
_set_errors = Feedback.__dict__["errors"].__set__
_set_advanced = Feedback.__dict__["advanced"].__set__
_set_finished = Feedback.__dict__["finished"].__set__


IGNORED = Feedback(Verdict.IGNORED)
FINISHED = Feedback(Verdict.FINISHED, finished=True)


@dataclass(frozen=True, slots=True)
class LiveState:
    """What the drill screen shows, at time ``now_ns`` given to ``DrillRun.state``.

    ``paused`` with ``pause_reason`` "idle" (no key for over 5 s; the clock stands still),
    "case_cap" (the case on screen has earned the most time one case may) or "explicit"
    (practice pause). ``speed`` is the live primary figure in
    ``speed_unit``. The typing fields (``expected_key``, ``typed``…) describe the
    current field; drills without typing leave them at their defaults.
    """

    started: bool
    finished: bool
    ended_by: str | None
    paused: bool
    pause_reason: str | None
    active_ms: int
    remaining_ms: int | None
    strokes: int
    errors: int
    speed: float
    speed_unit: str
    item_index: int
    items_done: int
    item_count: int | None
    field_index: int = 0
    position: int = 0
    expected_key: str | None = None
    typed: str = ""
    wrong_positions: tuple[int, ...] = ()
    needs_correction: bool = False
    invalid_field: str | None = None  # why the screen refused the field's value (a code)


class DrillRun(ABC):
    """One attempt at a drill. Subclasses implement the item logic (``_reset``,
    ``_is_stroke``, ``_on_stroke``, ``state``, ``_build_result``); timing, the time
    limit, pausing, the event log and replay-safe control events live here."""

    def __init__(
        self,
        kind: DrillKind[Any, Any],
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.drill_kind = kind
        self.definition = definition
        self.mode = Mode(mode)
        self.settings: RunSettings = definition.settings(self.mode)
        self.seed = seed
        self.options: dict[str, Any] = dict(options or {})
        limit = self.settings.time_limit_s
        self.time_limit_ns: int | None = None if limit is None else limit * NS_PER_S
        self.rules = scoring_rules.CURRENT
        self._start()

    # -- lifecycle -------------------------------------------------------------------
    def use_rules(self, rules: int) -> None:
        """Score this (unfed) run by scoring-rules version ``rules``: a stored log replays
        under the rules it was scored by. ValueError for an unknown version."""
        if scoring_rules.check(rules) != self.rules:
            self.rules = rules
            self._start()

    def _start(self) -> None:
        self.clock_spec = self.drill_kind.clock_for(self.rules)
        self.clock = ActiveClock(
            idle_pause=self.settings.idle_pause,
            rule=self.clock_spec.rule,
            case_cap_ns=self.clock_spec.case_cap_ns,
        )
        self._log: list[KeyEvent] = []
        self.finished = False
        self.ended_by: EndReason | None = None
        self._final_active_ns: int | None = None
        self._cached: DrillResult | None = None
        self.per_second: list[int] = []  # counted strokes per active second
        self._reset()

    def restart(self, seed: int | None = None) -> bool:
        """Practice only: start over with an empty log on a new form (from ``seed``, or a
        freshly drawn one): a restart is a new attempt, and every attempt gets its own
        form, unless the pack pins one (``Form.FIXED``), which stays."""
        if self.mode is not Mode.PRACTICE:
            return False
        if self.settings.seed is None:
            self.seed = seed if seed is not None else secrets.randbelow(1 << 63)
        self._start()
        return True

    @property
    def events(self) -> list[KeyEvent]:
        """The event log to store (a copy): fed events plus generated control events."""
        return list(self._log)

    @property
    def active_ns(self) -> int:
        """Active time as of the last timing point (the final figure once finished)."""
        return self._final_active_ns if self._final_active_ns is not None else self.clock.active_ns

    # -- input -----------------------------------------------------------------------
    def feed(self, ev: KeyEvent) -> Feedback:
        """Process one key event (or a logged control event during replay)."""
        if self.finished:
            return FINISHED
        if ev.key in CONTROL_KEYS:
            return self._control(ev)
        if self.clock.paused:
            return IGNORED  # keys during an explicit pause are neither used nor logged
        self._log.append(ev)
        if not ev.press or not self._is_stroke(ev):
            return IGNORED
        if self.time_limit_ns is not None and self._limit_reached(ev.t_ns):
            self._finish(EndReason.TIME_LIMIT)
            return FINISHED
        latency = self.clock.stroke(ev.t_ns)
        return self._on_stroke(ev, latency)

    def show(self, now_ns: int) -> bool:
        """The screen shows the first case at ``now_ns``: a drill timed from the case
        starts its clock here (logged as ``<shown>``); True when it did. Other drills
        wait for the first key, and nothing is logged."""
        if self.finished or self.clock.started or not self.clock_spec.from_shown:
            return False
        self._control(KeyEvent(now_ns, CONTROL_SHOWN))
        return self.clock.started

    def tick(self, now_ns: int) -> LiveState:
        """Called by a GUI timer: ends the run when the time limit passes between keys."""
        if not self.finished and self._limit_reached(now_ns):
            self._control(KeyEvent(now_ns, CONTROL_TIMEUP))
        return self.state(now_ns)

    def pause(self, now_ns: int) -> bool:
        """Explicit pause (only where the mode allows it, after the first keystroke)."""
        if not self.settings.pause or self.finished or not self.clock.started or self.clock.paused:
            return False
        self._control(KeyEvent(now_ns, CONTROL_PAUSE))
        return self.clock.paused

    def resume(self, now_ns: int) -> bool:
        if not self.clock.paused or self.finished:
            return False
        self._control(KeyEvent(now_ns, CONTROL_RESUME))
        return True

    def stop(self, now_ns: int) -> None:
        """End the run early; active time stays as of the last keystroke."""
        if not self.finished:
            self._control(KeyEvent(now_ns, CONTROL_STOP))

    def _control(self, ev: KeyEvent) -> Feedback:
        t = ev.t_ns
        if ev.key == CONTROL_STOP:
            self._log.append(ev)
            self._finish(EndReason.STOPPED)
            return FINISHED
        if ev.key == CONTROL_TIMEUP:
            if self._limit_reached(t):
                self._log.append(ev)
                self._finish(EndReason.TIME_LIMIT)
                return FINISHED
            return IGNORED
        if ev.key == CONTROL_PAUSE:
            if not self.settings.pause or not self.clock.started or self.clock.paused:
                return IGNORED
            self._log.append(ev)
            if self._limit_reached(t):
                self._finish(EndReason.TIME_LIMIT)
                return FINISHED
            self.clock.pause(t)
            return IGNORED
        if ev.key == CONTROL_SHOWN:
            if self.clock_spec.from_shown and not self.clock.started:
                self._log.append(ev)
                self.clock.start(t)
            return IGNORED
        if ev.key == CONTROL_RESUME and self.clock.paused:
            self._log.append(ev)
            self.clock.resume(t)
        return IGNORED

    def _limit_reached(self, t_ns: int) -> bool:
        return (
            self.time_limit_ns is not None
            and self.clock.started
            and self.clock.active_at(t_ns) >= self.time_limit_ns
        )

    def _finish(self, reason: EndReason) -> None:
        if reason is EndReason.TIME_LIMIT and self.time_limit_ns is not None:
            self._final_active_ns = self.time_limit_ns
        else:
            self._final_active_ns = self.clock.active_ns
        self.finished = True
        self.ended_by = reason

    def count_strokes(self, n: int) -> None:
        """Subclasses call this per counted stroke so consistency can be measured."""
        second = self.clock.active_ns // NS_PER_S
        per_second = self.per_second
        if second >= len(per_second):  # a new active second (most strokes fall in one begun)
            per_second.extend([0] * (second + 1 - len(per_second)))
        per_second[second] += n

    def complete_seconds(self) -> list[int]:
        """Strokes per complete active second, zero-padded to the final active time."""
        full = self.active_ns // NS_PER_S
        counts = self.per_second[:full]
        return counts + [0] * (full - len(counts))

    # -- display and result ------------------------------------------------------------
    def common_state(self, now_ns: int | None) -> dict[str, Any]:
        """The LiveState fields every drill shares, at ``now_ns`` (None: last event)."""
        if self.finished or now_ns is None:
            active = self.active_ns
            idle = False
        else:
            active = self.clock.active_at(now_ns)
            if self.time_limit_ns is not None:  # the GUI's tick may come a little late
                active = min(active, self.time_limit_ns)
            idle = self.clock.idle_at(now_ns)
            capped = self.clock.case_capped_at(now_ns)
        explicit = self.clock.paused and not self.finished
        if self.finished or now_ns is None:
            capped = False
        remaining = None
        if self.time_limit_ns is not None:
            remaining = max(0, self.time_limit_ns - active) // NS_PER_MS
        return {
            "started": self.clock.started,
            "finished": self.finished,
            "ended_by": None if self.ended_by is None else str(self.ended_by),
            "paused": explicit or idle or capped,
            "pause_reason": (
                "explicit" if explicit else ("idle" if idle else ("case_cap" if capped else None))
            ),
            "active_ms": active // NS_PER_MS,
            "remaining_ms": remaining,
        }

    def result(self) -> DrillResult:
        """The result so far (final once ``finished``); cached after the run finished."""
        if self._cached is not None:
            return self._cached
        result = self._build_result()
        if self.finished:
            self._cached = result
        return result

    # -- for subclasses ----------------------------------------------------------------
    def stamped_result(
        self,
        *,
        active_ms: int,
        invalid: InvalidReason | None,
        strokes: int,
        speed: float,
        speed_unit: str,
        accuracy: float,
        score: float,
        grade: str | None,
        details: Details,
    ) -> DrillResult:
        """A result stamped with this run's identity (pack, content hash, mode, seed,
        options, how it ended and whether that makes it complete): every drill kind fills
        those the same way, only the figures differ. An incomplete or abandoned run is
        never graded, whatever its figures (``drills.completion``)."""
        ended = None if self.ended_by is None else str(self.ended_by)
        completion = completion_of(
            self.mode, self.settings, ended, active_ms, self.state(None).items_done
        )
        if completion is not Completion.COMPLETE:
            grade = None
        return DrillResult(
            drill_type=self.drill_kind.name,
            definition_id=self.definition.id,
            definition_hash=self.definition.content_hash,
            mode=str(self.mode),
            seed=self.seed,
            options=self.options,
            ended_by=ended,
            valid=invalid is None,
            invalid_reason=None if invalid is None else str(invalid),
            active_ms=active_ms,
            strokes=strokes,
            speed=speed,
            speed_unit=speed_unit,
            accuracy=accuracy,
            score=score,
            grade=grade,
            details=details,
            completion=str(completion),
            rules=self.rules,
        )

    @abstractmethod
    def _reset(self) -> None:
        """(Re)create the content from ``self.seed``/``self.options`` and clear counters."""

    @abstractmethod
    def _is_stroke(self, ev: KeyEvent) -> bool:
        """Whether this press counts (starts/advances the clock) in the current state."""

    @abstractmethod
    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        """Apply a counted press; may call ``_finish(EndReason.ITEMS)``."""

    @abstractmethod
    def state(self, now_ns: int | None = None) -> LiveState:
        """The live display state at ``now_ns`` (None: as of the last event)."""

    @abstractmethod
    def _build_result(self) -> DrillResult: ...
