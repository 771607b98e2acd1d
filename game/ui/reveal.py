"""The reveal: after a hidden vote every player's card turns over at once, grouped by the option chosen.

A card per player in the colour of their role's corner of the collaboration triangle (resident,
family, team), with a badge of that corner, the name in large type (readable from two metres)
and the role under it. After the second vote a card that moved says from which option. The
round shows it after each hidden vote; the plenary shows the same picture, a page per table and
decision. ``reveal_of`` says what lies where, ``build_reveal`` lays it out on a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import pygame

from game.i18n import _
from game.report.figures import NOT_VOTED, Selection, select
from game.report.plenary import Plenary
from game.scenario.loader import Library
from game.scenario.model import Decision
from game.ui.cards import role_card
from game.ui.pictures import icon, role_icon
from game.ui.page import Page, escape
from game.ui.theme import BODY, HEADING, Palette

GAP = 16
BAND_H = 36           # the coloured strip on top of a card, with the corner's badge
LABEL_LINE = 1.4      # a label's line is this many times its font size high (Noto Sans)
BOX_LINE = 1.72       # a line in a text box, with its spacing (measured: 2 lines of 34 px need 116 px)
BOX_PADDING = 12
PADDING = 10
NAME_GAP = 2         # between a card's name and its role: the two never touch after rounding to pixels
EMPTY_COLUMN = 0.6    # an option nobody chose takes a narrower column: its heading and "nobody"
HEAD_LINES = 2        # an option's text over its pile: at most two lines, the whole text is on the next screen


@dataclass(frozen=True)
class Seat:
    """One player's card: who sat there (a name, or the role on an anonymous page), the role and its corner,
    and after the second vote the number of the option this player left (None: kept their vote)."""

    who: str
    role: str
    corner: str | None
    moved_from: str | None = None
    role_id: str | None = None


@dataclass(frozen=True)
class Pile:
    heading: str
    seats: tuple[Seat, ...]


@dataclass(frozen=True)
class Reveal:
    """The turned-over votes of one decision: a pile per option (also an empty one), then passes and
    players who had not voted when the votes were shown."""

    piles: tuple[Pile, ...]

    @property
    def moved(self) -> tuple[Seat, ...]:
        return tuple(seat for pile in self.piles for seat in pile.seats if seat.moved_from)


def reveal_of(library: Library, lang: str, decision: Decision, options: Sequence[str],
              seats: Sequence[tuple[str, str | None]], first: Mapping[int, str | None],
              final: Mapping[int, str | None] | None = None) -> Reveal:
    """The piles of a decision: ``seats`` are (who, role id) per player, ``first`` the first vote of each and
    ``final`` (after the second vote) where they ended; a player missing from a vote had not voted."""
    numbers = {option: str(index + 1) for index, option in enumerate(decision.option_ids())}
    ended = final if final is not None else first
    chosen = {player: ended.get(player, NOT_VOTED) for player in range(len(seats))}
    shown = [option for option in decision.option_ids() if option in options or option in chosen.values()]
    piles = []
    for pile in shown + [None, NOT_VOTED]:
        players = [player for player, choice in chosen.items() if choice == pile]
        if pile in (None, NOT_VOTED) and not players:
            continue
        cards = tuple(_seat(library, lang, *seats[player], numbers,
                            first.get(player, NOT_VOTED) if final is not None else pile, pile)
                      for player in players)
        piles.append(Pile(_heading(decision, numbers, pile), cards))
    return Reveal(tuple(piles))


def _seat(library: Library, lang: str, who: str, role: str | None, numbers: dict[str, str],
          was: str | None, now: str | None) -> Seat:
    card = role_card(library, role, lang) if role else None
    deck_card = library.decks.roles.get(role) if role else None
    moved = None
    if was != now:
        moved = numbers.get(was) or _("ui.reveal.passed" if was is None else "ui.reveal.not_voted")
    return Seat(who, card.name if card and card.name != who else "", deck_card.corner if deck_card else None, moved,
                role)


def _heading(decision: Decision, numbers: dict[str, str], pile: str | None) -> str:
    if pile is None:
        return _("ui.reveal.passed")
    if pile == NOT_VOTED:
        return _("ui.reveal.not_voted")
    option = decision.option(pile)
    return f"{numbers[pile]}. {option.label or option.text}"


@dataclass(frozen=True)
class TableVotes:
    """A page of the plenary: one table's turned-over votes at one decision, as the table saw them."""

    title: str
    context: str
    reveal: Reveal


