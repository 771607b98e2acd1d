"""Thousands of random taps, clicks, keys and typing over all screens: no exception, never a dead end.

The walk leans on the way forward (the primary button of a screen), so it reaches the
rounds and the end of a session, and it also jumps the clock. A second walk goes through
the preview of a case while its file is saved, broken and mended underneath it. Set
RANDOM_EVENTS for a longer run; the seeds are fixed so a failure can be replayed.
"""
from __future__ import annotations

import os
import random

import pygame

from game.i18n import _
from game.ui.scenes.table import RoundScene
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_preview import Preview, trainers_copy

EVENTS = int(os.environ.get("RANDOM_EVENTS", "3000"))
KEYS = ([pygame.K_TAB] * 4 + [pygame.K_RETURN] * 3 + [pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_BACKSPACE, pygame.K_DELETE,
        pygame.K_HOME, pygame.K_END] + [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_9])
LEAVING = ("Afsluiten", "Quit", "Naar het begin", "To the start")
STOPPING = ("Stoppen", "Stop")  # the answer to 'De ronde stoppen?': as likely as staying, or the walk never leaves
TEXT = "abc ëéï?!<b>&;'\"\U0001F600 1234"


def way_forward(t: Table) -> bool:
    return any(item.action or item.on_enter for item in t.app.page.focusables)


def tap(t: Table, pos, touch: bool) -> None:
    pygame.mouse.set_pos(pos)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1, touch=touch))
    t.step()


def key(t: Table, code: int, mod: int) -> None:
    for kind in (pygame.KEYDOWN, pygame.KEYUP):
        pygame.event.post(pygame.event.Event(kind, key=code, mod=mod, unicode="", scancode=0))
    t.step()


def random_event(t: Table, rng: random.Random, leaving: tuple[str, ...] = LEAVING) -> None:
    roll = rng.random()
    items = t.app.page.focusables
    if roll < 0.55 and items:
        forward = [item for item in items if item.primary]
        stopping = [item for item in items if item.label in STOPPING]
        item = (stopping[0] if stopping and rng.random() < 0.5
                else forward[0] if forward and rng.random() < 0.6 else rng.choice(items))
        if item.label in leaving and not item.primary and rng.random() < 0.85:
            return                           # a screen whose way forward leaves (the summary's) is left
        tap(t, item.element.rect.center, touch=rng.random() < 0.3)
    elif roll < 0.65:
        tap(t, (rng.randrange(t.app.size[0]), rng.randrange(t.app.size[1])), touch=rng.random() < 0.5)
    elif roll < 0.88:
        key(t, rng.choice(KEYS), pygame.KMOD_SHIFT if rng.random() < 0.2 else 0)
    elif roll < 0.97:
        t.type("".join(rng.choice(TEXT) for _ in range(rng.randrange(1, 6))))
    else:
        t.now.offset += rng.choice((20, 200, 2000))
        t.step()


AT_THE_TABLE = {"StartScene", "SetupScene", "LibraryScene", "SettingsScene", "RoundScene:draw", "RoundScene:share",
                "RoundScene:vote", "RoundScene:explore", "RoundScene:record", "RoundScene:ending", "PlenaryScene"}
ALONE = {"SoloHomeScene", "SoloRoleScene", "SoloRunScene"}


def walk(tmp_path, library, rng: random.Random, events: int, every: set[str], first: str | None = None,
         leaving: tuple[str, ...] = LEAVING) -> set[str]:
    """At least ``events`` random events (from the screen ``first`` opens, if given), and on, up to twice as many,
    until the walk has met ``every`` kind of screen: the clock runs in real time, so a walk's path differs a
    little from run to run. Never an exception, never a screen without a way forward; the screens met."""
    t = Table(tmp_path, library)
    if first:
        Player(t).act(first)
    seen: set[str] = {type(t.app.scene).__name__}
    for event in range(2 * events):
        if event >= events and every <= seen:
            break
        if not t.app.running:
            t = Table(tmp_path, library)     # someone quit: the game is started again
        random_event(t, rng, leaving)
        scene = t.app.scene
        seen.add(type(scene).__name__)
        if isinstance(scene, RoundScene):
            seen.add(f"{type(scene).__name__}:{scene.round.phase}")
        assert way_forward(t), f"no way forward on {seen}"
    return seen


def test_random_input_never_breaks_or_strands_the_table(tmp_path, library):
    seen = walk(tmp_path, library, random.Random(1), EVENTS, AT_THE_TABLE)  # every screen, the reveals too
    assert AT_THE_TABLE <= seen, seen


def test_random_input_never_breaks_or_strands_practising_alone(tmp_path, library):
    seen = walk(tmp_path, library, random.Random(3), EVENTS // 3, ALONE, first=_("solo.screen.start_button"),
                leaving=LEAVING + ("Terug", "Back"))  # it stays with practising alone, mostly
    assert ALONE <= seen, seen


def test_random_input_never_breaks_the_preview_while_its_file_changes(tmp_path):
    rng = random.Random(7)
    file = trainers_copy(tmp_path, "casus.yaml")
    good = file.read_text(encoding="utf-8")
    versions = [good, good.replace("title:", "title: Nieuw:", 1), good[: len(good) // 2], good + "\n\t kapot: [",
                good.replace("next:", "nxet:", 1)]
    preview = Preview(file, tmp_path / "preview")
    seen = set()
    for _ in range(EVENTS // 3):
        if rng.random() < 0.02:
            preview.save(rng.choice(versions))
        else:
            random_event(preview, rng)
        if not preview.app.running:
            preview.scene.close()
            preview = Preview(file, tmp_path / "preview")
        seen.add("problems" if preview.scene.problems else preview.scene.state.current.phase)
        assert way_forward(preview), f"no way forward after {seen}"
    assert {"problems", "draw", "vote", "explore"} <= seen, seen
