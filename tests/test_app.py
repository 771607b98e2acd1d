"""The Python API: start, kill (drop the object), resume; list sessions; old and edited files."""
from __future__ import annotations

import shutil

import pytest

from game.app import case_book, list_sessions, open_library, resume_session, start_session, unfinished_sessions
from game.engine import AddNote, DrawRole, StartSession
from game.scenario.loader import BUNDLED_LIBRARY
from game.store.log import SCHEMA_VERSION, SessionFileError
from tests.conftest import DATA
from tests.tables import version_1_file


@pytest.fixture(scope="module")
def library():
    lib = open_library()
    assert lib.problems == []
    return lib


def test_start_and_resume_through_the_api(library, tmp_path):
    stored = start_session(library, StartSession(("A", "B"), ("hygiene-normen",), seed=4, plan="lang"), folder=tmp_path)
    stored.execute(DrawRole(0))
    stored.execute(AddNote("Wie wast Gerrit?"))
    path, state = stored.path, stored.state
    stored.close()
    resumed = resume_session(library, path)
    assert resumed.state == state
    resumed.execute(DrawRole(1))
    assert resumed.state.current.roles[1] is not None


def test_english_sessions_play_the_english_cases(library):
    assert case_book(library, "en").cases["hygiene-normen"].lang == "en"


def test_a_case_without_an_english_version_is_played_in_dutch(tmp_path):
    for folder in ("decks", "afbeeldingen"):
        shutil.copytree(BUNDLED_LIBRARY / folder, tmp_path / folder)
    (tmp_path / "en").mkdir()
    for case_id in ("hygiene-normen", "verhuisdag"):
        shutil.copy(BUNDLED_LIBRARY / f"{case_id}.yaml", tmp_path)
    shutil.copy(BUNDLED_LIBRARY / "en" / "hygiene-normen.yaml", tmp_path / "en")
    english = case_book(open_library(tmp_path), "en")
    assert english.cases["hygiene-normen"].lang == "en"
    assert english.cases["verhuisdag"].lang == "nl"


def test_unfinished_sessions_are_listed_newest_first_and_broken_files_named(library, tmp_path):
    done = start_session(library, StartSession(("A", "B"), ("open-deur",), plan="lang"),
                         folder=tmp_path, path=tmp_path / "a.dilemma.db")
    for p in range(2):
        done.execute(DrawRole(p))
    open_one = start_session(library, StartSession(("C", "D"), ("hygiene-normen",), plan="lang"), path=tmp_path / "b.dilemma.db")
    (tmp_path / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    found, broken = list_sessions(tmp_path)
    assert {s.path.name for s in found} == {"a.dilemma.db", "b.dilemma.db"}
    assert [e.path.name for e in broken] == ["kapot.dilemma.db"]
    assert [s.phase for s in unfinished_sessions(tmp_path)] == ["draw", "draw"]
    open_one.close()
    done.close()


def test_a_session_whose_case_is_gone_says_so(library, tmp_path, decks):
    lib_dir = tmp_path / "bib"
    shutil.copytree(library.files[0].parent / "decks", lib_dir / "decks")
    shutil.copy(DATA / "proef.yaml", lib_dir / "proef.yaml")
    own = open_library(lib_dir)
    stored = start_session(own, StartSession(("A", "B"), ("proef",), plan="lang"), path=tmp_path / "s.dilemma.db")
    stored.close()
    (lib_dir / "proef.yaml").unlink()
    with pytest.raises(SessionFileError) as caught:
        resume_session(open_library(lib_dir), stored.path)
    assert caught.value.code == "CASE_MISSING" and "proef" in caught.value.message("nl")


def test_an_edited_case_without_the_current_point_says_so(library, tmp_path):
    lib_dir = tmp_path / "bib"
    shutil.copytree(library.files[0].parent / "decks", lib_dir / "decks")
    shutil.copy(DATA / "proef.yaml", lib_dir / "proef.yaml")
    stored = start_session(open_library(lib_dir), StartSession(("A", "B"), ("proef",), plan="lang"), path=tmp_path / "s.dilemma.db")
    stored.close()
    text = (lib_dir / "proef.yaml").read_text(encoding="utf-8")
    (lib_dir / "proef.yaml").write_text(text.replace("begin", "start"), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        resume_session(open_library(lib_dir), stored.path)
    assert caught.value.code == "CASE_CHANGED"


def test_a_version_1_file_is_migrated_and_keeps_its_events(library, tmp_path):
    state = version_1_file(library, tmp_path / "oud.dilemma.db")
    resumed = resume_session(library, tmp_path / "oud.dilemma.db")
    assert resumed.state == state
    db = resumed.log.db
    assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert db["events"].indexes[0].name == "events_by_kind"
    resumed.close()


def test_a_language_offers_the_cases_written_in_it(library):
    english = library.ids("en")
    assert english and set(english) <= set(library.ids("nl"))
    assert all(library.case(case_id, "en").scenario.lang == "en" for case_id in english)
