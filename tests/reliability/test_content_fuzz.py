"""10,000+ generated and mutated content files through every importer.

Shipped drill packs, scenarios and Twine stories are mutated (bytes flipped, lines
dropped, duplicated or swapped, values replaced, files cut short, junk inserted) and fed
to ``content check``'s checker and the Twee importer. None may raise anything; every
problem must name the file and a line (0 only for whole-file problems); and a rejected
import must leave the database exactly as it was.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select

from svctrainer.core.content_files import check_content_bytes
from svctrainer.core.problems import ContentError, Severity
from svctrainer.core.scenarios.twee_import import import_twee
from svctrainer.services.actor import Actor
from svctrainer.store.models import AuditLog, ContentItem

ROOT = Path(__file__).resolve().parents[2]
TWINE = ROOT.parent / "shared" / "twine-stories"
FILES_PER_SEED = {".toml": 5200, ".yaml": 3800, ".twee": 1200}
JUNK = [
    b"\x00", b"\xff\xfe", b"[[", b"]]", b"{", b"}", b"::", b"= ", b'"', b"'", b"\n- ",
    b": &a *a", b"!!python/object:os.system", b"1e999", b"-0", b"9" * 40, b"\t", b"\r\n",
    "名".encode(),
]  # fmt: skip


def _seeds() -> dict[str, list[tuple[str, bytes]]]:
    seeds: dict[str, list[tuple[str, bytes]]] = {".toml": [], ".yaml": [], ".twee": []}
    for path in sorted((ROOT / "drills").glob("*.toml")):
        seeds[".toml"].append((path.name, path.read_bytes()))
    for path in sorted((ROOT / "drills" / "scenarios").glob("*.yaml")):
        seeds[".yaml"].append((path.name, path.read_bytes()))
    if TWINE.is_dir():
        for path in sorted(TWINE.glob("*.twee")):
            seeds[".twee"].append((path.name, path.read_bytes()))
    own = (
        b':: StoryTitle\nT\n\n:: Start [a b] {"position":"1,1"}\n'
        b"Hi [[Go->Next]] [[B<-Back]]\n\n:: Next\n[[Start]]\n\n:: B\\[x\\]\nend\n"
    )
    seeds[".twee"].append(("own.twee", own))
    return seeds


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        if kind == 0 and data:
            pos = rng.randrange(len(data))
            data = data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1 :]
            lines = data.split(b"\n")
        elif kind == 1 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif kind == 2 and lines:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif kind == 3 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 4 and lines:
            i = rng.randrange(len(lines))
            if b"=" in lines[i] or b":" in lines[i]:
                sep = b"=" if b"=" in lines[i] else b":"
                lines[i] = lines[i].split(sep, 1)[0] + sep + b" " + rng.choice(JUNK)
        elif kind == 5:
            data = b"\n".join(lines)
            lines = data[: rng.randrange(len(data) + 1)].split(b"\n")
        elif kind == 6 and lines:
            i = rng.randrange(len(lines))
            lines[i] = lines[i] + rng.choice(JUNK)
        elif kind == 7:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(JUNK) * rng.randint(1, 3))
        data = b"\n".join(lines)
    return data


def _check_problems(label: str, problems: list) -> None:
    for p in problems:
        assert p.path == label
        assert p.line >= 0
        assert p.col >= 0
        assert p.message
        if p.severity is Severity.ERROR and p.line == 0:
            # Only whole-file problems may lack a line.
            assert any(
                w in p.message for w in ("bytes", "limit", "empty", "read", "kind of file")
            ), p


@pytest.mark.slow
def test_ten_thousand_mutated_files_never_crash_and_always_point_at_a_line(figure):
    rng = random.Random(7_700)
    seeds = _seeds()
    checked = 0
    rejected = 0
    for suffix, count in FILES_PER_SEED.items():
        if not seeds[suffix]:
            continue
        for n in range(count):
            name, original = seeds[suffix][n % len(seeds[suffix])]
            data = mutate(original, rng)
            label = f"fuzz/{n}-{name}"
            if suffix == ".twee":
                try:
                    imported = import_twee(data, label)
                except ContentError as exc:
                    _check_problems(label, exc.problems)
                    rejected += 1
                else:
                    _check_problems(label, list(imported.warnings))
            else:
                result = check_content_bytes(label, data)
                _check_problems(label, result.problems)
                rejected += not result.ok
            checked += 1
    assert checked >= 10_000
    assert rejected > checked // 4  # the mutations really do break files
    figure(f"content fuzz: {checked} files checked, {rejected} rejected, every problem located")


@pytest.mark.slow
def test_rejected_imports_leave_the_database_unchanged(services, tmp_path, figure):
    rng = random.Random(99)
    seeds = _seeds()
    pool = seeds[".toml"] + seeds[".yaml"]

    def counts() -> tuple[int, int]:
        with services.db.reading() as session:
            return (
                session.scalar(select(func.count()).select_from(ContentItem)),
                session.scalar(select(func.count()).select_from(AuditLog)),
            )

    before = counts()
    tried = 0
    while tried < 300:
        name, original = pool[rng.randrange(len(pool))]
        data = mutate(original, rng)
        checked = check_content_bytes(name, data)
        if checked.ok:
            continue
        path = tmp_path / name
        path.write_bytes(data)
        outcomes = services.content.import_files(Actor.command_line(), [path])
        assert [o.status for o in outcomes] == ["rejected"]
        tried += 1
    assert counts() == before
    figure(f"rejected imports: {tried} bad files imported, database unchanged")
