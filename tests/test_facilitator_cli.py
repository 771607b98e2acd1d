"""The facilitator's commands as a facilitator types them: merge, report, cards and sessions."""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from game.app import case_book, open_library, put_aside, resume_session, start_session, unfinished_sessions
from game.commands.cli import main
from game.engine import StartSession
from game.phones.tokens import TablePass, pass_file
from game.store.log import SessionFileError, StoredSession, aside_marker, companion_files
from game.store.merge import read_sessions
from game.scenario.loader import BUNDLED_LIBRARY
from tests.conftest import DATA
from tests.tables import TABLE_ONE, play_like_a_table, scripted


@pytest.fixture(scope="module")
def library():
    return open_library()


@pytest.fixture(scope="module")
def played(tmp_path_factory, library):
    """Three finished tables, as a facilitator collects them after the training."""
    usb = tmp_path_factory.mktemp("gespeeld")
    for number in range(3):
        stored = start_session(library, StartSession(("Anna", "Bert", "Cor"), ("hygiene-normen", "open-deur"),
                                                     seed=number, plan="lang"), path=usb / f"tafel{number + 1}.dilemma.db")
        play_like_a_table(stored, random.Random(number))
        stored.close()
    return usb


@pytest.fixture
def folder(played, tmp_path):
    """A fresh copy of the played tables for each test."""
    return Path(shutil.copytree(played, tmp_path / "usb"))


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_merge_writes_a_file_and_refuses_to_overwrite(capsys, folder, tmp_path):
    target = tmp_path / "alles.dilemma.db"
    code, out, _ = run(capsys, "merge", folder, folder / "tafel1.dilemma.db", "--into", target)
    assert code == 0
    assert out.startswith("3 sessies (") and "samengevoegd" in out
    assert len(read_sessions(target)) == 3
    code, _, err = run(capsys, "merge", folder, "--into", target)
    assert code == 2 and "--force" in err
    code, _, _ = run(capsys, "merge", folder, "--into", target, "--force")
    assert code == 0


def test_merge_names_a_broken_file_and_still_merges(capsys, folder, tmp_path):
    (folder / "kapot.dilemma.db").write_bytes(b"\x00" * 4096)
    code, out, err = run(capsys, "merge", folder, "--into", tmp_path / "alles.dilemma.db", "--lang", "en")
    assert code == 0  # a good merged file: the skipped file is named, not an error
    assert "kapot.dilemma.db" in err and err.startswith("Note: ")
    assert out.startswith("3 sessions (")


def test_merge_into_a_name_the_plenary_would_skip_is_refused(capsys, folder, tmp_path):
    code, out, err = run(capsys, "merge", folder, "--into", tmp_path / "alles.db")
    assert code == 2 and out == "" and not (tmp_path / "alles.db").exists()
    assert ".dilemma.db" in err and "alles.dilemma.db" in err


def test_an_existing_merge_target_is_refused_before_any_file_is_read(capsys, folder, tmp_path):
    (folder / "kapot.dilemma.db").write_bytes(b"\x00" * 4096)
    target = tmp_path / "alles.dilemma.db"
    target.write_bytes(b"eerder werk")
    code, out, err = run(capsys, "merge", folder, "--into", target)
    assert code == 2 and "--force" in err and "kapot" not in err  # refused before the sources were read
    assert target.read_bytes() == b"eerder werk"


def test_a_report_with_a_skipped_file_is_still_a_good_report(capsys, folder, tmp_path):
    (folder / "kapot.dilemma.db").write_bytes(b"\x00" * 4096)
    out_file = tmp_path / "verslag.md"
    code, _, err = run(capsys, "report", folder, "--out", out_file)
    assert code == 0 and "kapot.dilemma.db" in err and "kapot.dilemma.db" in out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("option, value, known", [("--table", "9", "Tafels: 1, 2, 3"),
                                                  ("--case", "verhuisdag", "hygiene-normen, open-deur"),
                                                  ("--round", "5", "Gespeelde rondes: 1, 2")])
def test_a_filter_that_matches_nothing_says_what_there_is(capsys, folder, tmp_path, option, value, known):
    out_file = tmp_path / "verslag.md"
    code, out, err = run(capsys, "report", folder, option, value, "--out", out_file)
    assert code == 2 and out == "" and known in err and not out_file.exists()


