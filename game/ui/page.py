"""One build of a screen: its elements, laid out on a canvas 1080 units high, and its focus order.

A scene describes its screen by calling the helpers here; the page turns units
into pixels, gives every element the app's manager (never the global default),
and remembers which elements can take the keyboard focus and what they do.
Button actions run after the event that triggered them has been processed, so
an action may rebuild the whole screen safely.

Every element the keyboard reaches has a key that stays the same when the screen is
built again (by default its text; a scene names it where the text changes, as a
chosen card's does, or repeats, as 'Bewerken' beside each point does), and the page
knows its main action: the footer's way forward unless the scene names another.
The app uses both to put the focus where a person expects it (see ``App.rebuild``).
"""
from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import pygame
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.core.utility import clipboard_paste
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game.i18n import _
from game.text import printable
from game.ui.pictures import GAP as PICTURE_GAP, header_icon
from game.ui.shaping import line_height as font_line_height
from game.ui.theme import FONT, font_sizes

if TYPE_CHECKING:
    from game.ui.app import App

Action = Callable[[], None]
MARGIN = 60
TOP_MARGIN = 20
FOOTER_H = 96
FOOTER_BOTTOM = 24
ONE_ROW_FOOTER = 1800  # the content width (16:9, normal text size) where a round's footer fits on one row
BUTTON_H = 88
NOTICE_H = 80
MIN_BUTTON_W = 260
LEAST_BESIDE = 0.3  # a header's texts stand beside a clock or a bar only where this share of the width is left
BUTTON_PADDING = 30  # each side: the theme's 20 units of text padding, the border and some air
PARAGRAPH = "<br><br>"
TRAILING_HEADING = re.compile(r"(?:<br>)*(<b>[^<]*</b>)$")  # a line in bold alone at the end of a text
LEADING_HEADING = re.compile(r"<b>[^<]*</b>(?=<br>|$)")      # ... and at its start
LABEL_FONTS = {"@title": ("title", True), "@heading": ("heading", True), "@question": ("heading", True),
               "@clock": ("clock", True), "@clock_paused": ("clock", False), "@clock_done": ("heading", True),
               "@muted": ("small", False), "@error": ("small", True), "@strong": ("body", True),
               "@body": ("body", False)}


@dataclass
class Focusable:
    """An element the keyboard can reach; ``action`` is None for a text entry."""

    element: object
    action: Action | None
    label: str
    on_enter: Callable[[str], None] | None = None
    primary: bool = False
    key: str = ""


def escape(text: str) -> str:
    """Case text as safe HTML for a text box: markup characters shown as they are, line breaks kept."""
    return html.escape(text.strip(), quote=False).replace("\n\n", "<br><br>").replace("\n", " ")


class ReadingBox(UITextBox):
    """A text box whose scroll bar is wide enough to drag with a finger (pygame_gui fixes it at 20 px)."""

    def __init__(self, *args, bar_width: int, **kwargs) -> None:
        self._bar_width = bar_width
        super().__init__(*args, **kwargs)

    @property
    def scroll_bar_width(self) -> int:
        return self._bar_width

    @scroll_bar_width.setter
    def scroll_bar_width(self, _ignored: int) -> None:
        pass


class EntryLine(UITextEntryLine):
    """A one-line entry where a paste longer than the room left goes in as far as it fits: pygame_gui leaves the
    whole paste out, and the player sees nothing happen. When a letter or a paste does not fit, ``on_full`` says
    so (else the entry would just stop taking letters, with no word why)."""

    on_full: Callable[[], None] | None = None

    def _full(self) -> None:
        if self.on_full is not None:
            self.on_full()

    def _process_entered_character(self, character: str) -> bool:
        if self.length_limit is not None and \
                len(self.text) - abs(self.select_range[0] - self.select_range[1]) >= self.length_limit:
            self._full()
            return False
        return super()._process_entered_character(character)

    def _do_paste(self) -> None:
        pasted = printable(clipboard_paste(), lines=False)
        low, high = sorted(self.select_range) if self.select_range[0] != self.select_range[1] else \
            (self.edit_position, self.edit_position)
        room = self.length_limit - (len(self.text) - (high - low))
        if not (self.ui_manager.paste_text_enabled and self.paste_text_enabled) or len(pasted) <= room:
            super()._do_paste()
            return
        self.set_text(self.text[:low] + pasted[:max(0, room)] + self.text[high:])
        self._full()
        self.select_range = [0, 0]
        self.edit_position = low + max(0, room)  # after what went in, as after any paste
        if self.drawable_shape is not None and self.drawable_shape.text_box_layout is not None:
            self.drawable_shape.text_box_layout.set_cursor_position(self.edit_position)
            self.drawable_shape.apply_active_text_changes()
        self.cursor_has_moved_recently = True


