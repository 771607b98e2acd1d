"""Child process of the kill -9 test: plays a seeded random session into a log, printing every acknowledgement."""
from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

from game.engine import Session, StartSession
from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_decks
from game.store.log import StoredSession
from tests.bot import play_randomly
from tests.conftest import DATA, book_of

PLAYERS = ("a", "b", "c", "d", "e")


def deterministic_options(seed: int):
    ticks = itertools.count(1)
    return {"clock": lambda: float(next(ticks)), "new_id": lambda: f"kill-test-{seed}"}


def book():
    decks, _ = load_decks(BUNDLED_LIBRARY / "decks")
    return book_of(decks, load_case(DATA / "proef.yaml", decks).case)


def start_command(seed: int) -> StartSession:
    return StartSession(PLAYERS, ("proef", "proef", "proef"), seed=seed, plan="lang")


def states_by_event_count(seed: int, steps: int) -> dict[int, object]:
    """The same play in memory: every state reached, keyed by its number of events."""
    session = Session(book(), **deterministic_options(seed))
    session.execute(start_command(seed))
    states = {session.state.events: session.state}
    play_randomly(session, random.Random(seed), steps,
                  on_accept=lambda command, events: states.__setitem__(session.state.events, session.state))
    return states


def main(path: Path, seed: int, steps: int) -> None:
    stored = StoredSession.start(book(), start_command(seed), path=path, **deterministic_options(seed))
    print("ready", stored.state.events, flush=True)
    play_randomly(stored.session, random.Random(seed), steps, execute=stored.execute,
                  on_accept=lambda command, events: print("ack", stored.state.events, flush=True))
    print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