def test_a_table_is_chosen_by_the_name_it_got_at_set_up(capsys, library, tmp_path):
    """A trainer knows the tables as 'Linde' and 'Eik', not by the order in which they started."""
    usb = tmp_path / "usb"
    for number, name in enumerate(("Linde", "Eik")):
        stored = start_session(library, StartSession(("Anna", "Bert", "Cor"), ("open-deur",), seed=number, plan="lang",
                                                     table_name=name), path=usb / f"t{number}.dilemma.db")
        play_like_a_table(stored, random.Random(number))
        stored.close()
    code, out, _ = run(capsys, "report", usb, "--format", "json", "--table", "eik")
    assert code == 0 and {story["table_label"] for story in json.loads(out)["stories"]} == {"Eik"}
    code, out, err = run(capsys, "report", usb, "--format", "json", "--table", "Berk")
    assert code == 2 and out == "" and "1 (Linde), 2 (Eik)" in err


def test_wrong_use_of_merge(capsys, folder, tmp_path):
    assert run(capsys, "merge", tmp_path / "bestaat-niet", "--into", tmp_path / "x.dilemma.db")[0] == 2
    assert run(capsys, "merge", folder, "--into", folder / "tafel1.dilemma.db", "--force")[0] == 2
    (tmp_path / "leeg").mkdir()
    code, _, err = run(capsys, "merge", tmp_path / "leeg", "--into", tmp_path / "x.dilemma.db")
    assert code == 1 and "geen sessies" in err.lower()
    with pytest.raises(SystemExit) as caught:
        main(["merge", str(folder)])
    assert caught.value.code == 2  # --into is required


@pytest.mark.parametrize("name, fmt", [("verslag.html", "html"), ("verslag.md", "md"), ("verslag.csv", "csv"),
                                       ("verslag.json", "json"), ("verslag.xlsx", "xlsx")])
def test_report_takes_its_format_from_the_file_name(capsys, folder, tmp_path, name, fmt):
    out_file = tmp_path / "uit" / name
    code, out, err = run(capsys, "report", folder, "--out", out_file)
    assert code == 0 and out == "" and str(out_file) in err
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (fmt == "csv")  # a BOM so that spreadsheets read UTF-8
    if fmt == "xlsx":
        assert load_workbook(out_file).sheetnames[0] == "Verslag"
        return
    text = data.decode("utf-8-sig")
    assert {"html": lambda: text.startswith("<!DOCTYPE html>"), "md": lambda: text.startswith("# Verslag"),
            "csv": lambda: next(csv.reader(io.StringIO(text), delimiter=";"))[0] == "section",
            "json": lambda: json.loads(text)["format"] == "dilemmaspel-report"}[fmt]()
    assert "Anna" not in text


@pytest.mark.parametrize("options, separator", [((), ";"), (("--lang", "en"), ","), (("--dialect", "en"), ","),
                                                (("--lang", "en", "--dialect", "nl"), ";")])
