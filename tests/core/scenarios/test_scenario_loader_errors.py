"""Each kind of bad scenario file, with the exact line:col reported."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.problems import ContentError, Severity
from svctrainer.core.scenarios.loader import load_scenario, load_scenario_file
from svctrainer.core.scenarios.schema import MAX_FILE_BYTES

GOOD = """\
id: test
title: Test
language: en
customer:
  who: Mr Li
  mood: {valence: -1, arousal: 2}
start: a
nodes:
  - id: a
    text: Hello.
    choices:
      - id: hi
        text: Good morning.
        to: end
        mood: {valence: 1}
        servqual: {empathy: 1}
  - id: end
    text: Bye.
    ending: true
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_scenario(textwrap.dedent(text).encode(), "s.yaml")
    return [str(p) for p in caught.value.problems]


def replaced(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_the_base_file_is_good():
    assert load_scenario(GOOD.encode(), "s.yaml").warnings == ()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("        to: end\n", "        to: ned\n", 's.yaml:14:13: to: no node with id "ned"'),
        ("start: a\n", "start: b\n", 's.yaml:7:8: start: no node with id "b"'),
        (
            "        mood: {valence: 1}\n",
            "        mod: {valence: 1}\n",
            's.yaml:15:9: unknown key "mod" in choice (allowed: breaches, fails, feedback, flags, '
            "id, if, meets, mood, servqual, sets, steps, text, to, touches, unless)",
        ),
        (
            "        to: end\n",
            "        to: end\n        text: Again.\n",
            's.yaml:15:9: duplicate key "text" in choice',
        ),
        (
            "{valence: 1}",
            "{valence: 50}",
            "s.yaml:15:25: mood valence must be between -10 and 10, not 50",
        ),
        (
            "{empathy: 1}",
            "{empathy: 99}",
            "s.yaml:16:29: servqual empathy must be between -10 and 10, not 99",
        ),
        ("{empathy: 1}", "{empathy: 1.5}", "s.yaml:16:29: servqual empathy must be a whole number"),
        (
            "{empathy: 1}",
            "{empahty: 1}",
            's.yaml:16:20: unknown key "empahty" in servqual (allowed: assurance, '
            "empathy, reliability, responsiveness, tangibles)",
        ),
        (
            "{valence: -1, arousal: 2}",
            "{valence: .nan, arousal: 2}",
            "s.yaml:6:19: customer mood valence must be between -5 and 5, not .nan",
        ),
        (
            "    text: Hello.\n",
            "    text: 12\n",
            "s.yaml:10:11: node text must be text; put it in quotes",
        ),
        ("  - id: a\n", "  - id: yes\n", "s.yaml:9:9: node id must be text; put it in quotes"),
        (
            "  - id: a\n",
            "  - id: a|b\n",
            's.yaml:9:9: node id "a|b" must not contain [ ] { } | -> or <-',
        ),
        ("language: en\n", "language: fr\n", 's.yaml:3:11: language "fr" is not one of: en, zh'),
        (
            "id: test\n",
            "id: Test Scenario\n",
            's.yaml:1:5: id "Test Scenario" must be lower-case-words-with-dashes',
        ),
        (
            "    text: Bye.\n",
            "    text: Bye.\n    need_met: maybe\n",
            "s.yaml:19:15: need_met must be true or false",
        ),
        (
            "    text: Hello.\n",
            "    text: Hello.\n    time_limit_s: 0\n",
            "s.yaml:11:19: time_limit_s must be between 0.5 and 600, not 0",
        ),
        (
            "    text: Hello.\n",
            "    text: Hello.\n    on_timeout: {servqual: {responsiveness: -1}}\n",
            "s.yaml:11:5: on_timeout needs time_limit_s on the same node",
        ),
        (
            "    ending: true\n",
            "    ending: true\n    choices: [{id: x, text: X, to: a}]\n",
            "s.yaml:19:13: an ending has no choices and no time limit",
        ),
        (
            "    text: Hello.\n",
            "    text: Hello.\n    need_met: false\n",
            "s.yaml:11:5: need_met is only for endings (ending: true)",
        ),
        (
            "        servqual: {empathy: 1}\n",
            "        servqual: {empathy: 1}\n        steps: [listen]\n",
            's.yaml:17:17: step "listen" belongs to LAST, not HEARD',
        ),
        (
            "        servqual: {empathy: 1}\n",
            "        servqual: {empathy: 1}\n        flags: [praise, praise]\n",
            "s.yaml:17:25: flags: praise is listed twice",
        ),
        (
            "        servqual: {empathy: 1}\n",
            "        servqual: {empathy: 1}\n        breaches: [security]\n",
            's.yaml:17:20: breaches entry "security" is not one of: identity_check, accuracy, '
            "compliance",
        ),
        (
            "        text: Good morning.\n",
            "        text: '[[Good]] morning.'\n",
            "s.yaml:13:15: choice text must not contain [[ ]] or ][ (Twine link markup)",
        ),
        (
            "customer:\n  who: Mr Li\n",
            "customer:\n  who: ''\n",
            "s.yaml:5:8: who must not be empty",
        ),
        ("  - id: end\n", "  - id: a\n", 's.yaml:17:5: node id "a" is used twice'),
        (
            "title: Test\n",
            "title: Test\ntitle: Again\n",
            's.yaml:3:1: duplicate key "title" in scenario',
        ),
        ("title: Test\n", "", 's.yaml:1:1: scenario needs "title"'),
        (
            "title: Test\n",
            "title: Test: part two\n",
            "s.yaml:2:12: YAML syntax: mapping values are not allowed here",
        ),
        (
            "title: Test\n",
            "title: &t Test\nsummary: *t\n",
            "s.yaml:2:8: anchors (&name) are not allowed",
        ),
        (
            "title: Test\n",
            "title: !!python/object:os.system Test\n",
            "s.yaml:2:8: tag tag:yaml.org,2002:python/object:os.system is not allowed",
        ),
        (
            "title: Test\n",
            "title: 2024-01-01\n",
            "s.yaml:2:8: title must be text; put it in quotes",
        ),
        ("title: Test\n", 'title: "Line\\none"\n', "s.yaml:2:8: title must be a single line"),
        (
            "title: Test\n",
            'title: "\\x07"\n',
            "s.yaml:2:8: title contains the control character '\\x07'",
        ),
    ],
)
def test_bad_value_located(old, new, expected):
    assert expected in problems_of(replaced(old, new))


