"""Build the game's typeface, assets/fonts/DilemmaspelSans-*.ttf, from the web fonts of npm packages.

The text is set in Atkinson Hyperlegible, made by the Braille Institute for readers with low vision.
It covers Latin only, and SDL_ttf (which draws pygame's text) never falls back to another font: a
character the font lacks shows as an empty box. So the fallbacks are merged into the font itself,
in order, each filling only what the fonts before it lack:

1. Atkinson Hyperlegible (latin and latin-ext subsets): the letters the table reads;
2. Noto Sans (Greek, Cyrillic, Vietnamese, punctuation): names in other scripts;
3. Noto Sans Arabic, Hebrew, Devanagari, Bengali, Tamil, Thai, Armenian, Georgian and Ethiopic:
   names and points written in the scripts of the people in a Dutch care team (upright only; before
   the symbol fonts, as Noto Sans Math has 62 Arabic letters of its own, in one weight only);
4. Noto Sans Symbols 2: check marks, stars, shapes, dingbats;
5. Noto Sans Math: arrows and mathematical signs (→, ≥, ∞);
6. Noto Emoji (monochrome): emoji typed into a discussion point;
7. Noto Sans SC, JP, TC and KR: Chinese, Japanese and Korean, cut down to fit (a whole CJK font
   is 5-10 MB, the merged font would grow tenfold): the CJK web fonts come in numbered slices, and
   slices 119, 118, ... hold the most frequent characters first (the lower numbers hold the rest in
   code point order). From each the first CJK_SLICES slices are taken: about 3,400 common
   simplified Chinese characters (SC), the Japanese kana and about 700 kanji more (JP), about 2,300
   traditional characters more (TC, as Hong Kong and Taiwanese names are written), some 6,800 han
   in all; and of Hangul the 2,350 syllables of KS X 1001, the set Korean text kept to for decades
   (all 11,172 would cost 2.5 MB). A character outside these still shows as a box: a rare hanzi.

Skin-tone modifiers (U+1F3FB..U+1F3FF) draw nothing: the emoji font is monochrome, so 👍🏽 shows
as 👍 rather than a thumb followed by a hatched swatch. Zero-width joiners and variation selectors
already draw nothing (a ZWJ sequence like 👨‍👩‍👧 shows its people side by side).

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

from fontTools import subset, unicodedata
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph

from game.ui.assets import FONT_FAMILY, FONT_FILES, assets_folder

SCRIPTS = ("arabic", "hebrew", "devanagari", "bengali", "tamil", "thai", "armenian", "georgian", "ethiopic")
# CJK package: how many of its most frequent slices (119, 118, ...) are taken; the order is the precedence,
# so a han character shared by the four is drawn in its simplified Chinese form. Of Korean all slices are
# read, but only for the Hangul syllables of KS X 1001 (ks_x_1001_hangul). About 3.7 MB in all.
CJK_SLICES = {"sc": 20, "jp": 48, "tc": 48, "kr": 120}
PACKAGES = {"atkinson": "@fontsource/atkinson-hyperlegible", "noto": "@fontsource/noto-sans",
            "symbols": "@fontsource/noto-sans-symbols-2", "math": "@fontsource/noto-sans-math",
            "emoji": "@fontsource/noto-emoji"} | {
    script: f"@fontsource/noto-sans-{script}" for script in SCRIPTS} | {
    cjk: f"@fontsource/noto-sans-{cjk}" for cjk in CJK_SLICES}
NOTO_SUBSETS = ("latin", "latin-ext", "greek", "greek-ext", "cyrillic", "cyrillic-ext", "vietnamese")
SYMBOL_SUBSETS = ("symbols", "math", "latin", "latin-ext")
STYLES = {"regular": ("400", "normal"), "bold": ("700", "normal"), "italic": ("400", "italic"),
          "bold_italic": ("700", "italic")}
UNITS_PER_EM = 1000
MAX_GLYPHS = 65535  # TrueType counts glyphs in 16 bits
SKIN_TONES = range(0x1F3FB, 0x1F400)  # drawn as nothing: a monochrome emoji has no skin to colour
# The shaping features the parts after the Latin ones keep: what text set from left to right needs to be right.
# Vertical forms and East Asian spacing are never asked for on the table screen, and kerning is left out too:
# HarfBuzz reads these tables whole for each size of the font opened (Ethiopic's kerning alone was 210 KB).
SHAPING_FEATURES = [feature for feature in subset.Options().layout_features if feature not in (
    "valt", "vert", "vkrn", "vpal", "vrt2", "vhal", "vchw", "halt", "chws", "palt", "kern")]
DROPPED = ("STAT", "vhea", "vmtx")  # vertical metrics and style tables only some of the parts have


def ks_x_1001_hangul() -> frozenset[int]:
    """The 2,350 Hangul syllables of KS X 1001 (rows 16-40 of EUC-KR)."""
    found = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((lead, trail)).decode("euc_kr")))
            except UnicodeDecodeError:
                pass
    return frozenset(found)


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


def numbered(folder: Path, stem: str, weight: str) -> list[Path]:
    """The numbered slices of a web font, highest number first."""
    pattern = re.compile(rf"{re.escape(stem)}-(\d+)-{weight}-normal\.woff2")
    slices = [(int(m.group(1)), p) for p in folder.glob(f"{stem}-*-{weight}-normal.woff2")
              if (m := pattern.fullmatch(p.name))]
    return [p for _, p in sorted(slices, reverse=True)]


def parts_for(style: str, files: dict[str, Path]) -> list[tuple[Path, frozenset[int] | None]]:
    """The web fonts of one style, in the order they take precedence, each with the only characters
    to take from it (None: all)."""
    weight, slant = STYLES[style]
    emoji = sorted(files["emoji"].glob(f"noto-emoji-*-{weight}-normal.woff2"),
                   key=lambda p: int(re.search(r"emoji-(\d+)-", p.name).group(1)))
    paths = ([files["atkinson"] / f"atkinson-hyperlegible-{s}-{weight}-{slant}.woff2" for s in ("latin", "latin-ext")]
             + [files["noto"] / f"noto-sans-{s}-{weight}-{slant}.woff2" for s in NOTO_SUBSETS]
             + [files[s] / f"noto-sans-{s}-{s}-{weight}-normal.woff2" for s in SCRIPTS]
             + [files["symbols"] / f"noto-sans-symbols-2-{s}-400-normal.woff2" for s in SYMBOL_SUBSETS]
             + [files["math"] / "noto-sans-math-latin-400-normal.woff2"]
             + emoji)
    parts: list[tuple[Path, frozenset[int] | None]] = [(path, None) for path in paths]
    for cjk, count in CJK_SLICES.items():
        only = ks_x_1001_hangul() if cjk == "kr" else None
        parts += [(path, only) for path in numbered(files[cjk], f"noto-sans-{cjk}", weight)[:count]]
    return parts


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


def only_new_characters(parts: list[tuple[Path, frozenset[int] | None]], latin_parts: int) -> list[Path]:
    """Each part cut down to the characters no part before it has (parts with none left are dropped),
    and to the characters it is taken for; the parts after the first ``latin_parts`` also lose their
    rules for Latin text (see ``own_script_only``).

    The merge itself cannot be told which part wins: it keeps the first part's mapping in one cmap
    table and a later part's in another, and text shaping (which pygame_gui switches on) may read
    either. With no character in two parts there is nothing to choose."""
    covered: set[int] = set()
    kept = []
    for number, (path, only) in enumerate(parts):
        font = TTFont(path)
        new = set(font.getBestCmap()) - covered
        if only is not None:
            new &= only
        if not new:
            continue
        features = ["*"]
        if number >= latin_parts:
            own_script_only(font, new)
            features = SHAPING_FEATURES
        if covered or only is not None:
            options = subset.Options(layout_features=features, name_IDs=["*"], name_languages=["*"],
                                     notdef_outline=True, hinting=True)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=new)
            subsetter.subset(font)
            font.save(path)
        covered |= new
        kept.append(path)
    return kept


def own_script_only(font: TTFont, characters: set[int]) -> None:
    """The part's shaping rules kept only for the scripts of ``characters``, the ones it is taken for.

    The merge joins the rules every part gives each script, and the Noto fonts of other scripts and
    the CJK slices name Latin, Greek, Cyrillic and the default script too: Dutch text went through
    lookups it never uses, and each size of the font opened paid for all of them before its first
    word (some 0.7 ms a size, a dozen sizes at start-up). The subsetter then drops the features and
    lookups no script names any more."""
    scripts = {tag for c in characters for tag in unicodedata.ot_tags_from_script(unicodedata.script(c))}
    scripts.discard("DFLT")  # symbols and emoji (the common script) are shaped as the text around them
    for tag in ("GSUB", "GPOS"):
        if tag in font and font[tag].table.ScriptList:
            script_list = font[tag].table.ScriptList
            script_list.ScriptRecord = [record for record in script_list.ScriptRecord if record.ScriptTag in scripts]
            script_list.ScriptCount = len(script_list.ScriptRecord)


def draw_nothing(font: TTFont, characters) -> None:
    """The glyphs of ``characters`` made empty and zero-width: they take no room and show nothing."""
    cmap = font.getBestCmap()
    for name in {cmap[c] for c in characters if c in cmap}:
        font["glyf"][name] = Glyph()
        font["hmtx"][name] = (0, 0)


def without_glyph_programs(font: TTFont) -> None:
    """The hinting programs of the glyphs left out; the font's own programs (fpgm, prep) stay.

    Only Atkinson's Latin glyphs carry programs. FreeType runs a glyph's program each time it draws the
    glyph at a new size, which made a letter four times slower to draw (some 3 ms of the first frame), and
    at the sizes the screen sets text (22 px and up) the hinted and unhinted letters look the same. The
    font's programs must stay: a TrueType font with none is taken for an unhinted one, and FreeType's
    autohinter then studies every script of the font at each size (some 5 ms a size)."""
    for name in font.getGlyphOrder():
        glyph = font["glyf"][name]
        if hasattr(glyph, "program") and glyph.program.getBytecode():
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")


def build(style: str, files: dict[str, Path], work: Path, out: Path) -> None:
    parts = only_new_characters([(as_truetype(path, work), only) for path, only in parts_for(style, files)],
                                latin_parts=2 + len(NOTO_SUBSETS))
    merged = Merger(Options(drop_tables=list(DROPPED))).merge(parts)
    glyphs = len(merged.getGlyphOrder())
    if glyphs > MAX_GLYPHS:
        raise SystemExit(f"{out.name}: {glyphs} glyphs, more than TrueType's {MAX_GLYPHS}: take fewer CJK slices")
    keep_line_metrics(merged, TTFont(parts[0]))
    draw_nothing(merged, SKIN_TONES)
    without_glyph_programs(merged)
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