class MeasuringBox(UITextBox):
    """A text box that only lays its text out, to learn the height a box of its width needs: it draws neither
    the text nor the box (half the cost of a shown box, and every screen measures its texts before placing
    them). It takes pygame_gui's own layout, so the height is the one a shown box gets; a test holds the two
    to each other for every text style."""

    @property
    def text_box_layout(self):
        return self.__dict__.get("_measured")

    @text_box_layout.setter
    def text_box_layout(self, layout) -> None:
        if layout is not None:
            layout.finalise_to_new = _draw_nothing  # the rows keep their sizes; no surface is drawn for them
        self.__dict__["_measured"] = layout

    @property
    def shape(self) -> str:
        return "unshaped"  # no background or border is drawn

    @shape.setter
    def shape(self, _ignored: str) -> None:
        pass

    def _setup_final_text_box_image(self, _drawable_area) -> None:
        pass


def _draw_nothing() -> None:
    pass


def text_width(font, text: str) -> int:
    """The width in pixels of ``text`` in ``font``; 0 for a text with nothing to see (a zero-width space or a
    joiner pasted from a chat, alone as a word: the font refuses to measure it and would stop the game)."""
    try:
        return font.size(text)[0]
    except pygame.error:
        return 0


def sentences(markup: str) -> list[tuple[str, str]]:
    """A paragraph cut at its line breaks and after each sentence, each piece with what joined it to the one
    before (a line break or a space): the pieces a long text is spread over pages by."""
    pieces = []
    for line in markup.split("<br>"):
        for number, piece in enumerate(p for p in re.split(r"(?<=[.!?])\s+", line) if p):
            pieces.append((piece, " " if number else "<br>"))
    return pieces


def plain(markup: str) -> str:
    """The text of a bit of HTML, as a screen reader or a test would name the element."""
    return html.unescape(re.sub(r"<br>", " ", re.sub(r"<(?!br>)[^>]+>", "", markup))).strip()


GAP = 20


