"""Printable cards from the case library: role cards, value cards and case cards on A4 with cut marks.

One HTML file with print CSS: every sheet is exactly one A4 page, the cards sit edge to
edge in a grid (one cut per line), and short cut marks in the margin show where to cut.
For each case there is a case card (the story, the dilemma, the first decision point)
and a card per role with what that person knows, wants and fears: enough for a table
without a screen. Text comes from the library in the chosen language.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from game.i18n import _
from game.report.html import text
from game.report.labels import card_line, card_name
from game.scenario.loader import Library
from game.scenario.model import Scenario

PAGE_WIDTH, PAGE_HEIGHT = 210, 297  # mm, A4 portrait
MARK_GAP, MARK_LENGTH = 2, 6  # mm between a card edge and its cut mark, and the mark's length


@dataclass(frozen=True)
class Format:
    """A card size and how many fit on a sheet."""

    name: str
    width: float
    height: float
    columns: int
    rows: int

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self) -> tuple[float, float]:
        return (PAGE_WIDTH - self.columns * self.width) / 2, (PAGE_HEIGHT - self.rows * self.height) / 2


SMALL = Format("small", 90, 60, 2, 4)
TALL = Format("tall", 95, 135, 2, 2)
WIDE = Format("wide", 190, 135, 1, 2)
FULL = Format("full", 190, 270, 1, 1)
# Characters of story on a case card that still fit a half page, and a full page, at the normal size.
WIDE_FITS, FULL_FITS = 1800, 3600
BRIEF_FITS = 750  # characters of a role's brief that fit a card at the normal size


@dataclass(frozen=True)
class Card:
    kind: str
    body: str  # HTML, already escaped
    dense: bool = False


@dataclass(frozen=True)
class Deck:
    title: str
    format: Format
    cards: tuple[Card, ...]


STYLE = """
* { box-sizing: border-box; }
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; background: #888; }
.sheet { position: relative; width: 210mm; height: 297mm; background: #fff; overflow: hidden;
         margin: 0 auto 8mm; page-break-after: always; break-after: page; }
