"""The one list of guidance topics.

It drives the routes (a slug not listed here is a 404 before any file is
opened), the navigation, the index and the search. The words of each topic live
in ``content/<lang>/<slug>.md``; this file says only what exists and how it is
shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# Languages the articles are in; the site's URL prefixes.
CONTENT_LANGUAGES = ("zh-hans", "zh-hant", "en")
# Languages whose articles are not written but generated at build time, and
# from which language: content/zh-hant/ is made from content/zh-hans/ with
# OpenCC by tools/make_zh_hant.py (`make messages`) and is not in git.
GENERATED_FROM = {"zh-hant": "zh-hans"}
# The languages someone writes: what the content's own tests check word for word.
WRITTEN_LANGUAGES = tuple(lang for lang in CONTENT_LANGUAGES if lang not in GENERATED_FROM)


@dataclass(frozen=True)
class Topic:
    slug: str
    # A page-specific block shown after the article body ("timeline"), or "".
    feature: str = ""

    def path(self, language: str) -> Path:
        return CONTENT_DIR / language / f"{self.slug}.md"


# In reading order (each article's front matter carries the same ``order``).
TOPICS: tuple[Topic, ...] = (
    Topic("causes"),
    Topic("consequences", feature="timeline"),
    Topic("grace-and-penalty"),
    Topic("credit-cards"),
    Topic("negotiation"),
    Topic("several-debts"),
    Topic("checklist"),
    Topic("repayment-options"),
    Topic("rights"),
    Topic("credit-report"),
    Topic("court-papers"),
    Topic("debt-relief-agents"),
    Topic("myths"),
    Topic("prevention"),
    Topic("faq"),
)

BY_SLUG: dict[str, Topic] = {topic.slug: topic for topic in TOPICS}


def get_topic(slug: str) -> Topic | None:
    """The registered topic for ``slug``, or None. Never touches the disk."""
    return BY_SLUG.get(slug)
