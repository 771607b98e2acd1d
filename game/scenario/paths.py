"""Walks through a case: every way from the start to an ending, and a few that together visit all.

Used for the golden play-throughs of the library, and for coverage ("which parts did we
never see?"). Conditions are respected: an option appears only when the choices made
earlier on the same walk allow it. A walk never visits the same decision twice.
"""
from __future__ import annotations

from game.scenario.model import Scenario

Walk = tuple[tuple[str, str], ...]  # (decision, option) pairs from the start to an ending
MAX_WALKS = 10_000


def available(scenario: Scenario, node_id: str, chosen: frozenset[str]) -> list[str]:
    decision = scenario.decisions[node_id]
    return [oid for oid, opt in zip(decision.option_ids(), decision.options)
            if set(opt.when) <= chosen and not set(opt.unless) & chosen]


def all_walks(scenario: Scenario, limit: int = MAX_WALKS) -> list[Walk]:
    """Every walk without repeated decisions, in the order of the file (at most ``limit``)."""
    walks: list[Walk] = []

    def walk(node_id: str, steps: Walk) -> None:
        if len(walks) >= limit:
            return
        if node_id in scenario.endings:
            walks.append(steps)
            return
        visited = {node for node, _ in steps}
        chosen = frozenset(f"{node}.{oid}" for node, oid in steps)
        for oid in available(scenario, node_id, chosen):
            target = scenario.decisions[node_id].option(oid).next
            if target not in visited:
                walk(target, steps + ((node_id, oid),))

    walk(scenario.start_id(), ())
    return walks


def nodes_of(scenario: Scenario, walk: Walk) -> set[str]:
    ending = scenario.decisions[walk[-1][0]].option(walk[-1][1]).next
    return {node for node, _ in walk} | {ending}


def covering_walks(scenario: Scenario) -> list[Walk]:
    """Few walks that together visit every decision point, ending and option they can reach.

    Greedy: take the walk that adds the most unseen nodes (then options), until nothing is new.
    """
    candidates = all_walks(scenario)
    seen_nodes: set[str] = set()
    seen_options: set[tuple[str, str]] = set()
    chosen: list[Walk] = []
    while True:
        best = max(candidates, default=None,
                   key=lambda w: (len(nodes_of(scenario, w) - seen_nodes), len(set(w) - seen_options)))
        if best is None or (nodes_of(scenario, best) <= seen_nodes and set(best) <= seen_options):
            return chosen
        chosen.append(best)
        seen_nodes |= nodes_of(scenario, best)
        seen_options |= set(best)
