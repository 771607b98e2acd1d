"""The game's own look: its typeface covers what players type, its pictures and sounds are there, licensed and shown."""
from __future__ import annotations

import re
import shutil
import wave
from pathlib import Path

import pygame
import pytest
from pygame_gui.elements import UIImage

from game.i18n import _
from game.scenario.loader import BUNDLED_LIBRARY
from game.scenario.plans import plan_steps
from game.ui.assets import FONT_FILES, assets_folder, font_paths, icon_path, sound_path
from game.ui.page import escape, readable
from game.ui.pictures import CORNER_ICONS, ROLE_ICONS, STEP_ICONS, icon, role_icon
from game.ui.sound import SOUNDS, Sounds
from game.ui.theme import CALM, FONT, HIGH_CONTRAST, build_theme, contrast, font_sizes, icon_pairs
from tests.ui.harness import Table
from tests.ui.play import Player
from tests.ui.test_behaviour import into_record, into_share
from tests.ui.test_full_session import _next_page_label

ROOT = Path(__file__).parents[2]
PAPER_CASES = ("hygiene-normen", "open-deur", "familie-veel-aanwezig", "hulp-bij-eten", "dochter-belt-arts")
NO_FONT_HAS_IT = "\U000F0000"  # private use: drawn as the font's empty box
TYPED = {
    "Dutch": "Één reünie, café, ĳs, € 5,– «zo» “zo” ‘zo’ …",
    "names": "Zoë Łukasz Ştefan Nguyễn Ольга Σοφία Çelik Ñuño",
    "symbols": "★ ☆ ✓ ✔ ✗ → ← ↑ ↓ ≥ ≤ ≠ ∞ ± × ÷ • · ½ © ® ™ § ¶ ° ♥ ☺ ⚠",
    "emoji": "😀 😂 🙂 😢 😡 🤔 👍 👎 🙏 👏 ❤ 💡 ☕ 🎉 🌷 🏠 👵 👴 👩‍⚕️ 🧑‍🦽 ✅ ❌ 🔔 ⏰",
    "Chinese": "王小明 李娜 陈伟 刘洋 张静 谢谢，你好。",
    "Chinese, traditional": "陳大文 張偉 黃美玲 劉德華 謝謝",
    "Japanese": "山田花子 佐藤 渡辺 さくら スズキ ありがとう",
    "Korean": "김민준 이서연 박지훈 최수아 감사합니다",
    "Arabic": "محمد فاطمة أحمد عائشة يوسف",
    "Hebrew": "שרה דוד כהן",
    "Devanagari": "राम सीता प्रिया नमस्ते",
    "Bengali": "সুমন রহিম আমিনা",
    "Tamil": "தமிழ் முருகன் லட்சுமி",
    "Thai": "สมชาย สวัสดี",
    "Armenian": "Արամ Անի",
    "Georgian": "გიორგი ნინო",
    "Ethiopic": "አበበ ሰላም",
}
OTHER_SCRIPTS = ("Chinese", "Chinese, traditional", "Japanese", "Korean", "Arabic", "Hebrew", "Devanagari", "Bengali",
                 "Tamil", "Thai", "Armenian", "Georgian", "Ethiopic")
SKIN_TONED = {"👍🏽": "👍", "👋🏻": "👋", "🙏🏿": "🙏", "👵🏼": "👵", "🧑🏾‍🦽": "🧑‍🦽",
              "👨‍👩‍👧": "👨👩👧", "❤️": "❤"}  # drawn as: no swatch, and a joiner or selector adds nothing


def is_empty_box(render, char: str) -> bool:
    """True when ``render`` draws ``char`` as the same empty box it draws for a character no font has."""
    if char.isspace() or char in "\u200d\ufe0f":
        return False
    drawn, box = render(char), render(NO_FONT_HAS_IT)
    return drawn.get_size() == box.get_size() and pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(
        box, "RGBA")


@pytest.mark.parametrize("style", FONT_FILES)
@pytest.mark.parametrize("kind", TYPED)
def test_the_typeface_has_every_character_a_table_types(style, kind):
    pygame.font.init()
    font = pygame.font.Font(font_paths()[f"{style}_path"], 40)
    font.set_script("Latn")  # as pygame_gui draws: shaped text
    boxes = [char for char in TYPED[kind] if is_empty_box(lambda text: font.render(text, True, "black"), char)]
    assert boxes == [], f"{kind} drawn as empty boxes in {style}: {boxes}"


