"""The report in every format: anonymous by default, hostile notes escaped and intact, sound structure."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
from datetime import datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from game.app import open_library, start_session
from game.engine import AdvancePhase, DrawRole, StartSession
from game.report.document import build_report
from game.report.exports import render
from game.report.figures import Selection
from game.store.merge import gather
from tests.tables import HOSTILE_NOTES, play_like_a_table

NAMES = ("Wilhelmina Zwartjes", "Bartholomeus Kwak", "Cornelia Vroegop", "Dirkje Haverkamp")
SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "dl", "dt", "dd",
             "aside", "ul", "ol", "li", "section", "figure", "figcaption", "strong", "table", "thead", "tbody", "tr",
             "th", "td", "svg", "rect", "text", "article", "footer", "span", "div", "colgroup", "col", "caption",
             "circle", "line"}


@pytest.fixture(scope="module")
def library():
    return open_library()


@pytest.fixture(scope="module")
def gathering(library, tmp_path_factory):
    """Three tables; the first wrote every hostile note there is."""
    folder = tmp_path_factory.mktemp("tafels")
    for number, cases in enumerate((("hygiene-normen", "open-deur"), ("hygiene-normen", "open-deur"),
                                    ("open-deur", "hygiene-normen"))):
        stored = start_session(library, StartSession(NAMES, cases, seed=number, plan="lang"), path=folder / f"t{number}.dilemma.db")
        play_like_a_table(stored, random.Random(number), HOSTILE_NOTES if number == 0 else ())
        stored.close()
    (folder / "kapot.dilemma.db").write_bytes(b"dit is geen sessie" * 20)
    return gather([folder])


@pytest.fixture(scope="module")
def report(gathering, library):
    return build_report(gathering, library, "nl")


class Page(HTMLParser):
    """Every tag, attribute and piece of text of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.texts = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.texts.append(data)


def test_the_report_holds_every_table_and_every_note(report):
    assert [(s.table_label, s.round) for s in report.stories] == [
        ("Tafel 1", 1), ("Tafel 1", 2), ("Tafel 2", 1), ("Tafel 2", 2), ("Tafel 3", 1), ("Tafel 3", 2)]
    assert set(HOSTILE_NOTES) <= set(report.stories[0].notes)
    assert dict(report.summary)["Tafels"] == "3" and dict(report.summary)["Spelers"] == "12"
    assert [s.key for s in report.sections] == ["overall", "case:hygiene-normen", "case:open-deur"]
    figures = {block.figure for section in report.sections for block in section.blocks}
    assert figures == {"leading_values", "picked_values", "votes", "perspective_gap", "values_vs_choices"}
    assert len(report.notices) == 1 and "kapot.dilemma.db" in report.notices[0]
    assert "/" not in report.notices[0].split("kapot.dilemma.db")[0][-30:]  # the file's name, not its folder


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json"])
def test_no_player_names_unless_asked(gathering, library, report, fmt):
    anonymous = render(report, fmt)
    assert not any(name in anonymous for name in NAMES)
    assert "Partner" in anonymous or "partner" in anonymous  # roles stand in for the players
    named = render(build_report(gathering, library, "nl", names=True), fmt)
    assert all(name in named for name in NAMES)


