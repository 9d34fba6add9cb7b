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


# A cell: (errors, -correct, gaps, wrong, missing, extra); tuples compare by errors first,
# then by more correct characters, then by fewer gaps (a substitution before an extra and
# a missing character of the same cost).
_Cell = tuple[int, int, int, int, int, int]
_FAR: _Cell = (_INF, 0, 0, 0, 0, 0)


def align(original: str, typed: str, *, open_end: bool = False) -> Alignment:
    """The best alignment of ``typed`` against ``original`` (see the module docstring)."""
    if open_end:
        original = original[: len(typed) + BAND]
    n, m = len(original), len(typed)
    band = BAND + (0 if open_end else abs(n - m))
    # row i: original[:i] against typed[:j], for j within the band around i
    prev: dict[int, _Cell] = {j: (j, 0, j, 0, 0, j) for j in range(min(m, band) + 1)}
    best_end: _Cell = prev.get(m, _FAR)
    for i in range(1, n + 1):
        row: dict[int, _Cell] = {}
        ch = original[i - 1]
        for j in range(max(0, i - band), min(m, i + band) + 1):
            up = prev.get(j, _FAR)  # original[i-1] missing
            cand: _Cell = (up[0] + 1, up[1], up[2] + 1, up[3], up[4] + 1, up[5])
            if j:
                left = row.get(j - 1, _FAR)  # typed[j-1] extra
                extra: _Cell = (left[0] + 1, left[1], left[2] + 1, left[3], left[4], left[5] + 1)
                cand = min(cand, extra)
                diag = prev.get(j - 1, _FAR)
                if typed[j - 1] == ch:
                    match: _Cell = (diag[0], diag[1] - 1, diag[2], diag[3], diag[4], diag[5])
                else:
                    match = (diag[0] + 1, diag[1], diag[2], diag[3] + 1, diag[4], diag[5])
                cand = min(cand, match)
            row[j] = cand
        prev = row
        if open_end and m in row:
            best_end = min(best_end, row[m])
    end = best_end if open_end else prev.get(m, _FAR)
    if end[0] >= _INF:  # outside the band: count it all as errors
        return Alignment(0, min(n, m), max(0, n - m), max(0, m - n))
    return Alignment(-end[1], end[3], end[4], end[5])
