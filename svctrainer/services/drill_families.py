"""Which content items one progress chart covers: a drill's practice and test packs.

The shipped packs come in pairs, ``tenkey-amounts-practice.en`` and
``tenkey-amounts-test.en``: practice runs and the tests they lead to are one skill, and
the issue asks for both on one chart ("practice and test attempts distinguishable") with
the baseline taken from the tests. A family is therefore every content id that is the
same once a ``-practice`` or ``-test`` segment before the language suffix is removed
(``tenkey-amounts.en``), provided its members agree on kind and drill type (otherwise
each content id stays a family of its own). A pack offering both modes, and every
scenario, is simply a family of one. Every stored version of every member belongs to the
family, so a corrected pack does not start a new chart.

Test packs of different families are never mixed: tests are comparable only on the same
fixed content, which is what the baseline relies on.

One exception, a *skill*: the English and Chinese packs of one drill (``tenkey-amounts.en``
and ``tenkey-amounts.zh``) are built to the same rules and measure the same skill, so a
branch whose tellers practise in either language is compared on one skill family,
``tenkey-amounts`` (``language_skills``). The per-language families stay as they were: a
person's own charts and the customer-time figures keep using them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from svctrainer.store.models import ContentItem

_MODE_SEGMENT = re.compile(r"^(?P<stem>.+)-(?:practice|test)(?P<suffix>\.[A-Za-z][A-Za-z_-]*)?$")
_TITLE_TRIM = " \t—–-:·(（,，"
MIN_TITLE = 3


def family_key(content_id: str) -> str:
    """``tenkey-amounts-test.en`` → ``tenkey-amounts.en``; other ids unchanged."""
    match = _MODE_SEGMENT.match(content_id)
    if match is None:
        return content_id
    return match["stem"] + (match["suffix"] or "")


@dataclass(frozen=True, slots=True)
class DrillFamily:
    key: str
    title: str  # the members' common title ("Ten-key amounts"), newest versions
    kind: str  # "drill" | "scenario"
    drill_type: str | None
    language: str
    content_ids: tuple[str, ...]  # sorted
    item_ids: tuple[uuid.UUID, ...]  # every stored version of every member

    @property
    def is_scenario(self) -> bool:
        return self.kind == "scenario"


@dataclass(frozen=True, slots=True)
class _Item:
    id: uuid.UUID
    content_id: str
    version: int
    kind: str
    drill_type: str | None
    language: str
    title: str


def load_families(session: Session) -> dict[str, DrillFamily]:
    """Every family of the stored content, by key (reads only the small columns)."""
    rows = session.execute(
        select(
            ContentItem.id,
            ContentItem.content_id,
            ContentItem.version,
            ContentItem.kind,
            ContentItem.drill_type,
            ContentItem.language,
            ContentItem.title,
        )
    )
    return group_families(_Item(*row) for row in rows)


def group_families(items: Iterable[_Item]) -> dict[str, DrillFamily]:
    groups: dict[str, list[_Item]] = {}
    for item in items:
        groups.setdefault(family_key(item.content_id), []).append(item)
    families: dict[str, DrillFamily] = {}
    for key, members in groups.items():
        if len({(m.kind, m.drill_type) for m in members}) == 1:
            families[key] = _family(key, members)
            continue
        for content_id in {m.content_id for m in members}:  # disagreeing members: apart
            families[content_id] = _family(
                content_id, [m for m in members if m.content_id == content_id]
            )
    return families


_LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.[A-Za-z][A-Za-z_-]*$")


def skill_key(key: str) -> str | None:
    """``tenkey-amounts.zh`` → ``tenkey-amounts``; None for a key with no language."""
    match = _LANGUAGE_SUFFIX.match(key)
    return match["stem"] if match is not None else None


def language_skills(families: dict[str, DrillFamily]) -> dict[str, DrillFamily]:
    """Families of the same skill in several languages joined into one, by skill key,
    where they agree on kind and drill type. Its title names each language's title
    ("Ten-key amounts / 小键盘金额录入"); its ``language`` is empty (mixed)."""
    groups: dict[str, list[DrillFamily]] = {}
    for family in families.values():
        key = skill_key(family.key)
        if key is not None and key not in families:
            groups.setdefault(key, []).append(family)
    skills: dict[str, DrillFamily] = {}
    for key, members in groups.items():
        if len(members) < 2 or len({(m.kind, m.drill_type) for m in members}) != 1:
            continue
        members.sort(key=lambda m: m.key)
        skills[key] = DrillFamily(
            key=key,
            title=" / ".join(dict.fromkeys(m.title for m in members)),
            kind=members[0].kind,
            drill_type=members[0].drill_type,
            language="",
            content_ids=tuple(sorted(c for m in members for c in m.content_ids)),
            item_ids=tuple(sorted((i for m in members for i in m.item_ids), key=str)),
        )
    return skills


_TEST_PACK = re.compile(r"^.+-test(?:\.[A-Za-z][A-Za-z_-]*)?$")


def core_skills(families: dict[str, DrillFamily], tested: Iterable[str] = ()) -> list[DrillFamily]:
    """The drill skills a branch summary compares, by title: every drill family with a
    test pack (a ``-test`` content id) or with tests stored (``tested``: family keys), the
    English and Chinese families of one skill joined into their skill family
    (``language_skills``). Practice-only variants (the euro cheque wording) and scenarios
    have no baseline to gain over, so they are left out."""
    skills = language_skills(families)
    wanted = set(tested)
    chosen: dict[str, DrillFamily] = {}
    for family in families.values():
        if family.is_scenario:
            continue
        if family.key not in wanted and not any(_TEST_PACK.match(c) for c in family.content_ids):
            continue
        key = skill_key(family.key)
        skill = skills.get(key) if key is not None else None
        shown = skill or family
        chosen[shown.key] = shown
    return sorted(chosen.values(), key=lambda f: (f.title, f.key))


def _family(key: str, members: list[_Item]) -> DrillFamily:
    newest: dict[str, _Item] = {}
    for m in members:
        if m.content_id not in newest or m.version > newest[m.content_id].version:
            newest[m.content_id] = m
    ids = sorted(newest)
    titles = [newest[c].title for c in ids]
    common = _common_prefix(titles).rstrip(_TITLE_TRIM) if len(titles) > 1 else titles[0]
    first = newest[ids[0]]
    return DrillFamily(
        key=key,
        title=common if _long_enough(common) else first.title,
        kind=first.kind,
        drill_type=first.drill_type,
        language=first.language,
        content_ids=tuple(ids),
        item_ids=tuple(sorted((m.id for m in members), key=str)),
    )


def _long_enough(title: str) -> bool:
    """A common title that names the drill: 3 characters, or 2 Chinese ones (找零)."""
    if len(title) >= MIN_TITLE:
        return True
    return len(title) == MIN_TITLE - 1 and all("\u4e00" <= c <= "\u9fff" for c in title)


def _common_prefix(texts: list[str]) -> str:
    """The characters every text starts with ("Ten-key amounts — " of "… — practice" and
    "… — test")."""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]
