"""The start screen comes first: nothing it does not need is read before its first frame."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
HEAVY = ("game.app", "game.engine", "game.store.log", "game.scenario.loader", "game.commands.cli", "pydantic", "networkx",
         "sqlite_utils")
FIRST_FRAME = """
import json, sys
import pygame
shown = pygame.display.flip

def first_flip():
    shown()
    if pygame.display.flip is first_flip:
        pygame.display.flip = shown
        print(json.dumps(REPORT), flush=True)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

pygame.display.flip = first_flip
from game.__main__ import main
main([])
"""


def at_first_frame(tmp_path: Path, report: str, settings: dict | None = None):
    """``report`` (a Python expression) as it stands when the game, started as a trainer starts it, shows its
    first frame; a settings file only when ``settings`` are given."""
    if settings is not None:
        (tmp_path / "dilemmaspel").mkdir(parents=True, exist_ok=True)
        (tmp_path / "dilemmaspel" / "settings.json").write_text(json.dumps(settings))
    env = os.environ | {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "XDG_CONFIG_HOME": str(tmp_path),
                        "XDG_DATA_HOME": str(tmp_path), "DILEMMASPEL_DATA": str(tmp_path / "sessions")}
    done = subprocess.run([sys.executable, "-c", FIRST_FRAME.replace("REPORT", report)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(next(line for line in done.stdout.splitlines() if line[:1] in "[{"))  # after pygame's greeting


def test_the_game_draws_its_start_screen_before_reading_the_library_the_engine_or_sqlite(tmp_path):
    loaded_at_first_frame = set(at_first_frame(tmp_path, "sorted(sys.modules)"))
    assert "game.ui.scenes.start" in loaded_at_first_frame
    assert not loaded_at_first_frame & set(HEAVY)


def test_the_library_is_read_right_after_the_first_frame(tmp_path, library):
    from tests.ui.harness import Table
    table = Table(tmp_path, None)
    assert table.app._library is not None and table.app.library.cases


def test_the_game_cleans_up_what_it_left_when_it_was_killed_while_creating_a_session(tmp_path, proef_book):
    from game.solo import practice_folder
    from tests.test_store import killed_while_creating
    from tests.ui.harness import Table
    sessions = tmp_path / "sessions"
    for folder in (sessions, practice_folder()):
        folder.mkdir(exist_ok=True)
        killed_while_creating(folder / "half.dilemma.db")
        assert any(p.name.endswith(".nieuw") for p in folder.iterdir())
    Table(tmp_path, None)
    assert list(sessions.iterdir()) == [] and list(practice_folder().iterdir()) == []


def test_the_start_screen_names_the_version_right_after_its_first_frame(tmp_path, library):
    from game.version import game_version
    from tests.ui.harness import Table
    table = Table(tmp_path, library)
    assert f"Dilemmaspel, versie {game_version()}" in table.screen_text()


SCREEN = ("{'size': pygame.display.get_surface().get_size(), 'desktop': pygame.display.get_desktop_sizes()[0], "
          "'fullscreen': bool(pygame.display.get_surface().get_flags() & pygame.FULLSCREEN)}")


def test_the_game_opens_full_screen_on_the_displays_own_resolution(tmp_path):
    screen = at_first_frame(tmp_path, SCREEN)
    assert screen["fullscreen"] and screen["size"] == screen["desktop"]


def test_a_window_is_a_setting(tmp_path):
    screen = at_first_frame(tmp_path, SCREEN, {"fullscreen": False})
    assert not screen["fullscreen"] and screen["size"] == [1280, 720]
