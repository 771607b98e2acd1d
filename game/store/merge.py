"""Gathering the tables: read many session files read-only, count each session once, merge them.

The plenary points at a folder (a USB stick, a synced folder) or at files. Every
file is read as a snapshot in memory (``log.snapshot``), so nothing is ever written into
or beside a table's file, a write-protected stick reads like any other, and reading is
safe while a table is still playing. A session read twice (a copy, or a merged file beside its originals)
counts once: the copy with the most events wins. A file that can't be read is
skipped with a warning that names it; the rest still counts.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from game.engine import events as ev
from game.engine.state import SessionState
from game.i18n import _
from game.output import OutputError, building
from game.store.log import SUFFIX, SessionFileError, SessionLog, companion_files, replayed, snapshot

MERGED_MARK = "merged_sessions"


@dataclass(frozen=True)
class FileWarning:
    """A file that was skipped or only partly used, with the reason as a catalog message."""

    path: Path
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def from_error(cls, error: SessionFileError) -> "FileWarning":
        return cls(error.path, f"store.{error.code}", dict(error.params))

    def message(self, lang: str | None = None, full_path: bool = True) -> str:
        """The warning; ``full_path=False`` names the file only (for reports that leave the room).

        A warning that names a second file (two copies of one session, often with the same
        name) names both with their folder, so the two can't be mistaken for each other.
        """
        files = {key: value for key, value in self.params.items() if isinstance(value, Path)}

        def shown(path: Path) -> object:
            return path if full_path else (f"{path.parent.name}/{path.name}" if files else path.name)

        params = {**self.params, **{key: shown(value) for key, value in files.items()}}
        return _(self.msgid, lang, path=shown(self.path), **params)


@dataclass(frozen=True)
class TableSession:
    """One session as replayed from the file that held most of its events."""

    session_id: str
    state: SessionState
    event_ids: frozenset[str]
    path: Path
    started_at: float
    last_at: float = 0.0
    merged_file: bool = False


@dataclass(frozen=True)
class Gathering:
    """What was read: the sessions (oldest first), the files read, and the warnings."""

    sessions: tuple[TableSession, ...]
    files: tuple[Path, ...]
    warnings: tuple[FileWarning, ...]
    fingerprint: tuple


def session_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: named files as given, folders searched (with subfolders) for ``*.dilemma.db``."""
    found: dict[Path, None] = {}
    for path in paths:
        candidates = sorted(path.rglob(f"*{SUFFIX}")) if path.is_dir() else [path]
        found.update((_real(candidate), None) for candidate in candidates if not candidate.is_dir())
    return list(found)


def _real(path: Path) -> Path:
    """Where ``path`` leads, so a file named twice is read once; a link that leads nowhere keeps its own name."""
    return Path(os.path.realpath(path) if path.exists() else os.path.abspath(path))


def fingerprint(paths: Iterable[Path]) -> tuple:
    """A cheap summary that changes when any session file below ``paths`` changes, appears or goes.

    It only looks at names, sizes and modification times of each file and its -wal, so
    the plenary can check it every second and gather again only when it differs.
    """
    return tuple((str(path),) + _stat(path) + _stat(companion_files(path)[0]) for path in session_files(paths))


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, -1)
    return (info.st_mtime_ns, info.st_size)


def gather(paths: Iterable[Path]) -> Gathering:
    """Read every session file below ``paths`` read-only; one session per session id."""
    paths = list(paths)
    stamp = fingerprint(paths)
    files = session_files(paths)
    warnings: list[FileWarning] = []
    copies: dict[str, list[TableSession]] = {}
    for path in files:
        try:
            sessions = read_sessions(path)
        except SessionFileError as error:
            warnings.append(FileWarning.from_error(error))
            continue
        if not sessions:
            warnings.append(FileWarning(path, "report.merge.no_events"))
        for session in sessions:
            copies.setdefault(session.session_id, []).append(session)
    chosen = []
    for versions in copies.values():
        best = max(versions, key=lambda s: len(s.event_ids))
        chosen.append(best)
        warnings += [_diverged(other, best) for other in versions if not other.event_ids <= best.event_ids]
    chosen.sort(key=lambda s: (s.started_at, s.session_id))
    return Gathering(tuple(chosen), tuple(files), tuple(warnings), stamp)


def _diverged(other: TableSession, kept: TableSession) -> FileWarning:
    """A copy played on apart from the one that counts: both files, why that one counts, and what is left out."""
    counted = {(r.number, note.text) for r in kept.state.rounds for note in r.notes}
    left_out = [f"“{note.text}”" for r in other.state.rounds for note in r.notes if (r.number, note.text) not in counted]
    params = {"kept": kept.path, "kept_steps": len(kept.event_ids), "steps": len(other.event_ids)}
    if left_out:
        return FileWarning(other.path, "report.merge.diverged_points", {**params, "points": "; ".join(left_out)})
    return FileWarning(other.path, "report.merge.diverged", params)


