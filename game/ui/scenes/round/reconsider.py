"""'Who wants to change their mind?': after exploring, only the players who change vote again, aloud; the cards
that moved are shown, and in the long plan the table reads on."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import CastVote
from game.engine.state import AGAIN, FIRST
from game.i18n import _
from game.scenario.model import Decision
from game.ui.cards import player_name
from game.ui.page import Page, escape
from game.ui.scenes.round import explore
from game.ui.scenes.round.parts import player_cards
from game.ui.scenes.round.vote import choice

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


def build(scene: "RoundScene", page: Page) -> None:
    """Who changes their mind votes again; the others keep their vote. Once that is settled in the long plan,
    the table reads the options on as after the first vote."""
    view = scene.view
    if view.changes_done:
        explore.build(scene, page)
        return
    decision = scene.decision()
    if view.changer is not None:
        name = player_name(scene.state, view.changer)
        choice(scene, page, decision, _("ui.reconsider.choosing", name=name), lambda o: _change(scene, view.changer, o),
               [(_("ui.reconsider.cancel"), lambda: scene.show(changer=None))])
        return
    done = (_("ui.reconsider.done_short"), scene.advance) if scene.state.plan == "kort" \
        else (_("ui.reconsider.done_long"), lambda: scene.show(changes_done=True, items_page=0))
    if view.moves_shown:
        explore.reveal(scene, page, AGAIN, [done])
        return
    r = scene.round
    cards = []
    votes = r.votes_now()
    for player, option in ((p, votes.get(p)) for p in range(r.players)):
        chosen = _option_label(decision, option)
        changed = player in r.votes_at(AGAIN)
        cards.append(escape(_("ui.reconsider.changed_to" if changed else "ui.reconsider.now", choice=chosen)))
    player_cards(scene, page, _("ui.reconsider.who"), cards, act=lambda player: scene.show(changer=player))
    moves = _moved_players(scene) and explore.hidden_vote(scene)  # first the cards that moved, then on
    scene.footer(page, [(done[0], lambda: scene.show(moves_shown=True, items_page=0)) if moves else done])


def choose(scene: "RoundScene", option: str) -> None:
    """A number key is the new vote of the player changing their mind; once settled, it opens an option."""
    if scene.view.changer is not None:
        _change(scene, scene.view.changer, option)
    elif scene.view.changes_done:
        explore.choose(scene, option)


def _option_label(decision: Decision, option: str | None) -> str:
    if option is None:
        return _("ui.reconsider.no_choice")
    number = decision.option_ids().index(option) + 1
    return f"{number}. {decision.option(option).text}"


def _moved_players(scene: "RoundScene") -> list[int]:
    first = scene.round.votes_at(FIRST)
    return [player for player, option in scene.round.votes_at(AGAIN).items() if first.get(player, "") != option]


def _change(scene: "RoundScene", player: int, option: str | None) -> None:
    scene.view.changer = None
    scene.send(CastVote(player, option))
