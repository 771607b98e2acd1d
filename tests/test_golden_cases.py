"""A golden play-through per case: walks that together visit every decision point, ending and
option, played through the engine as solo runs, checked against tests/golden/cases/.

Rewrite after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_golden_cases.py``
and read the diff: it shows how the story of a case changed."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.app import case_book, open_library
from game.engine import AdvancePhase, CastVote, Continue, ExploreOption, PickRole, PickValues, Session, StartSession
from game.engine import events as ev
from game.scenario.paths import covering_walks

GOLDEN = Path(__file__).parent / "golden" / "cases"
LIBRARY = open_library()
CASES = sorted(LIBRARY.cases)


def play_walk(book, case_id: str, walk) -> list[ev.Event]:
    scenario = book.cases[case_id]
    session = Session(book, clock=lambda: 0.0, new_id=lambda: "golden")
    events = session.execute(StartSession(("Speler",), (case_id,), mode="solo", seed=1, lang=scenario.lang))
    first_role = next(iter(scenario.roles))
    events += session.execute(PickRole(0, first_role)) + session.execute(AdvancePhase())
    events += session.execute(PickValues(0, scenario.tension[0].values[:1] or ("autonomie",)))
    events += session.execute(AdvancePhase())
    for _node, option in walk:
        for command in (CastVote(0, option), ExploreOption(option), Continue(option)):
            events += session.execute(command)
    events += session.execute(AdvancePhase())
    assert session.state.phase == "ending"
    return events


def transcript(case_id: str, lang: str) -> tuple[str, set[str]]:
    book = case_book(LIBRARY, lang)
    scenario = book.cases[case_id]
    walks = covering_walks(scenario)
    lines = [f"# {case_id} ({lang}): {scenario.title}", f"# {len(walks)} walks", ""]
    visited: set[str] = {scenario.start_id()}
    for number, walk in enumerate(walks, start=1):
        lines.append(f"== walk {number}")
        for event in play_walk(book, case_id, walk):
            if isinstance(event, ev.PathContinued):
                option = scenario.decisions[event.node].option(event.option)
                lines.append(f"[{event.node}] {scenario.decisions[event.node].title}")
                lines.append(f"  -> {event.option}: {option.text}")
                visited.add(event.to)
                if event.ending:
                    ending = scenario.endings[event.to]
                    lines.append(f"[einde {event.to}] {ending.title} ({len(ending.reflection)} vragen)")
        lines.append("")
    return "\n".join(lines), visited


@pytest.mark.parametrize("case_id,lang", CASES)
def test_golden_walks_visit_every_node_and_match(case_id, lang):
    text, visited = transcript(case_id, lang)
    scenario = LIBRARY.cases[(case_id, lang)].scenario
    assert visited == set(scenario.decisions) | set(scenario.endings), "node coverage must be 100%"
    path = GOLDEN / f"{case_id}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
        pytest.skip("golden transcript rewritten")
    assert text == path.read_text(encoding="utf-8")


def test_every_golden_file_belongs_to_a_case():
    assert sorted(p.name for p in GOLDEN.glob("*.txt")) == sorted(f"{i}.{lang}.txt" for i, lang in CASES)
