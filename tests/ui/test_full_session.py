"""A whole table session of two rounds, played through the real screens with mouse, touch and keys."""
from __future__ import annotations

import pygame

from game.app import resume_session
from game.engine.state import AGAIN, FIRST
from game.i18n import _
from game.store.log import SessionLog
from game.engine.state import replay
from tests.ui.harness import Table
from tests.ui.play import Player


def set_up(t: Table, how: str = "mouse") -> None:
    """Three players, two of them named, 'hygiene-normen' in round 1, two minutes to draw."""
    p = Player(t, how)
    p.act(_("ui.start.play"))
    p.act("–")                               # four players by default, one fewer
    p.act(_("ui.player_n", n=1))
    t.type("Anna")
    t.key(pygame.K_TAB)
    t.type("Bert")
    t.press(_("ui.next"))                    # keyboard: Tab to the button, Enter
    p.act(_("ui.round_n", n=1))              # choose the case of round 1 in the library
    t.key(pygame.K_2)                        # the second theme...
    t.key(pygame.K_ESCAPE)                   # ...back to the themes
    p.act(_("ui.library.all_themes"))
    title = t.app.library.case("hygiene-normen", t.app.settings.lang).scenario.title
    while not t.has(title):
        p.act(_next_page_label(t))
    p.act(title)
    p.act(_("ui.library.pick"))
    p.act(_("ui.next"))
    p.act("+")                               # drawing roles: 2 minutes
    p.act(_("ui.setup.start"))


def _next_page_label(t: Table) -> str:
    return next(label for label in t.labels() if label.startswith(_("ui.next")) and "(" in label)



def test_two_rounds_through_the_screens_reach_the_log(tmp_path, library):
    t = Table(tmp_path, library)
    set_up(t)
    scene = t.app.scene
    state = scene.state
    assert state.players == ("Anna", "Bert", "")
    assert state.cases[0].id == "hygiene-normen" and len(state.cases) == 2
    assert state.durations.draw == 120
    Player(t, "mouse").play_round(values=("autonomie", "veiligheid"),
                                  notes=("Wie bepaalt hoe Gerrit wordt gewassen?", "Annie's rug"), scratch="Weg")
    assert t.app.scene.round.number == 2
    Player(t, "keys").play_round(values=("privacy",), notes=("Eén reünie",), scratch="Kladje")
    # The end: the summary says in words that the session is kept; the file's path only when asked.
    assert t.app.scene.__class__.__name__ == "SummaryScene"
    path = t.app.scene.stored.path
    assert _("ui.summary.kept") in t.screen_text() and str(path) not in t.screen_text()
    Player(t, "mouse").act(_("ui.summary.where"))
    assert str(path) in t.screen_text()
    assert path.parent == tmp_path / "sessions"

    reopened = resume_session(library, path)
    final = reopened.state
    reopened.close()
    assert final.finished and len(final.rounds) == 2
    first, second = final.rounds
    assert all(first.roles) and first.values == (("autonomie", "veiligheid"),) * 3
    assert first.votes_at(FIRST, 0) == {0: first.votes_at(FIRST, 0)[0], 1: first.votes_at(FIRST, 0)[0],
                                        2: first.votes_at(FIRST, 0)[0]}
    assert len(first.votes_at(AGAIN, 0)) == 3 and first.is_revealed(AGAIN, 0)
    assert first.leading_values == ("autonomie", "veiligheid")
    assert [n.text for n in first.notes] == ["Wie bepaalt hoe Gerrit wordt gewassen?", "Annie's rug"]
    assert second.leading_values == ("privacy",) and [n.text for n in second.notes] == ["Eén reünie"]
    assert first.ending and second.ending


def test_touch_plays_a_round_too(tmp_path, library):
    t = Table(tmp_path, library)
    set_up(t, "touch")
    Player(t, "touch").play_round(values=("waardigheid",), notes=("Met touch",))
    assert t.app.scene.round.number == 2
    log = SessionLog.open(t.app.scene.stored.path, read_only=True)
    state = replay(log.events())
    log.close()
    assert state.rounds[0].notes[0].text == "Met touch"
