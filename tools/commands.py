"""The authoring commands of ``dilemmaspel`` (listed in game.cli.COMMAND_MODULES): each module registers its own."""
from __future__ import annotations

from tools import newcase, schemas, watch


def register(add) -> None:
    for module in (newcase, schemas, watch):
        module.register(add)
