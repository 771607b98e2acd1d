"""Build the game's typeface, assets/fonts/DilemmaspelSans-*.ttf, from the web fonts of five npm packages.

The text is set in Atkinson Hyperlegible, made by the Braille Institute for readers with low vision.
It covers Latin only, and SDL_ttf (which draws pygame's text) never falls back to another font: a
character the font lacks shows as an empty box. So the fallbacks are merged into the font itself,
in order, each filling only what the fonts before it lack:

1. Atkinson Hyperlegible (latin and latin-ext subsets): the letters the table reads;
2. Noto Sans (Greek, Cyrillic, Vietnamese, punctuation): names in other scripts;
3. Noto Sans Symbols 2: check marks, stars, shapes, dingbats;
4. Noto Sans Math: arrows and mathematical signs (→, ≥, ∞);
5. Noto Emoji (monochrome): emoji typed into a discussion point.

Maintainers run this when a font changes, never the game (it needs fontTools and brotli, and npm
to fetch the packages; all fonts are under the SIL Open Font Licence 1.1, see assets/LICENSES.md):

    python -m tools.make_fonts                 # fetches the packages with `npm pack`
    python -m tools.make_fonts --packages DIR  # uses the .tgz files already in DIR
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

from game.ui.assets import FONT_FAMILY, FONT_FILES, assets_folder

PACKAGES = {"atkinson": "@fontsource/atkinson-hyperlegible", "noto": "@fontsource/noto-sans",
            "symbols": "@fontsource/noto-sans-symbols-2", "math": "@fontsource/noto-sans-math",
            "emoji": "@fontsource/noto-emoji"}
NOTO_SUBSETS = ("latin", "latin-ext", "greek", "greek-ext", "cyrillic", "cyrillic-ext", "vietnamese")
SYMBOL_SUBSETS = ("symbols", "math", "latin", "latin-ext")
STYLES = {"regular": ("400", "normal"), "bold": ("700", "normal"), "italic": ("400", "italic"),
          "bold_italic": ("700", "italic")}
UNITS_PER_EM = 1000
DROPPED = ("STAT", "vhea", "vmtx")  # vertical metrics and style tables only some of the parts have


def fetch(packages: dict[str, str], folder: Path) -> dict[str, Path]:
    """Each package's tarball in ``folder``, fetched with ``npm pack`` when it is not there yet."""
    found = {}
    for key, name in packages.items():
        stem = name.lstrip("@").replace("/", "-")
        tarballs = sorted(folder.glob(f"{stem}-[0-9]*.tgz"))
        if not tarballs:
            subprocess.run(["npm", "pack", name, "--pack-destination", str(folder)], check=True,
                           stdout=subprocess.DEVNULL)
            tarballs = sorted(folder.glob(f"{stem}-[0-9]*.tgz"))
        found[key] = tarballs[-1]
    return found


def unpack(tarball: Path, into: Path) -> Path:
    """The package's files/ folder (web fonts only are taken out)."""
    target = into / tarball.stem
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".woff2")]
        archive.extractall(target, members=members, filter="data")
    return target / "package" / "files"


def parts_for(style: str, files: dict[str, Path]) -> list[Path]:
    """The web fonts of one style, in the order they take precedence."""
    weight, slant = STYLES[style]
    emoji = sorted(files["emoji"].glob(f"noto-emoji-*-{weight}-normal.woff2"),
                   key=lambda p: int(re.search(r"emoji-(\d+)-", p.name).group(1)))
    return ([files["atkinson"] / f"atkinson-hyperlegible-{s}-{weight}-{slant}.woff2" for s in ("latin", "latin-ext")]
            + [files["noto"] / f"noto-sans-{s}-{weight}-{slant}.woff2" for s in NOTO_SUBSETS]
            + [files["symbols"] / f"noto-sans-symbols-2-{s}-400-normal.woff2" for s in SYMBOL_SUBSETS]
            + [files["math"] / "noto-sans-math-latin-400-normal.woff2"]
            + emoji)


def as_truetype(web_font: Path, into: Path) -> Path:
    """A web font as a plain TrueType file on the common em (the merge needs one size of em for all)."""
    font = TTFont(web_font)
    font.flavor = None
    if font["head"].unitsPerEm != UNITS_PER_EM:
        scale_upem(font, UNITS_PER_EM)
    for table in DROPPED:
        if table in font:
            del font[table]
    path = into / (web_font.stem + ".ttf")
    font.save(path)
    return path


def rename(font: TTFont, style: str) -> None:
    """Our own family name: the merged font is a modified version, so it does not carry the original's."""
    subfamily = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "Bold Italic"}[style]
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, FONT_FAMILY), (2, subfamily), (3, f"{FONT_FAMILY} {subfamily}"),
                          (4, f"{FONT_FAMILY} {subfamily}"), (6, f"{FONT_FAMILY}-{subfamily}".replace(" ", ""))):
        names.setName(text, name_id, 3, 1, 0x409)


def keep_line_metrics(merged: TTFont, first: TTFont) -> None:
    """The line height of the first font (Atkinson Hyperlegible): the merge takes the tallest of all parts,
    and a tall mathematical sign would push every line of text apart."""
    for table, fields in (("hhea", ("ascent", "descent", "lineGap")),
                          ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent",
                                    "usWinDescent"))):
        for name in fields:
            setattr(merged[table], name, getattr(first[table], name))


def only_new_characters(paths: list[Path]) -> list[Path]:
    """Each part cut down to the characters no part before it has (parts with none left are dropped).

    The merge itself cannot be told which part wins: it keeps the first part's mapping in one cmap
    table and a later part's in another, and text shaping (which pygame_gui switches on) may read
    either. With no character in two parts there is nothing to choose."""
    covered: set[int] = set()
    kept = []
    for path in paths:
        font = TTFont(path)
        new = set(font.getBestCmap()) - covered
        if not new:
            continue
        if covered:
            options = subset.Options(layout_features=["*"], name_IDs=["*"], name_languages=["*"],
                                     notdef_outline=True, hinting=True)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=new)
            subsetter.subset(font)
            font.save(path)
        covered |= new
        kept.append(path)
    return kept


def build(style: str, files: dict[str, Path], work: Path, out: Path) -> None:
    parts = only_new_characters([as_truetype(part, work) for part in parts_for(style, files)])
    merged = Merger(Options(drop_tables=list(DROPPED))).merge(parts)
    keep_line_metrics(merged, TTFont(parts[0]))
    rename(merged, style)
    merged.save(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, help="folder with the npm tarballs (fetched when missing)")
    args = parser.parse_args(argv)
    fonts = assets_folder() / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        tarballs = fetch(PACKAGES, args.packages or work)
        files = {key: unpack(tarball, work) for key, tarball in tarballs.items()}
        for style, name in FONT_FILES.items():
            build(style, files, work, fonts / name)
            print(fonts / name, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
