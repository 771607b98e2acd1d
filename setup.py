"""The build copies the data the program reads at run time into the package (the rest is in pyproject.toml).

The repository keeps the case library, the JSON Schemas and the assets at its top level (``scenarios/``,
``schemas/``, ``assets/``); a wheel carries them as ``game/library``, ``game/schemas`` and ``game/assets``, where
``game.resources`` finds them. A folder that is not there is left out.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# The same pairs as game.resources.PACKAGED_FOLDERS: the folder in the package <- the repository's folder.
PACKAGED_FOLDERS = {"library": "scenarios", "schemas": "schemas", "assets": "assets"}
SKIPPED = {"__pycache__", ".DS_Store"}


class BuildWithData(build_py):
    """``build_py`` that also copies the top-level data folders into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the folders where they are
            return
        for inside, source in PACKAGED_FOLDERS.items():
            for path in sorted(Path(source).rglob("*")):
                if path.is_file() and not SKIPPED & set(path.parts):
                    target = Path(self.build_lib, "game", inside, path.relative_to(source))
                    self.mkpath(str(target.parent))
                    self.copy_file(str(path), str(target))


setup(cmdclass={"build_py": BuildWithData})
