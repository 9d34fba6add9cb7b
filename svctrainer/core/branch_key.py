"""The branch key: a secret shared by the workstations of one branch, which authenticates
what travels between them — saved-attempt files today, offline sync bundles next — with
an HMAC-SHA256.

It is kept in each workstation's configuration folder (``locations.branch_key_path``),
readable by its owner only (0600), never in the database (whoever can read the database
could then forge files for it) and never in a file it authenticates. The first use on a
workstation creates one; an administrator exports it from one workstation and installs
it on the others (``svctrainer branch-key export|install``), so they all accept each
other's files.

What it protects against: a file edited after it left the workstation (a result made to
look faster, or moved to another person) is refused on import. What it cannot protect
against: someone who can read the workstation's configuration folder can sign anything;
keep that folder to the branch's own operating-system accounts.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

KEY_FORMAT = "svctrainer-branch-key-1"
KEY_BYTES = 32
MAC_ALGORITHM = "HMAC-SHA256"


class BranchKeyError(ValueError):
    """The key text or file is unusable; the message says what to do."""


@dataclass(frozen=True, slots=True)
class BranchKey:
    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise BranchKeyError(f"a branch key is {KEY_BYTES} bytes, not {len(self.secret)}")

    @classmethod
    def generate(cls) -> BranchKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @property
    def fingerprint(self) -> str:
        """A short public name for the key (safe to show and to write into files), so a
        person can compare two workstations' keys without seeing either."""
        digest = hashlib.sha256(b"svctrainer branch key fingerprint\0" + self.secret).hexdigest()
        return "-".join(digest[i : i + 4] for i in range(0, 16, 4))

    def mac(self, data: bytes) -> str:
        """HMAC-SHA256 of ``data`` as 64 hexadecimal digits."""
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def verify(self, data: bytes, mac: str) -> bool:
        """Constant-time check of a MAC made by ``mac``."""
        return hmac.compare_digest(self.mac(data), mac if isinstance(mac, str) else "")

    def to_text(self) -> str:
        encoded = base64.urlsafe_b64encode(self.secret).decode("ascii").rstrip("=")
        return f"{KEY_FORMAT}:{encoded}\n"

    @classmethod
    def from_text(cls, text: str) -> BranchKey:
        kind, _, encoded = text.strip().partition(":")
        if kind != KEY_FORMAT or not encoded:
            raise BranchKeyError(f"not an svctrainer branch key (it starts '{KEY_FORMAT}:')")
        try:
            secret = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError:
            raise BranchKeyError("the branch key text is damaged (not base64)") from None
        return cls(secret)


def load_branch_key(path: Path) -> BranchKey | None:
    """The key stored at ``path``, None if there is none yet. A key file that others may
    read is refused rather than used: it may already be known beyond the branch."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BranchKeyError(f"cannot read the branch key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "r", encoding="ascii", errors="replace") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise BranchKeyError(f"{path} is not a regular file")
        if mode & 0o077:
            raise BranchKeyError(
                f"the branch key {path} can be read by others (mode {stat.S_IMODE(mode):04o}); "
                "make it 0600 (chmod 600) or install the key again"
            )
        text = handle.read(4096)
    return BranchKey.from_text(text)


def load_or_create_branch_key(path: Path) -> BranchKey:
    """The workstation's key, created (0600) on first use. Two processes starting at once
    agree: the file is created exclusively, and the loser reads the winner's."""
    found = load_branch_key(path)
    if found is not None:
        return found
    key = BranchKey.generate()
    if _create_exclusively(path, key):
        return key
    found = load_branch_key(path)
    if found is None:
        raise BranchKeyError(f"cannot create the branch key {path}")
    return found


def save_branch_key(path: Path, key: BranchKey, *, replace: bool = False) -> Path | None:
    """Install ``key`` at ``path``. A different key already there is replaced only with
    ``replace`` and kept aside (its path returned): files signed with it can still be
    checked by installing it again."""
    current = load_branch_key(path)
    if current == key:
        return None
    if current is not None and not replace:
        raise BranchKeyError(
            f"this workstation already has the branch key {current.fingerprint}; "
            f"installing {key.fingerprint} needs --replace (the old key is kept aside)"
        )
    kept: Path | None = None
    if current is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = path.with_name(f"{path.name}.replaced-{stamp}")
        os.replace(path, kept)
    if not _create_exclusively(path, key):
        raise BranchKeyError(f"another process installed a branch key at {path} meanwhile")
    return kept


def _create_exclusively(path: Path, key: BranchKey) -> bool:
    """Write the key to a private temporary file, then link it into place only if no key
    file exists (so a reader never sees half a key). False if one appeared meanwhile."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.to_text())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, path)  # fails if the name exists: no overwrite, ever
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
