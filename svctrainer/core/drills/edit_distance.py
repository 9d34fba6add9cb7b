"""Levenshtein distance, used to count the uncorrected errors of a field typed freely.

Comparing position by position would turn one skipped digit into a whole row of errors;
the edit distance counts it as one. Myers/Hyyrö's bit-parallel algorithm keeps the cost
at one pass over the typed text (fields are short, but this runs inside the keystroke
path when a field is confirmed).
"""

from __future__ import annotations


def edit_distance(expected: str, typed: str) -> int:
    """Insertions + deletions + substitutions turning ``typed`` into ``expected``."""
    if expected == typed:
        return 0
    m = len(expected)
    if m == 0:
        return len(typed)
    if not typed:
        return m
    peq: dict[str, int] = {}
    for i, c in enumerate(expected):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in typed:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score
