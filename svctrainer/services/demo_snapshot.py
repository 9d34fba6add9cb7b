"""The demo snapshot shipped with each release: six months of simulated practice, made
once by the maintainers instead of on every new computer.

Building the demo branch plays every attempt keystroke by keystroke through the real
engines: about a minute of CPU, three minutes on a busy two-core machine. A newcomer
should see the demo in seconds, so the built database travels with the release as
``assets/demo/demo-snapshot.sqlite3.gz`` (its secondary indexes left out, rebuilt on
unpacking) with a manifest saying what it was built from. gzip, not xz (format 1): the
file is 11 MB instead of 9, but unpacks in 0.14 s of CPU instead of 0.62, which a new
computer's ``gui --demo`` spends before its sign-in list can fill (issue 17: within 2 s
of the window).
On first use it is unpacked into the cache folder, where ``services.demo`` copies it
exactly as it copies a snapshot built on this computer.

The manifest's ``content_key`` covers the shipped drill packs and scenarios and the
schema revision, ``generator_key`` the modules that plan the demo (its people, its
history, its extras). When either differs, the shipped file is not used (the demo is
built here, as before) and a test fails until the maintainers rebuild it with::

    .venv/bin/python packaging/demo_snapshot.py

The engines that score the history are checked another way: a test rescores the shipped
attempts and fails if a scoring change made them disagree with their stored figures.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from svctrainer.locations import bundled_content_files, bundled_dir
from svctrainer.store.migrations import HEAD_REVISION

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 2  # 1: xz
SNAPSHOT_NAME = "demo-snapshot.sqlite3.gz"
MANIFEST_NAME = "demo-snapshot.json"
_GZIP = 31  # zlib's wbits for a gzip file (header and checksum): any gzip tool reads it
_LEVEL = 9  # 2 % smaller than 6, unpacked as fast
_CHUNK = 1024 * 1024

# What plans the demo: a change to any of them changes the demo a release should ship.
# (A frozen build carries no sources; it checks the content key only, and its snapshot
# was checked against these by the tests before it was frozen.)
_SERVICES = Path(__file__).resolve().parent
_PLANNERS = (
    _SERVICES / "demo_builder.py",
    _SERVICES.parent / "core" / "demo_history.py",
    _SERVICES.parent / "core" / "demo_branch.py",
)


@dataclass(frozen=True, slots=True)
class SnapshotManifest:
    """What ``demo-snapshot.json`` records about the shipped snapshot."""

    format: int
    content_key: str
    generator_key: str
    schema_revision: str
    built_on: str  # ISO date: copies move their dates forward from it by whole weeks
    sha256: str  # of the compressed file
    size: int  # of the unpacked database, in bytes
    people: int
    attempts: int
    indexes: list[str]  # CREATE INDEX statements, run after unpacking

    @property
    def key(self) -> str:
        """One name for this snapshot in the cache folder."""
        both = hashlib.sha256(f"{self.content_key}:{self.generator_key}:{self.sha256}".encode())
        return both.hexdigest()[:16]


def snapshot_folder() -> Path:
    """``assets/demo`` in a checkout; inside the package in a wheel or a frozen build."""
    return bundled_dir("assets") / "demo"


def content_key() -> str:
    """The shipped content (every file, by name and bytes) and the schema revision."""
    digest = hashlib.sha256(f"schema:{HEAD_REVISION}".encode())
    for file in bundled_content_files():
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def generator_key() -> str | None:
    """The modules that plan the demo; None in a frozen build (no sources to read)."""
    if getattr(sys, "frozen", False):
        return None
    digest = hashlib.sha256()
    for module in _PLANNERS:
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def read_manifest(folder: Path | None = None) -> SnapshotManifest | None:
    """The shipped snapshot's manifest, or None when there is none or it is unreadable."""
    path = (folder or snapshot_folder()) / MANIFEST_NAME
    try:
        return SnapshotManifest(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def stale_reasons(manifest: SnapshotManifest | None) -> list[str]:
    """Why the shipped snapshot cannot stand for this release's demo (empty: it can)."""
    if manifest is None:
        return ["no shipped demo snapshot (assets/demo/demo-snapshot.json)"]
    reasons = []
    if manifest.format != SNAPSHOT_FORMAT:
        reasons.append(f"snapshot format {manifest.format}, this release reads {SNAPSHOT_FORMAT}")
    if manifest.schema_revision != HEAD_REVISION:
        reasons.append(f"built on schema {manifest.schema_revision}, now {HEAD_REVISION}")
    if manifest.content_key != content_key():
        reasons.append("the shipped drill packs or scenarios changed since it was built")
    generators = generator_key()
    if generators is not None and manifest.generator_key != generators:
        reasons.append("the demo's planners (demo_builder, demo_history, demo_branch) changed")
    return reasons


def shipped_snapshot() -> SnapshotManifest | None:
    """The shipped snapshot's manifest when it fits this release, else None (logged)."""
    manifest = read_manifest()
    reasons = stale_reasons(manifest)
    if reasons:
        log.info("not using the shipped demo snapshot: %s", "; ".join(reasons))
        return None
    if not (snapshot_folder() / SNAPSHOT_NAME).is_file():
        log.info("not using the shipped demo snapshot: %s is missing", SNAPSHOT_NAME)
        return None
    return manifest


def unpack_snapshot(
    manifest: SnapshotManifest,
    target: Path,
    progress: Callable[[int, int], None] | None = None,
    folder: Path | None = None,
) -> None:
    """Decompress the shipped snapshot (in ``folder``, by default the release's) to
    ``target`` (a private file) and rebuild its indexes. A file that does not match its
    manifest's checksum or size is refused, and nothing is left at ``target``."""
    source = (folder or snapshot_folder()) / SNAPSHOT_NAME
    checksum = hashlib.sha256()
    total = max(1, manifest.size // _CHUNK)
    written = 0
    decompressor = zlib.decompressobj(_GZIP)
    try:
        with source.open("rb") as packed, target.open("wb") as out:
            while chunk := packed.read(_CHUNK // 4):
                checksum.update(chunk)
                data = decompressor.decompress(chunk)
                out.write(data)
                written += len(data)
                if progress is not None:
                    progress(min(total, written // _CHUNK), total)
            rest = decompressor.flush()
            out.write(rest)
            written += len(rest)
    except zlib.error as exc:
        target.unlink(missing_ok=True)
        raise ValueError(f"{source} is damaged: {exc}") from exc
    if checksum.hexdigest() != manifest.sha256 or written != manifest.size:
        target.unlink(missing_ok=True)
        raise ValueError(f"{source} is damaged: it does not match {MANIFEST_NAME}")
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=MEMORY")  # a private file, nobody else reads it
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        for statement in manifest.indexes:
            connection.execute(statement)
        connection.execute("COMMIT")
    finally:
        connection.close()


def write_shipped_snapshot(
    database: Path, built_on: date, folder: Path | None = None
) -> SnapshotManifest:
    """Pack a freshly built demo database (``demo_builder.build_demo_database``) as the
    shipped snapshot in ``folder`` (``assets/demo``): secondary indexes dropped (they
    are a fifth of the file and compress badly; rebuilt when unpacked), the file
    vacuumed, compressed with gzip, and its manifest written beside it (a snapshot of
    an earlier format in ``folder`` is removed)."""
    folder = folder or snapshot_folder()
    folder.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        indexes = [
            str(sql)
            for (sql,) in connection.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " ORDER BY tbl_name, name"
            )
        ]
        names = [
            str(name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        ]
        for name in names:
            connection.execute(f'DROP INDEX "{name}"')
        connection.execute("VACUUM")
        people = connection.execute("SELECT count(*) FROM person").fetchone()[0]
        attempts = connection.execute("SELECT count(*) FROM attempt").fetchone()[0]
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    raw = database.read_bytes()
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, _GZIP)
    packed = compressor.compress(raw) + compressor.flush()
    temp = folder / f".{SNAPSHOT_NAME}.{os.getpid()}"
    temp.write_bytes(packed)
    temp.replace(folder / SNAPSHOT_NAME)
    for earlier in folder.glob("demo-snapshot.sqlite3.*"):
        if earlier.name != SNAPSHOT_NAME:
            earlier.unlink()
    manifest = SnapshotManifest(
        format=SNAPSHOT_FORMAT,
        content_key=content_key(),
        generator_key=generator_key() or "",
        schema_revision=str(revision),
        built_on=built_on.isoformat(),
        sha256=hashlib.sha256(packed).hexdigest(),
        size=len(raw),
        people=int(people),
        attempts=int(attempts),
        indexes=indexes,
    )
    text = json.dumps(asdict(manifest), indent=2, ensure_ascii=False) + "\n"
    (folder / MANIFEST_NAME).write_text(text, encoding="utf-8")
    return manifest
