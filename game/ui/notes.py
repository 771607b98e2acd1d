"""The discussion points of a round: a scribe types them, edits or removes them until the round ends."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import AddNote, EditNote, RemoveNote
from game.engine.session import MAX_TEXT
from game.i18n import _
from game.ui.page import BUTTON_H, GAP, Box, Page, escape

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene

NOTE_GAP = 12
PER_PAGE = 6
BUTTON_W = 240


class NotesEditor:
    def __init__(self, scene: "RoundScene") -> None:
        self.scene = scene
        self.editing: int | None = None
        self.draft = ""
        self.page_index = 0
        self.text_page = 0   # the page of a point too long for a page of its own
        self.entry = None
        self.keep_focus = False

    def reset(self) -> None:
        self.editing, self.draft, self.page_index, self.text_page, self.entry = None, "", 0, 0, None

    def keep(self) -> None:
        """Save what is being typed, so a rebuild (the clock running out, a language switch) loses nothing."""
        if self.entry is not None and self.entry.alive():
            self.draft = self.entry.get_text()
            self.keep_focus = self.entry.is_focused

    def build(self, page: Page, box: Box) -> None:
        """The editor in ``box``; the points under it, on pages (turned by buttons under them) when they do not
        all fit."""
        box = page.paragraph(escape(_("ui.notes.hint")), box, "@muted_text")
        row, box = box.top(BUTTON_H)
        button_w = max(BUTTON_W, *(page.button_width(_(text)) for text in
                                   ("ui.notes.add", "ui.notes.save", "ui.notes.cancel", "ui.notes.edit",
                                    "ui.notes.remove")))
        field, buttons = row.right_part(2 * button_w + GAP)
        self.entry = page.entry(field.x, field.y, field.w, field.h, self.draft, _("ui.notes.placeholder"),
                                on_enter=self.submit, limit=MAX_TEXT, key="note")
        page.main = "note"  # on the scribe's page the focus starts where the next point is typed
        if self.keep_focus:
            page.manager.set_focus_set(self.entry)
        save = _("ui.notes.save") if self.editing is not None else _("ui.notes.add")
        save_box, cancel_box = buttons.split()
        page.button(save, save_box.x, save_box.y, save_box.w, save_box.h,
                    lambda: self.submit(self.entry.get_text()), "@primary", key="note:save")
        if self.editing is not None:
            page.button(_("ui.notes.cancel"), cancel_box.x, cancel_box.y, cancel_box.w, cancel_box.h, self.cancel)
        notes = self.scene.round.notes
        if not notes:
            page.line(_("ui.notes.none"), box, "@muted")
        text_w = field.w
        needed = [max(BUTTON_H, page.text_height(escape(note.text), text_w, "@card")) for note in notes]
        starts = page.page_starts(box, needed, NOTE_GAP, most=PER_PAGE)
        if len(starts) > 1:
            box, row = box.above(BUTTON_H, gap=GAP / 2)
            starts = page.page_starts(box, needed, NOTE_GAP, most=PER_PAGE)
        self.page_index = min(self.page_index, max(0, len(starts) - 1))
        if len(starts) > 1:
            page.turn_buttons(row, len(starts), self.page_index, self._turn)
        first = starts[self.page_index] if starts else 0
        end = (starts + [len(notes)])[self.page_index + 1] if starts else 0
        heights = self._row_heights(box, needed[first:end])
        for note, height in zip(notes[first:end], heights):
            row, box = box.top(min(height, box.h), gap=NOTE_GAP)
            text, actions = row.left(text_w)
            if height > row.h:  # a point longer than a page (a long paste): read on over pages of its own
                page.reading([escape(note.text)], text, "@card", self.text_page, self._turn_text)
            else:
                page.text(escape(note.text), text.x, text.y, text.w, text.h, "@card")
            edit, remove = Box(actions.x, actions.y, actions.w, BUTTON_H).split()
            page.button(_("ui.notes.edit"), edit.x, edit.y, edit.w, edit.h,
                        lambda n=note: self.edit(n.id, n.text), key=f"note:edit:{note.id}")
            page.button(_("ui.notes.remove"), remove.x, remove.y, remove.w, remove.h,
                        lambda n=note: self.remove(n.id), key=f"note:remove:{note.id}")

    @staticmethod
    def _row_heights(box: Box, needed: list[float]) -> list[float]:
        """The points' rows, evenly tall (up to 150) where that leaves each its text and all fit in ``box``."""
        if not needed:
            return []
        even = min(150.0, (box.h - NOTE_GAP * (len(needed) - 1)) / len(needed))
        stretched = [max(even, height) for height in needed]
        return stretched if sum(stretched) + NOTE_GAP * (len(needed) - 1) <= box.h else needed

    def submit(self, text: str) -> None:
        """Add or save the point; when the engine refuses it, the text stays in the entry."""
        editing = self.editing
        command = EditNote(editing, text) if editing is not None else AddNote(text)
        self._replace_draft("", None)
        self.keep_focus = True
        if editing is None:
            self.page_index = len(self.scene.round.notes)  # past the end: the last page, where the new point is
        if not self.scene.send(command):
            self.editing, self.draft = editing, text
            self.scene.refresh()

    def edit(self, note_id: int, text: str) -> None:
        """Put the point in the entry to change it (what was typed there makes way for it)."""
        self._replace_draft(text, note_id)
        self.keep_focus = True
        self.scene.refresh()

    def cancel(self) -> None:
        self._replace_draft("", None)
        self.scene.refresh()

    def remove(self, note_id: int) -> None:
        if self.editing == note_id:
            self._replace_draft("", None)
        self.scene.send(RemoveNote(note_id))

    def _replace_draft(self, text: str, editing: int | None) -> None:
        self.entry, self.draft, self.editing = None, text, editing

    def _turn(self, index: int) -> None:
        self.page_index, self.text_page = index, 0
        self.scene.refresh()

    def _turn_text(self, index: int) -> None:
        self.text_page = index
        self.scene.refresh()
