"""The command-line parser adds a command's options only when that command is used
(``OneLineParser.fill_later``): what a user sees and what a line means must not depend
on it."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator

import pytest

from svctrainer.cli import OneLineParser, build_parser


def _paths(parser: OneLineParser, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and action, walking a parser whose commands are filled on the way."""
    yield prefix
    for action in parser.filled()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _paths(sub, (*prefix, name))


def _help_text(parser: OneLineParser, path: tuple[str, ...]) -> str:
    for name in path:
        (action,) = (
            a for a in parser.filled()._actions if isinstance(a, argparse._SubParsersAction)
        )
        parser = action.choices[name]
    return parser.format_help()


PATHS = list(_paths(build_parser()))


def test_every_command_and_action_is_found():
    assert len(PATHS) > 60
    assert ("person", "list") in PATHS
    assert ("queue", "import") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=" ".join)
def test_help_on_the_command_line_shows_every_option(path):
    """``svctrainer … --help`` goes through argparse's own hand-over to the command's
    parser: it must print the help of the parser with all its options added."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*path, "--help"])
    assert exit_.value.code == 0
    assert out.getvalue() == _help_text(build_parser(), path)
    assert "--db URL" in out.getvalue() or not path


def test_a_command_s_options_are_parsed_where_it_is_used():
    args = build_parser().parse_args(
        ["--db", "a.sqlite3", "person", "add", "--name", "N", "--number", "E1", "--roles", "teller"]
    )
    assert (args.db, args.handler, args.name, args.number, args.roles, args.team) == (
        "a.sqlite3",
        "people:add",
        "N",
        "E1",
        "teller",
        None,
    )
    assert build_parser().parse_args(["person", "activate", "E1"]).active is True
    queue = build_parser().parse_args(["queue", "import", "f.csv", "--map", "ticket=Nr"])
    assert (queue.handler, queue.file, queue.map, queue.cv_arrival) == (
        "queue:import_",
        "f.csv",
        ["ticket=Nr"],
        "1",
    )
