"""``svctrainer scenario check|import-twee|export-twee`` as trainers run them."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

import pytest

from svctrainer.core.scenarios.loader import load_scenario_file
from svctrainer.core.scenarios.model import Scenario

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "drills" / "scenarios" / "sample-queue-wait.en.yaml"
TWINE_STORIES = REPO.parent / "shared" / "twine-stories"

PLANTED = """\
id: planted
title: Planted defects
language: en
customer:
  who: Test customer
start: desk
nodes:
  - id: desk
    text: Hello.
    choices:
      - {id: fine, text: Serve well, to: done, flags: [praise, anticipate], mood: {valence: 2}}
      - {id: stuck_path, text: Wander off, to: stuck}
      - {id: loop_path, text: Go round, to: loop_a}
      - {id: vip_path, text: VIP only, to: vip_lounge, if: [vip_verified]}
  - id: stuck
    text: Nothing happens.
  - id: loop_a
    text: Round we go.
    choices:
      - {id: go_on, text: Again, to: loop_b}
  - id: loop_b
    text: And again.
    choices:
      - {id: back, text: Back, to: loop_a}
  - id: orphan
    text: Nobody comes here.
    choices:
      - {id: leave, text: Leave, to: done}
  - id: vip_lounge
    text: Nobody is ever verified as a VIP.
    choices:
      - {id: leave, text: Leave, to: done}
  - id: done
    text: Bye.
    ending: true
"""


def _line_of(text: str, needle: str) -> int:
    """The line where the node ``- id: <needle>`` starts."""
    return next(
        i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == f"- {needle}"
    )


def test_check_finds_planted_defects(cli, tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    result = cli("scenario", "check", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout.splitlines()
    expected = [
        f'{path}:{_line_of(PLANTED, "id: stuck")}:5: node "stuck" is a dead end',
        f"{path}:{_line_of(PLANTED, 'id: loop_a')}:5: loop without exit: no ending reachable "
        'from "loop_a", "loop_b"',
        f'{path}:{_line_of(PLANTED, "id: orphan")}:5: warning: node "orphan" is unreachable',
        f'{path}:{_line_of(PLANTED, "id: vip_lounge")}:5: warning: node "vip_lounge" is never '
        "reached",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in out), (start, out)
    assert any("vip_verified" in line and line.startswith(f"{path}:") for line in out), out
    assert "ending 'done': best delight, score 90" in out
    assert "best tier reachable: delight" in out
    assert out[-1].endswith("0 reach the top through a mistake")
    assert result.stderr.strip() == f"svctrainer: {path}: 2 error(s)"
    assert "Traceback" not in result.stderr


def test_check_reports_the_best_tier_of_every_ending(cli):
    result = cli("scenario", "check", str(SAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "ending 'walks_out': best not_met, score 0",
        "ending 'leaves_flat': best satisfaction, score 66",
        "ending 'leaves_thanking': best comfort, score 85",
        "ending 'leaves_delighted': best delight, score 100",
        "best tier reachable: delight",
    ]
    assert lines[5:8] == [
        "ending 'walks_out': not_met 0 at best, not_met 0 at worst",
        "ending 'leaves_flat': satisfaction 66 at best, not_met 0 at worst",
        "ending 'leaves_thanking': comfort 85 at best, not_met 0 at worst",
    ]
    assert lines[-1] == "1730 path(s) scored; 0 reach the top through a mistake"


def test_check_json_gives_each_ending_its_range_and_no_warning_when_sound(cli, tmp_path):
    # a required step written as a breach on the choice that skips it: the path through
    # it earns more points but is capped at not met, so the JSON shows the range per
    # ending and an empty warning list
    text = PLANTED_SOUND
    path = tmp_path / "sound.en.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("scenario", "check", "--json", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "sound"
    assert data["warnings"] == []
    assert data["endings"] == [
        {
            "id": "done",
            # the skipped purpose question earned more SERVQUAL points (3 against 2), so
            # the best path is 90 + round(2/3 * 10) = 97; the breach caps it at not met
            "best": {"tier": "delight", "score": 97, "choices": ["ask_purpose", "serve"]},
            "worst": {"tier": "not_met", "score": 39, "choices": ["skip_purpose", "serve"]},
        }
    ]


PLANTED_SOUND = """\
id: sound
title: A required step
language: en
customer:
  who: Test customer
