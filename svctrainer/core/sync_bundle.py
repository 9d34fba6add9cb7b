"""The offline sync bundle: a workstation's results in one authenticated file.

A workstation without a link to the branch server (a sub-branch, a training room) exports
its results to a bundle; an administrator imports it on the server (``services.sync``).
This module only turns records into bytes and bytes back into records: no database, no
files. Everything it reads is hostile until proved otherwise.

The bundle is a zip holding exactly these members (``docs/SYNC.md`` is the reference):

- ``manifest.hmac``: one line, ``svctrainer-sync-2 HMAC-SHA256 <key fingerprint> <mac>``,
  the HMAC-SHA256 under the branch key (``core.branch_key``) of the raw bytes of
- ``manifest.json``: the format, where and when the bundle was made, the one branch
  whose results it holds, and for each data member its line count, byte size and
  SHA-256, so that the one MAC covers everything;
- ``people.jsonl``, ``content.jsonl``: the people and content versions the results refer
  to, named so that another database can find its own rows for them (a person by branch
  name and employee number, a content version by content id and content hash);
- ``attempts.jsonl``, ``scenario_runs.jsonl``, ``hand_counts.jsonl``: the results, one
  immutable row per line, under the id minted where they were recorded.

Reading checks, in this order, and refuses at the first failure, before any JSON is
parsed: the size of the file; that it is a zip; that its members are exactly the ones
above, stored or deflated, unencrypted and within the size and compression-ratio limits
(a zip bomb is refused from its directory, and no member is ever inflated past its
limit); the format named in ``manifest.hmac``; the key it was signed with; the MAC over
the manifest's bytes. Only then is the manifest parsed, and each member's size and
SHA-256 checked against it before its lines are parsed.

Formats: ``svctrainer-sync-2`` (this release writes it) holds one branch, named in the
manifest, and every person in it belongs to that branch. ``svctrainer-sync-1`` (written
before bundles were per branch) named no branch and could hold several; it is still
read, with ``BundleSource.branch`` None, and the import decides what it may do with it.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from svctrainer.core.attempt_identity import attempt_fingerprint
from svctrainer.core.branch_key import MAC_ALGORITHM, BranchKey

FORMAT = "svctrainer-sync-2"
FORMAT_1 = "svctrainer-sync-1"  # before bundles were per branch: read, never written
READABLE_FORMATS = (FORMAT_1, FORMAT)
MAC_MEMBER = "manifest.hmac"
MANIFEST = "manifest.json"
PEOPLE = "people.jsonl"
CONTENT = "content.jsonl"
ATTEMPTS = "attempts.jsonl"
SCENARIO_RUNS = "scenario_runs.jsonl"
HAND_COUNTS = "hand_counts.jsonl"
RESULT_MEMBERS = (ATTEMPTS, SCENARIO_RUNS, HAND_COUNTS)
DATA_MEMBERS = (PEOPLE, CONTENT, *RESULT_MEMBERS)
MEMBERS = (MAC_MEMBER, MANIFEST, *DATA_MEMBERS)

DRILL = "drill"
SCENARIO = "scenario"
HAND_COUNT = "hand_count"
KIND_MEMBER = {DRILL: ATTEMPTS, SCENARIO: SCENARIO_RUNS, HAND_COUNT: HAND_COUNTS}
LOGGED_MODE = "logged"  # a hand count is an attempt "logged" by a trainer, not run

MAX_BUNDLE_BYTES = 256 * 2**20  # the file as it arrives
MAX_MEMBER_BYTES = 512 * 2**20  # one member, inflated
MAX_TOTAL_BYTES = 1024 * 2**20  # all members, inflated
MAX_MAC_BYTES = 512
MAX_MANIFEST_BYTES = 64 * 2**10
MAX_RATIO = 200  # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 2**20
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a bundle's bytes depend on its content only


class SyncBundleError(ValueError):
    """The bundle is refused; the message names the member (and line, column) and why."""


@dataclass(frozen=True, slots=True)
class BundleSource:
    workstation: str
    app_version: str
    created_at: datetime  # UTC
    since: datetime | None  # the export's lower bound on ``recorded_at``, None: everything
    branch: str | None = None  # whose results (every person's branch); None: a sync-1 bundle
    format: str = FORMAT


@dataclass(frozen=True, slots=True)
class BundlePerson:
    """A person as another database can find them: branch name and employee number."""

    id: uuid.UUID  # the id on the source (what its results point at)
    branch: str
    employee_number: str
    name: str  # shown in messages only; never used to match


@dataclass(frozen=True, slots=True)
class BundleContent:
    """One exact content version, source text included: a database that lacks it can
    store it (content is immutable and named by its hash)."""

    id: uuid.UUID  # the id on the source
    kind: str
    content_id: str
    content_hash: str
    version: int
    title: str
    drill_type: str | None
    language: str
    source_name: str
    source_text: str


@dataclass(frozen=True, slots=True)
class AttemptLog:
    encoding: str
    event_count: int
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class BundleAttempt:
    """One stored result (attempt, scenario run or hand count), every column of it."""

    kind: str  # DRILL | SCENARIO | HAND_COUNT: which member it travels in
    id: uuid.UUID
    person_id: uuid.UUID  # source ids: resolved through the bundle's people and content
    content_item_id: uuid.UUID
    mode: str
    started_at: datetime
    duration_ms: int
    speed: float | None
    speed_unit: str | None
    accuracy: float | None
    score: float | None
    grade: str | None
    valid: bool
    completion: str
    invalidated_reason: str | None
    seed: int | None
    app_version: str
    workstation: str
    details: dict[str, Any]
    recorded_at: datetime
    fingerprint: str | None  # over the source ids and the log (None: stored before 0004)
    log: AttemptLog | None  # None: hand counts have no log

    def same_result(self, other: BundleAttempt) -> bool:
        """The same row, but for the ids of the person and content (each database has
        its own) and the fingerprint made from them: the caller compares those through
        the people and content they name."""
        mine = replace(self, fingerprint=None)
        theirs = replace(
            other,
            fingerprint=None,
            person_id=self.person_id,
            content_item_id=self.content_item_id,
        )
        return mine == theirs


@dataclass(frozen=True, slots=True)
class SyncBundle:
    source: BundleSource
    people: tuple[BundlePerson, ...]
    content: tuple[BundleContent, ...]
    attempts: tuple[BundleAttempt, ...]

    def count(self, kind: str) -> int:
        return sum(1 for attempt in self.attempts if attempt.kind == kind)


# -- writing -------------------------------------------------------------------------------


def build_bundle(bundle: SyncBundle, key: BranchKey) -> bytes:
    """The bundle's bytes, signed with ``key``. The same records give the same bytes."""
    if bundle.source.branch is None:
        raise SyncBundleError("a bundle holds one branch's results: name the branch")
    _check_references(bundle)
    members = {
        PEOPLE: _lines(_person_json(p) for p in bundle.people),
        CONTENT: _lines(_content_json(c) for c in bundle.content),
    }
    for kind, member in KIND_MEMBER.items():
        rows = (a for a in bundle.attempts if a.kind == kind)
        members[member] = _lines(_attempt_json(a) for a in rows)
    manifest = _canonical(
        {
            "format": FORMAT,
            "source": {
                "workstation": bundle.source.workstation,
                "app_version": bundle.source.app_version,
                "created_at": _time_text(bundle.source.created_at),
                "since": _time_text(bundle.source.since) if bundle.source.since else None,
                "branch_key": key.fingerprint,
                "branch": bundle.source.branch,
            },
            "members": {
                name: {
                    "lines": data.count(b"\n"),
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                for name, data in members.items()
            },
        }
    )
    mac_line = f"{FORMAT} {MAC_ALGORITHM} {key.fingerprint} {key.mac(manifest)}\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((MAC_MEMBER, mac_line.encode("ascii")), (MANIFEST, manifest)):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    if out.tell() > MAX_BUNDLE_BYTES:
        raise SyncBundleError(
            f"the bundle would be larger than {MAX_BUNDLE_BYTES // 2**20} MB; "
            "export a shorter period (--since)"
        )
    return out.getvalue()


def _lines(rows: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(_canonical(row) + b"\n" for row in rows)


def _canonical(value: dict[str, Any]) -> bytes:
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return text.encode("utf-8")


def _time_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _person_json(person: BundlePerson) -> dict[str, Any]:
    return {
        "id": str(person.id),
        "branch": person.branch,
        "employee_number": person.employee_number,
        "name": person.name,
    }


def _content_json(content: BundleContent) -> dict[str, Any]:
    data = {f.name: getattr(content, f.name) for f in fields(content)}
    data["id"] = str(content.id)
    return data


def _attempt_json(attempt: BundleAttempt) -> dict[str, Any]:
    data = {f.name: getattr(attempt, f.name) for f in fields(attempt)}
    del data["kind"]  # the member says it
    data |= {
        "id": str(attempt.id),
        "person_id": str(attempt.person_id),
        "content_item_id": str(attempt.content_item_id),
        "started_at": _time_text(attempt.started_at),
        "recorded_at": _time_text(attempt.recorded_at),
        "log": None,
    }
    if attempt.log is not None:
        data["log"] = {
            "encoding": attempt.log.encoding,
            "event_count": attempt.log.event_count,
            "hex": attempt.log.data.hex(),
        }
    return data


# -- reading -------------------------------------------------------------------------------


def read_bundle(data: bytes, key: BranchKey) -> SyncBundle:
    """The records in ``data`` if it is an intact bundle signed with ``key``; anything
    else raises SyncBundleError saying what is wrong and where."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise SyncBundleError(f"the file is larger than {MAX_BUNDLE_BYTES // 2**20} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = _checked_members(archive)
            manifest = _authenticated_manifest(archive, infos, key)
            contents = {n: _member_bytes(archive, infos[n], manifest) for n in DATA_MEMBERS}
    except SyncBundleError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise SyncBundleError(f"not a sync bundle (not a readable zip file: {exc})") from None
    except (  # a damaged zip can fail in the parts of the zip module below its checks
        zlib.error, struct.error, EOFError, OSError, ValueError, KeyError, IndexError,
        OverflowError, NotImplementedError, RuntimeError, UnicodeDecodeError,
    ) as exc:  # fmt: skip
        raise SyncBundleError(f"the zip file is damaged ({type(exc).__name__}: {exc})") from None
    return _parse(manifest, contents)


def _checked_members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in archive.infolist():
        name = info.filename
        if name not in MEMBERS:
            raise SyncBundleError(
                f"unknown member {name[:100]!r}: a bundle holds only {', '.join(MEMBERS)}"
            )
        if name in infos:
            raise SyncBundleError(f"the member {name} appears twice")
        if info.flag_bits & 0x1:
            raise SyncBundleError(f"{name}: encrypted members are not accepted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SyncBundleError(f"{name}: compression {info.compress_type} is not accepted")
        if info.file_size > MAX_MEMBER_BYTES:
            raise SyncBundleError(f"{name}: larger than {MAX_MEMBER_BYTES // 2**20} MB inflated")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SyncBundleError(
                f"{name}: inflates more than {MAX_RATIO} times (refused as a zip bomb)"
            )
        total += info.file_size
        infos[name] = info
    if total > MAX_TOTAL_BYTES:
        raise SyncBundleError(f"the members inflate to more than {MAX_TOTAL_BYTES // 2**20} MB")
    missing = [name for name in MEMBERS if name not in infos]
    if missing:
        raise SyncBundleError(f"not a complete sync bundle: {', '.join(missing)} missing")
    return infos


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of a member, whatever its header claims: a member that
    inflates further is refused after ``limit + 1`` bytes."""
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise SyncBundleError(f"{info.filename}: longer than {limit} bytes")
    return data


def _authenticated_manifest(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], key: BranchKey
) -> dict[str, Any]:
    raw = _read_capped(archive, infos[MAC_MEMBER], MAX_MAC_BYTES)
    parts = raw.decode("ascii", errors="replace").split()
    if len(parts) != 4:
        raise SyncBundleError(f"{MAC_MEMBER}: expected '{FORMAT} {MAC_ALGORITHM} KEY MAC'")
    fmt, algorithm, fingerprint, mac = parts
    if fmt not in READABLE_FORMATS:
        raise SyncBundleError(
            f"{MAC_MEMBER}: unknown format {fmt[:60]!r} (this release reads "
            f"{' and '.join(READABLE_FORMATS)}; a newer svctrainer made it?)"
        )
    if algorithm != MAC_ALGORITHM:
        raise SyncBundleError(f"{MAC_MEMBER}: unknown MAC algorithm {algorithm[:60]!r}")
    if fingerprint != key.fingerprint:
        raise SyncBundleError(
            f"signed with another branch key ({fingerprint[:40]}; this workstation has "
            f"{key.fingerprint}): install that branch's key first"
        )
    manifest_bytes = _read_capped(archive, infos[MANIFEST], MAX_MANIFEST_BYTES)
    if not key.verify(manifest_bytes, mac):
        raise SyncBundleError(
            "the bundle was changed after it was made, or made with another key "
            "(its MAC fails): nothing was imported"
        )
    manifest = _json(manifest_bytes, MANIFEST, 1)
    if manifest.get("format") != fmt:
        raise SyncBundleError(f'{MANIFEST}: "format" is not "{fmt}", as {MAC_MEMBER} says')
    listed = manifest.get("members")
    if not isinstance(listed, dict) or set(listed) != set(DATA_MEMBERS):
        raise SyncBundleError(f'{MANIFEST}: "members" must list exactly {", ".join(DATA_MEMBERS)}')
    return manifest


def _member_bytes(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, manifest: dict[str, Any]
) -> bytes:
    name = info.filename
    entry = manifest["members"][name]
    size = entry.get("bytes") if isinstance(entry, dict) else None
    digest = entry.get("sha256") if isinstance(entry, dict) else None
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_MEMBER_BYTES:
        raise SyncBundleError(f'{MANIFEST}: "{name}" has no valid "bytes"')
    with archive.open(info) as stream:
        data = stream.read(size + 1)  # never inflated past what the signed manifest says
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        raise SyncBundleError(
            f"{name}: its size or SHA-256 differs from the manifest's (changed after the "
            "bundle was made)"
        )
    return data


def _json(data: bytes, member: str, line: int) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SyncBundleError(f"{member}:{line}:{exc.start + 1}: not UTF-8") from None
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SyncBundleError(f"{member}:{line}:{exc.colno}: not JSON ({exc.msg})") from None
    except (RecursionError, ValueError) as exc:
        raise SyncBundleError(f"{member}:{line}:1: not JSON ({exc})") from None
    if not isinstance(value, dict):
        raise SyncBundleError(f"{member}:{line}:1: a line must be a JSON object")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _parse(manifest: dict[str, Any], contents: dict[str, bytes]) -> SyncBundle:
    source = _source(manifest)
    people = tuple(_rows(contents, manifest, PEOPLE, _person))
    content = tuple(_rows(contents, manifest, CONTENT, _content))
    attempts: list[BundleAttempt] = []
    for kind, member in KIND_MEMBER.items():
        attempts.extend(_rows(contents, manifest, member, _attempt_reader(kind)))
    bundle = SyncBundle(source, people, content, tuple(attempts))
    _check_references(bundle)
    return bundle


def _source(manifest: dict[str, Any]) -> BundleSource:
    fields_ = _Fields(manifest.get("source"), MANIFEST, 1, "")
    since = fields_.optional_time("since")
    fmt = manifest["format"]
    return BundleSource(
        workstation=fields_.text("workstation", 120),
        app_version=fields_.text("app_version", 32),
        created_at=fields_.time("created_at"),
        since=since,
        branch=fields_.text("branch", 120) if fmt != FORMAT_1 else None,
        format=fmt,
    )


def _rows(
    contents: dict[str, bytes],
    manifest: dict[str, Any],
    member: str,
    read: Callable[[_Fields], Any],
) -> list[Any]:
    data = contents[member]
    if data and not data.endswith(b"\n"):
        raise SyncBundleError(f"{member}: the last line is not complete")
    lines = data.split(b"\n")[:-1] if data else []
    expected = manifest["members"][member].get("lines")
    if expected != len(lines):
        raise SyncBundleError(f"{member}: {len(lines)} lines, the manifest says {expected}")
    rows = []
    for number, line in enumerate(lines, start=1):
        text = line.decode("utf-8", errors="replace")
        rows.append(read(_Fields(_json(line, member, number), member, number, text)))
    return rows


class _Fields:
    """Typed access to one JSON object; a bad field raises SyncBundleError naming
    ``member:line:col`` (the column where the field's name starts in the line)."""

    def __init__(self, value: object, member: str, line: int, text: str) -> None:
        if not isinstance(value, dict):
            raise SyncBundleError(f"{member}:{line}:1: expected a JSON object")
        self._data: dict[str, Any] = value
        self._member, self._line, self._text = member, line, text

    @property
    def member(self) -> str:
        return self._member

    def fail(self, key: str, problem: str) -> SyncBundleError:
        column = self._text.find(f'"{key}"') + 1 or 1
        return SyncBundleError(f'{self._member}:{self._line}:{column}: "{key}" {problem}')

    def get(self, key: str) -> Any:
        if key not in self._data:
            raise self.fail(key, "is missing")
        return self._data[key]

    def text(self, key: str, limit: int) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value or len(value) > limit:
            raise self.fail(key, f"must be a text of 1 to {limit} characters")
        return value

    def optional_text(self, key: str, limit: int) -> str | None:
        return None if self.get(key) is None else self.text(key, limit)

    def uuid(self, key: str) -> uuid.UUID:
        try:
            return uuid.UUID(self.text(key, 36))
        except ValueError:
            raise self.fail(key, "is not an id (a UUID)") from None

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(key, f"must be a whole number from {low} to {high}")
        return value

    def optional_integer(self, key: str, low: int, high: int) -> int | None:
        return None if self.get(key) is None else self.integer(key, low, high)

    def optional_number(self, key: str) -> float | None:
        value = self.get(key)
        if value is None:
            return None
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            raise self.fail(key, "must be a number or null")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def time(self, key: str) -> datetime:
        value = self.text(key, 40)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, "is not an ISO 8601 time") from None
        if moment.tzinfo is None:
            raise self.fail(key, "has no time zone")
        return moment.astimezone(UTC)

    def optional_time(self, key: str) -> datetime | None:
        return None if self.get(key) is None else self.time(key)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a JSON object")
        return value

    def hex_bytes(self, key: str) -> bytes:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.fail(key, "must be hexadecimal text")
        try:
            return bytes.fromhex(value)
        except ValueError:
            raise self.fail(key, "is not hexadecimal") from None

    def nested(self, key: str) -> _Fields:
        return _Fields(self.mapping(key), self._member, self._line, self._text)


