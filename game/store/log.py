"""The session log: one SQLite file per session, append-only, committed per command.

A command's events are written in one transaction and committed before
``StoredSession.execute`` returns, so what a table has seen acknowledged survives
a crash, a closed lid or a pulled plug (WAL with synchronous=FULL). Rows can't be
changed or deleted (triggers). A file that is not a session log, is damaged, or
comes from a newer Dilemmaspel is refused with a clear message and left untouched;
one row that is not an event this version wrote makes the whole file "damaged".
While a game has a session open it holds a lock beside it (``locks``), and reading
for the plenary or a report goes through a private snapshot (``snapshot``), never
through SQLite in the tables' folder.
"""
from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import stat
import tempfile
import time
import uuid
from contextlib import suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from game.engine import events as ev
from game.engine.commands import Command
from game.engine.session import CaseBook, Session
from game.engine.state import SessionState, replay
from game.i18n import _
from game.store.folders import default_folder
from game.store.locks import LOCK_SUFFIX, OpenMark, claimed
from game.version import game_version

SCHEMA_VERSION = 2
GAME_VERSION_KEY = "game_version"  # in meta: the Dilemmaspel that made the file (files before 0.1.0 lack it)
SUFFIX = ".dilemma.db"
BUILDING_SUFFIX = ".nieuw"
# .NAME.dilemma.db.1a2b3c4d.nieuw (and its -wal, -shm, -journal) while a session is built; .NAME.dilemma.db.lock
_LEFTOVER = re.compile(rf"^\.(?P<session>.+{re.escape(SUFFIX)})(\.[0-9a-f]{{8}}{re.escape(BUILDING_SUFFIX)}"
                       rf"(-wal|-shm|-journal)?|{re.escape(LOCK_SUFFIX)})$")
BUSY_TIMEOUT_MS = 5000
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
CREATE INDEX events_by_kind ON events (kind);
"""


def _index_events_by_kind(db: sqlite_utils.Database) -> None:
    """Version 2: the plenary looks events up by kind."""
    db.execute("CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind)")


# Migrations from version N to N+1, each run in one transaction when an older file is opened.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _index_events_by_kind}


class SessionFileError(Exception):
    """A session file that can't be opened; the message says why and what to do."""

    def __init__(self, code: str, path: Path, **params: object) -> None:
        self.code = code
        self.path = path
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return _(f"store.{self.code}", lang, path=self.path, **self.params)


