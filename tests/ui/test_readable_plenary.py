"""The plenary on the projector and the phones' join screen read whole at 720p, 1080p and 4K, in Dutch and English,
and at "Extra groot": every page of the story and of the details (D) of six tables, long table names and a table
still voting among them, and the join screen with none, three and six phones joined. No text cut off, nothing on
top of something else, nothing outside the screen. The pictures are in out/screenshots/readable/: look at them."""
from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from game.app import start_session
from game.engine import AdvancePhase, CastVote, DrawRole, PickValues, StartSession
from game.report.document import Story
from game.ui import flows
from game.ui.phones import stop_phones
from game.ui.scenes.phones import PhoneJoinScene
from game.ui.scenes.plenary import PlenaryScene
from tests.tables import play_like_a_table
from tests.ui.harness import Table
from tests.ui.test_readable_layout import OUT, WALKS, Inspector

NAMES = ("De Zonnebloem, tweede verdieping, avonddienst", "Linde", "Team Eikenhof en de vrijwilligers van dinsdag",
         "Kastanje", "Beuk", "Wilg")
NOTES = ("Wie praat er met de familie als de EVV'er er niet is, en hoe leggen we dat vast in het zorgleefplan "
         "zodat iedereen het kan lezen?", "Wat wil mevrouw zelf?", "Hoe houden we dit vol als team, ook in de "
         "vakantie en in het weekend?")


@pytest.fixture(scope="module")
def room(tmp_path_factory, library) -> Path:
    """Six tables on 'open-deur' with the long names a team gives itself, long points, and a seventh table still
    voting."""
    folder = tmp_path_factory.mktemp("zaal") / "usb"
    folder.mkdir()
    for number, name in enumerate(NAMES):
        command = StartSession(tuple("ABCDEF")[:3 + number % 4], ("open-deur",), seed=number, plan="lang",
                               table_name=name)
        stored = start_session(library, command, path=folder / f"tafel{number}.dilemma.db")
        play_like_a_table(stored, random.Random(number), notes=NOTES if number % 2 == 0 else ())
        stored.close()
    voting = start_session(library, StartSession(("G", "H", "I"), ("open-deur",), seed=9, plan="lang",
                                                 table_name="Nog bezig"), path=folder / "bezig.dilemma.db")
    values = sorted(voting.session.book.values_for("open-deur"))
    for step in (DrawRole, lambda player: PickValues(player, tuple(values[:2]))):
        for player in range(3):
            voting.execute(step(player))
        voting.execute(AdvancePhase())
    voting.execute(CastVote(0, voting.session.available_options()[0]))   # the others are still to vote
    voting.close()
    return folder


def read_every_page(t: Table, look: Inspector) -> None:
    """Each page of the story and of the details, with a table's points shown one by one."""
    scene = t.app.scene
    for deck in ("story", "details"):
        for number in range(len(scene.slides)):
            scene.turn(number)
            t.step(1)
            name = f"{deck}-{number + 1:02d}"
            look(name)
            if isinstance(scene.slide.block, Story):
                for _point in scene.slide.block.notes[scene.slide.rows]:
                    t.key(pygame.K_SPACE)
                look(f"{name}-shown")
        t.key(pygame.K_d)


def join_screen(t: Table, library, players: int, joined: int) -> None:
    """The join screen of a table of ``players`` with ``joined`` phones in; none joined: after the minute, with
    the help about guest Wi-Fi."""
    stored = start_session(library, StartSession(tuple("ABCDEF")[:players], ("hygiene-normen",), seed=3),
                           folder=t.folder / "sessions")
    flows.table(t.app, stored, with_phones=True)
    assert isinstance(t.app.scene, PhoneJoinScene)
    for player in range(joined):
        t.app.phones.hub.join(player)
    if not joined:
        t.app.phones.started -= 61                 # a minute in which no phone reached the laptop
    t.step(2)


@pytest.mark.parametrize("size, lang, text_size", WALKS)
def test_the_plenary_and_the_join_screen_read_whole(tmp_path, library, room, size, lang, text_size):
    t = Table(tmp_path, library, size=size, lang=lang, text_size=text_size)
    look = Inspector(t, OUT / f"plenary-{lang}-{size[0]}x{size[1]}-{text_size}")
    t.app.push(PlenaryScene(t.app, [room]))
    t.step(2)
    read_every_page(t, look)
    try:
        for joined in (0, 3, 6):
            join_screen(t, library, 6, joined)
            look(f"phones-{joined}-joined")
    finally:
        stop_phones(t.app)
    assert not look.found, look.report()
