"""A long day: an eight-hour session on a fast clock (a command every ten simulated seconds)
keeps its memory flat: the growth after warming up stays under 10 MB."""
from __future__ import annotations

import random
import tracemalloc

from game.engine import AdvancePhase, CommandRejected, Continue, StartSession
from game.store.log import StoredSession
from tests.bot import fitting_commands

EIGHT_HOURS = 8 * 3600
STEP = 10.0


def test_eight_hours_of_play_stay_within_10_mb(proef_book, tmp_path):
    now = [0.0]
    stored = StoredSession.start(proef_book, StartSession(tuple("abcde"), ("proef", "proef", "proef"), seed=8, plan="lang"),
                                 path=tmp_path / "lange-dag.dilemma.db", clock=lambda: now[0])
    rng = random.Random(8)
    tracemalloc.start()
    baseline = None
    accepted = 0
    while now[0] < EIGHT_HOURS and not stored.state.finished:
        options = fitting_commands(stored.session, rng)
        command = rng.choice(options)
        if isinstance(command, (AdvancePhase, Continue)) and rng.random() < 0.995:
            command = rng.choice([c for c in options if not isinstance(c, (AdvancePhase, Continue))] or options)
        try:
            stored.execute(command)
        except CommandRejected:
            continue
        accepted += 1
        now[0] += STEP
        if accepted == 300:
            baseline = tracemalloc.get_traced_memory()[0]
    growth = tracemalloc.get_traced_memory()[0] - baseline
    tracemalloc.stop()
    stored.close()
    assert now[0] >= EIGHT_HOURS, "the session must last the whole simulated day"
    assert accepted >= 2800
    assert growth < 10 * 1024 * 1024, f"memory grew {growth / 1e6:.1f} MB over the day"
