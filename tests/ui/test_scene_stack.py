"""The screens form a stack: a way back returns to the screen the player came from, as it was, and every way
back ends on the start screen."""
from __future__ import annotations

import re
import shutil

import pygame

from game.app import open_library
from game.i18n import _
from game.scenario.loader import BUNDLED_LIBRARY
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_solo_screens import CASE, open_practice, to_the_ending_of_a_drawn_role


def shown(t: Table) -> list[str]:
    return [type(scene).__name__ for scene in t.app.scenes]


def test_every_way_back_retraces_the_way_in_and_ends_on_the_start_screen(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.settings"))
    assert shown(t) == ["StartScene", "SettingsScene"]
    t.key(pygame.K_ESCAPE)
    assert shown(t) == ["StartScene"]
    p.act(_("ui.start.library"))
    t.key(pygame.K_1)                        # a theme, then a case to read
    t.key(pygame.K_1)
    for _step in range(3):
        t.key(pygame.K_ESCAPE)
    assert shown(t) == ["StartScene"]
    open_practice(t, p)
    p.act(f"1. {library.case(CASE, 'nl').scenario.title}")
    assert shown(t) == ["StartScene", "SoloHomeScene", "SoloRoleScene"]
    t.key(pygame.K_ESCAPE)
    assert shown(t) == ["StartScene", "SoloHomeScene"]
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)                   # nothing lies under the start screen: it stays
    assert shown(t) == ["StartScene"]


def test_the_set_up_comes_back_as_it_was_after_choosing_a_case_in_the_library(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.play"))
    setup = t.app.scene
    p.act(_("ui.next"))
    p.act(_("ui.round_n", n=1))
    assert shown(t) == ["StartScene", "SetupScene", "LibraryScene"]
    p.act(_("ui.library.all_themes"))
    picked = t.app.scene.cases()[-1]
    p.turn_to(picked.title)
    p.act(picked.title)
    p.act(_("ui.library.pick"))
    assert t.app.scene is setup and setup.step == 1 and setup.cases[0] == picked.id
    assert shown(t) == ["StartScene", "SetupScene"]


def test_my_practice_opened_after_a_run_goes_back_to_the_run_s_results(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    to_the_ending_of_a_drawn_role(t, p, library)
    p.act(_("solo.screen.finish"))
    assert shown(t) == ["StartScene", "SoloHomeScene", "SoloAfterScene"]
    p.act(_("solo.screen.my_practice"))
    p.act(_("ui.back"))
    assert shown(t) == ["StartScene", "SoloHomeScene", "SoloAfterScene"]
    p.act(_("ui.round.menu"))
    assert shown(t) == ["StartScene"]



def theme_cards(t: Table) -> list[str]:
    """The themes' cards on every page of the library's first screen."""
    def on_this_page() -> list[str]:
        return [item.label for item in t.app.page.focusables if re.search(r" \(\d+\)$", item.label)]
    cards = on_this_page()
    while any(item.key == "page:next" for item in t.app.page.focusables):
        t.tap_at(next(item.element for item in t.app.page.focusables if item.key == "page:next").rect.center)
        cards += on_this_page()
    return cards


def test_a_theme_written_with_and_without_a_capital_is_one_theme_and_heads_with_a_capital(tmp_path):
    folder = tmp_path / "bieb"
    shutil.copytree(BUNDLED_LIBRARY, folder)
    case = folder / "familie-appgroep.yaml"
    case.write_text(re.sub(r"(?m)^theme: .*$", "theme: Digitaal contact met familie", case.read_text("utf-8")),
                    "utf-8")
    library = open_library(folder)
    themes = {library.case(case_id, "nl").scenario.theme for case_id in library.ids("nl")}
    assert {"Digitaal contact met familie", "digitaal contact met familie"} <= themes
    t = Table(tmp_path / "spel", library)
    Player(t).act(_("ui.start.library"))
    cards = theme_cards(t)
    digital = [label for label in cards if label.casefold().startswith("digitaal contact")]
    assert digital == ["Digitaal contact met familie (2)"]        # one card for both cases, with a capital
    assert len(cards) == len({theme.casefold() for theme in themes}) + 1 and all(c[0].isupper() for c in cards)
    Player(t).act(digital[0])
    assert "Digitaal contact met familie" in t.screen_text()
    assert [item.label[:3] for item in t.app.page.focusables if re.match(r"\d\. ", item.label)] == ["1. ", "2. "]
