"""Loading the library: parse, validate and check 1,000 generated cases, against a bare safe-YAML parse."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from bench.measure import Figure, summary, timed
from game.scenario.loader import BUNDLED_LIBRARY, load_library

CASES = 1_000


def make_library(folder: Path, count: int = CASES) -> Path:
    """``count`` cases made from the bundled ones (new ids), with the bundled decks."""
    shutil.copytree(BUNDLED_LIBRARY / "decks", folder / "decks")
    sources = sorted(BUNDLED_LIBRARY.glob("*.yaml"))
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        original_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
        text = text.replace(f"id: {original_id}", f"id: bench-{number:04d}", 1)
        (folder / f"bench-{number:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def bare_parse(folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def run(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_library(Path(tmp))
        library = load_library(folder)
        assert not library.problems and len(library.cases) == CASES, library.problems[:3]
        ours = summary(timed(lambda: load_library(folder), runs))
        floor = summary(timed(lambda: bare_parse(folder), runs))
    return [Figure(f"library: load+validate {CASES} cases", "s", *ours, floor_median=floor[0],
                   target="<= 1.5x floor; < 2 s", note="floor: bare CSafeLoader parse of the same files")]
