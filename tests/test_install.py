"""Installed as software is installed: the wheel built from this checkout, in a fresh virtual environment.

Every command a trainer uses runs from an empty folder, far from the repository, so nothing can come from the
source tree: the library, the decks, the schemas and the assets must be in the wheel. Building the wheel and
installing it with its dependencies (with pip, and once more with pipx) takes two minutes or so.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from game.app import open_library, start_session
from game.engine import StartSession
from tests.tables import play_like_a_table

ROOT = Path(__file__).parents[1]
PROBE = ROOT / "tools" / "first_frame_probe.py"  # the standalone app's runtime hook: first frame, then close
WITH_PROBE = (f"import runpy, sys; runpy.run_path({str(PROBE)!r}); "
              "from game.__main__ import main; sys.exit(main(sys.argv[1:]))")


def build_wheel(out: Path) -> Path:
    """The sdist, then the wheel built from it (as ``python -m build`` does): only what the sdist carries gets in."""
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True,
                   text=True)
    return next(out.glob("dilemmaspel-*.whl"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment with the wheel and its dependencies; its bin (Scripts) folder."""
    env_dir = tmp_path_factory.mktemp("clean") / "venv"
    venv.create(env_dir, with_pip=True)
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([scripts / "python", "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True, text=True)
    return scripts


def run(installed: Path, newcomer: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([installed / "dilemmaspel", *args], cwd=newcomer["cwd"], env=newcomer["env"],
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_installs_only_the_game_package_with_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"game"}
    assert "game/library/decks/roles.yaml" in names and "game/library/en/open-deur.yaml" in names
    assert "game/schemas/scenario.schema.json" in names and "game/i18n/nl.po" in names
    if (ROOT / "assets").is_dir():
        assert any(name.startswith("game/assets/") for name in names)


def test_the_installed_game_validates_its_bundled_library_from_an_empty_folder(installed, newcomer):
    done = run(installed, newcomer, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list((ROOT / "scenarios").rglob("*.yaml"))) > 30
    assert str(len(list((ROOT / "scenarios").rglob("*.yaml")))) in done.stdout


def test_a_new_case_in_an_empty_folder_validates_and_carries_its_schema(installed, newcomer):
    assert run(installed, newcomer, "new", "mijn-casus").returncode == 0
    assert (newcomer["cwd"] / "mijn-casus.yaml").is_file()
    assert run(installed, newcomer, "validate", "mijn-casus.yaml").returncode == 0
    first_line = (newcomer["cwd"] / "mijn-casus.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = newcomer["cwd"] / first_line.split("$schema=", 1)[1]
    assert schema.is_file() and schema.resolve().is_relative_to(newcomer["cwd"])


def test_the_authoring_commands_work_on_the_installed_library(installed, newcomer):
    case = str(next(installed.parent.glob("lib/python*/site-packages/game/library/open-deur.yaml"), None)
               or installed.parent / "Lib" / "site-packages" / "game" / "library" / "open-deur.yaml")
    assert run(installed, newcomer, "schema").returncode == 0
    assert (newcomer["cwd"] / "schemas" / "scenario.schema.json").is_file()
    graph = run(installed, newcomer, "graph", case, "--format", "mermaid")
    assert graph.returncode == 0 and graph.stdout.startswith(("flowchart", "graph", "%%")), graph.stderr
    played = run(installed, newcomer, "play-text", case, "--random", "--runs", "5", "--seed", "1")
    assert played.returncode == 0, played.stdout + played.stderr
    assert run(installed, newcomer, "timing").returncode == 0
    assert run(installed, newcomer, "lint", case).returncode in (0, 1)


def test_the_installed_game_and_preview_draw_their_first_frame(installed, newcomer):
    for args in ([], ["preview", "open-deur.yaml"], ["plenary"]):
        if args and args[0] == "preview":
            assert run(installed, newcomer, "new", "open-deur").returncode == 0
        done = subprocess.run([installed / "python", "-c", WITH_PROBE, *args], cwd=newcomer["cwd"],
                              env=newcomer["env"] | {"DILEMMASPEL_FIRST_FRAME": "1"}, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0 and "first frame" in done.stdout, (args, done.stderr[-2000:])


def test_the_installed_report_and_cards_read_the_tables_files(installed, newcomer, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    library = open_library()
    stored = start_session(library, StartSession(("Anna", "Bert", "Cor"), ("open-deur",)), folder=folder)
    play_like_a_table(stored, random.Random(3), notes=["Wie beslist er eigenlijk?"])
    stored.close()
    report = run(installed, newcomer, "report", str(folder), "--format", "md", "--out", "verslag.md")
    assert report.returncode == 0, report.stderr
    assert "Wie beslist er eigenlijk?" in (newcomer["cwd"] / "verslag.md").read_text(encoding="utf-8")
    cards = run(installed, newcomer, "cards", "--out", "kaarten.html")
    assert cards.returncode == 0, cards.stderr
    assert (newcomer["cwd"] / "kaarten.html").stat().st_size > 10_000


def test_pipx_installs_the_wheel_as_a_trainer_would(wheel, newcomer, tmp_path):
    pipx = {"PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin"),
            "PIPX_MAN_DIR": str(tmp_path / "man")}
    subprocess.run([sys.executable, "-m", "pipx", "install", str(wheel)], env=newcomer["env"] | pipx, check=True,
                   capture_output=True, text=True, timeout=600)
    installed = tmp_path / "bin"  # where pipx puts the command
    assert run(installed, newcomer, "validate").returncode == 0
    assert run(installed, newcomer, "new", "mijn-casus").returncode == 0
    assert run(installed, newcomer, "validate", "mijn-casus.yaml").returncode == 0


def test_the_installed_command_names_its_version(installed, newcomer):
    done = run(installed, newcomer, "--version")
    assert done.returncode == 0 and done.stdout.startswith("dilemmaspel ")
    assert "unknown" not in done.stdout
