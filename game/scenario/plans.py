"""Round plans: which part of a case a table plays, in which steps, and how long each step takes.

A training gives the dilemma game two rounds of 15 minutes, so a round has a plan:

* **kort** (the default, 15 minutes): the case's core decision point only, as the paper game
  plays it: roles (1 minute), values (3), the choice with its consequences (3), the leading
  values and discussion points (3), then the plenary (5).
* **lang** (about 30 minutes): the full branching case; every decision point on the table's
  path has a step for its vote and a step for exploring, and the ending has a step of its own.

The plan lives here, beside the scenario model, because both the engine (which runs the steps)
and the time model (which estimates them, ``game.scenario.timing``) need it.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

KORT, LANG = "kort", "lang"
PLANS = (KORT, LANG)
DEFAULT_PLAN = KORT


@dataclass(frozen=True)
class Durations:
    """Seconds per timed step. The four table steps and the plenary are the paper game's 1, 3, 3, 3
    and 5 minutes; ``vote``, ``explore`` and ``ending`` are the steps the long plan adds."""

    draw: int = 60
    share: int = 180
    choose: int = 180
    record: int = 180
    plenary: int = 300
    vote: int = 120
    explore: int = 180
    ending: int = 180

    def minutes(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) / 60 for f in fields(self)}


# The step each phase of a round belongs to, per plan. A step's clock runs across its phases;
# ``None``: no clock. In the short plan the vote, the exploring and the second vote share one step.
STEP_OF_PHASE = {
    KORT: {"draw": "draw", "share": "share", "vote": "choose", "explore": "choose", "reconsider": "choose",
           "record": "record", "ending": None, "plenary": "plenary"},
    LANG: {"draw": "draw", "share": "share", "vote": "vote", "explore": "explore", "reconsider": "explore",
           "record": "record", "ending": "ending", "plenary": "plenary"},
}


def plan_steps(plan: str, decisions: int, plenary: bool = True) -> tuple[str, ...]:
    """The steps of a round in order; ``decisions``: how many decision points the table passes (lang)."""
    if plan == KORT:
        steps = ("draw", "share", "choose", "record")
    else:
        steps = ("draw", "share") + ("vote", "explore") * max(1, decisions) + ("record", "ending")
    return steps + (("plenary",) if plenary else ())


def round_seconds(plan: str, decisions: int, durations: Durations, plenary: bool = True) -> int:
    """The time a round of this plan is given: the sum of its steps."""
    return sum(getattr(durations, step) for step in plan_steps(plan, decisions, plenary))
