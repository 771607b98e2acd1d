"""The session log: one SQLite file per session, append-only, committed per command.

A command's events are written in one transaction and committed before
``StoredSession.execute`` returns, so what a table has seen acknowledged survives
a crash, a closed lid or a pulled plug (WAL with synchronous=FULL). Rows can't be
changed or deleted (triggers). A file that is not a session log, is damaged, or
comes from a newer Dilemmaspel is refused with a clear message and left untouched.
"""
from __future__ import annotations

import json
import os
import sqlite3
import uuid
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

SCHEMA_VERSION = 2
SUFFIX = ".dilemma.db"
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


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens (or attaches) ``path`` so that it can never be written."""
    return f"{path.resolve().as_uri()}?mode=ro"


def _connect(path: Path, mode: str, busy_ms: int) -> sqlite_utils.Database:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=busy_ms / 1000,
                           isolation_level=None)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    return db


def quiet_snapshot(path: Path) -> bytes | None:
    """The whole file, if no table is writing to it; None if one is (there is a -wal, or it changed meanwhile).

    Reading a quiet file whole leaves nothing beside it (a WAL reader would leave a -shm
    and an empty -wal) and works on a read-only medium. The copy is switched out of WAL
    mode, since an in-memory database has no WAL; the file itself is not touched.
    """
    wal = companion_files(path)[0]
    if wal.exists():
        return None
    before = path.stat()
    data = path.read_bytes()
    after = path.stat()
    if wal.exists() or (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return None
    if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
        raise sqlite3.DatabaseError("not an SQLite database")
    return data[:18] + b"\x01\x01" + data[20:]


def _connect_read_only(path: Path, busy_ms: int) -> sqlite_utils.Database:
    """A connection that can never write the file: a snapshot in memory of a quiet file, or mode=ro.

    A table that is still writing is read with mode=ro as a WAL reader, which never blocks
    the writer and sees every committed event.
    """
    snapshot = quiet_snapshot(path)
    if snapshot is None:
        return _connect(path, "ro", busy_ms)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.deserialize(snapshot)
    return sqlite_utils.Database(conn)


def _prepare(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")


class SessionLog:
    """The events of one session in one file."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def create(cls, path: Path, busy_ms: int = BUSY_TIMEOUT_MS, first: list[ev.Event] = (),
               session_id: str = "") -> "SessionLog":
        """A new log at ``path``, holding the ``first`` events of ``session_id`` when given.

        The file is built under a temporary name, with those first events, and put in place
        when it is complete, so a plenary reading the folder never sees a half-made session.
        """
        if path.exists():
            raise SessionFileError("EXISTS", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.nieuw")
        db = _connect(building, "rwc", busy_ms)
        try:
            with db.atomic():
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        db.execute(statement)
                db["meta"].insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                                       {"key": "created", "value": datetime.now(timezone.utc).isoformat()}])
            _prepare(db)
            if first:
                cls(db, building).append(list(first), session_id, after=0)
        finally:
            db.close()
        try:
            _place(building, path)
        finally:
            for leftover in (building, *companion_files(building)):
                leftover.unlink(missing_ok=True)
        return cls.open(path, busy_ms)

    @classmethod
    def open(cls, path: Path, busy_ms: int = BUSY_TIMEOUT_MS, read_only: bool = False) -> "SessionLog":
        """Open an existing log, migrating an older one; refuse what is not ours or too new.

        ``read_only`` never writes, not even beside the file: no migration, and the file is
        read as a snapshot in memory, or with mode=ro while a table is writing to it.
        """
        if not path.is_file():
            raise SessionFileError("MISSING", path)
        if path.stat().st_size == 0:
            raise SessionFileError("EMPTY", path)
        try:
            db = _connect_read_only(path, busy_ms) if read_only else _connect(path, "rw", busy_ms)
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
        return cls(db, path)

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
        """(event_id, session_id, event) in the order they were written, read in one snapshot."""
        try:
            rows = self.db.execute("SELECT event_id, session_id, kind, at, payload FROM events ORDER BY seq").fetchall()
            for event_id, session_id, kind, at, payload in rows:
                yield event_id, session_id, ev.from_record(kind, at, json.loads(payload))
        except (json.JSONDecodeError, TypeError, KeyError, ev.UnknownEvent) as exc:
            raise SessionFileError("BAD_EVENT", self.path) from exc
        except sqlite3.DatabaseError as exc:
            raise SessionFileError("CORRUPT", self.path) from exc

    def close(self) -> None:
        self.db.close()


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


def _operational(exc: sqlite3.OperationalError, path: Path) -> SessionFileError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return SessionFileError("LOCKED", path)
    if "readonly" in text or "read-only" in text:
        return SessionFileError("READ_ONLY", path)
    return SessionFileError("CORRUPT", path)


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
        state = replay(log.events())
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
