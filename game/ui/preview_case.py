"""What the preview of a case file needs besides the screens: load the file, find a way to every node,
and play the engine there, in a session that lives in a temporary folder.

The engine stays pure: a jump is a replay of ordinary commands (pick the roles, pass the vote, explore
and follow one option per decision point) along a way from the start, found with the same rules for
``when``/``unless`` as ``game.scenario.paths``. Nothing here draws; the scene in
``game.ui.scenes.preview`` shows the result.
"""
from __future__ import annotations

import shutil
import tempfile
import uuid
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.engine import AdvancePhase, CaseBook, Continue, ExploreOption, GoBack, PickRole, Session, StartSession
from game.engine.session import MODES
from game.engine.state import SessionState
from game.scenario.loader import DECK_FILES, Decks, Library, LoadedCase, decks_for, load_case, load_decks
from game.scenario.paths import Walk, available
from game.scenario.problems import Problem
from game.scenario.model import Scenario
from game.store.log import SUFFIX, SessionLog, StoredSession, companion_files
from game.ui.cards import role_card

MAX_STATES = 20_000  # (node, choices made) pairs the search for ways may visit; plenty for a hand-written case
INTRO = "draw"  # the phase that shows the case's story: where a preview starts


@dataclass(frozen=True)
class Loaded:
    """One read of the case file: the case when it is valid, its decks, and every problem found."""

    case: LoadedCase | None
    decks: Decks
    problems: tuple[Problem, ...]


def load_preview(path: Path) -> Loaded:
    """The case file with the decks of its library (the nearest decks/ folder, else the bundled ones)."""
    decks, deck_problems = load_decks(decks_for(path))
    result = load_case(path, decks)
    return Loaded(result.case, decks, tuple(deck_problems) + result.problems)


def watched_files(path: Path) -> list[Path]:
    """The files whose change means the preview must load again: the case and its decks."""
    return [path] + [decks_for(path) / name for name in DECK_FILES.values()]


def file_stamp(paths: list[Path]) -> tuple:
    """Time, size and inode of each file (None for one that is gone): an editor that saves by renaming
    a new file over the old one changes the inode."""
    stamps = []
    for path in paths:
        try:
            found = path.stat()
        except OSError:
            stamps.append(None)
            continue
        stamps.append((found.st_mtime_ns, found.st_size, found.st_ino))
    return tuple(stamps)


@dataclass(frozen=True)
class Position:
    """Where the preview stands: the way taken from the start, the phase there, and what was opened."""

    steps: Walk = ()
    phase: str = INTRO
    explored: tuple[str, ...] = ()
    viewing: str | None = None

    def node(self, scenario: Scenario) -> str:
        """The node this position stands on (the start while no step was taken)."""
        if not self.steps:
            return scenario.start_id()
        last_node, last_option = self.steps[-1]
        return scenario.decisions[last_node].option(last_option).next

    @classmethod
    def of(cls, state: SessionState) -> "Position":
        """The position a session is at (an ended session stays at its ending)."""
        current = state.current
        phase = "explore" if current.phase == "reconsider" else current.phase
        return cls(tuple((step.node, step.option) for step in current.path), phase, current.explored_here(),
                   current.viewing)


def ways(scenario: Scenario) -> dict[str, Walk]:
    """The shortest way from the start to every node that can be reached (breadth first, respecting
    ``when``/``unless``, never visiting a decision point twice on one way)."""
    start = scenario.start_id()
    found: dict[str, Walk] = {start: ()}
    queue = deque([(start, ())])
    seen = {(start, frozenset())}
    while queue and len(seen) < MAX_STATES:
        node, walk = queue.popleft()
        if node not in scenario.decisions:
            continue
        chosen = frozenset(f"{n}.{o}" for n, o in walk)
        visited = {n for n, _option in walk} | {node}
        for option in available(scenario, node, chosen):
            target = scenario.decisions[node].option(option).next
            if target in visited:
                continue
            step = walk + ((node, option),)
            found.setdefault(target, step)
            key = (target, chosen | {f"{node}.{option}"})
            if key not in seen:
                seen.add(key)
                queue.append((target, step))
    return found


def follows(scenario: Scenario, steps: Walk) -> str | None:
    """The node ``steps`` lead to in this (perhaps edited) case; None when a step no longer fits."""
    node, chosen = scenario.start_id(), set()
    for step_node, option in steps:
        if step_node != node or node not in scenario.decisions or option not in available(scenario, node,
                                                                                          frozenset(chosen)):
            return None
        chosen.add(f"{node}.{option}")
        node = scenario.decisions[node].option(option).next
    return node


