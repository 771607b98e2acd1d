"""Make the game's two sounds, assets/sounds/*.wav, from sine tones: our own work, given away under CC0.

- ``time_up``: a step's time is up. Two soft bell tones a fifth apart (C5 and G5), fading out; the
  table hears that the clock ran out, without alarm (the clock never stops the table's work).
- ``reveal``: the hidden votes are turned over together. Three short rising tones (C5, E5, G5), like
  cards laid down one after another, and quieter still.

Run after changing a sound: python -m tools.make_sounds (the same input gives the same bytes; a test
checks that the files in assets/ are what this script makes).
"""
from __future__ import annotations

import math
import sys
import wave
from array import array
from pathlib import Path

from game.ui.assets import sound_path

RATE = 44100
PEAK = 32767
# Each sound: its length in seconds, its loudness (of full scale) and its notes as (start s, Hz, share of loudness).
SOUNDS = {
    "time_up": (1.6, 0.28, ((0.0, 523.25, 0.62), (0.0, 783.99, 0.38))),
    "reveal": (1.1, 0.2, ((0.0, 523.25, 0.4), (0.11, 659.25, 0.33), (0.22, 783.99, 0.27))),
}


def note(t: float, frequency: float) -> float:
    """A bell-like tone at ``t`` seconds after it starts: a soft 15 ms attack, a slow fade, a faint octave above."""
    if t < 0:
        return 0.0
    envelope = min(1.0, t / 0.015) * math.exp(-3.2 * t)
    return envelope * (math.sin(2 * math.pi * frequency * t) + 0.18 * math.sin(4 * math.pi * frequency * t)) / 1.18


def samples(name: str) -> array:
    """The sound as 16-bit mono samples, faded to silence over its last 50 ms (no click at the end)."""
    seconds, loudness, notes = SOUNDS[name]
    total = int(RATE * seconds)
    tail = int(RATE * 0.05)
    values = array("h")
    for n in range(total):
        t = n / RATE
        fade = min(1.0, (total - n) / tail)
        level = sum(share * note(t - start, frequency) for start, frequency, share in notes)
        values.append(round(PEAK * loudness * fade * level))
    return values


def write(name: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        data = samples(name)
        if sys.byteorder == "big":
            data.byteswap()
        out.writeframes(data.tobytes())


def main() -> int:
    for name in SOUNDS:
        write(name, sound_path(name))
        print(sound_path(name), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
