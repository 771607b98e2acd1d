"""The report and the cards as a real browser shows and prints them (Chromium from the system, headless).

Three tables play, their files land in one folder, the report is exported and the cards
made; Chromium takes a screenshot of the report and prints both to PDF, and the PDF pages
become PNG files in out/plenary/ (not in git) for a person to look at.
"""
from __future__ import annotations

import html as markup
import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from game.app import open_library, start_session
from game.commands.cli import main
from game.engine import StartSession
from game.report.browser import QUIET_FLAGS, find_browser, print_pdf, screenshot
from game.i18n import _
from game.report.cards import card_decks, render_cards
from game.report.labels import card_name
from game.scenario.loader import load_library
from game.ui.theme import CALM
from tests.tables import HOSTILE_NOTES, play_like_a_table

OUT = Path(__file__).parents[1] / "out" / "plenary"
pytestmark = [
    pytest.mark.skipif(find_browser() is None, reason="needs Chromium (Debian: apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None,
                       reason="needs pdftoppm and pdfinfo (Debian: apt-get install poppler-utils)"),
]


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.search(r"Page size:\s+(.*)", info).group(1)


def png_pages(pdf: Path, stem: str) -> list[Path]:
    for old in OUT.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / stem)], check=True)
    return sorted(OUT.glob(f"{stem}-*.png"))


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Three tables of a training, their files dropped in one folder."""
    folder = tmp_path_factory.mktemp("training")
    library = open_library()
    tables = ((("Anna", "Bert", "Cor", "Dina", "Eef"), ("hygiene-normen", "open-deur")),
              (("Fay", "Gijs", "Hans", "Ina"), ("hygiene-normen", "open-deur")),
              (("Jan", "Kim", "Lot", "Mo", "Nel"), ("open-deur", "hygiene-normen")))
    for number, (players, cases) in enumerate(tables):
        stored = start_session(library, StartSession(players, cases, seed=number, plan="lang"),
                               path=folder / f"tafel{number + 1}.dilemma.db")
        play_like_a_table(stored, random.Random(number), HOSTILE_NOTES if number == 0 else ())
        stored.close()
    OUT.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_report_in_a_browser_and_on_paper(room):
    html = OUT / "verslag.html"
    assert main(["report", str(room), "--out", str(html)]) == 0
    screenshot(html, OUT / "verslag-scherm.png", 1280, 2200)
    assert (OUT / "verslag-scherm.png").stat().st_size > 50_000
    print_pdf(html, OUT / "verslag.pdf")
    pages, size = pdf_pages(OUT / "verslag.pdf")
    assert "(A4)" in size and pages >= 4
    assert len(png_pages(OUT / "verslag.pdf", "verslag-blad")) == pages


def filled_share(pdf: Path) -> list[float]:
    """Per page of ``pdf``: how far down the page its content reaches (0 an empty page, 1 the bottom edge)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), f"{folder}/blad"], check=True)
        shares = []
        for page in sorted(Path(folder).glob("blad-*.pgm")):
            data = page.read_bytes()
            _magic, width, height, _depth, pixels = data.split(maxsplit=4)
            width, height = int(width), int(height)
            ink = [row for row in range(height) if min(pixels[row * width:(row + 1) * width]) < 160]
            shares.append((ink[-1] + 1) / height if ink else 0.0)
        return shares


def test_the_printed_report_has_no_half_empty_pages(room, tmp_path):
    """Only the last page may end early: a case, a long chart or the tables' points never leave half a page blank."""
    html = tmp_path / "verslag.html"
    assert main(["report", str(room), "--trainer", "Marieke de Vries", "--out", str(html)]) == 0
    print_pdf(html, tmp_path / "verslag.pdf")
    shares = filled_share(tmp_path / "verslag.pdf")
    assert len(shares) >= 4
    assert all(share > 0.6 for share in shares[:-1]), str([round(share, 2) for share in shares])


def test_the_cards_print_one_sheet_per_a4_page(room):
    assert main(["cards", "--out", str(OUT / "kaarten.html"), "--case", "hygiene-normen", "--case", "open-deur"]) == 0
    sheets = (OUT / "kaarten.html").read_text(encoding="utf-8").count('<section class="sheet">')
    print_pdf(OUT / "kaarten.html", OUT / "kaarten.pdf")
    pages, size = pdf_pages(OUT / "kaarten.pdf")
    assert "(A4)" in size and pages == sheets
    assert len(png_pages(OUT / "kaarten.pdf", "kaarten-blad")) == sheets


