"""Gathering the tables: real session files read read-only, each session once, broken files named, merged."""
from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from game.app import open_library, start_session
from game.engine import AddNote, StartSession
from game.engine.state import replay
from game.store.log import SessionLog, StoredSession, companion_files, default_folder
from game.store.merge import MergeTargetError, fingerprint, gather, merge_into, read_sessions
from tests.tables import TABLE_ONE, play_like_a_table, scripted, version_1_file


@pytest.fixture(scope="module")
def library():
    return open_library()


@pytest.fixture
def usb(tmp_path, library):
    """A folder as a facilitator brings it: three finished table sessions, one in a subfolder."""
    folder = tmp_path / "usb"
    for number, cases in enumerate((("hygiene-normen", "open-deur"), ("open-deur",), ("hygiene-normen",))):
        path = folder / ("laptop-b" if number == 2 else "") / f"tafel{number + 1}.dilemma.db"
        stored = start_session(library, StartSession(("A", "B", "C", "D"), cases, seed=number, plan="lang"), path=path)
        play_like_a_table(stored, random.Random(number))
        stored.close()
    return folder


def digests(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_a_folder_is_read_with_subfolders_oldest_first(usb):
    gathering = gather([usb])
    assert [s.path.name for s in gathering.sessions] == ["tafel1.dilemma.db", "tafel2.dilemma.db",
                                                        "tafel3.dilemma.db"]
    assert all(s.state.finished for s in gathering.sessions)
    assert gathering.warnings == ()


def test_reading_writes_nothing_into_the_files(usb):
    before = digests(usb)
    gather([usb])
    assert digests(usb) == before


def test_the_same_session_read_twice_counts_once(usb, tmp_path):
    copy = tmp_path / "kopie"
    shutil.copytree(usb, copy)
    gathering = gather([usb, copy, usb / "tafel1.dilemma.db"])
    assert len(gathering.sessions) == 3
    assert gathering.warnings == ()


def test_an_older_copy_of_a_session_gives_way_to_the_longer_one(library, tmp_path):
    stored = start_session(library, StartSession(("A", "B"), ("open-deur",), plan="lang"), path=tmp_path / "nu" / "t.dilemma.db")
    (tmp_path / "eerder").mkdir()
    for file in (stored.path, companion_files(stored.path)[0]):  # copied while the table plays
        shutil.copy(file, tmp_path / "eerder" / file.name)
    stored.execute(AddNote("later geschreven"))
    stored.close()
    gathering = gather([tmp_path / "eerder", tmp_path / "nu"])
    assert len(gathering.sessions) == 1
    assert gathering.sessions[0].path.parent.name == "nu"
    assert gathering.sessions[0].state.current.notes[0].text == "later geschreven"
    assert gathering.warnings == ()


def test_two_copies_played_on_apart_are_named(library, tmp_path):
    stored = start_session(library, StartSession(("A", "B"), ("open-deur",), plan="lang"), path=tmp_path / "a" / "t.dilemma.db")
    stored.close()
    (tmp_path / "b").mkdir()
    shutil.copy(stored.path, tmp_path / "b" / "t.dilemma.db")
    for folder, note in (("a", "hier"), ("b", "daar"), ("b", "en nog wat")):
        resumed = StoredSession.resume(stored.session.book, tmp_path / folder / "t.dilemma.db")
        resumed.execute(AddNote(note))
        resumed.close()
    gathering = gather([tmp_path / "a", tmp_path / "b"])
    assert [s.path.parent.name for s in gathering.sessions] == ["b"]
    (warning,) = gathering.warnings
    assert warning.path.parent.name == "a"
    full, short = warning.message("nl"), warning.message("nl", full_path=False)
    assert str(tmp_path / "a" / "t.dilemma.db") in full and str(tmp_path / "b" / "t.dilemma.db") in full
    assert "a/t.dilemma.db" in short and "b/t.dilemma.db" in short and str(tmp_path) not in short
    assert "Alleen b/t.dilemma.db telt mee" in short and "verst gekomen" in short
    assert short.endswith("tellen dus niet mee: “hier”")  # the point only the other copy has is named
    assert "daar" not in short and "“hier”" in warning.message("en")


def test_a_table_still_writing_is_read_and_keeps_writing(library, tmp_path):
    live = start_session(library, StartSession(("A", "B", "C"), ("open-deur",), plan="lang"), path=tmp_path / "live.dilemma.db")
    live.execute(AddNote("eerste punt"))
    assert companion_files(live.path)[0].stat().st_size > 0  # the events are still in the -wal
    first = gather([tmp_path])
    assert first.sessions[0].state.current.notes[0].text == "eerste punt"
    live.execute(AddNote("tweede punt"))  # the reader did not get in the writer's way
    assert fingerprint([tmp_path]) != first.fingerprint
    second = gather([tmp_path])
    assert [n.text for n in second.sessions[0].state.current.notes] == ["eerste punt", "tweede punt"]
    merge_into(second, tmp_path / "uit" / "alles.dilemma.db")
    live.execute(AddNote("derde punt"))
    live.close()
    (merged,) = read_sessions(tmp_path / "uit" / "alles.dilemma.db")
    assert [n.text for n in merged.state.current.notes] == ["eerste punt", "tweede punt"]


def test_broken_foreign_newer_and_empty_files_are_skipped_by_name(usb, proef_book):
    (usb / "kapot.dilemma.db").write_bytes(b"SQLite format 3\x00" + b"\x13" * 3000)
    (usb / "leeg.dilemma.db").write_bytes(b"")
    foreign = sqlite3.connect(usb / "vreemd.dilemma.db")
    foreign.execute("CREATE TABLE boodschappen (wat TEXT)")
    foreign.commit()
    foreign.close()
    newer = StoredSession.start(proef_book, StartSession(("a", "b"), ("proef",), plan="lang"), path=usb / "nieuw.dilemma.db")
    newer.log.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    newer.close()
    no_session = SessionLog.create(usb / "niets.dilemma.db")
    no_session.close()
    before = digests(usb)
    gathering = gather([usb])
    assert len(gathering.sessions) == 3
    reasons = {w.path.name: w.msgid for w in gathering.warnings}
    assert reasons == {"kapot.dilemma.db": "store.CORRUPT", "leeg.dilemma.db": "store.EMPTY",
                       "vreemd.dilemma.db": "store.FOREIGN", "nieuw.dilemma.db": "store.NEWER",
                       "niets.dilemma.db": "report.merge.no_events"}
    for warning in gathering.warnings:
        assert warning.path.name in warning.message("nl") and warning.path.name in warning.message("en")
        assert str(warning.path.parent) not in warning.message("nl", full_path=False)
    assert digests(usb) == before


def test_a_file_whose_events_do_not_fit_together_is_skipped(usb, proef_book, tmp_path):
    stored = scripted(proef_book, tmp_path / "raar.dilemma.db", ("A", "B", "C"), TABLE_ONE)
    stored.log.db.execute("DROP TRIGGER events_no_delete")
    stored.log.db.execute("DELETE FROM events WHERE kind = 'RoundStarted'")
    stored.close()
    gathering = gather([usb, tmp_path / "raar.dilemma.db"])
    assert len(gathering.sessions) == 3
    assert [(w.path.name, w.msgid) for w in gathering.warnings] == [("raar.dilemma.db", "store.BAD_EVENT")]


def test_an_older_schema_is_read_without_being_migrated(library, tmp_path):
    state = version_1_file(library, tmp_path / "oud.dilemma.db")
    (session,) = gather([tmp_path]).sessions
    assert session.state == state
    conn = sqlite3.connect(tmp_path / "oud.dilemma.db")
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("1",)
    conn.close()


def test_fingerprint_notices_new_and_changed_files_only(usb, library):
    first = fingerprint([usb])
    assert fingerprint([usb]) == first
    stored = start_session(library, StartSession(("A", "B"), ("open-deur",), plan="lang"), path=usb / "tafel9.dilemma.db")
    grown = fingerprint([usb])
    assert grown != first
    stored.execute(AddNote("nieuw punt"))
    assert fingerprint([usb]) != grown
    stored.close()


def test_merge_writes_one_file_with_every_session_once(usb, tmp_path):
    gathering = gather([usb, usb])
    target = tmp_path / "alles.dilemma.db"
    written = merge_into(gathering, target)
    expected = sum(s.state.events for s in gathering.sessions)
    assert written == expected
    assert not companion_files(target)[0].exists()
    merged = gather([target])
    assert [s.state for s in merged.sessions] == [s.state for s in gathering.sessions]
    assert len(gather([usb, target]).sessions) == 3  # the merged file and its originals count once


def test_merge_never_overwrites_without_force_and_never_a_source(usb, tmp_path):
    target = tmp_path / "alles.dilemma.db"
    target.write_text("mijn eigen bestand")
    gathering = gather([usb])
    with pytest.raises(MergeTargetError) as caught:
        merge_into(gathering, target)
    assert "--force" in caught.value.message("nl")
    assert target.read_text() == "mijn eigen bestand"
    merge_into(gathering, target, force=True)
    assert len(read_sessions(target)) == 3
    source = usb / "tafel1.dilemma.db"
    before = source.read_bytes()
    with pytest.raises(MergeTargetError):
        merge_into(gathering, source, force=True)
    assert source.read_bytes() == before


def test_merge_attaches_one_file_at_a_time_past_the_limit_of_ten(library, tmp_path):
    folder = tmp_path / "veel"
    for number in range(12):
        stored = start_session(library, StartSession(("A", "B"), ("open-deur",), seed=number, plan="lang"),
                               path=folder / f"t{number:02}.dilemma.db")
        stored.execute(AddNote(f"tafel {number}"))
        stored.close()
    gathering = gather([folder])
    merge_into(gathering, tmp_path / "alles.dilemma.db")
    notes = sorted(s.state.current.notes[0].text for s in gather([tmp_path / "alles.dilemma.db"]).sessions)
    assert notes == sorted(f"tafel {number}" for number in range(12))


def test_a_merged_file_keeps_each_sessions_events_in_order(usb, tmp_path):
    merge_into(gather([usb]), tmp_path / "alles.dilemma.db")
    log = SessionLog.open(tmp_path / "alles.dilemma.db", read_only=True)
    by_session: dict[str, list] = {}
    for _event_id, session_id, event in log.records():
        by_session.setdefault(session_id, []).append(event)
    log.close()
    originals = {s.session_id: s.state for s in gather([usb]).sessions}
    assert {sid: replay(events) for sid, events in by_session.items()} == originals


def test_the_data_folder_can_be_set_with_an_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("DILEMMASPEL_DATA", str(tmp_path / "sessies"))
    assert default_folder() == tmp_path / "sessies"
    monkeypatch.delenv("DILEMMASPEL_DATA")
    assert default_folder().name == "sessions" and default_folder() != tmp_path / "sessies"


def locked(folders):
    """Make folders unwritable even for root (the immutable attribute), or skip when the system can't."""
    try:
        subprocess.run(["chattr", "+i", *map(str, folders)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"cannot make a read-only folder here (chattr: {error})")


def test_a_folder_that_cannot_be_written_is_still_read_and_merged(usb, tmp_path):
    """Like a write-protected USB stick: no -shm or -wal can be made beside the files."""
    before = digests(usb)
    folders = [usb, usb / "laptop-b"]
    locked(folders)
    try:
        with pytest.raises(OSError):
            (usb / "probeer.txt").write_text("x")
        gathering = gather([usb])
        merge_into(gathering, tmp_path / "alles.dilemma.db")
    finally:
        subprocess.run(["chattr", "-i", *map(str, folders)], check=True)
    assert len(gathering.sessions) == 3 and gathering.warnings == ()
    assert len(read_sessions(tmp_path / "alles.dilemma.db")) == 3
    assert digests(usb) == before


LIVE_TABLE = """
import sys
from pathlib import Path
from game.app import open_library, start_session
from game.engine import AddNote, StartSession
stored = start_session(open_library(), StartSession(("A", "B", "C"), ("open-deur",)), path=Path(sys.argv[1]))
stored.execute(AddNote("eerste punt"))
print("geschreven", flush=True)
sys.stdin.readline()
stored.execute(AddNote("tweede punt"))
stored.close()
"""


def copied_while_playing(library, folder):
    """A session file and its -wal copied while the table played, without the -shm: as a stick often holds it."""
    live = start_session(library, StartSession(("D", "E"), ("open-deur",)), path=folder / "bron" / "k.dilemma.db")
    live.execute(AddNote("alleen in de wal"))
    for file in (live.path, companion_files(live.path)[0]):
        shutil.copy(file, folder / file.name)
    live.close()
    shutil.rmtree(folder / "bron")
    assert companion_files(folder / "k.dilemma.db")[0].stat().st_size > 0
    return folder / "k.dilemma.db"


def test_reading_a_folder_leaves_every_file_byte_for_byte_while_a_table_writes(usb, library, tmp_path):
    from game.app import list_sessions
    from game.report.plenary import Plenary
    from game.solo import group_choices
    copied = copied_while_playing(library, usb)
    table = subprocess.Popen([sys.executable, "-c", LIVE_TABLE, str(usb / "live.dilemma.db")],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert table.stdout.readline().strip() == "geschreven"
        assert companion_files(usb / "live.dilemma.db")[1].exists()  # the table's own -shm
        before = digests(usb)
        gathering = gather([usb])
        merge_into(gathering, tmp_path / "alles.dilemma.db")
        assert len(list_sessions(usb)[0]) == 5  # the folder and its subfolder
        plenary = Plenary([usb], library, "nl")
        scenario = library.case("open-deur", "nl").scenario
        group_choices(usb, library, scenario, list(scenario.decisions))
        report = subprocess.run([sys.executable, "-m", "game", "report", str(usb), "--format", "md"],
                                capture_output=True, text=True, timeout=120)
        assert digests(usb) == before
        assert not companion_files(copied)[1].exists()
        table.stdin.write("verder\n")
        table.stdin.flush()
        assert table.wait(timeout=60) == 0
    finally:
        table.kill()
    assert report.returncode == 0, report.stderr
    notes = {s.path.name: [n.text for n in s.state.current.notes] for s in gathering.sessions}
    assert notes["live.dilemma.db"] == ["eerste punt"] and notes["k.dilemma.db"] == ["alleen in de wal"]
    assert gathering.warnings == () and len(plenary.rounds) == 6
    assert [n.text for n in read_sessions(usb / "live.dilemma.db")[0].state.current.notes] == ["eerste punt",
                                                                                              "tweede punt"]


def test_a_session_with_a_wal_but_no_shm_on_a_write_protected_stick_is_read(library, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    copied = copied_while_playing(library, stick)
    before = digests(stick)
    locked([stick])
    try:
        gathering = gather([stick])
        merge_into(gathering, tmp_path / "alles.dilemma.db")
    finally:
        subprocess.run(["chattr", "-i", str(stick)], check=True)
    assert gathering.warnings == ()
    assert [n.text for n in gathering.sessions[0].state.current.notes] == ["alleen in de wal"]
    assert [n.text for n in read_sessions(tmp_path / "alles.dilemma.db")[0].state.current.notes] == ["alleen in de wal"]
    assert digests(stick) == before and not companion_files(copied)[1].exists()
