"""The ``dilemmaspel`` command (also ``python -m game``).

Without arguments it opens the game window straight away: the command line with all its
subcommands (and the loader, the report and the tools they import) is only read when
there is a command to parse, so a table sees its start screen as soon as possible.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from game.ui.main import play
        return play()
    from game.commands.cli import main as command_line
    return command_line(argv)


if __name__ == "__main__":
    sys.exit(main())
