"""Cash counting with seeded defects: the contest rules on hand-built bundles (a missed
defect voids the bundle), seeded bundles and how their notes are drawn, a scripted run
with hand-computed figures, replay, and pack problems."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from drill_helpers import MS, Typist, build_definition
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.currency import builtin_currency
from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.cash_bundle import (
    Bundle,
    BundleNote,
    DefectKind,
    DefectPlan,
    draw_bundle,
    judge_bundle,
)
from svctrainer.core.drills.cash_counting import Phase
from svctrainer.core.drills.registry import replay, result_from_dict, start_run
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, PAGE_DOWN, SPACE, TAB, KeyEvent
from svctrainer.core.packs.definition import Mode
from svctrainer.core.packs.loader import check_pack_bytes, check_pack_file

D = Decimal
DRILLS = Path(__file__).resolve().parents[3] / "drills"
CNY = builtin_currency("CNY")
assert CNY is not None
NOTE = {d.value: d for d in CNY.notes}
W, U, C = DefectKind.WRONG_DENOMINATION, DefectKind.UNFIT, DefectKind.COUNTERFEIT
FLAG_KEY = {W: "w", U: "u", C: "c"}


def hand_bundle() -> Bundle:
    """Ten ¥100 notes: #2 is a ¥50, #5 is torn, #7 lacks its thread."""
    notes = []
    for i in range(10):
        if i == 2:
            notes.append(BundleNote(NOTE[D(50)], W, None, None, f"S{i}"))
        elif i == 5:
            notes.append(BundleNote(NOTE[D(100)], U, "tear", None, f"S{i}"))
        elif i == 7:
            notes.append(BundleNote(NOTE[D(100)], C, None, "thread", f"S{i}"))
        else:
            notes.append(BundleNote(NOTE[D(100)], None, None, None, f"S{i}"))
    return Bundle(NOTE[D(100)], tuple(notes))


def report(**counts: int) -> dict[Decimal, int]:
    """Every CNY note field; ``report(n100=8, n50=1)``."""
    return {d.value: counts.get(f"n{d.value:.0f}", 0) for d in CNY.notes}


# -- the contest rules --------------------------------------------------------------------------
def test_expected_counts_exclude_counterfeits_and_keep_unfit_notes():
    # 10 notes: 7 sound ¥100 + 1 torn ¥100 = 8; the ¥50 counts as ¥50; the counterfeit nowhere
    assert hand_bundle().expected_counts([D(100), D(50), D(20)]) == {D(100): 8, D(50): 1, D(20): 0}


def test_every_defect_found_and_the_right_count_is_clean():
    j = judge_bundle(hand_bundle(), {2: W, 5: U, 7: C}, report(n100=8, n50=1))
    assert (j.clean, j.void, j.errors, j.credited_notes) == (True, False, 0, 10)


def test_a_missed_defect_voids_the_bundle():
    j = judge_bundle(hand_bundle(), {2: W, 7: C}, report(n100=8, n50=1))
    assert (j.missed, j.void, j.errors, j.credited_notes, j.clean) == ((5,), True, 0, 0, False)


def test_without_voiding_a_missed_defect_is_one_error():
    j = judge_bundle(hand_bundle(), {2: W, 7: C}, report(n100=8, n50=1), void_on_missed=False)
    assert (j.void, j.errors, j.credited_notes) == (False, 1, 0)  # 10 - 1 × 10
    j = judge_bundle(
        hand_bundle(), {2: W, 7: C}, report(n100=8, n50=1), void_on_missed=False, penalty=3
    )
    assert j.credited_notes == 7  # 10 - 1 × 3


def test_misclassified_false_flags_and_wrong_counts_are_errors():
    j = judge_bundle(
        hand_bundle(),
        {0: U, 2: U, 5: U, 7: C},  # #0 is sound; #2 is a wrong denomination, not unfit
        report(n100=9, n50=1),  # the counterfeit was counted as a ¥100
        penalty=2,
    )
    assert (j.misclassified, j.false_flags, j.wrong_counts) == ((2,), (0,), (D(100),))
    assert (j.void, j.errors, j.credited_notes) == (False, 3, 4)  # 10 - 3 × 2
    data = j.to_dict()
    assert data["reported"]["100"] == 9
    assert data["expected"]["100"] == 8
    assert data["seeded"] == {"2": "wrong_denomination", "5": "unfit", "7": "counterfeit"}