@dataclass(frozen=True)
class Box:
    """A rectangle on the design canvas, in units: the layout vocabulary. Scenes cut the page's content area
    into rows, columns, grids and splits instead of adding up pixel constants, so a screen of another shape
    or a larger text size moves everything together."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def top(self, height: float, gap: float = GAP) -> tuple["Box", "Box"]:
        """A strip ``height`` high along the top, and what is left below it."""
        height = min(height, self.h)
        return Box(self.x, self.y, self.w, height), Box(self.x, self.y + height + gap, self.w,
                                                         max(0.0, self.h - height - gap))

    def above(self, height: float, gap: float = GAP) -> tuple["Box", "Box"]:
        """What is left above, and a strip ``height`` high along the bottom."""
        rest, strip = self.top(self.h - min(height, self.h) - gap, gap)
        return rest, strip

    def left(self, width: float, gap: float = GAP) -> tuple["Box", "Box"]:
        """A column ``width`` wide on the left, and what is left to its right."""
        width = min(width, self.w)
        return Box(self.x, self.y, width, self.h), Box(self.x + width + gap, self.y,
                                                        max(0.0, self.w - width - gap), self.h)

    def right_part(self, width: float, gap: float = GAP) -> tuple["Box", "Box"]:
        """What is left on the left, and a column ``width`` wide on the right."""
        rest, strip = self.left(self.w - min(width, self.w) - gap, gap)
        return rest, strip

    def split(self, share: float = 0.5, gap: float = GAP) -> tuple["Box", "Box"]:
        """Two columns side by side, the first taking ``share`` of the width."""
        return self.left((self.w - gap) * share, gap)

    def rows(self, count: int, gap: float = GAP, most: float | None = None) -> list["Box"]:
        """``count`` rows of equal height (at most ``most`` units each) from the top."""
        height = (self.h - gap * (count - 1)) / max(1, count)
        height = min(height, most) if most else height
        return [Box(self.x, self.y + i * (height + gap), self.w, height) for i in range(count)]

    def columns(self, count: int, gap: float = GAP) -> list["Box"]:
        width = (self.w - gap * (count - 1)) / max(1, count)
        return [Box(self.x + i * (width + gap), self.y, width, self.h) for i in range(count)]

    def columns_of(self, widths: list[float], gap: float = GAP) -> list["Box"]:
        """Columns of the given ``widths`` side by side from the left, ``gap`` apart."""
        boxes, x = [], self.x
        for width in widths:
            boxes.append(Box(x, self.y, width, self.h))
            x += width + gap
        return boxes

    def grid(self, count: int, columns: int, gap: float = GAP, most: float | None = None) -> list["Box"]:
        """``count`` cells, row by row, in ``columns`` columns (rows at most ``most`` units high)."""
        rows = self.rows(-(-count // columns), gap, most)
        return [cell for row in rows for cell in row.columns(columns, gap)][:count]

    def grown(self, margin: float) -> "Box":
        """This box with ``margin`` more room on every side (a frame drawn around what it holds)."""
        return Box(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def centred(self, width: float, height: float) -> "Box":
        width, height = min(width, self.w), min(height, self.h)
        return Box(self.x + (self.w - width) / 2, self.y + (self.h - height) / 2, width, height)


class Page:
    def __init__(self, app: "App", footer_rows: int | None = None) -> None:
        self.app = app
        self._footer_rows = footer_rows  # None: as the screen's shape and text size suggest
        self.footer_needs: int | None = None  # the rows the footer took, once it is built
        self.manager = app.manager
        self.scale = app.scale
        self.width = app.size[0] / app.scale
        self.height = app.size[1] / app.scale
        self.root = UIContainer(pygame.Rect((0, 0), app.size), self.manager, starting_height=1)
        self.focusables: list[Focusable] = []
        self.main: str | None = None
        self.focus_shown_first = False  # Enter first shows where the focus is, then acts (a choice made unseen)
        self.decorations: list[Callable[[pygame.Surface], None]] = []
        self.scrollable: list[UITextBox] = []
        self._divide()

    def _divide(self) -> None:
        """The page's areas above the footer: all of it, the content under the header, the header's strip."""
        self.area = Box(MARGIN, TOP_MARGIN, self.width - 2 * MARGIN, self.footer_y - GAP - TOP_MARGIN)
        self.content = self._content_area()
        self.band = Box(MARGIN, TOP_MARGIN, self.area.w, self.content.y - GAP - TOP_MARGIN)  # the header's strip

    def _content_area(self) -> Box:
        """Where a screen puts its content, computed once: under the header (a heading with a line under it,
        or a title, whichever is taller at this text size) and above the footer and the notice, if any."""
        header = max(self.line_height("@heading") + self.line_height("@muted"), self.line_height("@title"),
                     self.line_height("@clock"))  # a round's clock stands beside the title
        bottom = self.footer_y - GAP
        if self.app.notice:
            bottom -= self.notice_height() + GAP
        top = TOP_MARGIN + header + GAP
        return Box(MARGIN, top, self.width - 2 * MARGIN, max(0.0, bottom - top))

    def notice_height(self) -> float:
        return max(NOTICE_H, self.text_height(self._notice_markup(), self.width - 2 * MARGIN, "@error_text"))

    def _notice_markup(self) -> str:
        return f"<b>{escape(self.app.notice)}</b>"

    # geometry -----------------------------------------------------------------
    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        s = self.scale
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    @property
    def content_width(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def footer_y(self) -> float:
        """The top of the footer: one row of buttons, two on a narrower screen or at a larger text size (where
        the ways back and forward may not fit side by side)."""
        return self.height - FOOTER_BOTTOM - FOOTER_H * self.footer_rows

    @property
    def footer_rows(self) -> int:
        if self._footer_rows is not None:
            return self._footer_rows
        return 2 if self.width - 2 * MARGIN < ONE_ROW_FOOTER * self.app.settings.text_scale else 1

    def footer_rows_wanted(self) -> int | None:
        """The rows the footer took, where room was kept for another number (None: as kept). The screen is then
        built again with that room: a spare row goes to the content (at a larger text size a page would otherwise
        end a row of text early), and a footer that needs more rows (long names in its buttons) never lies over
        the content."""
        return self.footer_needs if self.footer_needs is not None and self.footer_needs != self.footer_rows else None

    @property
    def _last_row_y(self) -> float:
        return self.height - FOOTER_BOTTOM - FOOTER_H

    # elements -----------------------------------------------------------------
    def label(self, text: str, x: float, y: float, w: float, h: float, style: str = "@body") -> UILabel:
        """One line of text, centred on its row; as tall as its font needs, so it is never cut off."""
        grow = max(0.0, self.line_height(style) - h)
        with warnings.catch_warnings():
            if self.app.settings.text_scale > 1:  # a long line may be clipped at its end then; the layout walk
                warnings.filterwarnings("ignore", "Label Rect is too small", UserWarning)  # finds those
            return UILabel(self.rect(x, y - grow / 2, w, h + grow), readable(text, lines=False),
                           self.manager, container=self.root, object_id=ObjectID(class_id=style))

    def line(self, text: str, box: Box, style: str = "@body") -> tuple[UILabel, Box]:
        """One line of text along the top of ``box``, as tall as its font; returns it and the room below."""
        strip, rest = box.top(self.line_height(style), gap=GAP / 2)
        return self.label(text, strip.x, strip.y, strip.w, strip.h, style), rest

    def paragraph(self, markup: str, box: Box, style: str = "@text") -> Box:
        """A text box along the top of ``box``, as tall as its text needs; returns the room below it."""
        strip, rest = box.top(self.text_height(markup, box.w, style), gap=GAP / 2)
        self.text(markup, strip.x, strip.y, strip.w, strip.h, style)
        return rest

    def line_height(self, style: str = "@body") -> float:
        """The height in units a label of ``style`` needs for one line (accents and descenders included)."""
        key = ("line", style)
        heights = self.app.text_heights
        if key not in heights:
            size, bold = LABEL_FONTS.get(style, ("body", False))
            heights[key] = font_line_height(self._font(size, bold)) / self.scale
        return heights[key]

    def text_height(self, markup: str, width: float, style: str = "@text") -> float:
        """The height in units a text box ``width`` units wide needs to show ``markup`` whole (measured by
        laying it out in the current font, never guessed from letter counts)."""
        key = (markup, round(width * self.scale), style)
        heights = self.app.text_heights
        if key not in heights:
            probe = MeasuringBox(readable(markup), pygame.Rect(0, 0, round(width * self.scale), -1), self.manager,
                                 container=self.root, object_id=ObjectID(class_id=style))
            heights[key] = probe.rect.height / self.scale + 2
            probe.kill()
        return heights[key]

    def fits(self, markup: str, box: Box, style: str = "@text") -> bool:
        return self.text_height(markup, box.w, style) <= box.h

    def reading(self, parts: list[str], box: Box, style: str, current: int, turn: Callable[[int], None],
                whole_parts: bool = False, read_on: bool = False) -> None:
        """Long text given room: the parts (paragraphs, as markup) fill ``box`` page by page, a part that is
        taller than a page going on by sentence, with buttons under the text that turn its pages (with
        ``read_on``, the focus starts on the next page's button until the last page). With
        ``whole_parts`` a part that fits on a page of its own starts a new page rather than being split."""
        pages = self.paginate(parts, box, style, whole_parts)
        if len(pages) > 1:
            box, row = box.above(BUTTON_H, gap=GAP / 2)
            pages = self.paginate(parts, box, style, whole_parts)
            self.turn_buttons(row, len(pages), current, turn, read_on)
        current = min(max(current, 0), len(pages) - 1)
        self.text(pages[current], box.x, box.y, box.w, box.h, style)

    def turn_buttons(self, row: Box, count: int, current: int, turn: Callable[[int], None],
                     read_on: bool = False) -> None:
        """The buttons that turn ``count`` pages, at the right end of ``row``, beside what they turn. With
        ``read_on`` the focus starts on the next page's button until the last page: Enter reads on before it
        does what the screen is for."""
        if read_on and current < count - 1:
            self.main = "page:next"
        turns = self.turns(count, current, turn)
        places = []
        for text, _action, _key in reversed(turns):
            row, button = row.right_part(self.button_width(text))
            places.insert(0, button)
        for (text, action, key), button in zip(turns, places):  # made in reading order: Tab reaches 'Vorige' first
            self.button(text, button.x, button.y, button.w, button.h, action, key=key)

    def paginate(self, parts: list[str], box: Box, style: str, whole_parts: bool = False) -> list[str]:
        """The parts (paragraphs) on pages of ``box``: a part that does not fit in what is left of a page goes
        on by line and sentence, so a page is filled before the next one starts (with ``whole_parts``, a part
        that fits on a page of its own starts the next page instead, and a part that goes on over pages repeats
        its heading on each, marked as going on)."""
        whole = PARAGRAPH.join(parts)
        if self.fits(whole, box, style):  # most often all of it fits: one measure, likely made already
            return [whole]
        pages = [""]

        def add(piece: str, joint: str, going_on: str = "") -> None:
            together = pages[-1] + joint + piece if pages[-1] else piece
            if pages[-1] and not self.fits(together, box, style):
                heading = TRAILING_HEADING.search(pages[-1])  # a heading goes on with what it heads
                if heading and heading.start(1) > 0 and self.fits(heading[1] + joint + piece, box, style):
                    pages[-1], piece = pages[-1][:heading.start()], heading[1] + joint + piece
                if going_on and self.fits(going_on + "<br>" + piece, box, style):
                    piece = going_on + "<br>" + piece
                pages.append(piece)
            else:
                pages[-1] = together

        for part in parts:
            if self.fits(pages[-1] + PARAGRAPH + part, box, style):
                pages[-1] = pages[-1] + PARAGRAPH + part if pages[-1] else part
                continue
            if whole_parts and pages[-1] and self.fits(part, box, style):
                pages.append(part)
                continue
            heading = LEADING_HEADING.match(part) if whole_parts else None
            going_on = f"{heading[0]} {escape(_('ui.page.going_on'))}" if heading else ""
            for number, (piece, joint) in enumerate(sentences(part)):
                add(piece, PARAGRAPH if number == 0 else joint, going_on if number else "")
        return pages

    def text(self, markup: str, x: float, y: float, w: float, h: float, style: str = "@text") -> UITextBox:
        box = ReadingBox(readable(markup), self.rect(x, y, w, h), self.manager, container=self.root,
                         object_id=ObjectID(class_id=style), bar_width=max(48, round(56 * self.scale)))
        if box.scroll_bar is not None:
            self.scrollable.append(box)
        return box

    def button(self, text: str, x: float, y: float, w: float, h: float, action: Action | None,
               style: str = "@button", enabled: bool = True, selected: bool = False,
               key: str | None = None) -> UIButton:
        shown = readable(_("ui.chosen", text=text) if selected else text, lines=False)
        button = UIButton(self.rect(x, y, w, h), shown, self.manager, container=self.root,
                          object_id=ObjectID(class_id=style), command=self._deferred(action))
        if selected:
            button.select()
        if not enabled or action is None:
            button.disable()
        else:
            self.reach(Focusable(button, action, shown, primary=style == "@primary", key=key or text))
        return button

    def card(self, markup: str, x: float, y: float, w: float, h: float, action: Action | None,
             style: str = "@card", key: str | None = None) -> UIButton:
        """A tappable card with wrapped text: a text box with an invisible button over it."""
        self.text(markup, x, y, w, h, style)
        overlay = UIButton(self.rect(x, y, w, h), "", self.manager, container=self.root, starting_height=3,
                           object_id=ObjectID(class_id="@overlay"), command=self._deferred(action))
        if action is None:
            overlay.disable()
        else:
            self.reach(Focusable(overlay, action, plain(markup), key=key or plain(markup)))
        return overlay

    def entry(self, x: float, y: float, w: float, h: float, text: str = "", placeholder: str = "",
              on_enter: Callable[[str], None] | None = None, limit: int = 200,
              key: str | None = None) -> UITextEntryLine:
        entry = EntryLine(self.rect(x, y, w, h), self.manager, container=self.root, placeholder_text=placeholder)
        entry.set_text_length_limit(limit)
        entry.on_full = self.full_notice(limit, entry)
        if text:
            entry.set_text(text)  # the cursor goes to the end, where typing goes on
        self.reach(Focusable(entry, None, placeholder, on_enter, key=key or placeholder))
        return entry

    # the keyboard's way through the page ------------------------------------------------
    def reach(self, item: Focusable) -> None:
        """Let the keyboard reach ``item``; a key already taken on this page gets a number (``key#2``)."""
        taken = {focusable.key for focusable in self.focusables}
        key, count = item.key, 1
        while key in taken:
            count += 1
            key = f"{item.key}#{count}"
        item.key = key
        self.focusables.append(item)

    def key_of(self, element) -> str | None:
        """The key of ``element``, if the keyboard reaches it on this page."""
        return next((item.key for item in self.focusables if item.element is element), None)

    def index_of(self, key: str | None) -> int | None:
        return next((i for i, item in enumerate(self.focusables) if item.key == key), None)

    def main_index(self) -> int | None:
        """Where the focus starts on this screen: the named main action, else the first way forward, else the
        first choice it offers (an option, a setting, a card; before the buttons that turn its pages)."""
        found = self.index_of(self.main)
        if found is None:
            found = next((i for i, item in enumerate(self.focusables) if item.primary), None)
        if found is None:
            choices = [i for i, item in enumerate(self.focusables) if item.action is not None]
            found = next((i for i in choices if not self.focusables[i].key.startswith("page:")),
                         choices[0] if choices else None)
        return found

    def decorate(self, paint: Callable[[pygame.Surface], None]) -> None:
        """Something drawn under the elements (lines, shapes), in pixels."""
        self.decorations.append(paint)

    def scroll(self, pages: float) -> bool:
        """Scroll the largest text that does not fit (Page Up / Page Down); True if one moved."""
        if not self.scrollable:
            return False
        box = max(self.scrollable, key=lambda b: b.rect.width * b.rect.height)
        bar = box.scroll_bar
        bar.set_scroll_from_start_percentage(bar.start_percentage + pages * bar.visible_percentage * 0.9)
        return True

    def full_notice(self, limit: int, field) -> Callable[[], None]:
        """What ``field`` calls when a letter or a paste does not fit: a notice saying how much it holds (until
        a letter is taken out of that field again)."""
        return lambda: self.app.later(lambda: self.app.tell_full(_("ui.field_full", limit=limit), field))

    def _deferred(self, action: Action | None) -> Callable[[], None] | None:
        if action is None:
            return None
        return lambda: self.app.later(action)

    # common parts ---------------------------------------------------------------
    def header(self, title: str, subtitle: str = "", right_space: float = 0, icon: str | None = None) -> None:
        """The screen's title (a heading with a line under it when there is a subtitle), above the content; with
        ``icon``, the icon of the step before them, smaller or left out where the texts would not fit beside it
        (an icon never cuts a text short). A title or subtitle too long for one line goes on over the next: the
        content then starts lower, never is a header text shortened."""
        room = self.content_width - right_space
        beside = room >= self.content_width * LEAST_BESIDE  # else the texts start under what stands at the right
        size = "heading" if subtitle else "title"
        longest = max(self.measure(title, size, bold=True), self.measure(subtitle, "small") if subtitle else 0)
        icon_size = next((s for s in ((116 if subtitle else 100), 64) if longest + s + PICTURE_GAP <= room), None)
        if icon_size is None and self._lines_beside(title, subtitle, size, room, 64) == \
                self._lines_beside(title, subtitle, size, room, 0):  # texts that wrap anyway: as many lines beside it
            icon_size = 64
        left = MARGIN + (header_icon(self, icon, MARGIN, TOP_MARGIN, icon_size) if beside and icon and icon_size
                         else 0)
        width = room - (left - MARGIN)
        strip = self.band.bottom + GAP  # beside ``right_space`` (a round's clock, a preview's bar): only this high
        below = self.content.y  # under it, across the whole width: lower where what stands at the right reaches
        box = Box(left, TOP_MARGIN if beside else below, width, self.height)
        texts = [(title, "@heading" if subtitle else "@title", size, True), (subtitle, "@muted", "small", False)]
        for text, style, font_size, bold in texts:
            words = printable(text, lines=False).split()
            while words:
                too_wide = self.measure(words[0], font_size, bold) + 8 > width
                if box.y < strip and too_wide or strip <= box.y < below:
                    box = Box(box.x, below, box.w, box.h)  # on under what stands at the right
                line_w = width if box.y < strip else width + right_space
                line, words = self.first_line(words, line_w, font_size, bold)
                _label, box = self.line(line, Box(box.x, box.y, line_w, box.h), style)
        self.content_below(box.y)  # two lines end where the content starts; more push it down

    def _lines_beside(self, title: str, subtitle: str, size: str, room: float, icon_size: float) -> int:
        """How many lines the header's texts take in ``room`` beside an icon ``icon_size`` wide (0: none)."""
        width = room - (icon_size + PICTURE_GAP if icon_size else 0)
        count = 0
        for text, font_size, bold in ((title, size, True), (subtitle, "small", False)):
            words = printable(text, lines=False).split()
            while words:
                _line, words = self.first_line(words, width, font_size, bold)
                count += 1
        return count

    def content_below(self, bottom: float) -> None:
        """Something in the header reaches down to ``bottom``: the content starts there, not higher."""
        if bottom > self.content.y:
            self.content = Box(self.content.x, bottom, self.content.w, max(0.0, self.content.bottom - bottom))

    def first_line(self, words: list[str], width: float, size: str, bold: bool = False) -> tuple[str, list[str]]:
        """As many of ``words`` as fit on a line ``width`` units wide (at least one), and the words left over."""
        count = 1
        while count < len(words) and self.measure(" ".join(words[:count + 1]), size, bold) + 8 <= width:
            count += 1
        return " ".join(words[:count]), words[count:]

    def measure(self, text: str, size: str, bold: bool = False) -> float:
        """The width in units a label needs to show ``text`` on one line, whole."""
        return text_width(self._font(size, bold), readable(text, lines=False)) / self.scale + 16

    def _font(self, size: str, bold: bool):
        fonts = self.manager.get_theme().get_font_dictionary()
        return fonts.find_font(font_sizes(self.scale, self.app.settings.text_scale)[size], FONT, bold=bold)

    def fitted(self, text: str, width: float, size: str, bold: bool = False) -> str:
        """``text`` shortened with '…' where it would not fit on one line of ``width`` units (control characters,
        which a font cannot measure, left out as on screen)."""
        text = printable(text, lines=False)
        font = self._font(size, bold)
        room = (width - 24) * self.scale  # the label's own margins, and a little air
        if text_width(font, text) <= room:
            return text
        while text and text_width(font, text + "…") > room:
            text = text[:-1]
        return text.rstrip() + "…"

    def footer(self, actions: list[tuple], back: tuple[str, Action] | None = None,
               primary_last: bool = True, aside: tuple[str, Action] | None = None) -> None:
        """Buttons along the bottom: a way back (and ``aside``) on the left, the way forward on the right.

        An action is ``(text, action)`` or ``(text, action, key)``; the way forward is the page's main
        action unless the scene named another.
        """
        sides = [side for side in (back, aside) if side]
        widths = [min(self.button_width(text), self.content_width) for text, *_rest in actions]
        rows = self._action_rows(widths)
        sides_w = sum(self.button_width(text) + 24 for text, _action in sides)
        top_used = sum(widths[i] + 24 for i in rows[0]) if rows else 0
        sides_apart = bool(sides) and top_used + sides_w > self.content_width  # on a row of their own above
        self.footer_needs = max(1, len(rows) + sides_apart)
        if self.footer_rows_wanted() and not self.root.elements:  # built first: the content takes the room at once
            self._footer_rows = self.footer_needs
            self._divide()
        bottom = self._last_row_y
        x, y = MARGIN, bottom - FOOTER_H * (max(0, len(rows) - 1) + sides_apart)
        for text, action in sides:
            self.button(text, x, y, self.button_width(text), BUTTON_H, action)
            x += self.button_width(text) + 24
        for number, row in enumerate(rows):
            y = bottom - FOOTER_H * (len(rows) - 1 - number)
            x = self.width - MARGIN - sum(widths[i] for i in row) - 24 * (len(row) - 1)
            for index in row:
                text, action, *key = actions[index]
                primary = primary_last and index == len(actions) - 1
                self.button(text, x, y, widths[index], BUTTON_H, action, "@primary" if primary else "@button",
                            key=key[0] if key else None)
                if primary and action is not None and self.main is None:
                    self.main = self.focusables[-1].key
                x += widths[index] + 24
        if self.app.notice:
            height = self.notice_height()
            self.text(self._notice_markup(), MARGIN, self.footer_y - height - GAP / 2, self.content_width, height,
                      "@error_text")

    def _action_rows(self, widths: list[float]) -> list[list[int]]:
        """The footer's actions in rows, right-aligned, the last (the way forward) at the bottom right: as many as
        fit on the bottom row, the rest on rows above it."""
        rows: list[list[int]] = []
        for index in reversed(range(len(widths))):
            if rows and sum(widths[i] + 24 for i in rows[0]) + widths[index] <= self.content_width:
                rows[0].insert(0, index)
            else:
                rows.insert(0, [index])
        return rows

    def button_width(self, text: str) -> float:
        """Room for a bold button text at the current text size, measured in the button's font."""
        return max(MIN_BUTTON_W, self.measure(text, "body", bold=True) + 2 * BUTTON_PADDING)

    def turns(self, count: int, current: int, turn: Callable[[int], None]) -> list:
        """The buttons that turn ``count`` pages, as (text, action, key) (none for one page)."""
        if count <= 1:
            return []
        return [(_("ui.previous"), (lambda: turn(current - 1)) if current > 0 else None, "page:previous"),
                (_("ui.next_page", page=current + 1, pages=count),
                 (lambda: turn(current + 1)) if current < count - 1 else None, "page:next")]

    def card_cells(self, box: Box, markups: list[str], columns: int, most: float, current: int,
                   turn: Callable[[int], None], gap: float = GAP, style: str = "@card") -> list[tuple[int, Box]]:
        """Where cards go in a grid: each row as tall as its cards' text needs (sharing what is left, up to
        ``most``); when they do not all fit, fewer a page (page ``current``), with buttons under them that turn
        the pages; a card too tall for a page gets the whole width. Returns (index of the card, its box)."""
        if not markups:
            return []
        width = box.columns(columns, gap)[0].w
        if columns > 1 and self.longest_word(markups, style) > width - 2 * BUTTON_PADDING:  # no word broken in two
            return self.card_cells(box, markups, columns - 1, most, current, turn, gap, style)
        needed = [self.text_height(markup, width, style) for markup in markups]
        if columns > 1 and max(needed) > box.h - BUTTON_H - GAP:
            return self.card_cells(box, markups, 1, most, current, turn, gap, style)
        shown = list(range(len(markups)))
        if self.per_page(box, needed, gap, columns) < len(markups):
            box, row = box.above(BUTTON_H, gap=GAP / 2)
            starts = self.page_starts(box, needed, gap, columns)
            current = min(max(current, 0), len(starts) - 1)
            self.turn_buttons(row, len(starts), current, turn)
            shown = shown[starts[current]:(starts + [len(markups)])[current + 1]]
        rows = [shown[first:first + columns] for first in range(0, len(shown), columns)]
        row_needs = [max(needed[i] for i in row) for row in rows]
        spare = max(0.0, box.h - sum(row_needs) - gap * (len(rows) - 1)) / len(rows)
        cells, y = [], box.y
        for row, need in zip(rows, row_needs):
            height = max(need, min(need + spare, most))
            cells += zip(row, Box(box.x, y, box.w, height).columns(columns, gap))
            y += height + gap
        return cells

    def longest_word(self, markups: list[str], style: str) -> float:
        """The width in units of the widest word in these texts, in body type (bold where a text has bold in it:
        its heading)."""
        words = {(word, "<b>" in markup) for markup in markups for word in plain(markup).split()}
        return max((self.measure(word, "body", bold=bold) for word, bold in words), default=0.0)

    def page_starts(self, box: Box, heights: list[float], gap: float = GAP, columns: int = 1,
                    most: int | None = None) -> list[int]:
        """Where each page of these items begins: a page holds as many as fit from its first one (at most
        ``most``), so a page of taller items holds fewer (never one cut off)."""
        starts, first = [], 0
        while first < len(heights):
            starts.append(first)
            fitting = self.per_page(box, heights[first:], gap, columns)
            first += min(fitting, most) if most else fitting
        return starts

    def per_page(self, box: Box, heights: list[float], gap: float = GAP, columns: int = 1) -> int:
        """How many items of these heights (in the order given, ``columns`` to a row) fit in ``box``: a page
        shows fewer items rather than cutting one off."""
        fitted, used = 0, 0.0
        for row in range(0, len(heights), columns):
            tallest = max(heights[row:row + columns])
            if fitted and used + tallest > box.h:
                break
            used += tallest + gap
            fitted = min(len(heights), row + columns)
        return max(1, fitted)


RIGHT_TO_LEFT = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]"  # Hebrew, Arabic and their forms
FIRST_RIGHT_TO_LEFT = "\u0590"  # no letter below it is written from right to left
# Hebrew points, which the visual order puts before their letter: SDL_ttf, laying the line out from left to right,
# sets a mark on the letter before it, so each goes back after its own letter
MARKS_BEFORE_LETTER = "([\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]+)(.)"


def readable(text: str, lines: bool = True) -> str:
    """``printable`` text in the order the eye reads it on screen. SDL_ttf lays every line out from left to right,
    so a run of Hebrew or Arabic (a player's name) is put in visual order first, Arabic letters in their joined
    forms; the rest of a line keeps its order. Only for showing: what is stored and typed stays as it was."""
    text = printable(text, lines)
    if max(text, default="") < FIRST_RIGHT_TO_LEFT or not re.search(RIGHT_TO_LEFT, text):  # compiled when first met
        return text
    from arabic_reshaper import reshape  # only where such a text is shown: not at start-up (it leaves out
    from bidi import get_display         # Arabic vowel marks, which the joined forms have no place for)
    return "\n".join(re.sub(MARKS_BEFORE_LETTER, lambda m: m[2] + m[1][::-1], get_display(reshape(line), base_dir="L"))
                     for line in text.split("\n"))


def tension(sides) -> str:
    """The two sides of a dilemma on one line."""
    return _("ui.tension", a=sides[0].text, b=sides[1].text)
