"""The report and the cards as a real browser shows and prints them (Chromium from the system, headless).

Three tables play, their files land in one folder, the report is exported and the cards
made; Chromium takes a screenshot of the report and prints both to PDF, and the PDF pages
become PNG files in out/plenary/ (not in git) for a person to look at.
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.app import open_library, start_session
from game.commands.cli import main
from game.engine import StartSession
from game.report.browser import find_browser, print_pdf, screenshot
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
