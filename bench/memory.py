"""Memory: peak resident size of a full two-round session played headless, in a fresh process."""
from __future__ import annotations

import subprocess
import sys

from bench.measure import Figure

# VmHWM (peak resident size) of the process itself; ru_maxrss would include the parent's peak
# from before the fork.
PEAK = "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
PLAY = f"""
import tempfile
from pathlib import Path
from tests.test_golden_session import play
with tempfile.TemporaryDirectory() as tmp:
    play(Path(tmp))
{PEAK}
"""


def peak_mb(code: str) -> float:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024


def run(runs: int = 3) -> list[Figure]:
    ours = sorted(peak_mb(PLAY) for _ in range(runs))
    bare = sorted(peak_mb(PEAK) for _ in range(runs))
    return [Figure("memory: peak RSS, 2-round session (engine+log, no screen)", "MB", ours[len(ours) // 2],
                   ours[-1], floor_median=bare[len(bare) // 2], target="< 150 MB",
                   note="floor: a bare Python process")]
