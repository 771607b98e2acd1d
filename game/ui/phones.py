"""The shared screen's side of the phones: the server started and stopped with the session, the phones' taps
carried out in the loop, the QR code, and how many players are done ('3 van 5 gestemd').

Kept apart from the round's screens: the table scene asks ``on_phone`` who plays a private step on a phone
and shows ``progress_panel`` while the shared screen waits for them.
"""
from __future__ import annotations

import time
from pathlib import Path

import pygame
import segno

from game.engine import CommandRejected
from game.engine.commands import Command
from game.i18n import _, n_
from game.phones.hub import PhoneHub
from game.phones.server import PhoneServer
from game.phones.tasks import WAIT, PhoneViews, progress, task
from game.phones.tokens import TablePass, pass_file
from game.store.log import SessionFileError, StoredSession
from game.ui.cards import player_name
from game.ui.page import MARGIN, Page, escape

UNREACHED_SECONDS = 60  # no phone reached the laptop in this time: the network probably keeps them apart


class PhoneTable:
    """The phones of one table session: their pass, the hub between server and loop, and the server."""

    def __init__(self, app, stored: StoredSession) -> None:
        self.stored = stored
        self.lang = stored.state.lang
        self.hub = PhoneHub(TablePass.for_session(stored.path), stored.state)
        self.server = PhoneServer(self.hub, PhoneViews(app.library, stored.session.book))
        self.hub.wake_loop = app.wake
        self.server.start()
        self.started = time.monotonic()

    def turn(self, now: float) -> bool:
        """Every turn of the loop: carry out the phones' actions (committed before a phone hears 'ontvangen'),
        then tell the phones of any change the table made; True when a phone's action was tried."""
        tried = self.hub.drain(lambda command: self._execute(command, now), lambda: self.stored.state)
        self.hub.publish(self.stored.state)
        return tried

    def _execute(self, command: Command, now: float) -> str | None:
        """None when done and in the log; else why not, for the phone (the shared screen shows nothing of it)."""
        try:
            self.stored.execute(command, now=now)
        except (CommandRejected, SessionFileError) as error:
            return error.message(self.lang)
        return None

    def on_phone(self, player: int) -> bool:
        """The player does the current private step on their phone, not on the shared screen."""
        return player in self.hub.joined() and task(self.stored.state, player) != WAIT

    def unreached(self) -> bool:
        return not self.hub.reached and time.monotonic() - self.started > UNREACHED_SECONDS

    def stop(self) -> None:
        """Stop serving; the phones that wait for a change hear the last state first (the game has ended)."""
        self.hub.publish(self.stored.state)
        self.server.stop()


def start_phones(app, stored: StoredSession) -> str:
    """Start the phones of this session; an empty string when they run, else why not (no network, no port)."""
    stop_phones(app)
    try:
        app.phones = PhoneTable(app, stored)
    except OSError as error:
        app.phones = None
        return error.strerror or str(error)
    return ""


def stop_phones(app, forget: bool = False) -> None:
    """Stop the server (the session ended or the table left it); ``forget``: the table plays on without phones."""
    phones, app.phones = app.phones, None
    if phones:
        phones.stop()
        if forget:
            pass_file(phones.stored.path).unlink(missing_ok=True)


def uses_phones(path: Path) -> bool:
    """The session was set up with phones (their pass lies beside its log): a resume starts them again."""
    return pass_file(path).exists()


def on_phone(app, player: int) -> bool:
    return bool(app.phones) and app.phones.on_phone(player)


def joined(app) -> frozenset[int]:
    """The players who joined with a phone (none when the session does not use phones)."""
    return app.phones.hub.joined() if app.phones else frozenset()


def progress_line(app) -> str:
    """'3 van 5 gestemd': how many are done with the current private step; never what they chose."""
    state = app.phones.stored.state if app.phones else None
    if state is None or state.current is None:
        return ""
    done, count = progress(state)
    return n_(f"phones.table.progress.{state.current.phase}", done, total=count)


def progress_panel(page: Page, app, top: float, bottom: float) -> None:
    """While the shared screen waits for the phones: in large type how many are done, and who is still busy."""
    state = app.phones.stored.state
    busy = ", ".join(player_name(state, p) for p in range(len(state.players)) if on_phone(app, p))
    page.label(_("phones.table.waiting"), MARGIN, top, page.content_width, 56, "@strong")
    page.label(progress_line(app), MARGIN, top + 70, page.content_width, 110, "@title")
    page.text(escape(_("phones.table.busy", names=busy)), MARGIN, top + 200, page.content_width,
              min(160, bottom - top - 200), "@card")


def paint_qr(surface: pygame.Surface, area: pygame.Rect, address: str) -> None:
    """The table's link as a QR code, black on white with its quiet zone, as large as ``area`` allows."""
    code = segno.make(address, error="m", micro=False)
    matrix = code.matrix
    modules = len(matrix) + 8
    size = min(area.width, area.height) // modules
    if size < 1:
        return
    left = area.left + (area.width - size * modules) // 2
    top = area.top + (area.height - size * modules) // 2
    pygame.draw.rect(surface, "white", (left, top, size * modules, size * modules))
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                pygame.draw.rect(surface, "black", (left + (column + 4) * size, top + (row + 4) * size, size, size))
