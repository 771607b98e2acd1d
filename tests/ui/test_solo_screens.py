"""Practising alone through the real screens: mouse and keyboard only, stopped halfway and resumed,
replayed as another role, the history, coverage and exported reflections on disk, group data shown
only above the anonymity threshold, and screenshots of every solo screen."""
from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.app import start_session
from game.commands.cli import main
from game.engine import AdvancePhase, CastVote, Continue, DrawRole, ExploreOption, PickValues
from game.engine.commands import StartSession
from game.i18n import _
from game.scenario.paths import all_walks
from game.solo import GROUP_MINIMUM, coverage, group_choices, history, practice_folder, start_run, unfinished_run
from game.ui.cards import role_card
from game.ui.scenes.solo import MyPracticeScene, SoloAfterScene, SoloRunScene, open_solo
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_screenshots import OUT, Camera, check_layout

CASE = "open-deur"


@pytest.fixture
def practice(tmp_path, monkeypatch):
    folder = tmp_path / "practice"
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(folder))
    return folder


def role_name(library, role: str, lang: str = "nl") -> str:
    return role_card(library, role, lang).name


def open_practice(t: Table, p: Player) -> None:
    p.act(_("solo.screen.start_button"))
    assert t.app.scene.__class__.__name__ == "SoloHomeScene"


def choose_case_and_role(t: Table, p: Player, library, role: str) -> None:
    p.act(f"1. {library.case(CASE, t.app.settings.lang).scenario.title}")
    p.act(f". {role_name(library, role, t.app.settings.lang)}")
    assert isinstance(t.app.scene, SoloRunScene) and t.app.scene.round.roles == (role,)


def choose(p: Player, number: int) -> None:
    """At a decision point: read it, then choose (a number key chooses at once)."""
    if p.how != "keys":
        p.act(_("solo.screen.to_options"))
    p.option(number)


def first_decision(t: Table, p: Player) -> None:
    """Read the brief, pick two values, choose option 1, read option 2 too, and follow option 2."""
    scene = t.app.scene
    p.act(_("solo.screen.to_values"))
    for value in ("autonomie", "veiligheid"):
        p.act(p._value_label(value))
    assert scene.round.values[0] == ("autonomie", "veiligheid")
    p.act(_("solo.screen.values_done"))
    assert scene.round.phase == "vote"
    choose(p, 1)
    assert scene.round.phase == "explore" and scene.round.viewing == scene.stored.session.available_options()[0]
    if p.how == "keys":
        t.key(pygame.K_ESCAPE)               # Escape closes the consequences
    else:
        p.act(_("ui.explore.back"))
    p.option(2)
    p.act(_("ui.explore.follow"))
    assert scene.round.phase == "vote" and len(scene.round.path) == 1


def to_the_ending(t: Table, p: Player) -> None:
    while t.app.scene.round.phase == "vote":
        choose(p, 1)
        p.act(_("ui.explore.follow"))
    assert t.app.scene.round.phase == "ending"


def to_the_ending_of_a_drawn_role(t: Table, p: Player, library) -> None:
    """From the start screen: practise the first case as a drawn role, through every decision to the ending."""
    open_practice(t, p)
    p.act(f"1. {library.case(CASE, t.app.settings.lang).scenario.title}")
    p.act(_("solo.screen.draw_role"))
    first_decision(t, p)
    to_the_ending(t, p)


def write_reflection(t: Table, p: Player, text: str) -> None:
    """Type ``text`` into the reflection field (Enter makes each new line), then save it."""
    p.act(_("solo.screen.reflection_tab"))
    placeholder = _("solo.screen.reflection_placeholder")
    if p.how == "keys":
        t.focus_on(placeholder)
    else:
        p.act(placeholder)
    for number, line in enumerate(text.split("\n")):
        if number:
            t.key(pygame.K_RETURN)
        t.type(line)
    assert t.app.scene.round.reflection != text, "Enter makes a new line; it does not save"
    if p.how == "keys":
        t.key(pygame.K_TAB)                  # Tab leaves the field for the Save button
        assert t.app.page.focusables[t.app.focused_element_index()].label == _("solo.screen.reflection_save")
        t.key(pygame.K_RETURN)
    else:
        p.act(_("solo.screen.reflection_save"))
    assert t.app.scene.round.reflection == text, t.app.notice


