"""The player's settings, kept as JSON in the user's config folder.

Settings never hold game state: only how the screens look and sound.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from platformdirs import user_config_dir

from game.i18n import LANGUAGES, default_language

TEXT_SIZES = {"normal": 1.0, "large": 1.15, "larger": 1.3}


@dataclass(frozen=True)
class Settings:
    lang: str = default_language()
    text_size: str = "normal"
    high_contrast: bool = False
    fullscreen: bool = True  # the display's own resolution; a window is a setting (or F11)
    sound: bool = True
    reduced_motion: bool = False  # "minder beweging": cards lie still, steps appear without sliding

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES[self.text_size]

    def changed(self, **changes: object) -> "Settings":
        return replace(self, **changes)


def settings_path() -> Path:
    return Path(user_config_dir("dilemmaspel", appauthor=False)) / "settings.json"


def load_settings(path: Path) -> Settings:
    """The saved settings; anything missing, unknown or broken falls back to the default."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(saved, dict):
        return Settings()
    defaults = Settings()
    kept = {f.name: saved[f.name] for f in fields(Settings)
            if f.name in saved and type(saved[f.name]) is type(getattr(defaults, f.name))}
    settings = replace(defaults, **kept)
    if settings.lang not in LANGUAGES:
        settings = replace(settings, lang=defaults.lang)
    if settings.text_size not in TEXT_SIZES:
        settings = replace(settings, text_size=defaults.text_size)
    return settings

def save_settings(settings: Settings, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    temporary.replace(path)
