"""Round times and hand-offs of the bundled library, by the time model (game.scenario.timing).

For every case and plan: the minutes of each path through the case (a histogram in whole minutes),
and the hand-offs of a table of five. The floor for hand-offs is measured in the same run with the
rules the table game had before round plans (the whole case, values picked in private, every player
voting again in private): the count the round plans set out to bring down.
"""
from __future__ import annotations

import statistics
from collections import Counter

from bench.measure import Figure
from game.scenario.loader import load_library
from game.scenario.plans import KORT, LANG, PLANS
from game.scenario.timing import PLAYERS, SLOT_MINUTES, Rules, estimate, round_minutes, walks_of

BEFORE = Rules(hidden_values=True, everyone_votes_again=True)


def distribution(minutes: list[float]) -> str:
    """Paths per whole minute, as '25:3 30:6 35:1'."""
    counts = Counter(round(m) for m in minutes)
    return " ".join(f"{minute}:{count}" for minute, count in sorted(counts.items()))


def run() -> list[Figure]:
    library = load_library()
    scenarios = [library.cases[key].scenario for key in sorted(library.cases)]
    print(f"{'case':34} {'plan':5} {'paths':>5} {'min':>6} {'median':>6} {'max':>6} {'hand-offs':>9}  "
          f"minutes:paths")
    found = {plan: [] for plan in PLANS}
    for scenario in scenarios:
        for plan in PLANS:
            per_walk = [round_minutes(scenario, plan, walk)[0] for walk in walks_of(scenario, plan)]
            e = estimate(scenario, plan)
            found[plan].append(e)
            print(f"{scenario.id + ' (' + scenario.lang + ')':34} {plan:5} {len(per_walk):5} {e.shortest:6.1f} "
                  f"{e.median:6.1f} {e.longest:6.1f} {e.handoffs:9}  {distribution(per_walk)}")
    fitting = sum(e.fits() for e in found[KORT])
    before = [estimate(s, LANG, rules=BEFORE).handoffs for s in scenarios]
    short_handoffs = [e.handoffs for e in found[KORT]]
    return [
        Figure(f"Kort: minutes per round, {len(scenarios)} cases (model; max as p99)", "m",
               statistics.median(e.median for e in found[KORT]), max(e.median for e in found[KORT]),
               target=f"<= {SLOT_MINUTES:g} for every case",
               note=f"{fitting} of {len(scenarios)} cases fit {SLOT_MINUTES:g} minutes in Kort"),
        Figure(f"Lang: minutes per round, {len(scenarios)} cases (model; max as p99)", "m",
               statistics.median(e.median for e in found[LANG]), max(e.longest for e in found[LANG]),
               target="about 30"),
        Figure(f"hand-offs per Kort round, {PLAYERS} players (floor: before plans)", "",
               statistics.median(short_handoffs), max(short_handoffs), floor_median=statistics.median(before),
               target=f"<= 2 per player ({2 * PLAYERS})",
               note=f"{statistics.median(short_handoffs) / PLAYERS:.1f} per player in Kort; "
                    f"{statistics.median(before) / PLAYERS:.1f} per player before"),
    ]
