"""Open the game window: ``dilemmaspel`` without a command lands here."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.store.folders import default_folder
from game.ui.app import App, Places
from game.ui.settings import load_settings, settings_path


def open_app(places: Places, size: tuple[int, int] | None = None, lang: str | None = None, **options) -> App:
    """The app on its start screen; right after its first frame, the offer to resume when a session was
    left unfinished."""
    from game.ui.scenes.start import StartScene
    pygame.init()
    settings = load_settings(places.settings)
    if lang:
        settings = settings.changed(lang=lang)
    app = App(places, settings, **({"size": size} if size else {}), **options)
    app.show(StartScene(app, look_later=True))
    return app


def play(settings_file: Path | None = None, sessions: Path | None = None, lang: str | None = None) -> int:
    app = open_app(Places(settings_file or settings_path(), sessions or default_folder()), lang=lang)
    try:
        app.run()
    finally:
        pygame.quit()
    return 0