def test_cards_straight_to_pdf(tmp_path):
    assert main(["cards", "--out", str(tmp_path / "kaarten.pdf"), "--case", "verhuisdag", "--lang", "en"]) == 0
    pages, size = pdf_pages(tmp_path / "kaarten.pdf")
    assert "(A4)" in size and pages >= 4


# Run in a copy of the cards' page (its policy forbids scripts): each card's name, and how far its text
# reaches beyond its box (height and width, in pixels).
OVERFLOW_PROBE = """
[...document.querySelectorAll('.card')].map(card => [
  (card.querySelector('h2') || card).textContent, card.scrollHeight - card.clientHeight,
  card.scrollWidth - card.clientWidth])"""


def probed(page: str, expression: str, folder: Path):
    """What ``expression`` (JavaScript giving something JSON can carry) finds in ``page`` laid out by Chromium."""
    script = f"<script>document.body.setAttribute('data-probe', JSON.stringify({expression}));</script>"
    without_policy = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    (folder / "probed.html").write_text(without_policy.replace("</body>", script + "</body>"), encoding="utf-8")
    done = subprocess.run([find_browser(), *QUIET_FLAGS, f"--user-data-dir={folder / 'profiel'}", "--dump-dom",
                           (folder / "probed.html").as_uri()], capture_output=True, text=True, timeout=300)
    return json.loads(markup.unescape(re.search(r'data-probe="([^"]*)"', done.stdout).group(1)))


def overflowing_cards(page: str, folder: Path) -> tuple[int, list]:
    """How many cards the page has, and those whose text does not fit, as Chromium lays them out."""
    cards = probed(page, OVERFLOW_PROBE, folder)
    return len(cards), [card for card in cards if card[1] > 1 or card[2] > 1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_text_leaves_its_card(tmp_path, lang):
    """Every card of the library (the open-door case card and a long role name overflowed before), laid out
    by a real browser."""
    library = load_library()
    count, overflowing = overflowing_cards(render_cards(card_decks(library, lang), lang), tmp_path)
    assert overflowing == []
    assert count > 500  # the consequences, later decision points and endings of every case too


# The three corners of the triangle in their colours, as Chromium paints them ----------------------------------
def hex_colour(css: str) -> str:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css)[:3])
    return f"#{red:02X}{green:02X}{blue:02X}"


def unhyphenated(words: str) -> str:
    return words.replace("\u00ad", "").strip()


CORNER_MARKS_PROBE = """
[...document.querySelectorAll('.card.role')].map(card => ['role', card.querySelector('h2').textContent,
  getComputedStyle(card.querySelector('.band')).backgroundColor]).concat(
[...document.querySelectorAll('.card.consequence h3')].map(heading => ['heading', heading.textContent,
  getComputedStyle(heading).borderLeftColor, getComputedStyle(heading).borderLeftWidth]))"""


def test_each_role_card_and_each_corner_heading_prints_in_its_corners_colour(tmp_path):
    """The band of a role card and the mark beside 'Voor de bewoner/familie/het team' take the corner's colour,
    the same colour the table screen gives that corner."""
    library = load_library()
    marks = probed(render_cards(card_decks(library, "nl", ["open-deur"]), "nl"), CORNER_MARKS_PROBE, tmp_path)
    roles = {unhyphenated(name): hex_colour(colour) for kind, name, colour, *_ in marks if kind == "role"}
    expected = {card_name(card, "nl"): getattr(CALM, card.corner) for card in library.decks.roles.values()}
    assert roles == expected
    assert len(set(roles.values())) == 3  # the deck has roles of every corner
    headings = {(unhyphenated(name), hex_colour(colour)) for kind, name, colour, *width in marks
                if kind == "heading" and width != ["0px"]}
    assert headings == {(_("report.cards.for_" + corner, "nl"), getattr(CALM, corner))
                        for corner in ("resident", "family", "team")}


def test_the_reports_role_rows_carry_their_corners_colour(room, tmp_path):
    library = open_library()
    html = tmp_path / "verslag.html"
    assert main(["report", str(room), "--out", str(html)]) == 0
    rows = probed(html.read_text(encoding="utf-8"), """
[...document.querySelectorAll('table.matrix tbody th')].map(th => [th.textContent,
  getComputedStyle(th).borderLeftColor, getComputedStyle(th).borderLeftWidth])""", tmp_path)
    corner_of = {card_name(card, "nl"): card.corner for card in library.decks.roles.values()}
    assert rows
    for name, colour, width in rows:
        assert hex_colour(colour) == getattr(CALM, corner_of[name]), name
        assert float(width.removesuffix("px")) >= 6
