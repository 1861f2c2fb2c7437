#!/usr/bin/env python3
"""Build static/fonts/NotoSansSC-Regular-subset.ttf for the PDF letters.

Why
    WeasyPrint renders the Chinese letters to PDF.  The full Noto Sans CJK
    font (CFF outlines, ~65,000 glyphs) makes every PDF take about 8 s, so we
    ship a small subset with TrueType (glyf) outlines instead.  The generated
    .ttf is committed; CI and deployments never need to run this script.

Source
    Noto Sans CJK SC Regular, version 2.004, from Debian's ``fonts-noto-cjk``
    package (1:20220127+repack1-1 in Debian 12 "bookworm"):
    /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc.  The collection
    holds several faces; the Simplified Chinese one is picked by its
    PostScript name ``NotoSansCJKsc-Regular`` (name ID 6), not by position.
    Licence: SIL Open Font License 1.1, see static/fonts/OFL.txt.

How to run (from the repository root)
    apt-get update && apt-get install -y fonts-noto-cjk
    .venv/bin/python tools/build_font_subset.py
    # options: --source PATH.ttc|.otf  --output PATH  (see --help)

    Needs only fontTools (``pip install fonttools``).  The output is
    deterministic: the same source and fontTools version give the same bytes
    (head.modified is copied from the source font, not set to "now").

What it keeps (Unicode code points; those the font lacks are skipped and
listed on stderr -- with Noto Sans CJK SC 2.004 that is ☐ U+2610, ☑ U+2611
and 15 unassigned code points of the U+FF00-U+FFEF block)
    * printable ASCII U+0020-U+007E;
    * Latin-1 punctuation and signs U+00A0-U+00BF, plus x-multiply U+00D7 and
      division U+00F7 (so the yen sign U+00A5 and the middle dot U+00B7);
    * the whole GB 2312 character set: every two-byte code 0xA1A1-0xF7FE that
      decodes with Python's 'gb2312' codec (6763 hanzi plus GB 2312's
      punctuation, symbols, full-width forms, kana, Greek, Cyrillic, pinyin,
      box drawing ...);
    * CJK Symbols and Punctuation U+3000-U+303F (incl. 〔〕【】《》「」);
    * Halfwidth and Fullwidth Forms U+FF00-U+FFEF (incl. full-width yen U+FFE5);
    * typographic extras – — ‘ ’ “ ” … · × • €, and ✓ ☐ ☑ where present;
    * the RMB capital-amount characters 零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整
      (all in GB 2312 already; listed explicitly so they can never go missing).
    OpenType layout: only the features in LAYOUT_FEATURES below (kerning,
    ligatures, mark positioning); no 'locl'/'vert'/width variants, which would
    pull in Japanese/Korean/Traditional glyph variants.  Vertical metrics
    (vhea/vmtx/VORG) are dropped: the letters are set horizontally only.

Conversion
    After subsetting, the CFF outlines are converted to quadratic TrueType
    outlines, following fontTools' ``Snippets/otf2ttf.py``: every glyph is
    drawn through ``Cu2QuPen`` (max error 1.0 font unit, contour direction
    reversed to TrueType's clockwise convention) into a ``TTGlyphPen``; the
    'glyf' and 'loca' tables are added; 'CFF ' and 'VORG' are dropped; hmtx
    left side bearings are set to the new xMin; 'maxp' becomes version 1.0;
    'post' becomes format 2.  The glyphs are unhinted (fine for PDF output).
    The name table's family is renamed to "Noto Sans SC Subset" so the file
    is never mistaken for the full system font.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEFAULT_OUTPUT = REPO / "static" / "fonts" / "NotoSansSC-Regular-subset.ttf"
SC_POSTSCRIPT_NAME = "NotoSansCJKsc-Regular"

FAMILY_NAME = "Noto Sans SC Subset"
POSTSCRIPT_NAME = "NotoSansSCSubset-Regular"

# OpenType features kept.  Everything else (locl, vert, fwid, hwid, palt, ...)
# is removed together with the glyphs only they reach.
LAYOUT_FEATURES = ["kern", "liga", "ccmp", "calt", "mark", "mkmk"]

MAX_ERR = 1.0  # cu2qu approximation error, in font units (UPM is 1000)
REVERSE_DIRECTION = True
POST_FORMAT = 2.0

RMB_CAPITALS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"
EXTRAS = "–—‘’“”…·×•€¥✓☐☑"


def gb2312_characters() -> set[int]:
    """Every character of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                text = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return chars


