"""The gentle chime at the end of a step, made in code (no sound file to ship or license), and named sounds
from ``assets/sounds/`` (the reveal's), silent while their file is not there."""
from __future__ import annotations

import math
from array import array
from pathlib import Path

import pygame

CHIME_SECONDS = 1.6
TONES = ((523.25, 0.5), (783.99, 0.3))  # C5 and G5: soft, not alarming
SOUND_FOLDER = Path(__file__).resolve().parents[2] / "assets" / "sounds"
SOUND_SUFFIXES = (".ogg", ".wav")


def make_chime() -> pygame.mixer.Sound | None:
    """The chime as a Sound, or None where no audio device can be opened."""
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init()
        rate, size, channels = pygame.mixer.get_init()
    except pygame.error:
        return None
    if abs(size) != 16:
        return None
    samples = array("h")
    total = int(rate * CHIME_SECONDS)
    for n in range(total):
        t = n / rate
        envelope = min(1.0, t / 0.02) * math.exp(-3.0 * t)
        value = sum(level * math.sin(2 * math.pi * freq * t) for freq, level in TONES)
        samples.extend([int(9000 * envelope * value)] * channels)
    return pygame.mixer.Sound(buffer=samples.tobytes())


def named_sound(name: str, folder: Path = SOUND_FOLDER) -> pygame.mixer.Sound | None:
    """The sound ``name`` (``NAME.ogg`` or ``NAME.wav`` in ``folder``); None where there is no such file, it cannot
    be read or no audio device opens: the game then stays silent, it never stops for a sound."""
    found = next((folder / f"{name}{suffix}" for suffix in SOUND_SUFFIXES if (folder / f"{name}{suffix}").is_file()),
                 None)
    if found is None:
        return None
    try:
        if not pygame.mixer.get_init():
            pygame.mixer.init()
        return pygame.mixer.Sound(str(found))
    except pygame.error:
        return None