def test_html_is_self_contained_and_escapes_every_note(report):
    html = render(report, "html")
    page = Page(html)
    assert set(page.tags) <= SAFE_TAGS
    assert "script" not in page.tags
    assert not [value for name, value in page.attributes if name in ("src", "href", "action")]
    assert not re.search(r"url\(|@import|https?://(?!example\.invalid)", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for note in HOSTILE_NOTES:
        assert note in "".join(page.texts), note[:40]  # intact once the browser has read it
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_html_prints_on_a4_with_numbers_on_the_bars(report):
    html = render(report, "html")
    assert "@page { size: A4" in html and "@media print" in html
    assert all(colour in html for colour in ("#0072B2", "#E69F00", "#009E73"))  # Okabe-Ito
    labels = re.findall(r'<svg class="bar" role="img" aria-label="([^"]*)">.*?<text[^>]*>([^<]*)</text>', html)
    assert labels and all(label == shown for label, shown in labels)
    assert all(re.fullmatch(r"\d+( \(\d+%\))?", shown) for _label, shown in labels)


def test_markdown_shows_notes_literally(report):
    text = render(report, "md")
    unescaped = re.sub(r"\\(.)", r"\1", text)
    for note in HOSTILE_NOTES:
        assert note in unescaped.replace("<br>", "\n"), note[:40]
    assert "<script>" not in text and "\\<script\\>" in text
    assert "[" not in re.sub(r"\\\[", "", text)  # no link can be formed from a note


def test_csv_neutralises_formulas_and_keeps_the_rest(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    notes = [row["text"] for row in rows if row["figure"] == "discussion_point"]
    for note in HOSTILE_NOTES:
        expected = "'" + note if note[0] in "=+-@" else note
        assert expected in notes, note[:40]
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values() if cell)
    votes = [row for row in rows if row["figure"] == "votes" and row["series"] == "before"]
    assert votes and all(int(row["count"]) <= int(row["base"]) for row in votes)


def test_json_is_the_whole_document(report):
    document = json.loads(render(report, "json"))
    assert document["format"] == "dilemmaspel-report" and document["version"] == 1
    assert document["anonymised"] is True
    assert set(HOSTILE_NOTES) <= set(document["stories"][0]["notes"])
    votes = next(b for s in document["sections"] for b in s["blocks"] if b["figure"] == "votes")
    assert votes["scope"]["case"] == "hygiene-normen" and [s["key"] for s in votes["series"]][0] == "before"
    assert sum(bar["count"] for bar in votes["series"][0]["bars"]) == votes["series"][0]["bars"][0]["base"]


def test_english_report(gathering, library):
    report = build_report(gathering, library, "en")
    html = render(report, "html")
    assert '<html lang="en">' in html and "Report of the plenary" in html
    assert "A flannel is enough" in html
    assert "Table 1" in html and "Tafel" not in html


def test_a_filtered_report(gathering, library):
    report = build_report(gathering, library, "nl", selection=Selection(case="open-deur", round=1))
    assert [s.key for s in report.sections] == ["overall", "case:open-deur"]
    assert [(s.table, s.round) for s in report.stories] == [(3, 1)]
    assert report.selection == {"case": "open-deur", "round": 1}


def test_a_solo_run_in_the_folder_is_named_and_left_out(library, tmp_path):
    solo = start_session(library, StartSession(("Ik",), ("open-deur",), mode="solo"), path=tmp_path / "ik.dilemma.db")
    solo.close()
    report = build_report(gather([tmp_path]), library, "nl")
    assert report.stories == () and dict(report.summary)["Tafels"] == "0"
    assert len(report.notices) == 1 and "ik.dilemma.db" in report.notices[0] and "solo" in report.notices[0]
    assert "Er zijn nog geen waarden of keuzes vastgelegd." in render(report, "html")


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_votes_shown_before_anyone_voted_read_as_not_voted_never_as_passed(library, tmp_path, fmt):
    stored = start_session(library, StartSession(NAMES, ("hygiene-normen",), seed=1), path=tmp_path / "t.dilemma.db")
    for command in [*(DrawRole(p) for p in range(len(NAMES))), AdvancePhase(), AdvancePhase(), AdvancePhase()]:
        stored.execute(command)                  # the last: 'Stemmen nu tonen' before anyone voted
    stored.close()
    text = render(build_report(gather([tmp_path]), library, "nl"), fmt)
    assert "(niet gestemd)" in text and "(gepast)" not in text


def csv_rows(text: str, separator: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=separator))


def test_csv_for_a_dutch_spreadsheet_uses_semicolons_and_a_decimal_comma(report):
    dutch, plain = render(report, "csv", "nl"), render(report, "csv", "en")
    assert dutch.startswith("section;figure;") and plain.startswith("section,figure,")
    rows, plain_rows = csv_rows(dutch, ";"), csv_rows(plain, ",")
    assert len(rows) == len(plain_rows) and [r["text"] for r in rows] == [r["text"] for r in plain_rows]
    shares = [(row["share"], other["share"]) for row, other in zip(rows, plain_rows) if row["share"]]
    assert shares and all(nl == en.replace(".", ",") and "." not in nl for nl, en in shares)
    assert any("," in nl for nl, _en in shares)  # a share such as 0,3333, which Dutch Excel reads as a number


def test_csv_and_json_carry_the_figures_a_note_tells_in_words(report):
    rows = csv_rows(render(report, "csv", "en"), ",")
    document = json.loads(render(report, "json"))
    charts = [block for section in document["sections"] for block in section["blocks"] if block["figure"] == "votes"]
    assert charts and all(set(chart["numbers"]) == {"visits", "revoted", "changed", "voters"} for chart in charts)
    for chart in charts:  # the per-player votes add up to the figures of the chart
        ballots = [b for b in document["ballots"]
                   if (b["case"], b["decision"]) == (chart["scope"]["case"], chart["scope"]["decision"])]
        assert chart["numbers"]["changed"] == sum(b["changed"] for b in ballots)
        assert chart["numbers"]["voters"] == len(ballots) == chart["series"][0]["bars"][0]["base"]
        assert all(isinstance(value, int) for value in chart["numbers"].values())
        numbers = {row["key"]: int(row["count"]) for row in rows if row["series"] == "numbers"
                   and (row["case"], row["decision"]) == (chart["scope"]["case"], chart["scope"]["decision"])}
        assert numbers == chart["numbers"]
    assert any(chart["numbers"]["revoted"] for chart in charts) and any(b["changed"] for b in document["ballots"])
    assert document["totals"] == {"tables": 3, "playing": 0, "rounds": 6, "players": 12, "cases": 2}
    assert {row["key"]: int(row["count"]) for row in rows if row["figure"] == "totals"} == document["totals"]
    assert not any(name in json.dumps(document["ballots"]) for name in NAMES)  # anonymous: roles only


