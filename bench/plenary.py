"""Plenary: gather and compute every figure for 10, 100 and 1,000 table sessions; the curve
should be linear in the number of events (the time per event stays about the same)."""
from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.measure import Figure
from game.app import case_book, open_library
from game.engine import Session, StartSession
from game.report.plenary import Plenary
from game.store.log import SessionLog
from game.store.merge import gather, merge_into
from tests.bot import play_randomly

SIZES = (10, 100, 1_000)
CASES = ("hygiene-normen", "open-deur")


def write_sessions(folder: Path, count: int, library) -> int:
    """``count`` finished two-round table sessions of five players; the number of events written."""
    book = case_book(library)
    total = 0
    for number in range(count):
        ticks = iter(range(10**6))
        session = Session(book, clock=lambda: 1.79e9 + next(ticks), new_id=lambda: f"bench-{number:05d}")
        events = session.execute(StartSession(tuple("abcde"), CASES, seed=number, plan="lang"))
        play_randomly(session, random.Random(number), 400, on_accept=lambda c, e: events.extend(e))
        SessionLog.create(folder / f"tafel-{number:05d}.dilemma.db", first=events,
                          session_id=session.state.session_id).close()
        total += len(events)
    return total


def run() -> list[Figure]:
    library = open_library()
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            folder = Path(tmp) / str(count)
            folder.mkdir()
            events = write_sessions(folder, count, library)
            start = time.perf_counter()
            plenary = Plenary([folder], library, "nl")
            plenary.figures()
            read = time.perf_counter() - start
            start = time.perf_counter()
            merge_into(gather([folder]), Path(tmp) / f"merged-{count}.dilemma.db")
            merged = time.perf_counter() - start
            per_event = read / events * 1e6
            figures.append(Figure(f"plenary: {count} sessions ({events} events) gather+figures", "s", read, read,
                                  target="linear; 20 tables < 1 s", note=f"{per_event:.1f} µs per event"))
            figures.append(Figure(f"plenary: merge {count} sessions into one file", "s", merged, merged,
                                  target="linear", note=f"{merged / events * 1e6:.1f} µs per event"))
    return figures
