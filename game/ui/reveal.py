"""The reveal: after a hidden vote every player's card turns over at once, grouped by the option chosen.

A card per player in the colour of their role's corner of the collaboration triangle (resident,
family, team), with a badge of that corner, the name in large type (readable from two metres)
and the role under it. After the second vote a card that moved says from which option. The
round shows it after each hidden vote; the plenary shows the same picture, a page per table and
decision. ``reveal_of`` says what lies where, ``build_reveal`` lays it out on a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
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
BAND_H = 48           # the coloured strip on top of a card, with the corner's badge and the role's icon (2 m)
LABEL_LINE = 1.4      # a label's line is this many times its font size high (Noto Sans)
BOX_LINE = 1.72       # a line in a text box, with its spacing (measured: 2 lines of 34 px need 116 px)
BOX_PADDING = 12
PADDING = 10
NAME_GAP = 2         # between a card's name and its role: the two never touch after rounding to pixels
ASIDE_SHARE = 0.22    # the column of the options nobody chose takes this share of the width
HEAD_LINES = 6        # an option's text over its pile: whole up to six lines where the cards leave room ...
FEWEST_HEAD_LINES = 2  # ... else its first words in at least two (the whole text is on the next screen)


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
    number: str = ""  # the option's number ("" for those who passed or did not vote)


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
        piles.append(Pile(_heading(decision, numbers, pile), cards, numbers.get(pile, "")))
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
@dataclass(frozen=True)
class Arrangement:
    """Where the piles go: the most cards in a column, a card's size, each chosen pile's width, the height of
    the option texts over the piles, and the width of the column naming the options nobody chose (units)."""

    rows: int
    card_w: float
    card_h: float
    widths: tuple[float, ...]
    head_lines: int
    aside_w: float
    grow: float
    below_h: float = 0  # the options nobody chose, whole under the piles (instead of a column beside them)
    legend: str = ""  # markup under the piles, only the options' numbers over them (their texts, or where they are)

    @property
    def head_h(self) -> float:
        return _box_height(self.head_lines, self.grow)

    def piles_height(self) -> float:
        return self.head_h + GAP + self.rows * (self.card_h + GAP) - GAP

    def height(self) -> float:
        return self.piles_height() + (GAP + self.below_h if self.below_h else 0)


@dataclass(frozen=True)
class Stacked:
    """The chosen piles one under the other, each with its option's text whole across the width above a row of
    its cards, the options nobody chose under them: for when piles side by side would cut an option's text short
    (few cards, long options, large type)."""

    columns: int
    card_w: float
    card_h: float
    heads: tuple[float, ...]   # the height of each pile's option text
    below_h: float

    def height(self) -> float:
        piles = sum(head + GAP + self.card_h + GAP for head in self.heads)
        return piles + (self.below_h + GAP if self.below_h else 0) - GAP


def build_reveal(page: Page, reveal: Reveal, colours: Palette, x: float, y: float, w: float, h: float
                 ) -> list[pygame.Rect]:
    """The chosen piles side by side in (x, y, w, h) units, a pile with many cards in more than one column, and
    at the right the options nobody chose; the cards' places in pixels (to turn them over)."""
    grow = page.app.settings.text_scale
    chosen = [pile for pile in reveal.piles if pile.seats]
    arranged = _arrange(page, reveal, w, h, grow)
    if isinstance(arranged, Stacked):
        return _build_stacked(page, reveal, arranged, colours, x, y, w, grow)
    areas = []
    left = x
    for pile, pile_w in zip(chosen, arranged.widths):
        heading = _within_lines(page, _short(pile) if arranged.legend else pile.heading, pile_w - 2 * BOX_PADDING,
                                arranged.head_lines)
        page.text(f"<b>{escape(heading)}</b>", left, y, pile_w, arranged.head_h)
        _pile_rule(page, colours, left, y + arranged.head_h + GAP / 2, pile_w)
        top = y + arranged.head_h + GAP
        for index, seat in enumerate(pile.seats):
            cx = left + (index // arranged.rows) * (arranged.card_w + GAP)
            cy = top + (index % arranged.rows) * (arranged.card_h + GAP)
            areas.append(_card(page, seat, colours, cx, cy, arranged.card_w, arranged.card_h, grow))
        left += pile_w + GAP
    if arranged.below_h:
        below = y + arranged.piles_height() + GAP
        page.text(arranged.legend or _aside_markup(page, reveal, w, lines=None), x, below, w, arranged.below_h)
    elif arranged.aside_w:
        _nobody_chose(page, reveal, x + w - arranged.aside_w, y, arranged.aside_w, h)
    return areas


def _pile_rule(page: Page, colours: Palette, x: float, y: float, w: float) -> None:
    """A line under an option's text as wide as its pile: which cards it heads, also where a pile has more than
    one column of cards."""
    rule = page.rect(x, y, w, 0)
    thick = max(2, round(4 * page.scale))
    page.decorate(lambda surface: pygame.draw.line(surface, colours.border, rule.topleft, rule.topright, thick))


def _build_stacked(page: Page, reveal: Reveal, arranged: Stacked, colours: Palette, x: float, y: float, w: float,
                   grow: float) -> list[pygame.Rect]:
    areas = []
    for pile, head in zip((pile for pile in reveal.piles if pile.seats), arranged.heads):
        page.text(f"<b>{escape(pile.heading)}</b>", x, y, w, head)
        y += head + GAP
        for index, seat in enumerate(pile.seats):
            cx = x + index * (arranged.card_w + GAP)
            areas.append(_card(page, seat, colours, cx, y, arranged.card_w, arranged.card_h, grow))
        y += arranged.card_h + GAP
    if arranged.below_h:
        page.text(_aside_markup(page, reveal, w, lines=None), x, y, w, arranged.below_h)
    return areas


def _stacked(page: Page, reveal: Reveal, w: float, grow: float) -> Stacked:
    """Piles one under the other: every card as wide as the most cards in a pile (at least three a row) allow."""
    chosen = [pile for pile in reveal.piles if pile.seats]
    columns = max(3, max(len(pile.seats) for pile in chosen))
    card_w = (w - GAP * (columns - 1)) / columns
    card_h = max(_card_height(page, seat, card_w, grow) for pile in chosen for seat in pile.seats)
    heads = tuple(page.text_height(f"<b>{escape(pile.heading)}</b>", w) for pile in chosen)
    unchosen = len(chosen) < len(reveal.piles)
    below_h = page.text_height(_aside_markup(page, reveal, w, lines=None), w) if unchosen else 0
    return Stacked(columns, card_w, card_h, heads, below_h)


def _with_legend(page: Page, reveal: Reveal, w: float, h: float, grow: float, legend: str) -> Arrangement:
    """The piles side by side under their options' numbers, ``legend`` under them."""
    legend_h = page.text_height(legend, w)
    short = [replace(pile, heading=_short(pile)) for pile in reveal.piles if pile.seats]
    return replace(_arrange_piles(page, short, w, h - legend_h - GAP, grow, aside_w=0), below_h=legend_h,
                   legend=legend)


def _short(pile: Pile) -> str:
    return _("ui.reveal.option_n", n=pile.number) if pile.number else pile.heading


def _legend_markup(reveal: Reveal) -> str:
    """The chosen options' texts, then 'Niemand koos' and the options nobody chose."""
    lines = [escape(pile.heading) for pile in reveal.piles if pile.seats and pile.number]
    unchosen = [escape(pile.heading) for pile in reveal.piles if not pile.seats]
    if unchosen:
        lines += [f"<b>{escape(_('ui.reveal.nobody'))}</b>", *unchosen]
    return "<br>".join(lines)


def _numbers_markup(reveal: Reveal) -> str:
    """Where the options' texts are (the next screen), and the numbers of the options nobody chose."""
    unchosen = [pile.number for pile in reveal.piles if not pile.seats and pile.number]
    nobody = f"<b>{escape(_('ui.reveal.nobody'))}:</b> {', '.join(unchosen)}. " if unchosen else ""
    return nobody + escape(_("ui.reveal.texts_next"))


def _nobody_chose(page: Page, reveal: Reveal, x: float, y: float, w: float, h: float) -> None:
    """The options nobody chose, under 'Niemand koos': whole where the column holds them, else each in as many
    of its words as it holds."""
    for lines in (None, *range(HEAD_LINES, 0, -1)):
        markup = _aside_markup(page, reveal, w, lines)
        if page.text_height(markup, w) <= h:
            break
    page.text(markup, x, y, w, h)


def _aside_markup(page: Page, reveal: Reveal, w: float, lines: int | None) -> str:
    """'Niemand koos' and the options nobody chose, each in at most ``lines`` lines (None: whole)."""
    options = [escape(pile.heading if lines is None else
                      _within_lines(page, pile.heading, w - 2 * BOX_PADDING, lines, bold=False))
               for pile in reveal.piles if not pile.seats]
    return f"<b>{escape(_('ui.reveal.nobody'))}</b><br>" + "<br>".join(options)


def reveal_fits(page: Page, reveal: Reveal, w: float, h: float) -> bool:
    """Whether the reveal stands whole in ``w`` x ``h`` units: every card whole, no word on a card broken."""
    arranged = _arrange(page, reveal, w, h, page.app.settings.text_scale)
    return arranged.height() <= h and _words_fit(page, [pile for pile in reveal.piles if pile.seats], arranged.card_w)


def whole_pages(page: Page, reveal: Reveal, w: float, h: float) -> list[Reveal]:
    """The reveal on as few pages as show every option's text and every card whole (one page when no number of
    pages does: then the option texts are cut to their first words, the whole texts being on the next screen)."""
    seats = sum(len(pile.seats) for pile in reveal.piles)
    for parts in range(1, max(1, seats) + 1):
        pages = reveal_parts(reveal, parts)
        if all(_whole(page, part, w, h) for part in pages):
            return pages
    return [reveal]


def _whole(page: Page, reveal: Reveal, w: float, h: float) -> bool:
    """Every card and every option's text whole in ``w`` x ``h`` (a long word of a role may still break)."""
    chosen = [pile for pile in reveal.piles if pile.seats]
    arranged = _arrange(page, reveal, w, h, page.app.settings.text_scale)
    if arranged.height() > h:
        return False
    return isinstance(arranged, Stacked) or arranged.legend or not chosen or (
        arranged.head_lines >= _most_lines(page, chosen, arranged) and _aside_whole(page, reveal, arranged, h))


def reveal_parts(reveal: Reveal, parts: int) -> list[Reveal]:
    """The cards of a reveal over ``parts`` pages in their order, as evenly as they go; each page has the piles
    of its cards (an option chosen only on another page is left out there) and the options nobody chose."""
    seats = [(index, seat) for index, pile in enumerate(reveal.piles) for seat in pile.seats]
    size, longer = divmod(len(seats), parts)
    pages, first = [], 0
    for part in range(parts):
        end = first + size + (part < longer)
        mine = seats[first:end]
        piles = tuple(replace(pile, seats=tuple(seat for at, seat in mine if at == index))
                      for index, pile in enumerate(reveal.piles)
                      if not pile.seats or any(at == index for at, _seat in mine))
        pages.append(Reveal(piles))
        first = end
    return pages


def _arrange(page: Page, reveal: Reveal, w: float, h: float, grow: float) -> Arrangement | Stacked:
    """The widest cards whose piles stand whole in the height under their option texts, whole words first: a pile
    of many cards spreads over more columns (so seven players fit). The options nobody chose go whole under the
    piles where the piles leave that room with whole words and whole option texts, else in a column beside.
    Where side by side an option's text would be cut short, the piles stand one under the other if they fit, else
    side by side under their options' numbers, with every option's text under them or, where that is too much, a
    line saying they are on the next screen (the table read them just before it voted)."""
    chosen = [pile for pile in reveal.piles if pile.seats]
    if chosen and len(chosen) < len(reveal.piles):
        below_h = page.text_height(_aside_markup(page, reveal, w, lines=None), w)
        under = _arrange_piles(page, chosen, w, h - below_h - GAP, grow, aside_w=0)
        if under.height() <= h - below_h - GAP and under.head_lines >= _most_lines(page, chosen, under) and \
                _words_fit(page, chosen, under.card_w):
            return replace(under, below_h=below_h)
    beside = _arrange_piles(page, chosen, w, h, grow, _aside_width(page, reveal, w, len(chosen)))
    if not chosen or (beside.head_lines >= _most_lines(page, chosen, beside) and _aside_whole(page, reveal, beside, h)):
        return beside
    for other in (_stacked(page, reveal, w, grow), _with_legend(page, reveal, w, h, grow, _legend_markup(reveal)),
                  _with_legend(page, reveal, w, h, grow, _numbers_markup(reveal))):
        if other.height() <= h and _words_fit(page, chosen, other.card_w):
            return other
    return beside


def _aside_whole(page: Page, reveal: Reveal, arranged: Arrangement, h: float) -> bool:
    """Whether the column of the options nobody chose shows each of them whole (or there is none)."""
    return not arranged.aside_w or page.text_height(_aside_markup(page, reveal, arranged.aside_w, lines=None),
                                                    arranged.aside_w) <= h


def _most_lines(page: Page, chosen: list[Pile], arranged: Arrangement) -> int:
    """The lines the longest option text over a pile needs to stand whole."""
    return max(_lines_needed(page, pile.heading, wide - 2 * BOX_PADDING, True)
               for pile, wide in zip(chosen, arranged.widths))


def _arrange_piles(page: Page, chosen: list[Pile], w: float, h: float, grow: float, aside_w: float) -> Arrangement:
    """The chosen piles in ``w`` less a column ``aside_w`` wide (0: none) and ``h`` units, whole words first."""
    fitting = []
    for rows in range(max((len(pile.seats) for pile in chosen), default=1), 0, -1):
        columns = [math.ceil(len(pile.seats) / rows) for pile in chosen]
        room = w - (aside_w + GAP if aside_w else 0) - GAP * (sum(columns) - 1)
        card_w = room / max(1, sum(columns))
        widths = tuple(wide * card_w + (wide - 1) * GAP for wide in columns)
        card_h = max((_card_height(page, seat, card_w, grow) for pile in chosen for seat in pile.seats),
                     default=BAND_H)
        needed = max((_lines_needed(page, pile.heading, wide - 2 * BOX_PADDING, True)
                      for pile, wide in zip(chosen, widths)), default=1)
        for lines in range(min(needed, HEAD_LINES), min(needed, FEWEST_HEAD_LINES) - 1, -1):
            arranged = Arrangement(rows, card_w, card_h, widths, lines, aside_w, grow)
            if arranged.height() <= h:
                fitting.append(arranged)
                break
    whole_words = [found for found in fitting if _words_fit(page, chosen, found.card_w)]
    return (whole_words or fitting or [arranged])[0]


def _aside_width(page: Page, reveal: Reveal, w: float, chosen: int) -> float:
    """The column of the options nobody chose: a share of the width, never narrower than its longest word (all
    of it when nobody chose anything)."""
    unchosen = [pile for pile in reveal.piles if not pile.seats]
    if not unchosen:
        return 0
    words = [_("ui.reveal.nobody"), *(word for pile in unchosen for word in pile.heading.split())]
    longest = max(page.measure(word, "body", bold=True) for word in words) + 2 * BOX_PADDING
    return max(longest, w * ASIDE_SHARE) if chosen else w


def _words_fit(page: Page, piles: list[Pile], card_w: float) -> bool:
    """No word of a name or role is broken on its card (a name too long for large type wraps in body type)."""
    words = [word for pile in piles for seat in pile.seats for word in f"{seat.who} {seat.role}".split()]
    return all(page.measure(word, "body", bold=True) <= card_w - 2 * PADDING - 8 for word in words)


def _card_height(page: Page, seat: Seat, width: float, grow: float) -> float:
    """The height a card needs: the band, the name in large type (or wrapped in body type when it is longer
    than a line), the role and the line saying where a player came from, as the text box lays them out."""
    text_w = width - 2 * PADDING - 8
    name = HEADING * LABEL_LINE * grow + NAME_GAP if _name_fits(page, seat.who, text_w) else 0
    below = _below_markup(seat, text_w, page)
    return BAND_H + name + (page.text_height(below, width - 2 * PADDING + 12) if below else 0) + PADDING


def _name_fits(page: Page, who: str, width: float) -> bool:
    return page.measure(who, "heading", bold=True) <= width


def _below_markup(seat: Seat, text_w: float, page: Page) -> str:
    """The body text of a card: the name when it does not fit in large type, the role, where the player came from."""
    below = [] if _name_fits(page, seat.who, text_w) else [f"<b>{escape(seat.who)}</b>"]
    if seat.role:
        below.append(escape(seat.role))
    if seat.moved_from:
        below.append(f"<b>{escape(_('ui.reveal.moved_from', option=seat.moved_from))}</b>")
    return "<br>".join(below)


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


def _within_lines(page: Page, text: str, width: float, most: int, bold: bool = True) -> str:
    """``text`` whole when it takes at most ``most`` lines of body text, else its first words and '…'."""
    words = text.split()
    shown = text
    while len(words) > 1 and _lines_needed(page, shown, width, bold) > most:
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

    frame = line * 3 if seat.moved_from else line  # a thick dark frame: it moved (the text says from where)
    inside = pygame.Rect(band.left + frame, band.top + frame, band.width - 2 * frame, band.height - frame)

    def paint(surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, colours.card, rect)
        pygame.draw.rect(surface, colours.text if seat.moved_from else corner, rect, frame)
        surface.fill(corner, inside)
        paint_role_badge(surface, inside, seat, colours, round(band.height * 0.8))

    page.decorate(paint)
    top, text_w = y + BAND_H, w - 2 * PADDING - 8
    if _name_fits(page, seat.who, text_w):
        page.label(seat.who, x + PADDING, top + HEADING * LABEL_LINE * (grow - 1) / 2, w - 2 * PADDING,
                   HEADING * LABEL_LINE, "@heading")
        top += HEADING * LABEL_LINE * grow + NAME_GAP
    below = _below_markup(seat, text_w, page)
    if below:
        page.text(below, x + PADDING - 6, top, w - 2 * PADDING + 12, y + h - top)
    return rect


def paint_role_badge(surface: pygame.Surface, band: pygame.Rect, seat: Seat, colours: Palette, size: int) -> None:
    """The badge of a role at the left of its card's band, ``size`` pixels high: the corner's shape, a circle for
    the resident, a square for the family, a triangle for the team (shape as well as colour, for colour-blind
    eyes), and the role's icon."""
    corner, size = seat.corner, min(size, band.height)
    margin = (band.height - size) // 2
    box = pygame.Rect(band.left + margin, band.top + margin, size, size)
    ink = colours.card
    if corner == "resident":
        pygame.draw.circle(surface, ink, box.center, size // 2)
    elif corner == "family":
        pygame.draw.rect(surface, ink, box.inflate(-size // 8, -size // 8))
    elif corner == "team":
        pygame.draw.polygon(surface, ink, [box.midtop, box.bottomright, box.bottomleft])
    if seat.role_id:
        surface.blit(icon(role_icon(seat.role_id), size, ink), (box.right + size // 3, box.top))