def test_duplicate_choice_id():
    text = replaced("  - id: end\n", "      - {id: hi, text: Again, to: end}\n  - id: end\n")
    assert 's.yaml:17:9: choice id "hi" is used twice in this node' in problems_of(text)


def test_all_problems_of_a_file_are_reported_at_once():
    text = replaced("language: en\n", "language: fr\n").replace("to: end", "to: nowhere")
    assert problems_of(text) == [
        's.yaml:3:11: language "fr" is not one of: en, zh',
        's.yaml:14:13: to: no node with id "nowhere"',
    ]


def test_whole_file_problems():
    assert problems_of("") == ["s.yaml:1:1: file is empty: a scenario needs id, title, ..."]
    assert problems_of("- a\n- b\n") == ["s.yaml:1:1: scenario must be a mapping (key: value)"]
    assert problems_of("a: 1\n---\nb: 2\n")[0].startswith("s.yaml:2:1: YAML syntax")
    assert problems_of("x: " + "[" * 40 + "]" * 40 + "\n") == ["s.yaml:1:35: nesting is too deep"]


def test_not_utf8_is_located():
    data = GOOD.replace("Mr Li", "Mr L\xe9").encode("latin-1")
    with pytest.raises(ContentError) as caught:
        load_scenario(data, "s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml:5:12: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_oversize_file_is_a_whole_file_problem():
    with pytest.raises(ContentError) as caught:
        load_scenario(b"#" * (MAX_FILE_BYTES + 1), "s.yaml")
    assert (
        str(caught.value.problems[0]) == f"s.yaml:0:0: file is larger than {MAX_FILE_BYTES} bytes"
    )


def test_missing_file(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_scenario_file(tmp_path / "missing.yaml")
    assert caught.value.problems[0].line == 0


def test_warnings_do_not_reject_the_file():
    text = replaced("        to: end\n", "        to: end\n        if: [identity_verified]\n")
    loaded = load_scenario(text.encode(), "s.yaml")
    assert [str(w) for w in loaded.warnings] == [
        's.yaml:15:14: warning: flag "identity_verified" is tested but no choice sets it'
    ]
    assert all(w.severity is Severity.WARNING for w in loaded.warnings)


def test_many_choices_warn_about_number_keys():
    many = "".join(f"      - {{id: c{i}, text: Option {i}, to: end}}\n" for i in range(10))
    text = replaced(
        "    choices:\n      - id: hi\n        text: Good morning.\n        to: end\n"
        "        mood: {valence: 1}\n        servqual: {empathy: 1}\n",
        "    choices:\n" + many,
    )
    warnings = [str(w) for w in load_scenario(text.encode(), "s.yaml").warnings]
    assert warnings == ["s.yaml:12:7: warning: more than 9 choices: no number keys"]


def test_a_byte_order_mark_is_accepted():
    assert load_scenario(b"\xef\xbb\xbf" + GOOD.encode(), "s.yaml").scenario.id == "test"


def test_huge_numbers_are_located():
    assert problems_of(replaced("id: test\n", "id: test\nversion: " + "9" * 5000 + "\n")) == [
        "s.yaml:2:10: cannot read '99999999999999999999...'"
    ]
    huge = replaced("{valence: 1}", "{valence: 1" + "0" * 400 + "}")
    assert problems_of(huge) == [
        "s.yaml:15:25: mood valence must be between -10 and 10, not 10000000000000000000..."
    ]


@given(
    st.text(alphabet="ab\n\r\u2028名", max_size=40),
    st.integers(1, 5),
    st.integers(1, 5),
    st.data(),
)
def test_a_located_offset_is_its_line_and_column(text, line, col, data):
    """``TextLocator`` (every located problem in a scenario or Twee file) finds its line
    starts with ``str.find``: an offset maps to the line and column counted by hand (LF
    alone ends a line; the first line starts at ``col``)."""
    from svctrainer.core.scenarios.marked import Mark, TextLocator

    offset = data.draw(st.integers(0, len(text) + 2))
    before = text[:offset]
    breaks = before.count("\n")
    column = offset - (before.rfind("\n") + 1) + 1 + (col - 1 if breaks == 0 else 0)
    assert TextLocator(text, line, col).mark(offset) == Mark(line + breaks, column)


@given(st.text(max_size=30), st.booleans(), st.booleans())
def test_the_text_checks_fast_path_reports_what_the_full_check_reports(text, single, verbatim):
    """``_text_problem`` skips its per-character check for text with no character it
    could object to: the answer is the full check's, for any text."""
    import unicodedata

    from svctrainer.core.scenarios.schema import _LINE_BREAKS, _text_problem

    expected = None
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            expected = "contains an unpaired surrogate"
        elif verbatim:
            continue
        elif single and ch in _LINE_BREAKS:
            expected = "must be a single line"
        elif category == "Cc" and ch not in "\t\n":
            expected = f"contains the control character {ch!r}"
        if expected:
            break
    assert _text_problem(text, single_line=single, verbatim=verbatim) == expected
