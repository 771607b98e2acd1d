"""Logging: the latency of appending one event durably, against a bare sqlite3 insert and commit."""
from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from bench.measure import Figure, summary
from game.engine.events import NoteAdded
from game.store.log import SessionLog

APPENDS = 2_000


def ours(folder: Path) -> list[float]:
    log = SessionLog.create(folder / "ours.dilemma.db")
    found = []
    for number in range(APPENDS):
        event = NoteAdded(at=float(number), note=number, text="Een gesprekspunt voor de plenaire ronde.")
        start = time.perf_counter()
        log.append([event], "bench", after=number)
        found.append(time.perf_counter() - start)
    log.close()
    return found


def floor(folder: Path) -> list[float]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, payload TEXT)")
    found = []
    for number in range(APPENDS):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO events (payload) VALUES (?)", [f'{{"note": {number}}}'])
        conn.execute("COMMIT")
        found.append(time.perf_counter() - start)
    conn.close()
    return found


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor_times = summary(floor(folder))
        our_times = summary(ours(folder))
    return [Figure("logging: append one event (WAL, synchronous=FULL)", "ms", our_times[0] * 1000,
                   our_times[1] * 1000, floor_median=floor_times[0] * 1000,
                   target="<= 1.5x floor; p99 < 5 ms",
                   note=f"floor: bare sqlite3 insert+commit, p99 {floor_times[1] * 1000:.2f} ms; {APPENDS} appends")]
