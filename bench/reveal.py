"""The reveal and the consequences: frame time at 1080p and 4K, start-up against a bare window, idle cost.

Each measurement runs in a fresh headless process on a real table session (four players, the
core decision of ``hygiene-normen``, the votes split over two options):

1. Frame time of the real loop: each turn is ``App.step``, as ``App.run`` turns it, with the
   input a player gives put in the event queue first (not timed): the reveal lying still, its
   cards turning over (the motion's clock moved on a frame at a time), a step sliding in, the
   pointer moving from button to button, Tab moving the focus ring, and the same on the
   consequences of an option (the triangle of resident, family and team). A turn that draws
   nothing counts only for "lying still"; the others count the turns that drew. The first
   frame of a new screen (built anew, drawn whole) is a row of its own. The floor, measured
   in the same run: a bare pygame-ce window of the same size filled and flipped.
2. The same screens with every frame drawn whole (the loop before it drew in part): what a
   full redraw costs.
3. Start-up: process start to the first drawn frame, ours against a bare pygame-ce + pygame_gui
   window, in the same run (the children of ``bench.screens``).
4. Idle: CPU time over 10 s of the real loop on the reveal once its cards lie still.
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
"""
FRAMES = ON_THE_REVEAL + """
found = {}


def turn(name, events=(), drawn_only=True):
    '''One turn of the real loop after ``events`` were queued; its time kept under ``name`` when it drew.'''
    for event in events:
        pygame.event.post(event)
    moment[0] += 1 / 60
    drawn = app.frames_drawn
    start = time.perf_counter()
    app.step()
    seconds = time.perf_counter() - start
    if app.frames_drawn > drawn or not drawn_only:
        found.setdefault(name, []).append(seconds)


def settle():
    moment[0] += 1.0
    for _ in range(5):
        turn("settling")


def new_screen(make):
    '''A screen built anew (not timed, as the tap that asks for it), then its first frame.'''
    make()
    turn("a new screen, first frame")


def motion(name, make, times):
    for _ in range(times):
        new_screen(make)
        while app.animating:
            turn(name)


def pointer_and_keys(where):
    places = [item.element.rect.center for item in app.page.focusables]
    for _ in range(3):
        for place in places:
            pygame.mouse.set_pos(place)
            for events in ([pygame.event.Event(pygame.MOUSEMOTION, pos=place, rel=(1, 1), buttons=(0, 0, 0))], (), ()):
                turn(f"{where}, pointer moving", events)
    pygame.mouse.set_pos((0, 0))
    settle()
    for _ in range(3 * len(places)):
        tab = [pygame.event.Event(kind, key=pygame.K_TAB, mod=0, unicode="", scancode=0)
               for kind in (pygame.KEYDOWN, pygame.KEYUP)]
        turn(f"{where}, Tab", tab)
        turn(f"{where}, Tab")


def whole(name, count=150, make=None):
    '''Every frame drawn whole; with ``make``, the frames of the motion it starts, again and again.'''
    while len(found.get(name, [])) < count:
        if make:
            make()
            turn("settling")
        while True:
            app._dirty = True
            turn(name)
            if not app.animating:
                break


def turn_over_again():
    app.scene._turned = None
    app.rebuild()


def slide_in_again():
    app.slide_in()
    app.rebuild()


settle()
for _ in range(150):
    turn("reveal, still", drawn_only=False)
motion("reveal, cards turning", turn_over_again, 12)
motion("a step sliding in", slide_in_again, 8)
settle()
pointer_and_keys("reveal")
whole("reveal, still, drawn whole")
whole("reveal, turning, drawn whole", make=turn_over_again)
new_screen(lambda: app.scene.send(ExploreOption(options[0])))
settle()
pointer_and_keys("consequences")
whole("consequences, drawn whole")
found.pop("settling", None)
print(json.dumps(found))
"""
BARE_FLIP = """
import json, time
import pygame
pygame.init()
screen = pygame.display.set_mode(SIZE)
times = []
for _ in range(330):
    start = time.perf_counter()
    screen.fill((250, 247, 240))
    pygame.display.flip()
    times.append(time.perf_counter() - start)
print(json.dumps(times[30:]))
"""
IDLE = ON_THE_REVEAL + """
moment[0] += 1.0                    # the cards lie still
app.step()
""" + IDLE_CPU
REAL_LOOP = ("reveal, still", "reveal, cards turning", "a step sliding in", "reveal, pointer moving", "reveal, Tab",
             "consequences, pointer moving", "consequences, Tab", "a new screen, first frame")
DRAWN_WHOLE = ("reveal, still, drawn whole", "reveal, turning, drawn whole", "consequences, drawn whole")


def run(runs: int = 5) -> list[Figure]:
    figures = []
    for width, height in SIZES:
        size = repr((width, height))
        found = json.loads(child(FRAMES.replace("SIZE", size)))
        floor = summary(json.loads(child(BARE_FLIP.replace("SIZE", size))))[0] * 1000
        for name in REAL_LOOP + DRAWN_WHOLE:
            median, p99 = summary(found[name])
            whole = name in DRAWN_WHOLE
            target = "" if name == "a new screen, first frame" else "p99 < 8 ms"
            note = ("every frame drawn whole (a full redraw)" if whole else
                    f"the real loop, {len(found[name])} turns" + ("" if name == "reveal, still" else " that drew")
                    + "; floor: a bare window of the same size filled and flipped")
            figures.append(Figure(f"frame at {width}x{height}: {name}", "ms", median * 1000, p99 * 1000,
                                  floor_median=None if whole else floor, target=target, note=note))
    ours = summary([start_up(OUR_START) for _ in range(runs)])
    floor = summary([start_up(BARE_WINDOW) for _ in range(runs)])
    figures.append(Figure("start-up: process start to first frame (same run as its floor)", "s", *ours,
                          floor_median=floor[0], target="<= 1.3x floor",
                          note="floor: bare pygame-ce + pygame_gui window with one button"))
    idle = float(child(IDLE.replace("SIZE", repr(SIZES[0]))))
    figures.append(Figure("idle: CPU share of one core on the reveal at 1920x1080 (10 s)", "%", idle * 10, idle * 10,
                          target="< 2 %", note=f"{idle:.2f} s CPU in 10 s of the real loop"))
    return figures
