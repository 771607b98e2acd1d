"""Shared fixtures: the real decks, a small test case, and a case book for the engine."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import CaseBook
from game.scenario.loader import BUNDLED_LIBRARY, LoadedCase, load_case, load_decks

# A server the tests start (the phones' pages) is only ever reached on the loopback address.
os.environ["DILEMMASPEL_PHONES_HOST"] = "127.0.0.1"

TESTS = Path(__file__).parent
DATA = TESTS / "data"


@pytest.fixture(scope="session")
def decks():
    loaded, problems = load_decks(BUNDLED_LIBRARY / "decks")
    assert problems == []
    return loaded


@pytest.fixture(scope="session")
def proef(decks) -> LoadedCase:
    result = load_case(DATA / "proef.yaml", decks)
    assert result.problems == ()
    return result.case


def book_of(decks, *cases: LoadedCase) -> CaseBook:
    return CaseBook({c.scenario.id: c.scenario for c in cases}, {c.scenario.id: c.digest for c in cases},
                    frozenset(decks.values))


@pytest.fixture(scope="session")
def proef_book(decks, proef) -> CaseBook:
    return book_of(decks, proef)


@pytest.fixture
def newcomer(tmp_path) -> dict:
    """An empty working folder and a home of its own, as on a laptop where the game was just installed."""
    work = tmp_path / "leeg"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "DILEMMASPEL_DATA": str(tmp_path / "sessies"),
            "DILEMMASPEL_PRACTICE": str(tmp_path / "oefeningen"), "SDL_VIDEODRIVER": "dummy",
            "SDL_AUDIODRIVER": "dummy"}
    return {"cwd": work, "env": env}
