"""A teller's day that does not balance: vouchers, system totals, the drawer count, and
the one seeded error that explains the difference.

What the trainee sees (``DrawerCase``): the opening balance; the day's vouchers (the
slips in the teller's stack: deposits and exchanges bring cash in; withdrawals, cheques
cashed and exchanges pay cash out; each with the notes and coins counted); the teller
system's cash in and cash out, hence the book balance = opening + cash in − cash out;
and the end-of-day count by denomination. difference = counted − book (positive: over).

The seeded error (``CaseError``) is one of, with its arithmetic signature
(sign = +1 for cash in, −1 for cash out; a = the voucher's amount):

- ``transposed``: the system posted the voucher with two adjacent digits swapped
  (p instead of a): difference = sign × (a − p), always a multiple of 9 cents·10^k;
- ``missed``: the voucher was never posted: difference = sign × a;
- ``wrong_denomination``: on a cash-out voucher the teller handed over a note or coin
  worth d′ where the voucher lists d: difference = d − d′;
- ``reversed``: posted in the wrong direction (a deposit as a withdrawal or the other
  way): difference = 2 × sign × a (the clue: half the difference is a voucher);
- ``decimal_slip``: posted with the decimal point moved (p = a × 10, × 100, ÷ 10 or
  ÷ 100): difference = sign × (a − p), which divides by 9 (one place) or 99 (two);
- ``double_posted``: posted twice: difference = −sign × a (a missed entry's opposite).

``explanations`` lists every (voucher, kind) that fits the difference by these rules;
the generator retries (deterministically) until the seeded error is the only one, and
any listed explanation is accepted, so a rare second fit is never marked wrong.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from svctrainer.core.currency import CurrencySet, Denomination
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.money import CENT, from_cents, round_to_cents

MAX_ATTEMPTS = 40
BREAK_UPS = 25  # notes broken into smaller ones to make the drawer count look real
DAY_MINUTES = 8 * 60  # vouchers fall between 09:00 and 17:00


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class VoucherKind(StrEnum):
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"
    CHEQUE_CASHED = "cheque_cashed"
    EXCHANGE = "exchange"


KIND_WEIGHTS = {  # how often each kind of voucher comes up, relative to the others
    VoucherKind.DEPOSIT: 3,
    VoucherKind.WITHDRAWAL: 3,
    VoucherKind.CHEQUE_CASHED: 2,
    VoucherKind.EXCHANGE: 1,
}


class ErrorKind(StrEnum):
    TRANSPOSED = "transposed"
    MISSED = "missed"
    WRONG_DENOMINATION = "wrong_denomination"
    REVERSED = "reversed"
    DECIMAL_SLIP = "decimal_slip"
    DOUBLE_POSTED = "double_posted"


class OverShort(StrEnum):
    """The 长短款 report: the drawer holds more cash than the books say (长款, over) or
    less (短款, short); the procedure has the teller report which, and by how much."""

    OVER = "over"
    SHORT = "short"


# The kinds of packs that do not list theirs: those of the first release, so that the
# days of their stored attempts are drawn exactly as before (a longer list would change
# every draw). A pack lists the others in ``error_kinds``.
FIRST_ERROR_KINDS = (ErrorKind.TRANSPOSED, ErrorKind.MISSED, ErrorKind.WRONG_DENOMINATION)
SLIP_FACTORS = (Decimal(10), Decimal(100), Decimal("0.1"), Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Exchange:
    """Foreign cash bought (cash out) or sold (cash in) at ``rate`` local per unit."""

    currency: str
    amount: Decimal
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Voucher:
    """``number`` is 1-based as printed; ``pieces``: (face value, count), largest first."""

    number: int
    time: str
    kind: VoucherKind
    direction: Direction
    amount: Decimal
    pieces: tuple[tuple[Decimal, int], ...]
    exchange: Exchange | None = None

    @property
    def cents(self) -> int:
        return int(self.amount * 100)


@dataclass(frozen=True, slots=True)
class DrawerCase:
    currency: CurrencySet
    opening_balance: Decimal
    vouchers: tuple[Voucher, ...]
    system_cash_in: Decimal
    system_cash_out: Decimal
    count: tuple[tuple[Denomination, int], ...]  # largest first

    @property
    def book_balance(self) -> Decimal:
        return self.opening_balance + self.system_cash_in - self.system_cash_out

    @property
    def counted_total(self) -> Decimal:
        return sum((d.value * n for d, n in self.count), Decimal("0.00"))

    @property
    def difference(self) -> Decimal:
        return self.counted_total - self.book_balance

    @property
    def over_short(self) -> OverShort:
        return OverShort.OVER if self.difference > 0 else OverShort.SHORT


@dataclass(frozen=True, slots=True)
class CaseError:
    """The seeded error on voucher ``row`` (0-based): ``posted`` for a transposition,
    ``listed``/``handed`` (d, d′) for a wrong denomination."""

    row: int
    kind: ErrorKind
    posted: Decimal | None = None
    listed: Decimal | None = None
    handed: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DrawerPuzzle:
    case: DrawerCase
    error: CaseError
    accepted: frozenset[tuple[int, ErrorKind]]


@dataclass(frozen=True, slots=True)
class CaseSpec:
    transactions: tuple[int, int]
    amount_min: Decimal
    amount_max: Decimal
    amount_step: Decimal
    opening: tuple[int, int]  # whole currency units
    kinds: tuple[VoucherKind, ...]
    error_kinds: tuple[ErrorKind, ...]
    exchange_currency: str = "USD"
    exchange_rate: Decimal | None = None


def transpositions(amount: Decimal) -> list[Decimal]:
    """Amounts keyed with two adjacent digits of ``amount`` (in cents, e.g. 1524.00 →
    "152400") swapped, where that changes the amount and creates no leading zero."""
    digits = str(int(amount * 100))
    found: list[Decimal] = []
    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a == b or (i == 0 and b == "0"):
            continue
        swapped = digits[:i] + b + a + digits[i + 2 :]
        found.append(from_cents(int(swapped)))
    return found


def decimal_slips(amount: Decimal) -> list[Decimal]:
    """Amounts posted with the decimal point moved one or two places, in whole cents."""
    found = []
    for factor in SLIP_FACTORS:
        posted = amount * factor
        if posted == posted.quantize(CENT) and posted > 0 and posted != amount:
            found.append(posted.quantize(CENT))
    return found


def difference_signatures(
    vouchers: Sequence[Voucher], values: Sequence[Decimal], extended: bool = True
) -> dict[Decimal, frozenset[tuple[int, ErrorKind]]]:
    """For every difference some error on this day would cause, the (voucher index,
    error kind) pairs causing it (module docstring); ``values``: the face values.
    ``extended`` False: only the first release's kinds (for packs limited to them, whose
    days must be drawn as before)."""
    found = _signature_sets(vouchers, values, extended)
    return {diff: frozenset(pairs) for diff, pairs in found.items()}


def _signature_sets(
    vouchers: Sequence[Voucher], values: Sequence[Decimal], extended: bool
) -> dict[Decimal, set[tuple[int, ErrorKind]]]:
    """``difference_signatures`` as plain sets: ``draw_case`` compares a few of them and
    needs no frozen copy of every one (a day is drawn, and replayed, thousands of times
    in the demo history and its rescoring)."""
    found: dict[Decimal, set[tuple[int, ErrorKind]]] = {}
    # A paid-out piece given in another denomination: the differences depend on the
    # piece's face value only, so they are worked out once per value and day.
    wrong_by_value: dict[Decimal, list[Decimal]] = {}
    for i, v in enumerate(vouchers):
        sign = 1 if v.direction is Direction.IN else -1
        for p in transpositions(v.amount):
            found.setdefault(sign * (v.amount - p), set()).add((i, ErrorKind.TRANSPOSED))
        found.setdefault(sign * v.amount, set()).add((i, ErrorKind.MISSED))
        if extended:
            found.setdefault(2 * sign * v.amount, set()).add((i, ErrorKind.REVERSED))
            found.setdefault(-sign * v.amount, set()).add((i, ErrorKind.DOUBLE_POSTED))
            for p in decimal_slips(v.amount):
                found.setdefault(sign * (v.amount - p), set()).add((i, ErrorKind.DECIMAL_SLIP))
        if v.direction is Direction.OUT:
            pair = (i, ErrorKind.WRONG_DENOMINATION)
            for d, _ in v.pieces:
                diffs = wrong_by_value.get(d)
                if diffs is None:
                    diffs = wrong_by_value[d] = [d - other for other in values if other != d]
                for diff in diffs:
                    pairs = found.get(diff)
                    if pairs is None:
                        found[diff] = {pair}
                    else:
                        pairs.add(pair)
    return found


def explain_difference(
    vouchers: Sequence[Voucher], diff: Decimal, values: Sequence[Decimal], extended: bool = True
) -> frozenset[tuple[int, ErrorKind]]:
    """Every (voucher index, error kind) whose error would cause ``diff``."""
    return frozenset(_signature_sets(vouchers, values, extended).get(diff, ()))


def explanations(case: DrawerCase, extended: bool = True) -> frozenset[tuple[int, ErrorKind]]:
    """Every (voucher index, error kind) that explains the case's difference."""
    values = [d.value for d in case.currency.denominations]
    return explain_difference(case.vouchers, case.difference, values, extended)


