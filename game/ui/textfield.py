"""A text field of several lines, for writing more than a line (a learner's reflection).

pygame_gui's ``UITextEntryBox`` already makes Enter a new line; this one adds what the
one-line entry has and the box lacks: a length limit, and deleting or typing over a
selection that does not break the layout (pygame_gui #717: on any row after the first the
layout loses the whole row, and the next letter typed crashes; the same goes for a cut and a
paste). Its text is plain: it is never read as HTML, whatever the writer types.
"""
from __future__ import annotations

import html

from pygame_gui.core.utility import clipboard_copy
from pygame_gui.elements import UITextEntryBox

from game.ui.page import Focusable, Page


class TextField(UITextEntryBox):
    def __init__(self, *args, limit: int, **kwargs) -> None:
        self.limit = limit
        super().__init__(*args, **kwargs)
        self.rebuild_from_changed_theme_data()  # pygame_gui built it with the plain text box's theme

    def set_text(self, text: str, *, text_kwargs=None) -> None:
        """Show ``text`` as it is (pygame_gui would read '&amp;' as '&'), cut at the limit."""
        super().set_text(html.escape(text[:self.limit], quote=False), text_kwargs=text_kwargs)

    def _process_entered_character(self, character: str) -> bool:
        if len(self.html_text) - self._selected_length() >= self.limit:
            return False
        return super()._process_entered_character(character)

    def _insert_line_break_at_edit_cursor(self) -> bool:
        if len(self.html_text) - self._selected_length() >= self.limit:
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
               limit: int) -> TextField:
    """A text field on ``page`` that Tab reaches (and leaves again: Tab is never typed into it)."""
    field = TextField(page.rect(x, y, w, h), manager=page.manager, container=page.root,
                      placeholder_text=placeholder, limit=limit)
    if text:
        field.set_text(text)  # the cursor goes to the end, where writing goes on
    page.focusables.append(Focusable(field, None, placeholder))
    return field
