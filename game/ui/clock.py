"""The clock of a step: time left, large and calm, and the facilitator's buttons beside it.

Only the label changes when a visible second passes (no rebuild). At zero the
clock turns into a coloured 'time is up' with one gentle chime; nothing is taken
away from the table: it moves on itself, or adds a minute.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.engine import AddMinute, PauseClock, ResumeClock
from game.i18n import _
from game.ui.page import BUTTON_H, Page

if TYPE_CHECKING:
    from game.ui.scenes.table import RoundScene

GAP = 12


class ClockPanel:
    def __init__(self, scene: "RoundScene") -> None:
        self.scene = scene
        self.label = None
        self.shown: int | None = None
        self.cued: set[tuple] = set()

    @property
    def clock(self):
        return self.scene.state.clock

    def build(self, page: Page) -> float:
        """Put the clock at the top right; returns the width it takes (0 in a step without a clock)."""
        self.label = None
        clock = self.clock
        if clock is None:
            return 0
        pause = (_("ui.clock.resume"), ResumeClock()) if clock.paused else (_("ui.clock.pause"), PauseClock())
        buttons = [(pause[0], lambda: self.scene.send(pause[1])),
                   (_("ui.clock.add_minute"), lambda: self.scene.send(AddMinute())),
                   (_("ui.clock.move_on"), self.scene.advance)]
        widths = [max(150.0, page.button_width(text) - 40) for text, _action in buttons]
        label_w = page.measure("00:00", "clock", bold=True) + 24  # as wide as the longest time, not wider
        _title, panel = page.band.right_part(label_w + sum(widths) + GAP * len(widths), gap=0)
        clock_box, *button_boxes = panel.columns_of([label_w, *widths], gap=GAP)
        keys = ("clock:pause", "clock:minute", "clock:move_on")  # 'Pauze' becomes 'Verder': the same button
        for (text, action), box, key in zip(buttons, button_boxes, keys):
            row = box.centred(box.w, BUTTON_H)
            page.button(text, row.x, row.y, row.w, row.h, action, key=key)
        seconds = self.seconds_left()
        if seconds == 0:
            self.cued.add(self._key())           # already up when the screen was built: no chime now
        style = "@clock_done" if seconds == 0 else "@clock_paused" if clock.paused else "@clock"
        self.label = page.label(self._text(seconds), clock_box.x, clock_box.y, clock_box.w,
                                page.line_height("@clock"), style)  # the header's band is at least this high
        self.shown = seconds
        return panel.w

    def tick(self) -> bool:
        """True when the visible clock changed; at zero the screen is built anew once, with a chime."""
        if self.label is None or self.clock is None:
            return False
        seconds = self.seconds_left()
        if seconds == self.shown:
            return False
        if seconds == 0 and self._key() not in self.cued:
            self.scene.app.play("time_up")
            self.scene.refresh()
            return True
        self.shown = seconds
        self.label.set_text(self._text(seconds))
        return True

    def seconds_left(self) -> int:
        return math.ceil(self.clock.left(self.scene.app.now()))

    def _key(self) -> tuple:
        """One chime per run-out: a new step or an added minute may run out again."""
        clock = self.clock
        return self.scene.round.number, clock.step, clock.started_at, clock.duration

    @staticmethod
    def _text(seconds: int) -> str:
        return _("ui.clock.done") if seconds == 0 else f"{seconds // 60}:{seconds % 60:02d}"
