"""The screens: start-up, frame time and idle cost, each in a fresh headless process.

1. Start-up: process start to the first drawn frame of the start screen, against a bare
   pygame-ce + pygame_gui window with one button. Ours runs the real ``dilemmaspel`` entry
   point with a fresh settings and data folder; both children write the wall-clock time of
   their first ``display.flip`` and then close.
2. Frame time at 1920x1080 of the busiest table screen (the value cards while sharing), every
   frame redrawn: median and p99.
3. Idle cost: CPU time over 10 s of a phase screen with its clock running (the real loop),
   against a naive loop that redraws at 60 frames a second.
4. The plenary screen of 20 tables (5 players, 2 rounds): opening it (library, gathering,
   first frame), turning a page, and the frame time at 1920x1080 over every page.
"""
from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import Figure, summary

ROOT = Path(__file__).parents[1]
HEADLESS = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}

BARE_WINDOW = """
import time
import pygame, pygame_gui
pygame.init()
screen = pygame.display.set_mode((1280, 720))
manager = pygame_gui.UIManager((1280, 720))
pygame_gui.elements.UIButton(pygame.Rect(40, 40, 300, 80), "Start", manager)
manager.update(1 / 60); screen.fill((0, 0, 0)); manager.draw_ui(screen); pygame.display.flip()
print(time.time(), flush=True)
"""
OUR_START = """
import time
import pygame
shown = pygame.display.flip

def first_flip():
    shown()
    if pygame.display.flip is first_flip:
        print(time.time(), flush=True)
        pygame.display.flip = shown
        pygame.event.post(pygame.event.Event(pygame.QUIT))

pygame.display.flip = first_flip
from game.__main__ import main
main([])
"""
ON_A_PHASE_SCREEN = """
import json, resource, sys, tempfile, time
from pathlib import Path
import pygame
from game.app import open_library
from tests.ui.harness import Table
from tests.ui.test_behaviour import into_share
table = Table(Path(tempfile.mkdtemp()), open_library(), size=(1920, 1080))
into_share(table)
app = table.app
"""
FRAMES = ON_A_PHASE_SCREEN + """
times = []
for _ in range(330):
    app._dirty = True
    start = time.perf_counter()
    app.step()
    times.append(time.perf_counter() - start)
print(json.dumps(times[30:]))
"""
SETTLE = """
pygame.time.set_timer(pygame.QUIT, 2_000, loops=1)   # let the card turn and the first redraws finish
app.run()
app.running = True
"""
IDLE_CPU = """
pygame.time.set_timer(pygame.QUIT, 10_000, loops=1)
before = resource.getrusage(resource.RUSAGE_SELF)
app._last_input = 0.0
app.run()
after = resource.getrusage(resource.RUSAGE_SELF)
print(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
"""
IDLE = ON_A_PHASE_SCREEN + SETTLE + IDLE_CPU
NAIVE_IDLE = ON_A_PHASE_SCREEN + SETTLE + """
pygame.time.set_timer(pygame.QUIT, 10_000, loops=1)
before = resource.getrusage(resource.RUSAGE_SELF)
clock = pygame.time.Clock()
while not any(e.type == pygame.QUIT for e in pygame.event.get()):
    app.manager.update(clock.tick(60) / 1000)
    app.draw()
after = resource.getrusage(resource.RUSAGE_SELF)
print(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
"""

PLENARY = """
import json, tempfile, time
from pathlib import Path
from bench.plenary import write_sessions
from game.app import open_library
from game.ui.app import Places
from game.ui.scenes.plenary import open_plenary
folder = Path(tempfile.mkdtemp())
(folder / "tafels").mkdir()
write_sessions(folder / "tafels", 20, open_library())
start = time.perf_counter()
app = open_plenary(Places(folder / "settings.json", folder / "sessions"), [folder / "tafels"], size=(1920, 1080))
app.step()
opened = time.perf_counter() - start
turns, frames = [], []
for _ in range(len(app.scene.slides)):
    for _ in range(10):
        app._dirty = True
        start = time.perf_counter()
        app.step()
        frames.append(time.perf_counter() - start)
    start = time.perf_counter()
    app.scene.next_page()
    app.step()
    turns.append(time.perf_counter() - start)
print(json.dumps({"opened": opened, "turns": turns, "frames": frames, "pages": len(app.scene.slides)}))
"""


def child(code: str, env: dict | None = None, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env or HEADLESS, capture_output=True,
                          text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return done.stdout.strip().splitlines()[-1]


def start_up(code: str) -> float:
    """Seconds from starting the child process to its first frame on screen, with the game's modules compiled as an
    installed copy has them (pip compiles them on install; a shell that forbids bytecode would time the compiler)."""
    compileall.compile_dir(ROOT / "game", quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = {key: value for key, value in HEADLESS.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env |= {"XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "DILEMMASPEL_DATA": f"{home}/sessions"}
        start = time.time()
        return float(child(code, env)) - start


def run(runs: int = 5) -> list[Figure]:
    ours = summary([start_up(OUR_START) for _ in range(runs)])
    floor = summary([start_up(BARE_WINDOW) for _ in range(runs)])
    frames = summary(json.loads(child(FRAMES)))
    idle = float(child(IDLE))
    naive = float(child(NAIVE_IDLE))
    plenary = json.loads(child(PLENARY))
    turns, plenary_frames = summary(plenary["turns"]), summary(plenary["frames"])
    return [
        Figure("start-up: process start to first frame of the start screen", "s", *ours, floor_median=floor[0],
               target="<= 1.3x floor", note="floor: bare pygame-ce + pygame_gui window with one button"),
        Figure("frame time: value cards at 1920x1080, every frame redrawn", "ms", frames[0] * 1000,
               frames[1] * 1000, target="p99 < 8 ms"),
        Figure("idle: CPU share of one core, phase screen with its clock (10 s)", "%", idle * 10, idle * 10,
               floor_median=naive * 10, target="< 2 %; >= 10x less than floor",
               note=f"floor: a naive loop redrawing at 60 fps ({naive:.2f} s CPU); ours {idle:.2f} s CPU"),
        Figure("plenary screen: open 20 tables (library, gather, first frame)", "s", plenary["opened"],
               plenary["opened"], target="< 1 s"),
        Figure("plenary screen: turn a page", "ms", turns[0] * 1000, turns[1] * 1000,
               note=f"{plenary['pages']} pages"),
        Figure("frame time: plenary pages at 1920x1080, every frame redrawn", "ms", plenary_frames[0] * 1000,
               plenary_frames[1] * 1000, target="p99 < 8 ms"),
    ]
