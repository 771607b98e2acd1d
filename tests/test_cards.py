"""Printable cards: every card of the library, A4 sheets with cut marks, text escaped, long cases given room."""
from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest

from game.report.cards import FULL, NO_BREAK, SMALL, SOFT_HYPHEN, card_decks, cut_marks, hyphenated, render_cards
from game.scenario.loader import BUNDLED_LIBRARY, load_library
from tests.conftest import DATA


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def own_library(tmp_path):
    """A facilitator's folder with the decks and the test case, to edit per test."""
    shutil.copytree(BUNDLED_LIBRARY / "decks", tmp_path / "decks")
    shutil.copy(DATA / "proef.yaml", tmp_path / "proef.yaml")
    return tmp_path


def test_every_card_of_the_library_is_there(library):
    decks = card_decks(library, "nl")
    cards = [card for deck in decks for card in deck.cards]
    cases = [library.case(c).scenario for c in sorted({case_id for case_id, _lang in library.cases})]
    count = Counter(card.kind for card in cards)
    assert count["role"] == len(library.decks.roles)
    assert count["value"] == len(library.decks.values) + sum(len(case.values) for case in cases)
    assert count["case"] == len(cases)
    assert count["brief"] == sum(len(case.roles) for case in cases)
    assert count["decision"] == sum(len(case.decisions) - 1 for case in cases)  # the first is on the case card
    assert count["consequence"] == sum(len(d.options) for case in cases for d in case.decisions.values())
    assert count["ending"] == sum(len(case.endings) for case in cases)
    assert all(card.format == deck.format for deck in decks for card in deck.cards)
    assert {card.format for card in cards if card.kind in ("role", "value")} == {SMALL}


def plain(html: str) -> str:
    """The page's text without its soft hyphens, no-break spaces and tags."""
    return re.sub(r"<[^>]+>", " ", html.replace(SOFT_HYPHEN, "").replace(NO_BREAK, " "))


@pytest.mark.parametrize("case_id", ["open-deur", "hygiene-normen", "verhuisdag"])
def test_a_table_can_play_a_case_on_paper(library, case_id):
    """Every option names its consequence card, every consequence card the next decision point or ending, and
    each of those cards is there."""
    words = plain(render_cards(card_decks(library, "nl", [case_id]), "nl"))
    scenario = library.case(case_id).scenario
    options = re.findall(r"→ lees gevolg (\d+[A-D])", words)
    assert len(options) == sum(len(d.options) for d in scenario.decisions.values())
    labels = set(re.findall(r'(Gevolg \d+[A-D]|Beslismoment \d+|Einde \d+) · ', words))
    assert {f"Gevolg {code}" for code in options} <= labels
    onward = re.findall(r"Ga verder met beslismoment (\d+)|Lees nu einde (\d+)", words)
    assert len(onward) == len(options)
    decisions = {int(d) for d, _e in onward if d}
    endings = {int(e) for _d, e in onward if e}
    assert {f"Beslismoment {n}" for n in decisions - {1}} <= labels
    assert endings == set(range(1, len(scenario.endings) + 1))
    assert {f"Einde {n}" for n in endings} <= labels


def test_long_words_break_at_their_syllables_with_a_hyphen(library):
    html = render_cards(card_decks(library, "nl", ["open-deur"]), "nl")
    assert f"Wijk{SOFT_HYPHEN}ver{SOFT_HYPHEN}pleeg{SOFT_HYPHEN}kun{SOFT_HYPHEN}di{SOFT_HYPHEN}ge" in html
    assert "anywhere" not in html  # no word is cut where it has no syllable break
    assert hyphenated("verantwoordelijkheid", "nl") == SOFT_HYPHEN.join(["ver", "ant", "woor", "de", "lijk", "heid"])
    assert hyphenated("de deur", "nl") == "de deur"


def test_one_sheet_per_page_and_cut_marks_on_every_sheet(library):
    decks = card_decks(library, "nl", ["hygiene-normen"])
    html = render_cards(decks, "nl")
    sheets = html.count('<section class="sheet">')
    expected = sum(-(-len(deck.cards) // deck.format.per_sheet) for deck in decks)
    assert sheets == expected
    assert html.count('<svg class="marks"') == sheets
    assert "@page { size: A4; margin: 0; }" in html and "page-break-after: always" in html


def test_cut_marks_line_up_with_the_edges_of_the_cards():
    marks = [tuple(map(float, line)) for line in
             re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/>', cut_marks(SMALL))]
    assert len(marks) == 2 * (SMALL.columns + 1) + 2 * (SMALL.rows + 1)
    left, top = SMALL.origin()
    assert (left, top) == (15, 28.5)
    vertical = sorted({x1 for x1, _y1, x2, _y2 in marks if x1 == x2})
    horizontal = sorted({y1 for _x1, y1, _x2, y2 in marks if y1 == y2})
    assert vertical == [15, 105, 195] and horizontal == [28.5, 88.5, 148.5, 208.5, 268.5]
    assert all(0 < value < 297 for line in marks for value in line)  # inside the page, in the margin


def test_a_sheet_half_full_has_marks_only_around_its_cards():
    marks = re.findall(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/>', cut_marks(SMALL, 3))
    horizontal = sorted({float(y1) for _x1, y1, _x2, y2 in marks if y1 == y2})
    assert horizontal == [28.5, 88.5, 148.5]  # two rows: the second holds one card
    assert len(marks) == 2 * 3 + 2 * 3


def test_texts_from_the_case_are_escaped(own_library):
    text = (own_library / "proef.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Proefcasus", "title: \"<script>alert('kaart')</script> & co\"")
    text = text.replace("knows: Iets.", "knows: \"<img src=x onerror=alert(1)> weet\"", 1)
    (own_library / "proef.yaml").write_text(text, encoding="utf-8")
    library = load_library(own_library)
    assert library.problems == []
    html = render_cards(card_decks(library, "nl"), "nl").replace(SOFT_HYPHEN, "")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;kaart&#x27;)&lt;/script&gt; &amp; co" in html
    assert "&lt;img src=x onerror=alert(1)&gt; weet" in html


def test_a_long_case_gets_a_page_of_its_own(own_library):
    text = (own_library / "proef.yaml").read_text(encoding="utf-8")
    long_intro = " ".join(["Een zin over wat er die ochtend gebeurde op de afdeling."] * 70)
    text = text.replace("intro: Een korte proef.", f"intro: {long_intro}")
    (own_library / "proef.yaml").write_text(text, encoding="utf-8")
    decks = card_decks(load_library(own_library), "nl")
    (case_card,) = [card for deck in decks for card in deck.cards if card.kind == "case"]
    assert case_card.format == FULL
    assert f'class="card full case d{case_card.density}"' in render_cards(decks, "nl")


def test_cards_in_english(library):
    html = render_cards(card_decks(library, "en", ["hygiene-normen"]), "en")
    assert '<html lang="en">' in html
    assert ">Autonomy</h2>" in html and ">Autonomie</h2>" not in html
    assert "A flannel is enough" in html and "What you know" in html
