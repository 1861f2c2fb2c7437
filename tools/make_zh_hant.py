#!/usr/bin/env python3
"""Make the Traditional Chinese (zh-hant) text from the Simplified (zh-hans) text.

A build step, run by ``make messages`` (so by ``make run`` and ``make test``):
the zh-hant words are never written by hand and never converted while a page
is being served. It reads whatever is on disk and writes two kinds of build
product, both git-ignored:

- ``locale/zh_Hant/LC_MESSAGES/django.po`` from ``locale/zh_Hans/...``: every
  msgstr converted, every msgid kept (English is the source language);
- ``guidance/content/zh-hant/<slug>.md`` from ``guidance/content/zh-hans/``:
  front matter values and body converted. OpenCC changes only Chinese
  characters, so slugs, section ids, ``calc:`` links, relative links and YAML
  keys come through untouched; the script checks that every ASCII character
  is where it was and refuses to write otherwise.

Usage (from the repository root)::

    .venv/bin/python tools/make_zh_hant.py          # write what is out of date
    .venv/bin/python tools/make_zh_hant.py --check  # exit 1 if anything is

``config/tests/test_zh_hant.py`` runs the same conversion in memory and fails
when a file on disk differs from it.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc
import yaml
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
SOURCE_CATALOG = REPO / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CATALOG = REPO / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"
SOURCE_ARTICLES = REPO / "guidance" / "content" / "zh-hans"
ARTICLES = REPO / "guidance" / "content" / "zh-hant"
# The search's phrasing table: its zh-hans part, for zh-hant queries.
SOURCE_SYNONYMS = REPO / "guidance" / "synonyms.yaml"
SYNONYMS = REPO / "guidance" / "synonyms-zh-hant.yaml"

# OpenCC's s2tw: Simplified to Traditional with the character forms of
# Taiwan's standard (為, 著, 裡, 吃, 核, 才, 群, 眾), and no change of words.
# - Not plain s2t: its "OpenCC standard" forms (爲, 喫, 覈, 纔, 羣, 衆, 麪) are
#   dictionary forms that readers in Taiwan, Hong Kong, Macau and abroad
#   rarely meet in print today; 爲 alone is on almost every line.
# - Not s2twp: it also swaps vocabulary (信息→資訊, 打印→列印, 软件→軟體),
#   which would rename the mainland laws, institutions and app menus the
#   reader has to find by their own names.
# - Not s2hk: Hong Kong forms (户, 説, 温, 台) read as odd elsewhere, while
#   the Taiwan forms are the ones most traditional-character readers,
#   Hong Kong included, see every day. The seed article that reached its
#   readers in traditional characters used them too (為, 隨著, 眾, 臺).
CONFIG = "s2tw"


@dataclass(frozen=True)
class Fix:
    """A phrase OpenCC gets wrong in this domain, and its right form."""

    simplified: str
    traditional: str
    why: str


# Checked by config/tests/test_zh_hant.py: each entry must still be needed
# (OpenCC still gets it wrong) and must be right.
FIXES: tuple[Fix, ...] = (
    Fix("银发〔", "銀發〔", "the central bank's document prefix (銀行發文), not silver hair"),
    Fix("天后", "天後", "“30天后” is thirty days later, not the goddess 天后"),
    Fix("收复利", "收複利", "计收复利 charges compound interest (複利), not 收復 (recapture)"),
    Fix("破产制度", "破產制度", "a bankruptcy system (制度), not 產製 (to produce)"),
    Fix("面签", "面簽", "signing in person (簽), not a bamboo slip (籤)"),
    Fix("发卡", "發卡", "a card issuer (发卡银行), not a hairpin (髮卡)"),
)

_CJK = re.compile(r"[^\x00-\x7f]")
GENERATED_NOTE = (
    "# Generated from zh-hans/{name} by tools/make_zh_hant.py (OpenCC {config}).\n"
    "# Do not edit: edit the zh-hans file and run `make messages`.\n"
)


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(CONFIG)


def to_traditional(text: str) -> str:
    """``text`` in traditional characters; anything not Chinese is left as it is."""
    converted = _converter().convert(text)
    for fix in FIXES:
        wrong = _converter().convert(fix.simplified)
        converted = converted.replace(wrong, fix.traditional)
    return converted


def _same_skeleton(before: str, after: str) -> bool:
    """True when every ASCII character (markup, ids, links, keys) is unchanged."""
    return _CJK.sub("", before) == _CJK.sub("", after)


class ConversionError(Exception):
    """OpenCC changed something it must not have (markup, ids, links)."""


def _checked(source: str, where: str) -> str:
    converted = to_traditional(source)
    if not _same_skeleton(source, converted):
        raise ConversionError(f"{where}: the conversion changed characters outside Chinese text")
    return converted


def convert_article(source: str, name: str) -> str:
    """A zh-hans article file (front matter and Markdown) in traditional characters.

    A note that the file is generated goes first in the front matter, as a
    YAML comment, so nobody edits the copy instead of the source.
    """
    if not source.startswith("---\n"):
        raise ConversionError(f"zh-hans/{name}: no front matter")
    converted = _checked(source, f"zh-hans/{name}")
    note = GENERATED_NOTE.format(name=name, config=CONFIG)
    return "---\n" + note + converted[len("---\n"):]


def convert_catalog(source: bytes) -> bytes:
    """The zh_Hans catalog with every msgstr converted and every msgid kept."""
    catalog = read_po(io.BytesIO(source), locale="zh_Hans")
    catalog.locale = "zh_Hant"
    catalog.language_team = "Traditional Chinese (generated from zh_Hans with OpenCC)"
    for message in catalog:
        if not message.id:
            continue  # the header: written from the catalog's fields above
        where = f"msgstr of {message.id!r}"
        if isinstance(message.string, tuple | list):
            message.string = tuple(_checked(s, where) for s in message.string)
        else:
            message.string = _checked(message.string, where)
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False)
    return out.getvalue()


def convert_synonyms(source: str) -> str:
    """The zh-hans part of the search's phrasing table, as the zh-hant part."""
    part = yaml.safe_load(source)["zh-hans"]
    converted = {
        "fillers": [_checked(word, "synonyms.yaml") for word in part.get("fillers") or ()],
        "synonyms": {
            _checked(phrase, "synonyms.yaml"): [_checked(w, "synonyms.yaml") for w in words or ()]
            for phrase, words in (part.get("synonyms") or {}).items()
        },
    }
    note = (f"# Generated from the zh-hans part of synonyms.yaml by tools/make_zh_hant.py "
            f"(OpenCC {CONFIG}).\n# Do not edit: edit synonyms.yaml and run `make messages`.\n")
    return note + yaml.safe_dump({"zh-hant": converted}, allow_unicode=True, sort_keys=False)


