"""Hostile and broken files are refused with their file named, and nothing escapes as an exception.

Each file is loaded in a child process with a generous time-out: a hang or a crash
of the parser (a segfault on deep nesting, say) fails the test instead of the run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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

