"""The keyboard-drill engine: error policies, strokes, timing, validity, live state.

Every expected figure below is computed by hand in the comments from the typed script.
"""

from __future__ import annotations

from drill_helpers import MS, Typist, tenkey_pack

from svctrainer.core.drills.base import Verdict
from svctrainer.core.drills.registry import start_run
from svctrainer.core.keystrokes import BACKSPACE, ENTER, KeyEvent
from svctrainer.core.packs.definition import Mode


def practice_run(amounts=("12", "3"), **kwargs):
    return start_run(tenkey_pack(amounts, **kwargs), Mode.PRACTICE, seed=1)


# -- block -----------------------------------------------------------------------------


def test_block_policy_wrong_key_keeps_cursor():
    run = practice_run(policy="block")
    t = Typist(run, start_ms=0)
    fbs = t.type(["1", "3", "2", ENTER, "3", ENTER])
    assert [f.verdict for f in fbs] == [Verdict.CORRECT, Verdict.WRONG] + [Verdict.CORRECT] * 4
    assert fbs[1].expected == "2"
    assert run.finished
    r = run.result()
    d = r.details.to_dict()
    # strokes 6, correct 5 ('1','2',Enter,'3',Enter), wrong 1 ('3' for '2')
    assert (r.strokes, d["correct_strokes"], d["wrong_strokes"]) == (6, 5, 1)
    assert r.accuracy == 0.8333  # 5 / 6
    # first stroke at 250 ms, last at 1500 ms -> 1250 ms active
    assert r.active_ms == 1250
    assert d["gross_kph"] == 17280.0  # 6 × 3 600 000 / 1250
    assert d["uncorrected_errors"] == 0
    assert d["net_kph"] == 17280.0
    # correct characters: "12"+confirm = 3, "3"+confirm = 2 -> 5 in 1.25 s = 240 CPM, 48 WPM
    assert (d["correct_chars"], d["cpm"], d["wpm"]) == (5, 240.0, 48.0)
    assert d["mistakes"] == [
        {"item": 0, "field": "amount", "position": 1, "expected": "2", "typed": "3"}
    ]
    assert r.ended_by == "items"
    assert r.speed == d["net_kph"]
    assert r.speed_unit == "net_kph"


def test_block_policy_ignores_backspace_and_refuses_early_enter():
    run = practice_run(("12",), policy="block")
    t = Typist(run, start_ms=0)
    assert t.key("1").verdict is Verdict.CORRECT
    assert t.key(BACKSPACE).verdict is Verdict.IGNORED
    fb = t.key(ENTER)
    assert (fb.verdict, fb.expected) == (Verdict.WRONG, "2")
    assert run.state().typed == "1"
    t.type(["2", ENTER])
    r = run.result()
    assert (r.strokes, r.details.wrong_strokes, r.details.corrections) == (4, 1, 0)


# -- correct ---------------------------------------------------------------------------


def test_correct_policy_requires_backspace_before_going_on():
    run = practice_run(("12",), policy="correct")
    t = Typist(run, start_ms=0)
    assert t.key("1").verdict is Verdict.CORRECT
    assert t.key("3").verdict is Verdict.WRONG
    state = run.state()
    assert (state.typed, state.wrong_positions, state.expected_key) == ("13", (1,), BACKSPACE)
    assert state.needs_correction
    fb = t.key("4")
    assert (fb.verdict, fb.expected) == (Verdict.BLOCKED, BACKSPACE)
    assert t.key(ENTER).verdict is Verdict.BLOCKED  # cannot confirm a wrong field
    assert t.key(BACKSPACE).verdict is Verdict.CORRECTION
    assert run.state().typed == "1"
    t.type(["2", ENTER])
    r = run.result()
    d = r.details.to_dict()
    # strokes: 1 3 4 Enter BS 2 Enter = 7; correct: 1 2 Enter = 3; wrong: 3 4 = 2 (the
    # Enter on the already-wrong field is a stroke but not one more error: rules 2)
    assert (r.strokes, d["correct_strokes"], d["wrong_strokes"], d["corrections"]) == (7, 3, 2, 1)
    assert r.accuracy == 0.6  # Backspace and that Enter are neither correct nor wrong: 3 / 5
    assert d["uncorrected_errors"] == 0
    assert [(m["position"], m["expected"], m["typed"]) for m in d["mistakes"]] == [
        (1, "2", "3"),
        (2, BACKSPACE, "4"),
    ]
    assert d["key_stats"][BACKSPACE]["hits"] == 1
    assert d["key_stats"][BACKSPACE]["errors"] == 1  # the "4"; the Enter is no error
    assert d["key_stats"]["2"]["errors"] == 1


