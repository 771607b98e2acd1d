"""``dilemmaspel preview``: a bundled case copied outside the library, opened through the real App, with
roles switched, jumps made, and the file edited, broken, fixed and cut on disk while the window is open."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pygame
import pytest

from game.commands.cli import main
from game.scenario.loader import BUNDLED_LIBRARY, load_library
from game.ui.preview_case import Position, load_preview, play, ways
from game.ui.scenes.preview import open_preview
from game.i18n import _
from tests.ui.layout_check import problems
from tests.ui.harness import Now, Table
from tests.ui.test_screenshots import OUT, check_layout

CASE = "open-deur"


class Preview(Table):
    """The harness's hands and eyes on a preview window instead of the game's start screen."""

    def __init__(self, file: Path, folder: Path, size=(1280, 720), lang="nl") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.file = file
        settings_file = folder / "settings.json"
        settings_file.write_text(json.dumps({"lang": "nl", "sound": False, "fullscreen": False}))
        self.now = Now()
        self.app = open_preview(file, settings_file, size=size, lang=lang, now=self.now)
        self.step(2)

    @property
    def scene(self):
        return self.app.scene

    @property
    def round(self):
        return self.scene.state.current

    def save(self, text: str) -> None:
        """Write the file as an editor would, and let the preview's next look at it come round."""
        stamp = self.file.stat().st_mtime_ns + 1_000_000_000
        self.file.write_text(text, encoding="utf-8")
        os.utime(self.file, ns=(stamp, stamp))
        self.now.offset += 1
        self.step(2)

    def edit(self, old: str, new: str, pattern: bool = False) -> None:
        text = self.file.read_text(encoding="utf-8")
        changed = re.sub(old, new, text) if pattern else text.replace(old, new, 1)
        assert changed != text, old
        self.save(changed)

    def jump(self, node_text: str) -> None:
        """'Ga naar', then the moment."""
        self.click("Ga naar")
        self.turn_to(node_text)
        self.click(node_text)

    def turn_to(self, text: str) -> None:
        """Turn a list's pages forward until ``text`` shows (a list longer than the screen has pages)."""
        while not self.has(text):
            self.click(next(item.label for item in self.app.page.focusables if item.key == "page:next"))

    def close(self) -> None:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        self.step()


