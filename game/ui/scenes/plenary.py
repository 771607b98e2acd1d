"""The plenary on the projector: the tables' story, and every figure behind D, a page at a time.

A thin view over ``game.report.plenary.Plenary``. By default the pages tell the story case by
case: an overview of the tables that played it (each by its name and colour, with its way,
ending, leading values and number of points), a page per table round (its votes at each
decision with the option it followed ticked, its route on a small map of the case, its
ending, and its discussion points one by one), who changed their mind per decision and
role, and at the end the highlights. D shows the details instead: the values that led the
choices, the vote split per decision, the choices by role and the values picked versus the
values chosen. Made for the back of a room: big numbers, few words, the Okabe-Ito colours,
and the filter always in sight.

The presenter steps with the arrows or a clicker (Page Up/Down, Home/End for the first
and last page), space shows the next hidden discussion point, H hides it again, B or '.'
blanks the screen, C/R/T cycle the case, round and table filters, D switches between the
story and the details, and F11 is full screen. Escape (some clickers send it) asks first
and leaves only when pressed again. A table's points are paged, so that a clicker reaches
every one; which points were shown is kept per session and point, so a table file that
arrives late and renumbers the tables shows nothing the presenter did not choose to show.
No text is ever cut: a line that does not fit wraps, takes a smaller size, or a chart takes
another page. Every two seconds the folder is looked at again; the screen is built anew
only when a file changed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

import pygame

from game.i18n import _, n_
from game.report.document import Bar, Chart, Highlight, Matrix, MindsBlock, Report, Story, StoryOption, way
from game.report.figures import NOT_VOTED, PASSED, Selection
from game.report.palette import SERIES_COLOURS, SERIES_COLOURS_ON_DARK
from game.report.plenary import Plenary
from game.scenario.plans import KORT
from game.ui.main import open_app
from game.ui.page import BUTTON_H, GAP, LABEL_FONTS, Box, Page, escape
from game.ui.pictures import SCREEN_ICONS
from game.ui.reveal import TableVotes, build_reveal, reveal_fits, reveal_parts, table_votes
from game.ui.scenes import BaseScene
from game.ui.theme import palette

REFRESH_SECONDS = 2.0
OVERALL_FIGURES = ("leading_values", "picked_values")
CASE_FIGURES = ("votes", "perspective_gap", "values_vs_choices")
ROWS_PER_PAGE = 8             # bars on one page: rows tall enough to read from the back, also under a warning
ROLES_PER_PAGE = 7            # roles in a table of choices on one page, with the letters' options under it
WIDEST_NUMBER = "100 (100%)"  # the room a bar leaves for its number
BAR_ROOM = 14                 # under a number in a table of choices: a thin bar of its share
TALLEST_ROW_LINES = 3         # a chart of few rows: room for an option's sentence over three lines
ALL = 10_000                  # lines: as many as the text needs
MATRIX_LABEL_SHARE = 0.34     # room for "Specialist ouderengeneeskunde"
MATRIX_LABEL_MOST = 0.5       # on a narrow (4:3) screen the names may take more, up to this share
STORY_LEFT = 0.44             # a table's votes and ending on the left; its values, map and points on the right
STORY_GAP = 30
MAP_H = 190                   # the map of the case over a table's points
TILE_BAR = 20                 # under an option's letter and votes on its tile: the bar of its share
SWATCH = 44                   # a table's colour before its name in the overview
MINDS_GAP = 150               # between the first votes and the votes after exploring in that picture
MINDS_AFTER = 30              # under each decision's panel in that picture
OVERVIEW_COLUMNS = (0.25, 0.42, 0.22, 0.11)   # table, way and ending, leading values, points
FILTERS = (("case", "cases", pygame.K_c), ("round", "rounds", pygame.K_r), ("table", "tables", pygame.K_t))


@dataclass(frozen=True)
class Overview:
    """The first page of a case: each table round that played it, with its way, values and number of points."""

    case_label: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class MindsPage:
    """Who changed their mind at the decisions of one case."""

    case_label: str
    blocks: tuple[MindsBlock, ...]


@dataclass(frozen=True)
class HighlightsPage:
    items: tuple[Highlight, ...]


@dataclass(frozen=True)
class OptionsPage:
    """The options of a table of choices in full, on a page before it, where its letters' texts under it would
    leave no room for a role (a larger text size)."""

    title: str
    options: tuple[str, ...]


Block = Chart | Matrix | Story | Overview | MindsPage | HighlightsPage | TableVotes | OptionsPage


@dataclass(frozen=True)
class Slide:
    """One page: a chart (or a part of a long one), a table of choices by role, a table round's story with its
    points, a case's overview, who changed their mind, or the highlights.

    ``first`` and ``count`` are the rows of a chart, table or overview, or the points of a table round, on this page.
    """

    block: Block
    context: str
    first: int = 0
    count: int = ROWS_PER_PAGE
    part: int = 1
    parts: int = 1

    @property
    def rows(self) -> slice:
        return slice(self.first, self.first + self.count)


Fits = Callable[[Chart | Matrix, int], bool]
Pages = Callable[[Overview | Story | MindsPage | HighlightsPage], list[tuple[int, int]]]


def story_slides(report: Report, every_case: str, overview_pages: Pages | None = None,
                 story_pages: Pages | None = None, minds_pages: Pages | None = None,
                 highlights_pages: Pages | None = None) -> list[Slide]:
    """The pages the plenary tells the story with, case by case: the overview of the tables, a page per table
    round (its way and its points, one by one), who changed their mind; then the highlights of all.

    ``overview_pages``, ``story_pages``, ``minds_pages`` and ``highlights_pages`` give the (first, count) of the
    rows, points, decisions or highlights on each page.
    """
    slides: list[Slide] = []
    for case_label, stories in report.by_case():
        overview = Overview(case_label, stories)
        slides += _paged(overview, case_label, overview_pages(overview) if overview_pages else [(0, len(stories))])
        for story in stories:
            slides += _paged(story, case_label, story_pages(story) if story_pages else [(0, len(story.notes))])
        minds = MindsPage(case_label, tuple(block for block in report.minds if block.case == stories[0].case))
        slides += _paged(minds, case_label, minds_pages(minds) if minds_pages else [(0, len(minds.blocks))])
    if report.stories:
        highlights = HighlightsPage(report.highlights)
        slides += _paged(highlights, every_case, highlights_pages(highlights) if highlights_pages
                         else [(0, len(highlights.items))])
    return slides


def _paged(block: Overview | Story | MindsPage | HighlightsPage | OptionsPage, context: str, pages: list[tuple[int, int]]) -> list[Slide]:
    return [Slide(block, context, first, count, part, len(pages)) for part, (first, count) in enumerate(pages, 1)]


def slides_of(report: Report, every_case: str, fits: Fits | None = None,
              options_pages: Callable[[Matrix], list[tuple[int, int]]] | None = None) -> list[Slide]:
    """The pages of the details (key D): overall values first, then each case's decisions.

    ``every_case`` is the context of the values over all cases shown (the filter's case when one is
    chosen); ``fits(block, rows)`` whether that many rows of a block fit on one page; ``options_pages(matrix)``
    the pages of their own (first, count) that a table of choices names its options on (none: under the table).
    """
    slides: list[Slide] = []
    for section in report.sections:
        overall = section.key == "overall"
        for block in section.blocks:
            if overall and block.figure in OVERALL_FIGURES and not block.scope:
                slides += _parts(block, every_case, fits)
            elif not overall and block.figure in CASE_FIGURES:
                if options_pages and isinstance(block, Matrix):
                    options = OptionsPage(block.title, tuple(column.label for column in block.columns))
                    slides += _paged(options, section.title, options_pages(block))
                slides += _parts(block, section.title, fits)
    return slides


def _parts(block: Chart | Matrix, context: str, fits: Fits | None = None) -> list[Slide]:
    """A long chart over as few pages as hold it, its rows shared evenly (13 rows: 7 and 6, not 10 and 3).

    A page holds at most ROWS_PER_PAGE bars (ROLES_PER_PAGE roles), fewer where their texts need the room.
    """
    count = len(block.series[0].bars) if isinstance(block, Chart) else len(block.rows)
    parts = max(1, -(-count // (ROWS_PER_PAGE if isinstance(block, Chart) else ROLES_PER_PAGE)))
    while fits and parts < count and not fits(block, -(-count // parts)):
        parts += 1
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
        self.revealed: set[tuple[str, int, int]] = set()   # (session, round, note id): shown on the projector
        self.blanked = False
        self.leaving = False
        self.details = False        # D: the detailed charts instead of the story
        self._slides: list[Slide] | None = None
        self._figures = None
        self._page: Page | None = None
        self._measured_for: tuple[int, int] | None = None
        self._checked = app.now()

    # what is shown ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.plenary.lang

    @property
    def slides(self) -> list[Slide]:
        """The pages for the current filter, computed once per filter, per change of the files and per window size."""
        page = self._page
        if page is not None and self._measured_for != self.app.size:
            self._slides, self._measured_for = None, self.app.size
        if self._slides is None:
            case = self.selection.case
            every_case = self.plenary.labels.case(case) if case else _("plenary.screen.every_case", self.lang)
            report = self.plenary.report(self.selection)
            if self.details:
                self._slides = slides_of(report, every_case, **({} if page is None else {
                    "fits": partial(self._fits, page), "options_pages": partial(self._options_pages, page)}))
                stories = next((i for i, slide in enumerate(self._slides) if isinstance(slide.block, Story)),
                               len(self._slides))   # each table's votes come just before the tables' points
                self._slides[stories:stories] = [slide for votes in table_votes(self.plenary, self.selection)
                                                 for slide in self._votes_slides(page, votes)]
            else:
                self._slides = story_slides(report, every_case, **({} if page is None else {
                    "overview_pages": partial(self._overview_pages, page),
                    "story_pages": partial(self._story_pages, page), "minds_pages": partial(self._minds_pages, page),
                    "highlights_pages": partial(self._highlights_pages, page)}))
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
        """A presenter's key; True when it was one (the app then does nothing else with it).

        While the screen is blank, a key only brings it back. Escape asks first; any other key
        after it means staying.
        """
        actions: dict[int, Callable[[], None]] = {
            pygame.K_RIGHT: self.next_page, pygame.K_PAGEDOWN: self.next_page,
            pygame.K_LEFT: self.previous_page, pygame.K_PAGEUP: self.previous_page,
            pygame.K_HOME: lambda: self.turn(0), pygame.K_END: lambda: self.turn(len(self.slides) - 1),
            pygame.K_SPACE: self.reveal_or_next, pygame.K_h: self.hide, pygame.K_BACKSPACE: self.hide,
            pygame.K_b: self.blank, pygame.K_PERIOD: self.blank, pygame.K_ESCAPE: self.ask_to_leave,
            pygame.K_d: self.toggle_details,
            **{filter_key: (lambda field=field, many=many: self.cycle(field, many)) for field, many, filter_key in FILTERS}}
        action = actions.get(key)
        if action is None:
            return False
        if self.blanked:
            action = self.blank
        elif self.leaving and key != pygame.K_ESCAPE:
            self._stay()
        self.app.later(action)
        return True

    def blank(self) -> None:
        """B or '.': a black screen (the room talks, the figures wait); again, or any key, brings it back."""
        self.blanked = not self.blanked
        self.app.rebuild()

    def ask_to_leave(self) -> None:
        """Escape: say that a second Escape leaves; leave on that second one."""
        if self.leaving:
            self.back()
            return
        self.leaving = True
        self.app.notice = _("plenary.screen.leave_confirm", self.lang)
        self.app.rebuild()

    def _stay(self) -> None:
        self.leaving = False
        self.app.notice = ""

    def turn(self, index: int) -> None:
        self.index = max(0, min(index, len(self.slides) - 1))
        self.app.rebuild()

    def next_page(self) -> None:
        """The next page; on a point longer than its page, first the rest of that point."""
        if not self._scrolled(1):
            self.turn(self.index + 1)

    def previous_page(self) -> None:
        if not self._scrolled(-1):
            self.turn(self.index - 1)

    def _scrolled(self, direction: int) -> bool:
        """Scroll the page's text that does not fit by most of its height, if it can go that way."""
        boxes = self.app.page.scrollable if self.app.page else []
        if not boxes:
            return False
        bar = boxes[0].scroll_bar
        can = bar.start_percentage + bar.visible_percentage < 0.999 if direction > 0 else bar.start_percentage > 0.001
        if can:
            self.app.page.scroll(direction)
        return can

    def _points(self, story: Story) -> list[tuple[str, int, int]]:
        """Each point of a table round as the set of shown points knows it: (session, round, note id)."""
        found = next((r for r in self.plenary.rounds if (r.table, r.round) == (story.table, story.round)), None)
        if found is None:
            return []
        return [(found.session_id, found.round, note_id) for note_id in found.note_ids]

    def _points_on_page(self) -> list[tuple[str, int, int]]:
        slide = self.slide
        if slide is None or not isinstance(slide.block, Story):
            return []
        return self._points(slide.block)[slide.rows]

    def reveal_or_next(self) -> None:
        """Space: the next hidden discussion point on this page, or the next page when all are shown."""
        hidden = [point for point in self._points_on_page() if point not in self.revealed]
        if hidden:
            self.revealed.add(hidden[0])
            self.app.rebuild()
        else:
            self.next_page()

    def hide(self) -> None:
        """H: hide the last point shown on this page again."""
        shown = [point for point in self._points_on_page() if point in self.revealed]
        if shown:
            self.revealed.discard(shown[-1])
            self.app.rebuild()

    def toggle_details(self) -> None:
        """D: the detailed charts (every value, vote and role), or back to the story, from its first page."""
        self.details = not self.details
        self._forget()
        self.index = 0
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
        self.leaving = False
        self.app.home()

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
        self._page = page
        if self.blanked:
            page.decorate(lambda surface: surface.fill((0, 0, 0)))
            return
        if not self.plenary.rounds:
            self._build_empty(page)
            return
        slide = self.slide
        self.index = self.slides.index(slide) if slide else 0
        title, context = self._titles(slide)
        title_row, context_row, filter_row, _body = self._frame(page)
        counter = _("plenary.screen.page", self.lang, page=self.index + 1, pages=max(1, len(self.slides)))
        title_box, counter_box = title_row.right_part(page.measure(counter, "heading", bold=True))
        self._one_line(page, title, title_box, (("heading", "@heading"), ("body", "@strong")))
        page.label(counter, counter_box.x, counter_box.y, counter_box.w, counter_box.h, "@heading")
        context_box = self._summary(page, context_row)
        note = getattr(slide.block, "note", "") if slide else ""
        in_line = f"{context} · {note}" if note else context
        note_below = bool(note) and page.fitted(in_line, context_box.w, "small") != in_line  # numbers go whole below
        self._one_line(page, context if note_below else in_line, context_box, (("small", "@muted"),))
        self._filters(page, filter_row)
        first = self.index == 0    # the skipped files are named on the first page; the report names them all
        if first:
            self._warning(page)
        box = self._body(page, note if note_below else "", first)
        if note_below:
            self._lines(page, note, box.x, box.bottom + GAP / 2, box.w, self._note_height(page, note), "small",
                        "@muted")
        area = (box.x, box.y, box.w, box.h)
        if slide is None:
            page.text(escape(_("plenary.screen.nothing", self.lang)), *area, "@card")
        elif isinstance(slide.block, Chart):
            self._chart(page, slide, *area)
        elif isinstance(slide.block, Matrix):
            self._matrix(page, slide, *area)
        elif isinstance(slide.block, TableVotes):
            build_reveal(page, slide.block.reveal, palette(self.app.settings.high_contrast), *area)
        elif isinstance(slide.block, Overview):
            self._overview(page, slide, *area)
        elif isinstance(slide.block, MindsPage):
            self._minds(page, slide, *area)
        elif isinstance(slide.block, OptionsPage):
            page.paragraph(self._options_markup(slide.block.options[slide.rows]), Box(*area), "@text")
        elif isinstance(slide.block, HighlightsPage):
            page.text(self._prose(slide.block.items[slide.rows]), *area, "@card")
        else:
            self._story(page, slide, *area)
        self._footer(page)

    def _one_line(self, page: Page, text: str, box: Box, sizes: tuple[tuple[str, str], ...]) -> None:
        """``text`` on one line of ``box`` in the first size it fits whole; in small type over the lines of the box
        where none does."""
        for size, style in sizes:
            bold = style in ("@heading", "@strong")
            if page.measure(text, size, bold) <= box.w:
                page.label(text, box.x, box.y, box.w, box.h, style)
                return
        self._lines(page, text, box.x, box.y, box.w, box.h, "small", "@muted")

    def _frame(self, page: Page) -> tuple[Box, Box, Box, Box]:
        """The rows of the plenary's header (the title and the page number, where a title too long for one line
        may take two lines of small type; the context line with the count of tables; the filter buttons) and the
        room under them."""
        two_small = 2 * page.line_height("@muted")
        title, rest = page.area.top(max(page.line_height("@heading"), two_small), gap=GAP / 2)
        context, rest = rest.top(page.line_height("@strong"), gap=GAP / 2)
        filters, body = rest.top(BUTTON_H)
        return title, context, filters, body

    def _body(self, page: Page, note: str = "", first: bool = True) -> Box:
        """The room for a block: under the header (and on the first page the line naming skipped files, if any)
        and above its note and the footer. Pages are cut to fit this room, so a block never needs more."""
        body = self._frame(page)[3]
        warning = self._warning_text(page)[1] if first else 0
        if warning:
            body = body.top(warning, gap=GAP / 2)[1]
        if note:
            body = body.above(self._note_height(page, note), gap=GAP / 2)[0]
        return body

    def _note_height(self, page: Page, note: str) -> float:
        return lines_height(page, note, page.content_width, "@muted")

    def _titles(self, slide: Slide | None) -> tuple[str, str]:
        lang = self.lang
        if slide is None:
            return _("plenary.screen.nothing_title", lang), ""
        block = slide.block
        if isinstance(block, Story):
            title = _("plenary.screen.notes_title", lang, table=block.table_label, round=block.round)
        elif isinstance(block, Overview):
            title = _("plenary.screen.overview", lang)
        elif isinstance(block, MindsPage):
            title = _("report.minds.title", lang)
        elif isinstance(block, HighlightsPage):
            title = _("report.highlights.title", lang)
        else:
            title = block.title
        if slide.parts > 1:
            title = _("plenary.screen.part", lang, title=title, part=slide.part, parts=slide.parts)
        return title, slide.context

    def _filters(self, page: Page, row: Box) -> None:
        """The filter in sight, as buttons that step through its values (keys C, R and T do the same).

        Each button is as wide as its text; the case's takes what is left when a long title needs it.
        """
        lang, selection = self.lang, self.selection
        texts = (_("plenary.screen.case", lang, case=self.plenary.labels.case(selection.case)) if selection.case
                 else _("plenary.screen.all_cases", lang),
                 _("plenary.screen.round", lang, round=selection.round) if selection.round
                 else _("plenary.screen.all_rounds", lang),
                 self._table_filter(selection.table) if selection.table else _("plenary.screen.all_tables", lang))
        chosen = [getattr(selection, field) is not None for field, _many, _key in FILTERS]
        widths = [max(240.0, page.measure(_("ui.chosen", text=text) if on else text, "body", bold=True) + 60)
                  for text, on in zip(texts, chosen)]
        widths[0] = min(widths[0], row.w - sum(widths[1:]) - 2 * GAP)
        for text, width, on, (field, many, _key) in zip(texts, widths, chosen, FILTERS):
            button, row = row.left(width)
            page.button(page.fitted(text, width - 40, "body", bold=True), button.x, button.y, button.w, button.h,
                        lambda field=field, many=many: self.cycle(field, many), selected=on, key=f"filter:{field}")

    def _table_filter(self, table: int) -> str:
        """The table filter's button: 'Tafel: Linde' for a table with a name, 'Tafel 3' for one without."""
        name = next((r.name for r in self.plenary.rounds if r.table == table), "")
        return _("plenary.screen.table", self.lang, table=name) if name else _("report.table", self.lang, table=table)

    def _summary(self, page: Page, row: Box) -> Box:
        """How many tables and players the figures count, and the tables still playing, at the right end of the
        context line; the room left of them."""
        lang, shown = self.lang, self._figures
        parts = [(n_("plenary.screen.summary", shown.tables, lang, players=shown.players), "body", "@strong")]
        if shown.playing:
            done = shown.tables - shown.playing
            parts.append((n_("plenary.screen.playing", shown.playing, lang, done=done) if done
                          else _("plenary.screen.none_done", lang), "small", "@error"))
        for text, size, style in reversed(parts):
            row, place = row.right_part(page.measure(text, size, bold=True))
            page.label(text, place.x, place.y, place.w, place.h, style)
        return row
    def _warning_text(self, page: Page) -> tuple[str, float]:
        """The line naming the skipped files and its height; ('', 0) when none was skipped."""
        warnings = [w for w in self.plenary.warnings if w.path.exists()]  # a missing folder: the empty screen says so
        if not warnings:
            return "", 0
        names = ", ".join(dict.fromkeys(w.path.name for w in warnings))
        text = n_("plenary.screen.skipped", len(warnings), self.lang, files=names)
        lines = wrapped(page, text, page.content_width, "small", 2, bold=True)   # more names: the report has them all
        return text, len(lines) * line_step(page, "@error")

    def _warning(self, page: Page) -> None:
        """A line naming the skipped files, while the rest still shows, at the top of the room under the header."""
        text, height = self._warning_text(page)
        if text:
            box = self._frame(page)[3]
            self._lines(page, text, box.x, box.y, box.w, height, "small", "@error", bold=True)

    def _footer(self, page: Page) -> None:
        """The buttons, and between them the keys: over two lines where one is too short for them."""
        lang = self.lang
        last = len(self.slides) - 1
        page.footer([(_("plenary.screen.previous", lang), self.previous_page if self.index > 0 else None),
                     (_("plenary.screen.next", lang), self.next_page if self.index < last else None)],
                    back=(_("plenary.screen.back", lang), self.back))
        if self.index >= last:  # the last page: the way on is back (it asks first)
            page.main = _("plenary.screen.back", lang)
        row = Box(page.area.x, page.footer_y, page.area.w, BUTTON_H)
        if page.footer_rows == 1:  # else a narrow screen or a large text size: the keys take the footer's upper row
            buttons = [_("plenary.screen.back", lang), _("plenary.screen.previous", lang), _("plenary.screen.next", lang)]
            row = row.left(page.button_width(buttons[0]), gap=2 * GAP)[1]
            row = row.right_part(page.button_width(buttons[1]) + page.button_width(buttons[2]) + 24, gap=2 * GAP)[0]
        else:
            page.footer_needs = 2  # the keys use the upper row: it is not spare
        self._in_a_button_row(page, _("plenary.screen.keys_details" if self.details else "plenary.screen.keys", lang),
                              row)

    @staticmethod
    def _in_a_button_row(page: Page, text: str, row: Box) -> None:
        """A small text beside buttons: on two lines of the row where one is too short."""
        lines = wrapped(page, text, row.w, "small", 2)
        for line, place in zip(lines, row.rows(len(lines), gap=0)):
            page.label(line, place.x, place.y, place.w, place.h, "@muted")

    def _build_empty(self, page: Page) -> None:
        lang = self.lang
        page.header(_("plenary.screen.empty_title", lang), icon=SCREEN_ICONS["plenary"])
        box = page.content
        text, height = self._warning_text(page)
        if text:
            warning, box = box.top(height, gap=GAP / 2)
            self._lines(page, text, warning.x, warning.y, warning.w, warning.h, "small", "@error", bold=True)
        paths = "\n".join(str(path) for path in self.paths)
        page.paragraph(escape(_("plenary.screen.empty", lang, paths=paths)).replace("\n", "<br>"), box, "@card")
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
        keys = series[0].bars[slide.rows]
        label_w = label_width(page, chart, keys, len(keys), w, h)
        column_w = (w - label_w) / len(series)
        for number, s in enumerate(series):
            self._legend(page, s.label, number, x + label_w + number * column_w, y, column_w)
        needed = max((lines_height(page, bar.label, label_w - 20) for bar in keys), default=0) + 24
        tallest = TALLEST_ROW_LINES * line_step(page, "@body") + 24
        row_h = min(max(tallest, needed), (h - head_row(page)) / max(1, len(keys)))
        for row, bar in enumerate(keys):
            top = y + head_row(page) + row * row_h
            self._lines(page, bar.label, x, top, label_w - 20, row_h)
            index = slide.first + row
            for number, s in enumerate(series):
                self._bar(page, s.bars[index], number, longest, x + label_w + number * column_w, top, column_w, row_h)

    def _lines(self, page: Page, text: str, x: float, y: float, w: float, h: float, size: str = "body",
               style: str = "@body", bold: bool = False) -> None:
        """``text`` over as many lines as fit in ``h``, centred; '…' only where even they are too few.

        The pages are laid out so that they are never too few (``_fits``, ``_story_pages``).
        """
        height = line_step(page, style)
        lines = wrapped(page, text, w, size, max(1, int(h // height)), bold)
        top = round((y + (h - height * len(lines)) / 2) * page.scale) / page.scale   # a whole pixel, as the steps
        for number, line in enumerate(lines):
            page.label(line, x, top + number * height, w, height, style)

    def _legend(self, page: Page, text: str, number: int, x: float, y: float, w: float) -> None:
        swatch = page.rect(x, y + 12, 36, 32)
        colour, striped = self._colours()[number], number > 0
        page.decorate(lambda surface: self._paint_bar(surface, swatch, colour, striped))
        page.label(page.fitted(text, w - 60, "small"), x + 48, y, w - 60, head_row(page), "@muted")  # fits at 4:3

    def _bar(self, page: Page, bar: Bar, number: int, longest: float, x: float, y: float, w: float,
             row_h: float) -> None:
        style = "@heading" if row_h >= line_step(page, "@heading") else "@strong"
        number_w = page.measure(WIDEST_NUMBER, LABEL_FONTS[style][0], bold=True)
        room = w - number_w - 20
        length = room * bar.share / longest
        thickness = min(row_h * 0.62, 70)
        if bar.count:
            rect = page.rect(x, y + (row_h - thickness) / 2, max(length, 4), thickness)
            colour, striped = self._colours()[number], number > 0
            page.decorate(lambda surface: self._paint_bar(surface, rect, colour, striped))
        height = line_step(page, style)
        page.label(bar.shown, x + length + 12, y + (row_h - height) / 2, number_w, height, style)

    def _paint_bar(self, surface: pygame.Surface, rect: pygame.Rect, colour: str, striped: bool) -> None:
        """A bar; the second series is striped too, so it differs by more than its colour."""
        pygame.draw.rect(surface, colour, rect)
        if striped:
            step = max(8, rect.height // 3)
            page_colour = palette(self.app.settings.high_contrast).page
            clip = surface.get_clip()
            surface.set_clip(rect.clip(clip))  # inside the frame's own clip: a frame may be drawn in part
            for offset in range(-rect.height, rect.width, step):
                pygame.draw.line(surface, page_colour, (rect.left + offset, rect.bottom),
                                 (rect.left + offset + rect.height, rect.top), max(2, step // 4))
            surface.set_clip(clip)

    def _matrix(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """Choices by role: a row per role, a column per option, each cell its count and share of the role."""
        matrix: Matrix = slide.block
        lang = self.lang
        rows = matrix.rows[slide.rows]
        legend = self._options_in_full(matrix)
        cells = self._legend_cells(page, matrix, Box(x, y, w, h))
        legend_h = y + h - cells[0].y + GAP / 2 if cells else 0
        label_w = self._matrix_label_w(page, matrix, w)
        cell_w = (w - label_w) / max(1, len(matrix.columns))
        page.label(_("plenary.screen.role", lang), x, y, label_w - 20, head_row(page), "@strong")
        for index, column in enumerate(matrix.columns):
            page.label(page.fitted(column.short, cell_w - 20, "body", bold=True), x + label_w + index * cell_w, y,
                       cell_w - 20, head_row(page), "@strong")
        row_h = min(100.0, (h - head_row(page) - legend_h) / max(1, len(rows)))
        colour = self._colours()[2]
        for row_index, row in enumerate(rows):
            top = y + head_row(page) + row_index * row_h
            self._lines(page, row.label, x, top, label_w - 20, row_h)
            for index, cell in enumerate(row.cells):
                self._cell(page, cell, colour, x + label_w + index * cell_w, top, cell_w - 20, row_h)
        line = page.rect(x, y + head_row(page) - 4, w, 0)
        rule = palette(self.app.settings.high_contrast).card_border
        page.decorate(lambda surface: pygame.draw.line(surface, rule, line.topleft, line.topright, 2))
        for text, cell in zip(legend, cells):
            self._lines(page, text, cell.x, cell.y, cell.w, cell.h, "small", "@muted")

    @staticmethod
    def _options_in_full(matrix: Matrix) -> list[str]:
        """The options whose letters head the columns of a table of choices, in full."""
        return [column.label for column in matrix.columns if column.short != column.label]

    def _legend_cells(self, page: Page, matrix: Matrix, box: Box) -> list[Box]:
        """Where each option's text goes along the bottom of ``box``, under the table: one under the other, or in
        two columns where that would leave no room for a role's row (a larger text size); none where even then
        there is no room (the options are then named on a page of their own)."""
        legend = self._options_in_full(matrix)
        for columns in (1, 2):
            width = box.columns(columns)[0].w
            heights = [lines_height(page, text, width, "@muted") for text in legend]
            rows = [max(heights[first:first + columns]) for first in range(0, len(legend), columns)]
            if box.h - sum(rows) - GAP / 2 - head_row(page) >= self._role_row(page, matrix, box.w):
                cells, top = [], box.bottom - sum(rows)
                for height in rows:
                    cells += Box(box.x, top, box.w, height).columns(columns)
                    top += height
                return cells[:len(legend)]
        return []

    def _options_pages(self, page: Page, matrix: Matrix) -> list[tuple[int, int]]:
        """The pages of their own a table of choices names its options on, (first, count) each: none where they
        fit under the table (``_legend_cells``)."""
        options = [column.label for column in matrix.columns]
        room = Box(0, 0, page.content_width, self._room(page, matrix.note, first=False))
        if not self._options_in_full(matrix) or self._legend_cells(page, matrix, room):
            return []
        return filled_pages(len(options), lambda first, end: page.fits(self._options_markup(options[first:end]),
                                                                       room, "@text"))

    @staticmethod
    def _options_markup(options: Iterable[str]) -> str:
        return "<br>".join(escape(option) for option in options)

    # what fits on a page ------------------------------------------------------------------------------
    def _room(self, page: Page, note: str = "", first: bool = True) -> float:
        """The height for a block: under the header (and a warning, if any, where the block may be on the first
        page) and above its note and the footer."""
        return self._body(page, note, first).h

    def _fits(self, page: Page, block: Chart | Matrix, rows: int) -> bool:
        """Whether ``rows`` rows of ``block`` fit on one page with every text whole (the note under it)."""
        h, w = self._room(page, block.note), page.content_width
        if isinstance(block, Chart):
            label_w = label_width(page, block, block.series[0].bars, rows, w, h) - 20
            needed = max((lines_height(page, bar.label, label_w) for bar in block.series[0].bars), default=0)
            return (h - head_row(page)) / rows >= needed + 24
        cells = self._legend_cells(page, block, Box(0, 0, w, h))
        legend_h = h - cells[0].y + GAP / 2 if cells else 0
        return h - head_row(page) - legend_h >= rows * self._role_row(page, block, w)

    def _votes_slides(self, page: Page | None, votes: TableVotes) -> list[Slide]:
        """A table's turned-over votes on as few pages as show every card whole (a larger text size may need two)."""
        seats = sum(len(pile.seats) for pile in votes.reveal.piles)
        parts = 1
        if page is not None:
            body = self._body(page)
            while parts < seats and not all(reveal_fits(page, part, body.w, body.h)
                                            for part in reveal_parts(votes.reveal, parts)):
                parts += 1
        return [Slide(replace(votes, reveal=part), votes.context, part=number, parts=parts)
                for number, part in enumerate(reveal_parts(votes.reveal, parts), 1)]

    def _role_row(self, page: Page, matrix: Matrix, w: float) -> float:
        """The height a role's row of a table of choices needs: its name, or its numbers where a narrow column
        puts a count over its share (``_cell``)."""
        label_w = self._matrix_label_w(page, matrix, w)
        names = max((lines_height(page, row.label, label_w - 20) for row in matrix.rows), default=0)
        cell_w = (w - label_w) / max(1, len(matrix.columns)) - 20
        narrow = any(page.measure(cell.shown, "small") > cell_w for row in matrix.rows for cell in row.cells)
        numbers = line_step(page, "@strong") + (line_step(page, "@muted") + 24 if narrow else 0)
        return max(numbers, names)

    @staticmethod
    def _matrix_label_w(page: Page, matrix: Matrix, w: float) -> float:
        """The width of the roles' column: a role's name on one line where the screen has room for it."""
        widest = max((page.measure(row.label, "body") for row in matrix.rows), default=0.0) + 44  # gap, margins
        return min(w * MATRIX_LABEL_MOST, max(w * MATRIX_LABEL_SHARE, widest))

    def _story_head(self, page: Page, story: Story, w: float, ending_aside: bool = False) -> tuple[str, float]:
        """The line over a table's map and points (its leading values, whether it still plays, and its ending
        where there is no room for it under its votes) and its height."""
        lang = self.lang
        values = (_("plenary.screen.leading", lang, values=", ".join(story.leading_values)) if story.leading_values
                  else _("plenary.screen.none_leading" if story.finished else "plenary.screen.no_leading", lang))
        if not story.finished:
            values = f"{values} · {_('plenary.screen.still_playing', lang)}"
        if ending_aside:
            values = f"{values} · {self._ending(story)}"
        return values, lines_height(page, values, w, "@strong")

    def _story_pages(self, page: Page, story: Story) -> list[tuple[int, int]]:
        """The points of a table round in pages that each hold their points whole, measured in the box they show
        in: (first, count) per page. A point longer than a whole page gets a page of its own."""
        points = self._story_boxes(page, story, self._body(page, first=False))[3]
        return filled_pages(len(story.notes), lambda first, end: page.fits(
            self._notes_markup(story, range(first, end)), points, "@card"))

    # a case's overview -----------------------------------------------------------------------------------
    def _overview_cells(self, story: Story) -> tuple[str, str, str, str]:
        lang = self.lang
        name = f"{story.table_label} · {_('plenary.screen.round_short', lang, round=story.round)}"
        path = way(story, lang, letters=True, arrow=" › ")
        if not story.finished:
            path = f"{path} · {_('plenary.screen.still_playing', lang)}"
        return name, path, ", ".join(story.leading_values) or "–", str(len(story.notes))

    @staticmethod
    def _overview_head(page: Page) -> float:
        """The overview's column names: two lines where a narrow column needs them."""
        return 2 * page.line_height("@muted")

    def _overview_widths(self, w: float) -> list[float]:
        return [w * share for share in OVERVIEW_COLUMNS]

    def _overview_row_h(self, page: Page, story: Story, widths: list[float]) -> float:
        cells = self._overview_cells(story)
        return max(lines_height(page, text, width - SWATCH * (n == 0) - 20, "@strong" if n in (0, 3) else "@body")
                   for n, (text, width) in enumerate(zip(cells, widths))) + GAP

    def _overview_pages(self, page: Page, overview: Overview) -> list[tuple[int, int]]:
        """The table rounds of an overview in pages that hold their rows whole: (first, count) per page."""
        widths = self._overview_widths(page.content_width)
        return pages_of([self._overview_row_h(page, story, widths) for story in overview.stories],
                        self._room(page) - self._overview_head(page))

    def _overview(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """A row per table round of the case: its colour and name, its way and ending, leading values, points."""
        lang = self.lang
        widths = self._overview_widths(w)
        lefts = [x + sum(widths[:n]) for n in range(len(widths))]
        heads = ("report.overview.table", "report.overview.way", "report.overview.leading", "report.overview.points")
        for head, left, width in zip(heads, lefts, widths):
            self._lines(page, _(head, lang), left, y, width - 20, self._overview_head(page), "small", "@muted")
        rule = palette(self.app.settings.high_contrast).card_border
        top = y + self._overview_head(page)
        for story in slide.block.stories[slide.rows]:
            row_h = self._overview_row_h(page, story, widths)
            line = page.rect(x, top, w, 0)
            swatch = page.rect(x, top + (row_h - SWATCH + 14) / 2, SWATCH - 14, SWATCH - 14)
            colour = story.colour
            page.decorate(lambda surface, line=line, swatch=swatch, colour=colour: (
                pygame.draw.line(surface, rule, line.topleft, line.topright, 2),
                pygame.draw.rect(surface, colour, swatch)))
            for n, (text, left, width) in enumerate(zip(self._overview_cells(story), lefts, widths)):
                shift = SWATCH if n == 0 else 0
                self._lines(page, text, left + shift, top, width - shift - 20, row_h, "body",
                            "@strong" if n in (0, 3) else "@body", bold=n in (0, 3))
            top += row_h

    # who changed their mind, and the highlights ------------------------------------------------------------
    def _minds_texts(self, minds: MindsBlock, legend: bool) -> list[tuple[str, str, str, bool]]:
        """The words beside a decision's picture: its title, how many of those asked changed their mind, who
        moved, per role, and (with ``legend``) what the letters of those moves stand for: (text, size, style,
        bold) per line."""
        summary = n_("report.minds.summary", minds.changed, self.lang, asked=minds.asked)
        return [(minds.decision, "body", "@strong", True), (summary, "small", "@muted", False),
                *((line, "body", "@body", False) for line in minds.lines),
                *((option, "small", "@muted", False) for option in (minds.legend if legend else ()))]

    def _minds_box_w(self, page: Page, minds: MindsBlock) -> float:
        return max(page.measure(f"{letter}  {max(first, final)}", "body", bold=True)
                   for letter, first, final in minds.columns) + 24

    def _minds_words(self, page: Page, minds: MindsBlock, w: float) -> list[tuple[str, str, str, bool, float]]:
        """Each text beside the picture with the height it takes in the room right of it; the letters' options
        only where the words stay within a page with them."""
        room = w - 2 * self._minds_box_w(page, minds) - MINDS_GAP - 40
        for legend in (True, False):
            words = [(text, size, style, bold, lines_height(page, text, room, style))
                     for text, size, style, bold in self._minds_texts(minds, legend)]
            if sum(height for *_text, height in words) + MINDS_AFTER <= self._room(page, first=False):
                break
        return words

    def _minds_height(self, page: Page, minds: MindsBlock, w: float) -> float:
        """A decision's panel: the picture beside its words, whichever is taller."""
        words = sum(height for *_text, height in self._minds_words(page, minds, w))
        return max(len(minds.columns) * minds_row(page), words) + MINDS_AFTER

    def _minds_pages(self, page: Page, minds: MindsPage) -> list[tuple[int, int]]:
        """The decisions of a case in pages that hold their pictures whole: (first, count) per page."""
        return pages_of([self._minds_height(page, block, page.content_width) for block in minds.blocks],
                        self._room(page, first=False))

    def _minds(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """Per decision a picture from the first vote (left) to the vote after exploring (right): a band for the
        players who stayed, a thicker one in colour for those who moved, and beside it who moved, per role."""
        blocks = slide.block.blocks[slide.rows]
        if not blocks:
            page.text(escape(_("report.minds.none", self.lang)), x, y, w, h, "@card")
            return
        top = y
        for minds in blocks:
            box_w = self._minds_box_w(page, minds)
            self._minds_picture(page, minds, x, top, box_w)
            left = x + 2 * box_w + MINDS_GAP + 40
            line_top = top
            for text, size, style, bold, height in self._minds_words(page, minds, w):
                self._lines(page, text, left, line_top, x + w - left, height, size, style, bold)
                line_top += height
            top += self._minds_height(page, minds, w)

    def _minds_picture(self, page: Page, minds: MindsBlock, x: float, y: float, box_w: float) -> None:
        row_h = minds_row(page)
        box_h = row_h - GAP / 2
        colours = palette(self.app.settings.high_contrast)
        moved = self._colours()[1]
        rows = {letter: number for number, (letter, _first, _final) in enumerate(minds.columns)}
        right = x + box_w + MINDS_GAP
        for number, (letter, first, final) in enumerate(minds.columns):
            row_y = y + number * row_h
            page.label(f"{letter}  {first}", x, row_y, box_w, box_h, "@strong")
            page.label(f"{letter}  {final}", right, row_y, box_w, box_h, "@strong")
        stays = {letter: first - sum(count for before, _after, count in minds.moves if before == letter)
                 for letter, first, _final in minds.columns}
        bands = [(letter, letter, count, colours.card_border) for letter, count in stays.items() if count > 0]
        bands += [(before, after, count, moved) for before, after, count in minds.moves]
        for before, after, count, colour in bands:
            start = page.rect(x + box_w, y + rows[before] * row_h + box_h / 2, 0, 0).topleft
            end = page.rect(right - 4, y + rows[after] * row_h + box_h / 2, 0, 0).topleft
            width = max(2, round(min(24, 5 * count) * page.scale))
            page.decorate(lambda surface, a=start, b=end, c=colour, t=width: pygame.draw.line(surface, c, a, b, t))
        frames = [page.rect(left, y + number * row_h, box_w, box_h)
                  for number in range(len(minds.columns)) for left in (x, right)]
        page.decorate(lambda surface: [pygame.draw.rect(surface, colours.card_border, frame, 2) for frame in frames])

    @staticmethod
    def _prose(items: Iterable[Highlight]) -> str:
        """Highlights as text, each under its title."""
        return "<br><br>".join(f"<b>{escape(item.title)}</b><br>{escape(item.text)}" for item in items)

    def _highlights_pages(self, page: Page, block: HighlightsPage) -> list[tuple[int, int]]:
        """The highlights in pages that hold each whole: (first, count) per page."""
        room = self._body(page, first=False)
        return filled_pages(len(block.items), lambda first, end: page.fits(self._prose(block.items[first:end]),
                                                                           room, "@card"))

    def _cell(self, page: Page, cell: Bar, colour: str, x: float, y: float, w: float, row_h: float) -> None:
        """A count with its share, and a thin bar under it where the row leaves room (the number says it all)."""
        big = row_h >= line_step(page, "@heading") + BAR_ROOM and page.measure(cell.shown, "heading", bold=True) <= w
        style = "@heading" if big else "@strong"
        height = line_step(page, style)
        with_bar = row_h >= height + BAR_ROOM
        if page.measure(cell.shown, "body", bold=True) > w and page.measure(cell.shown, "small") <= w:
            small = page.line_height("@muted")      # a narrow column: a size smaller
            page.label(cell.shown, x, y + (row_h - small) / 2, w, small, "@muted")
            return
        if page.measure(cell.shown, "body", bold=True) > w:   # narrower still: the count and its share apart
            count, share = cell.shown.split(" ", 1)
            count_h, share_h = page.line_height(style), page.line_height("@muted")
            top = y + max(0.0, (row_h - count_h - share_h) / 2)
            page.label(count, x, top, w, count_h, style)
            page.label(share, x, top + count_h, w, share_h, "@muted")
            return
        page.label(cell.shown, x, y + (row_h - height - (BAR_ROOM if with_bar else 0)) / 2, w, height, style)
        if cell.count and with_bar:
            rect = page.rect(x, y + (row_h + height - BAR_ROOM) / 2, max(4, (w - 20) * cell.share), 12)
            page.decorate(lambda surface: pygame.draw.rect(surface, colour, rect))

    # a table's story ---------------------------------------------------------------------------------
    def _story(self, page: Page, slide: Slide, x: float, y: float, w: float, h: float) -> None:
        """A table round: its votes at each decision (the option it followed marked) and its ending on the left;
        its leading values, its route on the map of the case and the points the presenter chose to show on the
        right, each whole, numbered as written."""
        lang, story = self.lang, slide.block
        route, head, shown_map, points, row = self._story_boxes(page, story, Box(x, y, w, h))
        aside = self._ending_aside(page, story, route)
        self._route(page, story, route.x, route.y, route.w, route.h, with_ending=not aside)
        values = self._story_head(page, story, head.w, aside)[0]
        self._lines(page, values, head.x, head.y, head.w, head.h, "body", "@strong", bold=True)
        if shown_map.h:
            self._map(page, story, shown_map.x, shown_map.y, shown_map.w, shown_map.h)
        on_page = list(zip(range(slide.first, slide.first + slide.count), self._points(story)[slide.rows]))
        shown = [index for index, point in on_page if point in self.revealed]
        if story.notes:
            status = n_("plenary.screen.shown", len(story.notes), lang,
                        shown=sum(point in self.revealed for point in self._points(story)))
            reveal = _("plenary.screen.reveal", lang)
            row, button = row.right_part(page.button_width(reveal))
            self._in_a_button_row(page, status, row)
            page.button(reveal, button.x, button.y, button.w, button.h,
                        self.reveal_or_next if len(shown) < len(on_page) else None)
        empty = _("plenary.screen.hidden" if story.notes else "plenary.screen.no_notes", lang)
        markup = self._notes_markup(story, shown) or escape(empty)
        page.text(markup, points.x, points.y, points.w, points.h, "@card")

    def _story_boxes(self, page: Page, story: Story, box: Box) -> tuple[Box, Box, Box, Box, Box]:
        """Where a table round's page puts its parts: its votes and ending on the left; its leading values, its
        map and the box of its points on the right; and the row under them for the points' count and button."""
        box, row = box.above(BUTTON_H)
        route, right = box.split(STORY_LEFT, gap=STORY_GAP)
        aside = self._ending_aside(page, story, route)
        head, rest = right.top(self._story_head(page, story, right.w, aside)[1], gap=GAP / 2)
        shown_map, points = rest.top(MAP_H, gap=GAP / 2)
        if not self._points_fit(page, story, points):     # a large text size: the points take the map's room
            shown_map, points = Box(rest.x, rest.y, rest.w, 0), rest
        return route, head, shown_map, points, row

    def _points_fit(self, page: Page, story: Story, box: Box) -> bool:
        """Whether each point of a table round, and the line said while none is shown, fits ``box`` whole."""
        texts = [self._notes_markup(story, [index]) for index in range(len(story.notes))]
        texts.append(escape(_("plenary.screen.hidden" if story.notes else "plenary.screen.no_notes", self.lang)))
        return all(page.fits(text, box, "@card") for text in texts)

    @staticmethod
    def _notes_markup(story: Story, indexes: Iterable[int]) -> str:
        """Points of a table round as one text, each numbered as written."""
        return "<br><br>".join(f"<b>{index + 1}.</b> {escape(story.notes[index])}" for index in indexes)

    def _ending(self, story: Story) -> str:
        """How a table round ended (or that it played the short plan), under its votes."""
        lang = self.lang
        return (_("plenary.screen.ending", lang, ending=story.ending) if story.ending
                else _("report.story.short_round", lang) if story.plan == KORT else "")

    def _ending_aside(self, page: Page, story: Story, route: Box) -> bool:
        """Whether the ending goes beside the votes, after the leading values: where the votes with their tiles
        on one line leave no room under them for it (a larger text size)."""
        ending = self._ending(story)
        titles = sum(lines_height(page, decision.title, route.w, "@strong") for decision in story.decisions)
        tiles = len(story.decisions) * (self._tile_heights(page)[1] + 14)
        return bool(ending) and titles + tiles + lines_height(page, ending, route.w, "@strong") + 10 > route.h

    def _route(self, page: Page, story: Story, x: float, y: float, w: float, h: float,
               with_ending: bool = True) -> None:
        """Each decision the table voted at: its title and a tile per option with its votes (first › after
        exploring), the option followed in the table's colour; the ending (or 'short plan') under them.

        Where a long way leaves too little room, the line explaining the tiles goes first, then the tiles
        take one line each (letter and votes side by side).
        """
        lang = self.lang
        ending = self._ending(story) if with_ending else ""
        ending_h = lines_height(page, ending, w, "@strong") if ending else 0
        legend = _("plenary.screen.tiles", lang) if story.decisions else ""
        legend_h = lines_height(page, legend, w, "@muted") if legend else 0
        titles = [lines_height(page, decision.title, w, "@strong") for decision in story.decisions]
        room = h - ending_h - 10
        tall, flat = self._tile_heights(page)
        tile_h = tall if sum(titles) + len(titles) * (tall + 14) <= room else flat
        if sum(titles) + len(titles) * (tile_h + 14) + legend_h > room:
            legend, legend_h = "", 0
        top = y
        for decision, title_h in zip(story.decisions, titles):
            self._lines(page, decision.title, x, top, w, title_h, "body", "@strong", bold=True)
            top += title_h
            options = [option for option in decision.options if option.key not in (PASSED, NOT_VOTED)]
            tile_w = w / max(1, len(options))
            voters = sum(option.final for option in decision.options)
            for number, option in enumerate(options):
                self._tile(page, story.colour, decision.revoted, option, voters,
                           (x + number * tile_w, top, tile_w - 12, tile_h))
            top += tile_h + 14
        if legend:
            self._lines(page, legend, x, top, w, legend_h, "small", "@muted")
        if ending:
            self._lines(page, ending, x, max(top + legend_h, y + h - ending_h), w, ending_h, "body", "@strong",
                        bold=True)

    @staticmethod
    def _tile_heights(page: Page) -> tuple[float, float]:
        """An option's tile: its letter over its votes and a bar; or, where a long way needs the room, letter and
        votes on one line over the bar."""
        return (line_step(page, "@strong") + line_step(page, "@muted") + TILE_BAR,
                line_step(page, "@strong") + TILE_BAR)

    def _tile(self, page: Page, colour: str, revoted: bool, option: StoryOption, voters: int,
              box: tuple[float, float, float, float]) -> None:
        """One option at a decision: its letter (ticked where the table followed it), its votes and a bar of its
        share of the votes after exploring, framed in the table's colour where the table followed it."""
        x, y, w, h = box
        votes = f"{option.first} › {option.final}" if revoted else str(option.first)
        letter_h = line_step(page, "@strong")
        if h >= self._tile_heights(page)[0]:
            page.label(option.letter, x + 8, y, w - 16, letter_h, "@strong")
            page.label(votes, x + 8, y + letter_h, w - 16, line_step(page, "@muted"), "@muted")
        else:
            page.label(f"{option.letter}  {votes}", x + 8, y, w - 16, letter_h, "@strong")
        colours = palette(self.app.settings.high_contrast)
        frame = page.rect(x, y, w, h)
        bar = page.rect(x + 8, y + h - 14, (w - 16) * option.final / max(1, voters), 8)
        border = colour if option.followed else colours.card_border
        tick = [(x + w - 46, y + 22), (x + w - 34, y + 34), (x + w - 12, y + 10)]
        ticked = [page.rect(tx, ty, 0, 0).topleft for tx, ty in tick]

        def paint(surface: pygame.Surface) -> None:
            pygame.draw.rect(surface, border, frame, max(2, round((6 if option.followed else 2) * page.scale)))
            if option.final:
                pygame.draw.rect(surface, colour, bar)
            if option.followed:   # a tick drawn, not typed: the screen's font has no check mark
                pygame.draw.lines(surface, colours.text, False, ticked, max(3, round(7 * page.scale)))

        page.decorate(paint)

    def _map(self, page: Page, story: Story, x: float, y: float, w: float, h: float) -> None:
        """The case as a small map (decisions as circles, endings as squares, in columns from the start) with the
        table's way over it in its colour."""
        shown = story.map
        if shown is None:
            return
        colours = palette(self.app.settings.high_contrast)
        area = page.rect(x + 24, y + 24, w - 48, h - 48)
        radius = max(6, round(16 * page.scale))

        def at(node_id: str) -> tuple[int, int]:
            fx, fy = shown.place(shown.node(node_id))
            return round(area.x + fx * area.w), round(area.y + fy * area.h)

        def paint(surface: pygame.Surface) -> None:
            steps = set(story.steps)
            for start, end in shown.edges:
                on_route = (start, end) in steps
                pygame.draw.line(surface, story.colour if on_route else colours.card_border, at(start), at(end),
                                 max(2, round((8 if on_route else 2) * page.scale)))
            for node in shown.nodes:
                centre = at(node.id)
                fill = story.colour if node.id in story.visited else colours.card
                shape = pygame.Rect(0, 0, 2 * radius, 2 * radius)
                shape.center = centre
                if node.ending:
                    pygame.draw.rect(surface, fill, shape)
                    pygame.draw.rect(surface, colours.text, shape, 2)
                else:
                    pygame.draw.circle(surface, fill, centre, radius)
                    pygame.draw.circle(surface, colours.text, centre, radius, 2)

        page.decorate(paint)


def label_width(page: Page, chart: Chart, bars, rows: int, w: float, h: float) -> float:
    """The width of a chart's labels: their usual share of ``w``, more where a label needs more lines than a row of
    ``rows`` in ``h`` holds (a long option alone on its page)."""
    shares = (0.34, 0.44, 0.54) if len(chart.series) > 1 else (0.4, 0.5, 0.6)
    legend = max(page.measure(series.label, "small") for series in chart.series) + 60
    chosen = shares[0]
    for share in shares:
        if (w - w * share) / len(chart.series) < legend:
            break   # the series' names above the bars stay whole
        chosen = share
        needed = max((lines_height(page, bar.label, w * share - 20) for bar in bars), default=0) + 24
        if (h - head_row(page)) / max(1, rows) >= needed:
            break
    return w * chosen


def lines_height(page: Page, text: str, width: float, style: str = "@body") -> float:
    """The height in units ``text`` takes as lines of ``style`` (wrapped to ``width``), each as tall as its font."""
    size, bold = LABEL_FONTS[style]
    return len(wrapped(page, text, width, size, ALL, bold)) * line_step(page, style)


def minds_row(page: Page) -> float:
    """An option's row in the picture of who changed their mind: its letter and votes in a frame."""
    return line_step(page, "@strong") + GAP


def head_row(page: Page) -> float:
    """The row naming a chart's series (or the options, in a table of choices): a line of bold text."""
    return line_step(page, "@strong") + GAP / 2


def line_step(page: Page, style: str) -> float:
    """The height of a line of ``style`` stacked under another, in units of whole pixels (rounded up), so that
    lines never lie over each other on screen."""
    return math.ceil(page.line_height(style) * page.scale) / page.scale


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


def pages_of(heights: list[float], room: float) -> list[tuple[int, int]]:
    """Items of these heights, in order, on pages of ``room`` units that hold each item whole: (first, count) per
    page; an item taller than a page gets a page of its own."""
    pages, first, used = [], 0, 0.0
    for index, height in enumerate(heights):
        if index > first and used + height > room:
            pages.append((first, index - first))
            first, used = index, 0.0
        used += height
    return pages + [(first, len(heights) - first)]


def filled_pages(count: int, fits: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """``count`` items in order on pages, each page taking items while ``fits(first, end)`` says the items from
    ``first`` up to ``end`` fit on it together: (first, count) per page; an item too big for a page gets one of
    its own."""
    pages, first = [], 0
    for end in range(2, count + 1):
        if end - 1 > first and not fits(first, end):
            pages.append((first, end - 1 - first))
            first = end - 1
    return pages + [(first, count - first)]