def test_backspace_may_delete_correct_characters_but_not_past_the_field():
    run = practice_run(("12", "3"), policy="correct")
    t = Typist(run, start_ms=0)
    t.type(["1", BACKSPACE, "1", "2", ENTER])
    assert t.key(BACKSPACE).verdict is Verdict.IGNORED  # empty field: nothing to delete
    assert run.state().item_index == 1
    r = run.result()
    assert (r.strokes, r.details.to_dict()["corrections"]) == (5, 1)


# -- free ------------------------------------------------------------------------------


def test_free_policy_keeps_errors_and_counts_edit_distance():
    run = practice_run(("123", "45"), policy="free", penalty=10)
    t = Typist(run, start_ms=0)
    fbs = t.type(["1", "4", "3", ENTER])  # substitution: 1 uncorrected error
    assert [f.verdict for f in fbs] == [
        Verdict.CORRECT,
        Verdict.WRONG,
        Verdict.CORRECT,
        Verdict.CORRECT,
    ]
    assert t.key(ENTER).verdict is Verdict.WRONG  # skipped "45": 2 missing characters
    assert run.finished
    r = run.result()
    d = r.details.to_dict()
    # strokes 5; correct: 1 3 Enter = 3; wrong: 4 and the early Enter = 2
    assert (r.strokes, d["correct_strokes"], d["wrong_strokes"]) == (5, 3, 2)
    assert d["uncorrected_errors"] == 3  # 1 + 2
    # correct characters: (3 - 1) + 0 for "143"; (2 - 2) + 0 for "" -> 2
    assert d["correct_chars"] == 2
    # active: 250 .. 1250 ms = 1000 ms; net strokes = max(0, 5 - 3 × 10) = 0
    assert r.active_ms == 1000
    assert d["net_kph"] == 0.0
    assert d["gross_kph"] == 18000.0
    fields = d["field_stats"]["amount"]
    assert (fields["confirmed"], fields["exact"], fields["uncorrected_errors"]) == (2, 0, 3)


def test_free_policy_skipped_digit_is_one_error_not_a_row():
    run = practice_run(("12345",), policy="free")
    Typist(run, start_ms=0).type(["1", "3", "4", "5", ENTER])
    assert run.result().details.to_dict()["uncorrected_errors"] == 1


def test_free_policy_backspace_corrects():
    run = practice_run(("123",), policy="free")
    Typist(run, start_ms=0).type(["1", "4", BACKSPACE, "2", "3", ENTER])
    d = run.result().details.to_dict()
    assert (d["strokes"], d["correct_strokes"], d["wrong_strokes"], d["corrections"]) == (
        6,
        4,
        1,
        1,
    )
    assert d["uncorrected_errors"] == 0
    assert d["correct_chars"] == 4  # 3 characters + the confirmation


def test_free_policy_caps_runaway_typing():
    run = practice_run(("1",), policy="free")
    t = Typist(run, start_ms=0)
    fbs = t.type(["9"] * 20, every_ms=50)
    assert fbs[-1].verdict is Verdict.BLOCKED
    assert len(run.state().typed) == 1 + 16


# -- strokes and events ------------------------------------------------------------------


def test_releases_modifiers_and_unused_keys_are_not_strokes():
    run = practice_run(("12",))
    for ev in [
        KeyEvent(1 * MS, "Shift", "", True),
        KeyEvent(2 * MS, "Escape", "\x1b", True),
        KeyEvent(3 * MS, "1", "1", False),
        KeyEvent(4 * MS, "Tab", "\t", True),  # Tab does not confirm a ten-key amount
    ]:
        assert run.feed(ev).verdict is Verdict.IGNORED
    state = run.state()
    assert (state.started, state.strokes) == (False, 0)
    assert len(run.events) == 4  # still logged, replay ignores them alike


def test_space_key_without_text_types_a_space():
    run = practice_run(("1",))
    assert run.feed(KeyEvent(0, "Space", "", True)).verdict is Verdict.WRONG


