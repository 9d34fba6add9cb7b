"""``form_sample`` for every shipped pack: each kind can list the form a seed makes (what
``svctrainer content sample`` prints), as JSON data, and the listing is the real form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svctrainer.core.content_files import check_content_file
from svctrainer.core.drills.form_sample import form_sample
from svctrainer.core.drills.registry import start_run
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.problems import errors_only

DRILLS = Path(__file__).resolve().parents[3] / "drills"


def _pack(name: str) -> DrillDefinition:
    checked = check_content_file(DRILLS / name)
    assert not errors_only(checked.problems), checked.problems
    assert isinstance(checked.parsed, DrillDefinition)
    return checked.parsed


@pytest.mark.parametrize("name", sorted(p.name for p in DRILLS.glob("*.toml")))
def test_every_shipped_pack_lists_its_form_as_json(name):
    definition = _pack(name)
    for mode in definition.modes:
        form = form_sample(definition, 11, mode)
        assert (form["pack"], form["mode"], form["seed"]) == (definition.id, str(mode), 11)
        assert json.loads(json.dumps(form)) == form  # plain JSON data, nothing lost


def test_a_text_entry_form_is_every_passage_in_the_seeds_order():
    definition = _pack("text-entry-test.zh.toml")
    assert form_sample(definition, 1)["form"] == "fresh"
    orders = []
    for seed in range(1, 6):
        form = form_sample(definition, seed)
        run = start_run(definition, Mode.TEST, seed=seed)
        texts = [p["text"] for p in form["passages"]]
        assert texts == [p.text for p in run.passages]  # what the attempt copies
        assert all(p["characters"] == len(p["text"]) for p in form["passages"])
        orders.append(tuple(texts))
    assert len({frozenset(o) for o in orders}) == 1  # the same passages on every form
    assert len(set(orders)) > 1  # in another order


def test_a_counter_procedure_form_lists_each_customer_as_dealt():
    definition = _pack("counter-procedure-test.zh.toml")
    form = form_sample(definition, 5)
    run = start_run(definition, Mode.TEST, seed=5)
    assert len(form["customers"]) == form["item_count"]
    for index, customer in enumerate(form["customers"]):
        deal = run.deals.item(index)
        assert deal is not None
        assert customer["case"] == deal.case.id
        assert customer["cards"] == [card.label for card in deal.cards]
        for step, phrases in customer["phrases"].items():
            shown, right = deal.phrases[step]
            assert phrases == {"shown": list(shown), "right": shown[right]}
