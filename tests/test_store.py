"""The session log on real SQLite files: append-only, resumable, and careful with files that are not right."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from game.engine import AddNote, DrawRole, StartSession
from game.store.log import SCHEMA_VERSION, SessionFileError, SessionLog, StoredSession


def start(book, tmp_path, name="s.dilemma.db"):
    return StoredSession.start(book, StartSession(("a", "b"), ("proef",), seed=1, plan="lang"), path=tmp_path / name)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_session_file_is_wal_and_resumes_exactly(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    stored.execute(DrawRole(0))
    stored.execute(AddNote("Wat telt: 'één' <b>&</b> 😀 עברית"))
    assert stored.log.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    resumed = StoredSession.resume(proef_book, stored.path)
    assert resumed.state == stored.state
    assert resumed.state.current.notes[0].text == "Wat telt: 'één' <b>&</b> 😀 עברית"
    kinds = [row[0] for row in resumed.log.db.execute("SELECT kind FROM events ORDER BY seq")]
    assert kinds == ["SessionStarted", "RoundStarted", "PhaseStarted", "RoleAssigned", "NoteAdded"]


def test_the_log_refuses_updates_and_deletes(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    for sql in ("UPDATE events SET kind = 'x'", "DELETE FROM events"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            stored.log.db.execute(sql)
    assert stored.log.db.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_a_refused_write_leaves_the_state_as_it_was(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    before = stored.state
    stored.log.db.execute("DROP TRIGGER events_no_update")  # make room for a failing write below
    stored.log.db.execute("CREATE TRIGGER no_insert BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'vol'); END")
    with pytest.raises(sqlite3.DatabaseError):
        stored.execute(DrawRole(0))
    assert stored.state is before


def test_the_case_and_its_digest_are_stored_with_the_session(proef_book, proef, tmp_path):
    stored = start(proef_book, tmp_path)
    ref = stored.state.cases[0]
    assert (ref.id, ref.version, ref.digest) == ("proef", 2, proef.digest)


@pytest.mark.parametrize("content,code", [
    (b"", "EMPTY"),
    (b"dit is geen database" * 50, "CORRUPT"),
    (bytes(range(256)) * 64, "CORRUPT"),
])
def test_broken_files_are_refused_and_untouched(tmp_path, content, code):
    path = tmp_path / "kapot.dilemma.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(SessionFileError) as caught:
        SessionLog.open(path)
    assert caught.value.code == code
    assert str(path) in caught.value.message("nl")
    assert digest(path) == before
    assert not (tmp_path / "kapot.dilemma.db-wal").exists()


def test_a_truncated_session_file_is_refused_and_untouched(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    for p in range(2):
        stored.execute(DrawRole(p))
    stored.log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored.close()
    data = stored.path.read_bytes()
    cut = tmp_path / "half.dilemma.db"
    cut.write_bytes(data[: len(data) // 2])
    before = digest(cut)
    with pytest.raises(SessionFileError) as caught:
        StoredSession.resume(proef_book, cut)
    assert caught.value.code in ("CORRUPT", "BAD_EVENT")
    assert digest(cut) == before


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "ander.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE klanten (naam TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(SessionFileError) as caught:
        SessionLog.open(path)
    assert caught.value.code == "FOREIGN"
    assert digest(path) == before


def test_a_file_from_a_newer_version_is_refused_and_untouched(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    stored.log.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    stored.log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored.close()
    before = digest(stored.path)
    with pytest.raises(SessionFileError) as caught:
        StoredSession.resume(proef_book, stored.path)
    assert caught.value.code == "NEWER"
    assert "nieuwere versie" in caught.value.message("nl")
    assert digest(stored.path) == before


def test_a_file_locked_by_another_process_gives_a_clear_message(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    stored.close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(stored.path)!r}, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        waiting = StoredSession.resume(proef_book, stored.path)
        waiting.log.db.execute("PRAGMA busy_timeout=200")
        before = waiting.state
        with pytest.raises(SessionFileError) as caught:
            waiting.execute(DrawRole(0))
        assert caught.value.code == "LOCKED"
        assert "in gebruik" in caught.value.message("nl")
        assert waiting.state is before
        waiting.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert StoredSession.resume(proef_book, stored.path).state.phase == "draw"


def test_two_windows_on_one_session_cannot_both_write(proef_book, tmp_path):
    first = start(proef_book, tmp_path)
    second = StoredSession.resume(proef_book, first.path)
    first.execute(DrawRole(0))
    with pytest.raises(SessionFileError) as caught:
        second.execute(DrawRole(1))
    assert caught.value.code == "CHANGED_ELSEWHERE"
    assert StoredSession.resume(proef_book, first.path).state == first.state


def test_an_existing_file_is_never_overwritten_by_a_new_session(proef_book, tmp_path):
    path = tmp_path / "bestaat.dilemma.db"
    path.write_bytes(b"belangrijk")
    with pytest.raises(SessionFileError) as caught:
        start(proef_book, tmp_path, name=path.name)
    assert caught.value.code == "EXISTS"
    assert path.read_bytes() == b"belangrijk"


def full_after_this(db) -> None:
    """Let the file grow no further, as on a disk with no room left (SQLite reports SQLITE_FULL)."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")


