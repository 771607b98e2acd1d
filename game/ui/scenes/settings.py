"""Settings: language, text size, high contrast, full screen, sound and less motion; applied and saved at once."""
from __future__ import annotations

from typing import Callable

from game.i18n import LANGUAGES, _
from game.ui.page import BUTTON_H, MARGIN, Page
from game.ui.scenes import BaseScene
from game.ui.settings import TEXT_SIZES

LABEL_W = 580
CHOICE_W = 320


class SettingsScene(BaseScene):
    def __init__(self, app, came_from: Callable) -> None:
        super().__init__(app)
        self.came_from = came_from

    def build(self, page: Page) -> None:
        s = self.app.settings
        page.header(_("ui.settings.title"))
        on_off = ((False, _("ui.off")), (True, _("ui.on")))
        rows = [
            ("lang", _("ui.settings.language"), [(lang, _(f"ui.language.{lang}")) for lang in LANGUAGES]),
            ("text_size", _("ui.settings.text_size"), [(size, _(f"ui.text_size.{size}")) for size in TEXT_SIZES]),
            ("high_contrast", _("ui.settings.high_contrast"), on_off),
            ("fullscreen", _("ui.settings.fullscreen"), on_off),
            ("sound", _("ui.settings.sound"), on_off),
            ("reduced_motion", _("ui.settings.reduced_motion"), on_off),
        ]
        y = 190
        for key, title, choices in rows:
            page.label(title, MARGIN, y, LABEL_W, BUTTON_H)
            x = MARGIN + LABEL_W
            for value, text in choices:
                chosen = getattr(s, key) == value
                page.button(text, x, y, CHOICE_W, BUTTON_H, lambda k=key, v=value: self.choose(k, v),
                            "@toggle", selected=chosen, key=f"{key}:{value}")
                x += CHOICE_W + 20
            y += BUTTON_H + 24
        page.label(_("ui.settings.saved"), MARGIN, y, page.content_width, 50, "@muted")
        page.footer([], back=(_("ui.back"), self.back))

    def choose(self, key: str, value: object) -> None:
        self.app.apply_settings(self.app.settings.changed(**{key: value}))

    def back(self) -> None:
        self.app.show(self.came_from(self.app))
