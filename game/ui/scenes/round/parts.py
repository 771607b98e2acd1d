"""Pieces that several phases' screens are made of: a card per player, the option cards, the value cards, the
cover while the screen passes on, and a row of tabs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import _
from game.scenario.model import Decision
from game.ui.cards import player_name, role_card, value_card, value_ids
from game.ui.page import GAP, Box, Page, escape
from game.ui.phones import progress_line

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene


def player_cards(scene: "RoundScene", page: Page, title: str, texts: list[str], act=None) -> None:
    """One card per player (name and role on top), in two columns: what the whole table sees;
    with ``act``, tapping a card does ``act(player)``."""
    _label, box = page.line(title, page.content, "@strong")
    markups = []
    for p, text in enumerate(texts):
        role = role_card(scene.app.library, scene.round.roles[p], scene.lang).name
        markups.append(f"<b>{escape(player_name(scene.state, p))} · {escape(role)}</b><br>{text}")
    cells = scene.card_cells(page, box, markups, columns=2, most=200)
    for p, cell in cells:
        if act:
            page.card(markups[p], cell.x, cell.y, cell.w, cell.h, lambda p=p: act(p))
        else:
            page.text(markups[p], cell.x, cell.y, cell.w, cell.h, "@card")


def option_cards(scene: "RoundScene", page: Page, box: Box, decision: Decision, options: tuple[str, ...], act,
                 notes: dict[str, str]) -> None:
    """The options as numbered cards (two columns for four)."""
    markups = []
    for index, option_id in enumerate(options):
        text = decision.option(option_id).text
        extra = f"<br><i>{escape(notes[option_id])}</i>" if notes.get(option_id) else ""
        markups.append(f"<b>{index + 1}.</b> {escape(text)}{extra}")
    columns = 2 if len(options) == 4 else 1
    for index, cell in scene.card_cells(page, box, markups, columns, most=230, gap=16):
        option_id = options[index]
        page.card(markups[index], cell.x, cell.y, cell.w, cell.h, lambda o=option_id: act(o),
                  key=f"option:{option_id}")


def value_grid(scene: "RoundScene", page: Page, box: Box, chosen: tuple[str, ...], toggle) -> None:
    """All value cards at once; below them what the last tapped card means, or why a tap was refused.

    The grid keeps its size when a refusal is shown (the notice's room is kept free for the line below
    the cards), so the cards never jump under a finger.
    """
    library, case = scene.app.library, scene.case
    values = value_ids(library, case)
    columns = 4 if len(values) <= 20 else 5
    info = escape(scene.view.info or _("ui.values.hint", max=5))
    info_h = max(page.notice_height(), page.text_height(info, box.w, "@muted_text"))
    grid, line = box.top(box.h - info_h - GAP / 2, gap=GAP / 2) if not scene.app.notice else (box, None)
    cards = []
    for value in values:
        name = value_card(library, case, value, scene.lang).name
        picked = value in chosen
        cards.append((value, f"<b>{escape(_('ui.chosen', text=name))}</b>" if picked else escape(name), picked))
    markups = [markup for _value, markup, _picked in cards]
    for index, cell in scene.card_cells(page, grid, markups, columns, most=120, gap=14, style="@value"):
        value, markup, picked = cards[index]
        page.card(markup, cell.x, cell.y, cell.w, cell.h, lambda v=value: toggle(v),
                  "@value_selected" if picked else "@value", key=f"value:{value}")
    if line is not None:
        page.text(info, line.x, line.y, line.w, line.h, "@muted_text")


def toggled(scene: "RoundScene", chosen: tuple[str, ...], value: str) -> tuple[str, ...]:
    """``chosen`` with ``value`` taken out or added; the line under the grid says what the card means."""
    card = value_card(scene.app.library, scene.case, value, scene.lang)
    scene.view.info = f"{card.name}: {card.line}"
    return tuple(v for v in chosen if v != value) if value in chosen else chosen + (value,)


def cover(scene: "RoundScene", page: Page, player: int, extra: list, step: str = "vote") -> None:
    """The screen passes to one player; the others look away (``step``: "vote", or "share" for values picked in
    private, which the cover names as values)."""
    name = player_name(scene.state, player)
    markup = f"<b>{escape(_('ui.vote.pass_to', name=name))}</b><br><br>{escape(_(f'ui.{step}.look_away'))}"
    if scene.app.phones:
        markup += f"<br><br>{escape(progress_line(scene.app))}"
    box = page.content.centred(page.content.w - 320, max(420, page.text_height(markup, page.content.w - 320,
                                                                                   "@cover")))

    def uncover() -> None:
        scene.show(covered=False)

    page.card(markup, box.x, box.y, box.w, box.h, uncover, "@cover")
    scene.footer(page, extra + [(_(f"ui.{step}.i_am", name=name), uncover)])


def tabs(page: Page, row: Box, tabs: list[tuple]) -> Box:
    """Toggle buttons ``(text, action, selected, key)`` from the left of ``row``; returns the room beside them."""
    for text, action, selected, key in tabs:
        tab, row = row.left(max(380, page.button_width(text)))
        page.button(text, tab.x, tab.y, tab.w, tab.h, action, "@toggle", selected=selected, key=key)
    return row


def own_role(scene: "RoundScene") -> str:
    """Alone: the name of the learner's role."""
    role = scene.round.roles[0]
    return role_card(scene.app.library, role, scene.lang).name if role else "-"
