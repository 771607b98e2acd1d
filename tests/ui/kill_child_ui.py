"""Child process of the kill -9 test of the screens: plays into Anna's pick of values, then waits to be killed."""
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


def main(folder: Path) -> None:
    t = Table(folder, open_library())
    p = into_share(t, ("hidden_values",))     # values picked in private, in turn
    p.act(t.forward())                        # "Ik ben Anna"
    for value in VALUES:
        p.act(p._value_label(value))         # Anna picks; she has not passed the screen on
    print("picked", flush=True)
    time.sleep(120)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
