"""The content of the counter procedure drill: transaction types as ordered processes,
how a pack writes them, and how one performed procedure is judged step by step.

Why a process and not a checklist: the bank's service standard organises every link as
a process (迎 – 问 – 办 – 送 at a Chinese counter), and several steps are right only in
their place: cash is counted before it is posted (先收款后记账), a withdrawal is posted
before the cash is paid out (先记账后付款), a lost card is stopped before any paperwork.
So each step names the steps it must follow (``after``), a step may carry the words
that go with it (``phrase``, shown among close but wrong ``wrong_phrases``), and a
``gate`` step is a compliance point: leaving it out, doing it out of place or saying it
wrongly is a breach that voids the whole case, whatever else was right.

A case also lists ``decoys``: actions that sound like part of the procedure but are
wrong at the counter (asking for the PIN, signing for the customer); taking one costs a
step's worth of points.

Judging one case (``judge_case``), for each standard step:

- *missing*: the teller never took it;
- *out of order*: the teller took it before a step it must follow (``after``); a
  missing predecessor puts nothing out of order;
- *wrong phrase*: the teller chose one of its wrong phrases;
- otherwise *right*.

Points: 100 × max(0, right steps − decoys taken) / standard steps, rounded half up to a
whole number; 0 for a breach (a gate step not right).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from svctrainer.core.packs.locator import Path
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

MAX_STEPS = 16
MAX_DECOYS = 6
MAX_WRONG_PHRASES = 3
MAX_CARDS = 20  # steps + decoys: the cards are keyed A…T

STEP_SPEC = TableSpec(
    (
        Key("id", Kind.STR, required=True, max_length=40, pattern=r"[a-z][a-z0-9_]*",
            hint="lower-case letters, digits and '_'"),
        Key("label", Kind.STR, required=True, max_length=120),
        Key("after", Kind.STR_LIST, max_length=MAX_STEPS),
        Key("phrase", Kind.STR, max_length=200),
        Key("wrong_phrases", Kind.STR_LIST, max_length=MAX_WRONG_PHRASES),
        Key("gate", Kind.BOOL, default=False),
    )
)  # fmt: skip
CASE_SPEC = TableSpec(
    (
        Key("id", Kind.STR, required=True, max_length=60, pattern=r"[a-z][a-z0-9_]*",
            hint="lower-case letters, digits and '_'"),
        Key("title", Kind.STR, required=True, max_length=80),
        Key("situation", Kind.STR, required=True, max_length=600),
        Key("steps", Kind.TABLES, required=True, max_length=MAX_STEPS, table=STEP_SPEC),
        Key("decoys", Kind.STR_LIST, default=(), max_length=MAX_DECOYS),
    )
)  # fmt: skip


class StepFault(StrEnum):
    """What went wrong with one standard step (``RIGHT`` when nothing did)."""

    RIGHT = "right"
    MISSING = "missing"
    OUT_OF_ORDER = "out_of_order"
    WRONG_PHRASE = "wrong_phrase"


@dataclass(frozen=True, slots=True)
class Step:
    """One standard step: ``after`` holds the ids of the steps it must follow."""

    id: str
    label: str
    after: tuple[str, ...]
    phrase: str | None
    wrong_phrases: tuple[str, ...]
    gate: bool


@dataclass(frozen=True, slots=True)
class ProcedureCase:
    """One transaction type at the counter: what the customer brings (``situation``),
    the standard ``steps`` in order, and the ``decoys``."""

    id: str
    title: str
    situation: str
    steps: tuple[Step, ...]
    decoys: tuple[str, ...]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


@dataclass(frozen=True, slots=True)
class Taken:
    """One action the teller took: a standard step (``step_id``) with the phrase chosen
    (``phrase_right`` None when the step has no phrase), or a decoy (``decoy`` its text)."""

    step_id: str | None
    decoy: str | None
    phrase_right: bool | None
    phrase: str | None = None


@dataclass(frozen=True, slots=True)
class StepVerdict:
    step_id: str
    fault: StepFault
    position: int | None  # 1-based place in the teller's order; None when missing


@dataclass(frozen=True, slots=True)
class CaseVerdict:
    steps: tuple[StepVerdict, ...]
    decoys_taken: int
    breach: bool
    points: int

    @property
    def right(self) -> int:
        return sum(v.fault is StepFault.RIGHT for v in self.steps)

    def count(self, fault: StepFault) -> int:
        return sum(v.fault is fault for v in self.steps)


def judge_case(case: ProcedureCase, taken: Sequence[Taken]) -> CaseVerdict:
    """The verdict on ``taken`` (the teller's actions in order) against ``case``; see
    the module docstring. A step taken twice counts at its first place."""
    place: dict[str, int] = {}
    phrase_ok: dict[str, bool | None] = {}
    for index, action in enumerate(taken):
        if action.step_id is not None and action.step_id not in place:
            place[action.step_id] = index
            phrase_ok[action.step_id] = action.phrase_right
    verdicts = []
    for step in case.steps:
        where = place.get(step.id)
        if where is None:
            fault = StepFault.MISSING
        elif any(place.get(before, -1) > where for before in step.after):
            fault = StepFault.OUT_OF_ORDER
        elif phrase_ok[step.id] is False:
            fault = StepFault.WRONG_PHRASE
        else:
            fault = StepFault.RIGHT
        verdicts.append(StepVerdict(step.id, fault, None if where is None else where + 1))
    decoys = sum(action.decoy is not None for action in taken)
    breach = any(
        v.fault is not StepFault.RIGHT for v, s in zip(verdicts, case.steps, strict=True) if s.gate
    )
    right = sum(v.fault is StepFault.RIGHT for v in verdicts)
    points = 0 if breach else _half_up(100 * max(0, right - decoys), len(case.steps))
    return CaseVerdict(tuple(verdicts), decoys, breach, points)


def _half_up(num: int, den: int) -> int:
    return (2 * num + den) // (2 * den)


# -- reading a pack ----------------------------------------------------------------------


def read_cases(
    items: Sequence[Mapping[str, Any]] | None,
) -> tuple[tuple[ProcedureCase, ...], list[Issue]]:
    """The ``[[items]]`` of a pack as cases, or every problem located by key path."""
    if not items:
        return (), [Issue(("items",), "a counter procedure pack lists its cases as [[items]]")]
    issues: list[Issue] = []
    cases: list[ProcedureCase] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(items):
        path: Path = ("items", index)
        clean, found = validate_table(CASE_SPEC, raw, path)
        issues += found
        if found:
            continue
        case_id = clean["id"]
        if case_id in seen:
            issues.append(
                Issue(
                    (*path, "id"), f"case id {case_id!r} is already used by items[{seen[case_id]}]"
                )
            )
            continue
        seen[case_id] = index
        case, found = _case(clean, path)
        issues += found
        if case is not None:
            cases.append(case)
    return tuple(cases), issues


def _case(clean: Mapping[str, Any], path: Path) -> tuple[ProcedureCase | None, list[Issue]]:
    issues: list[Issue] = []
    steps: list[Step] = []
    ids: dict[str, int] = {}
    raw_steps = clean["steps"]
    if len(raw_steps) < 2:
        issues.append(Issue((*path, "steps"), "a procedure needs at least 2 steps"))
    for index, raw in enumerate(raw_steps):
        at: Path = (*path, "steps", index)
        step_id = raw["id"]
        if step_id in ids:
            issues.append(
                Issue((*at, "id"), f"step id {step_id!r} is already used by steps[{ids[step_id]}]")
            )
            continue
        after = tuple(raw.get("after", ()))
        for before in after:
            if before == step_id:
                issues.append(Issue((*at, "after"), f"step {step_id!r} cannot follow itself"))
            elif before not in ids:
                known = ", ".join(ids) or "none"
                issues.append(
                    Issue(
                        (*at, "after"),
                        f"'after' names {before!r}, which is not an earlier step of this case "
                        f"(earlier steps: {known})",
                    )
                )
        phrase = raw.get("phrase")
        wrong = tuple(raw.get("wrong_phrases", ()))
        if wrong and phrase is None:
            issues.append(
                Issue((*at, "wrong_phrases"), "wrong_phrases need the right 'phrase' too")
            )
        if phrase is not None and not wrong:
            issues.append(
                Issue((*at, "phrase"), "a phrase needs 1–3 close but wrong_phrases to choose from")
            )
        if phrase is not None and phrase in wrong:
            issues.append(Issue((*at, "wrong_phrases"), "the right phrase is also listed as wrong"))
        ids[step_id] = index
        steps.append(Step(step_id, raw["label"], after, phrase, wrong, raw["gate"]))
    decoys = tuple(clean["decoys"])
    labels = [s.label for s in steps]
    for decoy in decoys:
        if decoy in labels:
            issues.append(Issue((*path, "decoys"), f"decoy {decoy!r} is also a step's label"))
    if len(steps) + len(decoys) > MAX_CARDS:
        issues.append(
            Issue((*path, "decoys"), f"at most {MAX_CARDS} steps and decoys together (keys A–T)")
        )
    if issues:
        return None, issues
    return ProcedureCase(clean["id"], clean["title"], clean["situation"], tuple(steps), decoys), []
