"""After the vote: the hidden votes turned over together, then the options to open, each with its consequences for
the resident, the family and the team."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine import Continue, ExploreOption, GoBack
from game.engine.state import AGAIN, FIRST
from game.i18n import _, n_
from game.scenario.model import Decision
from game.ui.cards import player_name, role_card, value_names
from game.ui.page import BUTTON_H, GAP, PARAGRAPH, Box, Page, escape
from game.ui.pictures import CORNER_ICONS, icon_tag
from game.ui.reveal import build_reveal, reveal_of, whole_pages
from game.ui.scenes.round.parts import option_cards
from game.ui.theme import palette

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene

CORNERS = ("resident", "family", "team")


def build(scene: "RoundScene", page: Page) -> None:
    decision = scene.decision()
    if reveal_due(scene):
        reveal(scene, page, FIRST, [(_("ui.reveal.to_options"), lambda: scene.show(reveal_seen=True, items_page=0))])
        return
    if scene.round.viewing:
        _consequences(scene, page, decision, scene.round.viewing)
        return
    _label, rest = page.line(decision.title, page.content, "@strong")
    options = scene.stored.session.available_options()
    line = _votes_line if scene.mode.at_table else _own_choice_line
    notes = {option: line(scene, option) for option in options}
    read = bool(scene.round.explored_here())
    waiting = scene.round.phase == "explore" and scene.mode.at_table and not read
    hints = [_("ui.explore.open_one", most=len(options))] if waiting else []
    if scene.mode.at_table and scene.state.plan == "lang":
        hints.append(_follow_rule(scene, decision))
    if hints:
        rest = page.paragraph(escape(" ".join(hints)), rest, "@muted_text")
    option_cards(scene, page, rest, decision, options, lambda o: scene.send(ExploreOption(o)), notes)
    actions = []
    if scene.round.phase == "explore" and scene.mode.at_table:
        actions.append((_("ui.explore.reconsider"), scene.advance if read else None))
    if waiting or not actions:  # the way on waits for a read option, or goes through one: focus on the first
        page.main = f"option:{options[0]}"
    scene.footer(page, actions)


def choose(scene: "RoundScene", option: str) -> None:
    """A number key opens the option's consequences (from the list of options, not over another one)."""
    if scene.round.viewing is None:
        scene.send(ExploreOption(option))


def _follow_rule(scene: "RoundScene", decision: Decision) -> str:
    """No unanimity asked: to read on, the table follows the most votes; in a tie the table chooses."""
    numbers = [str(decision.option_ids().index(option) + 1) for option in _followable(scene)]
    return _("ui.explore.no_unanimity", options=" / ".join(numbers))


def _followable(scene: "RoundScene") -> tuple[str, ...]:
    """The options the table may follow: those with the most votes as they stand (any, when nobody chose)."""
    if scene.state.mode != "table":
        return scene.stored.session.available_options()
    return scene.round.most_voted() or scene.stored.session.available_options()


def _votes_line(scene: "RoundScene", option: str) -> str:
    """Under an option at the table: who voted for it (first and second vote, once shown), and whether it was read."""
    r = scene.round
    parts = []
    for stage in (FIRST, AGAIN):
        if not r.is_revealed(stage):
            continue
        voters = [p for p, choice in r.votes_at(stage).items() if choice == option]
        roles = ", ".join(role_card(scene.app.library, r.roles[p], scene.lang).name for p in voters)
        parts.append(n_(f"ui.explore.votes_{stage}", len(voters), roles=roles) if voters
                     else _(f"ui.explore.no_votes_{stage}"))
    if option in r.explored_here():
        parts.append(_("ui.explore.read"))
    return " · ".join(parts)


def _own_choice_line(scene: "RoundScene", option: str) -> str:
    """Under an option alone: whether it was the learner's first choice, and whether it was read."""
    parts = [_("solo.screen.first_choice")] if scene.round.votes_at(FIRST).get(0) == option else []
    if option in scene.round.explored_here():
        parts.append(_("ui.explore.read"))
    return " · ".join(parts)


# the reveal: every card turned over at once ----------------------------------------------------------------
def hidden_vote(scene: "RoundScene") -> bool:
    """Only a table's hidden vote is turned over; a learner alone and a table voting aloud saw every vote."""
    return scene.mode.at_table and scene.state.mode == "table" and not scene.state.open_vote


def reveal_due(scene: "RoundScene") -> bool:
    """Right after a hidden vote, before the table opens an option; shown early, those who did not vote
    stand together as 'niet gestemd' (with nobody voted: all of them)."""
    r = scene.round
    return hidden_vote(scene) and not scene.view.reveal_seen and r.viewing is None and not r.explored_here()


