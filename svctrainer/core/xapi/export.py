"""Write statements as one JSON array file, the form LRS import tools and the xAPI
statements endpoint (POST of an array) take.

One statement per line inside the array: still a single JSON document, but a file of
100 000 statements can be diffed, grepped and split. UTF-8 without escaping (Chinese
titles stay readable); NaN and infinities are refused, as JSON has none. The file is
written next to its destination and renamed into place, so a crash or a statement that
fails validation never leaves a half-written export behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from svctrainer.core.output_files import output_file
from svctrainer.core.xapi.validation import validate_statement


class InvalidStatementError(ValueError):
    """A statement failed validation; nothing was written."""

    def __init__(self, index: int, problems: list[str]) -> None:
        self.index = index
        self.problems = problems
        super().__init__(f"statement {index} is not valid xAPI: {'; '.join(problems)}")


def write_statements(
    out: TextIO,
    statements: Iterable[Mapping[str, Any]],
    *,
    validate: bool = True,
) -> int:
    """Write ``statements`` to ``out`` as a JSON array; returns how many were written.

    With ``validate`` (default) each statement is checked by ``validate_statement`` first
    and ``InvalidStatementError`` stops the export: the caller writes into a temporary
    file (``core.output_files``) and puts it in place only when this returns.
    """
    count = 0
    out.write("[")
    for statement in statements:
        if validate:
            problems = validate_statement(statement)
            if problems:
                raise InvalidStatementError(count, problems)
        text = json.dumps(statement, ensure_ascii=False, allow_nan=False, sort_keys=True)
        out.write(("\n" if count == 0 else ",\n") + text)
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_statements_file(
    path: str | os.PathLike[str], statements: Iterable[Mapping[str, Any]], *, validate: bool = True
) -> int:
    """``write_statements`` into ``path``, replaced only when every statement is written."""
    with output_file(path) as out:
        return write_statements(
            out.text(encoding="utf-8", newline="\n"), statements, validate=validate
        )