INT64 = 2**63 - 1


def _person(f: _Fields) -> BundlePerson:
    return BundlePerson(
        id=f.uuid("id"),
        branch=f.text("branch", 120),
        employee_number=f.text("employee_number", 32),
        name=f.text("name", 80),
    )


def _content(f: _Fields) -> BundleContent:
    return BundleContent(
        id=f.uuid("id"),
        kind=f.text("kind", 20),
        content_id=f.text("content_id", 120),
        content_hash=f.text("content_hash", 64),
        version=f.integer("version", 1, 2**31 - 1),
        title=f.text("title", 200),
        drill_type=f.optional_text("drill_type", 40),
        language=f.text("language", 10),
        source_name=f.text("source_name", 260),
        source_text=f.text("source_text", MAX_MEMBER_BYTES),
    )


def _attempt_reader(kind: str) -> Callable[[_Fields], BundleAttempt]:
    def read(f: _Fields) -> BundleAttempt:
        log = None
        if f.get("log") is not None:
            entry = f.nested("log")
            log = AttemptLog(
                encoding=entry.text("encoding", 32),
                event_count=entry.integer("event_count", 0, 2**31 - 1),
                data=entry.hex_bytes("hex"),
            )
        fingerprint = f.optional_text("fingerprint", 64)
        attempt = BundleAttempt(
            kind=kind,
            id=f.uuid("id"),
            person_id=f.uuid("person_id"),
            content_item_id=f.uuid("content_item_id"),
            mode=f.text("mode", 12),
            started_at=f.time("started_at"),
            duration_ms=f.integer("duration_ms", 0, 2**31 - 1),
            speed=f.optional_number("speed"),
            speed_unit=f.optional_text("speed_unit", 16),
            accuracy=f.optional_number("accuracy"),
            score=f.optional_number("score"),
            grade=f.optional_text("grade", 40),
            valid=f.flag("valid"),
            completion=f.text("completion", 12),
            invalidated_reason=f.optional_text("invalidated_reason", 4000),
            seed=f.optional_integer("seed", -INT64 - 1, INT64),
            app_version=f.text("app_version", 32),
            workstation=f.text("workstation", 120),
            details=f.mapping("details"),
            recorded_at=f.time("recorded_at"),
            fingerprint=fingerprint,
            log=log,
        )
        if (kind == HAND_COUNT) != (attempt.mode == LOGGED_MODE):
            raise f.fail("mode", f"{attempt.mode!r} does not belong in {f.member}")
        if fingerprint is not None and fingerprint != fingerprint_of(attempt):
            raise f.fail(
                "fingerprint", "does not match the attempt and its log (changed after it was made)"
            )
        return attempt

    return read


