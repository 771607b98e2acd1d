"""Ten tables write their sessions while the plenary gathers them again and again: the plenary
never meets a locked or broken file, and in the end every acknowledged event is there."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.store.merge import gather

ROOT = Path(__file__).parents[1]
TABLES = 10
STEPS = 120


def test_ten_writers_and_a_gathering_plenary(tmp_path):
    children = [subprocess.Popen([sys.executable, "-m", "tests.kill_child", str(tmp_path / f"tafel-{n}.dilemma.db"),
                                  str(n), str(STEPS)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
                for n in range(TABLES)]
    gatherings = 0
    warnings = []
    while any(child.poll() is None for child in children):
        gathering = gather([tmp_path])
        warnings += [w.message("en") for w in gathering.warnings]
        gatherings += 1
    outputs = [child.communicate()[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    assert gatherings >= 2, "the plenary must have read while the tables wrote"
    assert warnings == []
    final = {s.path.name: s.state.events for s in gather([tmp_path]).sessions}
    for n, output in enumerate(outputs):
        acked = [int(line.split()[1]) for line in output.splitlines() if line.startswith("ack")]
        assert final[f"tafel-{n}.dilemma.db"] == acked[-1]