@pytest.mark.parametrize("style", FONT_FILES)
def test_a_skin_toned_emoji_draws_as_its_base_emoji(style):
    """The emoji font is monochrome: a skin-tone modifier would show as a hatched swatch beside the emoji."""
    pygame.font.init()
    font = pygame.font.Font(font_paths()[f"{style}_path"], 40)
    font.set_script("Latn")
    drawn = {typed: pygame.image.tobytes(font.render(typed, True, "black"), "RGBA") for typed in SKIN_TONED}
    assert [typed for typed, base in SKIN_TONED.items()
            if drawn[typed] != pygame.image.tobytes(font.render(base, True, "black"), "RGBA")] == []


@pytest.mark.parametrize("kind", OTHER_SCRIPTS)
def test_a_bold_name_in_another_script_is_drawn_bold(kind):
    """Each script's letters come from one font in the weight asked (Noto Sans Math, in one weight, has some
    Arabic letters too: merged in first, it would set Arabic in regular in the bold styles)."""
    pygame.font.init()
    ink = {}
    for style in ("regular", "bold"):
        font = pygame.font.Font(font_paths()[f"{style}_path"], 40)
        font.set_script("Latn")
        ink[style] = sum(pygame.image.tobytes(font.render(TYPED[kind], True, "black"), "RGBA")[3::4])
    assert ink["bold"] > 1.3 * ink["regular"]


def test_the_theme_sets_all_text_in_the_typeface():
    theme = build_theme(1.0, 1.0, False)
    fonts = [block["font"] for block in theme.values() if "font" in block]
    assert fonts and all(font["name"] == FONT and font["regular_path"].endswith(FONT_FILES["regular"])
                         for font in fonts)


def test_emoji_typed_into_a_discussion_point_are_kept_and_shown(tmp_path, library):
    t = Table(tmp_path, library)
    p = into_record(t)
    p.act(_("ui.record.notes_tab"))
    point = "Goed gesprek 👍😀 ★ → ✓ ❤ 🙏"
    p.write_note(point)
    assert [n.text for n in t.app.scene.round.notes] == [point]
    assert point in t.screen_text()
    fonts = t.app.manager.get_theme().get_font_dictionary()
    shown = fonts.find_font(font_sizes(t.app.scale, 1.0)["body"], FONT)
    assert [c for c in point if is_empty_box(lambda text: shown.render_premul(text, pygame.Color("black")), c)] == []


def test_every_role_of_the_deck_every_step_and_every_corner_has_an_icon(decks):
    assert set(decks.roles) <= set(ROLE_ICONS)
    assert role_icon("een-rol-uit-een-eigen-deck") == "user-circle"
    steps = set(plan_steps("kort", 1)) | set(plan_steps("lang", 3)) | {"reconsider"}
    assert steps <= set(STEP_ICONS)
    assert set(CORNER_ICONS) == {"resident", "family", "team"}
    names = set(ROLE_ICONS.values()) | set(STEP_ICONS.values()) | set(CORNER_ICONS.values()) | {"user-circle"}
    assert [name for name in sorted(names) if not icon_path(name).is_file()] == []


def test_an_icon_is_drawn_at_its_size_in_the_colour_asked():
    pygame.display.init()
    drawn = icon("old", 96, "#B34700")
    assert drawn.get_size() == (96, 96)
    solid = {tuple(drawn.get_at((x, y)))[:3] for x in range(96) for y in range(96) if drawn.get_at((x, y)).a == 255}
    assert solid and all(max(abs(a - b) for a, b in zip(colour, (0xB3, 0x47, 0x00))) <= 1 for colour in solid)


@pytest.mark.parametrize("palette", [CALM, HIGH_CONTRAST], ids=["calm", "high-contrast"])
def test_every_icon_stands_out_from_its_background(palette):
    for name, (colour, background) in icon_pairs(palette).items():
        assert contrast(colour, background) >= 4.5, name


