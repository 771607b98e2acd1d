"""The standalone app (tools/build_app.py), built here and started as a trainer would, from an empty folder.

The build takes a minute or two. Without PyInstaller (``pip install -e '.[app]'``, which CI does) it is skipped.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="the standalone app needs PyInstaller: pip install -e '.[app]'")

ROOT = Path(__file__).parents[1]
PROGRAM = "Dilemmaspel.exe" if sys.platform == "win32" else "Dilemmaspel"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Path:
    """The built app's program."""
    out = tmp_path_factory.mktemp("app")
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_app.py"), "--dist", str(out / "dist"), "--work",
                    str(out / "work")], check=True, capture_output=True, text=True, timeout=1200)
    return out / "dist" / "Dilemmaspel" / PROGRAM


def run(app: Path, newcomer: dict, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([app, *args], cwd=newcomer["cwd"], env=newcomer["env"] | env, capture_output=True,
                          text=True, timeout=300)


def test_the_app_draws_its_first_frame_and_closes(app, newcomer):
    done = run(app, newcomer, DILEMMASPEL_FIRST_FRAME="1")
    assert done.returncode == 0 and "first frame" in done.stdout, done.stderr[-2000:]


def test_the_app_validates_the_library_it_carries(app, newcomer):
    done = run(app, newcomer, "validate")
    cases_and_decks = len(list((ROOT / "scenarios").rglob("*.yaml")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{cases_and_decks} bestanden gecontroleerd: alles in orde." in done.stdout


def test_a_case_written_with_the_app_validates_with_the_app(app, newcomer):
    assert run(app, newcomer, "new", "mijn-casus").returncode == 0
    assert (newcomer["cwd"] / "schemas" / "scenario.schema.json").is_file()
    done = run(app, newcomer, "validate", "mijn-casus.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_app_names_its_version(app, newcomer):
    done = run(app, newcomer, "--version")
    assert done.returncode == 0 and done.stdout.startswith("dilemmaspel ") and "unknown" not in done.stdout
