"""Text entry (汉字录入, copy typing): committed characters are marked against the passage
as a contest marks them, in the unit the pack states."""

from __future__ import annotations

import pytest
from drill_helpers import Typist, build_definition
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.edit_distance import edit_distance
from svctrainer.core.drills.registry import replay, start_run
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.drills.text_alignment import BAND, NARROW, Alignment, align
from svctrainer.core.drills.text_entry import TEXT_ENTRY, normalise_passage
from svctrainer.core.keystrokes import BACKSPACE, IME
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, load_pack

texts = st.text(alphabet="银行存款利率账户的地得。，", max_size=60)


# -- marking ------------------------------------------------------------------------------


@given(texts, texts)
def test_errors_are_the_edit_distance_and_every_character_is_accounted_for(original, typed):
    marked = align(original, typed)
    assert marked.errors == edit_distance(original, typed)
    assert marked.correct + marked.wrong + marked.extra == len(typed)
    assert marked.correct + marked.wrong + marked.missing == len(original)


@given(texts, st.integers(0, 60))
def test_a_passage_cut_short_is_not_missing_its_tail(original, cut):
    typed = original[:cut]
    marked = align(original, typed, open_end=True)
    assert (marked.correct, marked.errors) == (len(typed), 0)


@given(st.text(alphabet="abc", min_size=1, max_size=BAND), st.integers(0, 200))
def test_one_skipped_character_costs_one_error_not_the_rest_of_the_line(tail, at):
    original = "银行" * 100 + tail
    at %= len(original)
    typed = original[:at] + original[at + 1 :]
    assert align(original, typed).errors == 1


def test_the_kinds_of_error_are_told_apart():
    assert align("中国人民银行", "中国人银行").missing == 1
    assert align("中国人民银行", "中国人名银行").wrong == 1
    assert align("中国人民银行", "中国人民民银行").extra == 1


def test_as_many_characters_typed_as_there_are_are_wrong_characters_not_extras():
    """ "12 " typed against 尊敬的: three characters in place of three, not three extras
    beside three missing (or, on an open end, three extras and nothing reached)."""
    assert align("尊敬的", "12 ") == Alignment(0, 3, 0, 0)
    assert align("尊敬的客户", "12 ", open_end=True) == Alignment(0, 3, 0, 0)
    assert align("尊敬的客户", "尊12 户") == Alignment(2, 3, 0, 0)


@given(st.text("ab中", max_size=8), st.text("ab中1", max_size=8))
def test_among_the_fewest_errors_the_fewest_gaps_are_chosen(original, typed):
    marked = align(original, typed)
    gaps = marked.missing + marked.extra
    assert gaps >= abs(len(original) - len(typed))
    if len(original) == len(typed) and marked.correct == 0:
        assert gaps == 0


def _plain_align(original: str, typed: str, open_end: bool) -> tuple[int, int, int, int]:
    """The alignment as first written: a cell is the tuple (errors, -correct, gaps, wrong,
    missing, extra), compared as a tuple, over the same band. ``align`` packs a cell into
    one integer for speed and must choose exactly what this chooses."""
    far = (1 << 30, 0, 0, 0, 0, 0)
    if open_end:
        original = original[: len(typed) + BAND]
    n, m = len(original), len(typed)
    band = BAND + (0 if open_end else abs(n - m))
    prev = {j: (j, 0, j, 0, 0, j) for j in range(min(m, band) + 1)}
    best_end = prev.get(m, far)
    for i in range(1, n + 1):
        row: dict[int, tuple[int, ...]] = {}
        for j in range(max(0, i - band), min(m, i + band) + 1):
            up = prev.get(j, far)
            cells = [(up[0] + 1, up[1], up[2] + 1, up[3], up[4] + 1, up[5])]
            if j:
                left = row.get(j - 1, far)
                cells.append((left[0] + 1, left[1], left[2] + 1, left[3], left[4], left[5] + 1))
                d = prev.get(j - 1, far)
                if typed[j - 1] == original[i - 1]:
                    cells.append((d[0], d[1] - 1, d[2], d[3], d[4], d[5]))
                else:
                    cells.append((d[0] + 1, d[1], d[2], d[3] + 1, d[4], d[5]))
            row[j] = min(cells)
        prev = row
        if open_end and m in row:
            best_end = min(best_end, row[m])
    end = best_end if open_end else prev.get(m, far)
    if end[0] >= far[0]:
        return (0, min(n, m), max(0, n - m), max(0, m - n))
    return (-end[1], end[3], end[4], end[5])