def trainers_copy(folder: Path, name: str = f"{CASE}.yaml", lang: str = "nl") -> Path:
    """The bundled case as a trainer copies it into a folder of their own: its picture beside it."""
    source = BUNDLED_LIBRARY / ("en" if lang == "en" else "") / f"{CASE}.yaml"
    text = re.sub(r"^image: .*$", f"image: {CASE}.svg", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    shutil.copy(BUNDLED_LIBRARY / "afbeeldingen" / f"{CASE}.svg", folder)
    file = folder / name
    file.write_text(text, encoding="utf-8")
    return file


@pytest.fixture
def preview(tmp_path, monkeypatch):
    """A trainer's own folder with a copy of a bundled case; the table's sessions folder must stay empty."""
    monkeypatch.setenv("DILEMMASPEL_DATA", str(tmp_path / "sessions"))
    own = tmp_path / "eigen casussen"
    own.mkdir()
    file = trainers_copy(own)
    t = Preview(file, tmp_path / "app")
    yield t
    t.close()
    assert not (tmp_path / "sessions").exists()


def test_opens_at_the_story_outside_the_library_with_the_bundled_decks_and_a_bar(preview):
    t = preview
    assert "<b>De deur staat open</b><br><b>Het dilemma:</b>" in t.screen_text()  # the story's first page
    assert t.round.phase == "draw" and all(t.round.roles)
    bar = t.scene.bar_lines()
    assert bar[0] == f"Voorbeeld: {CASE}.yaml" and bar[1].startswith("Geladen om ") and bar[2].endswith("het begin")
    assert t.app.library.decks.roles["evv"].name == "EVV'er"


def test_every_role_can_be_chosen_and_switched(preview):
    t = preview
    t.click("Andere rol")
    assert t.has("EVV'er")
    t.turn_to("Specialist ouderengeneeskunde")
    t.key(pygame.K_ESCAPE)                                              # closes the list; it opens on page 1
    t.click("Andere rol")
    t.click("EVV'er")
    assert t.round.roles[0] == "evv"
    assert "Na een rondje buiten is hij rustiger" in t.screen_text()      # the EVV'er's own brief
    t.click("Gelezen")
    assert "Rol: EVV'er" in t.scene.bar_lines()[2]
    t.click("Andere rol")
    t.key(pygame.K_2)                                                   # number keys pick from the list too
    assert t.round.roles[0] == "kind" and "Je weet nog hoe bang je was" in t.screen_text()


def test_jumps_to_a_decision_point_and_an_ending_along_a_way_from_the_start(preview):
    t = preview
    t.jump("incident")
    assert (t.round.node, t.round.phase) == ("incident", "vote")
    assert [(s.node, s.option) for s in t.round.path] == [("verzoek", "deur-open")]
    assert "Wim komt niet terug" in t.screen_text() and t.scene.bar_lines()[2].endswith("· incident")
    t.jump("groen-licht")
    assert (t.round.node, t.round.phase, t.round.ending) == ("groen-licht", "ending", "groen-licht")
    assert "Wachten op groen licht" in t.screen_text()
    t.click("Spel afronden")                                            # the end: back to the list of moments
    assert t.scene.menu == "jump" and t.has("Beslismoment: Wim bij de deur") and t.round.node == "groen-licht"
    assert "Dit was het einde van de casus" in t.screen_text()


def test_a_save_reloads_the_new_text_at_the_same_node(preview):
    t = preview
    t.jump("incident")
    t.edit("title: Wim komt niet terug", "title: Wim is al een uur weg")
    assert (t.round.node, t.round.phase) == ("incident", "vote")
    assert "Wim is al een uur weg" in t.screen_text() and "Wim komt niet terug" not in t.screen_text()
    assert t.app.notice == ""


def test_errors_show_with_their_place_and_the_preview_comes_back_when_fixed(preview):
    t = preview
    t.jump("incident")
    good = t.file.read_text(encoding="utf-8")
    t.edit("title: De deur staat open", "title: Dilemma: de deur staat open")    # a colon in a plain value
    shown = t.screen_text()
    assert re.search(re.escape(str(t.file)) + r":5:\d+: YAML_SYNTAX", shown), shown
    assert "tip:" in shown and "Fouten gevonden om" in t.scene.bar_lines()[1]
    t.save(good.replace("next: incident", "next: incidnt", 1))                   # a missing target
    shown = t.screen_text()
    assert re.search(re.escape(str(t.file)) + r":\d+:\d+: UNKNOWN_NODE", shown) and "Bedoel je 'incident'?" in shown
    t.key(pygame.K_ESCAPE)                                                       # harmless on the error screen
    t.save(good)
    assert not t.scene.problems and (t.round.node, t.round.phase) == ("incident", "vote")
    assert "Wim komt niet terug" in t.screen_text()


def test_a_deleted_node_falls_back_to_the_nearest_earlier_one_and_says_so(preview):
    t = preview
    t.jump("groen-licht")
    text = t.file.read_text(encoding="utf-8").replace("next: groen-licht", "next: samen-op-pad")
    t.save(re.sub(r"  groen-licht:\n(?:    .*\n)+", "", text))
    assert not t.scene.problems
    assert (t.round.node, t.round.phase) == ("wandelen", "vote")
    assert "'groen-licht' staat niet meer in de casus. Je staat nu bij 'wandelen'." in t.screen_text()


def test_closing_removes_the_preview_sessions_and_never_touches_the_sessions_folder(preview):
    t = preview
    sandbox = t.scene.sandbox.folder
    t.jump("onrust")
    assert len(list(sandbox.glob("*.dilemma.db"))) == 1                 # the old session went with the jump
    t.close()
    assert not sandbox.exists() and not t.app.running


def test_ways_reach_every_node_of_the_bundled_cases_and_the_engine_plays_there():
    library = load_library()
    for (case_id, lang), case in library.cases.items():
        scenario = case.scenario
        known = ways(scenario)
        assert set(known) == set(scenario.decisions) | set(scenario.endings), case_id
        for node, steps in known.items():
            state = play(case, library.decks, Position(steps, "vote"), None, lang).session.state
            assert state.current.node == node, (case_id, node)


def test_the_command_refuses_a_missing_or_unreadable_file_in_dutch(tmp_path, capsys):
    assert main(["preview", str(tmp_path / "nergens.yaml")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert main(["preview", str(tmp_path)]) == 2
    assert "kan niet gelezen worden" in capsys.readouterr().err


def test_a_file_with_errors_from_the_start_shows_them_instead_of_crashing(tmp_path):
    file = tmp_path / "kapot.yaml"
    file.write_text("id: kapot\ntitle: [niet dicht\n", encoding="utf-8")
    assert load_preview(file).problems
    t = Preview(file, tmp_path / "app")
    assert t.scene.problems and "YAML_SYNTAX" in t.screen_text() and t.scene.stored is None
    t.save(trainers_copy(tmp_path, file.name).read_text(encoding="utf-8"))
    assert not t.scene.problems and "<b>De deur staat open</b><br><b>Het dilemma:</b>" in t.screen_text()
    t.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshots_of_the_preview(tmp_path, size, lang):
    """The bar at a decision point, the jump list and the error view, written to out/screenshots/preview/."""
    folder = OUT / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    file = trainers_copy(tmp_path, lang=lang)
    t = Preview(file, tmp_path / "app", size=size, lang=lang)
    name = f"{size[0]}x{size[1]}-{lang}"

    def shot(what: str) -> None:
        check_layout(t)
        t.shot(folder / f"{name}-{what}.png")

    t.scene.jump_to("incident")
    t.step(2)
    shot("1-decision")
    t.scene.open_jumps()
    t.step(2)
    shot("2-jump")
    t.save(file.read_text(encoding="utf-8").replace("next: incident", "next: incidnt", 1))
    shot("3-errors")
    t.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_long_file_name_goes_on_over_a_line_more_in_the_bar_and_the_screen_moves_down(tmp_path, size):
    name = "dementie-en-buiten-lopen-versie-voor-de-trainersdag-van-het-voorjaar.yaml"
    t = Preview(trainers_copy(tmp_path, name), tmp_path / "app", size=size)
    menu = _("authoring.preview.go_to")  # its "…" says a list opens; it is not a text cut short
    assert not [problem for problem in problems(t.app) if f"UIButton({menu!r})" not in problem], problems(t.app)
    bar = next(e for e in t.app.page.root.elements if name in getattr(e, "html_text", ""))
    under = [e for e in t.app.page.root.elements if e.rect.top > bar.rect.top + 10 and e.rect.right > bar.rect.left]
    assert under and min(e.rect.top for e in under) >= bar.rect.bottom  # what stands under the bar starts below it
    t.close()


def test_an_image_beside_a_case_outside_the_library_is_found_there(tmp_path):
    """The case loads with its image checked against its own folder, and the preview shows it beside the story."""
    file = trainers_copy(tmp_path)
    file.write_text(file.read_text(encoding="utf-8").replace(f"image: {CASE}.svg", "image: deur.png"),
                    encoding="utf-8")
    pygame.image.save(pygame.Surface((400, 300)), str(tmp_path / "deur.png"))
    t = Preview(file, tmp_path / "app")
    assert not t.scene.problems and "<b>De deur staat open</b><br><b>Het dilemma:</b>" in t.screen_text()
    story = next(e for e in t.app.page.root.elements if "De deur staat open" in getattr(e, "html_text", ""))
    picture = re.search(r'<img src="([^"]+)" float=right', story.html_text)   # at the top right of the story
    assert picture and pygame.image.load(picture[1]).get_width() > 100
    (tmp_path / "deur.png").unlink()
    t.save(file.read_text(encoding="utf-8"))
    assert [p.code for p in t.scene.problems] == ["ASSET_PATH"]
    t.close()


@pytest.mark.parametrize("given", ["relative", "absolute"])
def test_the_error_list_names_the_file_as_validate_does(tmp_path, monkeypatch, capsys, given):
    """Relative to the working folder, however the file was named on the command line."""
    monkeypatch.setenv("DILEMMASPEL_DATA", str(tmp_path / "sessions"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "eigen casussen").mkdir()
    file = Path("eigen casussen") / f"{CASE}.yaml"
    trainers_copy(tmp_path / "eigen casussen")
    file.write_text(file.read_text(encoding="utf-8").replace("next: incident", "next: incidnt", 1),
                    encoding="utf-8")
    named = file if given == "relative" else tmp_path / file
    assert main(["validate", str(named)]) == 1
    place = capsys.readouterr().out.split(": UNKNOWN_NODE", 1)[0]
    assert place.startswith(f"eigen casussen{os.sep}{CASE}.yaml:")
    t = Preview(named, tmp_path / "app")
    try:
        assert [problem.where() for problem in t.scene.problems] == [place]
        assert f"{place}: UNKNOWN_NODE" in t.screen_text()
    finally:
        t.close()
