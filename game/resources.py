"""Where the data the program reads at run time is: the case library with its decks, the JSON Schemas, the assets.

An installed wheel and the standalone app carry them inside the package, as ``game/library``, ``game/schemas`` and
``game/assets``: the build copies the repository's top-level folders there (``setup.py``), and they are found
through ``importlib.resources``. A checkout installed editable has no copies; there the same folders are read
where the repository keeps them, at its top level beside the package.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

# The folder inside the package, and the repository's top-level folder the build copies into it.
PACKAGED_FOLDERS = {"library": "scenarios", "schemas": "schemas", "assets": "assets"}


@cache  # where the package lies does not change while it runs; the screen asks for its fonts and icons often
def _data_folder(name: str) -> Path:
    package = Path(str(files("game")))
    inside = package / name
    return inside if inside.is_dir() else package.parent / PACKAGED_FOLDERS[name]


def library_folder() -> Path:
    """The bundled case library, with its role and value decks in ``decks/``."""
    return _data_folder("library")


def schemas_folder() -> Path:
    """The JSON Schemas of the case and deck files (the bundled cases name them in their first line)."""
    return _data_folder("schemas")


def assets_folder() -> Path:
    """Fonts, images, sounds and themes."""
    return _data_folder("assets")
