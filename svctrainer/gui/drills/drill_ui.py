"""How the GUI shows one drill kind: its ``DrillUI``, registered once per kind and keyed
by the core ``DrillKind`` object (``gui/drills/drill_uis.py`` declares the built-in ones).

A ``DrillUI`` pairs a kind with its display name, the names of the units it introduces,
the view the drill screen shows while it runs (anything satisfying ``DrillView``) and the
section the result screen shows after it (``ResultSection``). Both are typed by the kind:
the view gets the kind's own run type and the section its own ``Details`` type, so a
field renamed in core fails type checking here instead of quietly showing 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from svctrainer.core.drills.base import DrillRun, Feedback, LiveState
from svctrainer.core.drills.details import Details
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.registry import drill_kind

R = TypeVar("R", bound=DrillRun)
D = TypeVar("D", bound=Details)


class DrillView(Protocol):
    """What the drill screen asks of a drill's view (a ``QWidget``): show the run after
    every event (``key`` is the key pressed, if any), and say whether the drill wants
    input-method text (Chinese answers) rather than plain keys."""

    def refresh(self, state: LiveState, feedback: Feedback | None, key: str | None) -> None: ...

    def wants_ime(self) -> bool: ...


def view_widget(view: DrillView) -> QWidget:
    """The widget a view is (every view is one); TypeError for a view that is not."""
    if not isinstance(view, QWidget):
        raise TypeError(f"{type(view).__name__} is not a widget")
    return view


@dataclass(frozen=True, slots=True)
class ResultTiles:
    """The result screen's tiles that depend on the kind: the Errors tile (what counts
    as an error differs: keystrokes, wrong groups, wrong answers…), the corrections made
    (its note), and the optional figures the kind has (None: the tile shows "—" or is
    left out)."""

    errors: str
    corrections: int | None = None
    consistency: float | None = None
    gross_kph: float | None = None
    cpm: float | None = None
    wpm: float | None = None


@dataclass(frozen=True, slots=True)
class ResultBody:
    """The kind's own widgets on the result screen: ``main`` below the tiles, ``left``
    below the grade table, ``right`` beside them."""

    main: QWidget | None = None
    left: tuple[QWidget, ...] = ()
    right: tuple[QWidget, ...] = ()


@dataclass(frozen=True, slots=True)
class ResultSection(Generic[D]):
    """``tiles(details)`` and ``build(details)`` from a result's typed details."""

    tiles: Callable[[D], ResultTiles]
    build: Callable[[D], ResultBody]


@dataclass(frozen=True, slots=True)
class ResultParts:
    tiles: ResultTiles
    body: ResultBody


@dataclass(frozen=True, slots=True, eq=False)
class DrillUI(Generic[R, D]):
    """One kind as the GUI shows it. ``name`` and ``unit_names`` are functions so they
    are translated when asked, in the language then chosen."""

    kind: DrillKind[R, D]
    name: Callable[[], str]
    view: Callable[[R, bool], DrillView]
    section: ResultSection[D]
    unit_names: Callable[[], Mapping[str, str]] = field(default=lambda: {})

    def make_view(self, run: DrillRun, hints: bool) -> DrillView:
        """The view of ``run`` (a run of this kind)."""
        return self.view(self.kind.run_of(run), hints)

    def result_parts(self, stored_result: Mapping[str, Any]) -> ResultParts:
        """Tiles and widgets from a stored result (``AttemptRecord.details``);
        ``DetailsError`` if its details do not fit the kind."""
        details = self.kind.stored_details(stored_result)
        return ResultParts(self.section.tiles(details), self.section.build(details))


AnyUI = DrillUI[Any, Any]
_uis: dict[DrillKind[Any, Any], AnyUI] = {}


def register_ui(ui: AnyUI) -> None:
    """Add the GUI of a kind (a plug-in brings its own); ValueError if it has one."""
    if ui.kind in _uis:
        raise ValueError(f"drill kind {ui.kind.name!r} already has a GUI")
    _uis[ui.kind] = ui


def ui_for(kind: DrillKind[Any, Any]) -> AnyUI:
    """The GUI of ``kind``; LookupError if it has none."""
    _load_builtin()
    ui = _uis.get(kind)
    if ui is None:
        raise LookupError(f"no screen for drill kind {kind.name!r}")
    return ui


def ui_named(name: str | None) -> AnyUI | None:
    """The GUI of the kind stored as ``name`` (an attempt's ``drill_type``), if any."""
    kind = drill_kind(name or "")
    if kind is None:
        return None
    _load_builtin()
    return _uis.get(kind)


def registered_uis() -> tuple[AnyUI, ...]:
    _load_builtin()
    return tuple(_uis.values())


def _load_builtin() -> None:
    # The built-in declarations import every view and section, which import the figure
    # helpers that ask this module for names: they load on first use, not at import
    # (the import registers them once; later it is a lookup in sys.modules).
    from svctrainer.gui.drills import drill_uis  # noqa: F401, PLC0415
