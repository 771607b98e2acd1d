"""The authoring commands of ``dilemmaspel`` (listed in game.cli.COMMAND_MODULES): each module registers its own."""
from __future__ import annotations

from tools import graph, newcase, preview, schemas, textplay, timing, watch


def register(add) -> None:
    for module in (newcase, schemas, watch, graph, textplay, preview, timing):
        module.register(add)
