"""A whole table session of two rounds, played through the real screens with mouse, touch and keys."""
from __future__ import annotations

import re

import pygame
import pytest

from game.app import resume_session
from game.engine.state import AGAIN, FIRST
from game.i18n import _
from game.ui.page import Box, escape
from game.store.log import SessionLog
from game.engine.state import replay
from tests.ui.harness import Table
from tests.ui.play import Player


def set_up(t: Table, how: str = "mouse", plan: str = "kort", toggles: tuple[str, ...] = (),
           names: tuple[str, str] = ("Anna", "Bert")) -> None:
    """Three players, two of them named (``names``), 'hygiene-normen' in round 1, the round plan (with
    ``toggles``: the set-up's options for the private steps), two minutes to draw."""
    p = Player(t, how)
    p.act(_("ui.start.play"))
    p.act("–")                               # four players by default, one fewer
    p.act(_("ui.player_n", n=1))
    t.type(names[0])
    t.key(pygame.K_TAB)
    t.type(names[1])
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
    if plan != "kort":                       # the short plan is the default
        p.act(_(f"ui.setup.plan.{plan}"))
    for toggle in toggles:
        p.act(_(f"ui.setup.{toggle}"))
    p.act(_("ui.next"))
    p.act("+")                               # drawing roles: 2 minutes
    p.act(_("ui.setup.start"))


def summary_pages(t: Table) -> list[str]:
    """The summary's rounds, page by page (turned with its 'Volgende' button)."""
    kept = f"<b>{escape(_('ui.summary.kept'))}"
    pages = []
    while True:
        pages.append(next(e.html_text for e in t.app.page.root.elements
                          if getattr(e, "html_text", "") and not e.html_text.startswith(kept)))
        turn = [item for item in t.app.page.focusables if item.key == "page:next"]
        if not turn:
            return pages
        t.click(turn[0].label)


def _next_page_label(t: Table) -> str:
    return next(label for label in t.labels() if label.startswith(_("ui.next")) and "(" in label)



@pytest.mark.parametrize("plan", ["kort", "lang"])
def test_two_rounds_through_the_screens_reach_the_log(tmp_path, library, plan):
    t = Table(tmp_path, library)
    set_up(t, plan=plan)
    scene = t.app.scene
    state = scene.state
    assert state.plan == plan
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
    pages = summary_pages(t)
    assert all(not re.search(r"<b>[^<]*</b>$", page) for page in pages)  # never a heading alone at a page's foot
    round_heading = f"<b>{escape(_('ui.round_n', n=0))[:-1]}"
    assert all(page.startswith(round_heading) for page in pages)     # a round going on over pages: its heading too
    told = "<br>".join(pages)
    if plan == "kort":  # no way walked: the summary tells how the table voted at the core decision
        assert _("ui.summary.path") not in told and _("ui.summary.ending") not in told
        assert told.count(_("ui.summary.votes", decision="@").split("@")[0]) == 2
    else:
        assert told.count(_("ui.summary.path")) == 2 and told.count(_("ui.summary.ending")) == 2

    reopened = resume_session(library, path)
    final = reopened.state
    reopened.close()
    assert final.finished and len(final.rounds) == 2
    first, second = final.rounds
    assert all(first.roles) and first.values == (("autonomie", "veiligheid"),) * 3
    assert first.votes_at(FIRST, 0) == {0: first.votes_at(FIRST, 0)[0], 1: first.votes_at(FIRST, 0)[0],
                                        2: first.votes_at(FIRST, 0)[0]}
    changed = 1 if plan == "kort" else 3     # the short round: one player changes their mind
    assert len(first.votes_at(AGAIN, 0)) == changed and first.is_revealed(AGAIN, 0)
    assert first.leading_values == ("autonomie", "veiligheid")
    assert [n.text for n in first.notes] == ["Wie bepaalt hoe Gerrit wordt gewassen?", "Annie's rug"]
    assert second.leading_values == ("privacy",) and [n.text for n in second.notes] == ["Eén reünie"]
    if plan == "lang":
        assert first.ending and second.ending
    else:
        assert first.ending is None and first.path == () and first.handoffs == 2 * 3


def test_a_round_going_on_over_pages_repeats_its_heading_marked_as_going_on(tmp_path, library):
    t = Table(tmp_path, library)
    page = t.app.page
    heading = "<b>Ronde 1: Een washand is genoeg</b>"
    part = "<br>".join([heading, *(f"- Punt {n}: wie beslist er over de zorg, en wie draagt haar?" for n in range(12))])
    box = Box(0, 0, 700, 330)
    pages = page.paginate([part, "<b>Ronde 2: Koekje</b><br>- Kort"], box, "@card", whole_parts=True)
    assert len(pages) >= 3 and pages[0].startswith(heading) and pages[-1].startswith("<b>Ronde 2")
    going_on = f"{heading} {escape(_('ui.page.going_on'))}<br>- Punt"
    assert all(shown.startswith(going_on) for shown in pages[1:-1])
    assert all(page.fits(shown, box, "@card") for shown in pages)
    points = re.findall(r"- Punt \d+", "".join(pages))
    assert points == [f"- Punt {n}" for n in range(12)]            # every point once, in order


def test_touch_plays_a_round_too(tmp_path, library):
    t = Table(tmp_path, library)
    set_up(t, "touch")
    Player(t, "touch").play_round(values=("waardigheid",), notes=("Met touch",))
    assert t.app.scene.round.number == 2
    log = SessionLog.open(t.app.scene.stored.path, read_only=True)
    state = replay(log.events())
    log.close()
    assert state.rounds[0].notes[0].text == "Met touch"


def test_values_in_private_and_a_vote_out_loud(tmp_path, library):
    """The set-up's other way of the private steps: values picked in turn behind a covered screen, the vote
    said aloud and tapped in by one player (no hand-off for it)."""
    t = Table(tmp_path, library)
    set_up(t, toggles=("hidden_values", "open_vote"))
    state = t.app.scene.state
    assert state.hidden_values and state.open_vote
    player = Player(t, "keys")
    player.draw_roles()
    assert t.has(_("ui.share.i_am", name="Anna"))     # the screen passes to Anna before her values
    player.share_values(("autonomie",))
    player.choose_core()
    current = t.app.scene.round
    assert current.values == (("autonomie",),) * 3
    assert current.handoffs == 3 + 3                  # roles and values in private; the vote was aloud
