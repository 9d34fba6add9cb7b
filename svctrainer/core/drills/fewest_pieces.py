"""The fewest notes and coins that make an amount: the making-change drill's "fewest
pieces" rule and the drawer drill's breakdowns of what was paid out.

Greedy (largest first) is optimal for CNY, USD and EUR but not for every set a pack may
define (with 1, 3 and 4, greedy pays 6 as 4+1+1 where 3+3 is fewer), so this is an exact
branch-and-bound search over integer cents: it tries the largest denominations first, so
it finds the greedy answer at once, and prunes every branch that cannot beat the best
so far (pieces used + ⌈rest / next value⌉ is a lower bound). Depth is the number of
denominations (at most 20).

Most sets are canonical (greedy is optimal for every amount): for those the answer is the
greedy one, paid out directly. Which sets are canonical is decided once per set by
Kozen and Zaks's bound (1994): if greedy fails for some amount of a set whose smallest
value is 1, it fails for one below the sum of the two largest values, so comparing greedy
with an exact count on every amount below that bound decides it. The demo history pays
change tens of thousands of times, and the search was a few per cent of playing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache


def fewest_pieces(amount_cents: int, values_cents: Sequence[int]) -> tuple[int, ...] | None:
    """A breakdown of ``amount_cents`` into the fewest pieces of ``values_cents`` (each
    value usable any number of times), largest first; ``()`` for 0; None if impossible.

    Among equally short breakdowns it returns the one that uses the larger values most
    (the greedy answer when greedy is optimal)."""
    if amount_cents < 0:
        return None
    values = sorted({v for v in values_cents if v > 0}, reverse=True)
    if amount_cents == 0:
        return ()
    if not values:
        return None
    if _greedy_is_optimal(tuple(values)):
        return _greedy(amount_cents, values)
    return _search(amount_cents, values)


def _search(amount_cents: int, values: list[int]) -> tuple[int, ...] | None:
    """``fewest_pieces`` by the branch-and-bound search, for ``amount_cents`` > 0 and
    ``values`` distinct, positive and largest first: exact for any set."""
    best: list[int] | None = None
    best_n = amount_cents // values[-1] + 2  # above any possible answer
    counts = [0] * len(values)

    def search(i: int, rest: int, used: int) -> None:
        nonlocal best, best_n
        value = values[i]
        if i == len(values) - 1:
            if rest % value == 0 and used + rest // value < best_n:
                counts[i] = rest // value
                best_n = used + counts[i]
                best = counts.copy()
                counts[i] = 0
            return
        following = values[i + 1]
        for k in range(rest // value, -1, -1):
            left = rest - k * value
            if used + k + -(-left // following) >= best_n:
                break  # fewer of this value only needs more pieces: the bound only grows
            counts[i] = k
            if left == 0:
                best_n, best = used + k, counts.copy()
            else:
                search(i + 1, left, used + k)
        counts[i] = 0

    search(0, amount_cents, 0)
    if best is None:
        return None
    return tuple(v for v, n in zip(values, best, strict=True) for _ in range(n))


def _greedy(amount: int, values: list[int]) -> tuple[int, ...] | None:
    """Largest first, as many of each as fit; None if something is left over. For a set
    ``_greedy_is_optimal`` accepts, this is the search's own answer: its first complete
    branch is this one (it tries the most of each value first), and a later one replaces
    it only with strictly fewer pieces, which an optimal greedy answer rules out."""
    pieces: list[int] = []
    rest = amount
    for value in values:
        if rest >= value:
            pieces += [value] * (rest // value)
            rest %= value
    return tuple(pieces) if rest == 0 else None


@lru_cache(maxsize=256)
def _greedy_is_optimal(values: tuple[int, ...]) -> bool:
    """Whether greedy is optimal for every amount the set ``values`` (distinct, largest
    first) can pay, i.e. the set is canonical, and every amount greedy cannot pay cannot
    be paid at all.

    Only for a set whose smallest value divides all the others (so, in units of it, the
    set holds 1 and pays exactly the multiples of it, which greedy also pays): then by
    Kozen and Zaks's theorem a set that is not canonical has a counter-example below the
    sum of its two largest values, and every amount below it is checked against the exact
    fewest count. Any other set is left to the search (False)."""
    unit = values[-1]
    if any(value % unit for value in values):
        return False
    if len(values) < 3:  # {1} and {1, c}: greedy is always optimal
        return True
    scaled = [value // unit for value in values]  # largest first, ends with 1
    bound = scaled[0] + scaled[1]
    ascending = scaled[::-1]
    fewest = [0] * bound
    greedy = [0] * bound
    fitting = 0  # how many values are at most ``amount``
    for amount in range(1, bound):
        while fitting < len(ascending) and ascending[fitting] <= amount:
            fitting += 1
        usable = ascending[:fitting]
        greedy[amount] = greedy[amount - usable[-1]] + 1
        fewest[amount] = 1 + min([fewest[amount - v] for v in usable])
        if greedy[amount] != fewest[amount]:
            return False
    return True
