"""The plenary screen as a facilitator uses it: three tables' files in one folder, read from the projector.

Tables 1 and 2 play the test case ``proef`` as in tests/tables.py; table 3 plays like
table 2 and writes two more discussion points. By hand, over the three tables (7 players):

- leading values: veiligheid at tables 2 and 3, autonomie and vertrouwen at table 1: 2 (67%), 1 (33%), 1 (33%);
- picked: veiligheid 6 (86%), autonomie 2 (29%), werkrust 2 (29%), eigen ritme 1 (14%) of 7 players;
- 'Begin' first vote: praten 2 (29%), regel 3 (43%), afwachten 0, passed 2 (29%); after exploring table 1's
  partner chose praten: 3 (43%), 2 (29%), 0, 2 (29%);
- by role at 'Begin': bewoner praten 1 (100%), partner regel 1 (100%), evv praten 1 (33%) + regel 2 (67%),
  teamleider passed 2 (100%).
"""
from __future__ import annotations

import random
import shutil

import pygame
import pytest
from pygame_gui.elements import UILabel

from game.app import open_library, start_session
from game.commands.cli import main
from game.engine import AddNote, PickValues, StartSession
from game.i18n import _
from game.report.document import Story
from game.report.exports import render
from game.scenario.loader import add_case, load_case
from game.store.log import StoredSession
from game.ui.scenes.plenary import PlenaryScene, wrapped
from game.ui.scenes.start import StartScene
from tests.conftest import DATA
from tests.tables import TABLE_ONE, TABLE_TWO, play_like_a_table, scripted, ticking
from tests.test_golden_session import KORT_ROUND
from tests.ui.harness import Table
from tests.ui.test_screenshots import OUT, check_layout

START = 1_790_000_000.0
TABLE_THREE = TABLE_TWO[:-3] + [AddNote("Wie spreekt Annie aan?"), AddNote("Wat vraagt de partner?")] + TABLE_TWO[-3:]


@pytest.fixture(scope="module")
def proef_library():
    """The bundled library with the test case added (a library of its own: others' screens stay as they are)."""
    library = open_library()
    add_case(library, load_case(DATA / "proef.yaml", library.decks).case)
    return library


def play_tables(folder, book) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, players, commands, start in (("een", ("A", "B", "C"), TABLE_ONE, START),
                                           ("twee", ("D", "E"), TABLE_TWO, START + 500),
                                           ("drie", ("F", "G"), TABLE_THREE, START + 1000)):
        scripted(book, folder / f"{name}.dilemma.db", players, commands, start).close()
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)


def on_plenary(tmp_path, library, folder, details: bool = False, **settings) -> Table:
    """The plenary of ``folder``: the story (or with ``details`` the detailed charts, key D) from its first page."""
    t = Table(tmp_path / "app", library, **settings)
    t.app.push(PlenaryScene(t.app, [folder]))
    t.step(2)
    if details:
        t.key(pygame.K_d)
    return t


def labels(t: Table) -> list[UILabel]:
    return [element for element in t.app.page.root.elements if isinstance(element, UILabel)]


def label_texts(t: Table) -> list[str]:
    return [label.text for label in labels(t)]


def rows(t: Table) -> dict[str, list[str]]:
    """The chart or table on screen: each row's name with the numbers beside it, left to right."""
    found: dict[int, list[UILabel]] = {}
    top = t.app.page.rect(0, 220, 0, 0).top   # under the filters (and a warning, on the first page)
    for label in labels(t):
        if label.rect.centery > top and label.rect.bottom < t.app.page.rect(0, t.app.page.footer_y, 0, 0).top:
            line = next((y for y in found if abs(y - label.rect.centery) <= 10), label.rect.centery)
            found.setdefault(line, []).append(label)
    ordered = [sorted(line, key=lambda label: label.rect.x) for _y, line in sorted(found.items())]
    return {line[0].text: [label.text for label in line[1:]] for line in ordered if len(line) > 1}


def title(t: Table) -> str:
    return label_texts(t)[0]


