"""Headless pygame for every UI test: the dummy drivers are set before pygame starts."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pytest  # noqa: E402

from game.app import open_library  # noqa: E402
from game.i18n import get_language, set_language  # noqa: E402


@pytest.fixture(scope="session")
def library():
    return open_library()


@pytest.fixture(autouse=True)
def language_restored():
    """The screens switch the process-wide language; put it back for the rest of the suite."""
    before = get_language()
    yield
    set_language(before)


@pytest.fixture(autouse=True)
def practice_folder_apart(tmp_path_factory, monkeypatch):
    """Solo runs a screen test starts (random input may open 'Alleen oefenen') go to a tmp folder, never the user's."""
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(tmp_path_factory.mktemp("practice")))
