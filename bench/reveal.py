"""The reveal and the consequences: frame time at 1080p and 4K, start-up against a bare window, idle cost.

Each measurement runs in a fresh headless process on a real table session (four players, the
core decision of ``hygiene-normen``, the votes split over two options):

1. Frame time, every frame redrawn, at 1920x1080 and 3840x2160: the reveal lying still, the reveal
   while its cards turn (the motion's clock moved on a frame at a time, as the real loop does), and
   the consequences of an option (the triangle of resident, family and team).
2. Start-up: process start to the first drawn frame, ours against a bare pygame-ce + pygame_gui
   window, in the same run (the children of ``bench.screens``).
3. Idle: CPU time over 10 s of the real loop on the reveal once its cards lie still.
"""
from __future__ import annotations

import json

from bench.measure import Figure, summary
from bench.screens import BARE_WINDOW, IDLE_CPU, OUR_START, child, start_up

SIZES = ((1920, 1080), (3840, 2160))
ON_THE_REVEAL = """
import json, resource, sys, tempfile, time
from pathlib import Path
import pygame
from game.app import open_library, start_session
from game.engine import AdvancePhase, CastVote, DrawRole, ExploreOption, StartSession
from game.ui.scenes.table import RoundScene
from tests.ui.harness import Table
library = open_library()
table = Table(Path(tempfile.mkdtemp()), library, size=SIZE)
stored = start_session(library, StartSession(("Anna", "Bert", "Cor", "Dien"), ("hygiene-normen",)),
                       folder=table.folder / "sessions")
for player in range(4):
    stored.execute(DrawRole(player))
stored.execute(AdvancePhase())
stored.execute(AdvancePhase())
options = stored.session.available_options()
for player in range(4):
    stored.execute(CastVote(player, options[player % 2]))
app = table.app
moment = [0.0]
app.motion_clock = lambda: moment[0]
app.push(RoundScene(app, stored))


def frames(count=300, turning=False):
    times = []
    for _ in range(count + 30):
        if turning and app.motion is None:
            app.scene._turned = None
            app.rebuild()           # the cards turn over again (not timed: a screen is built once)
        moment[0] += 1 / 60
        app._dirty = True
        start = time.perf_counter()
        app.step()
        times.append(time.perf_counter() - start)
    return times[30:]
"""
FRAMES = ON_THE_REVEAL + """
still = frames()
turning = frames(turning=True)
app.scene.send(ExploreOption(options[0]))
app.motion = None
consequences = frames()
print(json.dumps({"still": still, "turning": turning, "consequences": consequences}))
"""
IDLE = ON_THE_REVEAL + """
moment[0] += 1.0                    # the cards lie still
app.step()
""" + IDLE_CPU


def run(runs: int = 5) -> list[Figure]:
    figures = []
    for width, height in SIZES:
        found = json.loads(child(FRAMES.replace("SIZE", repr((width, height)))))
        for name, what in (("still", "the reveal, cards lying still"), ("turning", "the reveal, cards turning"),
                           ("consequences", "the consequences of an option")):
            median, p99 = summary(found[name])
            figures.append(Figure(f"frame time: {what} at {width}x{height}", "ms", median * 1000, p99 * 1000,
                                  target="p99 < 8 ms", note="every frame redrawn" if name != "turning" else
                                  "every frame redrawn, the motion painted over it"))
    ours = summary([start_up(OUR_START) for _ in range(runs)])
    floor = summary([start_up(BARE_WINDOW) for _ in range(runs)])
    figures.append(Figure("start-up: process start to first frame (same run as its floor)", "s", *ours,
                          floor_median=floor[0], target="<= 1.3x floor",
                          note="floor: bare pygame-ce + pygame_gui window with one button"))
    idle = float(child(IDLE.replace("SIZE", repr(SIZES[0]))))
    figures.append(Figure("idle: CPU share of one core on the reveal at 1920x1080 (10 s)", "%", idle * 10, idle * 10,
                          target="< 2 %", note=f"{idle:.2f} s CPU in 10 s of the real loop"))
    return figures
