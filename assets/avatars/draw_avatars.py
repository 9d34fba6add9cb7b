"""Draws the customer avatars in this folder: ``<portrait>-<expression>.svg``.

Run ``python assets/avatars/draw_avatars.py`` after changing a drawing; the SVGs are
committed, so the app never runs this. Friendly flat style on a 200 x 200 canvas: a
coloured rounded tile, shoulders in the customer type's clothes, a face whose brows, eyes and
mouth show one of the seven expressions of ``svctrainer.core.scenarios.mood.Expression``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
EXPRESSIONS = ("angry", "upset", "anxious", "neutral", "content", "pleased", "delighted")
INK = "#2b2d42"


@dataclass(frozen=True)
class Look:
    disc: str
    skin: str
    hair: str
    clothes: str
    collar: str  # shirt or inner layer at the neck
    hair_style: str  # short, bob, bun, bald, ponytail, messy, swept
    extras: tuple[str, ...] = ()  # glasses, tie, moustache, pearls, pocket, hood, lashes


LOOKS = {
    "default": Look("#cfe8e4", "#f2c9a0", "#5b3a29", "#2a9d8f", "#e9f5f3", "short"),
    "older-woman": Look(
        "#e6dcf2",
        "#f5d3b8",
        "#c9c9cf",
        "#9b7cc2",
        "#f4eefa",
        "bun",
        ("glasses", "lashes", "pearls"),
    ),
    "older-man": Look(
        "#f2e4cf", "#e0b48c", "#d6d6da", "#8d6e4f", "#f3ead9", "bald", ("glasses", "moustache")
    ),
    "older-woman-elegant": Look(
        "#f1e2e6",
        "#f0c8a8",
        "#dcdce2",
        "#7a2e3b",
        "#fbf3f0",
        "bob",
        ("lashes", "pearls", "earrings"),
    ),
    "middle-aged-man": Look("#e3e8ef", "#e8b48a", "#4a4036", "#5b7fa6", "#eef2f7", "receding", ()),
    "middle-aged-woman": Look(
        "#e8efe3", "#eab992", "#5a3a28", "#3f8f8a", "#f4faf9", "shoulder", ("lashes", "earrings")
    ),
    "business-man": Look("#d9e6f5", "#d9a173", "#1f1f24", "#2c3e66", "#ffffff", "short", ("tie",)),
    "business-woman": Look(
        "#f5dde0", "#f0c29b", "#3b2417", "#5c6470", "#fdf3f4", "bob", ("lashes",)
    ),
    "young-woman": Look(
        "#fde8d6", "#a86b48", "#231815", "#ef7f63", "#fde8d6", "ponytail", ("hood", "lashes")
    ),
    "young-man": Look("#dff1dc", "#f1c6a0", "#b5651d", "#4f9d5a", "#dff1dc", "messy", ("hood",)),
    "wealth-client": Look(
        "#f3ecd6", "#ecc09a", "#b7b9c2", "#30323a", "#ffffff", "swept", ("tie", "pocket")
    ),
}


def _hair_back(look: Look) -> str:
    h = look.hair
    if look.hair_style == "shoulder":
        return f'<path d="M48 90 C46 40 154 40 152 90 L156 158 C142 166 128 158 124 140 L76 140 C72 158 58 166 44 158 Z" fill="{h}"/>'  # noqa: E501
    if look.hair_style == "bob":
        return f'<path d="M50 92 C48 40 152 40 150 92 L152 138 C140 146 128 140 124 130 L76 130 C72 140 60 146 48 138 Z" fill="{h}"/>'  # noqa: E501
    if look.hair_style == "bun":
        return f'<circle cx="100" cy="36" r="18" fill="{h}"/>'
    if look.hair_style == "ponytail":
        return f'<path d="M140 70 C172 80 170 130 150 150 C158 120 150 96 136 86 Z" fill="{h}"/>'
    return ""


def _hair_front(look: Look) -> str:
    h = look.hair
    styles = {
        "short": f'<path d="M54 88 C50 46 82 34 104 36 C132 38 152 56 146 90 C140 70 128 62 108 64 C90 66 70 62 54 88 Z" fill="{h}"/>',  # noqa: E501
        "bob": f'<path d="M54 92 C50 50 80 36 102 36 C130 36 152 56 146 92 C136 70 118 58 100 58 C92 70 70 76 54 92 Z" fill="{h}"/>',  # noqa: E501
        "bun": f'<path d="M54 90 C50 50 78 40 100 40 C126 40 150 52 146 90 C140 66 120 58 100 62 C80 58 60 66 54 90 Z" fill="{h}"/>',  # noqa: E501
        "receding": f'<path d="M54 92 C50 52 76 36 100 36 C124 36 150 52 146 92 C144 76 140 66 130 62 C120 52 108 56 100 58 C92 56 80 52 70 62 C60 66 56 76 54 92 Z" fill="{h}"/><path d="M55 90 C54 80 56 72 60 68 M145 90 C146 80 144 72 140 68" stroke="#b9b9bd" stroke-width="5" fill="none" stroke-linecap="round"/>',  # noqa: E501
        "shoulder": f'<path d="M54 92 C50 50 80 36 102 36 C130 36 152 56 146 92 C140 70 124 58 108 56 C96 66 74 74 54 92 Z" fill="{h}"/>',  # noqa: E501
        "bald": f'<path d="M54 96 C52 80 56 70 62 66 C64 80 62 90 60 102 Z M146 96 C148 80 144 70 138 66 C136 80 138 90 140 102 Z" fill="{h}"/>',  # noqa: E501
        "ponytail": f'<path d="M54 90 C50 48 80 36 102 36 C128 36 150 52 146 90 C136 62 110 56 92 60 C76 64 62 72 54 90 Z" fill="{h}"/>',  # noqa: E501
        "messy": f'<path d="M52 90 C44 60 60 36 80 38 C86 26 104 28 110 36 C122 28 140 36 142 50 C154 58 152 80 146 90 C140 74 128 64 118 62 L112 70 L104 60 L92 70 L88 60 C74 62 60 70 52 90 Z" fill="{h}"/>',  # noqa: E501
        "swept": f'<path d="M54 90 C48 50 76 34 106 36 C132 38 152 56 146 88 C138 66 124 56 100 54 C88 54 76 60 70 66 C64 72 58 80 54 90 Z" fill="{h}"/><path d="M74 58 C92 46 118 46 136 60" stroke="#ffffff" stroke-opacity="0.35" stroke-width="3" fill="none"/>',  # noqa: E501
    }
    return styles[look.hair_style]


def _body(look: Look) -> str:
    parts = [
        f'<path d="M26 200 C30 160 58 144 100 144 C142 144 170 160 174 200 Z" fill="{look.clothes}"/>',  # noqa: E501
        f'<rect x="86" y="124" width="28" height="26" rx="8" fill="{look.skin}"/>',
        f'<path d="M82 146 L100 168 L118 146 C112 142 88 142 82 146 Z" fill="{look.collar}"/>',
    ]
    if "hood" in look.extras:
        parts.append(
            '<path d="M60 156 C70 146 84 142 88 146 L100 170 L112 146 C116 142 130 146 140 156" '
            'stroke="#000000" stroke-opacity="0.18" stroke-width="6" fill="none"/>'
        )
        parts.append('<path d="M92 170 L90 190 M108 170 L110 190" stroke="#ffffff" '
                     'stroke-width="3" stroke-linecap="round"/>')  # fmt: skip
    if "tie" in look.extras:
        tie = "#c0392b" if look.clothes != "#30323a" else "#b8860b"
        parts.append(f'<path d="M96 150 L104 150 L108 184 L100 194 L92 184 Z" fill="{tie}"/>')
        parts.append(
            f'<path d="M82 146 L96 176 L86 200 M118 146 L104 176 L114 200" stroke="{look.collar}" '
            'stroke-opacity="0.5" stroke-width="3" fill="none"/>'
        )
    if "pocket" in look.extras:
        parts.append('<path d="M132 172 L146 170 L144 178 L134 179 Z" fill="#e8c35a"/>')
    return "".join(parts)


def _head(look: Look) -> str:
    s = look.skin
    return (
        f'<ellipse cx="54" cy="98" rx="8" ry="11" fill="{s}"/>'
        f'<ellipse cx="146" cy="98" rx="8" ry="11" fill="{s}"/>'
        f'<ellipse cx="100" cy="92" rx="46" ry="52" fill="{s}"/>'
        '<path d="M98 100 Q95 108 100 110" stroke="#000000" stroke-opacity="0.25" '
        'stroke-width="2.5" fill="none" stroke-linecap="round"/>'
    )


# Per expression: brows (left inner/outer y offsets), eyes, mouth, extras.
def _brows(expression: str) -> str:
    inner_outer = {
        "angry": (80, 70),  # inner end low: frown
        "upset": (68, 76),  # inner end high: sad
        "anxious": (66, 72),
        "neutral": (72, 72),
        "content": (71, 72),
        "pleased": (69, 71),
        "delighted": (64, 67),
    }[expression]
    inner, outer = inner_outer
    return (
        f'<path d="M70 {outer} Q81 {min(inner, outer) - 3} 92 {inner}" stroke="{INK}" '
        'stroke-width="4" fill="none" stroke-linecap="round"/>'
        f'<path d="M130 {outer} Q119 {min(inner, outer) - 3} 108 {inner}" stroke="{INK}" '
        'stroke-width="4" fill="none" stroke-linecap="round"/>'
    )


def _eyes(expression: str) -> str:
    if expression in ("pleased", "delighted"):  # smiling eyes: upward arcs
        return "".join(
            f'<path d="M{x - 8} 92 Q{x} 82 {x + 8} 92" stroke="{INK}" stroke-width="4" '
            'fill="none" stroke-linecap="round"/>'
            for x in (81, 119)
        )
    if expression == "anxious":  # wide open
        return "".join(
            f'<ellipse cx="{x}" cy="90" rx="8" ry="9" fill="#ffffff"/>'
            f'<circle cx="{x}" cy="91" r="4" fill="{INK}"/>'
            for x in (81, 119)
        )
    if expression == "angry":  # narrowed
        return "".join(f'<ellipse cx="{x}" cy="91" rx="6" ry="4" fill="{INK}"/>' for x in (81, 119))
    if expression == "upset":  # looking down, heavy lids
        return "".join(
            f'<ellipse cx="{x}" cy="93" rx="5" ry="5.5" fill="{INK}"/>'
            f'<path d="M{x - 8} 88 Q{x} 86 {x + 8} 88" stroke="{INK}" stroke-width="2.5" '
            'fill="none" stroke-linecap="round"/>'
            for x in (81, 119)
        )
    return "".join(
        f'<ellipse cx="{x}" cy="91" rx="5" ry="6.5" fill="{INK}"/>'
        f'<circle cx="{x + 2}" cy="88.5" r="1.6" fill="#ffffff"/>'
        for x in (81, 119)
    )


def _mouth(expression: str) -> str:
    line = f'stroke="{INK}" stroke-width="4" fill="none" stroke-linecap="round"'
    mouths = {
        "angry": f'<path d="M84 128 Q100 114 116 128" {line}/>'
        f'<path d="M90 124 L110 124" stroke="#ffffff" stroke-width="3" stroke-linecap="round"/>',
        "upset": f'<path d="M86 128 Q100 118 114 128" {line}/>',
        "anxious": f'<path d="M84 124 Q88 119 92 124 T100 124 T108 124 T116 124" {line}/>',
        "neutral": f'<path d="M88 123 L112 123" {line}/>',
        "content": f'<path d="M86 120 Q100 130 114 120" {line}/>',
        "pleased": f'<path d="M82 117 Q100 136 118 117" {line}/>',
        "delighted": '<path d="M80 114 Q100 150 120 114 Z" fill="#8c2f39"/>'
        '<path d="M84 116 L116 116 L114 121 L86 121 Z" fill="#ffffff"/>'
        '<path d="M90 136 Q100 128 110 136 Q100 142 90 136 Z" fill="#e76f7b"/>',
    }
    return mouths[expression]


def _expression_extras(expression: str) -> str:
    cheeks = "".join(
        f'<ellipse cx="{x}" cy="108" rx="9" ry="6" fill="#ff7b8a" fill-opacity="0.45"/>'
        for x in (70, 130)
    )
    extras = {
        "angry": '<ellipse cx="100" cy="92" rx="46" ry="52" fill="#e63946" fill-opacity="0.16"/>'
        '<path d="M155 33 Q155 40 148 40 M163 33 Q163 40 170 40 M155 55 Q155 48 148 48 '
        'M163 55 Q163 48 170 48" stroke="#e63946" stroke-width="4" fill="none" '
        'stroke-linecap="round"/>',
        "upset": '<path d="M127 100 C124 106 124 110 127 112 C130 110 130 106 127 100 Z" '
        'fill="#6ec1f0"/>',
        "anxious": '<path d="M146 62 C140 72 140 78 146 80 C152 78 152 72 146 62 Z" '
        'fill="#8fd3f7" stroke="#4aa3d8" stroke-width="1.5"/>',
        "pleased": cheeks,
        "delighted": cheeks
        + '<path d="M160 36 l3 8 l8 3 l-8 3 l-3 8 l-3 -8 l-8 -3 l8 -3 Z" fill="#f4c430"/>'
        '<path d="M36 56 l2 5 l5 2 l-5 2 l-2 5 l-2 -5 l-5 -2 l5 -2 Z" fill="#f4c430"/>',
    }
    return extras.get(expression, "")


def _accessories(look: Look) -> str:
    parts = []
    if "lashes" in look.extras:
        parts.append(
            f'<path d="M71 86 l-4 -3 M129 86 l4 -3" stroke="{INK}" stroke-width="2.5" '
            'stroke-linecap="round"/>'
        )
    if "moustache" in look.extras:
        parts.append(
            f'<path d="M84 114 C90 106 98 108 100 112 C102 108 110 106 116 114 C108 114 104 116 '
            f'100 115 C96 116 92 114 84 114 Z" fill="{look.hair}"/>'
        )
    if "glasses" in look.extras:
        parts.append(
            '<g fill="#ffffff" fill-opacity="0.18" stroke="#5a4a3a" stroke-width="3">'
            '<circle cx="81" cy="91" r="13"/><circle cx="119" cy="91" r="13"/></g>'
            '<path d="M94 90 Q100 86 106 90 M68 89 L56 86 M132 89 L144 86" stroke="#5a4a3a" '
            'stroke-width="3" fill="none"/>'
        )
    if "earrings" in look.extras:
        parts.append(
            '<circle cx="54" cy="112" r="3.5" fill="#e8c35a"/>'
            '<circle cx="146" cy="112" r="3.5" fill="#e8c35a"/>'
        )
    if "pearls" in look.extras:
        parts.append(
            "".join(
                f'<circle cx="{x}" cy="{y}" r="3.2" fill="#fbf7ef" stroke="#d8cfc0"/>'
                for x, y in ((86, 150), (93, 154), (100, 156), (107, 154), (114, 150))
            )
        )
    return "".join(parts)


def avatar_svg(look: Look, expression: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">'
        # A rounded tile, not a clipped disc: Qt renders SVG Tiny 1.2, which has no clipPath,
        # and every shape below stays inside the tile's corners.
        f'<rect x="0" y="0" width="200" height="200" rx="28" fill="{look.disc}"/>'
        "<g>"
        + _hair_back(look)
        + _body(look)
        + _head(look)
        + _hair_front(look)
        + _brows(expression)
        + _eyes(expression)
        + _mouth(expression)
        + _expression_extras(expression)
        + _accessories(look)
        + "</g></svg>\n"
    )


def main() -> None:
    for name, look in LOOKS.items():
        for expression in EXPRESSIONS:
            (FOLDER / f"{name}-{expression}.svg").write_text(
                avatar_svg(look, expression), encoding="utf-8"
            )


if __name__ == "__main__":
    main()