def reveal(scene: "RoundScene", page: Page, stage: str, actions: list) -> None:
    """The votes of this decision as cards per option; after the second vote, those who moved are marked."""
    r = scene.round
    seats = [(player_name(scene.state, p), r.roles[p]) for p in range(r.players)]
    shown = reveal_of(scene.app.library, scene.lang, scene.decision(), scene.stored.session.available_options(),
                      seats, r.votes_at(FIRST), r.votes_now() if stage == AGAIN else None)
    colours = palette(scene.app.settings.high_contrast)
    box = page.content
    parts = whole_pages(page, shown, box.w, box.h)
    if len(parts) > 1:  # every option's text whole: the cards over pages, turned with buttons under them
        box, row = box.above(BUTTON_H, gap=GAP / 2)
        parts = whole_pages(page, shown, box.w, box.h)
        page.turn_buttons(row, len(parts), scene.view.items_page, lambda index: scene.show(items_page=index),
                          read_on=True)
    part = parts[min(scene.view.items_page, len(parts) - 1)]
    areas = build_reveal(page, part, colours, box.x, box.y, box.w, box.h)
    scene.footer(page, actions)
    scene.turn_over((r.number, r.step, stage), areas, colours.primary)


# the consequences: the collaboration triangle ---------------------------------------------------------------
def _consequences(scene: "RoundScene", page: Page, decision: Decision, option_id: str) -> None:
    """The option's consequences as the collaboration triangle: the resident on top, family and team below,
    which values it puts first beside it. When the texts need more room than the triangle gives (a small
    screen, a large text size), the three corners stand side by side under the values."""
    option = decision.option(option_id)
    number = decision.option_ids().index(option_id) + 1
    rest = page.paragraph(f"<b>{number}. {escape(option.text)}</b>", page.content)
    texts = {"resident": option.consequences.resident, "family": option.consequences.family,
             "team": option.consequences.team}
    colours = palette(scene.app.settings.high_contrast)
    markups = {corner: f"{icon_tag(scene.app, CORNER_ICONS[corner], getattr(colours, corner), lines=2)}"
                       f"<b>{escape(_(f'ui.corner.{corner}'))}</b><br>{escape(text)}"
               for corner, text in texts.items()}
    values = _values_note(scene, option)
    boxes = _triangle(rest)
    if not all(page.fits(markups[c], boxes[c], f"@corner_{c}") for c in markups) or \
            (values and not page.fits(values, boxes["values"], "@muted_text")):
        boxes = _side_by_side(page, rest, values)
        if not all(page.fits(markups[c], boxes[c], f"@corner_{c}") for c in markups):
            _corners_in_turn(scene, page, rest, markups, values)
            return scene.footer(page, _consequence_actions(scene, option_id))
    else:
        centres = [page.rect(b.x + b.w / 2, b.y + b.h / 2, 0, 0).topleft
                   for b in (boxes["resident"], boxes["family"], boxes["team"])]
        page.decorate(lambda surface: _paint_triangle(scene, surface, centres))
    for corner, markup in markups.items():
        box = boxes[corner]
        page.text(markup, box.x, box.y, box.w, box.h, f"@corner_{corner}")
    if values:
        box = boxes["values"]
        page.text(values, box.x, box.y, box.w, box.h, "@muted_text")
    scene.footer(page, _consequence_actions(scene, option_id))


def _consequence_actions(scene: "RoundScene", option_id: str) -> list:
    actions = [(_("ui.explore.back"), lambda: scene.send(GoBack()))]
    if scene.state.plan == "lang" and option_id in _followable(scene):
        actions.append((_("ui.explore.follow"), lambda: scene.send(Continue(option_id))))
    return actions


def _corners_in_turn(scene: "RoundScene", page: Page, box: Box, markups: dict[str, str], values: str) -> None:
    """The corners one under the other, in their colours, on as many pages as they need."""
    items = list(markups.items()) + ([("values", values)] if values else [])
    cells = scene.card_cells(page, box, [markup for _corner, markup in items], 1, most=box.h,
                             style="@corner_resident")
    for index, cell in cells:
        corner, markup = items[index]
        page.text(markup, cell.x, cell.y, cell.w, cell.h,
                  "@muted_text" if corner == "values" else f"@corner_{corner}")


def _triangle(box: Box) -> dict[str, Box]:
    top, bottom = box.rows(2, gap=24)
    width = min(900, (box.w - 40) / 2)
    family, rest = bottom.left(width)
    _gap, team = rest.right_part(width)
    resident = top.centred(width, top.h)
    _left, values = top.left(resident.right - top.x + 30, gap=0)
    return {"resident": resident, "family": family, "team": team, "values": values}


def _side_by_side(page: Page, box: Box, values: str) -> dict[str, Box]:
    boxes = {}
    if values:
        boxes["values"], box = box.top(page.text_height(values, box.w, "@muted_text"), gap=GAP / 2)
    boxes.update(zip(CORNERS, box.columns(3)))
    return boxes


def _values_note(scene: "RoundScene", option) -> str:
    """Which values the option puts first and which come under pressure: words, never a score."""
    library, case, lang = scene.app.library, scene.case, scene.lang
    lines = []
    if option.favours:
        lines.append(_("ui.explore.favours", values=value_names(library, case, option.favours, lang)))
    if option.pressures:
        lines.append(_("ui.explore.pressures", values=value_names(library, case, option.pressures, lang)))
    return PARAGRAPH.join(escape(line) for line in lines)


def _paint_triangle(scene: "RoundScene", surface: pygame.Surface, centres: list) -> None:
    colour = palette(scene.app.settings.high_contrast).card_border
    pygame.draw.polygon(surface, colour, centres, max(2, round(4 * scene.app.scale)))
