"""The version of Dilemmaspel, from one source: the installed distribution's metadata (``version`` in
pyproject.toml). ``--version``, the start screen, the report and every session file name this one."""
from __future__ import annotations

from functools import cache

UNKNOWN = "0+unknown"  # run from a checkout that was never installed


@cache
def game_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow to import: only read when asked
    try:
        return version("dilemmaspel")
    except PackageNotFoundError:
        return UNKNOWN
