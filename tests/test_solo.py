"""Practising alone: runs kept apart, history, resume, coverage suggestions, export, deleting."""
from __future__ import annotations

import pytest

from game.app import open_library, resume_session
from game.engine import AdvancePhase, CastVote, Continue, ExploreOption, PickValues, WriteReflection
from game.scenario.paths import all_walks, nodes_of
from game.solo import coverage, delete_history, export_reflections, history, start_run, unfinished_run


@pytest.fixture(scope="module")
def library():
    return open_library()


def play(stored, *options, reflection=None):
    stored.execute(AdvancePhase())
    stored.execute(PickValues(0, ("autonomie",)))
    stored.execute(AdvancePhase())
    for option in options:
        for command in (CastVote(0, option), ExploreOption(option), Continue(option)):
            stored.execute(command)
    if stored.state.phase == "record":
        stored.execute(AdvancePhase())
        if reflection:
            stored.execute(WriteReflection(reflection))
        stored.execute(AdvancePhase())


def test_a_run_halfway_is_offered_again_and_resumes_at_the_same_point(library, tmp_path):
    stored = start_run(library, "hygiene-normen", role="partner", folder=tmp_path)
    play(stored, "washand")
    point = stored.state
    stored.close()
    run = unfinished_run(tmp_path)
    assert (run.case, run.role, run.steps, run.finished) == ("hygiene-normen", "partner", (("begin", "washand"),), False)
    assert resume_session(library, run.path).state == point


def test_history_coverage_and_replay_as_another_role(library, tmp_path):
    first = start_run(library, "hygiene-normen", role="partner", folder=tmp_path)
    play(first, "washand", "accepteren", reflection="Annie wil zorgen; ik snap het team ook.")
    first.close()
    runs, broken = history(tmp_path)
    assert broken == [] and len(runs) == 1 and runs[0].finished and runs[0].ending == "eigen-keuze"
    scenario = library.case("hygiene-normen").scenario
    seen = coverage(scenario, runs)
    assert seen.seen_decisions == {"begin", "huid"} and seen.seen_endings == {"eigen-keuze"}
    assert "partner" not in seen.roles_not_tried and "evv" in seen.roles_not_tried
    text = seen.summary(scenario, "nl")
    assert text.startswith("Je hebt 2 van 4 beslismomenten gezien.")
    assert "zwaarder weegt dan" in text or "andere keuzes" in text
    assert set(nodes_of(scenario, seen.next_walk)) - {"begin", "huid", "eigen-keuze"}
    second = start_run(library, "hygiene-normen", role=seen.roles_not_tried[0], folder=tmp_path)
    play(second, "douchen", "vasthouden")
    second.close()
    runs, _ = history(tmp_path)
    assert [r.role for r in runs] == [seen.roles_not_tried[0], "partner"]
    assert coverage(scenario, runs).seen_decisions == {"begin", "huid", "weerstand"}


def test_reflections_export_as_markdown_and_escaped_html(library, tmp_path):
    stored = start_run(library, "open-deur", role="kind", folder=tmp_path)
    first_walk = all_walks(library.case("open-deur").scenario)[0]
    play(stored, *(option for _node, option in first_walk), reflection="<script>alert(1)</script> & 😀\nregel twee")
    stored.close()
    runs, _ = history(tmp_path)
    markdown = export_reflections(runs, library, "md", "nl")
    assert markdown.startswith("# Mijn reflecties uit Dilemmaspel") and "Zoon of dochter" in markdown
    assert "<script>alert(1)</script> & 😀" in markdown
    page = export_reflections(runs, library, "html", "en")
    assert "<script>" not in page and "&lt;script&gt;" in page and "regel twee" in page and "<br>" in page


def test_runs_are_kept_apart_from_table_sessions_and_can_be_deleted(library, tmp_path, monkeypatch):
    monkeypatch.setenv("DILEMMASPEL_PRACTICE", str(tmp_path / "oefenen"))
    stored = start_run(library, "verhuisdag", role=None)
    assert stored.path.parent == tmp_path / "oefenen" and stored.state.current.roles[0] is not None
    stored.close()
    assert len(history()[0]) == 1
    assert delete_history() == 1
    assert history()[0] == [] and list((tmp_path / "oefenen").iterdir()) == []