.sheet:last-child { page-break-after: auto; break-after: auto; }
.sheet > svg.marks { position: absolute; left: 0; top: 0; width: 210mm; height: 297mm; }
.sheet-title { position: absolute; left: 17mm; top: 5mm; max-width: 85mm; font-size: 8pt; color: #555;
               white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card { position: absolute; border: 0.2mm dashed #bbb; padding: 4mm 4.5mm 3.5mm; overflow: hidden;
        display: flex; flex-direction: column; overflow-wrap: anywhere; }
.card .band { position: absolute; left: 0; right: 0; top: 0; height: 2.2mm; }
.card .kind { font-size: 7.5pt; letter-spacing: .04em; text-transform: uppercase; color: #333; margin-top: .6mm; }
.card h2 { margin: .6mm 0 1.5mm; line-height: 1.15; }
.card p { margin: 0 0 1.6mm; line-height: 1.3; }
.small h2 { font-size: 20pt; }
.small p { font-size: 12.5pt; }
.small .foot { margin-top: auto; font-size: 7.5pt; color: #444; }
.tall h2, .wide h2, .full h2 { font-size: 16pt; }
.tall p, .wide p, .wide li, .full p, .full li { font-size: 9.6pt; }
.tall h3, .wide h3, .full h3 { font-size: 10pt; margin: 1.6mm 0 .4mm; }
.card.dense p, .card.dense li { font-size: 8pt; }
.card .rule { margin: auto 0 0; font-style: italic; }
.case .tension { font-weight: 600; }
.case .note { border: 0.3mm solid #D55E00; padding: 1mm 2mm; }
.case ol { margin: 0 0 0 5mm; padding: 0; }
.case .columns { column-count: 2; column-gap: 6mm; }
.role .band { background: #0072B2; }
.value .band { background: #E69F00; }
.case .band { background: #D55E00; }
.brief .band { background: #009E73; }
@media print { body { background: #fff; } .sheet { margin: 0; } .card { border-color: #ddd; } }
"""


def card_decks(library: Library, lang: str, case_ids: Iterable[str] | None = None) -> tuple[Deck, ...]:
    """The decks to print: role cards, value cards, then per case its case card and role cards."""
    wanted = list(case_ids) if case_ids is not None else sorted({case_id for case_id, _lang in library.cases})
    scenarios = [library.case(case_id, lang).scenario for case_id in wanted]
    roles = tuple(_deck_card("role", _("report.cards.role", lang), card_name(card, lang), card_line(card, lang))
                  for card in library.decks.roles.values())
    values = [_deck_card("value", _("report.cards.value", lang), card_name(card, lang), card_line(card, lang))
              for card in library.decks.values.values()]
    for scenario in scenarios:
        only_in = _("report.cards.only_in", lang, case=scenario.title)
        values += [_deck_card("value", _("report.cards.value", lang), card.name, card.line, only_in)
                   for card in scenario.values.values()]
    fitting = [s for s in scenarios if _story_length(s) <= WIDE_FITS]
    long = [s for s in scenarios if _story_length(s) > WIDE_FITS]
    decks = [Deck(_("report.cards.roles_title", lang), SMALL, roles),
             Deck(_("report.cards.values_title", lang), SMALL, tuple(values)),
             Deck(_("report.cards.cases_title", lang), WIDE, tuple(_case_card(s, lang) for s in fitting)),
             Deck(_("report.cards.cases_title", lang), FULL, tuple(_case_card(s, lang) for s in long)),
             Deck(_("report.cards.briefs_title", lang), TALL,
                  tuple(_brief_card(s, role, library, lang) for s in scenarios for role in s.roles))]
    return tuple(deck for deck in decks if deck.cards)


def _story_length(scenario: Scenario) -> int:
    """How much text a case card carries: the measure for the size of the card."""
    decision = scenario.decisions[scenario.start_id()]
    return (len(scenario.setting) + len(scenario.intro) + len(decision.text) + len(scenario.content_note or "")
            + sum(len(option.text) for option in decision.options))


def _deck_card(kind: str, label: str, name: str, line: str, foot: str = "") -> Card:
    body = f'<div class="kind">{text(label)}</div><h2 dir="auto">{text(name)}</h2><p dir="auto">{text(line)}</p>'
    return Card(kind, body + (f'<div class="foot">{text(foot)}</div>' if foot else ""))


def _case_card(scenario: Scenario, lang: str) -> Card:
    decision = scenario.decisions[scenario.start_id()]
    parts = [f'<div class="kind">{text(_("report.cards.case", lang))} · {text(scenario.theme)}</div>',
             f'<h2 dir="auto">{text(scenario.title)}</h2>']
    if scenario.content_note:
        parts.append(f'<p class="note" dir="auto">{text(scenario.content_note)}</p>')
    left, right = scenario.tension
    tension = _("report.case.tension", lang, left=left.text, right=right.text)
    parts.append(f'<p class="tension" dir="auto">{text(tension)}</p>')
    parts.append('<div class="columns">')
    parts.append(f'<p dir="auto">{text(scenario.setting)}</p>')
    parts += [f'<p dir="auto">{text(paragraph)}</p>' for paragraph in scenario.intro.split("\n\n")]
    parts.append(f'<h3 dir="auto">{text(decision.title)}</h3><p dir="auto">{text(decision.text)}</p>')
    question = decision.question or _("report.cards.question", lang)
    options = "".join(f'<li dir="auto">{text(option.text)}</li>' for option in decision.options)
    parts.append(f'<p dir="auto"><strong>{text(question)}</strong></p><ol type="A">{options}</ol></div>')
    parts.append(f'<p class="rule">{text(_("report.rule", lang))}</p>')
    return Card("case", "".join(parts), dense=_story_length(scenario) > FULL_FITS)


def _brief_card(scenario: Scenario, role: str, library: Library, lang: str) -> Card:
    brief = scenario.roles[role]
    deck_card = library.decks.roles.get(role)
    name = card_name(deck_card, lang) if deck_card else role
    parts = [f'<div class="kind">{text(_("report.cards.brief", lang, case=scenario.title))}</div>',
             f'<h2 dir="auto">{text(name)}</h2>']
    for label, words in (("knows", brief.knows), ("wants", brief.wants), ("fears", brief.fears)):
        parts.append(f'<h3>{text(_(f"report.cards.{label}", lang))}</h3><p dir="auto">{text(words)}</p>')
    return Card("brief", "".join(parts), dense=len(brief.knows + brief.wants + brief.fears) > BRIEF_FITS)


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


def _sheet(title: str, fmt: Format, cards: tuple[Card, ...]) -> str:
    left, top = fmt.origin()
    placed = []
    for index, card in enumerate(cards):
        x = left + (index % fmt.columns) * fmt.width
        y = top + (index // fmt.columns) * fmt.height
        dense = " dense" if card.dense else ""
        placed.append(f'<div class="card {fmt.name} {card.kind}{dense}" style="left:{x:g}mm;top:{y:g}mm;'
                      f'width:{fmt.width:g}mm;height:{fmt.height:g}mm"><div class="band"></div>{card.body}</div>')
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