def test_credited_notes_never_go_below_zero():
    j = judge_bundle(hand_bundle(), {2: W, 5: U, 7: C}, report(n100=1, n50=2, n20=3), penalty=10)
    assert (j.errors, j.credited_notes) == (3, 0)


# -- drawing bundles ------------------------------------------------------------------------------
def test_drawn_bundles_hold_the_planned_defects_at_distinct_places():
    plan = DefectPlan((1, 1), (1, 2), (0, 1))
    rng = SeededRandom(3)
    kinds_seen: Counter[str] = Counter()
    for _ in range(100):
        bundle = draw_bundle(rng, CNY, (NOTE[D(100)], NOTE[D(50)]), 20, plan)
        assert len(bundle.notes) == 20
        seeded = bundle.seeded
        counts = Counter(seeded.values())
        assert counts[W] == 1
        assert 1 <= counts[U] <= 2
        assert counts[C] <= 1
        for i, note in enumerate(bundle.notes):
            layers = note.visual.layers
            if note.defect is W:
                assert note.denomination != bundle.main
                assert layers[1:] == ("feature-watermark.svg", "feature-thread.svg")
            else:
                assert note.denomination == bundle.main
            if note.defect is U:
                assert layers[-1] in ("overlay-tear.svg", "overlay-stain.svg")
                kinds_seen[layers[-1]] += 1
            if note.defect is C:
                assert len(layers) == 2  # one security feature is missing
                assert f"feature-{note.missing}.svg" not in layers
                kinds_seen[note.missing] += 1
            if note.defect is None:
                assert layers == (bundle.main.image, "feature-watermark.svg", "feature-thread.svg")
            assert i in seeded or note.defect is None
            assert note.visual.label is None  # built-in artwork carries its numerals
    assert set(kinds_seen) == {"overlay-tear.svg", "overlay-stain.svg", "thread", "watermark"}


# -- a scripted run --------------------------------------------------------------------------------
PACK = """\
format = 1
id = "cc"
type = "cash_counting"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 1
hints = false
[scoring]
reference_speed = 120
[generator]
currency = "CNY"
bundle_size = 10
"""


def count_bundle(typist: Typist, run, *, skip: DefectKind | None = None) -> None:
    """Count the bundle shown, flagging each defect (except ``skip``), then report the
    right counts: 12 + flags + digit strokes, 500 ms apart."""
    bundle = run.bundle
    for note in bundle.notes:
        if note.defect is not None and note.defect is not skip:
            typist.key(FLAG_KEY[note.defect], 500)
        typist.key(SPACE, 500)
    assert run.view().phase is Phase.REPORT
    expected = bundle.expected_counts([d.value for d in CNY.notes])
    for d in CNY.notes:
        if expected[d.value]:
            typist.type(str(expected[d.value]), every_ms=500)
        typist.key(TAB, 500)


def test_a_clean_bundle_with_hand_computed_figures():
    definition = build_definition(PACK)
    run = start_run(definition, Mode.PRACTICE, seed=4)
    view = run.view()
    assert (view.phase, view.note_index, view.bundle_size, view.main.value) == (
        Phase.COUNTING,
        0,
        10,
        D(100),
    )
    assert view.hint is None
    assert view.flag_keys == (("w", W), ("u", U), ("c", C))
    assert [f.denomination.value for f in view.report] == [D(v) for v in (100, 50, 20, 10, 5, 1)]
    typist = Typist(run, start_ms=1000)
    count_bundle(typist, run)
    result = run.result()
    # 10 notes + 3 flags + 2 digits ("8" and "1") + 6 Tabs = 21 strokes, 500 ms apart
    assert (result.strokes, result.active_ms, result.ended_by) == (21, 10_000, "items")
    assert result.speed == 60.0  # 10 credited notes × 60 000 / 10 000
    assert result.details.to_dict()["gross_notes_per_min"] == 60.0
    assert result.accuracy == 1.0
    assert result.score == 50.0  # 100 × 60 / 120
    assert (result.details.bundles_clean, result.details.bundles_void) == (1, 0)
    assert result.details.to_dict()["bundles"][0]["ms"] == 10_000
    assert replay(definition, Mode.PRACTICE, result.seed, run.events) == result