def test_every_file_of_our_own_look_names_its_source_and_licence():
    listed = (assets_folder() / "LICENSES.md").read_text(encoding="utf-8")
    files = [path.relative_to(assets_folder()).as_posix() for path in assets_folder().rglob("*")
             if path.is_file() and path.name != "LICENSES.md"]
    files += [path.relative_to(ROOT).as_posix() for path in (BUNDLED_LIBRARY / "afbeeldingen").iterdir()]
    assert [name for name in files if f"`{name}`" not in listed] == []


@pytest.mark.parametrize("name", SOUNDS)
def test_the_sounds_are_what_the_script_makes(name):
    from tools.make_sounds import RATE, samples
    with wave.open(str(sound_path(name)), "rb") as stored:
        assert (stored.getnchannels(), stored.getsampwidth(), stored.getframerate()) == (1, 2, RATE)
        frames = stored.readframes(stored.getnframes())
    made = samples(name)
    assert frames == made.tobytes()
    assert max(abs(s) for s in made) < 0.35 * 32767   # quiet: far from full loudness


def test_a_sound_plays_only_while_the_sound_setting_is_on():
    pygame.init()
    wanted = [False]
    sounds = Sounds(lambda: wanted[0])
    assert sounds.play("time_up") is False
    wanted[0] = True
    assert sounds.play("time_up") is True and sounds.play("reveal") is True
    with pytest.raises(ValueError, match="reveal"):
        sounds.play("applaus")


