"""Child process of the kill -9 test of the screens: plays into Anna's pick of values, then waits to be killed.

``hidden``: values picked in private, in turn; ``aloud``: Anna taps her name at the table's screen."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

from game.app import open_library  # noqa: E402
from tests.ui.harness import Table  # noqa: E402
from tests.ui.test_behaviour import into_share  # noqa: E402

VALUES = ("autonomie", "veiligheid")


def main(folder: Path, how: str) -> None:
    t = Table(folder, open_library())
    if how == "hidden":
        p = into_share(t, ("hidden_values",))
        p.act(t.forward())                    # "Ik ben Anna"
    else:
        p = into_share(t)
        p.act(p.name_card(0))                 # Anna's name on the table's screen
    for value in VALUES:
        p.act(p._value_label(value))         # Anna picks; she has not passed the screen on
    print("picked", flush=True)
    time.sleep(120)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
