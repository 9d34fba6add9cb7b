"""Whatever the input, loaders raise nothing but ContentError, and the Twee parser raises
nothing at all for text: bad input becomes located problems."""

from __future__ import annotations

import functools

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_builders import SAMPLE

from svctrainer.core.problems import ContentError
from svctrainer.core.scenarios.loader import load_scenario
from svctrainer.core.scenarios.twee import parse_twee, write_twee
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee
from svctrainer.core.scenarios.yaml_writer import dump_yaml

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Mutating the sample costs a full load per example: a few in the default run, many when slow.
MUTATE = settings(FUZZ, max_examples=30)
MUTATE_MANY = settings(FUZZ, max_examples=1000)
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_TWEE = export_twee(load_scenario(SAMPLE_TEXT.encode()).scenario).text
KEYS = [
    "id", "title", "language", "customer", "who", "mood", "valence", "arousal", "start",
    "nodes", "text", "choices", "to", "servqual", "empathy", "steps", "flags", "if",
    "unless", "sets", "breaches", "ending", "need_met", "time_limit_s", "on_timeout",
    "twine", "metadata", "tags", "source", "passages", "story_data", "sensitivity",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.sampled_from([10**400, -(10**400), 1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["a", "end", "en", "HEARD", "praise", "hear", "empathy", "[[a]]"]),
)
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), children, max_size=6
        ),
    ),
    max_leaves=40,
)


def loads_or_content_error(data: bytes) -> None:
    try:
        loaded = load_scenario(data, "fuzz.yaml")
    except ContentError as err:
        problems = err.problems
    else:
        # whatever loads must write and load back the same
        assert load_scenario(dump_yaml(loaded.scenario).encode()).scenario == loaded.scenario
        return
    assert problems
    assert all(p.line >= 0 for p in problems)
    assert all(p.col >= 0 for p in problems)


@FUZZ
@given(st.binary(max_size=300))
def test_loader_on_arbitrary_bytes(data):
    loads_or_content_error(data)


@FUZZ
@given(st.text(max_size=300))
def test_loader_on_arbitrary_text(text):
    loads_or_content_error(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(yaml_data)
def test_loader_on_arbitrary_yaml_structures(data):
    loads_or_content_error(
        yaml.safe_dump(data, allow_unicode=True).encode("utf-8", "surrogatepass")
    )


# The strategies are built once, here and in ``_positions``, not inside ``mutated`` on every
# draw (as in scenario_strategies.py): building and validating them cost more than the
# drawing. The draws, and so the examples, are the same.
_edit_counts = st.integers(1, 4)
_edit_kinds = st.sampled_from(["cut", "insert", "line"])
_cut_lengths = st.integers(1, 40)
_inserts = st.text(alphabet=" \n:-[]{}|,'\"&*!#>\\\tx1", max_size=6)


@functools.cache
def _positions(last: int) -> st.SearchStrategy[int]:
    """0..last: one strategy per length of text, shared by every draw."""
    return st.integers(0, last)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random cuts, insertions and swaps of lines."""
    for _ in range(draw(_edit_counts)):
        at = draw(_positions(len(text)))
        kind = draw(_edit_kinds)
        if kind == "cut":
            text = text[:at] + text[at + draw(_cut_lengths) :]
        elif kind == "insert":
            text = text[:at] + draw(_inserts) + text[at:]
        else:
            lines = text.split("\n")
            last = _positions(len(lines) - 1)
            i, j = draw(last), draw(last)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@MUTATE
@given(mutated(SAMPLE_TEXT))
def test_loader_on_mutated_sample(text):
    loads_or_content_error(text.encode())


@pytest.mark.slow
@MUTATE_MANY
@given(mutated(SAMPLE_TEXT))
def test_loader_on_mutated_sample_many(text):
    loads_or_content_error(text.encode())


def imports_or_content_error(text: str) -> None:
    try:
        imported = import_twee(text, "fuzz.twee")
    except ContentError:
        return  # the only exception allowed
    # whatever imports is a valid scenario
    assert load_scenario(dump_yaml(imported.scenario).encode()).scenario == imported.scenario
    export_twee(imported.scenario)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_twee_parser_on_arbitrary_text(text):
    parsed = parse_twee(text, "fuzz.twee")
    assert all(p.line >= 1 for p in parsed.warnings)
    parse_twee(write_twee(parsed.story))
    imports_or_content_error(text)


@FUZZ
@given(st.text(alphabet=':: []{}\\|-><\n\r"{}:,x1Start', max_size=200))
def test_twee_parser_on_markup_soup(text):
    parse_twee(text)
    imports_or_content_error(text)


@MUTATE
@given(mutated(SAMPLE_TWEE))
def test_twee_import_on_mutated_export(text):
    imports_or_content_error(text)


@pytest.mark.slow
@MUTATE_MANY
@given(mutated(SAMPLE_TWEE))
def test_twee_import_on_mutated_export_many(text):
    imports_or_content_error(text)


@FUZZ
@given(st.binary(max_size=200))
def test_twee_parser_on_arbitrary_bytes(data):
    try:
        parse_twee(data, "fuzz.twee")
    except ContentError as err:
        problems = err.problems
    else:
        problems = []
    assert all(p.line >= 0 for p in problems)


def test_an_escaped_space_in_a_tag_block_separates_tags():
    """Found by the mutation fuzz: ``::[\\ StoryTitle`` imported a tag " StoryTitle",
    which the scenario loader then refused, so an import produced an unloadable file."""
    parsed = parse_twee(":: Start [a\\ b]\nhello\n", "t.twee")
    assert parsed.story.passages[0].tags == ("a", "b")
    assert any("cannot contain a space" in w.message for w in parsed.warnings)
    lines = SAMPLE_TWEE.splitlines()
    second_header = [i for i, line in enumerate(lines) if line.startswith("::")][1]
    lines.insert(second_header, "::[\\ StoryTitle")
    imports_or_content_error("\n".join(lines) + "\n")