@pytest.mark.parametrize("how", ["mouse", "keys"])
def test_a_run_stopped_halfway_resumed_replayed_and_exported(tmp_path, library, practice, how):
    t = Table(tmp_path, library)
    p = Player(t, how)
    open_practice(t, p)
    choose_case_and_role(t, p, library, "bewoner")
    first_decision(t, p)
    stopped_at = t.app.scene.round.node
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()
    assert not t.app.running
    t.app.scene.stored.close()                 # the process would end here
    assert unfinished_run(practice).steps[0][0] == library.case(CASE).scenario.start_id()

    t = Table(tmp_path, library)                 # opened again: the run is offered at the same point
    p = Player(t, how)
    open_practice(t, p)
    p.act(_("solo.screen.resume"))
    scene = t.app.scene
    assert isinstance(scene, SoloRunScene) and scene.round.node == stopped_at and scene.round.phase == "vote"
    to_the_ending(t, p)
    write_reflection(t, p, "Ik zag hoe bang Ingrid is;\ntoch wil Wim naar buiten.")
    p.act(_("solo.screen.finish"))
    assert isinstance(t.app.scene, SoloAfterScene)
    runs = history(practice)[0]
    scenario = library.case(CASE).scenario
    assert coverage(scenario, runs).summary(scenario) in t.screen_text().replace("&#x27;", "'")
    assert _("solo.screen.groups_too_few", n=GROUP_MINIMUM) in t.screen_text()

    other = coverage(scenario, runs).roles_not_tried[0]
    p.act(_("solo.screen.replay_as", n=1, role=role_name(library, other)))
    assert isinstance(t.app.scene, SoloRunScene) and t.app.scene.round.roles == (other,)
    p.act(_("ui.round.menu"))

    runs = history(practice)[0]
    assert [run.role for run in runs] == [other, "bewoner"]
    done = runs[1]
    assert done.finished and done.reflection.startswith("Ik zag") and done.values == ("autonomie", "veiligheid")
    assert done.steps[0][1] == scenario.decisions[scenario.start_id()].option_ids()[1]

    p.act(_("solo.screen.my_practice"))
    assert isinstance(t.app.scene, MyPracticeScene)
    assert "Ik zag hoe bang Ingrid is; / toch wil Wim naar buiten." in t.screen_text()  # both lines, one row
    p.act(_("solo.screen.export_md"))
    markdown = (practice / "mijn-reflecties.md").read_text(encoding="utf-8")
    assert scenario.title in markdown and "Ik zag hoe bang Ingrid is;  \ntoch wil Wim naar buiten." in markdown
    assert str(practice / "mijn-reflecties.md") in t.screen_text()
    p.act(_("solo.screen.export_html"))
    page = (practice / "mijn-reflecties.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Ik zag hoe bang Ingrid is;<br>toch wil Wim naar buiten." in page

    p.act(_("solo.screen.delete"))
    p.act(_("solo.screen.delete_no"))            # the confirmation step: nothing is gone
    assert len(history(practice)[0]) == 2
    p.act(_("solo.screen.delete"))
    p.act(_("solo.screen.delete_yes"))
    assert history(practice)[0] == [] and (practice / "mijn-reflecties.md").exists()
    assert _("solo.screen.practice_none") in t.screen_text()


def test_deleting_all_practice_from_the_page_after_a_run_goes_back_past_that_page(tmp_path, library, practice):
    """The page after a run shows that run; once 'Mijn oefeningen' deleted it, Back goes to where the run began."""
    t = Table(tmp_path, library)
    p = Player(t)
    open_practice(t, p)
    stored = start_run(library, CASE, "bewoner")
    to_the_written_ending(stored)
    t.app.push(SoloRunScene(t.app, stored))
    t.step()
    p.act(_("solo.screen.finish"))
    assert isinstance(t.app.scene, SoloAfterScene)
    p.act(_("solo.screen.my_practice"))
    p.act(_("solo.screen.delete"))
    p.act(_("solo.screen.delete_yes"))
    assert history(practice)[0] == []
    p.act(_("ui.back"))
    assert type(t.app.scene).__name__ == "SoloHomeScene"


def table_votes(library, folder, players: int, option_index: int = 0) -> None:
    """A table session on the case whose players all chose the same option at the first decision point."""
    stored = start_session(library, StartSession(tuple(f"P{n}" for n in range(players)), (CASE,), plan="lang"), folder=folder)
    for player in range(players):
        stored.execute(DrawRole(player))
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    option = stored.session.available_options()[option_index]
    for player in range(players):
        stored.execute(CastVote(player, option))
    stored.close()


def through_the_decisions(stored, choose) -> None:
    """Follow ``choose(stored)``'s option at every decision point: vote for it, explore it, go on with it."""
    while stored.state.current.phase == "vote":
        option = choose(stored)
        stored.execute(CastVote(0, option))
        stored.execute(ExploreOption(option))
        stored.execute(Continue(option))


def first_option(stored) -> str:
    return stored.session.available_options()[0]


def to_the_written_ending(stored) -> None:
    """A fresh run past its role and values, the first option at every decision, to the ending's page where the
    learner writes."""
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    through_the_decisions(stored, first_option)
    stored.execute(AdvancePhase())


def play_to_the_end(stored, choose) -> Path:
    """Follow ``choose(stored)``'s option at every decision point, read the ending, and close the run."""
    through_the_decisions(stored, choose)
    while not stored.state.finished:
        stored.execute(AdvancePhase())
    stored.close()
    return stored.path


def finished_run(library, option_index: int = 0):
    stored = start_run(library, CASE, "evv", folder=practice_folder())
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    return play_to_the_end(stored, lambda s: s.session.available_options()[option_index])


@pytest.mark.parametrize("same, other, shown", [(2, 2, False), (GROUP_MINIMUM, 2, True)])
def test_how_groups_chose_is_shown_only_with_enough_answers(tmp_path, library, practice, same, other, shown):
    """``same`` table players chose the learner's option, ``other`` the next one; solo runs never count."""
    sessions = tmp_path / "sessions"
    table_votes(library, sessions, same)
    table_votes(library, sessions, other, option_index=1)
    finished_run(library)
    finished_run(library)
    scenario = library.case(CASE).scenario
    start = scenario.start_id()
    found = group_choices(sessions, library, scenario, [start])[start]
    assert found.answers == same + other and bool(found.tallies) is shown
    t = Table(tmp_path, library)
    t.app.push(SoloAfterScene(t.app, history(practice)[0][0].path))
    text = t.screen_text()
    t.step()
    t.shot(OUT / f"solo-groups-{same}.png")
    assert not t.app.page.scrollable, "the figures read without scrolling"
    if shown:
        first = scenario.decisions[start].options[0].text
        assert _("solo.screen.groups_answers", n=same + other) in text
        assert f"{round(100 * same / (same + other))}% ({_('solo.screen.yours')}): {first[:30]}" in text
    else:
        assert _("solo.screen.groups_too_few", n=GROUP_MINIMUM) in text


def test_solo_command_with_an_unknown_case_suggests_the_nearest(capsys):
    assert main(["solo", "open-dor"]) == 2
    error = capsys.readouterr().err
    assert "open-dor" in error and _("solo.cli.did_you_mean", "nl", ids="open-deur").rstrip("?") in error


def test_solo_window_opens_on_the_role_choice_of_a_case(tmp_path, library, practice):
    from game.ui.app import Places
    app = open_solo(Places(tmp_path / "settings.json", tmp_path / "sessions", library), CASE, size=(1280, 720))
    assert app.scene.__class__.__name__ == "SoloRoleScene" and app.scene.case_id == CASE


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_solo_screen(tmp_path, library, practice, size, lang):
    t = Table(tmp_path, library, size=size, lang=lang)
    shoot = Camera(t, OUT / f"solo-{lang}-{size[0]}x{size[1]}")
    p = Player(t, "mouse", shoot)
    open_practice(t, p)
    shoot("home")
    p.act(f"1. {library.case(CASE, lang).scenario.title}")
    shoot("role-choice")
    p.act(_("solo.screen.draw_role"))
    shoot("role-brief")
    p.act(_("solo.screen.to_values"))
    p.act(p._value_label("autonomie"))
    shoot("values")
    p.act(_("solo.screen.values_done"))
    shoot("decision")
    p.act(_("solo.screen.to_options"))
    shoot("options")
    p.option(1)
    shoot("consequences")
    p.act(_("ui.explore.back"))
    shoot("options-read")
    p.option(1)
    p.act(_("ui.explore.follow"))
    to_the_ending(t, p)
    shoot("ending-story")
    p.act(_("ui.ending.facts"))
    shoot("ending-facts")
    write_reflection(t, p, "Een korte reflectie.\nMet een tweede regel." if lang == "nl"
                     else "A short reflection.\nWith a second line.")
    shoot("ending-reflection")
    p.act(_("solo.screen.finish"))
    shoot("after-run")
    runs = history(practice)[0]
    p.act(_("solo.screen.replay_as", n=1, role=role_name(library, coverage(
        library.case(CASE, lang).scenario, runs).roles_not_tried[0], lang)))
    p.act(_("ui.round.menu"))
    shoot("home-resume")
    p.act(_("solo.screen.my_practice"))
    shoot("my-practice")
    p.act(_("solo.screen.export_md"))
    shoot("my-practice-exported")
    p.act(_("solo.screen.delete"))
    shoot("delete-confirm")


def heaviest_run(library, case_id: str, lang: str):
    """A finished run with the most to show afterwards: five own values, the walk naming the most values."""
    scenario = library.case(case_id, lang).scenario
    walk = max(all_walks(scenario), key=lambda w: sum(
        len(scenario.decisions[node].option(option).favours + scenario.decisions[node].option(option).pressures)
        for node, option in w))
    stored = start_run(library, case_id, next(iter(scenario.roles)), lang)
    stored.execute(AdvancePhase())
    stored.execute(PickValues(0, tuple(sorted(stored.session.book.values_for(case_id)))[:5]))
    stored.execute(AdvancePhase())
    options = iter(option for _node, option in walk)
    return play_to_the_end(stored, lambda _stored: next(options))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["720p", "1080p"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_after_a_run_every_case_reads_without_scrolling(tmp_path, library, practice, lang, size):
    """What you saw, your values next to your choices, how groups chose: all in view, for the longest path."""
    t = Table(tmp_path, library, size=size, lang=lang)
    cases = sorted(case_id for case_id, case_lang in library.cases if case_lang == lang)
    assert len(cases) >= (10 if lang == "nl" else 5)
    for case_id in cases:
        t.app.push(SoloAfterScene(t.app, heaviest_run(library, case_id, lang)))
        t.step()
        check_layout(t)
        cut = [box.html_text for box in t.app.page.scrollable]
        assert not cut, f"{case_id} ({lang}): these texts need a scroll bar: {cut}"


def test_the_reflection_field_keeps_its_lines_through_a_rebuild_and_a_closed_window(tmp_path, library, practice):
    stored = start_run(library, CASE, "bewoner")
    to_the_written_ending(stored)
    assert stored.state.current.phase == "ending"
    t = Table(tmp_path, library)
    t.app.push(SoloRunScene(t.app, stored))
    p = Player(t, "keys")
    p.act(_("solo.screen.reflection_tab"))
    t.focus_on(_("solo.screen.reflection_placeholder"))
    t.type("Eerste regel")
    t.key(pygame.K_RETURN)
    t.type("Tweede & <b>regel</b>")
    t.app.apply_settings(t.app.settings.changed(lang="en"))   # a rebuild: other words, the same field
    t.step()
    field = t.app.scene.reflection.field
    assert field.get_text() == "Eerste regel\nTweede & <b>regel</b>" and field.is_focused
    field.select_range = [len("Eerste regel\nTweede & <b>"), len("Eerste regel\nTweede & <b>regel")]
    t.type("R")                                  # typing over a selection on the second line (pygame_gui #717)
    t.type("!")
    assert field.get_text() == "Eerste regel\nTweede & <b>R!</b>"
    field.select_range = [0, len("Eerste ")]
    t.key(pygame.K_BACKSPACE)
    assert field.get_text() == "regel\nTweede & <b>R!</b>"
    assert t.app.scene.round.reflection == "", "nothing is saved before the learner saves or goes on"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    t.step()
    stored.close()
    assert history(practice)[0][0].reflection == "regel\nTweede & <b>R!</b>", "closing the window keeps it"

    t = Table(tmp_path, library)
    p = Player(t, "keys")
    open_practice(t, p)
    p.act(_("solo.screen.resume"))
    p.act(_("solo.screen.reflection_tab"))
    assert t.app.scene.reflection.field.get_text() == "regel\nTweede & <b>R!</b>"
    assert _("solo.screen.reflection_saved") in t.screen_text()


def test_the_reflection_field_stops_at_the_length_the_log_takes(tmp_path, library):
    from game.engine.session import MAX_TEXT
    from game.ui.page import Page
    from game.ui.textfield import text_field
    t = Table(tmp_path, library)
    field = text_field(Page(t.app), 60, 200, 800, 300, "a" * (MAX_TEXT + 5), "", MAX_TEXT, key="reflection")
    assert len(field.get_text()) == MAX_TEXT
    t.app.manager.set_focus_set(field)
    t.type("b")
    t.key(pygame.K_RETURN)
    assert field.get_text() == "a" * MAX_TEXT


def test_practise_alone_opens_with_the_focus_on_the_first_case_and_enter_chooses_it(tmp_path, library, practice):
    t = Table(tmp_path, library)
    Player(t, "keys").act(_("solo.screen.start_button"))
    assert t.app.scene.__class__.__name__ == "SoloHomeScene"
    first = t.app.scene.shown[0]
    assert t.focused().startswith(f"1. {first.title}")
    t.enter()
    assert t.app.scene.__class__.__name__ == "SoloRoleScene" and t.app.scene.case_id == first.id
