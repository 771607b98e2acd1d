"""One version, named everywhere: ``--version``, the report and the session files; and a session file written by an
earlier version (checked in, from the session schema of version 0.1.0) still opens, resumes and reports."""
from __future__ import annotations

import json
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest

from game.app import open_library, resume_session, start_session
from game.commands.cli import main
from game.engine import StartSession
from game.report.document import build_report
from game.report.exports import render
from game.store.log import GAME_VERSION_KEY, SCHEMA_VERSION
from game.store.merge import gather
from game.version import game_version

ROOT = Path(__file__).parents[1]
OLDER = Path(__file__).parent / "data" / "sessions" / "gemaakt-met-0.1.0.dilemma.db"


def meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT key, value FROM meta"))


def test_the_version_comes_from_the_one_in_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert game_version() == declared


def test_version_option_names_it(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"dilemmaspel {game_version()}\n"


def test_a_new_session_file_names_the_version_that_made_it(tmp_path):
    stored = start_session(open_library(), StartSession(("Anna", "Bert"), ("open-deur",)), folder=tmp_path)
    stored.close()
    assert meta(stored.path)[GAME_VERSION_KEY] == game_version()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_names_the_version(tmp_path, fmt):
    shutil.copy(OLDER, tmp_path)
    text = render(build_report(gather([tmp_path]), open_library(), "nl"), fmt)
    assert f"met Dilemmaspel {game_version()}." in text


def test_the_json_report_names_the_version(tmp_path):
    shutil.copy(OLDER, tmp_path)
    document = json.loads(render(build_report(gather([tmp_path]), open_library(), "en"), "json"))
    assert document["made_with"] == game_version()


def test_the_checked_in_session_file_is_of_the_schema_it_claims():
    written = meta(OLDER)
    assert written[GAME_VERSION_KEY] == "0.1.0" and int(written["schema_version"]) <= SCHEMA_VERSION


def test_a_session_file_of_an_earlier_version_resumes_and_reports(tmp_path):
    copy = Path(shutil.copy(OLDER, tmp_path))
    before = copy.read_bytes()
    gathering = gather([tmp_path])
    assert gathering.warnings == () and len(gathering.sessions) == 1
    assert copy.read_bytes() == before, "reading for the report never changes a table's file"
    report = build_report(gathering, open_library(), "nl")
    assert "Wie beslist er eigenlijk, de bewoner of de familie?" in render(report, "md")
    stored = resume_session(open_library(), copy)
    try:
        state = stored.session.state
        assert state.finished and list(state.players) == ["Anna", "Bert", "Cor", "Dewi"]
    finally:
        stored.close()