def test_the_time_up_sound_honours_the_setting_at_the_table(tmp_path, library):
    t = Table(tmp_path, library, sound=False)
    played = []
    t.app.sounds._loaded = {name: type("Heard", (), {"play": lambda self, n=name: played.append(n)})()
                            for name in SOUNDS}
    t.app.play("time_up")
    assert played == []
    t.app.apply_settings(t.app.settings.changed(sound=True))
    t.app.play("time_up")
    assert played == ["time_up"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_paper_games_cases_each_name_an_illustration(library, lang):
    for case_id in PAPER_CASES:
        case = library.case(case_id, lang)
        assert case.scenario.lang == lang and case.scenario.image
        assert (case.path.parent / case.scenario.image).resolve().parent == BUNDLED_LIBRARY / "afbeeldingen"


def pictures(t: Table) -> list[UIImage]:
    return [element for element in t.app.page.root.elements if isinstance(element, UIImage)]


def test_the_start_screen_shows_its_illustration_and_the_steps_with_their_icons(tmp_path, library):
    t = Table(tmp_path, library)
    assert len(pictures(t)) == 1
    how = next(e for e in t.app.page.root.elements if _("ui.start.how") in getattr(e, "html_text", ""))
    assert len(re.findall(r"<img ", how.html_text)) == 4


def in_its_text(t: Table, words: str) -> bool:
    """The case's picture at the top right of the text with ``words``, the text flowing on under it, and large
    enough to see (over a fifth of the text's width)."""
    text = next(e for e in t.app.page.root.elements if words in getattr(e, "html_text", ""))
    picture = re.search(r'<img src="([^"]+)" float=right', text.html_text)
    return bool(picture) and text.html_text.index(picture[0]) < text.html_text.index(escape(words)) and \
        pygame.image.load(picture[1]).get_width() > text.rect.width / 5


def read_in_library(t: Table, case_id: str) -> str:
    """From the start screen to the case's own page in the library; its title."""
    case = t.app.library.case(case_id, t.app.settings.lang).scenario
    p = Player(t)
    p.act(_("ui.start.library"))
    p.act(_("ui.library.all_themes"))
    while not t.has(case.title):
        p.act(_next_page_label(t))
    p.act(next(label for label in t.labels() if case.title in label))
    return case.title


def test_a_case_shows_its_illustration_in_the_library_and_on_its_first_screen(tmp_path, library):
    from tests.ui.test_full_session import set_up
    t = Table(tmp_path, library)
    read_in_library(t, "hygiene-normen")
    story = library.case("hygiene-normen").scenario.intro.split()[0]
    assert in_its_text(t, story)              # at the top right of the story, never over it
    t = Table(tmp_path / "tafel", library)
    set_up(t)                                # a round of 'Een washand is genoeg': the case is read first
    assert t.app.scene.round.phase == "draw" and in_its_text(t, story)


def test_the_case_list_shows_each_case_with_its_illustration(tmp_path, library):
    t = Table(tmp_path, library)
    read_in_library(t, "open-deur")
    t.key(pygame.K_ESCAPE)                   # back from the case to the list it was chosen from
    card = next(e for e in t.app.page.root.elements if "De deur staat open" in getattr(e, "html_text", ""))
    picture = re.search(r'<img src="([^"]+)" float=right', card.html_text)
    assert picture and min(pygame.image.load(picture[1]).get_size()) > 50  # the drawn illustration, at the right


def test_a_picture_that_went_missing_after_loading_leaves_the_screen_whole(tmp_path):
    from game.scenario.loader import load_library
    copy = tmp_path / "bibliotheek"
    shutil.copytree(BUNDLED_LIBRARY, copy)
    library = load_library(copy)
    (copy / "afbeeldingen" / "open-deur.svg").unlink()     # after the check at loading, before it is shown
    t = Table(tmp_path, library)
    title = read_in_library(t, "open-deur")
    assert "<img " not in t.screen_text() and title in t.screen_text()


def test_a_decision_that_names_an_image_shows_it_with_its_text(tmp_path):
    from game.scenario.loader import load_library
    from tests.ui.test_full_session import set_up
    copy = tmp_path / "bibliotheek"
    shutil.copytree(BUNDLED_LIBRARY, copy)
    case = copy / "hygiene-normen.yaml"
    text = case.read_text(encoding="utf-8").replace("decisions:\n  begin:\n",
                                                    "decisions:\n  begin:\n    image: afbeeldingen/open-deur.svg\n", 1)
    case.write_text(text, encoding="utf-8")
    library = load_library(copy)
    assert library.problems == [] and library.case("hygiene-normen").scenario.decisions["begin"].image
    t = Table(tmp_path, library)
    set_up(t)
    p = Player(t)
    p.draw_roles()
    p.act(_("ui.share.next"))
    assert t.app.scene.round.phase == "vote"
    assert in_its_text(t, library.case("hygiene-normen").scenario.decisions["begin"].title)


@pytest.mark.parametrize("opening", ["ui.start.play", "ui.start.library", "ui.start.settings",
                                     "solo.screen.start_button"])
def test_the_screens_around_a_round_show_their_icon_before_their_title(tmp_path, library, opening):
    """Like the steps of a round: the icon at the left of the title, as large as the title and its subtitle."""
    t = Table(tmp_path, library)
    Player(t).act(_(opening))
    assert type(t.app.scene).__name__ != "StartScene"
    title = min((e for e in t.app.page.root.elements if getattr(e, "text", "") or getattr(e, "html_text", "")),
                key=lambda e: (e.rect.top, e.rect.left))
    icons = [e for e in pictures(t) if e.rect.right <= title.rect.left and e.rect.top < title.rect.bottom]
    assert len(icons) == 1 and icons[0].rect.height >= title.rect.height


def test_a_name_in_hebrew_or_arabic_reads_from_right_to_left_with_its_letters_joined(tmp_path, library):
    """SDL_ttf draws every line from left to right: the screen puts such a name in visual order first, and Arabic
    letters in their joined forms, which the typeface has. What is stored stays as it was typed."""
    hebrew, arabic = "שרה כהן", "محمد علي"
    t = Table(tmp_path, library)
    into_share(t, names=(hebrew, arabic))
    assert t.app.scene.state.players[:2] == (hebrew, arabic)
    text = t.screen_text()
    assert "ןהכ הרש" in text                              # her name, read from the right: שרה first
    shown = readable(arabic)
    assert shown != arabic and shown in text and all("\ufe70" <= char <= "\ufeff" for char in shown.replace(" ", ""))
    assert readable(f"Ik ben {hebrew}: toon de keuzes") == "Ik ben ןהכ הרש: toon de keuzes"  # the rest keeps its order
    pygame.font.init()
    font = pygame.font.Font(font_paths()["regular_path"], 40)
    font.set_script("Latn")
    assert [c for c in shown if is_empty_box(lambda s: font.render(s, True, "black"), c)] == []
