"""Every command that writes a file, pointed at a bad place: a Dutch message, its exit code, and no half file.

The bad places: a folder where a file should go, a missing folder, a path through a file, a
read-only folder (made immutable, so even root cannot write there) and a full disk (a child
process whose files may not grow past a few kilobytes, or a disk that fails when the file is
flushed). Afterwards the folder holds exactly what it held before: no hidden temporary file.
"""
from __future__ import annotations

import errno
import os
import random
import resource
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from game.app import open_library, start_session
from game.commands.cli import main
from game.engine import StartSession
from game.output import OutputError, building, write_file
from game.scenario.loader import BUNDLED_LIBRARY
from game.store.merge import read_sessions
from tests.tables import play_like_a_table
from tests.test_merge import digests, locked

CASE = BUNDLED_LIBRARY / "open-deur.yaml"
# Each command with the name of the file it writes, and its arguments once that file is named.
COMMANDS = {
    "report": ("verslag.html", lambda usb, out: ["report", usb, "--out", out]),
    "merge": ("alles.dilemma.db", lambda usb, out: ["merge", usb, "--into", out]),
    "cards": ("kaarten.html", lambda usb, out: ["cards", "--out", out]),
    "new": ("nieuw.yaml", lambda usb, out: ["new", "nieuw", "--out", out]),
    "graph": ("kaart.mmd", lambda usb, out: ["graph", CASE, "--out", out]),
    "schema": ("schemas", lambda usb, out: ["schema", "--out", out]),
}
FILE_COMMANDS = [name for name in COMMANDS if name not in ("new", "schema")]  # new and schema take a folder too


@pytest.fixture(scope="module")
def usb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("usb")
    stored = start_session(open_library(), StartSession(("Anna", "Bert"), ("open-deur",), seed=1),
                           path=folder / "tafel1.dilemma.db")
    play_like_a_table(stored, random.Random(1))
    stored.close()
    return folder


