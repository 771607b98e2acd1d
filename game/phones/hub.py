"""The bridge between the phones' web server (its own thread) and the loop that owns the session.

The server never touches the session: it hands each phone's action to ``submit`` and waits. The loop
calls ``drain`` every turn; there the action is checked against the state as it is now, turned into
an engine command and executed like a tap on the shared screen (logged and committed), and only then
is the phone's request answered. After every change the loop ``publish``-es the new state, a frozen
snapshot the server reads to answer the phones' questions.
"""
from __future__ import annotations

import queue
import threading
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Callable

from game.engine.commands import Command
from game.engine.state import SessionState
from game.phones.tasks import Refused, command_for
from game.phones.tokens import TablePass

REMEMBERED_REQUESTS = 500  # per player: a request id seen again among these is a replay


@dataclass
class _Request:
    player: int
    action: dict
    answer: Future = field(default_factory=Future)


class PhoneHub:
    """Joined players, the queue of their actions, and the last published state.

    ``execute(command)`` (given to ``drain``) runs one command for the loop and returns None when it was
    done and committed, or the plain reason it was refused.
    """

    def __init__(self, table_pass: TablePass, state: SessionState) -> None:
        self.table_pass = table_pass
        self.state = state
        self.version = 1
        self._queue: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._seen: dict[int, tuple[deque, set]] = {}
        self._listeners: list[Callable[[], None]] = []
        self.wake_loop: Callable[[], None] = lambda: None
        self.reached = False  # a phone has reached the server (the network lets phones through)

    # the server's side ---------------------------------------------------------------------------
    def listen(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (from any thread) whenever the published state or the joined players change."""
        self._listeners.append(listener)

    def joined(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self.table_pass.players)

    def join(self, player: int) -> str:
        """A token for a player who has no phone yet; a second phone for the same player is refused."""
        with self._lock:
            if not 0 <= player < len(self.state.players):
                raise Refused("UNKNOWN_PLAYER", 404)
            if player in self.table_pass.players:
                raise Refused("TAKEN")
            token = self.table_pass.join(player)
        self._changed()
        return token

    def player_of(self, token: str) -> int | None:
        with self._lock:
            return self.table_pass.player_of(token)

    def submit(self, player: int, action: dict, request_id: str) -> Future:
        """Queue a phone's action for the loop; a request id this player used before is a replay, refused."""
        with self._lock:
            order, seen = self._seen.setdefault(player, (deque(), set()))
            if request_id in seen:
                raise Refused("REPLAYED")
            seen.add(request_id)
            order.append(request_id)
            if len(order) > REMEMBERED_REQUESTS:
                seen.discard(order.popleft())
        request = _Request(player, action)
        self._queue.put(request)
        self.wake_loop()
        return request.answer

    # the loop's side ------------------------------------------------------------------------------
    def drain(self, execute: Callable[[Command], str | None], current: Callable[[], SessionState]) -> bool:
        """Carry out the queued actions in order, each checked against the state ``current`` gives after the
        one before; True when any was tried (the screen may have changed)."""
        tried = False
        while True:
            try:
                request = self._queue.get_nowait()
            except queue.Empty:
                return tried
            tried = True
            self.publish(current())
            try:
                if request.player not in self.joined():
                    raise Refused("NOT_JOINED", 401)
                refusal = execute(command_for(self.state, request.player, request.action))
            except Refused as refused:
                request.answer.set_result(refused)
                continue
            self.publish(current())
            request.answer.set_result(None if refusal is None else Refused("ENGINE", 409, refusal))

    def publish(self, state: SessionState) -> None:
        """The loop's current state; phones waiting for a change hear of it."""
        if state is self.state:
            return
        self.state = state
        self._changed()

    def release(self, player: int) -> None:
        """The table frees a player's place: their phone no longer counts, they may join again."""
        with self._lock:
            self.table_pass.release(player)
        self._changed()

    def _changed(self) -> None:
        with self._lock:
            self.version += 1
        for listener in self._listeners:
            listener()
