"""The second phase: each player picks the value cards that matter from their role, aloud at the table or in
turn behind a covered screen; a learner alone picks their own."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import FinishSharing, PickValues
from game.i18n import _
from game.ui.cards import player_name, role_card, value_names
from game.ui.page import Page, escape
from game.ui.scenes.round.parts import cover, own_role, player_cards, toggled, value_grid

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


def build(scene: "RoundScene", page: Page) -> None:
    """Values picked aloud at the table by default: a player taps their name, then their cards. A table
    that wants it private picks them in turn, the screen covered while it passes on."""
    if not scene.state.hidden_values:
        _aloud(scene, page)
        return
    player = sharing_here(scene)  # in the log: after a crash the same player's pick is open again
    if player is None and scene.round.sharing() is not None:
        scene.wait_for_phones(page, [(_("ui.share.next"), scene.advance)])
        return
    if player is None:
        _overview(scene, page)
        return
    if scene.view.covered:
        cover(scene, page, player, [], step="share")
        return
    last = player == scene.round.players - 1
    _value_pick(scene, page, player, (_("ui.share.done_last") if last else _("ui.share.done"),
                                      lambda: _pass_on(scene, player)))


def sharing_here(scene: "RoundScene") -> int | None:
    """The player whose private value pick is open on the shared screen (phones pick theirs meanwhile)."""
    r = scene.round
    return next(iter(scene.here(p for p in range(r.players) if p not in r.shared)), None)


def _value_pick(scene: "RoundScene", page: Page, player: int, done: tuple) -> None:
    role = role_card(scene.app.library, scene.round.roles[player], scene.lang).name
    ask = _("ui.share.ask", name=player_name(scene.state, player), role=role)
    rest = page.paragraph(escape(ask), page.content) if page.measure(ask, "body") > \
        page.content.w else page.line(ask, page.content)[1]  # a long name and role wrap, never cut
    chosen = scene.round.values[player]
    value_grid(scene, page, rest, chosen, lambda value: _toggle_value(scene, player, value))
    scene.footer(page, [done])


def _aloud(scene: "RoundScene", page: Page) -> None:
    player = scene.view.showing if scene.view.showing is not None else picking_aloud(scene)
    if player is not None:
        _value_pick(scene, page, player, (_("ui.share.done_aloud"), lambda: _done_aloud(scene, player)))
        return
    cards = [escape(value_names(scene.app.library, scene.case, values, scene.lang)) if values
             else escape(_("ui.share.tap_name")) for values in scene.round.values]
    player_cards(scene, page, _("ui.share.aloud"), cards, act=lambda player: scene.show(showing=player, info=""))
    scene.footer(page, [(_("ui.share.next"), scene.advance)])


def picking_aloud(scene: "RoundScene") -> int | None:
    """The player whose pick was left open (after a crash: picked cards, but 'Klaar' not pressed yet)."""
    r = scene.round
    return next((p for p in range(r.players) if r.values[p] and p not in r.shared), None)


def _done_aloud(scene: "RoundScene", player: int) -> None:
    """'Klaar' goes into the log, so that a resumed round knows this pick was closed."""
    scene.view.showing = None
    scene.view.info = ""
    scene.send(FinishSharing(player))


def _toggle_value(scene: "RoundScene", player: int, value: str) -> None:
    scene.send(PickValues(player, toggled(scene, scene.round.values[player], value)))


def _pass_on(scene: "RoundScene", player: int) -> None:
    scene.view.info = ""
    scene.view.covered = True
    scene.send(FinishSharing(player))


def _overview(scene: "RoundScene", page: Page) -> None:
    cards = [escape(value_names(scene.app.library, scene.case, values, scene.lang)) for values in scene.round.values]
    player_cards(scene, page, _("ui.share.together"), cards)
    scene.footer(page, [(_("ui.share.next"), scene.advance)])


def own_values(scene: "RoundScene", page: Page) -> None:
    """Alone: the learner's own value cards, then on to the first decision point."""
    _label, rest = page.line(_("solo.screen.values_ask", role=own_role(scene)), page.content)
    value_grid(scene, page, rest, scene.round.values[0], lambda value: _toggle_value(scene, 0, value))
    scene.footer(page, [(_("solo.screen.values_done"), scene.advance)])
