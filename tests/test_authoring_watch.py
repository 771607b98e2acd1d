"""`validate --snippet` and `validate --watch`: the spot of each problem, and checking again on every save."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from game.commands.cli import main
from game.authoring.snippets import MAX_SHOWN, snippet

EXAMPLES = Path(__file__).parent / "examples" / "errors"
PROEF = Path(__file__).parent / "data" / "proef.yaml"
ROOT = Path(__file__).parents[1]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_snippet_shows_the_line_with_a_caret_under_the_problem(capsys):
    code, out, _ = run(capsys, "validate", "--snippet", str(EXAMPLES / "UNKNOWN_KEY.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("UNKNOWN_KEY.yaml:4:1: UNKNOWN_KEY onbekende sleutel 'titel' in het bestand")
    assert lines[1:4] == ["    3 | version: 2", "    4 | titel: Proefcasus", "      | ^^^^^"]
    assert lines[4] == "    tip: Bedoel je 'title'?"
    assert lines[-1] == "1 bestand gecontroleerd: 1 fout(en) in 1 bestand(en)."


def test_the_caret_stands_under_the_column_of_every_problem(capsys):
    _, out, _ = run(capsys, "validate", "--snippet", *sorted(str(p) for p in EXAMPLES.glob("*.yaml") if p.exists()))
    lines = out.splitlines()
    checked = 0
    for index, line in enumerate(lines[:-3]):
        place = line.split(": ", 1)[0].rsplit(":", 2)
        if len(place) == 3 and place[0].endswith(".yaml") and lines[index + 3].lstrip().startswith("|") \
                and "^" in lines[index + 3]:
            col = int(place[2])
            shown, caret = lines[index + 2], lines[index + 3]
            start = caret.index("|") + 2
            assert caret.index("^") - start == min(col - 1, len(shown) - start), line
            checked += 1
    assert checked >= 15


def test_without_the_new_options_validate_prints_what_it_always_did(capsys):
    _, plain, _ = run(capsys, "validate", str(EXAMPLES / "NO_ENDING.yaml"))
    _, with_snippet, _ = run(capsys, "validate", "--snippet", str(EXAMPLES / "NO_ENDING.yaml"))
    assert " | " not in plain
    assert [line for line in with_snippet.splitlines() if " | " not in line] == plain.splitlines()


def test_english_snippets(capsys):
    _, out, _ = run(capsys, "validate", "--snippet", "--lang", "en", str(EXAMPLES / "UNKNOWN_KEY.yaml"))
    assert "    hint: Did you mean 'title'?" in out and "      | ^^^^^" in out


def test_snippet_of_odd_lines():
    assert snippet((), 1, 1) == "" and snippet(("a: b",), 2, 1) == ""
    assert snippet(("\ttitle: x",), 1, 1).splitlines() == ["    1 | →title: x", "      | ^"]
    long_line = "text: " + "woord " * 60 + "fout hier"
    shown, caret = snippet((long_line,), 1, long_line.index("fout") + 1).splitlines()
    assert len(shown) < MAX_SHOWN + 20 and shown.index("fout") == caret.index("^")
    assert caret.count("^") == len("fout")


def test_a_binary_file_gets_no_snippet(capsys, tmp_path):
    path = tmp_path / "plaatje.yaml"
    path.write_bytes(b"\x89PNG\x00\x00binary")
    code, out, _ = run(capsys, "validate", "--snippet", str(path))
    assert code == 1 and "FILE_ENCODING" in out and " | " not in out


def _copies(folder: Path, count: int) -> None:
    text = PROEF.read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"c{number:03}.yaml").write_text(text.replace("id: proef", f"id: proef-{number}"), encoding="utf-8")


def test_a_big_folder_shows_progress_on_stderr_and_results_on_stdout(capsys, tmp_path):
    _copies(tmp_path, 250)
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 0
    assert out == "250 bestanden gecontroleerd: alles in orde.\n"
    assert err.splitlines() == ["… 100 bestanden gelezen", "… 200 bestanden gelezen"]
    code, out, err = run(capsys, "lint", str(tmp_path))
    assert "… 100 bestanden gelezen" in err and "gelezen" not in out


def test_a_small_job_prints_no_progress(capsys):
    assert run(capsys, "validate", str(PROEF))[2] == ""


def test_watch_checks_again_after_every_save(tmp_path):
    case = tmp_path / "mijn-casus.yaml"
    case.write_text(PROEF.read_text(encoding="utf-8"), encoding="utf-8")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "game.commands.cli", "validate", "--watch", str(case), "--interval", "0.05",
         "--max-checks", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)})  # this checkout's code, wherever it is installed from
    guard = threading.Timer(60, watcher.kill)  # a hang must not hang the suite; no timing is asserted
    guard.start()
    valid = re.compile(r"1 bestand gecontroleerd: 0 fout\(en\) en \d+ verbeterpunt\(en\)")  # proef: valid, not good
    try:
        assert valid.match(_read_until(watcher, "gecontroleerd:"))
        case.write_text(case.read_text(encoding="utf-8").replace("title: Proefcasus", "titel: Proefcasus"),
                        encoding="utf-8")
        assert "1 fout(en)" in _read_until(watcher, "gecontroleerd:")
        fixed = tmp_path / "opgeslagen.tmp"  # an editor that saves by renaming a new file over the old one
        fixed.write_text(PROEF.read_text(encoding="utf-8"), encoding="utf-8")
        os.replace(fixed, case)
        assert valid.match(_read_until(watcher, "gecontroleerd:"))
        out, err = watcher.communicate()
    finally:
        guard.cancel()
    assert watcher.returncode == 0
    assert "Ik kijk mee met" in err


def _read_until(process: subprocess.Popen, word: str) -> str:
    """The lines the watcher prints, up to the first with ``word``; that line is returned."""
    seen = []
    while True:
        line = process.stdout.readline()
        assert line, f"the watcher stopped early: {seen}"
        seen.append(line)
        if word in line:
            if "fout(en)" in line:
                assert re.search(r"^ +\| +\^", "".join(seen), re.M), "each problem comes with its snippet"
            return line.strip()


def test_watch_of_a_missing_path_is_wrong_use(capsys, tmp_path):
    assert run(capsys, "validate", "--watch", str(tmp_path / "weg.yaml"))[0] == 2


def test_watch_options_are_checked(capsys):
    for bad in (["--interval", "0"], ["--max-checks", "0"]):
        try:
            code = main(["validate", "--watch", str(PROEF), *bad])
        except SystemExit as stop:
            code = stop.code
        assert code == 2
    capsys.readouterr()
