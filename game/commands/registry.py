"""The authoring commands of ``dilemmaspel`` (listed in game.commands.cli.COMMAND_MODULES): each module registers its own."""
from __future__ import annotations

from game.authoring import graph, newcase, preview, schemas, textplay, timing, watch


def register(add) -> None:
    for module in (newcase, schemas, watch, graph, textplay, preview, timing):
        module.register(add)
