"""The form a drill pack makes for a seed, for ``svctrainer content sample`` and anyone
previewing a paper: from a pack file (checked first, nothing stored) or from a stored
content id (its newest version, what trainees are given).

Why through the services: the CLI never reads below them, and a stored pack's preview
is a read of the database that needs the same role check as its catalogue entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from svctrainer.core.content_files import check_content_file
from svctrainer.core.drills.form_sample import form_sample
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.problems import errors_only
from svctrainer.services.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from svctrainer.services.actor import Actor
    from svctrainer.store.database import Database


def sample_file(path: Path, seed: int, mode: str | None = None) -> dict[str, Any]:
    """The form of the pack in ``path`` for ``seed``; InvalidInputError naming the first
    problem (``file:line:col: …``) when the file is not a valid drill pack, or the seed
    or mode does not fit it."""
    checked = check_content_file(path)
    errors = errors_only(checked.problems)
    if errors:
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise InvalidInputError("pack", f"{errors[0]}{more}")
    if not isinstance(checked.parsed, DrillDefinition):
        raise InvalidInputError("pack", f"{path} is not a drill pack")
    return _sample(checked.parsed, seed, mode)


class FormSamples:
    """Forms of stored packs (the newest version of a content id)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def sample(
        self, actor: Actor, content_id: str, seed: int, mode: str | None = None
    ) -> dict[str, Any]:
        # The database's modules load here, not with the module: a pack file's form
        # (``sample_file``, ``svctrainer content sample FILE``) needs none of them.
        from sqlalchemy import select  # noqa: PLC0415

        from svctrainer.core.roles import Permission  # noqa: PLC0415
        from svctrainer.services.access import authorize  # noqa: PLC0415
        from svctrainer.services.content import parse_stored  # noqa: PLC0415
        from svctrainer.store.models import ContentItem  # noqa: PLC0415

        with self._db.reading() as session:
            authorize(session, actor, Permission.PRACTISE)
            item = session.scalar(
                select(ContentItem)
                .where(ContentItem.content_id == content_id, ContentItem.kind == "drill")
                .order_by(ContentItem.version.desc())
                .limit(1)
            )
            if item is None:
                raise NotFoundError(f"no drill pack {content_id!r} is stored")
            name, text, version = item.source_name, item.source_text, item.version
            label = f"{item.content_hash[:12]}/{name}"
        definition = parse_stored(label, text)
        if not isinstance(definition, DrillDefinition):
            raise InvalidInputError("pack", f"{content_id} is not a drill pack")
        return {**_sample(definition, seed, mode), "version": version}


def _sample(definition: DrillDefinition, seed: int, mode: str | None) -> dict[str, Any]:
    if mode is not None and mode not in tuple(Mode):
        raise InvalidInputError("mode", f"mode must be practice or test, not {mode!r}")
    try:
        return form_sample(definition, seed, None if mode is None else Mode(mode))
    except ValueError as exc:
        raise InvalidInputError("seed" if "seed" in str(exc) else "mode", str(exc)) from None
