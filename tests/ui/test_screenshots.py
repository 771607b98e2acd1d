"""Every screen at 1280x720 and 1920x1080, in Dutch and English, written to out/screenshots/.

Look at them. While shooting, each screen is also checked as a person at the table would
meet it: everything inside the window, every target at least 48 px, text at least 32 px
at 1080p (scaled with the window).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

import pygame
import pytest

from game.i18n import _
from game.ui.theme import font_sizes
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_full_session import set_up

OUT = Path(__file__).parents[2] / "out" / "screenshots"
MIN_TARGET = 48
MUST_FIT = ("@value", "@envelope", "@cover", "@corner_", "@rule")


class Camera:
    """Saves the first screen of each kind and checks its layout."""

    def __init__(self, table: Table, folder: Path) -> None:
        self.t = table
        self.folder = folder
        self.taken: list[str] = []
        shutil.rmtree(folder, ignore_errors=True)   # no stale pictures from an earlier run

    def __call__(self, name: str) -> None:
        check_layout(self.t)
        if name in self.taken:
            return
        self.taken.append(name)
        self.t.shot(self.folder / f"{len(self.taken):02d}-{name}.png")


def check_layout(t: Table) -> None:
    window = pygame.Rect((0, 0), t.app.size)
    for element in t.app.page.root.elements:
        assert window.contains(element.rect), f"{element} at {element.rect} is outside the window {window}"
    for item in t.app.page.focusables:
        rect = item.element.rect
        assert min(rect.size) >= MIN_TARGET, f"{item.label!r} is {rect.size}, smaller than a finger"
    for box in t.app.page.scrollable if t.app.settings.text_scale == 1 else ():
        # long stories may scroll; these short texts must fit (at a larger text size they may scroll too)
        assert not any(style in box.most_specific_combined_id for style in MUST_FIT), box.html_text


def test_body_text_is_at_least_32_px_at_1080p_and_scales():
    assert font_sizes(1.0, 1.0)["small"] >= 32 and font_sizes(1.0, 1.0)["body"] >= 32
    assert font_sizes(2.0, 1.0)["body"] >= 64 and font_sizes(1.0, 1.3)["heading"] > font_sizes(1.0, 1.0)["heading"]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_screen(tmp_path, library, size, lang):
    t = Table(tmp_path, library, size=size, lang=lang)
    shoot = Camera(t, OUT / f"{lang}-{size[0]}x{size[1]}")
    shoot("start")
    p = Player(t, "mouse", shoot)
    p.act(_("ui.start.settings"))
    shoot("settings")
    p.act(_("ui.back"))
    p.act(_("ui.start.library"))
    shoot("library-themes")
    t.key(pygame.K_1)
    shoot("library-cases")
    t.key(pygame.K_1)
    shoot("library-case")
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)
    p.act(_("ui.back"))
    p.act(_("ui.start.play"))
    shoot("setup-players")
    p.act(_("ui.next"))
    shoot("setup-cases")
    p.act(_("ui.next"))
    shoot("setup-plan")
    p.act(_("ui.next"))
    shoot("setup-times")
    for _step in range(4):
        p.act(_("ui.back"))
    set_up(t)
    p.draw_roles()
    value = p._value_label("autonomie")
    p.act(p.name_card(0))
    p.act(value)
    p.act(value)                              # the last value cannot go: the engine says why
    shoot("refusal-shown")
    t.now.offset = 3600                      # the step's time runs out
    t.step(2)
    shoot("time-up")
    p.act(_("ui.share.done_aloud"))
    shoot("round-left")                      # the next screen says how much of the round is left
    t.now.offset = 0
    for player in range(1, t.app.scene.round.players):
        p.act(p.name_card(player))
        p.act(value)
        p.act(_("ui.share.done_aloud"))
    p.shoot("share-overview")
    p.act(_("ui.share.next"))
    p.choose_core()
    p.record(("autonomie",), ("Een gesprekspunt voor de plenaire bespreking", "Nog een punt"), scratch="Kladje")
    p.shoot("plenary-step")
    p.act(_("ui.ending.next_round"))
    p.act(_("ui.round.menu"))
    shoot("stop-round-question")
    p.act(_("ui.round.stop_yes"))
    shoot("start-with-resume")
    p.act(_("ui.start.resume"))
    shoot("resume")
    t.key(pygame.K_1)
    p.play_round()
    shoot("summary")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
def test_the_screens_of_a_long_round(tmp_path, library, size):
    t = Table(tmp_path, library, size=size)
    shoot = Camera(t, OUT / f"nl-{size[0]}x{size[1]}-lang")
    set_up(t, plan="lang")
    p = Player(t, "mouse", shoot)
    p.draw_roles()
    p.share_values(("autonomie",))
    p.choose_until_ending()
    p.record(("autonomie",), ("Een punt",))
    p.shoot("ending-story")
    p.act(_("ui.ending.facts"))
    p.shoot("ending-facts")
    p.act(_("ui.ending.notes"))
    p.shoot("ending-notes")
    p.act(_("ui.ending.to_plenary"))
    p.shoot("plenary-step")


def test_high_contrast_and_the_keyboard_focus(tmp_path, library):
    t = Table(tmp_path, library, high_contrast=True, text_size="large")
    shoot = Camera(t, OUT / "nl-1280x720-high-contrast")
    t.key(pygame.K_TAB)
    t.key(pygame.K_TAB)
    shoot("start-focus")
    set_up(t)
    p = Player(t, "mouse", shoot)
    p.draw_roles()
    p.act(p.name_card(0))
    p.act(p._value_label("waardigheid"))
    t.key(pygame.K_TAB)
    shoot("share-values-focus")
    p.act(_("ui.share.done_aloud"))
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    p.vote_all(2)
    p.option(2)
    shoot("consequences")


GOLDEN = Path(__file__).parent / "golden" / "screens.json"


def test_stable_screens_match_their_golden_pixels(tmp_path, library):
    """The start and settings screens, pixel for pixel (pygame-ce and pygame_gui are pinned).

    After an intended change, rewrite with UPDATE_GOLDEN=1 and look at out/screenshots/ first.
    """
    found = {}
    for lang in ("nl", "en"):
        t = Table(tmp_path / lang, library, lang=lang)
        t.app.draw()
        found[f"start-{lang}"] = hashlib.sha256(pygame.image.tobytes(t.app.screen, "RGB")).hexdigest()
        Player(t).act(_("ui.start.settings"))
        t.app.draw()
        found[f"settings-{lang}"] = hashlib.sha256(pygame.image.tobytes(t.app.screen, "RGB")).hexdigest()
    found["versions"] = {name: version(name) for name in ("pygame-ce", "pygame_gui")}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=2) + "\n")
    golden = json.loads(GOLDEN.read_text())
    if golden["versions"] != found["versions"]:
        pytest.skip(f"the golden pixels were drawn by {golden['versions']}; rewrite them with UPDATE_GOLDEN=1")
    assert found == golden
