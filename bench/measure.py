"""Shared measuring: repeated runs, median and p99, and one figure row per measurement."""
from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from typing import Callable


@dataclass
class Figure:
    """One line of the results table: a value, its floor in the same run, and the target."""

    name: str
    unit: str
    median: float
    p99: float
    floor_median: float | None = None
    target: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor_median if self.floor_median else None

    def as_dict(self) -> dict:
        return asdict(self) | {"ratio": self.ratio}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` calls (after one warm-up call)."""
    action()
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        found.append(time.perf_counter() - start)
    return found


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.99)
