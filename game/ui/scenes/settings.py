"""Settings: language, text size, high contrast, full screen, sound and less motion; applied and saved at once."""
from __future__ import annotations

from game.i18n import LANGUAGES, _
from game.ui.page import BUTTON_H, GAP, Page, escape
from game.ui.pictures import SCREEN_ICONS
from game.ui.scenes import BaseScene
from game.ui.settings import TEXT_SIZES

CHOICE_W = 320


class SettingsScene(BaseScene):
    def build(self, page: Page) -> None:
        s = self.app.settings
        page.header(_("ui.settings.title"), icon=SCREEN_ICONS["settings"])
        on_off = ((False, _("ui.off")), (True, _("ui.on")))
        rows = [
            ("lang", _("ui.settings.language"), [(lang, _(f"ui.language.{lang}")) for lang in LANGUAGES]),
            ("text_size", _("ui.settings.text_size"), [(size, _(f"ui.text_size.{size}")) for size in TEXT_SIZES]),
            ("high_contrast", _("ui.settings.high_contrast"), on_off),
            ("fullscreen", _("ui.settings.fullscreen"), on_off),
            ("sound", _("ui.settings.sound"), on_off),
            ("reduced_motion", _("ui.settings.reduced_motion"), on_off),
        ]
        label_w = max(page.measure(title, "body") for _key, title, _choices in rows)
        choice_w = max(CHOICE_W, *(page.button_width(text) for _key, _title, choices in rows for _v, text in choices))
        box = page.content
        for (key, title, choices), row in zip(rows, box.rows(len(rows) + 1, gap=GAP, most=BUTTON_H + 36)):
            words, row = row.left(label_w)
            page.label(title, words.x, words.y, words.w, BUTTON_H)
            for value, text in choices:
                cell, row = row.left(choice_w)
                page.button(text, cell.x, cell.y, cell.w, BUTTON_H, lambda k=key, v=value: self.choose(k, v),
                            "@toggle", selected=getattr(s, key) == value, key=f"{key}:{value}")
        page.paragraph(escape(_("ui.settings.saved")), box.above(BUTTON_H)[1], "@muted_text")
        page.footer([], back=(_("ui.back"), self.back))

    def choose(self, key: str, value: object) -> None:
        self.app.apply_settings(self.app.settings.changed(**{key: value}))

    def back(self) -> None:
        self.app.pop()
