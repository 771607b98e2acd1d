"""Writing the file a command was asked to write (``--out``, ``--into``): whole or not at all.

The file is built under a hidden temporary name beside the target and renamed into place
only when it is complete, so a full disk, a folder without write permission or an
interrupted program never leaves half a report where the facilitator expects a whole one;
on any failure the temporary file (and whatever a tool put beside it) is removed. What went
wrong is an ``OutputError`` whose message, from the catalogs, says it in plain words.
"""
from __future__ import annotations

import errno
import os
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from game.i18n import _

DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}
# Wrong use (exit code 2): the place named is no place for a file. The rest is a failure (exit code 1).
WRONG_PLACE = ("is_folder", "not_a_folder", "no_folder")


class OutputError(Exception):
    """The file could not be written where it was asked; ``message()`` says why and what to do."""

    def __init__(self, reason: str, path: Path, detail: str = "") -> None:
        self.reason = reason
        self.path = path
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return _(f"output.{self.reason}", lang, path=self.path, folder=self.path.parent, detail=self.detail)

    @property
    def exit_code(self) -> int:
        return 2 if self.reason in WRONG_PLACE else 1

    def tell(self) -> int:
        """Say on stderr what went wrong; the exit code for it."""
        print(self.message(), file=sys.stderr)
        return self.exit_code


def reason_of(error: OSError) -> str:
    """The kind of failure an operating-system error stands for."""
    if isinstance(error, IsADirectoryError):
        return "is_folder"
    if isinstance(error, (NotADirectoryError, FileExistsError)):
        return "not_a_folder"
    if isinstance(error, FileNotFoundError):
        return "no_folder"
    if error.errno in DISK_FULL:
        return "disk_full"
    if error.errno in NOT_ALLOWED:
        return "not_allowed"
    return "failed"


def _made_folders(path: Path, make_folder: bool) -> list[Path]:
    """Refuse a folder as target; make the missing folders above it (unless ``make_folder`` is off).

    The folders made are returned, deepest last, so that a failure can take them away again.
    """
    if path.is_dir():
        raise OutputError("is_folder", path)
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError("not_a_folder", path)
    if not make_folder:
        return []
    missing = [folder for folder in path.absolute().parents if not folder.exists()][::-1]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_empty(missing)
        raise OutputError(reason_of(error), path, error.strerror or "") from error
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return  # not made after all, or no longer empty: keep it and what is above it


def _leftovers(temporary: Path) -> list[Path]:
    """The temporary file and anything a tool made beside it under its name (SQLite's -journal, a hidden copy)."""
    names = (temporary.name, f".{temporary.name}")
    try:
        return [file for file in temporary.parent.iterdir() if file.name.startswith(names)]
    except OSError:  # the folder is gone, or cannot be listed: nothing was made in it
        return []


@contextmanager
def building(path: Path, replace: bool = True, make_folder: bool = True) -> Iterator[Path]:
    """A fresh temporary path beside ``path`` to build the file at; put in place when the block succeeds.

    The folder is tried first (the temporary name is created and removed again), so a folder
    that takes no files is reported before any work. ``replace=False`` never overwrites: a file
    that exists at ``path`` by the end raises ``FileExistsError`` and stays as it was. On any
    failure the place is left as it was, without the folders made for the file.
    """
    made = _made_folders(path, make_folder)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    placed = False
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        temporary.unlink()
        yield temporary
        _place(temporary, path, replace)
        placed = True
    except OSError as error:
        if isinstance(error, FileExistsError) and not replace and path.exists():
            raise
        raise OutputError(reason_of(error), path, error.strerror or str(error)) from error
    finally:
        for leftover in _leftovers(temporary):
            leftover.unlink(missing_ok=True)
        if not placed:
            _remove_empty(made)


def _place(temporary: Path, path: Path, replace: bool) -> None:
    if path.is_dir():
        raise OutputError("is_folder", path)
    if replace:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails when a file appeared at path meanwhile: it is never replaced
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (a FAT-formatted stick): check, then rename
        if path.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        temporary.rename(path)


def write_file(path: Path, content: str | bytes, encoding: str = "utf-8", replace: bool = True,
               make_folder: bool = True) -> None:
    """Write ``content`` (text in ``encoding``, line ends as given) to ``path``, whole or not at all."""
    data = content.encode(encoding) if isinstance(content, str) else content
    with building(path, replace, make_folder) as temporary:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # on the disk before the name points at it
