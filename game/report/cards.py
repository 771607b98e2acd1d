"""Printable cards from the case library: enough to play a case on paper, on A4 with cut marks.

One HTML file with print CSS: every sheet is exactly one A4 page, the cards sit edge to
edge in a grid (one cut per line), and short cut marks in the margin show where to cut.
Besides the role and value cards, each case gets a case card (the story, the dilemma and
the first decision point), a card per role (what that person knows, wants and fears), a
card per later decision point, a consequence card per option (for the resident, the
family and the team, and where to go on) and a card per ending with its questions: a
table without a screen plays the whole case from them.

No text leaves its card. Each card measures its text (words wrapped at their Dutch or
English syllables, as pyphen splits them, with a soft hyphen the browser shows when it
breaks there) and takes the first size and type size at which it fits: normal, then
smaller type, then a bigger card. The measure is deliberately wide (the widest common
sans-serif), so a printed card has room to spare rather than lose a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

import pyphen

from game.i18n import _
from game.report.html import text
from game.report.labels import card_line, card_name
from game.report.palette import corner_css
from game.scenario.loader import Library
from game.scenario.model import Decision, Scenario, default_option_id

PAGE_WIDTH, PAGE_HEIGHT = 210, 297  # mm, A4 portrait
MARK_GAP, MARK_LENGTH = 2, 6  # mm between a card edge and its cut mark, and the mark's length
PADDING_TOP, PADDING_SIDE, PADDING_BOTTOM = 4, 4.5, 3.5  # mm inside a card
COLUMN_GAP = 6  # mm between the two columns of a case card
CORNER_MARK = 2.8  # mm a corner's heading gives to its coloured mark (border and padding)
MM_PER_PT = 25.4 / 72
# Average width of a character of Dutch or English text, in em: measured at 0.505 (regular) and 0.571 (bold)
# for DejaVu Sans, the widest of the fonts the cards ask for; a little more, so that a card keeps room to spare.
CHAR_EM, BOLD_CHAR_EM = 0.56, 0.63
CAPS_CHAR_EM = 0.75  # capitals with a little letter spacing, as the line at the top of a card has them
DENSITIES = (1.0, 0.88, 0.78)  # the type sizes a card tries, as a share of the normal size
SOFT_HYPHEN = "\u00ad"
NO_BREAK = "\u00a0"  # a space where a line may not end: '→ lees gevolg 2A' stays on one line
SHORTEST_HYPHENATED = 6  # letters; shorter words are never split


@dataclass(frozen=True)
class Format:
    """A card size, how many fit on a sheet, and its type sizes (pt) for the title and the text."""

    name: str
    width: float
    height: float
    columns: int
    rows: int
    title_pt: float = 16
    body_pt: float = 9.6

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self) -> tuple[float, float]:
        return (PAGE_WIDTH - self.columns * self.width) / 2, (PAGE_HEIGHT - self.rows * self.height) / 2


SMALL = Format("small", 90, 60, 2, 4, title_pt=20, body_pt=12.5)
TALL = Format("tall", 95, 135, 2, 2)
WIDE = Format("wide", 190, 135, 1, 2)
FULL = Format("full", 190, 270, 1, 1)


@dataclass(frozen=True)
class Block:
    """One piece of a card: its style (see STYLES) and its text, already hyphenated; a block about one corner of
    the triangle carries that corner (its mark in the corner's colour)."""

    style: str
    words: str
    in_columns: bool = False
    corner: str = ""


@dataclass(frozen=True)
class Style:
    """How a block is set (as STYLE says it in CSS): line height, the space it adds and its indent (mm), and its
    type size: fixed, or a share of the card's title or body size."""

    tag: str
    line_height: float
    space: float
    char_em: float = CHAR_EM
    scale: float = 1.0
    fixed_pt: float | None = None
    of_title: bool = False
    indent: float = 0
    css: str = ""

    def size(self, fmt: Format, density: int) -> float:
        """The type size in pt on a card of ``fmt`` at ``density``."""
        if self.fixed_pt:
            return self.fixed_pt
        return (fmt.title_pt if self.of_title else fmt.body_pt) * DENSITIES[density] * self.scale


STYLES = {
    "kind": Style("div", 1.25, 0.6, CAPS_CHAR_EM, fixed_pt=7.5, css="kind"),
    "title": Style("h2", 1.15, 2.1, BOLD_CHAR_EM, of_title=True),
    "heading": Style("h3", 1.25, 2.0, BOLD_CHAR_EM, scale=1.05),
    "corner": Style("h3", 1.25, 2.0, BOLD_CHAR_EM, scale=1.05, indent=CORNER_MARK, css="corner"),
    "text": Style("p", 1.3, 1.6),
    "lead": Style("p", 1.3, 1.6, BOLD_CHAR_EM, css="lead"),
    "note": Style("p", 1.3, 1.6 + 2.6, indent=4.6, css="note"),  # with its border and padding
    "item": Style("li", 1.3, 0.8, indent=5),
    "rule": Style("p", 1.3, 1.6, css="rule"),
    "foot": Style("div", 1.25, 0.6, fixed_pt=7.5, css="foot"),
}


@dataclass(frozen=True)
class Card:
    """A card to print; a role card carries its role's corner (its band in the corner's colour)."""

    kind: str
    format: Format
    density: int
    blocks: tuple[Block, ...]
    corner: str = ""


@dataclass(frozen=True)
class Deck:
    title: str
    format: Format
    cards: tuple[Card, ...]


def _style_css() -> str:
    """The type sizes of every format at every density, from the same table the measuring uses."""
    rules = []
    for fmt in (SMALL, TALL, WIDE, FULL):
        for density in range(len(DENSITIES)):
            scope = f".{fmt.name}.d{density}"
            rules += [f"{scope} h2 {{ font-size: {STYLES['title'].size(fmt, density):.2f}pt; }}",
                      f"{scope} p, {scope} li {{ font-size: {STYLES['text'].size(fmt, density):.2f}pt; }}",
                      f"{scope} h3 {{ font-size: {STYLES['heading'].size(fmt, density):.2f}pt; }}"]
    return "\n".join(rules)


STYLE = """
* { box-sizing: border-box; }
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #888; }
.sheet { position: relative; width: 210mm; height: 297mm; background: #fff; overflow: hidden;
         margin: 0 auto 8mm; page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.sheet > svg.marks { position: absolute; left: 0; top: 0; width: 210mm; height: 297mm; }
.sheet-title { position: absolute; left: 17mm; top: 5mm; max-width: 176mm; font-size: 8pt; color: #555;
               white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card { position: absolute; border: 0.2mm dashed #bbb; padding: 4mm 4.5mm 3.5mm; overflow: hidden;
        display: flex; flex-direction: column; overflow-wrap: break-word; hyphens: manual; }
.card .band { position: absolute; left: 0; right: 0; top: 0; height: 2.2mm; }
.card .kind, .card .foot { font-size: 7.5pt; line-height: 1.25; color: #333; margin: .6mm 0 0; }
.card .kind { letter-spacing: .04em; text-transform: uppercase; margin: .6mm 0 0; }
.card .foot { margin: auto 0 0; padding-top: .6mm; color: #444; }
.card h2 { margin: .6mm 0 1.5mm; line-height: 1.15; }
.card h3 { margin: 1.6mm 0 .4mm; line-height: 1.25; }
.card p { margin: 0 0 1.6mm; line-height: 1.3; }
.card ol, .card ul { margin: 0 0 1.6mm 5mm; padding: 0; }
.card li { line-height: 1.3; margin: 0 0 .8mm; }
.card .lead { font-weight: 600; }
.card .rule { margin: auto 0 0; font-style: italic; }
.card .note { border: 0.3mm solid #D55E00; padding: 1mm 2mm; }
.card .corner { border-left: 1.2mm solid; padding-left: 1.6mm; }
.card .columns { column-count: 2; column-gap: 6mm; }
.role .band { background: #0072B2; }
.value .band { background: #E69F00; }
.case .band, .decision .band { background: #D55E00; }
.brief .band { background: #009E73; }
.consequence .band { background: #56B4E9; }
.ending .band { background: #CC79A7; }
@media print { body { background: #fff; } .sheet { margin: 0; } .card { border-color: #ddd; } }
""" + "\n".join([_style_css(), corner_css(".card .corner-{corner}", "border-left-color: {colour};"),
                  corner_css(".role.corner-{corner} .band", "background: {colour};")])


@lru_cache(maxsize=4)
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL" if lang == "nl" else "en_GB")


def hyphenated(words: str, lang: str) -> str:
    """``words`` with a soft hyphen at every syllable break of a long word, where a line may end with a hyphen."""
    hyphenator = _hyphenator(lang)
    return re.sub(rf"\w{{{SHORTEST_HYPHENATED},}}",
                  lambda found: hyphenator.inserted(found.group(), hyphen=SOFT_HYPHEN), words)


def _lines(words: str, width: float, size_pt: float, char_em: float) -> int:
    """How many lines ``words`` take in a box ``width`` mm wide: wrapped at spaces and soft hyphens."""
    room = width / (size_pt * MM_PER_PT * char_em)  # characters on a line
    lines = 0
    for paragraph in words.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):  # not at a no-break space
            if not word:
                continue
            used, more = _place(word.split(SOFT_HYPHEN), used, room)
            lines += more
    return lines


