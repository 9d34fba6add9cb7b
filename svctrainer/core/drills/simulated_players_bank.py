"""Simulated players for the five bank-teller drills (issue 4): voucher summing, amounts
in words, making change, cash counting and drawer balancing.

Each player reads the run's own state to know the right answer, then plays it as a
teller would, paced by ``Timing`` and making the drill's realistic kinds of mistake at
rates derived from ``Skill.error_rate`` (a per-keystroke slip rate, 0.003–0.1 in the
demo): a slipped digit that is usually noticed and corrected, a row misread, a missing
整 or 零, a change counted out in the wrong order, a defect overlooked, the voucher next
to the one that explains a difference. Every event goes through ``DrillRun.feed``, so a
simulated attempt is a real, replayable run (``registry.replay`` gives its result).

Pacing (``Skill.stroke_ms`` is the mean gap between keystrokes, ``think_ms`` the pause to
read a new item): reading a voucher amount, a customer, an amount in words or a day's
vouchers costs ``think_ms`` scaled by how much there is to read; Chinese capital
amounts are committed through the input method one or two characters at a time, each
character taking about five strokes of pinyin and choosing.
"""

from __future__ import annotations

from decimal import Decimal

from svctrainer.core.drills.amount_words_drill import TO_FIGURES, AmountWordsRun
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.cash_bundle import DefectKind
from svctrainer.core.drills.cash_counting import FLAG_EVENT, FLAG_KEYS, CashCountingRun, Phase
from svctrainer.core.drills.drawer_balancing import KIND_EVENT, KIND_KEYS, DrawerBalancingRun
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.making_change import MakingChangeRun
from svctrainer.core.drills.simulated_trainee import (
    MAX_EVENTS,
    NS_PER_MS,
    Timing,
    press,
    register_player,
)
from svctrainer.core.drills.voucher_summing import VoucherRun
from svctrainer.core.keystrokes import (
    BACKSPACE,
    ENTER,
    IME,
    PAGE_DOWN,
    PAGE_UP,
    SPACE,
    TAB,
    KeyEvent,
)