def wanted_codepoints() -> set[int]:
    cps: set[int] = set()
    cps.update(range(0x20, 0x7F))  # printable ASCII
    cps.update(range(0xA0, 0xC0))  # Latin-1 punctuation and signs
    cps.update((0xD7, 0xF7))  # × ÷
    cps.update(gb2312_characters())
    cps.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps.update(range(0xFF00, 0xFFF0))  # half-width and full-width forms
    cps.update(ord(c) for c in EXTRAS)
    cps.update(ord(c) for c in RMB_CAPITALS)
    return cps


def load_sc_face(source: Path) -> TTFont:
    """Open the Simplified Chinese face of a .ttc (by its name table) or an .otf."""
    if source.suffix.lower() in (".ttc", ".otc"):
        collection = TTCollection(str(source), lazy=True)
        for number, face in enumerate(collection.fonts):
            if face["name"].getDebugName(6) == SC_POSTSCRIPT_NAME:
                return TTFont(str(source), fontNumber=number, recalcTimestamp=False)
        names = [face["name"].getDebugName(6) for face in collection.fonts]
        sys.exit(f"{source}: no face named {SC_POSTSCRIPT_NAME} (found {names})")
    return TTFont(str(source), recalcTimestamp=False)


def subset_font(font: TTFont, codepoints: set[int]) -> None:
    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = ["*"]  # keep copyright, licence, trademark, designer...
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)


def glyphs_to_quadratic(glyph_set) -> dict:
    quad_glyphs = {}
    for name in glyph_set:
        tt_pen = TTGlyphPen(glyph_set)
        cu2qu_pen = Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION)
        glyph_set[name].draw(cu2qu_pen)
        quad_glyphs[name] = tt_pen.glyph()
    return quad_glyphs


def otf_to_ttf(font: TTFont) -> None:
    """CFF -> glyf, after fontTools/Snippets/otf2ttf.py."""
    assert font.sfntVersion == "OTTO" and "CFF " in font, "expected a CFF font"
    glyph_order = font.getGlyphOrder()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(getattr(g, "components", None) or []) for g in glyf.glyphs.values()
    )
    maxp.compile(font)

    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    """Give the derivative its own family name (OFL-friendly, no clash)."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    name.setName(FAMILY_NAME, 1, 3, 1, 0x409)
    name.setName(FAMILY_NAME, 4, 3, 1, 0x409)
    name.setName(POSTSCRIPT_NAME, 6, 3, 1, 0x409)
    name.setName(f"{version.split(';')[0]};{POSTSCRIPT_NAME}", 3, 3, 1, 0x409)
    description = (
        "Subset of Noto Sans CJK SC Regular (GB 2312 + punctuation), "
        "converted to TrueType outlines by tools/build_font_subset.py"
    )
    name.removeNames(nameID=10)
    name.setName(description, 10, 3, 1, 0x409)  # nameID 10 = description


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    if not args.source.exists():
        sys.exit(f"{args.source} not found: apt-get install fonts-noto-cjk")

    font = load_sc_face(args.source)
    source_cmap = font.getBestCmap()
    wanted = wanted_codepoints()
    missing = sorted(cp for cp in wanted if cp not in source_cmap)
    needed = {ord(c) for c in RMB_CAPITALS} | (
        gb2312_characters() & set(range(0x4E00, 0xA000))
    )
    if any(cp in needed for cp in missing):
        sys.exit(
            "source font lacks required hanzi: "
            + " ".join(f"U+{cp:04X}" for cp in missing if cp in needed)
        )

    subset_font(font, wanted)
    otf_to_ttf(font)
    rename(font)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.output))

    out = TTFont(str(args.output))
    cmap = out.getBestCmap()
    kept = sorted(cp for cp in wanted if cp in source_cmap)
    lost = [cp for cp in kept if cp not in cmap]
    if lost or "glyf" not in out or "CFF " in out:
        sys.exit(f"bad output: {len(lost)} code points lost")
    size = args.output.stat().st_size
    print(
        f"wrote {args.output} ({size:,} bytes, {len(out.getGlyphOrder())} glyphs, "
        f"{len(cmap)} code points)"
    )
    if missing:
        print(
            "not in the source font, skipped: "
            + " ".join(f"U+{cp:04X}" for cp in missing),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
