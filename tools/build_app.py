"""Build the standalone app: one folder with the game, its Python, the case library, the schemas and the assets.

    python tools/build_app.py [--dist FOLDER] [--work FOLDER]

Needs PyInstaller (``pip install -e '.[app]'``) and builds for the system it runs on: Linux, Windows or macOS
(PyInstaller does not cross-compile). The result is ``FOLDER/Dilemmaspel/`` with the program
``Dilemmaspel`` (``Dilemmaspel.exe`` on Windows; on macOS also ``Dilemmaspel.app``), started by double-clicking;
given a command (``Dilemmaspel validate``) it is the same command line as ``dilemmaspel``. The data folders
go where ``game.resources`` looks for them in an installed package.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: game.resources is read from this checkout

from game.resources import PACKAGED_FOLDERS  # noqa: E402  (after the path above)

NAME = "Dilemmaspel"
ENTRY = ROOT / "game" / "__main__.py"
PROBE = ROOT / "tools" / "first_frame_probe.py"
# Packages whose data files (fonts, themes, translations, locale data) the game reads at run time.
DATA_OF_PACKAGES = ("game", "pygame_gui", "babel", "i18n")
# What the test tools bring along through optional imports; the app never uses them.
LEFT_OUT = ("hypothesis", "pytest", "_pytest", "PyInstaller", "setuptools", "pip")


def pyinstaller_arguments(dist: Path, work: Path) -> list[str]:
    """PyInstaller's command line for the app."""
    arguments = [str(ENTRY), "--name", NAME, "--onedir", "--noconfirm", "--clean", "--distpath", str(dist),
                 "--workpath", str(work), "--specpath", str(work), "--runtime-hook", str(PROBE)]
    if sys.platform in ("win32", "darwin"):  # no console window behind the game when double-clicked
        arguments.append("--windowed")
    for package in DATA_OF_PACKAGES:
        arguments += ["--collect-data", package]
    arguments += ["--copy-metadata", "dilemmaspel"]  # the version the game names
    for module in LEFT_OUT:
        arguments += ["--exclude-module", module]
    for inside, source in PACKAGED_FOLDERS.items():
        if (ROOT / source).is_dir():  # assets/ may not be there yet
            arguments += ["--add-data", f"{ROOT / source}{os.pathsep}game/{inside}"]
    return arguments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "app", help="where the app folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "app", help="PyInstaller's working folder")
    args = parser.parse_args(argv)
    try:
        from PyInstaller.__main__ import run
    except ImportError:
        print("PyInstaller is missing: pip install -e '.[app]'", file=sys.stderr)
        return 2
    run(pyinstaller_arguments(args.dist.resolve(), args.work.resolve()))
    print(f"built: {args.dist / NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
