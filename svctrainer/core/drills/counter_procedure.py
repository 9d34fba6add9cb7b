"""The counter procedure drill: for a transaction type (cash deposit, withdrawal,
transfer, account opening, card loss, passbook update…) the teller performs the whole
counter procedure in order — picks each step from a shuffled set of cards (the real
steps and plausible decoys), chooses the words that go with it from close
alternatives, and hands the procedure in. The case model and the judging are in
``procedure_case``; the pack lists the cases as ``[[items]]``.

Keys (clicks arrive as the synthetic keys in brackets, all logged):

- Space calls the first customer: the case appears and the clock starts, so the time
  spent reading it counts (a thinking clock: every gap is credited in full);
- ``a``…``t`` (``card:<n>``, 0-based) take the card with that letter as the next step;
  a card is taken once;
- when the step has words to say, ``1``…``4`` (``phrase:<n>``, 1-based) choose them;
- Backspace takes back the step being phrased, else the last step taken;
- Enter hands the procedure in (with at least one step taken) and calls the next
  customer.

Figures: speed = cases handed in per hour of active time (``cases_per_hour``, 0.1);
accuracy = Σ points / (100 × cases) (0.0001); score = min(100, 100 × speed /
reference_speed) × accuracy (0.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.drills.active_clock import ClockRule
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.cash_drill_result import cash_drill_result, reference_score
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.lazy_items import LazyItems
from svctrainer.core.drills.procedure_case import (
    MAX_CARDS,
    CaseVerdict,
    ProcedureCase,
    StepFault,
    Taken,
    judge_case,
    read_cases,
)
from svctrainer.core.drills.procedure_details import (
    ProcedureCaseRecord,
    ProcedureDetails,
    StandardStepRecord,
    TakenRecord,
)
from svctrainer.core.drills.result import DrillResult, EndReason
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import MAX_EVENTS, PlayerClock, Timing
from svctrainer.core.durations import MS_PER_HOUR, NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, ENTER, SPACE, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue

CARD_EVENT = "card:"
PHRASE_EVENT = "phrase:"
CARD_KEYS = "abcdefghijklmnopqrst"[:MAX_CARDS]
SPEED_UNIT = "cases_per_hour"


@dataclass(frozen=True, slots=True)
class ProcedureContent:
    cases: tuple[ProcedureCase, ...]


@dataclass(frozen=True, slots=True)
class Card:
    """A card on the counter: a standard step (``step_id``) or a decoy (None)."""

    label: str
    step_id: str | None


@dataclass(frozen=True, slots=True)
class Deal:
    """One case as dealt by the seed: the cards in their shuffled order and, for each
    step with words, its phrases in shown order with the index of the right one."""

    case: ProcedureCase
    cards: tuple[Card, ...]
    phrases: Mapping[str, tuple[tuple[str, ...], int]]


@dataclass(frozen=True, slots=True)
class CaseJudgement:
    index: int
    deal: Deal
    taken: tuple[Taken, ...]
    verdict: CaseVerdict
    ms: int

    def record(self) -> ProcedureCaseRecord:
        case = self.deal.case
        standard = tuple(
            StandardStepRecord(step.id, step.label, step.gate, v.fault, v.position)
            for step, v in zip(case.steps, self.verdict.steps, strict=True)
        )
        taken = tuple(
            TakenRecord(
                label=action.decoy
                if action.decoy is not None
                else case.step(action.step_id or "").label,
                step_id=action.step_id,
                phrase_right=action.phrase_right,
            )
            for action in self.taken
        )
        return ProcedureCaseRecord(
            index=self.index,
            case_id=case.id,
            title=case.title,
            standard=standard,
            taken=taken,
            decoys_taken=self.verdict.decoys_taken,
            breach=self.verdict.breach,
            points=self.verdict.points,
            ms=self.ms,
        )


@dataclass(frozen=True, slots=True)
class ProcedureView:
    """What the procedure screen draws: the case (None before the first customer is
    called and once finished), its cards with the taken ones marked, the teller's
    order so far, the phrases offered for the step being phrased, and the last
    judgement (shown with hints)."""

    case_index: int
    case_count: int | None
    opened: bool
    deal: Deal | None
    taken_cards: frozenset[int]
    taken: tuple[Taken, ...]
    pending_card: int | None
    phrase_options: tuple[str, ...]
    last: CaseJudgement | None


def deal_case(rng: SeededRandom, case: ProcedureCase) -> Deal:
    """Shuffle the case's steps and decoys into cards, and each step's phrases."""
    cards = [Card(step.label, step.id) for step in case.steps]
    cards += [Card(decoy, None) for decoy in case.decoys]
    _shuffle(rng, cards)
    phrases: dict[str, tuple[tuple[str, ...], int]] = {}
    for step in case.steps:
        if step.phrase is None:
            continue
        options = [step.phrase, *step.wrong_phrases]
        _shuffle(rng, options)
        phrases[step.id] = (tuple(options), options.index(step.phrase))
    return Deal(case, tuple(cards), phrases)


def _shuffle(rng: SeededRandom, items: list[Any]) -> None:
    for i in range(len(items) - 1, 0, -1):
        j = rng.below(i + 1)
        items[i], items[j] = items[j], items[i]


class CounterProcedureRun(DrillRun):
    def _reset(self) -> None:
        content: ProcedureContent = self.definition.content
        rng = SeededRandom(self.seed)
        cases = content.cases
        order: list[ProcedureCase] = []

        def make(index: int) -> Deal:
            # Every case once in a seeded order, then again in a new order.
            if index >= len(order):
                round_ = list(cases)
                _shuffle(rng, round_)
                order.extend(round_)
            return deal_case(rng, order[index])

        self.deals: LazyItems[Deal] = LazyItems(self.settings.item_count, make)
        self.judgements: list[CaseJudgement] = []
        self.strokes = 0
        self.opened = False
        self.case_start_ns = 0
        self._load(0)

    def _load(self, index: int) -> None:
        self.case_index = index
        self.deal = self.deals.item(index)
        self.taken: list[Taken] = []
        self.taken_cards: list[int] = []
        self.pending: int | None = None

    # -- input -------------------------------------------------------------------------------
    def _card_of(self, key: str) -> int | None:
        if self.deal is None:
            return None
        count = len(self.deal.cards)
        if key.startswith(CARD_EVENT):
            number = key.removeprefix(CARD_EVENT)
            index = int(number) if number.isascii() and number.isdigit() and len(number) < 3 else -1
        elif len(key) == 1 and key.lower() in CARD_KEYS:
            index = CARD_KEYS.index(key.lower())
        else:
            return None
        return index if 0 <= index < count and index not in self.taken_cards else None

    def _phrase_of(self, key: str) -> int | None:
        options = self._options()
        if not options:
            return None
        raw = key.removeprefix(PHRASE_EVENT) if key.startswith(PHRASE_EVENT) else key
        if len(raw) == 1 and raw.isascii() and raw.isdigit() and 1 <= int(raw) <= len(options):
            return int(raw) - 1
        return None

    def _options(self) -> tuple[str, ...]:
        if self.pending is None or self.deal is None:
            return ()
        step_id = self.deal.cards[self.pending].step_id
        if step_id is None or step_id not in self.deal.phrases:
            return ()
        return self.deal.phrases[step_id][0]

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.deal is None:
            return False
        key = ev.key
        if not self.opened:
            return key == SPACE
        if self.pending is not None:
            return key == BACKSPACE or self._phrase_of(key) is not None
        if key == ENTER:
            return bool(self.taken)
        if key == BACKSPACE:
            return bool(self.taken)
        return self._card_of(key) is not None

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        self.strokes += 1
        self.count_strokes(1)
        key = ev.key
        if not self.opened:
            self.opened = True
            self.case_start_ns = self.clock.active_ns
            return Feedback(Verdict.CORRECT, strokes=1)
        if key == ENTER and self.pending is None:
            return self._hand_in()
        if key == BACKSPACE:
            if self.pending is not None:
                self.pending = None
            else:
                self.taken.pop()
                self.taken_cards.pop()
            return Feedback(Verdict.CORRECTION, strokes=1)
        deal = self.deal
        assert deal is not None  # noqa: S101 - see _is_stroke
        if self.pending is not None:
            choice = self._phrase_of(key)
            assert choice is not None  # noqa: S101
            card = deal.cards[self.pending]
            options, right = deal.phrases[card.step_id or ""]
            self._take(self.pending, Taken(card.step_id, None, choice == right, options[choice]))
            self.pending = None
            return Feedback(Verdict.CORRECT, strokes=1)
        index = self._card_of(key)
        assert index is not None  # noqa: S101
        card = deal.cards[index]
        if card.step_id is None:
            self._take(index, Taken(None, card.label, None))
        elif card.step_id in deal.phrases:
            self.pending = index
        else:
            self._take(index, Taken(card.step_id, None, None))
        return Feedback(Verdict.CORRECT, strokes=1)

    def _take(self, card: int, action: Taken) -> None:
        self.taken.append(action)
        self.taken_cards.append(card)

    def _hand_in(self) -> Feedback:
        deal = self.deal
        assert deal is not None  # noqa: S101
        verdict = judge_case(deal.case, self.taken)
        ms = (self.clock.active_ns - self.case_start_ns) // NS_PER_MS
        self.judgements.append(CaseJudgement(self.case_index, deal, tuple(self.taken), verdict, ms))
        self.case_start_ns = self.clock.active_ns
        self._load(self.case_index + 1)
        if self.deal is None:
            self._finish(EndReason.ITEMS)
        perfect = verdict.points == 100
        return Feedback(
            Verdict.CORRECT if perfect else Verdict.WRONG,
            ENTER,
            1,
            0 if perfect else 1,
            advanced=True,
            finished=self.finished,
        )

    # -- display and result --------------------------------------------------------------------
    def view(self) -> ProcedureView:
        return ProcedureView(
            case_index=self.case_index,
            case_count=self.deals.count,
            opened=self.opened,
            deal=self.deal if self.opened else None,
            taken_cards=frozenset(self.taken_cards),
            taken=tuple(self.taken),
            pending_card=self.pending,
            phrase_options=self._options(),
            last=self.judgements[-1] if self.judgements else None,
        )

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        done = len(self.judgements)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=sum(j.verdict.points < 100 for j in self.judgements),
            speed=metrics.ratio(done * MS_PER_HOUR, common["active_ms"]),
            speed_unit=SPEED_UNIT,
            item_index=self.case_index,
            items_done=done,
            item_count=self.deals.count,
            position=len(self.taken),
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        done = len(self.judgements)
        points = sum(j.verdict.points for j in self.judgements)
        speed = metrics.ratio(done * MS_PER_HOUR, active_ms)
        accuracy = metrics.ratio(points, 100 * done, 4)
        score = reference_score(self, speed, accuracy)
        figures: dict[str, float | None] = {SPEED_UNIT: speed, "accuracy": accuracy, "score": score}
        verdicts = [j.verdict for j in self.judgements]
        details = ProcedureDetails(
            cases_per_hour=speed,
            accuracy=accuracy,
            score=score,
            cases_done=done,
            steps_total=sum(len(v.steps) for v in verdicts),
            steps_right=sum(v.right for v in verdicts),
            missing=sum(v.count(StepFault.MISSING) for v in verdicts),
            out_of_order=sum(v.count(StepFault.OUT_OF_ORDER) for v in verdicts),
            wrong_phrase=sum(v.count(StepFault.WRONG_PHRASE) for v in verdicts),
            decoys_taken=sum(v.decoys_taken for v in verdicts),
            breaches=sum(v.breach for v in verdicts),
            points=points,
            cases=tuple(j.record() for j in self.judgements),
            per_second=tuple(self.complete_seconds()),
        )
        return cash_drill_result(
            self, strokes=self.strokes, speed_unit=SPEED_UNIT, figures=figures, details=details
        )


class CounterProcedureDrill(DrillKind[CounterProcedureRun, ProcedureDetails]):
    name: ClassVar[str] = "counter_procedure"
    speed_unit: ClassVar[str] = SPEED_UNIT
    grade_figures: ClassVar[frozenset[str]] = frozenset({SPEED_UNIT, "accuracy", "score"})
    # Reading the customer's case and recalling the next step is the work itself.
    clock_rule: ClassVar[ClockRule] = ClockRule.THINKING
    run_type = CounterProcedureRun
    details_type = ProcedureDetails

    def figure_maximum(self, figure: str) -> Decimal:
        return Decimal(3600) if figure == SPEED_UNIT else super().figure_maximum(figure)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[ProcedureContent | None, list[Issue]]:
        issues: list[Issue] = []
        if generator is not None:
            issues.append(
                Issue(
                    ("generator",),
                    "counter procedure packs list their cases as [[items]]; remove [generator]",
                )
            )
        cases, found = read_cases(items)
        issues += found
        if issues:
            return None, issues
        return ProcedureContent(cases), []

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> CounterProcedureRun:
        if options:
            raise ValueError(f"unknown counter procedure options: {sorted(options)}")
        return CounterProcedureRun(self, definition, mode, seed, {})

    def form(self, run: CounterProcedureRun, limit: int) -> Mapping[str, Any]:
        """Every customer as the seed dealt it: the case, the cards in their shuffled
        order, and each worded step's phrases as shown with the right one marked."""
        customers = []
        for index in range(limit):
            deal = run.deals.item(index)
            if deal is None:
                break
            customers.append(
                {
                    "customer": index + 1,
                    "case": deal.case.id,
                    "title": deal.case.title,
                    "cards": [card.label for card in deal.cards],
                    "phrases": {
                        step: {"shown": list(shown), "right": shown[right]}
                        for step, (shown, right) in deal.phrases.items()
                    },
                }
            )
        return {"customers": customers}

    def play(self, run: CounterProcedureRun, timing: Timing, max_active_ns: int) -> None:
        play_counter_procedure(run, timing, max_active_ns)


