"""Open the game window: ``dilemmaspel`` without a command lands here."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.app import unfinished_sessions
from game.ui.app import App, Places
from game.store.log import default_folder
from game.ui.settings import load_settings, settings_path


def open_app(places: Places, size: tuple[int, int] | None = None, lang: str | None = None, **options) -> App:
    """The app on its first screen: the offer to resume when a session was left unfinished."""
    from game.ui.scenes.start import ResumeScene, StartScene
    pygame.init()
    settings = load_settings(places.settings)
    if lang:
        settings = settings.changed(lang=lang)
    app = App(places, settings, **({"size": size} if size else {}), **options)
    first = ResumeScene if unfinished_sessions(places.sessions) else StartScene
    app.show(first(app))
    return app


def play(settings_file: Path | None = None, sessions: Path | None = None, lang: str | None = None) -> int:
    app = open_app(Places(settings_file or settings_path(), sessions or default_folder()), lang=lang)
    try:
        app.run()
    finally:
        pygame.quit()
    return 0
