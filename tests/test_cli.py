"""The command line as a user runs it: exit codes, Dutch by default, a summary line at the end."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.commands.cli import main

EXAMPLES = Path(__file__).parent / "examples" / "errors"
DATA = Path(__file__).parent / "data"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_valid_case_passes_with_a_summary(capsys):
    code, out, _ = run(capsys, "validate", str(DATA / "proef.yaml"))
    assert code == 0
    assert out.strip().splitlines()[-1] == "1 bestand gecontroleerd: alles in orde."


def test_broken_files_are_reported_per_place_with_a_summary(capsys):
    code, out, _ = run(capsys, "validate", str(EXAMPLES / "UNKNOWN_KEY.yaml"), str(EXAMPLES / "NO_ENDING.yaml"))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].endswith("UNKNOWN_KEY.yaml:4:1: UNKNOWN_KEY onbekende sleutel 'titel' in het bestand")
    assert lines[1].strip() == "tip: Bedoel je 'title'?"
    assert "NO_ENDING.yaml:46:3: NO_ENDING" in out
    assert lines[-1] == "2 bestanden gecontroleerd: 2 fout(en) in 2 bestand(en)."


def test_english_on_request(capsys):
    code, out, _ = run(capsys, "validate", "--lang", "en", str(EXAMPLES / "UNKNOWN_KEY.yaml"))
    assert code == 1
    assert "unknown key 'titel'" in out and "hint: Did you mean 'title'?" in out


def test_a_folder_with_its_own_decks(capsys, tmp_path):
    shutil.copytree(Path(__file__).parents[1] / "scenarios" / "decks", tmp_path / "decks")
    shutil.copy(DATA / "proef.yaml", tmp_path / "proef.yaml")
    shutil.copy(EXAMPLES / "UNKNOWN_ROLE.yaml", tmp_path / "kapot.yaml")
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "kapot.yaml:17:3: UNKNOWN_ROLE" in out
    assert out.strip().splitlines()[-1].startswith("4 bestanden gecontroleerd: 1 fout(en) in 1 bestand(en)")


def test_a_role_card_with_a_wrong_or_missing_corner_is_named_with_its_line_and_the_three_corners(tmp_path):
    shutil.copytree(Path(__file__).parents[1] / "scenarios" / "decks", tmp_path / "decks")
    roles = tmp_path / "decks" / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    text = text.replace("  corner: family\n", "  corner: familie\n", 1).replace("  corner: team\n", "", 1)
    roles.write_text(text, encoding="utf-8")
    wrong = text.splitlines().index("  corner: familie") + 1
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(roles)], capture_output=True,
                          text=True)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"roles.yaml:{wrong}:11: INVALID_VALUE ongeldige waarde bij partner > corner: "
                             "kies een van deze: 'resident', 'family' of 'team'")
    assert "resident (de bewoner" in lines[1] and "family (familie" in lines[1] and "team (zorgmedewerkers" in lines[1]
    assert "MISSING_FIELD 'corner' ontbreekt in evv" in done.stdout


def test_the_bundled_library_is_valid(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    assert out.strip().endswith("alles in orde.")


@pytest.mark.parametrize("args", [["validate", "bestaat-niet.yaml"], ["--onzin"], ["validate", "--lang", "fr"]])
def test_wrong_use_exits_with_2(capsys, args):
    with pytest.raises(SystemExit) as caught:
        code = main(args)
        raise SystemExit(code)
    assert caught.value.code == 2


def test_help_and_version_as_an_installed_command():
    done = subprocess.run([sys.executable, "-m", "game.commands.cli", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("gebruik: dilemmaspel")
    assert "validate" in done.stdout and "toon deze hulp" in done.stdout
    version = subprocess.run([sys.executable, "-m", "game.commands.cli", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("dilemmaspel ")


def test_without_a_command_it_opens_the_game(capsys, monkeypatch):
    opened = []
    monkeypatch.setattr("game.ui.main.play", lambda lang: opened.append(lang) or 0)
    assert run(capsys)[0] == 0 and run(capsys, "--lang", "en")[0] == 0
    assert opened == [None, "en"]
