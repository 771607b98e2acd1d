"""Readable at 1.5 m on any screen: text follows the screen's height, whatever its shape, and every screen of a
round, of practising alone and around them (start, settings, library, set-up, resume, summary) reads whole at
720p, 1080p and 4K, in Dutch and English, and at "Extra groot": no text cut off or shortened with "…", nothing on
top of something else, nothing outside the screen. The pictures of each walk are in
out/screenshots/readable/: look at them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pygame
import pytest

from game.app import resume_session, start_session
from game.engine import AddNote, AdvancePhase, DrawRole, WriteReflection
from game.engine.commands import StartSession
from game.i18n import _
from game.solo import start_run
from game.ui import flows
from game.ui.scenes.summary import SummaryScene
from tests.ui.harness import Table
from tests.ui.layout_check import problems
from tests.ui.play import Player
from tests.ui.test_full_session import set_up
from tests.ui.test_solo_screens import to_the_ending_of_a_drawn_role, to_the_written_ending, write_reflection


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


LONGEST_NAMES = ("Bartholomeus-Maximiliaan van der Heijden", "Anna-Maria Wilhelmina van den Berg-Hooge")  # 40 each


@pytest.mark.parametrize("size, text_size", [((1280, 720), "normal"), ((1920, 1080), "larger")],
                         ids=["720p", "1080p-extra-groot"])
def test_names_as_long_as_a_name_field_takes_leave_every_screen_of_a_round_whole(tmp_path, library, size, text_size):
    """The buttons that name a player ('Ik ben …: toon de keuzes', 'Gelezen: geef het scherm aan …') go on rows
    of their own where they need them; the content gives them that room."""
    t, look, p = walk(tmp_path, library, size, "nl", text_size, "longest-names")
    set_up(t, names=LONGEST_NAMES, toggles=("hidden_values",))
    p.play_round()
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


# Every screen around a round, with the most a table can put on them -------------------------------------------
LONG_CASE = "deur-lange-titel"
LONG_TITLES = {"nl": "De deur van de afdeling staat open, maar de familie van mevrouw Jansen wil dat hij dicht blijft",
               "en": "The ward's door stands open, but Mrs Jansen's family would much rather see it shut at night"}
LONG_NAMES = ("Anna-Maria van den Berg-Hoogeveen", "Bartholomeus Oudendijk", "Christiaan Vermeulen-Jansen",
              "Dorothea Wilhelmina de Groot", "Eleonora van Oosterhout", "Frederique Hendriks-Bakker",
              "Gijsbrecht van Amstel-Smit")
LONG_NOTE = "Wie spreekt de familie aan als de deur 's nachts open blijft en mevrouw Jansen de tuin in loopt?"
LONG_REFLECTION = "Ik merkte dat ik als EVV'er vooral aan de veiligheid dacht en pas later aan wat mevrouw zelf wil."
ABANDONED = 6
PRACTICE_RUNS = 12


@pytest.fixture(scope="module")
def wide_library(tmp_path_factory):
    """The bundled library plus a copy of 'open-deur' (with its picture) under a long title, in Dutch and English:
    real case files, read as the game reads them."""
    from game.app import open_library
    from game.scenario.loader import BUNDLED_LIBRARY
    folder = tmp_path_factory.mktemp("library") / "scenarios"
    shutil.copytree(BUNDLED_LIBRARY, folder)
    for lang, original in (("nl", folder / "open-deur.yaml"), ("en", folder / "en" / "open-deur.yaml")):
        text = original.read_text(encoding="utf-8").replace("id: open-deur", f"id: {LONG_CASE}", 1)
        text = re.sub(r"^title: .*$", f"title: {LONG_TITLES[lang]}", text, count=1, flags=re.M)
        (original.parent / f"{LONG_CASE}.yaml").write_text(text, encoding="utf-8")
    library = open_library(folder)
    assert not library.problems and library.case(LONG_CASE, "en").scenario.title == LONG_TITLES["en"]
    return library


def abandon_sessions(library, folder: Path, lang: str, count: int) -> list[Path]:
    """``count`` tables of seven players with long names that stopped halfway their first round of the long case,
    each with its discussion points written."""
    paths = []
    for number in range(count):
        stored = start_session(library, StartSession(LONG_NAMES, (LONG_CASE, "open-deur", "verhuisdag"), lang=lang,
                                                     plan="lang", table_name=f"Tafel van de Zonnebloem {number}"),
                               folder=folder)
        for player in range(len(LONG_NAMES)):
            stored.execute(DrawRole(player))
        for note in (LONG_NOTE, "Een tweede punt", "En een derde punt om over te praten"):
            stored.execute(AddNote(note))
        paths.append(stored.path)
        stored.close()
    return paths


def practise_many(library, lang: str, count: int) -> None:
    """``count`` finished runs over as many cases (the long one twice), each with a reflection, and one run left
    halfway: what a learner who practised for weeks sees."""
    cases = [LONG_CASE, LONG_CASE] + [case for case in library.ids(lang) if case != LONG_CASE]
    for case_id in cases[:count]:
        stored = start_run(library, case_id, next(iter(library.case(case_id, lang).scenario.roles)), lang)
        to_the_written_ending(stored)
        stored.execute(WriteReflection(LONG_REFLECTION))
        while not stored.state.finished:
            stored.execute(AdvancePhase())
        stored.close()
    start_run(library, LONG_CASE, None, lang).close()


def tap(t: Table, key: str) -> None:
    """Tap the element the screen knows by ``key`` (its text may be anything)."""
    t.tap_at(next(item.element for item in t.app.page.focusables if item.key == key).rect.center)


def every_page(t: Table, look: Inspector, name: str) -> None:
    """Look at a screen and at each of its next pages."""
    look(name)
    while any(item.key == "page:next" for item in t.app.page.focusables):
        tap(t, "page:next")
        look(name)


def tap_card(t: Table, text: str) -> None:
    """Turn back from the last page (where ``every_page`` left the screen) to the card that shows ``text``; tap it."""
    while not t.has(text):
        tap(t, "page:previous")
    t.click(text)


def walk_settings(t: Table, p: Player, look: Inspector) -> None:
    """Every option of the settings, each shown chosen; the text size and the window stay as the walk's."""
    p.act(_("ui.start.settings"))
    look("settings")
    for key in ("high_contrast", "sound", "reduced_motion"):
        before = getattr(t.app.settings, key)
        tap(t, f"{key}:{not before}")
        look("settings")
        tap(t, f"{key}:{before}")
    p.act(_("ui.back"))


