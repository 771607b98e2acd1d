"""Installed as software: the wheel and the standalone app, measured in one run.

1. Wheel size, and the time to install it with its dependencies into a clean virtual environment, against
   installing the dependencies alone into another (the floor: what the game adds to an installation).
   Both come from pip's cache on this machine, as a second install on a laptop would.
2. The standalone app's size (its folder) and how long ``tools/build_app.py`` takes.
3. Start-up to the first frame of the start screen: the app against the installed wheel, alternating, each
   started from an empty folder with a fresh home. Both run the same probe (tools/first_frame_probe.py), which
   prints the wall-clock time of the first frame and closes the window.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
from pathlib import Path

from bench.measure import Figure, summary

ROOT = Path(__file__).parents[1]
PROBE = ROOT / "tools" / "first_frame_probe.py"
WITH_PROBE = (f"import runpy, sys; runpy.run_path({str(PROBE)!r}); "
              "from game.__main__ import main; sys.exit(main(sys.argv[1:]))")
MB = 1024 * 1024


def _quiet(*command: object, **options) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True, **options)


def _folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def _fresh_venv(folder: Path) -> Path:
    venv.create(folder, with_pip=True)
    return folder / ("Scripts" if os.name == "nt" else "bin")


def _timed_install(scripts: Path, *what: str) -> float:
    start = time.perf_counter()
    _quiet(scripts / "python", "-m", "pip", "install", "--quiet", *what)
    return time.perf_counter() - start


def _first_frame(command: list[str], work: Path) -> float:
    """Seconds from starting ``command`` to its first frame on screen."""
    home = Path(tempfile.mkdtemp(dir=work))
    env = os.environ | {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "DILEMMASPEL_FIRST_FRAME": "1",
                        "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
                        "DILEMMASPEL_DATA": str(home / "sessions")}
    start = time.time()
    done = subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=300, check=True)
    shown = next(line for line in done.stdout.splitlines() if line.startswith("first frame "))
    return float(shown.split()[-1]) - start


def run(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        _quiet(sys.executable, "-m", "build", "--outdir", work / "dist", ROOT)
        wheel = next((work / "dist").glob("dilemmaspel-*.whl"))
        dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
        floor_install = _timed_install(_fresh_venv(work / "deps-only"), *dependencies)
        scripts = _fresh_venv(work / "wheel")
        install = _timed_install(scripts, str(wheel))
        figures = [
            Figure("wheel: size", "MB", wheel.stat().st_size / MB, wheel.stat().st_size / MB),
            Figure("wheel: install with its dependencies into a clean venv (pip's cache)", "s", install, install,
                   floor_median=floor_install, note="floor: the dependencies alone into another clean venv"),
        ]
        try:
            import PyInstaller  # noqa: F401  (only to know whether the app can be built here)
        except ImportError:
            return figures + [Figure("app: not built", "", 0, 0, note="PyInstaller missing: pip install -e '.[app]'")]
        start = time.perf_counter()
        _quiet(sys.executable, ROOT / "tools" / "build_app.py", "--dist", work / "app", "--work", work / "build")
        built = time.perf_counter() - start
        app = work / "app" / "Dilemmaspel" / ("Dilemmaspel.exe" if os.name == "nt" else "Dilemmaspel")
        size = _folder_size(app.parent) / MB
        app_starts, wheel_starts = [], []
        for _ in range(runs):
            app_starts.append(_first_frame([str(app)], work))
            wheel_starts.append(_first_frame([str(scripts / "python"), "-c", WITH_PROBE], work))
        app_start, wheel_start = summary(app_starts), summary(wheel_starts)
        return figures + [
            Figure("app: size of its folder", "MB", size, size, note=f"built in {built:.0f} s"),
            Figure("start-up to first frame: the app", "s", *app_start, floor_median=wheel_start[0],
                   note="floor: the installed wheel, started the same way in the same run"),
            Figure("start-up to first frame: the installed wheel", "s", *wheel_start),
        ]
