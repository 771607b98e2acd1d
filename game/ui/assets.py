"""Where the game's own files are: the typeface, icons, illustrations and sounds in ``assets/``.

Every part of the screen asks here; the folder itself is found by ``game.resources`` (inside an installed
package, or at the top of a checkout). Each file's source and licence: assets/LICENSES.md.
"""
from __future__ import annotations

from pathlib import Path

from game.resources import assets_folder

FONT_FAMILY = "Dilemmaspel Sans"
FONT_FILES = {"regular": "DilemmaspelSans-Regular.ttf", "bold": "DilemmaspelSans-Bold.ttf",
              "italic": "DilemmaspelSans-Italic.ttf", "bold_italic": "DilemmaspelSans-BoldItalic.ttf"}


def font_paths() -> dict[str, str]:
    """The typeface's file per style, as the pygame_gui theme names them (``regular_path``...)."""
    folder = assets_folder() / "fonts"
    return {f"{style}_path": str(folder / name) for style, name in FONT_FILES.items()}


def icon_path(name: str) -> Path:
    return assets_folder() / "icons" / f"{name}.svg"


def illustration_path(name: str) -> Path:
    return assets_folder() / "illustrations" / f"{name}.svg"


def sound_path(name: str) -> Path:
    return assets_folder() / "sounds" / f"{name}.wav"