def table_votes(plenary: Plenary, selection: Selection) -> list[TableVotes]:
    """A page per table round and decision it voted on (in the filter), in the order the tables played; the
    cards carry the roles, never the players' names (the plenary is anonymous)."""
    pages = []
    labels, lang = plenary.labels, plenary.lang
    for r in select(plenary.rounds, selection):
        case = plenary.cases.get(r.case)
        for visit in r.visits:
            decision = case.decisions.get(visit.node) if case else None
            if decision is None:
                continue
            seats = [(labels.role(role), role) for role in r.roles]
            first = {player: option for player, option in enumerate(visit.first) if option != NOT_VOTED}
            final = {player: option for player, option in enumerate(visit.final) if option != NOT_VOTED} \
                if visit.revoted else None
            title = _("plenary.screen.votes_title", lang, table=_("report.table", lang, table=r.table),
                      round=r.round, decision=decision.title)
            reveal = reveal_of(plenary.library, lang, decision, (), seats, first, final)
            pages.append(TableVotes(title, labels.case(r.case), reveal))
    return pages


# laying it out ---------------------------------------------------------------------------------------------
def build_reveal(page: Page, reveal: Reveal, colours: Palette, x: float, y: float, w: float, h: float
                 ) -> list[pygame.Rect]:
    """The piles side by side in (x, y, w, h) units, a pile with many cards in more than one column; the
    cards' places in pixels (to turn them over)."""
    grow = page.app.settings.text_scale
    counts = [len(pile.seats) for pile in reveal.piles]
    head_h = _box_height(HEAD_LINES, grow)
    columns, card_w, card_h, rows = _arrange(page, reveal, counts, w, h - head_h - GAP, grow)
    areas = []
    left = x
    for pile, wide in zip(reveal.piles, columns):
        pile_w = wide * card_w + max(0, math.ceil(wide) - 1) * GAP
        heading = _within_lines(page, pile.heading, pile_w - 2 * BOX_PADDING, HEAD_LINES)
        page.text(f"<b>{escape(heading)}</b>", left, y, pile_w, head_h)
        top = y + head_h + GAP
        if not pile.seats:
            nobody = _("ui.reveal.nobody")  # as wide as the word needs, where a pile is narrower than it
            page.label(nobody, left, top + BODY * LABEL_LINE * (grow - 1) / 2,
                       max(pile_w, page.measure(nobody, "small")), BODY * LABEL_LINE, "@muted")
        for index, seat in enumerate(pile.seats):
            cx = left + (index // rows) * (card_w + GAP)
            cy = top + (index % rows) * (card_h + GAP)
            areas.append(_card(page, seat, colours, cx, cy, card_w, card_h, grow))
        left += pile_w + GAP
    return areas


def _arrange(page: Page, reveal: Reveal, counts: list[int], w: float, h: float, grow: float
             ) -> tuple[list[float], float, float, int]:
    """Columns per pile, a card's width and height, and the most cards in a column: the widest cards whose
    piles stand whole in the height (a pile of many cards spreads over more columns, so seven players fit)."""
    for rows in range(max(counts, default=1) or 1, 0, -1):
        columns = [math.ceil(count / rows) if count else EMPTY_COLUMN for count in counts]
        total = sum(columns)
        card_w = (w - GAP * (math.ceil(total) - 1)) / total
        card_h = max((_card_height(page, seat, card_w, grow) for pile in reveal.piles for seat in pile.seats),
                     default=BAND_H)
        if rows * (card_h + GAP) - GAP <= h:
            break
    return columns, card_w, card_h, rows


def _card_height(page: Page, seat: Seat, width: float, grow: float) -> float:
    """The height a card needs: the band, the name in large type (or wrapped in body type when it is longer
    than a line), the role and the line saying where a player came from."""
    text_w = width - 2 * PADDING - 8
    name = HEADING * LABEL_LINE * grow if _name_fits(page, seat.who, text_w) else 0
    lines = _lines_below(page, seat, text_w)
    return BAND_H + name + (_box_height(lines, grow) if lines else 0) + PADDING


def _name_fits(page: Page, who: str, width: float) -> bool:
    return page.measure(who, "heading", bold=True) <= width


def _lines_below(page: Page, seat: Seat, width: float) -> int:
    """The lines of body text on a card: the name when it does not fit in large type, the role, where from."""
    lines = 0 if _name_fits(page, seat.who, width) else _lines_needed(page, seat.who, width, bold=True)
    lines += _lines_needed(page, seat.role, width) if seat.role else 0
    return lines + (1 if seat.moved_from else 0)


def _box_height(lines: int, grow: float) -> float:
    """The height of a text box that shows ``lines`` lines of body text whole."""
    return lines * BODY * BOX_LINE * grow + BOX_PADDING


def _lines_needed(page: Page, text: str, width: float, bold: bool = False) -> int:
    """How many lines of body text ``text`` takes in ``width`` units, broken between words (and within a word
    longer than a line, as the text box does)."""
    count, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and page.measure(trial, "body", bold) > width:
            count, line = count + 1, word
        else:
            line = trial
        count += max(0, math.ceil(page.measure(word, "body", bold) / width) - 1)
    return count


def _within_lines(page: Page, text: str, width: float, most: int) -> str:
    """``text`` whole when it takes at most ``most`` lines of bold body text, else its first words and '…'."""
    words = text.split()
    shown = text
    while len(words) > 1 and _lines_needed(page, shown, width, True) > most:
        words.pop()
        shown = " ".join(words) + "…"
    return shown



def _card(page: Page, seat: Seat, colours: Palette, x: float, y: float, w: float, h: float,
          grow: float) -> pygame.Rect:
    """One card: drawn under its text (face, border, the corner's band and badge), then the name and role."""
    rect = page.rect(x, y, w, h)
    band = page.rect(x, y, w, BAND_H)
    line = max(2, round(3 * page.scale))
    corner = getattr(colours, seat.corner) if seat.corner else colours.card_border

    def paint(surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, colours.card, rect)
        surface.fill(corner, band)
        paint_role_badge(surface, band, seat, colours)
        if seat.moved_from:  # a thick dark frame: it moved (the text says from where)
            pygame.draw.rect(surface, colours.text, rect, line * 3)
        else:
            pygame.draw.rect(surface, corner, rect, line)

    page.decorate(paint)
    top, text_w = y + BAND_H, w - 2 * PADDING - 8
    below = []
    if _name_fits(page, seat.who, text_w):
        page.label(seat.who, x + PADDING, top + HEADING * LABEL_LINE * (grow - 1) / 2, w - 2 * PADDING,
                   HEADING * LABEL_LINE, "@heading")
        top += HEADING * LABEL_LINE * grow + NAME_GAP
    else:
        below.append(f"<b>{escape(seat.who)}</b>")
    if seat.role:
        below.append(escape(seat.role))
    if seat.moved_from:
        below.append(f"<b>{escape(_('ui.reveal.moved_from', option=seat.moved_from))}</b>")
    if below:
        page.text("<br>".join(below), x + PADDING - 6, top, w - 2 * PADDING + 12, y + h - top)
    return rect


def paint_role_badge(surface: pygame.Surface, band: pygame.Rect, seat: Seat, colours: Palette) -> None:
    """The badge of a role at the left of its card's band: the corner's shape, a circle for the resident, a square
    for the family, a triangle for the team (shape as well as colour, for colour-blind eyes), and the role's icon."""
    corner = seat.corner
    size = round(band.height * 0.6)
    box = pygame.Rect(band.left + (band.height - size) // 2, band.top + (band.height - size) // 2, size, size)
    ink = colours.card
    if corner == "resident":
        pygame.draw.circle(surface, ink, box.center, size // 2)
    elif corner == "family":
        pygame.draw.rect(surface, ink, box.inflate(-size // 8, -size // 8))
    elif corner == "team":
        pygame.draw.polygon(surface, ink, [box.midtop, box.bottomright, box.bottomleft])
    if seat.role_id:
        surface.blit(icon(role_icon(seat.role_id), size, ink), (box.right + size // 3, box.top))
