"""Runtime hook of the standalone app (tools/build_app.py), run before the game starts.

With ``DILEMMASPEL_FIRST_FRAME`` set, the window prints ``first frame <wall-clock time>`` as soon as its first
frame is on the screen, and closes. The app's smoke test and the start-up benchmark use it (the benchmark
runs the same file before the installed wheel's game, so both are measured alike); without the variable it
does nothing.
"""
import os

if os.environ.get("DILEMMASPEL_FIRST_FRAME"):
    import time

    import pygame

    _shown = pygame.display.flip

    def _first_flip() -> None:
        _shown()
        pygame.display.flip = _shown
        print(f"first frame {time.time()}", flush=True)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    pygame.display.flip = _first_flip
