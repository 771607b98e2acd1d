"""Drives a session in tests, either in memory or through a real SQLite log with a replay after every command."""
from __future__ import annotations

from pathlib import Path

from game.engine import CaseBook, Session, StartSession
from game.engine.commands import Command
from game.store.log import StoredSession


class Table:
    """A session under test. In 'sqlite' mode every command is logged, the file reopened and
    replayed, and the replayed state must equal the live one before the next command runs."""

    def __init__(self, book: CaseBook, mode: str, folder: Path, start: StartSession) -> None:
        self.book = book
        self.mode = mode
        self.now = 1_000.0
        options = {"clock": self._tick, "new_id": lambda: "sessie-1"}
        if mode == "sqlite":
            self.stored = StoredSession.start(book, start, path=folder / "sessie.dilemma.db", **options)
            self.session = self.stored.session
        else:
            self.stored = None
            self.session = Session(book, **options)
            self.session.execute(start)

    def _tick(self) -> float:
        self.now += 1.0
        return self.now

    @property
    def state(self):
        return self.session.state

    def do(self, *commands: Command) -> list:
        events = []
        for command in commands:
            if self.stored:
                events += self.stored.execute(command)
                self._check_replay()
            else:
                events += self.session.execute(command)
        return events

    def _check_replay(self) -> None:
        path = self.stored.path
        self.stored.close()
        resumed = StoredSession.resume(self.book, path, clock=self._tick, new_id=lambda: "sessie-1")
        assert resumed.state == self.session.state, "the replayed log must give the same state"
        self.stored = resumed
        self.session = resumed.session

    def close(self) -> None:
        if self.stored:
            self.stored.close()
