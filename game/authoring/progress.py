"""Progress of long jobs on stderr, so that stdout keeps only the results (and stays pipeable)."""
from __future__ import annotations

import sys

from game.i18n import _


class Progress:
    """Counts finished items and says how far it is every ``every`` items (and never for small jobs)."""

    def __init__(self, message_id: str, every: int, total: int | None = None) -> None:
        self.message_id = message_id
        self.every = every
        self.total = total
        self.done = 0

    def step(self, *_finished: object) -> None:
        """One more item done (the finished item itself is not needed, so this fits any callback)."""
        self.done += 1
        if self.done % self.every == 0 and self.done != self.total:
            print(_(self.message_id, done=self.done, total=self.total), file=sys.stderr, flush=True)
