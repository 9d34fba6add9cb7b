"""The key locator: every key and element of a TOML document at its line:col."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svctrainer.core.packs.locator import format_path, locate_keys

DOC = """\
# comment with = and [brackets]
title = "a # not a comment"
[run]
time_limit_s = 60 # trailing comment
"quoted.key" = 2
a.b.c = [1,
  2, # inside an array
  {x = 1, y = [3, 4]},
]
s = \"\"\"multi
line "" [fake]
\"\"\"
lit = '''[[not a table]]'''
d = 1979-05-27 07:32:00
[[grades]]
name = "A"
[[grades]]
  name = 'B'
[grades.sub]
k = 1
[[grades.subs]]
z = 1
[[grades.subs]]
inl = { p = { q = 1 }, r = [ {s=1} ] }
"""


def test_positions_of_a_tricky_document():
    tomllib.loads(DOC)
    found = {format_path(p): pos for p, pos in locate_keys(DOC).positions.items()}
    assert found["title"] == (2, 1)
    assert found["run"] == (3, 2)
    assert found["run.time_limit_s"] == (4, 1)
    assert found["run.quoted.key"] == (5, 1)
    assert found["run.a.b.c"] == (6, 5)
    assert found["run.a.b.c[1]"] == (7, 3)
    assert found["run.a.b.c[2].y[1]"] == (8, 19)
    assert found["run.s"] == (10, 1)
    assert found["run.lit"] == (13, 1)
    assert found["run.d"] == (14, 1)
    assert "fake" not in str(found)
    assert "not a table" not in str(found)
    assert found["grades[0]"] == (15, 3)
    assert found["grades[1].name"] == (18, 3)
    assert found["grades[1].sub.k"] == (20, 1)
    assert found["grades[1].subs[1]"] == (23, 10)  # at the last part of the header key
    assert found["grades[1].subs[1].inl.p.q"] == (24, 15)
    assert found["grades[1].subs[1].inl.r[0].s"] == (24, 31)


def test_find_falls_back_to_the_nearest_ancestor():
    locations = locate_keys("[run]\nx = 1\n")
    assert locations.find(("run", "missing")) == (1, 2)
    assert locations.find(("nowhere",)) == (1, 1)


def test_garbage_never_raises():
    for text in [
        "[",
        "[[",
        "a = [",
        "a = {",
        'a = "',
        "= 1",
        "a.=1",
        "\x00",
        "[a]]\n[[b]",
        "x = [1 2]",
    ]:
        locate_keys(text)


def test_deep_nesting_needs_no_recursion():
    text = "a = " + "[" * 50_000 + "]" * 50_000
    positions = locate_keys(text).positions
    assert positions[("a",)] == (1, 1)
    assert positions[("a",) + (0,) * 10] == (1, 15)
    assert ("a",) + (0,) * 100 not in positions  # too deep to record


# -- property: for generated documents, every leaf is found where its key is -----------------

bare_keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True)
quoted_keys = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=5
)
keys = st.one_of(bare_keys, quoted_keys)
scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=8,
)


def toml_key(key: str) -> str:
    if key.replace("_", "a").replace("-", "a").isalnum() and key.isascii():
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def leaf_paths(value: Any, path: tuple) -> list[tuple]:
    out = [path]
    if isinstance(value, list):
        for i, v in enumerate(value):
            out += leaf_paths(v, (*path, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            out += leaf_paths(v, (*path, k))
    return out


@settings(max_examples=150, deadline=None)
@given(
    top=st.dictionaries(keys, values, max_size=4),
    tables=st.dictionaries(bare_keys, st.dictionaries(keys, values, max_size=3), max_size=3),
    aot=st.lists(st.dictionaries(keys, values, min_size=1, max_size=3), max_size=3),
)
def test_every_generated_key_and_element_is_located(top, tables, aot):
    lines: list[str] = []
    expected: dict[tuple, tuple[int, int]] = {}
    for k, v in top.items():
        lines.append(f"{toml_key(k)} = {toml_value(v)}")
        expected[(k,)] = (len(lines), 1)
    for name, table in tables.items():
        if name in top or name == "aot":
            continue
        lines.append(f"[{name}]")
        expected[(name,)] = (len(lines), 2)
        for k, v in table.items():
            lines.append(f"  {toml_key(k)} = {toml_value(v)}")
            expected[(name, k)] = (len(lines), 3)
    if "aot" not in top:
        for i, table in enumerate(aot):
            lines.append("[[aot]]")
            expected[("aot", i)] = (len(lines), 3)
            for k, v in table.items():
                lines.append(f"{toml_key(k)} = {toml_value(v)}")
                expected[("aot", i, k)] = (len(lines), 1)
    text = "\n".join(lines) + "\n"
    parsed = tomllib.loads(text)
    positions = locate_keys(text).positions
    for path, pos in expected.items():
        assert positions.get(path) == pos, (path, text)
    # and every nested element of every value is located somewhere on its key's line
    for k, v in parsed.items():
        for path in leaf_paths(v, (k,)):
            assert path in positions, (path, text)


# -- cost: a long dotted key is located in linear work (issue 19, point 4) -----------------

LONG_KEY_SHAPES = {
    "table header": "[{key}]\nx = 1\n",
    "array-of-tables header": "[[{key}]]\nx = 1\n",
    "dotted key": "{key} = 1\n",
    "inline table key": "t = {{ {key} = 1 }}\n",
}


def _located_work(shape: str, parts: int) -> tuple[int, int]:
    """(total length of the recorded paths, peak bytes allocated) for one document."""
    import tracemalloc

    text = shape.format(key=".".join(f"p{i}" for i in range(parts)))
    tomllib.loads(text)  # a document tomllib accepts
    tracemalloc.start()
    try:
        positions = locate_keys(text).positions
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return sum(len(path) for path in positions), peak


@pytest.mark.parametrize("shape", LONG_KEY_SHAPES.values(), ids=LONG_KEY_SHAPES.keys())
def test_a_key_with_thousands_of_parts_costs_linear_work(shape):
    """A 3 000-part table header took 36 s (every prefix rebuilt and re-resolved part by
    part: cubic); 128 KB of it never finished. Paths are recorded up to the depth no pack
    schema comes near, so doubling the parts at most doubles the work."""
    small_len, small_peak = _located_work(shape, 1_000)
    big_len, big_peak = _located_work(shape, 2_000)
    assert big_len <= 2 * small_len + 200
    assert big_len <= 70 * 2_000  # at most ~64 parts recorded per prefix
    assert big_peak <= 2.5 * small_peak + 200_000


@given(st.text(alphabet='a=\n\r"[]. #名', max_size=80))
def test_line_starts_are_found_after_every_line_feed(text):
    """The scanner finds its line starts with ``str.find``: every position after an LF
    (a CR alone does not end a TOML line), as a loop over the characters finds them."""
    from svctrainer.core.packs.locator import _Scanner

    assert _Scanner(text).line_starts == [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]