def test_a_missed_defect_voids_the_run_figures():
    definition = build_definition(PACK)
    run = start_run(definition, Mode.PRACTICE, seed=4)
    count_bundle(Typist(run, start_ms=1000), run, skip=U)
    result = run.result()
    # 10 notes + 2 flags + 2 digits + 6 Tabs = 20 strokes: 9500 ms
    assert (result.strokes, result.active_ms) == (20, 9500)
    assert result.speed == 0.0  # nothing credited
    assert result.details.to_dict()["gross_notes_per_min"] == 63.2  # 10 × 60 000 / 9500
    assert (result.accuracy, result.score) == (0.0, 0.0)
    assert result.details.to_dict()["missed_defects"] == 1
    assert result.details.to_dict()["bundles"][0]["void"] is True


def test_every_key_of_the_counting_screen():
    text = PACK.replace("hints = false", "hints = true")
    run = start_run(build_definition(text), Mode.PRACTICE, seed=4)
    seeded = run.bundle.seeded
    t = Typist(run, start_ms=1000)
    assert run.feed(KeyEvent(t.now_ns(1), BACKSPACE)).verdict is Verdict.IGNORED  # no flag
    assert run.feed(KeyEvent(t.now_ns(2), ENTER)).verdict is Verdict.IGNORED  # not while counting
    t.key("W")  # shifted letters work
    assert run.view().note.flag is W
    t.key("flag:unfit")  # a click on a flag button replaces the kind
    assert run.view().flags == ((0, U),)
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    assert run.view().flags == ()
    assert run.feed(KeyEvent(t.now_ns(1), "flag:bogus")).verdict is Verdict.IGNORED
    t.key(PAGE_DOWN)
    t.key("note:next")
    view = run.view()
    assert (view.note_index, view.note.index) == (2, 2)
    assert view.hint == seeded.get(2)
    for _ in range(8):
        t.key(SPACE)
    assert run.view().phase is Phase.REPORT
    assert run.view().note is None
    t.type("12345")  # at most 4 digits per field
    assert run.view().report[0].typed == "1234"
    t.key(TAB)
    t.key(BACKSPACE)  # empty field: back to the previous one
    assert run.view().report_index == 0
    t.key(BACKSPACE)
    assert run.view().report[0].typed == "123"
    t.key("field:5")
    t.key("7")
    assert (run.view().report_index, run.view().report[5].typed) == (5, "7")
    assert run.feed(KeyEvent(t.now_ns(1), "field:9")).verdict is Verdict.IGNORED
    assert t.key(ENTER).finished
    judged = run.result().details.to_dict()["bundles"][0]
    assert judged["reported"] == {"100": 123, "50": 0, "20": 0, "10": 0, "5": 0, "1": 7}
    assert judged["missed"] == sorted(seeded)


def test_time_limit_leaves_the_open_bundle_uncredited():
    text = PACK.replace("item_count = 1", "time_limit_s = 3")
    run = start_run(build_definition(text), Mode.PRACTICE, seed=4)
    t = Typist(run, start_ms=0)
    for _ in range(5):
        t.key(SPACE, 400)
    run.tick(t.now_ns(2000))
    result = run.result()
    assert (result.ended_by, result.active_ms) == ("time_limit", 3000)
    assert result.details.to_dict()["notes_counted"] == 5
    assert result.speed == 0.0
    assert result.details.to_dict()["gross_notes_per_min"] == 100.0  # 5 × 60 000 / 3000
    assert result.details.to_dict()["bundles_done"] == 0


# -- replay ---------------------------------------------------------------------------------------
KEYS = [
    SPACE,
    SPACE,
    SPACE,
    "w",
    "u",
    "c",
    BACKSPACE,
    TAB,
    ENTER,
    "3",
    "0",
    "note:next",
    "field:2",
    "x",
    "field:²",  # a superscript two is a digit to str.isdigit, not to int()
    "flag:",
]
actions = st.lists(
    st.one_of(
        st.tuples(st.just("key"), st.sampled_from(KEYS)),
        st.tuples(st.just("wait"), st.integers(0, 9000)),
        st.tuples(st.sampled_from(["pause", "resume", "tick"]), st.just("")),
    ),
    max_size=120,
)