def error_effect(vouchers: Sequence[Voucher], error: CaseError) -> Decimal:
    """The difference (counted − book) the error causes."""
    v = vouchers[error.row]
    sign = 1 if v.direction is Direction.IN else -1
    if error.kind is ErrorKind.TRANSPOSED:
        return sign * (v.amount - (error.posted or Decimal(0)))
    if error.kind is ErrorKind.MISSED:
        return sign * v.amount
    if error.kind is ErrorKind.REVERSED:
        return 2 * sign * v.amount
    if error.kind is ErrorKind.DOUBLE_POSTED:
        return -sign * v.amount
    if error.kind is ErrorKind.DECIMAL_SLIP:
        return sign * (v.amount - (error.posted or Decimal(0)))
    return (error.listed or Decimal(0)) - (error.handed or Decimal(0))


def difference_hints(case: DrawerCase) -> tuple[str, ...]:
    """Codes for what the difference suggests (the GUI words them): ``divisible_by_9``
    (a transposition, or the point moved one place?), ``divisible_by_99`` (the point
    moved two places?), ``equals_a_voucher`` (a missed entry, or one posted twice?),
    ``half_equals_a_voucher`` (posted in the wrong direction?),
    ``equals_denomination_difference`` (a wrong note or coin?)."""
    diff = abs(case.difference)
    values = [d.value for d in case.currency.denominations]
    codes: list[str] = []
    if diff and int(diff * 100) % 9 == 0:
        codes.append("divisible_by_9")
    if diff and int(diff * 100) % 99 == 0:
        codes.append("divisible_by_99")
    if any(v.amount == diff for v in case.vouchers):
        codes.append("equals_a_voucher")
    if any(2 * v.amount == diff for v in case.vouchers):
        codes.append("half_equals_a_voucher")
    if any(a - b == diff for a in values for b in values):
        codes.append("equals_denomination_difference")
    return tuple(codes)


