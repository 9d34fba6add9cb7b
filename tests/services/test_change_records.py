"""Every service write says what it changes; the records combine and match as pages need."""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest
from test_role_matrix import _service_classes

from svctrainer.services.changes import (
    ASSIGNMENTS,
    ATTEMPTS,
    CONTENT,
    DATABASE,
    HAND_COUNTS,
    NOTHING_SHOWN,
    PEOPLE,
    RESULTS,
    SETTINGS,
    TEAMS,
    Changes,
    changes_of,
    writes,
)


def _writing_methods(cls: type) -> set[str]:
    """Public methods that open a write transaction, themselves or through a private
    method of the same class (``_audited``, ``_store``…)."""
    bodies = {}
    for name, member in vars(cls).items():
        function = inspect.unwrap(member) if inspect.isfunction(member) else None
        if function is not None:
            bodies[name] = ast.parse(textwrap.dedent(inspect.getsource(function)))

    def calls(tree: ast.AST) -> set[str]:
        return {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }

    writing = {name for name, tree in bodies.items() if "writing" in calls(tree)}
    grew = True
    while grew:  # a method that calls a writing helper writes too
        more = {n for n, tree in bodies.items() if calls(tree) & writing} - writing
        writing |= more
        grew = bool(more)
    return {name for name in writing if not name.startswith("_")}


@pytest.mark.parametrize("service", sorted(_service_classes()))
def test_every_write_declares_what_it_changes(service):
    cls = _service_classes()[service]
    undeclared = []
    for name in sorted(_writing_methods(cls)):
        try:
            changes_of(getattr(cls, name))
        except TypeError:
            undeclared.append(f"{service}.{name}")
    assert undeclared == [], "mark these with @writes(…)"


def test_the_checker_sees_writes_through_helpers():
    from svctrainer.services.reports import ReportService

    assert {"attempts_csv", "xapi", "record_pdf"} <= _writing_methods(ReportService)


def test_declared_records_of_some_writes(services):
    people, attempts = services.people, services.attempts
    assert changes_of(people.edit_person) == PEOPLE | TEAMS
    assert changes_of(attempts.record_drill) == ATTEMPTS
    assert changes_of(services.hand_count.record) == HAND_COUNTS
    assert changes_of(services.database.restore) == DATABASE
    assert changes_of(services.content.import_checked) == CONTENT
    assert changes_of(services.assignments.cancel) == ASSIGNMENTS
    assert changes_of(services.settings.set_transaction_mix) == SETTINGS
    with pytest.raises(TypeError, match="not a service write"):
        changes_of(people.list_people)


def test_records_combine_and_say_whom_they_concern():
    combined = PEOPLE | TEAMS
    assert combined == Changes(people=True, teams=True)
    assert combined.areas == ("people", "teams")
    assert combined.touches(TEAMS | CONTENT)
    assert not combined.touches(RESULTS)
    assert ATTEMPTS.touches(RESULTS)
    assert HAND_COUNTS.touches(RESULTS)
    assert DATABASE.touches(CONTENT)
    assert DATABASE.touches(SETTINGS)
    assert not NOTHING_SHOWN.touches(RESULTS | PEOPLE)
    assert NOTHING_SHOWN.areas == ()
    with pytest.raises(AttributeError):
        PEOPLE.people = False  # type: ignore[misc] # frozen: a broadcast cannot be edited


def test_marking_keeps_the_method_itself():
    @writes(CONTENT)
    def store(value: int) -> int:
        return value * 2

    assert store(21) == 42
    assert changes_of(store) == CONTENT