def page_to(t: Table, start: str) -> None:
    """Arrow on until the title starts with ``start``."""
    for _turn in range(len(t.app.scene.slides)):
        if title(t).startswith(start):
            return
        t.key(pygame.K_RIGHT)
    raise AssertionError(f"no page {start!r}")


def test_the_room_reads_the_figures_of_three_tables(tmp_path, proef_library, proef_book):
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb", details=True)
    texts = label_texts(t)
    assert title(t) == _("report.leading.title") and "1 / 13" in texts
    assert "3 tafels · 7 spelers" in texts and "Casus: alle" in t.screen_text()
    warning = next(text for text in texts if "kapot.dilemma.db" in text)
    assert warning.startswith("Let op: 1 bestand overgeslagen")
    assert rows(t) == {"Veiligheid": ["2 (67%)"], "Autonomie": ["1 (33%)"], "Vertrouwen": ["1 (33%)"]}

    t.key(pygame.K_RIGHT)
    assert title(t) == _("report.picked.title")
    assert rows(t) == {"Veiligheid": ["6 (86%)"], "Autonomie": ["2 (29%)"], "Werkrust": ["2 (29%)"],
                       "Eigen ritme": ["1 (14%)"]}
    t.key(pygame.K_PAGEDOWN)                                  # a clicker sends Page Down
    assert title(t) == _("report.votes.title", decision="Begin") and "3 / 13" in label_texts(t)
    assert rows(t) == {"eerste stem": ["na verkennen"],
                       "A. Eerst praten": ["2 (29%)", "3 (43%)"], "B. De regel volgen": ["3 (43%)", "2 (29%)"],
                       "C. Afwachten": ["0", "0"], "(gepast)": ["2 (29%)", "2 (29%)"]}
    t.key(pygame.K_RIGHT)
    assert title(t) == _("report.gap.title", decision="Begin")
    assert rows(t) == {"Rol": ["A", "B", "C", "(gepast)"], "Bewoner": ["1 (100%)", "0", "0", "0"],
                       "Partner": ["0", "1 (100%)", "0", "0"], "EVV'er": ["1 (33%)", "2 (67%)", "0", "0"],
                       "Teamleider": ["0", "0", "0", "2 (100%)"]}
    legend = [text for text in label_texts(t) if text[:3] in ("A. ", "B. ", "C. ")]
    assert legend == ["A. Eerst praten", "B. De regel volgen", "C. Afwachten"]     # the letters' options, in order
    t.key(pygame.K_LEFT)
    t.key(pygame.K_PAGEUP)
    assert title(t) == _("report.picked.title")
    t.key(pygame.K_ESCAPE)                                    # a clicker may send Escape: it asks first
    assert isinstance(t.app.scene, PlenaryScene) and _("plenary.screen.leave_confirm") in t.screen_text()
    t.key(pygame.K_ESCAPE)
    assert isinstance(t.app.scene, StartScene)


def test_discussion_points_show_one_by_one(tmp_path, proef_library, proef_book):
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb")
    page_to(t, "Tafel 3 · ronde 1")

    def points() -> str:
        return next(box.html_text for box in t.app.page.scrollable + [e for e in t.app.page.root.elements
                                                                       if hasattr(e, "html_text")])

    assert "Leidende waarden: Veiligheid" in label_texts(t)
    assert "voor wie" not in points() and "0 van 3 punten getoond" in t.screen_text()
    t.key(pygame.K_SPACE)
    assert "De regel geeft rust, maar voor wie?" in points() and "Annie" not in points()
    t.key(pygame.K_SPACE)
    assert "Wie spreekt Annie aan?" in points() and "partner" not in points()
    t.key(pygame.K_h)                                         # hidden again
    assert "Annie" not in points() and "1 van 3 punten getoond" in t.screen_text()
    t.click(_("plenary.screen.reveal"))
    t.key(pygame.K_SPACE)
    assert "Wat vraagt de partner?" in points() and "3 van 3 punten getoond" in t.screen_text()
    t.key(pygame.K_SPACE)                                     # all shown: space goes on to who changed their mind
    assert title(t) == _("report.minds.title")
    slide = t.app.scene.slide
    moved = [block for block in slide.block.blocks[slide.rows] if block.legend]
    assert moved and all(option in t.screen_text() for block in moved for option in block.legend)  # letters spelled out