COUNTER_PROCEDURE = CounterProcedureDrill()


# -- the simulated player -------------------------------------------------------------------
def play_counter_procedure(run: CounterProcedureRun, timing: Timing, max_active_ns: int) -> None:
    """Call the customer (Space), read the case, then take the steps in the standard
    order: find each card (a few seconds), say its words. Slips, more often for a weak
    trainee: a step forgotten, two steps swapped, a decoy taken, the wrong words;
    sometimes a step taken back with Backspace. Then Enter.

    A customer being served is served to the end, even past ``max_active_ns`` (a teller
    does not walk away mid-transaction); no new customer is called after it."""
    c = PlayerClock(run, timing, max_active_ns)

    def serving() -> bool:
        return not run.finished and c.events < MAX_EVENTS

    while c.going and run.deal is not None:
        if not run.opened:
            c.key(SPACE, " ")
        deal = run.deal
        c.think(16.0, cap_ms=None)  # read the customer's situation
        plan = [s.id for s in deal.case.steps]
        if len(plan) > 2 and c.slip(3.0):
            i = c.timing.rng.below(len(plan) - 1)
            plan[i], plan[i + 1] = plan[i + 1], plan[i]
        if c.slip(3.0):
            plan.pop(c.timing.rng.below(len(plan)))
        decoys = [i for i, card in enumerate(deal.cards) if card.step_id is None]
        for step_id in plan:
            if not serving():
                return
            if decoys and c.slip(1.5):
                _take_card(c, run, decoys.pop(c.timing.rng.below(len(decoys))))
                if c.timing.chance(0.5) and serving():  # noticed: take it back
                    c.key(BACKSPACE, "", c.skill.stroke_ms * 3)
            index = next(i for i, card in enumerate(deal.cards) if card.step_id == step_id)
            _take_card(c, run, index)
            if step_id in deal.phrases and serving():
                options, right = deal.phrases[step_id]
                c.think(3.0)  # read the words offered
                choice = right
                if c.slip(2.0):
                    choice = (right + 1 + c.timing.rng.below(len(options) - 1)) % len(options)
                c.key(str(choice + 1), str(choice + 1))
        if serving() and run.taken and run.pending is None:
            c.think(1.0)
            c.key(ENTER, "")


def _take_card(c: PlayerClock, run: CounterProcedureRun, index: int) -> None:
    c.think(5.0)  # look along the cards for it
    if c.timing.chance(0.15):
        c.click(f"{CARD_EVENT}{index}", c.skill.stroke_ms * 2)
    else:
        letter = CARD_KEYS[index]
        c.key(letter, letter)