def fingerprint_of(attempt: BundleAttempt, person_id: uuid.UUID | None = None,
                   content_item_id: uuid.UUID | None = None) -> str:  # fmt: skip
    """The attempt's fingerprint (``core.attempt_identity``) over the given ids (by
    default its own source ids): what the unique index of the database holding it sees."""
    return attempt_fingerprint(
        person_id or attempt.person_id,
        content_item_id or attempt.content_item_id,
        attempt.mode,
        attempt.started_at,
        attempt.log.data if attempt.log is not None else b"",
    )


def _check_references(bundle: SyncBundle) -> None:
    """Every id once; every person of the bundle's branch; every result points at a
    person and content version in the bundle, of the right kind."""
    people = _unique((p.id for p in bundle.people), PEOPLE)
    branch = bundle.source.branch
    for line, person in enumerate(bundle.people, start=1):
        if branch is not None and person.branch != branch:
            raise SyncBundleError(
                f"{PEOPLE}:{line}:1: {person.employee_number} belongs to branch "
                f"{person.branch!r}, not to the bundle's branch {branch!r}"
            )
    content = {c.id: c for c in bundle.content}
    if len(content) != len(bundle.content):
        raise SyncBundleError(f"{CONTENT}: a content version appears twice")
    _unique((a.id for a in bundle.attempts), "results")
    for attempt in bundle.attempts:
        where = KIND_MEMBER.get(attempt.kind, "results")
        if attempt.person_id not in people:
            raise SyncBundleError(f"{where}: {attempt.id} names a person not in {PEOPLE}")
        item = content.get(attempt.content_item_id)
        if item is None:
            raise SyncBundleError(f"{where}: {attempt.id} names content not in {CONTENT}")
        expected = DRILL if attempt.kind == HAND_COUNT else attempt.kind
        if item.kind != expected:
            raise SyncBundleError(f"{where}: {attempt.id} is on a {item.kind}, not a {expected}")


def _unique(ids: Iterable[uuid.UUID], where: str) -> set[uuid.UUID]:
    seen: set[uuid.UUID] = set()
    for value in ids:
        if value in seen:
            raise SyncBundleError(f"{where}: the id {value} appears twice")
        seen.add(value)
    return seen
