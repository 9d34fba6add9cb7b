"""What every simulated player shares: a trainee's ``Skill``, the seeded ``Timing`` of
their strokes, and ``PlayerClock``, the bookkeeping of one played run.

A *player* knows one drill kind's screen (what the next right key is, how to make and
correct a mistake); it is that kind's ``DrillKind.play``, written in the kind's module.
The timing and mistake rates come from ``Skill``. ``simulated_trainee.simulate`` runs one
attempt to its end. This module sits below every kind's module and imports none of them.

Rates (``Skill.error_rate`` is a per-keystroke slip rate, 0.003–0.1 in the demo): a
slipped digit is usually noticed and corrected; reading a new item costs ``think_ms``
scaled by how much there is to read, capped below the 5-second idle pause unless the work
really is long (``PlayerClock.think(cap_ms=None)``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, IME, KeyEvent

MAX_EVENTS = 200_000  # a safety stop: no simulated attempt needs more
THINK_CAP_MS = 4_500.0
NOTICE_SLIP = 0.75  # share of slipped keys a trainee notices and corrects at once
DIGIT_SLIPS = {
    "0": "19", "1": "024", "2": "135", "3": "26", "4": "157", "5": "2468",
    "6": "359", "7": "48", "8": "579", "9": "68",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Skill:
    """``stroke_ms``: mean time between strokes; ``spread``: its relative standard
    deviation; ``error_rate``: chance that a stroke is wrong; ``think_ms``: mean pause
    before each new item (reading it)."""

    stroke_ms: float = 450.0
    spread: float = 0.3
    error_rate: float = 0.03
    think_ms: float = 500.0


class Timing:
    """Log-normal stroke gaps (people are never faster than a floor, sometimes slow)."""

    def __init__(self, skill: Skill, rng: SeededRandom, start_ns: int) -> None:
        self.skill = skill
        self.rng = rng
        self.t_ns = start_ns
        spread = skill.spread
        self._sigma = spread if spread > 0.05 else 0.05  # max(0.05, spread)
        # ``log(mean) - sigma² / 2`` of each mean gap drawn so far: a run draws most of
        # its gaps with one or two means (the skill's stroke time), so the logarithm is
        # worked out once per mean instead of once a keystroke (the same float each time).
        self._mu: dict[float, float] = {}

    def chance(self, p: float) -> bool:
        return self.rng.chance(p)

    def gap(self, mean_ms: float) -> int:
        # max(40.0, log_normal(max(mean_ms, 30.0), max(0.05, spread))) with the three
        # max() calls written as comparisons (a million gaps in the demo history); each
        # picks the same operand max() would, ties and NaN included. ``advance`` repeats
        # these lines (a call fewer per keystroke).
        mean = 30.0 if mean_ms < 30.0 else mean_ms
        sigma = self._sigma
        mu = self._mu.get(mean)
        if mu is None:
            mu = self._mu[mean] = math.log(mean) - sigma * sigma / 2
        ms = self.rng.log_normal_mu(mu, sigma)
        return int((ms if ms > 40.0 else 40.0) * NS_PER_MS)

    def advance(self, mean_ms: float) -> int:
        """The time of the next stroke, about ``mean_ms`` after the last (``gap``)."""
        mean = 30.0 if mean_ms < 30.0 else mean_ms
        sigma = self._sigma
        mu = self._mu.get(mean)
        if mu is None:
            mu = self._mu[mean] = math.log(mean) - sigma * sigma / 2
        ms = self.rng.log_normal_mu(mu, sigma)
        self.t_ns += int((ms if ms > 40.0 else 40.0) * NS_PER_MS)
        return self.t_ns


def press(run: DrillRun, t_ns: int, key: str, text: str | None = None) -> None:
    """A press (and its release 60 ms later, as keyboards report them)."""
    shown = key if text is None else text
    run.feed(KeyEvent(t_ns, key, shown, True))
    run.feed(KeyEvent(t_ns + 60 * NS_PER_MS, key, shown, False))


class PlayerClock:
    """The shared bookkeeping of a player: time, the event budget and the stop rule."""

    def __init__(self, run: DrillRun, timing: Timing, max_active_ns: int) -> None:
        self.run = run
        self.timing = timing
        self.skill = timing.skill
        self.max_active_ns = max_active_ns
        self.events = 0
        if run.show(timing.t_ns):  # a drill timed from the case shown: the screen opens
            self.events += 1

    @property
    def going(self) -> bool:
        run = self.run
        return not run.finished and run.active_ns < self.max_active_ns and self.events < MAX_EVENTS

    def key(self, key: str, text: str | None = None, mean_ms: float | None = None) -> None:
        """Press (and release) ``key`` after a gap of about ``mean_ms``."""
        t = self.timing.advance(self.skill.stroke_ms if mean_ms is None else mean_ms)
        press(self.run, t, key, text)
        self.events += 2

    def click(self, key: str, mean_ms: float | None = None) -> None:
        """A click on screen: one synthetic press, as the GUI feeds it."""
        t = self.timing.advance(self.skill.stroke_ms if mean_ms is None else mean_ms)
        self.run.feed(KeyEvent(t, key, "", True))
        self.events += 1

    def commit(self, text: str, mean_ms: float) -> None:
        """An input-method commit of ``text`` (the pinyin keys never reach the drill)."""
        t = self.timing.advance(mean_ms)
        self.run.feed(KeyEvent(t, IME, text, True))
        self.events += 1

    def think(self, factor: float = 1.0, cap_ms: float | None = THINK_CAP_MS) -> None:
        """Reading or working something out, ``think_ms`` × ``factor``. Capped at 4.5 s
        by default so the idle rule (over 5 s) does not take it; ``cap_ms=None`` for real
        head work (a practice run credits such a gap only 5 s, as for a person)."""
        ms = self.skill.think_ms * factor
        self.timing.t_ns += int((ms if cap_ms is None else min(ms, cap_ms)) * NS_PER_MS)

    def slip(self, scale: float = 1.0) -> bool:
        return self.timing.chance(min(0.9, self.skill.error_rate * scale))

    def pick(self, options: str) -> str:
        return options[self.timing.rng.below(len(options))]

    def type_digits(self, text: str) -> None:
        """Type ``text`` key by key; a slipped digit is usually noticed and corrected,
        otherwise it stays (a wrong amount)."""
        for ch in text:
            if not self.going:
                return
            if ch in DIGIT_SLIPS and self.slip():
                self.key(self.pick(DIGIT_SLIPS[ch]))
                if not self.timing.chance(NOTICE_SLIP):
                    continue
                self.key(BACKSPACE, "", self.skill.stroke_ms * 1.6)
            self.key(ch, ch)