def _pieces(amount_cents: int, currency: CurrencySet) -> tuple[tuple[Decimal, int], ...]:
    return _breakdown(amount_cents, tuple(d.cents for d in currency.denominations))


@functools.lru_cache(maxsize=4096)
def _breakdown(amount_cents: int, values: tuple[int, ...]) -> tuple[tuple[Decimal, int], ...]:
    """``_pieces`` by the denominations' cents, remembered: a day's vouchers are drawn
    again and again (up to ``MAX_ATTEMPTS`` a case, and every replay draws its cases
    anew), their amounts repeat, and the exact search was a fifth of drawing a day. The
    answer is a tuple of immutable values, so sharing it changes nothing."""
    best = fewest_pieces(amount_cents, values) or ()
    counts: dict[int, int] = {}
    for cents in best:
        counts[cents] = counts.get(cents, 0) + 1
    return tuple((from_cents(c), n) for c, n in sorted(counts.items(), reverse=True))


def _draw_amount(rng: SeededRandom, low: int, high: int, step: int) -> int:
    """Cents, a multiple of ``step`` in [low, high]: first a number of integer digits
    (uniform), then a value with that many digits (so small and large amounts mix)."""
    widths = range(len(str(max(1, low // 100))), len(str(max(1, high // 100))) + 1)
    width = rng.choice(list(widths))
    band_low = max(low, 10 ** (width - 1) * 100 if width > 1 else 0)
    band_high = min(high, 10**width * 100 - 1)
    first, last = -(-band_low // step), band_high // step
    if first > last:
        first, last = -(-low // step), high // step
    return rng.between(first, last) * step


def draw_vouchers(rng: SeededRandom, currency: CurrencySet, spec: CaseSpec) -> list[Voucher]:
    count = rng.between(*spec.transactions)
    minutes = sorted(rng.below(DAY_MINUTES) for _ in range(count))
    step = int(spec.amount_step * 100)
    low, high = int(spec.amount_min * 100), int(spec.amount_max * 100)
    vouchers: list[Voucher] = []
    for number, minute in enumerate(minutes, 1):
        kind = spec.kinds[rng.weighted_index([KIND_WEIGHTS[k] for k in spec.kinds])]
        exchange = None
        if kind is VoucherKind.EXCHANGE and spec.exchange_rate is not None:
            rate = spec.exchange_rate
            direction = rng.choice((Direction.IN, Direction.OUT))
            units = max(1, int(spec.amount_max / rate) // 10)
            foreign = Decimal(10 * rng.between(1, units))
            local = int(round_to_cents(foreign * rate) * 100)
            cents = max(step, (local + step // 2) // step * step)
            exchange = Exchange(spec.exchange_currency, foreign, rate)
        else:
            direction = Direction.IN if kind is VoucherKind.DEPOSIT else Direction.OUT
            cents = _draw_amount(rng, low, high, step)
        time = f"{9 + minute // 60:02d}:{minute % 60:02d}"
        pieces = _pieces(cents, currency)
        vouchers.append(Voucher(number, time, kind, direction, from_cents(cents), pieces, exchange))
    return vouchers


def error_candidates(
    vouchers: Sequence[Voucher], kind: ErrorKind, currency: CurrencySet
) -> list[CaseError]:
    """Every error of ``kind`` that could happen on this day, in a fixed order."""
    found: list[CaseError] = []
    values = [d.value for d in currency.denominations]
    for row, v in enumerate(vouchers):
        if kind in (ErrorKind.MISSED, ErrorKind.REVERSED, ErrorKind.DOUBLE_POSTED):
            found.append(CaseError(row, kind))
        elif kind is ErrorKind.DECIMAL_SLIP:
            found += [CaseError(row, kind, posted=p) for p in decimal_slips(v.amount)]
        elif kind is ErrorKind.TRANSPOSED:
            found += [CaseError(row, kind, posted=p) for p in transpositions(v.amount)]
        elif v.direction is Direction.OUT:
            found += [
                CaseError(row, kind, listed=d, handed=other)
                for d, _ in v.pieces
                for other in values
                if other != d
            ]
    return found


def _drawer_count(
    rng: SeededRandom, total_cents: int, currency: CurrencySet
) -> tuple[tuple[Denomination, int], ...]:
    """``total_cents`` as a plausible drawer: the fewest pieces, then some notes broken
    into smaller ones (each into at most 20 pieces)."""
    counts = {d.cents: 0 for d in currency.denominations}
    for cents in fewest_pieces(total_cents, list(counts)) or ():
        counts[cents] += 1
    for _ in range(BREAK_UPS):
        pairs = [
            (big, small)
            for big in counts
            if counts[big]
            for small in counts
            if small < big and big % small == 0 and big // small <= 20
        ]
        if not pairs:
            break
        big, small = rng.choice(pairs)
        counts[big] -= 1
        counts[small] += big // small
    return tuple((d, counts[d.cents]) for d in currency.denominations)


def draw_case(
    rng: SeededRandom, currency: CurrencySet, spec: CaseSpec, kind: ErrorKind | None = None
) -> DrawerPuzzle:
    """A day with one seeded error of ``kind`` (or of a kind drawn from
    ``spec.error_kinds``): days are
    drawn (at most ``MAX_ATTEMPTS``) until one has an error of that kind that is the only
    explanation of the difference it causes. Failing that, the last day gets a random
    error of that kind (or a missed entry when the kind cannot happen at all, e.g. no
    amount has two different digits), and every fitting answer is accepted."""
    if kind is None:
        kind = rng.choice(spec.error_kinds)
    values = [d.value for d in currency.denominations]
    extended = not set(spec.error_kinds) <= set(FIRST_ERROR_KINDS)
    vouchers: list[Voucher] = []
    candidates: list[CaseError] = []
    for _ in range(MAX_ATTEMPTS):
        vouchers = draw_vouchers(rng, currency, spec)
        candidates = error_candidates(vouchers, kind, currency)
        signatures = _signature_sets(vouchers, values, extended)
        unique = [
            c for c in candidates if signatures[error_effect(vouchers, c)] == {(c.row, c.kind)}
        ]
        if unique:
            return _assemble(
                rng, currency, spec, vouchers, rng.choice(unique), signatures=signatures
            )
    if not candidates:
        candidates = error_candidates(vouchers, ErrorKind.MISSED, currency)
    signatures = _signature_sets(vouchers, values, extended)
    return _assemble(rng, currency, spec, vouchers, rng.choice(candidates), signatures=signatures)


def _assemble(
    rng: SeededRandom,
    currency: CurrencySet,
    spec: CaseSpec,
    vouchers: Sequence[Voucher],
    error: CaseError,
    *,
    signatures: dict[Decimal, set[tuple[int, ErrorKind]]],
) -> DrawerPuzzle:
    """The case around ``error``: the opening balance is drawn from the spec's range and
    raised (in blocks of 10 000 smallest pieces) by whatever the drawer would otherwise
    lack at its lowest point of the day, so it never runs dry. ``signatures``: the day's
    ``_signature_sets`` (with the face values and ``extended`` the case was drawn by),
    which ``draw_case`` has worked out already: the case's explanations are read from
    them (``explanations`` would work them out again, a sixth of drawing a day)."""
    smallest = currency.smallest.cents
    block = smallest * 10_000
    running = lowest = 0
    for v in vouchers:
        running += v.cents if v.direction is Direction.IN else -v.cents
        lowest = min(lowest, running)
    opening_cents = rng.between(*spec.opening) * 100 // smallest * smallest
    opening_cents += -(lowest // block) * block
    book = {Direction.IN: Decimal("0.00"), Direction.OUT: Decimal("0.00")}
    true = {Direction.IN: Decimal("0.00"), Direction.OUT: Decimal("0.00")}
    for i, v in enumerate(vouchers):
        true[v.direction] += v.amount
        if i != error.row:
            book[v.direction] += v.amount
        elif error.posted is not None:  # transposed digits or a moved decimal point
            book[v.direction] += error.posted
        elif error.kind is ErrorKind.REVERSED:
            other = Direction.OUT if v.direction is Direction.IN else Direction.IN
            book[other] += v.amount
        elif error.kind is ErrorKind.DOUBLE_POSTED:
            book[v.direction] += 2 * v.amount
        elif error.kind is ErrorKind.WRONG_DENOMINATION:
            book[v.direction] += v.amount
            true[v.direction] += (error.handed or 0) - (error.listed or 0)
    closing = int((true[Direction.IN] - true[Direction.OUT]) * 100) + opening_cents
    if closing < 0:  # a handed-over note bigger than what was left: open with more cash
        extra = -(closing // block) * block
        opening_cents += extra
        closing += extra
    case = DrawerCase(
        currency=currency,
        opening_balance=from_cents(opening_cents),
        vouchers=tuple(vouchers),
        system_cash_in=book[Direction.IN],
        system_cash_out=book[Direction.OUT],
        count=_drawer_count(rng, closing, currency),
    )
    return DrawerPuzzle(case, error, frozenset(signatures.get(case.difference, ())))


class ErrorKindPlan:
    """The error kind of each day in turn, for packs using kinds beyond the first
    release's: every kind once in a shuffled round, then the next round, so a test of
    as many days as kinds has one day of each (the same case mix on every form).
    Packs limited to the first kinds draw each day's kind alone, as they always did."""

    def __init__(self, rng: SeededRandom, kinds: Sequence[ErrorKind]) -> None:
        self._rng = rng
        self._kinds = tuple(kinds)
        self._round: list[ErrorKind] = []
        self.balanced = not set(kinds) <= set(FIRST_ERROR_KINDS)

    def next(self) -> ErrorKind | None:
        """The next day's kind, or None: let ``draw_case`` draw it."""
        if not self.balanced:
            return None
        if not self._round:
            self._round = list(self._kinds)
            for i in range(len(self._round) - 1, 0, -1):  # Fisher-Yates
                j = self._rng.below(i + 1)
                self._round[i], self._round[j] = self._round[j], self._round[i]
        return self._round.pop()