THINK_CAP_MS = 4_500.0
NOTICE_SLIP = 0.75  # share of slipped keys a trainee notices and corrects at once
NOTICE_SLIP_IN_WORDS = 0.9  # words are read back before Enter, so more slips are caught
_DIGIT_SLIPS = {
    "0": "19", "1": "024", "2": "135", "3": "26", "4": "157", "5": "2468",
    "6": "359", "7": "48", "8": "579", "9": "68",
}  # fmt: skip
_ZH_LOWER = {"壹": "一", "贰": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六"}
_ZH_UNITS = {"拾": "十", "佰": "百", "仟": "千"}
_EN_SPELLING = {"forty": "fourty", "ninety": "ninty", "thousand": "thousend", "eight": "eigth"}


class _Clock:
    """The shared bookkeeping of a player: time, the event budget and the stop rule."""

    def __init__(self, run: DrillRun, timing: Timing, max_active_ns: int) -> None:
        self.run = run
        self.timing = timing
        self.skill = timing.skill
        self.max_active_ns = max_active_ns
        self.events = 0

    @property
    def going(self) -> bool:
        run = self.run
        return not run.finished and run.active_ns < self.max_active_ns and self.events < MAX_EVENTS

    def key(self, key: str, text: str | None = None, mean_ms: float | None = None) -> None:
        """Press (and release) ``key`` after a gap of about ``mean_ms``."""
        t = self.timing.advance(self.skill.stroke_ms if mean_ms is None else mean_ms)
        press(self.run, t, key, text)
        self.events += 2

    def click(self, key: str, mean_ms: float | None = None) -> None:
        """A click on screen: one synthetic press, as the GUI feeds it."""
        t = self.timing.advance(self.skill.stroke_ms if mean_ms is None else mean_ms)
        self.run.feed(KeyEvent(t, key, "", True))
        self.events += 1

    def commit(self, text: str, mean_ms: float) -> None:
        """An input-method commit of ``text`` (the pinyin keys never reach the drill)."""
        t = self.timing.advance(mean_ms)
        self.run.feed(KeyEvent(t, IME, text, True))
        self.events += 1

    def think(self, factor: float = 1.0, cap_ms: float | None = THINK_CAP_MS) -> None:
        """Reading or working something out, ``think_ms`` × ``factor``. Capped at 4.5 s
        by default so the idle rule (over 5 s) does not take it; ``cap_ms=None`` for real
        head work (a practice run credits such a gap only 5 s, as for a person)."""
        ms = self.skill.think_ms * factor
        self.timing.t_ns += int((ms if cap_ms is None else min(ms, cap_ms)) * NS_PER_MS)

    def slip(self, scale: float = 1.0) -> bool:
        return self.timing.chance(min(0.9, self.skill.error_rate * scale))

    def pick(self, options: str) -> str:
        return options[self.timing.rng.below(len(options))]

    def type_digits(self, text: str) -> None:
        """Type ``text`` key by key; a slipped digit is usually noticed and corrected,
        otherwise it stays (a wrong amount)."""
        for ch in text:
            if not self.going:
                return
            if ch in _DIGIT_SLIPS and self.slip():
                self.key(self.pick(_DIGIT_SLIPS[ch]))
                if not self.timing.chance(NOTICE_SLIP):
                    continue
                self.key(BACKSPACE, "", self.skill.stroke_ms * 1.6)
            self.key(ch, ch)


# -- voucher summing ---------------------------------------------------------------------
def play_vouchers(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Flip to each voucher of the group, key the row's amount, Enter; Tab after the
    group. Mistakes: slipped digits, and now and then the amount of the row next to the
    one asked (a misread)."""
    if not isinstance(run, VoucherRun):
        raise TypeError("play_vouchers needs a voucher-summing run")
    c = _Clock(run, timing, max_active_ns)
    book = run.book
    while c.going:
        view = run.view()
        if view.entries_in_group >= view.group_size:
            c.key(TAB, "\t", c.skill.stroke_ms * 1.5)
            c.think(1.5)  # the next group: find its first voucher and row
            continue
        slot = book.slot(view.group_index, view.entries_in_group)
        ahead = (slot.page - run.page) % view.book_size
        flips = ahead if ahead <= view.book_size // 2 else view.book_size - ahead
        flip_key = PAGE_DOWN if ahead <= view.book_size // 2 else PAGE_UP
        for _ in range(flips):
            if not c.going:
                return
            c.key(flip_key, "", c.skill.stroke_ms * 0.8)
        row = slot.row
        if c.slip(0.3):  # the eye slips to a neighbouring row
            row = row + 1 if row < book.spec.rows else row - 1
        amount = book.voucher(slot.page)[row - 1]
        text = f"{amount:.{run.decimals}f}"
        if run.decimals and text.endswith(".00"):
            text = text[:-3]  # whole amounts are keyed without ".00", as at the counter
        c.think(0.5)
        c.type_digits(text)
        if c.going:
            c.key(ENTER, "")


# -- amounts in words --------------------------------------------------------------------
def _rule_mistake(expected: str, words: str, direction: str, c: _Clock) -> str:
    """The answer with one of the mistakes people really make in this direction."""
    if direction == TO_FIGURES:
        if expected.endswith("0") and "." in expected:
            return expected.rstrip("0").rstrip(".")  # not written to the cent
        i = c.timing.rng.below(len(expected))
        ch = expected[i]
        return expected[:i] + (c.pick(_DIGIT_SLIPS[ch]) if ch.isdigit() else "") + expected[i + 1 :]
    if words == "zh":
        options = []
        if expected.endswith("整"):
            options.append(expected[:-1])  # missing 整
        if "零" in expected:
            options.append(expected.replace("零", "", 1))  # 零 left out
        lowered = next((k for k in _ZH_LOWER if k in expected), None)
        if lowered:
            options.append(expected.replace(lowered, _ZH_LOWER[lowered], 1))  # 一 for 壹
        unit = next((k for k in _ZH_UNITS if k in expected), None)
        if unit:
            options.append(expected.replace(unit, _ZH_UNITS[unit], 1))  # 十 for 拾
        return c.timing.rng.choice(options) if options else expected + "整"
    options = []
    if "-" in expected:
        options.append(expected.replace("-", " ", 1))  # "twenty four"
    misspelt = next((w for w in _EN_SPELLING if w in expected), None)
    if misspelt:
        options.append(expected.replace(misspelt, _EN_SPELLING[misspelt], 1))
    head, _, cents = expected.rpartition(" and ")
    options.append(f"{head} and {int(cents[:2])}/100" if cents[:2] != "00" else head)
    return c.timing.rng.choice(options)


def play_amount_words(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Write each answer (Chinese through the input method), Enter. Mistakes: a rule
    broken (missing 整, 零 left out, 一 for 壹, 十 for 拾, "twenty four", "fourty", the
    cents not as NN/100, 1409.5 for 1409.50) and slips, mostly corrected."""
    if not isinstance(run, AmountWordsRun):
        raise TypeError("play_amount_words needs an amounts-in-words run")
    c = _Clock(run, timing, max_active_ns)
    words = run.content.words
    while c.going:
        item = run.item(run.index)
        if item is None:
            break
        c.think(2.0 + len(item.shown) / 8)
        answer = item.expected
        if c.slip(4.0):
            answer = _rule_mistake(answer, words, item.direction, c)
        if words == "zh" and item.direction != TO_FIGURES:
            _commit_chinese(c, answer)
        else:
            _type_text(c, answer)
        if c.going and run.answer.strip():
            c.key(ENTER, "")


def _commit_chinese(c: _Clock, answer: str) -> None:
    i = 0
    while i < len(answer) and c.going:
        size = 1 + c.timing.rng.below(2)
        chunk = answer[i : i + size]
        c.commit(chunk, c.skill.stroke_ms * 5 * len(chunk))
        i += len(chunk)


def _type_text(c: _Clock, answer: str) -> None:
    for ch in answer:
        if not c.going:
            return
        if ch.isalnum() and c.slip():
            wrong = c.pick(_DIGIT_SLIPS[ch]) if ch.isdigit() else _next_letter(ch)
            c.key(wrong, wrong)
            if c.timing.chance(NOTICE_SLIP_IN_WORDS):
                c.key(BACKSPACE, "", c.skill.stroke_ms * 1.6)
            else:
                continue
        c.key(SPACE if ch == " " else ch, ch)


def _next_letter(ch: str) -> str:
    """The key beside a letter (a slip), or "x" for letters outside a-z."""
    low = ch.lower()
    return chr((ord(low) - 97 + 1) % 26 + 97) if "a" <= low <= "z" else "x"


# -- making change -----------------------------------------------------------------------
def play_making_change(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Count the fewest pieces out smallest first (keys, or clicks on the drawer), Enter.
    Mistakes: two pieces in the wrong order, a piece broken into smaller ones (not the
    fewest), a wrong piece (wrong total), the last sometimes taken back with Backspace."""
    if not isinstance(run, MakingChangeRun):
        raise TypeError("play_making_change needs a making-change run")
    c = _Clock(run, timing, max_active_ns)
    slots = {s.denomination.cents: s for s in run.drawer}
    cents_list = sorted(slots)
    while c.going and run.current is not None:
        item = run.current
        c.think(4.0 + len(item.tendered))  # read the price and what was handed over
        c.think(5.0)  # work out the change: the count-up from the price
        best = fewest_pieces(int(item.change_due * 100), cents_list) or ()
        pieces = list(reversed(best))  # count-up order: smallest first
        if pieces and c.slip(0.8 * len(pieces)):
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


def _change_mistake(pieces: list[int], values: list[int], c: _Clock) -> list[int]:
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


# -- cash counting -----------------------------------------------------------------------
def play_cash_counting(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Count note by note (Space), flagging the defects seen (now and then one is
    overlooked or given the wrong kind), then report the genuine notes per denomination
    as counted, Tab after each field."""
    if not isinstance(run, CashCountingRun):
        raise TypeError("play_cash_counting needs a cash-counting run")
    c = _Clock(run, timing, max_active_ns)
    by_kind = {kind: key for key, kind in FLAG_KEYS.items()}
    while c.going and run.bundle is not None:
        bundle = run.bundle
        if run.phase is Phase.COUNTING:
            note = bundle.notes[run.note_index]
            if note.defect is not None and not c.slip(2.0):
                c.think(0.8)
                kind = note.defect
                if c.slip(2.0):
                    kind = c.timing.rng.choice([k for k in DefectKind if k is not note.defect])
                if c.timing.chance(0.25):
                    c.click(FLAG_EVENT + str(kind))
                else:
                    c.key(by_kind[kind], by_kind[kind])
            elif note.defect is None and c.slip(0.05):
                c.key("u", "u")  # a sound note taken for a stained one
                if c.timing.chance(0.5):
                    c.key(BACKSPACE, "", c.skill.stroke_ms * 1.5)
            c.key(SPACE, " ", c.skill.stroke_ms * 0.9)
            continue
        counts = _believed_counts(run)
        c.think(1.5)
        for value in (d.value for d in run.fields):
            if not c.going or run.phase is not Phase.REPORT:
                return
            count = counts.get(value, 0)
            if count:
                c.type_digits(str(count))
            if c.going:
                c.key(TAB, "\t")


def _believed_counts(run: CashCountingRun) -> dict[Decimal, int]:
    """What the trainee counted: flagged counterfeits withheld, notes flagged as another
    denomination counted at their face, every other note taken for the bundle's."""
    assert run.bundle is not None  # noqa: S101 - called in the report phase
    counts: dict[Decimal, int] = {}
    for index, note in enumerate(run.bundle.notes):
        flag = run.flags.get(index)
        if flag is DefectKind.COUNTERFEIT:
            continue
        value = (
            note.denomination.value
            if flag is DefectKind.WRONG_DENOMINATION
            else run.bundle.main.value
        )
        counts[value] = counts.get(value, 0) + 1
    return counts


# -- drawer balancing --------------------------------------------------------------------
def play_drawer_balancing(run: DrillRun, timing: Timing, max_active_ns: int) -> None:
    """Work out the difference (long head work), read down the vouchers one by one
    (Down, a few seconds on each; a second pass when skill is low), then select the one
    that explains it (typing its number, Up, or a click), name the error, Enter.
    Mistakes: the voucher next to it, or the wrong kind of error."""
    if not isinstance(run, DrawerBalancingRun):
        raise TypeError("play_drawer_balancing needs a drawer-balancing run")
    c = _Clock(run, timing, max_active_ns)
    kinds = {kind: key for key, kind in KIND_KEYS.items()}
    while c.going and run.puzzle is not None:
        puzzle = run.puzzle
        rows = len(puzzle.case.vouchers)
        c.think(90.0, cap_ms=None)  # opening + in − out against the count: the difference
        target, kind = puzzle.error.row, puzzle.error.kind
        if c.slip(4.0):
            if c.timing.chance(0.5):
                target = target + 1 if target + 1 < rows else target - 1
            else:
                kind = c.timing.rng.choice([k for k in kinds if k is not kind])
        if not _read_and_select(c, rows, target):
            return
        c.think(2.0)
        if c.timing.chance(0.2):
            c.click(KIND_EVENT + str(kind))
        else:
            c.key(kinds[kind], kinds[kind])
        if c.going and run.cursor is not None and run.kind is not None:
            c.key(ENTER, "")


def _read_and_select(c: _Clock, rows: int, target: int) -> bool:
    """Read the list top to bottom (once, or twice), then select row ``target``
    (0-based); False when the run ended on the way."""
    for _ in range(1 + int(c.slip(8.0))):
        c.key("Home", "")
        for _row in range(rows - 1):
            if not c.going:
                return False
            c.think(6.0)
            c.key("Down", "")
    how = c.timing.rng.below(10)
    if how < 5:
        for digit in str(target + 1):
            c.key(digit, digit)
    elif how < 8:
        for _ in range(rows - 1 - target):
            c.key("Up", "", c.skill.stroke_ms * 0.8)
    else:
        c.click(f"row:{target + 1}", c.skill.stroke_ms * 2)
    return c.going


register_player("voucher_summing", play_vouchers)
register_player("amount_words", play_amount_words)
register_player("making_change", play_making_change)
register_player("cash_counting", play_cash_counting)
register_player("drawer_balancing", play_drawer_balancing)