@st.composite
def copies(draw: st.DrawFn) -> tuple[str, str]:
    """A passage and a copy of it typed with slips: characters left out, typed twice,
    mistyped, and whole stretches repeated or skipped (drifting past the band's edge)."""
    original = draw(st.text(alphabet="银行存款ab 。", max_size=160))
    typed = list(original)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(typed)))
        kind = draw(st.sampled_from(["drop", "insert", "swap", "repeat", "skip"]))
        if kind == "drop" and at < len(typed):
            del typed[at]
        elif kind == "insert":
            typed.insert(at, draw(st.sampled_from("银存a1 ")))
        elif kind == "swap" and at < len(typed):
            typed[at] = draw(st.sampled_from("银存a1 "))
        elif kind == "repeat":
            typed[at:at] = typed[max(0, at - draw(st.integers(0, 2 * BAND))) : at]
        elif kind == "skip":
            del typed[at : at + draw(st.integers(0, 2 * BAND))]
    return original, "".join(typed)


@given(copies(), st.booleans())
def test_the_alignment_is_the_one_the_plain_tuple_search_finds(pair, open_end):
    original, typed = pair
    marked = align(original, typed, open_end=open_end)
    expected = _plain_align(original, typed, open_end)
    assert (marked.correct, marked.wrong, marked.missing, marked.extra) == expected


def test_a_copy_straying_about_the_narrow_bands_edge_is_aligned_as_over_the_whole_band():
    """``align`` searches a narrow band first and the whole band only when a better path
    could lie outside it: around that edge (a stretch skipped, typed twice or moved
    further on, of every length up to past three times the narrow band) it must choose
    what the whole band's search chooses. The passage never repeats itself, so a copy
    shifted off the diagonal matches nothing there."""
    original = "".join(chr(0x4E00 + (i * i * 31 + i * 7) % 211) for i in range(64))
    for length in range(3 * NARROW + 3):
        skipped = original[:28] + original[28 + length :]
        repeated = original[:28] + original[28 - length : 28] + original[28:50]
        moved = original[:12] + original[12 + length : 44] + original[12 : 12 + length]
        for typed in (skipped, repeated, moved + original[44:]):
            for open_end in (False, True):
                marked = align(original, typed, open_end=open_end)
                expected = _plain_align(original, typed, open_end)
                got = (marked.correct, marked.wrong, marked.missing, marked.extra)
                assert got == expected, (length, typed, open_end)


# -- a run -----------------------------------------------------------------------------------

PACK = """
format = 1
id = "t"
type = "text_entry"
language = "{lang}"
title = "T"
instructions = "I"
[practice]
time_limit_s = 600
[scoring]
reference_speed = {ref}
{unit}
[[items]]
text = "{first}"
[[items]]
text = "{second}"
"""

FIRST = "存款人开立个人银行结算账户，应当出示本人有效身份证件。"
SECOND = "银行将按照账户实名制的要求核对证件信息。"


def zh_pack(unit=""):
    return build_definition(PACK.format(lang="zh", ref=100, unit=unit, first=FIRST, second=SECOND))


def test_committed_characters_are_strokes_and_a_passage_flows_into_the_next():
    definition = zh_pack()
    run = start_run(definition, Mode.PRACTICE, seed=0)
    # seed 0 happens to keep or swap the order; type whichever passage is shown first
    first, second = (p.text for p in run.passages)
    t = Typist(run, start_ms=0)
    assert t.key(IME, 1000, text=first[:4]).verdict is Verdict.CORRECT
    fb = t.key(IME, 1000, text="应")  # a wrong homophone
    assert fb.verdict is Verdict.WRONG
    assert run.state().wrong_positions == (4,)
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    t.key(IME, 1000, text=first[4:] + second[:3])  # runs past the end of the passage
    state = run.state()
    assert (state.item_index, state.typed) == (1, second[:3])
    t.key(IME, 1000, text=second[3:])
    assert run.finished
    result = run.result()
    d = result.details
    assert (d.correct, d.errors, d.passages_done) == (len(first) + len(second), 0, 2)
    assert d.typed_chars == len(first) + len(second) + 1
    assert d.corrections == 1
    assert [(m.expected, m.typed) for m in d.mistakes] == [(first[4], "应")]
    assert result.speed_unit == "cpm"
    assert result.speed == d.net_cpm


