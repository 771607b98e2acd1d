"""The plenary on the projector: every table's figures and discussion points, a page at a time.

A thin view over ``game.report.plenary.Plenary``: the labelled blocks of its report
become pages (the values that led the choices, the vote split per decision, the
choices by role, the values picked versus the values chosen, and one page of
discussion points per table round). Made for the back of a room: big numbers on every
bar, few words, the Okabe-Ito colours, and the filter always in sight.

The presenter steps with the arrows or a clicker (Page Up/Down), space shows the next
hidden discussion point, H hides it again, C/R/T cycle the case, round and table
filters, F11 is full screen and Escape goes back to the start screen. Every two seconds
the folder is looked at again; the screen is built anew only when a file changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pygame

from game.i18n import _, n_
from game.report.document import Bar, Chart, Matrix, Report, Story
from game.report.figures import Selection
from game.report.palette import SERIES_COLOURS, SERIES_COLOURS_ON_DARK
from game.report.plenary import Plenary
from game.ui.main import open_app
from game.ui.page import BUTTON_H, MARGIN, Page, escape
from game.ui.scenes import BaseScene
from game.ui.theme import palette

REFRESH_SECONDS = 2.0
OVERALL_FIGURES = ("leading_values", "picked_values")
CASE_FIGURES = ("votes", "perspective_gap", "values_vs_choices")
ROWS_PER_PAGE = 8             # bars on one page: rows tall enough to read from the back, also under a warning
ROLES_PER_PAGE = 7            # roles in a table of choices on one page, with the letters' options under it
TOP = 228                     # below the title, the context line and the filter buttons
WARNING_H = 52
SUMMARY_LINE_H = 48          # the count of tables and players, and under it the tables still playing
HEAD_ROW = 56                 # the row naming the series (or the options, in a table)
NUMBER_W = 270                # room for "12 (100%)" in large bold type
BIG_ROW = 76                  # from this row height on, numbers use the heading size
TALLEST_ROW = 150             # a chart of few rows: room for an option's sentence over three lines
LINE_H = 48                   # one line of a row's name that wraps
MOST_LINES = 3
NUMBER_ROW = 48               # the least height of a role's row in a table of choices: its numbers
NOTE_H = 96                   # two lines of small text under a chart, for a note too long for the context line
FILTERS = (("case", "cases", pygame.K_c), ("round", "rounds", pygame.K_r), ("table", "tables", pygame.K_t))


@dataclass(frozen=True)
class Slide:
    """One page: a chart (or a part of a long one), a table of choices by role, or a table round's points."""

    block: Chart | Matrix | Story
    context: str
    first: int = 0
    count: int = ROWS_PER_PAGE
    part: int = 1
    parts: int = 1

    @property
    def rows(self) -> slice:
        return slice(self.first, self.first + self.count)


def slides_of(report: Report, every_case: str) -> list[Slide]:
    """The pages of a report: overall values first, then each case's decisions, then every table's points."""
    slides: list[Slide] = []
    for section in report.sections:
        overall = section.key == "overall"
        for block in section.blocks:
            if overall and block.figure in OVERALL_FIGURES and not block.scope:
                slides += _parts(block, every_case)
            elif not overall and block.figure in CASE_FIGURES:
                slides += _parts(block, section.title)
    return slides + [Slide(story, story.case_label) for story in report.stories]


