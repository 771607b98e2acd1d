"""Table sessions for the plenary tests: scripted ones with hand-computed figures, and lifelike ones.

``TABLE_ONE`` and ``TABLE_TWO`` play the small test case ``proef`` (tests/data/proef.yaml);
their figures are worked out by hand in tests/test_figures.py. ``play_like_a_table``
plays any case the way a real table does: everyone takes part, most vote, the table
explores, sometimes votes again, follows the option most chose, records values and
writes a few discussion points.
"""
from __future__ import annotations

import itertools
import random
import sqlite3
from collections import Counter
from pathlib import Path

from game.engine import (AddNote, AdvancePhase, CastVote, Continue, DrawRole, ExploreOption, PickRole, PickValues,
                         RecordValues, StartSession)
from game.app import start_session
from game.store.log import StoredSession

HOSTILE_NOTES = (
    "<script>alert('x')</script> & <b>vet</b>",
    '=HYPERLINK("http://example.invalid/?"&A1,"klik")',
    "+31 6 12345678 belt de familie",
    "@team: -2 graden buiten",
    "Lang " + "verhaal over de douche, " * 80 + "einde.",
    "Annie 😀👍🏽 was blij ❤️",
    "שלום, مرحبا: de familie spreekt Hebreeuws en Arabisch",
)

TABLE_ONE = [
    PickRole(0, "bewoner"), PickRole(1, "partner"), PickRole(2, "evv"), AdvancePhase(),
    PickValues(0, ("autonomie", "eigen-ritme")), PickValues(1, ("veiligheid",)),
    PickValues(2, ("autonomie", "veiligheid")), AdvancePhase(),
    CastVote(0, "praten"), CastVote(1, "regel"), CastVote(2, "praten"),
    ExploreOption("praten"), AdvancePhase(), CastVote(1, "praten"), Continue("praten"),
    CastVote(0, "samen"), CastVote(1, "samen"), CastVote(2, "alleen"),
    ExploreOption("samen"), Continue("samen"),
    RecordValues(("autonomie", "vertrouwen")), AddNote("Wie beslist er eigenlijk?"),
    AdvancePhase(), AdvancePhase(), AdvancePhase(),
]
TABLE_TWO = [
    PickRole(0, "evv"), PickRole(1, "teamleider"), AdvancePhase(),
    PickValues(0, ("veiligheid",)), PickValues(1, ("werkrust", "veiligheid")), AdvancePhase(),
    CastVote(0, "regel"), CastVote(1, None),
    ExploreOption("regel"), Continue("regel"),
    CastVote(0, "alleen"), AdvancePhase(),
    ExploreOption("alleen"), Continue("alleen"),
    RecordValues(("veiligheid",)), AddNote("De regel geeft rust, maar voor wie?"),
    AdvancePhase(), AdvancePhase(), AdvancePhase(),
]


def ticking(start: float = 1_790_000_000.0, step: float = 10.0):
    """A clock for sessions that must not depend on the time of the test."""
    ticks = itertools.count()
    return lambda: start + step * next(ticks)


def scripted(book, path: Path, players: tuple[str, ...], commands, start: float = 1_790_000_000.0,
             cases: tuple[str, ...] = ("proef",)) -> StoredSession:
    """A session file played with ``commands``; the session is left open (close it, or keep it as a live table)."""
    stored = StoredSession.start(book, StartSession(players, cases, seed=7, plan="lang"), path=path, clock=ticking(start))
    for command in commands:
        stored.execute(command)
    return stored


def play_like_a_table(stored: StoredSession, rng: random.Random, notes=()) -> None:
    """Play the session to its end as a table of people would; ``notes`` are written in the first round."""
    session = stored.session
    notes = list(notes)
    while not session.state.finished:
        state = session.state
        current, players = state.current, range(len(state.players))
        values = sorted(session.book.values_for(current.case))
        if current.phase == "draw":
            for player in players:
                stored.execute(DrawRole(player))
        elif current.phase == "share":
            for player in players:
                stored.execute(PickValues(player, tuple(rng.sample(values, rng.randint(1, 3)))))
        elif current.phase == "vote":
            options = session.available_options()
            for player in players:
                if session.state.phase == "vote" and rng.random() < 0.9:
                    stored.execute(CastVote(player, rng.choice(options)))
            if session.state.phase == "vote":
                stored.execute(AdvancePhase())
            continue
        elif current.phase == "explore":
            _explore_and_follow(stored, rng)
            continue
        elif current.phase == "record":
            picked = Counter(v for values_of in current.values for v in values_of)
            stored.execute(RecordValues(tuple(v for v, _count in picked.most_common(rng.randint(1, 3)))))
            while notes and current.number == 1:
                stored.execute(AddNote(notes.pop(0)))
            stored.execute(AddNote(rng.choice(("Wie praat er met de familie?", "Wat wil de bewoner zelf?",
                                                "Hoe houden we dit vol als team?"))))
        stored.execute(AdvancePhase())


def _explore_and_follow(stored: StoredSession, rng: random.Random) -> None:
    """Explore the most chosen option (and maybe one more), sometimes vote again (always in the short plan,
    where two players change their mind), then follow the favourite (long plan) or close the decision."""
    session = stored.session
    options = session.available_options()
    first = session.state.current.votes_at("first")
    favourite = Counter(o for o in first.values() if o).most_common(1)
    favourite = favourite[0][0] if favourite else rng.choice(options)
    stored.execute(ExploreOption(favourite))
    other = rng.choice(options)
    if other != favourite and rng.random() < 0.5:
        stored.execute(ExploreOption(other))
    short = session.state.plan == "kort"
    if short or rng.random() < 0.5:
        stored.execute(AdvancePhase())
        for player in rng.sample(range(len(session.state.players)), 2):
            stored.execute(CastVote(player, rng.choice(session.state.current.explored_here())))
    stored.execute(AdvancePhase() if short else Continue(favourite))


def version_1_file(library, path: Path):
    """A session file as version 1 of the log wrote it (no index by kind); the state it holds."""
    stored = start_session(library, StartSession(("A", "B"), ("open-deur",), plan="lang"), path=path)
    stored.execute(AddNote("van vroeger"))
    state = stored.state
    stored.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX events_by_kind")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    return state
