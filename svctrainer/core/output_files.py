"""Writing a file a person named (``-o FILE``, a save dialog) without harming anything.

Only a regular file is ever replaced, or a new one created. A FIFO would make the export
hang or feed another program; a device node (``/dev/full``, as root) would be replaced by
a regular file; a symbolic link could point the write at any file its owner can reach.
So such a name is refused, and a symbolic link is never followed, even to a regular file.

The content is written to a private (0600) temporary file beside the destination, made
durable, and renamed over it only when complete and only after the destination has been
checked again: a failed export never leaves half a file where a scheduled job expects a
whole one. ``OutputFile.put_in_place`` is separate from writing so that a caller can
record what it wrote (an audit entry) between the two.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}
PRIVATE_MODE = 0o600


class OutputFileError(OSError):
    """The name given cannot be written safely; the message says which and why."""


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """``path`` if it names a new file or a regular file in an existing folder, else
    OutputFileError. The name itself is examined (``lstat``): links are not followed."""
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputFileError(f"{target}: cannot be examined ({exc.strerror})") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise OutputFileError(
            f"{target} is {kind}; give the name of a regular file to write (nothing was written)"
        )
    folder = target.absolute().parent
    if not folder.is_dir():
        raise OutputFileError(f"{target}: the folder {folder} does not exist")
    return target


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows opening folders)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class OutputFile:
    """A private temporary file beside ``target``, renamed over it by ``put_in_place``."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = check_output_file(target)
        folder = self.target.absolute().parent
        fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)  # mkstemp: O_EXCL, mode 0600
        self.temp = Path(name)
        self._stream: IO[Any] | None = None

    def text(self, encoding: str = "utf-8", newline: str | None = None) -> TextIO:
        """The temporary file opened for writing text."""
        stream = self.temp.open("w", encoding=encoding, newline=newline)
        self._stream = stream
        return stream

    def binary(self) -> BinaryIO:
        """The temporary file opened for writing bytes."""
        stream = self.temp.open("wb")
        self._stream = stream
        return stream

    def finish_writing(self) -> None:
        """Close and fsync what was written (idempotent)."""
        if self._stream is not None and not self._stream.closed:
            self._stream.flush()
            os.fsync(self._stream.fileno())
            self._stream.close()
        else:
            fd = os.open(self.temp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def put_in_place(self) -> Path:
        """Rename the finished file over the target, checked again just before."""
        self.finish_writing()
        check_output_file(self.target)
        os.replace(self.temp, self.target)
        fsync_folder(self.temp.parent)
        return self.target

    def discard(self) -> None:
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
        self.temp.unlink(missing_ok=True)


@contextlib.contextmanager
def output_file(target: str | os.PathLike[str]) -> Iterator[OutputFile]:
    """``with output_file(path) as out: out.text().write(...)``: in place at the end
    of the block, or nothing changed if it raises."""
    out = OutputFile(target)
    try:
        yield out
        out.put_in_place()
    finally:
        out.discard()