@dataclass(frozen=True)
class Moved:
    """Why the preview could not stay where it was: the node it stood on, and where it went instead."""

    node: str
    gone: bool
    now: str


def jump(scenario: Scenario, node: str, known: dict[str, Walk]) -> Position:
    """A fresh look at ``node``: a decision point before the vote, an ending with its story."""
    return Position(known[node], "vote" if node in scenario.decisions else "ending")


def resolve(scenario: Scenario, position: Position, known: dict[str, Walk],
            before: Scenario) -> tuple[Position, Moved | None]:
    """The same position in the case as it is now (after a save): along the same way where it still
    fits, else along another way. A node that is gone or out of reach gives the nearest earlier node on
    the way that is still there (or the start), and says so. ``before`` is the case the position was
    taken in."""
    if position.phase in (INTRO, "share"):
        return position, None
    target = position.node(before)
    for index in range(len(position.steps), -1, -1):
        node = target if index == len(position.steps) else position.steps[index][0]
        if node is None or node not in known:
            continue
        steps = position.steps[:index] if follows(scenario, position.steps[:index]) == node else known[node]
        if index < len(position.steps):
            return jump(scenario, node, {node: steps}), Moved(target, scenario.node(target) is None, node)
        return _fitted(scenario, replace(position, steps=steps), node), None
    return Position(), Moved(target, scenario.node(target) is None, scenario.start_id())


def _fitted(scenario: Scenario, position: Position, node: str) -> Position:
    """The phase made to fit the kind of node (an ending may have become a decision point, or back)."""
    if node in scenario.decisions and position.phase in ("record", "ending"):
        return replace(position, phase="vote", explored=(), viewing=None)
    if node in scenario.endings and position.phase in ("vote", "explore"):
        return replace(position, phase="ending", explored=(), viewing=None)
    return position


@dataclass
class Replay:
    """A session played to a position with ordinary commands; ``events`` are all it produced."""

    session: Session
    events: list = field(default_factory=list)

    def run(self, command) -> None:
        self.events += self.session.execute(command)


def role_order(scenario: Scenario, role: str | None) -> list[str]:
    """The roles as players take them: the chosen role first (the preview shows player 1's card), then
    the others, as many as a table has seats (a case with one role fills two seats with it)."""
    roles = list(scenario.roles)
    if role in roles:
        roles.remove(role)
        roles.insert(0, role)
    low, high = MODES["table"]
    return (roles * low)[:max(low, min(high, len(roles)))]


def play(case: LoadedCase, decks: Decks, position: Position, role: str | None, lang: str) -> Replay:
    """A table session of this one case, played to ``position`` with the chosen role at seat 1."""
    scenario = case.scenario
    book = CaseBook({scenario.id: scenario}, {scenario.id: case.digest}, frozenset(decks.values))
    replay = Replay(Session(book))
    roles = role_order(scenario, role)
    names = tuple(role_card(Library(decks), r, lang).name for r in roles)
    replay.run(StartSession(names, (scenario.id,), lang=lang, seed=0, plan="lang"))
    for player, role_id in enumerate(roles):
        replay.run(PickRole(player, role_id))
    if position.phase == INTRO:
        return replay
    replay.run(AdvancePhase())
    if position.phase == "share":
        return replay
    replay.run(AdvancePhase())
    for node, option in position.steps:
        replay.run(AdvancePhase())  # nobody votes: the votes are revealed as passes
        replay.run(ExploreOption(option))
        replay.run(Continue(option))
    if position.phase == "ending":
        replay.run(AdvancePhase())
    elif position.phase == "explore":
        _explore_again(replay, position)
    return replay


def _explore_again(replay: Replay, position: Position) -> None:
    """Open again the options that were read here (those that still exist), the one being read last."""
    replay.run(AdvancePhase())
    options = replay.session.available_options()
    read = [o for o in position.explored if o in options and o != position.viewing]
    if position.viewing in options:
        read.append(position.viewing)
    for option in read:
        replay.run(ExploreOption(option))
    if read and read[-1] != position.viewing:
        replay.run(GoBack())


class Sandbox:
    """A temporary folder for the preview's session files, removed on close: a preview never lands
    among the sessions of the table."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="dilemmaspel-voorbeeld-"))

    def store(self, replay: Replay) -> StoredSession:
        """The replayed session as a stored one (its events written in one go), ready for the screens."""
        path = self.folder / f"{uuid.uuid4().hex}{SUFFIX}"
        log = SessionLog.create(path, first=replay.events, session_id=replay.session.state.session_id)
        return StoredSession(replay.session, log)

    def discard(self, stored: StoredSession) -> None:
        stored.close()
        for path in (stored.path, *companion_files(stored.path)):
            path.unlink(missing_ok=True)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
