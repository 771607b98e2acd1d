"""Hostile and broken files are refused with their file named, and nothing escapes as an exception.

Each case file is loaded in a child process with a generous time-out: a hang or a crash
of the parser (a segfault on deep nesting, say) fails the test instead of the run.
A session file with one hostile row is "damaged": resume, the report, the plenary,
the list of sessions and merge name it and skip it, and every other file still counts.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.app import open_library, resume_session, start_session
from game.app import list_sessions
from game.engine import StartSession
from game.report.document import build_report
from game.report.exports import FORMATS, render
from game.report.plenary import Plenary
from game.store.log import SessionFileError
from game.store.merge import gather, merge_into, read_sessions
from tests.tables import play_like_a_table

LOAD = """
import json, sys
from pathlib import Path
from game.scenario.loader import load_case, load_decks, BUNDLED_LIBRARY
decks, _ = load_decks(BUNDLED_LIBRARY / "decks")
result = load_case(Path(sys.argv[1]), decks)
print(json.dumps([[p.code, p.path, p.line] for p in result.problems]))
"""


def load_in_child(path: Path) -> list[list]:
    done = subprocess.run([sys.executable, "-c", LOAD, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def hostile_files() -> dict[str, bytes]:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    return {
        "alias_bomb": bomb.encode(),
        "recursive_alias": b"a: &a [1, *a]\n",
        "twenty_mb": b"id: groot\ntitle: " + b"x" * 20_000_000 + b"\n",
        "deep_flow": b"[" * 200_000 + b"]" * 200_000,
        "deep_block": b"- " * 200_000 + b"x\n",
        "deep_mapping": "".join(f"{' ' * i}k{i}:\n" for i in range(500)).encode(),
        "invalid_utf8": b"id: proef\ntitle: caf\xe9\n",
        "binary": bytes(range(256)) * 40,
        "control_chars": b"id: proef\ntitle: a\x07b\n",
        "many_documents": b"id: a\n---\nid: b\n",
        "a_list": b"- id: proef\n",
        "just_text": b"Dit is een casus over een washandje.\n",
        "python_tag": b"id: !!python/object/apply:os.system ['echo gevaarlijk']\n",
        "huge_number": b"id: proef\nversion: " + b"9" * 5000 + b"\n",
        "odd_unicode": "id: proef\ntitle: \u202eeuq\u200b\U0001F600 \u05e9\u05dc\u05d5\u05dd\n".encode(),
        "tabs": b"id: proef\ntitle:\tTab\n\tversion: 1\n",
    }


@pytest.mark.parametrize("name", sorted(hostile_files()))
def test_hostile_file_is_refused_with_its_name(name, tmp_path):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(hostile_files()[name])
    problems = load_in_child(path)
    assert problems, "a hostile file must not load as a case"
    assert all(p[1].endswith(f"{name}.yaml") and p[2] >= 1 for p in problems)


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "marker"
    path = tmp_path / "tag.yaml"
    path.write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    codes = [p[0] for p in load_in_child(path)]
    assert codes == ["YAML_SYNTAX"]
    assert not marker.exists()


def run_cli_in_child(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command line in a child process; a hang fails the test after the time-out instead of the run."""
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def special_files(folder: Path) -> dict[str, Path]:
    """A pipe nobody writes to (reading it would wait for ever) and a link to an endless device."""
    fifo = folder / "pijp.yaml"
    os.mkfifo(fifo)
    endless = folder / "eindeloos.yaml"
    endless.symlink_to("/dev/zero")
    return {"pipe": fifo, "endless": endless}


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs pipes and /dev/zero")
@pytest.mark.parametrize("kind", ["pipe", "endless"])
@pytest.mark.parametrize("options", [[], ["--snippet"]])
def test_a_pipe_or_a_device_is_refused_without_waiting_or_reading_for_ever(tmp_path, kind, options):
    path = special_files(tmp_path)[kind]
    done = run_cli_in_child("validate", *options, path.name, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert f"{path.name}:1:1: FILE_UNREADABLE" in done.stdout
    assert "geen gewoon bestand" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs pipes and /dev/zero")
def test_a_folder_with_a_pipe_and_a_device_among_its_cases_checks_the_rest(tmp_path):
    special_files(tmp_path)
    (tmp_path / "leeg.yaml").write_text("# nog niets\n", encoding="utf-8")
    done = run_cli_in_child("validate", ".", cwd=tmp_path)
    codes = sorted(line.split(": ")[1].split()[0] for line in done.stdout.splitlines() if ".yaml:" in line)
    assert codes == ["FILE_EMPTY", "FILE_UNREADABLE", "FILE_UNREADABLE"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs pipes")
def test_the_preview_refuses_a_pipe_before_opening_a_window(tmp_path):
    done = run_cli_in_child("preview", special_files(tmp_path)["pipe"].name, cwd=tmp_path)
    assert done.returncode == 2 and "geen gewoon bestand" in done.stderr

LATER = 1_800_000_000.0
# One row appended to a good session: (kind, at, payload). Bytes are stored as TEXT that is not UTF-8.
HOSTILE_ROWS = {
    "payload_null": ("NoteAdded", LATER, "null"),
    "payload_list": ("NoteAdded", LATER, "[1, 2]"),
    "payload_number": ("NoteAdded", LATER, "7"),
    "payload_text": ("NoteAdded", LATER, '"tekst"'),
    "payload_not_json": ("NoteAdded", LATER, "{kapot"),
    "payload_deeply_nested": ("NoteAdded", LATER, "[" * 100_000 + "]" * 100_000),
    "payload_not_utf8": ("NoteAdded", LATER, b'{"note": 1, "text": "caf\xe9"}'),
    "kind_not_utf8": (b"Note\xffAdded", LATER, '{"note": 1, "text": "x"}'),
    "kind_unknown": ("Ontploft", LATER, "{}"),
    "field_wrong_type": ("NoteAdded", LATER, '{"note": "1", "text": ["a"]}'),
    "field_bool_for_number": ("NoteAdded", LATER, '{"note": true, "text": "x"}'),
    "field_missing": ("NoteAdded", LATER, '{"note": 1}'),
    "field_extra": ("NoteAdded", LATER, '{"note": 1, "text": "x", "extra": 1}'),
    "time_as_text": ("NoteAdded", "gisteren", '{"note": 1, "text": "x"}'),
    "time_far_away": ("NoteAdded", 1e300, '{"note": 1, "text": "x"}'),
}


@pytest.fixture(scope="module")
def library():
    return open_library()


@pytest.fixture(scope="module")
def two_tables(tmp_path_factory, library):
    folder = tmp_path_factory.mktemp("tafels")
    for number in range(2):
        stored = start_session(library, StartSession(("Anna", "Bert", "Cor"), ("open-deur",), seed=number),
                               path=folder / f"tafel{number + 1}.dilemma.db")
        play_like_a_table(stored, random.Random(number))
        stored.close()
    return folder


def add_row(path: Path, kind, at, payload) -> None:
    """Append one row with sqlite3 directly, as another program (or a damaged disk) could."""
    conn = sqlite3.connect(path)
    as_text = lambda value: "CAST(? AS TEXT)" if isinstance(value, bytes) else "?"
    conn.execute(f"INSERT INTO events (event_id, session_id, at, kind, payload) "
                 f"SELECT 'vreemd', session_id, ?, {as_text(kind)}, {as_text(payload)} FROM events LIMIT 1",
                 [at, kind, payload])
    conn.commit()
    conn.close()


def damaged_copy(two_tables, tmp_path, library, name) -> Path:
    """The two good tables and a third session with the hostile row ``name``."""
    folder = Path(shutil.copytree(two_tables, tmp_path / "usb"))
    stored = start_session(library, StartSession(("Dirk", "Eva"), ("open-deur",)), path=folder / f"{name}.dilemma.db")
    stored.close()
    add_row(stored.path, *HOSTILE_ROWS[name])
    return folder


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(HOSTILE_ROWS))
def test_a_hostile_row_makes_its_session_damaged_and_every_other_still_counts(name, two_tables, tmp_path, library):
    folder = damaged_copy(two_tables, tmp_path, library, name)
    damaged = folder / f"{name}.dilemma.db"
    before = digests(folder)
    with pytest.raises(SessionFileError) as caught:
        resume_session(library, damaged)
    assert caught.value.code == "BAD_EVENT" and str(damaged) in caught.value.message("nl")
    with pytest.raises(SessionFileError):
        read_sessions(damaged)
    gathering = gather([folder])
    assert [s.path.name for s in gathering.sessions] == ["tafel1.dilemma.db", "tafel2.dilemma.db"]
    assert [(w.path.name, w.msgid) for w in gathering.warnings] == [(damaged.name, "store.BAD_EVENT")]
    report = build_report(gathering, library, "nl")
    assert [story.table for story in report.stories] == [1, 2]
    assert len(report.notices) == 1 and damaged.name in report.notices[0]
    assert all(render(report, fmt) for fmt in FORMATS)
    plenary = Plenary([folder], library, "nl")
    assert len(plenary.rounds) == 2 and [w.path.name for w in plenary.warnings] == [damaged.name]
    found, broken = list_sessions(folder)
    assert len(found) == 2 and [error.path.name for error in broken] == [damaged.name]
    assert merge_into(gathering, tmp_path / "samen.dilemma.db") > 0
    assert len(read_sessions(tmp_path / "samen.dilemma.db")) == 2
    assert digests(folder) == before


@pytest.mark.parametrize("name", ["payload_null", "payload_list", "payload_not_utf8"])
def test_the_command_line_names_the_damaged_file_without_a_traceback(name, two_tables, tmp_path, library):
    folder = damaged_copy(two_tables, tmp_path, library, name)
    command = [sys.executable, "-m", "game"]
    report = subprocess.run(command + ["report", str(folder), "--format", "json"], capture_output=True, text=True,
                            timeout=120)
    assert report.returncode == 0, report.stderr   # a good report with a warning: exit 0 (1: nothing read)
    assert "Traceback" not in report.stderr and f"{name}.dilemma.db" in report.stderr
    assert [story["table"] for story in json.loads(report.stdout)["stories"]] == [1, 2]
    merge = subprocess.run(command + ["merge", str(folder), "--into", str(tmp_path / "samen.dilemma.db")],
                           capture_output=True, text=True, timeout=120)
    assert merge.returncode == 0 and "Traceback" not in merge.stderr and f"{name}.dilemma.db" in merge.stderr
    listed = subprocess.run(command + ["sessions", "list", "--folder", str(folder)], capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert f"{name}.dilemma.db" in listed.stdout and listed.stdout.count("tafel") == 2


CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
HOSTILE_NAME = "An\x1b[31mna\x07\x00"
HOSTILE_NOTE = "Wie\x1b]0;gekaapt\x07 beslist?\x00\r\nEen\ttweede regel\x9b2J\x08\x7f"


def without_controls(text: str, allowed: str = "\n\t") -> bool:
    return not any(char in CONTROLS and char not in allowed for char in text) and "\r" not in text.replace("\r\n", "")


def test_the_engine_strips_control_characters_from_names_and_discussion_points(proef_book, tmp_path):
    from game.engine import AddNote, CommandRejected, EditNote
    from game.store.log import StoredSession
    stored = StoredSession.start(proef_book, StartSession((HOSTILE_NAME, "Bert\n\tde\x85tweede"), ("proef",)),
                                 path=tmp_path / "s.dilemma.db")
    stored.execute(AddNote(HOSTILE_NOTE))
    assert stored.state.players == ("An[31mna", "Bert  de tweede")
    assert stored.state.current.notes[0].text == "Wie]0;gekaapt beslist?\nEen\ttweede regel2J"
    with pytest.raises(CommandRejected) as caught:
        stored.execute(EditNote(stored.state.current.notes[0].id, "\x1b\x07 \x00"))  # only controls and a space
    assert caught.value.code == "EMPTY_TEXT"


def older_file_with_controls(library, folder: Path) -> Path:
    """A session as an older version wrote it: names and a discussion point with control characters in the file."""
    from dataclasses import replace
    from game.app import case_book
    from game.engine import Session
    from game.store.log import SessionLog
    session = Session(case_book(library))
    events = session.execute(StartSession(("A", "B", "C"), ("open-deur",), seed=3))
    events[0] = replace(events[0], players=(HOSTILE_NAME, "Bert\x1b[2J", "Cor"))
    path = folder / "oud\x1b[2J\x07.dilemma.db"
    SessionLog.create(path, first=events, session_id=session.state.session_id).close()
    add_row(path, "NoteAdded", LATER, json.dumps({"note": 0, "text": HOSTILE_NOTE}))
    return path


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


def test_control_characters_from_older_files_reach_no_export_and_no_terminal(library, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    older_file_with_controls(library, folder)
    report = build_report(gather([folder]), library, "nl", names=True)
    assert any("gekaapt" in note for story in report.stories for note in story.notes)
    for fmt in ("html", "md"):
        assert without_controls(render(report, fmt)), fmt
    assert without_controls(render(report, "csv"), allowed="\n\t\r")
    assert all(without_controls(text) for text in strings_of(json.loads(render(report, "json"))))
    listed = subprocess.run([sys.executable, "-m", "game", "sessions", "list", "--folder", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "oud[2J.dilemma.db" in listed.stdout
    assert without_controls(listed.stdout + listed.stderr)
    exported = subprocess.run([sys.executable, "-m", "game", "report", str(folder), "--names", "--format", "md"],
                              capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0 and "gekaapt" in exported.stdout and without_controls(exported.stdout)


def test_a_reflection_with_control_characters_is_exported_without_them(library):
    from game.solo import Run, export_reflections
    run = Run(Path("oud.dilemma.db"), LATER, "open-deur", "nl", "evv", (), None, (), HOSTILE_NOTE, True)
    for fmt in ("md", "html"):
        exported = export_reflections([run], library, fmt)
        assert "gekaapt" in exported and without_controls(exported), fmt


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_wal_that_is_no_regular_file_makes_the_session_damaged_without_waiting(kind, two_tables, tmp_path):
    folder = Path(shutil.copytree(two_tables, tmp_path / "usb"))
    wal = folder / "tafel1.dilemma.db-wal"
    {"fifo": lambda: os.mkfifo(wal), "device": lambda: wal.symlink_to("/dev/zero"), "folder": wal.mkdir}[kind]()
    done = subprocess.run([sys.executable, "-m", "game", "report", str(folder), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "tafel1.dilemma.db" in done.stderr
    assert [story["table"] for story in json.loads(done.stdout)["stories"]] == [1]


SPECIAL_FILES = {
    "link_to_itself": lambda path: path.symlink_to(path.name),
    "link_to_nowhere": lambda path: path.symlink_to("weg.dilemma.db"),
    "link_to_a_device": lambda path: path.symlink_to("/dev/zero"),
    "pipe": lambda path: os.mkfifo(path),
}


@pytest.mark.parametrize("kind", sorted(SPECIAL_FILES))
def test_a_special_file_among_the_sessions_is_named_and_skipped_without_waiting(kind, two_tables, tmp_path):
    folder = Path(shutil.copytree(two_tables, tmp_path / "usb"))
    SPECIAL_FILES[kind](folder / f"{kind}.dilemma.db")
    command = [sys.executable, "-m", "game"]
    done = subprocess.run(command + ["report", str(folder), "--format", "json"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "geen gewoon bestand" in done.stderr
    assert [story["table"] for story in json.loads(done.stdout)["stories"]] == [1, 2]
    listed = subprocess.run(command + ["sessions", "list", "--folder", str(folder)], capture_output=True, text=True,
                            timeout=60)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr and "geen gewoon bestand" in listed.stdout


def session_with_row(folder: Path, library, name: str, row) -> Path:
    stored = start_session(library, StartSession(("Dirk", "Eva"), ("open-deur",)), path=folder / f"{name}.dilemma.db")
    stored.close()
    add_row(stored.path, *row)
    return stored.path


def test_votes_revealed_that_were_never_cast_leave_the_other_tables_whole_in_report_and_plenary(
        two_tables, tmp_path, library):
    """A reveal of votes nobody cast, at a point the session never reached: the session reads as one with
    nothing revealed (nobody voted), or is named as damaged; either way the good tables count whole."""
    folder = Path(shutil.copytree(two_tables, tmp_path / "usb"))
    row = ("VotesRevealed", LATER, '{"node": "x", "step": 99, "stage": "first", "passed": []}')
    odd = session_with_row(folder, library, "onthuld", row)
    report = build_report(gather([folder]), library, "nl")
    assert [story.table for story in report.stories][:2] == [1, 2]
    assert all(odd.name in notice for notice in report.notices)
    assert all(render(report, fmt) for fmt in FORMATS)
    plenary = Plenary([folder], library, "nl")
    assert len(plenary.rounds) >= 2 and all(w.path.name == odd.name for w in plenary.warnings)
    assert plenary.report().stories == report.stories


def test_a_round_of_a_case_the_session_never_started_is_not_resumed(tmp_path, library):
    row = ("RoundStarted", LATER, '{"round": 2, "case": "elders", "node": "x", "roles": ["evv"]}')
    damaged = session_with_row(tmp_path, library, "elders", row)
    with pytest.raises(SessionFileError) as caught:
        resume_session(library, damaged)
    assert caught.value.code == "BAD_EVENT"