def _place(syllables: list[str], used: float, room: float) -> tuple[float, int]:
    """Put one word (its syllables) after ``used`` characters of a line; the line's new use and the lines added.

    A word that does not fit goes on with as many syllables as fit (and a hyphen), the rest on the next line.
    """
    added = 0
    while True:
        gap = 1 if used else 0
        word = "".join(syllables)
        if used + gap + len(word) <= room:
            return used + gap + len(word), added
        fits = max((count for count in range(1, len(syllables))
                    if used + gap + len("".join(syllables[:count])) + 1 <= room), default=0)
        if fits:
            syllables = syllables[fits:]
        elif not used:  # not one syllable fits an empty line: the browser breaks the word where it must
            syllables = [word[int(room):]]
        added += 1
        used = 0.0


def _height(blocks: Iterable[Block], fmt: Format, density: int) -> float:
    """The height (mm) the blocks take on a card of ``fmt`` at ``density``; columns count half, with slack."""
    inner = fmt.width - 2 * PADDING_SIDE
    column = (inner - COLUMN_GAP) / 2
    plain = in_columns = 0.0
    tallest_line = 0.0
    for block in blocks:
        style = STYLES[block.style]
        size = style.size(fmt, density)
        line = size * MM_PER_PT * style.line_height
        width = (column if block.in_columns else inner) - style.indent
        height = _lines(block.words, width, size, style.char_em) * line + style.space
        if block.in_columns:
            in_columns += height
            tallest_line = max(tallest_line, line)
        else:
            plain += height
    return plain + (in_columns / 2 + 2 * tallest_line if in_columns else 0)


