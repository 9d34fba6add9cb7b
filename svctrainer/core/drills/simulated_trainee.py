"""A simulated trainee: plays a real run of any drill with a given skill level.

The demo branch's six months of history are made by this, not by inventing figures: each
demo attempt is a real key-event log played through the real engine, so its stored
metrics, per-key statistics, charts and re-scoring all behave as for a person. Tests and
benchmarks use it too.

A *player* knows one drill type's screen (what the next right key is, how to make and
correct a mistake); the timing and mistake rates come from ``Skill``. Players are
registered per drill type; ``simulate`` runs one attempt to its end (or ``max_active_ms``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.registry import start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.typing_engine import TypingRun
from svctrainer.core.keystrokes import BACKSPACE, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, ErrorPolicy, Mode

NS_PER_MS = 1_000_000
MAX_EVENTS = 200_000  # a safety stop: no simulated attempt needs more


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

    def uniform(self) -> float:
        return (self.rng.below(1_000_000) + 0.5) / 1_000_000

    def chance(self, p: float) -> bool:
        return self.uniform() < p

    def gap(self, mean_ms: float) -> int:
        sigma = max(0.05, self.skill.spread)
        mu = math.log(max(mean_ms, 30.0)) - sigma * sigma / 2
        # Box-Muller from two uniforms, deterministic for the seed.
        z = math.sqrt(-2.0 * math.log(self.uniform())) * math.cos(2 * math.pi * self.uniform())
        ms = max(40.0, math.exp(mu + sigma * z))
        return int(ms * NS_PER_MS)

    def advance(self, mean_ms: float) -> int:
        self.t_ns += self.gap(mean_ms)
        return self.t_ns


Player = Callable[[DrillRun, Timing, int], None]
"""``player(run, timing, max_active_ns)`` feeds events until the run finishes or its
active time passes ``max_active_ns``."""

PLAYERS: dict[str, Player] = {}


def register_player(drill_type: str, player: Player) -> None:
    PLAYERS[drill_type] = player


def player_for(drill_type: str) -> Player | None:
    return PLAYERS.get(drill_type)


def simulate(
    definition: DrillDefinition,
    mode: Mode,
    skill: Skill,
    *,
    seed: int,
    behaviour_seed: int,
    start_ns: int = 10_000_000_000,
    max_active_ms: int | None = None,
) -> DrillRun:
    """Play one attempt; the returned run is finished (stopped early if it had to be)."""
    player = PLAYERS.get(definition.drill_type)
    if player is None:
        raise LookupError(f"no simulated player for drill type {definition.drill_type!r}")
    run = start_run(definition, mode, seed=seed)
    timing = Timing(skill, SeededRandom(behaviour_seed), start_ns)
    limit = max_active_ms * NS_PER_MS if max_active_ms is not None else 10**18
    player(run, timing, limit)
    if not run.finished:
        run.stop(timing.advance(skill.stroke_ms))
    return run


def press(run: DrillRun, t_ns: int, key: str, text: str | None = None) -> None:
    """A press (and its release 60–90 ms later, as keyboards report them)."""
    shown = key if text is None else text
    run.feed(KeyEvent(t_ns, key, shown, True))
    run.feed(KeyEvent(t_ns + 60 * NS_PER_MS, key, shown, False))


def play_typing(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Ten-key and data entry: type the expected key; sometimes a wrong one first,
    handled as the pack's error policy asks (block: retype; correct/free: Backspace)."""
    if not isinstance(run, TypingRun):
        raise TypeError("play_typing needs a keyboard drill")
    skill = timing.skill
    last_item = -1
    events = 0
    while not run.finished and run.active_ns < max_active_ns and events < MAX_EVENTS:
        expected = run.expected_key()
        if expected is None:
            break
        item = run.item_index
        mean = skill.stroke_ms + (skill.think_ms if item != last_item else 0.0)
        last_item = item
        t = timing.advance(mean)
        if expected != BACKSPACE and len(expected) == 1 and timing.chance(skill.error_rate):
            wrong = _neighbour(expected, timing)
            press(run, t, wrong)
            events += 2
            if run.finished:
                break
            t = timing.advance(skill.stroke_ms * 1.6)  # noticing the mistake takes a moment
            if run.policy is not ErrorPolicy.BLOCK:
                press(run, t, BACKSPACE, "")
                t = timing.advance(skill.stroke_ms)
        text = "" if len(expected) > 1 else expected
        press(run, t, expected, text)
        events += 2


_NEIGHBOURS = {
    "0": "1.", "1": "024", "2": "1353", "3": "26", "4": "157", "5": "2468", "6": "359",
    "7": "48", "8": "579", "9": "68", ".": "03",
}  # fmt: skip


def _neighbour(key: str, timing: Timing) -> str:
    """A plausible slip: a neighbouring key on the keypad, or a nearby letter."""
    options = _NEIGHBOURS.get(key)
    if options:
        return options[timing.rng.below(len(options))]
    if key.isalpha() and key.isascii():
        shifted = chr(((ord(key.lower()) - 97 + 1) % 26) + 97)
        return shifted.upper() if key.isupper() else shifted
    return "x" if key != "x" else "z"


register_player("tenkey", play_typing)
register_player("data_entry", play_typing)

from svctrainer.core.drills import simulated_players_bank  # noqa: E402, F401 - registers the bank drills' players
