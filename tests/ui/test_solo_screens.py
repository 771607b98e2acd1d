"""Practising alone through the real screens: mouse and keyboard only, stopped halfway and resumed,
replayed as another role, the history, coverage and exported reflections on disk, group data shown
only above the anonymity threshold, and screenshots of every solo screen."""
from __future__ import annotations

import pygame
import pytest

from game.app import start_session
from game.cli import main
from game.engine import AdvancePhase, CastVote, Continue, DrawRole, ExploreOption
from game.engine.commands import StartSession
from game.i18n import _
from game.solo import GROUP_MINIMUM, coverage, group_choices, history, practice_folder, start_run, unfinished_run
from game.ui.cards import role_card
from game.ui.scenes.solo import MyPracticeScene, SoloAfterScene, SoloRunScene, open_solo
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_screenshots import OUT, Camera

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


def write_reflection(t: Table, p: Player, text: str) -> None:
    p.act(_("solo.screen.reflection_tab"))
    placeholder = _("solo.screen.reflection_placeholder")
    if p.how == "keys":
        t.focus_on(placeholder)
    else:
        p.act(placeholder)
    t.type(text)
    t.key(pygame.K_RETURN)
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
    write_reflection(t, p, "Ik zag hoe bang Ingrid is; toch wil Wim naar buiten.")
    p.act(_("ui.ending.finish"))
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
    assert isinstance(t.app.scene, MyPracticeScene) and "Ik zag hoe bang" in t.screen_text()
    p.act(_("solo.screen.export_md"))
    markdown = (practice / "mijn-reflecties.md").read_text(encoding="utf-8")
    assert scenario.title in markdown and "Ik zag hoe bang Ingrid is; toch wil Wim naar buiten." in markdown
    assert str(practice / "mijn-reflecties.md") in t.screen_text()
    p.act(_("solo.screen.export_html"))
    page = (practice / "mijn-reflecties.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Ik zag hoe bang Ingrid is; toch wil Wim naar buiten." in page

    p.act(_("solo.screen.delete"))
    p.act(_("solo.screen.delete_no"))            # the confirmation step: nothing is gone
    assert len(history(practice)[0]) == 2
    p.act(_("solo.screen.delete"))
    p.act(_("solo.screen.delete_yes"))
    assert history(practice)[0] == [] and (practice / "mijn-reflecties.md").exists()
    assert _("solo.screen.practice_none") in t.screen_text()


def table_votes(library, folder, players: int, option_index: int = 0) -> None:
    """A table session on the case whose players all chose the same option at the first decision point."""
    stored = start_session(library, StartSession(tuple(f"P{n}" for n in range(players)), (CASE,)), folder=folder)
    for player in range(players):
        stored.execute(DrawRole(player))
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    option = stored.session.available_options()[option_index]
    for player in range(players):
        stored.execute(CastVote(player, option))
    stored.close()


def finished_run(library, option_index: int = 0):
    stored = start_run(library, CASE, "evv", folder=practice_folder())
    stored.execute(AdvancePhase())
    stored.execute(AdvancePhase())
    while stored.state.current.phase == "vote":
        option = stored.session.available_options()[option_index]
        stored.execute(CastVote(0, option))
        stored.execute(ExploreOption(option))
        stored.execute(Continue(option))
    while not stored.state.finished:
        stored.execute(AdvancePhase())
    stored.close()
    return stored.path


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
    t.app.show(SoloAfterScene(t.app, history(practice)[0][0].path))
    text = t.screen_text()
    if shown:
        first = scenario.decisions[start].options[0].text
        assert _("solo.screen.groups_answers", n=same + other) in text
        assert f"{first} {round(100 * same / (same + other))}% ({_('solo.screen.yours')})" in text
    else:
        assert _("solo.screen.groups_too_few", n=GROUP_MINIMUM) in text


def test_solo_command_with_an_unknown_case_suggests_the_nearest(capsys):
    assert main(["solo", "open-dor"]) == 2
    error = capsys.readouterr().err
    assert "open-dor" in error and _("solo.cli.did_you_mean", "nl", ids="open-deur") in error


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
    write_reflection(t, p, "Een korte reflectie." if lang == "nl" else "A short reflection.")
    shoot("ending-reflection")
    p.act(_("ui.ending.finish"))
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