def walk_library(t: Table, p: Player, look: Inspector, lang: str) -> None:
    """The themes, every page of the whole library, and the long case with its picture."""
    p.act(_("ui.start.library"))
    every_page(t, look, "library-themes")
    tap_card(t, _("ui.library.all_themes"))
    every_page(t, look, "library-cases")
    tap_card(t, LONG_TITLES[lang])
    every_page(t, look, "library-case")
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)
    p.act(_("ui.back"))


def walk_set_up(t: Table, p: Player, look: Inspector, lang: str) -> None:
    """All steps of the set-up with as much as they take: seven players with long names, a long table name in
    every colour, three rounds with the long case picked from the whole library, both plans with every toggle on
    (phones too), and each plan's times. Leaves without starting."""
    p.act(_("ui.start.play"))
    while any(item.label == "+" for item in t.app.page.focusables):
        p.act("+")
    for number, name in enumerate(LONG_NAMES):
        p.act(_("ui.player_n", n=number + 1))
        t.type(name)
    entry = t.find(_("ui.setup.table_name"))
    entry.set_text("De tafel bij het raam van de Zonnebloem")
    for _colour in _("ui.setup.colour_names").split("|"):
        look("setup-players")
        tap(t, "table-colour")
    p.act(_("ui.next"))
    while any(item.label == "+" for item in t.app.page.focusables):
        p.act("+")
    look("setup-cases")
    p.act(_("ui.round_n", n=1))
    every_page(t, look, "setup-pick-theme")
    tap_card(t, _("ui.library.all_themes"))
    every_page(t, look, "setup-pick-case")
    tap_card(t, LONG_TITLES[lang])
    every_page(t, look, "setup-pick-read")
    p.act(_("ui.library.pick"))
    every_page(t, look, "setup-cases")
    p.act(_("ui.next"))
    look("setup-plan")
    for toggle in ("hidden_values", "open_vote"):
        p.act(_(f"ui.setup.{toggle}"))
    tap(t, "phones")
    for plan in ("lang", "kort"):
        p.act(_(f"ui.setup.plan.{plan}"))
        look("setup-plan")
        p.act(_("ui.next"))
        look("setup-times")
        p.act(_("ui.back"))
    for _step in range(3):
        p.act(_("ui.back"))


def walk_resume(t: Table, p: Player, look: Inspector, lang: str) -> Path:
    """The start screen with six unfinished sessions, the offer to resume them, one put away; returns another."""
    paths = abandon_sessions(t.app.library, t.app.places.sessions, lang, ABANDONED)
    t.app.home()
    t.step(2)
    look("start-with-resume")
    p.act(_("ui.start.resume"))
    look("resume")
    tap(t, f"aside:{paths[-1].name}")
    look("resume")
    p.act(_("ui.resume.new"))
    return paths[0]


def walk_summary_and_stop(t: Table, p: Player, look: Inspector, path: Path) -> None:
    """The summary of a table of seven, with where it is kept; then the round's question before it stops."""
    stored = resume_session(t.app.library, path)
    t.app.push(SummaryScene(t.app, stored))
    look("summary")
    p.act(_("ui.summary.where"))
    look("summary-where")
    p.act(_("ui.summary.done"))
    flows.table(t.app, resume_session(t.app.library, path))
    t.step(2)
    look("round-resumed")
    p.act(_("ui.round.menu"))
    look("stop-question")
    p.act(_("ui.round.stop_yes"))


def walk_practice(t: Table, p: Player, look: Inspector, lang: str) -> None:
    """Practising alone after many runs: the cases, one case's roles, 'Mijn oefeningen' and its questions."""
    practise_many(t.app.library, lang, PRACTICE_RUNS)
    p.act(_("solo.screen.start_button"))
    every_page(t, look, "solo-home")
    tap_card(t, f". {LONG_TITLES[lang]} · ")
    every_page(t, look, "solo-role")
    p.act(_("ui.back"))
    p.act(_("solo.screen.my_practice"))
    every_page(t, look, "my-practice")
    p.act(_("solo.screen.export_md"))
    look("my-practice-exported")
    p.act(_("solo.screen.delete"))
    look("delete-question")
    p.act(_("solo.screen.delete_no"))


@pytest.mark.parametrize("size, lang, text_size", WALKS)
def test_every_screen_around_a_round_reads_whole(tmp_path, wide_library, size, lang, text_size):
    """Start, settings, library, set-up, the resume offer, the summary, the question before a round stops and
    practising alone's own screens, each filled with the most it will hold."""
    t, look, p = walk(tmp_path, wide_library, size, lang, text_size, "around")
    walk_settings(t, p, look)
    walk_library(t, p, look, lang)
    walk_set_up(t, p, look, lang)
    path = walk_resume(t, p, look, lang)
    walk_summary_and_stop(t, p, look, path)
    walk_practice(t, p, look, lang)
    assert not look.found, look.report()
