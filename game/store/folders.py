"""Where session files live by default. Kept apart from the log so that the game window can name
the folder without loading SQLite and the engine before its first frame."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATA_FOLDER_VARIABLE = "DILEMMASPEL_DATA"


def default_folder() -> Path:
    """Where sessions are kept when no path is given: $DILEMMASPEL_DATA, else the user's data folder."""
    override = os.environ.get(DATA_FOLDER_VARIABLE)
    return Path(override) if override else Path(user_data_dir("dilemmaspel", appauthor=False)) / "sessions"
