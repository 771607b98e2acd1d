"""Run the benchmarks: ``python -m bench [--only NAME ...] [--json FILE]``.

Prints a table (value, floor measured in the same run, ratio, target) and writes the
figures as JSON (default out/bench.json). Nothing here passes or fails."""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from bench import hostile, install, library, logging_, memory, phones, plenary, reveal, rounds, screens

SUITES = {"library": library.run, "logging": logging_.run, "memory": memory.run, "hostile": hostile.run,
          "plenary": plenary.run, "screens": screens.run, "rounds": rounds.run, "reveal": reveal.run,
          "install": install.run, "phones": phones.run}


def table(figures) -> str:
    rows = [f"{'figure':58} {'median':>10} {'p99':>10} {'floor':>10} {'ratio':>6}  target"]
    for f in figures:
        floor = f"{f.floor_median:10.2f}" if f.floor_median else " " * 10
        ratio = f"{f.ratio:6.2f}" if f.ratio else " " * 6
        rows.append(f"{f.name[:58]:58} {f.median:8.2f}{f.unit:>2} {f.p99:8.2f}{f.unit:>2} {floor} {ratio}  {f.target}")
        if f.note:
            rows.append(f"    {f.note}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), default=sorted(SUITES))
    parser.add_argument("--json", type=Path, default=Path("out/bench.json"))
    args = parser.parse_args(argv)
    figures = []
    for name in args.only:
        print(f"... {name}", file=sys.stderr, flush=True)
        figures += SUITES[name]()
    print(table(figures))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
                                     "figures": [f.as_dict() for f in figures]}, indent=2), encoding="utf-8")
    print(f"figures written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
