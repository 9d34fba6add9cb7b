"""How a freely typed passage compares with the original, as a copy-typing contest marks
it: every wrong, missing and extra character is one error, and a skipped character costs
one error, not the rest of the line (so position-by-position comparison will not do).

``align`` finds the alignment with the fewest errors (Levenshtein) and, among those, the
most matching characters, then the fewest gaps (missing + extra), keeping the counts of
each kind: "12 " typed against 尊敬的 is three wrong characters, as a marker reads it,
not three extras beside three missing. A passage the time cut short
is compared with the original only as far as it was typed (``open_end``): the text not
yet reached is not missing. The search keeps to a band around the diagonal (a typist
does not drift 60 characters off the copy), so a passage costs O(length × band).
"""

from __future__ import annotations

from dataclasses import dataclass

BAND = 48
NARROW = 8
"""The band searched first (``align``)."""
_INF = 1 << 30


@dataclass(frozen=True, slots=True)
class Alignment:
    """``correct`` typed characters matching the original; ``wrong`` typed in place of
    another; ``missing`` original characters left out; ``extra`` typed characters with
    no counterpart."""

    correct: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0

    @property
    def errors(self) -> int:
        return self.wrong + self.missing + self.extra

    def __add__(self, other: Alignment) -> Alignment:
        return Alignment(
            self.correct + other.correct,
            self.wrong + other.wrong,
            self.missing + other.missing,
            self.extra + other.extra,
        )


def align(original: str, typed: str, *, open_end: bool = False) -> Alignment:
    """The best alignment of ``typed`` against ``original`` (see the module docstring).

    It is searched first in a band of ``NARROW`` around the diagonal (a sixth of the
    cells: a typist's copy rarely strays more than a few characters), and over the whole
    ``BAND`` only when the best found there could be beaten outside it. A path that
    strays ``k`` characters off the diagonal makes at least ``k`` gaps (and, to end on
    the last character of both, as many back towards the end's offset ``d``): leaving
    the narrow band costs more than ``NARROW`` errors with an open end and more than
    ``2 × NARROW + |d|`` otherwise. A best within that many errors is therefore the best
    of the whole band, with the same tie-breaks (every path of the narrow band is one of
    the whole band's, so their cells hold the same packed figures)."""
    if open_end:
        original = original[: len(typed) + BAND]
    n, m = len(original), len(typed)
    offset = 0 if open_end else abs(n - m)
    bits = (n + m + 1).bit_length()
    if NARROW < BAND:
        end = _best_end(original, typed, open_end, NARROW + offset)
        if end >> (3 * bits) <= (NARROW if open_end else 2 * NARROW + offset):
            return _unpack(end, bits, min(n, m))
    end = _best_end(original, typed, open_end, BAND + offset)
    if end >> (3 * bits) >= _INF:  # outside the band: count it all as errors
        return Alignment(0, min(n, m), max(0, n - m), max(0, m - n))
    return _unpack(end, bits, min(n, m))


def _best_end(original: str, typed: str, open_end: bool, band: int) -> int:
    """The packed cell (below) of the best alignment within ``band`` of the diagonal:
    ending on the last character of both, or with ``open_end`` on the last typed one;
    its errors are ``_INF`` or more when no such end lies within the band."""
    n, m = len(original), len(typed)
    # A cell packs (errors, -correct, gaps, missing) into one integer whose order is that
    # of the tuple: errors in the top bits, then the correct characters counted down from
    # ``most`` (no field can go negative or overflow into the next: a path has at most
    # n + m steps and min(n, m) matches). Wrong and extra follow from these four
    # (wrong = errors - gaps, extra = gaps - missing), so the order also breaks ties as
    # the module docstring says. One integer per cell keeps the inner loop to a few
    # additions and comparisons: a long passage is aligned in a fraction of the time.
    bits = (n + m + 1).bit_length()
    gap_unit = 1 << bits
    correct_unit = gap_unit << bits
    error_unit = correct_unit << bits
    most = min(n, m)
    zero = most * correct_unit
    far = _INF * error_unit + zero
    missing_step = error_unit + gap_unit + 1  # original[i-1] left out
    extra_step = error_unit + gap_unit  # typed[j-1] with no counterpart
    wrong_step = error_unit  # typed[j-1] in place of original[i-1]
    # row i holds original[:i] against typed[:j] for j in [lo, hi], the band around i;
    # ``prev`` ends with a ``far`` past its last cell (outside the band)
    prev_lo = 0
    prev = [zero + j * extra_step for j in range(min(m, band) + 1)]
    best_end = prev[m] if m < len(prev) else far
    prev.append(far)
    # with an open end, rows past ``m + band`` hold no cell of the band (none otherwise:
    # the band is at least ``|n - m|`` wide there)
    for i in range(1, (min(n, m + band) if open_end else n) + 1):
        ch = original[i - 1]
        lo, hi = max(0, i - band), min(m, i + band)
        row: list[int] = []
        append = row.append
        if lo == 0:  # typed[:0]: every original character so far missing
            left = prev[0] + missing_step
            append(left)
            start = 1
        else:
            left = far
            start = lo
        # for each j in [start, hi]: the cell above (j) and the diagonal one (j - 1)
        offset = start - prev_lo
        for up, diag, typed_ch in zip(
            prev[offset : hi - prev_lo + 1],
            prev[offset - 1 : hi - prev_lo],
            typed[start - 1 : hi],
            strict=True,
        ):
            cell = up + missing_step
            extra = left + extra_step
            if extra < cell:  # noqa: PLR1730 - min() costs a call per cell here
                cell = extra
            pair = diag - correct_unit if typed_ch == ch else diag + wrong_step
            if pair < cell:  # noqa: PLR1730 - as above
                cell = pair
            append(cell)
            left = cell
        if open_end and hi == m and row[-1] < best_end:
            best_end = row[-1]
        row.append(far)
        prev, prev_lo = row, lo
    return best_end if open_end else (prev[m - prev_lo] if m - prev_lo < len(prev) - 1 else far)


def _unpack(cell: int, bits: int, most: int) -> Alignment:
    """The counts a packed cell (see ``align``) stands for."""
    mask = (1 << bits) - 1
    errors = cell >> (3 * bits)
    missing = cell & mask
    gaps = (cell >> bits) & mask
    correct = most - ((cell >> (2 * bits)) & mask)
    return Alignment(correct, errors - gaps, missing, gaps - missing)
