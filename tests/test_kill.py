"""Kill -9 durability: a child plays into a session log and is killed at a random moment.
Every event it acknowledged is in the file, the file passes an integrity check, and the
resumed state equals the state the child had (replayed independently in memory).

Run more trials with ``KILL_TRIALS=100 pytest tests/test_kill.py``."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.store.log import StoredSession
from tests.kill_child import book, states_by_event_count

TRIALS = int(os.environ.get("KILL_TRIALS", "20"))
STEPS = 300
ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("trial", range(TRIALS))
def test_nothing_acknowledged_is_lost_after_kill_9(trial, tmp_path):
    rng = random.Random(trial)
    seed = rng.randrange(10_000)
    path = tmp_path / "sessie.dilemma.db"
    child = subprocess.Popen([sys.executable, "-m", "tests.kill_child", str(path), str(seed), str(STEPS)],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().split()[0] == "ready"
    time.sleep(rng.uniform(0.0, 0.4))
    child.send_signal(signal.SIGKILL)
    output, _ = child.communicate(timeout=30)
    complete_lines = output.split("\n")[:-1]  # the kill may cut the last line short: it was never said
    acked = [int(line.split()[1]) for line in complete_lines if line.startswith("ack ")]
    last_ack = max(acked, default=3)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    resumed = StoredSession.resume(book(), path)
    count = resumed.state.events
    assert count >= last_ack, f"acknowledged {last_ack} events, found {count}"
    expected = states_by_event_count(seed, STEPS)
    assert count in expected, "the log must end at the end of a command"
    assert resumed.state == expected[count]
    resumed.close()
