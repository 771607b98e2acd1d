"""Child process of the kill -9 test with phones: a table whose game runs its real loop until it is killed.

``start``: a new session with phones, at its hidden vote; ``resume``: the game started again, resuming the
first game it offers, as a facilitator would after a crash. Prints the phones' address, then runs.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("DILEMMASPEL_PHONES_HOST", "127.0.0.1")

from game.app import open_library, start_session  # noqa: E402
from game.engine import AdvancePhase, DrawRole, StartSession  # noqa: E402
from game.ui import flows  # noqa: E402
from tests.ui.harness import Table  # noqa: E402
from tests.ui.play import Player  # noqa: E402

NAMES = ("Anna", "Bert", "Cor", "Dina", "Eef")


def main(folder: Path, mode: str) -> None:
    t = Table(folder, open_library())
    if mode == "start":
        stored = start_session(t.app.library, StartSession(NAMES, ("hygiene-normen",), seed=5),
                               folder=folder / "sessions")
        for player in range(len(NAMES)):
            stored.execute(DrawRole(player))
        stored.execute(AdvancePhase())   # to the values (aloud)
        stored.execute(AdvancePhase())   # to the hidden vote
        flows.table(t.app, stored, with_phones=True)
    else:
        Player(t).act(t.labels()[0])     # the offer to resume: the first game
    print(json.dumps({"address": t.app.phones.server.address, "scene": type(t.app.scene).__name__}), flush=True)
    t.app.run()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
