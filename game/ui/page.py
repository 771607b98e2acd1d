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
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game.i18n import _
from game.text import printable
from game.ui.pictures import GAP, header_icon
from game.ui.theme import FONT, font_sizes

if TYPE_CHECKING:
    from game.ui.app import App

Action = Callable[[], None]
MARGIN = 60
HEADER_H = 150
FOOTER_H = 96
BUTTON_H = 88
NOTICE_H = 80


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


def plain(markup: str) -> str:
    """The text of a bit of HTML, as a screen reader or a test would name the element."""
    return html.unescape(re.sub(r"<br>", " ", re.sub(r"<(?!br>)[^>]+>", "", markup))).strip()


class Page:
    def __init__(self, app: "App") -> None:
        self.app = app
        self.manager = app.manager
        self.scale = app.scale
        self.width = app.size[0] / app.scale
        self.height = app.size[1] / app.scale
        self.root = UIContainer(pygame.Rect((0, 0), app.size), self.manager, starting_height=1)
        self.focusables: list[Focusable] = []
        self.main: str | None = None
        self.decorations: list[Callable[[pygame.Surface], None]] = []
        self.scrollable: list[UITextBox] = []

    # geometry -----------------------------------------------------------------
    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        s = self.scale
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    @property
    def content_width(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def footer_y(self) -> float:
        return self.height - FOOTER_H - 24

    # elements -----------------------------------------------------------------
    def label(self, text: str, x: float, y: float, w: float, h: float, style: str = "@body") -> UILabel:
        """One line of text, centred on its row; taller for a larger text size, so it is never cut off."""
        grow = self.app.settings.text_scale
        with warnings.catch_warnings():
            if grow > 1:  # a long line may be clipped at its end then; at the normal size the tests forbid it
                warnings.filterwarnings("ignore", "Label Rect is too small", UserWarning)
            return UILabel(self.rect(x, y - h * (grow - 1) / 2, w, h * grow), printable(text, lines=False),
                           self.manager, container=self.root, object_id=ObjectID(class_id=style))

    def text(self, markup: str, x: float, y: float, w: float, h: float, style: str = "@text") -> UITextBox:
        box = ReadingBox(printable(markup), self.rect(x, y, w, h), self.manager, container=self.root,
                         object_id=ObjectID(class_id=style), bar_width=max(48, round(56 * self.scale)))
        if box.scroll_bar is not None:
            self.scrollable.append(box)
        return box

    def button(self, text: str, x: float, y: float, w: float, h: float, action: Action | None,
               style: str = "@button", enabled: bool = True, selected: bool = False,
               key: str | None = None) -> UIButton:
        shown = printable(_("ui.chosen", text=text) if selected else text, lines=False)
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
        entry = UITextEntryLine(self.rect(x, y, w, h), self.manager, container=self.root,
                                placeholder_text=placeholder)
        entry.set_text_length_limit(limit)
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

    def index_of(self, key: str | None) -> int | None:
        return next((i for i, item in enumerate(self.focusables) if item.key == key), None)

    def main_index(self) -> int | None:
        """Where the focus starts on this screen: the named main action, else the first way forward, else nowhere
        (then the first Tab or Enter shows where the focus is before anything happens)."""
        found = self.index_of(self.main)
        if found is None:
            found = next((i for i, item in enumerate(self.focusables) if item.primary), None)
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

    def _deferred(self, action: Action | None) -> Callable[[], None] | None:
        if action is None:
            return None
        return lambda: self.app.later(action)

    # common parts ---------------------------------------------------------------
    def header(self, title: str, subtitle: str = "", right_space: float = 0, icon: str | None = None) -> None:
        """The screen's title (and subtitle) at the top; with ``icon``, the icon of the step before them, smaller
        or left out where the texts would not fit beside it (an icon never cuts a text short)."""
        room = self.content_width - right_space
        longest = max(self.measure(title, "heading" if subtitle else "title", bold=True),
                      self.measure(subtitle, "small") if subtitle else 0)
        size = next((size for size in ((116 if subtitle else 100), 64) if longest + size + GAP <= room), None)
        left = MARGIN + (header_icon(self, icon, MARGIN, 24, size) if icon and size else 0)
        width = room - (left - MARGIN)
        self.label(self.fitted(title, width, "heading" if subtitle else "title", bold=True), left, 24, width,
                   70 if subtitle else 100, "@heading" if subtitle else "@title")
        if subtitle:
            self.label(self.fitted(subtitle, width, "small"), left, 92, width, 48, "@muted")

    def measure(self, text: str, size: str, bold: bool = False) -> float:
        """The width in units a label needs to show ``text`` on one line, whole."""
        return self._font(size, bold).size(printable(text, lines=False))[0] / self.scale + 16

    def _font(self, size: str, bold: bool):
        fonts = self.manager.get_theme().get_font_dictionary()
        return fonts.find_font(font_sizes(self.scale, self.app.settings.text_scale)[size], FONT, bold=bold)

    def fitted(self, text: str, width: float, size: str, bold: bool = False) -> str:
        """``text`` shortened with '…' where it would not fit on one line of ``width`` units (control characters,
        which a font cannot measure, left out as on screen)."""
        text = printable(text, lines=False)
        font = self._font(size, bold)
        room = width * self.scale - 16 * self.scale
        if font.size(text)[0] <= room:
            return text
        while text and font.size(text + "…")[0] > room:
            text = text[:-1]
        return text.rstrip() + "…"

    def footer(self, actions: list[tuple], back: tuple[str, Action] | None = None,
               primary_last: bool = True, aside: tuple[str, Action] | None = None) -> None:
        """Buttons along the bottom: a way back (and ``aside``) on the left, the way forward on the right.

        An action is ``(text, action)`` or ``(text, action, key)``; the way forward is the page's main
        action unless the scene named another.
        """
        y = self.footer_y
        x = MARGIN
        for text, action in [side for side in (back, aside) if side]:
            self.button(text, x, y, self.button_width(text), BUTTON_H, action)
            x += self.button_width(text) + 24
        right = self.width - MARGIN
        widths = [self.button_width(text) for text, *_rest in actions]
        x = right - sum(widths) - 24 * (len(widths) - 1)
        for index, ((text, action, *key), w) in enumerate(zip(actions, widths)):
            primary = primary_last and index == len(actions) - 1
            self.button(text, x, y, w, BUTTON_H, action, "@primary" if primary else "@button",
                        key=key[0] if key else None)
            if primary and action is not None and self.main is None:
                self.main = self.focusables[-1].key
            x += w + 24
        notice = self.app.notice
        if notice:
            self.text(f"<b>{escape(notice)}</b>", MARGIN, y - NOTICE_H - 6, self.content_width, NOTICE_H,
                      "@error_text")

    def button_width(self, text: str) -> float:
        """Room for a bold button text at the current text size (about 0.6 em a letter)."""
        return max(260.0, 70 + 0.6 * 34 * self.app.settings.text_scale * len(text))

    def pages(self, items: list, per_page: int, current: int, turn: Callable[[int], None]) -> tuple[list, list]:
        """The items on the current page, and the footer buttons that turn pages (none for one page)."""
        count = max(1, -(-len(items) // per_page))
        current = min(max(current, 0), count - 1)
        turns = []
        if count > 1:
            turns = [(_("ui.previous"), (lambda: turn(current - 1)) if current > 0 else None, "page:previous"),
                     (_("ui.next_page", page=current + 1, pages=count),
                      (lambda: turn(current + 1)) if current < count - 1 else None, "page:next")]
        return items[current * per_page:(current + 1) * per_page], turns


def text_height(box: UITextBox, page: Page) -> float:
    """The height in units ``box`` needs to show all its text, padding and border included (its own height
    when the text does not fit and scrolls)."""
    layout = box.text_box_layout
    if box.scroll_bar is not None or layout is None or not layout.layout_rows:
        return box.rect.height / page.scale
    text = layout.layout_rows[-1].bottom - layout.layout_rect.top
    return (text + box.rect.height - box.text_wrap_rect.height) / page.scale


def tension(sides) -> str:
    """The two sides of a dilemma on one line."""
    return _("ui.tension", a=sides[0].text, b=sides[1].text)