def test_net_speed_deducts_the_penalty_per_error_and_accuracy_counts_errors():
    definition = zh_pack()
    run = start_run(definition, Mode.PRACTICE, seed=0)
    first = run.passages[0].text
    t = Typist(run, start_ms=0)
    typed = first[:10] + "X" + first[11:15] + first[16:20]  # one wrong, one missing
    t.key(IME, 0, text=typed[0])
    t.key(IME, 60_000, text=typed[1:])  # one minute after the first character
    run.stop(t.at * 1_000_000)
    result = run.result()
    d = result.details
    assert (d.correct, d.wrong, d.missing, d.extra) == (18, 1, 1, 0)
    assert result.active_ms == 60_000
    assert d.net_cpm == 18 - 5 * 2  # net characters in one minute
    assert d.accuracy == round(18 / 20, 4)


def test_the_pack_states_its_unit_and_english_defaults_to_words_per_minute():
    en = build_definition(
        PACK.format(
            lang="en",
            ref=60,
            unit="",
            first="The quick brown fox jumps over the lazy dog.",
            second="Please bring a valid photo identity document.",
        )
    )
    assert TEXT_ENTRY.unit_of(en) == "wpm"
    assert TEXT_ENTRY.unit_of(zh_pack()) == "cpm"
    assert TEXT_ENTRY.unit_of(zh_pack('unit = "wpm"')) == "wpm"
    result = simulate(en, Mode.PRACTICE, Skill(stroke_ms=250), seed=1, behaviour_seed=1).result()
    assert result.speed_unit == "wpm"
    assert result.speed == result.details.net_wpm


def test_a_pack_without_passages_or_with_a_short_one_is_refused_where_it_is():
    text = PACK.format(lang="zh", ref=100, unit="", first="太短", second=SECOND)
    definition, problems = check_pack_bytes("p.toml", text.encode())
    assert definition is None
    assert any("20 to 2000 characters" in str(p) and ":" in str(p) for p in problems)


def test_lines_of_a_chinese_passage_join_without_a_gap():
    assert normalise_passage("第一行\n 第二行 \n", "zh") == "第一行第二行"
    assert normalise_passage("one\ntwo  three", "en") == "one two three"


@pytest.mark.parametrize(
    "name", ["text-entry-test.zh", "text-entry-practice.zh", "text-entry-test.en"]
)
def test_shipped_packs_play_and_replay_exactly(name):
    definition = load_pack(f"drills/{name}.toml")
    mode = next(iter(definition.modes))
    played = simulate(definition, mode, Skill(stroke_ms=300), seed=5, behaviour_seed=7)
    result = played.result()
    assert result.valid
    assert result.grade is not None
    assert replay(definition, mode, played.seed, played.events) == result
    if definition.language == "zh":
        assert all(
            ev.key == IME
            for ev in played.events
            if ev.key not in (BACKSPACE,) and not ev.key.startswith("<")
        )


@pytest.mark.parametrize(("band", "narrow"), [(2, 1), (3, 1), (4, 2), (5, 0)])
def test_the_narrow_band_first_chooses_as_the_whole_band_for_every_short_pair(
    band, narrow, monkeypatch
):
    """The narrow band's bound (``align``: a best within ``NARROW`` errors with an open
    end, ``2 × NARROW + |d|`` otherwise, is the whole band's) holds for any narrow band
    narrower than the whole: with both shrunk, every pair of passages of up to five
    characters of a two-letter alphabet strays past the narrow band's edge in every way,
    and must be aligned as the plain search over the whole band aligns it. (The
    passages of the tests above never reach a bound one too large.)"""
    import itertools

    from svctrainer.core.drills import text_alignment

    monkeypatch.setattr(text_alignment, "BAND", band)
    monkeypatch.setattr(text_alignment, "NARROW", narrow)
    monkeypatch.setitem(globals(), "BAND", band)  # ``_plain_align``'s band
    texts = ["".join(p) for k in range(6) for p in itertools.product("ab", repeat=k)]
    for original, typed in itertools.product(texts, texts):
        for open_end in (False, True):
            marked = align(original, typed, open_end=open_end)
            got = (marked.correct, marked.wrong, marked.missing, marked.extra)
            assert got == _plain_align(original, typed, open_end), (original, typed, open_end)
