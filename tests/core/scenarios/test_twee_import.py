"""Twine story -> scenario: scoring JSON after links, tags, profile, ScenarioData, and
nothing dropped."""

from __future__ import annotations

import pytest

from svctrainer.core.problems import ContentError, Severity
from svctrainer.core.scenarios.model import (
    DemandLevel,
    Gate,
    Language,
    Mood,
    Protocol,
    ProtocolStep,
    RunFlag,
    Sensitivities,
    ServqualPoints,
)
from svctrainer.core.scenarios.twee_export import export_twee
from svctrainer.core.scenarios.twee_import import import_twee, slug

SCORED = """\
:: StoryTitle
Angry complainant

:: StoryData
{"ifid": "11111111-2222-3333-4444-555555555555", "format": "Harlowe", "start": "Counter"}

:: ScenarioData
{"id": "angry-transfer", "version": 3, "language": "zh", "protocol": "LAST",
 "tiers": {"comfort_min_valence": 2}}

:: Mrs Wu [svc-profile portrait:old-lady demand:premium valence:-3 arousal:4 elapsed-time:2]
Mrs Wu, 62
Her transfer failed twice.

:: Counter [svc-limit:20 desk] {"position":"100,100"}
"Twice! Twice it failed!" She slams her passbook down.

[[I hear.->Calm]] {"id":"listen","mood":{"valence":2},"steps":["listen"],"servqual":{"empathy":2}}
[[Please take a number.->Gone]] {"flags": ["new_negative_emotion"], "feedback": "Never."}
[[Re-send it.->Calm]] {"steps": ["solve"], "if": ["id_checked"], "breaches": ["compliance"]}
[[(time runs out)->Gone]] {"timeout": true, "mood": {"valence": -1}}

:: Calm
She breathes out. [[Thank her->Happy]] for waiting.

:: Happy [svc-ending]
She smiles.

:: Gone [svc-ending svc-need-unmet]
She leaves.

:: Orphan
Nothing links here.

:: UserScript [script]
window.x = 1;
"""


@pytest.fixture(scope="module")
def scored():
    return import_twee(SCORED, "s.twee")


def test_scenario_data_and_profile(scored):
    scenario = scored.scenario
    assert (scenario.id, scenario.version, scenario.language, scenario.protocol) == (
        "angry-transfer",
        3,
        Language.ZH,
        Protocol.LAST,
    )
    assert scenario.title == "Angry complainant"
    assert scenario.tiers.comfort_min_valence == 2
    customer = scenario.customer
    assert (customer.who, customer.situation, customer.portrait, customer.demand_level) == (
        "Mrs Wu, 62",
        "Her transfer failed twice.",
        "old-lady",
        DemandLevel.PREMIUM,
    )
    assert customer.mood == Mood(-3, 4)
    assert customer.sensitivity == Sensitivities(elapsed_time=2)
    assert scenario.twine is not None
    assert scenario.twine.profile is not None
    assert scenario.twine.profile.name == "Mrs Wu"


def test_links_with_scoring_become_choices(scored):
    counter = scored.scenario.node("Counter")
    assert counter.text == '"Twice! Twice it failed!" She slams her passbook down.'
    listen, number, resend = counter.choices
    assert (listen.id, listen.text, listen.to) == (
        "listen",
        "I hear.",
        "Calm",
    )
    assert listen.effects.mood == Mood(2, 0)
    assert listen.effects.steps == (ProtocolStep.LISTEN,)
    assert listen.effects.servqual == ServqualPoints(empathy=2)
    assert (number.id, number.effects.flags, number.feedback) == (
        "c2",
        (RunFlag.NEW_NEGATIVE_EMOTION,),
        "Never.",
    )
    assert (resend.if_flags, resend.effects.breaches) == (("id_checked",), (Gate.COMPLIANCE,))
    assert counter.time_limit_s == 20
    assert counter.on_timeout is not None
    assert (counter.on_timeout.to, counter.on_timeout.effects.mood) == ("Gone", Mood(-1, 0))
    assert counter.twine is not None
    assert (counter.twine.tags, counter.twine.metadata) == (("desk",), {"position": "100,100"})


def test_inline_links_keep_their_words_in_the_text(scored):
    calm = scored.scenario.node("Calm")
    assert calm.text == "She breathes out. Thank her for waiting."
    assert [c.to for c in calm.choices] == ["Happy"]
    assert calm.twine is not None
    assert calm.twine.source is not None  # exported verbatim


def test_endings_and_unlinked_passages(scored):
    assert scored.scenario.node("Happy").ending
    gone = scored.scenario.node("Gone")
    assert gone.ending
    assert not gone.need_met
    assert scored.scenario.node("Orphan").text == "Nothing links here."
    assert scored.scenario.twine is not None
    assert [p.name for p in scored.scenario.twine.passages] == ["UserScript"]
    assert scored.scenario.twine.story_data == {
        "ifid": "11111111-2222-3333-4444-555555555555",
        "format": "Harlowe",
    }


def test_only_the_untested_flag_is_warned_about(scored):
    assert [w.message for w in scored.warnings] == [
        'flag "id_checked" is tested but no choice sets it'
    ]


