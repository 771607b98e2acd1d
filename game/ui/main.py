"""Open the game window: ``dilemmaspel`` without a command lands here, and the commands that open
the window on another first screen (solo, plenary, preview) come through here too."""
from __future__ import annotations

from typing import Callable

import pygame

from game.store.folders import default_folder
from game.ui.app import App, Places
from game.ui.scenes import BaseScene
from game.ui.settings import load_settings, settings_path


def open_app(places: Places, size: tuple[int, int] | None = None, lang: str | None = None,
             first: Callable[[App], BaseScene] | None = None, **options) -> App:
    """The app on its ``first`` screen, over the start screen (where its way back ends); without one the start
    screen itself, with the offer to resume an unfinished session right after its first frame."""
    from game.ui.scenes.start import StartScene
    pygame.init()
    settings = load_settings(places.settings)
    if lang:
        settings = settings.changed(lang=lang)
    app = App(places, settings, **({"size": size} if size else {}), **options)
    app.push(StartScene(app, look_later=first is None))
    if first:
        app.push(first(app))
    return app


def user_places() -> Places:
    """The user's own settings file and sessions folder."""
    return Places(settings_path(), default_folder())


def run_until_closed(app: App, afterwards: Callable[[], None] | None = None) -> int:
    """Run the window until it is closed; ``afterwards`` tidies up even when something went wrong."""
    try:
        app.run()
    finally:
        if afterwards:
            afterwards()
        pygame.quit()
    return 0


def play(lang: str | None = None) -> int:
    return run_until_closed(open_app(user_places(), lang=lang))