def outputs() -> dict[Path, bytes]:
    """Every generated file and the bytes it should hold, from what is on disk now."""
    wanted = {CATALOG: convert_catalog(SOURCE_CATALOG.read_bytes())}
    wanted[SYNONYMS] = convert_synonyms(SOURCE_SYNONYMS.read_text(encoding="utf-8")).encode()
    for source in sorted(SOURCE_ARTICLES.glob("*.md")):
        text = convert_article(source.read_text(encoding="utf-8"), source.name)
        wanted[ARTICLES / source.name] = text.encode("utf-8")
    return wanted


def leftovers() -> list[Path]:
    """Generated articles whose zh-hans source no longer exists."""
    sources = {path.name for path in SOURCE_ARTICLES.glob("*.md")}
    return sorted(path for path in ARTICLES.glob("*.md") if path.name not in sources)


def out_of_date() -> list[Path]:
    """Generated files that are missing, different from a fresh conversion, or left over."""
    stale = [
        path for path, content in outputs().items()
        if not path.exists() or path.read_bytes() != content
    ]
    return stale + leftovers()


def write() -> list[Path]:
    """Write what is out of date; return the paths written or removed."""
    changed = []
    for path, content in outputs().items():
        if path.exists() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        changed.append(path)
    for path in leftovers():
        path.unlink()
        changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if out of date")
    args = parser.parse_args(argv)
    if args.check:
        stale = out_of_date()
        for path in stale:
            print(f"out of date: {path.relative_to(REPO)}", file=sys.stderr)
        return 1 if stale else 0
    changed = write()
    print(f"zh-hant ({CONFIG}, OpenCC {opencc.__version__}): "
          f"{len(outputs())} files, {len(changed)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