def test_latency_per_key_and_pair():
    run = practice_run(("12", "1"))
    t = Typist(run, start_ms=0)
    t.key("1", 100)
    t.key("2", 300)  # 300 ms after '1'
    t.key(ENTER, 200)
    t.key("1", 500)
    t.key(ENTER, 100)
    stats = run.result().details.to_dict()["key_stats"]
    assert stats["1"]["latency_samples"] == 1  # the very first stroke has no latency
    assert stats["1"]["mean_ms"] == 500.0
    assert stats["2"]["mean_ms"] == 300.0
    assert stats[ENTER]["mean_ms"] == 150.0  # (200 + 100) / 2
    pairs = run.result().details.to_dict()["bigram_stats"]
    assert pairs == {
        "12": {
            "hits": 1,
            "errors": 0,
            "latency_ns": 300 * MS,
            "latency_samples": 1,
            "mean_ms": 300.0,
        }
    }


# -- timing ------------------------------------------------------------------------------


def test_clock_starts_at_first_stroke_and_idle_gaps_count_at_most_5_s():
    run = practice_run(("123456",))
    t = Typist(run, start_ms=10_000)  # time before the first stroke never counts
    t.key("1", 0)
    t.key("2", 1000)
    assert not run.state(t.now_ns(4_999)).paused
    idle = run.state(t.now_ns(5_500))
    assert (idle.paused, idle.pause_reason) == (True, "idle")
    assert idle.active_ms == 1000 + 5000  # the clock stands still after 5 s
    t.key("3", 7000)  # a 7 s gap is credited as 5 s
    t.key("4", 1000)
    assert run.state().active_ms == 1000 + 5000 + 1000
    assert not run.state(t.now_ns(100)).paused
    stats = run.result().details.to_dict()["key_stats"]
    assert stats["3"]["latency_samples"] == 0  # a gap over 5 s is no latency sample


def test_explicit_pause_credits_nothing_and_ignores_keys():
    run = practice_run(("12345",))
    t = Typist(run, start_ms=0)
    assert not run.pause(t.now_ns())  # nothing to pause before the first key
    t.key("1", 0)
    t.key("2", 1000)
    assert run.pause(t.now_ns(2000))  # 2 s credited up to the pause
    assert run.state(t.now_ns(60_000)).pause_reason == "explicit"
    assert run.feed(KeyEvent(t.now_ns(30_000), "3", "3")).verdict is Verdict.IGNORED
    assert run.resume(t.now_ns(58_000))
    t.key("3", 59_000)  # 1 s after the resume
    assert run.state().active_ms == 1000 + 2000 + 1000
    stats = run.result().details.to_dict()["key_stats"]
    assert stats["3"]["latency_samples"] == 0  # spans a pause
    assert [e.key for e in run.events if e.key.startswith("<")] == ["<pause>", "<resume>"]


def test_pause_and_restart_are_practice_only():
    run = start_run(tenkey_pack(("12",), mode="test"), Mode.TEST)
    t = Typist(run, start_ms=0)
    t.key("1")
    assert not run.pause(t.now_ns(10))
    assert not run.restart()


def test_restart_starts_over_with_empty_log():
    run = practice_run(("12",))
    Typist(run, start_ms=0).type(["1", "2"])
    assert run.restart()
    assert (run.events, run.state().strokes, run.state().started) == ([], 0, False)


def test_time_limit_ends_between_keys_via_tick_at_exactly_the_limit():
    run = practice_run(("123456789",), time_limit_s=2)
    t = Typist(run, start_ms=0)
    t.type(["1", "2", "3"], every_ms=500)  # strokes at 500, 1000, 1500 ms: 1 s active
    assert not run.tick(t.now_ns(500)).finished  # 1.5 s active
    state = run.tick(t.now_ns(1200))  # would be 2.2 s
    assert state.finished
    r = run.result()
    assert (r.active_ms, r.ended_by, r.strokes) == (2000, "time_limit", 3)
    assert run.events[-1].key == "<timeup>"
    assert run.feed(KeyEvent(t.now_ns(2000), "4", "4")).verdict is Verdict.FINISHED


