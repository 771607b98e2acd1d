"""Readable at 1.5 m on any screen: text follows the screen's height, whatever its shape, and every screen of a
round and of practising alone reads whole at 720p, 1080p and 4K, in Dutch and English, and at "Extra groot":
no text cut off, nothing on top of something else, nothing outside the screen. The pictures of each walk are in
out/screenshots/readable/: look at them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.i18n import _
from game.ui.scenes.summary import SummaryScene
from tests.ui.harness import Table
from tests.ui.layout_check import problems
from tests.ui.play import Player
from tests.ui.test_full_session import set_up
from tests.ui.test_solo_screens import to_the_ending_of_a_drawn_role, write_reflection


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160), (1024, 768), (1280, 1024)],
                         ids=["720p", "1080p", "4k", "4:3 projector", "5:4"])
def test_body_text_is_at_least_a_thirtieth_of_the_screen_height(tmp_path, library, size):
    t = Table(tmp_path, library, size=size)
    body = t.app.manager.get_theme().get_font(["text_box"]).get_point_size()
    assert body >= size[1] / 30


# Every screen of a round and of practising alone, read whole -------------------------------------------------
OUT = Path(__file__).parents[2] / "out" / "screenshots" / "readable"
SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]
WALKS = [pytest.param(size, lang, "normal", id=f"{lang}-{size[0]}x{size[1]}")
         for size in SIZES for lang in ("nl", "en")]
WALKS += [pytest.param((1920, 1080), lang, "larger", id=f"{lang}-1920x1080-extra-groot") for lang in ("nl", "en")]


class Inspector:
    """Checks every screen a walk meets (text cut off, overlaps, off the screen) and keeps a picture of the
    first screen of each kind to look at."""

    def __init__(self, t: Table, folder: Path) -> None:
        self.t = t
        self.folder = folder
        self.found: dict[str, str] = {}
        self.taken: set[str] = set()
        shutil.rmtree(folder, ignore_errors=True)

    def __call__(self, name: str) -> None:
        for problem in problems(self.t.app):
            self.found.setdefault(problem, name)
        if name not in self.taken:
            self.taken.add(name)
            self.t.shot(self.folder / f"{len(self.taken):02d}-{name}.png")

    def report(self) -> str:
        return "\n".join(f"{name}: {problem}" for problem, name in self.found.items())


class CheckingPlayer(Player):
    """A player who looks at each screen before acting on it."""

    def act(self, label: str) -> None:
        self.shoot(type(self.scene).__name__)
        super().act(label)

    def option(self, number: int) -> None:
        self.shoot(type(self.scene).__name__)
        super().option(number)


def walk(tmp_path: Path, library, size, lang: str, text_size: str, name: str) -> tuple[Table, Inspector, Player]:
    t = Table(tmp_path, library, size=size, lang=lang, text_size=text_size)
    look = Inspector(t, OUT / f"{name}-{lang}-{size[0]}x{size[1]}-{text_size}")
    look("start")
    return t, look, CheckingPlayer(t, "mouse", look)


@pytest.mark.parametrize("size, lang, text_size", WALKS)
@pytest.mark.parametrize("plan", ["kort", "lang"])
def test_every_screen_of_a_round_reads_whole(tmp_path, library, size, lang, text_size, plan):
    t, look, p = walk(tmp_path, library, size, lang, text_size, plan)
    set_up(t, plan=plan)
    p.play_round(notes=("Wie belt de arts als Annie het niet meer volhoudt?", "Een tweede punt", "Een derde",
                        "En een vierde punt"))
    if plan == "kort":
        p.play_round()                       # another case (its own texts); the long plan's round 1 shows all kinds
    else:
        t.app.push(SummaryScene(t.app, t.app.scene.stored))
    look("summary")
    assert not look.found, look.report()


@pytest.mark.parametrize("size, lang, text_size", WALKS)
def test_every_screen_of_practising_alone_reads_whole(tmp_path, library, size, lang, text_size):
    t, look, p = walk(tmp_path, library, size, lang, text_size, "solo")
    to_the_ending_of_a_drawn_role(t, p, library)
    p.act(_("ui.ending.facts"))
    write_reflection(t, p, "Een korte reflectie.\nMet een tweede regel.")
    p.act(_("solo.screen.finish"))
    p.act(_("solo.screen.my_practice"))
    look("my-practice")
    assert not look.found, look.report()