def test_filters_change_what_shows_and_new_tables_appear(tmp_path, proef_library, proef_book):
    folder = tmp_path / "usb"
    play_tables(folder, proef_book)
    t = on_plenary(tmp_path, proef_library, folder, details=True)
    t.key(pygame.K_t)                                         # table 1
    assert "Tafel 1" in t.screen_text() and "1 tafel · 3 spelers" in label_texts(t)
    assert rows(t) == {"Autonomie": ["1 (100%)"], "Vertrouwen": ["1 (100%)"]}
    t.click("Tafel 1")                                        # the button steps on to table 2
    assert "1 tafel · 2 spelers" in label_texts(t) and rows(t) == {"Veiligheid": ["1 (100%)"]}
    t.key(pygame.K_r)
    assert "Ronde 1" in t.screen_text()
    t.key(pygame.K_r)
    t.key(pygame.K_t)                                         # table 3, then all tables again
    t.key(pygame.K_t)
    t.key(pygame.K_c)
    assert "Casus: Proefcasus" in t.screen_text() and "3 tafels · 7 spelers" in label_texts(t)

    scripted(proef_book, folder / "vier.dilemma.db", ("H", "I", "J"), TABLE_ONE, START + 2000).close()
    t.step(3)
    assert "3 tafels · 7 spelers" in label_texts(t)          # not looked at again yet: the loop stays calm
    t.now.offset += 3
    t.step(2)
    assert "4 tafels · 10 spelers" in label_texts(t)
    assert rows(t)["Autonomie"] == ["2 (50%)"]


def test_an_empty_folder_says_what_to_do(tmp_path, library):
    t = on_plenary(tmp_path, library, tmp_path / "leeg")
    assert title(t) == "Nog geen tafels gevonden"
    assert str(tmp_path / "leeg") in t.screen_text() and "dilemmaspel plenary" in t.screen_text()
    assert "overgeslagen" not in t.screen_text()                # a folder not made yet is no broken file
    t.key(pygame.K_ESCAPE)
    t.key(pygame.K_ESCAPE)
    assert isinstance(t.app.scene, StartScene)


