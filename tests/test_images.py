"""An image a case refers to is opened and checked: a real PNG, JPEG or SVG, whole, of a sensible size.

The good images are made by pygame, the program that will show them, and must load there too;
the bad ones are what a trainer's folder really holds: a download cut off halfway, a photo renamed
to .png, a web page saved as .jpg, a drawing far too big, an SVG with entities.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
import pytest

from game.commands.cli import main
from game.scenario.images import MAX_BYTES, image_fault
from game.scenario.loader import BUNDLED_LIBRARY, load_library
from tests.images import png_chunk, tiny_png

PROEF = Path(__file__).parent / "data" / "proef.yaml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"><rect width="4" height="3"/></svg>'
ILLUSTRATOR_SVG = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                   '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                   '<svg version="1.1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600"><circle r="5"/></svg>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
          '<svg xmlns="http://www.w3.org/2000/svg"><text>&d;&d;&d;&d;&d;&d;&d;&d;</text></svg>')
OUTSIDE = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'
           '<svg xmlns="http://www.w3.org/2000/svg"><text>&geheim;</text></svg>')


def drawn(path: Path, width: int = 40, height: int = 30) -> Path:
    """A real image, saved by pygame in the format its name asks for."""
    surface = pygame.Surface((width, height))
    surface.fill((0, 114, 178))
    pygame.image.save(surface, str(path))
    return path


def written(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def fault(path: Path) -> tuple[str, str] | None:
    found = image_fault(path)
    return (found.code, found.variant) if found else None


@pytest.mark.parametrize("name", ["foto.png", "foto.jpg", "foto.JPEG"])
def test_real_pictures_pass_and_pygame_can_show_them(tmp_path, name):
    path = drawn(tmp_path / name)
    assert fault(path) is None
    assert pygame.image.load(str(path)).get_size() == (40, 30)


@pytest.mark.parametrize("text", [SVG.format(w=400, h="10cm"), ILLUSTRATOR_SVG,
                                  '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 4 3"><g/></svg>'])
def test_real_drawings_pass(tmp_path, text):
    path = written(tmp_path / "tekening.svg", text)
    assert fault(path) is None
    pygame.image.load(str(path))


def cut(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def damaged_header(data: bytes) -> bytes:
    return data[:20] + bytes([data[20] ^ 0xFF]) + data[21:]


@pytest.mark.parametrize("name, make, expected", [
    ("half.png", lambda p: written(p, cut(drawn(p, 64, 64).read_bytes())), ("IMAGE_BROKEN", "cut_off")),
    ("half.jpg", lambda p: written(p, cut(drawn(p, 64, 64).read_bytes())), ("IMAGE_BROKEN", "cut_off")),
    ("kapot.png", lambda p: written(p, damaged_header(drawn(p).read_bytes())), ("IMAGE_BROKEN", "")),
    ("tekst.png", lambda p: written(p, "Dit is geen afbeelding.\n"), ("IMAGE_BROKEN", "")),
    ("pagina.jpg", lambda p: written(p, "<!DOCTYPE html><html><body>404</body></html>"), ("IMAGE_BROKEN", "")),
    ("leeg.jpg", lambda p: written(p, b""), ("IMAGE_BROKEN", "")),
    ("foto.png", lambda p: written(p, drawn(p.with_suffix(".jpg")).read_bytes()), ("IMAGE_BROKEN", "other_kind")),
    ("bewegend.jpg", lambda p: written(p, b"GIF89a" + b"\x00" * 40), ("IMAGE_BROKEN", "other_kind")),
    ("foto.svg", lambda p: written(p, tiny_png()), ("IMAGE_BROKEN", "other_kind")),
    ("open.svg", lambda p: written(p, '<svg xmlns="http://www.w3.org/2000/svg"><rect>'), ("IMAGE_BROKEN", "")),
    ("pagina.svg", lambda p: written(p, "<html><body/></html>"), ("IMAGE_BROKEN", "svg_root")),
    ("lachen.svg", lambda p: written(p, LAUGHS), ("IMAGE_BROKEN", "svg_unsafe")),
    ("buiten.svg", lambda p: written(p, OUTSIDE), ("IMAGE_BROKEN", "svg_unsafe")),
    ("breed.png", lambda p: written(p, tiny_png(9000, 10)), ("IMAGE_TOO_LARGE", "pixels")),
    ("hoog.jpg", lambda p: drawn(p, 8, 8001), ("IMAGE_TOO_LARGE", "pixels")),
    ("groot.svg", lambda p: written(p, SVG.format(w="100in", h=10)), ("IMAGE_TOO_LARGE", "pixels")),
    ("vak.svg", lambda p: written(p, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9000 10"/>'),
     ("IMAGE_TOO_LARGE", "pixels")),
    ("zonder-maat.svg", lambda p: written(p, SVG.format(w="100%", h="4em")), ("IMAGE_BROKEN", "svg_size")),
    ("map.png", lambda p: p.mkdir(), ("IMAGE_BROKEN", "unreadable")),
])
def test_what_is_not_a_usable_image_is_named(tmp_path, name, make, expected):
    path = tmp_path / name
    make(path)
    assert fault(path) == expected


def test_a_png_of_exactly_the_largest_size_passes(tmp_path):
    assert fault(written(tmp_path / "grens.png", tiny_png(8000, 8000))) is None


def test_a_file_over_ten_megabytes_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "enorm.png"
    with open(path, "wb") as handle:
        handle.write(tiny_png())
        handle.truncate(MAX_BYTES + 1)
    found = image_fault(path)
    assert (found.code, found.variant) == ("IMAGE_TOO_LARGE", "bytes") and found.params["size"] == "10.0 MB"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_with_an_image_name_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pijp.png")
    assert fault(tmp_path / "pijp.png") == ("IMAGE_BROKEN", "unreadable")


def test_the_checker_png_header_is_real(tmp_path):
    """The hand-made PNG of the tests is one pygame reads, so what passes above is a real image."""
    path = written(tmp_path / "klein.png", tiny_png(3, 2))
    assert pygame.image.load(str(path)).get_size() == (3, 2)
    broken = written(tmp_path / "zonder-einde.png", tiny_png()[: -len(png_chunk(b"IEND", b""))])
    assert fault(broken) == ("IMAGE_BROKEN", "cut_off")


def test_validate_names_the_place_in_dutch(capsys, tmp_path):
    shutil.copytree(BUNDLED_LIBRARY / "decks", tmp_path / "decks")
    (tmp_path / "afbeeldingen").mkdir()
    written(tmp_path / "afbeeldingen" / "washand.png", drawn(tmp_path / "afbeeldingen" / "echt.jpg").read_bytes())
    text = PROEF.read_text(encoding="utf-8").replace("theme: test\n", "theme: test\nimage: afbeeldingen/washand.png\n")
    (tmp_path / "proef.yaml").write_text(text, encoding="utf-8")
    code = main(["validate", str(tmp_path / "proef.yaml")])
    out = capsys.readouterr().out
    line = text.splitlines().index("image: afbeeldingen/washand.png") + 1
    assert code == 1
    assert f"proef.yaml:{line}:8: IMAGE_BROKEN de afbeelding 'afbeeldingen/washand.png' is geen bruikbare " \
           "PNG-afbeelding" in out
    assert "van binnen een JPEG-afbeelding" in out


def test_an_image_that_passes_leaves_the_library_valid(tmp_path):
    shutil.copytree(BUNDLED_LIBRARY / "decks", tmp_path / "decks")
    (tmp_path / "afbeeldingen").mkdir()
    drawn(tmp_path / "afbeeldingen" / "washand.jpg")
    text = PROEF.read_text(encoding="utf-8").replace("theme: test\n", "theme: test\nimage: afbeeldingen/washand.jpg\n")
    (tmp_path / "proef.yaml").write_text(text, encoding="utf-8")
    assert load_library(tmp_path).problems == []