def test_the_header_names_the_training_day_the_tables_the_cases_and_the_trainer(gathering, library):
    named = build_report(gathering, library, "nl", trainer="  Marieke de Vries ")
    summary = dict(named.summary)
    assert re.fullmatch(r"\d{1,2} [a-z]+ 20\d\d", summary["Datum van de training"])  # 3 december 2026
    assert named.training_dates and summary["Tafels die meededen"] == "Tafel 1, Tafel 2, Tafel 3"
    assert summary["Casussen"] == "Een washand is genoeg, De deur staat open"
    html, markdown = render(named, "html"), render(named, "md")
    assert "<dt>Begeleider</dt><dd dir=\"auto\">Marieke de Vries</dd>" in html
    assert "- **Begeleider:** Marieke de Vries" in markdown
    anonymous = build_report(gathering, library, "nl")
    assert '<dt>Begeleider</dt><dd class="blank"' in render(anonymous, "html")  # a line to write the name on
    assert "Begeleider" not in render(anonymous, "md")
    assert "December" in dict(build_report(gathering, library, "en").summary)["Date of the training"]


@pytest.fixture(scope="module")
def workbook(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "verslag.xlsx"
    path.write_bytes(render(report, "xlsx"))
    return path


def sheet_rows(book, name: str) -> list[tuple]:
    return list(book[name].iter_rows(values_only=True))


def test_the_workbook_has_a_sheet_per_view_with_numbers_as_numbers(report, workbook):
    book = load_workbook(workbook)
    assert book.sheetnames == ["Verslag", "Tafels", "Stemmen per speler", "Waarden", "Gesprekspunten"]
    overview = dict(row[:2] for row in sheet_rows(book, "Verslag") if row and row[0])
    assert overview["Tafels"] == 3 and overview["Spelers"] == 12
    assert isinstance(overview["Datum van de training"], datetime)
    tables = sheet_rows(book, "Tafels")
    assert tables[0][:3] == ("Tafel", "Tafelnummer", "Ronde") and len(tables) == 1 + len(report.stories)
    assert [row[1:3] for row in tables[1:]] == [(s.table, s.round) for s in report.stories]
    paths = [row[5] for row in book["Tafels"].iter_rows(min_row=2) if len(row[5].value or "") > 60]
    assert paths and all(cell.alignment.wrap_text and book["Tafels"].row_dimensions[cell.row].height >= 26
                         for cell in paths)  # a long path wraps in a row high enough for it
    votes = sheet_rows(book, "Stemmen per speler")
    assert len(votes) == 1 + len(report.ballots) and all(isinstance(row[4], int) for row in votes[1:])
    assert {row[9] for row in votes[1:]} <= {"ja", "nee"} and "ja" in {row[9] for row in votes[1:]}
    values = book["Waarden"]
    shares = [row[7] for row in values.iter_rows(min_row=2)]
    assert shares and all(isinstance(c.value, (int, float)) and 0 <= c.value <= 1 and c.number_format == "0%"
                          for c in shares)
    assert all(isinstance(row[5], int) and isinstance(row[6], int) for row in sheet_rows(book, "Waarden")[1:])


def test_every_note_is_text_in_the_workbook_never_a_formula(workbook):
    points = load_workbook(workbook)["Gesprekspunten"]
    cells = [row[4] for row in points.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert set(HOSTILE_NOTES) <= {cell.value for cell in cells}


def test_the_workbook_in_english(gathering, library, tmp_path):
    (tmp_path / "report.xlsx").write_bytes(render(build_report(gathering, library, "en"), "xlsx"))
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["Report", "Tables", "Votes per player", "Values", "Discussion points"]
    assert sheet_rows(book, "Votes per player")[0][6:8] == ("First vote", "After exploring")


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="needs LibreOffice (Debian: apt-get install libreoffice-calc-nogui)")
def test_libreoffice_reads_the_workbook_as_written(workbook, tmp_path):
    """LibreOffice, an independent reader, opens every sheet and finds the same texts and numbers."""
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1043,false,false,true,false,false,-1",
                    "--outdir", str(tmp_path), str(workbook)], check=True, capture_output=True, timeout=300)
    book = load_workbook(workbook)
    for name in book.sheetnames:
        with open(tmp_path / f"verslag-{name}.csv", encoding="utf-8", newline="") as handle:
            read = [row for row in csv.reader(handle, delimiter=";")]
        written = list(book[name].iter_rows())
        assert len(read) == len(written), name
        for got, expected in zip(read, written):
            for shown, cell in zip(got, expected):
                if cell.number_format == "0%":
                    assert shown.endswith("%") and abs(int(shown[:-1]) - cell.value * 100) <= 0.5, name
                elif isinstance(cell.value, datetime):
                    assert shown == cell.value.strftime("%d-%m-%Y"), name
                else:
                    assert shown == ("" if cell.value is None else str(cell.value)), name
