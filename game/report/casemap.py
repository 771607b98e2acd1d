"""A small map of a case for a table's story: its decisions and endings in columns, and the ways between them.

The map is laid out once per case: a node's column is how many choices it lies from the
start (the shortest way), its row its place in that column. A table's route (the nodes it
visited) is drawn over it in the table's colour; the screen and the report only scale the grid.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.scenario.model import Scenario


@dataclass(frozen=True)
class MapNode:
    id: str
    ending: bool
    column: int
    row: int


@dataclass(frozen=True)
class CaseMap:
    """The nodes a table can reach from the start, and every way (from, to) an option leads."""

    nodes: tuple[MapNode, ...]
    edges: tuple[tuple[str, str], ...]

    @property
    def columns(self) -> int:
        return max((node.column for node in self.nodes), default=0) + 1

    @property
    def rows(self) -> int:
        return max((node.row for node in self.nodes), default=0) + 1

    def node(self, node_id: str) -> MapNode | None:
        return next((node for node in self.nodes if node.id == node_id), None)

    def place(self, node: MapNode) -> tuple[float, float]:
        """Where a node sits, as fractions (0 to 1) of the map's width and height: columns left to right,
        each column's nodes spread evenly from top to bottom."""
        in_column = sum(other.column == node.column for other in self.nodes)
        return (node.column + 0.5) / self.columns, (node.row + 0.5) / in_column


def case_map(scenario: Scenario) -> CaseMap:
    """The map of ``scenario``: breadth first from its start; nodes no choice reaches are left out."""
    columns = {scenario.start_id(): 0}
    edges: list[tuple[str, str]] = []
    queue = [scenario.start_id()]
    while queue:
        current = queue.pop(0)
        decision = scenario.decisions.get(current)
        for option in decision.options if decision else ():
            if option.next is None or scenario.node(option.next) is None:
                continue
            if (current, option.next) not in edges:
                edges.append((current, option.next))
            if option.next not in columns:
                columns[option.next] = columns[current] + 1
                queue.append(option.next)
    rows: dict[int, int] = {}
    nodes = []
    for node_id, column in columns.items():
        nodes.append(MapNode(node_id, node_id in scenario.endings, column, rows.get(column, 0)))
        rows[column] = rows.get(column, 0) + 1
    return CaseMap(tuple(nodes), tuple(edges))

