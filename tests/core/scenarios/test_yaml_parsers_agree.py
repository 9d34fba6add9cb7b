"""The scenario reader parses YAML with libyaml (PyYAML's C parser) for speed and falls
back to PyYAML's own parser for a text the C one refuses (its messages name the character
and place exactly). Both must read every shipped file into the same tree, marks
included, or a problem would be reported at a different line:col than before."""

from __future__ import annotations

import pytest
import yaml

from svctrainer.core.problems import ContentError
from svctrainer.core.scenarios import marked
from svctrainer.locations import bundled_content_files

SHIPPED_YAML = [f for f in bundled_content_files() if f.suffix in (".yaml", ".yml")]


def _tree(text: str, loader: type[yaml.SafeLoader]) -> marked.MValue | None:
    node = marked._compose(text, "shipped.yaml", loader)
    problems: list = []
    value = None if node is None else marked._convert(node, "shipped.yaml", problems)
    assert problems == []
    return value


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_both_parsers_read_every_shipped_file_alike():
    assert marked._FAST_LOADER is yaml.CSafeLoader
    assert SHIPPED_YAML
    for file in SHIPPED_YAML:
        text = file.read_text(encoding="utf-8")
        assert _tree(text, yaml.CSafeLoader) == _tree(text, yaml.SafeLoader), file.name


def test_a_syntax_error_names_the_character_and_its_place_in_chinese_text():
    text = "id: 开户\ntitle: 客户\x07来了\n"
    with pytest.raises(ContentError) as refused:
        marked.parse_yaml(text, "s.yaml")
    (problem,) = refused.value.problems
    assert (problem.line, problem.col) == (2, 10)
    assert problem.message == "character 7 is not allowed"  # libyaml would say '?'