def companion_files(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside a session file while it is in use."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def aside_marker(path: Path) -> Path:
    """The empty file beside a session file that says it was put away: kept, but no longer offered to resume.

    A file beside the log, not an event in it: the log holds what the table did, and the file may be
    copied to the trainer's laptop for the plenary, where the offer to resume means nothing."""
    return path.with_name(path.name + "-aside")



def _connect(path: Path, mode: str, busy_ms: int) -> sqlite_utils.Database:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=busy_ms / 1000,
                           isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    return db


SNAPSHOT_TRIES = 5


def snapshot(path: Path) -> bytes:
    """The committed content of a session file and its -wal, as one database image, read without writing anything.

    SQLite is never pointed at the folder: a WAL reader there would make or update the
    -shm beside the file, and on a write-protected stick it can't. The file and its -wal
    are read as bytes, again if a table wrote meanwhile, and the -wal is applied to a
    private copy outside the folder. The image is switched out of WAL mode, since an
    in-memory database has no WAL.
    """
    wal = companion_files(path)[0]
    for attempt in range(SNAPSHOT_TRIES):
        before = _stamps(path, wal)
        data, journal = _read_regular(path), _read_if_there(wal)
        if _stamps(path, wal) == before:
            break
        time.sleep(0.05 * (attempt + 1))
    else:
        raise SessionFileError("LOCKED", path)
    if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
        raise sqlite3.DatabaseError("not an SQLite database")
    if journal:
        data = _with_wal_applied(data, journal)
    return data[:18] + b"\x01\x01" + data[20:]


def _stamps(*paths: Path) -> tuple:
    found = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            found.append(None)
            continue
        found.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(found)


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, a device or a folder in its place is refused without waiting on it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise sqlite3.DatabaseError("not a regular file")
        return file.read()


def _read_if_there(path: Path) -> bytes:
    try:
        return _read_regular(path)
    except FileNotFoundError:
        return b""


def _with_wal_applied(data: bytes, journal: bytes) -> bytes:
    """The database image after the committed transactions in ``journal``, worked out in a private folder."""
    with tempfile.TemporaryDirectory(prefix="dilemmaspel-") as private:
        copy = Path(private) / "sessie.db"
        copy.write_bytes(data)
        companion_files(copy)[0].write_bytes(journal)
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # checkpoints the -wal into the copy
        finally:
            conn.close()
        return copy.read_bytes()


def in_memory(path: Path) -> sqlite3.Connection:
    """A private in-memory copy of a session file: whatever is done to it never reaches the file."""
    image = snapshot(path)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.deserialize(image)
    return conn


def _prepare(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")


class SessionLog:
    """The events of one session in one file; ``mark`` tells other programs that a game has it open."""

    def __init__(self, db: sqlite_utils.Database, path: Path, mark: OpenMark | None = None) -> None:
        self.db = db
        self.path = path
        self.mark = mark

    @classmethod
    def create(cls, path: Path, busy_ms: int = BUSY_TIMEOUT_MS, first: list[ev.Event] = (),
               session_id: str = "") -> "SessionLog":
        """A new log at ``path``, holding the ``first`` events of ``session_id`` when given.

        The file is built under a temporary name, with those first events, and put in place
        when it is complete, so a plenary reading the folder never sees a half-made session.
        """
        if path.exists():
            raise SessionFileError("EXISTS", path)
        building = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{BUILDING_SUFFIX}")
        mark = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_leftovers(path.parent)
            mark = OpenMark(path)  # so that a clean-up elsewhere leaves the file being built alone
            db = _connect(building, "rwc", busy_ms)
            try:
                with db.atomic():
                    for statement in _SCHEMA.split(";\n"):
                        if statement.strip():
                            db.execute(statement)
                    db["meta"].insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                                           {"key": "created", "value": datetime.now(timezone.utc).isoformat()},
                                           {"key": GAME_VERSION_KEY, "value": game_version()}])
                _prepare(db)
                if first:  # a failing write names the file the table will know, not the one being built
                    cls(db, path).append(list(first), session_id, after=0)
            finally:
                db.close()
            _place(building, path)
            return cls.open(path, busy_ms)
        except sqlite3.Error as exc:
            raise _operational(exc, path) from exc
        except OSError as exc:
            raise _unwritable(exc, path) from exc
        finally:
            for leftover in (building, *companion_files(building)):
                leftover.unlink(missing_ok=True)
            if mark:
                mark.release()

    @classmethod
    def open(cls, path: Path, busy_ms: int = BUSY_TIMEOUT_MS, read_only: bool = False) -> "SessionLog":
        """Open an existing log, migrating an older one; refuse what is not ours or too new.

        ``read_only`` never writes, not even beside the file: no migration, and the file (with
        what its -wal holds, also while a table is writing) is read as a snapshot in memory.
        """
        if not path.is_file():
            raise SessionFileError("NOT_A_FILE" if path.exists() or path.is_symlink() else "MISSING", path)
        if path.stat().st_size == 0:
            raise SessionFileError("EMPTY", path)
        if read_only:
            return cls(_opened(path, busy_ms, read_only), path)
        try:
            mark = OpenMark(path)
        except OSError as exc:
            raise _unwritable(exc, path) from exc
        try:
            return cls(_opened(path, busy_ms, read_only), path, mark)
        except BaseException:
            mark.release()
            raise

    def append(self, events: list[ev.Event], session_id: str, after: int) -> None:
        """Write all events of one command in one transaction, committed on return.

        ``after`` is the number of events the writer has seen; if the file holds more,
        another window wrote to the same session and nothing is written.
        """
        rows = []
        for event in events:
            kind, at, payload = ev.to_record(event)
            rows.append((uuid.uuid4().hex, session_id, at, kind, json.dumps(payload, ensure_ascii=False)))
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if (conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]) != after:
                    raise SessionFileError("CHANGED_ELSEWHERE", self.path)
                conn.executemany(
                    "INSERT INTO events (event_id, session_id, at, kind, payload) VALUES (?, ?, ?, ?, ?)", rows)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise _operational(exc, self.path) from exc

    def events(self) -> Iterator[ev.Event]:
        for _event_id, _session_id, event in self.records():
            yield event

    def records(self) -> Iterator[tuple[str, str, ev.Event]]:
        """(event_id, session_id, event) in the order they were written, read in one snapshot.

        The texts are read as bytes and decoded here, so a row that is not UTF-8, or whose
        payload is not the JSON object its event needs, makes the file refused as BAD_EVENT.
        """
        try:
            rows = self.db.execute("SELECT CAST(event_id AS BLOB), CAST(session_id AS BLOB), CAST(kind AS BLOB), at, "
                                   "CAST(payload AS BLOB) FROM events ORDER BY seq").fetchall()
        except sqlite3.DatabaseError as exc:
            raise SessionFileError("CORRUPT", self.path) from exc
        for event_id, session_id, kind, at, payload in rows:
            try:
                event = ev.from_record(kind.decode(), at, json.loads(payload.decode()))
                yield event_id.decode(), session_id.decode(), event
            except (AttributeError, TypeError, ValueError, RecursionError) as exc:  # not UTF-8, JSON, our event
                raise SessionFileError("BAD_EVENT", self.path) from exc

    def state(self) -> SessionState:
        """The state the events of this (one-session) log fold into."""
        return replayed(list(self.events()), self.path)

    def close(self) -> None:
        self.db.close()
        if self.mark:
            self.mark.release()


