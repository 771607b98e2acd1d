"""A text field of several lines, for writing more than a line (a learner's reflection).

pygame_gui's ``UITextEntryBox`` already makes Enter a new line; this one adds what the
one-line entry has and the box lacks: a length limit, and deleting or typing over a
selection that does not break the layout (pygame_gui #717: on any row after the first the
layout loses the whole row, and the next letter typed crashes; the same goes for a cut and a
paste). Its text is plain: it is never read as HTML, whatever the writer types.

pygame_gui edits the text and its layout (the rows on screen) side by side, and the two can
drift apart: a tap on the placeholder of an empty field puts the cursor at a place in the
placeholder's text, far behind the end of the real (empty) text; a new line there is
silently left out of the layout, and a later letter typed into the gap crashes with
"Failed to insert text at index". The text is what counts, so after every event the cursor
is kept inside the text, and where the layout no longer shows the text it is laid out anew.
"""
from __future__ import annotations

import html
from typing import Callable

from pygame.event import Event
from pygame_gui.core.text import LineBreakLayoutRect, TextLineChunkFTFont
from pygame_gui.core.utility import clipboard_copy
from pygame_gui.elements import UITextEntryBox

from game.ui.page import Focusable, Page

LAYOUT_FAILURES = (RuntimeError, AttributeError, IndexError, ValueError)  # what pygame_gui's layout edits raise


class TextField(UITextEntryBox):
    def __init__(self, *args, limit: int, **kwargs) -> None:
        self.limit = limit
        self.on_full: Callable[[], None] | None = None  # told when a letter, a new line or a paste does not fit
        super().__init__(*args, **kwargs)
        self.rebuild_from_changed_theme_data()  # pygame_gui built it with the plain text box's theme

    def process_event(self, event: Event) -> bool:
        """pygame_gui's handling, then the text made the truth again: the cursor in it, the layout showing it."""
        try:
            consumed = super().process_event(event)
        except LAYOUT_FAILURES:
            consumed = True
            self._lay_out(self.html_text, self.edit_position)
        self._keep_cursor_in_text()
        if self.is_focused and self.text_box_layout is not None and self._shown_text() != self.html_text:
            self._lay_out(self.html_text, self.edit_position)
        return consumed

    def _keep_cursor_in_text(self) -> None:
        end = len(self.html_text)
        if self.edit_position > end or max(self.select_range) > end:
            self.edit_position = min(self.edit_position, end)
            self.select_range = [min(index, end) for index in self.select_range]
            if self.text_box_layout is not None:
                self.text_box_layout.set_cursor_position(self.edit_position)

    def _shown_text(self) -> str:
        """The text as the layout holds it, row by row (a wrapped row keeps its space, a new line is a letter)."""
        return "".join(chunk.text if isinstance(chunk, TextLineChunkFTFont)
                       else "\n" if isinstance(chunk, LineBreakLayoutRect) else ""
                       for row in self.text_box_layout.layout_rows for chunk in row.items)

    def set_text(self, text: str, *, text_kwargs=None) -> None:
        """Show ``text`` as it is (pygame_gui would read '&amp;' as '&'), cut at the limit."""
        if len(text) > self.limit:
            self._full()
        super().set_text(html.escape(text[:self.limit], quote=False), text_kwargs=text_kwargs)

    def _full(self) -> None:
        if self.on_full is not None:
            self.on_full()

    def _is_full(self) -> bool:
        full = len(self.html_text) - self._selected_length() >= self.limit
        if full:
            self._full()
        return full

    def _process_entered_character(self, character: str) -> bool:
        if self._is_full():
            return False
        return super()._process_entered_character(character)

    def _insert_line_break_at_edit_cursor(self) -> bool:
        if self._is_full():
            return False
        if self._selected_length():
            self._replace_selection("\n")
            return True
        return super()._insert_line_break_at_edit_cursor()

    def _selected_length(self) -> int:
        return abs(self.select_range[0] - self.select_range[1])

    def _delete_selected_text(self) -> None:
        self._replace_selection("")

    def _replace_selected_text_with_character(self, character: str) -> None:
        self._replace_selection(character)

    def _do_cut(self) -> None:
        if self._selected_length() and self.ui_manager.copy_text_enabled and self.copy_text_enabled:
            low, high = sorted(self.select_range)
            clipboard_copy(self.html_text[low:high])
            self._replace_selection("")

    def _replace_selection_with_new_pasted_text(self, new_text: str) -> None:
        self._replace_selection(new_text)

    def _set_text_and_adjust_edit_pos_after_paste(self, starting_paste_pos: int, new_text: str) -> None:
        """A paste (without a selection) has already put ``new_text`` into ``html_text``: lay it out anew."""
        self._lay_out(self.html_text, starting_paste_pos + len(new_text))

    def _replace_selection(self, new_text: str) -> None:
        """Replace the selected text by laying the whole text out again (pygame_gui's own way breaks)."""
        low, high = sorted(self.select_range)
        self.select_range = [0, 0]
        self._lay_out(self.html_text[:low] + new_text + self.html_text[high:], low + len(new_text))

    def _lay_out(self, text: str, cursor: int) -> None:
        self.set_text(text)
        self.edit_position = min(cursor, len(self.html_text))
        if self.text_box_layout is not None:
            self.text_box_layout.set_cursor_position(self.edit_position)
        self.cursor_has_moved_recently = True
        self.redraw_from_text_block()


def text_field(page: Page, x: float, y: float, w: float, h: float, text: str, placeholder: str,
               limit: int, key: str) -> TextField:
    """A text field on ``page`` that Tab reaches (and leaves again: Tab is never typed into it)."""
    field = TextField(page.rect(x, y, w, h), manager=page.manager, container=page.root,
                      placeholder_text=placeholder, limit=limit)
    field.on_full = page.full_notice(limit, field)
    if text:
        field.set_text(text)  # the cursor goes to the end, where writing goes on
    page.reach(Focusable(field, None, placeholder, key=key))
    return field
