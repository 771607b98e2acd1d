"""A table gets its name and colour at set-up: suggested, changed by the scribe, kept in the session's log."""
from __future__ import annotations

import pygame

from game.i18n import _
from game.report.palette import TABLE_COLOURS
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_screenshots import check_layout


def test_seven_players_and_the_table_name_fit_a_small_screen(tmp_path, library):
    t = Table(tmp_path, library, size=(1024, 768))
    p = Player(t)
    p.act(_("ui.start.play"))
    for _more in range(3):
        p.act("+")                                     # seven players: the set-up's fullest page
    check_layout(t)
    assert t.find(_("ui.setup.table_name")).get_text()


def test_the_set_up_suggests_a_name_and_a_colour_and_the_log_keeps_what_the_table_chose(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.play"))
    scene = t.app.scene
    entry = t.find(_("ui.setup.table_name"))
    suggested = entry.get_text()
    assert suggested in _("ui.setup.table_names").split("|")
    colours = _("ui.setup.colour_names").split("|")
    first = scene.colour
    p.act(_("ui.setup.table_colour", colour=colours[first]))
    assert scene.colour == (first + 1) % len(TABLE_COLOURS)
    assert t.has(_("ui.setup.table_colour", colour=colours[scene.colour]))
    p.act(_("ui.setup.table_name"))
    for _char in suggested:
        t.key(pygame.K_BACKSPACE)
    t.type("Zonnebloem")
    for _step in range(3):
        p.act(_("ui.next"))
    p.act(_("ui.setup.start"))
    state = t.app.scene.state
    assert (state.table_name, state.table_colour) == ("Zonnebloem", TABLE_COLOURS[scene.colour])