def read_sessions(path: Path) -> list[TableSession]:
    """The sessions in one file (a table's file holds one; a merged file several), read in one snapshot."""
    log = SessionLog.open(path, read_only=True)
    try:
        records = list(log.records())
        merged = _has_merged_mark(log)
    finally:
        log.close()
    grouped: dict[str, tuple[list[str], list[ev.Event]]] = {}
    for event_id, session_id, event in records:
        ids, events = grouped.setdefault(session_id, ([], []))
        ids.append(event_id)
        events.append(event)
    return [TableSession(session_id, replayed(events, path), frozenset(ids), path, events[0].at, events[-1].at,
                         merged) for session_id, (ids, events) in grouped.items()]


def _has_merged_mark(log: SessionLog) -> bool:
    """Whether ``merge`` wrote the file: its sessions are copies, never to be played on in it."""
    try:
        return log.db.execute("SELECT 1 FROM meta WHERE key = ?", [MERGED_MARK]).fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise SessionFileError("CORRUPT", log.path) from exc


def is_merged_file(path: Path) -> bool:
    """Whether ``path`` is a file ``merge`` wrote (read without writing)."""
    log = SessionLog.open(path, read_only=True)
    try:
        return _has_merged_mark(log)
    finally:
        log.close()


class MergeTargetError(Exception):
    """The file to merge into can't be used; the message says why."""

    def __init__(self, msgid: str, path: Path) -> None:
        self.msgid = msgid
        self.path = path
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return _(self.msgid, lang, path=self.path)


def merge_into(gathering: Gathering, target: Path, force: bool = False) -> int:
    """Write the gathered sessions into one new session file; the number of events written.

    The sources are attached one at a time (read-only) and copied with SQL, so a big
    merge stays fast; each event keeps its id, and a session is copied only from the file
    chosen for it. The file is built beside the target and moved into place at the end,
    so an existing target (with ``force``) is replaced whole or not at all, and a failure
    (a full disk, a folder that takes no files) leaves nothing behind: an ``OutputError``.
    """
    resolved = target.resolve()
    if resolved in gathering.files:
        raise MergeTargetError("report.merge.target_is_source", resolved)
    if target.exists() and not force and not target.is_dir():
        raise MergeTargetError("report.merge.target_exists", resolved)
    with building(target) as temporary:
        try:
            written = _build(temporary, gathering)
        except (sqlite3.Error, SessionFileError) as error:
            cause = error.__cause__ if isinstance(error, SessionFileError) else error
            raise OutputError(_sqlite_reason(cause), target, str(cause)) from error
        for companion in companion_files(target):  # an old -wal must never be applied to the new file
            companion.unlink(missing_ok=True)
    return written


def _build(path: Path, gathering: Gathering) -> int:
    log = SessionLog.create(path)
    try:
        log.db.execute("PRAGMA synchronous=OFF")  # a half-built file is thrown away anyway
        written = _copy_sessions(log, gathering)
        log.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [MERGED_MARK, str(len(gathering.sessions))])
        log.db.execute("PRAGMA synchronous=FULL")  # the whole file on disk before it takes the target's place
        log.db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal to carry along
    finally:
        log.close()
    return written


def _sqlite_reason(error: BaseException | None) -> str:
    """What SQLite's words for a failed write mean (it gives no error numbers to Python)."""
    text = str(error).lower()
    if "full" in text:
        return "disk_full"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "not_allowed"
    return "failed"


def _copy_sessions(log: SessionLog, gathering: Gathering) -> int:
    by_file: dict[Path, list[str]] = {}
    for session in gathering.sessions:
        by_file.setdefault(session.path, []).append(session.session_id)
    conn = log.db.conn
    for path, session_ids in by_file.items():
        _attach_read_only(conn, path)
        try:
            marks = ", ".join("?" * len(session_ids))
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT OR IGNORE INTO main.events (event_id, session_id, at, kind, payload) "
                f"SELECT event_id, session_id, at, kind, payload FROM source.events WHERE session_id IN ({marks}) "
                "ORDER BY seq", session_ids)
            conn.execute("COMMIT")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("DETACH DATABASE source")
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def _attach_read_only(conn: sqlite3.Connection, path: Path) -> None:
    """Attach a source as ``source`` the way it is read: a snapshot in memory, so the source is never touched."""
    conn.execute("ATTACH DATABASE ':memory:' AS source")
    conn.deserialize(snapshot(path), name="source")