def _opened(path: Path, busy_ms: int, read_only: bool) -> sqlite_utils.Database:
    """The database of an existing log, migrated unless ``read_only``; refused when not ours or too new."""
    try:
        db = sqlite_utils.Database(in_memory(path)) if read_only else _connect(path, "rw", busy_ms)
        version = _schema_version(db, path)
    except sqlite3.OperationalError as exc:
        raise _operational(exc, path) from exc
    except (sqlite3.DatabaseError, OSError) as exc:
        raise SessionFileError("CORRUPT", path) from exc
    if version > SCHEMA_VERSION:
        db.close()
        raise SessionFileError("NEWER", path, version=version, supported=SCHEMA_VERSION)
    if not read_only:
        try:
            _prepare(db)
            _migrate(db, version)
        except sqlite3.OperationalError as exc:
            db.close()
            raise _operational(exc, path) from exc
    return db


def remove_leftovers(folder: Path) -> None:
    """Remove what a game stopped halfway left in ``folder``: half-built sessions and stale lock files.

    Only hidden files with the names this module gives them are touched, and only when no
    game has their session open or is creating it (``claimed``); a folder that can't be
    written is left as it is.
    """
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return
    for name in names:
        found = _LEFTOVER.match(name)
        if not found:
            continue
        with suppress(OSError), claimed(folder / found["session"]) as free:
            if free:  # the lock file itself goes when the claim ends
                (folder / name).unlink(missing_ok=True)


def replayed(events: list[ev.Event], path: Path) -> SessionState:
    """The state after the events; a log whose events do not fit together is refused like a bad row."""
    if events and not isinstance(events[0], ev.SessionStarted):
        raise SessionFileError("BAD_EVENT", path)
    try:
        return replay(events)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        raise SessionFileError("BAD_EVENT", path) from exc


def _place(building: Path, path: Path) -> None:
    """Put the finished file at ``path`` without ever replacing a file that appeared there meanwhile."""
    try:
        os.link(building, path)
    except FileExistsError:
        raise SessionFileError("EXISTS", path) from None
    except OSError:  # a file system without hard links (a FAT-formatted stick): check, then rename
        if path.exists():
            raise SessionFileError("EXISTS", path) from None
        building.rename(path)


def _schema_version(db: sqlite_utils.Database, path: Path) -> int:
    if "meta" not in db.table_names() or "events" not in db.table_names():
        db.close()
        raise SessionFileError("FOREIGN", path)
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0])
    except (TypeError, ValueError):
        db.close()
        raise SessionFileError("FOREIGN", path) from None


def _migrate(db: sqlite_utils.Database, version: int) -> None:
    while version < SCHEMA_VERSION:
        with db.atomic():
            MIGRATIONS[version](db)
            version += 1
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])


def _operational(exc: sqlite3.Error, path: Path) -> SessionFileError:
    """What SQLite's error means for the facilitator: a full disk, a file in use or write-protected, else damage."""
    code = getattr(exc, "sqlite_errorcode", 0)
    if code & 0xFF == sqlite3.SQLITE_FULL or code == sqlite3.SQLITE_IOERR_SHMSIZE:
        return SessionFileError("DISK_FULL", path)
    if code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return SessionFileError("LOCKED", path)
    if code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
        return SessionFileError("READ_ONLY", path)
    return SessionFileError("CORRUPT", path)


def _unwritable(exc: OSError, path: Path) -> SessionFileError:
    """A file that could not be made: the disk is full, or the place can't be written."""
    return SessionFileError("DISK_FULL" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "READ_ONLY", path)


class StoredSession:
    """A session whose every command is in the log before the table sees its effect."""

    def __init__(self, session: Session, log: SessionLog) -> None:
        self.session = session
        self.log = log

    @property
    def state(self) -> SessionState:
        return self.session.state

    @property
    def path(self) -> Path:
        return self.log.path

    @classmethod
    def start(cls, book: CaseBook, command: Command, folder: Path | None = None, path: Path | None = None,
              **session_options) -> "StoredSession":
        """Start a session and its file: ``path``, or a new file in ``folder`` (the data folder by default)."""
        session = Session(book, **session_options)
        events = session.execute(command)
        if path is None:
            stamp = datetime.fromtimestamp(events[0].at).strftime("%Y%m%d-%H%M")
            path = (folder or default_folder()) / f"{stamp}-{session.state.session_id[:8]}{SUFFIX}"
        log = SessionLog.create(path, first=events, session_id=session.state.session_id)
        return cls(session, log)

    @classmethod
    def resume(cls, book: CaseBook, path: Path, **session_options) -> "StoredSession":
        """Open a session file and rebuild its state exactly from the log."""
        log = SessionLog.open(path)
        try:
            state = log.state()
        except SessionFileError:
            log.close()
            raise
        return cls(Session(book, state, **session_options), log)

    def execute(self, command: Command, now: float | None = None) -> list[ev.Event]:
        """Run the command on a copy of the state, log its events, then make the new state current."""
        before = self.session.state
        events = self.session.execute(command, now)
        try:
            self.log.append(events, self.session.state.session_id, after=before.events)
        except BaseException:
            self.session.state = before
            raise
        return events

    def close(self) -> None:
        self.log.close()
