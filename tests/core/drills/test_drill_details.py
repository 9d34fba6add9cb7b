"""Each drill kind's typed ``Details``: JSON round trips, results stored before details
were typed still read exactly, and stored details that do not fit are refused by key.

``fixtures/stored_results_v1.json`` holds one result per shipped kind as the engines of
commit 99128a2 (before ``Details``) stored them: ``DrillResult.to_dict`` without the
details version and without the unstored pair statistics.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from svctrainer.core.drills.details import DetailsError
from svctrainer.core.drills.registry import KINDS, drill_kind, result_from_dict
from svctrainer.core.drills.simulated_play import Skill
from svctrainer.core.drills.simulated_trainee import simulate
from svctrainer.core.drills.typing_details import TypingDetails
from svctrainer.core.drills.voucher_details import VoucherDetails
from svctrainer.core.packs.loader import load_pack

DRILLS = Path(__file__).resolve().parents[3] / "drills"
STORED = json.loads(
    (Path(__file__).parent / "fixtures" / "stored_results_v1.json").read_text(encoding="utf-8")
)


@functools.cache
def shipped() -> dict[str, list[Path]]:
    """The shipped packs of each kind, sorted. Each pack is loaded once, when a test first
    asks, not while the module is collected: every parallel worker collects every module,
    and loading every pack once per kind there cost each worker ~2 s of CPU."""
    kinds = {path: load_pack(path).drill_type for path in sorted(DRILLS.glob("*.toml"))}
    return {
        kind.name: [p for p, drill_type in kinds.items() if drill_type == kind.name]
        for kind in KINDS
    }


# Kinds added after details were typed have no results stored in the old layout.
KINDS_BEFORE_DETAILS = {
    "tenkey", "data_entry", "voucher_summing", "amount_words", "making_change",
    "cash_counting", "drawer_balancing",
}  # fmt: skip


def test_the_fixture_covers_every_kind_that_stored_untyped_details():
    assert {entry["result"]["drill_type"] for entry in STORED} == KINDS_BEFORE_DETAILS
    assert {k.name for k in KINDS} >= KINDS_BEFORE_DETAILS


@pytest.mark.parametrize("entry", STORED, ids=[e["pack"] for e in STORED])
def test_a_result_stored_before_details_were_typed_reads_back_exactly(entry):
    stored = entry["result"]
    assert "details_version" not in stored
    result = result_from_dict(stored)
    kind = drill_kind(stored["drill_type"])
    assert kind is not None
    assert isinstance(result.details, kind.details_type)
    again = result.to_dict()
    assert again.pop("details_version") == 1
    assert again.pop("completion") == "complete"  # stored before it was recorded
    assert again.pop("rules") == 1  # scored by the first rules, before they were versioned
    if isinstance(result.details, TypingDetails):  # not stored: reads back empty
        assert again["details"].pop("bigram_stats") == {}
        assert result.details.bigram_stats == {}
    assert again == stored
    assert kind.stored_details(stored) == result.details


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_fresh_details_round_trip_through_json(kind):
    for pack in shipped()[kind.name]:
        definition = load_pack(pack)
        mode = next(iter(definition.modes))
        run = simulate(definition, mode, Skill(stroke_ms=280, error_rate=0.05), seed=21,
                       behaviour_seed=5, max_active_ms=60_000)  # fmt: skip
        result = run.result()
        stored = json.loads(json.dumps(result.to_dict()))
        assert stored["details_version"] == kind.details_type.VERSION == 1
        assert kind.details_type.from_dict(stored["details"]) == result.details
        assert result_from_dict(stored) == result


def test_a_key_an_older_row_lacks_reads_as_the_screens_default():
    details = VoucherDetails.from_dict({"groups": [], "score": 40})
    assert (details.score, details.points_per_group, details.consistency) == (40.0, 20, None)
    assert details.groups == ()


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"strokes": "12"}, "VoucherDetails.strokes"),
        ({"groups": {}}, "VoucherDetails.groups"),
        ({"groups": [{"total": "12,50"}]}, "VoucherDetails.groups[0].total"),
        (
            {"groups": [{"total": "1.00", "expected_total": "1.00", "submitted": 1}]},
            "VoucherDetails.groups[0].submitted",
        ),
        ({"wrong_groups": [1, "2"]}, "VoucherDetails.wrong_groups"),
        ({"score": float("nan")}, "VoucherDetails.score"),
    ],
)
def test_details_that_do_not_fit_are_refused_naming_the_key(change, where):
    with pytest.raises(DetailsError, match="^" + re.escape(where) + " should be"):
        VoucherDetails.from_dict(change)


def test_details_from_a_newer_release_are_refused():
    with pytest.raises(DetailsError, match="layout 2 is not known"):
        VoucherDetails.from_dict({}, version=2)
    stored = dict(STORED[0]["result"], details_version=2)
    with pytest.raises(DetailsError):
        result_from_dict(stored)
