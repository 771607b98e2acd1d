"""``dilemmaspel preview FILE``: the case in the game window while it is being written.

The window (pygame) is only loaded once the file can be read, so a wrong path answers at once with
exit code 2. Everything else, including a file with errors, is shown in the window itself.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.i18n import _
from game.scenario.yamlsource import NotARegularFile, read_limited


def preview_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", type=Path, metavar=_("authoring.file_metavar"),
                         help=_("authoring.preview.file_help"))


def run_preview(args: argparse.Namespace) -> int:
    unreadable = why_unreadable(args.file)
    if unreadable:
        print(unreadable, file=sys.stderr)
        return 2
    from game.ui.scenes.preview import run_preview as open_window
    return open_window(args.file, lang=getattr(args, "lang", None))


def why_unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be previewed (None when it can be read)."""
    if not path.exists():
        return _("cli.path_missing", path=path)
    try:
        read_limited(path, 0)
    except NotARegularFile:
        return _("authoring.preview.unreadable", path=path, reason=_("reason.not_a_regular_file"))
    except OSError as error:
        return _("authoring.preview.unreadable", path=path, reason=error.strerror or error)
    return None
