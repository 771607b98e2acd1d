"""How the screens behave at a real table: nothing lost, the clock calm and forgiving, settings kept."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from game.app import list_sessions, start_session, unfinished_sessions
from game.engine import AddNote, DrawRole, StartSession
from game.i18n import _, n_
from game.store.log import aside_marker
from game.ui.page import escape
from game.ui.scenes.table import RoundScene
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.theme import CALM, HIGH_CONTRAST, contrast, text_pairs
from tests.ui.harness import Table
from tests.ui.layout_check import problems
from tests.ui.play import Player
from tests.ui.test_full_session import set_up


def into_share(t: Table, toggles: tuple[str, ...] = (), **names) -> Player:
    set_up(t, toggles=toggles, **names)
    p = Player(t)
    p.draw_roles()
    return p


def into_record(t: Table) -> Player:
    """Through a short round the quick way: nobody picks values, the votes are shown at once (nobody voted),
    one option read, nobody changes their mind."""
    p = into_share(t)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.show_now"))
    p.act(_("ui.reveal.to_options"))
    p.option(1)
    p.act(_("ui.explore.back"))
    p.act(_("ui.explore.reconsider"))
    p.act(_("ui.reconsider.done_short"))
    assert t.app.scene.round.phase == "record"
    return p


def test_closing_the_window_mid_round_loses_nothing_and_the_game_resumes_there(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(p.name_card(0))
    p.act(p._value_label("autonomie"))
    p.act(p._value_label("vertrouwen"))      # Anna is still picking when the window closes
    roles = t.app.scene.round.roles
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()
    assert not t.app.running

    again = Table(tmp_path, library)         # the game starts again on the same machine
    assert type(again.app.scene).__name__ == "ResumeScene"
    Player(again).act(again.labels()[0])
    scene = again.app.scene
    assert scene.round.phase == "share" and scene.round.roles == roles
    assert scene.round.values[0] == ("autonomie", "vertrouwen")
    assert "Anna (" in again.screen_text()  # her pick is open again, as the window left it
    assert again.has(_("ui.chosen", text=p._value_label("vertrouwen")))


def test_time_running_out_cues_gently_and_throws_nothing_away(tmp_path, library, monkeypatch):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.open_note_entry()
    t.type("Half getypt")                    # not added yet when the time runs out
    chimes = []
    monkeypatch.setattr(t.app, "play", lambda sound: chimes.append(1 if sound == "time_up" else sound))
    t.now.offset = t.app.scene.state.clock.left(time.time()) + 2   # just past zero
    t.step(3)
    assert _("ui.clock.done") in t.screen_text() and chimes == [1]
    t.step(3)
    assert chimes == [1]                     # once, not every frame
    assert t.app.scene.round.phase == "record"
    assert t.app.scene.notes.entry.get_text() == "Half getypt"
    t.type(" en af")
    t.key(pygame.K_RETURN)
    assert [n.text for n in t.app.scene.round.notes] == ["Half getypt en af"]
    p.act(_("ui.clock.add_minute"))          # a minute more: the clock runs, and may run out again
    assert _("ui.clock.done") not in t.screen_text()
    t.now.offset += 120
    t.step(2)
    assert chimes == [1, 1] and _("ui.clock.done") in t.screen_text()


def test_a_point_still_being_typed_is_kept_when_the_window_closes(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.open_note_entry()
    t.type("Nog niet toegevoegd")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()
    again = Table(tmp_path, library)
    Player(again).act(again.labels()[0])
    assert [n.text for n in again.app.scene.round.notes] == ["Nog niet toegevoegd"]


def test_pause_add_a_minute_and_resume(tmp_path, library):
    t = Table(tmp_path, library)
    into_share(t)
    p = Player(t)
    clock = t.app.scene.state.clock
    p.act(_("ui.clock.pause"))
    assert t.app.scene.state.clock.paused
    p.act(_("ui.clock.add_minute"))
    assert t.app.scene.state.clock.duration == clock.duration + 60
    p.act(_("ui.clock.resume"))
    assert not t.app.scene.state.clock.paused


def test_an_idle_screen_is_not_redrawn_and_the_clock_only_changes_its_label(tmp_path, library, monkeypatch):
    t = Table(tmp_path, library)
    into_share(t)
    while t.app.animating:                   # the last role card has finished turning
        t.step()
    shown, builds = [], []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("all"))
    monkeypatch.setattr(pygame.display, "update", lambda areas: shown.append(areas))
    real_build = t.app.scene.build
    monkeypatch.setattr(t.app.scene, "build", lambda page: builds.append(1) or real_build(page))
    t.now.offset = -5                       # hold the visible second still
    t.step(1)
    shown.clear()
    t.step(30)
    assert shown == []
    t.now.offset = 2                         # a visible second passes: one label drawn again, no rebuild
    t.step(1)
    assert shown == [[t.app.scene.panel.label.rect]] and builds == []


def test_switching_the_language_changes_every_screen(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    assert _("ui.start.play", "nl") in t.labels()
    p.act(_("ui.start.settings", "nl"))
    p.act("English")
    assert "Settings" in t.screen_text() and _("ui.back", "en") in t.labels()
    p.act(_("ui.back", "en"))
    assert _("ui.start.play", "en") in t.labels()
    assert json.loads((tmp_path / "settings.json").read_text())["lang"] == "en"


def test_settings_are_kept_and_a_broken_file_falls_back_to_the_defaults(tmp_path):
    path = tmp_path / "config" / "settings.json"
    save_settings(Settings(lang="en", text_size="larger", high_contrast=True, sound=False), path)
    assert load_settings(path) == Settings(lang="en", text_size="larger", high_contrast=True, sound=False)
    path.write_text("{ not json")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"lang": "fr", "text_size": "huge", "sound": "yes"}))
    assert load_settings(path) == Settings()


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high-contrast"])
def test_every_text_has_a_contrast_of_at_least_7_to_1(palette):
    for name, (text, background) in text_pairs(palette).items():
        assert contrast(text, background) >= 7, name


def test_high_contrast_text_size_and_full_screen_apply_at_once(tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.settings"))
    body = t.app.manager.get_theme().get_font_dictionary()
    before = t.app.screen.get_at((2, 2))
    p.act(_("ui.text_size.larger"))
    p.act(t.labels()[6])                     # the rows: language 2, text size 3, then contrast off/on
    assert t.app.settings.high_contrast and t.app.settings.text_size == "larger"
    t.app.draw()
    assert t.app.screen.get_at((2, 2)) != before
    t.key(pygame.K_F11)
    assert t.app.settings.fullscreen and load_settings(tmp_path / "settings.json").fullscreen
    t.key(pygame.K_F11)
    assert not t.app.settings.fullscreen
    assert body is not t.app.manager.get_theme().get_font_dictionary()


def test_the_window_can_grow_to_4k_and_everything_scales(tmp_path, library):
    t = Table(tmp_path, library)
    small = t.find(_("ui.start.play")).rect.height
    t.app.resize((3840, 2160))
    t.step()
    assert t.find(_("ui.start.play")).rect.height >= 2.9 * small


def test_arrow_keys_move_through_the_value_cards_as_a_grid(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(p.name_card(0))
    first = p._value_label("autonomie")
    t.focus_on(first)
    t.key(pygame.K_DOWN)                     # one row down: the fifth card in a grid of four columns
    assert t.app.page.focusables[t.app.focused_element_index()].label == p._value_label("kwaliteit-van-leven")
    t.key(pygame.K_RIGHT)
    assert t.app.page.focusables[t.app.focused_element_index()].label == p._value_label("kwaliteit-van-zorg")
    t.key(pygame.K_RETURN)
    assert t.app.scene.round.values[0] == ("kwaliteit-van-zorg",)


def test_the_command_line_language_wins_for_that_run(tmp_path, library):
    from game.ui.app import Places
    from game.ui.main import open_app
    save_settings(Settings(lang="nl"), tmp_path / "settings.json")
    app = open_app(Places(tmp_path / "settings.json", tmp_path / "sessions", library), lang="en")
    assert _("ui.start.play", "en") in [item.label for item in app.page.focusables]


def test_the_case_can_be_read_again_in_any_phase(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    intro_start = t.app.scene.case.intro.split()[0]
    p.act(_("ui.round.case"))
    assert intro_start in t.screen_text() and not t.has(_("ui.round.case"))
    p.act(_("ui.round.back_to_game"))
    assert t.has(_("ui.share.next")) and t.app.scene.round.phase == "share"


def test_moving_on_adds_a_point_that_was_still_being_typed(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.open_note_entry()
    t.type("Bijna vergeten")
    p.act(_("ui.record.to_plenary"))
    p.act(_("ui.record.none_yes"))           # no leading values chosen: the step asks once
    assert t.app.scene.round.phase == "plenary"
    assert [n.text for n in t.app.scene.round.notes] == ["Bijna vergeten"]


def test_to_the_start_during_a_round_asks_first_and_staying_is_the_main_action(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(_("ui.round.menu"))
    assert isinstance(t.app.scene, RoundScene) and _("ui.round.stop_ask") in t.screen_text()
    assert t.focused() == _("ui.round.stop_no")
    t.enter()                                # Enter stays in the round
    assert t.app.scene.round.phase == "share" and t.has(_("ui.share.next"))
    p.act(_("ui.round.menu"))
    t.key(pygame.K_ESCAPE)                   # so does Escape
    assert t.has(_("ui.share.next"))
    p.act(_("ui.round.menu"))
    p.act(_("ui.round.stop_yes"))
    assert type(t.app.scene).__name__ == "StartScene" and t.has(_("ui.start.resume"))


def test_votes_shown_early_turn_every_card_over_and_those_without_a_vote_read_not_voted(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)                        # Anna, Bert and a third player
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    p.act(t.forward())                       # Anna votes 1; the others never get to it
    p.option(1)
    p.act(_("ui.vote.show_now"))
    assert t.app.scene.phase_title() == _("ui.reveal.all_at_once")
    text = t.screen_text()
    assert _("ui.reveal.passed") not in text
    assert text.index("Anna") < text.index(_("ui.reveal.not_voted")) < text.index("Bert")


def test_votes_shown_before_anyone_voted_still_turn_over_all_of_them_as_not_voted(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.show_now"))
    text = t.screen_text()
    assert t.app.scene.phase_title() == _("ui.reveal.all_at_once")
    assert _("ui.reveal.not_voted") in text and _("ui.reveal.passed") not in text
    assert text.index(_("ui.reveal.not_voted")) < text.index("Anna") < text.index(_("ui.reveal.nobody"))
    assert t.focused() == _("ui.reveal.to_options")
    t.enter()
    assert _("ui.explore.open_one", most=len(t.app.scene.stored.session.available_options())) in t.screen_text()


def test_the_number_key_hint_names_the_options_there_are(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_share(t)
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    p.act(t.forward())                       # "I am Anna: show the choices"
    count = len(t.app.scene.stored.session.available_options())
    assert count == 3
    assert n_("ui.vote.choosing_keys", count, name="Anna") in t.screen_text()
    assert "1 tot 4" not in t.screen_text()


def test_closing_the_leading_values_with_none_chosen_asks_once(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.act(_("ui.record.to_plenary"))
    assert t.app.scene.round.phase == "record" and _("ui.record.none_ask") in t.screen_text()
    p.act(_("ui.record.none_no"))            # back to the values, nothing changed
    assert t.app.scene.round.phase == "record" and t.has(p._value_label("autonomie"))
    p.act(_("ui.record.to_plenary"))
    p.act(_("ui.record.none_yes"))
    assert t.app.scene.round.phase == "plenary"


def killed_during_annas_pick(folder: Path, how: str) -> None:
    """Anna picks two values (``how``: hidden or aloud) in a child process, which is then killed with -9."""
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.kill_child_ui", str(folder), how], cwd=root,
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(root), "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    try:
        assert child.stdout.readline().strip() == "picked"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def resumed(folder: Path, library) -> Table:
    again = Table(folder, library)
    assert type(again.app.scene).__name__ == "ResumeScene"
    Player(again).act(again.labels()[0])
    return again


def test_kill_9_during_a_pick_of_values_resumes_at_the_same_player_with_the_pick(tmp_path, library):
    killed_during_annas_pick(tmp_path, "hidden")
    again = resumed(tmp_path, library)
    scene = again.app.scene
    assert scene.round.phase == "share" and scene.round.sharing() == 0
    assert scene.round.values[0] == ("autonomie", "veiligheid")
    assert again.has(_("ui.share.i_am", name="Anna"))    # the screen goes back to Anna, covered
    Player(again).act(again.forward())
    assert "Anna (" in again.screen_text()  # Anna's pick is open again, with her cards chosen
    assert again.has(_("ui.chosen", text=Player(again)._value_label("veiligheid")))


def test_kill_9_during_a_pick_aloud_reopens_that_pick_and_done_closes_it_for_good(tmp_path, library):
    killed_during_annas_pick(tmp_path, "aloud")
    again = resumed(tmp_path, library)
    p = Player(again)
    assert "Anna (" in again.screen_text()  # Anna's pick, not the table's overview
    assert again.has(_("ui.chosen", text=p._value_label("veiligheid")))
    assert again.focused() == _("ui.share.done_aloud")
    again.enter()
    assert again.has(_("ui.share.next")) and "Anna (" not in again.screen_text()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    again.step()
    after = resumed(tmp_path, library)       # closed in the log: the overview, with Anna's values on her card
    assert after.has(_("ui.share.next")) and "Anna (" not in after.screen_text()
    assert p._value_label("veiligheid") in after.screen_text()


def aside_button(t: Table, path: Path):
    return next(item.element for item in t.app.page.focusables if item.key == f"aside:{path.name}")


def test_the_resume_offer_names_each_game_and_a_game_put_away_stays_on_disk_but_is_not_offered(tmp_path, library):
    sessions = tmp_path / "sessions"
    first = start_session(library, StartSession(("Anna", "Bert"), ("hygiene-normen", "open-deur")), folder=sessions)
    first.execute(DrawRole(0))
    first.close()
    second = start_session(library, StartSession(("Carla", "", "Daan"), ("open-deur",), table_name="Duin"),
                           folder=sessions)
    second.close()
    t = Table(tmp_path, library)
    assert type(t.app.scene).__name__ == "ResumeScene"
    text = t.screen_text()
    assert "Duin · " in text                 # the name the table got at set-up, before its case
    washand = library.case("hygiene-normen", "nl").scenario.title
    assert _("ui.round.subtitle", n=1, total=2, title=washand) in text and "Anna, Bert" in text
    assert f"Carla, {_('ui.player_n', n=2)}, Daan" in text
    started = datetime.fromtimestamp(list_sessions(sessions)[0][0].last_activity).strftime("%H:%M")
    assert _("ui.resume.today", time=started) in text

    t.tap_at(aside_button(t, first.path).rect.center)
    assert "Anna, Bert" not in t.screen_text() and "Carla" in t.screen_text()
    assert first.path.exists() and aside_marker(first.path).exists()
    assert [s.path for s in unfinished_sessions(sessions)] == [second.path]

    again = Table(tmp_path, library)         # the next start: only the other game is offered
    assert "Anna, Bert" not in again.screen_text() and "Carla" in again.screen_text()
    again.tap_at(aside_button(again, second.path).rect.center)
    assert type(again.app.scene).__name__ == "StartScene" and not again.has(_("ui.start.resume"))


def test_after_a_step_ran_over_the_next_screen_says_what_is_left_of_the_round(tmp_path, library):
    t = Table(tmp_path, library)
    set_up(t)                                # drawing roles: 2 minutes; the round: 2 + 3 + 3 + 3 + 5 = 16
    assert "Ronde 1 van 2 · daarna: waarden" in t.screen_text()
    t.now.offset = 240                       # the roles take four minutes
    Player(t).draw_roles()
    assert t.app.scene.round.phase == "share"
    assert "Ronde 1 van 2: nog 12 min · daarna: kiezen" in t.screen_text()


def test_the_plenary_step_lists_the_points_the_table_takes_along(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.record(("autonomie",), ("Wie bepaalt hoe Gerrit wordt gewassen?", "Annie <3 Gerrit"))
    assert t.app.scene.round.phase == "plenary"
    text = t.screen_text()
    assert "- Wie bepaalt hoe Gerrit wordt gewassen?<br>- Annie &lt;3 Gerrit" in text  # as written, never as markup


def test_the_scribes_points_are_paged_from_each_pages_first_point_so_a_long_one_is_never_cut(tmp_path, library):
    """Short points first, then long ones: a page holds as many as fit from its own first point."""
    t = Table(tmp_path, library, size=(1280, 720))
    p = into_record(t)
    p.act(_("ui.record.notes_tab"))
    scene = t.app.scene
    long = "Wie beslist er eigenlijk over de zorg als de familie iets anders wil dan het team? " * 4
    other = "Hoe houden we de bewoner zelf aan het woord als iedereen iets vindt van wat goed voor haar is? " * 4
    points = ["Kort punt een", "Kort punt twee", "Kort punt drie", long, other]
    for point in points:
        scene.send(AddNote(point))
    scene.notes.page_index = 0
    scene.refresh()
    shown = []
    while True:
        assert problems(t.app) == [], problems(t.app)
        shown += [note.text for note in scene.round.notes if escape(note.text) in t.screen_text()]
        turn = [item for item in t.app.page.focusables if item.key == "page:next" and item.element.is_enabled]
        if not turn:
            break
        t.tap_at(turn[0].element.rect.center)
    assert shown == [note.text for note in scene.round.notes] and len(shown) == len(points)  # each once, in order
    p.act(_("ui.notes.placeholder"))
    t.type("Een nieuw punt")
    t.key(pygame.K_RETURN)
    assert "Een nieuw punt" in t.screen_text()  # a new point: the last page, where it is


def test_a_point_longer_than_a_page_is_read_over_pages_of_its_own_never_behind_a_scroll_bar(tmp_path, library):
    t = Table(tmp_path, library, size=(1280, 720))
    p = into_record(t)
    p.act(_("ui.record.notes_tab"))
    scene = t.app.scene
    long = " ".join(f"Zin {number}: wie beslist als de familie iets anders wil dan het team?" for number in range(1, 40))
    scene.send(AddNote("Kort punt"))
    scene.send(AddNote(long[:2000]))
    pages = []
    for _turn in range(20):
        assert problems(t.app) == [] and t.app.page.scrollable == [], problems(t.app)
        pages.append(t.screen_text())
        turn = [item for item in t.app.page.focusables if item.key.startswith("page:next") and item.element.is_enabled]
        if not turn:
            break
        t.tap_at(turn[-1].element.rect.center)
    whole = scene.round.notes[-1].text.count("Zin ")
    assert whole > 20 and all(f"Zin {number}:" in "".join(pages) for number in range(1, whole + 1))
    assert len(pages) > 2                    # the long point took pages of its own