@settings(max_examples=50, deadline=None)
@given(script=actions, seed=st.integers(0, 2**63 - 1))
def test_replay_reproduces_the_result_exactly(script, seed):
    definition = build_definition(PACK.replace("item_count = 1", "item_count = 3"))
    run = start_run(definition, Mode.PRACTICE, seed=seed)
    t = 1000 * MS
    for action, arg in script:
        t += arg * MS if action == "wait" else 91 * MS
        if action == "pause":
            run.pause(t)
        elif action == "resume":
            run.resume(t)
        elif action == "tick":
            run.tick(t)
        elif action == "key":
            run.feed(KeyEvent(t, arg, arg if len(arg) == 1 else ""))
    stored = run.result()
    as_json = json.loads(json.dumps(stored.to_dict()))
    assert result_from_dict(as_json) == stored
    assert replay(definition, Mode.PRACTICE, as_json["seed"], run.events) == stored


# -- pack problems ----------------------------------------------------------------------------
BASE = PACK + "bundle_denominations = [100, 50]\nunfit = [1, 2]\n"  # lines 15 and 16


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BASE.replace("[100, 50]", "[100, 0.5]"), "p.toml:15:30: 0.5 is not a note of CNY"),
        (BASE.replace("[100, 50]", "[100, 30]"), "p.toml:15:30: 30 is not a note of CNY"),
        (
            BASE.replace("[100, 50]", "[]"),
            "p.toml:15:1: write a non-empty array of face values of notes",
        ),
        (
            BASE.replace("bundle_size = 10", "bundle_size = 5"),
            "p.toml:14:1: generator.bundle_size must be at least 10, not 5",
        ),
        (
            BASE.replace("unfit = [1, 2]", "unfit = [1, 9]"),
            "p.toml:16:13: generator.unfit[1] must be at most 5, not 9",
        ),
        (
            BASE.replace("unfit = [1, 2]", "unfit = [4, 4]"),
            "p.toml:14:1: a bundle of 10 notes cannot hold up to 6 defects",
        ),
        (
            BASE.replace("unfit = [1, 2]", "unfti = [1, 2]"),
            "p.toml:16:1: unknown key 'unfti' in [generator] (did you mean 'unfit'?)",
        ),
        (
            BASE + "[[items]]\nx = 1\n",
            "p.toml:17:3: cash-counting packs generate their bundles; remove [[items]]",
        ),
        (
            BASE.replace("reference_speed = 120", "void_on_missed_defect = 1"),
            "p.toml:11:1: scoring.void_on_missed_defect must be true or false",
        ),
        (
            BASE + '[[grades]]\nname = "X"\nmin_notes_per_min = 3000\n',
            "p.toml:19:1: grades[0].min_notes_per_min must be at most 2000",
        ),
        (
            BASE.replace(
                'currency = "CNY"',
                'currency = "XTS"\n[[generator.denominations]]\nvalue = 1\nkind = "note"',
            ).replace("bundle_denominations = [100, 50]\n", ""),
            "p.toml:12:2: XTS has only one note, so no note of another denomination",
        ),
    ],
)
def test_each_problem_points_at_the_offending_key(text, expected):
    definition, problems = check_pack_bytes("p.toml", text.encode())
    found = [str(p) for p in problems]
    assert definition is None
    assert any(p.startswith(expected) for p in found), found


# -- shipped packs ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [f"cash-counting-{m}.{lang}.toml" for m in ("practice", "test") for lang in ("en", "zh")],
)
def test_shipped_pack_loads_and_a_perfect_count_reaches_the_top_grade(name):
    definition, problems = check_pack_file(DRILLS / name)
    assert problems == []
    assert definition is not None
    mode = Mode.TEST if "-test." in name else Mode.PRACTICE
    run = start_run(definition, mode, seed=8)
    currency = definition.content.currency
    typist = Typist(run, start_ms=1000)
    while not run.finished:
        bundle = run.bundle
        for note in bundle.notes:
            if note.defect is not None:
                typist.key(FLAG_KEY[note.defect], 150)
            typist.key(SPACE, 250)
        expected = bundle.expected_counts([d.value for d in currency.notes])
        for d in currency.notes:
            typist.type(str(expected[d.value]) if expected[d.value] else "", every_ms=200)
            typist.key(TAB, 200)
    result = run.result()
    assert (result.valid, result.accuracy, result.details.bundles_void) == (True, 1.0, 0)
    assert result.grade in ("Expert", "能手")


