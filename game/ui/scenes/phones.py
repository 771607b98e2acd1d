"""Joining with phones: the table's QR code and address, who has joined, and a way on without phones.

Shown after the set-up when the table chose phones, and from the round (the 'Telefoons' button) for a
phone that joins late or must be freed. When no phone reaches the laptop within a minute, the screen
says why that usually is (guest Wi-Fi) and offers to go on with the shared screen alone.
"""
from __future__ import annotations

from typing import Callable

from game.i18n import _
from game.store.log import StoredSession
from game.ui.cards import player_name
from game.ui.page import BUTTON_H, MARGIN, Box, Page, escape
from game.ui.phones import paint_qr, stop_phones
from game.ui.scenes import BaseScene

TOP = 175


class PhoneJoinScene(BaseScene):
    def __init__(self, app, stored: StoredSession, round_scene: BaseScene | None = None,
                 round_next: Callable[[], BaseScene] | None = None) -> None:
        """``round_scene``: the round this screen was opened from, and goes back to as it was; ``round_next``:
        after the set-up, makes the round to go into (given by ``game.ui.flows``, so scene modules form no circle)."""
        super().__init__(app)
        self.stored = stored
        self.round_scene = round_scene
        self.round_next = round_next
        self._seen: tuple | None = None

    def screen_key(self) -> tuple:
        return ("phones",)

    def build(self, page: Page) -> None:
        phones = self.app.phones
        page.header(_("phones.join.title"), _("phones.join.subtitle"))
        self._seen = self._shown()
        side = min(page.footer_y - 140 - TOP, page.content_width / 2 - 40)
        area = page.rect(MARGIN, TOP, side, side)
        page.decorate(lambda surface: paint_qr(surface, area, phones.server.address))
        page.text(escape(_("phones.join.address", address=phones.server.address)), MARGIN, TOP + side + 10,
                  page.content_width, 110, "@text")
        x = MARGIN + side + 40
        width = page.width - MARGIN - x
        joined = phones.hub.joined()
        height = min(110, (TOP + side - TOP) / max(1, len(self.stored.state.players)) - 12)
        for player in range(len(self.stored.state.players)):
            status = _("phones.join.joined") if player in joined else _("phones.join.not_yet")
            markup = f"<b>{escape(player_name(self.stored.state, player))}</b> · {escape(status)}"
            y = TOP + player * (height + 12)
            free = (lambda p=player: self._free(p)) if player in joined else None
            page.card(markup, x, y, width, height, free, key=f"player:{player}")
        if phones.unreached():
            page.text(f"<b>{escape(_('phones.join.unreachable'))}</b>", x, TOP + side - 2 * BUTTON_H,
                      width, 2 * BUTTON_H, "@error_text")
        go_on = _("phones.join.back_to_round") if self.round_scene else _("phones.join.start")
        page.footer([(_("phones.join.without"), self._without), (go_on, self._to_round)], back=None)

    def _shown(self) -> tuple:
        phones = self.app.phones
        return phones.hub.joined(), phones.unreached()

    def tick(self, now: float) -> bool:
        """A phone joined, or the minute without any phone passed: show it."""
        if self.app.phones and self._shown() != self._seen:
            self.refresh()
            return True
        return False

    def _free(self, player: int) -> None:
        self.app.phones.hub.release(player)
        self.refresh()

    def _without(self) -> None:
        stop_phones(self.app, forget=True)
        self._to_round()

    def _to_round(self) -> None:
        """Back to the round this screen was opened from, as it was; after the set-up, into the round."""
        if self.round_scene:
            self.app.pop()
        else:
            self.app.replace(self.round_next())

    def back(self) -> None:
        self._to_round()


def phones_toggle(page: Page, scene, box: Box) -> None:
    """The set-up's choice 'Telefoons gebruiken' (``scene.phones``) at the top of ``box``, with what it means."""
    row, rest = box.top(BUTTON_H)
    button, _rest = row.split(0.5, gap=40)
    page.button(_("phones.setup.toggle"), button.x, button.y, button.w, BUTTON_H,
                lambda: scene._set(phones=not scene.phones), "@toggle", selected=scene.phones, key="phones")
    page.paragraph(escape(_("phones.setup.hint")), rest, "@muted_text")
