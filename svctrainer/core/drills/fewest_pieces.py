"""The fewest notes and coins that make an amount: the making-change drill's "fewest
pieces" rule and the drawer drill's breakdowns of what was paid out.

Greedy (largest first) is optimal for CNY, USD and EUR but not for every set a pack may
define (with 1, 3 and 4, greedy pays 6 as 4+1+1 where 3+3 is fewer), so this is an exact
branch-and-bound search over integer cents: it tries the largest denominations first, so
it finds the greedy answer at once, and prunes every branch that cannot beat the best
so far (pieces used + ⌈rest / next value⌉ is a lower bound). Depth is the number of
denominations (at most 20).
"""

from __future__ import annotations

from collections.abc import Sequence


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
