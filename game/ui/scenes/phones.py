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
from game.ui.page import BUTTON_H, GAP, Box, Page, escape
from game.ui.phones import paint_qr, stop_phones
from game.ui.pictures import SCREEN_ICONS
from game.ui.scenes import BaseScene

PLAYER_MOST = 110  # a player's card: no taller than two lines need, however much room there is


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
        self.players_page = 0

    def screen_key(self) -> tuple:
        return ("phones",)

    def build(self, page: Page) -> None:
        """The code and the address on the left; on the right who has joined (a page at a time where the players
        need more room than there is) and, after a minute without a phone, why that usually is."""
        phones = self.app.phones
        page.header(_("phones.join.title"), _("phones.join.subtitle"), icon=SCREEN_ICONS["phones"])
        self._seen = self._shown()
        left, right = page.content.split(0.5)
        address = escape(_("phones.join.address", address=phones.server.address))
        side = min(left.w, left.h - page.text_height(address, left.w) - GAP)
        code, below = left.top(side)
        area = page.rect(code.x, code.y, side, side)
        page.decorate(lambda surface: paint_qr(surface, area, phones.server.address))
        page.paragraph(address, below)
        if phones.unreached():
            help_text = f"<b>{escape(_('phones.join.unreachable'))}</b>"
            right, help_box = right.above(page.text_height(help_text, right.w, "@error_text"))
            page.text(help_text, help_box.x, help_box.y, help_box.w, help_box.h, "@error_text")
        self._players(page, right)
        go_on = _("phones.join.back_to_round") if self.round_scene else _("phones.join.start")
        page.footer([(_("phones.join.without"), self._without), (go_on, self._to_round)], back=None)

    def _players(self, page: Page, box: Box) -> None:
        """A card per player saying whether their phone joined; tapping a joined one frees that phone."""
        joined = self.app.phones.hub.joined()
        markups = []
        for player in range(len(self.stored.state.players)):
            status = _("phones.join.joined") if player in joined else _("phones.join.not_yet")
            markups.append(f"<b>{escape(player_name(self.stored.state, player))}</b> · {escape(status)}")
        for player, cell in page.card_cells(box, markups, 1, PLAYER_MOST, self.players_page, self._turn_players,
                                            gap=GAP / 2):
            free = (lambda p=player: self._free(p)) if player in joined else None
            page.card(markups[player], cell.x, cell.y, cell.w, cell.h, free, key=f"player:{player}")

    def _turn_players(self, number: int) -> None:
        self.players_page = number
        self.refresh()

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