start: desk
nodes:
  - id: desk
    text: Send 20,000 to a new payee, please.
    choices:
      - {id: ask_purpose, text: "May I ask what it is for?", to: payee, servqual: {assurance: 1}}
      - {id: skip_purpose, text: "Certainly.", to: payee, servqual: {responsiveness: 2},
         breaches: [compliance]}
  - id: payee
    text: It's for my builder.
    choices:
      - {id: serve, text: "Thank you; here is the receipt.", to: done, mood: {valence: 2},
         servqual: {empathy: 1}, flags: [praise, anticipate]}
  - id: done
    text: She leaves.
    ending: true
"""


def test_check_warns_when_delight_is_out_of_reach(cli, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "flags: [anticipate, praise]", "flags: [praise]"
    )
    path = tmp_path / "no-delight.en.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("scenario", "check", str(path))
    assert result.returncode == 0  # a warning, not an error
    assert f"{path}:1:1: warning: no run reaches delight" in result.stdout.splitlines()
    assert "best tier reachable: comfort" in result.stdout


def _stripped(scenario: Scenario) -> Scenario:
    """The scenario without the Twine extras an import adds (positions, ifid, ...)."""
    nodes = tuple(replace(n, twine=None) for n in scenario.nodes)
    return replace(scenario, twine=None, nodes=nodes)


def test_round_trip_yaml_twee_yaml_keeps_every_node_choice_and_score(cli, tmp_path):
    twee, back = tmp_path / "sample.twee", tmp_path / "sample-back.yaml"
    exported = cli("scenario", "export-twee", str(SAMPLE), "-o", str(twee))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert exported.stdout.strip() == f"wrote {twee}: 13 passages"
    imported = cli("scenario", "import-twee", str(twee), "-o", str(back))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert imported.stdout.strip().endswith(f"wrote {back}: 13 nodes, 20 choices")
    original = load_scenario_file(SAMPLE).scenario
    again = load_scenario_file(back).scenario
    assert _stripped(again) == _stripped(original)
    assert [n.id for n in again.nodes] == [n.id for n in original.nodes]
    for before, after in zip(original.nodes, again.nodes, strict=True):
        assert after.choices == before.choices  # ids, texts, targets, effects, feedback
        assert (after.time_limit_s, after.on_timeout) == (before.time_limit_s, before.on_timeout)
    # ... and the scores a trainer sees are the same.
    checked = [cli("scenario", "check", str(p)).stdout for p in (SAMPLE, back)]
    assert checked[0] == checked[1]


# Story passages and links naming a passage, from SOURCES.md: real-1 has 21 [[Target]] links;
# real-2 has 123 pipe links of which 43 aim at the six targets that name no passage
# (`"Hilfe"`, `passage()`, ...: SugarCube expressions, kept as text); real-3 has 30 links
# of which 2 are URLs.
@pytest.mark.parametrize(
    ("name", "passages", "choices"), [("real-1", 22, 21), ("real-2", 62, 80), ("real-3", 14, 28)]
)
def test_real_twine_stories_import(cli, tmp_path, name, passages, choices):
    story = TWINE_STORIES / f"{name}.twee"
    if not story.is_file():
        pytest.skip(f"{story} is absent (the shared Twine stories live outside the repository)")
    out = tmp_path / f"{name}.yaml"
    result = cli("scenario", "import-twee", str(story), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"{story}:1:1: warning: the story carries no scoring" in "\n".join(lines)
    assert all(line.startswith(f"{story}:") for line in lines[:-1]), lines
    assert lines[-1].startswith(f"wrote {out}: {passages} nodes, {choices} choices (unscored)")
    assert lines[-1].split(", ")[-1].endswith("warning(s)")
    assert len(load_scenario_file(out).scenario.nodes) == passages  # no passage dropped
    twee = tmp_path / f"{name}-again.twee"
    exported = cli("scenario", "export-twee", str(out), "-o", str(twee))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert twee.read_text(encoding="utf-8").count("\n:: ") + 1 >= passages


SHIPPED = sorted((REPO / "drills" / "scenarios").glob("*.yaml"))
TIERS = ("not_met", "satisfaction", "comfort", "delight")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_scenario_check_passes_every_shipped_file_with_a_path_to_each_tier(capsys, path):
    """What a trainer sees running ``svctrainer scenario check`` on each shipped file (en
    and zh): no finding, and among the endings' best runs every tier. The command's own
    handler is called in-process (the subprocess path is tested above), which keeps this
    to milliseconds per file."""
    from svctrainer.commands.scenarios import check

    assert check(argparse.Namespace(path=str(path), json=True)) == 0
    out = capsys.readouterr()
    assert out.err == ""
    data = json.loads(out.out)
    assert data["problems"] == []  # no finding
    assert data["warnings"] == []  # no path reaches the top through a mistake
    best = {e["best"]["tier"] for e in data["endings"] if e["best"] is not None}
    assert best == set(TIERS), data["endings"]
    assert max(e["best"]["score"] for e in data["endings"]) == 100


def test_an_existing_output_is_only_overwritten_with_force(cli, tmp_path):
    twee = tmp_path / "edited-in-twine.twee"
    twee.write_text("my edits\n", encoding="utf-8")
    refused = cli("scenario", "export-twee", str(SAMPLE), "-o", str(twee))
    assert refused.returncode == 1
    assert refused.stderr == f"svctrainer: {twee} exists; add --force to overwrite it\n"
    assert twee.read_text(encoding="utf-8") == "my edits\n"
    forced = cli("scenario", "export-twee", str(SAMPLE), "-o", str(twee), "--force")
    assert forced.returncode == 0
    assert twee.read_text(encoding="utf-8").startswith(":: StoryTitle\n")

    yaml_out = tmp_path / "kept.yaml"
    yaml_out.write_text("id: keep-me\n", encoding="utf-8")
    refused = cli("scenario", "import-twee", str(twee), "-o", str(yaml_out))
    assert refused.returncode == 1
    assert yaml_out.read_text(encoding="utf-8") == "id: keep-me\n"
    forced = cli("scenario", "import-twee", str(twee), "-o", str(yaml_out), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert load_scenario_file(yaml_out).scenario.id == "sample-queue-wait"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


@pytest.mark.parametrize(
    "case",
    [
        ("check", "bad.yaml", b"id: x\ntitle: [oops\n", ":3:1: YAML syntax"),
        ("check", "bad.yaml", b"id: x\ntitle: \xff\n", ":2:8: not UTF-8"),
        ("check", "bad.yaml", b"id: Bad Id\n", ":1:5:"),
        ("export-twee", "bad.yaml", b"id: x\ntitle: [oops\n", ":3:1: YAML syntax"),
        ("import-twee", "bad.twee",
         b":: Start [svc-bogus]\nHi [[there->End]]\n\n:: End [svc-ending]\nBye\n",
         ':1:11: unknown scenario tag "svc-bogus"'),
        ("import-twee", "bad.twee", b":: Start\n\xfe\n", ":2:1: not UTF-8"),
    ],
)  # fmt: skip
def test_bad_files_give_path_line_col_and_exit_1(cli, tmp_path, case):
    command, name, content, expected = case
    path = tmp_path / name
    path.write_bytes(content)
    args = ["scenario", command, str(path)]
    out = tmp_path / "out.file"
    if command != "check":
        args += ["-o", str(out)]
    result = cli(*args)
    assert result.returncode == 1
    assert any(line.startswith(f"{path}{expected}") for line in result.stdout.splitlines()), (
        result.stdout
    )
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_file_and_usage_errors(cli, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = cli("scenario", "check", str(missing))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{missing}:0:0: cannot read")
    result = cli("scenario", "import-twee", str(tmp_path / "nope.twee"), "-o", str(missing))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'nope.twee'}:0:0: cannot read")
    for args in (
        ("scenario",),
        ("scenario", "import-twee", str(SAMPLE)),  # no -o
        ("scenario", "export-twee", "-o", "x.twee"),  # no input
        ("scenario", "frobnicate"),
    ):
        usage = cli(*args)
        assert usage.returncode == 2, args
        assert len(usage.stderr.splitlines()) == 1
        assert usage.stderr.startswith("svctrainer scenario")


def test_a_tangled_scenario_is_refused_by_content_check_and_import(cli, tmp_path):
    """It passed content check, then froze the workstation when a run was saved."""
    import sys as _sys
    from pathlib import Path as _Path

    _sys.path.insert(0, str(_Path(__file__).resolve().parents[1] / "core" / "scenarios"))
    from tangled_scenario import tangled_scenario_yaml

    path = tmp_path / "tangled.yaml"
    path.write_bytes(tangled_scenario_yaml())
    for command in (["content", "check"], ["content", "import"], ["scenario", "check"]):
        db = ["--db", str(tmp_path / "t.sqlite3")] if command[1] == "import" else []
        result = cli(*command, str(path), *db)
        assert result.returncode == 1, command
        assert f"{path}:17:3: the scenario is too tangled to analyse" in result.stdout, command
