"""Customer names for data-entry drills: Latin names (en packs) and Chinese names (zh
packs, typed through the system input method, one stroke per committed character).

The lists are common given names and surnames, mixed freely; any match with a real person
is coincidence.
"""

from __future__ import annotations

from enum import StrEnum

from svctrainer.core.drills.seeded_random import SeededRandom

LATIN_GIVEN = (
    "Adam", "Alice", "Anna", "Carlos", "Chloe", "Claire", "Daniel", "David", "Elena", "Emma",
    "Erik", "Eva", "Fatima", "Grace", "Hannah", "Henry", "Ingrid", "James", "Jan", "Julia",
    "Laura", "Liam", "Lucia", "Lukas", "Marco", "Martin", "Mary", "Mia", "Noah", "Nora",
    "Oliver", "Peter", "Pierre", "Samuel", "Sarah", "Sophie", "Thomas", "Tom", "Yusuf", "Zoe",
)  # fmt: skip
LATIN_FAMILY = (
    "Andersen", "Bakker", "Becker", "Bernard", "Bianchi", "Brown", "Clarke", "Davies",
    "de Vries", "Dubois", "Fischer", "Garcia", "Hughes", "Jansen", "Johnson", "Jones",
    "Kelly", "Khan", "Kowalski", "Larsen", "Lopez", "Martin", "Martinez", "Miller",
    "Murphy", "Nielsen", "Novak", "Nowak", "O'Brien", "Patel", "Rossi", "Russo",
    "Schmidt", "Schneider", "Smith", "Taylor", "Wagner", "Weber", "Williams", "Wilson",
)  # fmt: skip
CHINESE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
CHINESE_GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚兰华玲建国文辉红飞鹏婷慧宇欣浩晨雪佳俊"


class NameStyle(StrEnum):
    LATIN = "latin"  # "Anna Schmidt"
    CHINESE = "chinese"  # "张伟", "李秀英": surname + one or two given characters


def generate_name(rng: SeededRandom, style: NameStyle) -> str:
    if style is NameStyle.CHINESE:
        given_length = 1 if rng.below(5) < 2 else 2  # about 40 % single-character names
        given = "".join(rng.choice(CHINESE_GIVEN) for _ in range(given_length))
        return rng.choice(CHINESE_SURNAMES) + given
    return f"{rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_FAMILY)}"
