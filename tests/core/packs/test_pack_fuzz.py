"""No bytes make the pack loader raise anything but ContentError, and every problem it
reports has a real position: fuzzed bytes, fuzzed TOML, and mutations of the shipped packs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svctrainer.core.packs.loader import check_pack_bytes, load_pack
from svctrainer.core.problems import ContentError, Problem

DRILLS = Path(__file__).resolve().parents[3] / "drills"
SHIPPED = sorted(p for p in DRILLS.glob("*.toml"))
SHIPPED_TEXT = [p.read_bytes() for p in SHIPPED]


def assert_well_formed(data: bytes, problems: list[Problem]) -> None:
    text = data.decode("utf-8", "replace")
    line_count = text.count("\n") + 1
    for p in problems:
        assert not p.message.startswith("internal error"), p
        if p.line == 0:
            assert p.col == 0, p
        else:
            assert 1 <= p.line <= line_count, (p, line_count)
            assert p.col >= 1, p


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    definition, problems = check_pack_bytes("f.toml", data)
    assert definition is None or not [p for p in problems if p.severity == "error"]
    assert_well_formed(data, problems)


TOKENS = [
    *"[]{}=.,\"'#\n \t-_0123456789abcdefxyz+:TZ",
    "true",
    "false",
    "nan",
    "inf",
    "1979-05-27",
    '"""',
    "'''",
]
toml_ish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(toml_ish)
def test_random_toml_like_text(text):
    data = text.encode()
    definition, problems = check_pack_bytes("f.toml", data)
    assert definition is not None or problems
    assert_well_formed(data, problems)


@st.composite
def mutated_pack(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SHIPPED_TEXT)).split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "value", "key", "bytes", "swap"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "value" and b"=" in lines[i]:
            key = lines[i].split(b"=", 1)[0]
            value = draw(
                st.sampled_from(
                    [
                        b"0",
                        b"-1",
                        b"7201",
                        b"1000000",
                        b'"x"',
                        b"true",
                        b"[]",
                        b"[1, 99]",
                        b"{}",
                        b"1.5",
                        b"nan",
                        b"2000-01-01",
                        b'"tenky"',
                        b'"free"',
                        b"99999999999999999999999",
                        b'""',
                        b"[[1]]",
                    ]
                )
            )
            lines[i] = key + b"= " + value
        elif action == "key" and b"=" in lines[i]:
            key = draw(
                st.sampled_from(
                    [b"tiem_limit_s", b"seed", b"min_cpm", b"kind", b"amount", b"x.y", b"adaptive"]
                )
            )
            lines[i] = key + b" =" + lines[i].split(b"=", 1)[1]
        else:
            lines[i] = lines[i] + draw(st.binary(max_size=3))
    return b"\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pack())
def test_mutated_shipped_packs(data):
    _, problems = check_pack_bytes("f.toml", data)
    assert_well_formed(data, problems)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_truncations_of_shipped_packs(path):
    data = path.read_bytes()
    for end in range(0, len(data), max(1, len(data) // 60)):
        _, problems = check_pack_bytes("f.toml", data[:end])
        assert_well_formed(data[:end], problems)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_load_pack_only_raises_content_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.toml"
    path.write_bytes(data)
    try:
        load_pack(path)
    except ContentError as exc:
        problems = exc.problems
    else:
        problems = None
    assert problems is None or problems