def test_export_gives_the_story_back(scored):
    text = export_twee(scored.scenario).text
    assert (
        ":: Mrs Wu [svc-profile portrait:old-lady demand:premium valence:-3 arousal:4 "
        "elapsed-time:2]" in text
    )
    assert ':: Counter [svc-limit:20 desk] {"position":"100,100"}' in text
    assert "She breathes out. [[Thank her->Happy]] for waiting." in text
    assert ":: UserScript [script]\nwindow.x = 1;" in text
    assert import_twee(text, "s.twee").scenario == scored.scenario


def test_story_without_scoring_imports_unscored_with_a_warning():
    imported = import_twee(
        ":: Start\nHello [[Next]]\n\n:: Next [svc-ending]\nBye\n", "plain.twee", default_id="plain"
    )
    assert not imported.scenario.is_scored
    messages = [w.message for w in imported.warnings]
    assert any(m.startswith("no ScenarioData passage") for m in messages)
    assert any(m.startswith("no passage tagged svc-profile") for m in messages)
    assert any(m.startswith("the story carries no scoring") for m in messages)
    assert imported.scenario.id == "plain"


def errors_of(source: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        import_twee(source, "e.twee")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            ':: Start\n[[Go->End]] {"mood": {"valence": 99}}\n:: End [svc-ending]\n',
            "e.twee:2:34: mood valence must be between -10 and 10, not 99",
        ),
        (
            ':: Start\n[[Go->End]] {"mod": 1}\n:: End [svc-ending]\n',
            'e.twee:2:14: unknown key "mod" in link scoring',
        ),
        (
            ':: Start\n[[Go->End]] {"steps": ["listen"]}\n:: End [svc-ending]\n',
            'e.twee:2:24: step "listen" belongs to LAST, not HEARD',
        ),
        (
            ":: Start [svc-limit:abc]\n[[Go->End]]\n:: End [svc-ending]\n",
            "e.twee:1:11: svc-limit must be a number between 0.5 and 600, not 'abc'",
        ),
        (
            ":: Start [svc-endign]\n[[Go->End]]\n:: End [svc-ending]\n",
            'e.twee:1:11: unknown scenario tag "svc-endign"',
        ),
        (
            ":: Start [svc-ending]\n[[Go->End]]\n:: End\n",
            "e.twee:1:1: a passage tagged svc-ending has no choice links and no limit",
        ),
        (
            ':: Start\n[[t->Start]] {"timeout": true}\n',
            'e.twee:1:1: a "timeout" link needs a svc-limit:SECONDS tag',
        ),
        (
            ":: Begin\nHi\n",
            "e.twee:1:1: no start passage: set StoryData start or name a passage Start",
        ),
        (
            ':: ScenarioData\n{"id": "x", "language": "fr"}\n:: Start\n',
            'e.twee:2:25: language "fr" is not one of: en, zh',
        ),
        (
            ":: ScenarioData\n{oops}\n:: Start\n",
            'e.twee:2:2: ScenarioData is not valid JSON: expected a "quoted" key',
        ),
        (
            ":: P [svc-profile valence:9]\nWho\n:: Start\n",
            "e.twee:1:19: valence must be a number between -5 and 5, not '9'",
        ),
        (
            ":: Start\n[[a[[b->Start]]\n",
            "e.twee:2:1: link text must not contain [[ ]] or ][ (Twine link markup)",
        ),
    ],
)
def test_errors_are_located_in_the_twee_file(source, expected):
    assert any(e.startswith(expected) for e in errors_of(source)), errors_of(source)


def test_invalid_looking_json_is_a_warning_and_stays_text():
    imported = import_twee(':: Start\n[[Go->End]] {"mood": }\n:: End [svc-ending]\n', "w.twee")
    warning = next(w for w in imported.warnings if "JSON is invalid" in w.message)
    assert (warning.line, warning.col, warning.severity) == (2, 22, Severity.WARNING)
    assert imported.scenario.node("Start").text == 'Go {"mood": }'


def test_links_to_missing_passages_and_urls_stay_text():
    imported = import_twee(":: Start\n[[Nowhere]] and [[site->https://a.example]]\n", "m.twee")
    start = imported.scenario.node("Start")
    assert start.choices == ()
    assert start.text == "[[Nowhere]] and [[site->https://a.example]]"
    assert [(w.line, w.col) for w in imported.warnings if "names no passage" in w.message] == [
        (2, 1)
    ]


def test_passage_names_that_cannot_be_ids_are_kept_for_export():
    source = ":: Start\n[[Go->A|B]]\n\n:: A|B [svc-ending]\nEnd\n\n:: Start\nSecond start\n"
    imported = import_twee(source, "n.twee")
    ids = [n.id for n in imported.scenario.nodes]
    assert ids == ["Start", "A_B", "Start 2"]
    assert imported.scenario.node("Start").choices[0].to == "A_B"
    renamed = imported.scenario.node("A_B")
    assert renamed.twine is not None
    assert renamed.twine.name == "A|B"
    text = export_twee(imported.scenario).text
    assert ":: A|B [svc-ending]" in text
    assert "[[Go->A|B]]" in text
    assert import_twee(text, "n.twee").scenario == imported.scenario


def test_slug_of_file_names():
    assert slug("Angry Customer (v2).twee") == "angry-customer-v2-twee"
    assert slug("客户") == "imported-story"
