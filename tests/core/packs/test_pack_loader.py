"""Every kind of bad drill pack, each reported at the exact line:col of the offending key."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from svctrainer.core.packs.definition import ErrorPolicy, Mode
from svctrainer.core.packs.loader import (
    MAX_PACK_BYTES,
    check_pack_bytes,
    check_pack_file,
    content_hash,
    load_pack,
)
from svctrainer.core.packs.locator import locate_keys
from svctrainer.core.problems import ContentError, Severity

GOOD = """\
format = 1
id = "tenkey-x.en"
type = "tenkey"
language = "en"
title = "Ten-key"
instructions = "Key the amounts."

[run]
error_policy = "free"

[practice]
time_limit_s = 120
hints = true

[test]
time_limit_s = 300
seed = 7
form = "fixed"
[generator]
integer_digits = [1, 6]
decimals = 2

[scoring]
error_penalty = 10

[[grades]]
name = "Bronze"
min_net_kph = 4000
min_accuracy = 0.9

[[grades]]
name = "Silver"
min_net_kph = 8000
min_accuracy = 0.95
"""


def problems_of(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    definition, problems = check_pack_bytes("p.toml", data)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert (definition is None) == bool(errors)
    return [str(p) for p in problems]


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_good_pack_loads_with_merged_mode_settings():
    definition, problems = check_pack_bytes("p.toml", GOOD.encode())
    assert problems == []
    assert definition is not None
    practice = definition.settings(Mode.PRACTICE)
    test = definition.settings(Mode.TEST)
    assert (practice.time_limit_s, practice.error_policy, practice.seed, practice.pause) == (
        120,
        ErrorPolicy.FREE,  # from [run]
        None,
        True,
    )
    assert (test.time_limit_s, test.seed, test.pause, test.hints, test.idle_pause) == (
        300,
        7,
        False,
        False,
        False,
    )
    assert definition.scoring.reference_speed == Decimal(8000)  # the top grade's speed
    assert [g.name for g in definition.grades] == ["Bronze", "Silver"]
    assert definition.grades[0].thresholds == {"net_kph": Decimal(4000), "accuracy": Decimal("0.9")}
    assert definition.content_hash == content_hash(GOOD.encode())
    assert len(definition.content_hash) == 64


def test_content_hash_is_sha256_of_raw_bytes():
    assert content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bad TOML: tomllib's own position
        (
            edit('title = "Ten-key"', 'title = "Ten-key'),
            "p.toml:5:17: invalid TOML: Illegal character",
        ),
        (
            edit("decimals = 2", "decimals = 2\ndecimals = 3"),
            "p.toml:22:1: invalid TOML: Cannot overwrite a value",
        ),
        (GOOD + "x = [1,\n", "p.toml:35:8: invalid TOML at the end of the file: Invalid value"),
        # wrong types
        (
            edit("time_limit_s = 120", 'time_limit_s = "120"'),
            "p.toml:12:1: practice.time_limit_s must be an integer, not a string",
        ),
        (
            edit("hints = true", "hints = 1"),
            "p.toml:13:1: practice.hints must be true or false, not an integer",
        ),
        (
            edit(
                "[scoring]\nerror_penalty = 10\n", "", edit("format = 1", "format = 1\nscoring = 5")
            ),
            "p.toml:2:1: scoring must be a table, not an integer",
        ),
        # unknown keys, with the nearest known key
        (
            edit("time_limit_s = 120", "tiem_limit_s = 120"),
            "p.toml:12:1: unknown key 'tiem_limit_s' in [practice] (did you mean 'time_limit_s'?)",
        ),
        (
            edit('language = "en"', 'langage = "en"'),
            "p.toml:4:1: unknown key 'langage' in the top level (did you mean 'language'?)",
        ),
        (
            edit("decimals = 2", "  decimal = 2"),
            "p.toml:21:3: unknown key 'decimal' in [generator] (did you mean 'decimals'?)",
        ),
        (
            edit("min_accuracy = 0.95", "min_acuracy = 0.95"),
            "p.toml:34:1: unknown key 'min_acuracy' in [grades[1]] (did you mean 'min_accuracy'?)",
        ),
        # missing required keys: at the table that lacks them (1:1 for the top level)
        (
            edit('title = "Ten-key"\n', ""),
            "p.toml:1:1: missing required key 'title' in the top level",
        ),
        (edit('name = "Silver"\n', ""), "p.toml:31:3: missing required key 'name' in [grades[1]]"),
        # absurd values
        (
            edit("time_limit_s = 120", "time_limit_s = 0"),
            "p.toml:12:1: practice.time_limit_s must be at least 1, not 0; "
            "seconds, at most 2 hours",
        ),
        (
            edit("time_limit_s = 300", "time_limit_s = 7201"),
            "p.toml:16:1: test.time_limit_s must be at most 7200, not 7201; seconds, at most 2"
            " hours",
        ),
        (
            edit("time_limit_s = 120", "item_count = 1000000"),
            "p.toml:12:1: practice.item_count must be at most 10000, not 1000000",
        ),
        (
            edit("integer_digits = [1, 6]", "integer_digits = [1, 16]"),
            "p.toml:20:22: generator.integer_digits[1] must be at most 13, not 16",
        ),
        (
            edit(
                "integer_digits = [1, 6]",
                "integer_digits = [1, 13]\ndecimals = 4",
                edit("decimals = 2\n", ""),
            ),
            "p.toml:20:1: amounts of 13 + 4 digits are too long; at most 15 digits in all",
        ),
        (
            edit("integer_digits = [1, 6]", "integer_digits = [6, 1]"),
            "p.toml:20:1: generator.integer_digits: the minimum 6 is greater than the maximum 1",
        ),
        (
            edit("min_accuracy = 0.95", "min_accuracy = 95"),
            "p.toml:34:1: grades[1].min_accuracy must be at most 1, not 95; write 0.95 for 95 %",
        ),
        (
            edit("error_penalty = 10", "error_penalty = -1"),
            "p.toml:24:1: scoring.error_penalty must be at least 0, not -1",
        ),
        (edit("seed = 7", "seed = -7"), "p.toml:17:1: test.seed must be at least 0, not -7"),
        (
            edit("min_net_kph = 4000", "min_net_kph = nan"),
            "p.toml:28:1: grades[0].min_net_kph must be a finite number",
        ),
        # wrong choices and patterns
        (
            edit('error_policy = "free"', 'error_policy = "lenient"'),
            "p.toml:9:1: run.error_policy must be one of 'block', 'correct', 'free', not 'lenient'",
        ),
        (
            edit('type = "tenkey"', 'type = "tenky"'),
            "p.toml:3:1: unknown drill type 'tenky' (did you mean 'tenkey'?); known types:"
            " amount_words, cash_counting, ",
        ),
        (
            edit('id = "tenkey-x.en"', 'id = "Ten Key"'),
            "p.toml:2:1: id 'Ten Key' is not valid (lower-case letters, digits, '.', '_' and '-')",
        ),
        (
            edit("format = 1", "format = 2"),
            "p.toml:1:1: format 2 is not supported; this version of svctrainer reads format 1",
        ),
        (edit('title = "Ten-key"', 'title = "  "'), "p.toml:5:1: title must not be empty"),
        (
            edit('title = "Ten-key"', 'title = "Ten-key \\u202e"'),
            "p.toml:5:1: title contains the invisible direction control U+202E",
        ),
        # mode rules
        (
            edit("seed = 7\n", ""),
            'p.toml:17:1: form = "fixed" needs a seed: the number of the one form everyone gets',
        ),
        (
            edit('form = "fixed"', 'form = "pinned"'),
            "p.toml:18:1: test.form must be one of 'fresh', 'fixed', not 'pinned'",
        ),
        (
            edit("seed = 7", "seed = 7\npause = true"),
            "p.toml:18:1: test mode cannot use pause = true",
        ),
        (
            edit("time_limit_s = 120\n", ""),
            "p.toml:11:2: practice mode needs time_limit_s or item_count (here or in [run])",
        ),
        (
            edit('error_policy = "free"', "adaptive = true\ntime_limit_s = 60"),
            "p.toml:9:1: test mode cannot use adaptive = true",
        ),
        # content
        (
            edit(
                "[generator]\ninteger_digits = [1, 6]\ndecimals = 2\n",
                '[[items]]\namount = "1,234.00"\n',
            ),
            "p.toml:20:1: amount '1,234.00' must be digits with an optional '.' and up to 4"
            ' decimals, at most 15 digits, no separators (e.g. "12480.35")',
        ),
        (
            GOOD + '[[items]]\namount = "1"\n',
            "p.toml:35:3: give either [generator] or [[items]], not both",
        ),
        (
            edit("[generator]\ninteger_digits = [1, 6]\ndecimals = 2\n", ""),
            "p.toml:1:1: a ten-key pack needs a [generator] table or [[items]]",
        ),
        # grades
        (
            edit('name = "Silver"', 'name = "Bronze"'),
            "p.toml:32:1: grade name 'Bronze' is used twice",
        ),
        (
            edit('name = "Silver"\nmin_net_kph = 8000\nmin_accuracy = 0.95\n', 'name = "Silver"\n'),
            "p.toml:31:3: grades[1] sets no minimum (e.g. min_net_kph)",
        ),
        (
            edit("min_net_kph = 4000", 'min_net_kph = "fast"'),
            "p.toml:28:1: grades[0].min_net_kph must be a number, not a string",
        ),
        (
            edit(
                "min_net_kph = 4000", "min_cpm = 100", edit("min_net_kph = 8000", "min_cpm = 200")
            ),
            "p.toml:23:2: set scoring.reference_speed (the net_kph worth a score of 100) or give"
            " the grades a min_net_kph",
        ),
    ],
)
def test_each_problem_points_at_the_offending_key(text, expected):
    found = problems_of(text)
    assert any(p.startswith(expected) for p in found), found


def test_all_problems_are_reported_in_one_pass_sorted_by_position():
    text = edit("time_limit_s = 120", "time_limit_s = 0", edit('title = "Ten-key"', "title = 5"))
    text = edit("decimals = 2", "decimals = 9", text)
    found = problems_of(text)
    assert [p.split(": ")[0] for p in found] == ["p.toml:5:1", "p.toml:12:1", "p.toml:21:1"]


def test_descending_grades_are_a_warning_not_an_error():
    text = edit("min_net_kph = 8000", "min_net_kph = 3000")
    definition, problems = check_pack_bytes("p.toml", text.encode())
    assert definition is not None
    assert [str(p) for p in problems] == [
        "p.toml:33:1: warning: min_net_kph is lower than in the level before; list levels from"
        " lowest to highest"
    ]


def test_hints_in_a_test_are_a_warning():
    definition, problems = check_pack_bytes(
        "p.toml", edit("seed = 7", "seed = 7\nhints = true").encode()
    )
    assert definition is not None
    assert [str(p) for p in problems] == ["p.toml:18:1: warning: hints are shown during a test"]


def test_a_pack_must_offer_a_mode():
    text = edit(
        "[practice]\ntime_limit_s = 120\nhints = true\n",
        "",
        edit('[test]\ntime_limit_s = 300\nseed = 7\nform = "fixed"\n', ""),
    )
    assert "p.toml:1:1: offer at least one mode: add a [practice] or a [test] table" in problems_of(
        text
    )


def test_not_utf8_points_at_the_bad_byte():
    data = GOOD.encode().replace(b"Ten-key", b"Ten\xff-key", 1)
    assert problems_of(data) == ["p.toml:5:13: not UTF-8 text (byte 0xff); save the file as UTF-8"]


def test_byte_order_mark_is_accepted():
    assert problems_of(b"\xef\xbb\xbf" + GOOD.encode()) == []


def test_oversize_bytes_are_refused():
    found = problems_of(GOOD.encode() + b"#" * MAX_PACK_BYTES)
    assert len(found) == 1
    assert found[0].startswith("p.toml:0:0: the file is ")


def test_a_50_mb_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    reads: list[int] = []
    real_open = open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def fileno(self):
            return self.handle.fileno()

        def read(self, n=-1):
            reads.append(n)
            return self.handle.read(n)

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)))
    with pytest.raises(ContentError) as info:
        load_pack(path)
    assert reads == []
    problem = info.value.problems[0]
    assert (problem.line, problem.col) == (0, 0)
    assert f"the file is {50 * 1024 * 1024} bytes" in problem.message


def test_missing_file_and_directory_raise_content_error(tmp_path: Path):
    for path in (tmp_path / "missing.toml", tmp_path):
        with pytest.raises(ContentError) as info:
            load_pack(path)
        assert info.value.problems[0].line == 0
        assert "cannot read the file" in info.value.problems[0].message


def test_load_pack_raises_content_error_with_all_problems(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text(
        edit("time_limit_s = 120", "time_limit_s = 0", edit('type = "tenkey"', 'type = "x"'))
    )
    with pytest.raises(ContentError) as info:
        load_pack(path)
    assert [(p.line, p.col) for p in info.value.problems] == [(3, 1), (12, 1)]
    assert str(info.value).startswith(f"{os.fspath(path)}:3:1: unknown drill type 'x'")


def test_check_pack_file_returns_warnings(tmp_path: Path):
    path = tmp_path / "ok.toml"
    path.write_text(edit("min_net_kph = 8000", "min_net_kph = 3000"))
    definition, problems = check_pack_file(path)
    assert definition is not None
    assert definition.source == os.fspath(path)
    assert [p.severity for p in problems] == [Severity.WARNING]


def test_deep_nesting_is_a_located_problem():
    found = problems_of(GOOD + "deep = " + "[" * 3000 + "]" * 3000 + "\n")
    assert len(found) == 1
    assert found[0].startswith("p.toml:35:72:")
    assert "nested too deeply" in found[0]


@pytest.mark.parametrize("header", ["[{key}]", "[[{key}]]", "{key} = 1"])
def test_a_key_of_thousands_of_parts_is_refused_before_parsing(header):
    """tomllib's time grows with the square of a dotted key's length (and the locator's
    did with its cube: 36 s for a 3 000-part header); such a key is refused, located."""
    key = ".".join(f"p{i}" for i in range(3_000))
    found = problems_of(GOOD + header.format(key=key) + "\n")
    assert found == [
        f"p.toml:35:{header.index('{') + 1}: a key of 3000 dotted parts; at most 64 are allowed"
    ]


def test_a_key_of_64_parts_still_reaches_the_schema():
    key = ".".join(f"p{i}" for i in range(64))
    found = problems_of(GOOD + f"[{key}]\n")
    assert len(found) == 1
    assert "unknown key 'p0'" in found[0]


@pytest.mark.parametrize(
    "control", ["\\u001b[31m", "\\u0007", "\\u0000", "\\u007f", "\\u009b", "\\r"]
)
def test_control_characters_in_a_text_are_refused(control):
    """ESC, BEL, NUL, DEL, C1: terminal escapes reached ``content list``, and a NUL title
    failed only on PostgreSQL (which cannot store it)."""
    found = problems_of(GOOD.replace('title = "Ten-key"', f'title = "Ten{control}key"'))
    assert len(found) == 1
    assert found[0].startswith("p.toml:5:1: title contains the control character U+00")


def test_line_breaks_and_tabs_stay_allowed_in_instructions():
    found = problems_of(GOOD.replace('"Key the amounts."', '"Key\\tthe\\namounts."'))
    assert found == []


DATA_ENTRY = """\
format = 1
id = "de"
type = "data_entry"
language = "en"
title = "T"
instructions = "I"
[practice]
item_count = 5
[scoring]
reference_speed = 200
[[generator.fields]]
name = "customer"
kind = "name"
label = "Name"
[[generator.fields]]
name = "iban"
kind = "iban"
label = "IBAN"
countries = ["GB", "DE"]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            edit('countries = ["GB", "DE"]', 'countries = ["GB", "XX"]', DATA_ENTRY),
            "p.toml:19:20: generator.fields[1].countries[1] must be one of",
        ),
        (
            edit('kind = "name"', 'kind = "name"\ncountries = ["GB"]', DATA_ENTRY),
            "p.toml:14:1: 'countries' does not apply to a name field",
        ),
        (
            edit('name = "iban"', 'name = "customer"', DATA_ENTRY),
            "p.toml:16:1: field name 'customer' is used twice",
        ),
        (
            edit('kind = "iban"', 'kind = "ibn"', DATA_ENTRY),
            "p.toml:17:1: generator.fields[1].kind must be one of 'name', 'iban', 'card', 'date',"
            " 'amount', 'resident_id', 'mobile', not 'ibn' (did you mean 'iban'?)",
        ),
        (
            DATA_ENTRY + '[[items]]\ncustomer = "A"\niban = "GB82WEST12345698765433"\n',
            "p.toml:22:1: 'GB82WEST12345698765433' is not a valid IBAN (country, length or mod-97"
            " check digits)",
        ),
        (
            DATA_ENTRY + '[[items]]\ncustomer = "A"\n',
            "p.toml:20:3: items[0] has no value for field 'iban'",
        ),
        (
            DATA_ENTRY
            + '[[items]]\ncustomer = "A"\niban = "GB82WEST12345698765432"\nbranch = "x"\n',
            "p.toml:23:1: unknown field 'branch' in items[0]",
        ),
        (
            edit("[practice]", "[practice]\nadaptive = true", DATA_ENTRY),
            "p.toml:8:1: adaptive practice is not available for data_entry drills",
        ),
        (
            edit(
                '[[generator.fields]]\nname = "customer"\nkind = "name"\nlabel = "Name"'
                '\n[[generator.fields]]\nname = "iban"\nkind = "iban"\nlabel = "IBAN"\ncountries'
                ' = ["GB", "DE"]\n',
                "[generator]\nfields = []\n",
                DATA_ENTRY,
            ),
            "p.toml:12:1: generator.fields must not be empty",
        ),
    ],
)
def test_data_entry_problems(text, expected):
    found = problems_of(text)
    assert any(p.startswith(expected) for p in found), found


