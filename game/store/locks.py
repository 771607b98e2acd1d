"""Which session files a game has open: a hidden lock file beside each, locked while the session is open.

A game that opens a session (to play it, or while creating it) holds a shared lock on
``.NAME.lock``; the operating system drops the lock when the game stops, also when it is
killed, so a lock file left behind means nothing by itself. ``claimed`` takes the lock
exclusively: it succeeds only when no game has the session open, and while it is held
no game can open it, so ``sessions delete`` and the clean-up of leftovers never take a
file away from under a table.

On Windows, where ``fcntl`` does not exist, a lock file that is open can't be removed;
that is what tells there whether a game has the session open.
"""
from __future__ import annotations

import os
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_SUFFIX = ".lock"


def lock_file(path: Path) -> Path:
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


class OpenMark:
    """The shared lock a game holds on a session while it has the session open."""

    def __init__(self, path: Path) -> None:
        self.lock = lock_file(path)
        self._fd: int | None = None
        self._fd = _locked(self.lock, fcntl.LOCK_SH) if fcntl else _open(self.lock)

    def __del__(self) -> None:
        self.release()  # a log dropped without being closed lets go of its lock too, as its database does

    def release(self) -> None:
        """Give up the lock; the last game to let go removes the lock file (while it still holds it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if fcntl is None:
            os.close(fd)
            with suppress(PermissionError):  # another window still has it open
                self.lock.unlink(missing_ok=True)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.lock.unlink(missing_ok=True)
        except BlockingIOError:
            pass  # another window still has it open
        finally:
            os.close(fd)


@contextmanager
def claimed(path: Path) -> Iterator[bool]:
    """Whether no game has ``path`` open; inside the block none can open it. The lock file goes afterwards."""
    lock = lock_file(path)
    if fcntl is None:
        try:
            lock.unlink(missing_ok=True)
        except PermissionError:
            yield False
        else:
            yield True
        return
    try:
        fd = _locked(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except FileNotFoundError:  # none, and none can be made: no game can have it open
        yield True
        return
    if fd is None:
        yield False
        return
    try:
        yield True
    finally:
        with suppress(OSError):
            lock.unlink(missing_ok=True)
        os.close(fd)


def _locked(lock: Path, operation: int) -> int | None:
    """A descriptor of ``lock`` holding ``operation``; None if a non-blocking lock is taken by another.

    The file is opened again when it was removed (by the last holder) between opening and
    locking it, so a lock is always held on the file that is in the folder.
    """
    while True:
        fd = _open(lock)
        try:
            fcntl.flock(fd, operation)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _open(lock: Path) -> int:
    """The lock file, made when missing; a link in its place is never ours and is removed (as a link), never followed."""
    if lock.is_symlink():
        lock.unlink()
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT | no_follow, 0o644)
    except OSError:
        return os.open(lock, os.O_RDONLY | no_follow)  # a folder that can't be written: only a lock there can be held