def run(capsys, command: str, usb: Path, out: Path) -> tuple[int, str]:
    code = main([str(arg) for arg in COMMANDS[command][1](usb, out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def everything_in(folder: Path) -> dict[str, str]:
    """Every file below ``folder``, hidden ones included, with its content's digest."""
    return digests(folder) | {str(p.relative_to(folder)): "map" for p in folder.rglob("*") if p.is_dir()}


@contextmanager
def read_only(folder: Path):
    locked([folder])
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_a_folder_given_as_the_file_is_refused(capsys, usb, tmp_path, command):
    folder = tmp_path / ("map.dilemma.db" if command == "merge" else "map")  # merge wants the suffix first
    folder.mkdir()
    code, err = run(capsys, command, usb, folder)
    assert code == 2 and "is een map, geen bestand" in err
    assert list(tmp_path.rglob("*")) == [folder]


@pytest.mark.parametrize("command", [*FILE_COMMANDS, "new", "schema"])
def test_a_path_through_a_file_is_refused(capsys, usb, tmp_path, command):
    (tmp_path / "bestand").write_text("van mij", encoding="utf-8")
    code, err = run(capsys, command, usb, tmp_path / "bestand" / COMMANDS[command][0])
    assert code == 2 and ("geen map" in err or "bestaat niet" in err)
    assert everything_in(tmp_path) == {"bestand": digests(tmp_path)["bestand"]}


@pytest.mark.parametrize("command", [*FILE_COMMANDS, "schema"])
def test_a_missing_folder_is_made(capsys, usb, tmp_path, command):
    out = tmp_path / "nieuw" / "diep" / COMMANDS[command][0]
    code, _ = run(capsys, command, usb, out)
    assert code == 0 and out.exists()
    assert not [p for p in tmp_path.rglob(".*")]


def test_new_refuses_a_missing_folder_rather_than_guess(capsys, usb, tmp_path):
    code, err = run(capsys, "new", usb, tmp_path / "nieuw" / "nieuw.yaml")
    assert code == 2 and "bestaat niet" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_folder_is_named_and_left_as_it_was(capsys, usb, tmp_path, command):
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "al-daar.txt").write_text("van mij", encoding="utf-8")
    before = everything_in(folder)
    with read_only(folder):
        code, err = run(capsys, command, usb, folder / COMMANDS[command][0])
    assert code == 1 and "alleen-lezen" in err
    assert everything_in(folder) == before


def full_disk_run(args: list, limit: int = 1000) -> subprocess.CompletedProcess:
    """The command in a child process whose files may not grow past ``limit`` bytes (a disk that is full)."""
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    argv = [sys.executable, "-m", "game", *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, preexec_fn=small_files, timeout=300,
                          env={**os.environ, "DILEMMASPEL_LANG": "nl"})


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_leaves_nothing_half_written(usb, tmp_path, command):
    folder = tmp_path / "vol"
    folder.mkdir()
    (folder / "al-daar.txt").write_text("van mij", encoding="utf-8")
    before = everything_in(folder)
    done = full_disk_run(COMMANDS[command][1](usb, folder / COMMANDS[command][0]))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "De schijf is vol" in done.stderr or "kon niet geschreven worden" in done.stderr
    assert everything_in(folder) == before


@pytest.mark.parametrize("command", ["report", "merge"])
def test_a_full_disk_keeps_the_old_file_whole(usb, tmp_path, command):
    """A report or merged file made before stays as it was when the new one does not fit."""
    out = tmp_path / COMMANDS[command][0]
    args = COMMANDS[command][1](usb, out) + (["--force"] if command == "merge" else [])
    assert main([str(arg) for arg in args]) == 0
    before = everything_in(tmp_path)
    done = full_disk_run(args)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert everything_in(tmp_path) == before
    if command == "merge":
        assert len(read_sessions(out)) == 1


def test_a_disk_that_fills_while_the_file_is_flushed_says_so_in_dutch(capsys, usb, tmp_path, monkeypatch):
    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, err = run(capsys, "report", usb, tmp_path / "verslag.html")
    assert code == 1 and "De schijf is vol" in err and "ruimte vrij" in err
    assert list(tmp_path.iterdir()) == []


def test_english_messages_with_lang_en(capsys, usb, tmp_path):
    (tmp_path / "map").mkdir()
    code = main(["report", str(usb), "--out", str(tmp_path / "map"), "--lang", "en"])
    assert code == 2 and "is a folder, not a file" in capsys.readouterr().err


def test_a_failure_while_building_removes_the_temporary_file_and_keeps_the_old_one(tmp_path):
    target = tmp_path / "verslag.md"
    target.write_text("oud", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with building(target) as temporary:
            temporary.write_text("half", encoding="utf-8")
            (tmp_path / f"{temporary.name}-journal").write_text("x", encoding="utf-8")
            raise RuntimeError("onderbroken")
    assert everything_in(tmp_path) == {"verslag.md": digests(tmp_path)["verslag.md"]}
    assert target.read_text(encoding="utf-8") == "oud"


def test_without_replace_a_file_that_appears_meanwhile_is_never_overwritten(tmp_path):
    target = tmp_path / "nieuw.yaml"
    with pytest.raises(FileExistsError):
        with building(target, replace=False) as temporary:
            temporary.write_text("nieuw", encoding="utf-8")
            target.write_text("van iemand anders", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "van iemand anders"
    assert [p.name for p in tmp_path.iterdir()] == ["nieuw.yaml"]


def test_write_file_replaces_whole(tmp_path):
    target = tmp_path / "verslag.csv"
    write_file(target, "a;b\n", encoding="utf-8-sig")
    write_file(target, "c;d\n", encoding="utf-8-sig")
    assert target.read_bytes() == b"\xef\xbb\xbfc;d\n"
    with pytest.raises(OutputError) as caught:
        write_file(tmp_path, "x")
    assert caught.value.reason == "is_folder" and caught.value.exit_code == 2


def fake_tool(folder: Path, name: str, option: str) -> None:
    """A stand-in for Graphviz or Chromium that starts the output file and then fails."""
    script = folder / name
    script.write_text(
        "#!/usr/bin/env python3\nimport sys\n"
        f"out = next(a.split('=', 1)[1] if a.startswith('{option}=') else sys.argv[i + 1]\n"
        f"           for i, a in enumerate(sys.argv) if a.startswith('{option}'))\n"
        "open(out, 'w').write('half')\nsys.exit(3)\n", encoding="utf-8")
    script.chmod(0o755)


@pytest.mark.parametrize("tool, option, args", [
    ("dot", "-o", lambda out: ["graph", CASE, "--out", out]),
    ("chromium", "--print-to-pdf", lambda out: ["cards", "--out", out]),
])
def test_a_drawing_tool_that_fails_halfway_leaves_nothing(capsys, tmp_path, monkeypatch, tool, option, args):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake_tool(bin_folder, tool, option)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "uit" / ("kaart.png" if tool == "dot" else "kaarten.pdf")
    code = main([str(arg) for arg in args(out)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert not (tmp_path / "uit").exists()  # neither the file nor the folder made for it


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["report", "{usb}", "--format", "md"], ["graph", CASE], ["validate"]])
def test_output_sent_to_a_full_disk_says_so(usb, args):
    """``dilemmaspel report ... > verslag.md`` on a full disk: a Dutch sentence instead of a traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "game", *(str(a).format(usb=usb) for a in args)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=300,
                              env={**os.environ, "DILEMMASPEL_LANG": "nl"})
    assert done.returncode == 1
    assert done.stderr.startswith("De uitvoer kon niet helemaal geschreven worden: de schijf is vol.")
    assert "Traceback" not in done.stderr


def test_a_name_with_brackets_leaves_nothing_either(tmp_path):
    """The temporary file is found by its name, not by a pattern in which [1] would mean something else."""
    with pytest.raises(RuntimeError):
        with building(tmp_path / "verslag[1].html") as temporary:
            temporary.write_text("half", encoding="utf-8")
            raise RuntimeError("onderbroken")
    assert list(tmp_path.iterdir()) == []


def test_merge_with_force_onto_a_folder_leaves_neither_a_building_file_nor_a_change(capsys, usb, tmp_path):
    folder = tmp_path / "map.dilemma.db"
    folder.mkdir()
    (folder / "van-mij.txt").write_text("blijft", encoding="utf-8")
    code = main(["merge", str(usb), "--into", str(folder), "--force"])
    assert code == 2 and "is een map, geen bestand" in capsys.readouterr().err
    assert everything_in(tmp_path) == {"map.dilemma.db": "map", "van-mij.txt": digests(folder)["van-mij.txt"]}
