"""Making change, the way each counter works.

``procedure = "count_back"`` (the en packs): a customer pays ``tendered`` for ``price``;
the trainee hands back the change piece by piece, smallest first, as when counting up
aloud from the price to the amount tendered ("13.40 … 13.50, 14, 15, 20").

``procedure = "announce"`` (唱收唱付, the zh packs): the teller first says what was
received (唱收: types the amount and Enter), then takes the change from the drawer in
any order, then says what is paid (唱付: Enter, types the amount, Enter hands it over).
Chinese counters have no piece-order rule; the announcements must be right. Customers
may also bring a payout in the notes they ask for (配款) or a note to change into small
ones (兑零); see ``change_items``. In the announcing phases the digit keys, ``.`` and
Backspace type the amount; a payout has nothing received, so it starts in the drawer.

Input (all logged, so replay is exact): the drawer's denominations, smallest first, are
on keys ``1``–``9``, ``0``, then ``q``–``p`` (``DrawerSlot.key``); a click on a piece
is the synthetic key ``piece:<face value>`` (``DrawerSlot.event_key``, e.g.
``piece:0.5``). Backspace takes back the last piece; Enter hands the change over and
moves to the next customer. Enter and Backspace do nothing on an empty tray. At most
``MAX_TRAY`` pieces per customer.

Each handed-over change is judged by ``change_items.judge_change`` (wrong total, not
the fewest pieces, wrong order; the last two can be relaxed with ``require_fewest`` /
``require_order`` in ``[scoring]`` and are then only reported).

Figures: speed = changes handed over per minute of active time (``items_per_min``,
0.1); accuracy = correct / handed over (0.0001); score = min(100, 100 × speed /
reference_speed) × accuracy (0.1). The pack's ``error_policy`` does not apply: every
handed-over change is final.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.currency import (
    CurrencySet,
    Denomination,
    face_text,
    validate_generator_currency,
)
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.cash_drill_result import cash_drill_result, reference_score
from svctrainer.core.drills.change_details import MakingChangeDetails
from svctrainer.core.drills.change_items import (
    GENERATOR_SPEC,
    ChangeError,
    ChangeItem,
    ChangeJudgement,
    ChangeTask,
    PriceSpec,
    TaskSpec,
    draw_customer,
    fixed_items,
    judge_change,
    price_spec,
    requested_total,
)
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.lazy_items import LazyItems
from svctrainer.core.drills.result import DrillResult, EndReason
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import PlayerClock, Timing
from svctrainer.core.durations import MS_PER_MINUTE, NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, ENTER, KeyEvent
from svctrainer.core.money import from_cents
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind

PIECE_EVENT = "piece:"
DRAWER_KEYS = tuple("1234567890qwertyuiop")
# The most pieces one handover may hold: a ¥5 000 payout in hundreds with forty twenties
# asked for is 82 pieces (the zh packs' largest case, tested), so 60 made some payouts
# impossible to answer; the cap only guards against a stuck key filling the tray.
MAX_TRAY = 100
_PLAIN_NUMBER = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")
SPEED_UNIT = "items_per_min"
MAX_AMOUNT_CHARS = 12
PROCEDURES = ("count_back", "announce")


class Phase(StrEnum):
    """Where the teller is with the current customer."""

    RECEIVE = "receive"  # 唱收: saying what was received
    PIECES = "pieces"  # taking the change from the drawer
    PAY = "pay"  # 唱付: saying what is paid


@dataclass(frozen=True, slots=True)
class ChangeContent:
    currency: CurrencySet
    prices: PriceSpec | None  # generated customers, or
    items: tuple[ChangeItem, ...] | None  # fixed ones
    tasks: TaskSpec


@dataclass(frozen=True, slots=True)
class DrawerSlot:
    """A denomination in the drawer: press ``key`` or send ``event_key`` for a click."""

    key: str
    event_key: str
    denomination: Denomination


@dataclass(frozen=True, slots=True)
class ChangeView:
    """What the making-change screen draws. ``counted_to`` is what the teller says aloud
    (price + pieces so far). ``change_due`` and ``hint`` (the fewest pieces, smallest
    first) are None unless the mode shows hints. ``last`` judges the previous customer."""

    currency_code: str
    currency_symbol: str
    drawer: tuple[DrawerSlot, ...]
    item_index: int
    item_count: int | None
    price: Decimal | None
    tendered: tuple[Denomination, ...]
    tendered_total: Decimal | None
    tray: tuple[Denomination, ...]
    tray_total: Decimal
    counted_to: Decimal | None
    change_due: Decimal | None
    hint: tuple[Decimal, ...] | None
    last: ChangeJudgement | None
    task: ChangeTask = ChangeTask.SALE
    request: tuple[tuple[Decimal, int], ...] = ()
    announce: bool = False
    phase: Phase = Phase.PIECES
    amount_typed: str = ""
    said_received: Decimal | None = None


class MakingChangeRun(DrillRun):
    def _reset(self) -> None:
        content: ChangeContent = self.definition.content
        self.currency = content.currency
        ascending = tuple(reversed(self.currency.denominations))
        self.drawer = tuple(
            DrawerSlot(key, PIECE_EVENT + face_text(d.value), d)
            for key, d in zip(DRAWER_KEYS, ascending, strict=False)
        )
        self._by_key = {s.key: s.denomination for s in self.drawer}
        self._by_key.update({s.event_key: s.denomination for s in self.drawer})
        extra = self.definition.scoring.extra
        self.announce = extra.get("procedure", "count_back") == "announce"
        self.require_fewest = bool(extra.get("require_fewest", not self.announce))
        self.require_order = bool(extra.get("require_order", not self.announce))
        rng = SeededRandom(self.seed)
        make: Callable[[int], ChangeItem]
        if content.items is not None:
            fixed = content.items
            count: int | None = len(fixed)
            make = fixed.__getitem__
        else:
            prices = content.prices
            assert prices is not None  # noqa: S101 - guaranteed by build_content
            count = None
            tasks = content.tasks
            make = lambda _i: draw_customer(rng, prices, self.currency, tasks)  # noqa: E731
        limit = self.settings.item_count
        if limit is not None:
            count = limit if count is None else min(count, limit)
        self.items: LazyItems[ChangeItem] = LazyItems(count, make)
        self.item_index = 0
        self.current = self.items.item(0)
        self.tray: list[Denomination] = []
        self.judgements: list[ChangeJudgement] = []
        self.strokes = 0
        self.corrections = 0
        self.item_start_ns = 0
        self._begin_customer()

    def _begin_customer(self) -> None:
        self.amount = ""
        self.said_received: Decimal | None = None
        item = self.current
        receives = item is not None and item.task is not ChangeTask.PAYOUT
        self.phase = Phase.RECEIVE if self.announce and receives else Phase.PIECES

    # -- input ---------------------------------------------------------------------------
    def _piece(self, ev: KeyEvent) -> Denomination | None:
        key = ev.key.lower() if len(ev.key) == 1 else ev.key
        found = self._by_key.get(key)
        text = ev.key.removeprefix(PIECE_EVENT)
        if found is None and ev.key.startswith(PIECE_EVENT) and _PLAIN_NUMBER.fullmatch(text):
            value = Decimal(text)  # "piece:0.50" names the same piece as "piece:0.5"
            found = next(
                (s.denomination for s in self.drawer if s.denomination.value == value), None
            )
        return found

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.current is None:
            return False
        if self.phase is not Phase.PIECES:
            if ev.key in (ENTER, BACKSPACE):
                return bool(self.amount)
            return ev.key in _AMOUNT_KEYS and len(self.amount) < MAX_AMOUNT_CHARS
        if ev.key in (ENTER, BACKSPACE):
            return bool(self.tray)
        return len(self.tray) < MAX_TRAY and self._piece(ev) is not None

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        self.strokes += 1
        self.count_strokes(1)
        if self.phase is not Phase.PIECES:
            return self._announce_key(ev)
        if ev.key == ENTER:
            if self.announce:
                self.phase = Phase.PAY
                return Feedback(Verdict.CORRECT, ENTER, 1)
            return self._hand_over()
        if ev.key == BACKSPACE:
            self.tray.pop()
            self.corrections += 1
            return Feedback(Verdict.CORRECTION, strokes=1)
        piece = self._piece(ev)
        assert piece is not None  # noqa: S101 - see _is_stroke
        assert self.current is not None  # noqa: S101
        total = sum((d.value for d in self.tray), piece.value)
        out_of_order = not self.announce and bool(self.tray) and piece.value < self.tray[-1].value
        wrong = out_of_order or total > self.current.change_due
        self.tray.append(piece)
        return Feedback(Verdict.WRONG if wrong else Verdict.CORRECT, strokes=1, errors=int(wrong))

    def _announce_key(self, ev: KeyEvent) -> Feedback:
        """A key while saying an amount: a digit or ``.``, Backspace, or Enter to say it."""
        if ev.key == BACKSPACE:
            self.amount = self.amount[:-1]
            self.corrections += 1
            return Feedback(Verdict.CORRECTION, strokes=1)
        if ev.key != ENTER:
            self.amount += ev.key
            return Feedback(Verdict.CORRECT, strokes=1)
        said = _said_amount(self.amount)
        self.amount = ""
        if self.phase is Phase.RECEIVE:
            self.said_received = said
            self.phase = Phase.PIECES
            assert self.current is not None  # noqa: S101 - see _is_stroke
            right = said == self.current.tendered_total
            return Feedback(Verdict.CORRECT if right else Verdict.WRONG, ENTER, 1, int(not right))
        return self._hand_over(said)

    def _hand_over(self, said_paid: Decimal | None = None) -> Feedback:
        item = self.current
        assert item is not None  # noqa: S101 - see _is_stroke
        given = tuple(d.value for d in self.tray)
        received = item.tendered_total if item.task is not ChangeTask.PAYOUT else None
        errors, correct, fewest = judge_change(
            item.change_due,
            given,
            [d.value for d in self.currency.denominations],
            require_fewest=self.require_fewest,
            require_order=self.require_order,
            request=item.request,
            announce=self.announce,
            announced=(self.said_received, said_paid),
            received=received,
        )
        ms = (self.clock.active_ns - self.item_start_ns) // NS_PER_MS
        self.judgements.append(
            ChangeJudgement(
                self.item_index,
                item,
                given,
                fewest,
                errors,
                correct,
                ms,
                self.said_received if self.announce else None,
                said_paid,
            )
        )
        self.item_start_ns = self.clock.active_ns
        self.item_index += 1
        self.tray = []
        self.current = self.items.item(self.item_index)
        self._begin_customer()
        if self.current is None:
            self._finish(EndReason.ITEMS)
        verdict = Verdict.CORRECT if correct else Verdict.WRONG
        return Feedback(
            verdict, ENTER, 1, 0 if correct else 1, advanced=True, finished=self.finished
        )

    # -- display and result ------------------------------------------------------------------
    def _correct_count(self) -> int:
        return sum(j.correct for j in self.judgements)

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        done = len(self.judgements)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=done - self._correct_count(),
            speed=metrics.ratio(done * MS_PER_MINUTE, common["active_ms"]),
            speed_unit=SPEED_UNIT,
            item_index=self.item_index,
            items_done=done,
            item_count=self.items.count,
        )

    def view(self) -> ChangeView:
        item = self.current
        hints = self.settings.hints and item is not None
        hint = None
        if hints and item is not None:
            hint = self.fewest_change(item)
        tray_total = sum((d.value for d in self.tray), Decimal("0.00"))
        return ChangeView(
            currency_code=self.currency.code,
            currency_symbol=self.currency.symbol,
            drawer=self.drawer,
            item_index=self.item_index,
            item_count=self.items.count,
            price=None if item is None else item.price,
            tendered=() if item is None else tuple(self._denomination(v) for v in item.tendered),
            tendered_total=None if item is None else item.tendered_total,
            tray=tuple(self.tray),
            tray_total=tray_total,
            counted_to=None if item is None else item.price + tray_total,
            change_due=item.change_due if hints and item is not None else None,
            hint=hint,
            last=self.judgements[-1] if self.judgements else None,
            task=ChangeTask.SALE if item is None else item.task,
            request=() if item is None else item.request,
            announce=self.announce,
            phase=self.phase,
            amount_typed=self.amount,
            said_received=self.said_received,
        )

    def fewest_change(self, item: ChangeItem) -> tuple[Decimal, ...]:
        """The requested pieces, then the fewest for the rest, smallest first."""
        cents = [d.cents for d in self.currency.denominations]
        rest = item.change_due - requested_total(item.request)
        best = fewest_pieces(int(rest * 100), cents) or ()
        pieces = [from_cents(c) for c in best] + [v for v, n in item.request for _ in range(n)]
        return tuple(sorted(pieces))

    def _denomination(self, value: Decimal) -> Denomination:
        found = self.currency.find(value)
        assert found is not None  # noqa: S101 - tendered pieces are denominations
        return found

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        done = len(self.judgements)
        correct = self._correct_count()
        speed = metrics.ratio(done * MS_PER_MINUTE, active_ms)
        accuracy = metrics.accuracy(correct, done - correct)
        figures = {
            SPEED_UNIT: speed,
            "accuracy": accuracy,
            "score": reference_score(self, speed, accuracy),
        }
        applies = set(ChangeError) - {
            ChangeError.REQUEST_NOT_MET,
            ChangeError.WRONG_RECEIVED,
            ChangeError.WRONG_PAID,
        }
        if any(j.item.request for j in self.judgements):
            applies.add(ChangeError.REQUEST_NOT_MET)
        if self.announce:
            applies -= {ChangeError.WRONG_ORDER}
            applies |= {ChangeError.WRONG_RECEIVED, ChangeError.WRONG_PAID}
        counts = {
            str(e): sum(e in j.errors for j in self.judgements) for e in ChangeError if e in applies
        }
        details = MakingChangeDetails(
            items_per_min=speed,
            accuracy=accuracy,
            score=figures["score"],
            currency=self.currency.code,
            items_done=done,
            items_correct=correct,
            error_counts=counts,
            pieces_given=sum(len(j.given) for j in self.judgements),
            corrections=self.corrections,
            require_fewest=self.require_fewest,
            require_order=self.require_order,
            items=tuple(self.judgements),
            per_second=tuple(self.complete_seconds()),
        )
        return cash_drill_result(
            self, strokes=self.strokes, speed_unit=SPEED_UNIT, figures=figures, details=details
        )


class MakingChangeDrill(DrillKind[MakingChangeRun, MakingChangeDetails]):
    name: ClassVar[str] = "making_change"
    speed_unit: ClassVar[str] = SPEED_UNIT
    grade_figures: ClassVar[frozenset[str]] = frozenset({SPEED_UNIT, "accuracy", "score"})
    scoring_keys: ClassVar[tuple[Key, ...]] = (
        Key("require_fewest", Kind.BOOL),
        Key("require_order", Kind.BOOL),
        Key("procedure", Kind.STR, choices=PROCEDURES),
    )
    run_type = MakingChangeRun
    details_type = MakingChangeDetails

    def figure_maximum(self, figure: str) -> Decimal:
        return Decimal(1000) if figure == SPEED_UNIT else super().figure_maximum(figure)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[ChangeContent | None, list[Issue]]:
        clean, currency, issues = validate_generator_currency(
            GENERATOR_SPEC, generator, language, "making-change"
        )
        given = [k for k in ("price_min", "price_max", "price_step") if k in (generator or {})]
        prices = None
        fixed = None
        if items is not None:
            issues += [
                Issue(("generator", k), f"'{k}' does not apply when [[items]] fix the customers")
                for k in given
            ]
            if currency is not None:
                fixed, more = fixed_items(items, currency)
                issues += more
        elif generator is not None:
            for key in ("price_min", "price_max"):
                if key not in generator:
                    issues.append(
                        Issue(("generator",), f"missing required key '{key}' in [generator]")
                    )
            if currency is not None and not issues:
                prices, more = price_spec(clean, currency)
                issues += more
        tasks = TaskSpec(
            tuple(ChangeTask(t) for t in clean.get("tasks", ("sale",))),
            clean.get("payout_min", Decimal(500)),
            clean.get("payout_max", Decimal(5000)),
        )
        if tasks.payout_low > tasks.payout_high:
            issues.append(Issue(("generator", "payout_min"), "payout_min is above payout_max"))
        if issues or currency is None:
            return None, issues
        return ChangeContent(currency, prices, fixed, tasks), []

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> MakingChangeRun:
        if options:
            raise ValueError(f"unknown making-change options: {sorted(options)}")
        return MakingChangeRun(self, definition, mode, seed, {})

    def play(self, run: MakingChangeRun, timing: Timing, max_active_ns: int) -> None:
        play_making_change(run, timing, max_active_ns)


MAKING_CHANGE = MakingChangeDrill()


# -- the simulated player ------------------------------------------------------------------
def play_making_change(run: MakingChangeRun, timing: Timing, max_active_ns: int) -> None:
    """Count the fewest pieces out smallest first (keys, or clicks on the drawer), Enter.
    Mistakes: two pieces in the wrong order, a piece broken into smaller ones (not the
    fewest), a wrong piece (wrong total), the last sometimes taken back with Backspace."""
    c = PlayerClock(run, timing, max_active_ns)
    slots = {s.denomination.cents: s for s in run.drawer}
    cents_list = sorted(slots)
    while c.going and run.current is not None:
        item = run.current
        c.think(4.0 + len(item.tendered))  # read the price and what was handed over
        if run.phase is Phase.RECEIVE:  # 唱收: "收您一百元"
            _say(c, item.tendered_total)
        c.think(5.0)  # work out the change: the count-up from the price
        pieces = [int(v * 100) for v in run.fewest_change(item)]
        if not run.announce:
            pieces.sort()  # count-up order: smallest first
        else:  # no order rule: largest first, as most take them from the drawer
            pieces.sort(reverse=True)
        if pieces and c.slip(min(0.8 * len(pieces), 4.0)):
            pieces = _change_mistake(pieces, cents_list, c)
        use_mouse = c.timing.chance(0.3)
        for cents in pieces:
            if not c.going:
                return
            slot = slots[cents]
            if use_mouse:
                c.click(slot.event_key, c.skill.stroke_ms * 1.8)
            else:
                c.key(slot.key, slot.key, c.skill.stroke_ms * 1.3)
        if c.going and run.tray:
            c.key(ENTER, "")
        if c.going and run.phase is Phase.PAY:  # 唱付: "找您六十三元五角"
            _say(c, sum((d.value for d in run.tray), Decimal(0)))


def _say(c: PlayerClock, amount: Decimal) -> None:
    """Type an announced amount and Enter; now and then a digit slips and is fixed."""
    c.type_digits(amount_keys_for(amount))
    if c.going:
        c.key(ENTER, "")


def amount_keys_for(amount: Decimal) -> str:
    """An amount as typed: no trailing zero decimals ("63.5", "200")."""
    text = format(amount.quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _said_amount(text: str) -> Decimal | None:
    return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else None


_AMOUNT_KEYS = frozenset("0123456789.")


def _change_mistake(pieces: list[int], values: list[int], c: PlayerClock) -> list[int]:
    kind = c.timing.rng.below(3)
    distinct = [i for i in range(len(pieces) - 1) if pieces[i] != pieces[i + 1]]
    if kind == 0 and distinct:
        i = c.timing.rng.choice(distinct)
        pieces[i], pieces[i + 1] = pieces[i + 1], pieces[i]  # wrong order
        return pieces
    breakable = [
        (i, v) for i, p in enumerate(pieces) for v in values if v < p and p % v == 0 and p // v <= 5
    ]
    if kind == 1 and breakable:
        i, v = c.timing.rng.choice(breakable)
        return sorted(pieces[:i] + [v] * (pieces[i] // v) + pieces[i + 1 :])  # not the fewest
    i = c.timing.rng.below(len(pieces))
    others = [v for v in values if v != pieces[i]]
    if others:
        pieces[i] = c.timing.rng.choice(others)
    return sorted(pieces)  # wrong total, still counted up in order