def _parts(block: Chart | Matrix, context: str) -> list[Slide]:
    """A long chart over as few pages as hold it, its rows shared evenly (13 rows: 7 and 6, not 10 and 3)."""
    count = len(block.series[0].bars) if isinstance(block, Chart) else len(block.rows)
    parts = max(1, -(-count // (ROWS_PER_PAGE if isinstance(block, Chart) else ROLES_PER_PAGE)))
    size, longer = divmod(count, parts)
    return [Slide(block, context, part * size + min(part, longer), size + (part < longer), part + 1, parts)
            for part in range(parts)]


class PlenaryScene(BaseScene):
    def __init__(self, app, paths: Iterable[Path]) -> None:
        super().__init__(app)
        self.paths = [Path(path) for path in paths]
        self.plenary = Plenary(self.paths, app.library, app.settings.lang)
        self.selection = Selection()
        self.index = 0
        self.revealed: dict[tuple[int, int], int] = {}
        self._slides: list[Slide] | None = None
        self._figures = None
        self._checked = app.now()

    # what is shown ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.plenary.lang

    @property
    def slides(self) -> list[Slide]:
        """The pages for the current filter, computed once per filter and per change of the files."""
        if self._slides is None:
            self._slides = slides_of(self.plenary.report(self.selection), _("plenary.screen.every_case", self.lang))
            self._figures = self.plenary.figures(self.selection)
        return self._slides

    def _forget(self) -> None:
        """The files or the filter changed: compute the pages again when they are next shown."""
        self._slides = self._figures = None

    @property
    def slide(self) -> Slide | None:
        slides = self.slides
        return slides[min(self.index, len(slides) - 1)] if slides else None

    # input ---------------------------------------------------------------------------------------
    def key(self, key: int) -> bool:
        """A presenter's key; True when it was one (the app then does nothing else with it)."""
        actions: dict[int, Callable[[], None]] = {
            pygame.K_RIGHT: self.next_page, pygame.K_PAGEDOWN: self.next_page,
            pygame.K_LEFT: self.previous_page, pygame.K_PAGEUP: self.previous_page,
            pygame.K_SPACE: self.reveal_or_next, pygame.K_h: self.hide, pygame.K_BACKSPACE: self.hide,
            **{filter_key: (lambda field=field, many=many: self.cycle(field, many)) for field, many, filter_key in FILTERS}}
        action = actions.get(key)
        if action:
            self.app.later(action)
        return action is not None

    def turn(self, index: int) -> None:
        self.index = max(0, min(index, len(self.slides) - 1))
        self.app.rebuild()

    def next_page(self) -> None:
        self.turn(self.index + 1)

    def previous_page(self) -> None:
        self.turn(self.index - 1)

    def _story_place(self) -> tuple[Story, tuple[int, int]] | None:
        slide = self.slide
        if slide and isinstance(slide.block, Story):
            return slide.block, (slide.block.table, slide.block.round)
        return None

    def reveal_or_next(self) -> None:
        """Space: the next hidden discussion point of this table, or the next page when all are shown."""
        found = self._story_place()
        if found and self.revealed.get(found[1], 0) < len(found[0].notes):
            self.revealed[found[1]] = self.revealed.get(found[1], 0) + 1
            self.app.rebuild()
        else:
            self.next_page()

    def hide(self) -> None:
        """H: hide the last point shown again."""
        found = self._story_place()
        if found and self.revealed.get(found[1], 0) > 0:
            self.revealed[found[1]] -= 1
            self.app.rebuild()

    def cycle(self, field: str, many: str) -> None:
        """The next value of one filter: all, then each case (round, table) in turn, then all again."""
        values = (None, *getattr(self.plenary.choices, many))
        current = getattr(self.selection, field)
        following = values[(values.index(current) + 1) % len(values)] if current in values else None
        self.selection = Selection(**{**vars(self.selection), field: following})
        self._forget()
        self.index = 0
        self.app.rebuild()

    def back(self) -> None:
        from game.ui.scenes.start import StartScene
        self.app.show(StartScene(self.app))

    def tick(self, now: float) -> bool:
        """Look at the files every two seconds; build the screen anew only when one changed."""
        if now - self._checked < REFRESH_SECONDS:
            return False
        self._checked = now
        if not self.plenary.refresh():
            return False
        self._forget()
        self.app.rebuild()
        return True

    # the screen --------------------------------------------------------------------------------------
    def build(self, page: Page) -> None:
        if not self.plenary.rounds:
            self._build_empty(page)
            return
        slide = self.slide
        self.index = self.slides.index(slide) if slide else 0
        title, context = self._titles(slide)
        counter = _("plenary.screen.page", self.lang, page=self.index + 1, pages=max(1, len(self.slides)))
        page.label(page.fitted(title, page.content_width - 260, "heading", bold=True), MARGIN, 16,
                   page.content_width - 260, 70, "@heading")
        page.label(counter, page.width - MARGIN - 240, 16, 240, 70, "@heading")
        note = getattr(slide.block, "note", "") if slide else ""
        in_line = f"{context} · {note}" if note else context
        # a chart's note carries numbers: whole, under the chart; a table of roles needs its height more
        note_below = (slide is not None and isinstance(slide.block, Chart)
                      and page.fitted(in_line, page.content_width, "small") != in_line)
        shown = context if note_below else page.fitted(in_line, page.content_width, "small")
        page.label(shown, MARGIN, 88, page.content_width, 50, "@muted")
        self._filters(page)
        top = self._warning(page)
        bottom = page.footer_y - 20 - (NOTE_H if note_below else 0)
        area = (MARGIN, top, page.content_width, bottom - top)
        if note_below:
            self._lines(page, note, MARGIN, bottom, page.content_width, NOTE_H, "small", "@muted")
        if slide is None:
            page.text(escape(_("plenary.screen.nothing", self.lang)), *area, "@card")
        elif isinstance(slide.block, Chart):
            self._chart(page, slide, *area)
        elif isinstance(slide.block, Matrix):
            self._matrix(page, slide, *area)
        else:
            self._story(page, slide.block, *area)
        self._footer(page)

    def _titles(self, slide: Slide | None) -> tuple[str, str]:
        lang = self.lang
        if slide is None:
            return _("plenary.screen.nothing_title", lang), ""
        block = slide.block
        if isinstance(block, Story):
            return _("plenary.screen.notes_title", lang, table=block.table_label, round=block.round), slide.context
        title = block.title if slide.parts == 1 else _("plenary.screen.part", lang, title=block.title,
                                                         part=slide.part, parts=slide.parts)
        return title, slide.context

    def _filters(self, page: Page) -> None:
        """The filter in sight, as buttons that step through its values (keys C, R and T do the same)."""
        lang, selection = self.lang, self.selection
        texts = (_("plenary.screen.case", lang, case=self.plenary.labels.case(selection.case)) if selection.case
                 else _("plenary.screen.all_cases", lang),
                 _("plenary.screen.round", lang, round=selection.round) if selection.round
                 else _("plenary.screen.all_rounds", lang),
                 _("plenary.screen.table", lang, table=selection.table) if selection.table
                 else _("plenary.screen.all_tables", lang))
        widths = (620, 300, 300)
        x = MARGIN
        for text, width, (field, many, _key) in zip(texts, widths, FILTERS):
            page.button(page.fitted(text, width - 40, "body", bold=True), x, 142, width, 74,
                        lambda field=field, many=many: self.cycle(field, many),
                        selected=getattr(selection, field) is not None, key=f"filter:{field}")
            x += width + 20
        self._summary(page, x + 20, page.width - MARGIN - x - 20)

    def _summary(self, page: Page, x: float, w: float) -> None:
        """How many tables and players the figures count; a second line while a table still plays."""
        lang, shown = self.lang, self._figures
        summary = n_("plenary.screen.summary", shown.tables, lang, players=shown.players)
        if not shown.playing:
            page.label(page.fitted(summary, w, "body", bold=True), x, 142, w, 74, "@strong")
            return
        done = shown.tables - shown.playing
        busy = (n_("plenary.screen.playing", shown.playing, lang, done=done) if done
                else _("plenary.screen.none_done", lang))
        page.label(page.fitted(summary, w, "body", bold=True), x, 132, w, SUMMARY_LINE_H, "@strong")
        page.label(page.fitted(busy, w, "small", bold=True), x, 132 + SUMMARY_LINE_H, w, SUMMARY_LINE_H, "@error")

    def _warning(self, page: Page) -> float:
        """A line naming the skipped files, while the rest still shows; where the content starts."""
        warnings = [w for w in self.plenary.warnings if w.path.exists()]  # a missing folder: the empty screen says so
        if not warnings:
            return TOP
        names = ", ".join(dict.fromkeys(w.path.name for w in warnings))
        text = n_("plenary.screen.skipped", len(warnings), self.lang, files=names)
        lines = wrapped(page, text, page.content_width, "small", 2, bold=True)   # more names: the report has them all
        height = WARNING_H if len(lines) == 1 else len(lines) * LINE_H
        self._lines(page, text, MARGIN, TOP, page.content_width, height, "small", "@error", bold=True)
        return TOP + height + 8

    def _footer(self, page: Page) -> None:
        lang = self.lang
        last = len(self.slides) - 1
        page.footer([(_("plenary.screen.previous", lang), self.previous_page if self.index > 0 else None),
                     (_("plenary.screen.next", lang), self.next_page if self.index < last else None)],
                    back=(_("plenary.screen.back", lang), self.back))
        left = MARGIN + page.button_width(_("plenary.screen.back", lang)) + 30
        width = page.width - MARGIN - 2 * page.button_width(_("plenary.screen.next", lang)) - 60 - left
        page.label(page.fitted(_("plenary.screen.keys", lang), width, "small"), left, page.footer_y + 18, width, 52,
                   "@muted")

    def _build_empty(self, page: Page) -> None:
        lang = self.lang
        page.header(_("plenary.screen.empty_title", lang))
        top = max(150, self._warning(page))
        paths = "\n".join(str(path) for path in self.paths)
        page.text(escape(_("plenary.screen.empty", lang, paths=paths)).replace("\n", "<br>"),
                  MARGIN, top, page.content_width, page.footer_y - 20 - top, "@card")
        page.footer([], back=(_("plenary.screen.back", lang), self.back))

    # charts ---------------------------------------------------------------------------------------------
    def _colours(self) -> tuple[str, ...]:
        return SERIES_COLOURS_ON_DARK if self.app.settings.high_contrast else SERIES_COLOURS

    def _chart(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """One row per key, one column per series (first vote | after exploring), each bar with its number.

        Bar lengths follow the shares, as in the report: the longest bar of the chart fills its room.
        """
        chart: Chart = slide.block
        series = chart.series
        longest = max((bar.share for s in series for bar in s.bars), default=0) or 1
        label_w = w * (0.34 if len(series) > 1 else 0.4)
        column_w = (w - label_w) / len(series)
        for number, s in enumerate(series):
            self._legend(page, s.label, number, x + label_w + number * column_w, y, column_w)
        keys = series[0].bars[slide.rows]
        row_h = min(TALLEST_ROW, (h - HEAD_ROW) / max(1, len(keys)))
        for row, bar in enumerate(keys):
            top = y + HEAD_ROW + row * row_h
            self._lines(page, bar.label, x, top, label_w - 20, row_h)
            index = slide.first + row
            for number, s in enumerate(series):
                self._bar(page, s.bars[index], number, longest, x + label_w + number * column_w, top, column_w, row_h)

    def _lines(self, page: Page, text: str, x: float, y: float, w: float, h: float, size: str = "body",
               style: str = "@body", bold: bool = False) -> None:
        """``text`` over as many lines as fit in ``h`` (at most three), centred; '…' only where even they are too few."""
        lines = wrapped(page, text, w, size, max(1, min(MOST_LINES, int(h // LINE_H))), bold)
        height = LINE_H if len(lines) > 1 else 52
        top = y + (h - height * len(lines)) / 2
        for number, line in enumerate(lines):
            page.label(line, x, top + number * height, w, height, style)

    def _legend(self, page: Page, text: str, number: int, x: float, y: float, w: float) -> None:
        swatch = page.rect(x, y + 12, 36, 32)
        colour, striped = self._colours()[number], number > 0
        page.decorate(lambda surface: self._paint_bar(surface, swatch, colour, striped))
        page.label(page.fitted(text, w - 60, "small", bold=True), x + 48, y, w - 60, HEAD_ROW, "@strong")

    def _bar(self, page: Page, bar: Bar, number: int, longest: float, x: float, y: float, w: float,
             row_h: float) -> None:
        room = w - NUMBER_W - 20
        length = room * bar.share / longest
        thickness = min(row_h * 0.62, 70)
        if bar.count:
            rect = page.rect(x, y + (row_h - thickness) / 2, max(length, 4), thickness)
            colour, striped = self._colours()[number], number > 0
            page.decorate(lambda surface: self._paint_bar(surface, rect, colour, striped))
        style, height = ("@heading", 70) if row_h >= BIG_ROW else ("@strong", 52)
        page.label(bar.shown, x + length + 12, y + (row_h - height) / 2, NUMBER_W, height, style)

    def _paint_bar(self, surface: pygame.Surface, rect: pygame.Rect, colour: str, striped: bool) -> None:
        """A bar; the second series is striped too, so it differs by more than its colour."""
        pygame.draw.rect(surface, colour, rect)
        if striped:
            step = max(8, rect.height // 3)
            page_colour = palette(self.app.settings.high_contrast).page
            clip = surface.get_clip()
            surface.set_clip(rect)
            for offset in range(-rect.height, rect.width, step):
                pygame.draw.line(surface, page_colour, (rect.left + offset, rect.bottom),
                                 (rect.left + offset + rect.height, rect.top), max(2, step // 4))
            surface.set_clip(clip)

    def _matrix(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """Choices by role: a row per role, a column per option, each cell its count and share of the role."""
        matrix: Matrix = slide.block
        lang = self.lang
        rows = matrix.rows[slide.rows]
        legend = [column.label for column in matrix.columns if column.short != column.label]
        heights = self._legend_heights(page, legend, w, h - HEAD_ROW - len(rows) * NUMBER_ROW)
        legend_h = sum(heights) + 10 if legend else 0
        label_w = w * 0.34           # room for "Specialist ouderengeneeskunde"
        cell_w = (w - label_w) / max(1, len(matrix.columns))
        page.label(_("plenary.screen.role", lang), x, y, label_w - 20, HEAD_ROW, "@strong")
        for index, column in enumerate(matrix.columns):
            page.label(page.fitted(column.short, cell_w - 20, "body", bold=True), x + label_w + index * cell_w, y,
                       cell_w - 20, HEAD_ROW, "@strong")
        row_h = min(100.0, (h - HEAD_ROW - legend_h) / max(1, len(rows)))
        colour = self._colours()[2]
        for row_index, row in enumerate(rows):
            top = y + HEAD_ROW + row_index * row_h
            page.label(page.fitted(row.label, label_w - 20, "body"), x, top + (row_h - 52) / 2, label_w - 20, 52)
            for index, cell in enumerate(row.cells):
                self._cell(page, cell, colour, x + label_w + index * cell_w, top, cell_w - 20, row_h)
        line = page.rect(x, y + HEAD_ROW - 4, w, 0)
        rule = palette(self.app.settings.high_contrast).card_border
        page.decorate(lambda surface: pygame.draw.line(surface, rule, line.topleft, line.topright, 2))
        top = y + h - legend_h + 10
        for text, height in zip(legend, heights):
            self._lines(page, text, x, top, w, height, "small", "@muted")
            top += height

    def _legend_heights(self, page: Page, legend: list[str], w: float, room: float) -> list[float]:
        """The height of each letter's option under the table, one under the other over the full width.

        An option's sentence too long for one line wraps onto a second where the rows of roles leave
        the room, first option first; where they do not, it is cut with '…' (the report carries it whole).
        """
        heights = [52.0] * len(legend)
        for index, text in enumerate(legend):
            wraps = len(wrapped(page, text, w, "small", 2)) > 1
            if wraps and sum(heights) + 2 * LINE_H - 52 + 10 <= room:
                heights[index] = 2 * LINE_H
        return heights

    def _cell(self, page: Page, cell: Bar, colour: str, x: float, y: float, w: float, row_h: float) -> None:
        """A count with its share, and a thin bar under it where the row leaves room (the number says it all)."""
        style, height = ("@heading", 70) if row_h >= BIG_ROW + 10 else ("@strong", 52)
        with_bar = row_h >= NUMBER_ROW + 14
        page.label(cell.shown, x, y + (row_h - height - (14 if with_bar else 0)) / 2, w, height, style)
        if cell.count and with_bar:
            rect = page.rect(x, y + (row_h + height - 14) / 2, max(4, (w - 20) * cell.share), 12)
            page.decorate(lambda surface: pygame.draw.rect(surface, colour, rect))

    # a table's discussion points ------------------------------------------------------------------------
    def _story(self, page: Page, story: Story, x: float, y: float, w: float, h: float) -> None:
        lang = self.lang
        values = (_("plenary.screen.leading", lang, values=", ".join(story.leading_values)) if story.leading_values
                  else _("plenary.screen.no_leading", lang))
        if not story.finished:
            values = f"{values} · {_('plenary.screen.still_playing', lang)}"
        page.label(page.fitted(values, w, "body", bold=True), x, y, w, 56, "@strong")
        count = len(story.notes)
        shown = min(self.revealed.get((story.table, story.round), 0), count)
        bottom = y + h - BUTTON_H
        if count:
            status = n_("plenary.screen.shown", count, lang, shown=shown)
            page.label(page.fitted(status, w - 360, "small"), x, bottom + 18, w - 360, 52, "@muted")
            page.button(_("plenary.screen.reveal", lang), x + w - 320, bottom, 320, BUTTON_H,
                        self.reveal_or_next if shown < count else None)
        points = "<br><br>".join(f"<b>{number}.</b> {escape(note)}" for number, note in
                                 enumerate(story.notes[:shown], start=1))
        empty = _("plenary.screen.hidden" if count else "plenary.screen.no_notes", lang)
        box = page.text(points or escape(empty), x, y + 70, w, bottom - y - 90, "@cover")
        if box.scroll_bar is not None:  # the newest point in sight
            box.scroll_bar.set_scroll_from_start_percentage(1.0)


def wrapped(page: Page, text: str, width: float, size: str, most: int, bold: bool = False) -> list[str]:
    """The words of ``text`` in lines that fit ``width``; at most ``most`` lines, the last one cut with '…'."""
    words, lines = text.split(), []
    while words and len(lines) < most:
        line = words.pop(0)
        while words and page.fitted(f"{line} {words[0]}", width, size, bold) == f"{line} {words[0]}":
            line += " " + words.pop(0)
        lines.append(line)
    if lines:
        lines[-1] = page.fitted(" ".join([lines[-1], *words]), width, size, bold)
    return lines or [""]


def open_plenary(places, paths: Iterable[Path], size: tuple[int, int] | None = None, lang: str | None = None,
                 **options):
    """The game window straight on the plenary screen of ``paths``."""
    return open_app(places, size, lang, first=lambda app: PlenaryScene(app, paths), **options)
