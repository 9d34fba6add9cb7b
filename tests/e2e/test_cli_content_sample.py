"""``content sample``: the form a pack makes for a seed, as a trainer previews it and as
programs read it (``--json``); bad packs and seeds are one line and exit 2."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
DRILLS = Path(__file__).resolve().parents[2] / "drills"


def _sample(cli, pack, seed, *more):
    result = cli("content", "sample", str(pack), "--seed", str(seed), "--json", *more)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_voucher_book_is_the_contest_book(cli):
    form = _sample(cli, DRILLS / "voucher-summing-test.zh.toml", 20261206)
    assert (form["pack"], form["mode"], form["form"], form["seed"]) == (
        "voucher-summing-test.zh",
        "test",
        "fresh",
        20261206,
    )
    pages = {p["page"]: p["amounts"] for p in form["vouchers"]}
    assert sorted(pages) == list(range(1, 101))
    for amounts in pages.values():
        assert len(amounts) == 5
        for text in amounts:  # "1234.56": a string with two decimals, 4 to 7 digits
            whole, cents = text.split(".")
            assert len(cents) == 2
            assert 4 <= len(whole + cents) <= 7
            assert whole[0] != "0"
    assert len(form["questions"]) == 15
    for q in form["questions"]:
        assert q["last_page"] == q["first_page"] + 19 <= 100
        amounts = [pages[p][q["row"] - 1] for p in range(q["first_page"], q["last_page"] + 1)]
        assert sum(len(a) - 1 for a in amounts) == 110
        assert Decimal(q["total"]) == sum(Decimal(a) for a in amounts)
    assert sorted(Counter(q["row"] for q in form["questions"]).values()) == [3] * 5


def test_a_seed_always_gives_the_same_form_and_another_seed_another(cli):
    pack = DRILLS / "voucher-summing-test.en.toml"
    first, again, other = (_sample(cli, pack, s) for s in (7, 7, 8))
    assert first == again
    assert first["vouchers"] != other["vouchers"]


def test_cash_bundle_lists_every_note(cli):
    form = _sample(cli, DRILLS / "cash-counting-test.en.toml", 3)
    for bundle in form["bundles"]:
        assert len(bundle["notes"]) == bundle["size"]
        defects = {str(i + 1): n["defect"] for i, n in enumerate(bundle["notes"]) if n["defect"]}
        assert defects == bundle["defects"]


def test_typed_fields_are_listed_as_keyed(cli):
    form = _sample(cli, DRILLS / "data-entry-test.en.toml", 3)
    assert len(form["items"]) == form["item_count"] == 20
    card = next(f for f in form["items"][0]["fields"] if f["name"] == "card")
    assert card["expected"].isdigit()  # keyed without the spaces shown
    assert card["display"].replace(" ", "") == card["expected"]


def test_a_readable_listing_without_json(cli):
    result = cli("content", "sample", str(DRILLS / "voucher-summing-test.en.toml"), "--seed", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "voucher-summing-test.en (voucher_summing, test), seed 5"
    assert sum(line.startswith("question ") for line in lines) == 15
    assert sum(line.startswith("voucher ") for line in lines) == 100


def test_a_stored_pack_is_sampled_by_its_id(cli, tmp_path):
    url = str(tmp_path / "b.sqlite3")
    pack = DRILLS / "tenkey-amounts-test.en.toml"
    assert cli("content", "import", str(pack), "--db", url).returncode == 0
    stored = _sample(cli, "tenkey-amounts-test.en", 11, "--db", url)
    from_file = _sample(cli, pack, 11)
    assert stored["items"] == from_file["items"]
    assert stored["version"] == 1


@pytest.mark.parametrize(
    ("pack", "seed", "message"),
    [
        ("nope.toml", "1", "cannot read the file"),
        ("README.md", "1", "unknown kind of file"),
        ("tenkey-amounts-test.en.toml", "-1", "--seed must be a whole number"),
        ("tenkey-amounts-test.en.toml", "x1", "--seed must be a whole number"),
        ("tenkey-amounts-test.en.toml", str(2**63), "seed must be a whole number from 0"),
    ],
)
def test_a_bad_pack_or_seed_is_one_line_and_exit_2(cli, tmp_path, pack, seed, message):
    path = DRILLS / pack if pack != "README.md" else DRILLS.parent / pack
    result = cli("content", "sample", str(path), "--seed", seed, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_an_invalid_pack_names_its_first_problem(cli, tmp_path):
    text = (DRILLS / "tenkey-amounts-test.en.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("time_limit_s = 300", "time_limit_s = 0"), encoding="utf-8")
    result = cli("content", "sample", str(bad), "--seed", "1")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"svctrainer: {bad}:19:1: test.time_limit_s must be at least 1, not 0; seconds, at most"
        " 2 hours"
    ]


def test_a_text_entry_form_lists_its_passages(cli):
    form = _sample(cli, DRILLS / "text-entry-test.en.toml", 4)
    assert form["form"] == "fresh"
    assert len(form["passages"]) >= 3
    assert all(len(p["text"]) == p["characters"] >= 20 for p in form["passages"])
    listing = cli("content", "sample", str(DRILLS / "text-entry-test.en.toml"), "--seed", "4")
    assert listing.returncode == 0, listing.stderr
    assert f"passage 1: {form['passages'][0]['title']}" in listing.stdout
    assert form["passages"][0]["text"] in listing.stdout
