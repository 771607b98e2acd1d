"""The one place that opens each flow of the game over the start screen: a round at the table (new or resumed),
practising alone and the plenary. (The preview of a case is a window of its own: ``scenes.preview``.)

Scenes open a flow through here instead of importing each other, so the scene modules form no circle, and
every way back ends on the start screen at the bottom of the app's scene stack.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.store.log import StoredSession
    from game.ui.app import App


def table(app: "App", stored: "StoredSession", with_phones: bool = False) -> None:
    """A session's round at the table, where it stands in its log; with phones, first the screen to join them
    (a server that fails to start leaves the shared screen, with a notice saying why)."""
    from game.i18n import _
    from game.ui.phones import start_phones
    from game.ui.scenes.phones import PhoneJoinScene
    from game.ui.scenes.table import RoundScene
    failed = start_phones(app, stored) if with_phones else ""
    if with_phones and not failed:
        app.home(then=PhoneJoinScene(app, stored, round_next=lambda: RoundScene(app, stored)))
        return
    app.home(then=RoundScene(app, stored))
    if failed:
        app.notice = _("phones.join.failed", reason=failed)
        app.rebuild()


def practise_alone(app: "App") -> None:
    from game.ui.scenes.solo import SoloHomeScene
    app.home(then=SoloHomeScene(app))


def plenary(app: "App", paths: list[Path]) -> None:
    """The plenary screen over the sessions in ``paths`` (folders or files)."""
    from game.ui.scenes.plenary import PlenaryScene
    app.home(then=PlenaryScene(app, paths))
