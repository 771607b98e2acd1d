"""The discussion points of a round: a scribe types them, edits or removes them until the round ends."""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import AddNote, EditNote, RemoveNote
from game.engine.session import MAX_TEXT
from game.i18n import _
from game.ui.page import BUTTON_H, MARGIN, Page, escape

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene

PER_PAGE = 3
BUTTON_W = 240


class NotesEditor:
    def __init__(self, scene: "RoundScene") -> None:
        self.scene = scene
        self.editing: int | None = None
        self.draft = ""
        self.page_index = 0
        self.entry = None
        self.keep_focus = False

    def reset(self) -> None:
        self.editing, self.draft, self.page_index, self.entry = None, "", 0, None

    def keep(self) -> None:
        """Save what is being typed, so a rebuild (the clock running out, a language switch) loses nothing."""
        if self.entry is not None and self.entry.alive():
            self.draft = self.entry.get_text()
            self.keep_focus = self.entry.is_focused

    def build(self, page: Page, top: float) -> list:
        """The editor from ``top`` down; returns the footer buttons that turn its pages."""
        page.label(_("ui.notes.hint"), MARGIN, top, page.content_width, 50, "@muted")
        width = page.content_width - 2 * (BUTTON_W + 20)
        self.entry = page.entry(MARGIN, top + 60, width, BUTTON_H, self.draft, _("ui.notes.placeholder"),
                                on_enter=self.submit, limit=MAX_TEXT, key="note")
        page.main = "note"  # on the scribe's page the focus starts where the next point is typed
        if self.keep_focus:
            page.manager.set_focus_set(self.entry)
        save = _("ui.notes.save") if self.editing is not None else _("ui.notes.add")
        page.button(save, MARGIN + width + 20, top + 60, BUTTON_W, BUTTON_H,
                    lambda: self.submit(self.entry.get_text()), "@primary", key="note:save")
        if self.editing is not None:
            page.button(_("ui.notes.cancel"), MARGIN + width + BUTTON_W + 40, top + 60, BUTTON_W, BUTTON_H,
                        self.cancel)
        notes = self.scene.round.notes
        y = top + 60 + BUTTON_H + 24
        bottom = self.scene.content_bottom(page)
        if not notes:
            page.label(_("ui.notes.none"), MARGIN, y, page.content_width, 56, "@muted")
        row_h = min(150, (bottom - y) / PER_PAGE - 12)
        shown, turns = page.pages(list(notes), PER_PAGE, self.page_index, self._turn)
        for note in shown:
            text_w = page.content_width - 2 * (BUTTON_W + 20)
            page.text(escape(note.text), MARGIN, y, text_w, row_h, "@card")
            page.button(_("ui.notes.edit"), MARGIN + text_w + 20, y, BUTTON_W, min(row_h, BUTTON_H),
                        lambda n=note: self.edit(n.id, n.text), key=f"note:edit:{note.id}")
            page.button(_("ui.notes.remove"), MARGIN + text_w + BUTTON_W + 40, y, BUTTON_W, min(row_h, BUTTON_H),
                        lambda n=note: self.remove(n.id), key=f"note:remove:{note.id}")
            y += row_h + 12
        return turns

    def submit(self, text: str) -> None:
        """Add or save the point; when the engine refuses it, the text stays in the entry."""
        editing = self.editing
        command = EditNote(editing, text) if editing is not None else AddNote(text)
        self._replace_draft("", None)
        self.keep_focus = True
        if editing is None:
            self.page_index = len(self.scene.round.notes) // PER_PAGE
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
        self.page_index = index
        self.scene.refresh()