def test_a_missing_path_is_wrong_use(tmp_path, capsys):
    assert main(["plenary", str(tmp_path / "nergens")]) == 2
    assert f"{tmp_path / 'nergens'} bestaat niet" in capsys.readouterr().err
    assert main(["plenary", "--lang", "en", str(tmp_path / "nergens")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshots_of_every_page(tmp_path, proef_library, proef_book, size, lang):
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb", size=size, lang=lang)
    shoot_every_page(t, OUT / f"plenary-{lang}-{size[0]}x{size[1]}")


def test_screenshots_in_high_contrast_and_of_the_empty_screen(tmp_path, proef_library, proef_book):
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb", size=(1920, 1080), high_contrast=True)
    shoot_every_page(t, OUT / "plenary-nl-1920x1080-high-contrast")
    t = on_plenary(tmp_path, proef_library, tmp_path / "leeg", size=(1920, 1080))
    check_layout(t)
    t.shot(OUT / "plenary-nl-1920x1080-empty" / "01-empty.png")


def shoot_every_page(t: Table, folder) -> None:
    """Every page of the story and of the details once as it opens; a table's pages also with its points shown."""
    for deck in ("", "details-"):
        t.app.scene.turn(0)
        t.step(1)
        for number in range(1, len(t.app.scene.slides) + 1):
            check_layout(t)
            t.shot(folder / f"{deck}{number:02d}.png")
            story = t.app.scene.slide.block
            if isinstance(story, Story) and story.notes:
                for _point in story.notes:
                    t.key(pygame.K_SPACE)
                check_layout(t)
                t.shot(folder / f"{deck}{number:02d}-shown.png")
            t.app.scene.turn(number)
            t.step(1)
        t.key(pygame.K_d)


def test_the_start_screen_opens_the_plenary_of_the_sessions_folder(tmp_path, proef_library, proef_book):
    play_tables(tmp_path / "sessions", proef_book)
    t = Table(tmp_path, proef_library)
    t.click(_("plenary.screen.start"))
    assert isinstance(t.app.scene, PlenaryScene) and "3 tafels · 7 spelers" in label_texts(t)


def test_a_long_note_and_long_options_are_read_whole(tmp_path, proef_library, proef_book):
    """What a chart counts is part of reading it: a note too long for the context line goes whole under the chart."""
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb", details=True)
    page_to(t, _("report.votes.title", decision="Begin"))
    note = t.app.scene.slide.block.note
    assert note.startswith("Na het verkennen werd in 1 van de 3 besprekingen") and note in " ".join(label_texts(t))
    option = "Leg het opendeurbeleid en de wet uit; Wim mag naar buiten, en het team let op wanneer hij gaat."
    lines = wrapped(t.app.page, option, 800, "body", 3)
    assert " ".join(lines) == option and len(lines) > 1
    assert wrapped(t.app.page, option, 800, "body", 1)[-1].endswith("…")


def test_a_table_that_finished_without_leading_values_says_none_were_chosen(tmp_path, proef_library, proef_book):
    folder = tmp_path / "usb"
    folder.mkdir()
    without = [command for command in TABLE_TWO if type(command).__name__ != "RecordValues"]
    scripted(proef_book, folder / "zonder.dilemma.db", ("D", "E"), without, START).close()
    t = on_plenary(tmp_path, proef_library, folder)
    page_to(t, "Tafel 1 · ronde 1")
    texts = " ".join(label_texts(t))
    assert _("plenary.screen.none_leading") in texts and _("plenary.screen.no_leading") not in texts


BUSY_TABLE = TABLE_ONE[:10]         # roles and values chosen, two of three votes cast: nothing revealed yet


def test_a_table_still_playing_is_said_plainly_and_its_hidden_votes_stay_out(tmp_path, proef_library, proef_book):
    folder = tmp_path / "usb"
    play_tables(folder, proef_book)
    scripted(proef_book, folder / "vier.dilemma.db", ("H", "I", "J"), BUSY_TABLE, START + 2000).close()
    t = on_plenary(tmp_path, proef_library, folder, details=True)
    texts = label_texts(t)
    assert "4 tafels · 10 spelers" in texts and "3 klaar · 1 tafel speelt nog" in texts
    page_to(t, _("report.votes.title", decision="Begin"))
    assert rows(t)["A. Eerst praten"] == ["2 (29%)", "3 (43%)"]       # as with three tables: no hidden vote counts
    t.key(pygame.K_d)
    page_to(t, "Tafel 4 · ronde 1")
    assert "Leidende waarden: nog niet vastgelegd · deze tafel speelt nog" in " ".join(label_texts(t))
    assert dict(t.app.scene.plenary.report().summary)["Tafels die nog spelen (hun cijfers kunnen nog groeien)"] == "1"
    check_layout(t)
    t.key(pygame.K_t)                                         # table 1 alone: it has finished
    assert "1 tafel · 3 spelers" in label_texts(t) and not any("speelt nog" in text for text in label_texts(t))
    for size, lang in (((1920, 1080), "nl"), ((1280, 720), "en")):
        t = on_plenary(tmp_path / lang, proef_library, folder, size=size, lang=lang)   # settings of its own
        check_layout(t)
        t.shot(OUT / f"plenary-{lang}-{size[0]}x{size[1]}-busy" / "01.png")
    assert "3 done · 1 table still playing" in label_texts(t)


def test_a_long_chart_is_shared_evenly_over_its_pages(tmp_path, proef_library, proef_book):
    """Three players who picked thirteen values between them: 7 rows and 6, not 10 and 3."""
    values = list(proef_library.decks.values)[:13]
    picks = [PickValues(0, tuple(values[:5])), PickValues(1, tuple(values[5:10])), PickValues(2, tuple(values[10:]))]
    folder = tmp_path / "usb"
    scripted(proef_book, folder / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE[:4] + picks, START).close()
    t = on_plenary(tmp_path, proef_library, folder, details=True)
    page_to(t, _("report.picked.title"))
    assert title(t) == _("plenary.screen.part", title=_("report.picked.title"), part=1, parts=2)
    first = rows(t)
    t.key(pygame.K_RIGHT)
    assert title(t) == _("plenary.screen.part", title=_("report.picked.title"), part=2, parts=2)
    second = rows(t)
    assert (len(first), len(second)) == (7, 6) and not set(first) & set(second)
    assert "nog geen tafel klaar" in label_texts(t)            # the one table is still voting
    assert {name for name in (*first, *second)} == {proef_library.decks.values[v].name for v in values}
    for size in ((1920, 1080), (1280, 720)):
        t = on_plenary(tmp_path / str(size[1]), proef_library, folder, size=size, details=True)
        page_to(t, _("report.picked.title"))
        for part in (1, 2):
            check_layout(t)
            t.shot(OUT / f"plenary-nl-{size[0]}x{size[1]}-long" / f"{part:02d}.png")
            t.key(pygame.K_RIGHT)


@pytest.fixture(scope="module")
def room_of_six(tmp_path_factory):
    """Two tables of six players on 'open-deur' (every role held, four options at its last decision) and two
    files that are no table session."""
    folder = tmp_path_factory.mktemp("zes") / "usb"
    folder.mkdir()
    library = open_library()
    for number in range(2):
        stored = start_session(library, StartSession(tuple("ABCDEF"), ("open-deur",), seed=number, plan="lang"),
                               path=folder / f"tafel{number}.dilemma.db")
        play_like_a_table(stored, random.Random(number))
        stored.close()
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    (folder / "boodschappenlijst-van-de-afdeling.dilemma.db").write_bytes(b"melk" * 100)
    return library, folder


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_six_roles_and_two_skipped_files_are_read_whole(tmp_path, room_of_six, size):
    library, folder = room_of_six
    t = on_plenary(tmp_path, library, folder, size=size, details=True)
    warning = " ".join(text for text in label_texts(t) if "overgeslagen" in text or ".dilemma.db" in text)
    assert warning == ("Let op: 2 bestanden overgeslagen (beschadigd of geen tafelsessie): "
                       "boodschappenlijst-van-de-afdeling.dilemma.db, kapot.dilemma.db")
    gaps = [number for number, slide in enumerate(t.app.scene.slides) if getattr(slide.block, "figure", "") == "perspective_gap"]
    for number in gaps:
        t.app.scene.turn(number)
        t.step(1)
        matrix = t.app.scene.slide.block
        assert len(matrix.rows) >= 5
        shown = " ".join(label_texts(t))
        assert all(column.label in shown for column in matrix.columns), (shown, matrix.columns)
        check_layout(t)
        assert not overlapping(t)
        t.shot(OUT / f"plenary-nl-{size[0]}x{size[1]}-six" / f"{number + 1:02d}.png")


def overlapping(t: Table) -> list[tuple[str, str]]:
    """Labels whose text boxes cover each other (the page's own rows may touch, not overlap)."""
    found = [label for label in labels(t) if label.text]
    return [(a.text, b.text) for i, a in enumerate(found) for b in found[i + 1:]
            if a.rect.inflate(0, -8).colliderect(b.rect.inflate(0, -8))]



@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def test_a_full_chart_under_a_two_line_warning_has_no_texts_over_each_other(tmp_path, proef_library, proef_book, size):
    """Ten values picked and two files skipped: the most a chart page holds, under the tallest warning."""
    values = list(proef_library.decks.values)[:10]
    picks = [PickValues(0, tuple(values[:4])), PickValues(1, tuple(values[4:8])), PickValues(2, tuple(values[8:]))]
    folder = tmp_path / "usb"
    scripted(proef_book, folder / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE[:4] + picks, START).close()
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    (folder / "boodschappenlijst-van-de-afdeling.dilemma.db").write_bytes(b"melk" * 100)
    t = on_plenary(tmp_path, proef_library, folder, size=size, details=True)
    page_to(t, _("report.picked.title"))
    shown = set()
    while title(t).startswith(_("report.picked.title")):
        assert not overlapping(t), title(t)
        shown |= set(rows(t))
        t.key(pygame.K_RIGHT)
    assert shown == {proef_library.decks.values[v].name for v in values}



def test_a_filter_that_leaves_nothing_to_show_says_so(tmp_path):
    """Two tables on two cases; the case of the one and the table of the other together select nothing."""
    library, folder = open_library(), tmp_path / "usb"
    folder.mkdir()
    for number, case in enumerate(("open-deur", "hygiene-normen")):
        stored = start_session(library, StartSession(tuple("ABC"), (case,), seed=number, plan="lang"),
                               path=folder / f"tafel{number}.dilemma.db")
        play_like_a_table(stored, random.Random(number))
        stored.close()
    t = on_plenary(tmp_path, library, folder)
    scene = t.app.scene
    for key, field, wanted in ((pygame.K_c, "case", "open-deur"), (pygame.K_t, "table", 2)):
        for _turn in range(4):
            if getattr(scene.selection, field) == wanted:
                break
            t.key(key)
    assert (scene.selection.case, scene.selection.table) == ("open-deur", 2) and scene.slides == []
    assert _("plenary.screen.nothing_title") in label_texts(t)
    t.key(pygame.K_t)                           # and on to the next filter value: the screen lives on
    assert scene.selection.table != 2 and t.app.scene is scene


def test_files_with_a_hostile_row_are_named_and_the_other_tables_still_show(tmp_path, library):
    from tests.test_hostile_files import HOSTILE_ROWS, add_row
    folder = tmp_path / "usb"
    for number, name in enumerate(("tafel", "payload_null", "payload_list", "payload_not_utf8")):
        stored = start_session(library, StartSession(("A", "B"), ("open-deur",), seed=number),
                               path=folder / f"{name}.dilemma.db")
        if number == 0:
            play_like_a_table(stored, random.Random(number))
        stored.close()
        if number:
            add_row(stored.path, *HOSTILE_ROWS[name])
    t = on_plenary(tmp_path, library, folder)
    assert len(t.app.scene.plenary.rounds) == 1
    warning = " ".join(text for text in label_texts(t) if "overgeslagen" in text or ".dilemma.db" in text)
    assert all(f"{name}.dilemma.db" in warning for name in ("payload_null", "payload_list", "payload_not_utf8"))


def test_control_characters_in_an_older_file_show_as_nothing_on_the_projector(tmp_path, library):
    from tests.test_hostile_files import CONTROLS, older_file_with_controls
    folder = tmp_path / "usb"
    folder.mkdir()
    older_file_with_controls(library, folder)
    t = on_plenary(tmp_path, library, folder)
    shown = []
    for number in range(len(t.app.scene.slides)):
        t.app.scene.turn(number)
        t.step(1)
        t.key(pygame.K_SPACE)
        shown.append(t.screen_text())
    assert "gekaapt" in " ".join(shown)
    assert not any(char in CONTROLS for char in " ".join(shown))


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1080p"])
def test_no_text_on_any_page_is_cut(tmp_path, room_of_six, size):
    """Six players on 'open-deur' (long option texts, long decision titles) and two skipped files: every page
    read whole, the status line and titles too."""
    library, folder = room_of_six
    t = on_plenary(tmp_path, library, folder, size=size)
    for deck in ("", "details-"):
        for number in range(1, len(t.app.scene.slides) + 1):
            t.app.scene.turn(number - 1)
            t.step(1)
            story = t.app.scene.slide.block
            for _point in getattr(story, "notes", ()):
                t.key(pygame.K_SPACE)
            cut = [text for text in label_texts(t) if text.endswith("…")]
            t.shot(OUT / f"plenary-nl-{size[0]}x{size[1]}-whole" / f"{deck}{number:02d}.png")
            assert not cut, (deck, number, title(t), cut)
            assert not overlapping(t), (deck, number, title(t))
            check_layout(t)
        t.key(pygame.K_d)


def test_a_table_file_that_arrives_late_shows_no_point_nobody_chose_to_show(tmp_path, proef_library, proef_book):
    """Points shown belong to a session and a point: a table that started earlier but arrives later renumbers
    the tables, and what was shown stays with the table that showed it."""
    folder = tmp_path / "usb"
    scripted(proef_book, folder / "drie.dilemma.db", ("F", "G"), TABLE_THREE, START + 1000).close()
    t = on_plenary(tmp_path, proef_library, folder)
    page_to(t, "Tafel 1 · ronde 1")
    t.key(pygame.K_SPACE)
    t.key(pygame.K_SPACE)
    assert "2 van 3 punten getoond" in t.screen_text()
    scripted(proef_book, folder / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE, START).close()   # started first
    t.now.offset += 3
    t.step(2)
    t.app.scene.turn(0)
    t.step(1)
    page_to(t, "Tafel 1 · ronde 1")                           # now the late table: nothing of it shown
    assert "0 van 1 punt getoond" in t.screen_text() and "Wie beslist" not in t.screen_text()
    page_to(t, "Tafel 2 · ronde 1")                           # the first table, with what was shown of it
    assert "2 van 3 punten getoond" in t.screen_text()


def test_with_a_case_chosen_the_value_pages_name_that_case(tmp_path, room_of_six):
    library, folder = room_of_six
    t = on_plenary(tmp_path, library, folder, details=True)
    t.key(pygame.K_c)
    assert title(t) == _("report.leading.title")
    assert "De deur staat open" in label_texts(t) and _("plenary.screen.every_case") not in label_texts(t)


def test_a_clicker_reaches_every_point_page_by_page(tmp_path, proef_library, proef_book):
    """Five long points: paged so that each is whole on screen and none needs scrolling; Home and End, B to
    blank, and the skipped-file warning only on the first page."""
    notes = [AddNote(f"Punt {n}: " + "wie beslist hier eigenlijk, en wie draagt het als het misgaat? " * 3)
             for n in range(1, 6)]
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    scripted(proef_book, folder / "vier.dilemma.db", ("H", "I"), TABLE_TWO[:-3] + notes + TABLE_TWO[-3:]).close()
    t = on_plenary(tmp_path, proef_library, folder, size=(1920, 1080))
    assert "kapot.dilemma.db" in t.screen_text()
    t.key(pygame.K_END)
    assert title(t) == _("report.highlights.title") and "kapot.dilemma.db" not in t.screen_text()
    t.app.scene.turn(next(n for n, slide in enumerate(t.app.scene.slides) if isinstance(slide.block, Story)))
    t.step(1)
    slide = t.app.scene.slide
    assert slide.parts > 1
    seen = []
    for page in range(1, slide.parts + 1):
        assert title(t).endswith(f"({page}/{slide.parts})")
        for _point in range(t.app.scene.slide.count):
            t.key(pygame.K_SPACE)
        assert not t.app.page.scrollable, title(t)          # every point on the page whole, no scrolling
        seen += [n for n in range(1, 6) if f"Punt {n}:" in t.screen_text()]
        t.key(pygame.K_SPACE)                               # all shown: space turns the page
    assert sorted(seen) == [1, 2, 3, 4, 5]
    t.key(pygame.K_HOME)
    assert "kapot.dilemma.db" in t.screen_text()
    t.key(pygame.K_b)
    assert label_texts(t) == []
    t.key(pygame.K_RIGHT)                                   # any key brings the page back, where it was
    assert title(t) == _("report.picked.title") or "1 / " in " ".join(label_texts(t))


def test_a_short_plan_table_among_the_tables_reads_whole(tmp_path, room_of_six):
    """A table on plan Kort plays only the core decision: no path and no ending, on the screen and in the report."""
    library, folder = room_of_six
    room = tmp_path / "zaal"
    shutil.copytree(folder, room)
    short = start_session(library, StartSession(("K", "L", "M", "N", "O"), ("hygiene-normen",), seed=7, plan="kort"),
                          path=room / "kort.dilemma.db")
    for command in KORT_ROUND:
        short.execute(command)
    short.close()
    t = on_plenary(tmp_path, library, room, size=(1024, 768))
    stories = [slide.block for slide in t.app.scene.slides if isinstance(slide.block, Story)]
    short_story = next(story for story in stories if story.table == 3)
    assert short_story.path == () and short_story.ending is None
    t.app.scene.turn(t.app.scene.slides.index(next(s for s in t.app.scene.slides if s.block is short_story)))
    t.step(1)
    check_layout(t)
    assert title(t).startswith("Tafel 3 · ronde 1") and not any(text.endswith("…") for text in label_texts(t))
    assert "Tafel 3" in render(t.app.scene.plenary.report(), "md")


def test_each_table_has_a_page_of_its_turned_over_votes_per_decision(tmp_path, proef_library, proef_book):
    """The same picture as at the table: a card per seat under its option, named by role, the moves marked."""
    play_tables(tmp_path / "usb", proef_book)
    t = on_plenary(tmp_path, proef_library, tmp_path / "usb", details=True)
    page_to(t, _("plenary.screen.votes_title", table="Tafel 1", round=1, decision="Begin"))
    assert t.app.scene.slide.context == "Proefcasus"

    def pile(text: str) -> str:
        """The heading of the pile the card named ``text`` lies under (the topmost bold text above it: a card
        above it in the same pile may say in bold where it moved from)."""
        card = next(label for label in labels(t) if label.text == text).rect
        headings = [e for e in t.app.page.root.elements if getattr(e, "html_text", "").startswith("<b>")
                    and e.rect.top < card.top and e.rect.left <= card.left < e.rect.right]
        return min(headings, key=lambda heading: heading.rect.top).html_text

    assert "A. " not in pile("Bewoner") and pile("Bewoner").startswith("<b>1. Eerst praten")
    assert pile("Partner").startswith("<b>1. Eerst praten")          # table 1's partner moved to praten...
    assert _("ui.reveal.moved_from", option=2) in t.screen_text()    # ...from the rule
    assert pile("EVV'er").startswith("<b>1. Eerst praten")
    check_layout(t)
    page_to(t, _("plenary.screen.votes_title", table="Tafel 2", round=1, decision="Begin"))
    assert pile("EVV'er").startswith("<b>2. De regel volgen") and pile("Teamleider") == f"<b>{_('ui.reveal.passed')}</b>"
    assert _("ui.reveal.moved_from", option=2) not in t.screen_text()     # nobody there changed their mind


def test_named_tables_are_called_by_their_names_on_every_page_and_filter(tmp_path, proef_library, proef_book):
    """Tables named at set-up: the overview, their pages and the table filter use the name, not a number."""
    folder = tmp_path / "usb"
    for number, (name, commands) in enumerate((("Linde", TABLE_ONE), ("Eik", TABLE_TWO))):
        stored = StoredSession.start(proef_book, StartSession(("A", "B", "C")[:3 - number], ("proef",), seed=7,
                                                              plan="lang", table_name=name, table_colour="#009E73"),
                                     path=folder / f"{name}.dilemma.db", clock=ticking(START + number))
        for command in commands:
            stored.execute(command)
        stored.close()
    t = on_plenary(tmp_path, proef_library, folder, size=(1024, 768))
    assert title(t) == _("plenary.screen.overview")
    shown = " ".join(label_texts(t))      # a narrow column wraps a name over two lines
    assert all(text in shown for text in ("Linde · ronde 1", "Eik · ronde 1", "A › A › Samen", "B › B › Regel"))
    check_layout(t)
    t.key(pygame.K_RIGHT)
    assert title(t) == "Linde · ronde 1" and "Einde: Samen" in label_texts(t)
    t.key(pygame.K_t)
    assert "Tafel: Linde" in t.screen_text() and title(t) == _("plenary.screen.overview")
