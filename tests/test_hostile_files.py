"""Hostile and broken files are refused with their file named, and nothing escapes as an exception.

Each file is loaded in a child process with a generous time-out: a hang or a crash
of the parser (a segfault on deep nesting, say) fails the test instead of the run.
"""
from __future__ import annotations

import json
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