# -- bundles that make the teller count (unknown size, a random number and kind of defects) ----
def _fingerprint(bundles) -> str:
    import hashlib

    text = repr(
        [
            (b.main.value, [(n.denomination.value, n.defect, n.overlay, n.missing, n.serial)
                            for n in b.notes])
            for b in bundles
        ]
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def test_a_fixed_size_and_per_kind_plan_draw_the_bundles_they_always_drew():
    """Packs written before sizes and totals keep their bundles, so their stored attempts
    replay exactly: three bundles of seed 11, pinned."""
    rng = SeededRandom(11)
    mains = (NOTE[D(100)], NOTE[D(50)])
    bundles = [draw_bundle(rng, CNY, mains, 100, DefectPlan()) for _ in range(3)]
    assert _fingerprint(bundles) == "8ca788b382f347c2"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**63 - 1))
def test_shipped_test_bundles_are_of_unknown_size_with_0_to_3_defects_of_any_kind(seed):
    definition, _ = check_pack_file(DRILLS / "cash-counting-test.en.toml")
    run = start_run(definition, Mode.TEST, seed=seed)
    for index in range(2):
        bundle = run.bundles.item(index)
        assert 98 <= len(bundle.notes) <= 102
        assert 0 <= len(bundle.seeded) <= 3
        assert len(set(bundle.seeded)) == len(bundle.seeded)  # distinct notes


def test_sizes_and_defects_come_from_the_same_even_distribution_for_every_form():
    """Equal forms by construction: every size of the range, every number of defects
    0..3 and every kind about equally often over many bundles (seeds)."""
    definition, _ = check_pack_file(DRILLS / "cash-counting-test.zh.toml")
    sizes: Counter[int] = Counter()
    totals: Counter[int] = Counter()
    kinds: Counter[DefectKind] = Counter()
    for seed in range(600):
        bundle = start_run(definition, Mode.TEST, seed=seed).bundles.item(0)
        sizes[len(bundle.notes)] += 1
        totals[len(bundle.seeded)] += 1
        kinds.update(bundle.seeded.values())
    assert sorted(sizes) == [98, 99, 100, 101, 102]
    assert min(sizes.values()) > 600 / 5 * 0.7
    assert sorted(totals) == [0, 1, 2, 3]
    assert min(totals.values()) > 600 / 4 * 0.7
    assert set(kinds) == set(DefectKind)
    assert min(kinds.values()) > sum(kinds.values()) / 3 * 0.7


def test_a_count_of_the_drawn_size_is_right_and_one_off_is_wrong():
    definition, _ = check_pack_file(DRILLS / "cash-counting-test.en.toml")
    run = start_run(definition, Mode.TEST, seed=21)
    bundle = run.bundle
    values = [d.value for d in definition.content.currency.notes]
    expected = bundle.expected_counts(values)
    flags = dict(bundle.seeded)
    right = judge_bundle(bundle, flags, expected)
    assert right.clean
    off = dict(expected)
    off[bundle.main.value] = 100 if expected[bundle.main.value] != 100 else 99
    assert judge_bundle(bundle, flags, off).wrong_counts == (bundle.main.value,)


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            ("unfit = [1, 2]", "unfit = [1, 2]\ndefects = [0, 3]"),
            "p.toml:16:1: give either defects (a total, each of a random kind) or a count per"
            " kind, not both",
        ),
        (
            ("unfit = [1, 2]\n", 'defects = [0, 2]\ndefect_kinds = ["unfit", "torn"]\n'),
            "p.toml:17:26: 'torn' is not a defect kind",
        ),
        (("unfit = [1, 2]\n", 'defect_kinds = ["unfit"]\n'), "p.toml:16:1: defect_kinds needs"),
        (("bundle_size = 10", "bundle_size = [8, 12]"), "p.toml:14:16: generator.bundle_size[0]"),
    ],
)
def test_total_and_size_range_problems_are_located(replace, expected):
    text = BASE.replace(*replace)
    assert text != BASE
    definition, problems = check_pack_bytes("p.toml", text.encode())
    found = [str(p) for p in problems]
    assert definition is None
    assert any(p.startswith(expected) for p in found), found
