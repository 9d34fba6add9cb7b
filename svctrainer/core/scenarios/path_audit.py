"""Path by path proof that a scenario's score cannot be gamed (``scenario check``).

The search in search.py keeps only the Pareto-best states, which is right for "the best
a trainee can reach" but hides the paths an author most needs to see: the ones that
reach the top through a mistake. This audit walks every path instead (each choice at
most once per path: taking a choice again earns nothing, see rules.py, so a repeat can
only lower a score) and scores each ending with the very rules and scoring basis that
score trainees. For every ending it gives the best and the worst tier and score; it
warns about every path that reaches delight, or the best score of the scenario, while
containing an offence:

- a choice with a negative effect (valence or any SERVQUAL dimension below zero, or the
  ``new_negative_emotion`` flag),
- a breach of a must-be gate (how a skipped required step is written: the choice that
  goes on without the purpose question, the identity check or the risk warning carries
  ``breaches``),
- a timeout (the teller hesitated).

The audit reads offences from the choices themselves, not from the engine's failure
count, so it checks the rules rather than repeating them. The walk is bounded by a
budget; hitting it is reported, never silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from svctrainer.core.problems import Problem, Severity
from svctrainer.core.scenarios.marked import Mark
from svctrainer.core.scenarios.model import Effects, RunFlag, Scenario, Tier
from svctrainer.core.scenarios.rules import (
    Move,
    RunState,
    apply_choice,
    apply_timeout,
    available_choices,
    can_time_out,
    initial_state,
    tier_of,
)
from svctrainer.core.scenarios.scoring import basis_for, score_of

# Moves tried over the whole walk. The largest shipped scenario (angry-transfer) needs
# 7 377; a tangled file stops here with ``truncated`` set, after 2.5–3 s of CPU on the
# 2-core reference machine. The walk's cost grows faster than its moves (deeper paths,
# longer tuples, larger taken-sets): 200 000 moves cost 10.7–12.8 s, and an author waited
# that long for ``scenario check`` on a tangled file.
AUDIT_BUDGET = 50_000


@dataclass(frozen=True, slots=True)
class PathOutcome:
    tier: Tier
    score: int
    path: tuple[Move, ...]


@dataclass(frozen=True, slots=True)
class EndingRange:
    node_id: str
    best: PathOutcome | None  # None: no path reaches this ending
    worst: PathOutcome | None


@dataclass(frozen=True, slots=True)
class PathWarning:
    """A path that reaches the top through an offence."""

    ending_id: str
    tier: Tier
    score: int
    path: tuple[Move, ...]
    offences: tuple[Move, ...]  # the moves of the path that should have cost


@dataclass(frozen=True)
class PathAudit:
    endings: tuple[EndingRange, ...]
    warnings: tuple[PathWarning, ...]
    top_score: int | None  # the best score of any path
    paths: int  # complete paths scored
    truncated: bool  # the budget ran out: some paths were not walked


def is_offence(effects: Effects, *, timeout: bool = False) -> bool:
    """A move that must keep a path from the top: negative effect, breach or timeout."""
    return (
        timeout
        or bool(effects.breaches)
        or RunFlag.NEW_NEGATIVE_EMOTION in effects.flags
        or effects.mood.valence < 0
        or effects.servqual != effects.servqual.without_losses()
    )


def move_name(move: Move) -> str:
    """A path step as the JSON and the messages name it: the choice id, or
    ``timeout@NODE`` when the time ran out."""
    node_id, choice_id = move
    return choice_id if choice_id is not None else f"timeout@{node_id}"


def audit(scenario: Scenario, budget: int = AUDIT_BUDGET) -> PathAudit:
    basis = basis_for(scenario)
    finished: list[tuple[str, Tier, int, tuple[Move, ...], tuple[Move, ...]]] = []
    stack: list[tuple[RunState, tuple[Move, ...], tuple[Move, ...]]] = [
        (initial_state(scenario), (), ())
    ]
    tried = 0
    truncated = False
    while stack:
        state, path, offences = stack.pop()
        node = scenario.node(state.node_id)
        if node.ending:
            tier, _ = tier_of(scenario, state)
            score, _ = score_of(tier, state, basis)
            finished.append((node.id, tier, score, path, offences))
            continue
        children: list[tuple[RunState, tuple[Move, ...], tuple[Move, ...]]] = []
        for choice in available_choices(scenario, state):
            move = (node.id, choice.id)
            if move in state.taken:
                continue
            bad = (move,) if is_offence(choice.effects) else ()
            children.append((apply_choice(scenario, state, choice), (*path, move), offences + bad))
        timeout_move = (node.id, None)
        if can_time_out(scenario, state) and timeout_move not in state.taken:
            after = apply_timeout(scenario, state)
            children.append((after, (*path, timeout_move), (*offences, timeout_move)))
        tried += len(children)
        if tried > budget:
            truncated = True
            break
        stack.extend(reversed(children))  # depth first, in the file's order
    top = max((score for _, _, score, _, _ in finished), default=None)
    ranges = []
    for ending in (n for n in scenario.nodes if n.ending):
        here = [
            PathOutcome(tier, score, path)
            for node_id, tier, score, path, _ in finished
            if node_id == ending.id
        ]
        best = max(here, key=lambda o: (o.score, o.tier), default=None)
        worst = min(here, key=lambda o: (o.score, o.tier), default=None)
        ranges.append(EndingRange(ending.id, best, worst))
    warnings = tuple(
        PathWarning(node_id, tier, score, path, offences)
        for node_id, tier, score, path, offences in finished
        if offences and (tier is Tier.DELIGHT or score == top)
    )
    return PathAudit(tuple(ranges), warnings, top, len(finished), truncated)


def _outcome_dict(outcome: PathOutcome | None) -> dict[str, object] | None:
    if outcome is None:
        return None
    return {
        "tier": outcome.tier.code,
        "score": outcome.score,
        "choices": [move_name(m) for m in outcome.path],
    }


def audit_dict(result: PathAudit) -> dict[str, object]:
    """The audit as plain data (the ``endings`` and ``warnings`` of ``--json``)."""
    return {
        "endings": [
            {
                "id": e.node_id,
                "best": _outcome_dict(e.best),
                "worst": _outcome_dict(e.worst),
            }
            for e in result.endings
        ],
        "warnings": [
            {
                "ending": w.ending_id,
                "tier": w.tier.code,
                "score": w.score,
                "choices": [move_name(m) for m in w.path],
                "offences": [move_name(m) for m in w.offences],
            }
            for w in result.warnings
        ],
        "top_score": result.top_score,
        "paths": result.paths,
        "truncated": result.truncated,
    }


def warning_text(warning: PathWarning) -> str:
    offences = ", ".join(move_name(m) for m in warning.offences)
    path = " > ".join(move_name(m) for m in warning.path)
    return (
        f"path reaches {warning.tier.code} ({warning.score}) at ending "
        f'"{warning.ending_id}" through {offences}: {path}'
    )


def audit_problems(result: PathAudit, path: str, node_marks: Mapping[str, Mark]) -> list[Problem]:
    """Each warning at the node of its first offence (where the author must act)."""
    problems = []
    for warning in result.warnings:
        mark = node_marks.get(warning.offences[0][0], Mark(1, 1))
        problems.append(Problem(path, mark.line, mark.col, warning_text(warning), Severity.WARNING))
    if result.truncated:
        message = "path audit budget exhausted: not every path was scored"
        problems.append(Problem(path, 1, 1, message, Severity.WARNING))
    return problems


def audit_lines(result: PathAudit) -> list[str]:
    """Plain-English range per ending, for the CLI."""
    lines = []
    for ending in result.endings:
        if ending.best is None or ending.worst is None:
            continue
        best, worst = ending.best, ending.worst
        lines.append(
            f"ending {ending.node_id!r}: {best.tier.code} {best.score} at best, "
            f"{worst.tier.code} {worst.score} at worst"
        )
    lines.append(
        f"{result.paths} path(s) scored; {len(result.warnings)} reach the top through a mistake"
    )
    return lines