def fill_until_full(stored):
    """Write long discussion points until one is refused; the error and the state from just before it."""
    for _ in range(50):
        before = stored.state
        try:
            stored.execute(AddNote("Een lang punt over de douche. " * 60))
        except SessionFileError as error:
            return error, before
    pytest.fail("the disk never filled up")


def test_a_full_disk_while_playing_says_so_and_keeps_what_was_saved(proef_book, tmp_path):
    stored = start(proef_book, tmp_path)
    stored.execute(DrawRole(0))
    full_after_this(stored.log.db)
    error, before = fill_until_full(stored)
    assert error.code == "DISK_FULL" and "schijf is vol" in error.message("nl")
    assert "disk is full" in error.message("en")
    assert stored.state is before
    stored.close()
    assert StoredSession.resume(proef_book, stored.path).state == before


def test_starting_a_session_on_a_full_disk_says_so_and_leaves_no_file(proef_book, tmp_path, monkeypatch):
    from game.store import log
    connect = log._connect

    def full_disk(path, mode, busy_ms):
        db = connect(path, mode, busy_ms)
        db.execute("PRAGMA max_page_count=1")
        return db

    monkeypatch.setattr(log, "_connect", full_disk)
    with pytest.raises(SessionFileError) as caught:
        start(proef_book, tmp_path)
    assert caught.value.code == "DISK_FULL" and caught.value.path == tmp_path / "s.dilemma.db"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A real disk of 512 kB (a tmpfs), or a skip where this system does not let the test mount one."""
    disk = tmp_path / "schijf"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small disk here (needs root)")
    yield disk
    subprocess.run(["umount", "--lazy", str(disk)], check=True)


def test_a_real_full_disk_says_so_when_playing_and_when_starting(proef_book, small_disk):
    stored = start(proef_book, small_disk)
    stored.execute(DrawRole(0))
    with open(small_disk / "vulling", "wb") as filler:
        with pytest.raises(OSError):
            while True:
                filler.write(b"x" * 65536)
                filler.flush()
    error, before = fill_until_full(stored)
    assert error.code == "DISK_FULL" and stored.state is before
    with pytest.raises(SessionFileError) as caught:
        start(proef_book, small_disk, name="nieuw.dilemma.db")
    assert caught.value.code == "DISK_FULL"
    assert sorted(p.name for p in small_disk.iterdir()) == [".s.dilemma.db.lock", "s.dilemma.db", "s.dilemma.db-shm",
                                                            "s.dilemma.db-wal", "vulling"]
    stored.close()
    (small_disk / "vulling").unlink()
    resumed = StoredSession.resume(proef_book, stored.path)
    assert resumed.state == before
    resumed.close()


KILLED_WHILE_CREATING = """
import os, signal, sys
from pathlib import Path
from game.engine import StartSession
from game.store import log
from tests.conftest import DATA, book_of
from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_decks
decks, _ = load_decks(BUNDLED_LIBRARY / "decks")
book = book_of(decks, load_case(DATA / "proef.yaml", decks).case)
log._place = lambda building, path: os.kill(os.getpid(), signal.SIGKILL)  # the moment the file is complete
log.StoredSession.start(book, StartSession(("a", "b"), ("proef",)), path=Path(sys.argv[1]))
"""


def killed_while_creating(path):
    done = subprocess.run([sys.executable, "-c", KILLED_WHILE_CREATING, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == -9, done.stderr


def test_what_a_game_killed_while_creating_left_is_cleaned_up_at_the_next_start(proef_book, tmp_path):
    from game.app import list_sessions, tidy_sessions_folder
    played = start(proef_book, tmp_path, name="gespeeld.dilemma.db")
    killed_while_creating(tmp_path / "half.dilemma.db")
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".half"))
    assert any(name.endswith(".nieuw") for name in left) and ".half.dilemma.db.lock" in left
    assert [s.path.name for s in list_sessions(tmp_path)[0]] == ["gespeeld.dilemma.db"]
    (tmp_path / "notities.nieuw").write_text("van iemand anders")
    tidy_sessions_folder(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".gespeeld.dilemma.db.lock", "gespeeld.dilemma.db",
                                                          "gespeeld.dilemma.db-shm", "gespeeld.dilemma.db-wal",
                                                          "notities.nieuw"]
    played.close()
    assert not (tmp_path / ".gespeeld.dilemma.db.lock").exists()


def test_a_session_being_created_elsewhere_is_not_cleaned_up(proef_book, tmp_path):
    from game.store.locks import OpenMark
    killed_while_creating(tmp_path / "half.dilemma.db")
    building = next(p for p in tmp_path.iterdir() if p.name.endswith(".nieuw"))
    creating = OpenMark(tmp_path / "half.dilemma.db")  # as a game that is creating it right now
    start(proef_book, tmp_path)  # starting a session tidies the folder too
    assert building.exists()
    creating.release()
    start(proef_book, tmp_path, name="nog-een.dilemma.db").close()
    assert not building.exists() and not (tmp_path / ".half.dilemma.db.lock").exists()