def test_data_entry_card_and_date_rules():
    text = DATA_ENTRY + (
        '[[generator.fields]]\nname = "card"\nkind = "card"\nlabel = "Card"\nprefixes = ["4x"]\n'
        '[[generator.fields]]\nname = "born"\nkind = "date"\nlabel = "Born"\n'
        "from = 2000-01-01\nto = 1990-01-01\n"
    )
    found = problems_of(text)
    assert "p.toml:24:13: card prefix '4x' must be 1 to 6 digits" in found
    assert "p.toml:29:1: 'from' is later than 'to'" in found


@pytest.mark.parametrize("header", ["[{key}]", "[[{key}]]", "{key} = 1"])
def test_a_key_of_65_parts_is_refused_when_its_dots_are_the_only_ones(header):
    """The loader scans for long keys only in a text with at least 64 dots (a key's every
    part after the first follows a dot): the shortest key refused has exactly that many."""
    key = ".".join(f"p{i}" for i in range(65))
    text = header.format(key=key) + "\n"
    assert text.count(".") == 64
    assert problems_of(text) == [
        f"p.toml:1:{header.index('{') + 1}: a key of 65 dotted parts; at most 64 are allowed"
    ]


@pytest.mark.parametrize(
    "key",
    ['a . b . "c.d"', "'x.y'.z", "p0 .p1. p2", '"".""', "a.'b'.\"c\""],
)
def test_a_key_never_has_more_parts_than_the_text_has_dots_plus_one(key):
    """What the loader's shortcut relies on, with spaces and quoted parts."""
    for text in (f"{key} = 1\n", f"[{key}]\n", f"[[{key}]]\n", f"t = {{ {key} = 1 }}\n"):
        assert locate_keys(text).longest_key[0] <= text.count(".") + 1, text
