"""A decision point: read it, then each player votes in turn behind a covered screen (or one player taps every
choice in when the table votes aloud); a learner alone chooses and reads on."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import CastVote, ExploreOption
from game.engine.state import AGAIN, FIRST
from game.i18n import _, n_
from game.scenario.model import Decision
from game.ui.cards import player_name
from game.ui.page import Box, Page, escape
from game.ui.pictures import case_image
from game.ui.scenes.round.parts import cover, option_cards

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


def build(scene: "RoundScene", page: Page) -> None:
    decision = scene.decision()
    if not scene.view.decision_read:
        decision_text(scene, page, decision)
        scene.footer(page, [(_("ui.vote.show_now"), scene.advance),
                            (_("ui.vote.start"), lambda: scene.show(decision_read=True))])
        return
    _turn_vote(scene, page, decision, [(_("ui.vote.show_now"), scene.advance)])


def choose(scene: "RoundScene", option: str) -> None:
    """A number key votes for the player at the screen, once the decision is read and the screen uncovered."""
    view, voter = scene.view, next_voter(scene)
    if view.decision_read and (scene.state.open_vote or not view.covered) and voter is not None:
        _vote(scene, voter, option)


def _stage(scene: "RoundScene") -> str:
    """Which vote is cast: the first, or (reconsidering) the second."""
    return FIRST if scene.round.phase == "vote" else AGAIN


def next_voter(scene: "RoundScene") -> int | None:
    """The next player to vote on the shared screen; players with a phone vote there."""
    r = scene.round
    voted = r.votes_at(_stage(scene))
    return next(iter(scene.here(p for p in range(r.players) if p not in voted)), None)


def decision_text(scene: "RoundScene", page: Page, decision: Decision) -> None:
    """The decision point to read before the choice, with its picture beside it when it has one."""
    markup = f"<b>{escape(decision.title)}</b><br><br>{escape(decision.text)}<br><br>" \
             f"<b>{escape(_question(decision))}</b>"
    scene.read(page, markup,
               picture=case_image(scene.app.library, scene.case, decision.image) if decision.image else None)


def _question(decision: Decision) -> str:
    return decision.question or _("ui.vote.default_question")


def _turn_vote(scene: "RoundScene", page: Page, decision: Decision, extra: list) -> None:
    """The hidden vote: the screen passes to each player in turn. Voting aloud, one player taps
    every choice in and nothing is covered."""
    player = next_voter(scene)
    if player is None:
        scene.wait_for_phones(page, extra)
        return
    if scene.view.covered and not scene.state.open_vote:
        cover(scene, page, player, extra)
        return
    options = scene.stored.session.available_options()
    # just uncovered: the focus waits on the first option unseen, so an Enter pressed twice to uncover the screen
    # shows the ring there and chooses nothing the player has not seen
    page.focus_shown_first = not scene.state.open_vote
    choosing = "ui.vote.choosing_aloud" if scene.state.open_vote else "ui.vote.choosing_keys"
    choice(scene, page, decision, n_(choosing, len(options), name=player_name(scene.state, player)),
           lambda o: _vote(scene, player, o), [(_("ui.vote.pass"), lambda: _vote(scene, player, None))]
           + (extra if scene.state.open_vote else []))


def choice(scene: "RoundScene", page: Page, decision: Decision, heading: str, act, actions: list) -> None:
    """One player's choice: who chooses, the question, the options; ``act(option)`` when one is tapped."""
    rest = page.paragraph(escape(heading), page.content)  # a long name wraps, never cut
    rest = _question_line(page, decision, rest)
    option_cards(scene, page, rest, decision, scene.stored.session.available_options(), act, {})
    scene.footer(page, actions, primary_last=False)


def _question_line(page: Page, decision: Decision, box: Box) -> Box:
    """The decision's question along the top of ``box``; returns the room below it."""
    return page.paragraph(f"<b>{escape(_question(decision))}</b>", box, "@question")


def _vote(scene: "RoundScene", player: int, option: str | None) -> None:
    scene.view.covered = True
    scene.send(CastVote(player, option))


def own_choice(scene: "RoundScene", page: Page) -> None:
    """Alone: first the decision point to read, then its options; nobody needs to look away."""
    decision = scene.decision()
    if not scene.view.decision_read:
        decision_text(scene, page, decision)
        scene.footer(page, [(_("solo.screen.to_options"), lambda: scene.show(decision_read=True))])
        return
    rest = _question_line(page, decision, page.content)
    option_cards(scene, page, rest, decision, scene.stored.session.available_options(),
                 lambda option: choose_own(scene, option), {})
    scene.footer(page, [(_("solo.screen.reread"), lambda: scene.show(decision_read=False))], primary_last=False)


def choose_own(scene: "RoundScene", option: str) -> None:
    """The first option read at a decision point is the learner's choice there, then its consequences."""
    if scene.send(CastVote(0, option)):
        scene.send(ExploreOption(option))