def test_the_csv_dialect_follows_the_language_unless_chosen(folder, tmp_path, options, separator):
    out_file = tmp_path / "verslag.csv"
    done = subprocess.run([sys.executable, "-m", "game", "report", str(folder), "--out", str(out_file), *options],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    header, *rows = list(csv.reader(io.StringIO(out_file.read_text(encoding="utf-8-sig")), delimiter=separator))
    assert header[:2] == ["section", "figure"]
    shares = [row[header.index("share")] for row in rows if row[header.index("share")]]
    assert shares and all(("," if separator == ";" else ".") in share or share in ("0", "1") for share in shares)


def test_a_workbook_needs_a_file_and_the_report_names_its_trainer(capsys, folder, tmp_path):
    code, out, err = run(capsys, "report", folder, "--format", "xlsx")
    assert code == 2 and out == "" and "--out" in err
    code, _, _ = run(capsys, "report", folder, "--trainer", "Marieke de Vries", "--out", tmp_path / "v.xlsx")
    overview = dict(row[:2] for row in load_workbook(tmp_path / "v.xlsx")["Verslag"].iter_rows(values_only=True))
    assert code == 0 and overview["Begeleider"] == "Marieke de Vries"


def test_report_to_the_screen_with_names_and_filters(capsys, folder):
    code, out, _ = run(capsys, "report", folder, "--format", "json", "--names", "--case", "open-deur", "--table", "2")
    assert code == 0
    document = json.loads(out)
    assert [(s["table"], s["round"]) for s in document["stories"]] == [(2, 2)]
    assert "Anna (" in out and document["anonymised"] is False


def test_report_in_english_from_the_data_folder(capsys, folder, monkeypatch):
    monkeypatch.setenv("DILEMMASPEL_DATA", str(folder))
    code, out, _ = run(capsys, "report", "--format", "md", "--lang", "en")
    assert code == 0 and out.startswith("# Report of the plenary")


def test_report_never_writes_over_a_session_file(capsys, folder):
    before = (folder / "tafel1.dilemma.db").read_bytes()
    code, _, err = run(capsys, "report", folder, "--out", folder / "tafel1.dilemma.db")
    assert code == 2 and "sessiebestand" in err
    assert (folder / "tafel1.dilemma.db").read_bytes() == before


def test_report_of_a_folder_without_sessions(capsys, tmp_path):
    code, out, err = run(capsys, "report", tmp_path)
    assert code == 1 and out == "" and "*.dilemma.db" in err


def test_cards_as_html(capsys, tmp_path, library):
    code, _, _ = run(capsys, "cards", "--out", tmp_path / "kaarten.html")
    assert code == 0
    html = (tmp_path / "kaarten.html").read_text(encoding="utf-8").replace("\u00ad", "")  # without soft hyphens
    for card in (*library.decks.roles.values(), *library.decks.values.values()):
        assert f">{card.name}</h2>" in html.replace("&#x27;", "'")
    for scenario in library.scenarios("nl"):
        assert scenario.title.replace("'", "&#x27;").replace('"', "&quot;") in html


def test_cards_for_chosen_cases_in_english(capsys, tmp_path):
    code, _, _ = run(capsys, "cards", "--out", tmp_path / "cards.html", "--case", "open-deur", "--lang", "en")
    assert code == 0
    html = (tmp_path / "cards.html").read_text(encoding="utf-8").replace("\u00ad", "")
    assert "The door is open" in html and "Key worker" in html
    assert "A flannel is enough" not in html
    code, _, err = run(capsys, "cards", "--out", tmp_path / "x.html", "--case", "bestaat-niet")
    assert code == 2 and "open-deur" in err


def test_cards_as_pdf_says_what_to_do_without_a_browser(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = run(capsys, "cards", "--out", tmp_path / "kaarten.pdf")
    assert code == 1 and "Chromium" in err and "--out kaarten.html" in err
    assert not (tmp_path / "kaarten.pdf").exists()


def test_sessions_list(capsys, folder):
    (folder / "kapot.dilemma.db").write_bytes(b"kapot" * 100)
    code, out, _ = run(capsys, "sessions", "list", "--folder", folder)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"Sessies in {folder}:"
    assert sum("tafel" in line and "klaar" in line for line in lines) == 3
    assert "kapot.dilemma.db" in out and lines[-1] == "3 sessies."


def test_sessions_list_on_the_usb_layout_counts_each_session_once(capsys, folder, library, tmp_path):
    """Subfolders per laptop, a copied file, a merged file beside the originals, and a table still playing."""
    for number in (1, 2):
        (folder / "laptop-a").mkdir(exist_ok=True)
        shutil.move(folder / f"tafel{number}.dilemma.db", folder / "laptop-a" / f"tafel{number}.dilemma.db")
    shutil.copy(folder / "laptop-a" / "tafel1.dilemma.db", folder / "kopie-tafel1.dilemma.db")
    busy = start_session(library, StartSession(("Dirk", "Eva"), ("open-deur",), plan="lang"),
                         path=folder / "laptop-b" / "tafel4.dilemma.db")
    busy.close()
    assert run(capsys, "merge", folder, "--into", folder / "alles.dilemma.db")[0] == 0
    only_merged = tmp_path / "archief"
    only_merged.mkdir()
    shutil.copy(folder / "alles.dilemma.db", only_merged / "alles.dilemma.db")

    code, out, _ = run(capsys, "sessions", "list", "--folder", folder)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "4 sessies."
    busy_line = next(line for line in lines if "tafel4" in line)
    assert "laptop-b/tafel4.dilemma.db" in busy_line and "nog bezig" in busy_line and "klaar" not in busy_line
    assert sum("klaar" in line for line in lines) == 3 and "samengevoegd" not in out
    assert "tafel1.dilemma.db" in out and "(kopieën, één keer geteld)" in out

    code, out, _ = run(capsys, "sessions", "list", "--folder", only_merged)
    lines = out.splitlines()
    assert lines[-1] == "4 sessies." and sum("samengevoegd" in line for line in lines) == 4
    assert unfinished_sessions(only_merged) == [] and [s.path for s in unfinished_sessions(folder)] == [busy.path]


def test_resume_refuses_a_merged_file(capsys, folder, library, tmp_path):
    busy = start_session(library, StartSession(("Dirk", "Eva"), ("open-deur",), plan="lang"),
                         path=folder / "tafel4.dilemma.db")
    busy.close()
    merged = tmp_path / "alles.dilemma.db"
    assert run(capsys, "merge", folder, "--into", merged)[0] == 0
    before = merged.read_bytes()
    with pytest.raises(SessionFileError) as refused:
        resume_session(library, merged)
    assert refused.value.code == "MERGED" and "samengevoegd" in refused.value.message("nl")
    assert merged.read_bytes() == before and resume_session(library, busy.path).state.phase == "draw"


def test_sessions_delete_asks_first(capsys, folder, monkeypatch):
    path = folder / "tafel1.dilemma.db"
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    code, out, _ = run(capsys, "sessions", "delete", path, "--folder", folder)
    assert code == 0 and "Er is niets verwijderd." in out and path.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    code, out, _ = run(capsys, "sessions", "delete", path, "--folder", folder)
    assert code == 0 and "1 sessie verwijderd." in out
    assert not path.exists() and not any(f.exists() for f in companion_files(path))


def test_deleting_a_session_put_away_deletes_its_marker_too(capsys, folder):
    path = folder / "tafel1.dilemma.db"
    put_aside(path)
    assert run(capsys, "sessions", "delete", path, "--folder", folder, "--yes")[0] == 0
    assert not path.exists() and not aside_marker(path).exists()


def test_deleting_a_session_played_with_phones_deletes_the_phones_pass_too(capsys, folder):
    path = folder / "tafel1.dilemma.db"
    TablePass.for_session(path).join(0)
    assert pass_file(path).exists()
    assert run(capsys, "sessions", "delete", path, "--folder", folder, "--yes")[0] == 0
    assert not path.exists() and not pass_file(path).exists()


def test_sessions_older_than_a_number_of_days(capsys, folder, library):
    long_ago = time.time() - 40 * 86400
    old = StoredSession.start(case_book(library), StartSession(("A", "B"), ("open-deur",), plan="lang"),
                              path=folder / "oud.dilemma.db", clock=lambda: long_ago)
    old.close()
    code, out, _ = run(capsys, "sessions", "delete", "--older-than", "30", "--folder", folder, "--yes")
    assert code == 0 and "1 sessie verwijderd." in out and "oud.dilemma.db" in out
    assert sorted(f.name for f in folder.iterdir()) == ["tafel1.dilemma.db", "tafel2.dilemma.db", "tafel3.dilemma.db"]


def test_sessions_recent_ones_are_kept(capsys, folder):
    code, out, _ = run(capsys, "sessions", "delete", "--older-than", "1", "--folder", folder, "--yes")
    assert code == 0 and "Geen sessies ouder dan 1 dagen" in out
    assert len(list(folder.glob("*.dilemma.db"))) == 3


def test_sessions_delete_only_session_files(capsys, tmp_path):
    precious = tmp_path / "verslag.docx"
    precious.write_text("belangrijk")
    code, _, err = run(capsys, "sessions", "delete", precious, "--yes", "--folder", tmp_path)
    assert code == 2 and precious.exists() and ".dilemma.db" in err
    assert run(capsys, "sessions", "delete", "--folder", tmp_path)[0] == 2  # what to delete?
    with pytest.raises(SystemExit) as caught:
        main(["sessions", "delete", "--older-than", "-3"])
    assert caught.value.code == 2


def test_a_broken_session_file_can_be_deleted_by_name(capsys, tmp_path, monkeypatch):
    broken = tmp_path / "kapot.dilemma.db"
    broken.write_bytes(b"kapot" * 100)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no answer at all: nothing happens
    code, out, _ = run(capsys, "sessions", "delete", broken, "--folder", tmp_path)
    assert "onleesbaar" in out and broken.exists()
    code, out, _ = run(capsys, "sessions", "delete", broken, "--yes", "--folder", tmp_path)
    assert code == 0 and not broken.exists()


def test_the_commands_have_help_in_both_languages(capsys):
    for command in ("merge", "report", "cards", "sessions"):
        for lang, word in (("nl", "gebruik:"), ("en", "usage:")):
            with pytest.raises(SystemExit):
                main([command, "--help", "--lang", lang])
            out, _ = capsys.readouterr()
            assert out.startswith(f"{word} dilemmaspel {command}"), (command, lang)


def test_a_case_from_the_facilitators_own_library(capsys, tmp_path, proef_book):
    own = tmp_path / "mijn-casussen"
    shutil.copytree(BUNDLED_LIBRARY / "decks", own / "decks")
    shutil.copy(DATA / "proef.yaml", own / "proef.yaml")
    scripted(proef_book, tmp_path / "tafels" / "een.dilemma.db", ("A", "B", "C"), TABLE_ONE).close()
    code, out, err = run(capsys, "report", tmp_path / "tafels", "--format", "md")
    assert code == 0 and "'proef'" in err and "--library" in err
    assert "| praten |" in out  # the option's id stands in for its text
    code, out, err = run(capsys, "report", tmp_path / "tafels", "--format", "md", "--library", own)
    assert code == 0 and err == ""
    assert "| A. Eerst praten | 2 (67%) | 3 (100%) |" in out


def old_session(library, path, days=40):
    long_ago = time.time() - days * 86400
    return StoredSession.start(case_book(library), StartSession(("Anna", "Bert"), ("open-deur",)), path=path,
                               clock=lambda: long_ago)


def test_sessions_delete_removes_no_link_and_nothing_outside_the_folder(capsys, folder, library, tmp_path):
    elsewhere = tmp_path / "elders"
    precious = old_session(library, elsewhere / "bewaren.dilemma.db")
    precious.close()
    (elsewhere / "notities.txt").write_text("belangrijk")
    (folder / "via.dilemma.db").symlink_to(precious.path)
    (folder / "tekst.dilemma.db").symlink_to(elsewhere / "notities.txt")
    for named, says in ((folder / "via.dilemma.db", "snelkoppeling"), ("tekst.dilemma.db", "snelkoppeling"),
                        (precious.path, "staat niet in de map"), (folder / ".." / "elders" / "bewaren.dilemma.db",
                                                                  "staat niet in de map")):
        code, _, err = run(capsys, "sessions", "delete", named, "--folder", folder, "--yes")
        assert code == 2 and says in err and "niets verwijderd" in err
    code, out, _ = run(capsys, "sessions", "delete", "--older-than", "30", "--folder", folder, "--yes")
    assert code == 0 and "Geen sessies ouder dan 30 dagen" in out
    assert precious.path.exists() and (elsewhere / "notities.txt").read_text() == "belangrijk"
    assert (folder / "via.dilemma.db").is_symlink() and (folder / "tekst.dilemma.db").is_symlink()


def test_sessions_delete_finds_a_bare_name_in_the_folder(capsys, folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "sessions", "delete", "tafel2.dilemma.db", "--folder", folder, "--yes")
    assert code == 0 and "1 sessie verwijderd." in out and not (folder / "tafel2.dilemma.db").exists()


OPEN_AT_A_TABLE = """
import sys, time
from pathlib import Path
from game.app import case_book, open_library
from game.engine import StartSession
from game.store.log import StoredSession
started = time.mktime((2026, 3, 12, 9, 30, 0, 0, 0, -1)) - 40 * 86400
stored = StoredSession.start(case_book(open_library()), StartSession(("Anna", "Bert"), ("open-deur",)),
                             path=Path(sys.argv[1]), clock=lambda: started)
print("open", flush=True)
sys.stdin.readline()
stored.close()
"""


def test_a_session_open_at_a_table_is_not_deleted_and_the_table_is_named(folder):
    path = folder / "bezig.dilemma.db"
    table = subprocess.Popen([sys.executable, "-c", OPEN_AT_A_TABLE, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    delete = lambda *how: [sys.executable, "-m", "game", "sessions", "delete", *how, "--folder", str(folder), "--yes"]
    try:
        assert table.stdout.readline().strip() == "open"
        for how in (["bezig.dilemma.db"], ["--older-than", "30"]):
            done = subprocess.run(delete(*how), capture_output=True, text=True, timeout=120)
            assert done.returncode == 1 and "Traceback" not in done.stderr
            assert "bezig.dilemma.db is nu open in het spel" in done.stderr
            assert "open-deur" in done.stderr and "Anna, Bert" in done.stderr and "begonnen: 2026-0" in done.stderr
            assert path.exists()
        table.stdin.write("klaar\n")
        table.stdin.flush()
        assert table.wait(timeout=60) == 0
    finally:
        table.kill()
    done = subprocess.run(delete("bezig.dilemma.db"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not path.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["tafel1.dilemma.db", "tafel2.dilemma.db", "tafel3.dilemma.db"]


def test_a_link_in_place_of_a_lock_file_is_never_followed(capsys, folder, tmp_path):
    outside = tmp_path / "buiten.txt"
    (folder / ".tafel1.dilemma.db.lock").symlink_to(outside)
    code, out, _ = run(capsys, "sessions", "delete", "tafel1.dilemma.db", "--folder", folder, "--yes")
    assert code == 0 and "1 sessie verwijderd." in out
    assert not outside.exists() and not (folder / ".tafel1.dilemma.db.lock").is_symlink()
