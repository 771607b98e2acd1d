"""The first phase: the case read together, then the envelope from which each player draws a role card and reads
it alone; a learner alone reads the brief of their own role."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine import DrawRole
from game.i18n import _
from game.ui.cards import player_name, role_card
from game.ui.page import Page, escape, tension
from game.ui.phones import joined
from game.ui.pictures import case_image, icon_tag, role_icon
from game.ui.scenes.round.parts import own_role, player_cards
from game.ui.theme import palette

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


def build(scene: "RoundScene", page: Page) -> None:
    """The case first; then the envelope for each player at the screen; then everyone's card (phones draw their
    own meanwhile)."""
    r, v = scene.round, scene.view
    waiting = [p for p, role in enumerate(r.roles) if role is None]
    here = to_draw_here(scene)
    phones = joined(scene.app)
    if not v.intro_read and all(role is None for p, role in enumerate(r.roles) if p not in phones):
        case_text(scene, page, [(_("ui.draw.start"), lambda: scene.show(intro_read=True))])
    elif v.showing is not None:
        scene.footer(page, [(drawn_card(scene, page, v.showing), lambda: scene.show(showing=None))])
    elif here:
        _envelope(scene, page, here[0])
    elif waiting:
        scene.wait_for_phones(page, [])
    else:
        cards = [escape(role_card(scene.app.library, role, scene.lang).line) for role in r.roles]
        player_cards(scene, page, _("ui.draw.everyone"), cards)
        scene.footer(page, [(_("ui.draw.next"), scene.advance)])


def to_draw_here(scene: "RoundScene") -> list[int]:
    """The players who still draw their card on the shared screen."""
    return scene.here(p for p, role in enumerate(scene.round.roles) if role is None)


def case_text(scene: "RoundScene", page: Page, actions: list) -> None:
    """The case as the table first reads it: title, the dilemma, a content note, the story."""
    case = scene.case
    note = f"<i>{escape(case.content_note)}</i><br><br>" if case.content_note else ""
    markup = (f"<b>{escape(case.title)}</b><br><b>{escape(_('ui.case.dilemma'))}</b> "
              f"{escape(tension(case.tension))}<br><br>{note}{escape(case.intro_for(scene.state.plan))}")
    scene.read(page, markup, picture=case_image(scene.app.library, case))
    scene.footer(page, actions, case_button=False)


ENVELOPE = (900, 500)  # units, as large as the name on its front needs beyond that
FLAP = 0.45            # of the envelope's height, above its front


def _envelope(scene: "RoundScene", page: Page, player: int) -> None:
    markup = f"<b>{escape(player_name(scene.state, player))}</b><br>{escape(_('ui.draw.tap'))}"
    width = min(page.content.w, max(ENVELOPE[0], page.longest_word([markup], "@envelope") + 160))
    needed = page.text_height(markup, width - 80, "@envelope") + 12
    envelope = page.content.centred(width, max(ENVELOPE[1], needed / (1 - FLAP)))
    rect = page.rect(envelope.x, envelope.y, envelope.w, envelope.h)
    page.decorate(lambda surface: _paint_envelope(scene, surface, rect))
    _flap, front = envelope.top(envelope.h * FLAP, gap=0)
    front = front.centred(front.w - 80, front.h - 12)
    page.card(markup, front.x, front.y, front.w, front.h, lambda: _draw(scene, player), "@envelope")
    scene.footer(page, [(_("ui.draw.draw"), lambda: _draw(scene, player))])


def _paint_envelope(scene: "RoundScene", surface: pygame.Surface, rect: pygame.Rect) -> None:
    """An envelope: the body, and its flap folded down as a tinted triangle."""
    p = palette(scene.app.settings.high_contrast)
    line = max(3, round(5 * scene.app.scale))
    flap = [rect.topleft, (rect.centerx, rect.top + round(rect.height * FLAP)), rect.topright]
    pygame.draw.rect(surface, p.card, rect)
    pygame.draw.polygon(surface, p.button_hover, flap)
    pygame.draw.polygon(surface, p.border, flap, line)
    pygame.draw.rect(surface, p.border, rect, line)


def _draw(scene: "RoundScene", player: int) -> None:
    if scene.send(DrawRole(player)):
        scene.show(showing=player)
        page = scene.app.page
        area = page.content
        scene.app.turn_card(page.rect(area.x, area.y, area.w, area.h))


def drawn_card(scene: "RoundScene", page: Page, player: int) -> str:
    """The card ``player`` drew, to read alone; returns what its button says (pass the screen on, or all read)."""
    card = role_card(scene.app.library, scene.round.roles[player], scene.lang)
    heading = _("ui.draw.you_are", name=player_name(scene.state, player), role=card.name)
    scene.read(page, role_markup(scene, scene.round.roles[player], heading))
    waiting = to_draw_here(scene)
    return _("ui.draw.pass_to", name=player_name(scene.state, waiting[0])) if waiting else _("ui.draw.all_read")


def role_markup(scene: "RoundScene", role: str, heading: str) -> str:
    """A role card as the player reads it: the heading, the card's line, and the case's brief."""
    card = role_card(scene.app.library, role, scene.lang)
    brief = scene.case.roles.get(role)
    icon = icon_tag(scene.app, role_icon(role), palette(scene.app.settings.high_contrast).text, lines=2)
    parts = [f"{icon}<b>{escape(heading)}</b><br><i>{escape(card.line)}</i>"]
    if brief:
        for key, text in (("knows", brief.knows), ("wants", brief.wants), ("fears", brief.fears)):
            parts.append(f"<b>{escape(_(f'ui.brief.{key}'))}</b> {escape(text)}")
    return "<br><br>".join(parts)


def own_role_card(scene: "RoundScene", page: Page) -> None:
    """Alone: the brief of the learner's role, then on to the values."""
    heading = _("solo.screen.you_are", role=own_role(scene))
    scene.read(page, role_markup(scene, scene.round.roles[0], heading))
    scene.footer(page, [(_("solo.screen.to_values"), scene.advance)])
