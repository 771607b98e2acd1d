"""The time model: how long a table needs for a round of a case, per plan.

A trainer plans the game into a training of two 15-minute rounds, so every case must say how long it
takes. The model adds up what a table of five does in a round, step by step:

* **reading aloud** what the whole table reads together (the story, a decision point with its options,
  the consequences of the options it explores, an ending with its questions);
* **reading alone** what one player reads in private (their role card and brief);
* **hand-offs**: each time the one screen passes to a player for a private step (drawing a role,
  picking values in private, the hidden vote), while the others look away;
* **taps** on the screen (also the one that goes on from the votes turned over after a hidden vote);
* **talk**: the least time a step's conversation needs when the table is in a hurry.

A step of the plan gives the table its minutes (``Durations``); talk fills what is left. When reading
and hand-offs take longer than a step gives, the clock shows how much of the round is left and the
table talks shorter in the steps that follow, never below the least talk. So a round takes the time
its plan gives, or the sum of its least times when that is more: ``max(plan, work)``.

Every figure is here, with its source or reasoning; ``docs/tijdmodel.md`` explains them for trainers.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from game.scenario.model import Decision, Scenario
from game.scenario.paths import Walk, all_walks, available
from game.scenario.plans import KORT, LANG, PLANS, Durations, round_seconds

# Brysbaert (2019), "How many words do we read per minute?", Journal of Memory and Language 109:
# adults read non-fiction aloud at 183 words a minute on average and silently at 238 (most 175-300).
# A table reads aloud standing, in Dutch (longer words), some players in a second language: we take
# the low side, 150 aloud. Reading a role brief alone: the low end of the silent range, 175.
WORDS_PER_MINUTE_ALOUD = 150
WORDS_PER_MINUTE_ALONE = 175
# Passing the screen: turn the laptop, the others look away, the player taps "Ik ben ...".
SECONDS_PER_HAND_OFF = 6.0
SECONDS_PER_TAP = 1.5
PLAYERS = 5  # a standing table: groups of 4-5 (the paper game)
VALUES_PER_PLAYER = 3  # cards a player taps when sharing values (1 to 5 may be picked)
# The least conversation per step, when the table hurries: a sentence or two per player when sharing
# values; a short reaction when the votes are turned over; agreeing on the leading values.
TALK_SECONDS_PER_PLAYER_SHARING = 15.0
TALK_SECONDS_AFTER_REVEAL = 30.0
TALK_SECONDS_RECORDING = 45.0
TALK_SECONDS_ENDING = 60.0
SECONDS_TYPING_A_POINT = 30.0  # the scribe types one discussion point
# A table reads the consequences of about half the options at a decision point (at least one: the
# option it follows), and about one player in five changes their mind after exploring.
SHARE_OF_OPTIONS_EXPLORED = 0.5
PLAYERS_CHANGING_THEIR_MIND = 1
# A role brief should be read in this time (one hand-off per player must fit the roles step).
BRIEF_SECONDS = 20.0
SLOT_MINUTES = 15.0  # the training's round

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+")


@dataclass(frozen=True)
class Rules:
    """How a table plays the private steps: the set-up's choices (defaults as the set-up's)."""

    hidden_values: bool = False
    open_vote: bool = False
    everyone_votes_again: bool = False  # before round plans: every player voted again, in private


@dataclass(frozen=True)
class Estimate:
    """The minutes of one case in one plan over its paths, and the hand-offs of its middle path."""

    case: str
    lang: str
    plan: str
    shortest: float
    median: float
    longest: float
    handoffs: int

    def fits(self, minutes: float = SLOT_MINUTES) -> bool:
        return self.median <= minutes + 1e-9

    def as_json(self) -> dict:
        return {"case": self.case, "lang": self.lang, "plan": self.plan,
                "minutes": {"shortest": self.shortest, "median": self.median, "longest": self.longest},
                "handoffs": self.handoffs}


def words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def aloud(*texts: str | None) -> float:
    return sum(words(t) for t in texts) * 60 / WORDS_PER_MINUTE_ALOUD


def alone(*texts: str | None) -> float:
    return sum(words(t) for t in texts) * 60 / WORDS_PER_MINUTE_ALONE


def brief_seconds(scenario: Scenario, role: str) -> float:
    """Seconds a player needs to read their brief alone."""
    brief = scenario.roles[role]
    return alone(brief.knows, brief.wants, brief.fears)


@dataclass
class _Round:
    """The work of one round, added up step by step; ``handoffs`` counted on the way."""

    scenario: Scenario
    players: int
    rules: Rules
    seconds: float = 0.0
    handoffs: int = 0

    def private(self, seconds_alone: float, taps: int) -> None:
        """Every player in turn, alone at the screen."""
        self.handoffs += self.players
        self.seconds += self.players * (SECONDS_PER_HAND_OFF + taps * SECONDS_PER_TAP + seconds_alone)

    def roles(self, plan: str) -> None:
        s = self.scenario
        self.seconds += aloud(s.title, *(side.text for side in s.tension), s.intro_for(plan))
        mean_brief = statistics.fmean(brief_seconds(s, role) for role in s.roles)
        self.private(mean_brief, taps=2)

    def values(self) -> None:
        taps = 2 + VALUES_PER_PLAYER  # the player's name, the cards, "klaar"
        if self.rules.hidden_values:
            self.private(0.0, taps)
        else:
            self.seconds += self.players * taps * SECONDS_PER_TAP
        self.seconds += self.players * TALK_SECONDS_PER_PLAYER_SHARING

    def decision(self, decision: Decision, options: list[str], follows: bool) -> None:
        """Read the decision point aloud, vote, turn the votes over, explore, perhaps vote again."""
        texts = [decision.option(o).text for o in options]
        self.seconds += aloud(decision.title, decision.text, decision.question, *texts)
        if self.rules.open_vote:
            self.seconds += self.players * 2 * SECONDS_PER_TAP
        else:
            self.private(0.0, taps=2)
        self.reveal()
        self.seconds += TALK_SECONDS_AFTER_REVEAL
        explored = max(1, math.ceil(len(options) * SHARE_OF_OPTIONS_EXPLORED))
        for option_id in options[:explored]:
            c = decision.option(option_id).consequences
            self.seconds += aloud(c.resident, c.family, c.team) + 2 * SECONDS_PER_TAP
        if self.rules.everyone_votes_again:
            self.private(0.0, taps=2)
        else:
            self.seconds += (1 + 3 * PLAYERS_CHANGING_THEIR_MIND) * SECONDS_PER_TAP
        if PLAYERS_CHANGING_THEIR_MIND:
            self.reveal()  # the cards that moved
        self.seconds += SECONDS_PER_TAP if follows else 0.0

    def reveal(self) -> None:
        """After a hidden vote the cards are turned over together and stay on screen until a tap goes on (a
        vote aloud showed every choice as it was made)."""
        if not self.rules.open_vote:
            self.seconds += SECONDS_PER_TAP

    def record(self) -> None:
        self.seconds += 4 * SECONDS_PER_TAP + SECONDS_TYPING_A_POINT + TALK_SECONDS_RECORDING

    def ending(self, ending_id: str) -> None:
        ending = self.scenario.endings[ending_id]
        self.seconds += aloud(ending.title, ending.text, *ending.reflection) + TALK_SECONDS_ENDING


def round_work(scenario: Scenario, plan: str, walk: Walk, players: int = PLAYERS,
               rules: Rules = Rules()) -> tuple[float, int]:
    """Seconds of reading, hand-offs, taps and least talk for one walk (the plenary not included),
    and the hand-offs on the way. In the short plan the walk is the core decision point alone."""
    work = _Round(scenario, players, rules)
    work.roles(plan)
    work.values()
    chosen: frozenset[str] = frozenset()
    for node_id, option_id in walk:
        options = available(scenario, node_id, chosen)
        ordered = [option_id] + [o for o in options if o != option_id]
        work.decision(scenario.decisions[node_id], ordered, follows=plan == LANG)
        chosen |= {f"{node_id}.{option_id}"}
    work.record()
    if plan == LANG:
        last_node, last_option = walk[-1]
        work.ending(scenario.decisions[last_node].option(last_option).next)
    return work.seconds, work.handoffs


def walks_of(scenario: Scenario, plan: str) -> list[Walk]:
    """The ways a round can go: the core decision point alone (short plan), or every path (long plan)."""
    if plan == KORT:
        core = scenario.core_id()
        first = available(scenario, core, frozenset())[0]
        return [((core, first),)]
    return all_walks(scenario) or [((scenario.start_id(), scenario.decisions[scenario.start_id()].option_ids()[0]),)]


def round_minutes(scenario: Scenario, plan: str, walk: Walk, durations: Durations = Durations(),
                  players: int = PLAYERS, rules: Rules = Rules()) -> tuple[float, int]:
    """Minutes of one round along ``walk``: the plan's time, or the work when that takes longer."""
    work, handoffs = round_work(scenario, plan, walk, players, rules)
    given = round_seconds(plan, len(walk), durations, plenary=False)
    return (max(given, work) + durations.plenary) / 60, handoffs


def estimate(scenario: Scenario, plan: str, durations: Durations = Durations(), players: int = PLAYERS,
             rules: Rules = Rules()) -> Estimate:
    """Shortest, median and longest minutes over the walks of ``plan``; hand-offs on the median walk."""
    timed = sorted(round_minutes(scenario, plan, walk, durations, players, rules) for walk in walks_of(scenario, plan))
    middle = timed[(len(timed) - 1) // 2]
    return Estimate(scenario.id, scenario.lang, plan, round(timed[0][0], 1), round(middle[0], 1), round(timed[-1][0], 1),
                    middle[1])


def estimates(scenario: Scenario, plans: tuple[str, ...] = PLANS, **options) -> list[Estimate]:
    return [estimate(scenario, plan, **options) for plan in plans]
