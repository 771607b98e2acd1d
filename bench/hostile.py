"""Hostile files: how long the loader takes to refuse each kind (the promise: well within a second)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench.measure import Figure, summary, timed
from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_decks
from tests.test_hostile_files import hostile_files


def run(runs: int = 3) -> list[Figure]:
    decks, _ = load_decks(BUNDLED_LIBRARY / "decks")
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in sorted(hostile_files().items()):
            path = Path(tmp) / f"{name}.yaml"
            path.write_bytes(content)
            median, p99 = summary(timed(lambda: load_case(path, decks), runs))
            figures.append(Figure(f"hostile file refused: {name}", "ms", median * 1000, p99 * 1000,
                                  target="< 1000 ms"))
    return figures
