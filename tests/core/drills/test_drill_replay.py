"""Replaying a stored event log reproduces the stored result exactly (issue 3)."""

from __future__ import annotations

import json

from drill_helpers import MS, Typist, build_definition, tenkey_pack
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.drills.registry import replay, result_from_dict, run_seed, start_run
from svctrainer.core.keystrokes import BACKSPACE, ENTER, IME, KeyEvent, decode_events, encode_events
from svctrainer.core.packs.definition import Mode

GENERATED = "integer_digits = [1, 4]\ndecimals = 2"

# What a person might do: keys (often right, sometimes not), pauses, ticks, waits.
actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("key"),
            st.sampled_from(["right", "right", "right", "wrong", BACKSPACE, ENTER, "Shift"]),
        ),
        st.tuples(st.just("wait"), st.integers(min_value=0, max_value=9000)),
        st.tuples(st.just("pause"), st.just(0)),
        st.tuples(st.just("resume"), st.just(0)),
        st.tuples(st.just("tick"), st.just(0)),
        st.tuples(st.just("release"), st.just(0)),
    ),
    max_size=120,
)


def drive(run, script, start_ms=1000):
    t = start_ms * MS
    for action, arg in script:
        if action == "wait":
            t += arg * MS
            continue
        t += 97 * MS
        if action == "pause":
            run.pause(t)
        elif action == "resume":
            run.resume(t)
        elif action == "tick":
            run.tick(t)
        elif action == "release":
            run.feed(KeyEvent(t, "1", "1", False))
        else:
            expected = run.expected_key() or "1"
            key = {"right": expected, "wrong": "9" if expected != "9" else "8"}.get(arg, arg)
            run.feed(KeyEvent(t, key, key if len(key) == 1 else "", True))


@settings(max_examples=60, deadline=None)
@given(
    script=actions,
    policy=st.sampled_from(["block", "correct", "free"]),
    limit=st.sampled_from([None, 3, 20]),
    seed=st.integers(0, 2**63 - 1),
)
def test_replay_reproduces_result_exactly(script, policy, limit, seed):
    definition = tenkey_pack(policy=policy, time_limit_s=limit, generator=GENERATED)
    run = start_run(definition, Mode.PRACTICE, seed=seed)
    drive(run, script)
    stored = run.result()
    blob = encode_events(run.events)
    as_json = json.loads(json.dumps(stored.to_dict()))
    again = replay(
        definition, Mode(as_json["mode"]), as_json["seed"], decode_events(blob), as_json["options"]
    )
    assert again == stored
    assert again.to_dict() == as_json
    assert result_from_dict(as_json) == stored


def test_replay_of_a_test_run_with_time_up():
    definition = tenkey_pack(
        mode="test", time_limit_s=5, seed=42, policy="free", generator=GENERATED
    )
    run = start_run(definition, Mode.TEST)
    assert run.seed == 42  # the pack's fixed seed wins
    t = Typist(run, start_ms=0)
    for _ in range(30):
        t.key(run.expected_key() or ENTER, 130)
    run.tick(t.now_ns(10_000))
    stored = run.result()
    assert stored.ended_by == "time_limit"
    assert replay(definition, Mode.TEST, stored.seed, run.events) == stored


def test_rescoring_with_changed_grades_keeps_figures():
    base = dict(amounts=("1234", "5678"), policy="correct")
    old = tenkey_pack(**base)
    run = start_run(old, Mode.PRACTICE, seed=3)
    Typist(run, start_ms=0).type([*list("1234"), ENTER, *list("5678"), ENTER], every_ms=300)
    stored = run.result()
    assert stored.grade is None
    new = tenkey_pack(**base, grades='[[grades]]\nname = "Pass"\nmin_net_kph = 1000\n')
    rescored = replay(new, Mode.PRACTICE, stored.seed, run.events)
    assert rescored.grade == "Pass"
    assert rescored.speed == stored.speed
    assert rescored.details.to_dict()["key_stats"] == stored.details.to_dict()["key_stats"]


def test_replay_of_data_entry_with_ime_commits():
    definition = build_definition(
        """
format = 1
id = "d"
type = "data_entry"
language = "zh"
title = "T"
instructions = "I"
[practice]
item_count = 2
[scoring]
reference_speed = 200
[[generator.fields]]
name = "customer"
kind = "name"
label = "姓名"
[[generator.fields]]
name = "card"
kind = "card"
label = "卡号"
lengths = [19, 19]
"""
    )
    run = start_run(definition, Mode.PRACTICE, seed=9)
    t = Typist(run, start_ms=0)
    for _ in range(2):
        item = run.current_item
        t.key(IME, 900, text=item.fields[0].expected)  # the whole name in one commit
        t.key("Tab", 200)
        for ch in item.fields[1].expected:
            t.key(ch, 150)
        t.key(ENTER, 200)
    stored = run.result()
    assert stored.ended_by == "items"
    assert stored.accuracy == 1.0
    assert replay(definition, Mode.PRACTICE, stored.seed, run.events) == stored


def test_run_seed_rules():
    practice = tenkey_pack(generator=GENERATED)
    assert run_seed(practice, Mode.PRACTICE, 7) == 7
    seeds = {run_seed(practice, Mode.PRACTICE) for _ in range(5)}
    assert len(seeds) > 1
    assert all(0 <= s < 2**63 for s in seeds)
    fixed = tenkey_pack(mode="test", seed=99, generator=GENERATED)
    assert run_seed(fixed, Mode.TEST, 7) == 99