def test_time_limit_reached_by_a_late_key_ends_without_counting_it():
    run = practice_run(("123456789",), time_limit_s=2)
    t = Typist(run, start_ms=0)
    t.type(["1", "2"], every_ms=900)  # 0.9 s active
    assert t.key("3", 1200).verdict is Verdict.FINISHED  # 2.1 s: over the limit
    r = run.result()
    assert (r.active_ms, r.strokes) == (2000, 2)


def test_idle_time_counts_at_most_5_s_towards_the_limit():
    run = practice_run(("123456789",), time_limit_s=12)
    t = Typist(run, start_ms=0)
    t.key("1", 0)
    t.key("2", 7000)  # 5 s credited
    idle = run.tick(t.now_ns(60_000))  # a minute away: only 5 more seconds count
    assert (idle.finished, idle.paused, idle.active_ms) == (False, True, 10_000)
    t.key("3", 120_000)  # back after two minutes: again 5 s -> 10 s active
    assert run.state().active_ms == 10_000
    assert run.tick(t.now_ns(3000)).finished  # 13 s > 12 s
    assert run.result().active_ms == 12_000


def test_test_mode_counts_idle_time_in_full():
    run = start_run(tenkey_pack(("123456789",), mode="test", time_limit_s=10), Mode.TEST)
    t = Typist(run, start_ms=0)
    t.key("1", 0)
    t.key("2", 7000)
    assert run.state().active_ms == 7000
    assert not run.state(t.now_ns(6000)).paused  # never "paused" in a test
    assert run.tick(t.now_ns(3000)).finished


def test_stop_keeps_active_time_of_last_stroke():
    run = practice_run(("123456789",))
    t = Typist(run, start_ms=0)
    t.type(["1", "2", "3"], every_ms=400)
    run.stop(t.now_ns(3000))
    r = run.result()
    assert (r.ended_by, r.active_ms) == ("stopped", 800)


# -- validity, grade, score ------------------------------------------------------------------

GRADES = """
[[grades]]
name = "Bronze"
min_net_kph = 4000
min_accuracy = 0.9
[[grades]]
name = "Silver"
min_net_kph = 10000
min_accuracy = 0.95
"""


def test_short_result_is_invalid_with_reason():
    run = practice_run(("1234567890123",))
    Typist(run, start_ms=0).type(list("123456789"), every_ms=300)  # 9 strokes, 2.4 s
    r = run.result()
    assert (r.valid, r.invalid_reason) == (False, "fewer_than_10_strokes")
    run = practice_run(("1234567890123",))
    Typist(run, start_ms=0).type(list("123456789012"), every_ms=50)  # 12 strokes in 0.55 s
    r = run.result()
    assert (r.valid, r.invalid_reason) == (False, "active_time_under_1s")
    assert r.grade is None


def test_valid_result_gets_grade_and_score():
    run = start_run(tenkey_pack(("1234", "5678"), grades=GRADES), Mode.PRACTICE, seed=1)
    Typist(run, start_ms=0).type([*list("1234"), ENTER, *list("5678"), ENTER], every_ms=300)
    r = run.result()
    # 10 strokes, all correct, 300 ms apart: 2 700 ms active -> 10 × 3 600 000 / 2700
    assert (r.valid, r.active_ms, r.strokes) == (True, 2700, 10)
    assert r.speed == 13333.3
    assert r.grade == "Silver"
    assert r.score == 100.0  # faster than the reference 12 000 at 100 % accuracy


def test_live_state_reports_position_and_speed():
    run = practice_run(("12", "34"), item_count=2)
    t = Typist(run, start_ms=0)
    t.type(["1", "2", ENTER, "3"], every_ms=500)
    s = run.state()
    assert (s.item_index, s.items_done, s.item_count, s.position, s.expected_key) == (
        1,
        1,
        2,
        1,
        "4",
    )
    assert s.active_ms == 1500
    assert s.speed == 9600.0  # 4 strokes × 3 600 000 / 1500
    assert run.current_item.fields[0].expected == "34"
    assert run.item_at(5) is None


def test_item_count_limits_an_endless_generator():
    run = start_run(
        tenkey_pack(generator="integer_digits = [1, 1]\ndecimals = 0", item_count=2),
        Mode.PRACTICE,
        seed=5,
    )
    t = Typist(run, start_ms=0)
    for _ in range(2):
        t.type([*run.current_item.fields[0].expected, ENTER])
    assert run.finished
    assert run.result().ended_by == "items"
