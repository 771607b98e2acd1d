"""Images a case refers to must stay inside its library: no absolute paths, no '..', no links out."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_library
from tests.images import tiny_png

PROEF = Path(__file__).parent / "data" / "proef.yaml"
PNG = tiny_png()


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "bibliotheek"
    shutil.copytree(BUNDLED_LIBRARY / "decks", root / "decks")
    (root / "afbeeldingen").mkdir()
    (root / "afbeeldingen" / "washand.png").write_bytes(PNG)
    (tmp_path / "geheim.png").write_bytes(PNG)
    return root


def case_with_image(root: Path, ref: str, sub: str = "") -> Path:
    folder = root / sub
    folder.mkdir(parents=True, exist_ok=True)
    text = PROEF.read_text(encoding="utf-8").replace("theme: test\n", f"theme: test\nimage: '{ref}'\n", 1)
    path = folder / "proef.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def image_problems(library_root: Path, path: Path) -> list[str]:
    result = load_library(library_root)
    return [p.hint_variant or "base" for p in result.problems if p.code == "ASSET_PATH"]


@pytest.mark.parametrize("ref,sub", [("afbeeldingen/washand.png", ""), ("../afbeeldingen/washand.png", "en")])
def test_an_image_inside_the_library_is_fine(library, ref, sub):
    path = case_with_image(library, ref, sub)
    assert load_library(library).problems == []


@pytest.mark.parametrize("ref,variant", [
    ("../geheim.png", "outside"),
    ("afbeeldingen/../../geheim.png", "outside"),
    ("/etc/passwd.png", "absolute"),
    ("C:\\\\Users\\\\x.png", "absolute"),
    ("afbeeldingen/washand.gif", "kind"),
    ("afbeeldingen/bestaat-niet.png", "missing"),
])
def test_images_outside_or_wrong_are_refused(library, ref, variant):
    path = case_with_image(library, ref)
    assert image_problems(library, path) == [variant]


def test_a_link_pointing_out_of_the_library_is_refused(library, tmp_path):
    os.symlink(tmp_path / "geheim.png", library / "afbeeldingen" / "link.png")
    path = case_with_image(library, "afbeeldingen/link.png")
    assert image_problems(library, path) == ["outside"]


def test_a_case_on_its_own_keeps_images_in_its_own_folder(tmp_path):
    (tmp_path / "los").mkdir()
    (tmp_path / "foto.png").write_bytes(PNG)
    path = case_with_image(tmp_path / "los", "../foto.png")
    problems = [p for p in load_case(path, load_library().decks).problems]
    assert [(p.code, p.hint_variant) for p in problems] == [("ASSET_PATH", "outside")]
