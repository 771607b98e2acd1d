"""Who may use a table's phone pages: the table's link token and a token per player who joined.

The pass is kept in a small file beside the session's log, never in the log (which holds only what
the table did), so a laptop that restarts after a crash serves the same link on the same port and
knows the same phones. Only a hash of each player's token is kept; the phone holds the token itself.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

PASS_SUFFIX = "-telefoons"
TOKEN_BYTES = 16  # 128 random bits, shown in the link as 22 characters


def pass_file(session_path: Path) -> Path:
    """The file beside a session's log that holds its phones' pass."""
    return session_path.with_name(session_path.name + PASS_SUFFIX)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class TablePass:
    """The table's token (in its link), the port it was served on, and the hash of each joined player's token."""

    table: str
    port: int = 0
    players: dict[int, str] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def for_session(cls, session_path: Path) -> "TablePass":
        """The pass kept beside the session, or a new one (written at once) when there is none or it is unreadable."""
        path = pass_file(session_path)
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            return cls(str(kept["table"]), int(kept["port"]),
                       {int(player): str(digest) for player, digest in kept["players"].items()}, path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            fresh = cls(new_token(), path=path)
            fresh.save()
            return fresh

    def save(self) -> None:
        """Write the pass whole (a crash leaves the old one or the new one), readable by this user only."""
        if self.path is None:
            return
        part = self.path.with_name(self.path.name + ".part")
        content = {"table": self.table, "port": self.port, "players": {str(p): d for p, d in self.players.items()}}
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(content, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, self.path)

    def is_table(self, token: str) -> bool:
        return hmac.compare_digest(token.encode("utf-8", "replace"), self.table.encode())

    def join(self, player: int) -> str:
        """A new token for ``player``; an earlier phone of the same player no longer counts."""
        token = new_token()
        self.players[player] = _digest(token)
        self.save()
        return token

    def release(self, player: int) -> None:
        """Forget the player's phone: they play on the shared screen, or join again."""
        if self.players.pop(player, None) is not None:
            self.save()

    def player_of(self, token: str) -> int | None:
        """The player this token belongs to, or None."""
        digest = _digest(token)
        found = None
        for player, kept in self.players.items():
            if hmac.compare_digest(kept, digest):
                found = player
        return found

    def set_port(self, port: int) -> None:
        if port != self.port:
            self.port = port
            self.save()
