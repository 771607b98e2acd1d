"""Commands: what players and the facilitator ask of a session.

A command is a wish; the engine checks it against the state and either refuses
it (``CommandRejected``) or turns it into events, the facts that go into the log.
Players are numbered from 0 in the order of the set-up.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.plans import DEFAULT_PLAN, Durations


@dataclass(frozen=True)
class StartSession:
    """Set up a table session (2-7 players) or a solo run (1 player), with one case per round.

    ``plan``: ``kort`` (the core decision point in 15 minutes) or ``lang`` (the whole case); a solo
    run always plays the whole case. ``hidden_values``: players pick their values in private, one
    after the other, instead of aloud at the table. ``open_vote``: the table votes aloud and one
    player taps the choices in, instead of a hidden vote in turn. ``table_name`` and ``table_colour``
    (``#rrggbb``) are how the plenary and the report name and colour the table; a colour of another form
    is left out (the plenary then gives one).
    """

    players: tuple[str, ...]
    cases: tuple[str, ...]
    mode: str = "table"
    durations: Durations = field(default_factory=Durations)
    seed: int | None = None
    lang: str = "nl"
    plan: str = DEFAULT_PLAN
    hidden_values: bool = False
    open_vote: bool = False
    table_name: str = ""
    table_colour: str = ""


@dataclass(frozen=True)
class DrawRole:
    """The player draws a role card from the envelope."""

    player: int


@dataclass(frozen=True)
class PickRole:
    """The player chooses a role instead of drawing one."""

    player: int
    role: str


@dataclass(frozen=True)
class PickValues:
    """The player's values from their role: 1 to 5 cards; picking again replaces the earlier pick."""

    player: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class FinishSharing:
    """The player is done picking values and passes the screen on; until then their pick is open."""

    player: int


@dataclass(frozen=True)
class CastVote:
    """The player's choice at the current decision point; ``None`` passes.

    After exploring (the second vote) only the players who change their mind vote again; the
    others keep their first vote."""

    player: int
    option: str | None


@dataclass(frozen=True)
class ExploreOption:
    """The table reads the consequences of one option."""

    option: str


@dataclass(frozen=True)
class GoBack:
    """The table closes the consequences and returns to the options."""


@dataclass(frozen=True)
class Continue:
    """The table follows this option to the next decision point or an ending."""

    option: str


@dataclass(frozen=True)
class RecordValues:
    """The values that led the table's choices; recording again replaces them."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class AddNote:
    """A discussion point for the plenary."""

    text: str


@dataclass(frozen=True)
class EditNote:
    note: int
    text: str


@dataclass(frozen=True)
class RemoveNote:
    note: int


@dataclass(frozen=True)
class WriteReflection:
    """A learner's own reflection at the end of a case (replaces an earlier one)."""

    text: str


@dataclass(frozen=True)
class AdvancePhase:
    """Move on to the next phase (the facilitator's 'verder')."""


@dataclass(frozen=True)
class PauseClock:
    pass


@dataclass(frozen=True)
class ResumeClock:
    pass


@dataclass(frozen=True)
class AddMinute:
    pass


Command = (StartSession | DrawRole | PickRole | PickValues | CastVote | ExploreOption | GoBack | Continue
           | RecordValues | AddNote | EditNote | RemoveNote | WriteReflection | AdvancePhase | PauseClock
           | ResumeClock | AddMinute)
