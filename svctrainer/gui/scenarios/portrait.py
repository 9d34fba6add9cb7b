"""The customer's portrait: ``assets/avatars/<portrait>-<expression>.svg``.

Drawn sets (``assets/avatars/draw_avatars.py``): default, older-woman, older-man,
older-woman-elegant, middle-aged-man, middle-aged-woman, business-man, business-woman,
young-woman, young-man, wealth-client. Scenario authors name a portrait freely; a name we
have no drawing for is matched to the nearest customer type by its words
(older/elderly/senior, middle, business/shop, young/student, wealth/vip/elegant;
woman/man), else ``default``. The expression comes from the mood
(``core.scenarios.mood.expression_for``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from svctrainer.core.scenarios.mood import Expression
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.scenarios.wording import expression_name
from svctrainer.locations import bundled_dir

DEFAULT_PORTRAIT = "default"
_TYPE_WORDS = (  # (set for a man, set for a woman, cues)
    ("wealth-client", "older-woman-elegant", ("wealth", "vip", "rich", "premium", "elegant")),
    ("older-man", "older-woman", ("elder", "older", "old", "senior", "grand", "retire")),
    ("middle-aged-man", "middle-aged-woman", ("middle",)),
    ("business-man", "business-woman", ("business", "shop", "owner", "boss", "executive")),
    ("young-man", "young-woman", ("young", "student", "teen", "youth", "girl", "boy")),
)
_WOMAN_WORDS = ("woman", "women", "lady", "female", "mrs", "ms", "grandma", "girl", "mother")


def avatar_folder() -> Path:
    return bundled_dir("assets") / "avatars"


@cache
def portrait_set(portrait: str) -> str:
    """The avatar set drawn for ``portrait`` (an exact name, else the nearest type)."""
    folder = avatar_folder()
    if (folder / f"{portrait}-{Expression.NEUTRAL.value}.svg").is_file():
        return portrait
    words = portrait.lower().replace("_", "-").split("-")
    woman = any(w in _WOMAN_WORDS for w in words)
    for for_man, for_woman, cues in _TYPE_WORDS:
        if any(w.startswith(cue) for w in words for cue in cues):
            name = for_woman if woman else for_man
            if (folder / f"{name}-{Expression.NEUTRAL.value}.svg").is_file():
                return name
    return DEFAULT_PORTRAIT


def avatar_path(portrait: str, expression: Expression) -> Path:
    return avatar_folder() / f"{portrait_set(portrait)}-{expression.value}.svg"


@cache
def _renderer(path: Path) -> QSvgRenderer:
    return QSvgRenderer(str(path))


class PortraitWidget(QWidget):
    """Draws the avatar square, as large as the widget allows."""

    def __init__(
        self, portrait: str, expression: Expression, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerPortrait")
        self._portrait = portrait
        self.expression = expression
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(96, 96)
        self.set_expression(expression)

    def set_expression(self, expression: Expression) -> None:
        self.expression = expression
        text = fill(
            translate("scenarios", "The customer looks %1"), expression_name(expression.value)
        )
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        side = min(self.width(), self.height())
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer = _renderer(avatar_path(self._portrait, self.expression))
        if renderer.isValid():
            renderer.render(painter, box)
        else:  # a missing drawing must not break the conversation
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.toolTip())
        painter.end()