def sized(kind: str, blocks: tuple[Block, ...], formats: tuple[Format, ...]) -> Card:
    """The card in the first format and type size (normal first) at which its text fits; else the last, smallest."""
    for fmt in formats:
        room = fmt.height - PADDING_TOP - PADDING_BOTTOM - 1
        for density in range(len(DENSITIES)):
            if _height(blocks, fmt, density) <= room:
                return Card(kind, fmt, density, blocks)
    return Card(kind, formats[-1], len(DENSITIES) - 1, blocks)


class _Writer:
    """Makes the blocks of one language's cards: texts hyphenated in that language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def block(self, style: str, words: str, in_columns: bool = False, corner: str = "") -> Block:
        return Block(style, hyphenated(words, self.lang), in_columns, corner)

    def deck_card(self, kind: str, label: str, name: str, line: str, foot: str = "", corner: str = "") -> Card:
        blocks = [self.block("kind", label), self.block("title", name), self.block("text", line)]
        return replace(sized(kind, (*blocks, *([self.block("foot", foot)] if foot else [])), (SMALL, TALL)),
                       corner=corner)


def card_decks(library: Library, lang: str, case_ids: Iterable[str] | None = None) -> tuple[Deck, ...]:
    """The decks to print: role cards, value cards, then per case everything to play it on paper."""
    write = _Writer(lang)
    wanted = list(case_ids) if case_ids is not None else sorted({case_id for case_id, _lang in library.cases})
    scenarios = [library.case(case_id, lang).scenario for case_id in wanted]
    roles = [write.deck_card("role", _(f"report.cards.role_{card.corner}", lang), card_name(card, lang),
                             card_line(card, lang), corner=card.corner)
             for card in library.decks.roles.values()]
    values = [write.deck_card("value", _("report.cards.value", lang), card_name(card, lang), card_line(card, lang))
              for card in library.decks.values.values()]
    for scenario in scenarios:
        only_in = _("report.cards.only_in", lang, case=scenario.title)
        values += [write.deck_card("value", _("report.cards.value", lang), card.name, card.line, only_in)
                   for card in scenario.values.values()]
    decks = [*_decks(_("report.cards.roles_title", lang), roles), *_decks(_("report.cards.values_title", lang), values)]
    for scenario in scenarios:
        case = _CaseCards(scenario, library, write)
        decks += _decks(_("report.cards.cases_title", lang), [case.case_card()])
        decks += _decks(_("report.cards.briefs_title", lang), case.brief_cards())
        decks += _decks(_("report.cards.decisions_title", lang, case=scenario.title), case.decision_cards())
        decks += _decks(_("report.cards.consequences_title", lang, case=scenario.title), case.consequence_cards())
        decks += _decks(_("report.cards.endings_title", lang, case=scenario.title), case.ending_cards())
    return tuple(decks)


def _decks(title: str, cards: Iterable[Card]) -> list[Deck]:
    """The cards on sheets of one size each: a deck per card size, in the order the sizes first come."""
    by_format: dict[Format, list[Card]] = {}
    for card in cards:
        by_format.setdefault(card.format, []).append(card)
    return [Deck(title, fmt, tuple(found)) for fmt, found in by_format.items()]


class _CaseCards:
    """The cards of one case. Decision points are numbered from the first (on the case card) in the order of
    the file, endings likewise, and a consequence card is named by its decision point and option: 2B."""

    def __init__(self, scenario: Scenario, library: Library, write: _Writer) -> None:
        self.scenario, self.library, self.write, self.lang = scenario, library, write, write.lang
        start = scenario.start_id()
        self.decisions = [start, *(node for node in scenario.decisions if node != start)]
        self.endings = list(scenario.endings)

    def code(self, node: str, option: str) -> str:
        decision = self.scenario.decisions[node]
        return f"{self.decisions.index(node) + 1}{default_option_id(decision.option_ids().index(option)).upper()}"

    def label(self, msgid: str, **params: object) -> Block:
        """The small line at the top of a card: what it is, and of which case."""
        return self.write.block("kind", _(msgid, self.lang, **params) + " · " + self.scenario.title)

    def case_card(self) -> Card:
        scenario, write, lang = self.scenario, self.write, self.lang
        blocks = [write.block("kind", f'{_("report.cards.case", lang)} · {scenario.theme}'),
                  write.block("title", scenario.title)]
        if scenario.content_note:
            blocks.append(write.block("note", scenario.content_note))
        left, right = scenario.tension
        blocks.append(write.block("lead", _("report.case.tension", lang, left=left.text, right=right.text)))
        blocks.append(write.block("text", scenario.setting, in_columns=True))
        blocks += [write.block("text", paragraph, in_columns=True) for paragraph in scenario.intro.split("\n\n")]
        blocks += self.decision_blocks(scenario.start_id(), in_columns=True)
        blocks.append(write.block("rule", _("report.rule", lang)))
        return sized("case", tuple(blocks), (WIDE, FULL))

    def decision_blocks(self, node: str, in_columns: bool = False) -> list[Block]:
        """A decision point: its title and story, the question, and each option with the card it leads to."""
        decision, write, lang = self.scenario.decisions[node], self.write, self.lang
        blocks = [write.block("heading", decision.title, in_columns), write.block("text", decision.text, in_columns),
                  write.block("lead", decision.question or _("report.cards.question", lang), in_columns)]
        for option_id, option in zip(decision.option_ids(), decision.options):
            onward = _("report.cards.option", lang, code=self.code(node, option_id)).replace(" ", NO_BREAK)
            words = f"{option.text}{self.condition(option.when, option.unless)}"
            blocks.append(Block("item", f"{hyphenated(words, lang)} {onward}", in_columns))
        return blocks

    def condition(self, when: tuple[str, ...], unless: tuple[str, ...]) -> str:
        """' (alleen als jullie eerder 1A kozen)' for an option that depends on an earlier choice."""
        parts = []
        for msgid, chosen in (("report.cards.only_when", when), ("report.cards.not_when", unless)):
            if chosen:
                codes = [self.code(*choice.split(".", 1)) for choice in chosen]
                parts.append(_(msgid, self.lang, options=", ".join(codes)))
        return "".join(f" ({part})" for part in parts)

    def brief_cards(self) -> list[Card]:
        cards = []
        for role, brief in self.scenario.roles.items():
            deck_card = self.library.decks.roles.get(role)
            blocks = [self.write.block("kind", _("report.cards.brief", self.lang, case=self.scenario.title)),
                      self.write.block("title", card_name(deck_card, self.lang) if deck_card else role)]
            for label, words in (("knows", brief.knows), ("wants", brief.wants), ("fears", brief.fears)):
                blocks += [self.write.block("heading", _(f"report.cards.{label}", self.lang)),
                           self.write.block("text", words)]
            cards.append(sized("brief", tuple(blocks), (TALL, WIDE, FULL)))
        return cards

    def decision_cards(self) -> list[Card]:
        """A card for every decision point after the first (which is on the case card)."""
        return [sized("decision", (self.label("report.cards.decision", number=number),
                                   *self.decision_blocks(node)), (TALL, WIDE, FULL))
                for number, node in enumerate(self.decisions[1:], start=2)]

    def consequence_cards(self) -> list[Card]:
        """Per option: what it means for the resident, the family and the team, and which card comes next."""
        cards = []
        for node in self.decisions:
            decision = self.scenario.decisions[node]
            for option_id, option in zip(decision.option_ids(), decision.options):
                cards.append(sized("consequence", tuple(self.consequence_blocks(node, decision, option_id)),
                                   (TALL, WIDE, FULL)))
        return cards

    def consequence_blocks(self, node: str, decision: Decision, option_id: str) -> list[Block]:
        write, lang, option = self.write, self.lang, decision.option(option_id)
        blocks = [self.label("report.cards.consequence", code=self.code(node, option_id)),
                  write.block("title", decision.title), write.block("lead", option.text)]
        for corner in ("resident", "family", "team"):
            blocks += [write.block("corner", _(f"report.cards.for_{corner}", lang), corner=corner),
                       write.block("text", getattr(option.consequences, corner))]
        if option.next in self.scenario.endings:
            onward = _("report.cards.next_ending", lang, number=self.endings.index(option.next) + 1)
        else:
            onward = _("report.cards.next_decision", lang, number=self.decisions.index(option.next) + 1,
                       title=self.scenario.decisions[option.next].title)
        return blocks + [write.block("rule", onward)]

    def ending_cards(self) -> list[Card]:
        cards = []
        for number, ending in enumerate(self.scenario.endings.values(), start=1):
            blocks = [self.label("report.cards.ending", number=number), self.write.block("title", ending.title),
                      self.write.block("text", ending.text),
                      self.write.block("heading", _("report.cards.reflection", self.lang))]
            blocks += [self.write.block("item", question) for question in ending.reflection]
            cards.append(sized("ending", tuple(blocks), (TALL, WIDE, FULL)))
        return cards


def render_cards(decks: Iterable[Deck], lang: str) -> str:
    sheets = []
    for deck in decks:
        pages = [deck.cards[i:i + deck.format.per_sheet] for i in range(0, len(deck.cards), deck.format.per_sheet)]
        for number, cards in enumerate(pages, start=1):
            title = _("report.cards.sheet", lang, deck=deck.title, page=number, pages=len(pages))
            sheets.append(_sheet(title, deck.format, cards))
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{text(lang)}">', "<head>", '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{text(_('report.cards.title', lang))}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        *sheets, "</body>", "</html>", ""])


def _card_html(card: Card) -> str:
    """The blocks as HTML: list items gathered in a list (lettered for options), the column part in a box."""
    parts: list[str] = []
    open_list = ""
    in_columns = False
    for block in card.blocks:
        if open_list and block.style != "item":
            parts.append(f"</{open_list}>")
            open_list = ""
        if block.in_columns != in_columns:
            parts.append('<div class="columns">' if block.in_columns else "</div>")
            in_columns = block.in_columns
        if block.style == "item" and not open_list:
            open_list = "ol" if card.kind in ("case", "decision") else "ul"
            parts.append('<ol type="A">' if open_list == "ol" else "<ul>")
        style = STYLES[block.style]
        classes = " ".join(filter(None, (style.css, block.corner and f"corner-{block.corner}")))
        css = f' class="{classes}"' if classes else ""
        parts.append(f'<{style.tag}{css} dir="auto">{text(block.words)}</{style.tag}>')
    return "".join(parts) + (f"</{open_list}>" if open_list else "") + ("</div>" if in_columns else "")


def _sheet(title: str, fmt: Format, cards: tuple[Card, ...]) -> str:
    left, top = fmt.origin()
    placed = []
    for index, card in enumerate(cards):
        x = left + (index % fmt.columns) * fmt.width
        y = top + (index // fmt.columns) * fmt.height
        corner = f" corner-{card.corner}" if card.corner else ""
        placed.append(f'<div class="card {fmt.name} {card.kind}{corner} d{card.density}" style="left:{x:g}mm;top:{y:g}mm;'
                      f'width:{fmt.width:g}mm;height:{fmt.height:g}mm"><div class="band"></div>'
                      f'{_card_html(card)}</div>')
    return (f'<section class="sheet"><div class="sheet-title" dir="auto">{text(title)}</div>'
            f'{cut_marks(fmt, len(cards))}{"".join(placed)}</section>')


def cut_marks(fmt: Format, cards: int | None = None) -> str:
    """Short lines in the margin, in line with every edge of the part of the grid that ``cards`` fill."""
    cards = fmt.per_sheet if cards is None else cards
    columns, rows = min(cards, fmt.columns), -(-cards // fmt.columns)
    left, top = fmt.origin()
    right, bottom = left + columns * fmt.width, top + rows * fmt.height
    lines = []
    for column in range(columns + 1):
        x = left + column * fmt.width
        lines += [(x, top - MARK_GAP - MARK_LENGTH, x, top - MARK_GAP),
                  (x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK_LENGTH)]
    for row in range(rows + 1):
        y = top + row * fmt.height
        lines += [(left - MARK_GAP - MARK_LENGTH, y, left - MARK_GAP, y),
                  (right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y)]
    drawn = "".join(f'<line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}"/>' for a, b, c, d in lines)
    return (f'<svg class="marks" viewBox="0 0 {PAGE_WIDTH} {PAGE_HEIGHT}" aria-hidden="true">'
            f'<g stroke="#000" stroke-width="0.25">{drawn}</g></svg>')
